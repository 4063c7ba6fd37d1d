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

/// The letters a text holds, case ignored, one bit each (other bytes
/// left out: a signature's letters are what tells them apart).
fn ascii_set(text: &[u8]) -> u32 {
    text.iter()
        .filter(|b| b.is_ascii_alphabetic())
        .fold(0, |set, b| set | 1 << ((b | 0x20) - b'a'))
}

/// The server software named in `text`, if any.
pub fn recognise(text: &str) -> Option<&'static str> {
    // Every reply's first line is asked until one names the server: the
    // searchers are built once, and a signature is only looked for when
    // the line holds every letter of it (most lines hold none of them:
    // one pass over the line instead of a lower-cased copy and 24
    // searches).
    static FINDERS: LazyLock<Vec<(u32, Finder<'static>)>> = LazyLock::new(|| {
        SIGNATURES
            .iter()
            .map(|(needle, _)| (ascii_set(needle.as_bytes()), Finder::new(needle.as_bytes())))
            .collect()
    });
    let held = ascii_set(text.as_bytes());
    let mut lower: Option<String> = None;
    FINDERS
        .iter()
        .zip(SIGNATURES)
        .filter(|((needs, _), _)| needs & !held == 0)
        .find(|((_, f), _)| {
            let lower = lower.get_or_insert_with(|| text.to_ascii_lowercase());
            f.find(lower.as_bytes()).is_some()
        })
        .map(|(_, (_, name))| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search every signature was: a lower-cased copy, each needle
    /// looked for in turn.
    fn by_each(text: &str) -> Option<&'static str> {
        let lower = text.to_ascii_lowercase();
        SIGNATURES
            .iter()
            .find(|(needle, _)| lower.contains(needle))
            .map(|(_, name)| *name)
    }

    #[test]
    fn the_byte_test_finds_what_each_search_finds() {
        let corpus = crate::testutil::every_fixture();
        let mut texts: Vec<&str> = corpus.lines().collect();
        texts.extend([
            "",
            "220 mx.google.com ESMTP x12-20020a gsmtp",
            "220 ESMTP POSTFIX",
            "220 mail.example.test ESMTP Exim 4.96",
            "220 Microsoft ESMTP MAIL Service ready",
            "220 smtp.mail.me.com",
            "220 é yahoo é",
            "220 EXIM\u{00e9}",
            "250 hMailServer",
        ]);
        let mut named = 0;
        for t in texts {
            let want = by_each(t);
            named += usize::from(want.is_some());
            assert_eq!(recognise(t), want, "{t:?}");
        }
        assert!(named > 20, "only {named} lines name a server");
    }
}
