//! # `unknown-command-rejected`
//!
//! **What it does.** Flags commands the server answered with `500`
//! (unrecognised, or a syntax error) or `502` (not implemented): a typo, a
//! command the server does not support (HELP on Postfix), or an optional one
//! it turned off (VRFY, EXPN). Over-long lines (`line-too-long`) and
//! STARTTLS (`starttls-failed`) are reported by their own rules.
//!
//! **Why it matters.** Little by itself — refusing optional commands is
//! good practice — but a client that relies on a refused command (EHLO on an
//! old server, AUTH where it is not offered) will not get its mail through.
//!
//! **Example.**
//! ```text
//! C: XYZZY
//! S: 500 5.5.2 Error: command not recognized
//! ```
//!
//! **Fix.** Send only commands the server lists in its EHLO reply; check
//! for typos.
//!
//! **References.** RFC 5321 §4.2.2, §4.2.4 and §4.5.1.

use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::Kind;

pub const RULE: Rule = Rule {
    id: "unknown-command-rejected",
    title: "Command not recognised or not implemented",
    min: Severity::Info,
    max: Severity::Low,
    refs: &["RFC 5321 §4.2.2", "RFC 5321 §4.2.4", "RFC 5321 §4.5.1"],
    check,
};

fn optional(v: Verb) -> bool {
    matches!(
        v,
        Verb::Vrfy
            | Verb::Expn
            | Verb::Help
            | Verb::Turn
            | Verb::Etrn
            | Verb::Atrn
            | Verb::Xclient
            | Verb::Xforward
            | Verb::Noop
    )
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only {
        return Vec::new(); // no replies, nothing refused
    }
    let mut lines = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut all_optional = true;
    let mut first = None;
    for (r, verb) in util::replies(s) {
        if !matches!(r.code, Some(500 | 502)) || verb == Some(Verb::Starttls) {
            continue;
        }
        let lower = util::lower(ctx, r);
        if lower.contains("too long") {
            continue;
        }
        let Some(c) = util::command_of(s, r) else {
            continue;
        };
        let v = verb.unwrap_or(Verb::Unknown);
        // Workaround: a typed unknown word (FOO) is kept as noise by the
        // builder, and its reply gets an inferred command; the noise line
        // just before the reply is the command.
        let typed = if c.inferred {
            r.answers
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| s.event(i))
                .filter(|p| p.kind == Kind::Noise && p.line + 1 == r.line)
        } else {
            Some(c)
        };
        let name = match typed {
            Some(t) => util::text(ctx, t)
                .split_ascii_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase(),
            None => "A command".to_string(),
        };
        lines.extend(typed.map(|t| t.line));
        if !names.contains(&name) {
            names.push(name);
        }
        all_optional &= optional(v);
        lines.push(r.line);
        first.get_or_insert_with(|| util::quote(ctx, r));
    }
    let Some(q) = first else {
        return Vec::new();
    };
    let list = names.join(", ");
    let (sev, why) = if all_optional {
        (
            Severity::Info,
            format!("The server refused {list} ({q}). These commands are optional, and turning them off is good practice; nothing else is affected."),
        )
    } else {
        (
            Severity::Low,
            format!("The server did not accept {list} ({q}): 500 means it did not recognise the command or its syntax, 502 that it does not implement it here."),
        )
    };
    let title = if names.len() == 1 {
        format!("{list} refused as unknown or not implemented")
    } else {
        format!(
            "{} commands refused as unknown or not implemented",
            names.len()
        )
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        title,
        why,
        "Send only commands the server lists in its EHLO reply, spelled as RFC 5321 defines them; the optional ones (HELP, VRFY, EXPN) may be off on purpose.",
    )]
}
