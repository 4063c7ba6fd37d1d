//! The submission-flow diagram, as pure layout: a session becomes a placed
//! sequence diagram ([`Layout`]) that the page renders as SVG elements and
//! [`to_svg`] writes as a standalone SVG document (for "Download SVG" and
//! the command line). No DOM here: coordinates and words only.
//!
//! What it draws, top to bottom: a client and a server lifeline headed with
//! what the transcript shows (tool, EHLO name; host, software, port); one
//! arrow per command (client → server) and per reply (server → client, its
//! code in bold); the client tool's TLS and connection remarks as notes;
//! message content collapsed into one arrow ("N lines of message data");
//! the phases (connect, greeting, EHLO, STARTTLS + handshake, AUTH,
//! envelope, data, quit) as labelled bands; the encrypted part as a tunnel
//! around both lifelines from the end of the handshake; a marker for each
//! finding on every row of its evidence. Each row is keyed by its event
//! index and its 1-based transcript line, so the page can select rows and
//! lines together. Credentials are masked (AUTH payloads are always shown
//! as `••••••`).
//!
//! ```
//! let text = "<-  220 mx ESMTP\n -> EHLO me\n<-  250 mx\n -> QUIT\n<-  221 Bye\n";
//! let report = smtp_lens::analyze(text, &smtp_lens::Options::default());
//! let opts = smtp_lens::diagram::DiagramOptions { text: Some(text), ..Default::default() };
//! let layout = smtp_lens::diagram::layout(&report, 0, &opts).unwrap();
//! assert_eq!(layout.rows.len(), 5);
//! assert!(smtp_lens::diagram::to_svg(&layout).starts_with("<svg"));
//! ```

mod build;
pub mod label;
mod model;
pub mod shape;
mod svg;

pub use model::*;
pub use svg::{
    escape, evidence_words, legend_note_y, line_number, phase_title, to_svg, tunnel_pill,
    LEGEND_NOTE, NO_FINDINGS,
};

use crate::ingest::Format;
use crate::report::{Report, SessionReport};
use crate::rules::Finding;
use crate::session::{Channel, TlsMode};
use build::{items, Item};
use label::Source;

/// What the caller adds to the report.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiagramOptions<'a> {
    /// The pasted text the report was made from: labels then show the
    /// commands and replies as typed (masked). Without it, labels are built
    /// from the session's facts (verbs, codes, addresses).
    pub text: Option<&'a str>,
    /// Show only the events up to this 1-based line (a step-by-step player).
    pub reveal_upto: Option<u32>,
    /// The width to fit, clamped to `MIN_WIDTH..=WIDTH` (`None`: `WIDTH`).
    /// Narrower diagrams bring the lifelines closer and shorten labels.
    pub width: Option<f32>,
}

/// Geometry, in SVG user units.
pub mod geometry {
    /// The natural (and widest) width.
    pub const WIDTH: f32 = 730.0;
    /// The narrowest a diagram gets (a phone or a side column scrolls).
    pub const MIN_WIDTH: f32 = 480.0;
    /// Left edge of the phase labels (at the top of each band) and the title.
    pub const PHASE_X: f32 = 10.0;
    /// Right edge of the line numbers.
    pub const LINE_X: f32 = 62.0;

    pub const TITLE_Y: f32 = 30.0;
    pub const SUBTITLE_Y: f32 = 50.0;
    pub const HEAD_TOP: f32 = 66.0;

    pub const HEAD_LINE: f32 = 16.0;
    /// Space between two phases.
    pub const PHASE_GAP: f32 = 12.0;
    /// From a row's top to its arrow.
    pub const ARROW_DROP: f32 = 22.0;
    pub const NOTE_LINE: f32 = 15.0;
    /// Space above the tunnel's first row, for its edge and label.
    pub const TUNNEL_GAP: f32 = 22.0;
    /// The tunnel's margin around the lifelines.
    pub const TUNNEL_PAD: f32 = 28.0;
    pub const MARKER_STEP: f32 = 17.0;
    pub const MARKER_R: f32 = 7.0;
    pub const LEGEND_LINE: f32 = 20.0;
    /// Advance of a 12 px monospace character (labels).
    pub const LABEL_CHAR: f32 = 7.25;
    /// Advance of an 11 px monospace character (notes).
    pub const NOTE_CHAR: f32 = 6.65;
}

