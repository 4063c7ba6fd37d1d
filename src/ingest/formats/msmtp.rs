//! msmtp --debug: `<-- ` server, `--> ` client, its configuration dump
//! (`port = 587`, `tls_starttls = off`) and TLS session parameters.
//!
//! ```text
//! port = 587
//! <-- 220 mail.example.test ESMTP Postfix
//! --> EHLO client
//! TLS session parameters:
//!     (TLS1.3)-(ECDHE-SECP256R1)-(RSA-PSS-RSAE-SHA256)-(AES-256-GCM)
//! ```

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::tag::{port_prefix, tls_version, Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("<-- ") {
        return Some(Tag::Server(r.into()));
    }
    if let Some(r) = t.strip_prefix("--> ") {
        return Some(Tag::Client(r.into()));
    }
    if t == "<--" || t == "-->" {
        return Some(Tag::Noise(Note::EmptyToolLine));
    }
    if let Some(r) = t.strip_prefix("port = ") {
        return port_prefix(r).map(|p| Tag::Info(Info::Port(p)));
    }
    if t == "tls_starttls = off" {
        return Some(Tag::Info(Info::ImplicitTls));
    }
    if t.starts_with("TLS session parameters:") || t.starts_with("TLS certificate information:") {
        return Some(Tag::Info(Info::TlsDetail));
    }
    let trimmed = trim_start(t);
    if trimmed.starts_with("(TLS") || trimmed.starts_with("(SSL") {
        let v = trimmed.split(")-(").next().and_then(tls_version);
        return Some(Tag::Info(match v {
            Some(v) => Info::TlsVersion(v),
            None => Info::TlsDetail,
        }));
    }
    if t.starts_with("msmtp: ") {
        return Some(Tag::Info(Info::Note));
    }
    None
}
