// The customer widget in Debian's chromium, driven by playwright-core: merchant pages (served here,
// on http://localhost:PORT and, as a disallowed site, http://127.0.0.1:PORT) load widget.js from a
// Sluice instance started by WidgetBrowserIT, which passes where everything is in the environment.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; WidgetBrowserIT starts these tests`);
  return value;
};
const SLUICE_A = env("SLUICE_A_URL");       // instance A, public URL http://localhost:<port>
const SLUICE_B = env("SLUICE_B_URL");       // instance B, public URL http://127.0.0.1:<port>: another host
const BUSINESS = env("SLUICE_BUSINESS");
const BUSINESS_TOKEN = env("SLUICE_BUSINESS_TOKEN");
const PROCESSOR_TOKEN = env("SLUICE_PROCESSOR_TOKEN");
const SCREENSHOTS = env("SLUICE_SCREENSHOTS");
const CHROMIUM = process.env.SLUICE_CHROMIUM || "/usr/bin/chromium";
const SHOP = "https://shop.example.test";
const ADDRESS = "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174";
const STATUS_WITHIN_MS = 2000;

let browser;
let merchant;
let merchantPort;

async function api(base, method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function widget(renderMode, extra = {}) {
  return api(SLUICE_A, "POST", `/api/v1/businesses/${BUSINESS}/widgets/create-widget`, BUSINESS_TOKEN, {
    name: `Test shop (${renderMode})`, mode: "CUSTOMER_AMOUNT", minAmount: "10", maxAmount: "1000",
    allowedNetworks: ["polygon", "ethereum"], allowedCurrencies: ["USDC", "USDT"],
    defaultNetwork: "polygon", defaultCurrency: "USDC",
    allowedDomains: ["localhost"], renderMode,
    successUrl: `${SHOP}/thanks`, cancelUrl: `${SHOP}/cancelled`, ...extra
  });
}

let observationCount = 0;
/** Reports an observation to `base` and returns when its answer came (the commit). */
async function observe(base, sessionId, kind, extra = {}) {
  observationCount += 1;
  await api(base, "POST", `/api/v1/deposit-sessions/${sessionId}/observations`, PROCESSOR_TOKEN, {
    observationId: `obs_browser_${sessionId}_${observationCount}`, kind, txId: "0xfeed" + sessionId.slice(-8),
    confirmations: kind === "CONFIRMED" ? 12 : 1, ...extra
  });
  return Date.now();
}

/** The merchant's page: widget.js from `sluice`, a pay button, and what onStatus/onClose received. */
function shopPage(sluice) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test shop</title>
<script src="${sluice}/widget.js"></script></head><body><main><h1>Test shop</h1>
<button id="pay" type="button">Pay with crypto</button></main>
<script>
window.sessions = []; window.closes = 0;
document.getElementById("pay").addEventListener("click", function () {
  Sluice.open(Object.assign({}, window.shopOptions, {
    onStatus: function (s) { window.sessions.push(s); },
    onClose: function () { window.closes += 1; }
  }));
});
</script></body></html>`;
}

async function openShop(context, host, sluice, options) {
  const page = await context.newPage();
  await page.goto(`http://${host}:${merchantPort}/shop?sluice=${encodeURIComponent(sluice)}`);
  await page.evaluate((o) => { window.shopOptions = o; }, options);
  return page;
}

/** A merchant page on `host` with an IFRAME widget's button pressed: the page and the payment frame. */
async function openOverlay(context, host, sluice, w, extra = {}) {
  const page = await openShop(context, host, sluice,
    { widgetId: w.id, clientSecret: w.clientSecret, depositAddress: ADDRESS, ...extra });
  await page.click("#pay");
  return { page, frame: page.frameLocator("iframe[title=Payment]") };
}

/** The session the shop's onStatus heard of first. */
async function firstSessionId(page) {
  await page.waitForFunction(() => window.sessions.length > 0);
  return page.evaluate(() => window.sessions[0].id);
}

const statuses = (page) => page.evaluate(() => window.sessions.map((s) => s.paymentStatus));

async function waitForStatus(page, status, since) {
  await page.waitForFunction((s) => window.sessions.some((x) => x.paymentStatus === s), status,
    { timeout: STATUS_WITHIN_MS });
  return Date.now() - since;
}

async function shot(page, name) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function newContext(options = {}) {
  const context = await browser.newContext(options);
  // the shop's own pages behind successUrl and cancelUrl; nothing leaves this machine
  await context.route(`${SHOP}/**`, (route) => route.fulfill({
    status: 200, contentType: "text/html", body: `<!doctype html><title>Shop</title><h1>${route.request().url()}</h1>`
  }));
  return context;
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  merchant = http.createServer((req, res) => {
    const url = new URL(req.url, "http://shop");
    if (url.pathname !== "/shop") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(shopPage(url.searchParams.get("sluice")));
  });
  await new Promise((resolve) => merchant.listen(0, "127.0.0.1", resolve));
  merchantPort = merchant.address().port;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"]
  });
});

