//! # `open-relay-suspected`
//!
//! **What it does.** Flags a server on port 25 (or an unknown port) that
//! accepted, from a client that had not authenticated, a recipient in a
//! domain that is neither the server's own nor the sender's, for a sender
//! that is not from the server's domain either — the classic third-party
//! relay test. Conservative: both domains must be known and foreign.
//!
//! **Why it matters.** An open relay sends anyone's spam under its IP
//! address: it lands on blocklists within hours and its legitimate mail
//! stops being delivered. (The server may trust the client's IP address,
//! e.g. Postfix `mynetworks`; test again from outside before concluding.)
//!
//! **Example.**
//! ```text
//! S: 220 mx.example.test ESMTP
//! C: MAIL FROM:<spoofed@example.net>
//! S: 250 OK
//! C: RCPT TO:<victim@example.com>
//! S: 250 OK
//! ```
//!
//! **Fix.** Relay only for authenticated users and your own networks
//! (Postfix `smtpd_relay_restrictions = permit_mynetworks,
//! permit_sasl_authenticated, defer_unauth_destination`).
//!
//! **References.** RFC 5321 §3.6.1 and §7.9, RFC 2505 §2, RFC 5068 §3.

use super::advice::{Fix, Topic};
use super::util::{self, PortKind};
use super::{Ctx, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "open-relay-suspected",
    title: "Open relay suspected",
    min: Severity::High,
    max: Severity::Critical,
    refs: &[
        "RFC 5321 §3.6.1",
        "RFC 5321 §7.9",
        "RFC 2505 §2",
        "RFC 5068 §3",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    if !matches!(
        util::port_kind(s),
        PortKind::Relay | PortKind::Unknown | PortKind::Other
    ) {
        return Vec::new();
    }
    let Some(host) = util::server_host(ctx) else {
        return Vec::new();
    };
    let own = util::base_domain(&host);
    if !own.contains('.') {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut pair = None;
    for v in util::recipients(ctx) {
        if v.authenticated || v.code.is_none_or(|c| c / 100 != 2) {
            continue;
        }
        let (Some(to), Some(from)) = (
            util::mailbox_base(&v.to),
            v.from.as_deref().and_then(util::mailbox_base),
        ) else {
            continue;
        };
        if to == own || from == own {
            continue;
        }
        lines.extend(v.lines.iter().copied());
        pair.get_or_insert((v.from.clone().unwrap_or_default(), v.to.clone()));
    }
    let Some((from, to)) = pair else {
        return Vec::new();
    };
    let delivered = s.messages_accepted > 0;
    lines.extend(
        s.transactions
            .iter()
            .filter(|t| t.accepted)
            .filter_map(|t| t.end_line),
    );
    let sev = if delivered {
        Severity::Critical
    } else {
        Severity::High
    };
    let why = format!(
        "{host} accepted mail from <{from}> to <{to}> although the client had not logged in and neither address is in {own}. If it does that for any client, anyone can send spam through it, and it will be blocklisted.{} It may trust the client's IP address (its own network); repeat the test from outside before concluding.",
        if delivered { " The message itself was accepted." } else { "" }
    );
    let fix = Fix::new().server(ctx, Topic::RelayRestrictions).build();
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("Open relay suspected: {to} accepted without AUTH"),
        why,
        fix,
    )]
}
