//! # `multiline-reply-mismatch`
//!
//! **What it does.** Flags a multi-line reply whose lines carry different
//! reply codes (`250-...` followed by `220 ...`).
//!
//! **Why it matters.** RFC 5321 §4.2: every line of a multi-line reply
//! carries the same code. Clients read the code from the last line, so a
//! mismatch makes them misread the reply; the usual culprits are a broken
//! server, a proxy, or a firewall's SMTP inspection rewriting the EHLO
//! reply.
//!
//! **Example.**
//! ```text
//! S: 250-mail.example.org
//! S: 250-PIPELINING
//! S: 220 STARTTLS
//! ```
//!
//! **Fix.** Fix or update the server, or turn off the middlebox's SMTP
//! inspection (e.g. Cisco ASA `no inspect esmtp`).
//!
//! **References.** RFC 5321 §4.2 and §4.2.1.

use super::util;
use super::{Ctx, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "multiline-reply-mismatch",
    title: "Multi-line reply with mixed codes",
    min: Severity::Low,
    max: Severity::Low,
    refs: &["RFC 5321 §4.2", "RFC 5321 §4.2.1"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let bad: Vec<&crate::session::Event> = s.events.iter().filter(|e| e.code_mismatch).collect();
    let Some(first) = bad.first() else {
        return Vec::new();
    };
    let lines: Vec<u32> = bad.iter().flat_map(|e| util::event_lines(e)).collect();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Low,
        lines,
        format!("A multi-line reply mixes reply codes (line {})", first.line),
        "Every line of a multi-line reply must carry the same code (RFC 5321 §4.2); clients read the code from the last line and may misunderstand this one. A broken server, a proxy or a firewall's SMTP inspection is the usual cause.",
        "Fix or update the server software, or turn off the firewall's SMTP inspection (e.g. Cisco ASA `no inspect esmtp`) that rewrites replies.",
    )]
}
