//! The SMTP Lens web page (Yew, client-side rendering).
//!
//! One state and its reducer ([`state`]), small components that take props
//! ([`components`]), and every side effect here at the top, in [`App`]:
//! the analysis timer (analysis runs after a pause in typing, never on the
//! keystroke), the session-storage draft, file reading, the URL fragment
//! (`#learn...` shows the Learn view), the theme, the clipboard and the
//! download.
//!
//! The page runs under a strict Content-Security-Policy (see `index.html`):
//! no inline `style="..."` attributes and no inline scripts; sizes that
//! must be computed are set through the CSSOM. Transcript text is only ever
//! rendered as text nodes.
//!
//! This module refers to the engine as `smtp_lens::...` (never `crate::`),
//! so it compiles both inside the `smtp-lens-web` binary and when a browser
//! test includes it with `#[path]`.

pub mod analysis;
pub mod components;
// The flow diagram (lane flow).
pub mod diagram;
mod effects;
// Used by src/main.rs (`?embed`); browser tests that include this module
// for the App do not call it.
#[allow(dead_code)]
pub mod embed;
pub mod examples;
pub mod explain_line;
pub mod large;
pub mod numbers;
// Learn and Share run as their own wasm with the `split` feature (the page
// as Trunk builds it; see lazy.rs); the browser tests build them in.
#[cfg(feature = "split")]
mod lazy;
#[cfg_attr(feature = "split", allow(dead_code))]
pub mod learn;
pub mod share;
pub mod state;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use smtp_lens::{Format, Options};
use yew::prelude::*;

use analysis::{analyse, normalise};
use components::empty::empty_state;
use components::export::export;
use components::findings::Findings;
use components::header::header;
use components::input::{Detected, InputPanel};
use components::later::Later;
use components::overview::LargeOverview;
use components::summary::Summary;
use components::tabs::SessionTabs;
use components::transcript::Transcript;
use components::verdict::verdict_banner;
use diagram::FlowDiagram;
#[cfg(feature = "split")]
use lazy::ShareButton;
#[cfg(not(feature = "split"))]
use share::dialog::ShareButton;
use state::{Action, PortChoice, Route, State, Status, Theme};

/// The largest paste the page takes (bytes). Beyond it, a message.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The largest draft kept in session storage: what the text box holds.
const MAX_DRAFT: usize = large::WORKER_FROM - 1;

