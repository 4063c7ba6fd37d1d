//! # `starttls-injection`
//!
//! **What it does.** Flags data that crossed the STARTTLS boundary: a client
//! command sent right behind STARTTLS before the server's 220 (pipelined
//! into the plaintext phase), or a server reply that arrived after the 220
//! but before the TLS handshake.
//!
//! **Why it matters.** Whatever is buffered before the handshake can be
//! treated as if it came over TLS. An attacker on the path uses this to
//! inject commands into the protected session (CVE-2011-0411 and its
//! relatives) or replies into the client's view of it (the STARTTLS
//! response-injection class).
//!
//! **Example.**
//! ```text
//! C: STARTTLS
//! C: RSET
//! S: 220 2.0.0 Ready to start TLS
//! ```
//!
//! **Fix.** Clients send nothing after STARTTLS until its 220 and the
//! handshake; both sides discard anything received before the handshake —
//! upgrade the software that does not.
//!
//! **References.** RFC 3207 §4.2 and §6, RFC 2920 §3.1, CVE-2011-0411.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::parse::Verb;
use crate::session::{Channel, Dir, Kind};

pub const RULE: Rule = Rule {
    id: "starttls-injection",
    title: "Data crossed the STARTTLS boundary",
    min: Severity::High,
    max: Severity::High,
    refs: &[
        "RFC 3207 §4.2",
        "RFC 3207 §6",
        "RFC 2920 §3.1",
        "CVE-2011-0411",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if s.client_only || s.server_only {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, st) in s.commands() {
        if st.verb != Some(Verb::Starttls) || st.inferred {
            continue;
        }
        // A client command before any server line: pipelined behind STARTTLS.
        let next = s.events.iter().skip(i as usize + 1).find(|e| {
            matches!(e.dir, Dir::Client | Dir::Server)
                && matches!(e.kind, Kind::Command | Kind::Reply)
        });
        if let Some(c) = next.filter(|e| e.dir == Dir::Client && !e.inferred) {
            let mut lines = vec![st.line, c.line];
            lines.extend(util::reply_to(s, i).map(|r| r.line));
            let cmd = util::quote(ctx, c);
            out.push(util::finding(
                ctx,
                &RULE,
                Severity::High,
                lines,
                format!("Command sent behind STARTTLS before the handshake: {cmd}"),
                format!(
                    "The client sent `{cmd}` right after STARTTLS, before the server's 220 and the TLS handshake. A server that keeps it would run it as if it came inside TLS; an attacker on the path injects commands the same way (CVE-2011-0411)."
                ),
                Fix::new().both(ctx, Topic::StarttlsInjection).build(),
            ));
        }
    }
    // A server reply in the gap between the 220 and the handshake.
    if let Some(r) = s.events.iter().find(|e| {
        e.dir == Dir::Server
                && e.kind == Kind::Reply
                && e.channel == Channel::Negotiating
                // A server giving up (timeout, shutdown) is not an injection.
                && e.code != Some(421)
    }) {
        let mut lines = vec![r.line];
        if let Some((_, st)) = s.commands().find(|(_, e)| e.verb == Some(Verb::Starttls)) {
            lines.push(st.line);
        }
        let q = util::quote(ctx, r);
        out.push(util::finding(
            ctx,
            &RULE,
            Severity::High,
            lines,
            format!("Reply received before the TLS handshake: {q}"),
            format!(
                "After the 220 to STARTTLS the client received `{q}` before the handshake. A client that keeps such a reply treats text injected by an attacker as if it came from inside TLS (the STARTTLS response-injection class)."
            ),
            Fix::new().both(ctx, Topic::StarttlsInjection).build(),
        ));
    }
    out
}
