//! # `deprecated-tls-version`
//!
//! **What it does.** Flags SSLv2, SSLv3, TLS 1.0 or TLS 1.1 — negotiated
//! (the version the tool or log reports) or attempted (a client forced to
//! it with `-tls1`, `-tls1_1`; the version a failed handshake names).
//!
//! **Why it matters.** RFC 8996 forbids TLS 1.0 and 1.1 and RFC 7568 SSLv3:
//! they rely on broken primitives (SHA-1, CBC padding oracles), and a server
//! that still accepts them lets an attacker downgrade modern clients.
//!
//! **Example.**
//! ```text
//! $ openssl s_client -starttls smtp -connect mail.example.org:25 -tls1
//! SSL-Session:
//!     Protocol  : TLSv1
//! ```
//!
//! **Fix.** Allow TLS 1.2 and 1.3 only, on both sides (Postfix
//! `smtpd_tls_protocols = >=TLSv1.2`).
//!
//! **References.** RFC 8996 §4 and §5, RFC 7568, RFC 8314 §4.1.

use super::advice::{Fix, Topic};
use super::util::{self, PortKind};
use super::{Ctx, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "deprecated-tls-version",
    title: "Deprecated TLS version",
    min: Severity::Low,
    max: Severity::High,
    refs: &["RFC 8996 §4", "RFC 8996 §5", "RFC 7568", "RFC 8314 §4.1"],
    check,
};

/// The canonical name of a deprecated version, or `None` for a modern one.
pub fn deprecated(v: &str) -> Option<&'static str> {
    let n: String = v
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    let n = n.replace('_', ".");
    match n.as_str() {
        "sslv2" | "ssl2" | "ssl2.0" => Some("SSLv2"),
        "sslv3" | "ssl3" | "ssl3.0" => Some("SSLv3"),
        "tlsv1" | "tls1" | "tlsv1.0" | "tls1.0" => Some("TLS 1.0"),
        "tlsv1.1" | "tls1.1" => Some("TLS 1.1"),
        _ => None,
    }
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let negotiated = s
        .tls_established
        .then(|| s.tls_version.as_deref().and_then(deprecated))
        .flatten();
    // Attempted: the command line forced it, or the failed session names it.
    let attempted = || -> Option<(&'static str, u32)> {
        for (e, t) in util::remarks(ctx) {
            let trimmed = t.trim();
            if let Some(v) = trimmed.strip_prefix("Protocol") {
                let v = v.trim_start().trim_start_matches(':').trim();
                if let Some(d) = deprecated(v) {
                    return Some((d, e.line));
                }
            }
        }
        let (line, cmd) = util::command_line(ctx)?;
        if !cmd.contains("s_client") {
            return None;
        }
        cmd.split_ascii_whitespace().find_map(|w| match w {
            "-tls1" => Some(("TLS 1.0", line)),
            "-tls1_1" => Some(("TLS 1.1", line)),
            "-ssl3" => Some(("SSLv3", line)),
            _ => None,
        })
    };
    let (version, line, established) = match negotiated {
        Some(v) => {
            let cmd_line = util::command_line(ctx).map(|(l, _)| l);
            let line = util::remarks(ctx)
                .filter(|(e, _)| Some(e.line) != cmd_line)
                .filter(|(e, _)| {
                    e.kind == crate::session::Kind::Tls || e.kind == crate::session::Kind::Info
                })
                .find(|(_, t)| {
                    t.split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '=')
                        .any(|w| deprecated(w) == Some(v))
                })
                .map(|(e, _)| e.line)
                .or_else(|| util::command_line(ctx).map(|(l, _)| l))
                .unwrap_or(0);
            (v, line, true)
        }
        None => match attempted() {
            Some((v, l)) => (v, l, false),
            None => return Vec::new(),
        },
    };
    let creds = s.auths.iter().any(|a| a.credentials_sent && a.over_tls);
    let (sev, why) = if !established {
        (
            Severity::Low,
            format!("The client asked for {version}, which RFC 8996 forbids; the handshake did not complete, so nothing was sent over it. Do not test or configure with old versions."),
        )
    } else if creds {
        (
            Severity::High,
            format!("The session ran over {version}, which RFC 8996 forbids, and carried the credentials: old TLS versions rely on broken cryptography, and a server that accepts them lets attackers downgrade clients."),
        )
    } else if util::port_kind(s) == PortKind::Relay {
        (
            Severity::Low,
            format!("The server accepted {version} on port 25. Better than cleartext between mail servers, but RFC 8996 forbids it, and accepting it invites downgrades."),
        )
    } else {
        (
            Severity::Medium,
            format!("The session ran over {version}, which RFC 8996 forbids: old TLS versions rely on broken cryptography, and a server that accepts them lets attackers downgrade clients."),
        )
    };
    let fix = Fix::new().both(ctx, Topic::ModernTls).build();
    let title = if established {
        format!("{version} negotiated")
    } else {
        format!("{version} attempted")
    };
    vec![util::finding(ctx, &RULE, sev, vec![line], title, why, fix)]
}

#[cfg(test)]
mod tests {
    use super::deprecated;

    #[test]
    fn versions() {
        assert_eq!(deprecated("TLSv1"), Some("TLS 1.0"));
        assert_eq!(deprecated("TLSv1.1"), Some("TLS 1.1"));
        assert_eq!(deprecated("TLS1.1"), Some("TLS 1.1"));
        assert_eq!(deprecated("tls1_1"), Some("TLS 1.1"));
        assert_eq!(deprecated("SSLv3"), Some("SSLv3"));
        assert_eq!(deprecated("TLSv1.2"), None);
        assert_eq!(deprecated("TLSv1.3"), None);
    }
}