fn initial_state() -> State {
    let hash = effects::location_hash();
    // `#example=ID` opens an example (links from docs, the Learn view: the
    // App loads it once mounted); otherwise this tab's draft, if any.
    let text = if examples::from_hash(&hash).is_some() {
        None
    } else {
        effects::load_draft().map(|t| Rc::from(normalise(&t)))
    };
    let mut s = State {
        theme: effects::load_theme(),
        route: Route::from_hash(&hash),
        ..State::default()
    };
    // `#share=v1...`: a share link (src/app/share/) wins over the draft;
    // the App opens it once mounted (`open_link`).
    if share::open::is_share_fragment(&hash) {
        return s;
    }
    if let Some(t) = text {
        s = (*yew::Reducible::reduce(Rc::new(s), Action::Load(t))).clone();
    }
    s
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);

    // Theme: on <html data-theme>, remembered (it is not sensitive).
    use_effect_with(state.theme, |theme| effects::apply_theme(*theme));

    // A share link's selection, applied once its transcript is analysed.
    let restore: Rc<RefCell<Option<share::open::Selection>>> = use_mut_ref(|| None);
    // A share link or an example the page was opened with.
    {
        let dispatch = state.dispatcher();
        let restore = restore.clone();
        use_effect_with((), move |_| {
            let hash = effects::location_hash();
            if share::open::is_share_fragment(&hash) {
                open_link(hash, dispatch, restore);
            } else if let Some(x) = examples::from_hash(&hash) {
                load_example(x.id, false, dispatch);
            }
        });
    }
    {
        let restore = restore.clone();
        let dispatch = state.dispatcher();
        let report = state.report().cloned();
        use_effect_with(report.as_ref().map(|r| Rc::as_ptr(r) as usize), move |_| {
            if let Some(r) = report {
                if let Some(sel) = restore.borrow_mut().take() {
                    match sel.finding_index(&r) {
                        Some(i) => dispatch.dispatch(Action::SelectFinding(Some(i))),
                        None if !sel.lines.is_empty() => {
                            dispatch.dispatch(Action::SelectLines(sel.lines))
                        }
                        None => {}
                    }
                }
            }
        });
    }

    // The URL fragment chooses the view.
    {
        let dispatch = state.dispatcher();
        let restore = restore.clone();
        use_effect_with((), move |_| {
            let listener = effects::on_hash_change(move |hash| {
                // A share link opened in this tab.
                if share::open::is_share_fragment(&hash) {
                    open_link(hash, dispatch.clone(), restore.clone());
                    return;
                }
                if let Some(x) = examples::from_hash(&hash) {
                    load_example(x.id, false, dispatch.clone());
                }
                dispatch.dispatch(Action::SetRoute(Route::from_hash(&hash)))
            });
            move || drop(listener)
        });
    }

    // Analysis after a pause in typing (longer for long texts), and the
    // draft saved with it. Large pastes go to the background worker; one
    // session of them at a time is then analysed here.
    {
        let dispatch = state.dispatcher();
        let text = state.text.clone();
        let big = state.big.clone();
        let opts = Options {
            port: state.port.port(),
            format: state.format,
        };
        let pending = matches!(state.status, Status::Pending { .. });
        let burst = state.burst;
        let background = state.background();
        let open = state.overview.as_ref().and_then(|o| {
            o.sessions
                .iter()
                .find(|b| b.index == state.large_session)
                .cloned()
        });
        use_effect_with(state.revision, move |revision| {
            let revision = *revision;
            effects::save_draft(&text, MAX_DRAFT);
            let timer = pending.then(|| {
                let bytes = big.as_ref().map_or(text.len(), |b| b.units as usize);
                // A paste, a large paste or a file is not typing: no pause
                // to wait for.
                let delay = if open.is_some() || big.is_some() || (burst && bytes < 64 * 1024) {
                    0
                } else if bytes < 64 * 1024 {
                    120
                } else {
                    350
                };
                Timeout::new(delay, move || {
                    if bytes > MAX_BYTES {
                        dispatch.dispatch(Action::TooLarge { revision, bytes });
                        return;
                    }
                    if let Some(brief) = open {
                        let slice = large::session_text(&text, big.as_ref(), &brief);
                        let a = large::open_session(slice, &brief, opts.port, opts.format);
                        dispatch.dispatch(Action::Analysed {
                            revision,
                            analysis: Rc::new(a),
                        });
                        return;
                    }
                    if background {
                        if let Some(w) = background_worker(&dispatch) {
                            let js = match &big {
                                Some(b) => b.js.clone().into(),
                                None => wasm_bindgen::JsValue::from_str(&text),
                            };
                            if w.send(revision, &js, &opts) {
                                return;
                            }
                        }
                        if let Some(b) = &big {
                            // No worker here: analyse on this thread after all.
                            let text: Rc<str> = Rc::from(String::from(b.js.clone()));
                            let analysis = Rc::new(analyse(text, &opts));
                            dispatch.dispatch(Action::Analysed { revision, analysis });
                            return;
                        }
                    }
                    let analysis = Rc::new(analyse(text, &opts));
                    dispatch.dispatch(Action::Analysed { revision, analysis });
                })
            });
            move || drop(timer)
        });
    }

    // A toast goes away by itself.
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.toast.clone(), move |toast| {
            let timer = toast
                .is_some()
                .then(|| Timeout::new(2500, move || dispatch.dispatch(Action::Toast(None))));
            move || drop(timer)
        });
    }

    // Callbacks are made once (`use_callback`): a child whose props are
    // equal is not rendered again, and a new callback each render would
    // make every child's props differ on every keystroke.
    let d = state.dispatcher();
    let on_typed = use_callback(d.clone(), |t: String, d| {
        d.dispatch(Action::Typed(Rc::from(t)))
    });
    let on_example = use_callback(d.clone(), |id: &'static str, d| {
        load_example(id, true, d.clone())
    });
    let on_big = use_callback(d.clone(), |b: large::BigText, d| {
        d.dispatch(Action::LoadBig(b))
    });
    let on_clear = use_callback(d.clone(), |_: (), d| d.dispatch(Action::Clear));
    let on_files =
        use_callback(d.clone(), |files: web_sys::FileList, d| {
            let d = d.clone();
            effects::read_first_file(files, MAX_BYTES, large::WORKER_FROM, move |result| {
                match result {
                    Ok(effects::FileText::Small(text)) => {
                        d.dispatch(Action::Load(Rc::from(normalise(&text))))
                    }
                    Ok(effects::FileText::Big(big)) => d.dispatch(Action::LoadBig(big)),
                    Ok(effects::FileText::OverLimit { name, bytes }) => {
                        d.dispatch(Action::FileTooLarge { name, bytes })
                    }
                    Err(message) => d.dispatch(Action::Failed(message)),
                }
            });
        });
    let on_port = use_callback(d.clone(), |p: PortChoice, d| d.dispatch(Action::SetPort(p)));
    let on_format = use_callback(d.clone(), |f: Option<Format>, d| {
        d.dispatch(Action::SetFormat(f))
    });
    let on_theme = use_callback(d.clone(), |t: Theme, d| d.dispatch(Action::SetTheme(t)));
    let on_session = use_callback(d.clone(), |i: usize, d| {
        d.dispatch(Action::SelectSession(i))
    });
    let on_open_large = use_callback(d.clone(), |i: usize, d| d.dispatch(Action::OpenLarge(i)));
    let on_finding = use_callback(d.clone(), |f: Option<usize>, d| {
        d.dispatch(Action::SelectFinding(f))
    });
    let on_line = use_callback(d.clone(), |l: u32, d| {
        d.dispatch(Action::SelectLines(vec![l]))
    });
    let on_active = use_callback(d.clone(), |l: Option<u32>, d| {
        d.dispatch(Action::SetActiveLine(l))
    });
    let on_reveal = use_callback(d.clone(), |_: (), d| d.dispatch(Action::ToggleReveal));
    // The exports read the report on screen: made again only when it changes.
    let shown_now = (state.shown().cloned(), state.session);
    let on_copy_markdown = use_callback(
        (shown_now.clone(), d.clone()),
        |_: (), ((shown, session), d)| {
            if let Some(a) = shown {
                let several = a.report.sessions.len() > 1;
                let session = several.then_some(*session);
                let d = d.clone();
                #[cfg(not(feature = "split"))]
                copy_markdown(
                    smtp_lens::markdown::findings_markdown_at(
                        &a.text,
                        &a.report,
                        session,
                        a.line_offset,
                    ),
                    d,
                );
                // The export is in the share part, loaded on first use.
                #[cfg(feature = "split")]
                {
                    let a = a.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match lazy::findings_markdown(&a.text, &a.report, session, a.line_offset)
                            .await
                        {
                            Ok(md) => copy_markdown(md, d),
                            Err(why) => d.dispatch(Action::Toast(Some(format!(
                                "The export could not be loaded; reload the page to try again. ({why})"
                            )))),
                        }
                    });
                }
            }
        },
    );
    let on_download_json = use_callback((shown_now, d.clone()), |_: (), ((shown, _), _d)| {
        if let Some(a) = shown {
            #[cfg(not(feature = "split"))]
            download_json(&a.report.to_json());
            // The export is in the share part, loaded on first use.
            #[cfg(feature = "split")]
            {
                let a = a.clone();
                let d = _d.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match lazy::report_json(&a.text, &a.report).await {
                        Ok(json) => download_json(&json),
                        Err(why) => d.dispatch(Action::Toast(Some(format!(
                            "The export could not be loaded; reload the page to try again. ({why})"
                        )))),
                    }
                });
            }
        }
    });

    // Learn's "Open in analyzer": load the scenario's transcript and go to
    // the analyzer. The port stays automatic: the scenarios' transcripts
    // name their port, so the analyzer reads it as it would from a paste.
    let on_open_in_analyzer = {
        let dispatch = state.dispatcher();
        Callback::from(move |(text, _port): (String, Option<u16>)| {
            dispatch.dispatch(Action::SetPort(PortChoice::Auto));
            dispatch.dispatch(Action::Load(Rc::from(normalise(&text))));
            dispatch.dispatch(Action::SetRoute(Route::Analyzer));
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash("");
            }
        })
    };

    // Learn, loaded on first use: it shows itself below the header (in
    // `<main id="learn-main">`, after `#app`) and follows the address.
    #[cfg(feature = "split")]
    if let Route::Learn(_) = &state.route {
        return html! {
            <div class="app app-learning">
                { header(state.theme, &on_theme, true) }
                <lazy::LearnHost on_open_in_analyzer={on_open_in_analyzer} />
            </div>
        };
    }
    #[cfg(not(feature = "split"))]
    if let Route::Learn(rest) = &state.route {
        return html! {
            <div class="app">
                { header(state.theme, &on_theme, true) }
                <main id="main" class="app-main">
                    <learn::LearnView route={rest.clone()} on_open_in_analyzer={on_open_in_analyzer} />
                </main>
            </div>
        };
    }

    let shown = state.shown().cloned();
    let drawn = (
        shown.as_ref().map_or(0, |a| Rc::as_ptr(a) as usize),
        state.session,
    );
    let detected = shown.as_ref().map(|a| {
        let r = &a.report;
        let s = r.sessions.get(state.session);
        Detected {
            format_name: r.format_name.to_string(),
            port: s.and_then(|s| s.session.port),
            port_from_transcript: s.is_some_and(|s| {
                s.session.port_source == Some(smtp_lens::session::PortSource::Transcript)
            }),
            sessions: r.sessions.len(),
        }
    });
    let status_text: AttrValue = match &state.status {
        Status::Pending { bytes, .. } if *bytes > 256 * 1024 => "Analysing…".into(),
        Status::Pending { .. } => "".into(),
        Status::Ready(_) if state.overview.is_some() => {
            let o = state.overview.as_deref().cloned().unwrap_or_default();
            if o.partial.is_some() {
                "Reading the whole paste in the background…".into()
            } else {
                format!(
                    "{} sessions · analysed in the background in {} ms",
                    o.sessions.len(),
                    o.millis
                )
                .into()
            }
        }
        Status::Ready(a) => format!(
            "{} session{} · analysed in {} ms",
            a.report.sessions.len(),
            if a.report.sessions.len() == 1 {
                ""
            } else {
                "s"
            },
            numbers::whole(a.millis.max(1.0))
        )
        .into(),
        Status::TooLarge { file: None, .. } => "Too large".into(),
        Status::TooLarge { file: Some(_), .. } => "File not opened: over the limit".into(),
        Status::Failed(_) => "".into(),
        Status::Empty => "".into(),
    };

    let overview = state.overview.clone().map(|o| html! {
        <LargeOverview overview={o} open={state.large_session} bytes={state.size()} on_open={on_open_large.clone()} />
    });
    let results = match (&state.status, shown.as_ref()) {
        (Status::Empty, _) => empty_state(&on_example),
        // A limit, not a failure: said plainly, with what to do instead.
        (Status::TooLarge { bytes, file }, _) => {
            let size = numbers::one_decimal(*bytes as f64 / 1_000_000.0);
            let limit = MAX_BYTES / (1024 * 1024);
            let (heading, text) = match file {
                Some(name) => (
                    format!("This file is over the page's {limit} MB limit"),
                    format!("{name} holds {size} MB; the page analyses files up to {limit} MB and did not open it. Use the command-line tool for it (`smtp-lens {name}`), or open the part of the file around the problem."),
                ),
                None => (
                    "This paste is too large for the page".to_string(),
                    format!("It holds {size} MB; the page analyses up to {limit} MB. Use the command-line tool for it (`smtp-lens FILE`), or paste the part around the problem."),
                ),
            };
            html! {
                <section class="panel notice" role="status" data-testid="too-large">
                    <h2>{ heading }</h2>
                    <p>{ text }</p>
                </section>
            }
        }
        (Status::Failed(message), _) => html! {
            <section class="panel notice notice-bad" role="alert">
                <h2>{ "Something went wrong" }</h2>
                <p>{ message.clone() }</p>
            </section>
        },
        (Status::Pending { bytes, background }, None) => html! {
            <section class="panel notice" aria-busy="true" data-testid="analysing">
                <h2>{ "Analysing…" }</h2>
                <p class="muted">{
                    if *background {
                        format!("{} MB: the analysis runs in the background, the page stays responsive.", bytes / 1_000_000)
                    } else {
                        "Reading the transcript.".to_string()
                    }
                }</p>
            </section>
        },
        (_, None) => html! {},
        (_, Some(a)) => results_view(
            &state,
            a,
            &on_session,
            &on_finding,
            &on_line,
            &on_copy_markdown,
            &on_download_json,
        ),
    };

    let side = shown
        .as_ref()
        .map(|a| html! { <Summary analysis={a.clone()} session={state.session} /> });
    let flow = shown.as_ref().map(|a| {
        let r = a.report.clone();
        html! {
            <section class="panel diagram-panel" aria-labelledby="diagram-heading">
                <h2 id="diagram-heading" class="visually-hidden">{ "Flow" }</h2>
                <FlowDiagram report={r} session={state.session}
                    selected_lines={state.selected.clone()} on_select_line={on_line.clone()}
                    reveal_upto={None::<u32>} text={Some(a.text.clone())} line_offset={a.line_offset} windowed={true} />
            </section>
        }
    });
    let transcript = shown.as_ref().filter(|a| !a.report.sessions.is_empty() || a.index.count() > 0).map(|a| html! {
        <Transcript analysis={a.clone()} session={state.session}
            selected={state.selected.clone()} selection_seq={state.selection_seq}
            active_line={state.active_line} reveal={state.reveal}
            on_select_line={on_line.clone()} on_active={on_active.clone()} on_reveal={on_reveal.clone()} />
    });

    html! {
        <div class="app">
            <a class="skip-link" href="#results">{ "Skip to the results" }</a>
            { header(state.theme, &on_theme, false) }
            <main id="main" class="app-main workspace">
                <div class="area-input">
                    <InputPanel text={state.text.clone()} loaded={state.loaded} port={state.port}
                        held={state.big.as_ref().map(|b| b.units)} on_big={on_big}
                        format={state.format} detected={detected} status={status_text}
                        on_typed={on_typed} on_example={on_example.clone()} on_clear={on_clear}
                        on_files={on_files} on_port={on_port} on_format={on_format} />
                </div>
                <div class="area-results" id="results" tabindex="-1">
                    { overview.unwrap_or_default() }
                    { results }
                </div>
                if let Some(side) = side {
                    <div class="area-side">{ side }</div>
                }
                // Drawn after the frame that shows the verdict and the
                // findings: the diagram always, the transcript when out of
                // view (components/later.rs).
                if let Some(flow) = flow {
                    <Later class="area-diagram" version={drawn} second={true}>{ flow }</Later>
                }
                if let Some(t) = transcript {
                    <Later class="area-transcript" version={drawn}>{ t }</Later>
                }
            </main>
            <footer class="app-footer">
                <p>{ "SMTP Lens runs entirely in your browser: no fonts, trackers or requests to other sites. Your paste never leaves this page." }</p>
            </footer>
            <div class="toast-region" role="status" aria-live="polite">
                if let Some(t) = &state.toast {
                    <div class="toast">{ t.clone() }</div>
                }
            </div>
        </div>
    }
}

