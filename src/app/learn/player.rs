//! The scenario player: step through a captured session on the same flow
//! diagram as the analyzer, beside the eavesdropper's view. Buttons and
//! keys: ← / → (or j / l) step, space (or k) play and pause, Home / End.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use smtp_lens::learn::route::scenario_route;
use smtp_lens::learn::SCENARIOS;
use smtp_lens::report::masked;
use smtp_lens::span::Span;
use smtp_lens::{analyze, Options, Report};
use web_sys::KeyboardEvent;
use yew::prelude::*;

// The analyzer's own flow diagram (lane `flow`).
use super::super::diagram::FlowDiagram;
use super::eavesdropper::Eavesdropper;
use super::markup::inline;

/// Time on each step while playing.
const STEP_MS: u32 = 2400;

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub scenario: usize,
    pub initial_step: usize,
    pub on_open_in_analyzer: Callback<(String, Option<u16>)>,
}

/// The transcript's lines with their byte spans (LF, CRLF or CR).
fn line_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes().get(i - 1) == Some(&b'\r') {
                i - 1
            } else {
                i
            };
            out.push(Span::new(start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

#[component]
pub fn ScenarioPlayer(props: &PlayerProps) -> Html {
    let index = props.scenario;
    let report: Rc<Report> = use_memo(index, |i| {
        SCENARIOS
            .get(*i)
            .map(|s| analyze(s.transcript, &Options::default()))
            .unwrap_or_else(|| analyze("", &Options::default()))
    });
    // The text, for the diagram's labels (one Rc per scenario, so the
    // diagram's layout is not redone on every step).
    let text: Rc<Rc<str>> = use_memo(index, |i| {
        Rc::from(SCENARIOS.get(*i).map_or("", |s| s.transcript))
    });
    let step = use_state(|| props.initial_step);
    let playing = use_state(|| false);
    let last = SCENARIOS
        .get(index)
        .map_or(0, |s| s.steps.len().saturating_sub(1));

    // Playing: one timer per step; it stops on the last step.
    {
        let step = step.clone();
        let playing = playing.clone();
        use_effect_with((*playing, *step), move |(on, at)| {
            let timer = (*on).then(|| {
                let at = *at;
                Timeout::new(STEP_MS, move || {
                    if at >= last {
                        playing.set(false);
                    } else {
                        step.set(at + 1);
                        if at + 1 >= last {
                            playing.set(false);
                        }
                    }
                })
            });
            move || drop(timer)
        });
    }

    let go = {
        let step = step.clone();
        let playing = playing.clone();
        Callback::from(move |to: usize| {
            playing.set(false);
            step.set(to.min(last));
        })
    };
    let toggle = {
        let playing = playing.clone();
        let step = step.clone();
        Callback::from(move |_: ()| {
            if !*playing && *step >= last {
                step.set(0);
            }
            playing.set(!*playing);
        })
    };
    let at = (*step).min(last);
    // Keep the newest revealed exchange in view: the diagram grows
    // downwards, so scroll its box to the bottom on every step.
    let flow_box = use_node_ref();
    {
        let flow_box = flow_box.clone();
        use_effect_with(at, move |_| {
            if let Some(el) = flow_box.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let Some(scenario) = SCENARIOS.get(index) else {
        return html! {};
    };
    let onkeydown = {
        let go = go.clone();
        let toggle = toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            let on_control = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "INPUT"));
            let key = e.key();
            let handled = match key.as_str() {
                "ArrowRight" | "l" => {
                    go.emit(at + 1);
                    true
                }
                "ArrowLeft" | "j" => {
                    go.emit(at.saturating_sub(1));
                    true
                }
                "Home" => {
                    go.emit(0);
                    true
                }
                "End" => {
                    go.emit(last);
                    true
                }
                " " | "k" if !on_control || key == "k" => {
                    toggle.emit(());
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        })
    };
    let Some(current) = scenario.steps.get(at) else {
        return html! {};
    };
    let open = {
        let cb = props.on_open_in_analyzer.clone();
        let text = scenario.transcript.to_string();
        let port = scenario.port;
        Callback::from(move |_| cb.emit((text.clone(), Some(port))))
    };
    let btn = |label: &'static str,
               text: &'static str,
               to: usize,
               disabled: bool,
               testid: &'static str| {
        let go = go.clone();
        html! {
            <button type="button" class="btn learn-ctl" aria-label={label} title={label} {disabled}
                data-testid={testid} onclick={Callback::from(move |_| go.emit(to))}>{ text }</button>
        }
    };
    let on_play = {
        let toggle = toggle.clone();
        Callback::from(move |_| toggle.emit(()))
    };

    // The transcript lines of this step, credentials masked.
    let secrets: Vec<Span> = report
        .sessions
        .first()
        .map(|s| s.session.secrets.clone())
        .unwrap_or_default();
    let spans = line_spans(scenario.transcript);
    let excerpt = (current.lines.0..=current.lines.1).filter_map(|n| {
        spans.get((n as usize).saturating_sub(1)).map(|sp| {
            html! {
                <li data-line={n.to_string()}>
                    <span class="learn-ln" aria-hidden="true">{ n }</span>
                    <code>{ masked(scenario.transcript, *sp, &secrets) }</code>
                </li>
            }
        })
    });
    let flags = current.flags.iter().map(|id| {
        html! { <li><code class="learn-flag">{ *id }</code></li> }
    });

    html! {
        <div class="learn-player" data-testid="scenario-player" data-scenario={scenario.slug}
            data-step={(at + 1).to_string()} tabindex="0" {onkeydown}
            aria-label={format!("Scenario player: {}. Arrow keys step, space plays and pauses.", scenario.title)}
            aria-roledescription="scenario player">
            <header class="learn-player-head">
                <h3 id={super::markup::anchor(scenario.slug)} tabindex="-1">
                    { scenario.title }
                    <span class={classes!("learn-kind", format!("learn-kind-{}", scenario.kind.as_str()))}>
                        { scenario.kind.label() }
                    </span>
                </h3>
                <p>{ inline(scenario.summary) }</p>
            </header>
            <div class="learn-controls" role="toolbar" aria-label="Playback">
                { btn("First step", "⇤", 0, at == 0, "step-first") }
                { btn("Previous step", "◀", at.saturating_sub(1), at == 0, "step-back") }
                <button type="button" class="btn btn-primary learn-ctl learn-play" data-testid="play"
                    aria-pressed={playing.to_string()} onclick={on_play}>
                    { if *playing { "⏸ Pause" } else if at >= last { "↺ Replay" } else { "▶ Play" } }
                </button>
                { btn("Next step", "▶", at + 1, at >= last, "step-next") }
                { btn("Last step", "⇥", last, at >= last, "step-last") }
                <span class="learn-count" data-testid="step-count">{ format!("Step {} of {}", at + 1, last + 1) }</span>
                <button type="button" class="btn learn-open" data-testid="open-in-analyzer" onclick={open}>
                    { "Open in analyzer" }
                </button>
            </div>
            <div class="learn-stage">
                <div class="learn-flow" ref={flow_box}>
                    <FlowDiagram report={report.clone()} session={0}
                        selected_lines={Rc::new((current.lines.0..=current.lines.1).collect::<Vec<u32>>())}
                        on_select_line={Callback::from(|_: u32| {})}
                        reveal_upto={Some(current.last_line())}
                        text={Some((*text).clone())} />
                </div>
                <Eavesdropper scenario={index} step={at} report={report.clone()} />
            </div>
            <div class="learn-now" aria-live="polite" data-testid="step-narration">
                <h4>{ format!("{}. {}", at + 1, current.title) }</h4>
                <p>{ inline(current.text) }</p>
                <ol class="learn-excerpt" aria-label={format!("Transcript lines {}–{}", current.lines.0, current.lines.1)}>
                    { for excerpt }
                </ol>
                if !current.flags.is_empty() {
                    <div class="learn-flags">
                        <span>{ "The analyzer flags here: " }</span>
                        <ul>{ for flags }</ul>
                    </div>
                }
                <p class="learn-steplink">
                    <a href={format!("#learn{}", scenario_route(scenario, at))}>{ "Link to this step" }</a>
                </p>
            </div>
            <nav class="learn-timeline" aria-label="Steps">
                <ol>
                    { for scenario.steps.iter().enumerate().map(|(i, s)| {
                        let go = go.clone();
                        html! {
                            <li>
                                <button type="button"
                                    class={classes!("learn-tick", format!("learn-tick-{}", s.wire.as_str()), (i == at).then_some("learn-tick-on"))}
                                    aria-current={(i == at).then_some("step")}
                                    aria-label={format!("Step {}: {}", i + 1, s.title)} title={s.title}
                                    onclick={Callback::from(move |_| go.emit(i))}>
                                    { i + 1 }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </nav>
            if at >= last {
                <div class="learn-lesson" data-testid="lesson">
                    <h4>{ "What to take away" }</h4>
                    <p>{ inline(scenario.lesson) }</p>
                    <p class="learn-source">{ format!("Transcript: {}", scenario.source) }</p>
                </div>
            }
        </div>
    }
}
