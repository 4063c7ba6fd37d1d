//! The Learn view: the explainer of email submission (ports 25, 587 and
//! 465, STARTTLS, SMTP AUTH), the "which settings?" helper and the
//! scenario player. All content comes from the engine's `smtp_lens::learn`;
//! this module only renders it.
//!
//! Lane `web` owns routing: `#learn<route>` shows [`LearnView`] with the
//! rest of the fragment as `route` (`""`, `"/port-587"`,
//! `"/scenario-stripped/4"`). Links inside the view are plain
//! `#learn/<slug>` fragments, so the browser's history and deep links
//! just work; the view scrolls to the target when the slug changes.

mod article;
mod eavesdropper;
mod markup;
mod player;
mod settings;

use smtp_lens::learn::{resolve, Target, SCENARIOS, SECTIONS, SITUATIONS};
use yew::prelude::*;

use player::ScenarioPlayer;
use settings::SettingsHelper;

#[derive(Properties, PartialEq)]
pub struct LearnProps {
    /// The fragment after `#learn`, e.g. `"/port-587"`.
    pub route: String,
    /// Loads a transcript (and its port) into the analyzer.
    pub on_open_in_analyzer: Callback<(String, Option<u16>)>,
}

/// Scrolls the element for `slug` into view and moves focus to it (so
/// keyboard and screen-reader users land where the link pointed).
fn scroll_to(slug: Option<&str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let el = match slug {
        Some(slug) => doc.get_element_by_id(&markup::anchor(slug)),
        None => doc.get_element_by_id("learn-top"),
    };
    if let Some(el) = el {
        el.scroll_into_view();
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = h.focus();
        }
    }
}

#[component]
pub fn LearnView(props: &LearnProps) -> Html {
    let target = resolve(&props.route);
    // The scenario (and step) the route points at; when the route points
    // elsewhere in the article, the player keeps the last one.
    let from_route = match target {
        Target::Scenario { scenario, step } => Some((
            SCENARIOS
                .iter()
                .position(|s| s.slug == scenario.slug)
                .unwrap_or(0),
            step,
        )),
        _ => None,
    };
    let chosen = use_state(|| from_route.unwrap_or((0, 0)));
    let (scenario, step) = from_route.unwrap_or(*chosen);
    {
        let chosen = chosen.clone();
        use_effect_with(from_route, move |r| {
            if let Some(r) = r {
                chosen.set(*r);
            }
        });
    }
    let situation = match target {
        Target::Situation(s) => SITUATIONS.iter().position(|x| x.slug == s.slug),
        _ => None,
    };
    // Scroll when the slug changes (not when only the step does).
    use_effect_with(target.slug().map(str::to_string), |slug| {
        if slug.is_some() {
            scroll_to(slug.as_deref());
        }
    });

    let situations = html! { <SettingsHelper initial={situation} /> };
    let tabs = SCENARIOS.iter().enumerate().map(|(i, s)| {
        let on = i == scenario;
        html! {
            <li>
                <a href={format!("#learn/{}", s.slug)}
                    class={classes!("learn-tab", format!("learn-kind-{}", s.kind.as_str()), on.then_some("learn-tab-on"))}
                    aria-current={on.then_some("true")}>
                    <span class="learn-tab-title">{ s.title }</span>
                </a>
            </li>
        }
    });
    let scenarios = html! {
        <div class="learn-scenarios">
            <nav aria-label="Scenarios"><ul class="learn-tabs">{ for tabs }</ul></nav>
            <ScenarioPlayer key={format!("{scenario}-{step}")} scenario={scenario} initial_step={step}
                on_open_in_analyzer={props.on_open_in_analyzer.clone()} />
        </div>
    };
    let toc = SECTIONS.iter().map(|s| {
        html! { <li><a href={format!("#learn/{}", s.slug)}>{ s.title }</a></li> }
    });

    html! {
        <div class="learn" data-testid="learn-view">
            <header id="learn-top" class="learn-intro" tabindex="-1">
                <p class="learn-kicker">{ "Learn" }</p>
                <h1 class="learn-title">{ "Email submission, from port 25 to TLS" }</h1>
                <p class="learn-lead">
                    { "How your app or mail program hands a message to a mail server: which port, what STARTTLS protects, \
                       why port 465 is preferred, how logging in works — and six real sessions to step through, \
                       with what someone listening on the network sees at each step." }
                </p>
                <p><a href="#">{ "← Back to the analyzer" }</a></p>
            </header>
            <div class="learn-body">
                <nav class="learn-toc" aria-label="On this page">
                    <h2>{ "On this page" }</h2>
                    <ol>{ for toc }</ol>
                </nav>
                <article class="learn-article">
                    { for SECTIONS.iter().map(|s| article::section(s, &situations, &scenarios)) }
                </article>
            </div>
        </div>
    }
}
