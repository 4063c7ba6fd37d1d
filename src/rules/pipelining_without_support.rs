//! # `pipelining-without-support`
//!
//! **What it does.** Flags a client that sent several commands without
//! waiting for the replies while the server's last EHLO reply did not list
//! PIPELINING: visible as consecutive client commands with no reply in
//! between, as commands sent before the greeting, as a `printf ... | nc`
//! that wrote the whole session at once, or as the server's own complaint
//! ("synchronization error", "improper use of SMTP command pipelining").
//!
//! **Why it matters.** Without PIPELINING (RFC 2920) the server may read
//! only the first command and discard the rest, or reject the session; the
//! client may pair replies with the wrong commands. Spam tools do this, so
//! servers penalise it.
//!
//! **Example.**
//! ```text
//! $ printf 'EHLO x\r\nMAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.com>\r\n' | nc mx 25
//! 220 mx.example.org ESMTP
//! 250-mx.example.org
//! 250 HELP
//! ```
//!
//! **Fix.** Wait for each reply unless the EHLO reply lists PIPELINING
//! (and even then, EHLO, DATA and QUIT end a group).
//!
//! **References.** RFC 2920 §3.1 and §3.2, RFC 5321 §4.3.2.

use super::advice::{Fix, Topic};
use super::util;
use super::util::Phrases;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::{Capability, Verb};
use crate::session::{Dir, Kind};
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "pipelining-without-support",
    title: "Commands pipelined without PIPELINING",
    min: Severity::Low,
    max: Severity::Medium,
    refs: &["RFC 2920 §3.1", "RFC 2920 §3.2", "RFC 5321 §4.3.2"],
    check,
};

static COMPLAINTS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::covered(
        &[
            "synchronization error",
            "improper use of smtp command pipelining",
            "pipelining not allowed",
            "input sent without waiting",
            "sent data before greeting",
        ],
        &["pipelining", "sent "],
    )
});

fn pipelining_offered(s: &crate::session::Session, before: u32) -> bool {
    util::greeting_before(s, before)
        .is_some_and(|g| g.capabilities.contains(&Capability::Pipelining))
}

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut lines = Vec::new();
    let mut complained = false;
    // The server says so.
    let replies_may_say = util::replies_may_say(ctx, &COMPLAINTS);
    for e in s.events.iter().filter(|_| replies_may_say) {
        if e.dir == Dir::Server && e.kind == Kind::Reply && COMPLAINTS.any_in(&util::lower(ctx, e))
        {
            lines.push(e.line);
            complained = true;
        }
    }
    if !s.client_only && !s.server_only {
        // Consecutive client commands with no reply between them.
        let mut prev: Option<(u32, &crate::session::Event)> = None;
        for (i, e) in s.events.iter().enumerate() {
            let i = i as u32;
            match (e.dir, e.kind) {
                (Dir::Server, Kind::Reply) => prev = None,
                (Dir::Client, Kind::Command) if !e.inferred => {
                    if let Some((pi, p)) = prev {
                        let first_of_pair = p.verb;
                        let exempt =
                            matches!(first_of_pair, Some(Verb::Starttls | Verb::AuthResponse))
                                || e.verb == Some(Verb::AuthResponse);
                        if !exempt && !pipelining_offered(s, pi) {
                            lines.push(p.line);
                            lines.push(e.line);
                        }
                    }
                    prev = Some((i, e));
                }
                _ => {}
            }
        }
        // Commands before the server's greeting.
        if let Some(g) = s.greeting {
            if let Some((_, c)) = util::client_commands(s).find(|(i, c)| *i < g && !c.inferred) {
                lines.push(c.line);
                lines.extend(s.event(g).map(|e| e.line));
            }
        }
    }
    // A whole session written at once into nc / telnet / openssl.
    if let Some(p) = util::piped(ctx) {
        let cmds = util::piped_commands(p);
        let last = s.events.len() as u32;
        if p.at_once
            && cmds.len() > 2
            && !pipelining_offered(s, last)
            && s.greetings.iter().any(|g| g.code.is_some())
        {
            lines.push(p.line);
        }
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let sev = if complained {
        Severity::Medium
    } else {
        Severity::Low
    };
    let why = if complained {
        "The server complained that the client did not wait for its replies: without PIPELINING in the EHLO reply, each command must wait for the previous reply (RFC 2920)."
    } else {
        "The client sent several commands without waiting for the replies, but the server's EHLO reply does not list PIPELINING (RFC 2920). Such a server may discard the extra input or drop the session, and replies can be matched to the wrong commands."
    };
    vec![util::finding(
        ctx,
        &RULE,
        sev,
        lines,
        "Commands pipelined to a server without PIPELINING",
        why,
        Fix::new().client(ctx, Topic::Pipelining).build(),
    )]
}
