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
//! let opts = smtp_lens::diagram::DiagramOptions { text: Some(text), reveal_upto: None };
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
pub use svg::{escape, evidence_words, line_number, phase_title, to_svg, tunnel_pill};

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
}

/// Geometry, in SVG user units.
pub mod geometry {
    pub const WIDTH: f32 = 730.0;
    /// Left edge of the phase labels (at the top of each band) and the title.
    pub const PHASE_X: f32 = 10.0;
    /// Right edge of the line numbers.
    pub const LINE_X: f32 = 62.0;
    pub const CLIENT_X: f32 = 150.0;
    pub const SERVER_X: f32 = 610.0;
    pub const TITLE_Y: f32 = 30.0;
    pub const SUBTITLE_Y: f32 = 50.0;
    pub const HEAD_TOP: f32 = 66.0;
    pub const HEAD_WIDTH: f32 = 184.0;
    pub const HEAD_LINE: f32 = 16.0;
    /// Space between two phases.
    pub const PHASE_GAP: f32 = 12.0;
    /// From a row's top to its arrow.
    pub const ARROW_DROP: f32 = 22.0;
    pub const NOTE_LINE: f32 = 15.0;
    /// The tunnel's margin around the lifelines.
    pub const TUNNEL_PAD: f32 = 28.0;
    pub const MARKER_STEP: f32 = 17.0;
    pub const MARKER_R: f32 = 7.0;
    pub const LEGEND_LINE: f32 = 20.0;
    /// Characters that fit on an arrow label (12 px monospace).
    pub const LABEL_CHARS: usize = 60;
    /// Characters of a sub-label (11 px).
    pub const SUB_CHARS: usize = 68;
}

