//! EHLO keywords: what each line of the server's answer to EHLO offers.

use super::text::{find_ci, first_word};
use super::Entry;

const IANA_EXT: &str = "IANA SMTP Service Extensions";
const MS_VERBS: &[&str] = &["Microsoft KB 812455 (XEXCH50, X-LINK2STATE, X-EXPS)"];
const OBSOLETE_821: &[&str] = &["RFC 5321 Appendix F", IANA_EXT];

/// EHLO keywords, upper-case, sorted by byte order (binary-searched).
/// "AUTH=" stands for the pre-standard "AUTH=LOGIN PLAIN" form.
static KEYWORDS: &[(&str, Entry)] = &[
    ("8BITMIME", Entry {
        title: "8BITMIME",
        text: "The server takes message bodies with 8-bit characters (BODY=8BITMIME), so they need not be converted to 7-bit first.",
        refs: &["RFC 6152", IANA_EXT],
    }),
    ("ATRN", Entry {
        title: "ATRN (on-demand relay)",
        text: "The server supports on-demand relay: an authenticated client can collect the mail queued for its domains over this connection.",
        refs: &["RFC 2645", IANA_EXT],
    }),
    ("AUTH", Entry {
        title: "AUTH (logins accepted)",
        text: "The server accepts logins; the words after AUTH are the mechanisms it offers, such as PLAIN, LOGIN or XOAUTH2. Well-run servers offer it only once TLS is on.",
        refs: &["RFC 4954 §3", IANA_EXT],
    }),
    ("AUTH=", Entry {
        title: "AUTH= (old form)",
        text: "A pre-standard way of announcing AUTH (\"AUTH=LOGIN PLAIN\"), sent for very old clients such as Outlook Express 4. It means the same as AUTH.",
        refs: &["RFC 4954", "Postfix broken_sasl_auth_clients"],
    }),
    ("BINARYMIME", Entry {
        title: "BINARYMIME",
        text: "The server takes binary message bodies (BODY=BINARYMIME); such messages must be sent with BDAT, not DATA.",
        refs: &["RFC 3030", IANA_EXT],
    }),
    ("BURL", Entry {
        title: "BURL",
        text: "The server can fetch the message from a URL (usually an IMAP URL) instead of having it uploaded again.",
        refs: &["RFC 4468", IANA_EXT],
    }),
    ("CHECKPOINT", Entry {
        title: "CHECKPOINT",
        text: "The server can resume an interrupted transfer of a large message. An old experimental extension, rarely seen.",
        refs: &["RFC 1845", IANA_EXT],
    }),
    ("CHUNKING", Entry {
        title: "CHUNKING",
        text: "The server accepts BDAT: the message can be sent in counted chunks instead of DATA with a final dot.",
        refs: &["RFC 3030", IANA_EXT],
    }),
    ("CONNEG", Entry {
        title: "CONNEG (content negotiation)",
        text: "The server can tell the sender which forms of content the recipient can handle, so conversion can be avoided.",
        refs: &["RFC 4141", IANA_EXT],
    }),
    ("CONPERM", Entry {
        title: "CONPERM (conversion permission)",
        text: "The sender can say whether the message's content may be converted on the way.",
        refs: &["RFC 4141", IANA_EXT],
    }),
    ("DELIVERBY", Entry {
        title: "DELIVERBY",
        text: "The sender can set a delivery deadline (BY= on MAIL FROM); if it cannot be met the message is returned or reported.",
        refs: &["RFC 2852", IANA_EXT],
    }),
    ("DSN", Entry {
        title: "DSN (delivery status notifications)",
        text: "The sender can ask for delivery reports: when to be told of success or failure (NOTIFY=), and how much of the message to return (RET=).",
        refs: &["RFC 3461", IANA_EXT],
    }),
    ("ENHANCEDSTATUSCODES", Entry {
        title: "ENHANCEDSTATUSCODES",
        text: "The server adds codes such as 5.7.8 after each reply number; they say more precisely what happened.",
        refs: &["RFC 2034", IANA_EXT],
    }),
    ("ETRN", Entry {
        title: "ETRN",
        text: "The client may ask the server to start sending the mail it holds queued for a domain.",
        refs: &["RFC 1985", IANA_EXT],
    }),
    ("EXPN", Entry {
        title: "EXPN offered",
        text: "The server will expand mailing lists into their members. That gives away addresses, so public servers usually switch it off.",
        refs: &["RFC 5321 §4.1.1.7", "RFC 5321 §7.3", IANA_EXT],
    }),
    ("FUTURERELEASE", Entry {
        title: "FUTURERELEASE",
        text: "The sender can ask the server to hold a message and release it later (HOLDFOR= or HOLDUNTIL=).",
        refs: &["RFC 4865", IANA_EXT],
    }),
    ("HELP", Entry {
        title: "HELP offered",
        text: "The server answers the HELP command with help text.",
        refs: &["RFC 5321 §4.1.1.8", IANA_EXT],
    }),
    ("LIMITS", Entry {
        title: "LIMITS",
        text: "The server states its limits up front, such as how many recipients per message (RCPTMAX) or messages per connection (MAILMAX) it accepts.",
        refs: &["RFC 9422", IANA_EXT],
    }),
    ("MT-PRIORITY", Entry {
        title: "MT-PRIORITY",
        text: "The sender can give the message a priority (MT-PRIORITY=) that servers may use to order delivery.",
        refs: &["RFC 6710", IANA_EXT],
    }),
    ("MTRK", Entry {
        title: "MTRK (message tracking)",
        text: "The sender can ask to be able to track the message's delivery later.",
        refs: &["RFC 3885", IANA_EXT],
    }),
    ("NO-SOLICITING", Entry {
        title: "NO-SOLICITING",
        text: "The server says it does not want certain kinds of solicitations (such as advertising); the keywords after it name them.",
        refs: &["RFC 3865", IANA_EXT],
    }),
    ("ONEX", Entry {
        title: "ONEX (Sendmail)",
        text: "A Sendmail extension: the client may promise to send only one message on this connection.",
        refs: &[IANA_EXT],
    }),
    ("PIPELINING", Entry {
        title: "PIPELINING",
        text: "The client may send several commands in one go without waiting for each reply, which is faster. STARTTLS must still come last in a batch.",
        refs: &["RFC 2920", "RFC 3207 §4", IANA_EXT],
    }),
    ("REQUIRETLS", Entry {
        title: "REQUIRETLS",
        text: "The sender may demand that the message only travel over verified TLS on every hop, or else be returned.",
        refs: &["RFC 8689", IANA_EXT],
    }),
    ("RRVS", Entry {
        title: "RRVS",
        text: "The sender can ask for the message to be refused if the mailbox has changed owner since a given date.",
        refs: &["RFC 7293", IANA_EXT],
    }),
    ("SAML", Entry {
        title: "SAML (obsolete)",
        text: "Offers an obsolete RFC 821 command for delivering to a user's terminal. Rarely seen today.",
        refs: OBSOLETE_821,
    }),
    ("SEND", Entry {
        title: "SEND (obsolete)",
        text: "Offers an obsolete RFC 821 command for delivering to a user's terminal. Rarely seen today.",
        refs: OBSOLETE_821,
    }),
    ("SIZE", Entry {
        title: "SIZE (maximum message size)",
        text: "The number is the largest message the server takes, in bytes (SIZE 35882577 is about 35 MB). A client can state the size on MAIL FROM so an oversized message is refused before it is sent.",
        refs: &["RFC 1870", IANA_EXT],
    }),
    ("SMTPUTF8", Entry {
        title: "SMTPUTF8",
        text: "The server accepts internationalised mail: addresses and header fields in UTF-8.",
        refs: &["RFC 6531", IANA_EXT],
    }),
    ("SOML", Entry {
        title: "SOML (obsolete)",
        text: "Offers an obsolete RFC 821 command for delivering to a user's terminal. Rarely seen today.",
        refs: OBSOLETE_821,
    }),
    ("STARTTLS", Entry {
        title: "STARTTLS offered",
        text: "The server can switch this connection to TLS encryption. A client should use it before AUTH or anything private; without it everything travels in clear text.",
        refs: &["RFC 3207", IANA_EXT],
    }),
    ("TURN", Entry {
        title: "TURN offered (obsolete)",
        text: "Offers the obsolete TURN command, which swaps roles without checking identity. It is unsafe and should be switched off.",
        refs: OBSOLETE_821,
    }),
    ("UTF8SMTP", Entry {
        title: "UTF8SMTP (old)",
        text: "An older, experimental keyword for internationalised mail, replaced by SMTPUTF8.",
        refs: &["RFC 5336", "RFC 6531"],
    }),
    ("VERB", Entry {
        title: "VERB (Sendmail)",
        text: "A Sendmail extension: the client can ask for verbose reports on delivery.",
        refs: &[IANA_EXT],
    }),
    ("VRFY", Entry {
        title: "VRFY offered",
        text: "The server will check whether an address exists. That helps spammers harvest addresses, so public servers often switch it off.",
        refs: &["RFC 5321 §4.1.1.6", "RFC 5321 §7.3"],
    }),
    ("X-ANONYMOUSTLS", Entry {
        title: "X-ANONYMOUSTLS (Exchange)",
        text: "A Microsoft Exchange extension that Exchange servers use to encrypt their traffic to each other with TLS.",
        refs: &["Microsoft Exchange Server 2007: SMTP Protocol Extensions"],
    }),
    ("X-EXPS", Entry {
        title: "X-EXPS (Exchange)",
        text: "A Microsoft Exchange extension, similar to AUTH, that Exchange servers use to authenticate to each other (often with GSSAPI or NTLM).",
        refs: MS_VERBS,
    }),
    ("X-LINK2STATE", Entry {
        title: "X-LINK2STATE (Exchange)",
        text: "A Microsoft Exchange extension for passing routing information between Exchange servers.",
        refs: MS_VERBS,
    }),
    ("XCLIENT", Entry {
        title: "XCLIENT (Postfix)",
        text: "Lets trusted clients such as proxies pass on the original client's details, which access rules then use. It should only be offered to trusted hosts.",
        refs: &["Postfix XCLIENT_README"],
    }),
    ("XEXCH50", Entry {
        title: "XEXCH50 (Exchange)",
        text: "A Microsoft Exchange extension for passing Exchange-specific message properties between Exchange servers.",
        refs: MS_VERBS,
    }),
    ("XFORWARD", Entry {
        title: "XFORWARD (Postfix)",
        text: "Lets trusted clients such as content filters pass on the original client's details so the logs show the real sender.",
        refs: &["Postfix XFORWARD_README"],
    }),
];

