//! Export: the findings as Markdown on the clipboard, the JSON report as
//! a file. The work is done at the top (`App`); these are the buttons.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub on_copy_markdown: Callback<()>,
    pub on_download_json: Callback<()>,
    pub several: bool,
}

#[component]
pub fn Export(props: &ExportProps) -> Html {
    let copy = {
        let cb = props.on_copy_markdown.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let download = {
        let cb = props.on_download_json.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="export" role="group" aria-label="Export">
            <button type="button" class="btn" data-testid="copy-markdown" onclick={copy}
                title="For a ticket or a forum reply; credentials stay masked">
                { if props.several { "Copy this session as Markdown" } else { "Copy findings as Markdown" } }
            </button>
            <button type="button" class="btn" data-testid="download-json" onclick={download}
                title="The full report (schema 1), as the command-line tool's --json">
                { "Download JSON report" }
            </button>
        </div>
    }
}
