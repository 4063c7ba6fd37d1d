//! Opening a share link: `#share=v1....` in the address.
//!
//! The page reads the fragment at start and on `hashchange`; a share link
//! loads its transcript, port and session, then (once analysed) its
//! selection. The fragment is then removed from the address bar (the draft
//! keeps the text for a reload), so later edits are not lost to the link.
//! A bad link gives its message and an empty analyzer.
//!
//! Decoding (base64 and inflate) is [`open`]; with the `split` feature the
//! page leaves it to the share part, loaded when a link is opened (see
//! `src/app/lazy.rs`), and only looks at the fragment's prefix here.

pub use smtp_lens::share::link::is_share_fragment;
use smtp_lens::share::{decode_fragment, LinkError, SharedState};

/// What the page takes from a share link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub transcript: String,
    /// The port chosen on the sharing page, when one was.
    pub port: Option<u16>,
    pub session: u32,
    /// Lines or a finding to select once the transcript is analysed.
    pub selection: Option<Selection>,
}

/// Decodes the share link in `hash`: what it opens, or the message to show.
/// (With `split`, only the share part calls it.)
#[cfg_attr(feature = "split", allow(dead_code))]
pub fn open(hash: &str) -> Result<Opened, String> {
    match decode_fragment(hash) {
        Ok(s) => Ok(Opened {
            selection: Selection::of(&s),
            port: s.port,
            session: s.session,
            transcript: s.transcript,
        }),
        Err(e) => Err(error_message(&e)),
    }
}

/// Removes the fragment from the address without a reload or a history entry.
pub fn forget_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The message shown for a link that cannot be opened.
#[cfg_attr(feature = "split", allow(dead_code))]
pub fn error_message(e: &LinkError) -> String {
    format!("{e} The analyzer is empty.")
}

/// A share link's selection, restored once its transcript is analysed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub session: usize,
    pub lines: Vec<u32>,
    pub finding: Option<String>,
}

impl Selection {
    #[cfg_attr(feature = "split", allow(dead_code))]
    pub fn of(s: &SharedState) -> Option<Selection> {
        (!s.lines.is_empty() || s.finding.is_some()).then(|| Selection {
            session: s.session as usize,
            lines: s.lines.clone(),
            finding: s.finding.clone(),
        })
    }

    /// The index in `report.findings` of the selected finding, if any.
    pub fn finding_index(&self, report: &smtp_lens::Report) -> Option<usize> {
        let id = self.finding.as_deref()?;
        report
            .findings
            .iter()
            .position(|f| f.id == id && f.session == self.session)
    }
}