use geometry::*;

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
    let src = Source::new(opts.text, session);
    let items = items(session, &src, opts.reveal_upto);
    let upto = opts.reveal_upto.unwrap_or(u32::MAX);
    let shown: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.lines.iter().any(|l| *l <= upto) || f.lines.is_empty())
        .collect();

    let client = Head {
        x: CLIENT_X,
        top: HEAD_TOP,
        width: HEAD_WIDTH,
        height: 0.0,
        role: "Client",
        lines: client_lines(sr, tool),
    };
    let server = Head {
        x: SERVER_X,
        top: HEAD_TOP,
        width: HEAD_WIDTH,
        height: 0.0,
        role: "Server",
        lines: server_lines(sr, &src),
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

    let mut rows = place(&items, rows_top);
    mark(&mut rows, &shown);
    let phases = bands(&items, &rows);
    let last_bottom = rows.last().map(|r| r.bottom).unwrap_or(rows_top);
    let lifeline_bottom = last_bottom + PHASE_GAP + 8.0;
    let tunnel = tunnel(sr, &items, &rows, lifeline_bottom);

    let legend_top = lifeline_bottom + 30.0;
    let mut legend = legend(&shown, &rows);
    for (k, item) in legend.iter_mut().enumerate() {
        item.y = legend_top + 26.0 + LEGEND_LINE * k as f32;
    }
    let legend_bottom = legend_top + 26.0 + LEGEND_LINE * legend.len() as f32;
    let height = legend_bottom + 24.0;

    let empty = rows.is_empty().then(|| {
        if opts.reveal_upto.is_some() && session.has_smtp() {
            "Nothing shown yet: step forward to see the first command.".to_string()
        } else {
            "Nothing to draw: this session holds no SMTP command or reply.".to_string()
        }
    });

    Layout {
        width: WIDTH,
        height,
        title: title(sr, tool, &src),
        subtitle: format!("Grade {}: {}", sr.verdict.grade.as_str(), sr.verdict.reason),
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

fn client_lines(sr: &SessionReport, tool: &str) -> Vec<String> {
    let s = &sr.session;
    let mut out = vec![label::shorten(tool, 26)];
    if let Some(g) = s.greetings.first() {
        let domain = label::clean(&g.domain);
        if !domain.is_empty() {
            out.push(label::shorten(&format!("{} {domain}", g.verb.as_str()), 26));
        }
    }
    out
}

fn server_lines(sr: &SessionReport, src: &Source<'_>) -> Vec<String> {
    let s = &sr.session;
    let mut out = Vec::new();
    if let Some(host) = label::server_host(src, s) {
        out.push(label::shorten(&host, 26));
    }
    if let Some(software) = s.server {
        out.push(label::shorten(software, 26));
    }
    out.push(label::port(s.port));
    out
}

fn title(sr: &SessionReport, tool: &str, src: &Source<'_>) -> String {
    let s = &sr.session;
    let server = label::server_host(src, s)
        .or_else(|| s.server.map(str::to_string))
        .unwrap_or_else(|| "the server".into());
    let port = s.port.map(|p| format!(", port {p}")).unwrap_or_default();
    label::shorten(&format!("SMTP session: {tool} → {server}{port}"), 90)
}

/// Gives every item its place, top to bottom.
fn place(items: &[Item], top: f32) -> Vec<Row> {
    let mut rows = Vec::with_capacity(items.len());
    let mut cursor = top;
    let mut prev: Option<&Item> = None;
    for it in items {
        if prev.is_some_and(|p| p.phase_label != it.phase_label) {
            cursor += PHASE_GAP;
        }
        prev = Some(it);
        let (y, x0, x1, bottom) = match it.kind {
            RowKind::Note => {
                let lines = it.note_lines.len().max(1) as f32;
                let y = cursor + 6.0;
                let h = 10.0 + NOTE_LINE * lines;
                (y, CLIENT_X - 14.0, SERVER_X + 14.0, y + h + 6.0)
            }
            RowKind::Reply => {
                let y = cursor + ARROW_DROP;
                let extra = if it.label.sub.is_some() { 24.0 } else { 10.0 };
                (y, SERVER_X, CLIENT_X, y + extra)
            }
            RowKind::Command | RowKind::Data => {
                let y = cursor + ARROW_DROP;
                let extra = if it.label.sub.is_some() { 24.0 } else { 10.0 };
                (y, CLIENT_X, SERVER_X, y + extra)
            }
        };
        let (lead, text) = fit(&it.label.lead, &it.label.text, LABEL_CHARS);
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
                .map(|s| label::shorten(s, SUB_CHARS)),
            note_lines: it.note_lines.clone(),
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
                title: f.title.clone(),
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
        row.markers.sort_by_key(|m| std::cmp::Reverse(m.severity));
        for (m, (x, y)) in row.markers.iter_mut().zip(slots) {
            m.x = x;
            m.y = y;
        }
        let names: Vec<String> = row
            .markers
            .iter()
            .map(|m| format!("{} ({})", m.finding, m.severity.as_str()))
            .collect();
        row.describe = format!("{}. Findings: {}", row.describe, names.join(", "));
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

/// The encrypted stretch: from the end of the handshake (or the first
/// encrypted row when the transcript does not show the handshake) to the end.
fn tunnel(sr: &SessionReport, items: &[Item], rows: &[Row], bottom: f32) -> Option<Tunnel> {
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
    let (top, first_line, handshake_event) = match handshake {
        Some(k) => {
            let row = rows.get(k)?;
            let next = rows.get(k + 1)?;
            (row.bottom + 3.0, next.line, Some(items.get(k)?.last_event))
        }
        None => {
            let row = rows.get(first)?;
            (row.top, row.line, None)
        }
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
        x0: CLIENT_X - TUNNEL_PAD,
        x1: SERVER_X + TUNNEL_PAD,
        top,
        bottom: bottom - 4.0,
        label,
        handshake_event,
        first_line,
    })
}

fn legend(findings: &[&Finding], rows: &[Row]) -> Vec<LegendItem> {
    let mut out: Vec<LegendItem> = findings
        .iter()
        .map(|f| LegendItem {
            finding: f.id,
            severity: f.severity,
            title: label::clean(&f.title),
            lines: f.lines.clone(),
            first_row_line: f
                .lines
                .iter()
                .find_map(|l| rows.iter().find(|r| r.covers(*l)).map(|r| r.line)),
            y: 0.0,
        })
        .collect();
    out.sort_by_key(|item| std::cmp::Reverse(item.severity));
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
    let mut out = format!(
        "Sequence diagram of an SMTP session between {tool} and {server}, {}: {arrows} arrows.",
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
