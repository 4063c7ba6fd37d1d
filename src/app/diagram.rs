//! The submission-flow diagram of one session: the engine's
//! [`smtp_lens::diagram::Layout`] drawn as SVG elements (never `inner_html`:
//! every label is a text node), styled by `styles/diagram.css` (light and
//! dark). Each arrow is focusable and clickable and reports its transcript
//! line through `on_select_line`; rows covering a selected line are
//! highlighted; "Download SVG" saves the standalone document written by
//! [`smtp_lens::diagram::to_svg`] through a Blob URL (no inline script, no
//! data URL: CSP-safe).
//!
//! Self-contained (it names the engine as `smtp_lens::...`), so a browser
//! test can compile it on its own with `#[path]`.

use std::cell::RefCell;
use std::rc::Rc;

use smtp_lens::diagram::geometry::{HEAD_TOP, LINE_X, MIN_WIDTH, NOTE_LINE, PHASE_X, WIDTH};
use smtp_lens::diagram::{
    layout, legend_note_y, line_number, phase_title, severity_glyph, shape, tunnel_pill,
    DiagramOptions, Head, Layout, Marker, Row, RowKind, Tone, LEGEND_NOTE, NO_FINDINGS,
};
use smtp_lens::Report;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Rows drawn at first; a button draws the rest (very long sessions).
const FIRST_ROWS: usize = 400;
/// The page shows the title and the verdict already: the component starts
/// its view just above the lifeline heads (the downloaded SVG keeps them).
const CROP_TOP: f32 = HEAD_TOP - 10.0;
/// Rows drawn above and below the scroll box's view (CSS pixels): more than
/// the tallest row, so the keyboard (Tab, the arrow keys) always finds the
/// next row drawn, and the box scrolls it into view.
const MARGIN: i32 = 320;

/// The scroll box's largest height, in CSS pixels: `max-height: min(78vh,
/// 56rem)` in styles/diagram.css is at most 56rem, taken generously (a
/// root font of up to 25 px). The 78vh is read with the box's width, once
/// mounted and on each resize (never in the middle of a render, which
/// would make the browser lay the page out): a 900 px window draws 700 px
/// of rows and the margins, not 1400.
const BOX_MAX: i32 = 1400;
/// `78vh` of that `max-height`.
const BOX_VH: f64 = 0.78;

#[derive(Properties, Clone)]
pub struct FlowDiagramProps {
    pub report: Rc<Report>,
    /// Index of the session in `report.sessions`.
    pub session: usize,
    /// Transcript lines to highlight (e.g. a finding's evidence).
    pub selected_lines: Rc<Vec<u32>>,
    /// Called with the 1-based transcript line of a clicked arrow.
    pub on_select_line: Callback<u32>,
    /// Show only the events up to this 1-based line (the Learn player).
    #[prop_or_default]
    pub reveal_upto: Option<u32>,
    /// The pasted text the report was made from: labels then show commands
    /// and replies as typed (masked). Without it, labels are built from the
    /// session's facts (verbs, codes, addresses).
    #[prop_or_default]
    pub text: Option<Rc<str>>,
    /// Lines of the paste before the report's text (one session of a large
    /// paste is analysed alone): the line column shows the paste's numbers.
    #[prop_or_default]
    pub line_offset: u32,
    /// Draw only the rows in the scroll box's view (and a margin), the box
    /// being styled by styles/diagram.css (its height at most
    /// `min(78vh, 56rem)`): the analyzer's diagram. Without it, every row.
    #[prop_or_default]
    pub windowed: bool,
}

