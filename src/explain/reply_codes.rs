//! Basic three-digit reply codes: every code of RFC 5321 §4.2.3 plus the
//! codes added by SMTP extensions (AUTH, STARTTLS, ETRN, ATRN, RFC 7504).

use super::Entry;

const R5321: &[&str] = &["RFC 5321 §4.2.3"];

entries! {
    /// Known reply codes, sorted by code (binary-searched).
    REPLY_CODES, REPLY_CODES_TITLES: u16 = [
    (211, Entry {
        title: "System status",
        text: "A status or help reply from the server. It is information only; nothing went wrong.",
        refs: R5321,
    }),
    (214, Entry {
        title: "Help message",
        text: "Help text meant for a person reading the session, usually the answer to HELP. Nothing went wrong.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.1.1.8"],
    }),
    (220, Entry {
        title: "Service ready",
        text: "The server is ready. As the greeting it opens the session; as the answer to STARTTLS it means \"start the TLS handshake now\".",
        refs: &["RFC 5321 §4.2.3", "RFC 3207 §4"],
    }),
    (221, Entry {
        title: "Closing connection",
        text: "The server is ending the session, normally because the client sent QUIT. The connection is closed next.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.1.1.10"],
    }),
    (235, Entry {
        title: "Authentication succeeded",
        text: "The login (AUTH) worked. The client is now authenticated for the rest of this session.",
        refs: &["RFC 4954 §6"],
    }),
    (250, Entry {
        title: "OK",
        text: "The command was accepted and done. After the final \".\" of DATA it means the server has taken responsibility for delivering the message.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §6.1"],
    }),
    (251, Entry {
        title: "User not local; will forward",
        text: "The recipient is accepted and the server will forward the message to another address itself. In an ETRN reply, 251 means no mail is waiting for that node.",
        refs: &["RFC 5321 §3.4", "RFC 1985"],
    }),
    (252, Entry {
        title: "Cannot verify, will try anyway",
        text: "The server will not say whether the mailbox exists (often to stop address harvesting) but will accept mail for it and try to deliver. In an ETRN reply, 252 means queued mail is now being sent.",
        refs: &["RFC 5321 §3.5.3", "RFC 1985"],
    }),
    (253, Entry {
        title: "Queued mail being sent (ETRN)",
        text: "The answer to ETRN: the server has started sending the given number of waiting messages for that node.",
        refs: &["RFC 1985"],
    }),
    (334, Entry {
        title: "Authentication challenge",
        text: "The server is waiting for the next step of the AUTH exchange. The text is base64; with the LOGIN mechanism it usually decodes to \"Username:\" or \"Password:\".",
        refs: &["RFC 4954 §4"],
    }),
    (354, Entry {
        title: "Start mail input",
        text: "The server is ready for the message itself. The client sends the headers and body and ends with a line holding only a dot.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.1.1.4"],
    }),
    (421, Entry {
        title: "Service not available, closing",
        text: "The server is closing the connection, for example because it is overloaded, shutting down, timing out or rate-limiting you. It is temporary: try again later.",
        refs: R5321,
    }),
    (432, Entry {
        title: "Password transition needed",
        text: "The server wants the user to log in once with the PLAIN mechanism so it can set up the stronger mechanism that was asked for. Later logins should then work.",
        refs: &["RFC 4954 §6"],
    }),
    (450, Entry {
        title: "Mailbox unavailable (temporary)",
        text: "The action was not taken for now: the mailbox is busy or temporarily blocked, often by greylisting or a policy. A sending server should retry later.",
        refs: R5321,
    }),
    (451, Entry {
        title: "Local error in processing",
        text: "The server hit a problem on its side and gave up on this command. It is temporary; retrying later usually works.",
        refs: R5321,
    }),
    (452, Entry {
        title: "Insufficient system storage",
        text: "The server is short of space for now, or, in answer to RCPT, takes no more recipients in this message: send the rest in a new transaction.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.5.3.1.10", "RFC 1870"],
    }),
    (453, Entry {
        title: "No mail waiting (ATRN)",
        text: "The answer to ATRN in on-demand relaying: nothing is queued for the client's domains.",
        refs: &["RFC 2645"],
    }),
    (454, Entry {
        title: "Temporary TLS or authentication failure",
        text: "After STARTTLS, TLS is not available right now; after AUTH, the login could not be checked for a temporary reason. Try again later; if it persists the problem is on the server side.",
        refs: &["RFC 3207 §4", "RFC 4954 §6"],
    }),
    (455, Entry {
        title: "Cannot accommodate parameters",
        text: "The server understood the MAIL or RCPT parameters but cannot satisfy them right now. It is temporary.",
        refs: R5321,
    }),
    (458, Entry {
        title: "Unable to queue messages (ETRN)",
        text: "The answer to ETRN: the server could not start sending the mail queued for that node.",
        refs: &["RFC 1985"],
    }),
    (459, Entry {
        title: "Node not allowed (ETRN)",
        text: "The answer to ETRN: this client may not ask for that node's queued mail.",
        refs: &["RFC 1985"],
    }),
    (500, Entry {
        title: "Command not recognised",
        text: "The server did not understand the command, or the line was too long (including an AUTH answer that is too long). Often a typo or a command sent at the wrong moment.",
        refs: &["RFC 5321 §4.2.3", "RFC 4954 §4"],
    }),
    (501, Entry {
        title: "Syntax error in arguments",
        text: "The command is known but its arguments are wrong, for example an address without angle brackets, invalid base64 during AUTH, or any argument to STARTTLS (it takes none).",
        refs: &["RFC 5321 §4.2.3", "RFC 4954 §4", "RFC 3207 §4"],
    }),
    (502, Entry {
        title: "Command not implemented",
        text: "The server does not support this command, or has switched it off (VRFY, EXPN and TURN often are).",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.2.4"],
    }),
    (503, Entry {
        title: "Bad sequence of commands",
        text: "The command came at the wrong time, for example RCPT before MAIL, DATA with no accepted recipient, or AUTH when already logged in.",
        refs: &["RFC 5321 §4.2.3", "RFC 4954 §4"],
    }),
    (504, Entry {
        title: "Parameter not implemented",
        text: "A parameter value is not supported here, for example AUTH with a mechanism the server does not offer.",
        refs: &["RFC 5321 §4.2.3", "RFC 4954 §4"],
    }),
    (521, Entry {
        title: "Host does not accept mail",
        text: "This host never accepts mail. Retrying here will not help.",
        refs: &["RFC 7504"],
    }),
    (530, Entry {
        title: "Authentication or TLS required",
        text: "The server will not go on until the client logs in with AUTH, or, when the text says \"Must issue a STARTTLS command first\", until the connection is switched to TLS.",
        refs: &["RFC 4954 §6", "RFC 3207 §4"],
    }),
    (534, Entry {
        title: "Authentication mechanism too weak",
        text: "The chosen AUTH mechanism is weaker than the server allows for this user. Use a stronger mechanism.",
        refs: &["RFC 4954 §6"],
    }),
    (535, Entry {
        title: "Authentication credentials invalid",
        text: "The login was refused: the username or password is wrong, or this account may not log in to SMTP with its normal password (many providers want an app password or OAuth).",
        refs: &["RFC 4954 §6"],
    }),
    (538, Entry {
        title: "Encryption required for this mechanism",
        text: "This AUTH mechanism may only be used over an encrypted connection. Switch to TLS first (STARTTLS, or port 465).",
        refs: &["RFC 4954 §6"],
    }),
    (550, Entry {
        title: "Action refused (mailbox unavailable)",
        text: "The server refused for good: the mailbox does not exist, access was denied, or a policy (spam, relaying, authentication) blocked it. The enhanced code and the text say which.",
        refs: R5321,
    }),
    (551, Entry {
        title: "User not local; try elsewhere",
        text: "The recipient is not handled here. The server may name another address but will not forward the message itself.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §3.4"],
    }),
    (552, Entry {
        title: "Exceeded storage allocation",
        text: "The message is too big for the server's size limit or the mailbox's quota. Some old servers also use 552 for \"too many recipients\", which should be treated as temporary.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §4.5.3.1.10", "RFC 1870"],
    }),
    (553, Entry {
        title: "Mailbox name not allowed",
        text: "The address is not acceptable: bad syntax, a sender address you may not use, or a non-ASCII address the server cannot take.",
        refs: &["RFC 5321 §4.2.3", "RFC 6531"],
    }),
    (554, Entry {
        title: "Transaction failed",
        text: "The transaction failed for good, often a content or policy rejection after DATA. As the greeting it means \"no SMTP service here\" for you.",
        refs: &["RFC 5321 §4.2.3", "RFC 5321 §3.1"],
    }),
    (555, Entry {
        title: "MAIL/RCPT parameters not recognised",
        text: "A parameter on MAIL FROM or RCPT TO (such as SIZE= or BODY=) is not supported by this server.",
        refs: R5321,
    }),
    (556, Entry {
        title: "Domain does not accept mail",
        text: "The recipient's domain accepts no mail at all, for example because it publishes a \"null MX\". Retrying will not help.",
        refs: &["RFC 7504", "RFC 7505"],
    }),
]
}

