//! PHPMailer `SMTPDebug` 1–4: `CLIENT -> SERVER: ` and `SERVER -> CLIENT: `
//! after a timestamp; a multi-line reply's further lines are indented under
//! the first; level 3 adds `Connection: ...`, level 4 `SMTP INBOUND: ...`
//! (a repeat of what follows). The `html` output is the same with `<br>`
//! and entities, undone by the cleaning stage.
//!
//! ```text
//! 2024-03-01 10:00:00 Connection: opening to 127.0.0.1:587, timeout=300, options=array()
//! 2024-03-01 10:00:00 SERVER -> CLIENT: 250-mail.example.test
//!                                       250-PIPELINING
//! 2024-03-01 10:00:00 CLIENT -> SERVER: [credentials hidden]
//! ```

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::tag::{host_port, Info, Note, Tag};
use crate::parse::reply::reply_line;

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("CLIENT -> SERVER:") {
        return Some(Tag::Client(r.strip_prefix(' ').unwrap_or(r).into()));
    }
    if let Some(r) = t.strip_prefix("SERVER -> CLIENT:") {
        return Some(Tag::Server(r.strip_prefix(' ').unwrap_or(r).into()));
    }
    // The further lines of a multi-line reply, indented under the first.
    if l.ts.is_none() && t.starts_with("          ") {
        let inner = trim_start(t);
        if reply_line(inner).is_some() {
            return Some(Tag::Server(inner.into()));
        }
    }
    if let Some(r) = t.strip_prefix("Connection: opening to ") {
        let target = r.split(',').next().unwrap_or("");
        let implicit = target.starts_with("ssl://") || target.starts_with("tls://");
        return Some(Tag::Info(Info::Connect {
            port: host_port(target),
            implicit_tls: implicit,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if t.starts_with("Connection: closed") {
        return Some(Tag::Info(Info::Closed));
    }
    if t.starts_with("Connection:") {
        return Some(Tag::Info(Info::Note));
    }
    if t.starts_with("SMTP INBOUND:")
        || t.starts_with("SMTP -> get_lines()")
        || t.starts_with("SMTP -> FROM SERVER")
    {
        return Some(Tag::Noise(Note::Repeated));
    }
    let known = [
        "SMTP Error",
        "SMTP ERROR",
        "SMTP NOTICE",
        "SMTP INBOUND",
        "Auth method",
        "Requested auth method",
        "Message sent",
        "Mailer Error",
        "SMTP connect() failed",
        "Invalid address",
        "CLIENT -> SMTP",
        "Sending with mail()",
        "Could not",
    ];
    known
        .iter()
        .any(|k| t.starts_with(k))
        .then_some(Tag::Info(Info::Note))
}
