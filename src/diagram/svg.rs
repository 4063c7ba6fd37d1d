//! The standalone SVG document: presentation attributes for the light
//! palette, a `<style>` that switches to the dark one under
//! `prefers-color-scheme: dark`, and an opaque background so it reads on any
//! page. Every piece of text is escaped: a transcript full of markup stays text.

use super::geometry::*;
use super::model::*;
use super::shape::{self, n};
use crate::rules::Severity;

/// Colours of one theme.
struct Palette {
    bg: &'static str,
    text: &'static str,
    muted: &'static str,
    border: &'static str,
    band: &'static str,
    head: &'static str,
    lifeline: &'static str,
    command: &'static str,
    success: &'static str,
    intermediate: &'static str,
    transient: &'static str,
    permanent: &'static str,
    tls: &'static str,
    tls_fill: &'static str,
    note_fill: &'static str,
    critical: &'static str,
    high: &'static str,
    medium: &'static str,
    low: &'static str,
    info: &'static str,
    on_marker: &'static str,
}

const LIGHT: Palette = Palette {
    bg: "#ffffff",
    text: "#1b1f24",
    muted: "#59636e",
    border: "#d0d7de",
    band: "#f3f5f8",
    head: "#f6f8fa",
    lifeline: "#8c959f",
    command: "#24292f",
    success: "#1a7f37",
    intermediate: "#0b5fc4",
    transient: "#9a6700",
    permanent: "#c21d2a",
    tls: "#1a7f37",
    tls_fill: "#edfbf0",
    note_fill: "#f6f8fa",
    critical: "#c21d2a",
    high: "#bc4c00",
    medium: "#9a6700",
    low: "#57606a",
    info: "#0b5fc4",
    on_marker: "#ffffff",
};

const DARK: Palette = Palette {
    bg: "#0d1117",
    text: "#e6edf3",
    muted: "#9aa4af",
    border: "#30363d",
    band: "#151b23",
    head: "#161b22",
    lifeline: "#6e7681",
    command: "#d1d7e0",
    success: "#46c35d",
    intermediate: "#5aa7ff",
    transient: "#e0ae3a",
    permanent: "#ff6b6b",
    tls: "#3fb950",
    tls_fill: "#12261b",
    note_fill: "#161b22",
    critical: "#ff6b6b",
    high: "#f08443",
    medium: "#e0ae3a",
    low: "#9aa4af",
    info: "#5aa7ff",
    on_marker: "#0d1117",
};

const SANS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
const MONO: &str = "ui-monospace, SFMono-Regular, 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/// Escapes text for XML (content and attribute values) and drops the
/// characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn tone_colour(p: &Palette, t: Tone) -> &'static str {
    match t {
        Tone::Neutral => p.command,
        Tone::Success => p.success,
        Tone::Intermediate => p.intermediate,
        Tone::Transient => p.transient,
        Tone::Permanent => p.permanent,
        Tone::Tls => p.tls,
        Tone::Info => p.muted,
    }
}

fn severity_colour(p: &Palette, s: Severity) -> &'static str {
    match s {
        Severity::Critical => p.critical,
        Severity::High => p.high,
        Severity::Medium => p.medium,
        Severity::Low => p.low,
        Severity::Info => p.info,
    }
}

/// The CSS that repaints the document in the dark palette.
fn dark_style() -> String {
    let p = &DARK;
    let mut css = String::from("@media (prefers-color-scheme: dark) {");
    let rules: Vec<(String, String)> = vec![
        (".fd-bg".into(), format!("fill:{}", p.bg)),
        (
            ".fd-title,.fd-lead-text,.fd-head-role,.fd-legend-text,.fd-label".into(),
            format!("fill:{}", p.text),
        ),
        (".fd-muted".into(), format!("fill:{}", p.muted)),
        (".fd-band".into(), format!("fill:{}", p.band)),
        (
            ".fd-head".into(),
            format!("fill:{};stroke:{}", p.head, p.border),
        ),
        (".fd-lifeline".into(), format!("stroke:{}", p.lifeline)),
        (
            ".fd-tunnel".into(),
            format!("fill:{};stroke:{}", p.tls, p.tls),
        ),
        (".fd-tunnel-label".into(), format!("fill:{}", p.tls)),
        (
            ".fd-tunnel-pill".into(),
            format!("fill:{};stroke:{}", p.bg, p.tls),
        ),
        (
            ".fd-note-tls".into(),
            format!("fill:{};stroke:{}", p.tls_fill, p.tls),
        ),
        (
            ".fd-note-info".into(),
            format!("fill:{};stroke:{}", p.note_fill, p.border),
        ),
        (".fd-on-marker".into(), format!("fill:{}", p.on_marker)),
    ];
    for (sel, decl) in rules {
        css.push_str(&format!("{sel}{{{decl}}}"));
    }
    for t in [
        Tone::Neutral,
        Tone::Success,
        Tone::Intermediate,
        Tone::Transient,
        Tone::Permanent,
        Tone::Tls,
        Tone::Info,
    ] {
        let c = tone_colour(p, t);
        css.push_str(&format!(
            ".fd-stroke-{id}{{stroke:{c}}}.fd-fill-{id}{{fill:{c}}}",
            id = t.id()
        ));
    }
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        css.push_str(&format!(
            ".fd-sev-{}{{fill:{}}}",
            s.as_str(),
            severity_colour(p, s)
        ));
    }
    css.push('}');
    css
}