// The report and the text by identity (`Rc::ptr_eq`): a derived comparison
// would walk the whole report on every render of the page around the
// diagram (each hover of a transcript line, each selection), and cost more
// than the layout.
impl PartialEq for FlowDiagramProps {
    fn eq(&self, other: &Self) -> bool {
        let same_text = match (&self.text, &other.text) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Rc::ptr_eq(&self.report, &other.report)
            && same_text
            && self.session == other.session
            && self.selected_lines == other.selected_lines
            && self.on_select_line == other.on_select_line
            && self.reveal_upto == other.reveal_upto
            && self.line_offset == other.line_offset
            && self.windowed == other.windowed
    }
}

/// Identity of the inputs of a layout (pointers: comparing reports by value
/// would cost more than the layout).
#[derive(PartialEq)]
struct LayoutKey {
    report: *const Report,
    session: usize,
    text: Option<(*const u8, usize)>,
    reveal_upto: Option<u32>,
    width: u32,
}

#[component]
pub fn FlowDiagram(props: &FlowDiagramProps) -> Html {
    let scroller = use_node_ref();
    // The width to fit: the scroll box's, in steps of 10 px, kept up to
    // date on window resizes; the layout clamps it to MIN_WIDTH..=WIDTH.
    let width = use_state_eq(|| WIDTH as u32);
    // How far the scroll box is scrolled (`windowed`: only the rows in its
    // view, and a margin, are drawn).
    let scrolled = use_state_eq(|| 0);
    // The scroll box's largest height (see BOX_MAX).
    let box_max = use_state_eq(|| BOX_MAX);
    {
        let scroller = scroller.clone();
        let width = width.clone();
        let box_max = box_max.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<Element>() {
                    let w = el.client_width().max(0) as u32 / 10 * 10;
                    let w = w.clamp(MIN_WIDTH as u32, WIDTH as u32);
                    width.set(w);
                }
                let window_h = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|h| h.as_f64());
                if let Some(h) = window_h {
                    box_max.set(((h * BOX_VH).ceil() as i32).clamp(200, BOX_MAX));
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    let key = LayoutKey {
        report: Rc::as_ptr(&props.report),
        session: props.session,
        text: props.text.as_ref().map(|t| (t.as_ptr(), t.len())),
        reveal_upto: props.reveal_upto,
        width: *width,
    };
    let layout = {
        let report = props.report.clone();
        let text = props.text.clone();
        let (session, reveal_upto) = (props.session, props.reveal_upto);
        use_memo(key, move |key| {
            let opts = DiagramOptions {
                text: text.as_deref(),
                reveal_upto,
                width: Some(key.width as f32),
            };
            layout(&report, session, &opts)
        })
    };
    let limit = use_state(|| FIRST_ROWS);
    // The text alternative is built only while it is open (a closed
    // <details> shows nothing, to anyone): a new report then costs no
    // hidden list.
    let text_open = use_state_eq(|| false);
    let on_text_toggle = {
        let text_open = text_open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                text_open.set(d.has_attribute("open"));
            }
        })
    };
    let download_url: Rc<RefCell<Option<gloo::file::ObjectUrl>>> = use_mut_ref(|| None);

    // Bring the first selected row into view inside the diagram's own
    // scroll box (never scrolls the page). The SVG is drawn at 1:1, so the
    // layout's coordinates are pixels in the box.
    {
        let scroller = scroller.clone();
        let layout = layout.clone();
        use_effect_with(props.selected_lines.clone(), move |lines| {
            let first = (*layout).as_ref().and_then(|l| {
                l.rows
                    .iter()
                    .find(|r| lines.iter().any(|x| r.covers(*x)))
                    .map(|r| (r.top, r.bottom))
            });
            if let (Some(boxed), Some((top, bottom))) = (scroller.cast::<Element>(), first) {
                reveal(&boxed, (top - CROP_TOP) as i32, (bottom - CROP_TOP) as i32);
            }
        });
    }

    let Some(layout) = (*layout).as_ref() else {
        return html! {
            <div class="flow flow-missing">
                <svg data-testid="flow-diagram" class="flow-svg" role="img"
                    aria-label="No session to draw" width="1" height="1" />
                <p class="flow-empty">{ "There is no such session in this paste." }</p>
            </div>
        };
    };

    let id = format!("flow-{}", props.session);
    let shown = layout.rows.len().min(*limit);
    let cut = shown < layout.rows.len();
    let bottom = if cut {
        layout
            .rows
            .get(shown)
            .map(|r| r.top + 8.0)
            .unwrap_or(layout.height)
    } else {
        layout.height
    };
    let height = bottom - CROP_TOP;
    let selected = |r: &Row| props.selected_lines.iter().any(|l| r.covers(*l));

    let on_download = {
        #[cfg(not(feature = "split"))]
        let layout = layout.clone();
        let download_url = download_url.clone();
        let name = format!("smtp-session-{}.svg", props.session + 1);
        let report = props.report.clone();
        let text = props.text.clone();
        let (session, reveal_upto) = (props.session, props.reveal_upto);
        #[cfg(not(feature = "split"))]
        let on_click = move |_: MouseEvent| {
            // The file gets the full-width diagram, whatever the box's width.
            let opts = DiagramOptions {
                text: text.as_deref(),
                reveal_upto,
                width: None,
            };
            let full = smtp_lens::diagram::layout(&report, session, &opts);
            let svg = smtp_lens::diagram::to_svg(full.as_ref().unwrap_or(&layout));
            save_svg(&svg, &name, &download_url);
        };
        // The SVG file is made by the share part, loaded on first use, from
        // the text the report was made from (the page and Learn pass it).
        #[cfg(feature = "split")]
        let on_click = move |_: MouseEvent| {
            let Some(text) = text.clone() else { return };
            let (report, name, download_url) = (report.clone(), name.clone(), download_url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match super::lazy::diagram_svg(&text, &report, session, reveal_upto).await {
                    Ok(svg) => save_svg(&svg, &name, &download_url),
                    Err(why) => web_sys::console::error_1(
                        &format!("SMTP Lens: the SVG file could not be made ({why})").into(),
                    ),
                }
            });
        };
        Callback::from(on_click)
    };
    let on_more = {
        let limit = limit.clone();
        let all = layout.rows.len();
        Callback::from(move |_: MouseEvent| limit.set(all))
    };

    // The rows in the box's view and a margin (in the layout's
    // coordinates): a long diagram costs what shows, and a new analysis
    // draws a screenful, not the whole session. The box's height is taken
    // as its largest.
    let (from, to) = if props.windowed {
        let top = *scrolled;
        (
            CROP_TOP + (top - MARGIN) as f32,
            CROP_TOP + (top + *box_max + MARGIN) as f32,
        )
    } else {
        (f32::MIN, f32::MAX)
    };
    let in_view = |r: &Row| r.bottom >= from && r.top <= to;
    let rows: Html = layout
        .rows
        .iter()
        .take(shown)
        .enumerate()
        .filter(|(_, r)| in_view(r))
        .map(|(k, r)| row(k, r, selected(r), props.line_offset))
        .collect();
    let legend_in_view = layout.legend_top <= to;
    let on_scroll = {
        let scrolled = scrolled.clone();
        let windowed = props.windowed;
        Callback::from(move |e: Event| {
            if windowed {
                let el: Element = e.target_unchecked_into();
                scrolled.set(el.scroll_top());
            }
        })
    };
    // One click and one key listener for all the rows (not two per row):
    // the row is found from the event's target.
    let on_row_click = {
        let on_select = props.on_select_line.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, line)) = row_of(e.target()) {
                on_select.emit(line);
            }
        })
    };
    let on_row_key = {
        let on_select = props.on_select_line.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some((k, line)) = row_of(e.target()) else {
                return;
            };
            match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    on_select.emit(line);
                }
                "ArrowDown" | "ArrowUp" => {
                    e.prevent_default();
                    let next = if e.key() == "ArrowDown" {
                        Some(k + 1)
                    } else {
                        k.checked_sub(1)
                    };
                    if let (Some(next), Some(target)) = (next, e.target()) {
                        focus_row(&target, next);
                    }
                }
                _ => {}
            }
        })
    };

    html! {
        <figure class="flow" aria-labelledby={format!("{id}-caption")}>
            <div class="flow-toolbar">
                <figcaption id={format!("{id}-caption")} class="flow-caption">
                    { layout.title.clone() }
                </figcaption>
                <span class="flow-key" aria-hidden="true">
                    <span class="flow-key-item flow-key-command">{ "client → server" }</span>
                    <span class="flow-key-item flow-key-reply">{ "server → client" }</span>
                    <span class="flow-key-item flow-key-tunnel">{ "TLS tunnel" }</span>
                </span>
                <button type="button" class="flow-download" onclick={on_download}
                    title="Save this diagram as a standalone SVG file (credentials masked)">
                    { "Download SVG" }
                </button>
            </div>
            <div class="flow-scroll" ref={scroller} onscroll={on_scroll}>
                <svg
                    data-testid="flow-diagram"
                    class="flow-svg"
                    width={n(layout.width)}
                    height={n(height)}
                    viewBox={format!("0 {} {} {}", n(CROP_TOP), n(layout.width), n(height))}
                    role="group"
                    aria-roledescription="sequence diagram"
                    aria-labelledby={format!("{id}-title")}
                    aria-describedby={format!("{id}-desc")}
                    onclick={on_row_click} onkeydown={on_row_key}
                >
                    <title id={format!("{id}-title")}>{ layout.title.clone() }</title>
                    <desc id={format!("{id}-desc")}>{ layout.summary.clone() }</desc>
                    { bands(layout) }
                    { tunnel(layout) }
                    { head(&layout.client, layout) }
                    { head(&layout.server, layout) }
                    { empty(layout) }
                    { rows }
                    { if cut || !legend_in_view { Html::default() } else { legend(layout, &props.on_select_line) } }
                </svg>
            </div>
            if cut {
                <button type="button" class="flow-more" onclick={on_more}>
                    { format!("Draw the remaining {} steps", layout.rows.len() - shown) }
                </button>
            }
            { text_alternative(layout, shown, *text_open, on_text_toggle, &props.selected_lines, &props.on_select_line) }
        </figure>
    }
}

