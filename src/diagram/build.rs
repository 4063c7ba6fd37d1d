//! Events → logical rows (before geometry): one arrow per command and
//! reply, message data collapsed, consecutive tool remarks grouped into one
//! note, each row given its phase.

use super::label::{self, Label, Source};
use super::model::{Phase, RowKind, Tone};
use crate::parse::Verb;
use crate::session::{Channel, Dir, Event, Kind, Session};

/// A row before it is placed.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: RowKind,
    pub event: u32,
    pub last_event: u32,
    pub events: u32,
    pub line: u32,
    pub end_line: u32,
    pub phase: Phase,
    /// The phase's label ("EHLO" or "HELO", "STARTTLS + handshake" ...).
    pub phase_label: String,
    pub channel: Channel,
    pub tone: Tone,
    pub inferred: bool,
    pub label: Label,
    pub note_lines: Vec<String>,
    pub describe: String,
}

/// Most note lines shown in one note; the rest are counted.
const NOTE_LINES: usize = 3;

/// Consecutive events of one kind being collected (data lines, remarks).
struct Group {
    kind: Kind,
    first: u32,
    last: u32,
    count: u32,
    line: u32,
    end_line: u32,
    channel: Channel,
    lines: Vec<String>,
}

struct Builder<'s, 'a> {
    session: &'s Session,
    src: &'s Source<'a>,
    /// The session is on implicit TLS, or STARTTLS was sent (names the TLS phase).
    starttls: bool,
    items: Vec<Item>,
    group: Option<Group>,
    /// The phase of each command, by event index (replies take their command's).
    phase_of: Vec<Option<(Phase, String)>>,
    current: (Phase, String),
    seen_smtp: bool,
    quit_sent: bool,
    tls_facts_shown: bool,
    handshake_seen: bool,
}

/// Builds the rows of `session`, showing events up to line `upto`.
pub fn items(session: &Session, src: &Source<'_>, upto: Option<u32>) -> Vec<Item> {
    let starttls = session.starttls_hidden
        || session
            .events
            .iter()
            .any(|e| e.verb == Some(Verb::Starttls));
    let mut b = Builder {
        session,
        src,
        starttls,
        items: Vec::new(),
        group: None,
        phase_of: vec![None; session.events.len()],
        current: (Phase::Connect, "connect".into()),
        seen_smtp: false,
        quit_sent: false,
        tls_facts_shown: false,
        handshake_seen: false,
    };
    for (i, e) in session.events.iter().enumerate() {
        if upto.is_some_and(|u| e.line > u) {
            break;
        }
        let Ok(i) = u32::try_from(i) else { break };
        b.push(i, e);
    }
    b.flush();
    b.items
}

impl Builder<'_, '_> {
    fn push(&mut self, i: u32, e: &Event) {
        match e.kind {
            Kind::Noise => {}
            Kind::Data => self.collect(i, e, None),
            Kind::Tls | Kind::Info => {
                let text = label::note(self.src, e);
                self.collect(i, e, text);
            }
            Kind::Command if e.dir != Dir::Server => {
                self.flush();
                self.command(i, e);
            }
            Kind::Command | Kind::Reply => {
                self.flush();
                self.reply(i, e);
            }
        }
    }

    /// Adds an event to the open group, or opens one.
    fn collect(&mut self, i: u32, e: &Event, text: Option<String>) {
        let same = self.group.as_ref().is_some_and(|g| g.kind == e.kind);
        if !same {
            self.flush();
            self.group = Some(Group {
                kind: e.kind,
                first: i,
                last: i,
                count: 0,
                line: e.line,
                end_line: e.end_line,
                channel: e.channel,
                lines: Vec::new(),
            });
        }
        if let Some(g) = self.group.as_mut() {
            g.last = i;
            g.count += 1;
            g.end_line = g.end_line.max(e.end_line);
            g.channel = e.channel;
            if let Some(t) = text {
                // Keep one more than shown, to know whether to count the rest.
                if g.lines.len() <= NOTE_LINES {
                    g.lines.push(t);
                }
            }
        }
    }

