//! # `implicit-tls`
//!
//! **What it does.** Notes a session that used TLS from the first byte
//! (port 465, "SMTPS", `secure: true`, `SMTP_SSL`). It is information, not a
//! problem: RFC 8314 recommends it for submission. When TLS on connect was
//! tried against a STARTTLS port (25, 587) and failed, it says so.
//!
//! **Why it matters.** With implicit TLS nothing is sent in cleartext, not
//! even the EHLO, so STARTTLS stripping is impossible. A TLS handshake
//! against a port that speaks plain SMTP first fails with "wrong version
//! number".
//!
//! **Example.**
//! ```text
//! $ openssl s_client -connect mail.example.org:465 -crlf
//! 220 mail.example.org ESMTP
//! ```
//!
//! **Fix.** Nothing on 465. On 587 or 25 use STARTTLS (`openssl s_client
//! -starttls smtp`, swaks `--tls`, nodemailer `secure: false`).
//!
//! **References.** RFC 8314 §3.3, RFC 8314 §7.3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::session::{Dir, Kind, TlsMode};

pub const RULE: Rule = Rule {
    id: "implicit-tls",
    title: "Implicit TLS (TLS from the first byte)",
    min: Severity::Info,
    max: Severity::Low,
    refs: &["RFC 8314 §3.3", "RFC 8314 §7.3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.tls != TlsMode::Implicit {
        return Vec::new();
    }
    let line = s
        .events
        .iter()
        .find(|e| e.kind == Kind::Tls || (e.dir == Dir::Tool && e.kind == Kind::Info))
        .or_else(|| s.greeting.and_then(|i| s.event(i)))
        .or_else(|| s.events.first())
        .map_or(0, |e| e.line);
    let plain_port = matches!(s.port, Some(25 | 587));
    let smtp = s.has_smtp();
    if plain_port && !s.tls_established && !smtp {
        let port = util::port_label(s);
        return vec![util::finding(
            ctx,
            &RULE,
            Severity::Low,
            vec![line],
            format!("TLS on connect to {port}, which expects STARTTLS"),
            format!("The client started TLS at once, but {port} speaks plain SMTP first and upgrades with STARTTLS; the handshake read the server's greeting as garbage (\"wrong version number\") and nothing was sent."),
            Fix::new().client(ctx, Topic::RequireTls).build(),
        )];
    }
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Info,
        vec![line],
        format!("Implicit TLS on {}", util::port_label(s)),
        "The connection was encrypted from the first byte, so nothing — not even the EHLO — crossed the network in cleartext and STARTTLS could not be stripped. RFC 8314 recommends this for submission.",
        "Nothing to change.",
    )]
}