after(async () => {
  await browser?.close();
  merchant?.close();
});

describe("the customer widget on an allowed site", () => {
  test("IFRAME: the customer enters an amount, pays, and page and shop follow PENDING then CONFIRMED", async () => {
    const w = await widget("IFRAME");
    const context = await newContext();
    const { page, frame } = await openOverlay(context, "localhost", SLUICE_A, w, { customerReference: "order_iframe" });
    await frame.locator("#amount").fill("25.50");
    await shot(page, "01-iframe-form");
    await frame.locator("#submit").click();
    await frame.locator("#pay-address").waitFor();
    assert.equal(await frame.locator("#pay-amount").textContent(), "25.50");
    assert.equal(await frame.locator("#pay-currency").textContent(), "USDC");
    assert.equal(await frame.locator("#pay-network").textContent(), "polygon");
    assert.equal(await frame.locator("#pay-address").textContent(), ADDRESS);
    assert.match(await frame.locator("#countdown").textContent(), /^(29|30):\d\d$/);
    const sessionId = await firstSessionId(page);
    await shot(page, "02-iframe-payment");

    const pendingAfter = await waitForStatus(page, "PENDING", await observe(SLUICE_A, sessionId, "DETECTED"));
    await frame.locator("#status", { hasText: "Payment seen" }).waitFor({ timeout: STATUS_WITHIN_MS });
    const confirmedAfter = await waitForStatus(page, "CONFIRMED",
      await observe(SLUICE_A, sessionId, "CONFIRMED", { amountReceived: "25.50" }));
    await frame.locator("#done-heading", { hasText: "Thank you" }).waitFor({ timeout: STATUS_WITHIN_MS });
    assert.equal(await frame.locator("#success-link").getAttribute("href"), `${SHOP}/thanks`);
    await shot(page, "03-iframe-confirmed");
    console.log(`IFRAME: PENDING on the page ${pendingAfter} ms, CONFIRMED ${confirmedAfter} ms after the commit`);

    assert.deepEqual(await statuses(page), ["CREATED", "PENDING", "CONFIRMED"]);
    const merchantDom = await page.content();
    assert.ok(!/wdgt_secret_|dep_secret_/.test(merchantDom), "no secret in the merchant page's DOM");
    assert.ok(!(await page.evaluate(() => JSON.stringify(window.sessions))).includes("secret"), "no secret in onStatus");
    assert.equal(await page.locator("iframe[title=Payment]").getAttribute("src"), `${SLUICE_A}/pay/${w.id}`);
    await context.close();
  });

  test("POPUP: the hosted page opens in a window, fits 360 px, passes axe, and reports every change", async () => {
    const w = await widget("POPUP");
    const context = await newContext();
    const page = await openShop(context, "localhost", SLUICE_A,
      { widgetId: w.id, clientSecret: w.clientSecret, depositAddress: ADDRESS });
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#pay")]);
    await popup.setViewportSize({ width: 360, height: 780 });
    await popup.locator("#amount").waitFor();
    await assertAccessible(popup, "the form");
    await popup.locator("#amount").fill("100");
    await popup.locator("#network").selectOption("ethereum");
    await popup.locator("#submit").click();
    await popup.locator("#pay-address").waitFor();
    assert.equal(await popup.locator("#pay-network").textContent(), "ethereum");
    await popup.locator("#qr").evaluate((img) => img.decode());
    await shot(popup, "04-popup-payment-360px");
    const width = await popup.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(width[0] <= 360 && width[0] <= width[1], `no horizontal scroll at 360 px: ${width}`);
    await assertAccessible(popup, "the payment screen");
    await popup.locator("#copy").click();
    await popup.locator("#copied").filter({ hasText: /./ }).waitFor();

    const sessionId = await firstSessionId(page);
    await waitForStatus(page, "PENDING", await observe(SLUICE_A, sessionId, "DETECTED"));
    await popup.locator("#status", { hasText: "Payment seen" }).waitFor({ timeout: STATUS_WITHIN_MS });
    await waitForStatus(page, "UNDERPAID", await observe(SLUICE_A, sessionId, "CONFIRMED", { amountReceived: "60" }));
    await popup.locator("#due", { hasText: "Still due: 40 USDC" }).waitFor({ timeout: STATUS_WITHIN_MS });
    await shot(popup, "05-popup-underpaid");
    await assertAccessible(popup, "the underpaid screen");
    // the page closes its own window from the click's handler, which may end the click action with
    // "Target page ... has been closed": a closed window is what this step expects, any other failure is not
    const closed = popup.waitForEvent("close");
    await popup.locator("#close").click().catch((e) => {
      if (!popup.isClosed()) {
        throw e;
      }
    });
    await closed;
    await page.waitForFunction(() => window.closes === 1);
    assert.deepEqual(await statuses(page), ["CREATED", "PENDING", "UNDERPAID"]);
    await context.close();
  });

  test("an amount below the minimum is shown at its field, and nothing is created", async () => {
    const w = await widget("IFRAME");
    const context = await newContext();
    const { page, frame } = await openOverlay(context, "localhost", SLUICE_A, w);
    await frame.locator("#amount").fill("5");
    await frame.locator("#submit").click();
    await frame.locator("#amount-error").filter({ hasText: "at least 10" }).waitFor();
    assert.equal(await frame.locator("#amount").getAttribute("aria-invalid"), "true");
    assert.ok(await frame.locator("#payment").isHidden());
    await shot(page, "06-below-minimum");
    const sessions = await api(SLUICE_A, "GET", `/api/v1/widgets/${w.id}/deposit-sessions`, BUSINESS_TOKEN);
    assert.equal(sessions.data.length, 0);
    await context.close();
  });

  test("cancel cancels the session and leads the shop's page to cancelUrl", async () => {
    const w = await widget("IFRAME");
    const context = await newContext();
    const { page, frame } = await openOverlay(context, "localhost", SLUICE_A, w, { amount: "42" });
    // the amount is given; currency and network are the customer's choice, defaults preselected
    await frame.locator("#submit").waitFor();
    assert.ok(await frame.locator("#amount").isHidden());
    assert.equal(await frame.locator("#currency").inputValue(), "USDC");
    await frame.locator("#submit").click();
    await frame.locator("#pay-address").waitFor();
    const sessionId = await firstSessionId(page);
    await Promise.all([page.waitForURL(`${SHOP}/cancelled`), frame.locator("#cancel").click()]);
    const session = await api(SLUICE_A, "GET", `/api/v1/widgets/deposit-sessions/${sessionId}`, BUSINESS_TOKEN);
    assert.equal(session.paymentStatus, "EXPIRED");
    assert.ok(session.cancelledAt);
    await context.close();
  });
});