/// Starts a download of `url` as `name` through a detached `<a download>`.
/// Saves `svg` as the file `name`; the URL stays alive until the next
/// download or unmount.
fn save_svg(svg: &str, name: &str, download_url: &RefCell<Option<gloo::file::ObjectUrl>>) {
    let blob = gloo::file::Blob::new_with_options(svg, Some("image/svg+xml"));
    let url = gloo::file::ObjectUrl::from(blob);
    save(&url, name);
    *download_url.borrow_mut() = Some(url);
}

fn save(url: &gloo::file::ObjectUrl, name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", url);
    let _ = a.set_attribute("download", name);
    if let Ok(a) = a.dyn_into::<HtmlElement>() {
        a.click();
    }
}

/// Scrolls the diagram box so the span `top..bottom` shows.
fn reveal(boxed: &Element, top: i32, bottom: i32) {
    let (from, height) = (boxed.scroll_top(), boxed.client_height());
    if height > 0 && (top < from || bottom > from + height) {
        boxed.set_scroll_top((top - height / 3).max(0));
    }
}

fn n(v: f32) -> String {
    shape::n(v)
}

fn bands(l: &Layout) -> Html {
    l.phases
        .iter()
        .enumerate()
        .map(|(k, b)| {
            html! {
                <g class={classes!("fd-phase", format!("fd-phase-{}", b.phase.id()))}>
                    if k % 2 == 1 {
                        <rect class="fd-band" x="0" y={n(b.top)} width={n(l.width)} height={n(b.bottom - b.top)} />
                    }
                    <text class="fd-phase-label" x={n(PHASE_X)} y={n(b.top + 11.0)}>
                        { phase_title(&b.label) }
                    </text>
                </g>
            }
        })
        .collect()
}

