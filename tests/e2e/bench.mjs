// The page benchmark (issue 4's budgets): measures and prints, never asserts.
// Run by hand or by .ci/bench.sh, against the built page:
//
//   trunk build --release --offline && node tests/e2e/bench.mjs
//
// 1. bytes: everything the page downloads on a cold load, as a static host
//    with gzip would send it (level 9), and raw; then what the first paste
//    of a small transcript adds (the paste box's focus starts the analysis
//    workers).                                          budget: <= 250 KB gzip
// 2. first render from localhost: navigation start to the app's paste area
//    on screen (the next frame after it is in the DOM), cold cache.
//                                                      budget: <= 1 s
// 3. re-analysis + render of a typical 5 KB transcript: a real paste over
//    the previous one, traced; the main thread's busy time from the paste
//    to the end of the frame that shows the new verdict and findings (the
//    task that runs its requestAnimationFrame callbacks, then its style,
//    layout, paint and commit), and the longest task in it. Lane frame's
//    tests/e2e/frame-bench.mjs splits this figure up.  budget: <= 16 ms
// 4. a 20 MB paste (every captured fixture, repeated; read through the paste
//    event as most users' browsers give it, and with the async Clipboard API
//    where the clipboard-read permission is granted), and the same as a file,
//    to findings on screen
//    (the first ones: a large paste's first findings come from a look at its
//    first quarter million characters), to the whole paste's overview on
//    screen (the time of the requestAnimationFrame of the frame that shows
//    it; that frame's style, layout and paint follow in the same task), and the
//    longest main-thread task from the paste to that (Long Tasks API).
//    BENCH_TRACE=1 adds where the time goes, from a Chromium trace.
//                                                      budgets: <= 2 s, 200 ms
//
// Results also go to target/e2e-bench.json. Options (env): BENCH_RUNS
// (first-render and re-analysis repetitions, default 7), BENCH_BIG_MB
// (default 20), BENCH_BIG (which of section 4's runs: default
// "paste,permitted,file"), BENCH_FOCUS_WAIT (ms from focus to Ctrl+V, default
// 250), BENCH_BASELINE=1 (also time the big text in a
// bare <textarea>: what the browser alone costs; slow), BENCH_CORES=1 (the
// big paste as on a one-core machine: one worker), E2E_DIST (another
// build). What reading a 20 MB paste costs a bare page, each way a page can
// read it: tests/e2e/paste-floor.mjs.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

import { INPUT, waitForApp } from "./lib/analyzer.mjs";
import { paste, startSite } from "./lib/browser.mjs";
import { ROOT, bigPaste, distDir, fixture } from "./lib/repo.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// BENCH_ONLY=4 (say) runs only that section (and 1, which loads the page).
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map(Number)) : null;
const wanted = (n) => !ONLY || ONLY.has(n);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 20);
// BENCH_CORES=1: the big paste as on a one-core machine (the page then
// reads it with one worker instead of two; hardwareConcurrency).
const CORES = process.env.BENCH_CORES ? Number(process.env.BENCH_CORES) : null;
// BENCH_FOCUS_WAIT: ms between the box's focus and Ctrl+V (default 250, as
// a person clicks in the box, then pastes).
const FOCUS_WAIT = Number(process.env.BENCH_FOCUS_WAIT ?? 250);
const coresInit = CORES ? `Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => ${CORES} });` : null;
const OUT = join(ROOT, "target/e2e-bench");
const TYPICAL = ["openssl/postfix-587-starttls-typed", "phpmailer/aiosmtpd-starttls-587-debug4"].map(fixture);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (n == null || Number.isNaN(n) ? "n/a" : `${n.toFixed(1)} ms`);
const results = { date: new Date().toISOString(), chromium: null };


