use super::{step, Kind, Scenario, Step};
use crate::learn::wire::Wire::*;

pub const SCENARIO: Scenario = Scenario {
    slug: "scenario-relay-25",
    title: "25: relay between two servers",
    kind: Kind::Good,
    summary: "The sender's mail server (`mx.sender.example`) delivers a message to the recipient's MX on port 25: no login, STARTTLS because it is offered. Captured with `swaks` playing the sending server against Postfix as the MX.",
    lesson: "Relay needs no login: the MX accepts mail for its own users from anyone. TLS here is opportunistic — good against listening, but a sender that would also deliver without it can be downgraded (see [Opportunistic or required](#starttls-opportunistic)). The analyzer's two low findings are about this server's configuration: it offers `AUTH` and `VRFY` before TLS on a port meant for relay.",
    port: 25,
    transcript: include_str!("../transcripts/relay-25-starttls.txt"),
    source: "swaks 20201014.0 (--ehlo mx.sender.example -tls, no AUTH) against Postfix 3.7.11 on 127.0.0.1:25, captured for SMTP Lens Learn",
    findings: &["auth-advertised-before-tls", "vrfy-enabled"],
    steps: &[
        step(1, 1, Local, "The sending server", "A server delivering mail for `sender.example` to a user of `example.test`. It found the MX through DNS [RFC 5321 §5.1]."),
        Step {
            sees: "A connection between two mail servers on port 25: server-to-server mail.",
            ..step(2, 3, Connect, "Connect to the MX, port 25", "Port 25 is where MX servers listen for mail from the Internet [RFC 5321 §4.5.4.2].")
        },
        step(4, 4, Plain, "Greeting", "The MX says `220`."),
        step(5, 5, Plain, "EHLO with the server's name", "A sending server introduces itself with its own host name."),
        Step {
            flags: &["auth-advertised-before-tls", "vrfy-enabled"],
            sees: "The MX's capabilities in cleartext, including `AUTH PLAIN LOGIN`: an invitation to send passwords unencrypted.",
            ..step(6, 17, Plain, "Capabilities", "`STARTTLS` is offered. So are `VRFY` (which can confirm addresses to spammers) and `AUTH` before TLS — neither is needed for relay, and the analyzer notes both.")
        },
        step(18, 18, Plain, "STARTTLS", "The sender upgrades because it was offered. Had the line been missing, a typical sending server would have delivered in cleartext [RFC 7435 §1]."),
        step(19, 19, Plain, "220 Ready to start TLS", "The last cleartext line."),
        Step {
            sees: "The handshake, then only ciphertext.",
            ..step(20, 22, Handshake, "TLS handshake", "TLS 1.3. Between servers the certificate is traditionally not checked; MTA-STS [RFC 8461 §1] or DANE [RFC 7672 §1] make senders check it.")
        },
        step(23, 34, Encrypted, "EHLO again", "A fresh start inside TLS [RFC 3207 §4.2]."),
        Step {
            sees: "Two short records each way. Who writes to whom stays hidden from the wire — though not from the two servers.",
            ..step(35, 38, Encrypted, "Envelope, no login", "`MAIL FROM` and `RCPT TO` accepted without any AUTH: `bob@example.test` is this MX's own user, so it takes the mail [RFC 5321 §3.6].")
        },
        step(39, 40, Encrypted, "DATA", "Ready for the message."),
        step(41, 51, Encrypted, "The message", "Headers and body."),
        step(52, 52, Encrypted, "Queued for bob", "The MX accepts the message for delivery to the mailbox."),
        step(53, 55, Encrypted, "QUIT", "Done."),
    ],
};