const CLASS_REFS: &[&str] = &["RFC 5321 §4.2.1"];

entries! {
    /// Class-level meanings by first digit, used for codes not in the table.
    REPLY_CLASSES, REPLY_CLASSES_TITLES: u8 = [
    (2, Entry {
        title: "Success (2xx)",
        text: "The server accepted the command. This exact code is not a standard one, but a first digit of 2 always means success.",
        refs: CLASS_REFS,
    }),
    (3, Entry {
        title: "Waiting for more (3xx)",
        text: "The server accepted the command so far and is waiting for more input from the client.",
        refs: CLASS_REFS,
    }),
    (4, Entry {
        title: "Temporary failure (4xx)",
        text: "The command failed this time but may work if tried again later; a sending mail server keeps the message and retries.",
        refs: CLASS_REFS,
    }),
    (5, Entry {
        title: "Permanent failure (5xx)",
        text: "The command failed and repeating it unchanged will fail again: the address, credentials, content or configuration has to change.",
        refs: CLASS_REFS,
    }),
]
}

/// Explains a basic reply code. Codes not in the catalog fall back to the
/// meaning of their first digit, so every code from 200 to 599 gets an answer;
/// anything outside that range is `None`.
pub fn reply(code: u16) -> Option<&'static Entry> {
    reply_in(REPLY_CODES, REPLY_CLASSES, code)
}

