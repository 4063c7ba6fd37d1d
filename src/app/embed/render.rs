//! The compact analysed view, drawn with plain DOM calls (no Yew) into a
//! shadow root: the `?embed` page and the documentation-site script share
//! it, so an iframe and an enhanced `<pre>` look alike.
//!
//! Every piece of transcript text goes in with `set_text_content`, never
//! as HTML. Styles come from one constructable stylesheet adopted by the
//! shadow root: no `<style>` element and no `style` attribute, so it works
//! under a strict Content-Security-Policy and the host page's CSS cannot
//! reach inside (`:host` resets everything that would be inherited).
//!
//! Stable test hooks: `data-testid="smtp-lens-embed"` on the root,
//! `data-testid="verdict"` on each session's verdict, `data-finding-id` +
//! `data-severity` on each finding, `data-line` on each transcript line,
//! `data-testid="flow-diagram"` on the diagram's `<svg>`.

use smtp_lens::share::annotate::{annotate, Line};
use smtp_lens::share::{encode_fragment, redact, RedactOptions, SharedState};
use smtp_lens::{analyze, Options, Report};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

use smtp_lens::session::{Channel, Dir};

/// The stylesheet of the compact view.
const CSS: &str = include_str!("embed.css");

/// Lines shown at most; past that, a note and the link to the full page.
const MAX_LINES: usize = 2_000;

/// Which parts to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Views {
    pub findings: bool,
    pub diagram: bool,
    pub transcript: bool,
}

impl Views {
    pub const ALL: Views = Views {
        findings: true,
        diagram: true,
        transcript: true,
    };
    pub const TRANSCRIPT: Views = Views {
        findings: false,
        diagram: false,
        transcript: true,
    };

    /// `findings`, `transcript`, `diagram`, `all`, or several of them
    /// separated by spaces, commas or `+`; unknown words are ignored and
    /// nothing known gives `default`.
    pub fn parse(s: Option<&str>, default: Views) -> Views {
        let mut v = Views {
            findings: false,
            diagram: false,
            transcript: false,
        };
        for w in s
            .unwrap_or("")
            .split([' ', ',', '+'])
            .map(str::trim)
            .map(str::to_ascii_lowercase)
        {
            match w.as_str() {
                "all" => v = Views::ALL,
                "findings" => v.findings = true,
                "diagram" => v.diagram = true,
                "transcript" => v.transcript = true,
                _ => {}
            }
        }
        if v.findings || v.diagram || v.transcript {
            v
        } else {
            default
        }
    }
}

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's system setting.
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: Option<&str>) -> Theme {
        match s.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Theme::Auto => "theme-auto",
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
        }
    }
}

/// How to draw one view.
#[derive(Debug, Clone)]
pub struct EmbedOptions {
    pub views: Views,
    pub theme: Theme,
    pub port: Option<u16>,
    /// The full page's address (without fragment), for "Open in SMTP Lens".
    pub app_url: Option<String>,
}

/// Parses a port attribute or parameter: 1–65535, else none.
pub fn parse_port(s: Option<&str>) -> Option<u16> {
    s.and_then(|p| p.trim().parse::<u16>().ok())
        .filter(|p| *p != 0)
}

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child)?;
    Ok(())
}

fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Attaches an open shadow root with the view's stylesheet to `host`.
pub fn attach(host: &Element) -> Result<ShadowRoot, JsValue> {
    let root = match host.shadow_root() {
        Some(r) => r,
        None => {
            let init = ShadowRootInit::new(ShadowRootMode::Open);
            host.attach_shadow(&init)?
        }
    };
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    let sheets = js_sys::Array::new();
    sheets.push(&sheet);
    root.set_adopted_style_sheets(&sheets);
    Ok(root)
}

/// Analyses `text` and draws it into `root` (its content is replaced).
/// Returns the report, for callers that want to say more (tests, events).
pub fn render(root: &ShadowRoot, text: &str, opts: &EmbedOptions) -> Result<Report, JsValue> {
    let doc = document()?;
    let report = analyze(
        text,
        &Options {
            port: opts.port,
            format: None,
        },
    );
    let top = el(&doc, "div", &format!("sl {}", opts.theme.class()))?;
    top.set_attribute("data-testid", "smtp-lens-embed")?;
    add(&top, &head(&doc, &report)?)?;
    if opts.views.findings {
        add(&top, &findings(&doc, &report)?)?;
    }
    let mut diagram_css = String::new();
    if opts.views.diagram {
        for i in 0..report.sessions.len() {
            let (fig, css) = super::diagram::diagram(&doc, &report, text, i, opts.theme)?;
            add(&top, &fig)?;
            diagram_css.push_str(css.as_deref().unwrap_or(""));
        }
    }
    if opts.views.transcript {
        add(&top, &transcript(&doc, &report, text)?)?;
    }
    add(&top, &foot(&doc, text, opts)?)?;
    root.set_text_content(None);
    root.append_child(&top)?;
    // The view's sheet first, then the diagrams' palette (replaced on each draw).
    let sheets = js_sys::Array::new();
    sheets.push(&root.adopted_style_sheets().get(0));
    if !diagram_css.is_empty() {
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(&diagram_css)?;
        sheets.push(&sheet);
    }
    root.set_adopted_style_sheets(&sheets);
    Ok(report)
}

