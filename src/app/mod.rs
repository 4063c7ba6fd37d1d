//! The SMTP Lens web page (Yew, client-side rendering).
//!
//! For now a placeholder: the title, the transcript input and a notice that
//! the analyzer is on its way. The real app (one reducer, components that
//! render the engine's `Report`) replaces the body of [`App`]; the browser
//! entry (`src/main.rs`) and the browser tests only rely on the name `App`
//! and on the `data-testid` attributes.
//!
//! The page runs under a strict Content-Security-Policy (see `index.html`):
//! no inline `style="..."` attributes and no inline scripts. Style with
//! classes and the CSS files in `styles/`.
//!
//! This module refers to the engine as `smtp_lens::...` (never `crate::`),
//! so it compiles both inside the `smtp-lens-web` binary and when a browser
//! test includes it with `#[path]`.

// The flow diagram (lane flow); the analyzer page renders it.
#[allow(dead_code)]
pub mod diagram;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Size of the pasted text, shown next to the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct InputStats {
    lines: usize,
    chars: usize,
}

impl InputStats {
    fn of(text: &str) -> Self {
        Self {
            lines: text.lines().count(),
            chars: text.chars().count(),
        }
    }

    fn describe(self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} · {}",
            plural(self.lines, "line", "lines"),
            plural(self.chars, "character", "characters")
        )
    }
}

const PLACEHOLDER: &str = "Paste an SMTP session here, for example:\n\n\
220 mail.example.com ESMTP Postfix\n\
EHLO client.example.org\n\
250-mail.example.com\n\
250-STARTTLS\n\
250 AUTH PLAIN LOGIN\n\
STARTTLS\n\
220 2.0.0 Ready to start TLS";

/// The whole page.
#[component]
pub fn App() -> Html {
    let stats = use_state(InputStats::default);

    let oninput = {
        let stats = stats.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlTextAreaElement = event.target_unchecked_into();
            stats.set(InputStats::of(&input.value()));
        })
    };

    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="brand">{ "SMTP Lens" }</h1>
                <p class="tagline">
                    { "Paste an SMTP session. See what happened, what was insecure, and how to fix it." }
                </p>
            </header>

            <main class="app-main">
                <section class="panel input-panel" aria-labelledby="transcript-heading">
                    <div class="panel-head">
                        <h2 id="transcript-heading">
                            <label for="transcript-input">{ "Transcript" }</label>
                        </h2>
                        <span class="input-stats" data-testid="input-stats" aria-live="polite">
                            { stats.describe() }
                        </span>
                    </div>
                    <textarea
                        id="transcript-input"
                        class="transcript-input"
                        data-testid="transcript-input"
                        placeholder={PLACEHOLDER}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        {oninput}
                    />
                    <p class="privacy-note">
                        { "Nothing you paste leaves this page: the analysis runs in your browser." }
                    </p>
                </section>

                <section class="panel notice" data-testid="analyzer-notice" aria-labelledby="notice-heading">
                    <h2 id="notice-heading">{ "The analyzer is coming" }</h2>
                    <p>
                        { "Soon this page will detect the transcript's format and port, give a verdict, \
                           list what was insecure or broken with the fix and the RFC, explain every \
                           command and reply, and draw the submission flow." }
                    </p>
                </section>
            </main>

            <footer class="app-footer">
                <p>{ "SMTP Lens runs entirely in your browser. No fonts, trackers or requests to other sites." }</p>
            </footer>
        </div>
    }
}
