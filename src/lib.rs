//! SMTP Lens: paste an SMTP session transcript, get the client format, the
//! typed session, the findings and a report.
//!
//! The engine is one pipeline, with no UI dependency:
//!
//! ```text
//! text --ingest--> tagged lines --parse + session--> Sessions --rules--> Findings --> Report
//! ```
//!
//! ```
//! let report = smtp_lens::analyze("<-  220 mx ESMTP\n -> QUIT\n<-  221 Bye\n", &smtp_lens::Options::default());
//! assert_eq!(report.format, "swaks");
//! assert_eq!(report.sessions.len(), 1);
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod diagram;
pub mod explain;
pub mod ingest;
pub mod json_pretty;
pub mod learn;
pub mod markdown;
pub mod parse;
pub mod report;
pub mod rules;
pub mod session;
pub mod share;
pub mod sort;
pub mod span;
pub mod split;
#[cfg(test)]
mod testutil;

pub use ingest::Format;
pub use report::{Diagnostic, Report, SessionReport};
pub use rules::{Finding, Severity};
pub use session::Session;

/// What the caller knows better than the transcript.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The port, when the transcript does not show it (or shows it wrong).
    pub port: Option<u16>,
    /// The format, overriding detection.
    pub format: Option<Format>,
}

/// Analyses a paste. Never fails, never panics: whatever the input, a report.
pub fn analyze(text: &str, opts: &Options) -> Report {
    // Natively, a big paste's two halves are analysed at once on two
    // threads (`split`): the same report.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(report) = split::analyze_threaded(text, opts) {
        return report;
    }
    analyze_in_one_piece(text, opts)
}

/// [`analyze`] without splitting the paste in halves (what the split
/// halves are checked against).
#[doc(hidden)]
pub fn analyze_in_one_piece(text: &str, opts: &Options) -> Report {
    let (
        Parsed {
            format: det_format,
            lines,
            sessions,
            diagnostics: diags,
        },
        (findings, verdicts),
    ) = parse_and_check(text, opts);
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic {
            line: 0,
            message: "The paste is empty.".into(),
        });
    } else if sessions.is_empty() {
        let binary = looks_binary(text);
        let message = if binary {
            "This does not look like text: it holds control characters or invalid UTF-8. Paste the client's debug output as text."
        } else {
            "No SMTP commands or replies were found. Paste the client's debug output (e.g. swaks, curl -v, PHPMailer SMTPDebug = 2)."
        };
        diagnostics.push(Diagnostic {
            line: 0,
            message: message.into(),
        });
    }
    diagnostics.extend(
        diags
            .into_iter()
            .map(|(line, message)| Diagnostic { line, message }),
    );
    let sessions = SessionReport::numbered(sessions, verdicts);
    Report {
        schema: report::SCHEMA,
        format: det_format.id(),
        format_name: det_format.name(),
        format_forced: opts.format.is_some(),
        bytes: text.len(),
        lines,
        diagnostics,
        sessions,
        findings,
    }
}

/// The first three stages (ingest, parse, session), without the rules
/// and the report: what the throughput benchmark measures.
pub struct Parsed {
    pub format: Format,
    /// Lines in the paste.
    pub lines: u32,
    pub sessions: Vec<Session>,
    /// `(line, message)` for lines that look like SMTP but could not be placed.
    pub diagnostics: Vec<(u32, String)>,
}

/// Ingests and parses a paste into sessions.
pub fn parse(text: &str, opts: &Options) -> Parsed {
    // Natively, a big paste's two halves at once on two threads (`split`).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(parsed) = split::parse_threaded(text, opts) {
        return parsed;
    }
    parse_in_one_piece(text, opts)
}

/// [`parse`] without splitting the paste in halves.
#[doc(hidden)]
pub fn parse_in_one_piece(text: &str, opts: &Options) -> Parsed {
    let det = ingest::detect(text, opts.format);
    let mut builder = session::builder::Builder::new(text, opts.port);
    let mut lines = 0u32;
    // Natively, a big paste is ingested on a second thread while the
    // sessions are built on this one.
    #[cfg(not(target_arch = "wasm32"))]
    let done = text.len() >= PIPELINE_FROM_BYTES
        && ingest::pipeline::for_each(text, &det, |line| {
            lines = line.no;
            builder.push(line);
        });
    #[cfg(target_arch = "wasm32")]
    let done = false;
    if !done {
        builder = session::builder::Builder::new(text, opts.port);
        ingest::for_each(text, &det, |line| {
            lines = line.no;
            builder.push(line);
        });
    }
    let (sessions, diagnostics) = builder.finish();
    Parsed {
        format: det.format,
        lines,
        sessions,
        diagnostics,
    }
}

/// Every session's findings (worst first) and verdicts.
type Checked = (Vec<Finding>, Vec<rules::Verdict>);