/// Explains an EHLO keyword, case-insensitively. A whole EHLO line works too:
/// "SIZE 35882577" finds SIZE, and "AUTH=LOGIN PLAIN" finds the old AUTH= form.
pub fn ehlo_keyword(keyword: &str) -> Option<&'static Entry> {
    let word = first_word(keyword, &[]);
    match word.split_once('=') {
        Some((name, _)) if name.eq_ignore_ascii_case("AUTH") => find_ci(KEYWORDS, "AUTH="),
        Some((name, _)) => find_ci(KEYWORDS, name),
        None => find_ci(KEYWORDS, word),
    }
}

/// Every EHLO keyword with an entry, sorted.
pub fn all_ehlo_keywords() -> &'static [(&'static str, Entry)] {
    KEYWORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED: &[&str] = &[
        "PIPELINING",
        "SIZE",
        "STARTTLS",
        "AUTH",
        "8BITMIME",
        "SMTPUTF8",
        "CHUNKING",
        "BINARYMIME",
        "DSN",
        "ENHANCEDSTATUSCODES",
        "REQUIRETLS",
        "DELIVERBY",
        "ETRN",
        "VRFY",
        "EXPN",
        "HELP",
        "MT-PRIORITY",
        "FUTURERELEASE",
        "LIMITS",
        "NO-SOLICITING",
        "XCLIENT",
        "XFORWARD",
        "X-EXPS",
    ];

    #[test]
    fn table_is_sorted_unique_and_upper_case() {
        assert!(all_ehlo_keywords()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        assert!(all_ehlo_keywords()
            .iter()
            .all(|(k, _)| k.to_ascii_uppercase() == *k));
    }

    #[test]
    fn every_required_keyword_is_present() {
        for kw in REQUIRED {
            assert!(
                all_ehlo_keywords().iter().any(|(k, _)| k == kw),
                "{kw} missing"
            );
            assert!(ehlo_keyword(kw).is_some(), "{kw} not found");
        }
    }

    #[test]
    fn lookup_ignores_case_and_parameters() {
        assert_eq!(ehlo_keyword("pipelining"), ehlo_keyword("PIPELINING"));
        assert_eq!(
            ehlo_keyword("SIZE 35882577").map(|e| e.title),
            Some("SIZE (maximum message size)")
        );
        assert_eq!(
            ehlo_keyword("AUTH LOGIN PLAIN XOAUTH2"),
            ehlo_keyword("auth")
        );
        assert_eq!(
            ehlo_keyword("Mt-Priority MIXER"),
            ehlo_keyword("MT-PRIORITY")
        );
    }

    #[test]
    fn old_auth_equals_form_has_its_own_entry() {
        let old = ehlo_keyword("AUTH=LOGIN PLAIN");
        assert_eq!(old.map(|e| e.title), Some("AUTH= (old form)"));
        assert_eq!(ehlo_keyword("auth=login"), old);
        assert_ne!(old, ehlo_keyword("AUTH"));
    }

    #[test]
    fn unknown_keywords_are_none() {
        for kw in ["", "SIZ", "STARTTLSX", "X-UNKNOWN", "FOO=BAR", "=LOGIN"] {
            assert_eq!(ehlo_keyword(kw), None, "{kw:?}");
        }
    }
}
