use super::{Block, Section, Tone};

pub const SECTION: Section = Section {
    slug: "starttls",
    title: "STARTTLS in depth",
    lead: "STARTTLS turns a cleartext SMTP connection into an encrypted one, in the middle of the conversation [RFC 3207 §4]. Everything after the handshake is protected; everything before it, and the decision to upgrade at all, is not.",
    blocks: &[
        Block::Heading {
            slug: "starttls-upgrade",
            title: "The upgrade",
        },
        Block::P("The server lists `STARTTLS` in its reply to `EHLO` [RFC 3207 §2]. The client sends `STARTTLS`; `220` means \"go ahead\", and the very next bytes on the connection are the TLS handshake. `454 TLS not available due to temporary reason` means no [RFC 3207 §4]: a careful client then stops, it does not carry on in cleartext."),
        Block::Heading {
            slug: "starttls-re-ehlo",
            title: "Start again: EHLO after the handshake",
        },
        Block::P("When the handshake is done, both sides forget everything they learned before it: the client discards the server's list of extensions, the server forgets the client's `EHLO` [RFC 3207 §4.2]. The client says `EHLO` again and uses only the new list. This matters because the first list travelled in cleartext and could have been forged; and many servers only show `AUTH` in the second one. A client that sends `AUTH` or `MAIL` straight after the handshake, without a new `EHLO`, is relying on stale facts (SMTP Lens reports it as `no-ehlo-after-starttls`)."),
        Block::Heading {
            slug: "starttls-stripping",
            title: "Stripping: removing the offer",
        },
        Block::P("The offer to encrypt is itself sent in cleartext, so anyone on the path can remove it. An attacker deletes `250-STARTTLS` from the server's reply, or overwrites it — some network devices replaced it with `XXXXXXXA`, which the EFF found on real ISP networks in 2014 — or answers the client's `STARTTLS` with an error. RFC 3207 warns about exactly this [RFC 3207 §6]. A client that uses STARTTLS only \"if offered\" then carries on in cleartext, and sends its password to whoever is listening; a clever attacker meanwhile does the STARTTLS with the real server itself, so the server sees a perfectly normal encrypted session. Play [STARTTLS stripped](#scenario-stripped) to see it."),
        Block::Heading {
            slug: "starttls-injection",
            title: "Command injection (CVE-2011-0411)",
        },
        Block::P("In 2011 Wietse Venema found that Postfix, and then many other servers, had a subtle bug: if a client sent `STARTTLS` and, in the same network packet, more commands, the server kept those extra cleartext bytes in its input buffer and executed them after the handshake — as if they had arrived encrypted. An attacker on the path could append commands of their own to the victim's `STARTTLS` and have them run inside the victim's protected session (CVE-2011-0411). The fix is the rule above: at the switch to TLS, discard everything received before it [RFC 3207 §4.2]. The same mistake exists in reverse in clients, which must not read a server reply that arrived before the handshake as if it came through TLS; research published in 2021 (\"NO STARTTLS\") still found more than 40 such flaws in mail clients and servers."),
        Block::P("SMTP Lens flags a command pipelined behind `STARTTLS`, or a reply between the `220` and the handshake, as `starttls-injection`."),
        Block::Heading {
            slug: "starttls-opportunistic",
            title: "Opportunistic or required",
        },
        Block::P("Between mail servers on port 25, TLS is opportunistic by design: use it when offered, deliver anyway when not, and usually accept any certificate. That defeats passive listening at no cost, and does not pretend to do more [RFC 7435 §1]. For submission it is the wrong model: a client that falls back to cleartext risks the user's password, not just one message. A mail program should let the user require a minimum of confidentiality for an account and refuse to talk otherwise [RFC 8314 §5.2]."),
        Block::Heading {
            slug: "starttls-client-duties",
            title: "What a client must do",
        },
        Block::List(&[
            "**Require TLS.** If `STARTTLS` is missing from the reply, refused, or the handshake fails, stop: never fall back to cleartext for a login. Or use [port 465](#port-465), where there is nothing to fall back to.",
            "**Verify the certificate.** It must chain to a trusted authority and name the server you configured (`smtp.example.com`), not a name taken from the greeting or the DNS [RFC 7817 §3]. A client must not treat a session as confidential when the certificate cannot be validated [RFC 8314 §5.3]. Without this check, an attacker can simply complete the TLS handshake with you using their own certificate.",
            "**Say EHLO again** after the handshake, and forget the first reply [RFC 3207 §4.2].",
            "**Use modern TLS.** TLS 1.0 and 1.1 are deprecated [RFC 8996 §4]; 1.2 or 1.3 is what providers accept today.",
        ]),
        Block::Heading {
            slug: "starttls-limits",
            title: "What TLS does not protect",
        },
        Block::List(&[
            "**The cleartext phase**: the greeting (often naming the server software) and your first `EHLO` (often naming your machine).",
            "**Metadata**: who connects to whom, on which port, when, and how much data goes by. The size of each encrypted record is visible.",
            "**The other hops.** TLS protects one connection. Your encrypted submission says nothing about how the message travels from your provider to the recipient's MX, or how it is stored. Only end-to-end encryption (S/MIME, OpenPGP) protects the message itself.",
        ]),
        Block::Note(Tone::Tip, "In the scenarios, watch the eavesdropper panel: after the handshake it shows only TLS records — their type, their length, and random-looking bytes."),
    ],
};
