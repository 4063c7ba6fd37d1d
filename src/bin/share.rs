//! The Share dialog and the exports as their own wasm (`smtp-lens-share`),
//! so that the analyzer's first load does not carry them (the redaction,
//! the link's compression and decompression, the dialog, the JSON report,
//! the Markdown and the SVG file): the page (built with the `split`
//! feature) imports `share/smtp-lens-share.js` on first use (see
//! `src/app/lazy.rs`) and calls [`openShare`](part::open_share),
//! [`openLink`](part::open_link), [`reportJson`](part::report_json),
//! [`findingsMarkdown`](part::findings_markdown) or
//! [`diagramSvg`](part::diagram_svg). Built by `.ci/build-docs-script.sh`,
//! a Trunk hook.
//!
//! The exports analyse the page's text again, with the options the page
//! used (`lazy::options_of`): the engine is deterministic, so the report is
//! the one on screen, and the page need not serialise it across modules.
//!
//! The dialog is a Yew app of its own on `<div id="share-root">` after the
//! page's `#app`; closing it unmounts it and gives the focus back to the
//! Share button.

#[cfg(target_arch = "wasm32")]
#[path = "../app/mod.rs"]
#[allow(dead_code, unused_imports)]
mod app;

#[cfg(target_arch = "wasm32")]
mod part {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use yew::prelude::*;

    use crate::app::share::dialog::{DialogProps, ShareDialog, ShareProps};

    thread_local! {
        /// The open dialog.
        static OPEN: RefCell<Option<yew::AppHandle<ShareDialog>>> = const { RefCell::new(None) };
    }

    fn close() {
        if let Some(handle) = OPEN.with(|o| o.borrow_mut().take()) {
            handle.destroy();
        }
    }

    /// Opens the dialog on `host` for the page's transcript, port, session,
    /// selected lines and finding (what the link restores).
    #[wasm_bindgen(js_name = openShare)]
    pub fn open_share(
        host: web_sys::Element,
        text: String,
        port: Option<u16>,
        session: u32,
        lines: Vec<u32>,
        finding: Option<String>,
    ) {
        close();
        let props = DialogProps {
            share: ShareProps {
                text: Rc::from(text),
                port,
                session: session as usize,
                lines: Rc::new(lines),
                finding: finding.map(AttrValue::from),
            },
            on_close: Callback::from(|_| {
                // Not from inside the dialog's own event handler.
                gloo::timers::callback::Timeout::new(0, || {
                    close();
                    let button = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| {
                            d.query_selector("[data-testid=share-button]")
                                .ok()
                                .flatten()
                        })
                        .and_then(|b| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok()
                        });
                    if let Some(b) = button {
                        let _ = b.focus();
                    }
                })
                .forget();
            }),
        };
        let handle = yew::Renderer::<ShareDialog>::with_root_and_props(host, props).render();
        OPEN.with(|o| *o.borrow_mut() = Some(handle));
    }

    /// Decodes the share link in `hash`: `[transcript, port, session,
    /// lines, finding]` (port and finding undefined when absent), or throws
    /// the message the page shows for a link that cannot be opened.
    #[wasm_bindgen(js_name = openLink)]
    pub fn open_link(hash: &str) -> Result<js_sys::Array, JsValue> {
        let o = crate::app::share::open::open(hash).map_err(|m| JsValue::from_str(&m))?;
        let sel = o.selection.unwrap_or_default();
        let out = js_sys::Array::new();
        out.push(&JsValue::from_str(&o.transcript));
        out.push(&o.port.map_or(JsValue::UNDEFINED, JsValue::from));
        out.push(&JsValue::from(o.session));
        out.push(&js_sys::Uint32Array::from(&sel.lines[..]));
        out.push(
            &sel.finding
                .map_or(JsValue::UNDEFINED, |f| JsValue::from_str(&f)),
        );
        Ok(out)
    }

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
