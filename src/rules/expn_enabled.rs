//! # `expn-enabled`
//!
//! **What it does.** Flags a server whose EXPN answers reveal what a list or
//! alias expands to (a `250` listing members) or whether it exists (`550`
//! unknown). With lower severity, a server that advertises EXPN in its EHLO
//! reply when the session did not try it. A refusal (`502`, `550 ...
//! disabled`) or a blanket `252` is not flagged.
//!
//! **Why it matters.** EXPN hands out the members of mailing lists and
//! aliases (often internal addresses) to anyone who asks (RFC 5321 §7.3).
//!
//! **Example.**
//! ```text
//! C: EXPN staff
//! S: 250-<alice@example.org>
//! S: 250 <bob@example.org>
//! ```
//!
//! **Fix.** Disable EXPN (Exim: no `acl_smtp_expn`; Sendmail `noexpn`).
//!
//! **References.** RFC 5321 §3.5.2, §3.5.3 and §7.3.

use super::advice::{Fix, Topic};
use super::util;
use super::vrfy_enabled::{advertised, probes};
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;

pub const RULE: Rule = Rule {
    id: "expn-enabled",
    title: "EXPN reveals list members",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 5321 §3.5.2", "RFC 5321 §3.5.3", "RFC 5321 §7.3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (lines, revealed, refuted) = probes(ctx, Verb::Expn);
    let fix = Fix::new().server(ctx, Topic::DisableExpn).build();
    if revealed {
        return vec![util::finding(
            ctx,
            &RULE,
            Severity::Medium,
            lines,
            "EXPN reveals lists and their members",
            "The server's EXPN answers show what an alias or list expands to (or that it does not exist), handing internal addresses to anyone who asks.",
            fix,
        )];
    }
    if refuted {
        return Vec::new();
    }
    match advertised(ctx, "EXPN") {
        Some(lines) => vec![util::finding(
            ctx,
            &RULE,
            Severity::Low,
            lines,
            "The server advertises EXPN",
            "The EHLO reply lists EXPN, so the server answers it: anyone can ask what its lists and aliases expand to. This session did not try.",
            fix,
        )],
        None => Vec::new(),
    }
}
