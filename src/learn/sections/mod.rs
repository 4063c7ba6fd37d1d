//! The sections of the explainer, in page order, one file each.

mod auth;
mod in_short;
mod port_25;
mod port_465;
mod port_587;
mod roles;
mod starttls;

/// One section of the article.
#[derive(Debug, PartialEq, Eq)]
pub struct Section {
    /// The URL fragment: `#learn/<slug>`.
    pub slug: &'static str,
    pub title: &'static str,
    /// The one-paragraph answer the section gives (markup).
    pub lead: &'static str,
    pub blocks: &'static [Block],
}

/// A block of a section's body. Text is markup (see `learn::markup`).
#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    P(&'static str),
    /// A subsection heading with its own slug.
    Heading {
        slug: &'static str,
        title: &'static str,
    },
    List(&'static [&'static str]),
    /// An ordered list of steps.
    Steps(&'static [&'static str]),
    Note(Tone, &'static str),
    /// The path of a message, hop by hop.
    Path(&'static [Hop]),
    /// Where the settings helper goes.
    Situations,
    /// Where the scenario player goes.
    Scenarios,
}

/// The tone of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Tip,
    Warning,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Tip => "tip",
            Tone::Warning => "warning",
        }
    }
}

/// One hop on the path of a message.
#[derive(Debug, PartialEq, Eq)]
pub struct Hop {
    /// Short role name: `MUA`, `MSA`...
    pub role: &'static str,
    pub name: &'static str,
    /// What it does (markup).
    pub text: &'static str,
    /// The port of the link to the next hop, if any: `"587 / 465"`.
    pub next: Option<&'static str>,
}

/// The sections, in page order.
pub static SECTIONS: &[Section] = &[
    in_short::SECTION,
    roles::SECTION,
    port_25::SECTION,
    port_587::SECTION,
    port_465::SECTION,
    starttls::SECTION,
    auth::SECTION,
    SETTINGS,
    SCENARIOS,
];

const SETTINGS: Section = Section {
    slug: "settings",
    title: "Which settings should I use?",
    lead: "Pick what is sending the mail. The answer is the port, the kind of TLS and the kind of login to set, and why.",
    blocks: &[Block::Situations],
};

const SCENARIOS: Section = Section {
    slug: "scenarios",
    title: "Watch it happen",
    lead: "Six real sessions, captured on a test network with `swaks` against Postfix and aiosmtpd. Play them step by step: on the left the conversation as the flow diagram draws it, on the right what someone tapping the wire sees at that moment. **Open in analyzer** loads the same transcript into the analyzer, which finds exactly what the scenario says it will.",
    blocks: &[Block::Scenarios],
};
