// The 16 ms budget (issue 4: "re-analysis and render of a typical 5 KB
// transcript within one frame"), measured two ways and split into its
// parts. Measures and prints, never asserts; not run by CI. Lane `frame`'s
// companion to bench.mjs (section 3 there is the paste case alone).
//
//   trunk build --release --offline && node tests/e2e/frame-bench.mjs
//
// paste: the 4.4 and 4.6 KB captures bench.mjs uses, pasted over each
//        other (Ctrl+A, Ctrl+V): every part of the page changes. A paste
//        is analysed as the input event is handled (src/app/state.rs), so
//        the text and its analysis come in one frame.
// key:   one keystroke in the middle of a 4.4 / 4.6 KB transcript (a
//        character typed, then deleted): "analysis as you type", after the
//        typing pause.
//
// Each run is traced (Chromium), from the task that handles the paste or
// the key to the end of the frame that shows the new analysis wherever the
// user looks (paste: the verdict not stale, and the transcript either
// showing the new text or, out of view, marked to be drawn after this
// frame (aria-busy, src/app/components/later.rs); the diagram is always
// drawn a frame later; key: the verdict no longer marked stale, after it
// was). The frame ends with the task that runs its requestAnimationFrame
// callbacks, style, layout, paint and commit. A second line follows each
// mode: the same span to the end of the frame with every panel drawn for
// the new text (the diagram and the transcript too, with the transcript's
// rows above and below the view: nothing marked aria-busy). For each run, in
// thread time (what the page costs the CPU, much less sensitive than wall
// time to other processes on a shared machine, which count in wall time as
// the thread waiting for a core):
//   total  every main-thread task from the input event (the task that
//          handles the paste, the browser's own paste into the text box
//          included) to the painted frame: the budget;
//   input  the task that handled the paste or the key: the browser's own
//          editing of the text box, plus our handler (for a paste: the
//          engine and our render too);
//   script our code in that span (event handlers, the engine, Yew's render
//          and its DOM writes: V8 FunctionCall / RunMicrotasks);
//   render the browser's style, layout, paint, layerize and commit (also
//          the layouts the browser forces while it edits the text box);
//   ours   total without the browser's own part of the input task (its
//          editing of the text box before the input event, which a bare
//          <textarea> costs as much): the re-analysis and render (our
//          script, the style and layout it causes, the frame).
// Options (env): RUNS (per mode, default 9), MODES (default "paste,key"),
// DISTS (comma-separated built pages to compare, default dist/: measured
// in turn, run by run, with the median of each run's difference from the
// first build's),
// VIEWPORT (default 1280x900; e.g. 1600x2200 puts the transcript in view),
// FIXTURES (two tests/fixtures names pasted over each other, default the
// 4.4 and 4.6 KB captures above),
// TRACE_OUT (a folder: each run's trace is written there), PROFILE=1 (the
// traces also hold V8's CPU profile: which functions, wasm ones by name in a
// build that keeps them; slows the page down, so its figures are not the
// page's).

import { join } from "node:path";
import { writeFileSync } from "node:fs";

import { INPUT, waitForApp } from "./lib/analyzer.mjs";
import { paste, startSite } from "./lib/browser.mjs";
import { ROOT, distDir, fixture } from "./lib/repo.mjs";

const RUNS = Number(process.env.RUNS ?? 9);
const MODES = (process.env.MODES ?? "paste,key").split(",");
const [W, H] = (process.env.VIEWPORT ?? "1280x900").split("x").map(Number);
const TYPICAL = (process.env.FIXTURES ?? "openssl/postfix-587-starttls-typed,phpmailer/aiosmtpd-starttls-587-debug4")
  .split(",")
  .map(fixture);
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"].concat(
  process.env.PROFILE ? ["disabled-by-default-v8.cpu_profiler"] : [],
).concat(
  process.env.INVALIDATIONS ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : [],
);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x == null || Number.isNaN(x) ? "n/a" : `${x.toFixed(1)} ms`);

