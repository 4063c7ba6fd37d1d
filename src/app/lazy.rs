//! Parts of the page that are their own wasm, loaded on first use (the
//! `split` feature, which Trunk builds the page with): Learn
//! (`src/bin/learn.rs`) and the Share dialog (`src/bin/share.rs`). The
//! analyzer's first load then carries only a small host for each, and a
//! user who never opens Learn or Share never downloads them.
//!
//! `boot.js` gives the page `window.smtpLensPart(name)`: it imports
//! `NAME/smtp-lens-NAME.js` (next to boot.js; built by
//! `.ci/build-docs-script.sh`), starts its wasm once and resolves to the
//! module. Each part is a Yew app of its own, mounted on an element
//! outside `#app` (two Yew apps must not share a DOM subtree: each
//! delegates events from its own root).

use std::cell::{Cell, RefCell};

use crate::app::share::dialog::ShareProps;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Loads the part `name` (once: boot.js keeps the promise) and returns its
/// JS module.
async fn load(name: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let loader: js_sys::Function = js_sys::Reflect::get(&window, &"smtpLensPart".into())?
        .dyn_into()
        .map_err(|_| JsValue::from_str("boot.js did not define smtpLensPart"))?;
    let promise: js_sys::Promise = loader.call1(&JsValue::NULL, &name.into())?.dyn_into()?;
    JsFuture::from(promise).await
}

/// The function `export` of a loaded part.
fn export(module: &JsValue, export: &str) -> Result<js_sys::Function, JsValue> {
    js_sys::Reflect::get(module, &export.into())?
        .dyn_into()
        .map_err(|_| JsValue::from_str(&format!("the part has no {export}")))
}

/// The element a part is mounted on: `<TAG id=ID>` right after `#app`,
/// made on first use.
fn host(tag: &str, id: &str) -> Result<web_sys::Element, JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    if let Some(el) = doc.get_element_by_id(id) {
        return Ok(el);
    }
    let el = doc.create_element(tag)?;
    el.set_id(id);
    el.set_class_name("part-host");
    match doc.get_element_by_id("app") {
        Some(app) => app.after_with_node_1(&el)?,
        None => {
            doc.body()
                .ok_or_else(|| JsValue::from_str("no body"))?
                .append_child(&el)?;
        }
    }
    Ok(el)
}

thread_local! {
    /// Learn is mounted (it then follows the address by itself).
    static LEARN_MOUNTED: Cell<bool> = const { Cell::new(false) };
}

/// Loads Learn and mounts it; `open` is its "Open in analyzer".
async fn mount_learn(open: Callback<(String, Option<u16>)>) -> Result<(), JsValue> {
    let module = load("learn").await?;
    if LEARN_MOUNTED.with(Cell::get) {
        return Ok(());
    }
    let el = host("main", "learn-main")?;
    let on_open = Closure::<dyn Fn(String)>::new(move |text: String| open.emit((text, None)));
    export(&module, "mountLearn")?.call2(&JsValue::NULL, &el, &on_open.into_js_value())?;
    LEARN_MOUNTED.with(|m| m.set(true));
    Ok(())
}

