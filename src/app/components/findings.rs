//! The findings of one session, worst first: severity (a word and a
//! symbol, not only a colour), title, why, the fix, the references linked
//! to the RFC text, and the evidence lines. Selecting a finding highlights
//! its lines in the transcript and its arrows in the diagram.

use std::rc::Rc;

use smtp_lens::markdown::ref_url;
use smtp_lens::{Report, Severity};
use yew::prelude::*;

#[derive(Properties)]
pub struct FindingsProps {
    pub report: Rc<Report>,
    pub session: usize,
    /// The selected finding (index in `report.findings`).
    pub selected: Option<usize>,
    pub on_select: Callback<Option<usize>>,
    /// Jump to one evidence line.
    pub on_line: Callback<u32>,
    /// Added to the report's line numbers to give the paste's.
    #[prop_or_default]
    pub line_offset: u32,
}

// The report by identity (`Rc::ptr_eq`): a derived comparison would walk
// the whole report (every session and event) on each render of the page
// that keeps it, e.g. each line the pointer moves over in the transcript.
impl PartialEq for FindingsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report)
            && self.session == other.session
            && self.selected == other.selected
            && self.on_select == other.on_select
            && self.on_line == other.on_line
            && self.line_offset == other.line_offset
    }
}

pub fn severity_symbol(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "✖",
        Severity::High => "▲",
        Severity::Medium => "◆",
        Severity::Low => "●",
        Severity::Info => "○",
    }
}

pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let mut mine: Vec<(usize, &smtp_lens::Finding)> = props
        .report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.session == props.session)
        .collect();
    // Worst first; the engine's order (by line) within a severity.
    smtp_lens::sort::sort_by_key(&mut mine, |(_, f)| std::cmp::Reverse(f.severity));
    let counts = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .map(|s| (s, mine.iter().filter(|(_, f)| f.severity == s).count()));
    html! {
        <section class="panel findings" aria-labelledby="findings-heading">
            <div class="panel-head">
                <h2 id="findings-heading">{ "Findings" }<span class="count">{ mine.len() }</span></h2>
                <p class="sev-counts" aria-label="Findings by severity">
                    { for counts.iter().filter(|(_, n)| *n > 0).map(|(s, n)| html! {
                        <span class={classes!("sev-count", format!("sev-{}", s.as_str()))}>
                            <span aria-hidden="true">{ severity_symbol(*s) }</span>{ format!(" {n} {}", s.as_str()) }
                        </span>
                    }) }
                </p>
            </div>
            if mine.is_empty() {
                <p class="no-findings">{ "✓ Nothing to fix in this session: no security or delivery problem found." }</p>
            } else {
                <ol class="finding-list">
                    { for mine.into_iter().map(|(i, f)| finding(props, i, f)) }
                </ol>
            }
        </section>
    }
}

fn finding(props: &FindingsProps, i: usize, f: &smtp_lens::Finding) -> Html {
    let selected = props.selected == Some(i);
    let onclick = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(if selected { None } else { Some(i) }))
    };
    let sev = f.severity.as_str();
    html! {
        <li class={classes!("finding", format!("sev-{sev}"), selected.then_some("is-selected"))}
            data-finding-id={f.id} data-severity={sev} id={format!("finding-{i}")}>
            <button type="button" class="finding-head" aria-pressed={selected.to_string()} {onclick}
                title="Show the evidence in the transcript and the diagram">
                <span class={classes!("sev-badge", format!("sev-{sev}"))}>
                    <span aria-hidden="true">{ severity_symbol(f.severity) }</span>
                    { " " }{ severity_word(f.severity) }
                </span>
                <span class="finding-title">{ f.title.clone() }</span>
                <code class="finding-id">{ f.id }</code>
            </button>
            <div class="finding-body">
                <p class="finding-why">{ f.why.clone() }</p>
                <div class="finding-fix">
                    <strong>{ "Fix: " }</strong>{ f.fix.clone() }
                </div>
                <div class="finding-meta">
                    if !f.lines.is_empty() {
                        <div class="evidence">
                            <span class="meta-label">{ "Evidence:" }</span>
                            { f.lines.iter().map(|l| {
                                let l = *l;
                                let cb = props.on_line.clone();
                                let onclick = Callback::from(move |_: MouseEvent| cb.emit(l));
                                html! {
                                    <button type="button" class="chip" {onclick}
                                        aria-label={format!("Show line {} in the transcript", l + props.line_offset)}>
                                        { format!("line {}", l + props.line_offset) }
                                    </button>
                                }
                            }).collect::<Html>() }
                        </div>
                    }
                    if !f.refs.is_empty() {
                        <div class="refs">
                            <span class="meta-label">{ "References:" }</span>
                            { f.refs.iter().map(|r| match ref_url(r) {
                                Some(url) => html! {
                                    <a class="ref" href={url} target="_blank" rel="noopener noreferrer">{ *r }</a>
                                },
                                None => html! { <span class="ref">{ *r }</span> },
                            }).collect::<Html>() }
                        </div>
                    }
                </div>
            </div>
        </li>
    }
}