// In the page: calls back once `want` holds (the verdict is not stale and
// the findings are those of the paste), with the time the DOM got there and
// the time of the next frame (the findings on screen): the time its
// requestAnimationFrame callbacks run, in the task that then does the
// frame's style, layout and paint (the "bench-frame" mark: a trace gives
// that task's end). A task posted from the rAF to mark the end could wait
// behind the page's own timers (it did: up to 250 ms late on a 20 MB paste).
function watchAnalysis(want) {
  const done = () => {
    const v = document.querySelector("[data-testid=verdict]");
    if (!v || v.getAttribute("aria-busy") === "true") return false;
    const ids = [...document.querySelectorAll("[data-finding-id]")].map((e) => e.dataset.findingId).sort();
    if (want.grade && v.dataset.grade !== want.grade) return false;
    if (want.ids) return JSON.stringify(ids) === JSON.stringify(want.ids);
    return ids.length > 0;
  };
  window.__bench = { paste: null, dom: null, frame: null };
  // The start: the paste event, or the file input's change event.
  document.addEventListener(want.start ?? "paste", () => {
    window.__bench.paste = performance.now();
    performance.mark("bench-paste");
  }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (window.__bench.paste === null || window.__bench.dom !== null || !done()) return;
    window.__bench.dom = performance.now();
    performance.mark("bench-dom");
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__bench.frame = performance.now();
      performance.mark("bench-frame");
    });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}

// In the page, from its first byte: the time the app's paste area enters the
// DOM, and the frame after (it is on screen).
const FIRST_RENDER = () => {
  window.__firstRender = { dom: null, frame: null };
  const seen = () => {
    if (window.__firstRender.dom !== null || !document.querySelector("[data-testid=transcript-input]")) return;
    window.__firstRender.dom = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__firstRender.frame = performance.now(); };
      ch.port2.postMessage(0);
    });
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true });
};

async function waitDone(page, timeout) {
  await page.waitForFunction(() => window.__bench?.frame != null, null, { timeout, polling: 50 });
  return page.evaluate(() => window.__bench);
}

function wantOf(fx) {
  return { grade: fx.expected.sessions[0]?.verdict.grade ?? null, ids: fx.expected.findings.map((f) => f.id).sort() };
}

// Main-thread busy time in a trace between two user-timing marks: the
// renderer's main thread is the one that dispatched the paste event.
function busyBetween(trace, from, to) {
  const events = JSON.parse(trace).traceEvents;
  const paste = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "paste");
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes("user_timing"));
  const a = mark(from);
  const b = mark(to);
  if (!paste || !a || !b) return null;
  const tasks = events.filter((e) => e.ph === "X" && e.name === "RunTask" && e.pid === paste.pid && e.tid === paste.tid);
  // From the task that dispatched the paste to the end of the frame's task
  // (the one that ran the rAF holding the mark).
  const start = tasks.find((t) => t.ts <= paste.ts && t.ts + t.dur >= paste.ts)?.ts ?? a.ts;
  const frame = tasks.find((t) => t.ts <= b.ts && t.ts + t.dur >= b.ts);
  const end = frame ? frame.ts + frame.dur : b.ts;
  const inside = tasks.filter((t) => t.ts + t.dur > start && t.ts < end);
  const busy = inside.reduce((s, t) => s + (Math.min(t.ts + t.dur, end) - Math.max(t.ts, start)), 0) / 1000;
  const longest = Math.max(0, ...inside.map((t) => t.dur / 1000));
  const pasteTask = tasks.find((t) => t.ts <= paste.ts && t.ts + t.dur >= paste.ts);
  return { busy, longest, wall: (end - start) / 1000, pasteTask: pasteTask ? pasteTask.dur / 1000 : null };
}

