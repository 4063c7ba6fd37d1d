// End-to-end test of share links (issue 6): make a link on the page, open
// it in a fresh browser, get the same analysis; the link carries no
// credential (decoded here, not just searched: it is compressed) and its
// transcript never reaches the server (it is in the fragment).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inflateSync } from "node:zlib";

import { pasteAndWait, readAnalysis, waitForApp } from "./lib/analyzer.mjs";
import { startSite } from "./lib/browser.mjs";
import { distDir, fixture } from "./lib/repo.mjs";

const CLEARTEXT = fixture("swaks/postfix-25-cleartext-auth-plain");
const SECRETS = CLEARTEXT.expected.sessions.flatMap((s) => s.secrets.map(([a, b]) => Buffer.from(CLEARTEXT.text).subarray(a, b).toString()));

let site;
before(async () => {
  site = await startSite({ mounts: { "/": distDir() } });
});
after(async () => site?.close());

/**
 * The transcript a link carries: `#share=v1.` + base64url(zlib(fields)),
 * field = tag u8, length varint, bytes; tag 1 is the transcript (src/share/link.rs).
 */
function transcriptOf(link) {
  const fragment = new URL(link).hash;
  assert.match(fragment, /^#share=v1\.[A-Za-z0-9_-]+$/, "a v1 share fragment");
  const packed = Buffer.from(fragment.slice("#share=v1.".length), "base64url");
  const raw = inflateSync(packed);
  let i = 0;
  let transcript = null;
  while (i < raw.length) {
    const tag = raw[i++];
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = raw[i++];
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    if (tag === 1) transcript = raw.subarray(i, i + len).toString("utf8");
    i += len;
  }
  assert.ok(transcript !== null, "the link carries a transcript");
  return transcript;
}

const summary = (seen) => ({
  findings: seen.findings.map((f) => `${f.id}:${f.severity}`),
  grade: seen.verdict?.grade,
  lines: seen.lines.length,
});

test("a share link round-trips: same analysis, no credential in it, nothing sent to the server", async () => {
  assert.equal(SECRETS.length, 2);
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  const before = summary(await readAnalysis(tab.page));

  await tab.page.locator("[data-testid=share-button]").click();
  await tab.page.waitForSelector("[data-testid=share-dialog]", { state: "visible" });
  const linkBox = tab.page.locator("[data-testid=share-link]");
  await linkBox.waitFor({ state: "visible", timeout: 10_000 });
  const link = await linkBox.inputValue();
  const preview = await tab.page.locator("[data-testid=share-preview]").innerText();
  assert.deepEqual(await tab.problems(), []);
  await tab.close();

  // The link: this page, the state in the fragment, no credential in it
  // (nor in the preview of what is shared).
  assert.equal(new URL(link).origin, site.origin);
  assert.equal(new URL(link).pathname, "/");
  assert.equal(new URL(link).search, "");
  const carried = transcriptOf(link);
  for (const s of SECRETS) {
    assert.ok(!link.includes(s), `the link shows ${s}`);
    assert.ok(!carried.includes(s), `the link carries ${s}`);
    assert.ok(!preview.includes(s), `the preview shows ${s}`);
  }
  assert.equal(carried.split("\n").length, CLEARTEXT.text.split("\n").length, "redaction keeps every line");

  // Opened in a fresh browser context: the same analysis.
  const served = site.server.log.length;
  const opened = await site.open(link.replace(site.origin, ""));
  await waitForApp(opened.page);
  // As pasteAndWait does: the transcript's rows are drawn in the task after
  // the verdict's frame, marked aria-busy until then (components/later.rs).
  await opened.page.waitForFunction(
    (n) =>
      document.querySelectorAll("[data-finding-id]").length === n &&
      document.querySelector("[data-testid=verdict]")?.getAttribute("aria-busy") !== "true" &&
      !document.querySelector("[aria-busy=true]"),
    before.findings.length,
    { timeout: 30_000 },
  );
  const after_ = summary(await readAnalysis(opened.page));
  const restored = await opened.page.locator("[data-testid=transcript-input]").inputValue();
  assert.deepEqual(await opened.problems(), []);
  await opened.close();
  assert.deepEqual(after_, before);
  for (const s of SECRETS) assert.ok(!restored.includes(s), `the opened link holds ${s}`);
  // What the server saw of the link: the page's own files, no fragment.
  const payload = new URL(link).hash.slice("#share=v1.".length, "#share=v1.".length + 24);
  const paths = site.server.log.slice(served).map((e) => e.path);
  assert.ok(paths.includes("/"), `the page was loaded: ${paths}`);
  assert.ok(paths.every((p) => !p.includes(payload) && !p.includes("#")), `the fragment reached the server: ${paths}`);
});

test("a tampered share link gives a clear message and an empty analyzer, no crash", async () => {
  const tab = await site.open("/");
  await waitForApp(tab.page);
  await pasteAndWait(tab.page, CLEARTEXT.text, { findings: CLEARTEXT.expected.findings.map((f) => f.id) });
  await tab.page.locator("[data-testid=share-button]").click();
  const link = await tab.page.locator("[data-testid=share-link]").inputValue();
  await tab.close();

  // Flip one character in the middle of the compressed data.
  const at = link.length - 20;
  const bad = link.slice(0, at) + (link[at] === "A" ? "B" : "A") + link.slice(at + 1);
  const opened = await site.open(bad.replace(site.origin, ""));
  await waitForApp(opened.page);
  await opened.page.waitForFunction(() => /share|link/i.test(document.querySelector("[role=alert]")?.textContent ?? ""), null, { timeout: 10_000 });
  const seen = await opened.page.evaluate(() => ({
    alert: document.querySelector("[role=alert]").textContent,
    input: document.querySelector("[data-testid=transcript-input]").value,
    findings: document.querySelectorAll("[data-finding-id]").length,
  }));
  const problems = await opened.problems();
  await opened.close();
  assert.equal(seen.input, "", "the analyzer is empty");
  assert.equal(seen.findings, 0);
  assert.ok(seen.alert.length > 10, `a message: ${seen.alert}`);
  assert.deepEqual(problems, []);
});
