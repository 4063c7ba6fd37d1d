//! The flow diagram of the compact view.
//!
//! Until lane `flow`'s engine-side diagram (`smtp_lens::diagram`) is on
//! main, a short text stands in; then this draws its SVG.

use smtp_lens::Report;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// The diagram of session `index`, as a `<figure>`.
pub fn diagram(
    doc: &Document,
    report: &Report,
    _text: &str,
    index: usize,
) -> Result<Element, JsValue> {
    let fig = doc.create_element("figure")?;
    fig.set_class_name("sl-diagram");
    let n = report
        .sessions
        .get(index)
        .map_or(0, |s| s.session.events.len());
    fig.set_text_content(Some(&format!(
        "Flow diagram: {n} events (the drawing is on its way)."
    )));
    Ok(fig)
}
