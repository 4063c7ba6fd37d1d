// End-to-end test of the analyzer page (issue 4): the BUILT dist/ served on
// 127.0.0.1 and driven in the system Chromium. A captured transcript is
// pasted for real (clipboard + Ctrl+V) and the page is read through its
// stable test hooks only; every request, console message, CSP violation,
// uncaught exception and dialog is recorded and must be none of the wrong
// kind. Screenshots (light, dark, 360 px phone) for the README.
//
//   trunk build --release --offline && node --test tests/e2e/   (or tests/e2e/run.sh)

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { COUNT_READ_TEXT, INPUT, SEVERITY_RANK, pasteAndWait, readAnalysis, waitForApp } from "./lib/analyzer.mjs";
import { startSite } from "./lib/browser.mjs";
import { ROOT, distDir, fixture, screenshotDir } from "./lib/repo.mjs";

// A real capture: swaks against Postfix on port 25, AUTH PLAIN in cleartext.
const CLEARTEXT = fixture("swaks/postfix-25-cleartext-auth-plain");
// The credentials in it (the golden's secret spans), which the page must mask.
const SECRETS = CLEARTEXT.expected.sessions.flatMap((s) => s.secrets.map(([a, b]) => Buffer.from(CLEARTEXT.text).subarray(a, b).toString()));

let site;
before(async () => {
  site = await startSite({ mounts: { "/": distDir() } });
});
after(async () => site?.close());

test("the page loads its own files only, with no console error or CSP violation", async () => {
  const tab = await site.open("/");
  await waitForApp(tab.page);
  const problems = await tab.problems();
  const types = tab.requests.map((r) => r.type).sort();
  await tab.close();
  assert.deepEqual(problems, []);
  // The page really loaded its parts (so "no foreign request" means something).
  for (const kind of ["document", "script", "stylesheet"]) assert.ok(types.includes(kind), `no ${kind} request in ${types}`);
  assert.ok(tab.requests.some((r) => r.url.endsWith(".wasm")), "the wasm was loaded");
});

test("a captured cleartext-AUTH session: the golden's findings, verdict, diagram and lines; credentials masked; nothing left the page", async () => {
  assert.equal(SECRETS.length, 2, "the fixture's golden names its password and AUTH payload");
  const want = CLEARTEXT.expected.findings.map((f) => `${f.id}:${f.severity}`).sort();
  const wantIds = CLEARTEXT.expected.findings.map((f) => f.id);
  const session = CLEARTEXT.expected.sessions[0];

  const tab = await site.open("/");
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: wantIds });
  const seen = await readAnalysis(tab.page);
  const problems = await tab.problems();
  await tab.close();

  // Findings: exactly the golden's, with its severities, most severe first.
  assert.deepEqual(seen.findings.map((f) => `${f.id}:${f.severity}`).sort(), want);
  const ranks = seen.findings.map((f) => SEVERITY_RANK[f.severity]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), `findings sorted by severity: ${seen.findings.map((f) => f.severity)}`);
  for (const f of seen.findings) assert.ok(f.text.length > 20, `finding ${f.id} says something: "${f.text}"`);
  const plaintext = seen.findings.find((f) => f.id === "plaintext-auth");
  assert.match(plaintext.text, /alice@example\.test/, "the finding names the user");

  // Verdict: the golden's grade, not stale.
  assert.ok(seen.verdict, "a verdict is shown");
  assert.notEqual(seen.verdict.busy, "true");
  assert.equal(seen.verdict.grade, session.verdict.grade);
  assert.match(seen.verdict.text, new RegExp(`\\b${session.verdict.grade}\\b`));

  // The diagram: an SVG with something drawn in it.
  assert.ok(seen.diagram, "a flow diagram is shown");
  assert.equal(seen.diagram.tag, "svg");
  assert.equal(seen.diagram.namespace, "http://www.w3.org/2000/svg");
  assert.ok(seen.diagram.width > 0 && seen.diagram.height > 0, `diagram size ${seen.diagram.width}x${seen.diagram.height}`);
  assert.ok(seen.diagram.elements >= 10, `diagram has ${seen.diagram.elements} elements`);

  // The transcript: line n of the page is line n of the paste (numbered
  // from 1, in order), credentials masked.
  const pasted = CLEARTEXT.text.replace(/\n$/, "").split("\n");
  assert.equal(pasted.length, CLEARTEXT.expected.lines);
  const numbers = seen.lines.map((l) => l.n);
  assert.deepEqual(numbers, pasted.map((_, i) => i + 1), "every transcript line once, in order");
  for (const line of seen.lines) {
    const original = pasted[line.n - 1].trim();
    const secret = SECRETS.find((s) => original.includes(s));
    if (secret) {
      assert.ok(!line.text.includes(secret), `line ${line.n} masks its credential: ${line.text}`);
      assert.ok(line.text.includes(original.slice(0, original.indexOf(secret)).trim()), `line ${line.n} keeps the rest: ${line.text}`);
    } else if (original) {
      assert.ok(line.text.includes(original), `line ${line.n} shows "${original}", not "${line.text}"`);
    }
  }

  // No credential anywhere on the page by default.
  for (const s of SECRETS) assert.ok(!seen.bodyText.includes(s), `the page shows the credential ${s}`);

  assert.deepEqual(problems, []);
});

