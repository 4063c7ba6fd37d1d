// The SMTP Lens engine off the main thread, for large pastes.
//
// A module worker that runs the engine built for speed (dist/worker/, see
// src/bin/worker.rs); the page's own wasm does not carry the large-paste
// code (the overview, its encoding, the merge of two parts). The page
// starts the worker when the user reaches for the paste box (this script
// only: the engine comes with a large paste), so it is ready by the time a
// large paste arrives. It answers each message { id, text, port, format,
// part, parts, look, fast } with { id, body } (and `part` for one of two
// parts), the overview of the paste as tab-separated text (see
// `Overview::encode` in src/app/large.rs). index.html copies this file to
// dist/worker.js.
//
// Where the machine has two cores the page runs two of these, and sends a
// large paste to both: part 0 and part 1 of 2 (see smtp_lens::split); the
// page gives both answers to the first worker ({ id, merge: [a, b] }), which
// merges them into the whole paste's overview ({ id, body }), or answers
// { id, unmet: true } when they do not meet (the page then sends the paste
// whole).
//
// A long paste gets two answers: first a look at its beginning (its first
// FIRST_LOOK characters, whole sessions only, marked partial), so the page
// has findings to show within a moment, then the whole paste. The first worker fetches and
// compiles it once ({ prepare }: when the page knows a large paste or file
// is coming, or { hint }, below), hands the compiled module to the page
// ({ fastModule }), which gives it to the other worker ({ fast }; null:
// load it here), and runs it on a built-in sample until the paste arrives
// (a warm-up: V8 starts a fresh module on baseline code and optimises a
// function once it has run enough; the sample gets the hot functions'
// optimising compiles going before the paste needs them). The text
// comes as a string: a structured clone costs the page one copy, while
// encoding it to bytes there would cost it several times that (measured:
// see the README's page figures).
// A quarter of a megabyte: the first look is on the critical path of part
// 0 (the whole paste waits for it), and in the worker's first moments
// (before V8 has optimised the engine's code) half a megabyte took it
// 0.3-0.7 s; a quarter still holds about a hundred sessions.
const FIRST_LOOK = 1 << 18;
// The engine built for speed (src/bin/worker.rs, dist/worker/): fetched and
// compiled by the first worker when a large paste is coming (never on a
// cold load of the page, nor for a small paste). The JS glue is imported
// here; the other workers get the compiled wasm through the page.
const FAST_JS = new URL("worker/smtp-lens-worker.js", self.location.href).href;
const FAST_WASM = new URL("worker/smtp-lens-worker_bg.wasm", self.location.href).href;
const queue = [];
let fast = null;
// The compiled fast module: compiled here ({ prepare }) or from the page ({ fast }).
let fastArrived;
const fastModule = new Promise((resolve) => {
  fastArrived = resolve;
});
let scheduled = false;
let busy = false;
// { prepare } or a hint that came true: the fast engine is being compiled here.
let preparing = null;
// { hint: true }: Ctrl+V was pressed; the page's main thread is now held
// while the browser reads the clipboard, as long as the paste is large
// (about 20 ms a megabyte). Unless the page says "small" ({ hint: false })
// within HINT_MS, the paste is large: the fast engine is prepared now, in
// that wait, instead of after it. A small paste never fetches it.
const HINT_MS = 80;
let hintTimer = null;
// The warm-up stops when this changes (a small paste, or a paste to read).
let warmRound = 0;
// At most this many rounds (one sample text each): twice the sample, 80 KB.
// The hot functions' optimising compiles are asked for within the first
// pass (they then run on V8's compiler threads); more rounds only take a
// core from the browser's read of the clipboard and the page's handling
// of it (measured on 2 busy cores: 40 passes delayed the text's arrival
// by more than they saved).
const WARM_ROUNDS = 14 * 2;

// Messages that arrived while a paste was being analysed are all queued
// before a timer's task runs: only the newest paste is then analysed.
self.onmessage = (event) => {
  if ("merge" in event.data) {
    merge(event.data);
    return;
  }
  if ("fast" in event.data && !("id" in event.data)) {
    fastArrived(event.data.fast);
    // Instantiated now rather than when the paste's text arrives.
    fastEngine(true);
    return;
  }
  if ("prepare" in event.data) {
    prepare();
    return;
  }
  if ("hint" in event.data) {
    clearTimeout(hintTimer);
    if (event.data.hint) hintTimer = setTimeout(prepare, HINT_MS);
    else warmRound = WARM_ROUNDS;
    return;
  }
  // A paste to read: the warm-up gives way.
  warmRound = WARM_ROUNDS;
  queue.push(event.data);
  schedule();
};

