use super::{Block, Section};

pub const SECTION: Section = Section {
    slug: "in-short",
    title: "The short answers",
    lead: "Sending mail from an app or a mail program is called **submission**; passing it on between mail servers is **relay**. They use the same protocol, SMTP, on different ports with different rules.",
    blocks: &[
        Block::List(&[
            "**Why 587 and not 25?** Port 25 is where mail servers hand mail to each other; it takes mail for its own users from anyone, without a login. Port 587 is the door for your own outgoing mail: the server there requires you to log in and may check and fix your message [RFC 6409 §3.1]. Many networks block port 25 for ordinary users to stop spam. See [port 25](#port-25) and [port 587](#port-587).",
            "**What does STARTTLS protect, and what not?** Once the TLS handshake is done, everything after it — your login, the addresses, the message — is encrypted. It does not protect what came before it (the greeting and the first EHLO), and it does nothing if an attacker removes the offer and your program carries on without it. See [STARTTLS in depth](#starttls).",
            "**Why is 465 preferred?** On port 465 TLS starts before the first byte of SMTP, so there is no cleartext phase to tamper with and nothing to strip. RFC 8314 recommends it for submission [RFC 8314 §3]. See [port 465](#port-465).",
            "**Which settings should my app use?** Port 465 with implicit TLS (often labelled SSL/TLS), or 587 with STARTTLS set to **required**; verify the certificate; log in with an app password, API key or OAuth token. See [Which settings should I use?](#settings).",
        ]),
    ],
};