/// Writes the layout as a complete, standalone SVG document.
pub fn to_svg(l: &Layout) -> String {
    let p = &LIGHT;
    let mut o = String::with_capacity(4096 + l.rows.len() * 600);
    o.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"fd-t fd-d\" font-family=\"{SANS}\" font-size=\"12\">\n",
        w = n(l.width),
        h = n(l.height)
    ));
    o.push_str(&format!(
        "<title id=\"fd-t\">{}</title>\n",
        escape(&l.title)
    ));
    o.push_str(&format!(
        "<desc id=\"fd-d\">{}</desc>\n",
        escape(&l.summary)
    ));
    o.push_str(&format!("<style>{}</style>\n", dark_style()));
    o.push_str(&format!(
        "<rect class=\"fd-bg\" width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        p.bg
    ));

    // Phase bands, every other one tinted, with their label.
    for (k, b) in l.phases.iter().enumerate() {
        if k % 2 == 1 {
            o.push_str(&format!(
                "<rect class=\"fd-band\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                n(b.top),
                n(l.width),
                n(b.bottom - b.top),
                p.band
            ));
        }
        o.push_str(&format!(
            "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"11\" font-weight=\"600\" letter-spacing=\"0.3\">{}</text>\n",
            n(PHASE_X),
            n(b.top + 11.0),
            p.muted,
            escape(&phase_title(&b.label))
        ));
    }

    // Title and verdict.
    o.push_str(&format!(
        "<text class=\"fd-title\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"16\" font-weight=\"700\">{}</text>\n",
        n(PHASE_X),
        n(TITLE_Y),
        p.text,
        escape(&l.title)
    ));
    o.push_str(&format!(
        "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"12\">{}</text>\n",
        n(PHASE_X),
        n(SUBTITLE_Y),
        p.muted,
        escape(&l.subtitle)
    ));

    // The tunnel, behind the lifelines and arrows.
    if let Some(t) = &l.tunnel {
        o.push_str(&format!(
            "<rect class=\"fd-tunnel\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"14\" fill=\"{c}\" fill-opacity=\"0.07\" stroke=\"{c}\" stroke-opacity=\"0.55\" stroke-width=\"1.5\"/>\n",
            n(t.x0),
            n(t.top),
            n(t.x1 - t.x0),
            n(t.bottom - t.top),
            c = p.tls
        ));
        let (px, pw) = tunnel_pill(t);
        o.push_str(&format!(
            "<rect class=\"fd-tunnel-pill\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"9\" fill=\"{}\" stroke=\"{}\" stroke-opacity=\"0.55\"/>\n",
            n(px),
            n(t.top - 9.0),
            n(pw),
            p.bg,
            p.tls
        ));
        o.push_str(&format!(
            "<text class=\"fd-tunnel-label\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\">{}</text>\n",
            n(px + pw / 2.0),
            n(t.top + 4.0),
            p.tls,
            escape(&t.label)
        ));
    }

    // Lifelines and their heads.
    for h in [&l.client, &l.server] {
        o.push_str(&format!(
            "<line class=\"fd-lifeline\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
            n(l.lifeline_top),
            n(l.lifeline_bottom),
            p.lifeline,
            x = n(h.x)
        ));
        o.push_str(&format!(
            "<rect class=\"fd-head\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{}\"/>\n",
            n(h.x - h.width / 2.0),
            n(h.top),
            n(h.width),
            n(h.height),
            p.head,
            p.border
        ));
        o.push_str(&format!(
            "<text class=\"fd-head-role\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"middle\">{}</text>\n",
            n(h.x),
            n(h.top + 21.0),
            p.text,
            h.role
        ));
        for (k, line) in h.lines.iter().enumerate() {
            o.push_str(&format!(
                "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" text-anchor=\"middle\">{}</text>\n",
                n(h.x),
                n(h.top + 21.0 + HEAD_LINE * (k as f32 + 1.0)),
                p.muted,
                escape(line)
            ));
        }
    }

    if let Some(msg) = &l.empty {
        o.push_str(&format!(
            "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" text-anchor=\"middle\">{}</text>\n",
            n((l.client.x + l.server.x) / 2.0),
            n(l.lifeline_top + 40.0),
            p.muted,
            escape(msg)
        ));
    }

    for r in &l.rows {
        row(&mut o, p, r);
    }

    legend(&mut o, p, l);
    o.push_str("</svg>\n");
    o
}

