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

use memchr::memmem::Finder;
use std::sync::LazyLock;

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

/// The word an s_client session's TLS lines start with (looked for once
/// in a session, before each of its remarks).
static PROTOCOL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("Protocol"));

/// The canonical name of a deprecated version, or `None` for a modern one.
pub fn deprecated(v: &str) -> Option<&'static str> {
    // Lower case, letters, digits and dots only, `_` read as `.`; in a
    // buffer on the stack (every word of a TLS line comes here).
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in v.bytes() {
        let c = match c.to_ascii_lowercase() {
            b'_' => b'.',
            c => c,
        };
        if c.is_ascii_alphanumeric() || c == b'.' {
            // Longer than any name below: not one.
            *buf.get_mut(n)? = c;
            n += 1;
        }
    }
    match buf.get(..n)? {
        b"sslv2" | b"ssl2" | b"ssl2.0" => Some("SSLv2"),
        b"sslv3" | b"ssl3" | b"ssl3.0" => Some("SSLv3"),
        b"tlsv1" | b"tls1" | b"tlsv1.0" | b"tls1.0" => Some("TLS 1.0"),
        b"tlsv1.1" | b"tls1.1" => Some("TLS 1.1"),
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
        let may_say = util::events_may_hold(ctx, &PROTOCOL);
        for (e, t) in util::remarks(ctx).filter(|_| may_say) {
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

    /// The stack-buffer reading names what the first, allocating one did.
    #[test]
    fn reads_as_the_string_version_did() {
        let old = |v: &str| -> Option<&'static str> {
            let n: String = v
                .to_ascii_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
                .collect();
            match n.replace('_', ".").as_str() {
                "sslv2" | "ssl2" | "ssl2.0" => Some("SSLv2"),
                "sslv3" | "ssl3" | "ssl3.0" => Some("SSLv3"),
                "tlsv1" | "tls1" | "tlsv1.0" | "tls1.0" => Some("TLS 1.0"),
                "tlsv1.1" | "tls1.1" => Some("TLS 1.1"),
                _ => None,
            }
        };
        let words = [
            "",
            "TLSv1",
            " TLSv1.0,",
            "TLS_1_1",
            "tls-1.1",
            "(SSLv3)",
            "SSL2.0",
            "TLSv1.2",
            "TLSv1.1.",
            "tlsv1.1x",
            "TLSv1\u{e9}",
            "T\u{e9}LSv1",
            "ssl2.00000",
            "protocol",
            "TLSv1:",
            "TLS1_0",
            "sslv2sslv2",
        ];
        let mut named = 0;
        for w in words {
            assert_eq!(deprecated(w), old(w), "{w:?}");
            named += usize::from(old(w).is_some());
        }
        assert!(named >= 8);
    }
}
