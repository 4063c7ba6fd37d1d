//! The flow diagram of the compact view: lane `flow`'s engine-side layout
//! (`smtp_lens::diagram`) written as SVG text, parsed as XML (not HTML:
//! the text was escaped by the engine and no script can run) and placed in
//! the shadow root. The SVG's own `<style>` (its dark palette) is moved
//! into a constructable stylesheet, scoped to the view's theme, so a strict
//! CSP never sees a `<style>` element.

use smtp_lens::diagram::{layout, to_svg, DiagramOptions};
use smtp_lens::Report;
use wasm_bindgen::JsValue;
use web_sys::{Document, DomParser, Element, SupportedType};

use super::render::Theme;

/// The diagram of session `index`, as a `<figure>`, and the CSS its SVG
/// carried (for the shadow root's stylesheets).
pub fn diagram(
    doc: &Document,
    report: &Report,
    text: &str,
    index: usize,
    theme: Theme,
) -> Result<(Element, Option<String>), JsValue> {
    let fig = doc.create_element("figure")?;
    fig.set_class_name("sl-diagram");
    let opts = DiagramOptions {
        text: Some(text),
        reveal_upto: None,
        // The natural width; the view scales it down to its box (CSS).
        width: None,
    };
    let Some(l) = layout(report, index, &opts) else {
        return Ok((fig, None));
    };
    // The <style> comes out before parsing: even in a parser's document, a
    // <style> element counts as inline style for the page's CSP.
    let (svg_text, css) = take_style(to_svg(&l));
    let parsed = DomParser::new()?.parse_from_string(&svg_text, SupportedType::ImageSvgXml)?;
    let Some(svg) = parsed
        .document_element()
        .filter(|e| e.local_name() == "svg")
    else {
        fig.set_text_content(Some("The flow diagram could not be drawn."));
        return Ok((fig, None));
    };
    let svg = doc.import_node_with_deep(&svg, true)?;
    let svg: Element = wasm_bindgen::JsCast::unchecked_into(svg);
    svg.set_attribute("data-testid", "flow-diagram")?;
    svg.set_attribute("data-session", &index.to_string())?;
    fig.append_child(&svg)?;
    Ok((fig, scoped(&css, theme)))
}

/// Splits the SVG's `<style>...</style>` (plain CSS, no markup) from it.
fn take_style(svg: String) -> (String, String) {
    let (Some(a), Some(b)) = (svg.find("<style>"), svg.find("</style>")) else {
        return (svg, String::new());
    };
    if b < a {
        return (svg, String::new());
    }
    let css = svg.get(a + "<style>".len()..b).unwrap_or("").to_string();
    let rest = format!(
        "{}{}",
        svg.get(..a).unwrap_or(""),
        svg.get(b + "</style>".len()..).unwrap_or("")
    );
    (rest, css)
}

/// The SVG's `@media (prefers-color-scheme: dark) { rules }`, made to
/// follow the view's theme instead: always for `dark`, never for `light`,
/// the system's for `auto`.
fn scoped(css: &str, theme: Theme) -> Option<String> {
    let inner = css
        .find('{')
        .and_then(|a| css.rfind('}').map(|b| (a, b)))
        .and_then(|(a, b)| css.get(a + 1..b))?;
    match theme {
        Theme::Light => None,
        Theme::Dark => Some(format!(".sl.theme-dark{{{inner}}}")),
        Theme::Auto => Some(format!(
            "@media (prefers-color-scheme: dark){{.sl.theme-auto{{{inner}}}}}"
        )),
    }
}
