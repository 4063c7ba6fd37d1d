//! Browser smoke tests: the page mounts, shows its title and the transcript
//! input, and typing into the input reaches the app.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_smoke`
//! (headless Chromium through wasm-bindgen-test-runner and chromedriver, see
//! .cargo/config.toml and .ci/setup.sh).
#![cfg(target_arch = "wasm32")]

// The app lives in the `smtp-lens-web` binary, which tests cannot link to;
// compile the same module into this test instead.
#[path = "../src/app/mod.rs"]
mod app;

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh `App` into its own `<div>` and lets Yew render it.
async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<app::App>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Yields to the browser so Yew's scheduler can run.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

#[wasm_bindgen_test]
async fn shows_title_and_transcript_input() {
    let root = mount().await;

    let title = find(&root, "h1").text_content().unwrap_or_default();
    assert_eq!(title, "SMTP Lens");

    let input = find(&root, "[data-testid=transcript-input]");
    assert_eq!(input.tag_name().to_lowercase(), "textarea");
    assert!(find(&root, "[data-testid=analyzer-notice]")
        .text_content()
        .unwrap_or_default()
        .contains("coming"));
    assert_eq!(
        find(&root, "[data-testid=input-stats]")
            .text_content()
            .as_deref(),
        Some("0 lines · 0 characters")
    );
}

#[wasm_bindgen_test]
async fn typing_into_the_transcript_updates_the_page() {
    let root = mount().await;
    let input: HtmlTextAreaElement = find(&root, "[data-testid=transcript-input]")
        .dyn_into()
        .unwrap();

    let transcript = "220 mx.example.com ESMTP\r\nEHLO me\r\n250 mx.example.com";
    input.set_value(transcript);
    // Yew listens at the root, so the event must bubble to reach it.
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;

    // A textarea's value normalises line breaks to "\n": pasted CRLF
    // transcripts reach the app with LF only.
    assert_eq!(input.value(), transcript.replace("\r\n", "\n"));
    assert_eq!(
        find(&root, "[data-testid=input-stats]")
            .text_content()
            .as_deref(),
        Some("3 lines · 51 characters")
    );
}
