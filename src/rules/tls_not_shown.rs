//! # `tls-not-shown`
//!
//! **What it does.** Speaks up when the transcript cannot show whether TLS
//! protected the session — the client tool prints the same lines over TLS
//! from the first byte as over a plain connection (Python smtplib,
//! PHPMailer at low debug levels, Symfony, an RFC-style paste), the paste
//! names no port and shows no STARTTLS — while the session authenticated or
//! sent mail. It never passes silently, and it never claims cleartext it
//! cannot prove: `plaintext-auth` stays silent here.
//!
//! **Why it matters.** On port 465 (`SMTP_SSL`, `smtps://`) this session was
//! encrypted; on 25 or 587 without STARTTLS the password and the message
//! crossed the network in cleartext. Only the configuration can tell.
//!
//! **Example.**
//! ```text
//! send: 'ehlo [127.0.0.1]\r\n'
//! reply: b'250-AUTH LOGIN PLAIN\r\n'
//! send: 'AUTH PLAIN AGFsaWNl...\r\n'
//! reply: b'235 2.7.0 Authentication successful\r\n'
//! ```
//!
//! **Fix.** Check the port and TLS setting of the client; make it require
//! TLS so the question never arises; raise the debug level so the log shows
//! the connection.
//!
//! **References.** RFC 8314 §3 and §4.1, RFC 3207 §4.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Capability;
use crate::session::TlsMode;

pub const RULE: Rule = Rule {
    id: "tls-not-shown",
    title: "The transcript does not show whether TLS was used",
    min: Severity::Info,
    max: Severity::Medium,
    refs: &["RFC 8314 §3", "RFC 8314 §4.1", "RFC 3207 §4"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.tls != TlsMode::Unknown || (s.auths.is_empty() && s.transactions.is_empty()) {
        return Vec::new();
    }
    let creds: Vec<&crate::session::Auth> = s.auths.iter().filter(|a| a.credentials_sent).collect();
    let mut lines: Vec<u32> = creds.iter().map(|a| a.line).collect();
    lines.extend(s.transactions.first().map(|t| t.line));
    let client = super::advice::client(ctx);
    let tool = match client {
        super::advice::Client::Unknown => "This transcript".to_string(),
        c => format!("{}'s output", c.name()),
    };
    let no_starttls = s
        .greetings
        .iter()
        .any(|g| !g.capabilities.is_empty() && !g.capabilities.contains(&Capability::Starttls));
    let offered = if no_starttls {
        " and the server offered no STARTTLS"
    } else {
        ""
    };
    let (sev, title, why) = if creds.is_empty() {
        (
            Severity::Info,
            "The transcript does not show whether TLS was used".to_string(),
            format!(
                "{tool} looks the same over TLS from the first byte (port 465) as over a plain connection, and the paste names no port. If this was a plain connection{offered}, the message crossed the network unencrypted."
            ),
        )
    } else {
        let names = util::user_names(&creds);
        let of_who = if names.is_empty() {
            "the password".to_string()
        } else {
            format!("the password of {}", names.join(", "))
        };
        (
            Severity::Medium,
            format!("Unknown whether TLS protected {of_who}"),
            format!(
                "{tool} looks the same over TLS from the first byte (port 465) as over a plain connection, and the paste names no port. If this was a plain connection{offered}, {of_who} crossed the network in cleartext; if it was port 465 (implicit TLS), it was protected."
            ),
        )
    };
    let fix = Fix::new()
        .client(ctx, Topic::ShowTls)
        .client(ctx, Topic::RequireTls)
        .build();
    vec![util::finding(ctx, &RULE, sev, lines, title, why, fix)]
}
