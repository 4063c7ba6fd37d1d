//! The page's `?embed` mode, for iframes:
//!
//! ```text
//! https://HOST/PATH/?embed&view=findings&theme=dark&port=587#share=v1....
//! ```
//!
//! The transcript comes from a share link's fragment (never sent to the
//! server). `view` is `findings`, `transcript`, `diagram` or `all` (the
//! default; several may be joined with `+` or `,`), `theme` is `light`,
//! `dark` or `auto` (the default), `port` overrides the transcript's.
//! The view has no page chrome, and after every change of size it posts
//! `{ type: "smtp-lens:height", height, id }` to the parent window (`id`
//! echoes the `id` parameter) so the host can size the iframe.
//!
//! It runs on the documentation script's wasm (`docs_main.rs`,
//! `mountFrame`), which `src/app/boot.js` loads instead of the page's when
//! the address has `?embed`.

use smtp_lens::share::decode_fragment;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, ShadowRoot, UrlSearchParams};

use super::render::{self, EmbedOptions, Theme, Views};

/// The page margins go in embed mode (a constructable sheet, allowed by the CSP).
/// The view fills the frame edge to edge (no outer margin), so the height
/// it posts is the frame's content height.
const PAGE_CSS: &str = "html,body{margin:0!important;padding:0!important;background:transparent!important;min-height:0!important}:root{--smtp-lens-margin:0}";

fn params() -> Option<UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

/// Draws the embed view into `host` (replacing the page) and keeps it in
/// step with the fragment and the parent's size.
pub fn mount(host: &Element) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(PAGE_CSS)?;
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    if let Some(html) = document.document_element() {
        html.class_list().add_1("smtp-lens-embed")?;
    }
    host.set_text_content(None);
    let root = render::attach(host)?;
    draw(&root);
    let on_hash = {
        let root = root.clone();
        Closure::<dyn FnMut()>::new(move || draw(&root))
    };
    window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref())?;
    on_hash.forget();
    watch_height(host)?;
    Ok(())
}

fn draw(root: &ShadowRoot) {
    let p = params();
    let get = |k: &str| p.as_ref().and_then(|p| p.get(k));
    let theme = Theme::parse(get("theme").as_deref());
    let location = web_sys::window().map(|w| w.location());
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let app_url = location.as_ref().and_then(|l| {
        let origin = l.origin().ok()?;
        let path = l.pathname().ok()?;
        Some(format!("{origin}{path}"))
    });
    let result = if hash.trim_start_matches('#').is_empty() {
        render::render_message(
            root,
            theme,
            "Nothing to show: an SMTP Lens embed needs a transcript in its address, after #share= (make one with the Share button).",
        )
    } else {
        match decode_fragment(&hash) {
            Ok(state) => {
                let opts = EmbedOptions {
                    views: Views::parse(
                        get("view").as_deref().or(state.view.as_deref()),
                        Views::ALL,
                    ),
                    theme,
                    port: render::parse_port(get("port").as_deref()).or(state.port),
                    app_url,
                };
                render::render(root, &state.transcript, &opts).map(|_| ())
            }
            Err(e) => render::render_message(root, theme, &e.to_string()),
        }
    };
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str("SMTP Lens embed:"), &e);
    }
}

fn post_height(host: &Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let height = host.get_bounding_client_rect().height().ceil();
    let msg = js_sys::Object::new();
    let id = params().and_then(|p| p.get("id"));
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
    let ok = set("type", &JsValue::from_str("smtp-lens:height")).is_ok()
        && set("height", &JsValue::from_f64(height)).is_ok()
        && set("id", &id.map_or(JsValue::NULL, |i| JsValue::from_str(&i))).is_ok();
    if ok && !parent.loose_eq(&window) {
        // Only a number leaves the frame: any parent may know it.
        let _ = parent.post_message(&msg, "*");
    }
}

fn watch_height(host: &Element) -> Result<(), JsValue> {
    let target = host.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || post_height(&target));
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(host);
    on_resize.forget();
    post_height(host);
    Ok(())
}
