//! What a `#learn...` fragment points at.
//!
//! The page passes the part after `#learn`: `""`, `"/"`, `"/port-587"`,
//! `"/starttls-stripping"`, `"/scenario-stripped"`, or a scenario with a
//! step, `"/scenario-stripped/4"` (1-based).

use super::{Block, Scenario, Section, Situation, SCENARIOS, SECTIONS, SITUATIONS};

/// The target of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The top of the explainer (also for an unknown slug).
    Top,
    /// A section, or a subsection (`sub`) inside it.
    Section {
        section: &'static Section,
        sub: Option<&'static str>,
    },
    /// A situation of the settings helper.
    Situation(&'static Situation),
    /// A scenario, at a 0-based step.
    Scenario {
        scenario: &'static Scenario,
        step: usize,
    },
}

impl Target {
    /// The slug the page scrolls to (`None` for the top).
    pub fn slug(&self) -> Option<&'static str> {
        match self {
            Target::Top => None,
            Target::Section { section, sub } => Some(sub.unwrap_or(section.slug)),
            Target::Situation(s) => Some(s.slug),
            Target::Scenario { scenario, .. } => Some(scenario.slug),
        }
    }
}

/// Resolves a route; unknown slugs give [`Target::Top`].
pub fn resolve(route: &str) -> Target {
    let path = route.trim().trim_start_matches('/');
    let mut parts = path.splitn(2, '/');
    let slug = parts.next().unwrap_or("");
    let extra = parts.next();
    if slug.is_empty() {
        return Target::Top;
    }
    if let Some(scenario) = SCENARIOS.iter().find(|s| s.slug == slug) {
        let step = extra
            .and_then(|n| n.trim_end_matches('/').parse::<usize>().ok())
            .filter(|n| *n >= 1 && *n <= scenario.steps.len())
            .map_or(0, |n| n - 1);
        return Target::Scenario { scenario, step };
    }
    if let Some(situation) = SITUATIONS.iter().find(|s| s.slug == slug) {
        return Target::Situation(situation);
    }
    for section in SECTIONS {
        if section.slug == slug {
            return Target::Section { section, sub: None };
        }
        for b in section.blocks {
            if let Block::Heading { slug: sub, .. } = b {
                if *sub == slug {
                    return Target::Section {
                        section,
                        sub: Some(sub),
                    };
                }
            }
        }
    }
    Target::Top
}

/// The route of a scenario step (1-based in the URL).
pub fn scenario_route(scenario: &Scenario, step: usize) -> String {
    if step == 0 {
        format!("/{}", scenario.slug)
    } else {
        format!("/{}/{}", scenario.slug, step + 1)
    }
}
