//! The verdict: one grade per session, A to F, with a one-line reason that
//! names the worst finding first, so a user sees at a glance whether the
//! session was safe and whether it worked.
//!
//! The grade is the worst severity among the session's findings:
//!
//! | grade | worst finding | meaning |
//! |---|---|---|
//! | A | none, or info only | nothing to fix (facts such as "implicit TLS" are info) |
//! | B | low | works; hygiene to improve (VRFY open, HELO, a rejected recipient) |
//! | C | medium | something failed or is weak: the mail did not go, or a misconfiguration with limited exposure |
//! | D | high | a real security weakness: no TLS on submission, an unverified certificate carrying credentials, TLS 1.0 |
//! | F | critical | credentials crossed the wire in cleartext, or an open relay |
//!
//! Severities are context-aware in the rules themselves (port 25 relay vs
//! 587/465 submission, the TLS mode), so the grade needs no second guess.

use serde::Serialize;

use super::{Finding, Severity};

/// A grade, A (best) to F (worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    F,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::F => "F",
        }
    }

    /// The grade for a worst severity (`None`: no finding at all).
    pub fn of(worst: Option<Severity>) -> Grade {
        match worst {
            None | Some(Severity::Info) => Grade::A,
            Some(Severity::Low) => Grade::B,
            Some(Severity::Medium) => Grade::C,
            Some(Severity::High) => Grade::D,
            Some(Severity::Critical) => Grade::F,
        }
    }
}

/// The verdict on one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub session: usize,
    pub grade: Grade,
    /// One line, worst finding first.
    pub reason: String,
    /// The id of the worst finding, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst: Option<&'static str>,
}

/// The verdict on session `session`, from the findings of the whole report
/// (the others are ignored).
pub fn verdict(findings: &[Finding], session: usize) -> Verdict {
    let mut mine: Vec<&Finding> = findings.iter().filter(|f| f.session == session).collect();
    crate::sort::sort_by(&mut mine, |a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.lines.first().cmp(&b.lines.first()))
    });
    let worst = mine.first().copied();
    let grade = Grade::of(worst.map(|f| f.severity));
    let reason = match worst {
        None => "No problems found in this session.".to_string(),
        Some(w) if w.severity == Severity::Info => {
            format!("Nothing to fix. Note: {}.", trim_dot(&w.title))
        }
        Some(w) => {
            let serious: Vec<&&Finding> = mine
                .iter()
                .filter(|f| f.severity > Severity::Info)
                .collect();
            let mut r = trim_dot(&w.title).to_string();
            if let Some(next) = serious.get(1) {
                r.push_str("; also ");
                r.push_str(&lower_first(trim_dot(&next.title)));
            }
            if serious.len() > 2 {
                r.push_str(&format!(" (+{} more)", serious.len() - 2));
            }
            r.push('.');
            r
        }
    };
    Verdict {
        session,
        grade,
        reason,
        worst: worst.map(|f| f.id),
    }
}

fn trim_dot(s: &str) -> &str {
    s.trim().trim_end_matches('.')
}

/// The titles are ASCII: ASCII case only keeps Unicode's case tables out of
/// the page's wasm.
fn lower_first(s: &str) -> String {
    let b = s.as_bytes();
    // Keep acronyms and names (TLS, STARTTLS, VRFY, Postfix) as written.
    let acronym = b.get(1).is_some_and(u8::is_ascii_uppercase);
    let mut out = s.to_string();
    if !acronym {
        if let Some(f) = out.get_mut(..1) {
            f.make_ascii_lowercase();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(id: &'static str, severity: Severity, session: usize, title: &str) -> Finding {
        Finding {
            id,
            severity,
            session,
            lines: vec![1],
            title: title.into(),
            why: "".into(),
            fix: "".into(),
            refs: &[],
        }
    }

    #[test]
    fn grades_follow_the_worst_finding() {
        assert_eq!(verdict(&[], 0).grade, Grade::A);
        let all = [
            f("implicit-tls", Severity::Info, 0, "Implicit TLS"),
            f("vrfy-enabled", Severity::Low, 0, "VRFY reveals mailboxes"),
            f(
                "plaintext-auth",
                Severity::Critical,
                0,
                "Password sent in cleartext",
            ),
            f("auth-failed", Severity::Medium, 1, "Authentication failed"),
        ];
        let v = verdict(&all, 0);
        assert_eq!(v.grade, Grade::F);
        assert_eq!(v.worst, Some("plaintext-auth"));
        assert_eq!(
            v.reason,
            "Password sent in cleartext; also VRFY reveals mailboxes."
        );
        let v = verdict(&all, 1);
        assert_eq!((v.grade, v.worst), (Grade::C, Some("auth-failed")));
        let v = verdict(&all[..1], 0);
        assert_eq!(v.grade, Grade::A);
        assert!(v.reason.contains("Implicit TLS"));
    }
}