fn tunnel(l: &Layout) -> Html {
    let Some(t) = &l.tunnel else {
        return Html::default();
    };
    let (px, w) = tunnel_pill(t);
    html! {
        <g class="fd-tunnel-group">
            <rect class="fd-tunnel" x={n(t.x0)} y={n(t.top)} width={n(t.x1 - t.x0)}
                height={n(t.bottom - t.top)} rx="14" />
            <rect class="fd-tunnel-pill" x={n(px)} y={n(t.top - 9.0)} width={n(w)} height="18" rx="9" />
            <text class="fd-tunnel-label" x={n(px + w / 2.0)} y={n(t.top + 4.0)} text-anchor="middle">
                { t.label.clone() }
            </text>
        </g>
    }
}

fn head(h: &Head, l: &Layout) -> Html {
    html! {
        <g class="fd-head-group">
            <line class="fd-lifeline" x1={n(h.x)} y1={n(l.lifeline_top)} x2={n(h.x)} y2={n(l.lifeline_bottom)} />
            <rect class="fd-head" x={n(h.x - h.width / 2.0)} y={n(h.top)} width={n(h.width)}
                height={n(h.height)} rx="8" />
            <text class="fd-head-role" x={n(h.x)} y={n(h.top + 21.0)} text-anchor="middle">{ h.role }</text>
            { h.lines.iter().enumerate().map(|(k, line)| html! {
                <text class="fd-head-text" x={n(h.x)} y={n(h.top + 21.0 + 16.0 * (k as f32 + 1.0))}
                    text-anchor="middle">{ line.clone() }</text>
            }).collect::<Html>() }
        </g>
    }
}

