//! # `recipient-rejected`
//!
//! **What it does.** Flags recipients the server refused at RCPT (4xx or
//! 5xx) for a reason other than relaying (`relay-denied`), rate limits or
//! command order: an unknown mailbox (`550 5.1.1`), a full one (`5.2.2`), a
//! policy refusal (`5.7.1 Access denied`).
//!
//! **Why it matters.** Those recipients get nothing. When all are refused,
//! the message goes nowhere; when some are, it reaches only the others.
//!
//! **Example.**
//! ```text
//! C: RCPT TO:<nobody@example.org>
//! S: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown
//! ```
//!
//! **Fix.** Per cause, in the finding: fix the address, ask the recipient to
//! clear the mailbox, authenticate on the submission port.
//!
//! **References.** RFC 5321 §4.1.1.3 and §3.3, RFC 3463 §3.2, §3.3 and §3.8.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::Event;

pub const RULE: Rule = Rule {
    id: "recipient-rejected",
    title: "Recipient refused",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &[
        "RFC 5321 §4.1.1.3",
        "RFC 5321 §3.3",
        "RFC 3463 §3.2",
        "RFC 3463 §3.3",
        "RFC 3463 §3.8",
    ],
    check,
};

fn refused(ctx: &Ctx<'_>, r: &Event) -> bool {
    r.code.is_some_and(|c| c >= 400)
        && r.code != Some(503)
        && !super::relay_denied::is_relay_denial(ctx, r, Some(Verb::Rcpt))
        && !super::rate_limited::is_rate_limit(ctx, r)
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let views = util::recipients(ctx);
    let mut lines = Vec::new();
    let mut who: Vec<String> = Vec::new();
    let mut refused_n = 0usize;
    let mut first: Option<&Event> = None;
    // Known when every recipient's reply is shown.
    let mut accepted_any = false;
    let mut complete = !views.is_empty();
    for v in &views {
        let Some(r) = v.reply.and_then(|i| s.event(i)) else {
            complete = false;
            continue;
        };
        if refused(ctx, r) {
            lines.extend(v.lines.iter().copied());
            refused_n += 1;
            if who.len() < 5 && !who.contains(&v.to) {
                who.push(v.to.clone());
            }
            first.get_or_insert(r);
        } else if r.code.is_some_and(|c| c / 100 == 2) {
            accepted_any = true;
        }
    }
    // Server-only transcripts and logs, where the address is not an event.
    if first.is_none() {
        complete = false;
        for (r, verb) in util::replies(s) {
            if verb == Some(Verb::Rcpt) && refused(ctx, r) {
                lines.push(r.line);
                lines.extend(
                    util::command_of(s, r)
                        .filter(|c| !c.inferred)
                        .map(|c| c.line),
                );
                refused_n += 1;
                if let Some(a) = util::rcpt_address_in(util::text(ctx, r)) {
                    if who.len() < 5 && !who.contains(&a) {
                        who.push(a);
                    }
                }
                first.get_or_insert(r);
            }
        }
    }
    let Some(first) = first else {
        return Vec::new();
    };
    let q = util::quote(ctx, first);
    let lower = util::lower(ctx, first);
    let names = match (who.len(), refused_n) {
        (0, _) => "A recipient".to_string(),
        (n, total) if total > n => format!("{} and {} more", who.join(", "), total - n),
        _ => who.join(", "),
    };
    let mut fix = Fix::new().provider(ctx, Some(first));
    let cause = if util::enhanced_is(ctx, first, 1, 1)
        || util::has_any(
            &lower,
            &[
                "unknown",
                "no such",
                "does not exist",
                "not found",
                "unrouteable",
                "invalid recipient",
                "no mailbox",
            ],
        ) {
        fix = fix.say("Check the address for typos; the mailbox does not exist on that server.");
        "the mailbox does not exist"
    } else if util::enhanced_is(ctx, first, 2, 2)
        || util::has_any(&lower, &["mailbox full", "quota", "over quota"])
    {
        fix = fix.say("The recipient must free space; retry later.");
        "the recipient's mailbox is full"
    } else if util::has_any(
        &lower,
        &[
            "access denied",
            "not authenticated",
            "authentication required",
        ],
    ) {
        fix = fix.client(ctx, Topic::Credentials);
        "the server's policy refused it (on a submission port this usually means the client did not authenticate)"
    } else if first.code.is_some_and(|c| c < 500) {
        fix = fix.say("Retry later; a 4xx refusal is temporary.");
        "the server deferred it for now"
    } else {
        fix = fix.say("Read the reply text for the server's reason and check the address.");
        "the server refused it"
    };
    let all = complete && !accepted_any;
    let why = if all {
        format!("{names}: {cause} ({q}). No recipient was accepted, so the message went nowhere.")
    } else if complete || s.messages_accepted > 0 {
        format!("{names}: {cause} ({q}). The message went only to the other recipients.")
    } else {
        format!("{names}: {cause} ({q}). That recipient gets nothing.")
    };
    let title = if refused_n > 1 {
        format!("{refused_n} recipients refused: {names}")
    } else {
        format!("Recipient refused: {names}")
    };
    let sev = if all { Severity::Medium } else { Severity::Low };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        title,
        why,
        fix.build(),
    )]
}
