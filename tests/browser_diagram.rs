//! The flow diagram component in headless Chromium: it mounts on its own
//! with a real fixture's report, draws one focusable arrow per row, reports
//! the transcript line of a clicked arrow, highlights selected lines, and
//! renders hostile transcript text as text.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_diagram`.
#![cfg(target_arch = "wasm32")]

#[path = "../src/app/diagram.rs"]
mod diagram;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use diagram::{FlowDiagram, FlowDiagramProps};
use smtp_lens::{analyze, Options};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, MouseEvent, MouseEventInit};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const CLEARTEXT_AUTH: &str = include_str!("fixtures/swaks/exim-25-cleartext-auth-login.txt");

struct Mounted {
    root: Element,
    clicked: Rc<RefCell<Vec<u32>>>,
}

async fn mount(text: &str, selected: Vec<u32>) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let clicked = Rc::new(RefCell::new(Vec::new()));
    let sink = clicked.clone();
    let props = FlowDiagramProps {
        report: Rc::new(analyze(text, &Options::default())),
        session: 0,
        selected_lines: Rc::new(selected),
        on_select_line: Callback::from(move |line: u32| sink.borrow_mut().push(line)),
        reveal_upto: None,
        text: Some(Rc::from(text)),
        line_offset: 0,
        windowed: false,
    };
    yew::Renderer::<FlowDiagram>::with_root_and_props(root.clone(), props).render();
    settle().await;
    Mounted { root, clicked }
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// A click that bubbles to Yew's listener at the root, as a real one does.
fn click(el: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn draws_the_session_and_reports_the_clicked_line() {
    let m = mount(CLEARTEXT_AUTH, Vec::new()).await;
    let svg = find(&m.root, "svg[data-testid=flow-diagram]");
    assert_eq!(
        svg.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(svg.get_attribute("aria-labelledby").is_some());
    assert!(find(&svg, "title")
        .text_content()
        .unwrap()
        .contains("mx2.example.test"));

    // One focusable row per command, reply, note and collapsed data.
    let opts = smtp_lens::diagram::DiagramOptions {
        text: Some(CLEARTEXT_AUTH),
        reveal_upto: None,
        width: None,
    };
    let report = analyze(CLEARTEXT_AUTH, &Options::default());
    let layout = smtp_lens::diagram::layout(&report, 0, &opts).unwrap();
    assert_eq!(count(&svg, ".flow-row"), layout.rows.len() as u32);
    assert_eq!(
        count(&svg, ".flow-row[tabindex='0']"),
        layout.rows.len() as u32
    );
    assert_eq!(count(&svg, ".flow-row-data"), 1);

    // The AUTH LOGIN arrow (line 18) carries the critical marker; clicking it
    // (its label, as a user would) reports line 18.
    let auth = find(&svg, ".flow-row[data-flow-line='18']");
    assert!(find(&auth, ".fd-lead").text_content().unwrap() == "AUTH");
    assert!(count(&auth, ".fd-marker[data-finding='plaintext-auth']") == 1);
    click(&find(&auth, ".fd-label"));
    settle().await;
    assert_eq!(*m.clicked.borrow(), vec![18]);

    // A reply arrow: its code is its lead.
    let reply = find(&svg, ".flow-row[data-flow-line='23']");
    assert_eq!(
        find(&reply, ".fd-lead").text_content().as_deref(),
        Some("235")
    );
    click(&reply);
    settle().await;
    assert_eq!(*m.clicked.borrow(), vec![18, 23]);

    // Credentials are masked on the arrows and nowhere in the document.
    let all = svg.text_content().unwrap();
    assert!(all.contains("••••••"));
    assert!(!all.contains("YWxpY2VAZXhhbXBsZS50ZXN0"));
    assert!(!all.contains("S3cret-Passw0rd!"));

    // The download button is there.
    assert!(find(&m.root, ".flow-download")
        .text_content()
        .unwrap()
        .contains("SVG"));
}

#[wasm_bindgen_test]
async fn selected_lines_are_highlighted() {
    // Line 15 lies inside the EHLO reply of lines 6-17.
    let m = mount(CLEARTEXT_AUTH, vec![15, 24]).await;
    let selected = m.root.query_selector_all(".flow-row.is-selected").unwrap();
    let lines: Vec<String> = (0..selected.length())
        .map(|i| {
            selected
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("data-flow-line")
                .unwrap()
        })
        .collect();
    assert_eq!(lines, ["6", "24"]);
    assert_eq!(
        find(&m.root, ".flow-row[data-flow-line='24']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn hostile_text_renders_as_text() {
    let hostile = "<-  220 <script>window.__pwned=1</script> ESMTP\n -> EHLO <img src=x onerror=\"window.__pwned=2\">\n<-  250 <svg onload=\"window.__pwned=3\"><b>bold</b>\n -> QUIT\n<-  221 bye\n";
    let m = mount(hostile, Vec::new()).await;
    let svg = find(&m.root, "svg[data-testid=flow-diagram]");
    // No element came out of the transcript.
    assert_eq!(count(&m.root, "script"), 0);
    assert_eq!(count(&m.root, "img"), 0);
    assert_eq!(count(&m.root, "b"), 0);
    assert_eq!(count(&m.root, "svg"), 1);
    // The markup is there, as text.
    let greeting = find(&svg, ".flow-row[data-flow-line='1'] .fd-label");
    assert!(greeting
        .text_content()
        .unwrap()
        .contains("<script>window.__pwned=1</script>"));
    let ehlo = find(&svg, ".flow-row[data-flow-line='2'] .fd-label");
    assert!(ehlo.text_content().unwrap().contains("<img src=x"));
    assert!(!payload_ran(), "a payload ran");
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue;
}

/// Whether any payload set `window.__pwned`.
fn payload_ran() -> bool {
    let window = web_sys::window().unwrap();
    !reflect_get(window.as_ref(), "__pwned").is_undefined()
}
