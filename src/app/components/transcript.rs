//! The annotated transcript: every line with its number, who sent it, the
//! channel band (solid = encrypted, striped = cleartext: a pattern, not
//! only a colour), the text with credentials masked, and the explanation
//! of the line under the pointer, the keyboard or a tap.
//!
//! Virtualised: only the rows in view (plus a margin) are in the DOM, so a
//! paste of a million lines scrolls like a short one. Rows have a fixed
//! height ([`ROW_PX`], matched in styles/transcript.css); the spacers above
//! and below are sized through the CSSOM (the CSP forbids `style=`).

use std::rc::Rc;

use smtp_lens::session::{Channel, Dir, Event as SmtpEvent, Kind};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::app::analysis::{event_at, line_has_secret, line_text, session_lines, Analysis};
use crate::app::components::later::{after_frame, drawing_late, Visible};
use crate::app::explain_line::{channel_name, direction, explain, use_catalog};
use smtp_lens::markdown::ref_url;

/// Height of one row in CSS pixels.
pub const ROW_PX: f64 = 22.0;
/// Rows drawn above and below the visible ones: half a view (a new
/// analysis draws them all again, so not more). Each row costs the browser
/// its text's layout and paint (about 0.1 ms), but fewer would leave out
/// lines that tests/e2e/analyzer.test.mjs reads all at once (a 40-line
/// capture) without scrolling.
const MARGIN: u32 = 16;
/// Rows drawn beyond the part of the view that shows in the window, in the
/// first frame of a new analysis (the part is known to within a twentieth
/// of the view's height, about a row, and the page above may move a little).
const SLACK: u32 = 2;

#[derive(Properties, PartialEq)]
pub struct TranscriptProps {
    pub analysis: Rc<Analysis>,
    pub session: usize,
    pub selected: Rc<Vec<u32>>,
    pub selection_seq: u64,
    pub active_line: Option<u32>,
    pub reveal: bool,
    pub on_select_line: Callback<u32>,
    pub on_active: Callback<Option<u32>>,
    pub on_reveal: Callback<()>,
}