fn empty(l: &Layout) -> Html {
    match &l.empty {
        Some(msg) => html! {
            <text class="fd-empty" x={n((l.client.x + l.server.x) / 2.0)} y={n(l.lifeline_top + 40.0)}
                text-anchor="middle">{ msg.clone() }</text>
        },
        None => Html::default(),
    }
}

/// The row's line number (or range) in the paste.
fn paste_line_number(r: &Row, offset: u32) -> String {
    if offset == 0 {
        return line_number(r);
    }
    let (from, to) = (
        r.line.saturating_add(offset),
        r.end_line.saturating_add(offset),
    );
    let range = format!("{from}–{to}");
    if to > from && range.chars().count() <= 9 {
        range
    } else {
        from.to_string()
    }
}

/// One arrow or note. It is drawn in its own coordinates (`translate` to
/// its top), so two reports whose rows look alike differ only in the
/// rows' offsets and texts: a new analysis then changes few attributes.
fn row(k: usize, r: &Row, selected: bool, offset: u32) -> Html {
    let dy = r.top;
    let local = shifted(r, dy);
    let class = classes!(
        "flow-row",
        format!("flow-row-{}", kind_id(r.kind)),
        format!("fd-tone-{}", r.tone.id()),
        r.inferred.then_some("is-inferred"),
        selected.then_some("is-selected"),
        (!r.markers.is_empty()).then_some("has-findings"),
    );
    let line_y = if r.kind == RowKind::Note {
        local.y + 15.0
    } else {
        local.y + 4.0
    };
    html! {
        <g {class} tabindex="0" role="button"
            transform={format!("translate(0 {})", n(dy))}
            aria-label={r.describe.clone()}
            aria-pressed={if selected { "true" } else { "false" }}
            data-flow-line={r.line.to_string()}
            data-event={r.event.to_string()}
            data-row={k.to_string()}>
            <rect class="fd-hit" x={n(LINE_X - 54.0)} y="1"
                width={n(r.x0.max(r.x1) + 40.0 - (LINE_X - 54.0))} height={n(r.bottom - r.top - 2.0)} rx="6" />
            <text class="fd-lineno" x={n(LINE_X)} y={n(line_y)} text-anchor="end">
                { paste_line_number(r, offset) }
            </text>
            { if r.kind == RowKind::Note { note(r, &local) } else { arrow(r, &local) } }
            { r.markers.iter().map(|m| marker(m, dy)).collect::<Html>() }
        </g>
    }
}

