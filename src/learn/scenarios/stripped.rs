use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-stripped",
    title: "587: STARTTLS stripped by an attacker",
    kind: Kind::Attack,
    summary: "An app uses STARTTLS only \"if offered\". An attacker on the path sits between it and the real server: it does STARTTLS with the server itself, and shows the app the server's list with `STARTTLS` overwritten by `XXXXXXXA`. Captured with `swaks --tls-optional --auth PLAIN` through a small stripping proxy in front of Postfix's port 587.",
    lesson: "The app did what it was told: no STARTTLS offered, so carry on without. The server saw a perfectly good encrypted session and accepted the mail. Nobody noticed — except the attacker, who now has the password. The only defences are on the client: **require** STARTTLS (fail when it is missing), or use [port 465](#port-465).",
    port: 587,
    transcript: include_str!("../transcripts/starttls-stripped.txt"),
    source: "swaks 20201014.0 --tls-optional, through src/learn/transcripts/capture/strip_proxy.py on 127.0.0.5:587, to Postfix 3.7.11 + Dovecot SASL on 127.0.0.1:587; captured for SMTP Lens Learn",
    findings: &["plaintext-auth", "starttls-not-offered", "auth-advertised-before-tls"],
    steps: &[
        step(1, 1, Local, "The command", "`--tls-optional`: use STARTTLS if the server offers it, otherwise carry on in cleartext. Many libraries behave like this by default."),
        Step {
            sees: "The attacker is not just listening: every byte passes through its hands.",
            ..step(2, 3, Connect, "Connect — to the attacker", "The app thinks it is talking to its provider on port 587. It is talking to a machine on the path that relays everything.")
        },
        step(4, 4, Plain, "The real server's greeting", "The attacker passes on the real server's `220`: nothing looks wrong."),
        step(5, 5, Plain, "EHLO", "The app asks for the server's capabilities. Behind the scenes the attacker has sent its own `EHLO` and `STARTTLS` to the real server and is talking to it over TLS."),
        Step {
            flags: &["starttls-not-offered", "auth-advertised-before-tls"],
            sees: "Everything — the attacker wrote part of it.",
            ..step(6, 16, Plain, "Capabilities, doctored", "`250-XXXXXXXA` stands where `250-STARTTLS` was: the offer to encrypt has been struck out [RFC 3207 §6]. `AUTH PLAIN LOGIN` is there, copied from the server's list after TLS.")
        },
        step(17, 17, Local, "\"Host did not advertise STARTTLS\"", "swaks notes the missing offer — and, as told, carries on. No error, no prompt."),
        Step {
            flags: &["plaintext-auth"],
            sees: "The user name and the password, in full. The attacker forwards them to the real server over its own TLS connection.",
            ..step(18, 18, Plain, "AUTH PLAIN, to the attacker", "The credentials, base64-encoded, in cleartext.")
        },
        step(19, 19, Plain, "235: logged in", "The real server accepted the login, which reached it encrypted: from its side, all is well."),
        Step {
            sees: "Sender, recipient and, next, the whole message. The attacker could also change them.",
            ..step(20, 23, Plain, "Envelope", "Sender and recipient, readable and modifiable.")
        },
        step(24, 25, Plain, "DATA", "Ready for the message."),
        step(26, 36, Plain, "The message", "Every word, in cleartext between the app and the attacker."),
        step(37, 37, Plain, "Queued", "The mail is delivered. The user will never know."),
        step(38, 40, Plain, "QUIT", "Goodbye."),
    ],
};