/// Draws a message instead of a view (a bad link, an empty transcript).
pub fn render_message(root: &ShadowRoot, theme: Theme, message: &str) -> Result<(), JsValue> {
    let doc = document()?;
    let top = el(&doc, "div", &format!("sl {}", theme.class()))?;
    top.set_attribute("data-testid", "smtp-lens-embed")?;
    let p = text_el(&doc, "p", "sl-message", message)?;
    p.set_attribute("role", "alert")?;
    top.append_child(&p)?;
    root.set_text_content(None);
    root.append_child(&top)?;
    Ok(())
}

fn tls_words(s: &smtp_lens::Session) -> String {
    use smtp_lens::session::TlsMode;
    let version = s
        .tls_version
        .as_deref()
        .map(|v| format!(" ({v})"))
        .unwrap_or_default();
    match s.tls {
        TlsMode::None => "no TLS".into(),
        TlsMode::Starttls if s.tls_established => format!("STARTTLS{version}"),
        TlsMode::Starttls => "STARTTLS, not established".into(),
        TlsMode::Implicit => format!("implicit TLS{version}"),
        TlsMode::Unknown => "TLS not shown".into(),
    }
}

fn head(doc: &Document, report: &Report) -> Result<Element, JsValue> {
    let h = el(doc, "div", "sl-head")?;
    if report.sessions.is_empty() {
        let msg = report
            .diagnostics
            .first()
            .map(|d| d.message.as_str())
            .unwrap_or("No SMTP session found.");
        add(&h, &text_el(doc, "p", "sl-message", msg)?)?;
        return Ok(h);
    }
    for s in &report.sessions {
        let v = el(doc, "div", "sl-verdict")?;
        v.set_attribute("data-testid", "verdict")?;
        v.set_attribute("data-grade", s.verdict.grade.as_str())?;
        let grade = text_el(
            doc,
            "span",
            &format!("sl-grade grade-{}", s.verdict.grade.as_str()),
            s.verdict.grade.as_str(),
        )?;
        grade.set_attribute("title", "Grade: A is best, F is worst")?;
        v.append_child(&grade)?;
        let body = el(doc, "div", "sl-verdict-body")?;
        add(&body, &text_el(doc, "p", "sl-reason", &s.verdict.reason)?)?;
        let format = s
            .session
            .format
            .and_then(smtp_lens::Format::from_id)
            .map(smtp_lens::Format::name)
            .unwrap_or(report.format_name);
        let mut meta = vec![format.to_string()];
        meta.push(match s.session.port {
            Some(p) => format!("port {p}"),
            None => "port not shown".into(),
        });
        meta.push(tls_words(&s.session));
        if let Some(server) = s.session.server {
            meta.push(server.to_string());
        }
        if report.sessions.len() > 1 {
            meta.insert(0, format!("session {}", s.index + 1));
        }
        add(&body, &text_el(doc, "p", "sl-meta", &meta.join(" · "))?)?;
        v.append_child(&body)?;
        h.append_child(&v)?;
    }
    Ok(h)
}

