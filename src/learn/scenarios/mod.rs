//! The scenarios of the player: real captured sessions, each with its
//! steps, the narration, what an eavesdropper on the path sees, and the
//! findings the analyzer must give for it (checked by `tests/learn.rs`).
//!
//! The transcripts are `swaks` sessions captured against real servers on
//! loopback (see `src/learn/transcripts/README.md`), kept verbatim.

mod cleartext_auth_25;
mod no_auth_587;
mod relay_25;
mod starttls_587;
mod stripped;
mod tls_465;

use super::wire::Wire;

/// One scenario.
#[derive(Debug, PartialEq, Eq)]
pub struct Scenario {
    /// URL fragment: `#learn/<slug>` (and `#learn/<slug>/<step>`).
    pub slug: &'static str,
    pub title: &'static str,
    /// `good`, `bad` or `attack`: how the page labels it.
    pub kind: Kind,
    /// One paragraph: the setting and what to watch (markup).
    pub summary: &'static str,
    /// What to take away (markup).
    pub lesson: &'static str,
    pub port: u16,
    /// The transcript, as the client printed it.
    pub transcript: &'static str,
    /// Where it comes from: how it was captured.
    pub source: &'static str,
    /// Exactly the finding ids the analyzer gives for the transcript.
    pub findings: &'static [&'static str],
    pub steps: &'static [Step],
}

/// How the page labels a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Good,
    Bad,
    Attack,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Good => "good",
            Kind::Bad => "bad",
            Kind::Attack => "attack",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Good => "Good practice",
            Kind::Bad => "Misconfiguration",
            Kind::Attack => "Attack",
        }
    }
}

/// One step: a run of transcript lines and what they mean.
#[derive(Debug, PartialEq, Eq)]
pub struct Step {
    /// First and last line (1-based, inclusive) of the transcript.
    pub lines: (u32, u32),
    /// What travels on the wire during this step.
    pub wire: Wire,
    pub title: &'static str,
    /// What happens (markup).
    pub text: &'static str,
    /// What the eavesdropper learns, when worth saying (markup; may be empty).
    pub sees: &'static str,
    /// Findings whose evidence is in this step.
    pub flags: &'static [&'static str],
}

impl Step {
    /// The last line: what the flow diagram reveals up to.
    pub fn last_line(&self) -> u32 {
        self.lines.1
    }

    pub fn contains(&self, line: u32) -> bool {
        self.lines.0 <= line && line <= self.lines.1
    }
}

/// A plain step (no remark on what is seen, no finding).
pub(crate) const fn step(
    from: u32,
    to: u32,
    wire: Wire,
    title: &'static str,
    text: &'static str,
) -> Step {
    Step {
        lines: (from, to),
        wire,
        title,
        text,
        sees: "",
        flags: &[],
    }
}

/// The scenarios, in the order the page offers them.
pub static SCENARIOS: &[Scenario] = &[
    starttls_587::SCENARIO,
    tls_465::SCENARIO,
    relay_25::SCENARIO,
    cleartext_auth_25::SCENARIO,
    stripped::SCENARIO,
    no_auth_587::SCENARIO,
];

/// The scenario with this slug.
pub fn find(slug: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.slug == slug)
}
