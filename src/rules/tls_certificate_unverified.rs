//! # `tls-certificate-unverified`
//!
//! **What it does.** Flags a TLS session whose client reports that the
//! server's certificate was not verified: a verification error it ignored
//! (curl `-k`, "continuing anyway"; openssl s_client, which never stops on
//! one), verification turned off (msmtp `tls_certcheck off`, Exim `CV=no`
//! when delivering), or a verification failure that stopped the client.
//! Most severe when the session went on to authenticate.
//!
//! **Why it matters.** TLS without verification stops eavesdroppers but not
//! an attacker in the middle, who presents their own certificate and reads
//! everything — the password included. When the client does verify and
//! stops, the server's certificate is the reason the mail does not go.
//!
//! Severity: credentials sent over the unverified channel are high from an
//! application or mail server, medium from a test tool told to skip the
//! check (curl `-k`, openssl s_client); medium when the client stopped;
//! low without credentials; info on port 25, where server-to-server TLS is
//! opportunistic (RFC 7435).
//!
//! **Example.**
//! ```text
//! * SSL certificate verify result: self-signed certificate (18), continuing anyway.
//! > AUTH PLAIN AGFsaWNl...
//! < 235 2.7.0 Authentication successful
//! ```
//!
//! **Fix.** Let the client verify (drop `-k`, `rejectUnauthorized: false`,
//! `verify_peer => false`); give the server a certificate from a public CA
//! for the name clients use.
//!
//! **References.** RFC 7817 §3, RFC 6125 §6, RFC 8314 §4.1, RFC 7435 (port 25).

use super::advice::{Client, Fix, Topic};
use super::util::{self, Phrases, PortKind};
use super::{Ctx, Finding, Rule, Severity};
use crate::session::{Channel, Dir, TlsMode};
use memchr::memmem::Finder;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "tls-certificate-unverified",
    title: "The server's certificate was not verified",
    min: Severity::Info,
    max: Severity::High,
    refs: &["RFC 7817 §3", "RFC 6125 §6", "RFC 8314 §4.1", "RFC 7435"],
    check,
};

struct Evidence {
    line: u32,
    detail: String,
    /// The tool says it stopped because of it.
    stopped: bool,
}

/// The verification evidence: the builder's, else the tool's own lines
/// (curl `SSL certificate problem`, msmtp `tls_certcheck = off`, Exim
/// delivering with `CV=no`, library errors `certificate verify failed`).
fn evidence(ctx: &Ctx<'_>) -> Option<Evidence> {
    let s = ctx.session;
    if let Some(v) = s.tls_verify.as_ref().filter(|v| !v.ok) {
        // curl stops at its "SSL certificate problem", unless told to go on.
        let curl_stopped = SSL_PROBLEM.find(v.detail.as_bytes()).is_some()
            && !v.detail.contains("continuing anyway");
        return Some(Evidence {
            line: v.line,
            detail: v.detail.clone(),
            stopped: curl_stopped,
        });
    }
    let exim_client = super::advice::client(ctx) == Client::Exim;
    let may_say = util::events_may_hold(ctx, &SSL_PROBLEM)
        || util::events_may_hold(ctx, &CERTCHECK)
        || exim_client && util::events_may_hold(ctx, &CV_NO)
        || util::events_may_say(ctx, &VERIFY_FAILED);
    for (e, t) in util::remarks(ctx).filter(|_| may_say) {
        // curl: "* SSL certificate problem: self-signed certificate".
        if let Some(i) = SSL_PROBLEM.find(t.as_bytes()) {
            let detail = t.get(i..).unwrap_or(t).trim().to_string();
            return Some(Evidence {
                line: e.line,
                detail,
                stopped: !t.contains("continuing anyway"),
            });
        }
        // msmtp --debug prints its settings: "tls_certcheck = off".
        if CERTCHECK.find(t.as_bytes()).is_some() && t.contains("off") {
            return Some(Evidence {
                line: e.line,
                detail: "msmtp runs with tls_certcheck off".into(),
                stopped: false,
            });
        }
        if exim_client
            && CV_NO.find(t.as_bytes()).is_some()
            && (t.contains("=> ") || t.contains("** ") || t.contains("-> "))
        {
            return Some(Evidence {
                line: e.line,
                detail: "Exim delivered with CV=no (certificate not verified)".into(),
                stopped: false,
            });
        }
        // OpenSSL, Python, Node and Java words for a failed verification.
        if VERIFY_FAILED.any_in(t) {
            return Some(Evidence {
                line: e.line,
                detail: util::cut(t.trim(), 140),
                stopped: true,
            });
        }
    }
    None
}

