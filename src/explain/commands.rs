//! Client command verbs (plus "." ending DATA and "*" cancelling AUTH).

use super::text::{find_ci, first_word};
use super::Entry;

const MS_VERBS: &[&str] = &["Microsoft KB 812455 (XEXCH50, X-LINK2STATE, X-EXPS)"];
const OBSOLETE_821: &[&str] = &["RFC 5321 Appendix F", "RFC 821"];

/// Command verbs, upper-case, sorted by byte order (binary-searched).
static COMMANDS: &[(&str, Entry)] = &[
    ("*", Entry {
        title: "Cancel authentication",
        text: "Sent in the middle of an AUTH exchange, a line holding only \"*\" cancels the login; the server answers 501.",
        refs: &["RFC 4954 §4"],
    }),
    (".", Entry {
        title: "End of message data",
        text: "A line holding only a dot ends the message sent after DATA; the server then answers for the whole message (250 means accepted). Message lines that start with a dot get an extra dot so they are not mistaken for the end.",
        refs: &["RFC 5321 §4.1.1.4", "RFC 5321 §4.5.2"],
    }),
    ("ATRN", Entry {
        title: "ATRN (authenticated turn)",
        text: "On-demand relay: an authenticated client asks the server to swap roles and deliver the mail queued for the client's domains over this same connection.",
        refs: &["RFC 2645"],
    }),
    ("AUTH", Entry {
        title: "AUTH (log in)",
        text: "Starts a login with a SASL mechanism such as PLAIN, LOGIN or XOAUTH2. With PLAIN and LOGIN the password is only base64-encoded, so it must only be sent after TLS is on.",
        refs: &["RFC 4954 §4"],
    }),
    ("BDAT", Entry {
        title: "BDAT (send a chunk)",
        text: "Sends the message in chunks of a stated size instead of using DATA; the last chunk is marked LAST. There is no final dot and no dot-doubling.",
        refs: &["RFC 3030"],
    }),
    ("BURL", Entry {
        title: "BURL (fetch message by URL)",
        text: "Asks the submission server to fetch the message, or part of it, from a URL (usually an IMAP URL on the user's own mail server) instead of uploading it again.",
        refs: &["RFC 4468"],
    }),
    ("DATA", Entry {
        title: "DATA (send the message)",
        text: "Says the message comes next. After the server's 354, the client sends the headers and body and ends with a line holding only a dot.",
        refs: &["RFC 5321 §4.1.1.4"],
    }),
    ("EHLO", Entry {
        title: "EHLO (extended hello)",
        text: "Opens an extended SMTP session: the client names itself and the server lists the extensions it supports (SIZE, STARTTLS, AUTH...). It is sent again after STARTTLS, because the list can change.",
        refs: &["RFC 5321 §4.1.1.1", "RFC 3207 §4.2"],
    }),
    ("ETRN", Entry {
        title: "ETRN (start queue run)",
        text: "Asks the server to start sending the mail it holds queued for a given domain, for hosts that are only online now and then.",
        refs: &["RFC 1985"],
    }),
    ("EXPN", Entry {
        title: "EXPN (expand list)",
        text: "Asks the server to expand a mailing list into its members. Public servers usually refuse, because it gives away addresses.",
        refs: &["RFC 5321 §4.1.1.7", "RFC 5321 §7.3"],
    }),
    ("HELO", Entry {
        title: "HELO (old hello)",
        text: "The original greeting: the client names itself but gets no list of extensions, so no STARTTLS or AUTH is offered. Modern clients send EHLO and fall back to HELO only if EHLO fails.",
        refs: &["RFC 5321 §4.1.1.1"],
    }),
    ("HELP", Entry {
        title: "HELP",
        text: "Asks the server for help text, answered with 214. Harmless.",
        refs: &["RFC 5321 §4.1.1.8"],
    }),
    ("LHLO", Entry {
        title: "LHLO (LMTP hello)",
        text: "The LMTP version of EHLO, used when mail is handed to a local delivery program rather than to another SMTP server.",
        refs: &["RFC 2033"],
    }),
    ("MAIL", Entry {
        title: "MAIL FROM (envelope sender)",
        text: "Starts a new message and gives the envelope sender, the address bounces go to, which can differ from the From: header. Options such as SIZE= or BODY= may follow.",
        refs: &["RFC 5321 §4.1.1.2"],
    }),
    ("NOOP", Entry {
        title: "NOOP (do nothing)",
        text: "Does nothing; the server answers 250. Used to keep a connection alive or to check it still works.",
        refs: &["RFC 5321 §4.1.1.9"],
    }),
    ("QUIT", Entry {
        title: "QUIT",
        text: "Ends the session politely; the server answers 221 and closes the connection.",
        refs: &["RFC 5321 §4.1.1.10"],
    }),
    ("RCPT", Entry {
        title: "RCPT TO (envelope recipient)",
        text: "Names one envelope recipient; it is repeated for each one. The server accepts or refuses each recipient on its own.",
        refs: &["RFC 5321 §4.1.1.3"],
    }),
    ("RSET", Entry {
        title: "RSET (reset)",
        text: "Drops the message in progress (sender, recipients and data) without closing the connection.",
        refs: &["RFC 5321 §4.1.1.5"],
    }),
    ("SAML", Entry {
        title: "SAML (obsolete)",
        text: "An obsolete RFC 821 command to deliver to a user's terminal and mailbox. Practically no server supports it today.",
        refs: OBSOLETE_821,
    }),
    ("SEND", Entry {
        title: "SEND (obsolete)",
        text: "An obsolete RFC 821 command to deliver to a user's terminal instead of the mailbox. Practically no server supports it today.",
        refs: OBSOLETE_821,
    }),
    ("SOML", Entry {
        title: "SOML (obsolete)",
        text: "An obsolete RFC 821 command to deliver to a user's terminal or else the mailbox. Practically no server supports it today.",
        refs: OBSOLETE_821,
    }),
    ("STARTTLS", Entry {
        title: "STARTTLS (switch to encryption)",
        text: "Asks to encrypt this connection with TLS. After the server's 220 both sides do a TLS handshake and the client starts again with EHLO; anything sent before it travelled in clear text.",
        refs: &["RFC 3207 §4"],
    }),
    ("TURN", Entry {
        title: "TURN (obsolete)",
        text: "An obsolete command to swap client and server roles. It checks no identity, so anyone could collect someone else's mail; it is deprecated and ATRN replaced it.",
        refs: &["RFC 5321 Appendix F", "RFC 2645"],
    }),
    ("VRFY", Entry {
        title: "VRFY (verify address)",
        text: "Asks whether an address exists. Many servers answer 252 (\"won't say\") because honest answers help spammers harvest addresses.",
        refs: &["RFC 5321 §4.1.1.6", "RFC 5321 §3.5.3", "RFC 5321 §7.3"],
    }),
    ("X-EXPS", Entry {
        title: "X-EXPS (Exchange authentication)",
        text: "A Microsoft Exchange command, similar to AUTH, that Exchange servers use to authenticate to each other.",
        refs: MS_VERBS,
    }),
    ("XCLIENT", Entry {
        title: "XCLIENT (Postfix)",
        text: "A Postfix extension: a trusted client such as a proxy or content filter tells the server the original client's name, address and HELO, and access rules then apply to those.",
        refs: &["Postfix XCLIENT_README"],
    }),
    ("XEXCH50", Entry {
        title: "XEXCH50 (Exchange properties)",
        text: "A Microsoft Exchange command that passes Exchange-specific message and recipient properties between Exchange servers.",
        refs: MS_VERBS,
    }),
    ("XFORWARD", Entry {
        title: "XFORWARD (Postfix)",
        text: "A Postfix extension: a trusted client such as a content filter passes on the original client's name, address and HELO so the logs show the real sender.",
        refs: &["Postfix XFORWARD_README"],
    }),
];

