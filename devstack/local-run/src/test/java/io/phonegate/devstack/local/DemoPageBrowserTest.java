package io.phonegate.devstack.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at the demo page in headless Chromium (Debian's chromium and chromium-driver,
 * which ./run-tests.sh installs where missing): types a number, reads the code from the
 * SMS inbox, types it, presses Enter, and sees the ID token's claims. The page runs on
 * {@code @phonegate/client} (its copy in the gateway's static/phonegate-client/).
 *
 * <p>WebOTP: every page load records the page's {@code navigator.credentials.get({otp})}
 * requests (and passes them on to Chromium's own). A desktop browser has no SMS to read, so
 * {@link #webOtpFillsTheCodeFromTheSmsAndSignsIn} puts a stand-in for the phone's part
 * behind that call: given the text of the SMS, it answers the code when the text's
 * origin-bound last line ({@code @host #code}) names the page's host, as Chrome on Android does.
 */
@Order(2)
@ExtendWith(SharedLocalStack.class)
class DemoPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Records the page's WebOTP requests and whether they were aborted (with a stand-in installed, answers
     * them), and everything the page's Content-Security-Policy blocked.
     */
    private static final String WEB_OTP_PROBE = """
            (() => {
              const blocked = window.cspViolations = [];
              document.addEventListener("securitypolicyviolation",
                event => blocked.push(event.violatedDirective + " " + event.blockedURI));
              const seen = window.webOtpSeen = { transports: [], aborted: 0 };
              const credentials = navigator.credentials;
              const browsers = credentials.get.bind(credentials);
              credentials.get = options => {
                if (options && options.otp) {
                  seen.transports.push(options.otp.transport);
                  if (options.signal) options.signal.addEventListener("abort", () => { seen.aborted++; });
                  if (window.webOtpStandIn) return window.webOtpStandIn(options);
                }
                return browsers(options);
              };
            })();
            """;

    /** The phone's part of WebOTP: {@code deliverSms(text)} answers the pending request as Chrome on Android would. */
    private static final String WEB_OTP_STAND_IN = """
            window.webOtpStandIn = options => new Promise((resolve, reject) => {
              options.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
              window.deliverSms = text => {
                const line = /^@([^\\s]+) #([0-9]{4,10})$/.exec(text.trim().split("\\n").pop());
                if (line && line[1] === location.hostname) resolve({ type: "otp", id: "", code: line[2] });
              };
            });
            """;

    private final LocalStack stack;
    private ChromeDriver browser;
    private Path profile;

    DemoPageBrowserTest(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium; ./run-tests.sh does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("phonegate-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WEB_OTP_PROBE));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        List<?> blocked = browser == null ? List.of() : (List<?>) browser.executeScript("return window.cspViolations");
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        assertThat(blocked).as("what the page's Content-Security-Policy blocked").isEmpty();
    }

    @Test
    void personSignsUpOnTheDemoPageAndSeesTheirClaims() {
        String phone = Phonegate.newPhoneNumber();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(stack.gatewayUri() + "/");

        WebElement phoneField = browser.findElement(By.id("phone"));
        assertThat(phoneField.getAttribute("type")).isEqualTo("tel");
        assertThat(phoneField.getAttribute("autocomplete")).isEqualTo("tel");
        assertThat(browser.findElement(By.id("start-button")).getCssValue("background-color"))
                .as("the page's style sheet applies under its policy").isEqualTo("rgba(36, 86, 214, 1)");
        phoneField.sendKeys(phone, Keys.ENTER);

        WebElement codeField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        assertThat(codeField.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(codeField.getAttribute("inputmode")).isEqualTo("numeric");
        String code = Phonegate.codeIn(new Phonegate(stack).awaitSms(phone, 1));
        codeField.sendKeys(code, Keys.ENTER);

        WebElement claims = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertThat(claims.getText()).contains("phone_number " + phone).contains("phone_number_verified true");
        assertThat(browser.findElement(By.id("welcome")).getText()).contains(phone).contains("verified");
        assertThat(webOtpSeen()).as("asked for the SMS once, and let go when the code was typed")
                .containsEntry("transports", List.of(List.of("sms"))).containsEntry("aborted", 1L);
    }

    @Test
    void webOtpFillsTheCodeFromTheSmsAndSignsIn() {
        String phone = Phonegate.newPhoneNumber();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WEB_OTP_STAND_IN));
        // localhost: the host the devstack's texts name on their origin-bound line.
        browser.get("http://localhost:" + stack.gatewayUri().getPort() + "/");
        browser.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));

        browser.executeScript("window.deliverSms(arguments[0])", new Phonegate(stack).awaitSms(phone, 1).message());

        WebElement claims = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertThat(claims.getText()).contains("phone_number " + phone).contains("phone_number_verified true");
        assertThat(webOtpSeen()).containsEntry("transports", List.of(List.of("sms")));
    }

    @Test
    void wrongCodeIsShownPlainly() {
        String phone = Phonegate.newPhoneNumber();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(stack.gatewayUri() + "/");
        browser.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        WebElement codeField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        String code = Phonegate.codeIn(new Phonegate(stack).awaitSms(phone, 1));

        codeField.sendKeys(code.equals("000000") ? "111111" : "000000", Keys.ENTER);

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        wait.until(ExpectedConditions.textToBePresentInElement(message, "Attempts left: 2"));
        assertThat(message.getAttribute("class")).contains("error");
    }

    @Test
    void theCodesDeliveryIsShownAndSendAgainTextsANewOne() {
        String phone = Phonegate.newPhoneNumber();
        Phonegate client = new Phonegate(stack);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(stack.gatewayUri() + "/");
        browser.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));

        WebElement status = browser.findElement(By.id("delivery-status"));
        wait.until(ExpectedConditions.attributeToBe(status, "data-status", "sent"));
        assertThat(status.getText()).isEqualTo("Your code was sent.");
        WebElement sendAgain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resend-button")));
        String firstCode = Phonegate.codeIn(client.awaitSms(phone, 1));
        sendAgain.click();

        // The text can arrive before the page has its answer (the start floor delays the 202): wait for the page.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "A new code is on its way"));
        String secondCode = Phonegate.codeIn(client.awaitSms(phone, 2));
        wait.until(ExpectedConditions.attributeToBe(status, "data-status", "sent"));
        browser.findElement(By.id("code")).sendKeys(secondCode, Keys.ENTER);
        WebElement claims = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertThat(claims.getText()).contains("phone_number " + phone);
        assertThat(secondCode).as("a new code").isNotEqualTo(firstCode);
    }

    /** The shared stack checks US numbers with Turnstile's stand-in: its widget is a button that hands out a token. */
    @Test
    void theBotCheckWidgetIsShownAndItsTokenLetsAUsNumberStart() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(stack.gatewayUri() + "/");
        WebElement widget = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#bot-check button.siteverify-standin")));
        String phone = "+1201555" + (1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8999));

        browser.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        wait.until(ExpectedConditions.textToBePresentInElement(message, "complete the check"));
        assertThat(browser.findElement(By.id("verify-form")).isDisplayed()).isFalse();

        widget.click();
        browser.findElement(By.id("start-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        assertThat(Phonegate.codeIn(new Phonegate(stack).awaitSms(phone, 1))).hasSize(6);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> webOtpSeen() {
        return (Map<String, Object>) browser.executeScript("return window.webOtpSeen");
    }
}
