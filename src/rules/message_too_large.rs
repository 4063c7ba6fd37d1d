//! # `message-too-large`
//!
//! **What it does.** Flags a message refused for its size: `552` (not the
//! `5.2.2` "mailbox full" kind), enhanced codes `x.3.4` (too big for the
//! system) or `x.2.3` (over the administrative limit), wording such as
//! "message size exceeds", or a server log saying so (Postfix "queue file
//! size limit exceeded").
//!
//! **Why it matters.** The message was not delivered. Base64 makes
//! attachments about a third larger than on disk, so a 9 MB file does not
//! fit a 10 MB limit.
//!
//! **Example.**
//! ```text
//! C: .
//! S: 552 5.3.4 Error: message file too big
//! ```
//!
//! **Fix.** Send less (or links instead of attachments); check the SIZE in
//! the EHLO reply; raise the limit if it is too low (Postfix
//! `message_size_limit`).
//!
//! **References.** RFC 1870 §6, RFC 5321 §4.2.3, RFC 3463 §3.3 and §3.4.

use super::advice::{Fix, Topic};
use super::util;
use super::util::Phrases;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::{Capability, Verb};
use crate::session::{Dir, Event, Kind};
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "message-too-large",
    title: "Message too large",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &[
        "RFC 1870 §6",
        "RFC 5321 §4.2.3",
        "RFC 3463 §3.3",
        "RFC 3463 §3.4",
    ],
    check,
};

/// Every refusal is searched for these: two words cover them all.
static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::covered(
        &[
            "message size exceeds",
            "message too big",
            "message file too big",
            "message is too big",
            "message too large",
            "size limit exceeded",
            "exceeds size limit",
            "message length exceeds",
            "maximum message size",
            "exceeded the maximum",
        ],
        &["message", "exceed"],
    )
});

/// What a server log says in its own words.
const LOG_SAYS: &[&str] = &[
    "size limit exceeded",
    "message file too big",
    "message too big",
];
static LOG_SAYS_ANY: LazyLock<Phrases> = LazyLock::new(|| Phrases::covered(LOG_SAYS, &["too big"]));

pub fn is_too_large(ctx: &Ctx<'_>, e: &Event, verb: Option<Verb>) -> bool {
    let Some(code) = e.code else { return false };
    if code < 400 || util::enhanced_is(ctx, e, 2, 2) {
        return false;
    }
    if util::enhanced_is(ctx, e, 3, 4) || util::enhanced_is(ctx, e, 2, 3) {
        return true;
    }
    let lower = util::lower(ctx, e);
    if PHRASES.any_in(&lower) {
        return true;
    }
    code == 552
        && matches!(
            verb,
            Some(Verb::Mail | Verb::Data | Verb::DataEnd | Verb::Bdat) | None
        )
        && !lower.contains("recipient")
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let mut lines = Vec::new();
    let mut first: Option<String> = None;
    for (r, verb) in util::replies(s) {
        if is_too_large(ctx, r, verb) {
            lines.push(r.line);
            first.get_or_insert_with(|| util::quote(ctx, r));
        }
    }
    // A server log says it in its own words.
    let log_may_say = util::events_may_say(ctx, &LOG_SAYS_ANY);
    for e in s.events.iter().filter(|_| log_may_say) {
        if e.kind == Kind::Reply || e.dir == Dir::Client {
            continue;
        }
        let t = util::text(ctx, e);
        let said = LOG_SAYS_ANY
            .any_in(t)
            .then(|| LOG_SAYS.iter().find(|p| t.contains(*p)))
            .flatten();
        if let Some(p) = said {
            lines.push(e.line);
            first.get_or_insert_with(|| format!("the log says \"{p}\""));
        }
    }
    let Some(q) = first else {
        return Vec::new();
    };
    let limit = s.greetings.iter().rev().find_map(|g| {
        g.capabilities.iter().find_map(|c| match c {
            Capability::Size { limit: Some(n) } => Some(*n),
            _ => None,
        })
    });
    let mut why =
        "The server refused the message for its size, so it was not delivered.".to_string();
    if let Some(n) = limit {
        why.push_str(&format!(
            " Its EHLO reply announces a limit of {n} bytes (about {} MB);",
            megabytes(n)
        ));
        why.push_str(" attachments grow by about a third in base64.");
    } else {
        why.push_str(" Attachments grow by about a third when encoded in base64.");
    }
    let fix = Fix::new().both(ctx, Topic::MessageSize).build();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        format!("Message too large ({q})"),
        why,
        fix,
    )]
}

/// `n` bytes in megabytes to one decimal, rounded, in integers: one float
/// formatted to a precision links the standard library's float formatting
/// into the page (7.5 KB gzipped).
fn megabytes(n: u64) -> String {
    let tenths = n.saturating_add(50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    /// The size in MB written with integers reads as the float formatted
    /// to one decimal did, for the limits servers announce.
    #[test]
    fn megabytes_to_one_decimal() {
        for n in [
            0u64,
            1_048_576,
            10_240_000,
            20_971_520,
            35_882_577,
            37_748_736,
            52_428_800,
            157_286_400,
            999_999,
            1_000_000,
            123_456_789,
        ] {
            let float = format!("{:.1}", n as f64 / 1_000_000.0);
            assert_eq!(super::megabytes(n), float, "{n}");
        }
    }
}
