//! Browser tests of the Learn view (headless Chromium through
//! wasm-bindgen-test-runner): stepping through a scenario, the
//! eavesdropper's view turns to ciphertext exactly when TLS starts; keys
//! step back; a cleartext login is shown to the eavesdropper, masked until
//! revealed; deep links open a scenario at a step; "Open in analyzer"
//! loads the transcript and the analyzer finds what the explainer says.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_learn`.
#![cfg(target_arch = "wasm32")]

// The app lives in the `smtp-lens-web` binary, which tests cannot link to;
// compile the same module into this test instead.
#[path = "../src/app/mod.rs"]
mod app;

use std::time::Duration;

use smtp_lens::learn::{Wire, SCENARIOS};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh `App` at `hash` (no saved draft).
async fn mount(hash: &str) -> Element {
    let window = web_sys::window().unwrap();
    if let Ok(Some(s)) = window.session_storage() {
        s.clear().unwrap();
    }
    window.location().set_hash(hash).unwrap();
    settle(20).await;
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<app::App>::with_root(root.clone()).render();
    settle(80).await;
    root
}

async fn settle(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

async fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
    settle(30).await;
}

/// What the player and the eavesdropper panel show, in short.
fn shown(root: &Element) -> String {
    let panel = find(root, "[data-testid=eavesdropper]");
    format!(
        "{} {} {}",
        find(root, "[data-testid=scenario-player]")
            .get_attribute("data-step")
            .unwrap_or_default(),
        panel.get_attribute("data-wire").unwrap_or_default(),
        text(&panel)
    )
}

/// Clicks, then waits until the page shows the same thing twice 50 ms
/// apart (on a loaded machine a panel can be drawn a moment after the
/// step number changed).
async fn click_and_settle(root: &Element, el: &Element) {
    click(el).await;
    let mut last = shown(root);
    for _ in 0..60 {
        settle(50).await;
        let now = shown(root);
        if now == last {
            return;
        }
        last = now;
    }
}

fn wire(root: &Element) -> String {
    find(root, "[data-testid=eavesdropper]")
        .get_attribute("data-wire")
        .unwrap_or_default()
}

fn step_no(root: &Element) -> usize {
    find(root, "[data-testid=scenario-player]")
        .get_attribute("data-step")
        .unwrap()
        .parse()
        .unwrap()
}

#[wasm_bindgen_test]
async fn stepping_through_587_the_eavesdropper_view_turns_to_ciphertext_when_tls_starts() {
    let root = mount("#learn/scenario-587-starttls").await;
    let scenario = SCENARIOS
        .iter()
        .find(|s| s.slug == "scenario-587-starttls")
        .unwrap();
    let handshake = scenario
        .steps
        .iter()
        .position(|s| s.wire == Wire::Handshake)
        .unwrap();
    assert_eq!(
        find(&root, "[data-testid=scenario-player]")
            .get_attribute("data-scenario")
            .as_deref(),
        Some("scenario-587-starttls")
    );
    assert_eq!(step_no(&root), 1);
    assert!(!all(&root, "[data-testid=flow-diagram]").is_empty());

    let next = find(&root, "[data-testid=step-next]");
    let mut seen = Vec::new();
    for i in 0..scenario.steps.len() {
        assert_eq!(step_no(&root), i + 1);
        let w = wire(&root);
        let panel = find(&root, "[data-testid=eavesdropper]");
        let plain = all(&panel, ".eaves-rec[data-encrypted=false]");
        let cipher = all(&panel, ".eaves-rec[data-encrypted=true]");
        if i < handshake {
            assert!(cipher.is_empty(), "step {}: ciphertext before TLS", i + 1);
            assert_ne!(w, "ciphertext");
        } else {
            assert!(plain.is_empty(), "step {}: cleartext after TLS", i + 1);
            assert!(w == "handshake" || w == "ciphertext", "step {}: {w}", i + 1);
            for c in &cipher {
                assert!(text(c).contains("17 03 03"), "{}", text(c));
            }
        }
        if w == "plaintext" {
            assert!(!plain.is_empty(), "step {}", i + 1);
        }
        seen.push(w);
        if i + 1 < scenario.steps.len() {
            click_and_settle(&root, &next).await;
        }
    }
    // The view changed exactly at the handshake: cleartext just before it,
    // ciphertext just after it.
    assert_eq!(seen[handshake - 1], "plaintext");
    assert_eq!(seen[handshake], "handshake");
    assert_eq!(seen[handshake + 1], "ciphertext");
    // The AUTH step shows ciphertext only: no credential box.
    assert!(all(&root, "[data-testid=eaves-leak]").is_empty());
    // The last step shows what to take away.
    assert!(text(&find(&root, "[data-testid=lesson]")).contains("encrypted"));

    // Keyboard: ← steps back, Home goes to the start.
    let player = find(&root, "[data-testid=scenario-player]");
    for key in ["ArrowLeft", "Home"] {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        player.dispatch_event(&ev).unwrap();
        settle(30).await;
    }
    assert_eq!(step_no(&root), 1);
    assert_eq!(wire(&root), "local");
}

