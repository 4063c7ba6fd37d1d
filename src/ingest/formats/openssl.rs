//! openssl s_client: the exchange is raw (typed input echoed, or only the
//! server's side when piped); around it, the handshake, certificate and
//! session blocks become TLS facts (protocol, cipher, verify result).
//!
//! ```text
//! CONNECTED(00000003)
//! depth=0 CN = mail.example.test
//! verify error:num=18:self-signed certificate
//! New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384
//!     Protocol  : TLSv1.3
//!     Verify return code: 18 (self-signed certificate)
//! 250 mail.example.test
//! ```

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::find;
use crate::ingest::tag::{tls_version, Info, Tag};
use std::sync::LazyLock;

const DETAIL_PREFIXES: &[&str] = &[
    "depth=",
    "verify return:",
    "---",
    "Certificate chain",
    "Server certificate",
    "subject=",
    "issuer=",
    "No client certificate",
    "Client Certificate Types",
    "Peer signing digest",
    "Peer signature type",
    "Server Temp Key",
    "Negotiated TLS",
    "SSL handshake has",
    "Server public key",
    "Secure Renegotiation",
    "Compression:",
    "Expansion:",
    "No ALPN",
    "ALPN protocol",
    "Early data",
    "SSL-Session:",
    "Session-ID",
    "Resumption PSK",
    "PSK identity",
    "SRP username",
    "TLS session ticket",
    "Start Time:",
    "Timeout   :",
    "Extended master",
    "Max Early Data",
    "Post-Handshake New Session Ticket",
    "read R BLOCK",
    "a:PKEY:",
    "v:NotBefore",
    "Acceptable client certificate",
    "Requested Signature",
    "Shared Requested Signature",
    "Shared Signature",
    "Verification:",
    "Verified peername",
    "DANE",
    "This TLS version forbids renegotiation",
    "0000 - ",
    "00",
    "Cipher    :",
    "Protocol version",
    "Ciphersuite",
    "Peer certificate",
    "Hash used",
    "Signature type",
    "Supported Elliptic",
    "Shared Elliptic",
    "Agreed EC curve",
    "s:",
    "i:",
];

/// [`DETAIL_PREFIXES`] by their first byte: a line is compared only with
/// the few that start like it (every SMTP line of an s_client session is
/// asked here first).
static DETAIL_BY_FIRST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for p in DETAIL_PREFIXES {
        if let Some(list) = p
            .as_bytes()
            .first()
            .and_then(|&b| by.get_mut(usize::from(b)))
        {
            list.push(*p);
        }
    }
    by
});

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = trim_start(l.text);
    if t.starts_with("CONNECTED(") {
        return Some(Tag::Info(Info::Connect {
            port: None,
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if t.starts_with("New, (NONE)") {
        return Some(Tag::Info(Info::TlsFailed));
    }
    if let Some(r) = t.strip_prefix("Protocol version: ") {
        // -brief
        return Some(Tag::Info(
            tls_version(r).map_or(Info::TlsDetail, Info::TlsVersion),
        ));
    }
    if let Some(r) = t.strip_prefix("New, ") {
        // New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384
        // The version here is the cipher's (`New, TLSv1.0, Cipher is
        // ECDHE-RSA-AES256-SHA` on a TLS 1.1 session); only TLS 1.3 suites
        // name the protocol. `Protocol :` below gives the negotiated one.
        let mut parts = r.split(", ");
        let version = parts
            .next()
            .and_then(tls_version)
            .filter(|v| v == "TLSv1.3");
        let cipher = parts
            .next()
            .and_then(|c| c.strip_prefix("Cipher is "))
            .map(str::to_string);
        return Some(Tag::Info(Info::TlsUp { version, cipher }));
    }
    if let Some(r) = t
        .strip_prefix("Protocol  :")
        .or_else(|| t.strip_prefix("Protocol :"))
    {
        return Some(Tag::Info(
            tls_version(r).map_or(Info::TlsDetail, Info::TlsVersion),
        ));
    }
    if let Some(r) = t.strip_prefix("Verify return code: ") {
        let ok = r.starts_with("0 ");
        return Some(Tag::Info(Info::TlsVerify {
            ok,
            detail: r.to_string(),
        }));
    }
    if let Some(r) = t.strip_prefix("verify error:") {
        return Some(Tag::Info(Info::TlsVerify {
            ok: false,
            detail: r.to_string(),
        }));
    }
    if t == "DONE" || t == "RENEGOTIATING" || t == "KEYUPDATE" || t == "closed" {
        return Some(Tag::Info(if t == "closed" || t == "DONE" {
            Info::Closed
        } else {
            Info::Note
        }));
    }
    if find::contains(t, ":error:")
        && (find::contains(t, "SSL routines") || find::contains(t, ":ssl"))
    {
        return Some(Tag::Info(Info::Note));
    }
    // Handshake detail lines start with a letter, '-', '0' or a blank.
    let first = t.as_bytes().first().copied().unwrap_or(b' ');
    if (first.is_ascii_alphabetic() || first == b'-' || first == b'0')
        && DETAIL_BY_FIRST
            .get(usize::from(first))
            .is_some_and(|list| list.iter().any(|p| t.starts_with(p)))
        && !is_smtp_like(t)
    {
        return Some(Tag::Info(Info::TlsDetail));
    }
    None
}

/// A reply line also starts with digits ("00" prefix above): keep those.
fn is_smtp_like(t: &str) -> bool {
    crate::parse::reply::reply_line(t).is_some()
}
