// The SMTP Lens engine off the main thread, for large pastes.
//
// A module worker that runs the page's own wasm: the page posts its
// compiled WebAssembly.Module first ({ module }), so nothing is downloaded
// or compiled again and the engine's code the page has already optimised is
// shared; the URL of the wasm (in this script's URL, with the wasm-bindgen
// JS) is the fallback. The page starts the worker when the user reaches for
// the paste box, so it is ready by the time a large paste arrives. It
// answers each message { id, text, port, format } with { id, body }, the
// overview of the paste as tab-separated text (see `Overview::encode` in
// src/app/large.rs). index.html copies this file to dist/worker.js.
//
// A long paste gets two answers: first a look at its beginning (its first
// FIRST_LOOK characters, whole sessions only, marked partial), so the page
// has findings to show within a moment, then the whole paste. The text
// comes as a string: a structured clone costs the page one copy, while
// encoding it to bytes there would cost it several times that (measured:
// see the README's page figures).
const params = new URL(self.location.href).searchParams;
// Half a megabyte: in the worker's first moments (before V8 has optimised
// the engine's code) that takes it 0.3-0.7 s.
const FIRST_LOOK = 1 << 19;
const queue = [];
let glue = null;
let scheduled = false;

// Messages that arrived while a paste was being analysed are all queued
// before a timer's task runs: only the newest paste is then analysed.
self.onmessage = (event) => {
  if ("module" in event.data) {
    start(event.data.module);
    return;
  }
  queue.push(event.data);
  schedule();
};

function schedule() {
  if (glue && !scheduled) {
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      drain();
    }, 0);
  }
}

function drain() {
  while (queue.length) {
    const msg = queue.shift();
    // A newer paste is waiting: this one is stale, skip it.
    if (queue.length) continue;
    answer(msg);
  }
}

function clean(e) {
  return String(e).replace(/[\t\r\n]/g, " ");
}

function answer(msg) {
  const { id, text, port, format } = msg;
  performance.mark("worker-received");
  try {
    if (text.length > 2 * FIRST_LOOK) {
      const cut = text.lastIndexOf("\n", FIRST_LOOK);
      if (cut > 0) {
        const body = glue.worker_first_look(text.slice(0, cut + 1), cut + 1, text.length, port, format);
        performance.mark("worker-first-look");
        if (body) self.postMessage({ id, body });
      }
    }
    const body = glue.worker_analyse(text, port, format);
    performance.mark("worker-whole");
    self.postMessage({ id, body });
  } catch (e) {
    self.postMessage({ id, body: "E\t" + clean(e) + "\n" });
  }
}

let starting = false;

async function start(module) {
  if (starting) return;
  starting = true;
  try {
    const js = await import(params.get("js"));
    await js.default({ module_or_path: module ?? params.get("wasm") });
    glue = js;
    performance.mark("worker-ready");
    schedule();
  } catch (e) {
    self.postMessage({ id: -1, body: "E\tThe analysis worker could not start: " + clean(e) + "\n" });
  }
}
