// The demo page's script; a file of its own, as the page's Content-Security-Policy allows no inline script.
// The page's whole logic, on @phonegate/client (clients/js). phonegate-client/ is a committed copy of
// that package's build; its tests fail when the copy is stale (npm run demo:copy).
import { PhonegateClient, PhonegateSession, ProblemError, RateLimitedError, StartAgainError, TimeoutError,
  WrongCodeError } from "./phonegate-client/index.js";

const client = new PhonegateClient({ baseUrl: location.origin });
const session = new PhonegateSession(client);
const $ = id => document.getElementById(id);
const state = { phone: null, challenge: null, resendAfter: null, botToken: null };
let webOtp = null;
let watch = null;
const botCheck = { widget: null, id: null };

function show(kind, text) {
  const box = $("message");
  box.textContent = text;
  box.className = "message " + kind;
  box.hidden = !text;
}

function step(name) {
  if (name !== "verify") { stopWebOtp(); stopWatching(); }
  $("start-form").hidden = name !== "start";
  $("verify-form").hidden = name !== "verify";
  $("signed-in").hidden = name !== "signed-in";
  if (name === "start") $("phone").focus();
  if (name === "verify") { $("code").value = ""; $("code").focus(); }
}

function errorText(error) {
  if (error instanceof ProblemError && error.type === "bot-check-failed") {
    return "Please complete the check above (it tells us you are not a robot), then try again.";
  }
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

// The bot check, when the gateway asks for one: its widget is rendered above the start button, and the token
// it hands over goes with the next start (one token, one start). The server decides whether a number needs
// it; the page sends one whenever it has one.
async function setUpBotCheck() {
  let config;
  try {
    config = await client.botCheck();
  } catch {
    return; // no widget: a start that needs one is refused with a message saying so
  }
  if (config.provider === "none") return;
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = config.scriptUrl;
    script.async = true;
    script.onload = resolve;
    script.onerror = () => reject(new Error("the bot check's script did not load"));
    document.head.appendChild(script);
  }).catch(error => show("error", error.message));
  const widget = await waitFor(() => window[config.widget] && typeof window[config.widget].render === "function"
      ? window[config.widget] : null);
  if (!widget) return;
  const container = $("bot-check");
  container.hidden = false;
  botCheck.widget = widget;
  botCheck.id = widget.render(container, {
    sitekey: config.siteKey,
    callback: token => { state.botToken = token; },
    "expired-callback": () => { state.botToken = null; },
  });
}

async function waitFor(probe, tries = 50) {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return null;
}

/** A token is good for one start: after each, the widget is solved again. */
function spendBotToken() {
  const token = state.botToken;
  state.botToken = null;
  if (botCheck.widget && token) botCheck.widget.reset(botCheck.id);
  return token;
}

async function startLogin(phone) {
  const options = { locale: (navigator.language || "en").slice(0, 2) };
  const token = spendBotToken();
  if (token) options.botToken = token;
  const started = await client.start(phone, options);
  state.phone = phone;
  state.challenge = started.challenge;
  state.resendAfter = started.resendAfter;
  $("code").maxLength = started.codeLength;
  $("code-hint").textContent = "We sent a " + started.codeLength + "-digit code. It works until "
      + started.expiresAt.toLocaleTimeString() + ".";
  show("info", "Code sent. Check your messages.");
  step("verify");
  listenForSmsCode();
  watchDelivery();
}

$("start-form").addEventListener("submit", async event => {
  event.preventDefault();
  const phone = $("phone").value.trim();
  if (!phone) { show("error", "Type your phone number."); return; }
  $("start-button").disabled = true;
  try {
    await startLogin(phone);
  } catch (error) {
    show("error", errorText(error));
  } finally {
    $("start-button").disabled = false;
  }
});

// Delivery status: asked with a growing interval (1 s, 2 s, 4 s, at most 8 s) while the code form is shown,
// until the text is sent, failed or the code expired. "Send again" appears once the resend time has come.
const STATUS_TEXT = {
  queued: "Sending your code…",
  sent: "Your code was sent.",
  expired: "This code has expired. Ask for a new one.",
};

function showStatus(status, detail) {
  const line = $("delivery-status");
  line.dataset.status = status;
  line.textContent = status === "failed" ? "Your code could not be sent. " + detail : STATUS_TEXT[status] || "";
}

function watchDelivery() {
  stopWatching();
  const current = { stopped: false, timers: [] };
  watch = current;
  showStatus("queued");
  $("resend-button").hidden = true;
  const resendIn = Math.max(0, state.resendAfter.getTime() - Date.now());
  current.timers.push(setTimeout(() => { if (!current.stopped) $("resend-button").hidden = false; }, resendIn));
  let wait = 1000;
  const poll = async () => {
    if (current.stopped) return;
    let done = false;
    try {
      const delivery = await client.status(state.challenge);
      if (current.stopped) return;
      showStatus(delivery.status, delivery.detail);
      done = delivery.status !== "queued";
      if (delivery.status === "expired" || delivery.status === "failed") {
        if (Date.now() >= state.resendAfter.getTime()) $("resend-button").hidden = false;
      }
    } catch {
      // Not known now (the server is busy or out of reach): asked again later, the code form still works.
    }
    if (!done) {
      current.timers.push(setTimeout(poll, wait));
      wait = Math.min(wait * 2, 8000);
    }
  };
  current.timers.push(setTimeout(poll, 500));
}

function stopWatching() {
  if (!watch) return;
  watch.stopped = true;
  watch.timers.forEach(clearTimeout);
  watch = null;
}

$("resend-button").addEventListener("click", async () => {
  $("resend-button").disabled = true;
  try {
    await startLogin(state.phone);
    show("info", "A new code is on its way.");
  } catch (error) {
    show("error", errorText(error));
    if (error instanceof ProblemError && error.type === "bot-check-failed") step("start");
  } finally {
    $("resend-button").disabled = false;
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
setUpBotCheck();
