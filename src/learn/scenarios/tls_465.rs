use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-465-implicit-tls",
    title: "465: implicit TLS",
    kind: Kind::Good,
    summary: "The same submission on port 465: TLS starts the moment the connection opens, before the server has said a word. Captured with `swaks --tls-on-connect --auth LOGIN` against Postfix.",
    lesson: "There is no cleartext phase at all: nothing to read, nothing to strip, nothing to inject. This is what RFC 8314 recommends for submission [RFC 8314 §3]. The analyzer's only remark, `implicit-tls`, is information, not a problem.",
    port: 465,
    transcript: include_str!("../transcripts/submissions-465-implicit-tls.txt"),
    source: "swaks 20201014.0 against Postfix 3.7.11 + Dovecot SASL on 127.0.0.1:465 (also tests/fixtures/swaks/postfix-465-implicit-auth-login.txt)",
    findings: &["implicit-tls"],
    steps: &[
        Step {
            flags: &["implicit-tls"],
            ..step(1, 1, Local, "The command", "Port 465 with `--tls-on-connect`: TLS from the first byte [RFC 8314 §3.3].")
        },
        step(2, 3, Connect, "Connect to port 465", "A TCP connection to the `submissions` port."),
        Step {
            sees: "The TLS handshake, and from its end only ciphertext. The eavesdropper never sees a single SMTP word.",
            ..step(4, 6, Handshake, "TLS handshake, first thing", "Before any SMTP, client and server negotiate TLS 1.3. If this fails, nothing else is sent.")
        },
        step(7, 7, Encrypted, "Greeting, encrypted", "Even the server's `220` greeting travels inside TLS."),
        step(8, 18, Encrypted, "EHLO and capabilities", "`AUTH PLAIN LOGIN` is offered right away: the connection is already encrypted."),
        Step {
            sees: "Five small encrypted records. The user name and password are inside two of them.",
            ..step(19, 23, Encrypted, "AUTH LOGIN", "The server asks `Username:` and `Password:` (in base64) and the client answers each — readable to anyone in cleartext, but this is TLS.")
        },
        step(24, 24, Encrypted, "235: logged in", "Authentication successful."),
        step(25, 28, Encrypted, "Envelope", "Sender and recipient, accepted."),
        step(29, 30, Encrypted, "DATA", "Ready for the message."),
        step(31, 41, Encrypted, "The message", "Headers and body, ended by `.`."),
        step(42, 42, Encrypted, "Queued", "The server accepts the message."),
        step(43, 45, Encrypted, "QUIT", "Goodbye; the connection closes."),
    ],
};
