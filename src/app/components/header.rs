//! The page header: the name, what the page does, the Learn link and the
//! light / dark / system theme switch.

use yew::prelude::*;

use crate::app::state::Theme;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub theme: Theme,
    pub on_theme: Callback<Theme>,
    /// The Learn view is showing (the link then leads back).
    pub learning: bool,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let next = match props.theme {
        Theme::System => Theme::Dark,
        Theme::Dark => Theme::Light,
        Theme::Light => Theme::System,
    };
    let label = match props.theme {
        Theme::System => "Theme: system",
        Theme::Dark => "Theme: dark",
        Theme::Light => "Theme: light",
    };
    let onclick = {
        let on_theme = props.on_theme.clone();
        Callback::from(move |_| on_theme.emit(next))
    };
    html! {
        <header class="app-header">
            <div class="brand-row">
                <a class="brand" href="#" aria-label="SMTP Lens, analyzer">
                    <span class="brand-mark" aria-hidden="true">{ "⟨S⟩" }</span>
                    <h1>{ "SMTP Lens" }</h1>
                </a>
                <nav class="header-nav" aria-label="Views">
                    if props.learning {
                        <a href="#">{ "Analyzer" }</a>
                    } else {
                        <a href="#learn">{ "Learn SMTP submission" }</a>
                    }
                    <button type="button" class="btn btn-ghost theme-toggle" {onclick}
                        title="Switch between system, dark and light"
                        aria-label={format!("{label}. Switch theme")}>
                        <span aria-hidden="true" class={classes!("theme-icon", props.theme.id())}></span>
                        <span class="theme-label">{ label }</span>
                    </button>
                </nav>
            </div>
            <p class="tagline">
                { "Paste an SMTP session from your mail client or server. See what happened, what was insecure or broken, and how to fix it." }
            </p>
        </header>
    }
}