#[derive(Clone, PartialEq)]
enum Loading {
    Busy,
    Ready,
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct LearnHostProps {
    /// Learn's "Open in analyzer": loads a transcript into the analyzer.
    pub on_open_in_analyzer: Callback<(String, Option<u16>)>,
}

/// Stands in the page for Learn: loads it on first use (saying so
/// meanwhile, or why it failed); Learn then shows itself below the header.
#[component]
pub fn LearnHost(props: &LearnHostProps) -> Html {
    let loading = use_state(|| {
        if LEARN_MOUNTED.with(Cell::get) {
            Loading::Ready
        } else {
            Loading::Busy
        }
    });
    {
        let loading = loading.clone();
        let open = props.on_open_in_analyzer.clone();
        use_effect_with((), move |_| {
            if *loading != Loading::Ready {
                wasm_bindgen_futures::spawn_local(async move {
                    match mount_learn(open).await {
                        Ok(()) => loading.set(Loading::Ready),
                        Err(e) => loading.set(Loading::Failed(message(&e))),
                    }
                });
            }
        });
    }
    match &*loading {
        Loading::Busy => html! {
            <p class="panel notice part-loading" role="status" aria-busy="true" data-testid="learn-loading">
                { "Loading Learn…" }
            </p>
        },
        Loading::Ready => html! {},
        Loading::Failed(why) => html! {
            <section class="panel notice notice-bad" role="alert">
                <h2>{ "Learn could not be loaded" }</h2>
                <p>{ format!("Reload the page to try again. ({why})") }</p>
            </section>
        },
    }
}

/// What a failed load says.
fn message(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_default()
}

/// Loads the Share dialog's part and opens the dialog for `p`.
async fn open_share(p: ShareProps) -> Result<(), JsValue> {
    let module = load("share").await?;
    let el = host("div", "share-root")?;
    let args = js_sys::Array::new();
    args.push(&el);
    args.push(&JsValue::from_str(&p.text));
    args.push(&p.port.map_or(JsValue::UNDEFINED, JsValue::from));
    args.push(&JsValue::from(u32::try_from(p.session).unwrap_or(0)));
    args.push(&js_sys::Uint32Array::from(&p.lines[..]));
    args.push(
        &p.finding
            .as_ref()
            .map_or(JsValue::UNDEFINED, |f| JsValue::from_str(f)),
    );
    export(&module, "openShare")?.apply(&JsValue::NULL, &args)?;
    Ok(())
}

/// The Share button; the dialog is its own wasm, loaded on the first click
/// (the button says so meanwhile), and opens over the page.
#[component]
pub fn ShareButton(props: &ShareProps) -> Html {
    let busy = use_state(|| false);
    let failed = use_state(|| None::<String>);
    let onclick = {
        let busy = busy.clone();
        let failed = failed.clone();
        let p = props.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let busy = busy.clone();
            let failed = failed.clone();
            let p = p.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = open_share(p).await;
                busy.set(false);
                failed.set(result.err().map(|e| message(&e)));
            });
        })
    };
    html! {
        <>
            <button type="button" class="btn" data-testid="share-button" onclick={onclick}
                aria-busy={busy.then_some("true")}
                title="A link that carries this transcript, redacted, in its fragment (never sent to a server)">
                { if *busy { "Share… (loading)" } else { "Share…" } }
            </button>
            if let Some(why) = &*failed {
                <p class="share-too-large" role="alert">{ format!("Share could not be loaded; reload the page to try again. ({why})") }</p>
            }
        </>
    }
}

/// Calls the export part's `name` with `args`: the text it returns.
async fn export_text(name: &str, args: js_sys::Array) -> Result<String, String> {
    let call = async {
        let module = load("export").await?;
        export(&module, name)?
            .apply(&JsValue::NULL, &args)?
            .as_string()
            .ok_or_else(|| JsValue::from_str("the part returned no text"))
    };
    call.await.map_err(|e| message(&e))
}

/// `text` and the options `report` was made from, as the export part's
/// exports take them: the port the user chose (every session then has it
/// from the caller) and the format, when forced. The part analyses the
/// text again with them and gets the report on screen (the engine is
/// deterministic), so no report has to cross between the two modules.
fn analysed(text: &str, report: &smtp_lens::Report) -> js_sys::Array {
    let port = report
        .sessions
        .iter()
        .find(|s| s.session.port_source == Some(smtp_lens::session::PortSource::Caller))
        .and_then(|s| s.session.port);
    let format = report.format_forced.then_some(report.format);
    let args = js_sys::Array::new();
    args.push(&JsValue::from_str(text));
    args.push(&port.map_or(JsValue::UNDEFINED, JsValue::from));
    args.push(&format.map_or(JsValue::UNDEFINED, JsValue::from_str));
    args
}

/// The JSON report of `text` (made into `report`), from the export part.
pub async fn report_json(text: &str, report: &smtp_lens::Report) -> Result<String, String> {
    export_text("reportJson", analysed(text, report)).await
}

/// The findings as Markdown (of one session when `session` is given),
/// from the export part.
pub async fn findings_markdown(
    text: &str,
    report: &smtp_lens::Report,
    session: Option<usize>,
    line_offset: u32,
) -> Result<String, String> {
    let args = analysed(text, report);
    args.push(&session.map_or(JsValue::UNDEFINED, |s| {
        JsValue::from(u32::try_from(s).unwrap_or(u32::MAX))
    }));
    args.push(&JsValue::from(line_offset));
    export_text("findingsMarkdown", args).await
}

