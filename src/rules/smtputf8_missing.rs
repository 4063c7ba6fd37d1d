//! # `smtputf8-missing`
//!
//! **What it does.** Flags a MAIL FROM or RCPT TO address with non-ASCII
//! characters (`jörg@example.org`) sent without the SMTPUTF8 parameter on
//! MAIL FROM, or to a server that does not offer SMTPUTF8.
//!
//! **Why it matters.** RFC 6531: internationalised addresses need SMTPUTF8,
//! negotiated hop by hop. Without it servers may refuse the address, or
//! pass it on to one that mangles or bounces it.
//!
//! **Example.**
//! ```text
//! S: 250-SMTPUTF8
//! C: MAIL FROM:<jörg@example.org>
//! S: 250 OK
//! ```
//!
//! **Fix.** Add `SMTPUTF8` to MAIL FROM when an address is not ASCII (only
//! with a server that offers it); otherwise use an ASCII address.
//!
//! **References.** RFC 6531 §3.2 and §3.4, RFC 6532 §3.2.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Capability;

pub const RULE: Rule = Rule {
    id: "smtputf8-missing",
    title: "Non-ASCII address without SMTPUTF8",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 6531 §3.2", "RFC 6531 §3.4", "RFC 6532 §3.2"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut addrs: Vec<String> = Vec::new();
    let mut refused = false;
    let mut asked = true;
    let mut offered = true;
    for t in &s.transactions {
        let from_bad = t.from.as_deref().is_some_and(|f| !f.is_ascii());
        let bad_rcpts: Vec<&crate::session::Rcpt> =
            t.rcpts.iter().filter(|r| !r.to.is_ascii()).collect();
        if !from_bad && bad_rcpts.is_empty() {
            continue;
        }
        let mail_text = s.event(t.event).map(|e| util::text(ctx, e)).unwrap_or("");
        let has_param = mail_text
            .split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case("SMTPUTF8"));
        let server_offers = util::greeting_before(s, t.event)
            .is_some_and(|g| g.capabilities.contains(&Capability::Smtputf8));
        if has_param && server_offers {
            continue;
        }
        asked &= has_param;
        offered &= server_offers;
        if from_bad {
            lines.push(t.line);
            lines.extend(util::reply_to(s, t.event).map(|r| r.line));
            addrs.extend(t.from.clone());
            refused |= t.mail_code.is_some_and(|c| c >= 500);
        }
        for r in bad_rcpts {
            lines.push(r.line);
            lines.extend(util::reply_to(s, r.event).map(|e| e.line));
            addrs.push(r.to.clone());
            refused |= r.code.is_some_and(|c| c >= 500);
        }
    }
    if addrs.is_empty() {
        return Vec::new();
    }
    let list = addrs.join(", ");
    let cause = if !offered {
        "the server does not offer SMTPUTF8"
    } else if !asked {
        "the server offers SMTPUTF8 but the client did not add the SMTPUTF8 parameter to MAIL FROM"
    } else {
        "SMTPUTF8 was not in effect"
    };
    let mut why = format!("{list} is not plain ASCII, and {cause} (RFC 6531).");
    if refused {
        why.push_str(" The server refused it.");
    } else {
        why.push_str(" This server took it anyway; others on the way may refuse or mangle it.");
    }
    let sev = if refused {
        Severity::Medium
    } else {
        Severity::Low
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("Non-ASCII address without SMTPUTF8: {list}"),
        why,
        Fix::new().client(ctx, Topic::Smtputf8).build(),
    )]
}
