//! Findings: one rule per file, each a pure function of a session; the
//! registry below lists them all. Ids are a stable contract.
//!
//! Every rule module starts with a doc comment in the same shape: what it
//! does, why it matters, an example transcript, the fix, and the RFC
//! sections it rests on. [`advice`] turns a topic into the fix in the
//! user's own client and server; [`verdict`] grades a session A–F.

pub mod advice;
pub mod util;
pub mod verdict;

mod auth_advertised_before_tls;
mod auth_before_tls_rejected;
mod auth_failed;
mod auth_mechanism_unsupported;
mod bare_lf_in_data;
mod deprecated_tls_version;
mod expn_enabled;
mod helo_instead_of_ehlo;
mod implicit_tls;
mod line_too_long;
mod message_too_large;
mod multiline_reply_mismatch;
mod no_ehlo_after_starttls;
mod open_relay_suspected;
mod pipelining_without_support;
mod plaintext_auth;
mod port_25_submission;
mod protocol_sequence_error;
mod rate_limited;
mod recipient_rejected;
mod relay_denied;
mod sender_rejected;
mod smtputf8_missing;
mod starttls_failed;
mod starttls_injection;
mod starttls_not_offered;
mod starttls_offered_not_used;
mod submission_without_auth;
mod tls_certificate_unverified;
mod tls_not_shown;
mod unknown_command_rejected;
mod vrfy_enabled;

pub use verdict::{verdict, Grade, Verdict};

use serde::Serialize;

use crate::ingest::Format;
use crate::session::Session;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        [
            Severity::Info,
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ]
        .into_iter()
        .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

/// One finding in one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: &'static str,
    pub severity: Severity,
    /// Index of the session in the report.
    pub session: usize,
    /// The evidence: 1-based lines of the paste.
    pub lines: Vec<u32>,
    /// The texts are shared between findings that say the same (a paste
    /// of many runs against one server repeats them thousands of times).
    #[serde(serialize_with = "util::shared_text")]
    pub title: Text,
    #[serde(serialize_with = "util::shared_text")]
    pub why: Text,
    #[serde(serialize_with = "util::shared_text")]
    pub fix: Text,
    pub refs: &'static [&'static str],
}

/// A finding's text (derefs to `str`).
pub type Text = std::sync::Arc<str>;

/// What a rule sees.
pub struct Ctx<'a> {
    pub input: &'a str,
    pub format: Format,
    pub session: &'a Session,
    pub index: usize,
    /// What several rules would otherwise each work out again.
    pub(crate) seen: util::Seen<'a>,
    /// The texts of the findings so far, to share.
    pub(crate) texts: &'a std::cell::RefCell<util::Texts>,
}

/// A rule: its stable id, what it is about, the range of severities its
/// findings take (severity depends on the port, the TLS mode and what the
/// session did), its references and its check.
pub struct Rule {
    pub id: &'static str,
    /// A generic title (each finding has its own, more specific one).
    pub title: &'static str,
    /// The least severe a finding of this rule can be.
    pub min: Severity,
    /// The most severe a finding of this rule can be.
    pub max: Severity,
    /// The documents the rule rests on, e.g. "RFC 3207 §4.2".
    pub refs: &'static [&'static str],
    pub check: fn(&Ctx<'_>) -> Vec<Finding>,
}

/// Every rule, in no particular order (findings are sorted afterwards).
pub static RULES: &[Rule] = &[
    plaintext_auth::RULE,
    tls_not_shown::RULE,
    auth_advertised_before_tls::RULE,
    auth_before_tls_rejected::RULE,
    starttls_not_offered::RULE,
    starttls_offered_not_used::RULE,
    starttls_failed::RULE,
    starttls_injection::RULE,
    no_ehlo_after_starttls::RULE,
    deprecated_tls_version::RULE,
    tls_certificate_unverified::RULE,
    implicit_tls::RULE,
    submission_without_auth::RULE,
    open_relay_suspected::RULE,
    relay_denied::RULE,
    auth_failed::RULE,
    auth_mechanism_unsupported::RULE,
    sender_rejected::RULE,
    recipient_rejected::RULE,
    message_too_large::RULE,
    rate_limited::RULE,
    vrfy_enabled::RULE,
    expn_enabled::RULE,
    unknown_command_rejected::RULE,
    protocol_sequence_error::RULE,
    pipelining_without_support::RULE,
    multiline_reply_mismatch::RULE,
    line_too_long::RULE,
    bare_lf_in_data::RULE,
    smtputf8_missing::RULE,
    helo_instead_of_ehlo::RULE,
    port_25_submission::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Runs every rule over every session; worst first, then by line.
pub fn run(input: &str, format: Format, sessions: &[Session]) -> (Vec<Finding>, Vec<Verdict>) {
    let (out, verdicts) = run_sessions(input, format, sessions);
    (in_order(out), verdicts)
}

/// Findings worst first, then by session and first line; ties keep the
/// rules' order. (`crate::sort` moves each finding, with its texts, into
/// place once, and is the one sort the page's wasm carries.)
pub(crate) fn in_order(mut out: Vec<Finding>) -> Vec<Finding> {
    crate::sort::sort_by(&mut out, |a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.session.cmp(&b.session))
            .then(a.lines.first().cmp(&b.lines.first()))
    });
    // The growth slack of a paste's findings (tens of thousands for a
    // paste of many tiny sessions).
    out.shrink_to_fit();
    out
}

