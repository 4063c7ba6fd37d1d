//! The "Load example" transcripts as their own small wasm
//! (`smtp-lens-examples`: the texts and one function, no engine, no Yew),
//! so that the analyzer's first load carries only the example cards: the
//! page (built with the `split` feature) imports
//! `examples/smtp-lens-examples.js` on the first "Load example" (or an
//! `#example=ID` link) and calls [`exampleText`](example_text) (see
//! `src/app/lazy.rs`). Built by `.ci/build-docs-script.sh`, a Trunk hook.

#[cfg(target_arch = "wasm32")]
#[path = "../app/examples.rs"]
#[allow(dead_code)]
mod examples;

/// The transcript of the example `id` (see `src/app/examples.rs`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = exampleText)]
pub fn example_text(id: &str) -> Option<String> {
    examples::text(id).map(str::to_string)
}

fn main() {}
