//! # `protocol-sequence-error`
//!
//! **What it does.** Flags commands the server refused as out of order
//! (`503 Bad sequence of commands`): RCPT before MAIL, DATA before RCPT, a
//! second MAIL inside a transaction, MAIL before EHLO. An AUTH refused with
//! 503 because the server keeps AUTH for after STARTTLS is
//! `auth-before-tls-rejected` instead.
//!
//! **Why it matters.** The commands after the error fail in turn, and the
//! message is usually not sent.
//!
//! **Example.**
//! ```text
//! C: RCPT TO:<alice@example.org>
//! S: 503 5.5.1 Error: need MAIL command
//! ```
//!
//! **Fix.** EHLO, (STARTTLS, EHLO), AUTH, MAIL FROM, RCPT TO, DATA, QUIT —
//! and RSET before starting over.
//!
//! **References.** RFC 5321 §4.1.4, §4.3.2 and §3.3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::{Capability, Verb};
use crate::session::Channel;

pub const RULE: Rule = Rule {
    id: "protocol-sequence-error",
    title: "Commands out of order",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 5321 §4.1.4", "RFC 5321 §4.3.2", "RFC 5321 §3.3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let mut lines = Vec::new();
    let mut what: Vec<String> = Vec::new();
    let mut blocks_mail = false;
    for (r, verb) in util::replies(s) {
        if r.code != Some(503) {
            continue;
        }
        let Some(c) = util::command_of(s, r) else {
            continue;
        };
        if verb == Some(Verb::Auth) && c.channel == Channel::Cleartext {
            // Kept for after STARTTLS: auth-before-tls-rejected.
            let before = r.answers.and_then(|i| util::greeting_before(s, i));
            if before.is_some_and(|g| {
                g.capabilities.contains(&Capability::Starttls)
                    && !g
                        .capabilities
                        .iter()
                        .any(|c| matches!(c, Capability::Auth { .. }))
            }) {
                continue;
            }
        }
        lines.push(c.line);
        lines.push(r.line);
        let v = verb.unwrap_or(Verb::Unknown);
        blocks_mail |= matches!(v, Verb::Mail | Verb::Rcpt | Verb::Data | Verb::Bdat);
        what.push(format!("{} ({})", v.as_str(), util::quote(ctx, r)));
    }
    if what.is_empty() {
        return Vec::new();
    }
    let sev = if blocks_mail && s.messages_accepted == 0 {
        Severity::Medium
    } else {
        Severity::Low
    };
    let why = format!(
        "SMTP commands have an order (EHLO, MAIL FROM, RCPT TO, DATA); the server refused {} sent out of it: {}.",
        if what.len() == 1 { "a command" } else { "commands" },
        what.join("; ")
    );
    let mut fix = Fix::new().client(ctx, Topic::CommandOrder);
    if s.tls_established {
        fix = fix.client(ctx, Topic::EhloAfterStarttls);
    }
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!(
            "{} command{} refused as out of order (503)",
            what.len(),
            if what.len() == 1 { "" } else { "s" }
        ),
        why,
        fix.build(),
    )]
}
