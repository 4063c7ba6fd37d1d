//! # `port-25-submission`
//!
//! **What it does.** Flags a client that authenticated (sent credentials, or
//! was let in) on port 25, when the port is known.
//!
//! **Why it matters.** Port 25 is for mail between servers (MX). Clients
//! submit on 587 with STARTTLS or 465 with TLS, where login and encryption
//! are required (RFC 6409, RFC 8314). Many networks block outgoing port 25,
//! many servers offer no AUTH there, and credentials sent there are often
//! sent without TLS.
//!
//! **Example.**
//! ```text
//! Trying 203.0.113.5:25...
//! C: AUTH LOGIN
//! ```
//!
//! **Fix.** Point the client at port 587 (STARTTLS) or 465 (TLS).
//!
//! **References.** RFC 6409 §3.1, RFC 8314 §3.3, RFC 5068 §3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::session::Outcome;

pub const RULE: Rule = Rule {
    id: "port-25-submission",
    title: "Authenticated submission on port 25",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &["RFC 6409 §3.1", "RFC 8314 §3.3", "RFC 5068 §3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.port != Some(25) {
        return Vec::new();
    }
    let auths: Vec<&crate::session::Auth> = s
        .auths
        .iter()
        .filter(|a| a.credentials_sent || a.outcome == Outcome::Accepted)
        .collect();
    if auths.is_empty() {
        return Vec::new();
    }
    let lines: Vec<u32> = auths.iter().map(|a| a.line).collect();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        "Client authenticated on port 25",
        "Port 25 is for mail between servers. Clients should submit on 587 (STARTTLS) or 465 (TLS), where login and encryption are required; many networks block outgoing port 25 and many servers do not offer AUTH there.",
        Fix::new().client(ctx, Topic::SubmissionPort).build(),
    )]
}
