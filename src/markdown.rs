//! The findings of a report as Markdown, for a ticket or a forum reply
//! (the page's "Copy as Markdown"), and links from a reference such as
//! "RFC 8314 §3" to the RFC's text on rfc-editor.org.
//!
//! Credentials stay masked: evidence lines are quoted with
//! [`crate::report::masked`], as on the page.

use std::fmt::Write as _;

use crate::report::masked;
use crate::rules::Severity;
use crate::session::{Outcome, TlsMode};
use crate::span::Span;
use crate::Report;

/// The rfc-editor.org address of a reference like "RFC 5321 §4.2.3",
/// "RFC 3463" or "RFC 5321 Appendix F"; a reference that is already an
/// `https://` address is returned as it is; `None` for anything else
/// (provider documentation named by title).
pub fn ref_url(reference: &str) -> Option<String> {
    let r = reference.trim();
    if r.starts_with("https://") {
        return Some(r.to_string());
    }
    let rest = r.strip_prefix("RFC ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let tail = rest.get(digits.len()..).unwrap_or("").trim();
    let base = format!("https://www.rfc-editor.org/rfc/rfc{digits}");
    if let Some(section) = tail.strip_prefix('§') {
        let section: String = section
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let section = section.trim_end_matches('.');
        if !section.is_empty() {
            return Some(format!("{base}#section-{section}"));
        }
    } else if let Some(appendix) = tail.strip_prefix("Appendix ") {
        let letter: String = appendix
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        if !letter.is_empty() {
            return Some(format!("{base}#appendix-{letter}"));
        }
    }
    Some(base)
}

/// The findings of `report` as Markdown: one session (`Some(i)`) or all.
/// `text` is the paste the report was made from (for the evidence lines,
/// credentials masked).
pub fn findings_markdown(text: &str, report: &Report, session: Option<usize>) -> String {
    findings_markdown_at(text, report, session, 0)
}

/// [`findings_markdown`] for a report made from a part of a paste that
/// starts after `line_offset` lines: evidence is numbered as in the paste.
pub fn findings_markdown_at(
    text: &str,
    report: &Report,
    session: Option<usize>,
    line_offset: u32,
) -> String {
    let mut out = String::new();
    let sessions: Vec<_> = report
        .sessions
        .iter()
        .filter(|s| session.is_none_or(|i| s.index == i))
        .collect();
    let _ = writeln!(out, "## SMTP Lens report");
    let _ = writeln!(out);
    let _ = writeln!(out, "Client output: {}", report.format_name);
    for s in &sessions {
        let v = &s.verdict;
        let _ = writeln!(out);
        if report.sessions.len() > 1 {
            let _ = writeln!(out, "### Session {}", s.index + 1);
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "**Grade {}**: {}", v.grade.as_str(), v.reason);
        let _ = writeln!(out);
        let ss = &s.session;
        let port = ss
            .port
            .map_or_else(|| "not shown".to_string(), |p| p.to_string());
        let tls = match ss.tls {
            TlsMode::None => "none".to_string(),
            TlsMode::Starttls | TlsMode::Implicit => {
                let mode = if ss.tls == TlsMode::Starttls {
                    "STARTTLS"
                } else {
                    "implicit TLS"
                };
                let state = if ss.tls_established {
                    "established"
                } else {
                    "not established"
                };
                match &ss.tls_version {
                    Some(v) => format!("{mode}, {v}, {state}"),
                    None => format!("{mode}, {state}"),
                }
            }
            TlsMode::Unknown => "not shown by this client".to_string(),
        };
        let _ = writeln!(out, "- Port: {port}");
        let _ = writeln!(out, "- TLS: {tls}");
        for a in &ss.auths {
            let user = a.user.as_deref().unwrap_or("user not shown");
            let outcome = match a.outcome {
                Outcome::Accepted => "accepted",
                Outcome::Rejected => "rejected",
                Outcome::Unknown => "outcome not shown",
            };
            let _ = writeln!(out, "- AUTH {} as {}: {outcome}", a.mechanism, inline(user),);
        }
        let _ = writeln!(out, "- Messages accepted: {}", ss.messages_accepted);
        let mut findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.session == s.index)
            .collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let _ = writeln!(out);
        if findings.is_empty() {
            let _ = writeln!(out, "No findings.");
            continue;
        }
        for f in findings {
            let _ = writeln!(
                out,
                "#### {} {} (`{}`)",
                severity_label(f.severity),
                f.title,
                f.id
            );
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", f.why);
            let _ = writeln!(out);
            let _ = writeln!(out, "**Fix:** {}", f.fix);
            if !f.refs.is_empty() {
                let refs: Vec<String> = f
                    .refs
                    .iter()
                    .map(|r| match ref_url(r) {
                        Some(url) => format!("[{r}]({url})"),
                        None => (*r).to_string(),
                    })
                    .collect();
                let _ = writeln!(out);
                let _ = writeln!(out, "References: {}", refs.join(", "));
            }
            let evidence = evidence_lines(text, &f.lines, &ss.secrets, line_offset);
            if !evidence.is_empty() {
                let fence = fence_for(&evidence);
                let _ = writeln!(out);
                let _ = writeln!(out, "Evidence:");
                let _ = writeln!(out);
                let _ = writeln!(out, "{fence}");
                let _ = writeln!(out, "{evidence}");
                let _ = writeln!(out, "{fence}");
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// "**CRITICAL**" and so on: the severity in words (not a colour).
fn severity_label(s: Severity) -> String {
    format!("[{}]", s.as_str().to_ascii_uppercase())
}

/// An inline code span that survives backticks in the value.
fn inline(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// A code fence longer than any run of backticks in `body`.
fn fence_for(body: &str) -> String {
    let mut longest = 0usize;
    let mut run = 0usize;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat(longest.max(2) + 1)
}

/// The evidence lines, numbered, credentials masked.
fn evidence_lines(text: &str, lines: &[u32], secrets: &[Span], line_offset: u32) -> String {
    let mut wanted: Vec<u32> = lines.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut want = wanted.iter().peekable();
    for (no, piece) in (1u32..).zip(text.split_inclusive('\n')) {
        let Some(&&next) = want.peek() else { break };
        let end = start + piece.len();
        if no == next {
            let body = piece.trim_end_matches(['\n', '\r']);
            let span = Span::new(start, start + body.len());
            let shown = no.saturating_add(line_offset);
            out.push(format!("{shown:>4} | {}", masked(text, span, secrets)));
            want.next();
        }
        start = end;
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    #[test]
    fn links_rfc_sections_and_appendices() {
        assert_eq!(
            ref_url("RFC 8314 §3").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc8314#section-3")
        );
        assert_eq!(
            ref_url("RFC 5321 §4.2.3").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3")
        );
        assert_eq!(
            ref_url("RFC 5321 Appendix F").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc5321#appendix-F")
        );
        assert_eq!(
            ref_url("RFC 3463").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc3463")
        );
        assert_eq!(ref_url("Postfix XFORWARD_README"), None);
        assert_eq!(ref_url("RFC"), None);
        assert_eq!(
            ref_url("https://aka.ms/smtp_auth_disabled").as_deref(),
            Some("https://aka.ms/smtp_auth_disabled")
        );
    }

    const CLEARTEXT: &str = "=== Trying 127.0.0.1:25...\n\
=== Connected to 127.0.0.1.\n\
<-  220 mail.example.test ESMTP Postfix\n \
-> EHLO vm\n\
<-  250-mail.example.test\n\
<-  250-STARTTLS\n\
<-  250 AUTH PLAIN LOGIN\n \
-> AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh\n\
<-  235 2.7.0 Authentication successful\n \
-> QUIT\n\
<-  221 2.0.0 Bye\n";

    #[test]
    fn cleartext_auth_markdown_names_the_finding_masks_the_secret() {
        let report = crate::analyze(CLEARTEXT, &Options::default());
        let md = findings_markdown(CLEARTEXT, &report, None);
        assert!(md.contains("`plaintext-auth`"), "{md}");
        assert!(md.contains("[CRITICAL]"), "{md}");
        assert!(md.contains("**Grade F**"), "{md}");
        assert!(md.contains("- Port: 25"), "{md}");
        assert!(md.contains("https://www.rfc-editor.org/rfc/rfc"), "{md}");
        // The evidence line is quoted with the credential masked.
        assert!(md.contains("   8 |  -> AUTH PLAIN ••••••"), "{md}");
        assert!(!md.contains("AGFsaWNl"), "{md}");
        // Worst first.
        let crit = md.find("[CRITICAL]").unwrap_or(usize::MAX);
        let high = md.find("[HIGH]").unwrap_or(0);
        assert!(crit < high, "{md}");
        assert!(
            md.contains("- AUTH PLAIN as `alice@example.test`: accepted"),
            "{md}"
        );
    }

    #[test]
    fn fences_outgrow_backticks_in_evidence() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
        assert_eq!(inline("a`b"), "`` a`b ``");
    }

    #[test]
    fn one_session_only_when_asked() {
        let two = format!("{CLEARTEXT}{CLEARTEXT}");
        let report = crate::analyze(&two, &Options::default());
        assert_eq!(report.sessions.len(), 2);
        let md = findings_markdown(&two, &report, Some(1));
        assert!(md.contains("### Session 2"), "{md}");
        assert!(!md.contains("### Session 1"), "{md}");
        // Evidence from the second session points at its own lines.
        assert!(md.contains("  19 |  -> AUTH PLAIN ••••••"), "{md}");
    }

    #[test]
    fn evidence_of_a_part_is_numbered_as_in_the_paste() {
        let report = crate::analyze(CLEARTEXT, &Options::default());
        let md = findings_markdown_at(CLEARTEXT, &report, None, 100);
        assert!(md.contains(" 108 |  -> AUTH PLAIN ••••••"), "{md}");
    }

    #[test]
    fn a_clean_session_says_so() {
        let text = "<-  220 mx ESMTP\n -> QUIT\n<-  221 Bye\n";
        let report = crate::analyze(text, &Options::default());
        let md = findings_markdown(text, &report, None);
        assert!(md.contains("**Grade A**"), "{md}");
    }
}
