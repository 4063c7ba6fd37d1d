//! The documentation-site script's WebAssembly (`smtp-lens-docs`): the
//! engine plus the compact view, no Yew. `dist/embed/smtp-lens.js` (from
//! `src/app/embed/smtp-lens.js`) loads it and calls [`enhance_element`]
//! for every `<pre data-smtp-lens>` of the host page.
//!
//! The page's `?embed` mode (iframes) runs on this wasm too, not on the
//! page's own: `src/app/boot.js` sees `?embed` and calls [`mount_frame`],
//! so an iframe downloads the compact view and the engine, not the whole
//! analyzer.
//!
//! Built by `.ci/build-docs-script.sh` (a Trunk post-build hook) with the
//! same wasm-bindgen and wasm-opt as the page.

#[cfg(target_arch = "wasm32")]
mod diagram;
#[cfg(target_arch = "wasm32")]
mod frame;
// Shared with the page's binary (`?embed`), which uses a different part of it.
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)]
mod render;

#[cfg(target_arch = "wasm32")]
mod docs {
    use wasm_bindgen::prelude::*;
    use web_sys::HtmlElement;

    use super::render::{self, EmbedOptions, Theme, Views};

    /// The `?embed` view (see `frame.rs`), drawn into `host` (the page's
    /// `<div id="app">`); called by `boot.js`.
    #[wasm_bindgen(js_name = mountFrame)]
    pub fn mount_frame(host: &web_sys::Element) -> Result<(), JsValue> {
        super::frame::mount(host)
    }

    /// Replaces the `<pre>` by an analysed view, drawn in a shadow root of
    /// a new element placed right after it; the `<pre>` stays in the page,
    /// hidden, so the host's own scripts still find it. The element's
    /// `data-view`, `data-port` and `data-theme` win over the options.
    /// Returns the new element (`data-smtp-lens-host`).
    #[wasm_bindgen(js_name = enhanceElement)]
    pub fn enhance_element(
        pre: &HtmlElement,
        view: Option<String>,
        port: Option<String>,
        theme: Option<String>,
        app_url: Option<String>,
    ) -> Result<web_sys::Element, JsValue> {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let attr = |k: &str| pre.get_attribute(k).filter(|v| !v.trim().is_empty());
        let text = pre.text_content().unwrap_or_default();
        let opts = EmbedOptions {
            views: Views::parse(attr("data-view").or(view).as_deref(), Views::TRANSCRIPT),
            theme: Theme::parse(attr("data-theme").or(theme).as_deref()),
            port: render::parse_port(attr("data-port").or(port).as_deref()),
            app_url,
        };
        let host = doc.create_element("div")?;
        host.set_attribute("data-smtp-lens-host", "")?;
        host.set_attribute("class", "smtp-lens")?;
        let root = render::attach(&host)?;
        render::render(&root, text.trim_matches('\n'), &opts)?;
        pre.after_with_node_1(&host)?;
        // Hidden however the host page styles <pre> (an inline declaration
        // set through the CSSOM, which a CSP allows, beats any stylesheet).
        pre.set_hidden(true);
        pre.style()
            .set_property_with_priority("display", "none", "important")?;
        pre.set_attribute("data-smtp-lens-state", "enhanced")?;
        host.set_attribute("data-smtp-lens-state", "ready")?;
        Ok(host)
    }
}

fn main() {}