function schedule() {
  if (!scheduled && !busy) {
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      drain();
    }, 0);
  }
}

async function drain() {
  busy = true;
  while (queue.length) {
    // Only the newest paste: the others are stale.
    const msg = queue.pop();
    queue.length = 0;
    await answer(msg);
  }
  busy = false;
}

function clean(e) {
  return String(e).replace(/[\t\r\n]/g, " ");
}

// The fast engine, loaded once (`fromPage`: the page compiles it and gives
// it to this worker; null from the page, or no word: fetch it here); null
// if it cannot load.
function fastEngine(fromPage) {
  if (!fast) {
    const module = fromPage ? fastModule : Promise.resolve(null);
    fast = Promise.all([import(FAST_JS), module])
      .then(async ([m, compiled]) => {
        await m.default({ module_or_path: compiled ?? FAST_WASM });
        performance.mark("worker-fast-ready");
        return m;
      })
      .catch(() => null);
  }
  return fast;
}

// Fetches and compiles the fast engine here, once (streaming, on the
// browser's compiler threads), gives it to the page for the other worker,
// and warms it up.
function prepare() {
  clearTimeout(hintTimer);
  if (preparing) {
    // The page has read the paste (the hint came true) and needs a core to
    // hand it over: the warm-up gives way.
    warmRound = WARM_ROUNDS;
    return;
  }
  performance.mark("worker-prepare");
  preparing = WebAssembly.compileStreaming(fetch(FAST_WASM))
    .catch(() => null)
    .then((module) => {
      self.postMessage({ fastModule: module });
      fastArrived(module);
      return module;
    });
  warm();
}

// Runs the fast engine on its built-in sample (`worker_warm`: the page's
// examples and four server logs, about 40 KB, one text a round) round
// after round, yielding between rounds (through a MessageChannel: nested
// timers would wait 4 ms each), until a paste arrives or WARM_ROUNDS.
async function warm() {
  warmRound = 0;
  const engine = await fastEngine(true);
  if (!engine?.worker_warm) return;
  performance.mark("worker-warm");
  const yielded = new MessageChannel();
  try {
    while (warmRound < WARM_ROUNDS && !queue.length && !busy) {
      engine.worker_warm(warmRound++);
      await new Promise((resolve) => {
        yielded.port1.onmessage = resolve;
        yielded.port2.postMessage(0);
      });
    }
  } catch {
    // Only a warm-up: the paste's own analysis reports its errors.
  }
  yielded.port1.close();
  performance.mark("worker-warm-end");
}

async function answer(msg) {
  const { id, text, port, format, part = 0, parts = 1, look = true, fast: fromPage = false } = msg;
  performance.mark("worker-received");
  try {
    const engine = await fastEngine(fromPage);
    if (!engine) throw new Error("the analysis engine could not be loaded");
    // A newer paste came while the engine loaded: this one is stale.
    if (queue.length) return;
    if (look && text.length > 2 * FIRST_LOOK) {
      const cut = text.lastIndexOf("\n", FIRST_LOOK);
      if (cut > 0) {
        const body = engine.worker_first_look(text.slice(0, cut + 1), cut + 1, text.length, port, format);
        performance.mark("worker-first-look");
        if (body) self.postMessage({ id, body });
      }
    }
    let body;
    if (parts > 1 && engine.worker_part) {
      // One of two parts (the other worker reads the other): the page
      // merges them (src/app/large.rs, smtp_lens::split).
      body = engine.worker_part(text, part, port, format);
    } else if (part === 0) {
      body = engine.worker_analyse(text, port, format);
    } else {
      return;
    }
    performance.mark(parts > 1 ? `worker-part-${part}` : "worker-whole");
    self.postMessage(parts > 1 ? { id, part, body } : { id, body });
  } catch (e) {
    self.postMessage({ id, body: "E\t" + clean(e) + "\n" });
  }
}

// The two parts' answers merged (the engine is loaded: this worker read
// part 0): the whole paste's overview, or `unmet` when the parts do not meet.
async function merge({ id, merge: [a, b] }) {
  try {
    const engine = await fastEngine(true);
    const body = engine?.worker_merge(a, b);
    self.postMessage(body ? { id, body } : { id, unmet: true });
  } catch (e) {
    self.postMessage({ id, body: "E\t" + clean(e) + "\n" });
  }
}
