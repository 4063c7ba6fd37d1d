use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-587-starttls",
    title: "587: STARTTLS, then AUTH",
    kind: Kind::Good,
    summary: "An app submits a message to its provider on port 587, the way RFC 6409 intends: cleartext hello, upgrade with STARTTLS, a fresh EHLO, login, then the message. Captured with `swaks -tls --auth PLAIN` against Postfix with Dovecot.",
    lesson: "Only the greeting and the first EHLO crossed the network in cleartext. The password, the addresses and the message travelled encrypted. The analyzer finds nothing to fix — as long as the client **requires** STARTTLS (see [STARTTLS stripped](#scenario-stripped)).",
    port: 587,
    transcript: include_str!("../transcripts/submission-587-starttls-auth.txt"),
    source: "swaks 20201014.0 against Postfix 3.7.11 + Dovecot SASL on 127.0.0.1:587 (also tests/fixtures/swaks/postfix-587-starttls-auth-plain.txt)",
    findings: &[],
    steps: &[
        step(1, 1, Local, "The command", "`-tls` tells swaks to **require** STARTTLS, `--auth PLAIN` to log in. Nothing has touched the network yet."),
        Step {
            sees: "That your machine is talking to a mail server on port 587 — the submission port — and when.",
            ..step(2, 3, Connect, "Connect to port 587", "A TCP connection to the submission port [RFC 6409 §3.1].")
        },
        step(4, 4, Plain, "Greeting", "The server says `220` and names itself. Like everything before the handshake, this is cleartext."),
        step(5, 5, Plain, "EHLO", "The client introduces itself and asks what the server supports."),
        Step {
            sees: "The server's capabilities, in cleartext. Note that `AUTH` is not among them: Postfix will not offer a login before TLS.",
            ..step(6, 15, Plain, "Capabilities: STARTTLS, no AUTH yet", "The list includes `STARTTLS`. It does not include `AUTH`: this server only lets you log in once the connection is encrypted [RFC 4954 §4].")
        },
        step(16, 16, Plain, "STARTTLS", "The client asks to upgrade [RFC 3207 §4]."),
        step(17, 17, Plain, "220 Ready to start TLS", "The last cleartext line. The very next bytes are the TLS handshake."),
        Step {
            sees: "A TLS handshake. With TLS 1.3 even the server's certificate is encrypted; what is left is the server name the client asked for, if it sent one.",
            ..step(18, 20, Handshake, "TLS handshake", "TLS 1.3 is negotiated. A careful client checks the certificate here: it must be valid for the server name it was given [RFC 7817 §3].")
        },
        Step {
            sees: "A TLS record of about the size of an EHLO. Nothing more.",
            ..step(21, 21, Encrypted, "EHLO again", "Both sides forget the cleartext exchange; the client says `EHLO` again, now inside TLS [RFC 3207 §4.2].")
        },
        step(22, 31, Encrypted, "Capabilities, now with AUTH", "The new list offers `AUTH PLAIN LOGIN` — and no longer `STARTTLS`, since TLS is already on."),
        Step {
            sees: "One encrypted record. The password is inside it, out of reach.",
            ..step(32, 32, Encrypted, "AUTH PLAIN", "The user name and password, base64-encoded — which would be readable by anyone in cleartext, but here they are inside TLS.")
        },
        step(33, 33, Encrypted, "235: logged in", "Authentication successful [RFC 4954 §6]."),
        step(34, 37, Encrypted, "Envelope: sender and recipient", "`MAIL FROM` and `RCPT TO`: who sends, who receives. Both accepted."),
        step(38, 39, Encrypted, "DATA", "The server is ready for the message."),
        Step {
            sees: "The message's size, roughly. Not its words.",
            ..step(40, 50, Encrypted, "The message", "Headers and body, ended by a line with a single `.`.")
        },
        step(51, 51, Encrypted, "Queued", "`250 ... queued`: the server has taken responsibility for delivering the message."),
        step(52, 54, Encrypted, "QUIT", "The client says goodbye and the connection closes."),
    ],
};