// In the page: marks the paste or key event, then two frames. "fb-frame":
// the first frame that shows the new analysis wherever the user looks: the
// verdict not stale and, for a paste, each of the diagram and the
// transcript either drawn for the new text (line 1 of the transcript is
// the paste's) or still to be drawn because it is out of view (its panel
// marked aria-busy, see src/app/components/later.rs); for a key, once the
// verdict is no longer stale after it was. "fb-all": the first frame with
// every panel drawn for the new text (none aria-busy).
function watch([event, first, line1]) {
  window.__fb = { frame: null, all: null, stale: first };
  document.addEventListener(event, () => performance.mark("fb-start"), { capture: true, once: true });
  // Marked in the frame's requestAnimationFrame: the frame ends with the
  // task that runs it (its style, layout, paint and commit). (A task posted
  // from the rAF to mark the end can wait behind the page's own timers.)
  const painted = (name) =>
    requestAnimationFrame(() => {
      performance.mark(`fb-${name}`);
      setTimeout(() => { window.__fb[name] = true; }, 0);
    });
  let seen = false;
  const observer = new MutationObserver(() => {
    const v = document.querySelector("[data-testid=verdict]");
    if (!v || !performance.getEntriesByName("fb-start").length) return;
    if (v.getAttribute("aria-busy") === "true") {
      window.__fb.stale = true;
      return;
    }
    const later = document.querySelectorAll("[aria-busy=true]").length;
    const shown = document.querySelector(".tline[data-line='1'] .tl-text")?.textContent;
    const transcriptLater = document.querySelector(".area-transcript[aria-busy=true]") != null;
    const fresh = line1 == null ? window.__fb.stale : shown === line1 || transcriptLater;
    if (!fresh) return;
    if (!seen) {
      seen = true;
      painted("frame");
    }
    if (later === 0 && (line1 == null || shown === line1)) {
      observer.disconnect();
      painted("all");
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}

// Sum of the thread time of `events`, counting nested ones once.
function outer(events) {
  let sum = 0;
  let until = -Infinity;
  for (const e of [...events].sort((x, y) => x.ts - y.ts || y.dur - x.dur)) {
    if (e.ts < until) continue;
    until = e.ts + e.dur;
    sum += e.tdur ?? e.dur;
  }
  return sum / 1000;
}

const SCRIPT = new Set(["FunctionCall", "RunMicrotasks", "TimerFire"]);
const RENDER = new Set(["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "HitTest"]);

function measureTrace(text, event, endMark = "fb-frame") {
  const events = JSON.parse(text).traceEvents;
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes("user_timing"));
  const dispatch = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === event);
  const a = mark("fb-start");
  const b = mark(endMark);
  if (!dispatch || !a || !b) return null;
  const onMain = (e) => e.pid === dispatch.pid && e.tid === dispatch.tid && e.ph === "X";
  const tasks = events.filter((e) => onMain(e) && e.name === "RunTask").sort((x, y) => x.ts - y.ts);
  const first = tasks.find((t) => t.ts <= dispatch.ts && t.ts + t.dur >= dispatch.ts);
  const start = first?.ts ?? a.ts;
  // The end of the frame: the task that ran the rAF holding the mark.
  const frame = tasks.find((t) => t.ts <= b.ts && t.ts + t.dur >= b.ts);
  const end = frame ? frame.ts + frame.dur : b.ts;
  const inside = tasks.filter((t) => t.ts + t.dur > start && t.ts < end);
  const part = (t) => (Math.min(t.ts + t.dur, end) - Math.max(t.ts, start)) / t.dur;
  const cpuOf = (ts) => ts.reduce((s, t) => s + (t.tdur ?? t.dur) * part(t), 0) / 1000;
  const span = events.filter((e) => onMain(e) && e.ts >= start && e.ts + (e.dur ?? 0) <= end);
  const inFirst = (e) => first && e.ts >= first.ts && e.ts < first.ts + first.dur;
  const total = cpuOf(inside);
  const input = first ? (first.tdur ?? first.dur) / 1000 : null;
  const inputScript = outer(span.filter((e) => inFirst(e) && SCRIPT.has(e.name)));
  // The style and layout the browser does in the input task once the input
  // event is dispatched: what our DOM writes made dirty (the editor lays
  // the page out to show the caret).
  const inputEvent = span.find((e) => inFirst(e) && e.name === "EventDispatch" && e.args?.data?.type === "input");
  const inputRender = inputEvent ? outer(span.filter((e) => inFirst(e) && RENDER.has(e.name) && e.ts >= inputEvent.ts)) : 0;
  return {
    total,
    input,
    script: outer(span.filter((e) => SCRIPT.has(e.name))),
    render: outer(span.filter((e) => RENDER.has(e.name))),
    ours: input == null ? null : total - (input - inputScript - inputRender),
    longest: Math.max(0, ...inside.map((t) => (t.tdur ?? t.dur) / 1000)),
    busy: inside.reduce((s, t) => s + t.dur * part(t), 0) / 1000,
    wall: (end - start) / 1000,
  };
}

// Every build in DISTS is measured in the same minutes: one site and tab
// each, and each run pastes (or types) into every build in turn, the order
// swapped from run to run, so a busy moment of the shared machine weighs
// on all of them alike (paired runs).
async function measureAll(dists) {
  const sites = [];
  const out = dists.map(() => ({}));
  try {
    for (const d of dists) sites.push(await startSite({ mounts: { "/": d }, gzip: true }));
    for (const mode of MODES) {
      const tabs = [];
      for (const site of sites) {
        const tab = await site.open("/", { viewport: { width: W, height: H } });
        await waitForApp(tab.page);
        tabs.push(tab);
      }
      const runs = dists.map(() => []);
      for (let i = 0; i <= RUNS; i++) {
        const order = dists.map((_, k) => k);
        if (i % 2) order.reverse();
        for (const k of order) {
          const r = await once(sites[k], tabs[k], mode, i, k);
          if (r) runs[k].push(r);
        }
      }
      for (const tab of tabs) await tab.close();
      runs.forEach((r, k) => { out[k][mode] = r; });
    }
  } finally {
    for (const site of sites) await site.close();
  }
  return out;
}

async function once(site, tab, mode, i, k) {
  const fx = TYPICAL[i % 2];
  const event = mode === "paste" || i === 0 ? "paste" : "keydown";
  const line1 = event === "paste" ? fx.text.split("\n")[0].replace(/\r$/, "").replace(/\t/g, "    ") : null;
  await tab.page.evaluate(watch, [event, i === 0, line1]);
  if (i > 0) await site.browser.startTracing(tab.page, { categories: CATEGORIES });
  if (event === "paste") await paste(tab.page, INPUT, fx.text);
  else await tab.page.keyboard.press(i % 2 ? "x" : "Backspace");
  await tab.page.waitForFunction(() => window.__fb?.frame && window.__fb?.all, null, { timeout: 30_000, polling: 50 });
  await tab.page.waitForTimeout(50);
  let result = null;
  if (i > 0) {
    const trace = (await site.browser.stopTracing()).toString();
    if (process.env.TRACE_OUT) writeFileSync(join(process.env.TRACE_OUT, `${mode}-${i}${k ? `-${k}` : ""}.json`), trace);
    const r = measureTrace(trace, event);
    const all = measureTrace(trace, event, "fb-all");
    if (r) result = { run: i, ...r, allTotal: all?.total, allWall: all?.wall, allLongest: all?.longest };
  } else if (mode === "key") {
    // The caret in the middle of the text.
    await tab.page.evaluate((sel) => {
      const t = document.querySelector(sel);
      t.focus();
      t.setSelectionRange(t.value.length >> 1, t.value.length >> 1);
    }, INPUT);
  }
  await tab.page.evaluate(() => performance.clearMarks());
  return result;
}

const dists = (process.env.DISTS ?? distDir()).split(",");
const results = { date: new Date().toISOString(), viewport: `${W}x${H}`, dists: {} };
(await measureAll(dists)).forEach((r, k) => { results.dists[dists[k]] = r; });
for (const [d, modes] of Object.entries(results.dists)) {
  console.log(`\n${d} (${W}x${H})`);
  for (const [mode, runs] of Object.entries(modes)) {
    const m = (k) => ms(median(runs.map((r) => r[k] ?? NaN)));
    console.log(`  ${mode.padEnd(5)} (${runs.length} runs, medians): total ${m("total")} = script ${m("script")} + render ${m("render")} + other; ours ${m("ours")}; input task ${m("input")}; longest task ${m("longest")}; busy ${m("busy")}; wall to frame ${m("wall")}`);
    console.log(`        to every panel drawn: total ${m("allTotal")}; longest task ${m("allLongest")}; wall ${m("allWall")}`);
  }
}
// Each later build against the first, run by run (the same run's paste
// into each): the median of the differences.
for (const d of dists.slice(1)) {
  for (const mode of MODES) {
    const base = results.dists[dists[0]][mode] ?? [];
    const diffs = (key) =>
      (results.dists[d][mode] ?? []).flatMap((r) => {
        const b = base.find((x) => x.run === r.run);
        return b && r[key] != null && b[key] != null ? [r[key] - b[key]] : [];
      });
    const pd = (key) => { const x = diffs(key); return x.length ? `${median(x) >= 0 ? "+" : ""}${median(x).toFixed(1)} ms (${x.length} pairs)` : "n/a"; };
    console.log(`\n${d} against ${dists[0]}, ${mode}, median of paired differences: ours ${pd("ours")}; total ${pd("total")}; render ${pd("render")}; script ${pd("script")}; every panel ${pd("allTotal")}`);
  }
}
writeFileSync(join(ROOT, "target/e2e-frame-bench.json"), JSON.stringify(results, null, 2));
