// End-to-end test of the page's parts that load on first use (src/app/lazy.rs):
// a cold load of the analyzer downloads neither Learn nor the Share dialog;
// the exports (JSON report, Markdown, SVG file) are a part loaded on first
// use and give the report on screen (the part analyses the text again with
// the page's port and format); the examples' transcripts (with share-link
// decoding) come on the first "Load example" or `#example=ID` link;
// a deep link into Learn loads Learn (and only then), under the page's CSP,
// and its "Open in analyzer" hands the scenario to the analyzer; an
// `?embed` iframe runs on the documentation script's wasm, not the page's.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { pasteAndWait, waitForApp } from "./lib/analyzer.mjs";
import { startSite } from "./lib/browser.mjs";
import { distDir, fixture } from "./lib/repo.mjs";

const CLEARTEXT = fixture("swaks/postfix-25-cleartext-auth-plain");

let site;
before(async () => {
  site = await startSite({ mounts: { "/": distDir() } });
});
after(async () => site?.close());

const paths = (tab) => tab.requests.map((r) => new URL(r.url).pathname);
const pageWasm = (p) => /^\/smtp-lens-web-[0-9a-f]+_bg\.wasm$/.test(p);

test("a cold load of the analyzer downloads neither Learn nor Share; Share loads on its first click", async () => {
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await tab.page.waitForLoadState("networkidle");
  assert.ok(paths(tab).some(pageWasm), `the page's wasm: ${paths(tab)}`);
  assert.ok(!paths(tab).some((p) => p.startsWith("/learn/") || p.startsWith("/share/")), `${paths(tab)}`);

  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  await tab.page.locator("[data-testid=share-button]").click();
  await tab.page.waitForSelector("[data-testid=share-dialog]", { state: "visible", timeout: 30_000 });
  assert.ok(paths(tab).includes("/share/smtp-lens-share_bg.wasm"), `${paths(tab)}`);
  // Closing gives the focus back to the button; opening again needs no download.
  await tab.page.keyboard.press("Escape");
  await tab.page.waitForSelector("[data-testid=share-dialog]", { state: "detached" });
  const loads = paths(tab).filter((p) => p.startsWith("/share/")).length;
  await tab.page.locator("[data-testid=share-button]").click();
  await tab.page.waitForSelector("[data-testid=share-dialog]", { state: "visible" });
  assert.equal(paths(tab).filter((p) => p.startsWith("/share/")).length, loads);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();
});

test("the exports load their part on first use and give the report on screen", async () => {
  const tab = await site.open("/", { clipboard: "read", contextOptions: { acceptDownloads: true } });
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  await tab.page.waitForLoadState("networkidle");
  assert.ok(!paths(tab).some((p) => p.startsWith("/export/") || p.startsWith("/share/")), `${paths(tab)}`);
  const download = async (testid) => {
    const [file] = await Promise.all([tab.page.waitForEvent("download", { timeout: 30_000 }), tab.page.locator(testid).click()]);
    const chunks = [];
    for await (const c of await file.createReadStream()) chunks.push(c);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  };

  // The JSON report: the command-line tool's report of the same text.
  const json = await download("[data-testid=download-json]");
  assert.equal(json.name, "smtp-lens-report.json");
  assert.ok(paths(tab).includes("/export/smtp-lens-export_bg.wasm"), `${paths(tab)}`);
  assert.deepEqual(JSON.parse(json.text), CLEARTEXT.expected);

  // The port chosen on the page is the report's port.
  await tab.page.locator("[data-testid=port-select]").selectOption("587");
  await tab.page.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.getAttribute("aria-busy") !== "true");
  const forced = JSON.parse((await download("[data-testid=download-json]")).text);
  assert.deepEqual(forced.sessions.map((s) => [s.port, s.port_source]), [[587, "caller"]]);

  // Markdown on the clipboard, credentials masked.
  await tab.page.locator("[data-testid=copy-markdown]").click();
  await tab.page.waitForFunction(() => /copied as Markdown/.test(document.body.textContent));
  const md = await tab.page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /^## SMTP Lens report/);
  assert.match(md, /Port: 587/);
  for (const f of forced.findings) assert.ok(md.includes(f.title), `${f.title} in the Markdown`);

  // The diagram as an SVG file.
  const svg = await download(".flow-download");
  assert.equal(svg.name, "smtp-session-1.svg");
  assert.match(svg.text, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.text.includes("AUTH"), "the SVG shows the session's commands");
  // One download of the part for all of them.
  assert.equal(paths(tab).filter((p) => p === "/export/smtp-lens-export_bg.wasm").length, 1);
  assert.ok(!paths(tab).some((p) => p.startsWith("/share/")), `${paths(tab)}`);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();
});

test("the examples' transcripts load on the first example, from a card or an #example link (the open part)", async () => {
  const examplesWasm = "/open/smtp-lens-open_bg.wasm";
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await tab.page.waitForLoadState("networkidle");
  assert.ok(!paths(tab).includes(examplesWasm), `${paths(tab)}`);
  await tab.page.locator("[data-example=cleartext-auth-25]").click();
  await tab.page.waitForFunction(() => document.querySelector("[data-finding-id=plaintext-auth]"), null, { timeout: 30_000 });
  assert.ok(paths(tab).includes(examplesWasm), `${paths(tab)}`);
  // Yew writes the box's value in a task after a render longer than a
  // frame: the text may follow its findings by a moment.
  await tab.page
    .waitForFunction(
      (text) => document.querySelector("[data-testid=transcript-input]").value === text,
      CLEARTEXT.text,
      { timeout: 10_000 },
    )
    .catch(() => {});
  assert.equal(await tab.page.locator("[data-testid=transcript-input]").inputValue(), CLEARTEXT.text);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();

  const linked = await site.open("/#example=relay-denied");
  await linked.page.waitForFunction(() => document.querySelector("[data-finding-id=relay-denied]"), null, { timeout: 30_000 });
  assert.ok(paths(linked).includes(examplesWasm), `${paths(linked)}`);
  assert.deepEqual(await linked.problems(), []);
  await linked.close();
});