/// "connect" → "Connect"; "EHLO" stays. The labels are ASCII: ASCII case
/// only keeps Unicode's case tables (about 14 KB gzipped) out of the page.
pub fn phase_title(label: &str) -> String {
    let mut s = label.to_string();
    if let Some(f) = s.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    s
}

/// The tunnel label's pill: left x and width.
pub fn tunnel_pill(t: &Tunnel) -> (f32, f32) {
    let w = 30.0 + 6.6 * t.label.chars().count() as f32;
    (t.x1 - 14.0 - w, w)
}

fn row(o: &mut String, p: &Palette, r: &Row) {
    o.push_str(&format!(
        "<g class=\"fd-row\" data-flow-line=\"{}\" data-event=\"{}\">\n<title>{}</title>\n",
        r.line,
        r.event,
        escape(&r.describe)
    ));
    o.push_str(&format!(
        "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-family=\"{MONO}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
        n(LINE_X),
        n(if r.kind == RowKind::Note { r.y + 15.0 } else { r.y + 4.0 }),
        p.muted,
        escape(&line_number(r))
    ));
    match r.kind {
        RowKind::Note => note(o, p, r),
        _ => arrow(o, p, r),
    }
    for m in &r.markers {
        marker(o, p, m);
    }
    o.push_str("</g>\n");
}

/// "27", or "33–42" for a row covering several lines.
pub fn line_number(r: &Row) -> String {
    let range = format!("{}–{}", r.line, r.end_line);
    if r.end_line > r.line && range.chars().count() <= 9 {
        range
    } else {
        r.line.to_string()
    }
}

