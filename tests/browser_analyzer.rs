//! Browser tests of the analyzer page (headless Chromium through
//! wasm-bindgen-test-runner, see .cargo/config.toml): a paste gives
//! findings and the diagram; a finding's evidence is selected in the
//! transcript and the diagram, and back; credentials stay masked until
//! revealed; examples load; hostile input is shown as text and runs nothing.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_analyzer`.
#![cfg(target_arch = "wasm32")]

// The app lives in the `smtp-lens-web` binary, which tests cannot link to;
// compile the same module into this test instead.
#[path = "../src/app/mod.rs"]
mod app;

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// A real capture: swaks, AUTH PLAIN in cleartext on port 25 (Postfix).
const CLEARTEXT_25: &str = include_str!("fixtures/swaks/postfix-25-cleartext-auth-plain.txt");
/// The base64 of "\0alice@example.test\0S3cret-Passw0rd!" in that capture.
const CREDENTIAL: &str = "AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh";

/// Mounts a fresh `App` (no saved draft) into its own `<div>`.
async fn mount() -> Element {
    let window = web_sys::window().unwrap();
    if let Ok(Some(s)) = window.session_storage() {
        s.clear().unwrap();
    }
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<app::App>::with_root(root.clone()).render();
    settle(50).await;
    root
}

/// Lets Yew's scheduler and the analysis timer run.
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

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

/// Waits until `selector` matches inside `root` (the analysis waits for a
/// pause in typing, and a debug build on a busy machine is slow): at most
/// 20 s, then the test's own assertion reports what is missing.
async fn wait_for(root: &Element, selector: &str) {
    for _ in 0..200 {
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        settle(100).await;
    }
}

/// Waits until nothing matches `selector` (at most 20 s, then the
/// caller's assertion reports).
async fn wait_gone(root: &Element, selector: &str) {
    for _ in 0..200 {
        if root.query_selector(selector).unwrap().is_none() {
            return;
        }
        settle(100).await;
    }
}

/// Waits until the text box holds `part` (a loaded example is analysed as
/// it is loaded, and Yew may set the box's value in its next task when the
/// render took long): at most 20 s, then the caller's assertion reports.
async fn wait_for_value(input: &HtmlTextAreaElement, part: &str) {
    for _ in 0..200 {
        if input.value().contains(part) {
            return;
        }
        settle(100).await;
    }
}

/// Types `value` into the paste area as a paste would (one input event),
/// then waits for the analysis.
async fn paste(root: &Element, value: &str) {
    let input: HtmlTextAreaElement = find(root, "[data-testid=transcript-input]")
        .dyn_into()
        .unwrap();
    input.set_value(value);
    // Yew listens at the root, so the event must bubble to reach it.
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle(200).await;
    wait_for(root, "[data-testid=verdict]:not([aria-busy=true])").await;
    // The diagram and the transcript, when out of view, are drawn after
    // the frame that shows the verdict (src/app/components/later.rs).
    wait_until_none(root, "[aria-busy=true]").await;
    settle(50).await;
}

/// Waits until nothing in `root` matches `selector` (at most 20 s).
async fn wait_until_none(root: &Element, selector: &str) {
    for _ in 0..200 {
        if root.query_selector(selector).unwrap().is_none() {
            return;
        }
        settle(100).await;
    }
}

