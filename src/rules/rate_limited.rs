//! # `rate-limited`
//!
//! **What it does.** Flags replies that defer or refuse because of a rate or
//! volume limit: 421/450/451/452 with an enhanced code `4.7.x` or wording
//! such as "rate", "too many", "try again later", "throttled", and the
//! permanent "sending limit exceeded" kind (Gmail `550 5.4.5`). Greylisting
//! ("greylisted, try again later") is named as such.
//!
//! **Why it matters.** The server is protecting itself or its reputation;
//! the message is not lost if the client queues and retries, but a script
//! that gives up loses it, and hammering makes it worse.
//!
//! **Example.**
//! ```text
//! C: RCPT TO:<postmaster@example.org>
//! S: 451 4.7.1 Rate limit exceeded for <bulk@example.net>, try again later
//! ```
//!
//! **Fix.** Retry later with backoff, reuse one connection, spread bulk
//! sending; on the server, review the limit (Postfix
//! `smtpd_client_message_rate_limit`, Exim `ratelimit`).
//!
//! **References.** RFC 5321 §4.2.1 and §4.5.4.1, RFC 3463 §3.8.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::session::{Dir, Event, Kind};

pub const RULE: Rule = Rule {
    id: "rate-limited",
    title: "Rate limited or deferred",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &["RFC 5321 §4.2.1", "RFC 5321 §4.5.4.1", "RFC 3463 §3.8"],
    check,
};

const TEMPORARY: &[&str] = &[
    "rate",
    "too many",
    "try again later",
    "try later",
    "throttl",
    "slow down",
    "greylist",
    "graylist",
    "sending limit",
    "sending quota",
    "temporarily deferred",
];

const PERMANENT: &[&str] = &[
    "rate limit",
    "ratelimit",
    "too many",
    "throttl",
    "sending limit",
    "sending quota",
    "daily user sending",
];

/// True when the reply defers or refuses because of a rate or volume limit.
pub fn is_rate_limit(ctx: &Ctx<'_>, e: &Event) -> bool {
    let Some(code) = e.code else { return false };
    if !matches!(code, 421 | 450..=452 | 454 | 500..=599) {
        return false;
    }
    let lower = util::lower(ctx, e);
    if lower.contains("mailbox") && util::enhanced_is(ctx, e, 2, 2) {
        return false; // "quota exceeded" of a full mailbox
    }
    match code {
        421 | 450 | 451 | 452 => {
            e.enhanced.is_some_and(|x| x.subject == 7) || util::has_any(&lower, TEMPORARY)
        }
        454 => util::has_any(&lower, &["too many", "rate"]),
        500..=599 => util::has_any(&lower, PERMANENT),
        _ => false,
    }
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let hits: Vec<&Event> = s
        .events
        .iter()
        .filter(|e| e.dir == Dir::Server && e.kind == Kind::Reply && is_rate_limit(ctx, e))
        .collect();
    let Some(first) = hits.first() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for r in &hits {
        lines.push(r.line);
        lines.extend(util::command_of(s, r).map(|c| c.line));
    }
    let q = util::quote(ctx, first);
    let lower = util::lower(ctx, first);
    let permanent = first.code.is_some_and(|c| c >= 500);
    let why = if util::has_any(&lower, &["greylist", "graylist"]) {
        "The server greylists: it defers the first attempt from an unknown sender and accepts a retry a few minutes later. A real mail server retries by itself; a script that gives up loses the message.".to_string()
    } else if lower.contains("too many recipients") {
        "The message has more recipients than the server accepts in one transaction; the rest must go in another message.".to_string()
    } else if permanent {
        "The account or client hit a sending limit and the server refuses more mail for now; retrying at once will not help.".to_string()
    } else {
        "The server is limiting how fast this client or sender may send. 4xx is temporary: a client that queues and retries later gets through; one that gives up loses the message.".to_string()
    };
    let fix = Fix::new()
        .provider(ctx, Some(first))
        .both(ctx, Topic::RateLimit)
        .build();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        format!("Rate limited: {q}"),
        why,
        fix,
    )]
}