use geometry::*;

/// The horizontal frame of one diagram, from its width.
#[derive(Debug, Clone, Copy)]
struct Frame {
    width: f32,
    client_x: f32,
    server_x: f32,
    head_width: f32,
}

impl Frame {
    fn new(width: Option<f32>) -> Frame {
        let width = width.unwrap_or(WIDTH).clamp(MIN_WIDTH, WIDTH);
        let t = (width - MIN_WIDTH) / (WIDTH - MIN_WIDTH);
        let head_width = 140.0 + 44.0 * t;
        Frame {
            width,
            client_x: 130.0 + 20.0 * t,
            server_x: width - head_width / 2.0 - 28.0,
            head_width,
        }
    }

    fn span(&self) -> f32 {
        self.server_x - self.client_x
    }

    /// Characters of an arrow label (12 px monospace), clear of the lifelines.
    fn label_chars(&self) -> usize {
        ((self.span() - 28.0) / LABEL_CHAR).floor() as usize
    }

    /// Characters of a sub-label (11 px sans).
    fn sub_chars(&self) -> usize {
        ((self.span() - 12.0) / 6.6).floor() as usize
    }

    /// Characters of a note line (11 px monospace, after the tag).
    fn note_chars(&self) -> usize {
        ((self.span() + 28.0 - 48.0 - 6.0) / NOTE_CHAR).floor() as usize
    }

    /// Characters of a head line (12 px sans).
    fn head_chars(&self) -> usize {
        ((self.head_width - 14.0) / 6.2).floor() as usize
    }
}

/// The diagram of session `index` of `report`; `None` when there is no such session.
pub fn layout(report: &Report, index: usize, opts: &DiagramOptions<'_>) -> Option<Layout> {
    let session = report.sessions.get(index)?;
    let findings: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.session == session.index)
        .collect();
    let tool = session
        .session
        .format
        .and_then(Format::from_id)
        .map(Format::name)
        .unwrap_or(report.format_name);
    Some(layout_session(session, &findings, tool, opts))
}

