//! # `auth-before-tls-rejected`
//!
//! **What it does.** Flags an AUTH tried on the cleartext connection that
//! the server refused for lack of TLS: `530 5.7.0 Must issue a STARTTLS
//! command first`, `538 Encryption required`, or (Exim) `503 AUTH command
//! used when not advertised` from a server that offered STARTTLS and kept
//! AUTH for after it.
//!
//! **Why it matters.** The server is right; the client is misconfigured and
//! cannot send mail. If the client sent its credentials with the command
//! (an AUTH PLAIN initial response), they crossed the network anyway, which
//! `plaintext-auth` reports.
//!
//! **Example.**
//! ```text
//! S: 250-STARTTLS
//! C: AUTH PLAIN AGFsaWNl...
//! S: 530 5.7.0 Must issue a STARTTLS command first
//! ```
//!
//! **Fix.** Use STARTTLS on 587 (required, not opportunistic), or TLS on
//! connect on 465, before AUTH.
//!
//! **References.** RFC 4954 §4 and §6, RFC 3207 §4, RFC 8314 §3.3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Capability;
use crate::session::Channel;

pub const RULE: Rule = Rule {
    id: "auth-before-tls-rejected",
    title: "AUTH refused because TLS was not started",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &["RFC 4954 §4", "RFC 4954 §6", "RFC 3207 §4", "RFC 8314 §3.3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut quoted = None;
    let mut creds = false;
    for a in &s.auths {
        if a.over_tls || a.channel == Channel::Encrypted {
            continue;
        }
        let Some(r) = util::auth_reply(s, a) else {
            continue;
        };
        let lower = util::lower(ctx, r);
        let tls_words = util::has_any(&lower, &["tls", "encrypt", "ssl"]);
        let refused = match r.code {
            Some(530 | 538) => tls_words || r.code == Some(538) || util::enhanced_is(ctx, r, 7, 11),
            Some(c) if c >= 500 && tls_words => true,
            Some(503) => {
                // Exim: AUTH not advertised because it is kept for after STARTTLS.
                util::greeting_before(s, a.event).is_some_and(|g| {
                    g.capabilities.contains(&Capability::Starttls)
                        && !g
                            .capabilities
                            .iter()
                            .any(|c| matches!(c, Capability::Auth { .. }))
                })
            }
            _ => false,
        };
        if refused {
            lines.push(a.line);
            lines.push(r.line);
            creds |= a.credentials_sent;
            quoted.get_or_insert_with(|| util::quote(ctx, r));
        }
    }
    let Some(q) = quoted else {
        return Vec::new();
    };
    let mut why = "The server accepts AUTH only inside TLS, which is right: the client tried to log in on the plain connection, so it cannot send mail.".to_string();
    if creds {
        why.push_str(" The credentials were sent with the command anyway (see plaintext-auth).");
    }
    let fix = Fix::new()
        .say("Start TLS before AUTH: STARTTLS on port 587, or TLS from the first byte on port 465.")
        .client(ctx, Topic::RequireTls)
        .build();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        format!("AUTH refused before TLS ({q})"),
        why,
        fix,
    )]
}
