//! Exim's debug output (`exim -d`, `-bh`, `-v`): `SMTP<< ` and `SMTP>> `
//! (also `SMTP|> ` for pipelined writes), optionally after a time and pid.
//! As a server Exim's `<<` is the client; as a client the roles flip, so
//! the direction is left to the content.
//!
//! ```text
//!  12:00:00 4242 SMTP<< EHLO client
//!  12:00:00 4242 SMTP>> 250-mail.example.test Hello client [127.0.0.1]
//! ```

use super::Input;
use crate::ingest::tag::{Info, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    let head = t.get(..t.len().min(48)).unwrap_or(t);
    let at = head.find("SMTP<<").or_else(|| head.find("SMTP>>")).or_else(|| head.find("SMTP|>")).or_else(|| head.find("SMTP>|"));
    if let Some(at) = at {
        let r = t.get(at + 6..)?;
        return Some(Tag::Raw(r.strip_prefix(' ').unwrap_or(r).into()));
    }
    if head.contains("SMTP connection from ") || head.contains("Connection from ") {
        return Some(Tag::Info(Info::Connect { port: None, implicit_tls: false, starttls: false, tls_known: false }));
    }
    if t.contains("SMTP(close)>>") || t.contains("SMTP connection closed") {
        return Some(Tag::Info(Info::Closed));
    }
    if t.starts_with(">>> ") || t.starts_with("LOG: ") {
        return Some(Tag::Info(Info::Note));
    }
    None
}