/// The diagram of one session, given its findings and the client tool's name.
pub fn layout_session(
    sr: &SessionReport,
    findings: &[&Finding],
    tool: &str,
    opts: &DiagramOptions<'_>,
) -> Layout {
    let session = &sr.session;
    let frame = Frame::new(opts.width);
    let src = Source::new(opts.text, session);
    let items = items(session, &src, opts.reveal_upto);
    let upto = opts.reveal_upto.unwrap_or(u32::MAX);
    let shown: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.lines.iter().any(|l| *l <= upto) || f.lines.is_empty())
        .collect();

    let client = Head {
        x: frame.client_x,
        top: HEAD_TOP,
        width: frame.head_width,
        height: 0.0,
        role: "Client",
        lines: client_lines(sr, tool, frame.head_chars()),
    };
    let server = Head {
        x: frame.server_x,
        top: HEAD_TOP,
        width: frame.head_width,
        height: 0.0,
        role: "Server",
        lines: server_lines(sr, tool, &src, frame.head_chars()),
    };
    let head_lines = client.lines.len().max(server.lines.len()) as f32;
    let head_height = 14.0 + HEAD_LINE * (head_lines + 1.0);
    let client = Head {
        height: head_height,
        ..client
    };
    let server = Head {
        height: head_height,
        ..server
    };
    let lifeline_top = HEAD_TOP + head_height;
    let rows_top = lifeline_top + 20.0;

    let mut rows = place(&items, rows_top, &frame);
    mark(&mut rows, &shown);
    let phases = bands(&items, &rows);
    let last_bottom = rows.last().map(|r| r.bottom).unwrap_or(rows_top);
    let lifeline_bottom = last_bottom + PHASE_GAP + 8.0;
    let tunnel = tunnel(sr, &items, &rows, lifeline_bottom, &frame);

    let legend_top = lifeline_bottom + 30.0;
    let mut legend = legend(&shown, &rows, &frame);
    for (k, item) in legend.iter_mut().enumerate() {
        item.y = legend_top + 26.0 + LEGEND_LINE * k as f32;
    }
    // The list, then one line of footnote.
    let legend_bottom = legend_top + 26.0 + LEGEND_LINE * legend.len() as f32;
    let height = legend_bottom + 26.0;

    let empty = rows.is_empty().then(|| {
        if opts.reveal_upto.is_some() && session.has_smtp() {
            "Nothing shown yet: step forward to see the first command.".to_string()
        } else {
            "Nothing to draw: this session holds no SMTP command or reply.".to_string()
        }
    });

    Layout {
        width: frame.width,
        height,
        title: title(sr, tool, &src, &frame),
        subtitle: label::shorten(
            &format!("Grade {}: {}", sr.verdict.grade.as_str(), sr.verdict.reason),
            ((frame.width - 2.0 * PHASE_X) / 6.4) as usize,
        ),
        summary: summary(sr, tool, &src, &rows, &shown),
        client,
        server,
        lifeline_top,
        lifeline_bottom,
        phases,
        tunnel,
        rows,
        legend,
        legend_top,
        empty,
    }
}

/// A server's own log (Postfix, Exim): the tool sits on the server side.
fn is_log(sr: &SessionReport) -> bool {
    sr.session.format.is_some_and(|f| f.ends_with("-log"))
}

fn client_lines(sr: &SessionReport, tool: &str, chars: usize) -> Vec<String> {
    let s = &sr.session;
    let mut out = Vec::new();
    if !is_log(sr) {
        out.push(label::shorten(tool, chars));
    }
    if let Some(g) = s.greetings.first() {
        let domain = label::clean(&g.domain);
        if !domain.is_empty() {
            out.push(label::shorten(
                &format!("{} {domain}", g.verb.as_str()),
                chars,
            ));
        }
    }
    if out.is_empty() {
        out.push("as the server logged it".into());
    }
    out
}

fn server_lines(sr: &SessionReport, tool: &str, src: &Source<'_>, chars: usize) -> Vec<String> {
    let s = &sr.session;
    let mut out = Vec::new();
    if let Some(host) = label::server_host(src, s) {
        out.push(label::shorten(&host, chars));
    }
    if let Some(software) = s.server {
        out.push(label::shorten(software, chars));
    } else if is_log(sr) {
        out.push(label::shorten(tool, chars));
    }
    // "port 465 (implicit TLS)", or just "port 465" when the box is narrow.
    let port = label::port(s.port);
    out.push(match s.port {
        Some(p) if port.chars().count() > chars => format!("port {p}"),
        _ => port,
    });
    out
}

fn title(sr: &SessionReport, tool: &str, src: &Source<'_>, frame: &Frame) -> String {
    let s = &sr.session;
    let server = label::server_host(src, s).or_else(|| s.server.map(str::to_string));
    let port = s.port.map(|p| format!(", port {p}")).unwrap_or_default();
    let t = match (is_log(sr), server) {
        (true, Some(server)) => format!("SMTP session in the {tool} of {server}{port}"),
        (true, None) => format!("SMTP session in a {tool}{port}"),
        (false, Some(server)) => format!("SMTP session: {tool} → {server}{port}"),
        (false, None) => format!("SMTP session: {tool} → the server{port}"),
    };
    label::shorten(&t, ((frame.width - 2.0 * PHASE_X) / 9.6) as usize)
}