describe("Sluice on its own host, with more than one instance", () => {
  test("a page served by instance B (127.0.0.1) follows a payment committed on instance A", async () => {
    const w = await widget("IFRAME");
    const context = await newContext();
    const { page, frame } = await openOverlay(context, "localhost", SLUICE_B, w);
    await frame.locator("#amount").fill("10");
    await frame.locator("#submit").click();
    await frame.locator("#pay-address").waitFor();
    const sessionId = await firstSessionId(page);

    const pendingAfter = await waitForStatus(page, "PENDING", await observe(SLUICE_A, sessionId, "DETECTED"));
    const confirmedAfter = await waitForStatus(page, "CONFIRMED",
      await observe(SLUICE_A, sessionId, "CONFIRMED", { amountReceived: "10" }));
    await frame.locator("#done-heading", { hasText: "Thank you" }).waitFor({ timeout: STATUS_WITHIN_MS });
    console.log(`across instances: PENDING ${pendingAfter} ms, CONFIRMED ${confirmedAfter} ms after the commit`);
    assert.equal(await page.locator("iframe[title=Payment]").getAttribute("src"), `${SLUICE_B}/pay/${w.id}`);
    await context.close();
  });
});

describe("a site the widget does not allow", () => {
  test("IFRAME and POPUP widgets refuse, the page cannot be framed, and a forged opener is refused too", async () => {
    const framed = await widget("IFRAME");
    const popped = await widget("POPUP");
    const context = await newContext();

    for (const w of [framed, popped]) {
      const page = await openShop(context, "127.0.0.1", SLUICE_A,
        { widgetId: w.id, clientSecret: w.clientSecret, depositAddress: ADDRESS });
      let popups = 0;
      page.on("popup", () => { popups += 1; });
      await page.click("#pay");
      await page.locator("[data-sluice-refusal]", { hasText: "not allowed" }).waitFor();
      await shot(page, `07-refused-${w.renderMode.toLowerCase()}`);
      assert.equal(popups, 0);
      await page.close();
    }

    // framing the hosted page directly: the browser refuses by its frame-ancestors
    const page = await openShop(context, "127.0.0.1", SLUICE_A, {});
    await page.evaluate((src) => new Promise((resolve) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.addEventListener("load", resolve);
      document.body.appendChild(frame);
    }), `${SLUICE_A}/pay/${framed.id}`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const rendered = await frame.evaluate(() => document.getElementById("app") !== null).catch(() => false);
    assert.equal(rendered, false, "the hosted page must not render inside a disallowed site");

    // a page that skips widget.js and opens the hosted page itself still gets domain_not_allowed
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate(({ src, options }) => {
      const win = window.open(src, "forged", "popup");
      window.addEventListener("message", (event) => {
        if (event.source === win && event.data && event.data.type === "sluice:ready") {
          win.postMessage({ type: "sluice:options", options }, new URL(src).origin);
        }
      });
    }, { src: `${SLUICE_A}/pay/${popped.id}`,
      options: { widgetId: popped.id, clientSecret: popped.clientSecret, amount: "20", depositAddress: ADDRESS } })]);
    await popup.locator("#refusal-text", { hasText: "not allowed" }).waitFor();
    await shot(popup, "08-refused-forged-popup");
    await context.close();
  });
});

async function assertAccessible(page, what) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`), [],
    `axe on ${what}`);
}
