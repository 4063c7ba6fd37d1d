//! # `submission-without-auth`
//!
//! **What it does.** Flags a submission port (587, 465) that accepted MAIL
//! FROM from a client that had not authenticated. If it accepted recipients
//! too, the submission service is open to anyone; if it refused them, the
//! client forgot (or could not do) the login. A MAIL refused outright (`530
//! Must issue a STARTTLS command first`) is `sender-rejected` plus the TLS
//! findings, not this.
//!
//! **Why it matters.** Submission ports exist for authenticated users
//! (RFC 6409): a server accepting anonymous mail there is an open door for
//! spam with its name on it; a client that does not log in cannot send.
//!
//! **Example.**
//! ```text
//! S: 220 mail.example.org ESMTP            (port 587)
//! C: MAIL FROM:<alice@example.org>
//! S: 250 2.1.0 Ok
//! C: RCPT TO:<bob@example.org>
//! S: 250 2.1.5 Ok
//! ```
//!
//! **Fix.** Client: STARTTLS, then AUTH, then MAIL. Server: require AUTH on
//! the submission service (Postfix master.cf `smtpd_relay_restrictions =
//! permit_sasl_authenticated,reject`).
//!
//! **References.** RFC 6409 §3.3 and §4.3, RFC 8314 §3.3, RFC 4954 §4.

use super::advice::{Fix, Topic};
use super::util;
use super::{Ctx, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "submission-without-auth",
    title: "Mail on the submission port without AUTH",
    min: Severity::Medium,
    max: Severity::High,
    refs: &[
        "RFC 6409 §3.3",
        "RFC 6409 §4.3",
        "RFC 8314 §3.3",
        "RFC 4954 §4",
    ],
    check,
};

pub fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let s = ctx.session;
    if !matches!(s.port, Some(587 | 465)) {
        return Vec::new();
    }
    // MAIL accepted without a login: the submission service let an
    // anonymous client start a transaction. A MAIL refused outright (530
    // STARTTLS or AUTH first) is the server doing its job: sender-rejected
    // and the TLS findings explain it.
    let open: Vec<&crate::session::Transaction> = s
        .transactions
        .iter()
        .filter(|t| {
            !t.authenticated && t.from.is_some() && t.mail_code.is_some_and(|c| c / 100 == 2)
        })
        .collect();
    if open.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut accepted = false;
    for t in &open {
        lines.push(t.line);
        lines.extend(util::reply_to(s, t.event).map(|r| r.line));
        for r in &t.rcpts {
            lines.push(r.line);
            lines.extend(util::reply_to(s, r.event).map(|e| e.line));
            accepted |= r.code.is_some_and(|c| c / 100 == 2);
        }
        accepted |= t.accepted;
        lines.extend(t.end_line);
    }
    let port = util::port_label(s);
    let (sev, title, why, fix) = if accepted {
        (
            Severity::High,
            format!("The server accepted mail on {port} without AUTH"),
            format!("No one logged in, yet the server accepted recipients on its submission port ({port}). Submission is for authenticated users (RFC 6409): anyone can send mail through it in the server's name."),
            Fix::new().server(ctx, Topic::SubmissionAuth).build(),
        )
    } else {
        (
            Severity::Medium,
            format!("Mail started on {port} without logging in"),
            format!("The client started a transaction on the submission port ({port}) without a successful AUTH; the server took MAIL FROM but refused the recipients. Submission requires a login (RFC 6409)."),
            Fix::new()
                .client(ctx, Topic::Credentials)
                .server(ctx, Topic::SubmissionAuth)
                .build(),
        )
    };
    vec![util::finding(ctx, &RULE, sev, lines, title, why, fix)]
}