/// Gives every item its place, top to bottom.
fn place(items: &[Item], top: f32, frame: &Frame) -> Vec<Row> {
    let (client_x, server_x) = (frame.client_x, frame.server_x);
    let mut rows = Vec::with_capacity(items.len());
    let mut cursor = top;
    let mut prev: Option<&Item> = None;
    let opens = tunnel_start(items).map(|(k, _)| k);
    for (k, it) in items.iter().enumerate() {
        if opens == Some(k) {
            cursor += TUNNEL_GAP;
        } else if prev.is_some_and(|p| p.phase_label != it.phase_label) {
            cursor += PHASE_GAP;
        }
        prev = Some(it);
        let (y, x0, x1, bottom) = match it.kind {
            RowKind::Note => {
                let lines = it.note_lines.len().max(1) as f32;
                // Clear of the phase label at the band's top.
                let y = cursor + 8.0;
                let h = 10.0 + NOTE_LINE * lines;
                (y, client_x - 14.0, server_x + 14.0, y + h + 6.0)
            }
            RowKind::Reply => {
                let y = cursor + ARROW_DROP;
                let extra = if it.label.sub.is_some() { 24.0 } else { 10.0 };
                (y, server_x, client_x, y + extra)
            }
            RowKind::Command | RowKind::Data => {
                let y = cursor + ARROW_DROP;
                let extra = if it.label.sub.is_some() { 24.0 } else { 10.0 };
                (y, client_x, server_x, y + extra)
            }
        };
        let (lead, text) = fit(&it.label.lead, &it.label.text, frame.label_chars());
        rows.push(Row {
            kind: it.kind,
            event: it.event,
            events: it.events,
            line: it.line,
            end_line: it.end_line,
            phase: it.phase,
            channel: it.channel,
            tone: it.tone,
            inferred: it.inferred,
            top: cursor,
            bottom,
            y,
            x0,
            x1,
            lead,
            text,
            sub: it
                .label
                .sub
                .as_deref()
                .map(|s| label::shorten(s, frame.sub_chars())),
            note_lines: it
                .note_lines
                .iter()
                .map(|l| label::shorten(l, frame.note_chars()))
                .collect(),
            describe: it.describe.clone(),
            markers: Vec::new(),
        });
        cursor = bottom;
    }
    rows
}

/// Shortens lead + text to `max` characters in all.
fn fit(lead: &str, text: &str, max: usize) -> (String, String) {
    let lead = label::shorten(lead, max.min(24));
    let room = max.saturating_sub(lead.chars().count() + 1);
    (lead, label::shorten(text, room))
}

/// Puts a marker for each finding on every row of its evidence.
fn mark(rows: &mut [Row], findings: &[&Finding]) {
    for f in findings {
        for row in rows.iter_mut() {
            let hit = f.lines.iter().any(|l| row.covers(*l));
            if !hit || row.markers.iter().any(|m| m.finding == f.id) {
                continue;
            }
            let k = row.markers.len() as f32;
            let (x, y) = match row.kind {
                RowKind::Note => (row.x1 - 14.0 - k * MARKER_STEP, row.y + 13.0),
                _ if row.leftwards() => (row.x0 - 18.0 - k * MARKER_STEP, row.y),
                _ => (row.x0 + 18.0 + k * MARKER_STEP, row.y),
            };
            row.markers.push(Marker {
                finding: f.id,
                severity: f.severity,
                title: f.title.to_string(),
                x,
                y,
            });
        }
    }
    for row in rows.iter_mut() {
        if row.markers.is_empty() {
            continue;
        }
        // Worst first, nearest the lifeline: keep the slots, reorder the findings.
        let slots: Vec<(f32, f32)> = row.markers.iter().map(|m| (m.x, m.y)).collect();
        crate::sort::sort_by_key(&mut row.markers, |m| std::cmp::Reverse(m.severity));
        for (m, (x, y)) in row.markers.iter_mut().zip(slots) {
            m.x = x;
            m.y = y;
        }
        refit(row);
        let names: Vec<String> = row
            .markers
            .iter()
            .map(|m| format!("{} ({})", m.finding, m.severity.as_str()))
            .collect();
        row.describe = format!("{}. Findings: {}", row.describe, names.join(", "));
    }
}

