//! Opening a share link: `#share=v1....` in the address.
//!
//! The page reads the fragment at start and on `hashchange`; a share link
//! loads its transcript, port and session, then (once analysed) its
//! selection. The fragment is then removed from the address bar (the draft
//! keeps the text for a reload), so later edits are not lost to the link.
//! A bad link gives its message and an empty analyzer.

use smtp_lens::share::link::is_share_fragment;
use smtp_lens::share::{decode_fragment, LinkError, SharedState};

/// What the fragment holds: `None` when it is not a share link.
pub fn from_hash(hash: &str) -> Option<Result<SharedState, LinkError>> {
    is_share_fragment(hash).then(|| decode_fragment(hash))
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
