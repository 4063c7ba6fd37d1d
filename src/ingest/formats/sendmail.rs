//! sendmail -v / mail -v: `>>> ` client commands, server replies as they
//! are, and per-recipient remarks (`alice@example.com... Connecting to ...`).
//!
//! ```text
//! alice@example.com... Connecting to mail.example.com. via esmtp...
//! 220 mail.example.com ESMTP Sendmail 8.17.1
//! >>> EHLO client.example.com
//! ```

use super::Input;
use crate::ingest::find;
use crate::ingest::tag::{Info, Tag};
use crate::parse::command::starts_with_verb;

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix(">>> ") {
        // Exim -bh also prints ">>> " remarks: only SMTP verbs are commands.
        return Some(
            if starts_with_verb(r) || r == "." || r.starts_with("AUTH") {
                Tag::Client(r.into())
            } else {
                Tag::Info(Info::Note)
            },
        );
    }
    if let Some((_, r)) = find::split_once(t, "... ") {
        if r.starts_with("Connecting to ") {
            return Some(Tag::Info(Info::Connect {
                port: None,
                implicit_tls: false,
                starttls: false,
                tls_known: false,
                version: None,
            }));
        }
        if r.starts_with("Sent")
            || r.starts_with("Deferred")
            || r.starts_with("User unknown")
            || r.starts_with("Closing connection")
        {
            return Some(Tag::Info(Info::Note));
        }
    }
    None
}
