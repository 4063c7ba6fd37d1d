// Starts the SMTP Lens WebAssembly app from a file instead of Trunk's default
// inline <script type="module">, so the page's Content-Security-Policy can
// keep `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no hash
// to recompute on every build).
//
// Trunk writes the hashed file names of the wasm-bindgen JS and the wasm
// into this script tag's data attributes: see `pattern_script` in Trunk.toml.
// index.html copies this file to dist/boot.js.
const tag = document.querySelector("script[data-smtp-lens-wasm]");
const { default: init } = await import(tag.dataset.smtpLensJs);
const wasm = await init({ module_or_path: tag.dataset.smtpLensWasm });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