// BENCH_TRACE=1: where the big paste's time goes, from a Chromium trace:
// every main-thread task over 16 ms with what ran inside it, the worker's
// busy time, and the user-timing marks (the page's and the worker's).
function breakdown(trace, type = "paste") {
  const events = JSON.parse(trace).traceEvents;
  const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const paste = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === type);
  if (!paste) return null;
  const t0 = paste.ts;
  const key = (e) => `${e.pid}:${e.tid}`;
  const main = key(paste);
  const rel = (ts) => (ts - t0) / 1000;
  const tasks = events.filter((e) => e.ph === "X" && e.name === "RunTask" && key(e) === main && e.ts + e.dur >= t0 - 1000);
  const inside = (task) => events
    .filter((e) => e.ph === "X" && key(e) === main && e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur && e.dur >= 3000)
    .map((e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ""}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ""} ${(e.dur / 1000).toFixed(0)}`);
  // Wall time, and the thread's own time (tdur: what other processes on a
  // busy machine do not inflate).
  const long = tasks.filter((e) => e.dur >= 16000).map((e) => ({ at: rel(e.ts), ms: e.dur / 1000, cpu: (e.tdur ?? 0) / 1000, inside: inside(e).slice(0, 12) }));
  const workers = [...new Set(events.filter((e) => /Worker/.test(names.get(key(e)) ?? "")).map(key))];
  const worker = workers.map((w) => {
    const ts = events.filter((e) => e.ph === "X" && key(e) === w && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.ts >= t0);
    return { thread: names.get(w), busy: ts.reduce((s, e) => s + e.dur, 0) / 1000, cpu: ts.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000, first: ts.length ? rel(ts[0].ts) : null, last: ts.length ? rel(Math.max(...ts.map((e) => e.ts + e.dur))) : null, long: ts.filter((e) => e.dur >= 50000).map((e) => ({ at: rel(e.ts), ms: e.dur / 1000 })) };
  });
  const marks = events.filter((e) => e.cat?.includes("user_timing") && e.ts >= t0 && e.ph !== "e").map((e) => ({ at: rel(e.ts), name: e.name, thread: names.get(key(e)) }));
  // V8 optimising the wasm's hot functions on its compiler threads (the
  // fast engine starts on baseline code): work that competes with the
  // workers for the cores.
  const tiering = events.filter((e) => e.ph === "X" && e.name === "wasm.TopTierCompilation" && e.ts >= t0);
  const compile = { functions: tiering.length, cpu: tiering.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000, wall: tiering.reduce((s, e) => s + e.dur, 0) / 1000 };
  return { long, worker, marks, compile };
}

function printBreakdown(b) {
  if (!b) return console.log("   (no paste or change event in the trace)");
  console.log("   main-thread tasks over 16 ms (ms from the paste or change event: duration (thread time); inside):");
  for (const x of b.long) console.log(`     @${x.at.toFixed(0)} ${x.ms.toFixed(0)} ms (${x.cpu.toFixed(0)}): ${x.inside.join(", ")}`);
  for (const w of b.worker.filter((w) => w.first != null)) console.log(`   ${w.thread}: busy ${w.busy.toFixed(0)} ms (thread time ${w.cpu.toFixed(0)}) from @${w.first?.toFixed(0)} to @${w.last?.toFixed(0)}; long: ${w.long.map((x) => `@${x.at.toFixed(0)} ${x.ms.toFixed(0)}`).join(", ")}`);
  for (const m of b.marks) console.log(`   mark @${m.at.toFixed(0)} ${m.name} (${m.thread})`);
  console.log(`   V8's optimising compiler on the wasm: ${b.compile.functions} functions, thread time ${b.compile.cpu.toFixed(0)} ms (wall ${b.compile.wall.toFixed(0)} ms)`);
}

// What the server's log entries weigh: each file raw and gzip -9 (as a
// static host would send it), and what the test server sent.
function sizes(sent) {
  return sent.map((e) => {
    const path = decodeURIComponent(new URL(e.path, "http://x").pathname);
    const file = join(distDir(), path.endsWith("/") ? `${path}index.html` : path);
    const raw = readFileSync(file);
    return { file: relative(distDir(), file), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, sent: e.bytes };
  });
}

// A measurement that cannot be made (the page has no analyzer yet, say) is
// reported as such and the others still run.
async function section(title, body) {
  try {
    await body();
  } catch (err) {
    console.log(`\n${title}: not measured: ${String(err.message ?? err).split("\n")[0]}`);
    results[title] = { error: String(err.message ?? err) };
    if (site.browser.isConnected()) await site.browser.stopTracing().catch(() => {});
  }
}

