//! The report: the one thing every surface renders (serde, schema 1).

use serde::Serialize;

use crate::parse::Capability;
use crate::rules::{Finding, Verdict};
use crate::session::Session;
use crate::span::Span;

/// The current JSON schema version.
pub const SCHEMA: u32 = 1;

/// A line the engine could not place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// 1-based line; 0 for the paste as a whole.
    pub line: u32,
    pub message: String,
}

/// One session as reported: the session, with its index and the
/// capabilities before and after TLS (computed when serialised, not copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionReport {
    pub index: usize,
    /// The grade (A–F) and the one-line reason, worst finding first.
    pub verdict: Verdict,
    pub session: Session,
}

impl SessionReport {
    /// A paste's sessions with their verdicts, numbered in order.
    pub fn numbered(sessions: Vec<Session>, verdicts: Vec<Verdict>) -> Vec<SessionReport> {
        sessions
            .into_iter()
            .zip(verdicts)
            .enumerate()
            .map(|(index, (session, verdict))| SessionReport {
                index,
                verdict,
                session,
            })
            .collect()
    }
}

impl Serialize for SessionReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            index: usize,
            verdict: &'a Verdict,
            #[serde(flatten)]
            session: &'a Session,
            capabilities_before_tls: Option<&'a [Capability]>,
            capabilities_after_tls: Option<&'a [Capability]>,
        }
        View {
            index: self.index,
            verdict: &self.verdict,
            session: &self.session,
            capabilities_before_tls: self.session.capabilities_before_tls(),
            capabilities_after_tls: self.session.capabilities_after_tls(),
        }
        .serialize(s)
    }
}

/// The analysis of one paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: u32,
    /// The detected (or forced) format id.
    pub format: &'static str,
    pub format_name: &'static str,
    /// The format was forced by the caller.
    pub format_forced: bool,
    pub bytes: usize,
    pub lines: u32,
    pub diagnostics: Vec<Diagnostic>,
    pub sessions: Vec<SessionReport>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// The JSON text (pretty-printed as serde_json does).
    pub fn to_json(&self) -> String {
        crate::json_pretty::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// The mask every surface shows instead of a credential.
pub const MASK: &str = "••••••";

/// The text of `span` with every secret inside it replaced by [`MASK`].
pub fn masked(input: &str, span: Span, secrets: &[Span]) -> String {
    let mut out = String::new();
    let mut pos = span.start();
    for s in secrets {
        if s.start() >= pos
            && s.start() >= span.start()
            && s.end() <= span.end()
            && s.end() > s.start()
        {
            out.push_str(input.get(pos..s.start()).unwrap_or(""));
            out.push_str(MASK);
            pos = s.end();
        }
    }
    out.push_str(input.get(pos..span.end()).unwrap_or(""));
    out
}