/// Shortens a marked row's words so they clear its markers.
fn refit(row: &mut Row) {
    let k = row.markers.len() as f32;
    let clear = 18.0 + MARKER_R + 4.0 + (k - 1.0) * MARKER_STEP;
    match row.kind {
        RowKind::Note => {
            // Text starts 48 in; markers sit at the right end.
            let room = (row.x1 - row.x0) - 48.0 - clear;
            let chars = (room / NOTE_CHAR).floor().max(8.0) as usize;
            for line in row.note_lines.iter_mut() {
                *line = label::shorten(line, chars);
            }
        }
        _ => {
            // The label is centred: it must clear the markers on one side.
            let room = (row.x0 - row.x1).abs() - 2.0 * clear;
            let chars = (room / LABEL_CHAR).floor().max(8.0) as usize;
            let (lead, text) = fit(&row.lead, &row.text, chars);
            row.lead = lead;
            row.text = text;
        }
    }
}

/// Consecutive rows of one phase make a band.
fn bands(items: &[Item], rows: &[Row]) -> Vec<PhaseBand> {
    let mut out: Vec<PhaseBand> = Vec::new();
    let mut last_label: Option<&str> = None;
    for (it, row) in items.iter().zip(rows) {
        let top = row.top - PHASE_GAP / 2.0;
        let bottom = row.bottom + PHASE_GAP / 2.0;
        match out.last_mut() {
            Some(band) if last_label == Some(it.phase_label.as_str()) => {
                band.bottom = bottom;
                band.last_line = band.last_line.max(row.end_line);
            }
            _ => out.push(PhaseBand {
                phase: it.phase,
                label: it.phase_label.clone(),
                top,
                bottom,
                first_line: row.line,
                last_line: row.end_line,
            }),
        }
        last_label = Some(it.phase_label.as_str());
    }
    out
}

/// Where the tunnel opens: the index of the first item inside it, and of
/// the TLS note before it that is the handshake (when shown).
fn tunnel_start(items: &[Item]) -> Option<(usize, Option<usize>)> {
    let first = items
        .iter()
        .position(|it| it.kind != RowKind::Note && it.channel == Channel::Encrypted)?;
    // The TLS note just before it (only notes in between) is the handshake.
    let mut handshake = None;
    for k in (0..first).rev() {
        let it = items.get(k)?;
        if it.kind != RowKind::Note {
            break;
        }
        if it.tone == Tone::Tls {
            handshake = Some(k);
            break;
        }
    }
    Some((handshake.map_or(first, |h| h + 1), handshake))
}

/// The encrypted stretch: from the end of the handshake (or the first
/// encrypted row when the transcript does not show the handshake) to the end.
fn tunnel(
    sr: &SessionReport,
    items: &[Item],
    rows: &[Row],
    bottom: f32,
    frame: &Frame,
) -> Option<Tunnel> {
    let (inside, handshake) = tunnel_start(items)?;
    let row = rows.get(inside)?;
    // `place` left TUNNEL_GAP above this row for the tunnel's edge and label.
    let top = row.top - TUNNEL_GAP / 2.0;
    let first_line = row.line;
    let handshake_event = match handshake {
        Some(k) => Some(items.get(k)?.last_event),
        None => None,
    };
    let s = &sr.session;
    let mut label = "TLS tunnel".to_string();
    if let Some(v) = &s.tls_version {
        label = format!("{label} · {}", label::shorten(&label::clean(v), 16));
    }
    if s.tls == TlsMode::Implicit {
        label = format!("{label} · implicit");
    }
    Some(Tunnel {
        x0: frame.client_x - TUNNEL_PAD,
        x1: frame.server_x + TUNNEL_PAD,
        top,
        bottom: bottom - 4.0,
        label,
        handshake_event,
        first_line,
    })
}

