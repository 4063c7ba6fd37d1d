// End-to-end test of embedding (issue 6): the example documentation page
// (examples/docs/, built into dist/examples/docs/ with the docs script in
// dist/embed/) in the system Chromium. Each <pre> names the captured
// fixture it holds (data-fixture), so its analysis is checked against that
// fixture's golden report.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { SEVERITY_RANK } from "./lib/analyzer.mjs";
import { startSite } from "./lib/browser.mjs";
import { distDir, fixture } from "./lib/repo.mjs";

const DOCS = "/examples/docs/";

let site;
before(async () => {
  site = await startSite({ mounts: { "/": distDir() } });
});
after(async () => site?.close());

/** Waits until every block the page enhances is enhanced (a guard, not a speed check). */
async function waitEnhanced(page) {
  await page.waitForFunction(
    () => {
      const pres = [...document.querySelectorAll("pre[data-smtp-lens], pre:has(> code.language-smtp)")];
      return pres.length > 0 && pres.every((p) => p.getAttribute("data-smtp-lens-state") === "enhanced");
    },
    null,
    { timeout: 30_000 },
  );
}

// In the page: each <pre data-fixture> with the view drawn for it.
function readViews() {
  const text = (el) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
  return [...document.querySelectorAll("pre[data-fixture]")].map((pre) => {
    const host = pre.nextElementSibling?.matches("[data-smtp-lens-host]") ? pre.nextElementSibling : null;
    const root = host?.shadowRoot;
    const q = (sel) => (root ? [...root.querySelectorAll(sel)] : []);
    const view = q("[data-testid=smtp-lens-embed]")[0];
    return {
      fixture: pre.dataset.fixture,
      view: pre.dataset.view ?? null,
      preVisible: pre.checkVisibility(),
      host: !!host,
      hostVisible: host?.checkVisibility() ?? false,
      hostHeight: host?.getBoundingClientRect().height ?? 0,
      grades: q("[data-testid=verdict]").map((v) => v.dataset.grade),
      findings: q("[data-finding-id]").map((f) => ({ id: f.dataset.findingId, severity: f.dataset.severity, text: text(f) })),
      lines: q("[data-line]").filter((l) => !l.closest("[data-testid=flow-diagram]")).map((l) => Number(l.dataset.line)),
      diagrams: q("svg[data-testid=flow-diagram]").length,
      text: view?.innerText ?? "",
    };
  });
}

/** The credentials in a fixture (its golden's secret spans). */
function secretsOf(fx) {
  const bytes = Buffer.from(fx.text);
  return fx.expected.sessions.flatMap((s) => s.secrets.map(([a, b]) => bytes.subarray(a, b).toString()));
}

test("the example docs page turns each <pre> into the analysis of its transcript; no console error, no request outside the origin", async () => {
  const tab = await site.open(DOCS);
  await waitEnhanced(tab.page);
  const views = await tab.page.evaluate(readViews);
  const problems = await tab.problems();
  await tab.close();

  assert.ok(views.length >= 4, `the example has ${views.length} transcripts`);
  for (const v of views) {
    const fx = fixture(v.fixture);
    const where = `${v.fixture} (data-view=${v.view})`;
    assert.ok(v.host && v.hostVisible, `${where}: a visible view after the <pre>`);
    assert.ok(!v.preVisible, `${where}: the <pre> is hidden once enhanced`);
    // The verdict of every session, as the golden grades them.
    assert.deepEqual(v.grades, fx.expected.sessions.map((s) => s.verdict.grade), `${where}: grades`);
    const parts = (v.view ?? "transcript").split("+");
    const shows = (part) => parts.includes(part) || parts.includes("all");
    if (shows("findings") || v.fixture.startsWith("curl/")) {
      // (the curl block is enhanced by page.js with view "transcript+findings")
      assert.deepEqual(v.findings.map((f) => `${f.id}:${f.severity}`).sort(), fx.expected.findings.map((f) => `${f.id}:${f.severity}`).sort(), `${where}: findings`);
      const ranks = v.findings.map((f) => SEVERITY_RANK[f.severity]);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), `${where}: findings sorted by severity`);
    } else {
      assert.equal(v.findings.length, 0, `${where}: no findings list in this view`);
    }
    if (shows("transcript")) {
      assert.deepEqual(v.lines, Array.from({ length: fx.expected.lines }, (_, i) => i + 1), `${where}: every line once, in order`);
    }
    if (shows("diagram")) assert.equal(v.diagrams, fx.expected.sessions.length, `${where}: a diagram per session`);
    for (const s of secretsOf(fx)) assert.ok(!v.text.includes(s), `${where}: shows the credential ${s}`);
  }
  // The example shows every view kind at least once.
  assert.ok(views.some((v) => v.view === "all") && views.some((v) => v.view === "findings") && views.some((v) => v.view === null));
  assert.deepEqual(problems, []);
});

// The iframe view: `?embed` with the transcript in the fragment.
async function openFrame() {
  const tab = await site.open(DOCS);
  const frameEl = tab.page.locator("iframe.smtp-lens-frame").first();
  await frameEl.scrollIntoViewIfNeeded(); // it is loading="lazy"
  const fx = fixture(await frameEl.getAttribute("data-fixture"));
  const frame = await (await frameEl.elementHandle()).contentFrame();
  await frame.waitForSelector("[data-finding-id]", { timeout: 30_000 });
  // The page sizes the frame from the height the frame posts (page.js).
  await tab.page.waitForFunction(() => document.querySelector("iframe.smtp-lens-frame").style.height !== "", null, { timeout: 10_000 });
  const seen = await frame.evaluate(() => {
    const all = (sel) => [...document.querySelectorAll("*")].flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll(sel)] : [])).concat([...document.querySelectorAll(sel)]);
    return {
      ids: all("[data-finding-id]").map((f) => `${f.dataset.findingId}:${f.dataset.severity}`).sort(),
      grades: all("[data-testid=verdict]").map((v) => v.dataset.grade),
      contentHeight: document.documentElement.scrollHeight,
    };
  });
  const frameHeight = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
  const problems = await tab.problems();
  await tab.close();
  return { fx, seen, frameHeight, problems };
}

