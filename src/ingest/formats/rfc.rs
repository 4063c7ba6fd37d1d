//! RFC-style `C: ` / `S: ` transcripts, as in the RFCs' examples and
//! MailKit's `ProtocolLogger` (which also prints `Connected to smtp://...`).
//!
//! ```text
//! Connected to smtp://smtp.example.com:587/?starttls=always
//! S: 220 smtp.example.com ESMTP ready
//! C: EHLO [127.0.0.1]
//! ```

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::tag::{Info, Tag};
use crate::ingest::url::smtp_url;

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = trim_start(l.text);
    if let Some(r) = t.strip_prefix("C:") {
        return Some(Tag::Client(r.strip_prefix(' ').unwrap_or(r).into()));
    }
    if let Some(r) = t.strip_prefix("S:") {
        return Some(Tag::Server(r.strip_prefix(' ').unwrap_or(r).into()));
    }
    if let Some(r) = t.strip_prefix("Connected to ") {
        if let Some((port, implicit)) = smtp_url(r) {
            return Some(Tag::Info(Info::Connect {
                port,
                implicit_tls: implicit,
                starttls: false,
                tls_known: true,
                version: None,
            }));
        }
    }
    None
}
