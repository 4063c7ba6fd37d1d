//! Python smtplib `set_debuglevel(1)` (and `(2)`, which adds a timestamp):
//! `send: '...'`, `reply: b'...'`, and summaries that repeat what was
//! already shown (`reply: retcode (250); Msg: ...`, `data: (354, ...)`).
//!
//! ```text
//! connect: ('127.0.0.1', 587)
//! send: 'ehlo client\r\n'
//! reply: b'250-mail.example.test\r\n'
//! reply: retcode (250); Msg: b'mail.example.test\nPIPELINING'
//! ```

use super::{pylit::unquote, Input};
use crate::ingest::tag::{port_prefix, Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("send: ") {
        return Some(match unquote(r) {
            Some(s) => Tag::Client(s),
            None => Tag::Noise(Note::NotALiteral),
        });
    }
    if let Some(r) = t.strip_prefix("reply: ") {
        if r.starts_with("retcode") {
            return Some(Tag::Noise(Note::Summary));
        }
        return Some(match unquote(r) {
            Some(s) => Tag::Server(s),
            None => Tag::Noise(Note::NotALiteral),
        });
    }
    if t.starts_with("data: (") {
        return Some(Tag::Noise(Note::Summary));
    }
    if let Some(r) = t.strip_prefix("connect: ") {
        // connect: b'...' repeats the greeting.
        if r.starts_with("b'") || r.starts_with("b\"") || r.starts_with('\'') {
            return Some(Tag::Noise(Note::Summary));
        }
        // connect: ('127.0.0.1', 587)  /  connect: to ('127.0.0.1', 587) None
        let tuple = r.strip_prefix("to ").unwrap_or(r);
        let port = tuple
            .split(')')
            .next()
            .and_then(|t| t.rsplit(", ").next())
            .and_then(port_prefix);
        return Some(Tag::Info(Info::Connect {
            port,
            implicit_tls: false,
            starttls: false,
            tls_known: false,
            version: None,
        }));
    }
    if t.starts_with("connect fail:") {
        return Some(Tag::Info(Info::Note));
    }
    None
}
