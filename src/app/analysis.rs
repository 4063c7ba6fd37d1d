//! One analysed paste as the page holds it: the text, where each line
//! starts, and the engine's report; plus the look-ups the transcript needs
//! for one line (which event it belongs to, its text with credentials
//! masked). Look-ups are binary searches, so a transcript of a million
//! lines costs only what is on screen.

use std::rc::Rc;

use smtp_lens::report::masked;
use smtp_lens::session::{Event, Session};
use smtp_lens::span::Span;
use smtp_lens::{Options, Report};

/// Byte offsets where each line of a text starts, numbered as the engine
/// numbers them: LF ends a line, or CR in a text without any LF (a large
/// paste reaches the engine as it came, not normalised).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    sep: u8,
}

impl LineIndex {
    pub fn of(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let sep = if !bytes.contains(&b'\n') && bytes.contains(&b'\r') {
            b'\r'
        } else {
            b'\n'
        };
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        if !text.is_empty() {
            starts.push(0);
        }
        for (i, b) in bytes.iter().enumerate() {
            if *b == sep && i + 1 < text.len() {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            sep,
        }
    }

    /// Number of lines.
    pub fn count(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// The bytes of 1-based line `no`, without its line end.
    pub fn span(&self, text: &str, no: u32) -> Option<Span> {
        let i = usize::try_from(no.checked_sub(1)?).ok()?;
        let start = *self.starts.get(i)?;
        let mut end = self.starts.get(i + 1).copied().unwrap_or(self.len);
        if text.as_bytes().get(end.wrapping_sub(1)) == Some(&self.sep) && end > start {
            end -= 1;
        }
        Some(Span::new(start, end))
    }
}

/// A paste and its report.
#[derive(Debug)]
pub struct Analysis {
    pub text: Rc<str>,
    pub index: LineIndex,
    pub report: Rc<Report>,
    /// Every credential of every session, by start: masked wherever it
    /// shows, inside a session or not (a password on a command line).
    pub secrets: Vec<Span>,
    /// How long `analyze` took, in milliseconds (shown in the footer).
    pub millis: f64,
    /// Lines of the paste before `text` (one session of a large paste is
    /// analysed alone): the report's line `n` is the paste's `n + line_offset`.
    pub line_offset: u32,
}

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report)
    }
}

/// Normalises line ends to LF, as a text box does (a file read from disk may
/// have CRLF or CR).
pub fn normalise(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Runs the engine on the main thread.
pub fn analyse(text: Rc<str>, opts: &Options) -> Analysis {
    let t0 = now();
    let report = smtp_lens::analyze(&text, opts);
    let millis = now() - t0;
    Analysis::new(text, report, millis)
}

impl Analysis {
    pub fn new(text: Rc<str>, report: Report, millis: f64) -> Analysis {
        let mut secrets: Vec<Span> = report
            .sessions
            .iter()
            .flat_map(|s| s.session.secrets.iter().copied())
            .collect();
        secrets.sort_unstable();
        secrets.dedup();
        Analysis {
            index: LineIndex::of(&text),
            text,
            report: Rc::new(report),
            secrets,
            millis,
            line_offset: 0,
        }
    }

    /// The paste's line number of the report's line `n`.
    pub fn paste_line(&self, n: u32) -> u32 {
        n.saturating_add(self.line_offset)
    }

    /// The credentials that overlap `span`.
    fn secrets_in(&self, span: Span) -> &[Span] {
        let from = self.secrets.partition_point(|s| s.end() <= span.start());
        let to = self.secrets.partition_point(|s| s.start() < span.end());
        self.secrets.get(from..to.max(from)).unwrap_or(&[])
    }
}

/// Milliseconds from the page's time origin; in the worker (no window),
/// wall-clock milliseconds.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The event a line belongs to: the session index and the event.
pub fn event_at(report: &Report, line: u32) -> Option<(usize, &Event)> {
    // Sessions are in paste order; find the last one starting at or before
    // the line, then the event covering it.
    let sessions = &report.sessions;
    let after = sessions.partition_point(|s| first_line(&s.session).is_some_and(|l| l <= line));
    let si = after.checked_sub(1)?;
    let session = &sessions.get(si)?.session;
    let events = &session.events;
    let after = events.partition_point(|e| e.line <= line);
    let event = events.get(after.checked_sub(1)?)?;
    (line <= event.end_line).then_some((si, event))
}

fn first_line(session: &Session) -> Option<u32> {
    session.events.first().map(|e| e.line)
}

/// The line's text with every credential on it masked (unless revealed).
pub fn line_text(a: &Analysis, line: u32, reveal: bool) -> String {
    let Some(span) = a.index.span(&a.text, line) else {
        return String::new();
    };
    let secrets = a.secrets_in(span);
    let text = if reveal || secrets.is_empty() {
        a.text.get(span.range()).unwrap_or("").to_string()
    } else {
        masked(&a.text, span, secrets)
    };
    // Keep tabs from breaking the row's width.
    text.replace('\t', "    ")
}

/// The line holds a credential.
pub fn line_has_secret(a: &Analysis, line: u32) -> bool {
    a.index
        .span(&a.text, line)
        .is_some_and(|span| !a.secrets_in(span).is_empty())
}

/// The 1-based lines a session covers, first and last.
pub fn session_lines(session: &Session) -> Option<(u32, u32)> {
    let first = session.events.first()?.line;
    let last = session.events.iter().map(|e| e.end_line).max()?;
    Some((first, last))
}
