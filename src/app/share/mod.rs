//! Sharing from the page: the Share button and its dialog ([`dialog`]),
//! and opening a share link ([`open`]). The engine does the work
//! (`smtp_lens::share`: redaction and the link codec); this is the UI.

pub mod dialog;
pub mod open;