// A user who granted the page the clipboard-read permission: a paste is
// then read with the async Clipboard API (the paste event's getData would
// block the page while the browser fetches a large clipboard), and one
// under the large size is typed into the box as the browser's paste
// would. Without the permission (the other tests, most users) the paste
// event's own data is read.
test("with the clipboard-read permission a paste is read asynchronously, lands in the box over the selection, and is analysed the same", async () => {
  const wantIds = CLEARTEXT.expected.findings.map((f) => f.id);
  const tab = await site.open("/", { clipboard: "read", init: [COUNT_READ_TEXT] });
  await waitForApp(tab.page);
  // Something to paste over (Ctrl+A, then the paste replaces it).
  await tab.page.locator(INPUT).fill("EHLO something.else\n");
  await tab.page.locator(INPUT).focus();
  // The permission is asked for on focus; let its answer arrive.
  await tab.page.waitForFunction(async () => (await navigator.permissions.query({ name: "clipboard-read" })).state === "granted");
  await tab.page.waitForTimeout(100);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: wantIds });
  const seen = await readAnalysis(tab.page);
  const box = await tab.page.locator(INPUT).inputValue();
  const reads = await tab.page.evaluate(() => window.__readText);
  const problems = await tab.problems();
  await tab.close();
  assert.equal(reads, 1, "the paste was read with navigator.clipboard.readText()");
  assert.equal(box, CLEARTEXT.text, "the box holds the paste, in place of what was selected");
  assert.deepEqual(seen.findings.map((f) => f.id).sort(), [...wantIds].sort());
  assert.equal(seen.verdict.grade, CLEARTEXT.expected.sessions[0].verdict.grade);
  assert.deepEqual(problems, []);
});

// readText() can fail although the permission was granted (taken back
// meanwhile, the window no longer focused); the paste event's data is gone
// with the event by then. The page must say so, not drop the paste
// silently, and read the next paste through the paste event.
test("with the permission, a readText() that fails says so, and the next paste is read through the paste event", async () => {
  const failFirstRead = () => {
    const read = Clipboard.prototype.readText;
    window.__readText = 0;
    Clipboard.prototype.readText = function () {
      window.__readText += 1;
      if (window.__readText === 1) return Promise.reject(new DOMException("Document is not focused.", "NotAllowedError"));
      return read.call(this);
    };
  };
  const wantIds = CLEARTEXT.expected.findings.map((f) => f.id);
  const tab = await site.open("/", { clipboard: "read", init: [failFirstRead] });
  await waitForApp(tab.page);
  await tab.page.locator(INPUT).focus();
  await tab.page.waitForFunction(async () => (await navigator.permissions.query({ name: "clipboard-read" })).state === "granted");
  await tab.page.waitForTimeout(100);
  await tab.page.evaluate((t) => navigator.clipboard.writeText(t), CLEARTEXT.text);
  await tab.page.keyboard.press("ControlOrMeta+V");
  await tab.page.waitForSelector("[data-testid=paste-unread]", { timeout: 20_000 });
  const notice = await tab.page.locator("[data-testid=input-stats]").innerText();
  const boxAfterFailure = await tab.page.locator(INPUT).inputValue();
  // Pasted again: through the paste event this time.
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: wantIds });
  const seen = await readAnalysis(tab.page);
  const box = await tab.page.locator(INPUT).inputValue();
  const reads = await tab.page.evaluate(() => window.__readText);
  const noticeAfter = await tab.page.locator("[data-testid=paste-unread]").count();
  const problems = await tab.problems();
  await tab.close();
  assert.match(notice, /could not be read: paste again/);
  assert.equal(boxAfterFailure, "", "nothing was pasted by the failed read");
  assert.equal(reads, 1, "the second paste did not go through readText()");
  assert.equal(box, CLEARTEXT.text);
  assert.equal(noticeAfter, 0, "the notice goes with the next paste");
  assert.deepEqual(seen.findings.map((f) => f.id).sort(), [...wantIds].sort());
  assert.deepEqual(problems, []);
});

