//! The page's exports as their own wasm (`smtp-lens-export`): the JSON
//! report (serde_json and the report's serialisation), the findings as
//! Markdown and the flow diagram as a standalone SVG file. The page (built
//! with the `split` feature) imports `export/smtp-lens-export.js` on the
//! first "Download JSON report", "Copy findings as Markdown" or "Download
//! SVG" (see `src/app/lazy.rs`) and calls [`reportJson`](part::report_json),
//! [`findingsMarkdown`](part::findings_markdown) or
//! [`diagramSvg`](part::diagram_svg). Built by `.ci/build-docs-script.sh`,
//! a Trunk hook.
//!
//! Each export analyses the page's text again, with the options the report
//! on screen was made with (`lazy::analysed`): the engine is deterministic,
//! so it is that report, and no report has to cross between two wasm
//! modules (which would need its serialisation in the page).

#[cfg(target_arch = "wasm32")]
mod part {
    use wasm_bindgen::prelude::*;

    fn analyze(text: &str, port: Option<u16>, format: Option<String>) -> smtp_lens::Report {
        let opts = smtp_lens::Options {
            port,
            format: format.as_deref().and_then(smtp_lens::Format::from_id),
        };
        smtp_lens::analyze(text, &opts)
    }

    /// The JSON report of `text` ("Download JSON report").
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(text: &str, port: Option<u16>, format: Option<String>) -> String {
        analyze(text, port, format).to_json()
    }

    /// The findings of `text` as Markdown ("Copy findings as Markdown"):
    /// of one session when `session` is given.
    #[wasm_bindgen(js_name = findingsMarkdown)]
    pub fn findings_markdown(
        text: &str,
        port: Option<u16>,
        format: Option<String>,
        session: Option<u32>,
        line_offset: u32,
    ) -> String {
        let report = analyze(text, port, format);
        let session = session.map(|s| s as usize);
        smtp_lens::markdown::findings_markdown_at(text, &report, session, line_offset)
    }

    /// The flow diagram of session `session` of `text` as an SVG file, at
    /// full width ("Download SVG"); empty when there is no such session.
    #[wasm_bindgen(js_name = diagramSvg)]
    pub fn diagram_svg(
        text: &str,
        port: Option<u16>,
        format: Option<String>,
        session: u32,
        reveal_upto: Option<u32>,
    ) -> String {
        let report = analyze(text, port, format);
        let opts = smtp_lens::diagram::DiagramOptions {
            text: Some(text),
            reveal_upto,
            width: None,
        };
        smtp_lens::diagram::layout(&report, session as usize, &opts)
            .map(|l| smtp_lens::diagram::to_svg(&l))
            .unwrap_or_default()
    }
}

fn main() {}