// Looked for in every remark of a TLS session: searchers built once.
static SSL_PROBLEM: LazyLock<Finder<'static>> =
    LazyLock::new(|| Finder::new("SSL certificate problem:"));
static CERTCHECK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("tls_certcheck"));
static CV_NO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" CV=no"));

/// OpenSSL, Python, Node and Java words for a failed verification.
static VERIFY_FAILED: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::covered(
        &[
            "certificate verify failed",
            "CERTIFICATE_VERIFY_FAILED",
            "unable to verify the first certificate",
            "SELF_SIGNED_CERT",
            "PKIX path building failed",
        ],
        &["certificate", "CERT"],
    )
});

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.tls == TlsMode::None && !s.tls_established {
        return Vec::new();
    }
    let Some(ev) = evidence(ctx) else {
        return Vec::new();
    };
    let client = super::advice::client(ctx);
    let smtp_over_tls = s
        .events
        .iter()
        .any(|e| matches!(e.dir, Dir::Client | Dir::Server) && e.channel == Channel::Encrypted);
    // openssl s_client prints verify errors and carries on regardless.
    let stopped = client != Client::Openssl && (ev.stopped || !s.tls_established || !smtp_over_tls);
    if stopped && s.tls == TlsMode::Starttls {
        // starttls-failed reports it, naming the certificate as the cause.
        return Vec::new();
    }
    let creds: Vec<&crate::session::Auth> = s
        .auths
        .iter()
        .filter(|a| a.credentials_sent && a.over_tls)
        .collect();
    let mut lines = vec![ev.line];
    lines.extend(creds.iter().map(|a| a.line));
    let detail = ev.detail.trim_end_matches('.');
    let (sev, title, why) = if stopped {
        (
            Severity::Medium,
            "The server's certificate failed verification".to_string(),
            format!("{detail}. The client stopped, rightly: the server presents a certificate it cannot trust (self-signed, expired, from an unknown CA, or for another name), so no mail goes through until that is fixed."),
        )
    } else if !creds.is_empty() {
        let names = util::user_names(&creds);
        let of_who = if names.is_empty() {
            "the password".to_string()
        } else {
            format!("the password of {}", names.join(", "))
        };
        // A test tool told to skip verification (curl -k, s_client) is a
        // choice made for a test; an application that does it is a hole.
        let test_tool = matches!(
            client,
            Client::Curl | Client::Openssl | Client::Swaks | Client::Terminal
        );
        (
            if test_tool {
                Severity::Medium
            } else {
                Severity::High
            },
            "Credentials sent over TLS with an unverified certificate".to_string(),
            format!("{detail}. The client carried on and sent {of_who} anyway: without verification, an attacker in the middle can present their own certificate and read it."),
        )
    } else if util::port_kind(s) == PortKind::Relay {
        (
            Severity::Info,
            "The server's certificate was not verified".to_string(),
            format!("{detail}. Between mail servers on port 25, TLS is usually opportunistic and unverified (RFC 7435); it stops eavesdroppers, not an attacker in the middle. DANE or MTA-STS make it verifiable; clients submitting mail must verify."),
        )
    } else {
        (
            Severity::Low,
            "The server's certificate was not verified".to_string(),
            format!("{detail}. The client carried on without verifying who it talks to; an attacker in the middle could read and change the session. Real clients that verify would refuse this server."),
        )
    };
    let fix = Fix::new()
        .client(ctx, Topic::VerifyCertificate)
        .server(ctx, Topic::VerifyCertificate)
        .build();
    vec![util::finding(ctx, &RULE, sev, lines, title, why, fix)]
}
