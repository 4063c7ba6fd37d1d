//! Renders the explainer's markup (see `smtp_lens::learn::markup`) as
//! text nodes, code, emphasis and links — never as HTML.

use smtp_lens::learn::markup::{parse, Inline};
use yew::prelude::*;

/// One paragraph's pieces.
pub fn inline(text: &str) -> Html {
    parse(text)
        .into_iter()
        .map(|piece| match piece {
            Inline::Text(t) => html! { { t.to_string() } },
            Inline::Code(t) => html! { <code>{ t.to_string() }</code> },
            Inline::Strong(t) => html! { <strong>{ t.to_string() }</strong> },
            Inline::Rfc(r) => html! {
                <a class="learn-rfc" href={r.url()} target="_blank" rel="noopener noreferrer"
                    title={format!("{} on rfc-editor.org (opens in a new tab)", r.label())}>
                    { r.label() }
                </a>
            },
            Inline::Link { text, slug } => html! {
                <a href={format!("#learn/{slug}")}>{ text.to_string() }</a>
            },
        })
        .collect()
}

/// The id of the element a slug scrolls to.
pub fn anchor(slug: &str) -> String {
    format!("learn-{slug}")
}
