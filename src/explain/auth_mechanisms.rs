//! SASL mechanisms offered after the AUTH keyword (and named in AUTH commands).

use super::text::{find_ci, first_word};
use super::Entry;

/// SASL mechanisms, upper-case, sorted by byte order (binary-searched).
static MECHANISMS: &[(&str, Entry)] = &[
    ("ANONYMOUS", Entry {
        title: "ANONYMOUS",
        text: "Logs in without any identity. It has no place in mail submission: a server offering it for sending would let anyone send.",
        refs: &["RFC 4505"],
    }),
    ("CRAM-MD5", Entry {
        title: "CRAM-MD5",
        text: "A challenge-response login: only an MD5-based answer to the server's challenge is sent, not the password. It is dated (the server must keep a password-equivalent secret, and captured exchanges can be guessed offline), so prefer PLAIN over TLS or SCRAM.",
        refs: &["RFC 2195"],
    }),
    ("DIGEST-MD5", Entry {
        title: "DIGEST-MD5",
        text: "A challenge-response login that was moved to Historic because of security and interoperability problems. Avoid it.",
        refs: &["RFC 2831", "RFC 6331"],
    }),
    ("EXTERNAL", Entry {
        title: "EXTERNAL",
        text: "The login uses an identity already proven outside the AUTH exchange, typically the client's TLS certificate.",
        refs: &["RFC 4422 Appendix A"],
    }),
    ("GSSAPI", Entry {
        title: "GSSAPI (Kerberos)",
        text: "A Kerberos login, used in Active Directory and other Kerberos setups; no password goes over the connection.",
        refs: &["RFC 4752"],
    }),
    ("LOGIN", Entry {
        title: "LOGIN",
        text: "An old mechanism that was never standardised: the server asks \"Username:\" and \"Password:\" and the client answers each in base64. Base64 is not encryption, so use it only over TLS.",
        refs: &["draft-murchison-sasl-login"],
    }),
    ("NTLM", Entry {
        title: "NTLM",
        text: "Microsoft's own challenge-response login, mostly seen on Exchange. It is outdated and Microsoft has deprecated it in Windows in favour of Kerberos.",
        refs: &["Microsoft [MS-SMTPNTLM]"],
    }),
    ("OAUTHBEARER", Entry {
        title: "OAUTHBEARER",
        text: "The standard way to log in with an OAuth 2.0 access token instead of a password.",
        refs: &["RFC 7628"],
    }),
    ("PLAIN", Entry {
        title: "PLAIN",
        text: "Sends the username and password together in one base64 string. Base64 is not encryption, so PLAIN is safe only over TLS, where it is the usual choice.",
        refs: &["RFC 4616", "RFC 4954"],
    }),
    ("PLAIN-CLIENTTOKEN", Entry {
        title: "PLAIN-CLIENTTOKEN (Google)",
        text: "A Google-specific mechanism offered by Gmail's servers. It is not publicly documented and ordinary mail clients do not use it.",
        refs: &["Observed in Gmail EHLO replies"],
    }),
    ("SCRAM-SHA-1", Entry {
        title: "SCRAM-SHA-1",
        text: "A modern challenge-response login: the password never crosses the connection and the server stores only a salted verifier. Both sides prove they know the password.",
        refs: &["RFC 5802"],
    }),
    ("SCRAM-SHA-1-PLUS", Entry {
        title: "SCRAM-SHA-1-PLUS",
        text: "SCRAM-SHA-1 with channel binding: the login is also tied to this TLS connection, which defeats a man in the middle.",
        refs: &["RFC 5802"],
    }),
    ("SCRAM-SHA-256", Entry {
        title: "SCRAM-SHA-256",
        text: "SCRAM with SHA-256, preferred over SCRAM-SHA-1: the password never crosses the connection and the server stores only a salted verifier.",
        refs: &["RFC 7677"],
    }),
    ("SCRAM-SHA-256-PLUS", Entry {
        title: "SCRAM-SHA-256-PLUS",
        text: "SCRAM-SHA-256 with channel binding: the login is also tied to this TLS connection, which defeats a man in the middle.",
        refs: &["RFC 7677"],
    }),
    ("XOAUTH", Entry {
        title: "XOAUTH (old Google)",
        text: "Google's old mechanism based on OAuth 1.0, which Google has retired. Use XOAUTH2 or OAUTHBEARER.",
        refs: &["Google: OAuth 1.0 deprecation"],
    }),
    ("XOAUTH2", Entry {
        title: "XOAUTH2",
        text: "Logs in with an OAuth 2.0 access token instead of a password; the usual way for apps to send through Gmail and Microsoft 365. It predates the standard OAUTHBEARER.",
        refs: &["Google: OAuth 2.0 Mechanism (XOAUTH2)", "Microsoft: Authenticate an IMAP, POP or SMTP connection using OAuth"],
    }),
];

/// Explains a SASL mechanism name, case-insensitively ("plain", "XOAUTH2").
/// Only the first word counts, so "PLAIN AGdpbHM=" finds PLAIN.
pub fn auth_mechanism(name: &str) -> Option<&'static Entry> {
    find_ci(MECHANISMS, first_word(name, &[]))
}

/// Every SASL mechanism with an entry, sorted.
pub fn all_auth_mechanisms() -> &'static [(&'static str, Entry)] {
    MECHANISMS
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED: &[&str] = &[
        "PLAIN",
        "LOGIN",
        "CRAM-MD5",
        "DIGEST-MD5",
        "XOAUTH2",
        "OAUTHBEARER",
        "SCRAM-SHA-1",
        "SCRAM-SHA-256",
        "GSSAPI",
        "NTLM",
    ];

    #[test]
    fn table_is_sorted_unique_and_upper_case() {
        assert!(all_auth_mechanisms()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        assert!(all_auth_mechanisms()
            .iter()
            .all(|(k, _)| k.to_ascii_uppercase() == *k));
    }

    #[test]
    fn every_required_mechanism_is_present() {
        for m in REQUIRED {
            assert!(
                all_auth_mechanisms().iter().any(|(k, _)| k == m),
                "{m} missing"
            );
            assert!(auth_mechanism(m).is_some(), "{m} not found");
        }
    }

    #[test]
    fn lookup_ignores_case_and_initial_response() {
        assert_eq!(auth_mechanism("xoauth2"), auth_mechanism("XOAUTH2"));
        assert_eq!(auth_mechanism("Cram-Md5"), auth_mechanism("CRAM-MD5"));
        assert_eq!(
            auth_mechanism("PLAIN AHVzZXIAcGFzcw=="),
            auth_mechanism("plain")
        );
        assert_ne!(
            auth_mechanism("SCRAM-SHA-1"),
            auth_mechanism("SCRAM-SHA-1-PLUS")
        );
    }

    #[test]
    fn unknown_mechanisms_are_none() {
        for m in ["", "PLAI", "SCRAM", "SCRAM-SHA-512-X", "XOAUTH3"] {
            assert_eq!(auth_mechanism(m), None, "{m:?}");
        }
    }
}