test("the iframe embed shows its transcript's analysis", async () => {
  const { fx, seen, problems } = await openFrame();
  assert.deepEqual(seen.ids, fx.expected.findings.map((f) => `${f.id}:${f.severity}`).sort());
  assert.deepEqual(seen.grades, fx.expected.sessions.map((s) => s.verdict.grade));
  assert.deepEqual(problems, []);
});

// The iframe view has no outer margin: the height it posts is its content's.
test("the iframe embed is sized to its content (no inner scrolling)", async () => {
  const { seen, frameHeight } = await openFrame();
  assert.ok(Math.abs(frameHeight - seen.contentHeight) <= 4, `frame ${frameHeight} px tall for ${seen.contentHeight} px of content`);
});

// Computed styles that a host stylesheet would change if it reached in.
function styleSignature() {
  const props = ["display", "visibility", "color", "background-color", "font-family", "font-size", "letter-spacing", "text-transform", "direction", "line-height", "white-space"];
  return [...document.querySelectorAll("[data-smtp-lens-host]")].map((host) => {
    const root = host.shadowRoot;
    const pick = (el) => (el ? Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)])) : null);
    const box = host.getBoundingClientRect();
    return {
      visible: host.checkVisibility(),
      width: Math.round(box.width),
      height: Math.round(box.height),
      top: pick(root?.querySelector("[data-testid=smtp-lens-embed]")),
      verdict: pick(root?.querySelector("[data-testid=verdict]")),
      finding: pick(root?.querySelector("[data-finding-id]")),
      line: pick(root?.querySelector("[data-line]")),
    };
  });
}

test("a hostile host stylesheet does not change the embedded views", async () => {
  const plain = await site.open(DOCS);
  await waitEnhanced(plain.page);
  const want = await plain.page.evaluate(styleSignature);
  assert.deepEqual(await plain.problems(), []);
  await plain.close();

  const hostile = await site.open(`${DOCS}?hostile`);
  await waitEnhanced(hostile.page);
  await hostile.page.waitForFunction(() => [...document.styleSheets].some((s) => s.href?.endsWith("hostile.css")));
  // The stylesheet really applies to the host page.
  const hostPage = await hostile.page.evaluate(() => getComputedStyle(document.querySelector("h1")).color);
  const got = await hostile.page.evaluate(styleSignature);
  const problems = await hostile.problems();
  await hostile.close();

  assert.equal(hostPage, "rgb(255, 0, 255)", "hostile.css is in force on the host page");
  assert.equal(got.length, want.length);
  got.forEach((g, i) => {
    assert.ok(g.visible, `view ${i} is visible under the hostile stylesheet`);
    assert.deepEqual({ top: g.top, verdict: g.verdict, finding: g.finding, line: g.line }, { top: want[i].top, verdict: want[i].verdict, finding: want[i].finding, line: want[i].line }, `view ${i}'s styles`);
    // The hostile sheet may change the host page's column (its own
    // layout); at the same width the view must be the same height.
    if (g.width === want[i].width) assert.equal(g.height, want[i].height, `view ${i}'s height`);
    else assert.ok(g.height > want[i].height / 2, `view ${i} collapsed: ${g.height} px tall, ${want[i].height} px without the hostile sheet`);
  });
  assert.deepEqual(problems, []);
});

test("the embed does not restyle the host page, and without JavaScript each <pre> stays readable", async () => {
  // What the host page looks like on its own: the docs script fails to load.
  const props = ["color", "background-color", "font-family", "font-size", "line-height", "margin-top", "display"];
  const hostStyles = (p) =>
    Object.fromEntries(
      ["body", "main", "h1", "h2", "p.lead", "code"].map((sel) => {
        const cs = getComputedStyle(document.querySelector(sel));
        return [sel, Object.fromEntries(p.map((k) => [k, cs.getPropertyValue(k)]))];
      }),
    );
  const bare = await site.open(DOCS, { block: ["**/embed/**"] });
  await bare.page.waitForLoadState("load");
  const want = await bare.page.evaluate(hostStyles, props);
  await bare.close();

  const tab = await site.open(DOCS);
  await waitEnhanced(tab.page);
  const got = await tab.page.evaluate(hostStyles, props);
  const sheets = await tab.page.evaluate(() => ({ doc: document.styleSheets.length, adopted: document.adoptedStyleSheets.length }));
  await tab.close();
  assert.deepEqual(got, want);
  assert.deepEqual(sheets, { doc: 1, adopted: 0 }, "only the host's own stylesheet at document level");

  const nojs = await site.open(DOCS, { contextOptions: { javaScriptEnabled: false } });
  const pres = await nojs.page.evaluate(() =>
    [...document.querySelectorAll("pre[data-fixture]")].map((p) => ({ fixture: p.dataset.fixture, visible: p.checkVisibility(), text: p.innerText })),
  );
  await nojs.close();
  assert.ok(pres.length >= 4);
  for (const p of pres) {
    assert.ok(p.visible, `${p.fixture}: visible without JavaScript`);
    assert.equal(p.text.trim(), fixture(p.fixture).text.trim(), `${p.fixture}: the transcript as captured`);
  }
});
