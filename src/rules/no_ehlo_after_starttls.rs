//! # `no-ehlo-after-starttls`
//!
//! **What it does.** Flags a session where, after the STARTTLS handshake,
//! the client went on with AUTH, MAIL, RCPT or DATA without first sending
//! EHLO again.
//!
//! **Why it matters.** RFC 3207 §4.2: after TLS starts, both sides forget
//! what they knew, and the client SHOULD send EHLO first. The capabilities
//! can differ inside TLS (AUTH is often offered only now); some servers
//! refuse the next command (Exim: `503 HELO or EHLO required`), others
//! accept it (Postfix).
//!
//! **Example.**
//! ```text
//! C: STARTTLS
//! S: 220 2.0.0 Ready to start TLS
//! C: AUTH PLAIN AGFsaWNl...
//! ```
//!
//! **Fix.** Send EHLO as the first command inside TLS (openssl s_client
//! users: type it again after the handshake; smtplib: `ehlo()` after
//! `starttls()`).
//!
//! **References.** RFC 3207 §4.2, RFC 5321 §4.1.4.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::{Channel, TlsMode};

pub const RULE: Rule = Rule {
    id: "no-ehlo-after-starttls",
    title: "No EHLO after STARTTLS",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 3207 §4.2", "RFC 5321 §4.1.4"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.tls != TlsMode::Starttls || !s.tls_established {
        return Vec::new();
    }
    for (i, e) in s.commands() {
        if e.channel != Channel::Encrypted {
            continue;
        }
        match e.verb {
            Some(Verb::Ehlo | Verb::Helo | Verb::Lhlo) if !util::stray_greeting(s, i) => {
                return Vec::new();
            }
            Some(
                v @ (Verb::Auth
                | Verb::Mail
                | Verb::Rcpt
                | Verb::Data
                | Verb::Bdat
                | Verb::Vrfy
                | Verb::Expn),
            ) => {
                let reply = util::reply_to(s, i);
                let mut lines = vec![e.line];
                lines.extend(reply.map(|r| r.line));
                let refused = reply.is_some_and(|r| r.code.is_some_and(|c| c >= 500));
                let mut why = format!(
                    "After the TLS handshake the client sent {} without a new EHLO. RFC 3207 §4.2: both sides discard what they learned before TLS, and the client should send EHLO first (the capabilities can change inside TLS, AUTH is often offered only then).",
                    v.as_str()
                );
                if refused {
                    why.push_str(" This server refused the command for that reason.");
                } else {
                    why.push_str(" This server let it pass; stricter ones refuse it.");
                }
                let sev = if refused {
                    Severity::Medium
                } else {
                    Severity::Low
                };
                return vec![util::finding(
                    ctx,
                    &RULE,
                    sev,
                    lines,
                    format!("{} sent after STARTTLS without a new EHLO", v.as_str()),
                    why,
                    Fix::new().client(ctx, Topic::EhloAfterStarttls).build(),
                )];
            }
            _ => {}
        }
    }
    Vec::new()
}
