//! "Which settings should I use?": pick a situation, get the port, the
//! TLS mode and the login, with the reason.

use smtp_lens::learn::SITUATIONS;
use yew::prelude::*;

use super::markup::{anchor, inline};

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The situation chosen by the route, if any.
    pub initial: Option<usize>,
}

#[component]
pub fn SettingsHelper(props: &SettingsProps) -> Html {
    let chosen = use_state(|| props.initial.unwrap_or(0));
    {
        let chosen = chosen.clone();
        use_effect_with(props.initial, move |initial| {
            if let Some(i) = initial {
                chosen.set(*i);
            }
        });
    }
    let options = SITUATIONS.iter().enumerate().map(|(i, s)| {
        let onchange = {
            let chosen = chosen.clone();
            Callback::from(move |_: Event| chosen.set(i))
        };
        let id = anchor(s.slug);
        html! {
            <li class="learn-situation">
                <input type="radio" name="learn-situation" id={id.clone()} value={s.slug}
                    checked={*chosen == i} {onchange} />
                <label for={id}>
                    <span class="learn-situation-label">{ s.label }</span>
                    <span class="learn-situation-example">{ s.example }</span>
                </label>
            </li>
        }
    });
    let Some(s) = SITUATIONS.get(*chosen) else {
        return html! {};
    };
    let a = &s.advice;
    html! {
        <div class="learn-settings" data-testid="settings-helper">
            <fieldset>
                <legend>{ "What is sending the mail?" }</legend>
                <ul class="learn-situations">{ for options }</ul>
            </fieldset>
            <div class="learn-advice" aria-live="polite" data-testid="settings-advice" data-situation={s.slug}>
                <dl class="learn-advice-facts">
                    <div><dt>{ "Port" }</dt><dd class="learn-advice-port">{ a.port }</dd></div>
                    <div><dt>{ "TLS" }</dt><dd>{ a.tls.label() }</dd></div>
                    <div><dt>{ "Login" }</dt><dd>{ a.auth }</dd></div>
                    if let Some((port, tls)) = a.fallback {
                        <div><dt>{ "Also fine" }</dt><dd>{ format!("{port} with {}", tls.label()) }</dd></div>
                    }
                </dl>
                <p class="learn-advice-why"><strong>{ "Why: " }</strong>{ inline(a.reason) }</p>
                <ul class="learn-list">{ for a.notes.iter().map(|n| html! { <li>{ inline(n) }</li> }) }</ul>
                <p class="learn-advice-link">
                    <a href={format!("#learn/{}", s.slug)}>{ "Link to this answer" }</a>
                </p>
            </div>
        </div>
    }
}
