//! One tab per session when a paste holds several (a select when there
//! are many).

use smtp_lens::Report;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::verdict::grade_word;

#[derive(Properties)]
pub struct TabsProps {
    pub report: std::rc::Rc<Report>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

// The report by identity (`Rc::ptr_eq`), not by value (see FindingsProps).
impl PartialEq for TabsProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.report, &other.report)
            && self.selected == other.selected
            && self.on_select == other.on_select
    }
}

/// Above this many sessions, a select replaces the tabs.
const MAX_TABS: usize = 12;

#[component]
pub fn SessionTabs(props: &TabsProps) -> Html {
    let sessions = &props.report.sessions;
    if sessions.len() < 2 {
        return html! {};
    }
    if sessions.len() > MAX_TABS {
        let cb = props.on_select.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                if let Ok(i) = s.value().parse() {
                    cb.emit(i);
                }
            }
        });
        return html! {
            <div class="session-picker">
                <label>
                    <span class="field-label">{ format!("{} sessions in this paste", sessions.len()) }</span>
                    <select class="select" {onchange} data-testid="session-select">
                        { for sessions.iter().map(|s| html! {
                            <option value={s.index.to_string()} selected={s.index == props.selected}>
                                { format!("Session {} · grade {} · {}", s.index + 1, s.verdict.grade.as_str(), s.session.format.unwrap_or(props.report.format)) }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
        };
    }
    let onkeydown = {
        let cb = props.on_select.clone();
        let n = sessions.len();
        let cur = props.selected;
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => Some((cur + 1) % n),
                "ArrowLeft" => Some((cur + n - 1) % n),
                "Home" => Some(0),
                "End" => Some(n - 1),
                _ => None,
            };
            if let Some(i) = next {
                e.prevent_default();
                cb.emit(i);
                focus_tab(i);
            }
        })
    };
    html! {
        <div class="session-tabs" role="tablist" aria-label="Sessions in this paste" {onkeydown}>
            { for sessions.iter().map(|s| {
                let i = s.index;
                let cb = props.on_select.clone();
                let onclick = Callback::from(move |_| cb.emit(i));
                let selected = i == props.selected;
                let grade = s.verdict.grade.as_str();
                html! {
                    <button type="button" role="tab" id={format!("session-tab-{i}")}
                        class={classes!("tab", selected.then_some("is-selected"))}
                        aria-selected={selected.to_string()} aria-controls="session-panel"
                        tabindex={if selected { "0" } else { "-1" }} {onclick}>
                        <span class={classes!("tab-grade", format!("grade-{}", grade.to_ascii_lowercase()))}>{ grade }</span>
                        <span>{ format!("Session {}", i + 1) }</span>
                        <span class="tab-sub">{ s.session.format.unwrap_or(props.report.format) }{ " · " }{ grade_word(s.verdict.grade) }</span>
                    </button>
                }
            }) }
        </div>
    }
}

fn focus_tab(i: usize) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("session-tab-{i}")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