test("without the permission a paste is the paste event's own (no readText)", async () => {
  const tab = await site.open("/", { init: [COUNT_READ_TEXT] });
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  const box = await tab.page.locator(INPUT).inputValue();
  const reads = await tab.page.evaluate(() => window.__readText);
  await tab.close();
  assert.equal(reads, 0);
  assert.equal(box, CLEARTEXT.text);
});

// The page analyses up to 64 MiB; a larger file is not read, and the page
// says so as the limit it is (a notice with what to do instead), not as an
// error, and keeps what the box held.
test("a file over the page's limit is refused as a limit, not an error, and the box keeps its text", async () => {
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  // A file of 64 MiB + 1 byte, made in the page (its bytes are never read).
  await tab.page.evaluate(() => {
    const input = document.querySelector("input[type=file]");
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(64 * 1024 * 1024 + 1)], "huge.log", { type: "text/plain" }));
    input.files = dt.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await tab.page.waitForSelector("[data-testid=too-large]", { timeout: 20_000 });
  const seen = await tab.page.evaluate((sel) => {
    const n = document.querySelector("[data-testid=too-large]");
    return {
      role: n.getAttribute("role"),
      heading: n.querySelector("h2").textContent,
      text: n.textContent,
      alerts: document.querySelectorAll("[role=alert]").length,
      body: document.body.textContent,
      box: document.querySelector(sel).value,
    };
  }, INPUT);
  const problems = await tab.problems();
  await tab.close();
  assert.equal(seen.role, "status");
  assert.match(seen.heading, /limit/);
  assert.ok(seen.text.includes("huge.log") && seen.text.includes("67.1 MB") && seen.text.includes("64 MB"), seen.text);
  assert.equal(seen.alerts, 0, "no alert for an expected limit");
  assert.ok(!/went wrong/i.test(seen.body), "not shown as an error");
  assert.equal(seen.box, CLEARTEXT.text.replace(/\r\n/g, "\n"), "the box keeps its text");
  assert.deepEqual(problems, []);
});

