//! Browser tests of sharing on the page (headless Chromium): the Share
//! dialog shows the redacted transcript and makes a link without the
//! credential; opening that link restores the transcript, the port and the
//! selected finding, and leaves the address bar clean; a damaged link gives
//! its message and an empty analyzer.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_share`.
#![cfg(target_arch = "wasm32")]

#[path = "../src/app/mod.rs"]
mod app;

use std::time::Duration;

use smtp_lens::share::{decode_fragment, encode_fragment, SharedState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A real capture: swaks, AUTH PLAIN in cleartext on port 25 (Postfix).
const CLEARTEXT_25: &str = include_str!("fixtures/swaks/postfix-25-cleartext-auth-plain.txt");
/// The base64 of "\0alice@example.test\0S3cret-Passw0rd!" in that capture.
const CREDENTIAL: &str = "AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh";

async fn settle(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Mounts a fresh `App` with `hash` in the address (no saved draft). The
/// handle must be destroyed at the end of the test, or that App would
/// still answer the next test's hash change.
async fn mount(hash: &str) -> (Element, yew::AppHandle<app::App>) {
    let window = web_sys::window().unwrap();
    if let Ok(Some(s)) = window.session_storage() {
        s.clear().unwrap();
    }
    window.location().set_hash(hash).unwrap();
    settle(20).await;
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<app::App>::with_root(root.clone()).render();
    settle(700).await;
    (root, handle)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

fn input_text(root: &Element) -> String {
    find(root, "[data-testid=transcript-input]")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value()
}

#[wasm_bindgen_test]
async fn share_dialog_makes_a_redacted_link() {
    let (root, handle) = mount("").await;
    let input: HtmlTextAreaElement = find(&root, "[data-testid=transcript-input]")
        .dyn_into()
        .unwrap();
    input.set_value(CLEARTEXT_25);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle(600).await;
    click(&find(&root, "[data-testid=share-button]"));
    settle(100).await;
    let dialog = find(&root, "[data-testid=share-dialog]");
    let preview = find(&dialog, "[data-testid=share-preview]")
        .text_content()
        .unwrap();
    assert!(!preview.contains(CREDENTIAL));
    let link: HtmlInputElement = find(&dialog, "[data-testid=share-link]")
        .dyn_into()
        .unwrap();
    let link = link.value();
    let (_, fragment) = link.split_once('#').unwrap();
    assert!(fragment.starts_with("share=v1."), "{link}");
    let state = decode_fragment(fragment).unwrap();
    assert!(!state.transcript.contains(CREDENTIAL));
    assert_eq!(
        state.transcript.lines().count(),
        CLEARTEXT_25.lines().count()
    );
    assert_eq!(state.redacted & 1, 1);

    // Opting in to the raw text puts the credential in the link.
    click(&find(&dialog, "[data-testid=share-raw]"));
    settle(100).await;
    let raw: HtmlInputElement = find(&root, "[data-testid=share-link]").dyn_into().unwrap();
    let raw_state = decode_fragment(raw.value().split_once('#').unwrap().1).unwrap();
    assert!(raw_state.transcript.contains(CREDENTIAL));
    assert_eq!(raw_state.redacted, 0);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn opening_a_link_restores_the_view() {
    let state = SharedState {
        transcript: CLEARTEXT_25.to_string(),
        port: Some(25),
        finding: Some("plaintext-auth".into()),
        redacted: 1,
        ..SharedState::default()
    };
    let (root, handle) = mount(&encode_fragment(&state).unwrap()).await;
    // The link is decoded by a part loaded on first use: on a loaded
    // machine it can take longer than mount's wait (up to 10 s more).
    for _ in 0..100 {
        if !input_text(&root).is_empty()
            && root
                .query_selector("[data-finding-id=plaintext-auth].is-selected")
                .unwrap()
                .is_some()
        {
            break;
        }
        settle(100).await;
    }
    assert_eq!(input_text(&root).trim_end(), CLEARTEXT_25.trim_end());
    let verdict = find(&root, "[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-grade").as_deref(), Some("F"));
    let f = find(&root, "[data-finding-id=plaintext-auth]");
    assert!(
        f.class_name().contains("is-selected"),
        "the shared finding is not selected: {}",
        f.class_name()
    );
    // The address bar no longer holds the transcript.
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(!hash.contains("share="), "{hash}");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_damaged_link_gives_a_message_and_an_empty_analyzer() {
    let (root, handle) = mount("share=v1.eNoDAAAAAAE").await;
    let text = root.text_content().unwrap();
    assert!(text.contains("damaged"), "{text}");
    assert_eq!(input_text(&root), "");
    assert!(root
        .query_selector("[data-testid=verdict]")
        .unwrap()
        .is_none());
    handle.destroy();
    root.remove();
}
