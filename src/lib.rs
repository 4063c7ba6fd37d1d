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
pub mod learn;
pub mod markdown;
pub mod parse;
pub mod report;
pub mod rules;
pub mod session;
pub mod share;
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
    let Parsed {
        format: det_format,
        lines,
        sessions,
        diagnostics: diags,
    } = parse(text, opts);
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
    let (findings, verdicts) = rules::run(text, det_format, &sessions);
    let sessions = sessions
        .into_iter()
        .zip(verdicts)
        .enumerate()
        .map(|(index, (session, verdict))| SessionReport {
            index,
            verdict,
            session,
        })
        .collect();
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
