//! # `auth-mechanism-unsupported`
//!
//! **What it does.** Flags an AUTH with a mechanism the server does not
//! offer: the server answers `504 5.5.4` ("mechanism not supported",
//! "unrecognized authentication type"), or the client gives up before
//! sending AUTH because its configured mechanism is not in the EHLO list
//! (swaks "Auth not attempted, requested type not available").
//!
//! **Why it matters.** No login, so no mail. Clients pinned to one
//! mechanism (CRAM-MD5, XOAUTH2, NTLM) fail against servers that offer only
//! PLAIN and LOGIN inside TLS, which is the norm.
//!
//! **Example.**
//! ```text
//! S: 250-AUTH PLAIN LOGIN
//! C: AUTH CRAM-MD5
//! S: 504 5.5.4 Unrecognized authentication type
//! ```
//!
//! **Fix.** Use a mechanism from the server's `AUTH` line (PLAIN or LOGIN
//! inside TLS), or let the client choose.
//!
//! **References.** RFC 4954 §4 and §6.

use super::advice::{Fix, Topic};
use super::util::{self, Phrases};
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Capability;
use crate::session::Event;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "auth-mechanism-unsupported",
    title: "AUTH mechanism not supported",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &["RFC 4954 §4", "RFC 4954 §6"],
    check,
};

/// True when the reply refuses the mechanism itself.
pub fn refuses_mechanism(ctx: &Ctx<'_>, reply: Option<&Event>) -> bool {
    let Some(r) = reply else { return false };
    let lower = util::lower(ctx, r);
    r.code == Some(504)
        || (r.code.is_some_and(|c| c >= 500)
            && util::has_any(
                &lower,
                &[
                    "mechanism not supported",
                    "unrecognized authentication type",
                    "unrecognised authentication type",
                    "unsupported authentication mechanism",
                    "authentication mechanism not supported",
                    "mechanism not available",
                ],
            ))
}

/// What the tools print, as they print it (swaks, Jakarta Mail).
static CLIENT_GAVE_UP: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Auth not attempted, requested type not available",
        "No authentication mechanisms supported by both server and client",
    ])
});

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut mechs: Vec<String> = Vec::new();
    for a in &s.auths {
        let reply = util::auth_reply(s, a);
        if refuses_mechanism(ctx, reply) {
            lines.push(a.line);
            lines.extend(reply.map(|r| r.line));
            if !mechs.contains(&a.mechanism) {
                mechs.push(a.mechanism.clone());
            }
        }
    }
    let gave_up = util::events_may_say(ctx, &CLIENT_GAVE_UP)
        .then(|| util::remarks(ctx).find(|(_, t)| CLIENT_GAVE_UP.any_in(t)))
        .flatten();
    if let Some((e, _)) = gave_up {
        lines.push(e.line);
    }
    if lines.is_empty() {
        return Vec::new();
    }
    // The mechanism the client was told to use, from its command line
    // (swaks `--auth CRAM-MD5`, curl `--login-options AUTH=X`).
    if mechs.is_empty() {
        if let Some((_, cmd)) = util::command_line(ctx) {
            let words: Vec<&str> = cmd.split_ascii_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                let m = match *w {
                    "--auth" | "-a" => words.get(i + 1).filter(|m| !m.starts_with('-')).copied(),
                    _ => w
                        .strip_prefix("--auth=")
                        .or_else(|| w.strip_prefix("AUTH="))
                        .or_else(|| w.strip_prefix("'AUTH=")),
                };
                if let Some(m) = m {
                    let m = m
                        .trim_matches(|c| c == '\'' || c == '"')
                        .to_ascii_uppercase();
                    if !m.is_empty() && !mechs.contains(&m) {
                        mechs.push(m);
                    }
                }
            }
        }
    }
    let offered: Option<Vec<String>> = s.greetings.iter().rev().find_map(|g| {
        g.capabilities.iter().find_map(|c| match c {
            Capability::Auth { mechanisms } => Some(mechanisms.clone()),
            _ => None,
        })
    });
    if let Some(g) = s.greetings.iter().rev().find(|g| {
        g.capabilities
            .iter()
            .any(|c| matches!(c, Capability::Auth { .. }))
    }) {
        if let Some(r) = util::reply_to(s, g.event) {
            lines.push(util::keyword_line(ctx, r, "AUTH"));
        }
    }
    let wanted = if mechs.is_empty() {
        "The client's configured mechanism".to_string()
    } else {
        format!("AUTH {}", mechs.join(" and "))
    };
    let offer = match &offered {
        Some(m) if !m.is_empty() => format!("the server offers only {}", m.join(" ")),
        _ => "the server does not offer it".to_string(),
    };
    let why = format!("{wanted} is not available: {offer}. Without a common mechanism there is no login, so no mail.");
    let fix = Fix::new().client(ctx, Topic::Mechanism).build();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        format!("{wanted} not supported by the server"),
        why,
        fix,
    )]
}