#[wasm_bindgen_test]
async fn empty_page_invites_a_paste_and_offers_examples() {
    let root = mount().await;
    assert_eq!(text(&find(&root, "h1")), "SMTP Lens");
    let input = find(&root, "[data-testid=transcript-input]");
    assert_eq!(input.tag_name().to_lowercase(), "textarea");
    let empty = find(&root, "[data-testid=empty-state]");
    assert!(text(&empty).contains("Paste a session"));
    assert!(all(&root, "[data-example]").len() >= 8);
    assert!(root
        .query_selector("[data-testid=verdict]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn paste_gives_verdict_findings_and_diagram() {
    let root = mount().await;
    paste(&root, CLEARTEXT_25).await;

    let verdict = find(&root, "[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-grade").as_deref(), Some("F"));
    assert!(text(&verdict).contains("cleartext"), "{}", text(&verdict));

    let f = find(&root, "[data-finding-id=plaintext-auth]");
    assert_eq!(
        f.get_attribute("data-severity").as_deref(),
        Some("critical")
    );
    // Worst first: the first finding on the page is the critical one.
    let first = find(&root, "[data-finding-id]");
    assert_eq!(
        first.get_attribute("data-severity").as_deref(),
        Some("critical")
    );
    // References link to the RFC text.
    let link = find(&f, "a.ref");
    assert!(link
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("https://www.rfc-editor.org/rfc/rfc"));

    let svg = find(&root, "svg[data-testid=flow-diagram]");
    assert!(all(&svg, "[data-flow-line]").len() >= 6);
    // The detected port and format are shown.
    let port = find(&root, "[data-testid=port-select]");
    assert!(text(&port).contains("Auto: 25"), "{}", text(&port));
    let format = find(&root, "[data-testid=format-select]");
    assert!(text(&format).contains("Auto: swaks"), "{}", text(&format));
}

#[wasm_bindgen_test]
async fn evidence_is_selected_in_transcript_and_diagram_both_ways() {
    let root = mount().await;
    paste(&root, CLEARTEXT_25).await;

    let finding = find(&root, "[data-finding-id=plaintext-auth]");
    click(&find(&finding, ".finding-head"));
    settle(50).await;
    let selected: Vec<String> = all(&root, ".tline.is-selected")
        .iter()
        .filter_map(|e| e.get_attribute("data-line"))
        .collect();
    assert!(!selected.is_empty(), "no transcript line selected");
    // The evidence is the AUTH line: it holds the (masked) AUTH command.
    let first = find(&root, &format!("[data-line=\"{}\"]", selected[0]));
    assert!(text(&first).contains("AUTH PLAIN"), "{}", text(&first));
    // The same line's arrow is selected in the diagram.
    let arrows: Vec<String> = all(&root, "[data-flow-line].is-selected")
        .iter()
        .filter_map(|e| e.get_attribute("data-flow-line"))
        .collect();
    assert!(arrows.contains(&selected[0]), "{arrows:?} vs {selected:?}");

    // And back: an arrow selects its transcript line.
    let quit = all(&root, "[data-flow-line]").into_iter().last().unwrap();
    let line = quit.get_attribute("data-flow-line").unwrap();
    quit.dispatch_event(
        &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
            let i = web_sys::MouseEventInit::new();
            i.set_bubbles(true);
            i
        })
        .unwrap(),
    )
    .unwrap();
    settle(50).await;
    let row = find(&root, &format!(".tline[data-line=\"{line}\"]"));
    assert!(row.class_list().contains("is-selected"));
    // The finding is no longer the selection.
    assert!(!find(&root, "[data-finding-id=plaintext-auth]")
        .class_list()
        .contains("is-selected"));
}

#[wasm_bindgen_test]
async fn credentials_are_masked_until_revealed() {
    let root = mount().await;
    paste(&root, CLEARTEXT_25).await;

    let transcript = find(&root, ".transcript-viewport");
    assert!(!text(&transcript).contains(CREDENTIAL));
    assert!(text(&transcript).contains("AUTH PLAIN ••••••"));
    // The decoded user name is shown next to the AUTH line.
    assert!(text(&transcript).contains("user: alice@example.test"));
    // Nothing else on the page shows the credential either.
    let outside: String = all(&root, ".area-results, .area-side")
        .iter()
        .map(text)
        .collect();
    assert!(!outside.contains(CREDENTIAL));

    let toggle = find(&root, "[data-testid=reveal-toggle]");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&toggle);
    settle(50).await;
    assert!(text(&find(&root, ".transcript-viewport")).contains(CREDENTIAL));
    assert_eq!(
        find(&root, "[data-testid=reveal-toggle]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    click(&find(&root, "[data-testid=reveal-toggle]"));
    settle(50).await;
    assert!(!text(&find(&root, ".transcript-viewport")).contains(CREDENTIAL));
}

#[wasm_bindgen_test]
async fn examples_load_into_the_box_and_are_analysed() {
    let root = mount().await;
    click(&find(&root, "[data-example=good-587]"));
    wait_for(&root, "[data-testid=verdict]").await;
    let input: HtmlTextAreaElement = find(&root, "[data-testid=transcript-input]")
        .dyn_into()
        .unwrap();
    wait_for_value(&input, "--server 127.0.0.1:587 -tls").await;
    assert!(input.value().contains("--server 127.0.0.1:587 -tls"));
    let verdict = find(&root, "[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-grade").as_deref(), Some("A"));

    // Another one from the menu replaces it.
    let select: web_sys::HtmlSelectElement = find(&root, "[data-testid=example-select]")
        .dyn_into()
        .unwrap();
    select.set_value("m365-smtp-auth-disabled");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    wait_for(&root, "[data-finding-id=auth-failed]").await;
    wait_for_value(&input, "office365").await;
    assert!(input.value().contains("office365"));
    let f = find(&root, "[data-finding-id=auth-failed]");
    assert!(text(&f).contains("Microsoft"), "{}", text(&f));
}

