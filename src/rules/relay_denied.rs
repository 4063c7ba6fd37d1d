//! # `relay-denied`
//!
//! **What it does.** Flags a recipient refused because the server will not
//! relay to it: `554 5.7.1 Relay access denied` (Postfix), `550 relay not
//! permitted` (Exim), `550 5.7.1 Relaying denied` (Sendmail), `5.7.54 Unable
//! to relay` / `5.7.64 Relay Access Denied` (Microsoft 365). A 5xx to MAIL
//! is `sender-rejected`, not this.
//!
//! **Why it matters.** A server accepts mail for other domains only from
//! clients it trusts: logged-in users or its own networks. Refusing
//! everyone else is correct (it is what keeps it from being an open relay);
//! for the sender, it means "authenticate first", usually on port 587.
//!
//! **Example.**
//! ```text
//! C: RCPT TO:<someone@example.com>
//! S: 554 5.7.1 <someone@example.com>: Relay access denied
//! ```
//!
//! **Fix.** Authenticate (AUTH on 587 with STARTTLS, or 465) before sending
//! to other domains; an admin who trusts this client can allow its network
//! (Postfix `mynetworks`).
//!
//! **References.** RFC 5321 §3.6.1 and §7.9, RFC 3463 §3.8, RFC 6409 §3.3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::Event;

pub const RULE: Rule = Rule {
    id: "relay-denied",
    title: "Relaying denied",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &[
        "RFC 5321 §3.6.1",
        "RFC 5321 §7.9",
        "RFC 3463 §3.8",
        "RFC 6409 §3.3",
    ],
    check,
};

const PHRASES: &[&str] = &[
    "relay access denied",
    "relaying denied",
    "relay not permitted",
    "relaying not permitted",
    "unable to relay",
    "relaying not allowed",
    "relay not allowed",
    "not permitted to relay",
    "we do not relay",
    "relaying disallowed",
    "relay denied",
];

/// True when a reply refuses a recipient because the server will not relay.
pub fn is_relay_denial(ctx: &Ctx<'_>, reply: &Event, verb: Option<Verb>) -> bool {
    if reply.code.is_none_or(|c| c < 400) {
        return false;
    }
    let lower = util::lower(ctx, reply);
    match verb {
        Some(Verb::Rcpt) => lower.contains("relay"),
        Some(Verb::Unknown) | None => util::has_any(&lower, PHRASES),
        _ => false,
    }
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let mut lines = Vec::new();
    let mut first: Option<&Event> = None;
    let mut targets: Vec<String> = Vec::new();
    for (r, verb) in util::replies(s) {
        if !is_relay_denial(ctx, r, verb) {
            continue;
        }
        lines.push(r.line);
        if let Some(c) = util::command_of(s, r) {
            lines.push(c.line);
        }
        first.get_or_insert(r);
    }
    let Some(first) = first else {
        return Vec::new();
    };
    let evidence: std::collections::HashSet<u32> = lines.iter().copied().collect();
    for v in util::recipients(ctx) {
        if targets.len() >= 5 {
            break;
        }
        if v.code.is_some_and(|c| c >= 400)
            && v.lines.iter().any(|l| evidence.contains(l))
            && !targets.contains(&v.to)
        {
            targets.push(v.to.clone());
        }
    }
    if targets.is_empty() {
        targets.extend(util::rcpt_address_in(util::text(ctx, first)));
    }
    let authenticated = util::auth_accepted(s);
    let q = util::quote(ctx, first);
    let to = if targets.is_empty() {
        "a recipient in another domain".to_string()
    } else {
        targets.join(", ")
    };
    let (sev, why) = if authenticated {
        (
            Severity::Medium,
            format!("Even after a successful AUTH the server refused to relay to {to}: the account may not send to other domains, or may not use this sender address."),
        )
    } else {
        (
            Severity::Low,
            format!("The server accepts mail for other domains only from clients it trusts; this one had not logged in, so it refused {to} ({q}). That is correct server behaviour (an open relay would accept it); to send there, authenticate first."),
        )
    };
    let mut fix = Fix::new().provider(ctx, Some(first));
    if authenticated {
        fix = fix.say("Check which recipients and sender addresses the account may use (the provider's sending rules, Postfix `smtpd_sender_login_maps`).");
    } else {
        fix = fix
            .client(ctx, Topic::SubmissionPort)
            .client(ctx, Topic::Credentials)
            .say("If this client is a trusted host of yours, the admin can allow its network instead (Postfix `mynetworks`, Exim `relay_from_hosts`).");
    }
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("Relay to {to} denied"),
        why,
        fix.build(),
    )]
}