#[component]
pub fn Transcript(props: &TranscriptProps) -> Html {
    let a = &props.analysis;
    let viewport = use_node_ref();
    let top = use_node_ref();
    let bottom = use_node_ref();
    let scroll = use_state(|| (0.0f64, 480.0f64));
    // The part of the view inside the window (its observer).
    let visible = use_mut_ref(|| None::<Visible>);

    // Which lines this view covers: the whole paste for one session, the
    // session's own lines when there are several.
    let (from, to) = if a.report.sessions.len() > 1 {
        a.report
            .sessions
            .get(props.session)
            .and_then(|s| session_lines(&s.session))
            .unwrap_or((1, a.index.count()))
    } else {
        (1, a.index.count())
    };
    let total = to.saturating_sub(from) + 1;
    // A new analysis (or session) draws the rows in view first; the margin
    // rows follow in a task after that frame (components/later.rs). Until
    // then the list is marked aria-busy.
    let version = (Rc::as_ptr(&props.analysis) as usize, props.session);
    let margins = use_mut_ref(|| (None::<(usize, usize)>, false));
    let redraw = use_force_update();
    // Drawn after the first frame already (out of view, components/later.rs):
    // everything at once.
    if drawing_late() {
        margins.borrow_mut().0 = Some(version);
    }
    let fresh = margins.borrow().0 != Some(version);
    if fresh && !margins.borrow().1 {
        margins.borrow_mut().1 = true;
        let margins = margins.clone();
        after_frame(move || {
            *margins.borrow_mut() = (Some(version), false);
            redraw.force_update();
        });
    }
    let (scroll_top, view_h) = *scroll;
    let first_vis = (scroll_top / ROW_PX).floor().max(0.0) as u32;
    let (start, end) = if fresh {
        // The first frame of a new analysis: the rows that show, that is
        // the view's rows in the part of the view inside the window (a view
        // half below the window's edge draws half its rows then).
        let (top, bottom) = visible
            .borrow()
            .as_ref()
            .and_then(Visible::part)
            .map_or((0.0, view_h), |(t, b)| (t.max(0.0), b.min(view_h)));
        let from = first_vis + (top / ROW_PX).floor() as u32;
        let to = first_vis + (bottom / ROW_PX).ceil() as u32;
        (from.saturating_sub(SLACK), (to + SLACK).min(total))
    } else {
        (
            first_vis.saturating_sub(MARGIN),
            (first_vis + (view_h / ROW_PX).ceil() as u32 + MARGIN).min(total),
        )
    };

    // Spacers, through the CSSOM.
    {
        let (top, bottom) = (top.clone(), bottom.clone());
        use_effect_with((start, end, total), move |(start, end, total)| {
            set_height(&top, f64::from(*start) * ROW_PX);
            set_height(&bottom, f64::from(total.saturating_sub(*end)) * ROW_PX);
        });
    }
    // Measure the viewport once mounted and when the window is resized
    // (its height follows the window's); watch which part of it shows.
    {
        let viewport = viewport.clone();
        let scroll = scroll.clone();
        let visible = visible.clone();
        use_effect_with((), move |_| {
            *visible.borrow_mut() = viewport
                .cast::<web_sys::Element>()
                .and_then(|v| Visible::observe(&v));
            let measure = move || {
                if let Some(v) = viewport.cast::<HtmlElement>() {
                    let h = f64::from(v.client_height().max(200));
                    let top = f64::from(v.scroll_top());
                    scroll.set((top, h));
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    // Back to the top for a new text. The scroll position is known from
    // the scroll events: a viewport already at the top is left alone (no
    // DOM read or write, so no layout forced in the middle of a render).
    {
        let viewport = viewport.clone();
        let scroll = scroll.clone();
        use_effect_with(
            (Rc::as_ptr(&props.analysis) as usize, props.session),
            move |_| {
                let (top, h) = *scroll;
                if top > 0.0 {
                    if let Some(v) = viewport.cast::<HtmlElement>() {
                        v.set_scroll_top(0);
                    }
                    scroll.set((0.0, h));
                }
            },
        );
    }
    // Scroll a new selection into view.
    {
        let viewport = viewport.clone();
        let selected = props.selected.clone();
        use_effect_with(props.selection_seq, move |_| {
            if let (Some(v), Some(line)) = (viewport.cast::<HtmlElement>(), selected.first()) {
                reveal_row(&v, line.saturating_sub(from), true);
            }
        });
    }

    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let v: HtmlElement = e.target_unchecked_into();
            scroll.set((f64::from(v.scroll_top()), f64::from(v.client_height())));
        })
    };
    let onkeydown = {
        let on_active = props.on_active.clone();
        let on_select = props.on_select_line.clone();
        let viewport = viewport.clone();
        let active = props.active_line;
        let page = ((view_h / ROW_PX) as u32).max(1);
        Callback::from(move |e: KeyboardEvent| {
            let cur = active.unwrap_or(from).clamp(from, to);
            let next = match e.key().as_str() {
                "ArrowDown" => Some((cur + 1).min(to)),
                "ArrowUp" => Some(cur.saturating_sub(1).max(from)),
                "PageDown" => Some((cur + page).min(to)),
                "PageUp" => Some(cur.saturating_sub(page).max(from)),
                "Home" => Some(from),
                "End" => Some(to),
                "Enter" | " " => {
                    e.prevent_default();
                    on_select.emit(cur);
                    None
                }
                "Escape" => {
                    on_active.emit(None);
                    None
                }
                _ => None,
            };
            if let Some(n) = next {
                e.prevent_default();
                on_active.emit(Some(n));
                if let Some(v) = viewport.cast::<HtmlElement>() {
                    reveal_row(&v, n - from, false);
                }
            }
        })
    };
    // One listener for all the rows (not two per row): the row is found
    // from the event's target.
    let onclick = {
        let on_select = props.on_select_line.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(n) = row_of(&e) {
                on_select.emit(n);
            }
        })
    };
    let onmouseover = {
        let on_active = props.on_active.clone();
        let active = props.active_line;
        Callback::from(move |e: MouseEvent| {
            if let Some(n) = row_of(&e).filter(|n| active != Some(*n)) {
                on_active.emit(Some(n));
            }
        })
    };
    let onfocus = {
        let on_active = props.on_active.clone();
        let active = props.active_line;
        Callback::from(move |_: FocusEvent| {
            if active.is_none() {
                on_active.emit(Some(from));
            }
        })
    };

    let rows: Html = (start..end).map(|i| row(props, from + i)).collect();
    let has_secrets = !a.secrets.is_empty();
    let active_desc = props
        .active_line
        .filter(|l| (from..=to).contains(l))
        .map(|l| format!("tl-{l}"));
    let on_reveal = {
        let cb = props.on_reveal.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    html! {
        <section class="panel transcript-panel" aria-labelledby="transcript-view-heading">
            <div class="panel-head">
                <h2 id="transcript-view-heading">{ "Annotated transcript" }</h2>
                <div class="legend" aria-label="Legend">
                    <span class="legend-item"><span class="band-swatch band-encrypted" aria-hidden="true"></span>{ "encrypted" }</span>
                    <span class="legend-item"><span class="band-swatch band-cleartext" aria-hidden="true"></span>{ "cleartext" }</span>
                    <span class="legend-item"><span class="legend-dir" aria-hidden="true">{ "C→" }</span>{ "client" }</span>
                    <span class="legend-item"><span class="legend-dir" aria-hidden="true">{ "←S" }</span>{ "server" }</span>
                    if has_secrets {
                        <button type="button" class={classes!("btn", "btn-small", props.reveal.then_some("is-on"))}
                            data-testid="reveal-toggle" aria-pressed={props.reveal.to_string()} onclick={on_reveal}>
                            { if props.reveal { "Hide credentials" } else { "Reveal credentials" } }
                        </button>
                    }
                </div>
            </div>
            <div class="transcript-layout">
                <div class="transcript-viewport" ref={viewport} {onscroll} {onkeydown} {onfocus} {onclick} {onmouseover}
                    tabindex="0" role="listbox" aria-busy={fresh.then_some("true")}
                    aria-label={format!("Transcript, lines {} to {}. Arrow keys move, Enter selects.", a.paste_line(from), a.paste_line(to))}
                    aria-activedescendant={active_desc}>
                    <div class="spacer" ref={top} aria-hidden="true"></div>
                    { rows }
                    <div class="spacer" ref={bottom} aria-hidden="true"></div>
                </div>
                <LineExplanation analysis={props.analysis.clone()} line={props.active_line} reveal={props.reveal} />
            </div>
        </section>
    }
}

/// One row: a single element and the line's text. The number, the channel
/// band and the direction are drawn by CSS from the row's `data-line` and
/// classes (styles/transcript.css), not as elements of their own: a new
/// transcript then changes a text and a few attributes per row instead of
/// making and styling five elements. What the line means is built only for
/// the line under the pointer or the keyboard ([`LineExplanation`]).
fn row(props: &TranscriptProps, n: u32) -> Html {
    let a = &props.analysis;
    let found = event_at(&a.report, n);
    let event = found.map(|(_, e)| e);
    let text = line_text(a, n, props.reveal);
    let secret = line_has_secret(a, n);
    let user = found.and_then(|(si, _)| {
        a.report
            .sessions
            .get(si)?
            .session
            .auths
            .iter()
            .find(|x| x.line == n)?
            .user
            .clone()
    });
    let selected = props.selected.contains(&n);
    let active = props.active_line == Some(n);
    let mut class = String::with_capacity(64);
    class.push_str("tline ");
    push_row_class(&mut class, event);
    if selected {
        class.push_str(" is-selected");
    }
    if active {
        class.push_str(" is-active");
    }
    html! {
        <div key={n} id={format!("tl-{n}")} role="option" data-line={a.paste_line(n).to_string()}
            {class} aria-selected={if selected { "true" } else { "false" }}>
            <span class="tl-text">{ text }</span>
            if secret {
                <span class="tl-badge">{ if props.reveal { "credential shown" } else { "credential masked" } }</span>
            }
            if let Some(u) = user {
                <span class="tl-badge tl-user">{ format!("user: {u}") }</span>
            }
        </div>
    }
}

/// Adds the row's classes for who sent the line (`d-c` client, `d-s`
/// server, `d-t` the tool's remark, none otherwise), its channel band (`b-e`
/// encrypted, `b-n` the TLS handshake, `b-c` cleartext; none outside the
/// exchange) and its kind (`kind-...`).
fn push_row_class(class: &mut String, event: Option<&SmtpEvent>) {
    let Some(e) = event else {
        class.push_str("kind-none");
        return;
    };
    // As `direction` words it: noise has no sender.
    class.push_str(match (e.kind, e.dir) {
        (Kind::Noise, _) | (_, Dir::None) => "",
        (_, Dir::Client) => "d-c ",
        (_, Dir::Server) => "d-s ",
        (_, Dir::Tool) => "d-t ",
    });
    class.push_str(match e.channel {
        Channel::Encrypted => "b-e ",
        Channel::Negotiating => "b-n ",
        Channel::Cleartext if is_exchange(e) => "b-c ",
        Channel::Cleartext => "",
    });
    class.push_str(match e.kind {
        Kind::Command => "kind-command",
        Kind::Reply => "kind-reply",
        Kind::Data => "kind-data",
        Kind::Tls => "kind-tls",
        Kind::Info => "kind-info",
        Kind::Noise => "kind-noise",
    });
}

/// The transcript line (as the view numbers it: `tl-N`) of the row an
/// event happened in.
fn row_of(e: &MouseEvent) -> Option<u32> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let row = target.closest(".tline").ok()??;
    row.id().strip_prefix("tl-")?.parse().ok()
}

