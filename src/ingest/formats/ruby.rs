//! Ruby Net::SMTP `debug_output`: `<- "..."` is what the client wrote,
//! `-> "..."` what it read, as Ruby string literals.
//!
//! ```text
//! opening connection to 127.0.0.1:587...
//! opened
//! -> "220 mail.example.test ESMTP Postfix\r\n"
//! <- "EHLO localhost\r\n"
//! ```

use super::{pylit::unquote, Input};
use crate::ingest::tag::{host_port, Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("<- ") {
        return unquote(r).map(Tag::Client);
    }
    if let Some(r) = t.strip_prefix("-> ") {
        return unquote(r).map(Tag::Server);
    }
    if let Some(r) = t.strip_prefix("opening connection to ") {
        return Some(Tag::Info(Info::Connect {
            port: host_port(r.trim_end_matches('.')),
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if let Some(r) = t.strip_prefix("Connection opened: ") {
        return Some(Tag::Info(Info::Connect {
            port: host_port(r),
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if t == "TLS connection started" {
        return Some(Tag::Info(Info::TlsUp {
            version: None,
            cipher: None,
        }));
    }
    if t == "opened" || (t.starts_with("read ") || t.starts_with("wrote ")) && t.ends_with(" bytes")
    {
        return Some(Tag::Noise(Note::ByteCount));
    }
    if t.starts_with("Conn close") || t.starts_with("Conn exception") {
        return Some(Tag::Info(Info::Closed));
    }
    None
}