fn results_view(
    state: &State,
    a: &Rc<analysis::Analysis>,
    on_session: &Callback<usize>,
    on_finding: &Callback<Option<usize>>,
    on_line: &Callback<u32>,
    on_copy_markdown: &Callback<()>,
    on_download_json: &Callback<()>,
) -> Html {
    let r = &a.report;
    let diagnostics: Vec<_> = r.diagnostics.iter().filter(|d| d.line == 0).collect();
    let Some(s) = r.sessions.get(state.session) else {
        return html! {
            <section class="panel notice" role="status">
                <h2>{ "No SMTP session found" }</h2>
                { for diagnostics.iter().map(|d| html! { <p>{ d.message.clone() }</p> }) }
                <p class="muted">{ "SMTP Lens reads the debug output of mail clients and servers: lines such as “EHLO”, “250-STARTTLS”, “AUTH PLAIN”, “535 5.7.8”. Try an example from the menu to see what it expects." }</p>
            </section>
        };
    };
    let several = r.sessions.len() > 1;
    let which = several.then(|| {
        AttrValue::from(format!(
            "session {} of {}",
            state.session + 1,
            r.sessions.len()
        ))
    });
    html! {
        <>
            <SessionTabs report={r.clone()} selected={state.session} on_select={on_session.clone()} />
            <div id="session-panel" role={several.then_some("tabpanel")}
                aria-labelledby={several.then(|| format!("session-tab-{}", state.session))}>
                { verdict_banner(s.verdict.grade, AttrValue::from(s.verdict.reason.clone()), which, state.stale()) }
                <div class="share-export">
                    { export(on_copy_markdown, on_download_json, several) }
                    // A large paste is over any link's length: no Share.
                    if state.overview.is_none() {
                        <ShareButton text={state.text.clone()} port={state.port.port()} session={state.session}
                            lines={state.selected.clone()}
                            finding={state.finding.and_then(|i| r.findings.get(i)).map(|f| AttrValue::Static(f.id))} />
                    }
                </div>
                <Findings report={r.clone()} session={state.session} selected={state.finding}
                    on_select={on_finding.clone()} on_line={on_line.clone()} line_offset={a.line_offset} />
            </div>
        </>
    }
}

