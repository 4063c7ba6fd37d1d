// The SMTP Lens engine off the main thread, for large pastes.
//
// A module worker that loads the page's own wasm (the same files as the
// page, so nothing more is downloaded: the browser has them cached) and
// answers each message { id, text, port, format } with { id, body }, the
// overview of the paste as tab-separated text (see `Overview::encode` in
// src/app/large.rs). The page passes the hashed
// file names of the wasm-bindgen JS and the wasm in this script's URL.
// index.html copies this file to dist/worker.js.
const params = new URL(self.location.href).searchParams;
const queue = [];
let analyse = null;

self.onmessage = (event) => {
  if (analyse) {
    answer(event.data);
  } else {
    queue.push(event.data);
  }
};

function answer(msg) {
  let body;
  try {
    body = analyse(msg.text, msg.port, msg.format);
  } catch (e) {
    body = "E\t" + String(e).replace(/[\t\r\n]/g, " ") + "\n";
  }
  self.postMessage({ id: msg.id, body });
}

try {
  const glue = await import(params.get("js"));
  await glue.default({ module_or_path: params.get("wasm") });
  analyse = glue.worker_analyse;
  while (queue.length) answer(queue.shift());
} catch (e) {
  self.postMessage({ id: -1, body: "E\tThe analysis worker could not start: " + String(e).replace(/[\t\r\n]/g, " ") + "\n" });
}
