use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-587-no-auth",
    title: "587 accepting mail without AUTH",
    kind: Kind::Bad,
    summary: "A submission server that encrypts properly but never asks who you are. The client does STARTTLS and sends mail from `alice@example.test` to an outside address without logging in — and the server accepts it. Captured with `swaks -tls` (no `--auth`) against a deliberately misconfigured aiosmtpd on port 587.",
    lesson: "Encryption is not authorisation. Anyone who can reach this port can send mail as anyone, to anyone, through a server that others trust: a spammer's gift. A submission server must refuse `MAIL` until the client has logged in [RFC 6409 §4.3]. In Postfix: `smtpd_relay_restrictions = permit_sasl_authenticated, reject` on the submission service.",
    port: 587,
    transcript: include_str!("../transcripts/submission-587-no-auth.txt"),
    source: "swaks 20201014.0 -tls (no AUTH) against aiosmtpd 1.4.6 on 127.0.0.4:587 with auth_required=False (src/learn/transcripts/capture/open_submission.py); captured for SMTP Lens Learn",
    findings: &["submission-without-auth"],
    steps: &[
        step(1, 1, Local, "The command", "STARTTLS required (`-tls`), but no `--auth`: the client will not log in."),
        step(2, 3, Connect, "Connect to port 587", "The submission port."),
        step(4, 4, Plain, "Greeting", "`220`, cleartext."),
        step(5, 5, Plain, "EHLO", "What do you support?"),
        step(6, 11, Plain, "Capabilities", "`STARTTLS` offered; no `AUTH` before TLS. So far, so good."),
        step(12, 13, Plain, "STARTTLS", "The client upgrades; `220 Ready to start TLS` is the last cleartext line."),
        step(14, 16, Handshake, "TLS handshake", "TLS 1.3 is up."),
        step(17, 23, Encrypted, "EHLO again", "The list now offers `AUTH LOGIN PLAIN`. The client does not use it."),
        Step {
            flags: &["submission-without-auth"],
            sees: "Only ciphertext — the problem here is not secrecy.",
            ..step(24, 27, Encrypted, "MAIL and RCPT without a login", "The server accepts a sender it cannot verify and an outside recipient, `bob@example.com`. It should have answered `530 5.7.0 Authentication required` [RFC 4954 §6].")
        },
        step(28, 29, Encrypted, "DATA", "Ready for the message."),
        step(30, 40, Encrypted, "The message", "Claiming to be from `alice@example.test`."),
        Step {
            flags: &["submission-without-auth"],
            ..step(41, 41, Encrypted, "Accepted for delivery", "The server will now relay this unauthenticated message to `example.com` under its own name.")
        },
        step(42, 44, Encrypted, "QUIT", "Goodbye."),
    ],
};
