// The demo page's script; a file of its own, as the page's Content-Security-Policy allows no inline script.
// The page's whole logic, on @phonegate/client (clients/js). phonegate-client/ is a committed copy of
// that package's build; its tests fail when the copy is stale (npm run demo:copy).
import { PhonegateClient, PhonegateSession, ProblemError, RateLimitedError, StartAgainError, TimeoutError,
  WrongCodeError } from "./phonegate-client/index.js";

const client = new PhonegateClient({ baseUrl: location.origin });
const session = new PhonegateSession(client);
const $ = id => document.getElementById(id);
const state = { phone: null, challenge: null };
let webOtp = null;

function show(kind, text) {
  const box = $("message");
  box.textContent = text;
  box.className = "message " + kind;
  box.hidden = !text;
}

function step(name) {
  if (name !== "verify") stopWebOtp();
  $("start-form").hidden = name !== "start";
  $("verify-form").hidden = name !== "verify";
  $("signed-in").hidden = name !== "signed-in";
  if (name === "start") $("phone").focus();
  if (name === "verify") { $("code").value = ""; $("code").focus(); }
}

function errorText(error) {
  if (error instanceof ProblemError) {
    let text = error.detail || error.title || "The server answered " + error.status + ".";
    if (error instanceof RateLimitedError && error.retryAfter) text += " Try again in " + error.retryAfter + " s.";
    return text;
  }
  if (error instanceof TimeoutError) return "The server did not answer in time. Try again.";
  return "Could not reach the server: " + error.message;
}

function decodeClaims(jwt) {
  const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(payload), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

// WebOTP: on phones that support it (Chrome on Android), the browser reads the SMS's last line
// "@host #code" when host is this page's host, and offers the code. The request is aborted as soon as
// the person types the code themselves, starts over or signs in, so typing always works.
function listenForSmsCode() {
  stopWebOtp();
  if (!("OTPCredential" in window)) return;
  webOtp = new AbortController();
  navigator.credentials.get({ otp: { transport: ["sms"] }, signal: webOtp.signal })
    .then(otp => {
      if (otp && otp.code && !$("verify-form").hidden) {
        $("code").value = otp.code;
        $("verify-form").requestSubmit();
      }
    })
    .catch(() => { /* aborted, refused or unsupported here: the person types the code */ });
}

function stopWebOtp() {
  if (webOtp) webOtp.abort();
  webOtp = null;
}

$("start-form").addEventListener("submit", async event => {
  event.preventDefault();
  const phone = $("phone").value.trim();
  if (!phone) { show("error", "Type your phone number."); return; }
  $("start-button").disabled = true;
  try {
    const started = await client.start(phone, { locale: (navigator.language || "en").slice(0, 2) });
    state.phone = phone;
    state.challenge = started.challenge;
    $("code").maxLength = started.codeLength;
    $("code-hint").textContent = "We sent a " + started.codeLength + "-digit code. It works until "
        + started.expiresAt.toLocaleTimeString() + ".";
    show("info", "Code sent. Check your messages.");
    step("verify");
    listenForSmsCode();
    // DELIVERY STATUS goes here (issue 15, item 1), once the gateway answers
    // GET /v1/auth/challenges/{challenge}/status: poll client.status(state.challenge) while the verify
    // form is shown, show queued / sent / failed (with its reason) / expired in the code hint, and offer
    // "send again" (a new start) when it failed or expired and started.resendAfter has passed.
  } catch (error) {
    show("error", errorText(error));
  } finally {
    $("start-button").disabled = false;
  }
});

$("verify-form").addEventListener("submit", async event => {
  event.preventDefault();
  stopWebOtp();
  const code = $("code").value.trim();
  if (!/^[0-9]+$/.test(code)) { show("error", "The code is digits only."); return; }
  $("verify-button").disabled = true;
  try {
    const tokens = await client.verify(state.phone, state.challenge, code);
    await session.setTokens(tokens);
    const claims = decodeClaims(tokens.idToken);
    const table = $("claims");
    table.textContent = "";
    Object.keys(claims).sort().forEach(name => {
      const row = table.insertRow();
      row.insertCell().textContent = name;
      const value = claims[name];
      row.insertCell().textContent = typeof value === "object" ? JSON.stringify(value) : String(value);
    });
    $("welcome").textContent = "Signed in as " + (claims.phone_number || claims["cognito:username"])
        + (claims.phone_number_verified === true || claims.phone_number_verified === "true" ? " (verified)." : ".");
    show("", "");
    step("signed-in");
  } catch (error) {
    if (error instanceof WrongCodeError) {
      state.challenge = error.challenge;
      $("code").value = "";
      show("error", errorText(error) + " Attempts left: " + error.attemptsLeft + ".");
    } else if (error instanceof StartAgainError) {
      show("error", errorText(error));
      step("start");
    } else {
      show("error", errorText(error));
    }
  } finally {
    $("verify-button").disabled = false;
  }
});

$("restart-button").addEventListener("click", () => { show("", ""); step("start"); });

$("logout-button").addEventListener("click", async () => {
  try {
    await session.signOut();
    show("info", "Signed out.");
  } catch (error) {
    show("error", "Signed out here, but the server did not revoke the session: " + errorText(error));
  }
  step("start");
});

step("start");
