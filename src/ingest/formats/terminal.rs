//! A typed session in a terminal (telnet, nc, a `script` typescript): the
//! exchange is raw; the tools' own remarks become info.
//!
//! ```text
//! $ telnet 127.0.0.1 25
//! Trying 127.0.0.1...
//! Connected to 127.0.0.1.
//! Escape character is '^]'.
//! 220 mail.example.test ESMTP Postfix
//! EHLO client
//! ```

use super::Input;
use crate::ingest::tag::{Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if t.starts_with("Trying ") && t.ends_with("...") {
        return Some(Tag::Info(Info::Connect {
            port: None,
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if t.starts_with("Connected to ") && t.ends_with('.') {
        return Some(Tag::Info(Info::Note));
    }
    // script(1): `Script started on DATE [COMMAND="telnet 127.0.0.1 25" ...]`
    if let Some(cmd) = t
        .strip_prefix("Script started")
        .and_then(|r| r.split("COMMAND=\"").nth(1))
        .and_then(|r| r.split('"').next())
    {
        if let Some(info) = crate::ingest::prompt::command(cmd) {
            return Some(Tag::Info(info));
        }
    }
    if t.starts_with("Escape character is")
        || t.starts_with("Script started")
        || t.starts_with("Script done")
        || t == "^]"
        || t.starts_with("telnet> ")
    {
        return Some(Tag::Noise(Note::TerminalRemark));
    }
    if t.starts_with("Connection closed by foreign host")
        || t.starts_with("Connection to ") && t.ends_with("closed.")
    {
        return Some(Tag::Info(Info::Closed));
    }
    None
}
