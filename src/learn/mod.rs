//! Learn: the explainer of email submission (ports 25, 587 and 465,
//! STARTTLS, SMTP AUTH), the "which settings?" helper and the scenarios
//! the page plays step by step. Pure content and pure functions: the page
//! (`src/app/learn/`) only renders what is here, and `tests/learn.rs`
//! checks it against the engine.
//!
//! Text is written in the small markup of [`markup`]; every RFC reference
//! in it links to the section on rfc-editor.org ([`rfc`]).
//!
//! Every part of the explainer has a stable slug, its URL fragment:
//! `#learn/<slug>` (sections, their subsections, scenarios and the
//! settings helper's situations share one namespace; see [`route`]).

pub mod advisor;
pub mod markup;
pub mod rfc;
pub mod route;
pub mod scenarios;
pub mod sections;
pub mod wire;

pub use advisor::{Advice, Situation, SITUATIONS};
pub use route::{resolve, Target};
pub use scenarios::{Scenario, Step, SCENARIOS};
pub use sections::{Block, Section, SECTIONS};
pub use wire::{Wire, WireView};

/// Every slug of the explainer, in page order: sections, their
/// subsections, the situations of the settings helper, the scenarios.
pub fn all_slugs() -> Vec<&'static str> {
    let mut out = Vec::new();
    for s in SECTIONS {
        out.push(s.slug);
        for b in s.blocks {
            if let Block::Heading { slug, .. } = b {
                out.push(*slug);
            }
        }
    }
    out.extend(SITUATIONS.iter().map(|s| s.slug));
    out.extend(SCENARIOS.iter().map(|s| s.slug));
    out
}

/// Every piece of markup text in the explainer (for the tests).
pub fn all_markup() -> Vec<&'static str> {
    let mut out = Vec::new();
    for s in SECTIONS {
        out.push(s.lead);
        for b in s.blocks {
            match b {
                Block::P(t) | Block::Note(_, t) => out.push(t),
                Block::List(items) | Block::Steps(items) => out.extend(items.iter().copied()),
                Block::Path(hops) => out.extend(hops.iter().map(|h| h.text)),
                Block::Heading { .. } | Block::Situations | Block::Scenarios => {}
            }
        }
    }
    for s in SITUATIONS {
        out.push(s.advice.reason);
        out.extend(s.advice.notes.iter().copied());
    }
    for s in SCENARIOS {
        out.push(s.summary);
        out.push(s.lesson);
        for st in s.steps {
            out.push(st.text);
            if !st.sees.is_empty() {
                out.push(st.sees);
            }
        }
    }
    out
}
