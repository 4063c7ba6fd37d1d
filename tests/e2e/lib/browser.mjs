// Drives the system Chromium (Debian's /usr/bin/chromium, no browser
// download) through playwright-core, and watches everything a page does that
// a privacy-first static page must not: requests outside its origin, console
// errors, Content-Security-Policy violations, uncaught exceptions, dialogs
// (alert / confirm / prompt), failed loads and HTTP errors.
//
//   const browser = await launchChromium();
//   const tab = await openPage(browser, `${origin}/`, { colorScheme: "dark" });
//   ... tab.page is a playwright Page ...
//   assert.deepEqual(await tab.problems(), []);
//   await tab.close();
//
// Reusable by every end-to-end test (the analyzer page, the docs example).

import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launchChromium({ args = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      // Belt and braces for "no network": a host name never resolves, so even
      // a request the test fails to catch cannot leave the machine. Pages are
      // served on the literal address 127.0.0.1.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      ...args,
    ],
  });
}

// Runs in every document before its own scripts (a DevTools injection, not
// subject to the page's CSP): records CSP violations, long main-thread tasks
// and long animation frames, and the moment the first finding appears.
const WATCH = () => {
  const w = window;
  w.__e2e = { csp: [], longTasks: [], longFrames: [] };
  document.addEventListener("securitypolicyviolation", (e) => {
    w.__e2e.csp.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__e2e.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__e2e.longFrames.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
};

/** True when `url` is served by `origin` (data: URLs are inline, not requests to anyone). */
export function sameOrigin(url, origin) {
  if (url.startsWith("data:")) return true;
  if (url === "about:blank" || url === "about:srcdoc") return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Opens `url` in a fresh browser context and starts recording.
 * options: colorScheme ("light" | "dark"), viewport ({ width, height }),
 * deviceScaleFactor, clipboard (true: the page may write the clipboard, so a
 * test can put text there and paste it for real, as any page may; "read":
 * the page may also read it with the async Clipboard API, as after a user
 * granted the clipboard-read permission; false: neither),
 * waitFor (a selector to wait for after load), origin (the origin allowed to
 * be contacted; default: the url's), init (scripts to run in every document
 * before the page's own, as playwright's addInitScript takes them),
 * contextOptions (anything else playwright's newContext takes, e.g.
 * { javaScriptEnabled: false }), block (URL patterns whose requests are
 * aborted, as playwright's route() takes them: a file that fails to load).
 */
export async function openPage(browser, url, options = {}) {
  const {
    colorScheme = "light",
    viewport = { width: 1280, height: 900 },
    deviceScaleFactor = 1,
    clipboard = true,
    waitFor = null,
    origin = new URL(url).origin,
    init = [],
    contextOptions = {},
    block = [],
  } = options;
  const context = await browser.newContext({
    colorScheme,
    viewport,
    deviceScaleFactor,
    serviceWorkers: "block",
    ...contextOptions,
  });
  for (const pattern of block) await context.route(pattern, (route) => route.abort("blockedbyclient"));
  // Without clipboard-read, as for most users (Chromium asks before a page
  // may read the clipboard): a paste reaches the page through its paste
  // event only.
  if (clipboard) await context.grantPermissions(clipboard === "read" ? ["clipboard-read", "clipboard-write"] : ["clipboard-write"], { origin });
  await context.addInitScript(WATCH);
  for (const script of init) await context.addInitScript(script);

  const requests = [];
  const console_ = [];
  const pageErrors = [];
  const dialogs = [];
  const failed = [];
  const httpErrors = [];
  const sockets = [];

  context.on("request", (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  context.on("requestfailed", (r) => failed.push({ url: r.url(), error: r.failure()?.errorText ?? "?" }));
  context.on("response", (r) => {
    if (r.status() >= 400) httpErrors.push({ url: r.url(), status: r.status() });
  });

  const page = await context.newPage();
  page.on("console", (m) => console_.push({ type: m.type(), text: m.text(), location: m.location() }));
  page.on("pageerror", (e) => pageErrors.push(String(e?.stack ?? e)));
  page.on("dialog", (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    d.dismiss().catch(() => {});
  });
  page.on("websocket", (ws) => sockets.push(ws.url()));

  await page.goto(url, { waitUntil: "load" });
  if (waitFor) await page.waitForSelector(waitFor, { state: "attached", timeout: 30_000 });

  const tab = {
    page,
    context,
    origin,
    requests,
    console: console_,
    pageErrors,
    dialogs,
    /** The CSP violations the page itself saw (securitypolicyviolation events). */
    cspViolations: () => page.evaluate(() => window.__e2e?.csp ?? []),
    /** Long main-thread tasks (Long Tasks API) since the page started. */
    longTasks: () => page.evaluate(() => window.__e2e?.longTasks ?? []),
    /**
     * Everything that went wrong, one readable line each; [] when the page
     * behaved. A test asserts `deepEqual(await tab.problems(), [])` so a
     * failure prints exactly what happened.
     */
    async problems() {
      const out = [];
      for (const r of requests) if (!sameOrigin(r.url, origin)) out.push(`request outside ${origin}: ${r.method} ${r.url} (${r.type})`);
      for (const s of sockets) out.push(`websocket opened: ${s}`);
      for (const m of console_) {
        const csp = /content.security.policy/i.test(m.text);
        if (m.type === "error" || csp) out.push(`console ${m.type}: ${m.text} (${m.location?.url ?? "?"}:${m.location?.lineNumber ?? "?"})`);
      }
      for (const e of pageErrors) out.push(`uncaught exception: ${e}`);
      for (const d of dialogs) out.push(`dialog ${d.type}: ${d.message}`);
      for (const f of failed) out.push(`request failed: ${f.url} (${f.error})`);
      for (const h of httpErrors) out.push(`HTTP ${h.status}: ${h.url}`);
      const csp = await this.cspViolations().catch(() => []);
      for (const v of csp) out.push(`CSP violation: ${v.directive} blocked ${v.blocked || "inline"} (${v.source ?? "?"}:${v.line ?? "?"}) ${v.sample ?? ""}`.trim());
      return out;
    },
    close: () => context.close(),
  };
  return tab;
}

/**
 * Pastes `text` into the element `selector` names the way a person does:
 * the text goes to the system clipboard and Ctrl+V is pressed in the
 * focused element, so the page sees a real `paste` event followed by the
 * browser's own `input` event. Needs `clipboard: true` (the default).
 */
export async function paste(page, selector, text, { replace = true } = {}) {
  const target = page.locator(selector);
  await target.focus();
  if (replace) await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("ControlOrMeta+V");
}

/** Serves `mounts`, launches Chromium, and gives both back with one close(). */
export async function startSite({ mounts, gzip = false, launch = {} }) {
  const { serve } = await import("./serve.mjs");
  const server = await serve({ mounts, gzip });
  let browser;
  try {
    browser = await launchChromium(launch);
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    origin: server.origin,
    server,
    browser,
    open: (path = "/", options = {}) => openPage(browser, server.origin + path, options),
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