/// The title of [`reply`]'s entry for `code`, from the titles-only tables
/// (what the flow diagram shows; see [`entries!`](super)).
pub fn reply_title(code: u16) -> Option<&'static str> {
    reply_in(REPLY_CODES_TITLES, REPLY_CLASSES_TITLES, code).copied()
}

/// [`reply`]'s look-up, in the entries or in their titles.
fn reply_in<T>(
    codes: &'static [(u16, T)],
    classes: &'static [(u8, T)],
    code: u16,
) -> Option<&'static T> {
    if !(200..=599).contains(&code) {
        return None;
    }
    codes
        .binary_search_by_key(&code, |(c, _)| *c)
        .ok()
        .and_then(|i| codes.get(i))
        .map(|(_, entry)| entry)
        .or_else(|| {
            let class = u8::try_from(code / 100).ok()?;
            classes
                .iter()
                .find(|(c, _)| *c == class)
                .map(|(_, entry)| entry)
        })
}

/// Every reply code with its own entry, sorted by code.
pub fn all_reply_codes() -> &'static [(u16, Entry)] {
    REPLY_CODES
}

/// The class-level fallbacks, keyed by first digit (2, 3, 4, 5).
pub fn reply_classes() -> &'static [(u8, Entry)] {
    REPLY_CLASSES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes listed in RFC 5321 §4.2.3 ("Reply Codes in Numeric Order").
    const RFC5321_CODES: [u16; 24] = [
        211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504,
        550, 551, 552, 553, 554, 555,
    ];

    /// Codes added by extensions: AUTH (RFC 4954), STARTTLS (RFC 3207),
    /// ETRN (RFC 1985), ATRN (RFC 2645), RFC 7504.
    const EXTENSION_CODES: [u16; 14] = [
        235, 253, 334, 432, 453, 454, 458, 459, 521, 530, 534, 535, 538, 556,
    ];

    fn own_entry(code: u16) -> Option<&'static Entry> {
        all_reply_codes()
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, e)| e)
    }

    #[test]
    fn every_rfc5321_code_has_its_own_entry() {
        for code in RFC5321_CODES {
            let own = own_entry(code);
            assert!(own.is_some(), "{code} has no entry of its own");
            assert_eq!(reply(code), own, "{code} does not resolve to its own entry");
        }
    }

    #[test]
    fn every_extension_code_has_its_own_entry() {
        for code in EXTENSION_CODES {
            assert!(own_entry(code).is_some(), "{code} has no entry of its own");
            assert_eq!(reply(code), own_entry(code));
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(all_reply_codes()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
    }

    #[test]
    fn entries_are_filled_in() {
        let own = all_reply_codes().iter().map(|(_, e)| e);
        let classes = reply_classes().iter().map(|(_, e)| e);
        for e in own.chain(classes) {
            assert!(
                !e.title.is_empty() && !e.text.is_empty() && !e.refs.is_empty(),
                "{e:?}"
            );
        }
    }

    #[test]
    fn unknown_codes_fall_back_to_their_class() {
        let cases = [
            (299, "Success (2xx)"),
            (399, "Waiting for more (3xx)"),
            (471, "Temporary failure (4xx)"),
            (571, "Permanent failure (5xx)"),
        ];
        for (code, title) in cases {
            assert_eq!(reply(code).map(|e| e.title), Some(title), "{code}");
        }
    }

    #[test]
    fn out_of_range_codes_have_no_entry() {
        for code in [0, 199, 600, 999, u16::MAX] {
            assert_eq!(reply(code), None, "{code}");
        }
    }

    #[test]
    fn every_code_in_range_resolves() {
        assert!((200..=599).all(|c| reply(c).is_some()));
    }
}
