//! # `auth-failed`
//!
//! **What it does.** Flags an AUTH the server refused — `535 5.7.8`
//! (credentials invalid), `534` (the provider wants a web login or an app
//! password), `454 4.7.0` (temporary failure), or the client tool's own
//! "authentication failed" when it hides the reply — unless a later attempt
//! in the same session succeeded. Refusals for lack of TLS, unsupported
//! mechanisms and cancelled exchanges have their own rules.
//!
//! **Why it matters.** The mail was not sent. The usual causes: a wrong
//! user name (often the full address is required) or password, a provider
//! that wants an app password or OAuth2 (Gmail, Microsoft 365, iCloud), or
//! SMTP AUTH disabled for the account.
//!
//! **Example.**
//! ```text
//! C: AUTH PLAIN AGFsaWNl...
//! S: 535 5.7.8 Error: authentication failed: authentication failure
//! ```
//!
//! **Fix.** Check the credentials the client sends; follow the provider's
//! rule when the reply names one (app password, enabling SMTP AUTH).
//!
//! **References.** RFC 4954 §4 and §6.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};
use crate::session::Outcome;

pub const RULE: Rule = Rule {
    id: "auth-failed",
    title: "Authentication failed",
    min: Severity::Medium,
    max: Severity::Medium,
    refs: &["RFC 4954 §4", "RFC 4954 §6"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let mut failed = Vec::new();
    for (n, a) in s.auths.iter().enumerate() {
        if a.outcome != Outcome::Rejected {
            continue;
        }
        if s.auths
            .iter()
            .skip(n + 1)
            .any(|b| b.outcome == Outcome::Accepted)
        {
            continue; // a later attempt got in
        }
        let reply = util::auth_reply(s, a);
        let code = a.code.or_else(|| reply.and_then(|r| r.code));
        if matches!(code, Some(503 | 504 | 530 | 538 | 501)) {
            continue;
        }
        if super::auth_mechanism_unsupported::refuses_mechanism(ctx, reply) {
            continue;
        }
        failed.push((a, reply));
    }
    let Some((_, first_reply)) = failed.first().copied() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (a, r) in &failed {
        lines.push(a.line);
        lines.extend(r.map(|r| r.line));
    }
    let all: Vec<&crate::session::Auth> = failed.iter().map(|(a, _)| *a).collect();
    let names = util::user_names(&all);
    let who = if names.is_empty() {
        String::new()
    } else {
        format!(" for {}", names.join(", "))
    };
    let q = first_reply.map(|r| util::quote(ctx, r));
    let title = match &q {
        Some(q) => format!("Authentication failed{who} ({q})"),
        None => format!("Authentication failed{who}"),
    };
    let hint = first_reply.and_then(|r| util::provider_hint(ctx, r));
    let temporary = first_reply.is_some_and(|r| r.code.is_some_and(|c| c / 100 == 4));
    let mut why = if temporary {
        "The server could not check the credentials right now (a temporary failure on its side); the mail was not sent.".to_string()
    } else {
        "The server refused the credentials, so the mail was not sent. Usual causes: a wrong user name (often the full address) or password, an account that needs an app password or OAuth2, or SMTP AUTH disabled for it.".to_string()
    };
    if let Some(h) = hint {
        why = format!("{} The mail was not sent.", h.text);
    }
    if failed.len() > 1 {
        why.push_str(&format!(" The client tried {} times.", failed.len()));
    }
    let fix = Fix::new()
        .provider(ctx, first_reply)
        .client(ctx, Topic::Credentials)
        .build();
    vec![util::finding(
        ctx,
        &RULE,
        Severity::Medium,
        lines,
        title,
        why,
        fix,
    )]
}
