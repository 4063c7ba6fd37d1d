//! # `starttls-not-offered`
//!
//! **What it does.** Flags a cleartext session whose EHLO reply lists
//! extensions but not STARTTLS (or where openssl s_client reports "Didn't
//! find STARTTLS in server response").
//!
//! **Why it matters.** Without STARTTLS nothing can protect the session: the
//! password and the message travel in cleartext. A server that should offer
//! it but does not is misconfigured — or an attacker on the path stripped
//! STARTTLS from its reply (the downgrade RFC 3207 §6 warns about); a client
//! set to require TLS then stops, one that is not carries on in cleartext.
//!
//! **Example.**
//! ```text
//! S: 220 mail.example.org ESMTP
//! C: EHLO client.example.org
//! S: 250-mail.example.org
//! S: 250-AUTH PLAIN LOGIN
//! S: 250 8BITMIME
//! ```
//!
//! **Fix.** Give the server a certificate and offer STARTTLS (Postfix
//! `smtpd_tls_security_level = may`, `encrypt` on 587); make the client
//! require it so a stripped STARTTLS makes it stop.
//!
//! **References.** RFC 3207 §4 and §6, RFC 8314 §3.3 and §4.1.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::{Capability, Verb};
use crate::session::{Channel, TlsMode};

pub const RULE: Rule = Rule {
    id: "starttls-not-offered",
    title: "The server does not offer STARTTLS",
    min: Severity::Medium,
    max: Severity::High,
    refs: &[
        "RFC 3207 §4",
        "RFC 3207 §6",
        "RFC 8314 §3.3",
        "RFC 8314 §4.1",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if matches!(s.tls, TlsMode::Implicit | TlsMode::Unknown) || s.tls_established {
        return Vec::new();
    }
    if s.greetings
        .iter()
        .any(|g| g.capabilities.contains(&Capability::Starttls))
    {
        return Vec::new();
    }
    let said = util::remarks(ctx).find(|(_, t)| t.contains("Didn't find STARTTLS"));
    let ehlo = s.greetings.iter().rev().find(|g| {
        g.verb == Verb::Ehlo
            && g.channel == Channel::Cleartext
            && g.code.is_some_and(|c| c / 100 == 2)
            && !g.capabilities.is_empty()
    });
    let mut lines = Vec::new();
    if let Some(g) = ehlo {
        lines.push(g.line);
        if let Some(r) = util::reply_to(s, g.event) {
            lines.extend(util::event_lines(r));
        }
    }
    if let Some((e, _)) = said {
        lines.push(e.line);
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let creds = util::credentials_sent(s);
    let what = if creds {
        "the password and the message cross"
    } else if !s.transactions.is_empty() {
        "the message crosses"
    } else {
        "anything sent here crosses"
    };
    let why = format!(
        "The EHLO reply lists no STARTTLS, so nothing can protect this session: {what} the network in cleartext. Either the server is not set up for TLS, or something on the path removed STARTTLS from its reply (a downgrade attack); a client that requires TLS stops here, one that does not carries on unprotected."
    );
    let sev = if util::is_submission(s) || creds {
        Severity::High
    } else {
        Severity::Medium
    };
    let fix = Fix::new()
        .server(ctx, Topic::OfferStarttls)
        .client(ctx, Topic::RequireTls)
        .build();
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("No STARTTLS offered on {}", util::port_label(s)),
        why,
        fix,
    )]
}
