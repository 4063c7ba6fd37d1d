//! # `auth-advertised-before-tls`
//!
//! **What it does.** Flags a server that lists a plaintext AUTH mechanism
//! (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER) in an EHLO reply on a cleartext
//! channel, before STARTTLS.
//!
//! **Why it matters.** Any client not set to require TLS takes the offer
//! and sends its password in cleartext. RFC 4954 says servers SHOULD NOT
//! permit plaintext mechanisms without TLS; hiding AUTH until STARTTLS also
//! makes misconfigured clients fail loudly instead of leaking.
//!
//! **Example.**
//! ```text
//! S: 220 mail.example.org ESMTP Postfix
//! C: EHLO client.example.org
//! S: 250-STARTTLS
//! S: 250 AUTH PLAIN LOGIN
//! ```
//!
//! **Fix.** Offer AUTH only after STARTTLS: Postfix `smtpd_tls_auth_only =
//! yes`, Exim `auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}`.
//!
//! **References.** RFC 4954 §4 and §14, RFC 3207 §4.2, RFC 8314 §4.1.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Capability;
use crate::session::Channel;

pub const RULE: Rule = Rule {
    id: "auth-advertised-before-tls",
    title: "AUTH offered on a cleartext connection",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &[
        "RFC 4954 §4",
        "RFC 4954 §14",
        "RFC 3207 §4.2",
        "RFC 8314 §4.1",
    ],
    check,
};

const PLAINTEXT: &[&str] = &["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER", "XOAUTH"];

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if !util::tls_known(s) {
        return Vec::new();
    }
    let found = s.greetings.iter().find_map(|g| {
        if g.channel != Channel::Cleartext || g.code.is_none_or(|c| c / 100 != 2) {
            return None;
        }
        g.capabilities.iter().find_map(|c| match c {
            Capability::Auth { mechanisms } => {
                let plain: Vec<&str> = mechanisms
                    .iter()
                    .map(String::as_str)
                    .filter(|m| PLAINTEXT.contains(m))
                    .collect();
                (!plain.is_empty()).then(|| (g, plain.join(" ")))
            }
            _ => None,
        })
    });
    let Some((g, mechs)) = found else {
        return Vec::new();
    };
    let reply = util::reply_to(s, g.event);
    let mut lines = vec![g.line];
    lines.extend(reply.map(|r| util::keyword_line(ctx, r, "AUTH")));
    let leaked = s.auths.iter().any(|a| util::sent_in_clear(s, a));
    let starttls = g.capabilities.contains(&Capability::Starttls);
    let mut why = format!(
        "The server lists AUTH {mechs} before any TLS, so a client that does not insist on TLS sends its password in cleartext."
    );
    if leaked {
        why.push_str(" That is what happened in this session.");
    } else if starttls {
        why.push_str(" It does offer STARTTLS, but nothing stops a client from skipping it.");
    } else {
        why.push_str(" It offers no STARTTLS at all, so no client can log in safely here.");
    }
    let sev = if leaked {
        Severity::Medium
    } else {
        Severity::Low
    };
    let mut fix = Fix::new().server(ctx, Topic::AuthOnlyOverTls);
    if !starttls {
        fix = fix.server(ctx, Topic::OfferStarttls);
    }
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        format!("AUTH {mechs} offered before TLS"),
        why,
        fix.build(),
    )]
}
