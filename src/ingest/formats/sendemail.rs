//! sendEmail -v: syslog-style lines, `INFO => Sending: ` (client) and
//! `SUCCESS => Received: ` / `ERROR => Received: ` (server), other
//! `DEBUG => ` remarks.
//!
//! ```text
//! Mar 01 10:00:00 host sendEmail[1234]: DEBUG => Connecting to 127.0.0.1:587
//! Mar 01 10:00:00 host sendEmail[1234]: SUCCESS => Received:     220 mail.example.test ESMTP Postfix
//! Mar 01 10:00:00 host sendEmail[1234]: INFO => Sending:     EHLO host
//! ```

use super::Input;
use crate::ingest::clean::split_syslog_tag;
use crate::ingest::find;
use crate::ingest::tag::{host_port, Info, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    // Cheap test first: every line offered to no other format comes here.
    if !names_sendemail(l.text) {
        return None;
    }
    let (prog, rest) = split_syslog_tag(l.text)?;
    if !prog.eq_ignore_ascii_case("sendemail") {
        return None;
    }
    let (_level, msg) = find::split_once(rest, " => ")?;
    let msg = msg.trim_end();
    if let Some(r) = msg.strip_prefix("Sending: ") {
        return Some(Tag::Client(r.trim_start().into()));
    }
    if let Some(r) = msg.strip_prefix("Received: ") {
        return Some(Tag::Server(r.trim_start().into()));
    }
    if let Some(r) = msg.strip_prefix("Connecting to ") {
        return Some(Tag::Info(Info::Connect {
            port: host_port(r),
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if msg.starts_with("TLS: Using cipher") || msg.starts_with("TLS session initialized") {
        return Some(Tag::Info(Info::TlsUp {
            version: None,
            cipher: msg.strip_prefix("TLS: Using cipher: ").map(str::to_string),
        }));
    }
    if find::contains(msg, "SMTP-AUTH")
        && (msg.ends_with("failed.") || find::contains(msg, "failed"))
    {
        return Some(Tag::Info(Info::AuthOutcome {
            ok: false,
            user: None,
        }));
    }
    Some(Tag::Info(Info::Note))
}

/// True when a `[` in `t` follows the program name `sendEmail`.
fn names_sendemail(t: &str) -> bool {
    const NAME: &[u8] = b"sendemail";
    let b = t.as_bytes();
    memchr::memchr_iter(b'[', b).any(|i| {
        i.checked_sub(NAME.len())
            .and_then(|s| b.get(s..i))
            .is_some_and(|w| w.eq_ignore_ascii_case(NAME))
    })
}
