//! # `bare-lf-in-data`
//!
//! **What it does.** Flags message data sent with bare LF (or bare CR) line
//! endings instead of CRLF, when the transcript proves it: nc started
//! without `-C` (or openssl s_client without `-crlf`) with the message typed
//! in; a piped `printf` whose data uses `\n` without `\r`; an escaped
//! payload (`send: b'...'`) with `\n` not preceded by `\r`; raw CR or LF
//! bytes inside a data line; or a server refusing "bare <LF>".
//!
//! **Why it matters.** RFC 5321 §2.3.8 allows CR and LF only together. A
//! server that accepts bare LF as a line ending can be fooled into ending
//! the message early at `\n.\n` and reading the rest as new commands: SMTP
//! smuggling (CVE-2023-51764/51765/51766), which forges mail that passes
//! SPF.
//!
//! **Example.**
//! ```text
//! $ nc mail.example.org 25
//! DATA
//! 354 End data with <CR><LF>.<CR><LF>
//! Subject: test
//! .
//! 250 2.0.0 Ok: queued
//! ```
//!
//! **Fix.** Send CRLF (nc `-C`, s_client `-crlf`, the library's send API);
//! make the server refuse or normalise bare LF (Postfix
//! `smtpd_forbid_bare_newline`).
//!
//! **References.** RFC 5321 §2.3.8 and §4.1.1.4, CVE-2023-51764.

use super::advice::{Fix, Topic};
use super::util;
use super::util::Phrases;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::{Dir, Kind};
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "bare-lf-in-data",
    title: "Bare LF in message data",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 5321 §2.3.8", "RFC 5321 §4.1.1.4", "CVE-2023-51764"],
    check,
};

/// An escaped payload shows `\n` (backslash, n) without `\r` before it, or
/// `\r` without `\n` after it.
fn escaped_bare(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b.get(i) == Some(&b'\\') {
            match b.get(i + 1) {
                Some(b'n') => {
                    let after_cr =
                        i >= 2 && b.get(i - 2) == Some(&b'\\') && b.get(i - 1) == Some(&b'r');
                    if !after_cr {
                        return true;
                    }
                    i += 2;
                    continue;
                }
                Some(b'r') => {
                    let then_lf = b.get(i + 2) == Some(&b'\\') && b.get(i + 3) == Some(&b'n');
                    if !then_lf {
                        return true;
                    }
                    i += 2;
                    continue;
                }
                Some(b'\\') => {
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    false
}

/// The data part of a piped payload has a lone LF or CR.
fn piped_bare(payload: &str) -> bool {
    let upper = payload.to_ascii_uppercase();
    let Some(start) = upper.find("DATA\r\n").or_else(|| upper.find("DATA\n")) else {
        return false;
    };
    let data = payload.get(start + 4..).unwrap_or("");
    let b = data.as_bytes();
    b.iter().enumerate().any(|(i, c)| match c {
        b'\n' => i == 0 || b.get(i - 1) != Some(&b'\r'),
        b'\r' => b.get(i + 1) != Some(&b'\n'),
        _ => false,
    })
}

/// A server's words for bare line endings it refused.
static BARE: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "bare <lf>",
        "bare lf",
        "bare linefeed",
        "bare newline",
        "bare <cr>",
        "bare cr",
    ])
});

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut how: Option<String> = None;
    // The typed data lines, listed only for a session typed into a tool
    // that sends bare LFs (most sessions are not).
    if let Some((line, what)) = util::typed_with_bare_lf(ctx) {
        let typed_data: Vec<u32> = s
            .events
            .iter()
            .filter(|e| {
                e.dir == Dir::Client
                    && !e.inferred
                    && (e.kind == Kind::Data || e.verb == Some(Verb::DataEnd))
            })
            .map(|e| e.line)
            .collect();
        if !typed_data.is_empty() {
            lines.push(line);
            lines.extend(typed_data.iter().copied());
            how = Some(format!("The session was typed into {what}, so every line, the message's included, ended in a bare LF."));
        }
    }
    if let Some(p) = util::piped(ctx) {
        if piped_bare(&p.payload) {
            lines.push(p.line);
            how.get_or_insert_with(|| {
                "The piped message data uses `\\n` without `\\r`: bare LF line endings.".to_string()
            });
        }
    }
    for e in s
        .events
        .iter()
        .filter(|e| e.dir == Dir::Client && e.kind == Kind::Data)
    {
        let t = util::text(ctx, e);
        let b = t.as_bytes();
        // Most data lines hold none of the bytes either test needs: one
        // search rules both out.
        if memchr::memchr3(b'\\', b'\r', b'\n', b).is_none() {
            continue;
        }
        // A backslash is rare in message data: test for one before the searches.
        let escaped = memchr::memchr(b'\\', b).is_some() && t.contains("\\r\\n") && escaped_bare(t);
        if escaped || memchr::memchr2(b'\r', b'\n', b).is_some() {
            lines.push(e.line);
            how.get_or_insert_with(|| {
                "A line of the message data holds a bare LF or CR.".to_string()
            });
        }
    }
    let replies_may_say = util::replies_may_say(ctx, &BARE);
    for e in s
        .events
        .iter()
        .filter(|e| replies_may_say && e.dir == Dir::Server && e.kind == Kind::Reply)
    {
        let lower = util::lower(ctx, e);
        if BARE.any_in(&lower) {
            lines.push(e.line);
            how.get_or_insert_with(|| {
                "The server refused bare line endings in the data.".to_string()
            });
        }
    }
    let Some(how) = how else {
        return Vec::new();
    };
    let accepted = s.messages_accepted > 0;
    let mut why = format!("{how} SMTP lines must end in CRLF (RFC 5321 §2.3.8).");
    if accepted {
        why.push_str(" The server accepted the message: a server that takes a bare LF as a line ending is open to SMTP smuggling, where a hidden `\\n.\\n` ends the message early and the rest is read as new commands (forged mail that passes SPF).");
    } else {
        why.push_str(
            " Servers may refuse such data; ones that accept it are open to SMTP smuggling.",
        );
    }
    let sev = if accepted {
        Severity::Medium
    } else {
        Severity::Low
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        "Message data sent with bare LF line endings",
        why,
        Fix::new().both(ctx, Topic::CrlfLineEndings).build(),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert!(!escaped_bare("send: b'a\\r\\nb\\r\\n.\\r\\n'"));
        assert!(escaped_bare("send: b'a\\r\\nb\\n.\\r\\n'"));
        assert!(escaped_bare("send: b'a\\rb\\r\\n'"));
        assert!(!escaped_bare("C:\\\\new"));
    }

    #[test]
    fn piped() {
        assert!(!piped_bare("EHLO x\r\nDATA\r\nhi\r\n.\r\n"));
        assert!(piped_bare("EHLO x\r\nDATA\r\nhi\n.\nQUIT\r\n"));
        assert!(!piped_bare("EHLO x\r\nQUIT\r\n"));
    }
}
