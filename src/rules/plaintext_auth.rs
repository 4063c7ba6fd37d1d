//! # `plaintext-auth`
//!
//! **What it does.** Flags every AUTH whose credentials crossed the network
//! before TLS protected the connection: AUTH PLAIN, LOGIN, XOAUTH2,
//! OAUTHBEARER with an initial response, or the answers to the server's 334
//! challenges. Whatever the server answered (a refused password is still a
//! password that was sent), and also when the client tool hid the secret in
//! its log (PHPMailer `[credentials hidden]`, nodemailer `/* secret */`) or
//! printed only the server's side (the 334 and 235 replies prove the
//! exchange). Names the exposed user, never the password.
//!
//! When the transcript cannot show whether TLS was used (the port is not
//! known and the tool prints the same lines over TLS), this rule stays
//! silent and `tls-not-shown` names the risk instead.
//!
//! **Why it matters.** Base64 is an encoding, not encryption: anyone on the
//! path (the Wi-Fi, the ISP, a compromised router) reads the password.
//!
//! **Example.**
//! ```text
//! S: 220 mail.example.org ESMTP Postfix
//! C: EHLO client.example.org
//! S: 250-AUTH PLAIN LOGIN
//! C: AUTH PLAIN AGFsaWNlQGV4YW1wbGUub3JnAHNlY3JldA==
//! S: 235 2.7.0 Authentication successful
//! ```
//!
//! **Fix.** Change the exposed password. Make the client require STARTTLS
//! on 587 (or TLS on connect on 465) before AUTH; make the server offer AUTH
//! only inside TLS (Postfix `smtpd_tls_auth_only = yes`).
//!
//! **References.** RFC 4954 §4 and §14, RFC 3207 §4, RFC 8314 §3.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "plaintext-auth",
    title: "Credentials sent without encryption",
    min: Severity::Medium,
    max: Severity::Critical,
    refs: &["RFC 4954 §4", "RFC 4954 §14", "RFC 3207 §4", "RFC 8314 §3"],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    let exposed: Vec<&crate::session::Auth> = s
        .auths
        .iter()
        .filter(|a| util::sent_in_clear(s, a))
        .collect();
    if exposed.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut mechs: Vec<&str> = Vec::new();
    for a in &exposed {
        if !mechs.contains(&a.mechanism.as_str()) && a.mechanism != "UNKNOWN" {
            mechs.push(a.mechanism.as_str());
        }
        lines.extend(util::auth_lines(s, a));
    }
    let names = util::user_names(&exposed);
    let plain = exposed
        .iter()
        .any(|a| util::plaintext_mechanism(&a.mechanism));
    let (of_who, who_title) = if names.is_empty() {
        ("the password".to_string(), "Password".to_string())
    } else {
        let n = names.join(", ");
        (format!("the password of {n}"), format!("Password of {n}"))
    };
    let mech = if mechs.is_empty() {
        "The AUTH exchange".to_string()
    } else {
        format!("AUTH {}", mechs.join(" and "))
    };
    let mut why = if plain {
        format!(
            "{mech} crossed the network before any TLS: base64 is an encoding, not encryption, so anyone on the path can read {of_who}."
        )
    } else {
        format!(
            "{mech} ran before any TLS: the user name is readable by anyone on the path, and the challenge-response can be attacked offline."
        )
    };
    if exposed
        .iter()
        .all(|a| a.outcome == crate::session::Outcome::Rejected)
    {
        why.push_str(" The server refused the login, but the credentials had already been sent.");
    }
    if exposed.iter().any(|a| a.secret_hidden) {
        why.push_str(" The client tool hid the secret in its log, not on the wire.");
    }
    let title = if plain {
        format!("{who_title} sent in cleartext")
    } else {
        format!("AUTH {} ran without encryption", mechs.join(" and "))
    };
    let fix = Fix::new()
        .say(format!("Treat {of_who} as compromised and change it."))
        .client(ctx, Topic::RequireTls)
        .server(ctx, Topic::AuthOnlyOverTls)
        .build();
    let sev = if plain {
        Severity::Critical
    } else {
        Severity::Medium
    };
    vec![util::finding(ctx, &RULE, sev, lines, title, why, fix)]
}