/// The background worker (started on first use, see `large::worker`);
/// its answers become `Action::Overview`.
fn background_worker(dispatch: &UseReducerDispatcher<State>) -> Option<Rc<large::Background>> {
    let w = large::worker()?;
    let d = dispatch.clone();
    w.on_answer(move |id, overview| {
        // Read (in the worker's message task) and shown in the next one:
        // two shorter main-thread tasks for a paste of thousands of sessions.
        let d = d.clone();
        Timeout::new(0, move || {
            if id == u64::MAX {
                d.dispatch(Action::Failed(overview.error.unwrap_or_else(|| {
                    "The background analysis could not start.".into()
                })));
            } else {
                d.dispatch(Action::Overview {
                    revision: id,
                    overview: Rc::new(overview),
                });
            }
        })
        .forget();
    });
    Some(w)
}

/// Puts the findings' Markdown on the clipboard and says how that went.
fn copy_markdown(md: String, d: UseReducerDispatcher<State>) {
    effects::copy_text(md, move |ok| {
        d.dispatch(Action::Toast(Some(
            if ok {
                "Findings copied as Markdown"
            } else {
                "Could not reach the clipboard"
            }
            .into(),
        )))
    });
}

/// Saves the JSON report as a file.
fn download_json(json: &str) {
    effects::download("smtp-lens-report.json", "application/json", json);
}