#[wasm_bindgen_test]
async fn a_stripped_starttls_hands_the_password_to_the_eavesdropper_masked_until_revealed() {
    let scenario = SCENARIOS
        .iter()
        .find(|s| s.slug == "scenario-stripped")
        .unwrap();
    let auth = scenario
        .steps
        .iter()
        .position(|s| s.flags.contains(&"plaintext-auth"))
        .unwrap();
    // A deep link straight to the AUTH step (1-based in the URL).
    let root = mount(&format!("#learn/scenario-stripped/{}", auth + 1)).await;
    assert_eq!(step_no(&root), auth + 1);
    assert_eq!(wire(&root), "plaintext");
    let leak = find(&root, "[data-testid=eaves-leak]");
    assert!(text(&leak).contains("alice@example.test"));
    assert!(
        !text(&leak).contains("S3cret-Passw0rd!"),
        "masked by default"
    );
    let panel = find(&root, "[data-testid=eavesdropper]");
    assert!(!text(&panel).contains("AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh"));
    click(&find(&root, ".eaves-reveal")).await;
    assert!(text(&find(&root, "[data-testid=eaves-leak]")).contains("S3cret-Passw0rd!"));
    // Never any ciphertext in this scenario.
    for _ in 0..scenario.steps.len() {
        assert!(all(&root, ".eaves-rec[data-encrypted=true]").is_empty());
        click(&find(&root, "[data-testid=step-next]")).await;
    }
}

#[wasm_bindgen_test]
async fn open_in_analyzer_loads_the_scenario_and_gives_the_findings_it_promised() {
    let root = mount("#learn/scenario-cleartext-auth-25").await;
    click(&find(&root, "[data-testid=open-in-analyzer]")).await;
    // The analysis runs after a short pause.
    settle(600).await;
    assert!(all(&root, "[data-testid=learn-view]").is_empty());
    let scenario = SCENARIOS
        .iter()
        .find(|s| s.slug == "scenario-cleartext-auth-25")
        .unwrap();
    let ids: Vec<String> = all(&root, "[data-finding-id]")
        .iter()
        .filter_map(|e| e.get_attribute("data-finding-id"))
        .collect();
    for id in scenario.findings {
        assert!(ids.iter().any(|x| x == id), "{id} not in {ids:?}");
    }
}

#[wasm_bindgen_test]
async fn the_settings_helper_answers_for_each_situation() {
    let root = mount("#learn/settings-printer").await;
    let advice = find(&root, "[data-testid=settings-advice]");
    assert_eq!(
        advice.get_attribute("data-situation").as_deref(),
        Some("settings-printer")
    );
    assert!(text(&advice).contains("587"));
    click(&find(&root, "label[for=learn-settings-app]")).await;
    let advice = find(&root, "[data-testid=settings-advice]");
    assert_eq!(
        advice.get_attribute("data-situation").as_deref(),
        Some("settings-app")
    );
    assert!(text(&advice).contains("465"));
}