fn legend(findings: &[&Finding], rows: &[Row], frame: &Frame) -> Vec<LegendItem> {
    let mut out: Vec<LegendItem> = findings
        .iter()
        .map(|f| {
            let meta = format!("{} · {}", f.severity.as_str(), evidence_words(&f.lines));
            // Bold sans ~7 px a character, the rest ~6.2: keep to the width.
            let room = frame.width - 2.0 * PHASE_X - 24.0 - 6.2 * (meta.chars().count() + 3) as f32;
            let chars = (room / 7.0).floor().max(12.0) as usize;
            (f, meta, chars)
        })
        .map(|(f, meta, chars)| LegendItem {
            finding: f.id,
            severity: f.severity,
            title: label::shorten(&label::clean(&f.title), chars),
            meta,
            lines: f.lines.clone(),
            first_row_line: f
                .lines
                .iter()
                .find_map(|l| rows.iter().find(|r| r.covers(*l)).map(|r| r.line)),
            y: 0.0,
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |item| std::cmp::Reverse(item.severity));
    out
}

/// The flow in words: the diagram's text alternative.
fn summary(
    sr: &SessionReport,
    tool: &str,
    src: &Source<'_>,
    rows: &[Row],
    findings: &[&Finding],
) -> String {
    let s = &sr.session;
    let arrows = rows.iter().filter(|r| r.kind != RowKind::Note).count();
    let server = label::server_host(src, s)
        .or_else(|| s.server.map(str::to_string))
        .unwrap_or_else(|| "the server".into());
    let between = if is_log(sr) {
        format!("an SMTP session logged by {server} ({tool})")
    } else {
        format!("an SMTP session between {tool} and {server}")
    };
    let mut out = format!(
        "Sequence diagram of {between}, {}: {arrows} arrows.",
        label::port(s.port)
    );
    out.push(' ');
    out.push_str(&match (s.tls, s.tls_established) {
        (TlsMode::Starttls, true) => format!(
            "STARTTLS upgraded the connection to TLS{}.",
            s.tls_version
                .as_deref()
                .map(|v| format!(" ({})", label::clean(v)))
                .unwrap_or_default()
        ),
        (TlsMode::Implicit, true) => format!(
            "TLS from the first byte{}.",
            s.tls_version
                .as_deref()
                .map(|v| format!(" ({})", label::clean(v)))
                .unwrap_or_default()
        ),
        (TlsMode::Starttls, false) | (TlsMode::Implicit, false) => {
            "TLS was attempted but not established.".into()
        }
        (TlsMode::Unknown, _) => "The transcript does not show whether TLS was used.".into(),
        (TlsMode::None, _) => "No TLS: everything crossed the network in cleartext.".into(),
    });
    for a in &s.auths {
        let user = a
            .user
            .as_deref()
            .map(|u| format!(" as {}", label::clean(u)))
            .unwrap_or_default();
        let outcome = match a.outcome {
            crate::session::Outcome::Accepted => "accepted",
            crate::session::Outcome::Rejected => "rejected",
            crate::session::Outcome::Unknown => "with no answer shown",
        };
        let channel = if a.over_tls {
            "inside TLS"
        } else {
            "in cleartext"
        };
        out.push_str(&format!(
            " AUTH {}{user} {channel}, {outcome}.",
            label::clean(&a.mechanism)
        ));
    }
    if !s.transactions.is_empty() {
        out.push_str(&format!(
            " {} of {} {} accepted.",
            s.messages_accepted,
            s.transactions.len(),
            label::plural(s.transactions.len() as u32, "message")
        ));
    }
    if !findings.is_empty() {
        let names: Vec<String> = findings
            .iter()
            .map(|f| format!("{} ({})", f.id, f.severity.as_str()))
            .collect();
        out.push_str(&format!(" Findings: {}.", names.join(", ")));
    }
    out
}
