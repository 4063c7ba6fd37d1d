//! The "Load example" transcripts. All but two are real captures from
//! `tests/fixtures/` (the client and server named in each fixture's
//! `.about`); the Gmail and Microsoft 365 ones are reconstructed (those
//! servers cannot be reached from here) and say so.

/// One example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id (tests, the menu).
    pub id: &'static str,
    pub title: &'static str,
    /// What it shows, in a few words.
    pub blurb: &'static str,
    /// Captured from a real client and server, or written by hand.
    pub reconstructed: bool,
}

pub static EXAMPLES: &[Example] = &[
    Example {
        id: "good-587",
        title: "Good: port 587 with STARTTLS",
        blurb: "swaks → Postfix: STARTTLS, then AUTH PLAIN inside TLS 1.3, one message accepted",
        reconstructed: false,
    },
    Example {
        id: "good-465",
        title: "Good: port 465, implicit TLS",
        blurb: "nodemailer (secure: true): TLS from the first byte, AUTH, message accepted",
        reconstructed: false,
    },
    Example {
        id: "cleartext-auth-25",
        title: "AUTH in cleartext on port 25",
        blurb: "swaks → Postfix on 25 without STARTTLS: the password crosses the wire readable",
        reconstructed: false,
    },
    Example {
        id: "starttls-stripped",
        title: "STARTTLS missing, client carries on",
        blurb: "curl --ssl on 587: no STARTTLS offered (as when stripped), curl sends AUTH PLAIN anyway",
        reconstructed: false,
    },
    Example {
        id: "relay-denied",
        title: "Relay access denied",
        blurb: "swaks → Postfix on 25, no AUTH, outside recipient: 554 Relay access denied",
        reconstructed: false,
    },
    Example {
        id: "wrong-password",
        title: "Wrong password",
        blurb: "PHPMailer SMTPDebug 2 → Exim: 535 Incorrect authentication data",
        reconstructed: false,
    },
    Example {
        id: "m365-smtp-auth-disabled",
        title: "Microsoft 365: SMTP AUTH disabled",
        blurb: "535 5.7.139 SmtpClientAuthentication is disabled for the Tenant (reconstructed)",
        reconstructed: true,
    },
    Example {
        id: "gmail-app-password",
        title: "Gmail: account password refused",
        blurb: "smtplib → Gmail: 535 5.7.8 BadCredentials, use an app password (reconstructed)",
        reconstructed: true,
    },
    Example {
        id: "open-relay",
        title: "Open relay on port 25",
        blurb: "swaks → a server that relays for anyone, no AUTH",
        reconstructed: false,
    },
    Example {
        id: "two-sessions",
        title: "Two sessions in one paste",
        blurb: "smtplib, then nodemailer, in one terminal: one tab each",
        reconstructed: false,
    },
];

/// The examples' transcripts, by id: apart from [`EXAMPLES`], so that the
/// page built with the `split` feature carries only the cards and loads
/// the transcripts on first use (`src/bin/examples.rs`, `src/app/lazy.rs`).
#[cfg_attr(feature = "split", allow(dead_code))]
static TEXTS: &[(&str, &str)] = &[
    (
        "good-587",
        include_str!("../../tests/fixtures/swaks/postfix-587-starttls-auth-plain.txt"),
    ),
    (
        "good-465",
        include_str!("../../tests/fixtures/nodemailer/aiosmtpd-secure-465.txt"),
    ),
    (
        "cleartext-auth-25",
        include_str!("../../tests/fixtures/swaks/postfix-25-cleartext-auth-plain.txt"),
    ),
    (
        "starttls-stripped",
        include_str!("../../tests/fixtures/curl/aiosmtpd-587-ssl-optional-falls-back.txt"),
    ),
    (
        "relay-denied",
        include_str!("../../tests/fixtures/swaks/postfix-25-relay-denied.txt"),
    ),
    (
        "wrong-password",
        include_str!("../../tests/fixtures/phpmailer/exim-wrong-password-587.txt"),
    ),
    (
        "m365-smtp-auth-disabled",
        include_str!("examples/m365-smtp-auth-disabled-reconstructed.txt"),
    ),
    (
        "gmail-app-password",
        include_str!("../../tests/fixtures/rules/auth-failed-gmail-trigger.txt"),
    ),
    (
        "open-relay",
        include_str!("../../tests/fixtures/swaks/aiosmtpd-25-open-relay.txt"),
    ),
    (
        "two-sessions",
        include_str!("../../tests/fixtures/mixed/two-sessions-smtplib-then-nodemailer.txt"),
    ),
];

/// The transcript of the example `id`.
#[cfg_attr(feature = "split", allow(dead_code))]
pub fn text(id: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(x, _)| *x == id).map(|(_, t)| *t)
}

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The example a URL fragment names: `#example=ID`.
pub fn from_hash(hash: &str) -> Option<&'static Example> {
    let id = hash
        .strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix("example=")?;
    example(id)
}