/// The geometry of `r` moved up by `dy` (texts left out: drawing reads
/// them from `r`).
fn shifted(r: &Row, dy: f32) -> Row {
    Row {
        kind: r.kind,
        event: r.event,
        events: r.events,
        line: r.line,
        end_line: r.end_line,
        phase: r.phase,
        channel: r.channel,
        tone: r.tone,
        inferred: r.inferred,
        top: r.top - dy,
        bottom: r.bottom - dy,
        y: r.y - dy,
        x0: r.x0,
        x1: r.x1,
        lead: String::new(),
        text: String::new(),
        sub: None,
        note_lines: Vec::new(),
        describe: String::new(),
        markers: Vec::new(),
    }
}

/// The row (its index and transcript line) an event happened in.
fn row_of(target: Option<web_sys::EventTarget>) -> Option<(usize, u32)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let row = el.closest("[data-row]").ok()??;
    let k = row.get_attribute("data-row")?.parse().ok()?;
    let line = row.get_attribute("data-flow-line")?.parse().ok()?;
    Some((k, line))
}

/// Moves keyboard focus to row `k` of the diagram holding `from`.
fn focus_row(from: &web_sys::EventTarget, k: usize) {
    let Some(el) = from.dyn_ref::<Element>() else {
        return;
    };
    let Ok(Some(svg)) = el.closest("svg") else {
        return;
    };
    if let Ok(Some(next)) = svg.query_selector(&format!("[data-row=\"{k}\"]")) {
        // SVG elements have focus() too; HtmlElement's binding calls it by name.
        let _ = next.unchecked_into::<HtmlElement>().focus();
    }
}

fn kind_id(k: RowKind) -> &'static str {
    match k {
        RowKind::Command => "command",
        RowKind::Reply => "reply",
        RowKind::Data => "data",
        RowKind::Note => "note",
    }
}

/// An arrow: texts from `r`, geometry from `g` (the row's own coordinates).
fn arrow(r: &Row, g: &Row) -> Html {
    let (a, b) = shape::shaft(g);
    let mid = (g.x0 + g.x1) / 2.0;
    html! {
        <>
            <line class="fd-shaft" x1={n(a)} y1={n(g.y)} x2={n(b)} y2={n(g.y)} />
            <path class="fd-arrowhead" d={shape::arrow_head(g)} />
            <text class="fd-label" x={n(mid)} y={n(g.y - 8.0)} text-anchor="middle">
                <tspan class="fd-lead">{ r.lead.clone() }</tspan>
                if !r.text.is_empty() {
                    { format!(" {}", r.text) }
                }
            </text>
            if let Some(sub) = &r.sub {
                <text class="fd-sub" x={n(mid)} y={n(g.y + 16.0)} text-anchor="middle">{ sub.clone() }</text>
            }
        </>
    }
}

/// A note: texts from `r`, geometry from `g` (the row's own coordinates).
fn note(r: &Row, g: &Row) -> Html {
    let tls = r.tone == Tone::Tls;
    let h = g.bottom - 6.0 - g.y;
    html! {
        <>
            <rect class={if tls { "fd-note fd-note-tls" } else { "fd-note fd-note-info" }}
                x={n(g.x0)} y={n(g.y)} width={n(g.x1 - g.x0)} height={n(h)} rx="6" />
            <text class="fd-note-tag" x={n(g.x0 + 10.0)} y={n(g.y + 16.0)}>
                { if tls { "TLS" } else { "TOOL" } }
            </text>
            { r.note_lines.iter().enumerate().map(|(k, line)| html! {
                <text class="fd-note-text" x={n(g.x0 + 48.0)} y={n(g.y + 16.0 + NOTE_LINE * k as f32)}>
                    { line.clone() }
                </text>
            }).collect::<Html>() }
        </>
    }
}

