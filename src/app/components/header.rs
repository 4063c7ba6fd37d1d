//! The page header: the name, what the page does, the Learn link and the
//! light / dark / system theme switch.

use yew::prelude::*;

use crate::app::state::Theme;

/// A function, not a component (see `export`). `learning`: the Learn view
/// is showing (the link then leads back).
pub fn header(theme: Theme, on_theme: &Callback<Theme>, learning: bool) -> Html {
    let next = match theme {
        Theme::System => Theme::Dark,
        Theme::Dark => Theme::Light,
        Theme::Light => Theme::System,
    };
    let label = match theme {
        Theme::System => "Theme: system",
        Theme::Dark => "Theme: dark",
        Theme::Light => "Theme: light",
    };
    let onclick = on_theme.reform(move |_: MouseEvent| next);
    html! {
        <header class="app-header">
            <div class="brand-row">
                <a class="brand" href="#" aria-label="SMTP Lens, analyzer">
                    <span class="brand-mark" aria-hidden="true">{ "⟨S⟩" }</span>
                    <h1>{ "SMTP Lens" }</h1>
                </a>
                <nav class="header-nav" aria-label="Views">
                    if learning {
                        <a href="#">{ "Analyzer" }</a>
                    } else {
                        <a href="#learn">{ "Learn SMTP submission" }</a>
                    }
                    <button type="button" class="btn btn-ghost theme-toggle" {onclick}
                        title="Switch between system, dark and light"
                        aria-label={format!("{label}. Switch theme")}>
                        <span aria-hidden="true" class={classes!("theme-icon", theme.id())}></span>
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