#[wasm_bindgen_test]
async fn hostile_input_is_shown_as_text_and_runs_nothing() {
    let root = mount().await;
    let hostile = "<script>window.__smtpLensPwned = 1</script>\n\
<img src=x onerror=\"window.__smtpLensPwned = 2\">\n\
<svg onload=\"window.__smtpLensPwned = 3\"><text>x</text></svg>\n\
220 mx.example.test ESMTP <b>bold</b> <iframe src=\"javascript:alert(1)\"></iframe>\n\
EHLO <img src=x onerror=alert(1)>\n\
250 mx.example.test\n\
MAIL FROM:<\"><script>alert(1)</script>@example.test>\n\
250 OK\n";
    paste(&root, hostile).await;

    let transcript = find(&root, ".transcript-viewport");
    // No element from the paste made it into the page.
    for tag in ["script", "img", "iframe", "b"] {
        assert!(all(&transcript, tag).is_empty(), "a <{tag}> was rendered");
    }
    assert!(all(&root, ".tl-text svg").is_empty());
    // The text is there, as text.
    let shown = text(&transcript);
    assert!(
        shown.contains("<script>window.__smtpLensPwned = 1</script>"),
        "{shown}"
    );
    assert!(shown.contains("onerror=alert(1)"), "{shown}");
    let pwned =
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__smtpLensPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn a_large_paste_stays_out_of_the_box_and_is_analysed() {
    let root = mount().await;
    // 600 KB of real sessions: over the size the text box keeps.
    let big = CLEARTEXT_25.repeat(600_000 / CLEARTEXT_25.len() + 1);
    paste(&root, &big).await;
    // Analysis of this size (a debug build, no worker in the test runner:
    // the page then analyses on its own thread) takes a moment.
    for _ in 0..100 {
        if root
            .query_selector("[data-testid=verdict]")
            .unwrap()
            .is_some()
        {
            break;
        }
        settle(200).await;
    }
    let input: HtmlTextAreaElement = find(&root, "[data-testid=transcript-input]")
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), "", "the large paste was left in the box");
    assert!(text(&find(&root, "[data-testid=held-paste]")).contains("Large paste"));
    assert!(text(&find(&root, "[data-testid=input-stats]")).contains("million characters"));
    let verdict = find(&root, "[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-grade").as_deref(), Some("F"));
    assert!(root
        .query_selector("[data-finding-id=plaintext-auth]")
        .unwrap()
        .is_some());
    // Clear brings the box back (waiting for it, on a loaded machine).
    click(&find(&root, "[data-testid=clear]"));
    wait_for(&root, "[data-testid=empty-state]").await;
    // Seen once on a loaded machine (load 11): the empty state drawn while
    // the held paste was still shown; it must go within the wait.
    wait_gone(&root, "[data-testid=held-paste]").await;
    assert!(root
        .query_selector("[data-testid=held-paste]")
        .unwrap()
        .is_none());
    assert!(root
        .query_selector("[data-testid=empty-state]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn line_numbers_of_a_large_paste_follow_the_engine_whatever_its_line_ends() {
    // A large paste reaches the engine as it came (not normalised): the
    // page's line index must number its lines as the engine does.
    use app::analysis::LineIndex;
    for (text, lines) in [
        ("220 a\r250 b\r221 c", 3u32),
        ("220 a\r\n250 b\r\n221 c\r\n", 3),
        ("220 a\n250 b\n221 c", 3),
    ] {
        let report = smtp_lens::analyze(text, &smtp_lens::Options::default());
        assert_eq!(report.lines, lines, "engine, {text:?}");
        let index = LineIndex::of(text);
        assert_eq!(index.count(), lines, "index, {text:?}");
        let second = index.span(text, 2).map(|s| &text[s.range()]);
        assert_eq!(
            second.map(|s| s.trim_end_matches('\r')),
            Some("250 b"),
            "{text:?}"
        );
    }
}

#[wasm_bindgen_test]
fn a_large_paste_s_utf16_offsets_count_as_javascript_does() {
    // The overview places each session in the page's JavaScript string by
    // UTF-16 offsets counted from the paste's bytes (large::utf16_len).
    for text in [
        "",
        "250 OK\n",
        "é",
        "From: Zoë <zoe@example.test>\n",
        "€ 3 bytes",
        "😀 four bytes, two units",
        "a\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}z",
    ] {
        let js = js_sys::JsString::from(text);
        assert_eq!(
            app::large::utf16_len(text),
            js.length() as usize,
            "{text:?}"
        );
        assert_eq!(app::large::utf16_len(text), text.encode_utf16().count());
    }
}
