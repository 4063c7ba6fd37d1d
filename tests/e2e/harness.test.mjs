// The harness itself: the watchers of lib/browser.mjs report what a page
// must not do, stay quiet for a page that behaves, and the paste helper is a
// real paste. Without this, "no problems" in the page tests could mean the
// watchers were deaf.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";

import { paste, startSite } from "./lib/browser.mjs";
import { ROOT } from "./lib/repo.mjs";

let site;
before(async () => {
  site = await startSite({ mounts: { "/": join(ROOT, "tests/e2e/harness") } });
});
after(async () => site?.close());

test("a page that misbehaves: every watcher reports it", async () => {
  const tab = await site.open("/leaky.html", { waitFor: "#ready" });
  // The timer that throws, and the failed fetch, settle after load.
  await tab.page.waitForFunction(() => performance.getEntriesByType("resource").length >= 2);
  await tab.page.waitForTimeout(200);
  const problems = (await tab.problems()).join("\n");
  await tab.close();
  assert.match(problems, /request outside http:\/\/127\.0\.0\.1:\d+: GET http:\/\/leak\.example\.invalid\/collect\?d=secret/);
  assert.match(problems, /console error: e2e-marker: console error/);
  assert.match(problems, /dialog alert: e2e-marker: alert/);
  assert.match(problems, /uncaught exception: Error: e2e-marker: uncaught/);
  assert.match(problems, /HTTP 404: http:\/\/127\.0\.0\.1:\d+\/missing\.txt/);
  assert.match(problems, /request failed: http:\/\/leak\.example\.invalid/);
  // The server never saw the foreign request (it went nowhere), only its own files.
  assert.ok(site.server.log.every((e) => e.path.startsWith("/")));
});

test("a page that breaks its CSP: the violations are reported, nothing ran", async () => {
  const tab = await site.open("/strict.html", { waitFor: "#ready" });
  await tab.page.waitForFunction(() => (window.__e2e?.csp.length ?? 0) >= 2);
  const problems = (await tab.problems()).join("\n");
  const pwned = await tab.page.evaluate(() => window.__pwned);
  await tab.close();
  assert.equal(pwned, undefined);
  assert.match(problems, /CSP violation: script-src-elem blocked inline/);
  assert.match(problems, /CSP violation: style-src-attr blocked inline/);
  assert.match(problems, /console error: .*Content Security Policy/);
});

test("a page that behaves: no problems, and paste() is a real paste", async () => {
  const tab = await site.open("/clean.html", { waitFor: "#box" });
  await paste(tab.page, "#box", "220 ready\r\nEHLO me");
  await tab.page.waitForFunction(() => document.getElementById("out").textContent !== "");
  const out = await tab.page.locator("#out").textContent();
  // Twice: paste() replaces what is there.
  await paste(tab.page, "#box", "QUIT");
  await tab.page.waitForFunction(() => document.getElementById("out").textContent.endsWith("QUIT"));
  const again = await tab.page.locator("#out").textContent();
  await tab.page.waitForFunction(() => performance.getEntriesByType("resource").length >= 1);
  assert.deepEqual(await tab.problems(), []);
  assert.ok(tab.requests.some((r) => r.url.endsWith("/clean.html") && r.type === "fetch"), "same-origin fetch recorded");
  await tab.close();
  assert.equal(out, "1 paste(s): 220 ready\nEHLO me");
  assert.equal(again, "2 paste(s): QUIT");
});
