// Starts SMTP Lens from a file instead of Trunk's default inline
// <script type="module">, so the page's Content-Security-Policy can keep
// `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no hash to
// recompute on every build). index.html copies this file to dist/boot.js.
//
// Trunk writes the hashed file names of the wasm-bindgen JS and the wasm
// into this script tag's data attributes: see `pattern_script` in Trunk.toml.
//
// `?embed` (the compact view for iframes) runs on the documentation
// script's smaller wasm (dist/embed/, see src/app/embed/docs_main.rs)
// instead of the page's: an iframe downloads only that.
//
// The page's wasm is fetched here at once, alongside its JS glue (there is
// no <link rel=preload> for it: an iframe would download it for nothing).
const tag = document.querySelector("script[data-smtp-lens-wasm]");
const app = document.getElementById("app");

if (new URLSearchParams(location.search).has("embed")) {
  const core = await import(new URL("embed/smtp-lens-core.js", import.meta.url).href);
  await core.default({ module_or_path: new URL("embed/smtp-lens-core_bg.wasm", import.meta.url) });
  try {
    core.mountFrame(app);
  } catch (e) {
    console.error("SMTP Lens embed:", e);
  }
} else {
  // Parts of the page built as their own wasm and loaded on first use
  // (src/app/lazy.rs): `smtpLensPart("learn")` imports
  // learn/smtp-lens-learn.js, starts its wasm once, and resolves to the
  // module. A failed load is forgotten, so a later call tries again.
  // Learn and Share bring their stylesheets (learn/learn.css,
  // share/share.css), applied before they show.
  const parts = new Map();
  const styled = new Set(["learn", "share"]);
  const stylesheet = (href) =>
    new Promise((resolve, reject) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = () => resolve();
      link.onerror = () => reject(new Error(`could not load ${href}`));
      document.head.append(link);
    });
  window.smtpLensPart = (name) => {
    if (!/^[a-z]+$/.test(name)) return Promise.reject(new Error("no such part"));
    if (!parts.has(name)) {
      const base = new URL(`${name}/smtp-lens-${name}`, import.meta.url).href;
      const css = styled.has(name) ? stylesheet(new URL(`${name}/${name}.css`, import.meta.url).href) : null;
      const loading = import(`${base}.js`).then(async (part) => {
        await part.default({ module_or_path: new URL(`${base}_bg.wasm`) });
        await css;
        return part;
      });
      loading.catch(() => parts.delete(name));
      parts.set(name, loading);
    }
    return parts.get(name);
  };
  const wasmResponse = fetch(tag.dataset.smtpLensWasm);
  const { default: init } = await import(tag.dataset.smtpLensJs);
  const wasm = await init({ module_or_path: wasmResponse });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
}