const site = await startSite({ mounts: { "/": distDir(), "/__bench/": OUT, "/__harness/": join(ROOT, "tests/e2e/harness") }, gzip: true });
results.chromium = site.browser.version();
mkdirSync(OUT, { recursive: true });
try {
  // 1. Bytes, from the first cold load (the server's own log of what it sent).
  {
    const before = site.server.log.length;
    const tab = await site.open("/", { clipboard: false });
    await waitForApp(tab.page);
    await tab.page.waitForLoadState("networkidle");
    await tab.close();
    const files = sizes(site.server.log.slice(before).filter((e) => e.status === 200));
    results.bytes = { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
    console.log(`\n1. Page download (cold load, ${files.length} requests)        budget <= 250 KB gzip`);
    for (const f of files) console.log(`   ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
    console.log(`   ${"total".padEnd(44)} ${kb(results.bytes.raw).padStart(10)} raw ${kb(results.bytes.gzip).padStart(10)} gzip`);

    // Then what the first paste adds: the box gets focus (the analysis
    // workers start, see src/app/large.rs), a ~5 KB transcript is pasted
    // and analysed; whatever that fetches, until the network is idle.
    const tab2 = await site.open("/", { clipboard: true });
    await waitForApp(tab2.page);
    await tab2.page.waitForLoadState("networkidle");
    const mid = site.server.log.length;
    const fx = TYPICAL[0];
    await tab2.page.evaluate(watchAnalysis, wantOf(fx));
    await paste(tab2.page, INPUT, fx.text);
    await waitDone(tab2.page, 30_000);
    await tab2.page.waitForLoadState("networkidle");
    await tab2.page.waitForTimeout(500);
    await tab2.close();
    const more = sizes(site.server.log.slice(mid).filter((e) => e.status === 200));
    const moreGzip = more.reduce((s, f) => s + f.gzip, 0);
    results.firstPaste = { files: more, raw: more.reduce((s, f) => s + f.raw, 0), gzip: moreGzip };
    console.log(`   a first paste (${Buffer.byteLength(fx.text)} bytes) then fetches ${more.length} file(s) (the test server sends Cache-Control: no-store, so a file fetched again is counted again):`);
    for (const f of more) console.log(`   + ${f.file.padEnd(42)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
    console.log(`   ${"cold load + first paste".padEnd(44)} ${kb(results.bytes.raw + results.firstPaste.raw).padStart(10)} raw ${kb(results.bytes.gzip + moreGzip).padStart(10)} gzip`);
  }

  // 2. First render, cold cache each time (a fresh browser context).
  if (wanted(2)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const tab = await site.open("/", { clipboard: false, init: [FIRST_RENDER] });
      await tab.page.waitForFunction(() => window.__firstRender?.frame != null, null, { timeout: 30_000 });
      const t = await tab.page.evaluate(() => ({
        ...window.__firstRender,
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      }));
      runs.push(t);
      await tab.close();
    }
    results.firstRender = runs;
    const app = runs.map((r) => r.frame);
    console.log(`\n2. First render from localhost (${RUNS} cold loads)               budget <= 1 s`);
    console.log(`   app's paste area on screen: median ${ms(median(app))}, worst ${ms(Math.max(...app))}`);
    console.log(`   first contentful paint:     median ${ms(median(runs.map((r) => r.fcp)))} (the static "Loading" text)`);
  }

  // 3. Re-analysis of a typical ~5 KB transcript, traced.
  if (wanted(3)) await section("3. Re-analysis", async () => {
    const tab = await site.open("/");
    await waitForApp(tab.page);
    const runs = [];
    for (let i = 0; i <= RUNS; i++) {
      const fx = TYPICAL[i % 2];
      await tab.page.evaluate(watchAnalysis, wantOf(fx));
      if (i > 0) await site.browser.startTracing(tab.page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
      await paste(tab.page, INPUT, fx.text);
      const t = await waitDone(tab.page, 30_000);
      // Let the frame finish before the trace stops.
      await tab.page.waitForTimeout(50);
      if (i === 0) continue; // the first paste is not a re-analysis
      const trace = (await site.browser.stopTracing()).toString();
      const busy = busyBetween(trace, "bench-paste", "bench-frame");
      // The page's own figure for the engine alone, where it shows one ("analysed in N ms").
      const engine = await tab.page.evaluate(() => {
        const m = /analy[sz]ed in ([\d.]+) ms/.exec(document.body.innerText);
        return m ? Number(m[1]) : null;
      });
      // wall: from the trace (to the frame's end) when it has the marks.
      runs.push({ fixture: fx.name, bytes: Buffer.byteLength(fx.text), toDom: t.dom - t.paste, engine, wall: t.frame - t.paste, ...busy });
      await tab.page.evaluate(() => performance.clearMarks());
    }
    await tab.close();
    results.reanalysis = runs;
    console.log(`\n3. Re-analysis + render of a typical ~5 KB transcript (${runs.length} pastes)   budget <= 16 ms`);
    for (const fx of TYPICAL) console.log(`   ${fx.name}: ${Buffer.byteLength(fx.text)} bytes, ${fx.expected.lines} lines`);
    console.log(`   main thread busy, paste to frame: median ${ms(median(runs.map((r) => r.busy)))}, worst ${ms(Math.max(...runs.map((r) => r.busy)))}`);
    console.log(`   of which the browser's own paste task: median ${ms(median(runs.map((r) => r.pasteTask)))}; the engine (the page's "analysed in"): median ${ms(median(runs.map((r) => r.engine ?? NaN)))}`);
    console.log(`   longest single task:              median ${ms(median(runs.map((r) => r.longest)))}, worst ${ms(Math.max(...runs.map((r) => r.longest)))}`);
    console.log(`   wall, paste to the end of that frame: median ${ms(median(runs.map((r) => r.wall)))} (includes any debounce)`);
  });

  // 4. A 20 MB paste (clipboard, Ctrl+V), as most users' browsers give it
  //    (the paste event's data) and where the user let the page read the
  //    clipboard (clipboard-read granted: the async Clipboard API), then
  //    the same text as a file picked with "Open file…". A paste is
  //    pressed 250 ms after the box got focus (a person clicks in the box,
  //    then presses Ctrl+V).
  const bigText = wanted(4) ? bigPaste(BIG_MB * 1_000_000) : "";
  if (wanted(4)) writeFileSync(join(OUT, "paste-big.txt"), bigText);
  const hows = (process.env.BENCH_BIG ?? "paste,permitted,file").split(",");
  for (const how of hows) {
    if (!wanted(4)) break;
    const pasted = how !== "file";
    await section(`4. A ${BIG_MB} MB ${how}`, async () => {
      const text = bigText;
      const tab = await site.open("/", { clipboard: how === "permitted" ? "read" : true, init: coresInit ? [coresInit] : [] });
      await waitForApp(tab.page);
      // The text comes from the local server into the clipboard, not through the driver.
      if (pasted) await tab.page.evaluate(async () => navigator.clipboard.writeText(await (await fetch("/__bench/paste-big.txt")).text()));
      await tab.page.evaluate(watchAnalysis, { grade: null, ids: null, start: pasted ? "paste" : "change" });
      await tab.page.evaluate(() => { window.__e2e.longTasks = []; window.__e2e.longFrames = []; });
      const traced = process.env.BENCH_TRACE === "1";
      if (traced) await site.browser.startTracing(tab.page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute", "v8.wasm", "disabled-by-default-v8.wasm.detailed", "disabled-by-default-v8.wasm.turbofan"] });
      if (pasted) {
        await tab.page.locator(INPUT).focus();
        await tab.page.waitForTimeout(FOCUS_WAIT);
        await tab.page.keyboard.press("ControlOrMeta+V");
      }
      else {
        // As a person does it: the button opens the picker, which gets the file.
        const chooser = tab.page.waitForEvent("filechooser");
        await tab.page.getByRole("button", { name: "Open file…" }).click();
        await (await chooser).setFiles(join(OUT, "paste-big.txt"));
      }
      let t = null;
      try {
        t = await waitDone(tab.page, 120_000);
      } catch {
        t = await tab.page.evaluate(() => window.__bench);
      }
      // A large paste's first findings may come from a first look at its
      // beginning: wait for the whole paste's overview too (its arrival is
      // main-thread work that the longest-task figure must include).
      const whole = await tab.page
        .waitForFunction(() => {
          const o = document.querySelector("[data-testid=large-overview]");
          const v = document.querySelector("[data-testid=verdict]");
          return o?.getAttribute("aria-busy") === "false" && v && v.getAttribute("aria-busy") !== "true" ? performance.now() : null;
        }, null, { timeout: 120_000, polling: 50 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      await tab.page.waitForTimeout(500);
      let detail = null;
      if (traced) {
        const trace = (await site.browser.stopTracing()).toString();
        writeFileSync(join(OUT, `big-${how}-trace.json`), trace);
        detail = breakdown(trace, pasted ? "paste" : "change");
      }
      const { tasks, frames, findings, overview, parts } = await tab.page.evaluate(() => ({
        tasks: window.__e2e.longTasks,
        frames: window.__e2e.longFrames,
        findings: document.querySelectorAll("[data-finding-id]").length,
        overview: document.querySelector("[data-testid=large-overview] h2")?.textContent ?? null,
        parts: document.querySelector("[data-testid=large-overview]")?.dataset.parts ?? null,
      }));
      const inWindow = (x) => t.paste != null && x.start + x.duration >= t.paste && x.start <= Math.max(t.frame ?? Infinity, whole ?? 0) + 500;
      const longest = Math.max(0, ...tasks.filter(inWindow).map((x) => x.duration));
      const longestFrame = Math.max(0, ...frames.filter(inWindow).map((x) => x.duration));
      const r = { bytes: Buffer.byteLength(text), lines: text.split("\n").length - 1, toScreen: t.frame != null ? t.frame - t.paste : null, whole: whole != null ? whole - t.paste : null, longestTask: longest, longestFrame, longTasks: tasks.filter(inWindow).length, findings, overview, parts, breakdown: detail };
      results[{ paste: "big", permitted: "bigPermitted", file: "bigFile" }[how]] = r;
      await tab.close();
      console.log(`\n4. A ${BIG_MB} MB ${how}: ${r.bytes} bytes, ${r.lines} lines   budgets <= 2 s, longest task <= 200 ms`);
      if (detail) printBreakdown(detail);
      console.log(`   ${how} to findings on screen: ${r.toScreen == null ? "not within 120 s" : ms(r.toScreen)} (${findings} finding elements in the DOM)`);
      console.log(`   ${how} to the whole paste's overview on screen: ${r.whole == null ? "not within 120 s" : ms(r.whole)} ("${overview}", read in ${parts ?? "?"} part(s))`);
      console.log(`   longest main-thread task meanwhile (to the whole paste's overview): ${ms(longest)} (${r.longTasks} tasks over 50 ms); longest animation frame ${ms(longestFrame)}`);
    });
  }

  // 5. For reference (BENCH_BASELINE=1): the browser alone, the same text
  //    set as the value of a bare <textarea> on an empty page.
  if (process.env.BENCH_BASELINE === "1") {
    await section("5. Baseline", async () => {
      const tab = await site.open("/__harness/clean.html");
      const t = await tab.page.evaluate(async () => {
        const text = await (await fetch("/__bench/paste-big.txt")).text();
        const box = document.getElementById("box");
        const t0 = performance.now();
        box.value = text;
        const t1 = performance.now();
        void box.scrollHeight; // layout
        const t2 = performance.now();
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
        return { setValue: t1 - t0, layout: t2 - t1, toFrame: performance.now() - t0 };
      });
      // And the browser's own read of a paste that large: getData in the
      // paste event, nothing else (no page can read a paste for less).
      await tab.page.evaluate(async () => navigator.clipboard.writeText(await (await fetch("/__bench/paste-big.txt")).text()));
      await tab.page.evaluate(() => {
        document.getElementById("box").value = "";
        document.addEventListener("paste", (e) => {
          e.preventDefault();
          const t0 = performance.now();
          const n = e.clipboardData.getData("text").length;
          window.__getData = { ms: performance.now() - t0, n };
        }, { once: true });
      });
      await tab.page.locator("#box").focus();
      await tab.page.keyboard.press("ControlOrMeta+V");
      await tab.page.waitForFunction(() => window.__getData, null, { timeout: 60_000 });
      t.getData = (await tab.page.evaluate(() => window.__getData)).ms;
      await tab.close();
      results.baseline = t;
      console.log(`\n5. Baseline: the same ${BIG_MB} MB as a bare <textarea>'s value, on an empty page (the browser alone)`);
      console.log(`   set value ${ms(t.setValue)}, its layout ${ms(t.layout)}, on screen after ${ms(t.toFrame)}`);
      console.log(`   a paste of it read with clipboardData.getData("text") alone (the paste event's floor): ${ms(t.getData)}`);
    });
  }
} finally {
  await site.close();
  writeFileSync(join(ROOT, "target/e2e-bench.json"), JSON.stringify(results, null, 2));
}
console.log(`\nChromium ${results.chromium}; details in target/e2e-bench.json`);
