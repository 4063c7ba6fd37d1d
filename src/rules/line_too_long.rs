//! # `line-too-long`
//!
//! **What it does.** Flags lines over the RFC 5321 limits: a command line
//! over 512 octets (AUTH lines over 12288), a message line over 1000
//! octets, a reply line over 512, all counting the CRLF — or a server that
//! says so ("500 Command line too long").
//!
//! **Why it matters.** Servers may refuse the command or the message, or
//! silently break the line, which corrupts the content (a broken HTML
//! attribute, a broken DKIM signature).
//!
//! **Example.**
//! ```text
//! C: MAIL FROM:<aaaaaaaa…600 characters…@example.org>
//! S: 500 Command line too long
//! ```
//!
//! **Fix.** Keep commands short; let the mail library encode long message
//! lines as quoted-printable or base64.
//!
//! **References.** RFC 5321 §4.5.3.1.4, §4.5.3.1.5 and §4.5.3.1.6, RFC 4954 §4.

use super::advice::{Fix, Topic};
use super::util;
use super::util::Phrases;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::{Dir, Kind};
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "line-too-long",
    title: "Line too long",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &[
        "RFC 5321 §4.5.3.1.4",
        "RFC 5321 §4.5.3.1.5",
        "RFC 5321 §4.5.3.1.6",
        "RFC 4954 §4",
    ],
    check,
};

/// An escaped payload (`send: b'...\r\n'`) holds several lines: its
/// length says nothing about one line.
fn escaped(t: &str) -> bool {
    // `\n` written out; a backslash is rare, looked for first (every
    // command of every session comes here).
    let b = t.as_bytes();
    memchr::memchr_iter(b'\\', b).any(|i| b.get(i + 1) == Some(&b'n'))
}

static TOO_LONG: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&["too long", "line length exceeded"]));

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut longest: Option<(usize, usize, &str)> = None; // (octets, limit, what)
    let mut refused = false;
    let mut last_data_span = None;
    let replies_may_say = util::replies_may_say(ctx, &TOO_LONG);
    for e in &s.events {
        // Several data lines of one escaped payload share one span.
        if e.kind == Kind::Data {
            if last_data_span == Some(e.span) {
                continue;
            }
            last_data_span = Some(e.span);
        }
        let t = util::text(ctx, e);
        match (e.dir, e.kind) {
            (Dir::Client, Kind::Command | Kind::Data) if !e.inferred => {
                let (limit, what) = match (e.kind, e.verb) {
                    (Kind::Data, _) => (1000, "message line"),
                    (_, Some(Verb::Auth | Verb::AuthResponse)) => (12288, "AUTH line"),
                    _ => (512, "command line"),
                };
                let octets = t.len() + 2;
                // Whether it is an escaped payload only matters for a long one.
                if octets > limit && !escaped(t) {
                    lines.push(e.line);
                    if longest.is_none_or(|(o, _, _)| octets > o) {
                        longest = Some((octets, limit, what));
                    }
                }
            }
            (Dir::Server, Kind::Reply) => {
                // "line too long", "line length exceeded", "... too long ... line".
                if replies_may_say && {
                    let lower = util::lower(ctx, e);
                    TOO_LONG.any_in(&lower) && lower.contains("line")
                } {
                    lines.push(e.line);
                    refused = true;
                }
                // No line of a reply this short can be over the limit.
                let phys = (t.len() > 510)
                    .then(|| util::phys_lines(ctx, t))
                    .into_iter()
                    .flatten();
                for (n, l) in phys.enumerate() {
                    let octets = l.len() + 2;
                    if octets > 512 && !escaped(l) {
                        lines.push(e.line + n as u32);
                        if longest.is_none_or(|(o, _, _)| octets > o) {
                            longest = Some((octets, 512, "reply line"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let (title, mut why) = match longest {
        Some((octets, limit, what)) => (
            format!("A {what} is {octets} octets long (limit {limit})"),
            format!("RFC 5321 limits a {what} to {limit} octets including CRLF; this one has {octets}."),
        ),
        None => (
            "The server refused a line as too long".to_string(),
            "The server refused a line as too long: RFC 5321 limits command lines to 512 octets and message lines to 1000, including CRLF.".to_string(),
        ),
    };
    if refused {
        why.push_str(" The server refused it.");
    } else {
        why.push_str(" Servers may refuse it or break the line, corrupting the content.");
    }
    let sev = if refused {
        Severity::Medium
    } else {
        Severity::Low
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        title,
        why,
        Fix::new().client(ctx, Topic::LineLength).build(),
    )]
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaped_means_a_written_out_line_feed() {
        let texts = [
            "send: 'EHLO x\\r\\n'",
            "MAIL FROM:<a@b>",
            "\\",
            "a\\",
            "\\\\n",
            "\\r",
            "x\\ny",
            "",
        ];
        for t in texts {
            assert_eq!(super::escaped(t), t.contains("\\n"), "{t}");
        }
        assert!(texts.iter().filter(|t| super::escaped(t)).count() >= 3);
    }
}
