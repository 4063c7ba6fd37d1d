//! The annotated transcript of the compact views (the `?embed` page and
//! the documentation-site script): every line of the paste with who sent
//! it, the channel, what it means (from the explanation catalog) and the
//! findings it is evidence for. Credentials are masked, colour codes
//! dropped. Pure data; the renderers only lay it out.

use crate::parse::Verb;
use crate::report::{masked, Report};
use crate::rules::Severity;
use crate::session::{Channel, Dir, Event, Kind};
use crate::span::Span;

/// One line of the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based, as in the report's evidence.
    pub no: u32,
    /// The text as shown: credentials masked, ANSI colour codes removed.
    pub text: String,
    /// Who sent it (`None` outside any session).
    pub dir: Option<Dir>,
    pub kind: Option<Kind>,
    pub channel: Option<Channel>,
    /// What the line means, for its first line of an event.
    pub note: Option<Note>,
    /// The worst finding this line is evidence for.
    pub severity: Option<Severity>,
    /// Ids of the findings this line is evidence for.
    pub findings: Vec<&'static str>,
}

/// A short explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub text: String,
}

fn note(title: &str, text: &str) -> Note {
    Note {
        title: title.to_string(),
        text: text.to_string(),
    }
}

/// What an event means.
fn explain(e: &Event) -> Option<Note> {
    use crate::explain;
    match e.kind {
        Kind::Command => {
            let key = match e.verb? {
                Verb::DataEnd => ".",
                Verb::AuthResponse => {
                    return Some(note(
                        "Credential",
                        "The client's answer to the server's 334 challenge: a user name, a password or a token, masked here.",
                    ))
                }
                Verb::Unknown => {
                    return Some(note(
                        "Unknown command",
                        "A command this server may not know.",
                    ))
                }
                v => v.as_str(),
            };
            explain::command(key).map(|x| note(x.title, x.text))
        }
        Kind::Reply => {
            let code = e.code?;
            let mut n = explain::reply(code).map(|x| note(&format!("{code} {}", x.title), x.text))?;
            if let Some(en) = e.enhanced {
                let en = en.to_string();
                if let Some(x) = explain::enhanced(&en) {
                    n.text.push_str(&format!(" {en}: {}.", x.title));
                }
            }
            Some(n)
        }
        Kind::Data => Some(note(
            "Message content",
            "A line of the message itself (headers, then body), sent after the server's 354.",
        )),
        Kind::Tls => Some(note(
            "TLS",
            "What the client tool printed about the TLS channel: handshake, version, cipher or certificate check.",
        )),
        Kind::Info => Some(note(
            "The client tool's remark",
            "Printed by the client program about what it is doing; not sent to the server.",
        )),
        Kind::Noise => None,
    }
}

/// Removes ANSI escape sequences (`ESC [ ... letter`, `ESC ] ... BEL`).
/// The ingest stage's own reader of them, owned.
pub fn strip_ansi(s: &str) -> String {
    crate::ingest::clean::strip_ansi(s).into_owned()
}

/// The lines of `text` (as analysed into `report`), at most `limit` of
/// them, annotated.
pub fn annotate(text: &str, report: &Report, limit: usize) -> Vec<Line> {
    let mut secrets: Vec<Span> = report
        .sessions
        .iter()
        .flat_map(|s| s.session.secrets.iter().copied())
        .collect();
    secrets.sort();
    let mut out: Vec<Line> = Vec::new();
    crate::ingest::lines::for_each_line(text, |l| {
        if out.len() >= limit && out.last().is_some_and(|last| last.no != l.no) {
            return;
        }
        // Segments of one line (a redrawn progress meter) join again.
        let shown = strip_ansi(&masked(text, l.span, &secrets));
        match out.last_mut() {
            Some(last) if last.no == l.no => {
                last.text.push(' ');
                last.text.push_str(&shown);
            }
            _ => out.push(Line {
                no: l.no,
                text: shown,
                dir: None,
                kind: None,
                channel: None,
                note: None,
                severity: None,
                findings: Vec::new(),
            }),
        }
    });
    let first = out.first().map_or(1, |l| l.no);
    let slot = |no: u32| no.checked_sub(first).map(|i| i as usize);
    for s in &report.sessions {
        for e in &s.session.events {
            for no in e.line..=e.end_line.max(e.line) {
                let Some(line) = slot(no).and_then(|i| out.get_mut(i)) else {
                    continue;
                };
                if line.dir.is_some() {
                    continue;
                }
                line.dir = Some(e.dir);
                line.kind = Some(e.kind);
                line.channel = Some(e.channel);
                if no == e.line {
                    line.note = explain(e);
                }
            }
        }
    }
    for f in &report.findings {
        for no in &f.lines {
            if let Some(line) = slot(*no).and_then(|i| out.get_mut(i)) {
                if !line.findings.contains(&f.id) {
                    line.findings.push(f.id);
                }
                line.severity = line.severity.max(Some(f.severity));
            }
        }
    }
    out
}