fn arrow(o: &mut String, p: &Palette, r: &Row) {
    let c = tone_colour(p, r.tone);
    let (a, b) = shape::shaft(r);
    let width = if r.kind == RowKind::Data {
        "3.5"
    } else {
        "1.5"
    };
    let dash = if r.inferred {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    o.push_str(&format!(
        "<line class=\"fd-stroke-{id}\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{c}\" stroke-width=\"{width}\"{dash}/>\n",
        n(a),
        n(b),
        y = n(r.y),
        id = r.tone.id()
    ));
    o.push_str(&format!(
        "<path class=\"fd-fill-{id}\" d=\"{}\" fill=\"{c}\"/>\n",
        shape::arrow_head(r),
        id = r.tone.id()
    ));
    let mid = (r.x0 + r.x1) / 2.0;
    let lead_fill = if r.tone == Tone::Neutral { p.text } else { c };
    let lead_class = if r.tone == Tone::Neutral {
        "fd-lead-text".to_string()
    } else {
        format!("fd-fill-{}", r.tone.id())
    };
    o.push_str(&format!(
        "<text class=\"fd-label\" x=\"{}\" y=\"{}\" fill=\"{}\" font-family=\"{MONO}\" text-anchor=\"middle\" xml:space=\"preserve\"><tspan class=\"{lead_class}\" fill=\"{lead_fill}\" font-weight=\"700\">{}</tspan>{}</text>\n",
        n(mid),
        n(r.y - 8.0),
        p.text,
        escape(&r.lead),
        if r.text.is_empty() {
            String::new()
        } else {
            format!(" {}", escape(&r.text))
        }
    ));
    if let Some(sub) = &r.sub {
        o.push_str(&format!(
            "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
            n(mid),
            n(r.y + 16.0),
            p.muted,
            escape(sub)
        ));
    }
}

fn note(o: &mut String, p: &Palette, r: &Row) {
    let tls = r.tone == Tone::Tls;
    let (class, fill, stroke) = if tls {
        ("fd-note-tls", p.tls_fill, p.tls)
    } else {
        ("fd-note-info", p.note_fill, p.border)
    };
    let h = r.bottom - 6.0 - r.y;
    o.push_str(&format!(
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-opacity=\"0.8\"/>\n",
        n(r.x0),
        n(r.y),
        n(r.x1 - r.x0),
        n(h)
    ));
    o.push_str(&format!(
        "<text class=\"fd-fill-{id}\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"10\" font-weight=\"700\" letter-spacing=\"0.5\">{}</text>\n",
        n(r.x0 + 10.0),
        n(r.y + 16.0),
        tone_colour(p, r.tone),
        if tls { "TLS" } else { "TOOL" },
        id = r.tone.id()
    ));
    for (k, line) in r.note_lines.iter().enumerate() {
        o.push_str(&format!(
            "<text class=\"fd-label\" x=\"{}\" y=\"{}\" fill=\"{}\" font-family=\"{MONO}\" font-size=\"11\" xml:space=\"preserve\">{}</text>\n",
            n(r.x0 + 48.0),
            n(r.y + 16.0 + NOTE_LINE * k as f32),
            p.text,
            escape(line)
        ));
    }
}

fn marker(o: &mut String, p: &Palette, m: &Marker) {
    o.push_str(&format!(
        "<g class=\"fd-marker\"><title>{}</title><path class=\"fd-sev-{sev}\" d=\"{}\" fill=\"{}\"/><text class=\"fd-on-marker\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"9\" font-weight=\"700\" text-anchor=\"middle\">{}</text></g>\n",
        escape(&format!("{} ({}): {}", m.finding, m.severity.as_str(), m.title)),
        shape::marker(m.severity, m.x, m.y),
        severity_colour(p, m.severity),
        n(m.x),
        n(shape::marker_text_y(m.severity, m.y)),
        p.on_marker,
        severity_glyph(m.severity),
        sev = m.severity.as_str()
    ));
}

fn legend(o: &mut String, p: &Palette, l: &Layout) {
    if l.legend.is_empty() {
        o.push_str(&format!(
            "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"11\">{}</text>\n",
            n(PHASE_X),
            n(l.legend_top + 8.0),
            p.muted,
            NO_FINDINGS
        ));
        return;
    }
    o.push_str(&format!(
        "<text class=\"fd-title\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"13\" font-weight=\"700\">Findings</text>\n",
        n(PHASE_X),
        n(l.legend_top + 8.0),
        p.text
    ));
    for item in &l.legend {
        let m = Marker {
            finding: item.finding,
            severity: item.severity,
            title: item.title.clone(),
            x: PHASE_X + 8.0,
            y: item.y - 4.0,
        };
        marker(o, p, &m);
        o.push_str(&format!(
            "<text class=\"fd-legend-text\" x=\"{}\" y=\"{}\" fill=\"{}\"><tspan font-weight=\"700\">{}</tspan><tspan class=\"fd-muted\" fill=\"{}\"> · {}</tspan></text>\n",
            n(PHASE_X + 24.0),
            n(item.y),
            p.text,
            escape(&item.title),
            p.muted,
            escape(&item.meta)
        ));
    }
    o.push_str(&format!(
        "<text class=\"fd-muted\" x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"11\">{}</text>\n",
        n(PHASE_X),
        n(legend_note_y(l)),
        p.muted,
        LEGEND_NOTE
    ));
}

/// Under the findings.
pub const LEGEND_NOTE: &str =
    "Markers sit on the arrows of each finding's evidence. Credentials are masked (••••••).";
/// Instead of the findings.
pub const NO_FINDINGS: &str = "No findings in this session. Credentials are masked (••••••).";

/// Baseline of the footnote under the findings.
pub fn legend_note_y(l: &Layout) -> f32 {
    l.legend
        .last()
        .map_or(l.legend_top + 8.0, |item| item.y + 22.0)
}

/// "line 18", "lines 18–23", "lines 5, 11".
pub fn evidence_words(lines: &[u32]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    match sorted.as_slice() {
        [] => "no line".into(),
        [one] => format!("line {one}"),
        [first, .., last] if (*last - *first) as usize + 1 == sorted.len() => {
            format!("lines {first}–{last}")
        }
        many => {
            let shown: Vec<String> = many.iter().take(6).map(u32::to_string).collect();
            let more = if many.len() > 6 { ", …" } else { "" };
            format!("lines {}{more}", shown.join(", "))
        }
    }
}
