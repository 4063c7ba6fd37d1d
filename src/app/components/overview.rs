//! A large paste at a glance (the background worker's overview): how many
//! sessions, their grades, and a way to open any of them; the worst is
//! opened first.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::large::{Overview, GRADES, LISTED};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub overview: Rc<Overview>,
    /// The session open (its index).
    pub open: usize,
    pub bytes: usize,
    pub on_open: Callback<usize>,
}

#[component]
pub fn LargeOverview(props: &OverviewProps) -> Html {
    let o = &props.overview;
    let n = o.sessions.len();
    let counts = GRADES.map(|g| (g, o.sessions.iter().filter(|b| b.grade == g).count()));
    let mut listed: Vec<_> = o.sessions.iter().collect();
    smtp_lens::sort::sort_by_key(&mut listed, |b| {
        (
            GRADES.iter().position(|g| *g == b.grade).unwrap_or(5),
            b.index,
        )
    });
    listed.truncate(LISTED);
    let on_select = {
        let cb = props.on_open.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = s.value().parse() {
                cb.emit(i);
            }
        })
    };
    let on_number = {
        let cb = props.on_open.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            if let Ok(k) = i.value().trim().parse::<usize>() {
                if (1..=n).contains(&k) {
                    cb.emit(k - 1);
                }
            }
        })
    };
    let step = |d: isize| {
        let cb = props.on_open.clone();
        let cur = props.open;
        Callback::from(move |_: MouseEvent| {
            let next = cur.saturating_add_signed(d);
            if next < n {
                cb.emit(next);
            }
        })
    };
    let open = o.sessions.iter().find(|b| b.index == props.open);
    let mb = props.bytes / 100_000;
    html! {
        <section class="panel large-overview" aria-labelledby="large-heading" data-testid="large-overview"
            aria-busy={if o.partial.is_some() { "true" } else { "false" }}
            data-parts={o.parts.to_string()}>
            if let Some((read, total)) = o.partial {
                <h2 id="large-heading">{ format!("Large paste: the first {n} sessions, reading the rest…") }</h2>
                <p class="muted" data-testid="large-progress">
                    { format!("{}.{} MB pasted; these sessions are from its first {}.{} MB ({}%). The whole paste is being analysed in the background; the page stays usable meanwhile. One session is shown at a time.",
                        mb / 10, mb % 10, read / 1_000_000, read % 1_000_000 / 100_000,
                        u64::from(read) * 100 / u64::from(total.max(1))) }
                </p>
            } else {
                <h2 id="large-heading">{ format!("Large paste: {n} sessions") }</h2>
                <p class="muted">
                    { format!("{}.{} MB, {} lines, read as {}; analysed in the background in {} ms. One session is shown at a time.",
                        mb / 10, mb % 10, o.lines, o.format_name, o.millis) }
                </p>
            }
            { for o.notes.iter().map(|m| html! { <p>{ m.clone() }</p> }) }
            <p class="grade-counts" aria-label="Sessions by grade">
                { for counts.iter().filter(|(_, c)| *c > 0).map(|(g, c)| html! {
                    <span class={classes!("grade-count", format!("grade-{}", g.to_ascii_lowercase()))}>
                        <span class="tab-grade">{ *g }</span>{ format!(" {c}") }
                    </span>
                }) }
            </p>
            <div class="large-nav">
                <label class="field">
                    <span class="field-label">{ "Open a session (worst first)" }</span>
                    <select class="select" onchange={on_select} data-testid="large-session-select">
                        { for listed.iter().map(|b| html! {
                            <option value={b.index.to_string()} selected={b.index == props.open}>
                                { format!("#{} · {} · lines {}–{} · {}", b.index + 1, b.grade, b.first_line, b.last_line, b.reason) }
                            </option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{ "Session number" }</span>
                    <input class="input port-other" type="number" min="1" max={n.to_string()}
                        value={(props.open + 1).to_string()} onchange={on_number} />
                </label>
                <div class="large-steps">
                    <button type="button" class="btn" onclick={step(-1)} disabled={props.open == 0}>{ "← Previous" }</button>
                    <button type="button" class="btn" onclick={step(1)} disabled={props.open + 1 >= n}>{ "Next →" }</button>
                </div>
            </div>
            if let Some(b) = open {
                <p class="large-open">{ format!("Showing session {} of {n}: lines {}–{}.", b.index + 1, b.first_line, b.last_line) }</p>
            }
        </section>
    }
}