/// A finding's marker, moved up by `dy` (the row's offset).
fn marker(m: &Marker, dy: f32) -> Html {
    let y = m.y - dy;
    html! {
        <g class={classes!("fd-marker", format!("fd-sev-{}", m.severity.as_str()))}
            data-finding={m.finding}>
            <title>{ format!("{} ({}): {}", m.finding, m.severity.as_str(), m.title) }</title>
            <path class="fd-marker-shape" d={shape::marker(m.severity, m.x, y)} />
            <text class="fd-marker-glyph" x={n(m.x)} y={n(shape::marker_text_y(m.severity, y))}
                text-anchor="middle">{ severity_glyph(m.severity) }</text>
        </g>
    }
}

fn legend(l: &Layout, on_select: &Callback<u32>) -> Html {
    if l.legend.is_empty() {
        return html! {
            <text class="fd-legend-note" x={n(PHASE_X)} y={n(l.legend_top + 8.0)}>
                { NO_FINDINGS }
            </text>
        };
    }
    html! {
        <g class="fd-legend">
            <text class="fd-legend-title" x={n(PHASE_X)} y={n(l.legend_top + 8.0)}>{ "Findings" }</text>
            <text class="fd-legend-note" x={n(PHASE_X)} y={n(legend_note_y(l))}>{ LEGEND_NOTE }</text>
            { l.legend.iter().map(|item| {
                let m = Marker {
                    finding: item.finding,
                    severity: item.severity,
                    title: item.title.clone(),
                    x: PHASE_X + 8.0,
                    y: item.y - 4.0,
                };
                let target = item.first_row_line;
                let onclick = {
                    let on_select = on_select.clone();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(line) = target {
                            on_select.emit(line);
                        }
                    })
                };
                html! {
                    <g class="fd-legend-item" data-finding={item.finding} {onclick}>
                        { marker(&m, 0.0) }
                        <text class="fd-legend-text" x={n(PHASE_X + 24.0)} y={n(item.y)}>
                            <tspan class="fd-legend-name">{ item.title.clone() }</tspan>
                            <tspan class="fd-legend-meta">
                                { format!(" · {}", item.meta) }
                            </tspan>
                        </text>
                    </g>
                }
            }).collect::<Html>() }
        </g>
    }
}

/// The same flow as a list: for screen readers, small screens and copying.
fn text_alternative(
    l: &Layout,
    shown: usize,
    open: bool,
    ontoggle: Callback<Event>,
    selected: &Rc<Vec<u32>>,
    on_select: &Callback<u32>,
) -> Html {
    if !open {
        return html! {
            <details class="flow-text" {ontoggle}>
                <summary>{ "The flow as text" }</summary>
            </details>
        };
    }
    html! {
        <details class="flow-text" open=true {ontoggle}>
            <summary>{ "The flow as text" }</summary>
            <p class="flow-text-summary">{ l.summary.clone() }</p>
            <ol class="flow-text-list">
                { for l.rows.iter().take(shown).map(|r| {
                    let line = r.line;
                    let onclick = {
                        let on_select = on_select.clone();
                        Callback::from(move |_: MouseEvent| on_select.emit(line))
                    };
                    let is_selected = selected.iter().any(|x| r.covers(*x));
                    html! {
                        <li class={classes!(is_selected.then_some("is-selected"))}>
                            <button type="button" class="flow-text-step" {onclick}
                                aria-pressed={if is_selected { "true" } else { "false" }}>
                                { r.describe.clone() }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </details>
    }
}
