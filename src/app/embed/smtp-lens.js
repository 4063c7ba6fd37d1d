// SMTP Lens for documentation sites: turns SMTP transcripts in <pre>
// blocks into analysed, annotated views. Include it once:
//
//   <script type="module" src="/smtp-lens/embed/smtp-lens.js"></script>
//   <pre data-smtp-lens data-view="all" data-port="587">...</pre>
//
// Every <pre data-smtp-lens> is enhanced when the script loads. For other
// blocks, or content added later (single-page docs sites), call enhance():
//
//   import { enhance } from "/smtp-lens/embed/smtp-lens.js";
//   enhance("pre:has(> code.language-smtp)", { view: "all" });
//
// Attributes (or options): data-view = transcript (default) | findings |
// diagram | all, or several joined with "+"; data-port = the port when the
// transcript does not show it; data-theme = auto (default) | light | dark.
// The view lives in a shadow root: the page's CSS cannot reach it and its
// CSS cannot reach the page. Nothing is fetched but this file, its glue
// and its wasm; the transcript never leaves the page.
import init, { enhanceElement } from "./smtp-lens-core.js";

const wasmUrl = new URL("smtp-lens-core_bg.wasm", import.meta.url);
let loading = null;

/** Loads the WebAssembly once. */
export function load() {
  if (!loading) loading = init({ module_or_path: wasmUrl });
  return loading;
}

/**
 * Enhances the <pre> elements `target` names: a CSS selector (default
 * "pre[data-smtp-lens]"), an element, or a list of elements. Blocks
 * already enhanced are skipped. Resolves to the new view elements.
 * options: { view, port, theme, app } where app is the address of an
 * SMTP Lens page for an "Open in SMTP Lens" link (none by default).
 */
export async function enhance(target = "pre[data-smtp-lens]", options = {}) {
  await load();
  const list =
    typeof target === "string"
      ? document.querySelectorAll(target)
      : target instanceof Element
        ? [target]
        : Array.from(target || []);
  const views = [];
  for (const pre of list) {
    if (pre.getAttribute("data-smtp-lens-state") === "enhanced") continue;
    try {
      views.push(
        enhanceElement(
          pre,
          options.view == null ? undefined : String(options.view),
          options.port == null ? undefined : String(options.port),
          options.theme == null ? undefined : String(options.theme),
          options.app == null ? undefined : String(options.app),
        ),
      );
    } catch (e) {
      // The <pre> stays as it was.
      console.warn("SMTP Lens could not enhance a block:", e);
    }
  }
  return views;
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhance(), { once: true });
  } else {
    enhance();
  }
}
