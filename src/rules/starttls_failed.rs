//! # `starttls-failed`
//!
//! **What it does.** Flags a STARTTLS that did not give a TLS channel: the
//! server refused it (`454 TLS not available due to temporary reason`,
//! `502`, `5xx`), or it answered 220 but the handshake never completed (the
//! client could not verify the certificate, the two sides share no TLS
//! version, the tool cannot speak TLS at all). Worse when the client then
//! carried on in cleartext.
//!
//! **Why it matters.** Either the mail does not go, or it goes unprotected.
//! A refused or broken STARTTLS is also what an attacker on the path causes
//! to force a downgrade.
//!
//! **Example.**
//! ```text
//! C: STARTTLS
//! S: 220 2.0.0 Ready to start TLS
//! ERROR => TLS setup failed: ... certificate verify failed
//! ```
//!
//! **Fix.** Depends on the cause named in the finding: trust or fix the
//! certificate, allow TLS 1.2+, use a client that speaks TLS; never fall
//! back to cleartext.
//!
//! **References.** RFC 3207 §4, §4.1 and §6, RFC 8314 §4.1.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::{Channel, Dir, Kind, TlsMode};

pub const RULE: Rule = Rule {
    id: "starttls-failed",
    title: "STARTTLS failed",
    min: Severity::Medium,
    max: Severity::High,
    refs: &[
        "RFC 3207 §4",
        "RFC 3207 §4.1",
        "RFC 3207 §6",
        "RFC 8314 §4.1",
    ],
    check,
};

/// Why the handshake failed, from the tool's own error lines.
enum Cause {
    Certificate,
    SmtplibHostname,
    NotTls,
    Version,
    NoTlsTool,
    Unknown,
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let starttls = s
        .commands()
        .find(|(_, e)| e.verb == Some(Verb::Starttls) && !e.inferred);
    let reply = starttls.and_then(|(i, _)| util::reply_to(s, i));
    let refused = reply.filter(|r| r.code.is_some_and(|c| c != 220));
    let handshake_failed = s.tls == TlsMode::Starttls && !s.tls_established;
    if refused.is_none() && !handshake_failed {
        return Vec::new();
    }
    let mut lines = Vec::new();
    if let Some((_, e)) = starttls {
        lines.push(e.line);
    }
    lines.extend(reply.map(|r| r.line));
    // The tool's error lines after STARTTLS name the cause.
    let after = starttls.map_or(0, |(i, _)| i as usize);
    let mut cause = Cause::Unknown;
    for e in s.events.iter().skip(after) {
        if matches!(e.dir, Dir::Client | Dir::Server) {
            continue;
        }
        let t = util::text(ctx, e).to_ascii_lowercase();
        let c = if t.contains("check_hostname requires server_hostname") {
            Cause::SmtplibHostname
        } else if t.contains("certificate verify failed") || t.contains("certificate_verify_failed")
        {
            Cause::Certificate
        } else if t.contains("wrong version number") {
            Cause::NotTls
        } else if t.contains("legacy sigalg")
            || t.contains("no protocols available")
            || t.contains("unsupported protocol")
            || t.contains("protocol version")
        {
            Cause::Version
        } else {
            continue;
        };
        lines.push(e.line);
        cause = c;
        break;
    }
    if matches!(cause, Cause::Unknown)
        && super::advice::client(ctx) == super::advice::Client::Terminal
    {
        cause = Cause::NoTlsTool;
    }
    // Did the client carry on in cleartext with something that matters?
    let carried_on = refused.is_some()
        && s.events.iter().skip(after + 1).any(|e| {
            e.dir == Dir::Client
                && e.kind == Kind::Command
                && e.channel == Channel::Cleartext
                && matches!(
                    e.verb,
                    Some(Verb::Auth | Verb::Mail | Verb::Rcpt | Verb::Data)
                )
        });
    let (title, mut why, fix) = match (refused, &cause) {
        (Some(r), _) => (
            format!("STARTTLS refused ({})", util::quote(ctx, r)),
            "The server offered STARTTLS but refused it; 454 means its TLS setup is broken (often an unreadable certificate or key).".to_string(),
            Fix::new()
                .say("On the server, check the TLS certificate and key settings and its log for the TLS error.")
                .client(ctx, Topic::RequireTls),
        ),
        (None, Cause::Certificate) => (
            "STARTTLS failed: the certificate did not verify".to_string(),
            "The client stopped the handshake because it could not verify the server's certificate (self-signed, expired, an unknown CA, or a name that does not match).".to_string(),
            Fix::new()
                .server(ctx, Topic::VerifyCertificate)
                .say("For a private CA, add it to the client's trust store instead of turning verification off."),
        ),
        (None, Cause::SmtplibHostname) => (
            "STARTTLS failed: smtplib does not know the host name".to_string(),
            "The SMTP object was created with `SMTP()` and then `connect(host)`, so it kept no host name, and `starttls()` with a checking context cannot verify the certificate: `check_hostname requires server_hostname`.".to_string(),
            Fix::new().say("Python smtplib: create it as `smtplib.SMTP(host, 587)`, then `starttls(context=ssl.create_default_context())`."),
        ),
        (None, Cause::NotTls) => (
            "STARTTLS failed: the server did not answer with TLS".to_string(),
            "The handshake read something that is not TLS (\"wrong version number\"): the server did not switch to TLS, typically because it never offered STARTTLS.".to_string(),
            Fix::new().server(ctx, Topic::OfferStarttls),
        ),
        (None, Cause::Version) => (
            "STARTTLS failed: no common TLS version".to_string(),
            "Client and server could not agree on a TLS version or signature algorithm; one of them insists on something old the other refuses.".to_string(),
            Fix::new().both(ctx, Topic::ModernTls),
        ),
        (None, Cause::NoTlsTool) => (
            "STARTTLS cannot work from telnet or nc".to_string(),
            "The server answered 220 and waited for a TLS handshake, but telnet and nc cannot speak TLS: whatever was typed next went nowhere.".to_string(),
            Fix::new().client(ctx, Topic::RequireTls),
        ),
        (None, Cause::Unknown) => (
            "STARTTLS did not complete".to_string(),
            "STARTTLS was sent but the TLS handshake did not complete, so there is no protected channel.".to_string(),
            Fix::new().say("Read the client's TLS error above the failure; check the certificate, the TLS versions on both sides, and the client's TLS settings."),
        ),
    };
    if carried_on {
        why.push_str(" The client then carried on in cleartext, which is exactly what a downgrade attack needs.");
    } else {
        why.push_str(" The mail was not sent over this connection.");
    }
    let sev = if carried_on {
        Severity::High
    } else {
        Severity::Medium
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        title,
        why,
        fix.build(),
    )]
}