fn lines_words(lines: &[u32]) -> String {
    match lines {
        [] => String::new(),
        [one] => format!("line {one}"),
        many => format!(
            "lines {}",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn findings(doc: &Document, report: &Report) -> Result<Element, JsValue> {
    let sec = el(doc, "section", "sl-findings")?;
    add(&sec, &text_el(doc, "h3", "sl-h", "Findings")?)?;
    if report.findings.is_empty() {
        add(
            &sec,
            &text_el(
                doc,
                "p",
                "sl-none",
                "No findings: nothing insecure or broken was seen.",
            )?,
        )?;
        return Ok(sec);
    }
    let list = el(doc, "ol", "sl-finding-list")?;
    let mut sorted: Vec<&smtp_lens::Finding> = report.findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in sorted {
        let sev = f.severity.as_str();
        let li = el(doc, "li", &format!("sl-finding sev-{sev}"))?;
        li.set_attribute("data-finding-id", f.id)?;
        li.set_attribute("data-severity", sev)?;
        let det = el(doc, "details", "")?;
        let sum = el(doc, "summary", "")?;
        add(
            &sum,
            &text_el(doc, "span", &format!("sl-sev sev-{sev}"), sev)?,
        )?;
        add(&sum, &text_el(doc, "span", "sl-title", &f.title)?)?;
        det.append_child(&sum)?;
        add(&det, &text_el(doc, "p", "sl-why", &f.why)?)?;
        let fix = el(doc, "p", "sl-fix")?;
        add(&fix, &text_el(doc, "strong", "", "Fix: ")?)?;
        fix.append_child(&doc.create_text_node(&f.fix))?;
        det.append_child(&fix)?;
        let mut refs = Vec::new();
        let ev = lines_words(&f.lines);
        if !ev.is_empty() {
            refs.push(format!("Evidence: {ev}"));
        }
        if !f.refs.is_empty() {
            refs.push(f.refs.join(", "));
        }
        refs.push(format!("id {}", f.id));
        add(&det, &text_el(doc, "p", "sl-refs", &refs.join(" · "))?)?;
        li.append_child(&det)?;
        list.append_child(&li)?;
    }
    sec.append_child(&list)?;
    Ok(sec)
}

fn glyph(l: &Line) -> (&'static str, &'static str) {
    match l.dir {
        Some(Dir::Client) => ("C", "dir-client"),
        Some(Dir::Server) => ("S", "dir-server"),
        Some(Dir::Tool) => ("i", "dir-tool"),
        _ => ("", "dir-none"),
    }
}

fn channel_class(c: Option<Channel>) -> &'static str {
    match c {
        Some(Channel::Encrypted) => "ch-encrypted",
        Some(Channel::Negotiating) => "ch-negotiating",
        Some(Channel::Cleartext) => "ch-cleartext",
        None => "",
    }
}

fn transcript(doc: &Document, report: &Report, text: &str) -> Result<Element, JsValue> {
    let sec = el(doc, "section", "sl-transcript")?;
    let legend = el(doc, "p", "sl-legend")?;
    add(
        &legend,
        &text_el(doc, "span", "sl-key dir-client", "C client")?,
    )?;
    add(
        &legend,
        &text_el(doc, "span", "sl-key dir-server", "S server")?,
    )?;
    add(
        &legend,
        &text_el(doc, "span", "sl-key ch-encrypted", "encrypted")?,
    )?;
    add(
        &legend,
        &text_el(doc, "span", "sl-key ch-cleartext", "cleartext")?,
    )?;
    add(
        &legend,
        &text_el(doc, "span", "sl-key", "Click a line for its meaning.")?,
    )?;
    sec.append_child(&legend)?;
    let list = el(doc, "ol", "sl-lines")?;
    let lines = annotate(text, report, MAX_LINES);
    let titles: std::collections::HashMap<&str, &str> =
        report.findings.iter().map(|f| (f.id, &*f.title)).collect();
    for l in &lines {
        let (g, dir_class) = glyph(l);
        let sev = l
            .severity
            .map(|s| format!(" sev-{}", s.as_str()))
            .unwrap_or_default();
        let li = el(
            doc,
            "li",
            &format!("sl-line {dir_class} {}{sev}", channel_class(l.channel)),
        )?;
        li.set_attribute("data-line", &l.no.to_string())?;
        let row = |parent: &Element| -> Result<(), JsValue> {
            add(parent, &text_el(doc, "span", "sl-no", &l.no.to_string())?)?;
            let gl = text_el(doc, "span", "sl-dir", g)?;
            gl.set_attribute("aria-hidden", "true")?;
            parent.append_child(&gl)?;
            add(parent, &text_el(doc, "code", "sl-text", &l.text)?)?;
            Ok(())
        };
        if l.note.is_some() || !l.findings.is_empty() {
            let det = el(doc, "details", "")?;
            let sum = el(doc, "summary", "sl-row")?;
            row(&sum)?;
            det.append_child(&sum)?;
            let box_ = el(doc, "div", "sl-note")?;
            if let Some(n) = &l.note {
                let p = el(doc, "p", "")?;
                add(&p, &text_el(doc, "strong", "", &format!("{}: ", n.title))?)?;
                p.append_child(&doc.create_text_node(&n.text))?;
                box_.append_child(&p)?;
            }
            for id in &l.findings {
                let title = titles.get(id).copied().unwrap_or(id);
                add(
                    &box_,
                    &text_el(doc, "p", "sl-evidence", &format!("Evidence for: {title}"))?,
                )?;
            }
            det.append_child(&box_)?;
            li.append_child(&det)?;
        } else {
            let div = el(doc, "div", "sl-row")?;
            row(&div)?;
            li.append_child(&div)?;
        }
        list.append_child(&li)?;
    }
    sec.append_child(&list)?;
    let total = report.lines as usize;
    if total > lines.len() {
        let more = format!("{} more lines not shown here.", total - lines.len());
        add(&sec, &text_el(doc, "p", "sl-more", &more)?)?;
    }
    Ok(sec)
}

fn foot(doc: &Document, text: &str, opts: &EmbedOptions) -> Result<Element, JsValue> {
    let f = el(doc, "p", "sl-foot")?;
    f.append_child(&doc.create_text_node("Analysed in your browser by SMTP Lens. "))?;
    if let Some(app) = &opts.app_url {
        // Credentials never go into a link, even from a public page.
        let red = redact(
            text,
            &RedactOptions {
                addresses: false,
                hosts: false,
                ips: false,
                keep_reserved: true,
            },
        );
        let state = SharedState {
            transcript: red.text,
            port: opts.port,
            redacted: 1,
            ..SharedState::default()
        };
        if let Ok(frag) = encode_fragment(&state) {
            let a = text_el(doc, "a", "sl-open", "Open in SMTP Lens")?;
            a.set_attribute("href", &format!("{app}#{frag}"))?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
            f.append_child(&a)?;
        }
    }
    Ok(f)
}
