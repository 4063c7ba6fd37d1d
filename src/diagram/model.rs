//! The diagram model: everything a renderer needs, already placed. Units
//! are SVG user units (pixels at 100 %); `y` grows downwards.

use crate::rules::Severity;
use crate::session::Channel;

/// A placed sequence diagram of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// One line naming the session, e.g. "swaks → mx.example.test, port 587".
    pub title: String,
    /// The grade and its reason, e.g. "Grade F: AUTH LOGIN sent in cleartext".
    pub subtitle: String,
    /// The whole flow in a few sentences (the diagram's text alternative).
    pub summary: String,
    pub client: Head,
    pub server: Head,
    /// Where the lifelines start and end.
    pub lifeline_top: f32,
    pub lifeline_bottom: f32,
    pub phases: Vec<PhaseBand>,
    pub tunnel: Option<Tunnel>,
    /// Arrows and notes, in transcript order.
    pub rows: Vec<Row>,
    /// The session's findings, worst first, with their marker.
    pub legend: Vec<LegendItem>,
    /// Top of the legend block.
    pub legend_top: f32,
    /// Shown instead of rows when the session has nothing to draw.
    pub empty: Option<String>,
}

/// The box at the top of a lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The lifeline's x.
    pub x: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    /// "Client" or "Server".
    pub role: &'static str,
    /// What the transcript shows about it: tool, host, software, port.
    pub lines: Vec<String>,
}

/// A labelled stretch of the flow (connect, greeting, EHLO, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseBand {
    pub phase: Phase,
    /// "connect", "greeting", "EHLO", "STARTTLS + handshake", ...
    pub label: String,
    pub top: f32,
    pub bottom: f32,
    /// The first and last transcript lines of the band.
    pub first_line: u32,
    pub last_line: u32,
}

/// The phases of a submission, in their usual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Connect,
    Greeting,
    Ehlo,
    /// STARTTLS and the handshake (or the handshake of implicit TLS).
    Tls,
    Auth,
    Envelope,
    Data,
    Quit,
    /// VRFY, EXPN, NOOP, HELP, unknown commands...
    Other,
}

impl Phase {
    /// A stable id, for CSS classes and tests.
    pub fn id(self) -> &'static str {
        match self {
            Phase::Connect => "connect",
            Phase::Greeting => "greeting",
            Phase::Ehlo => "ehlo",
            Phase::Tls => "tls",
            Phase::Auth => "auth",
            Phase::Envelope => "envelope",
            Phase::Data => "data",
            Phase::Quit => "quit",
            Phase::Other => "other",
        }
    }
}

/// The encrypted part of the session: a band around both lifelines from
/// the end of the TLS handshake to the end of the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Tunnel {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// E.g. "TLS tunnel · TLSv1.3".
    pub label: String,
    /// Index (in the session's events) of the last handshake event, when
    /// the transcript shows the handshake.
    pub handshake_event: Option<u32>,
    /// The first transcript line inside the tunnel.
    pub first_line: u32,
}

/// What a row draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Client → server.
    Command,
    /// Server → client, with its code.
    Reply,
    /// Message content, collapsed into one client → server arrow.
    Data,
    /// The client tool's remarks (TLS facts, connection info), as a note.
    Note,
}

/// How a row is coloured (never the only signal: the code or text says it too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A command or data.
    Neutral,
    /// 2xx.
    Success,
    /// 3xx: go on.
    Intermediate,
    /// 4xx: try again later.
    Transient,
    /// 5xx: refused.
    Permanent,
    /// A TLS note.
    Tls,
    /// Any other note.
    Info,
}

impl Tone {
    pub fn id(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Success => "success",
            Tone::Intermediate => "intermediate",
            Tone::Transient => "transient",
            Tone::Permanent => "permanent",
            Tone::Tls => "tls",
            Tone::Info => "info",
        }
    }
}

/// One arrow or note, keyed by its event and its transcript lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    /// Index (in the session's events) of the first event drawn here.
    pub event: u32,
    /// How many events the row stands for (data lines, grouped notes).
    pub events: u32,
    /// 1-based transcript line where the row starts (what a click selects).
    pub line: u32,
    /// The last transcript line it covers.
    pub end_line: u32,
    pub phase: Phase,
    pub channel: Channel,
    pub tone: Tone,
    /// A command the tool did not print, inferred from the replies.
    pub inferred: bool,
    /// The row's block, for hit areas and highlights.
    pub top: f32,
    pub bottom: f32,
    /// The arrow's y (notes: the box's top).
    pub y: f32,
    /// Arrow tail and head x (notes: box left and right).
    pub x0: f32,
    pub x1: f32,
    /// The bold start of the label: the reply code or the verb as typed.
    pub lead: String,
    /// The rest of the label (masked and shortened).
    pub text: String,
    /// A second, quieter line under the arrow (capabilities, meaning).
    pub sub: Option<String>,
    /// Notes: their lines (masked and shortened).
    pub note_lines: Vec<String>,
    /// The row in words, for assistive technology and tooltips.
    pub describe: String,
    pub markers: Vec<Marker>,
}

impl Row {
    /// Whether the row covers transcript line `line`.
    pub fn covers(&self, line: u32) -> bool {
        (self.line..=self.end_line).contains(&line)
    }

    /// The arrow points left (server → client).
    pub fn leftwards(&self) -> bool {
        self.x1 < self.x0
    }
}

/// A finding drawn on a row whose lines are part of its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// The finding id, e.g. "plaintext-auth".
    pub finding: &'static str,
    pub severity: Severity,
    pub title: String,
    /// Centre of the marker.
    pub x: f32,
    pub y: f32,
}

/// One finding of the session, listed under the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub finding: &'static str,
    pub severity: Severity,
    pub title: String,
    /// The evidence lines.
    pub lines: Vec<u32>,
    /// "critical · lines 18–23", shown after the title.
    pub meta: String,
    /// The first evidence line drawn as a row, if any.
    pub first_row_line: Option<u32>,
    /// Baseline of its text.
    pub y: f32,
}

/// The symbol of a severity (colour is never the only signal).
pub fn severity_glyph(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "C",
        Severity::High => "H",
        Severity::Medium => "M",
        Severity::Low => "L",
        Severity::Info => "i",
    }
}
