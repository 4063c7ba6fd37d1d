//! Sharing from the page: the Share button and its dialog ([`dialog`]),
//! and opening a share link ([`open`]). The engine does the work
//! (`smtp_lens::share`: redaction and the link codec); this is the UI.

// With the `split` feature the page's binary uses only `ShareProps`: the
// dialog is its own wasm, loaded on first use (src/app/lazy.rs).
#[cfg_attr(feature = "split", allow(dead_code))]
pub mod dialog;
pub mod open;
