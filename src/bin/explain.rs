//! The explanation catalog's entries (`smtp_lens::explain`: what a command,
//! a SASL mechanism, an EHLO keyword, a reply code and an enhanced status
//! code mean) as their own small wasm (`smtp-lens-explain`: the catalog
//! only, no analysis, no Yew). The page (built with the `split` feature)
//! shows them only when the user points at, taps or moves to a transcript
//! line, so it imports `explain/smtp-lens-explain.js` then, once, and asks
//! [`entry`] (see `src/app/lazy.rs` and `src/app/explain_line.rs`): a
//! normal visit, a paste and its results, never downloads the catalog's
//! text. Built by `.ci/build-docs-script.sh`, a Trunk hook.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The entry for `key` in `table` ("command", "mechanism", "keyword",
/// "reply", "enhanced"): `[title, text, ...refs]`, empty when there is none.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn entry(table: &str, key: &str) -> js_sys::Array {
    use smtp_lens::explain;
    let found = match table {
        "command" => explain::command(key),
        "mechanism" => explain::auth_mechanism(key),
        "keyword" => explain::ehlo_keyword(key),
        "reply" => key.parse().ok().and_then(explain::reply),
        "enhanced" => explain::enhanced(key),
        _ => None,
    };
    let out = js_sys::Array::new();
    if let Some(e) = found {
        out.push(&e.title.into());
        out.push(&e.text.into());
        for r in e.refs {
            out.push(&(*r).into());
        }
    }
    out
}

fn main() {}