/// Explains a command verb, case-insensitively ("ehlo", "EHLO"). Only the first
/// word counts, so "MAIL FROM:<a@b>" finds MAIL. `command(".")` explains the end
/// of DATA and `command("*")` the cancelling of AUTH.
pub fn command(verb: &str) -> Option<&'static Entry> {
    find_ci(COMMANDS, first_word(verb, &[':']))
}

/// Every command with an entry, sorted by verb.
pub fn all_commands() -> &'static [(&'static str, Entry)] {
    COMMANDS
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED: &[&str] = &[
        "EHLO", "HELO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "VRFY", "EXPN", "HELP", "NOOP",
        "QUIT", "STARTTLS", "AUTH", "TURN", "ETRN", "ATRN", "XCLIENT", "XFORWARD", "LHLO", ".",
    ];

    #[test]
    fn table_is_sorted_unique_and_upper_case() {
        assert!(all_commands()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        assert!(all_commands()
            .iter()
            .all(|(k, _)| k.to_ascii_uppercase() == *k));
    }

    #[test]
    fn every_required_verb_is_present() {
        for verb in REQUIRED {
            assert!(
                all_commands().iter().any(|(k, _)| k == verb),
                "{verb} missing"
            );
            assert!(command(verb).is_some(), "{verb} not found");
        }
    }

    #[test]
    fn lookup_ignores_case_and_arguments() {
        assert_eq!(command("ehlo"), command("EHLO"));
        assert_eq!(
            command("StartTls").map(|e| e.title),
            Some("STARTTLS (switch to encryption)")
        );
        assert_eq!(
            command("MAIL FROM:<a@example.com> SIZE=10"),
            command("mail")
        );
        assert_eq!(command("rcpt to:<b@example.com>"), command("RCPT"));
        assert_eq!(command("  quit\r\n"), command("QUIT"));
        assert_eq!(command(".").map(|e| e.title), Some("End of message data"));
    }

    #[test]
    fn unknown_verbs_are_none() {
        for verb in ["", "EHL", "EHLOX", "FOO", "..", "MAILFROM"] {
            assert_eq!(command(verb), None, "{verb:?}");
        }
    }
}
