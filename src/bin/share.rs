//! The Share dialog as its own wasm (`smtp-lens-share`), so that the
//! analyzer's first load does not carry it (the redaction, the link's
//! compression, the dialog): the page (built with the `split` feature)
//! imports `share/smtp-lens-share.js` on the first click of Share and calls
//! [`openShare`](part::open_share) (see `src/app/lazy.rs`). Built by
//! `.ci/build-docs-script.sh`, a Trunk hook.
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
}

fn main() {}