test("hostile HTML, script and SVG in a paste show as text and run nothing", async () => {
  const hostile = readFileSync(join(ROOT, "tests/e2e/fixtures/hostile.txt"), "utf8");
  const tab = await site.open("/");
  await waitForApp(tab.page);
  const scriptsBefore = await tab.page.evaluate(() => document.scripts.length);
  await pasteAndWait(tab.page, hostile, { findings: ["plaintext-auth", "starttls-offered-not-used", "auth-advertised-before-tls", "vrfy-enabled"] });
  // Give anything injected every chance to run: handlers fire on load and
  // error, timers on the next turns.
  await tab.page.waitForTimeout(300);
  const seen = await readAnalysis(tab.page);
  const dom = await tab.page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    marked: [...document.querySelectorAll("[data-pwned]")].map((e) => `${e.tagName}[data-pwned=${e.dataset.pwned}]`),
    scripts: document.scripts.length,
    frames: document.querySelectorAll("iframe, object, embed, frame, math, img[src='x']").length,
    handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
    jsLinks: [...document.querySelectorAll("[href^='javascript:' i], [src^='javascript:' i], [data^='javascript:' i]")].length,
    inDiagram: document.querySelector("[data-testid=flow-diagram]")?.querySelectorAll("script, foreignObject, iframe, img, a").length ?? 0,
    visible: document.querySelector("[data-testid=verdict]")?.checkVisibility() ?? false,
  }));
  const problems = await tab.problems();
  await tab.close();

  // Nothing ran, nothing was parsed as markup.
  assert.equal(dom.pwned, null, "a payload ran");
  assert.deepEqual(dom.marked, [], "payload elements in the DOM");
  assert.equal(dom.scripts, scriptsBefore, "script elements were added");
  assert.equal(dom.frames, 0, "frames, objects, MathML or payload images in the DOM");
  assert.deepEqual(dom.handlers, [], "inline event handlers in the DOM");
  assert.equal(dom.jsLinks, 0, "javascript: URLs in the DOM");
  assert.equal(dom.inDiagram, 0, "markup inside the diagram");
  assert.ok(dom.visible, "the payload's <style> hid the page");
  assert.deepEqual(problems, [], "dialogs, CSP violations (blocked injections) or errors");

  // The text shows as text: the transcript lines, the finding that names
  // the (hostile) user, and the verdict.
  const lineText = seen.lines.map((l) => l.text).join("\n");
  for (const snippet of [
    `EHLO <img src=x onerror="window.__pwned='ehlo'" data-pwned="ehlo">`,
    `<svg onload="window.__pwned='svg'" data-pwned="svg"><script>window.__pwned='svg-script'</script></svg>`,
    `Subject: </textarea><script>window.__pwned='textarea'</script>`,
    `<a href="javascript:window.__pwned='vrfy'" data-pwned="vrfy">root</a>`,
  ]) {
    assert.ok(lineText.includes(snippet), `transcript shows ${snippet} as text`);
  }
  const user = `<img src=x onerror="alert('user')" data-pwned="user">`;
  assert.ok(seen.findings.find((f) => f.id === "plaintext-auth")?.text.includes(user), "the finding names the hostile user as text");
  assert.ok(seen.verdict.text.includes(user), "the verdict names the hostile user as text");
});

test("screenshots: light, dark and a 360 px phone, each readable", async () => {
  const dir = screenshotDir();
  mkdirSync(dir, { recursive: true });
  const shots = [
    { name: "page-light", colorScheme: "light", viewport: { width: 1280, height: 1000 } },
    { name: "page-dark", colorScheme: "dark", viewport: { width: 1280, height: 1000 } },
    { name: "page-phone", colorScheme: "light", viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 },
  ];
  const seen = {};
  for (const shot of shots) {
    const tab = await site.open("/", { colorScheme: shot.colorScheme, viewport: shot.viewport, deviceScaleFactor: shot.deviceScaleFactor ?? 1 });
    await waitForApp(tab.page);
    await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
    // The picture shows the paste from its first line, without the caret,
    // and on the phone the verdict and findings (below the paste area).
    await tab.page.locator(INPUT).blur();
    await tab.page.evaluate((input) => {
      document.querySelector(input).scrollTop = 0;
      if (innerWidth < 600) document.querySelector("[data-testid=verdict]").scrollIntoView({ block: "start" });
      else window.scrollTo(0, 0);
    }, INPUT);
    const png = await tab.page.screenshot({ path: join(dir, `${shot.name}.png`), animations: "disabled" });
    seen[shot.name] = await tab.page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
      scrollWidth: document.documentElement.scrollWidth,
      findings: document.querySelectorAll("[data-finding-id]").length,
    }));
    seen[shot.name].png = png.length;
    assert.deepEqual(await tab.problems(), [], shot.name);
    await tab.close();
  }
  const luminance = (css) => {
    const [r, g, b] = css.match(/\d+(\.\d+)?/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // Dark really is dark, light really is light, and both have text that stands out.
  assert.ok(luminance(seen["page-light"].background) > 180, `light background ${seen["page-light"].background}`);
  assert.ok(luminance(seen["page-dark"].background) < 80, `dark background ${seen["page-dark"].background}`);
  for (const name of Object.keys(seen)) {
    const contrast = Math.abs(luminance(seen[name].background) - luminance(seen[name].text));
    assert.ok(contrast > 100, `${name}: text ${seen[name].text} on ${seen[name].background}`);
    assert.equal(seen[name].findings, CLEARTEXT.expected.findings.length, `${name} shows the findings`);
  }
  // The phone layout fits 360 px: no sideways scrolling of the page.
  assert.ok(seen["page-phone"].scrollWidth <= 360, `page is ${seen["page-phone"].scrollWidth} px wide on a 360 px phone`);
});