    fn flush(&mut self) {
        let Some(g) = self.group.take() else { return };
        if g.kind == Kind::Data {
            self.data(g);
        } else {
            self.note(g);
        }
    }

    fn data(&mut self, g: Group) {
        let n = g.count;
        let (lead, text) = (
            format!("{n} {}", label::plural(n, "line")),
            "of message data".to_string(),
        );
        let describe = format!(
            "{}: client to server: {lead} {text}",
            lines_words(g.line, g.end_line)
        );
        self.items.push(Item {
            kind: RowKind::Data,
            event: g.first,
            last_event: g.last,
            events: n,
            line: g.line,
            end_line: g.end_line,
            phase: Phase::Data,
            phase_label: "data".into(),
            channel: g.channel,
            tone: Tone::Neutral,
            inferred: false,
            label: Label {
                lead,
                text,
                sub: None,
            },
            note_lines: Vec::new(),
            describe,
        });
        self.current = (Phase::Data, "data".into());
    }

    fn note(&mut self, g: Group) {
        let tls = g.kind == Kind::Tls;
        let (phase, phase_label) = if tls && self.handshake_seen {
            // Later TLS remarks (session tickets, renegotiation).
            (Phase::Tls, "TLS".to_string())
        } else if tls {
            self.handshake_seen = g.channel != Channel::Cleartext;
            (Phase::Tls, self.tls_label())
        } else if self.current.0 == Phase::Connect {
            (Phase::Connect, "connect".to_string())
        } else if self.quit_sent {
            (Phase::Quit, "quit".to_string())
        } else {
            self.current.clone()
        };
        let count = g.count as usize;
        let mut lines = g.lines;
        let facts = if tls && count > NOTE_LINES && !self.tls_facts_shown {
            self.tls_facts(g.line, g.end_line)
        } else {
            Vec::new()
        };
        if !facts.is_empty() {
            // A long handshake dump (openssl): the facts that matter, then a count.
            self.tls_facts_shown = true;
            lines = facts;
            lines.push(format!("… {count} lines from the tool"));
        } else if lines.is_empty() {
            lines.push(format!(
                "{count} {} from the tool",
                label::plural(g.count, "line")
            ));
        } else if count > NOTE_LINES {
            lines.truncate(NOTE_LINES - 1);
            let rest = count - lines.len();
            lines.push(format!("… {rest} more lines"));
        }
        let lines: Vec<String> = lines.iter().map(|l| label::shorten(l, 66)).collect();
        let who = if tls { "TLS" } else { "tool" };
        let describe = format!(
            "{}: {who} note: {}",
            lines_words(g.line, g.end_line),
            lines.join("; ")
        );
        self.items.push(Item {
            kind: RowKind::Note,
            event: g.first,
            last_event: g.last,
            events: g.count,
            line: g.line,
            end_line: g.end_line,
            phase,
            phase_label: phase_label.clone(),
            channel: g.channel,
            tone: if tls { Tone::Tls } else { Tone::Info },
            inferred: false,
            label: Label {
                lead: who.into(),
                text: String::new(),
                sub: None,
            },
            note_lines: lines,
            describe,
        });
        self.current = (phase, phase_label);
    }

