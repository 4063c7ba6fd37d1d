//! Browser entry of SMTP Lens, built by Trunk (`index.html` names this binary
//! with `data-bin="smtp-lens-web"`). It only mounts the Yew app; everything
//! the page shows lives in `src/app/`, everything it computes in the engine
//! (the `smtp_lens` library).

#[cfg(target_arch = "wasm32")]
mod app;

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;

    // No window (not a page): nothing to mount. The analysis workers run
    // the engine built for speed instead (src/bin/worker.rs).
    if web_sys::window().is_none() {
        return;
    }

    // Mount into `<div id="app">` (replacing its "Loading" text); fall back
    // to <body> if the page has no such element.
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    // `?embed` (the compact view for iframes) never gets here: boot.js
    // runs it on the documentation script's smaller wasm (src/app/embed/).
    match root {
        Some(root) => {
            root.set_text_content(None);
            yew::Renderer::<app::App>::with_root(root.unchecked_into()).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "smtp-lens-web is the browser entry of SMTP Lens: build it with `trunk build` \
         (or run `bash .ci/serve.sh`). The command-line tool is `smtp-lens`."
    );
}
