//! The article: the sections and their blocks.

use smtp_lens::learn::sections::{Block, Hop, Section};
use yew::prelude::*;

use super::markup::{anchor, inline};

/// A permalink to a slug, shown next to headings.
fn permalink(slug: &str, title: &str) -> Html {
    html! {
        <a class="learn-permalink" href={format!("#learn/{slug}")}
            aria-label={format!("Link to “{title}”")}>{ "#" }</a>
    }
}

fn path(hops: &[Hop]) -> Html {
    html! {
        <ol class="learn-path" aria-label="The path of a message">
            { for hops.iter().map(|h| html! {
                <li class="learn-hop">
                    <div class="learn-hop-box">
                        <span class="learn-hop-role">{ h.role }</span>
                        <span class="learn-hop-name">{ h.name }</span>
                        <p>{ inline(h.text) }</p>
                    </div>
                    if let Some(next) = h.next {
                        <div class="learn-hop-link"><span aria-hidden="true">{ "→ " }</span>{ format!("port {next}") }</div>
                    }
                </li>
            }) }
        </ol>
    }
}

/// One block. `situations` and `scenarios` are the interactive parts.
pub fn block(b: &Block, situations: &Html, scenarios: &Html) -> Html {
    match b {
        Block::P(t) => html! { <p>{ inline(t) }</p> },
        Block::Heading { slug, title } => html! {
            <h3 id={anchor(slug)} class="learn-h3" tabindex="-1">
                { *title }{ " " }{ permalink(slug, title) }
            </h3>
        },
        Block::List(items) => html! {
            <ul class="learn-list">{ for items.iter().map(|t| html! { <li>{ inline(t) }</li> }) }</ul>
        },
        Block::Steps(items) => html! {
            <ol class="learn-steps">{ for items.iter().map(|t| html! { <li>{ inline(t) }</li> }) }</ol>
        },
        Block::Note(tone, t) => html! {
            <aside class={classes!("learn-note", format!("learn-note-{}", tone.as_str()))}>
                <span class="learn-note-label">{ if tone.as_str() == "warning" { "Watch out" } else { "Tip" } }</span>
                <p>{ inline(t) }</p>
            </aside>
        },
        Block::Path(hops) => path(hops),
        Block::Situations => situations.clone(),
        Block::Scenarios => scenarios.clone(),
    }
}

/// One section.
pub fn section(s: &Section, situations: &Html, scenarios: &Html) -> Html {
    let heading = format!("{}-title", anchor(s.slug));
    html! {
        <section id={anchor(s.slug)} class="learn-section" aria-labelledby={heading.clone()} tabindex="-1">
            <h2 id={heading}>{ s.title }{ " " }{ permalink(s.slug, s.title) }</h2>
            <p class="learn-lead">{ inline(s.lead) }</p>
            { for s.blocks.iter().map(|b| block(b, situations, scenarios)) }
        </section>
    }
}
