// What reading a large paste costs the browser itself, on a bare page (no
// app, no wasm): each way a page can take a paste, measured for the longest
// main-thread task (Long Tasks API) and the time from the paste event until
// the page holds the text (or a Blob of it). Measures and prints, never
// asserts. Rerun:
//
//   node tests/e2e/paste-floor.mjs            (BENCH_BIG_MB=20, RUNS=3)
//
// The text is put on the clipboard by the page itself (fetched from the
// local server), then a real Ctrl+V is pressed in a bare <textarea>:
//
//  getData      clipboardData.getData("text") in the paste event (what any
//               page that reads a paste does; SMTP Lens did this)
//  getAsString  clipboardData.items[i].getAsString(callback)
//  readText     preventDefault, then navigator.clipboard.readText() (the
//               async Clipboard API; needs the clipboard-read permission,
//               granted here as a user would grant it)
//  read         preventDefault, then navigator.clipboard.read() and the
//               text/plain item's Blob (never a string on the main thread)
//  native       nothing: the browser's own paste into the <textarea>
//               (BENCH_NATIVE=1 only: tens of seconds at 20 MB)
//
// Each paste is also traced: the longest main-thread task's wall time and
// the page thread's own time in it (the difference is waiting: getData is
// a synchronous call to the browser process, which reads the clipboard),
// and the browser process's main thread's time meanwhile.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { startSite } from "./lib/browser.mjs";
import { ROOT, bigPaste } from "./lib/repo.mjs";

const MB = Number(process.env.BENCH_BIG_MB ?? 20);
const RUNS = Number(process.env.RUNS ?? 3);
const OUT = join(ROOT, "target/e2e-bench");


// In the page: arms the paste handler for one way of reading.
function arm(how) {
  window.__r = null;
  const box = document.getElementById("box");
  box.value = "";
  const done = (t0, n) => {
    window.__r = { ms: performance.now() - t0, n };
    performance.mark("floor-done");
  };
  document.addEventListener("paste", (e) => {
    const t0 = performance.now();
    window.__t0 = t0;
    if (how === "getData") {
      e.preventDefault();
      done(t0, e.clipboardData.getData("text").length);
    } else if (how === "getAsString") {
      e.preventDefault();
      const item = [...e.clipboardData.items].find((i) => i.kind === "string" && i.type === "text/plain");
      item.getAsString((s) => done(t0, s.length));
    } else if (how === "readText") {
      e.preventDefault();
      navigator.clipboard.readText().then((s) => done(t0, s.length));
    } else if (how === "read") {
      e.preventDefault();
      navigator.clipboard.read().then(async (items) => {
        const blob = await items[0].getType("text/plain");
        done(t0, blob.size);
      });
    } else {
      box.addEventListener("input", () => done(t0, box.value.length), { once: true });
    }
  }, { capture: true, once: true });
}

// From a trace of one paste: the page's longest main-thread task from the
// paste event to the text in hand (wall, and the thread's own time: the
// rest it spent waiting), and the browser process's main thread's time then.
function threads(events) {
  const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const key = (e) => `${e.pid}:${e.tid}`;
  const paste = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "paste");
  const done = events.find((e) => e.name === "floor-done" && e.cat.includes("user_timing"));
  if (!paste || !done) return {};
  const tasks = (thread) => events.filter((e) => e.ph === "X" && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && thread(e) && e.ts + e.dur >= paste.ts - 1000 && e.ts <= done.ts);
  const main = tasks((e) => key(e) === key(paste)).sort((a, b) => b.dur - a.dur)[0];
  const browser = tasks((e) => names.get(key(e)) === "CrBrowserMain");
  return {
    mainWall: main ? main.dur / 1000 : null,
    mainCpu: main?.tdur != null ? main.tdur / 1000 : null,
    browserCpu: browser.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000,
  };
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "paste-floor.txt"), bigPaste(MB * 1_000_000));
const site = await startSite({ mounts: { "/": join(ROOT, "tests/e2e/harness"), "/__bench/": OUT } });
const ways = ["getData", "getAsString", "readText", "read", ...(process.env.BENCH_NATIVE === "1" ? ["native"] : [])];
try {
  console.log(`A ${MB} MB paste on a bare page (${site.browser.version()}); ${RUNS} runs each`);
  for (const how of ways) {
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const tab = await site.open("/clean.html");
      const page = tab.page;
      await page.evaluate(async () => navigator.clipboard.writeText(await (await fetch("/__bench/paste-floor.txt")).text()));
      await page.evaluate(arm, how);
      await page.locator("#box").focus();
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.__e2e.longTasks = []; });
      await site.browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
      await page.keyboard.press("ControlOrMeta+V");
      await page.waitForFunction(() => window.__r, null, { timeout: 120_000, polling: 20 });
      await page.waitForTimeout(300);
      const trace = threads(JSON.parse((await site.browser.stopTracing()).toString()).traceEvents);
      const r = await page.evaluate(() => ({
        ...window.__r,
        longest: Math.max(0, ...window.__e2e.longTasks.filter((t) => t.start + t.duration >= window.__t0 - 50).map((t) => t.duration)),
      }));
      rows.push({ ...r, ...trace });
      await tab.close();
    }
    const f = (xs) => xs.map((x) => (x == null ? "?" : x.toFixed(0))).join(", ");
    console.log(`  ${how.padEnd(12)} text in hand after ${f(rows.map((r) => r.ms))} ms (${rows[0].n} ${how === "read" ? "bytes" : "characters"})`);
    console.log(`  ${"".padEnd(12)} longest main-thread task ${f(rows.map((r) => r.longest))} ms; in the trace ${f(rows.map((r) => r.mainWall))} ms, of which the page's thread ran ${f(rows.map((r) => r.mainCpu))} ms`);
    console.log(`  ${"".padEnd(12)} meanwhile the browser process's main thread ran ${f(rows.map((r) => r.browserCpu))} ms (reading the clipboard)`);
  }
} finally {
  await site.close();
}
