//! The paste area: a text box with line numbers (only a block around the
//! visible ones is drawn, as one text node, so a paste of a million lines
//! costs nothing to scroll), file drop
//! and pick, the examples, Clear, and what was detected with the port and
//! format overrides.

use std::rc::Rc;

use smtp_lens::Format;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::effects;
use crate::app::examples::EXAMPLES;
use crate::app::large::BigText;
use crate::app::state::PortChoice;
use wasm_bindgen::JsCast;

/// Height of one text box line, in CSS pixels (styles/input.css).
const LINE_PX: f64 = 20.0;

/// What the engine detected, shown next to the overrides.
#[derive(Clone, PartialEq, Default)]
pub struct Detected {
    pub format_name: String,
    pub port: Option<u16>,
    /// The port came from the transcript (not from the override).
    pub port_from_transcript: bool,
    pub sessions: usize,
}

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub text: Rc<str>,
    /// Bumped when the text was set from outside (example, file, clear).
    pub loaded: u64,
    pub port: PortChoice,
    pub format: Option<Format>,
    /// A paste too long for the box (its length in UTF-16 units): it is
    /// kept outside it (a text box with megabytes in it makes the browser
    /// itself slow).
    pub held: Option<u32>,
    pub on_big: Callback<crate::app::large::BigText>,
    pub detected: Option<Detected>,
    /// "Analysing…" and the like.
    pub status: AttrValue,
    pub on_typed: Callback<String>,
    pub on_example: Callback<&'static str>,
    pub on_clear: Callback<()>,
    pub on_files: Callback<web_sys::FileList>,
    pub on_port: Callback<PortChoice>,
    pub on_format: Callback<Option<Format>>,
}

const PLACEHOLDER: &str =
    "Paste an SMTP session here: the output of swaks, curl -v, openssl s_client, \
Python smtplib, PHPMailer, nodemailer, JavaMail, msmtp… or a Postfix / Exim log.\n\n\
220 mail.example.com ESMTP Postfix\n\
EHLO client.example.org\n\
250-mail.example.com\n\
250-STARTTLS\n\
250 AUTH PLAIN LOGIN";

