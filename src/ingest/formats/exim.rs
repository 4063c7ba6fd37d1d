//! Exim: its debug output (`exim -d`, `-bh`, `-v`) and its main log.
//!
//! In the debug output the conversation is `SMTP<< ` and `SMTP>> ` (also
//! `SMTP|> ` for pipelined writes), after a pid or a time; a multi-line
//! reply's further lines are indented under the first. As a server Exim's
//! `<<` is the client; as a client (`-v` deliveries) the roles flip, so the
//! direction is left to the content.
//!
//! ```text
//! 23077 SMTP>> 250-mx2.example.test Hello vm [127.0.0.1]
//! 23077        250-STARTTLS
//! 23077 SMTP<< STARTTLS
//! ```
//!
//! The main log has one line per event: `<= sender ... P=esmtpsa
//! X=TLS1.3:... A=LOGIN:alice` for an accepted message, `authenticator
//! failed`, `rejected RCPT <x>: relay not permitted`.

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::find;
use crate::ingest::tag::{port_prefix, tls_version, Info, Tag};
use crate::parse::reply::reply_line;
use crate::parse::Verb;

/// Splits a leading pid (`23077 `) off a debug line.
fn strip_pid(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t.as_bytes().get(digits) {
        Some(b' ') if digits >= 2 => t.get(digits + 1..).unwrap_or(t),
        _ => t,
    }
}

fn connect(port: Option<u16>) -> Tag<'static> {
    Tag::Info(Info::Connect {
        port,
        implicit_tls: false,
        starttls: false,
        tls_known: true,
        version: None,
    })
}

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = strip_pid(l.text);
    let trimmed = trim_start(t);
    if trimmed.starts_with("SMTP(close)") {
        return Some(Tag::Info(Info::Closed));
    }
    for marker in ["SMTP<<", "SMTP>>", "SMTP|>", "SMTP>|", "SMTP+>"] {
        if let Some(r) = trimmed.strip_prefix(marker) {
            if r.starts_with("(close") {
                return Some(Tag::Info(Info::Closed));
            }
            // Exim never logs message content: a reply is the server's.
            let r = r.strip_prefix(' ').unwrap_or(r);
            return Some(if reply_line(r).is_some() {
                Tag::Server(r.into())
            } else {
                Tag::Client(r.into())
            });
        }
    }
    // A reply's further lines, indented under `SMTP>> `.
    if t.starts_with("      ") && reply_line(trimmed).is_some() {
        return Some(Tag::Server(trimmed.into()));
    }
    if trimmed.starts_with("**** SMTP testing session") {
        return Some(connect(None));
    }
    if trimmed.starts_with("Process ")
        && find::contains(trimmed, " is handling incoming connection")
    {
        return Some(connect(None));
    }
    if let Some(r) = trimmed.strip_prefix("Connecting to ") {
        // Connecting to 127.0.0.1 [127.0.0.1]:587 ...
        let port = find::split_once(r, "]:").and_then(|(_, p)| port_prefix(p));
        return Some(connect(port));
    }
    if (trimmed.starts_with("SMTP connection from ") || trimmed.starts_with('['))
        && find::contains(trimmed, "SMTP connection from ")
        && find::contains(trimmed, " closed")
    {
        return Some(Tag::Info(Info::Closed));
    }
    if let Some(r) = trimmed.strip_prefix("cipher: ") {
        // cipher: TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256
        let version = r.split(':').next().and_then(tls_version);
        return Some(Tag::Info(Info::TlsUp {
            version,
            cipher: r.split(':').nth(1).map(str::to_string),
        }));
    }
    if trimmed.starts_with("(TLS1.") {
        return Some(Tag::Info(
            trimmed
                .split(")-(")
                .next()
                .and_then(tls_version)
                .map_or(Info::TlsDetail, Info::TlsVersion),
        ));
    }
    mainlog(trimmed)
}

