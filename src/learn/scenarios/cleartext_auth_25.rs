use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-cleartext-auth-25",
    title: "25: AUTH in cleartext (bad)",
    kind: Kind::Bad,
    summary: "An app is set up to send through port 25 with a login, and without requiring TLS. The server offers STARTTLS, but the client never asks for it. Captured with `swaks --auth PLAIN` (no `-tls`) against Postfix on port 25.",
    lesson: "The password crossed the network in base64 — which anyone can decode. Three mistakes together: the wrong port (25 is for relay), no TLS although it was offered, and a server that offers `AUTH` before TLS. Fix the client: port 465, or 587 with STARTTLS required. Fix the server: no AUTH before TLS.",
    port: 25,
    transcript: include_str!("../transcripts/cleartext-auth-25.txt"),
    source: "swaks 20201014.0 against Postfix 3.7.11 + Dovecot SASL on 127.0.0.1:25 (also tests/fixtures/swaks/postfix-25-cleartext-auth-plain.txt)",
    findings: &[
        "plaintext-auth",
        "starttls-offered-not-used",
        "auth-advertised-before-tls",
        "port-25-submission",
        "vrfy-enabled",
    ],
    steps: &[
        step(1, 1, Local, "The command", "`--auth PLAIN` to port 25, and no `-tls`: the client will not ask for encryption."),
        step(2, 3, Connect, "Connect to port 25", "The relay port, used here for submission."),
        step(4, 4, Plain, "Greeting", "`220`, in cleartext."),
        step(5, 5, Plain, "EHLO", "The client asks what the server supports."),
        Step {
            flags: &["starttls-offered-not-used", "auth-advertised-before-tls", "vrfy-enabled"],
            sees: "Everything, including that this server accepts `AUTH PLAIN LOGIN` right now, in cleartext.",
            ..step(6, 17, Plain, "Capabilities: STARTTLS and AUTH, both", "`STARTTLS` is offered — encryption was one command away. But `AUTH` is offered too, before TLS, and the client takes that instead.")
        },
        Step {
            flags: &["plaintext-auth", "port-25-submission"],
            sees: "`AUTH PLAIN` and a base64 string. Decoded: the user name and the password, in full.",
            ..step(18, 18, Plain, "AUTH PLAIN in cleartext", "The user name and password, base64-encoded, sent over an unencrypted connection [RFC 4954 §4]. Base64 is not encryption [RFC 4648 §4].")
        },
        step(19, 19, Plain, "235: logged in", "The server accepts — and so could anyone who copied the line above."),
        Step {
            sees: "Sender and recipient addresses.",
            ..step(20, 23, Plain, "Envelope", "`MAIL FROM` and `RCPT TO`, readable by anyone on the path.")
        },
        step(24, 25, Plain, "DATA", "Ready for the message."),
        Step {
            sees: "The whole message: headers, subject and body.",
            ..step(26, 36, Plain, "The message, in cleartext", "Every header and every word of the body.")
        },
        step(37, 37, Plain, "Queued", "Accepted. Nothing failed — which is why mistakes like this go unnoticed."),
        step(38, 40, Plain, "QUIT", "Goodbye."),
    ],
};