/// The sessions with their findings and verdicts.
fn parse_and_check(text: &str, opts: &Options) -> (Parsed, Checked) {
    #[cfg(not(target_arch = "wasm32"))]
    if text.len() >= PIPELINE_FROM_BYTES {
        if let Some(done) = parse_and_check_streamed(text, opts) {
            return done;
        }
    }
    let parsed = parse_in_one_piece(text, opts);
    let checked = rules::run(text, parsed.format, &parsed.sessions);
    (parsed, checked)
}

/// Natively, a big paste is ingested on a second thread while this one
/// builds the sessions and checks each as soon as nothing later can change
/// it: the two threads then share the work about evenly. The result is
/// what [`parse`] then [`rules::run`] give. `None` when no thread could be
/// started.
#[cfg(not(target_arch = "wasm32"))]
fn parse_and_check_streamed(text: &str, opts: &Options) -> Option<(Parsed, Checked)> {
    let det = ingest::detect(text, opts.format);
    let mut builder = session::builder::Builder::new(text, opts.port);
    let mut lines = 0u32;
    let mut sessions: Vec<Session> = Vec::new();
    let mut findings = Vec::new();
    let mut verdicts = Vec::new();
    let texts = Default::default();
    let mut check = |s: Session, sessions: &mut Vec<Session>| {
        let (f, v) = rules::run_range_sharing(
            text,
            det.format,
            std::slice::from_ref(&s),
            sessions.len(),
            &texts,
        );
        findings.extend(f);
        verdicts.extend(v);
        sessions.push(s);
    };
    let done = ingest::pipeline::for_each(text, &det, |line| {
        lines = line.no;
        builder.push(line);
        for s in builder.drain_settled() {
            check(s, &mut sessions);
        }
    });
    if !done {
        return None;
    }
    let (rest, diagnostics) = builder.finish();
    for s in rest {
        check(s, &mut sessions);
    }
    let parsed = Parsed {
        format: det.format,
        lines,
        sessions,
        diagnostics,
    };
    Some((parsed, (rules::in_order(findings), verdicts)))
}

/// From this size on a paste is ingested and parsed on two threads
/// (natively); below it a thread costs more than it saves.
#[cfg(not(target_arch = "wasm32"))]
const PIPELINE_FROM_BYTES: usize = 1 << 20;

/// Analyses raw bytes: invalid UTF-8 is replaced, never rejected.
pub fn analyze_bytes(bytes: &[u8], opts: &Options) -> Report {
    analyze(&text_of(bytes), opts)
}

/// The paste as text: borrowed when valid UTF-8 (the fast, common case),
/// else with invalid bytes replaced.
pub fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let bad = sample
        .iter()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}')) || **c == '\u{fffd}'
        })
        .count();
    bad * 20 > sample.len().max(1)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Sessions checked while the paste is still being read give what
    /// reading it all, then checking, gives.
    #[test]
    fn streamed_checks_give_what_one_pass_gives() {
        let fixtures = testutil::every_fixture();
        // A failed run between sessions and at the end.
        let failed = "$ swaks --to bob@example.test --server mx.example.test\nbash: swaks: command not found\n";
        let paste = [&fixtures, failed, &fixtures, &fixtures, failed].concat();
        assert!(
            paste.len() >= PIPELINE_FROM_BYTES,
            "{} bytes: not streamed",
            paste.len()
        );
        for opts in [
            Options::default(),
            Options {
                port: Some(587),
                format: None,
            },
        ] {
            let (p, (findings, verdicts)) =
                parse_and_check_streamed(&paste, &opts).expect("a thread");
            let one = parse_in_one_piece(&paste, &opts);
            let (f1, v1) = rules::run(&paste, one.format, &one.sessions);
            assert!(one.sessions.len() > 100 && !f1.is_empty());
            assert_eq!(p.format, one.format);
            assert_eq!(p.lines, one.lines);
            assert_eq!(p.diagnostics, one.diagnostics);
            assert_eq!(p.sessions, one.sessions);
            assert_eq!(findings, f1);
            assert_eq!(verdicts, v1);
        }
    }

    /// A big paste's two halves on two threads give what one piece gives,
    /// for `parse` and `analyze`; and the halves do meet (else the
    /// comparison would be of one piece with itself).
    #[test]
    fn threaded_halves_give_what_one_piece_gives() {
        let fixtures = testutil::every_fixture();
        let failed = "$ swaks --to bob@example.test --server mx.example.test\nbash: swaks: command not found\n";
        let paste = [&fixtures, failed, &fixtures, &fixtures, failed].concat();
        for opts in [
            Options::default(),
            Options {
                port: Some(587),
                format: None,
            },
        ] {
            let two = split::parse_threaded(&paste, &opts).expect("the halves meet");
            let one = parse_in_one_piece(&paste, &opts);
            assert!(one.sessions.len() > 100);
            assert_eq!(two.format, one.format);
            assert_eq!(two.lines, one.lines);
            assert_eq!(two.diagnostics, one.diagnostics);
            assert_eq!(two.sessions, one.sessions);
            let two = split::analyze_threaded(&paste, &opts).expect("the halves meet");
            assert_eq!(two, analyze_in_one_piece(&paste, &opts));
        }
    }
}