/// Sessions are independent: a big paste's are checked in two halves on
/// two threads where there are threads (the CLI, the benchmark; not the
/// browser). The result is the same, in the same order.
#[cfg(not(target_arch = "wasm32"))]
fn run_sessions(input: &str, format: Format, sessions: &[Session]) -> (Vec<Finding>, Vec<Verdict>) {
    const PARALLEL_FROM_EVENTS: usize = 20_000;
    let events: usize = sessions.iter().map(|s| s.events.len()).sum();
    if events < PARALLEL_FROM_EVENTS {
        return run_range(input, format, sessions, 0);
    }
    // Split where half the events are.
    let mut seen = 0;
    let mid = sessions
        .iter()
        .position(|s| {
            seen += s.events.len();
            seen * 2 >= events
        })
        .map_or(sessions.len(), |i| i + 1);
    let (first, second) = sessions.split_at(mid);
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, || run_range(input, format, second, mid));
        let (mut out, mut verdicts) = run_range(input, format, first, 0);
        // No thread (or it failed): do the second half here.
        let (more, more_verdicts) = match other.map(|h| h.join()) {
            Ok(Ok(done)) => done,
            _ => run_range(input, format, second, mid),
        };
        out.extend(more);
        verdicts.extend(more_verdicts);
        (out, verdicts)
    })
}

#[cfg(target_arch = "wasm32")]
fn run_sessions(input: &str, format: Format, sessions: &[Session]) -> (Vec<Finding>, Vec<Verdict>) {
    run_range(input, format, sessions, 0)
}

/// The findings and verdicts of `sessions`, the first of which is session
/// number `first` of the paste.
pub(crate) fn run_range(
    input: &str,
    format: Format,
    sessions: &[Session],
    first: usize,
) -> (Vec<Finding>, Vec<Verdict>) {
    run_range_sharing(input, format, sessions, first, &Default::default())
}

/// [`run_range`] sharing the findings' texts with those `texts` holds
/// (a caller that checks one session at a time keeps one for all).
pub(crate) fn run_range_sharing(
    input: &str,
    format: Format,
    sessions: &[Session],
    first: usize,
    texts: &std::cell::RefCell<util::Texts>,
) -> (Vec<Finding>, Vec<Verdict>) {
    let mut out = Vec::new();
    let mut verdicts = Vec::with_capacity(sessions.len());
    for (i, session) in sessions.iter().enumerate() {
        let index = first + i;
        let ctx = Ctx {
            input,
            format,
            session,
            index,
            seen: util::Seen::of(input, session),
            texts,
        };
        let start = out.len();
        for rule in RULES {
            out.extend((rule.check)(&ctx));
        }
        // The verdict from this session's findings alone: linear, however
        // many sessions the paste holds.
        verdicts.push(verdict(out.get(start..).unwrap_or(&[]), index));
    }
    (out, verdicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_threads_give_what_one_gives() {
        let paste = crate::testutil::every_fixture().repeat(4);
        let parsed = crate::parse(&paste, &crate::Options::default());
        let events: usize = parsed.sessions.iter().map(|s| s.events.len()).sum();
        assert!(
            events > 20_000,
            "only {events} events: the split is not exercised"
        );
        let one = run_range(&paste, parsed.format, &parsed.sessions, 0);
        let two = run_sessions(&paste, parsed.format, &parsed.sessions);
        assert!(!one.0.is_empty());
        assert_eq!(one.1.len(), parsed.sessions.len());
        assert_eq!(one, two);
    }
}
