//! The page's side effects, called from `App` only: session storage, the
//! theme, the URL fragment, file reading, the clipboard and downloads.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;

use super::state::Theme;

const DRAFT_KEY: &str = "smtp-lens.draft";
const THEME_KEY: &str = "smtp-lens.theme";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The draft of this tab (session storage: gone when the tab closes,
/// since transcripts hold credentials).
pub fn load_draft() -> Option<String> {
    let s = window()?.session_storage().ok()??;
    s.get_item(DRAFT_KEY).ok()?.filter(|t| !t.is_empty())
}

/// Keeps the draft for a reload; too large a draft is dropped instead.
pub fn save_draft(text: &str, max: usize) {
    let Some(Ok(Some(s))) = window().map(|w| w.session_storage()) else {
        return;
    };
    if text.is_empty() || text.len() > max || s.set_item(DRAFT_KEY, text).is_err() {
        let _ = s.remove_item(DRAFT_KEY);
    }
}

pub fn load_theme() -> Theme {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map(|t| Theme::from_id(&t))
        .unwrap_or_default()
}

/// Sets `<html data-theme>` (absent: follow the system) and remembers it.
pub fn apply_theme(theme: Theme) {
    let Some(w) = window() else { return };
    if let Some(root) = w.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.id()),
        };
    }
    if let Some(s) = w.local_storage().ok().flatten() {
        let _ = match theme {
            Theme::System => s.remove_item(THEME_KEY),
            t => s.set_item(THEME_KEY, t.id()),
        };
    }
}

pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Calls `f` with the new fragment whenever it changes.
pub fn on_hash_change(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let w = window()?;
    Some(EventListener::new(&w, "hashchange", move |_| {
        f(location_hash())
    }))
}

/// A file's text: small ones as Rust text, large ones as the JavaScript
/// string the browser decoded (see `large::BigText`); or, for a file over
/// the page's limit, its name and size (not read: an expected limit, not
/// an error).
pub enum FileText {
    Small(String),
    Big(super::large::BigText),
    OverLimit { name: String, bytes: usize },
}

/// Reads the first file of a drop or a pick as text (invalid UTF-8
/// replaced), refusing one over `max` bytes; from `big` bytes on, the
/// text stays a JavaScript string.
pub fn read_first_file(
    files: web_sys::FileList,
    max: usize,
    big: usize,
    done: impl FnOnce(Result<FileText, String>) + 'static,
) {
    let Some(file) = files.get(0) else { return };
    let name = file.name();
    let size = file.size();
    if size > max as f64 {
        done(Ok(FileText::OverLimit {
            name,
            bytes: size as usize,
        }));
        return;
    }
    if size >= big as f64 {
        // The engine built for speed, while the file is read.
        super::large::prepare_fast();
        let promise = file.text();
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(promise).await;
            match text.map(super::large::BigText::of) {
                Ok(Ok(b)) => done(Ok(FileText::Big(b))),
                Ok(Err(v)) => done(Ok(FileText::Small(v.as_string().unwrap_or_default()))),
                Err(_) => done(Err(format!("Could not read {name}."))),
            }
        });
        return;
    }
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    wasm_bindgen_futures::spawn_local(async move {
        match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(bytes) => done(Ok(FileText::Small(smtp_lens::text_of(&bytes).into_owned()))),
            Err(e) => done(Err(format!("Could not read {name}: {e}"))),
        }
    });
}

/// Puts `text` on the clipboard; `done(false)` when the browser refuses.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else {
        done(false);
        return;
    };
    let promise = w.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `content` as a file download (a user navigation to a blob: URL,
/// not a network request).
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

thread_local! {
    /// Whether the page may read the clipboard with the asynchronous
    /// Clipboard API without a prompt (the `clipboard-read` permission is
    /// granted), as last reported by the Permissions API.
    static CLIPBOARD_READ: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static CLIPBOARD_WATCHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static READ_TEXT_FAILED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True when a paste can be read with `navigator.clipboard.readText()`
/// without asking the user (see [`watch_clipboard_permission`]), and that
/// read has not failed on this page.
pub fn clipboard_read_granted() -> bool {
    CLIPBOARD_READ.with(|c| c.get()) && !READ_TEXT_FAILED.with(|c| c.get())
}

/// `readText()` failed although the permission was granted (it was taken
/// back meanwhile, or the window lost focus): from now on the page reads a
/// paste through the paste event, which always has it.
pub fn read_text_failed() {
    READ_TEXT_FAILED.with(|c| c.set(true));
}

/// Asks the Permissions API, once, whether the page may read the clipboard
/// without a prompt, and follows any change (called when the user reaches
/// for the paste box, so the answer is known by the time a paste comes:
/// the paste event has to choose at once). Browsers that do not know the
/// permission's name (Firefox, Safari) reject the query: they keep the
/// paste event's own read.
pub fn watch_clipboard_permission() {
    if CLIPBOARD_WATCHED.with(|w| w.replace(true)) {
        return;
    }
    let Some(w) = window() else { return };
    let perms = js_sys::Reflect::get(&w.navigator(), &"permissions".into()).unwrap_or_default();
    if perms.is_undefined() {
        return;
    }
    let desc = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&desc, &"name".into(), &"clipboard-read".into());
    let query = js_sys::Reflect::get(&perms, &"query".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&perms, desc.as_ref()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(query) = query else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(status) = wasm_bindgen_futures::JsFuture::from(query).await else {
            return;
        };
        let read = {
            let status = status.clone();
            move || {
                let state = js_sys::Reflect::get(&status, &"state".into())
                    .ok()
                    .and_then(|s| s.as_string());
                CLIPBOARD_READ.with(|c| c.set(state.as_deref() == Some("granted")));
            }
        };
        read();
        // Kept for the page's life (one listener).
        let onchange = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(read);
        let _ = js_sys::Reflect::set(&status, &"onchange".into(), onchange.as_ref());
        onchange.forget();
    });
}

/// `navigator.clipboard.readText()`: the clipboard's text, read by the
/// browser without blocking the page (where [`clipboard_read_granted`]).
pub fn read_clipboard_text() -> Option<js_sys::Promise> {
    let clipboard = js_sys::Reflect::get(&window()?.navigator(), &"clipboard".into()).ok()?;
    js_sys::Reflect::get(&clipboard, &"readText".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&clipboard)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Types `text` into the focused text box as the browser's own paste
/// would (one undo step, an `input` event): `document.execCommand`'s
/// `insertText`, the only way a page can.
pub fn insert_text(text: &str) -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    js_sys::Reflect::get(&doc, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call3(
                &doc,
                &wasm_bindgen::JsValue::from_str("insertText"),
                &wasm_bindgen::JsValue::FALSE,
                &wasm_bindgen::JsValue::from_str(text),
            )
            .ok()
        })
        .is_some_and(|ok| ok.is_truthy())
}
