//! # `helo-instead-of-ehlo`
//!
//! **What it does.** Notes a client that greeted with HELO instead of EHLO.
//!
//! **Why it matters.** HELO is the pre-ESMTP greeting: the server answers
//! with one line and offers no extensions, so no STARTTLS, no AUTH, no SIZE,
//! no PIPELINING — the session can only run in cleartext and without login.
//! Harmless if an EHLO follows.
//!
//! **Example.**
//! ```text
//! S: 220 mail.example.org ESMTP Postfix
//! C: HELO client.example.org
//! S: 250 mail.example.org
//! ```
//!
//! **Fix.** Greet with EHLO (RFC 5321 §4.1.1.1; clients fall back to HELO
//! only when EHLO is refused).
//!
//! **References.** RFC 5321 §4.1.1.1 and §3.2.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;

pub const RULE: Rule = Rule {
    id: "helo-instead-of-ehlo",
    title: "HELO instead of EHLO",
    min: Severity::Info,
    max: Severity::Low,
    refs: &["RFC 5321 §4.1.1.1", "RFC 5321 §3.2"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let Some(helo) = s
        .greetings
        .iter()
        .find(|g| g.verb == Verb::Helo && !s.event(g.event).is_some_and(|e| e.inferred))
    else {
        return Vec::new();
    };
    // A HELO after a refused EHLO is the RFC's fallback, not a mistake.
    if s.greetings
        .iter()
        .any(|g| g.verb == Verb::Ehlo && g.event < helo.event && g.code.is_some_and(|c| c >= 500))
    {
        return Vec::new();
    }
    let ehlo_later = s
        .greetings
        .iter()
        .any(|g| g.verb == Verb::Ehlo && g.event > helo.event);
    let mut lines = vec![helo.line];
    lines.extend(util::reply_to(s, helo.event).map(|r| r.line));
    let (sev, why) = if ehlo_later {
        (
            Severity::Info,
            "The client greeted with HELO, then with EHLO. With HELO the server offers no extensions (no STARTTLS, AUTH, SIZE or PIPELINING); the later EHLO fixed that.",
        )
    } else {
        (
            Severity::Low,
            "The client greeted with HELO, the pre-ESMTP greeting, so the server offered no extensions: no STARTTLS, no AUTH, no SIZE, no PIPELINING. The session could only run in cleartext and without login.",
        )
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        "HELO used instead of EHLO",
        why,
        Fix::new().client(ctx, Topic::Ehlo).build(),
    )]
}
