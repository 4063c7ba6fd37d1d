//! Browser tests of the compact view shared by the `?embed` page and the
//! documentation-site script (headless Chromium): it draws into a shadow
//! root, shows the verdict, the findings and every line, masks the
//! credential, renders hostile text as text, and a damaged share link
//! gives a message instead of a view.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_embed`.
#![cfg(target_arch = "wasm32")]

#[path = "../src/app/embed/mod.rs"]
#[allow(dead_code)]
mod embed;

use embed::render::{attach, render, render_message, EmbedOptions, Theme, Views};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// A real capture: swaks, AUTH PLAIN in cleartext on port 25 (Postfix).
const CLEARTEXT_25: &str = include_str!("fixtures/swaks/postfix-25-cleartext-auth-plain.txt");
/// The base64 of "\0alice@example.test\0S3cret-Passw0rd!" in that capture.
const CREDENTIAL: &str = "AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh";

fn host() -> (Element, ShadowRoot) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let root = attach(&host).unwrap();
    (host, root)
}

fn all(root: &ShadowRoot, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn opts(views: Views) -> EmbedOptions {
    EmbedOptions {
        views,
        theme: Theme::Auto,
        port: None,
        app_url: Some("https://lens.example/".into()),
    }
}

#[wasm_bindgen_test]
fn draws_verdict_findings_and_lines_in_a_shadow_root() {
    let (host, root) = host();
    render(&root, CLEARTEXT_25, &opts(Views::ALL)).unwrap();
    // Nothing in the light DOM: the host page cannot style or query it by accident.
    assert_eq!(host.children().length(), 0);
    let verdict = all(&root, "[data-testid=verdict]");
    assert_eq!(verdict.len(), 1);
    assert_eq!(verdict[0].get_attribute("data-grade").as_deref(), Some("F"));
    let ids: Vec<String> = all(&root, "[data-finding-id]")
        .iter()
        .filter_map(|e| e.get_attribute("data-finding-id"))
        .collect();
    assert!(ids.contains(&"plaintext-auth".to_string()), "{ids:?}");
    let critical = all(&root, "[data-finding-id=plaintext-auth]");
    assert_eq!(
        critical[0].get_attribute("data-severity").as_deref(),
        Some("critical")
    );
    let lines = all(&root, "[data-line]");
    assert_eq!(lines.len(), CLEARTEXT_25.trim_end().lines().count());
    let text = root.first_element_child().unwrap().text_content().unwrap();
    assert!(!text.contains(CREDENTIAL), "the credential is shown");
    assert!(text.contains(smtp_lens::report::MASK));
    // The "Open in SMTP Lens" link carries no credential either.
    let link = all(&root, "a.sl-open")[0].get_attribute("href").unwrap();
    assert!(link.starts_with("https://lens.example/#share=v1."));
    let state = smtp_lens::share::decode_fragment(link.split_once('#').unwrap().1).unwrap();
    assert!(!state.transcript.contains(CREDENTIAL));
    // The flow diagram, one per session, drawn from the engine's SVG.
    let svgs = all(&root, "svg[data-testid=flow-diagram]");
    assert_eq!(svgs.len(), 1);
    // Stylesheets are adopted, never a <style> element (strict CSP): the
    // view's, and the diagram's dark palette.
    assert!(all(&root, "style").is_empty());
    assert!(root.adopted_style_sheets().length() >= 1);
}

#[wasm_bindgen_test]
fn views_choose_the_parts() {
    let (_, root) = host();
    render(&root, CLEARTEXT_25, &opts(Views::TRANSCRIPT)).unwrap();
    assert!(all(&root, "[data-finding-id]").is_empty());
    assert!(!all(&root, "[data-line]").is_empty());
    let findings_only = Views::parse(Some("findings"), Views::ALL);
    render(&root, CLEARTEXT_25, &opts(findings_only)).unwrap();
    assert!(all(&root, "[data-line]").is_empty());
    assert!(!all(&root, "[data-finding-id]").is_empty());
}

#[wasm_bindgen_test]
fn hostile_text_stays_text() {
    let (_, root) = host();
    let paste =
        "220 mx ESMTP <img src=x onerror=alert(1)>\nEHLO <script>alert(2)</script>\n250 ok\n";
    render(&root, paste, &opts(Views::ALL)).unwrap();
    assert!(all(&root, "img").is_empty());
    assert!(all(&root, "script").is_empty());
    let text = root.first_element_child().unwrap().text_content().unwrap();
    assert!(text.contains("<script>alert(2)</script>"));
}

#[wasm_bindgen_test]
fn a_damaged_link_gives_a_message() {
    let (_, root) = host();
    let err = smtp_lens::share::decode_fragment("#share=v1.AAAA").unwrap_err();
    render_message(&root, Theme::Dark, &err.to_string()).unwrap();
    let alert = all(&root, "[role=alert]");
    assert_eq!(alert.len(), 1);
    assert!(alert[0].text_content().unwrap().contains("damaged"));
}