/// The flow diagram of session `session` as an SVG file, from the export
/// part (an error when there is no such session).
pub async fn diagram_svg(
    text: &str,
    report: &smtp_lens::Report,
    session: usize,
    reveal_upto: Option<u32>,
) -> Result<String, String> {
    let args = analysed(text, report);
    args.push(&JsValue::from(u32::try_from(session).unwrap_or(u32::MAX)));
    args.push(&reveal_upto.map_or(JsValue::UNDEFINED, JsValue::from));
    match export_text("diagramSvg", args).await? {
        svg if svg.is_empty() => Err("no such session".into()),
        svg => Ok(svg),
    }
}

/// Decodes the share link in `hash` in the open part: what it opens, or
/// the message to show (also when the part cannot be loaded).
pub async fn open_link(hash: &str) -> Result<crate::app::share::open::Opened, String> {
    use crate::app::share::open::{Opened, Selection};
    let module = load("open").await.map_err(|e| {
        format!(
            "The share link could not be opened: its decoder did not load; reload the page to try again. ({})",
            message(&e)
        )
    })?;
    // A link that cannot be opened: the part throws the message to show.
    let got: js_sys::Array = export(&module, "openLink")
        .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_str(hash)))
        .and_then(|v| v.dyn_into())
        .map_err(|e| message(&e))?;
    let session = got.get(2).as_f64().unwrap_or(0.0) as u32;
    let lines = got
        .get(3)
        .dyn_into::<js_sys::Uint32Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let finding = got.get(4).as_string();
    let selection = (!lines.is_empty() || finding.is_some()).then_some(Selection {
        session: session as usize,
        lines,
        finding,
    });
    Ok(Opened {
        transcript: got.get(0).as_string().unwrap_or_default(),
        port: got
            .get(1)
            .as_f64()
            .and_then(|p| u16::try_from(p as u32).ok()),
        session,
        selection,
    })
}

/// The transcript of the example `id`, from the open part (loaded on
/// first use).
pub async fn example_text(id: &str) -> Result<String, String> {
    let call = async {
        let module = load("open").await?;
        export(&module, "exampleText")?
            .call1(&JsValue::NULL, &JsValue::from_str(id))?
            .as_string()
            .ok_or_else(|| JsValue::from_str("no such example"))
    };
    call.await.map_err(|e| message(&e))
}

thread_local! {
    /// The catalog part's `entry`, once loaded (see `src/bin/explain.rs`).
    static CATALOG: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The references the catalog gave, each kept once (a few dozen).
    static REFS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The explanation catalog is loaded.
pub fn catalog_loaded() -> bool {
    CATALOG.with(|c| c.borrow().is_some())
}

/// Loads the explanation catalog's part (once: boot.js keeps the module).
pub async fn load_catalog() -> Result<(), String> {
    let call = async {
        let module = load("explain").await?;
        let entry = export(&module, "entry")?;
        CATALOG.with(|c| *c.borrow_mut() = Some(entry));
        Ok::<(), JsValue>(())
    };
    call.await.map_err(|e| message(&e))
}

/// The catalog's entry for `key` in `table`: title, text, then the
/// references; `None` when there is none or the catalog is not loaded.
pub fn catalog_entry(table: &str, key: &str) -> Option<Vec<String>> {
    let got = CATALOG.with(|c| {
        c.borrow()
            .as_ref()
            .and_then(|f| f.call2(&JsValue::NULL, &table.into(), &key.into()).ok())
    })?;
    let got: js_sys::Array = got.dyn_into().ok()?;
    let out: Vec<String> = got.iter().filter_map(|v| v.as_string()).collect();
    (out.len() >= 2).then_some(out)
}

/// `s` as a `&'static str` (a note's references are), kept once however
/// often it is asked for: the catalog has a few dozen references.
pub fn interned(s: String) -> &'static str {
    REFS.with(|refs| {
        let mut refs = refs.borrow_mut();
        if let Some(r) = refs.iter().find(|r| **r == s) {
            return *r;
        }
        let r: &'static str = s.leak();
        refs.push(r);
        r
    })
}
