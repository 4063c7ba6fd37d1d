//! # `starttls-offered-not-used`
//!
//! **What it does.** Flags a session where the server listed STARTTLS in its
//! EHLO reply but the client never sent STARTTLS and carried on (or quit) in
//! cleartext.
//!
//! **Why it matters.** Everything after the EHLO — the password, the
//! addresses, the message — crossed the network unencrypted although TLS
//! was on offer. On the submission port it is also the usual reason a
//! client "cannot authenticate": servers hide AUTH until STARTTLS, or
//! refuse MAIL with `530 Must issue a STARTTLS command first`.
//!
//! **Example.**
//! ```text
//! S: 250-STARTTLS
//! S: 250 8BITMIME
//! C: MAIL FROM:<alice@example.org>
//! S: 530 5.7.0 Must issue a STARTTLS command first
//! ```
//!
//! **Fix.** Make the client use (and require) STARTTLS: swaks `--tls`, curl
//! `--ssl-reqd`, PHPMailer `SMTPSecure = ENCRYPTION_STARTTLS`, nodemailer
//! `requireTLS: true`, smtplib `starttls()` before `login()`.
//!
//! **References.** RFC 3207 §4, RFC 8314 §3.3 and §4.1, RFC 6409 §4.

use super::advice::{Fix, Topic};
use super::util::{self, PortKind};
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::{Capability, Verb};
use crate::session::{Channel, TlsMode};

pub const RULE: Rule = Rule {
    id: "starttls-offered-not-used",
    title: "STARTTLS offered but not used",
    min: Severity::Info,
    max: Severity::High,
    refs: &[
        "RFC 3207 §4",
        "RFC 8314 §3.3",
        "RFC 8314 §4.1",
        "RFC 6409 §4",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.tls != TlsMode::None || s.tls_established {
        return Vec::new();
    }
    if s.commands().any(|(_, e)| e.verb == Some(Verb::Starttls)) {
        return Vec::new(); // tried: starttls-failed speaks
    }
    let Some(g) = s.greetings.iter().find(|g| {
        g.channel == Channel::Cleartext && g.capabilities.contains(&Capability::Starttls)
    }) else {
        return Vec::new();
    };
    let mut lines = vec![g.line];
    if let Some(r) = util::reply_to(s, g.event) {
        lines.push(util::keyword_line(ctx, r, "STARTTLS"));
    }
    let creds = s.auths.iter().any(|a| util::sent_in_clear(s, a));
    let mail = !s.transactions.is_empty();
    let message_sent = s.transactions.iter().any(|t| t.data_code == Some(354));
    let tried_auth = !s.auths.is_empty();
    lines.extend(s.auths.iter().map(|a| a.line));
    lines.extend(s.transactions.first().map(|t| t.line));
    let what = if creds {
        "the password and everything after it"
    } else if message_sent {
        "the addresses and the message"
    } else if mail {
        "the addresses"
    } else {
        "the commands"
    };
    let sev = if creds {
        Severity::High
    } else if util::is_submission(s) {
        Severity::Medium
    } else if mail || tried_auth {
        match util::port_kind(s) {
            PortKind::Relay => Severity::Low,
            _ => Severity::Medium,
        }
    } else {
        Severity::Info
    };
    let mut why = format!(
        "The server offered STARTTLS but the client never started it, so {what} went over the network unencrypted."
    );
    if util::is_submission(s) && !creds {
        why.push_str(" On a submission port the client must start TLS first: servers keep AUTH until then and refuse mail without it.");
    }
    if sev == Severity::Info {
        why.push_str(" This session only probed the server; a real client should start TLS.");
    }
    let fix = Fix::new().client(ctx, Topic::RequireTls).build();
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        "STARTTLS was offered but not used",
        why,
        fix,
    )]
}
