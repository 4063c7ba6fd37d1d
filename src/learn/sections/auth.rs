use super::{Block, Section, Tone};

pub const SECTION: Section = Section {
    slug: "auth",
    title: "SMTP AUTH: logging in",
    lead: "A submission server needs to know who you are before it takes your mail. The server lists the login methods it accepts (`250-AUTH PLAIN LOGIN`), the client picks one and sends `AUTH`; `235` means success, `535 5.7.8` wrong credentials [RFC 4954 §4] [RFC 4954 §6].",
    blocks: &[
        Block::Heading {
            slug: "auth-mechanisms",
            title: "The mechanisms",
        },
        Block::List(&[
            "**PLAIN** [RFC 4616 §2]: one message — an optional identity to act as, a NUL byte, the user name, a NUL byte, the password — base64-encoded, often on the `AUTH PLAIN` line itself. Simple and universal; safe only inside TLS.",
            "**LOGIN**: never standardised but everywhere. The server prompts `334 VXNlcm5hbWU6` and `334 UGFzc3dvcmQ6` (base64 for `Username:` and `Password:`) and the client answers each in base64. Exactly as exposed as PLAIN.",
            "**XOAUTH2** (Google, Microsoft) and **OAUTHBEARER** [RFC 7628 §3.1]: instead of a password the client sends an OAuth 2.0 access token, obtained when the user signed in through the provider's own page. The token expires within hours and only grants mail access, but whoever sees it can use it until then: it needs TLS too.",
            "**CRAM-MD5** [RFC 2195]: the server sends a challenge, the client answers with a keyed MD5 hash of it, so the password itself never crosses the wire. But anyone who records the exchange can try passwords offline, and the server must keep every password in a usable form. It is obsolete; use PLAIN inside TLS, or SCRAM [RFC 5802 §3] where offered.",
        ]),
        Block::Heading {
            slug: "auth-base64",
            title: "Base64 is not encryption",
        },
        Block::P("Base64 [RFC 4648 §4] only turns bytes into letters so that they survive a text protocol — here, the NUL bytes of PLAIN. Anyone can turn it back: `AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh` is `alice@example.test` and her password, one `base64 -d` away. An `AUTH PLAIN` or `AUTH LOGIN` seen on a cleartext connection is a password handed to everyone on the path. A server must not allow plaintext-password mechanisms without TLS [RFC 4954 §4]."),
        Block::Note(Tone::Tip, "The analyzer masks credentials in everything it shows; an eavesdropper's tools do not. Play [AUTH in cleartext on port 25](#scenario-cleartext-auth-25) to see the difference."),
        Block::Heading {
            slug: "auth-providers",
            title: "App passwords and OAuth at Gmail and Microsoft 365",
        },
        Block::List(&[
            "**Gmail / Google Workspace** (`smtp.gmail.com`, 465 or 587): your normal account password is not accepted over SMTP. Use OAuth 2.0 (XOAUTH2), or turn on 2-Step Verification and create an **app password** — a separate 16-letter password for one program that you can revoke on its own. Typical refusals: `534 5.7.9 Application-specific password required`, `535 5.7.8 Username and Password not accepted`.",
            "**Microsoft 365 / Exchange Online** (`smtp.office365.com`, 587 with STARTTLS, TLS 1.2 or later): SMTP AUTH must be enabled for the mailbox, and is off in many tenants; Microsoft is retiring Basic authentication (user name and password) for it, so plan on OAuth 2.0 (XOAUTH2). Typical refusal: `535 5.7.139 Authentication unsuccessful`, with the reason after it. Devices that cannot do this use Microsoft's SMTP relay (a connector, port 25 to the tenant's MX) instead.",
            "**Sending services** (transactional mail providers) give you SMTP credentials or an API key to use as the password: treat it like one, and keep it out of your code.",
        ]),
        Block::Note(Tone::Warning, "App passwords and tokens are still secrets. They limit the damage when one leaks — they do not make a cleartext login safe."),
    ],
};
