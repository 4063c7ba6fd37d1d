//! What the page opens besides a paste, as its own small wasm
//! (`smtp-lens-open`: no analysis, no Yew): the examples' transcripts and
//! the decoding of share links (base64 and inflate). The analyzer's first
//! load then carries only the example cards and the check that a fragment
//! is a share link: the page (built with the `split` feature) imports
//! `open/smtp-lens-open.js` on the first "Load example", `#example=ID` or
//! `#share=...` link and calls [`exampleText`](example_text) or
//! [`openLink`](open_link) (see `src/app/lazy.rs`). Built by
//! `.ci/build-docs-script.sh`, a Trunk hook.

#[cfg(target_arch = "wasm32")]
#[path = "../app/examples.rs"]
#[allow(dead_code)]
mod examples;

#[cfg(target_arch = "wasm32")]
#[path = "../app/share/open.rs"]
#[allow(dead_code, unused_imports)]
mod link;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The transcript of the example `id` (see `src/app/examples.rs`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = exampleText)]
pub fn example_text(id: &str) -> Option<String> {
    examples::text(id).map(str::to_string)
}

#[cfg(target_arch = "wasm32")]
/// Decodes the share link in `hash`: `[transcript, port, session,
/// lines, finding]` (port and finding undefined when absent), or throws
/// the message the page shows for a link that cannot be opened.
#[wasm_bindgen(js_name = openLink)]
pub fn open_link(hash: &str) -> Result<js_sys::Array, JsValue> {
    let o = link::open(hash).map_err(|m| JsValue::from_str(&m))?;
    let sel = o.selection.unwrap_or_default();
    let out = js_sys::Array::new();
    out.push(&JsValue::from_str(&o.transcript));
    out.push(&o.port.map_or(JsValue::UNDEFINED, JsValue::from));
    out.push(&JsValue::from(o.session));
    out.push(&js_sys::Uint32Array::from(&sel.lines[..]));
    out.push(
        &sel.finding
            .map_or(JsValue::UNDEFINED, |f| JsValue::from_str(&f)),
    );
    Ok(out)
}

fn main() {}
