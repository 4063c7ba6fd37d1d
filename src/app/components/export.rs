//! Export: the findings as Markdown on the clipboard, the JSON report as
//! a file. The work is done at the top (`App`); these are the buttons.
//!
//! A function, not a component: a component costs the page's wasm its own
//! copy of Yew's lifecycle code (about 0.5 KB gzipped), and these few nodes
//! cost nothing to compare again.

use yew::prelude::*;

pub fn export(
    on_copy_markdown: &Callback<()>,
    on_download_json: &Callback<()>,
    several: bool,
) -> Html {
    let copy = on_copy_markdown.reform(|_: MouseEvent| ());
    let download = on_download_json.reform(|_: MouseEvent| ());
    html! {
        <div class="export" role="group" aria-label="Export">
            <button type="button" class="btn" data-testid="copy-markdown" onclick={copy}
                title="For a ticket or a forum reply; credentials stay masked">
                { if several { "Copy this session as Markdown" } else { "Copy findings as Markdown" } }
            </button>
            <button type="button" class="btn" data-testid="download-json" onclick={download}
                title="The full report (schema 1), as the command-line tool's --json">
                { "Download JSON report" }
            </button>
        </div>
    }
}