/// One line of the main log (after its timestamp).
fn mainlog(t: &str) -> Option<Tag<'_>> {
    if !may_be_mainlog(t) {
        return None;
    }
    // 1xXLIu-0006MQ-0h <= alice@example.test H=(vm) [127.0.0.1] P=esmtpsa X=TLS1.3:...:256 CV=no A=LOGIN:alice S=503
    if let Some((_, r)) = find::split_once(t, " <= ") {
        let field = |name: &str| r.split(' ').find_map(|w| w.strip_prefix(name));
        if field("H=").is_none() && !find::contains(r, " H=") {
            return Some(Tag::Info(Info::Note));
        }
        let x = field("X=");
        let auth = field("A=").map(|a| a.split_once(':').map_or((a, ""), |(m, u)| (m, u)));
        return Some(Tag::Info(Info::LogSummary {
            tls_version: x.and_then(|x| x.split(':').next()).and_then(tls_version),
            cipher: x.and_then(|x| x.split(':').nth(1)).map(str::to_string),
            auth_mechanism: auth.map(|(m, _)| m.to_string()),
            auth_user: auth.map(|(_, u)| u.to_string()).filter(|u| !u.is_empty()),
            auth_ok: auth.map(|_| true),
            accepted: true,
        }));
    }
    // => bob@x R=router T=transport H=host [ip] X=TLS1.3:...: a delivery
    // (exim -v) over the connection shown above.
    if t.starts_with("=> ")
        || t.starts_with("** ")
        || find::contains(t, " => ")
        || find::contains(t, " ** ")
    {
        if let Some(v) = t
            .split(' ')
            .find_map(|w| w.strip_prefix("X="))
            .and_then(|x| x.split(':').next())
            .and_then(tls_version)
        {
            return Some(Tag::Info(Info::TlsVersion(v)));
        }
        return Some(Tag::Info(Info::Note));
    }
    // PLAIN authenticator failed for (vm) [127.0.0.1]: 535 Incorrect authentication data (set_id=alice)
    if let Some(i) = find::find(t, " authenticator failed for ") {
        let mech = t
            .get(..i)
            .and_then(|h| h.rsplit(' ').next())
            .unwrap_or("UNKNOWN");
        let user = t.split("(set_id=").nth(1).and_then(|r| r.split(')').next());
        return Some(Tag::Info(Info::LogSummary {
            tls_version: None,
            cipher: None,
            auth_mechanism: Some(mech.to_string()),
            auth_user: user.map(str::to_string),
            auth_ok: Some(false),
            accepted: false,
        }));
    }
    // H=(vm) [127.0.0.1] F=<a> rejected RCPT <x>: relay not permitted
    if let Some(i) = find::find(t, " rejected RCPT ").or_else(|| find::find(t, " rejected MAIL ")) {
        let verb = if t.get(i..).is_some_and(|r| r.starts_with(" rejected RCPT")) {
            Verb::Rcpt
        } else {
            Verb::Mail
        };
        let text = t
            .get(i + 15..)
            .and_then(|r| find::split_once(r, ": "))
            .map_or("", |(_, m)| m);
        return Some(Tag::LoggedSession {
            verb,
            text: text.into(),
        });
    }
    if t.starts_with("LOG: ") || t.starts_with(">>> ") || t.starts_with("<= ") {
        return Some(Tag::Info(Info::Note));
    }
    None
}

/// A cheap test before [`mainlog`]'s searches, which every line the other
/// formats leave reaches: the lines it reads carry a field (`H=`, `CV=`,
/// `<=`, `=>`, `** `), name an authenticator, or start with `LOG: ` /
/// `>>> `. (Any `=` is not enough: base64 ends in them.)
fn may_be_mainlog(t: &str) -> bool {
    let b = t.as_bytes();
    let at = |i: Option<usize>| i.and_then(|i| b.get(i)).copied();
    let field = |i: usize| match b.get(i) {
        Some(b'=') => {
            // A field name: one or two capitals after a blank or the start.
            let caps = (1..=2)
                .take_while(|k| at(i.checked_sub(*k)).is_some_and(|c| c.is_ascii_uppercase()))
                .count();
            at(i.checked_sub(1)) == Some(b'<')
                || at(Some(i + 1)) == Some(b'>')
                || caps > 0
                    && i.checked_sub(caps + 1)
                        .is_none_or(|p| b.get(p) == Some(&b' '))
        }
        _ => at(Some(i + 1)) == Some(b'*'),
    };
    // The second word is "authenticator" (`PLAIN authenticator failed`).
    let authenticator = memchr::memchr(b' ', b)
        .and_then(|i| b.get(i + 1..))
        .and_then(|r| r.strip_prefix(b"authenticator"))
        .is_some_and(|r| r.first().is_none_or(|c| *c == b' '));
    memchr::memchr2_iter(b'=', b'*', b).any(field)
        || authenticator
        || t.starts_with("LOG: ")
        || t.starts_with(">>> ")
}