/// Opens the share link in `hash`: its transcript, port and session, then
/// (once analysed, through `restore`) its selection; the link then leaves
/// the address bar. A link that cannot be opened gives its message and an
/// empty analyzer. With the `split` feature the link is decoded by the
/// share part, loaded first (a moment's wait on a link's first open).
fn open_link(
    hash: String,
    dispatch: UseReducerDispatcher<State>,
    restore: Rc<RefCell<Option<share::open::Selection>>>,
) {
    let apply = move |opened: Result<share::open::Opened, String>| match opened {
        Ok(o) => {
            *restore.borrow_mut() = o.selection;
            dispatch.dispatch(Action::SetPort(
                o.port.map_or(PortChoice::Auto, PortChoice::Fixed),
            ));
            dispatch.dispatch(Action::Load(Rc::from(normalise(&o.transcript))));
            dispatch.dispatch(Action::SelectSession(o.session as usize));
            share::open::forget_fragment();
            dispatch.dispatch(Action::SetRoute(Route::Analyzer));
        }
        Err(message) => {
            dispatch.dispatch(Action::Clear);
            dispatch.dispatch(Action::Failed(message));
            dispatch.dispatch(Action::SetRoute(Route::Analyzer));
        }
    };
    #[cfg(not(feature = "split"))]
    apply(share::open::open(&hash));
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async move { apply(lazy::open_link(&hash).await) });
}

/// Loads the example `id` into the analyzer (with the port and format back
/// on automatic when `fresh`, as a pick from the cards or the menu). With
/// the `split` feature the transcripts are their own small wasm, loaded on
/// the first example (a moment's wait then).
fn load_example(id: &'static str, fresh: bool, d: UseReducerDispatcher<State>) {
    let load = move |text: Result<String, String>| match text {
        Ok(text) => {
            if fresh {
                d.dispatch(Action::SetPort(PortChoice::Auto));
                d.dispatch(Action::SetFormat(None));
            }
            d.dispatch(Action::Load(Rc::from(normalise(&text))));
        }
        Err(why) => d.dispatch(Action::Toast(Some(format!(
            "The example could not be loaded; reload the page to try again. ({why})"
        )))),
    };
    #[cfg(not(feature = "split"))]
    load(
        examples::text(id)
            .map(str::to_string)
            .ok_or_else(|| format!("no example {id}")),
    );
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async move { load(lazy::example_text(id).await) });
}
