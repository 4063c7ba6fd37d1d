//! Recognising the server software from its banner and replies, so fixes
//! can name that server's setting.

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// `(needle, name)`, matched case-insensitively; first match wins.
const SIGNATURES: &[(&str, &str)] = &[
    ("esmtp postfix", "Postfix"),
    ("postfix", "Postfix"),
    ("exim", "Exim"),
    ("microsoft esmtp mail service", "Microsoft Exchange"),
    ("outlook.office365.com", "Microsoft 365"),
    ("protection.outlook.com", "Microsoft 365"),
    ("outlook.com", "Microsoft 365"),
    ("gsmtp", "Gmail"),
    ("smtp.gmail.com", "Gmail"),
    ("mx.google.com", "Gmail"),
    ("amazonses", "Amazon SES"),
    ("sendgrid", "SendGrid"),
    ("mailgun", "Mailgun"),
    ("opensmtpd", "OpenSMTPD"),
    ("sendmail", "Sendmail"),
    ("haraka", "Haraka"),
    ("qmail", "qmail"),
    ("python smtp", "aiosmtpd"),
    ("aiosmtpd", "aiosmtpd"),
    ("mail.me.com", "iCloud"),
    ("yahoo", "Yahoo"),
    ("zimbra", "Zimbra"),
    ("mdaemon", "MDaemon"),
    ("hmailserver", "hMailServer"),
];

/// The server software named in `text`, if any.
pub fn recognise(text: &str) -> Option<&'static str> {
    // Every reply's first line is asked until one names the server: the
    // searchers are built once.
    static FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
        SIGNATURES
            .iter()
            .map(|(needle, _)| Finder::new(needle.as_bytes()))
            .collect()
    });
    let lower = text.to_ascii_lowercase();
    FINDERS
        .iter()
        .zip(SIGNATURES)
        .find(|(f, _)| f.find(lower.as_bytes()).is_some())
        .map(|(_, (_, name))| *name)
}