#[component]
pub fn InputPanel(props: &InputProps) -> Html {
    let textarea = use_node_ref();
    let gutter = use_node_ref();
    let file_input = use_node_ref();
    // The block of line numbers drawn (see `numbers_window`; `_eq`: a
    // scroll within it does not render) and the box's scroll offset.
    let window = use_state_eq(|| numbers_window(0.0, 400.0));
    let scroll_top = use_mut_ref(|| 0.0f64);
    let dragging = use_state(|| false);
    // The line count while typing (the analysis may lag behind).
    let typed_lines = use_state(|| None::<u32>);
    // A paste the page could not read (see `onpaste`), said next to the
    // size (`_eq`: clearing it on every paste must not render the panel).
    let unread = use_state_eq(|| false);

    // Text set from outside goes into the box (the box is the source of
    // truth while the user types).
    {
        let textarea = textarea.clone();
        let text = props.text.clone();
        let typed_lines = typed_lines.clone();
        let held = props.held.is_some();
        use_effect_with(props.loaded, move |_| {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                if held {
                    t.set_value("");
                } else if t.value() != *text {
                    t.set_value(&text);
                }
                t.set_scroll_top(0);
            }
            typed_lines.set(None);
        });
    }

    let counted = use_memo(props.text.clone(), |t| count_lines(t));
    let line_count = typed_lines.unwrap_or(*counted);
    let size_text = match props.held {
        Some(units) => format!(
            "{}.{} million characters",
            units / 1_000_000,
            units % 1_000_000 / 100_000
        ),
        None => describe(line_count, props.text.len()),
    };
    let (from, to) = *window;
    let last = to.min(line_count.max(1));

    // Move the numbers to where the text is (CSSOM, allowed by the CSP),
    // after a render that changed the block; a scroll within the block
    // moves it from `onscroll` without a render.
    {
        let gutter = gutter.clone();
        let scroll_top = scroll_top.clone();
        use_effect_with(from, move |from| {
            place_numbers(&gutter, *from, *scroll_top.borrow());
        });
    }

    let oninput = {
        let on_typed = props.on_typed.clone();
        let on_big = props.on_big.clone();
        let typed_lines = typed_lines.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            // Read the value as a JavaScript string first: a large one is
            // never converted here.
            let value = js_sys::Reflect::get(&t, &"value".into()).unwrap_or_default();
            match BigText::of(value) {
                Ok(big) => {
                    // Out of the box before the browser lays it out.
                    t.set_value("");
                    typed_lines.set(None);
                    on_big.emit(big);
                }
                Err(small) => {
                    let value = small.as_string().unwrap_or_default();
                    typed_lines.set(Some(count_lines(&value)));
                    on_typed.emit(value);
                }
            }
        })
    };
    // A large paste never enters the box.
    let onpaste = {
        let on_big = props.on_big.clone();
        let typed_lines = typed_lines.clone();
        let textarea = textarea.clone();
        let unread = unread.clone();
        Callback::from(move |e: Event| {
            // The worker, if focus did not start it yet.
            let _ = crate::app::large::worker();
            unread.set(false);
            // Where the page may read the clipboard without asking (the
            // user granted it), the browser reads it without blocking the
            // page (the paste event's getData blocks the main thread while
            // the browser fetches the clipboard: 0.4-0.6 s at 20 MB, the
            // same on a bare page; `node tests/e2e/paste-floor.mjs`). A
            // paste under the large size is then typed into the box as
            // the browser's own paste would be.
            // If that read fails (the permission taken back meanwhile, the
            // window no longer focused), the paste event's data is gone
            // with the event: the page says so, and reads the next paste
            // through the paste event (`effects::read_text_failed`).
            if effects::clipboard_read_granted() {
                if let Some(read) = effects::read_clipboard_text() {
                    e.prevent_default();
                    let on_big = on_big.clone();
                    let typed_lines = typed_lines.clone();
                    let textarea = textarea.clone();
                    let unread = unread.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let Ok(value) = wasm_bindgen_futures::JsFuture::from(read).await else {
                            crate::app::large::hint_small();
                            effects::read_text_failed();
                            unread.set(true);
                            return;
                        };
                        match BigText::of(value) {
                            Ok(big) => {
                                crate::app::large::prepare_fast();
                                typed_lines.set(None);
                                on_big.emit(big);
                            }
                            Err(small) => {
                                crate::app::large::hint_small();
                                // Nothing to paste (an image, say): as the
                                // browser, leave the box as it is.
                                let text = small.as_string().unwrap_or_default();
                                if text.is_empty() {
                                    return;
                                }
                                // Into the box even if the focus moved meanwhile.
                                if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                                    let _ = t.focus();
                                }
                                effects::insert_text(&text);
                            }
                        }
                    });
                    return;
                }
            }
            let Some(data) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|ce| ce.clipboard_data())
            else {
                return;
            };
            // getData as a JavaScript string (web-sys would convert it).
            let get = js_sys::Reflect::get(&data, &"getData".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            let Some(value) = get.and_then(|f| f.call1(&data, &"text".into()).ok()) else {
                crate::app::large::hint_small();
                return;
            };
            match BigText::of(value) {
                Ok(big) => {
                    e.prevent_default();
                    crate::app::large::prepare_fast();
                    typed_lines.set(None);
                    on_big.emit(big);
                }
                Err(_) => crate::app::large::hint_small(),
            }
        })
    };
    // Ctrl+V (Cmd+V) or Shift+Insert: a paste is coming, of a size the page
    // learns only once the browser has read the clipboard (for a large one,
    // tenths of a second in which the page can do nothing): the worker is
    // told now, to get the engine for large pastes ready meanwhile if the
    // read takes long (see `large::hint_paste`).
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let key = e.key();
        let paste =
            ((e.ctrl_key() || e.meta_key()) && !e.alt_key() && key.eq_ignore_ascii_case("v"))
                || (e.shift_key() && key == "Insert");
        if paste {
            crate::app::large::hint_paste();
        }
    });
    // The user reaches for the box: start the background worker, so it is
    // ready if a large paste comes (the browser cannot start it while it
    // reads a large clipboard).
    let onfocus = Callback::from(|_: FocusEvent| {
        let _ = crate::app::large::worker();
        effects::watch_clipboard_permission();
    });
    let onscroll = {
        let window = window.clone();
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let top = f64::from(t.scroll_top());
            *scroll_top.borrow_mut() = top;
            let w = numbers_window(top, f64::from(t.client_height()));
            place_numbers(&gutter, w.0, top);
            // A new block is rendered (placed again by the effect above).
            window.set(w);
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                let _ = crate::app::large::worker();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let _ = crate::app::large::worker();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                if files.length() > 0 {
                    e.prevent_default();
                    on_files.emit(files);
                }
            }
        })
    };
    let on_pick = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = crate::app::large::worker();
            if let Some(i) = file_input.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let on_file_chosen = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = i.files() {
                on_files.emit(files);
            }
            i.set_value("");
        })
    };
    let on_example = {
        let on_example = props.on_example.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let id = s.value();
            if let Some(ex) = EXAMPLES.iter().find(|x| x.id == id) {
                on_example.emit(ex.id);
            }
            s.set_value("");
        })
    };
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };

    // One text node, a number a line: a paste or a keystroke that changes
    // the line count changes one node, and a scroll within the block none.
    let numbers = number_lines(from, last);

    html! {
        <section class={classes!("panel", "input-panel", (*dragging).then_some("is-dragging"))}
            aria-labelledby="transcript-heading"
            {ondragover} {ondragleave} {ondrop}>
            <div class="panel-head">
                <h2 id="transcript-heading">
                    <label for="transcript-input">{ "Transcript" }</label>
                </h2>
                <div class="input-actions">
                    <label class="visually-hidden" for="example-select">{ "Load an example" }</label>
                    <select id="example-select" class="select" data-testid="example-select" onchange={on_example}>
                        <option value="" selected=true>{ "Load example…" }</option>
                        { for EXAMPLES.iter().map(|x| html! {
                            <option value={x.id}>{ x.title }{ if x.reconstructed { " (reconstructed)" } else { "" } }</option>
                        }) }
                    </select>
                    <button type="button" class="btn" onclick={on_pick}
                        title="Open a .txt, .log or .eml file (or drop it on the box)">
                        { "Open file…" }
                    </button>
                    <input ref={file_input} type="file" class="visually-hidden" tabindex="-1"
                        aria-hidden="true" accept=".txt,.log,.eml,text/plain,message/rfc822"
                        onchange={on_file_chosen} />
                    <button type="button" class="btn" data-testid="clear" onclick={on_clear}
                        disabled={props.text.is_empty() && props.held.is_none()}>
                        { "Clear" }
                    </button>
                </div>
            </div>
            if props.held.is_some() {
                <div class="held" data-testid="held-paste">
                    <p><strong>{ "Large paste, analysed as a whole" }</strong></p>
                    <p class="muted">{ "It is kept outside the text box, which would slow the browser down at this size, and it is not kept for a reload (too large for the tab's storage). The annotated transcript below shows one session at a time. Clear to paste something else." }</p>
                </div>
            }
            <div class={classes!("editor", props.held.is_some().then_some("is-held"))}>
                <div class="editor-gutter" aria-hidden="true">
                    <div class="editor-numbers" ref={gutter}>{ numbers }</div>
                </div>
                <textarea
                    ref={textarea}
                    id="transcript-input"
                    class="transcript-input"
                    data-testid="transcript-input"
                    placeholder={PLACEHOLDER}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-describedby="input-status"
                    {oninput}
                    {onfocus}
                    {onscroll}
                    {onpaste}
                    {onkeydown}
                />
                if *dragging {
                    <div class="drop-hint" aria-hidden="true">{ "Drop the file to analyse it" }</div>
                }
            </div>
            <div class="input-foot">
                <p id="input-status" class="input-status" aria-live="polite" data-testid="input-stats">
                    { size_text }
                    if *unread {
                        <span class="status-sep" aria-hidden="true">{ " · " }</span>
                        <span class="status-text" data-testid="paste-unread">
                            { "The clipboard could not be read: paste again." }
                        </span>
                    }
                    if !props.status.is_empty() {
                        <span class="status-sep" aria-hidden="true">{ " · " }</span>
                        <span class="status-text">{ props.status.clone() }</span>
                    }
                </p>
                <Overrides detected={props.detected.clone()} port={props.port} format={props.format}
                    on_port={props.on_port.clone()} on_format={props.on_format.clone()} />
            </div>
            <p class="privacy-note">
                { "Nothing you paste leaves this page: the analysis runs in your browser. The draft is kept in this tab only (session storage), so it is gone when the tab closes." }
            </p>
        </section>
    }
}