test("a deep link into Learn loads Learn, and Open in analyzer gives the scenario's findings", async () => {
  const tab = await site.open("/#learn/scenario-cleartext-auth-25");
  await tab.page.waitForSelector("[data-testid=learn-view]", { state: "visible", timeout: 30_000 });
  await tab.page.waitForSelector("[data-testid=scenario-player][data-scenario=scenario-cleartext-auth-25]", { timeout: 10_000 });
  assert.ok(paths(tab).includes("/learn/smtp-lens-learn_bg.wasm"), `${paths(tab)}`);

  await tab.page.locator("[data-testid=open-in-analyzer]").click();
  await tab.page.waitForFunction(
    () => document.querySelectorAll("[data-finding-id]").length > 0 && !document.querySelector("[data-testid=learn-view]"),
    null,
    { timeout: 20_000 },
  );
  const ids = await tab.page.evaluate(() => [...document.querySelectorAll("[data-finding-id]")].map((e) => e.dataset.findingId));
  for (const id of ["plaintext-auth", "starttls-offered-not-used", "port-25-submission"]) assert.ok(ids.includes(id), `${id} in ${ids}`);

  // Back to Learn: shown again, not downloaded again.
  const loads = paths(tab).filter((p) => p.startsWith("/learn/")).length;
  await tab.page.evaluate(() => (location.hash = "#learn/port-465"));
  await tab.page.waitForSelector("[data-testid=learn-view]", { state: "visible" });
  assert.equal(paths(tab).filter((p) => p.startsWith("/learn/")).length, loads);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();
});

test("a share link opens with the open part; an ?embed iframe view runs on the documentation script's wasm, not the page's", async () => {
  const maker = await site.open("/");
  await waitForApp(maker.page);
  await pasteAndWait(maker.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  await maker.page.locator("[data-testid=share-button]").click();
  const link = await maker.page.locator("[data-testid=share-link]").inputValue();
  await maker.close();

  const frag = new URL(link).hash;

  // The page opened with the link decodes it in the open part, without the
  // Share dialog's part.
  const opened = await site.open(`/${frag}`);
  await opened.page.waitForFunction(() => document.querySelector("[data-finding-id=plaintext-auth]"), null, { timeout: 30_000 });
  assert.ok(paths(opened).includes("/open/smtp-lens-open_bg.wasm"), `${paths(opened)}`);
  assert.ok(!paths(opened).some((p) => p.startsWith("/share/") || p.startsWith("/export/")), `${paths(opened)}`);
  assert.deepEqual(await opened.problems(), []);
  await opened.close();

  const tab = await site.open(`/?embed&view=findings${frag}`);
  await tab.page.waitForFunction(() => document.querySelector("#app")?.shadowRoot?.querySelector("[data-finding-id]"), null, { timeout: 30_000 });
  await tab.page.waitForLoadState("networkidle");
  const seen = paths(tab);
  assert.ok(seen.includes("/embed/smtp-lens-core_bg.wasm"), `${seen}`);
  assert.ok(!seen.some(pageWasm), `the page's wasm was downloaded: ${seen}`);
  const findings = await tab.page.evaluate(() => document.querySelector("#app").shadowRoot.querySelectorAll("[data-finding-id]").length);
  assert.equal(findings, CLEARTEXT.expected.findings.length);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();
});

test("a line's explanation loads the catalog part the first time one is shown, not with the paste", async () => {
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  await tab.page.waitForLoadState("networkidle");
  assert.ok(!paths(tab).some((p) => p.startsWith("/explain/")), `${paths(tab)}`);
  const titles = async (line) => {
    await tab.page.hover(`.tline[data-line='${line}']`);
    const panel = "[data-testid=line-explanation]";
    await tab.page.waitForFunction(
      (sel) => document.querySelector(`${sel} .explain-note`) && !document.querySelector(`${sel} [aria-busy=true]`),
      panel,
      { timeout: 30_000 },
    );
    return tab.page.locator(`${panel} .explain-note h3`).allTextContents();
  };
  // `<-  235 2.7.0 Authentication successful`: the reply code and the enhanced code.
  assert.deepEqual(await titles(19), ["Authentication succeeded", "2.7.0: Security step succeeded"]);
  assert.deepEqual(paths(tab).filter((p) => p.startsWith("/explain/")), ["/explain/smtp-lens-explain.js", "/explain/smtp-lens-explain_bg.wasm"]);
  // A command with its SASL mechanism, an EHLO keyword, a command: the part is not fetched again.
  assert.deepEqual(await titles(18), ["AUTH (log in)", "PLAIN"]);
  assert.deepEqual(await titles(7), ["PIPELINING"]);
  assert.deepEqual(await titles(5), ["EHLO (extended hello)"]);
  assert.equal(paths(tab).filter((p) => p.startsWith("/explain/")).length, 2);
  assert.deepEqual(await tab.problems(), []);
  await tab.close();
});
