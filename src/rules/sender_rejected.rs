//! # `sender-rejected`
//!
//! **What it does.** Flags a MAIL FROM the server refused (4xx or 5xx),
//! whatever the reason it gives: a malformed address (`501`), a sender the
//! account may not use (`5.7.1`, Microsoft 365 `5.7.60 SendAsDenied`), a
//! domain that does not exist (`5.1.8`), a policy refusal (SPF, blocklist),
//! or `530` because STARTTLS or AUTH must come first. Sequence errors
//! (`503`), size (`552`) and rate limits have their own rules. A refusal at
//! RCPT is `recipient-rejected` or `relay-denied`.
//!
//! **Why it matters.** Nothing is sent in this transaction; the reason
//! decides the fix.
//!
//! **Example.**
//! ```text
//! C: MAIL FROM:<alice@>
//! S: 501 <alice@>: domain missing or malformed
//! ```
//!
//! **Fix.** Per cause, in the finding: a full `user@domain` address, the
//! account's own address, STARTTLS or AUTH before MAIL.
//!
//! **References.** RFC 5321 §3.3 and §4.1.1.2, RFC 3463 §3.2 and §3.8.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;

pub const RULE: Rule = Rule {
    id: "sender-rejected",
    title: "Sender refused",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &[
        "RFC 5321 §3.3",
        "RFC 5321 §4.1.1.2",
        "RFC 3463 §3.2",
        "RFC 3463 §3.8",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let mut hits = Vec::new();
    for (r, verb) in util::replies(s) {
        if verb != Some(Verb::Mail) || r.code.is_none_or(|c| c < 400) || r.code == Some(503) {
            continue;
        }
        if super::rate_limited::is_rate_limit(ctx, r)
            || super::message_too_large::is_too_large(ctx, r, verb)
        {
            continue;
        }
        hits.push(r);
    }
    let Some(first) = hits.first().copied() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for r in &hits {
        lines.push(r.line);
        lines.extend(util::command_of(s, r).map(|c| c.line));
    }
    let from = s
        .transactions
        .iter()
        .find(|t| util::reply_to(s, t.event).is_some_and(|r| std::ptr::eq(r, first)))
        .and_then(|t| t.from.clone())
        .filter(|f| !f.is_empty());
    let who = from.map_or_else(|| "The sender".to_string(), |f| format!("The sender <{f}>"));
    let q = util::quote(ctx, first);
    let lower = util::lower(ctx, first);
    let mut fix = Fix::new().provider(ctx, Some(first));
    let why = if util::has_any(&lower, &["starttls", "tls first", "encryption required"]) {
        fix = fix.client(ctx, Topic::RequireTls);
        format!("{who} was refused because the server requires STARTTLS before MAIL; the client did not start TLS.")
    } else if first.code == Some(530)
        || util::has_any(
            &lower,
            &[
                "authentication required",
                "not authenticated",
                "auth required",
                "must authenticate",
                "client was not authenticated",
            ],
        )
    {
        fix = fix.client(ctx, Topic::Credentials);
        format!("{who} was refused because the server requires AUTH before MAIL; the client did not log in.")
    } else if first.code == Some(501)
        || util::has_any(
            &lower,
            &[
                "syntax",
                "malformed",
                "domain missing",
                "bad address",
                "invalid address",
            ],
        )
    {
        fix = fix.say("Use a complete address, `user@example.org`, in angle brackets: `MAIL FROM:<user@example.org>`.");
        format!(
            "{who} is not a valid address for this server (syntax: a local part, @, and a domain)."
        )
    } else if util::enhanced_is(ctx, first, 1, 8)
        || util::has_any(
            &lower,
            &["domain not found", "unresolvable", "no such domain"],
        )
    {
        fix = fix.say("Use a sender domain that exists in DNS (with MX or A records).");
        format!("{who} uses a domain the server cannot find in DNS.")
    } else if util::has_any(
        &lower,
        &[
            "not owned",
            "sendas",
            "send as",
            "not allowed to send",
            "login mismatch",
        ],
    ) {
        fix = fix.say("Send from an address the account owns (or get Send As rights for it).");
        format!("{who} is not an address this account may send as.")
    } else if util::has_any(
        &lower,
        &[
            "spf",
            "blocked",
            "blacklist",
            "blocklist",
            "spamhaus",
            "reputation",
            "dmarc",
        ],
    ) {
        fix = fix.say("Send from the domain's authorised servers (SPF/DKIM/DMARC) and check the sending IP's reputation.");
        format!("{who} was refused by the server's anti-spam policy.")
    } else {
        fix = fix.say("Read the reply text: it names the server's reason; check the sender address and the account's permissions.");
        format!("{who} was refused.")
    };
    let why = format!("{why} Nothing was sent in this transaction.");
    let temporary = first.code.is_some_and(|c| c < 500);
    let sev = if temporary {
        Severity::Low
    } else {
        Severity::Medium
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("Sender refused ({q})"),
        why,
        fix.build(),
    )]
}