fn is_exchange(e: &SmtpEvent) -> bool {
    matches!(e.kind, Kind::Command | Kind::Reply | Kind::Data | Kind::Tls)
}

fn set_height(node: &NodeRef, px: f64) {
    if let Some(el) = node.cast::<HtmlElement>() {
        let _ = el
            .style()
            .set_property("height", &format!("{}px", px as i64));
    }
}

/// Scrolls the viewport so row `index` is visible (a third from the top
/// when it was far away); with `page`, brings the viewport itself into
/// the window too.
fn reveal_row(v: &HtmlElement, index: u32, page: bool) {
    let y = f64::from(index) * ROW_PX;
    let top = f64::from(v.scroll_top());
    let h = f64::from(v.client_height());
    if y < top || y + ROW_PX > top + h {
        let target = if page {
            y - h / 3.0
        } else if y < top {
            y
        } else {
            y + ROW_PX - h
        };
        v.set_scroll_top(target.max(0.0) as i32);
    }
    if page {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        if let Some(el) = v.dyn_ref::<web_sys::Element>() {
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }
}

#[derive(Properties, PartialEq)]
struct ExplanationProps {
    analysis: Rc<Analysis>,
    line: Option<u32>,
    reveal: bool,
}

/// What the active line means (a live region: screen readers hear it as
/// the keyboard moves).
#[component]
fn LineExplanation(props: &ExplanationProps) -> Html {
    // The catalog's text is loaded on the first line shown (lane size).
    let catalog = use_catalog(props.line.is_some());
    let body = match props.line {
        None => html! {
            <p class="muted">{ "Point at a line, tap it, or move through the transcript with the arrow keys: its meaning shows here." }</p>
        },
        Some(_) if !catalog.ready() => catalog.placeholder(),
        Some(n) => {
            let a = &props.analysis;
            let found = event_at(&a.report, n);
            let event = found.map(|(_, e)| e);
            let text = line_text(a, n, props.reveal);
            let notes = explain(event, &text, event.is_some_and(|e| e.line == n));
            let (_, dir_words) = direction(event);
            let chan = event
                .filter(|e| is_exchange(e))
                .map(|e| channel_name(e.channel));
            html! {
                <>
                    <p class="explain-where">
                        <strong>{ format!("Line {}", a.paste_line(n)) }</strong>
                        { format!(" · {dir_words}") }
                        if let Some(c) = chan {
                            { " · " }
                            <span class={classes!("chan", format!("chan-{}", c.replace(' ', "-")))}>{ c }</span>
                        }
                    </p>
                    { for notes.into_iter().map(|n| html! {
                        <div class="explain-note">
                            <h3>{ n.title }</h3>
                            <p>{ n.text }</p>
                            if !n.refs.is_empty() {
                                <p class="explain-refs">
                                    { for n.refs.iter().map(|r| match ref_url(r) {
                                        Some(url) => html! { <a href={url} target="_blank" rel="noopener noreferrer">{ *r }</a> },
                                        None => html! { <span>{ *r }</span> },
                                    }) }
                                </p>
                            }
                        </div>
                    }) }
                </>
            }
        }
    };
    html! {
        <aside class="line-explanation" aria-live="polite" aria-label="Explanation of the selected line" data-testid="line-explanation">
            { body }
        </aside>
    }
}
