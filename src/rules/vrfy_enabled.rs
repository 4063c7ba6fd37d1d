//! # `vrfy-enabled`
//!
//! **What it does.** Flags a server whose VRFY answers reveal whether a
//! mailbox exists: one address confirmed (`250`, `251`) or another refused
//! as unknown (`550 5.1.1 User unknown`, `550 Unrouteable address`). With
//! lower severity, a server that advertises VRFY in its EHLO reply when the
//! session did not try it. A blanket `252` ("cannot VRFY user, but will
//! accept the message") or a refusal (`502 VRFY command is disabled`) is
//! not flagged.
//!
//! **Why it matters.** Anyone can probe which addresses exist and harvest
//! them for spam, phishing or password guessing (RFC 5321 §7.3).
//!
//! **Example.**
//! ```text
//! C: VRFY alice@example.org
//! S: 252 2.0.0 alice@example.org
//! C: VRFY nobody@example.org
//! S: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown
//! ```
//!
//! **Fix.** Disable VRFY (Postfix `disable_vrfy_command = yes`, Sendmail
//! `novrfy`), or answer every VRFY with a blanket 252.
//!
//! **References.** RFC 5321 §3.5.1, §3.5.3 and §7.3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::Event;

pub const RULE: Rule = Rule {
    id: "vrfy-enabled",
    title: "VRFY reveals which mailboxes exist",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 5321 §3.5.1", "RFC 5321 §3.5.3", "RFC 5321 §7.3"],
    check,
};

/// How a VRFY or EXPN reply answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Confirms (250, 251): the address exists / the list expands.
    Confirms,
    /// Refuses the address as unknown: it does not exist.
    Unknown,
    /// Blanket 252, or the command is refused or disabled.
    Nothing,
    /// A syntax error or anything else that says nothing either way.
    Other,
}

const REFUSED: &[&str] = &[
    "disabled",
    "not implemented",
    "not allowed",
    "administratively",
    "prohibited",
    "not available",
    "not permitted",
    "denied",
    "cannot vrfy",
    "cannot verify",
    "not supported",
    "unrecognized",
    "not recognized",
];

const UNKNOWN: &[&str] = &[
    "unknown",
    "unrouteable",
    "unroutable",
    "no such",
    "does not exist",
    "not found",
    "invalid mailbox",
    "no mailbox",
];

pub fn answer(ctx: &Ctx<'_>, r: &Event) -> Answer {
    let lower = util::lower(ctx, r);
    match r.code {
        Some(250 | 251) => Answer::Confirms,
        Some(252) => Answer::Nothing,
        Some(500 | 502 | 504) => Answer::Nothing,
        Some(c) if c >= 500 && util::has_any(&lower, REFUSED) => Answer::Nothing,
        Some(550 | 551 | 553)
            if r.enhanced.is_some_and(|e| e.subject == 1) || util::has_any(&lower, UNKNOWN) =>
        {
            Answer::Unknown
        }
        _ => Answer::Other,
    }
}

/// The probes of one verb and what they revealed: `(lines, revealed,
/// refuted)`; refuted when an answer was a blanket 252 or a refusal.
pub fn probes(ctx: &Ctx<'_>, verb: Verb) -> (Vec<u32>, bool, bool) {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut revealed = false;
    let mut refuted = false;
    for (i, c) in s.commands() {
        if c.verb != Some(verb) {
            continue;
        }
        let Some(r) = util::reply_to(s, i) else {
            continue;
        };
        match answer(ctx, r) {
            Answer::Confirms | Answer::Unknown => {
                revealed = true;
                lines.push(c.line);
                lines.extend(util::event_lines(r));
            }
            Answer::Nothing => {
                // A 252 that only echoes the address (Postfix) refutes nothing.
                let lower = util::lower(ctx, r);
                if r.code != Some(252)
                    || util::has_any(&lower, &["cannot", "will accept", "try", "send some mail"])
                {
                    refuted = true;
                }
            }
            Answer::Other => {}
        }
    }
    (lines, revealed, refuted)
}

/// The EHLO reply line that advertises `keyword`, if any.
pub fn advertised(ctx: &Ctx<'_>, keyword: &str) -> Option<Vec<u32>> {
    let s = ctx.session;
    let g = s.greetings.iter().find(|g| {
        g.capabilities
            .iter()
            .any(|c| c.name().eq_ignore_ascii_case(keyword))
    })?;
    let r = util::reply_to(s, g.event)?;
    Some(vec![util::keyword_line(ctx, r, keyword)])
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (lines, revealed, refuted) = probes(ctx, Verb::Vrfy);
    let fix = Fix::new().server(ctx, Topic::DisableVrfy).build();
    if revealed {
        return vec![util::finding(
            ctx,
            &RULE,
            Severity::Medium,
            lines,
            "VRFY reveals which mailboxes exist",
            "The server's VRFY answers tell an existing address from an unknown one, so anyone can probe which mailboxes exist and harvest them for spam, phishing or password guessing.",
            fix,
        )];
    }
    if refuted {
        return Vec::new();
    }
    match advertised(ctx, "VRFY") {
        Some(lines) => vec![util::finding(
            ctx,
            &RULE,
            Severity::Low,
            lines,
            "The server advertises VRFY",
            "The EHLO reply lists VRFY, so the server answers it; unless every answer is a blanket 252, anyone can probe which mailboxes exist. This session did not try.",
            fix,
        )],
        None => Vec::new(),
    }
}
