//! Embedding: the compact analysed view ([`render`]) and the page's
//! `?embed` mode for iframes ([`frame`]). The documentation-site script
//! (`docs_main.rs`, its own wasm binary `smtp-lens-docs`) draws the same
//! view into shadow roots on a host page.

pub mod diagram;
pub mod frame;
// Shared with the docs script's binary, which uses a different part of it.
#[allow(dead_code)]
pub mod render;
