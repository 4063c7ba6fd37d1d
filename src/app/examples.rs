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
    pub text: &'static str,
}

pub static EXAMPLES: &[Example] = &[
    Example {
        id: "good-587",
        title: "Good: port 587 with STARTTLS",
        blurb: "swaks → Postfix: STARTTLS, then AUTH PLAIN inside TLS 1.3, one message accepted",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/swaks/postfix-587-starttls-auth-plain.txt"),
    },
    Example {
        id: "good-465",
        title: "Good: port 465, implicit TLS",
        blurb: "nodemailer (secure: true): TLS from the first byte, AUTH, message accepted",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/nodemailer/aiosmtpd-secure-465.txt"),
    },
    Example {
        id: "cleartext-auth-25",
        title: "AUTH in cleartext on port 25",
        blurb: "swaks → Postfix on 25 without STARTTLS: the password crosses the wire readable",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/swaks/postfix-25-cleartext-auth-plain.txt"),
    },
    Example {
        id: "starttls-stripped",
        title: "STARTTLS missing, client carries on",
        blurb: "curl --ssl on 587: no STARTTLS offered (as when stripped), curl sends AUTH PLAIN anyway",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/curl/aiosmtpd-587-ssl-optional-falls-back.txt"),
    },
    Example {
        id: "relay-denied",
        title: "Relay access denied",
        blurb: "swaks → Postfix on 25, no AUTH, outside recipient: 554 Relay access denied",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/swaks/postfix-25-relay-denied.txt"),
    },
    Example {
        id: "wrong-password",
        title: "Wrong password",
        blurb: "PHPMailer SMTPDebug 2 → Exim: 535 Incorrect authentication data",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/phpmailer/exim-wrong-password-587.txt"),
    },
    Example {
        id: "m365-smtp-auth-disabled",
        title: "Microsoft 365: SMTP AUTH disabled",
        blurb: "535 5.7.139 SmtpClientAuthentication is disabled for the Tenant (reconstructed)",
        reconstructed: true,
        text: include_str!("examples/m365-smtp-auth-disabled-reconstructed.txt"),
    },
    Example {
        id: "gmail-app-password",
        title: "Gmail: account password refused",
        blurb: "smtplib → Gmail: 535 5.7.8 BadCredentials, use an app password (reconstructed)",
        reconstructed: true,
        text: include_str!("../../tests/fixtures/rules/auth-failed-gmail-trigger.txt"),
    },
    Example {
        id: "open-relay",
        title: "Open relay on port 25",
        blurb: "swaks → a server that relays for anyone, no AUTH",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/swaks/aiosmtpd-25-open-relay.txt"),
    },
    Example {
        id: "two-sessions",
        title: "Two sessions in one paste",
        blurb: "smtplib, then nodemailer, in one terminal: one tab each",
        reconstructed: false,
        text: include_str!("../../tests/fixtures/mixed/two-sessions-smtplib-then-nodemailer.txt"),
    },
];

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