    /// The negotiated version and cipher, and the certificate check when
    /// the tool printed it within lines `line..=end`.
    fn tls_facts(&self, line: u32, end: u32) -> Vec<String> {
        let s = self.session;
        let mut out = Vec::new();
        let proto: Vec<&str> = [s.tls_version.as_deref(), s.tls_cipher.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !proto.is_empty() {
            out.push(label::clean(&proto.join(" · ")));
        }
        if let Some(v) = s
            .tls_verify
            .as_ref()
            .filter(|v| (line..=end).contains(&v.line))
        {
            let detail = label::clean(&v.detail);
            out.push(if v.ok {
                "certificate verified".to_string()
            } else if detail.is_empty() {
                "certificate NOT verified".to_string()
            } else {
                format!("certificate NOT verified: {detail}")
            });
        }
        out
    }

    fn tls_label(&self) -> String {
        if self.starttls {
            "STARTTLS + handshake".into()
        } else {
            "TLS handshake".into()
        }
    }

    fn command(&mut self, i: u32, e: &Event) {
        self.seen_smtp = true;
        let verb = e.verb.unwrap_or(Verb::Unknown);
        let phase = match verb {
            Verb::Ehlo | Verb::Helo | Verb::Lhlo => (Phase::Ehlo, verb.as_str().to_string()),
            Verb::Starttls => (Phase::Tls, self.tls_label()),
            Verb::Auth | Verb::AuthResponse => (Phase::Auth, "AUTH".into()),
            Verb::Mail | Verb::Rcpt => (Phase::Envelope, "envelope".into()),
            Verb::Data | Verb::Bdat | Verb::DataLine | Verb::DataEnd => {
                (Phase::Data, "data".into())
            }
            Verb::Quit => (Phase::Quit, "quit".into()),
            Verb::Rset | Verb::Noop
                if !matches!(self.current.0, Phase::Connect | Phase::Greeting) =>
            {
                self.current.clone()
            }
            _ => (Phase::Other, "other commands".into()),
        };
        if verb == Verb::Quit {
            self.quit_sent = true;
        }
        if let Some(slot) = self.phase_of.get_mut(i as usize) {
            *slot = Some(phase.clone());
        }
        let lab = label::command(self.src, self.session, i, e);
        let describe = format!(
            "{}: client to server: {}{}",
            lines_words(e.line, e.end_line),
            joined(&lab),
            if e.inferred { " (inferred)" } else { "" }
        );
        self.items.push(Item {
            kind: RowKind::Command,
            event: i,
            last_event: i,
            events: 1,
            line: e.line,
            end_line: e.end_line,
            phase: phase.0,
            phase_label: phase.1.clone(),
            channel: e.channel,
            tone: Tone::Neutral,
            inferred: e.inferred,
            label: lab,
            note_lines: Vec::new(),
            describe,
        });
        self.current = phase;
    }

    fn reply(&mut self, i: u32, e: &Event) {
        let answered = e
            .answers
            .and_then(|a| self.phase_of.get(a as usize).cloned().flatten());
        let phase = match answered {
            Some(p) => p,
            None if self.session.greeting == Some(i) || !self.seen_smtp => {
                (Phase::Greeting, "greeting".into())
            }
            None => self.current.clone(),
        };
        self.seen_smtp = true;
        let tone = match e.code.map(|c| c / 100) {
            Some(2) => Tone::Success,
            Some(3) => Tone::Intermediate,
            Some(4) => Tone::Transient,
            Some(5) => Tone::Permanent,
            _ => Tone::Neutral,
        };
        let lab = label::reply(self.src, self.session, e);
        let describe = format!(
            "{}: server to client: {}",
            lines_words(e.line, e.end_line),
            joined(&lab)
        );
        self.items.push(Item {
            kind: RowKind::Reply,
            event: i,
            last_event: i,
            events: 1,
            line: e.line,
            end_line: e.end_line,
            phase: phase.0,
            phase_label: phase.1.clone(),
            channel: e.channel,
            tone,
            inferred: false,
            label: lab,
            note_lines: Vec::new(),
            describe,
        });
        self.current = phase;
    }
}

/// "line 4" or "lines 6 to 12".
pub fn lines_words(line: u32, end: u32) -> String {
    if end > line {
        format!("Lines {line} to {end}")
    } else {
        format!("Line {line}")
    }
}

/// The label as one string, with its second line in parentheses.
fn joined(l: &Label) -> String {
    let main = if l.text.is_empty() {
        l.lead.clone()
    } else {
        format!("{} {}", l.lead, l.text)
    };
    match &l.sub {
        Some(s) => format!("{main} ({s})"),
        None => main,
    }
}