/// Line numbers are drawn a block at a time: from a multiple of this many
/// lines, at least two of them and the whole view.
const NUMBERS_BLOCK: u32 = 128;

/// The block of line numbers (0-based first line, end exclusive) for a box
/// scrolled to `scroll_top` showing `view_h` pixels: it changes only when
/// the view leaves the block.
fn numbers_window(scroll_top: f64, view_h: f64) -> (u32, u32) {
    let first = (scroll_top / LINE_PX).floor().max(0.0) as u32;
    let shown = (view_h.max(0.0) / LINE_PX).ceil() as u32 + 2;
    let from = first / NUMBERS_BLOCK * NUMBERS_BLOCK;
    (from, (from + 2 * NUMBERS_BLOCK).max(first + shown))
}

/// The numbers `from + 1 ..= last`, a line each. Made on every render of
/// the panel (each keystroke), so written digit by digit: the formatting
/// machinery cost a keystroke's render about 0.15 ms for 256 numbers.
fn number_lines(from: u32, last: u32) -> String {
    let mut out = String::with_capacity((last.saturating_sub(from) * 5) as usize);
    for n in from + 1..=last {
        if n > from + 1 {
            out.push('\n');
        }
        let n = u64::from(n);
        let mut unit = 1u64;
        while unit * 10 <= n {
            unit *= 10;
        }
        while unit > 0 {
            out.push(char::from(b'0' + (n / unit % 10) as u8));
            unit /= 10;
        }
    }
    out
}

/// Moves the numbers block starting at line `from` to where the box,
/// scrolled to `scroll_top`, shows that line.
fn place_numbers(gutter: &NodeRef, from: u32, scroll_top: f64) {
    if let Some(g) = gutter.cast::<HtmlElement>() {
        let offset = f64::from(from) * LINE_PX - scroll_top;
        let _ = g
            .style()
            .set_property("transform", &format!("translateY({}px)", offset as i64));
    }
}

fn count_lines(text: &str) -> u32 {
    if text.is_empty() {
        return 0;
    }
    let n = memchr_count(text.as_bytes());
    let n = if text.ends_with('\n') { n } else { n + 1 };
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

fn describe(lines: u32, bytes: usize) -> String {
    let size = if bytes >= 1_000_000 {
        format!(
            "{} MB",
            crate::app::numbers::one_decimal(bytes as f64 / 1_000_000.0)
        )
    } else if bytes >= 10_000 {
        format!("{} KB", bytes / 1000)
    } else {
        format!("{bytes} bytes")
    };
    let unit = if lines == 1 { "line" } else { "lines" };
    format!("{lines} {unit} · {size}")
}

#[derive(Properties, PartialEq)]
struct OverridesProps {
    detected: Option<Detected>,
    port: PortChoice,
    format: Option<Format>,
    on_port: Callback<PortChoice>,
    on_format: Callback<Option<Format>>,
}

const PORTS: &[u16] = &[25, 465, 587, 2525];

/// The detected format and port, each with its override.
#[component]
fn Overrides(props: &OverridesProps) -> Html {
    let other = match props.port {
        PortChoice::Fixed(p) if !PORTS.contains(&p) => Some(p),
        _ => None,
    };
    let port_value = match props.port {
        PortChoice::Auto => "auto".to_string(),
        PortChoice::Fixed(p) if PORTS.contains(&p) => p.to_string(),
        PortChoice::Fixed(_) => "other".to_string(),
    };
    let other_open = use_state(|| false);
    let on_port = {
        let cb = props.on_port.clone();
        let other_open = other_open.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            match s.value().as_str() {
                "auto" => {
                    other_open.set(false);
                    cb.emit(PortChoice::Auto);
                }
                "other" => other_open.set(true),
                v => {
                    other_open.set(false);
                    if let Ok(p) = v.parse() {
                        cb.emit(PortChoice::Fixed(p));
                    }
                }
            }
        })
    };
    let on_other = {
        let cb = props.on_port.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            match i.value().trim().parse::<u16>() {
                Ok(p) if p > 0 => cb.emit(PortChoice::Fixed(p)),
                _ => cb.emit(PortChoice::Auto),
            }
        })
    };
    let on_format = {
        let cb = props.on_format.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Format::from_id(&s.value()));
        })
    };
    let d = props.detected.clone().unwrap_or_default();
    let auto_port = match (d.port, d.port_from_transcript) {
        (Some(p), true) => format!("Auto: {p} (from the transcript)"),
        _ => "Auto: not shown".to_string(),
    };
    let auto_format = if d.format_name.is_empty() {
        "Auto-detect".to_string()
    } else {
        format!("Auto: {}", d.format_name)
    };
    let show_other = other.is_some() || *other_open || port_value == "other";
    let format_id = props.format.map(|f| f.id()).unwrap_or("");
    html! {
        <div class="overrides" role="group" aria-label="Detected format and port">
            <label class="field">
                <span class="field-label">{ "Client" }</span>
                <select class="select" data-testid="format-select" onchange={on_format}>
                    <option value="" selected={props.format.is_none()}>{ auto_format }</option>
                    { for Format::all().map(|f| html! {
                        <option value={f.id()} selected={format_id == f.id()}>{ f.name() }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span class="field-label">{ "Port" }</span>
                <select class="select" data-testid="port-select" onchange={on_port}>
                    <option value="auto" selected={port_value == "auto" && !*other_open}>{ auto_port }</option>
                    { for PORTS.iter().map(|p| html! {
                        <option value={p.to_string()} selected={port_value == p.to_string()}>{ port_label(*p) }</option>
                    }) }
                    <option value="other" selected={show_other}>{ "Other…" }</option>
                </select>
            </label>
            if show_other {
                <label class="field">
                    <span class="field-label">{ "Port number" }</span>
                    <input class="input port-other" type="number" min="1" max="65535" inputmode="numeric"
                        value={other.map(|p| p.to_string()).unwrap_or_default()} onchange={on_other} />
                </label>
            }
        </div>
    }
}

fn port_label(p: u16) -> &'static str {
    match p {
        25 => "25 (relay / MX)",
        465 => "465 (submission, implicit TLS)",
        587 => "587 (submission, STARTTLS)",
        2525 => "2525 (alternative submission)",
        _ => "",
    }
}
