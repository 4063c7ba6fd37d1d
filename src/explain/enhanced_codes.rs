//! Enhanced status codes ("class.subject.detail", RFC 3463): every code in the
//! IANA "SMTP Enhanced Status Codes" registry, keyed by (subject, detail) and
//! written class-neutral (X.s.d), with subject-level and class-level fallbacks.

use super::Entry;

const IANA: &str = "IANA SMTP Enhanced Status Codes";
const R3463: &[&str] = &["RFC 3463", IANA];
const R4954: &[&str] = &["RFC 4954 §6", IANA];
const R5248: &[&str] = &["RFC 5248", IANA];
const R6531: &[&str] = &["RFC 6531", IANA];
const R6710: &[&str] = &["RFC 6710", IANA];
const R7293: &[&str] = &["RFC 7293", IANA];
const R7372: &[&str] = &["RFC 7372", IANA];

entries! {
    /// The IANA registry, keyed by (subject, detail), sorted (binary-searched).
    ENHANCED_CODES, ENHANCED_CODES_TITLES: (u16, u16) = [
    ((0, 0), Entry { title: "Other or undefined status", text: "The server says only whether this is a success, a temporary or a permanent failure, with no detail. Read the text that follows.", refs: R3463 }),
    ((1, 0), Entry { title: "Other address status", text: "Something about an address in the message caused this reply; the text should say what.", refs: R3463 }),
    ((1, 1), Entry { title: "Bad destination mailbox address", text: "The recipient's mailbox does not exist: the part before the @ is wrong. Check the address for typos.", refs: R3463 }),
    ((1, 2), Entry { title: "Bad destination system address", text: "The recipient's domain (after the @) does not exist or cannot take mail.", refs: R3463 }),
    ((1, 3), Entry { title: "Bad destination mailbox address syntax", text: "The recipient address is not written correctly.", refs: R3463 }),
    ((1, 4), Entry { title: "Destination mailbox address ambiguous", text: "The recipient address matches more than one mailbox on the receiving system.", refs: R3463 }),
    ((1, 5), Entry { title: "Destination address valid", text: "The recipient address is fine. Seen in positive replies such as 250 2.1.5.", refs: R3463 }),
    ((1, 6), Entry { title: "Mailbox has moved, no forwarding address", text: "The address used to work but no longer takes mail, and no forwarding address is known.", refs: R3463 }),
    ((1, 7), Entry { title: "Bad sender's mailbox address syntax", text: "The sender address is not written correctly.", refs: R3463 }),
    ((1, 8), Entry { title: "Bad sender's system address", text: "The sender's domain does not exist or cannot receive replies, so the server will not take mail from it.", refs: R3463 }),
    ((1, 9), Entry { title: "Message relayed to non-compliant mailer", text: "The address was valid, but the message was handed to a system that does not report delivery status, so nothing more is known.", refs: &["RFC 3886", IANA] }),
    ((1, 10), Entry { title: "Recipient address has null MX", text: "The recipient's domain publishes a \"null MX\" record, which says it accepts no mail at all.", refs: &["RFC 7505", "RFC 7504", IANA] }),
    ((2, 0), Entry { title: "Other or undefined mailbox status", text: "The mailbox exists, but something about it caused this reply.", refs: R3463 }),
    ((2, 1), Entry { title: "Mailbox disabled, not accepting messages", text: "The mailbox exists but is not taking messages, either for now or for good.", refs: R3463 }),
    ((2, 2), Entry { title: "Mailbox full", text: "The recipient's mailbox is over its quota. The recipient has to make room; a sending server usually keeps retrying for a while.", refs: R3463 }),
    ((2, 3), Entry { title: "Message length exceeds administrative limit", text: "The message is bigger than this mailbox's own size limit.", refs: R3463 }),
    ((2, 4), Entry { title: "Mailing list expansion problem", text: "The address is a mailing list, and the list could not be expanded into its members.", refs: R3463 }),
    ((3, 0), Entry { title: "Other or undefined mail system status", text: "The receiving system normally takes mail, but something about it caused this reply.", refs: R3463 }),
    ((3, 1), Entry { title: "Mail system full", text: "The receiving mail system has run out of storage.", refs: R3463 }),
    ((3, 2), Entry { title: "System not accepting network messages", text: "The receiving host is not taking messages right now, for example because it is shutting down, overloaded or under maintenance.", refs: &["RFC 3463", "RFC 7504", IANA] }),
    ((3, 3), Entry { title: "System not capable of selected features", text: "The message asks for features the destination system does not support.", refs: R3463 }),
    ((3, 4), Entry { title: "Message too big for system", text: "The message is larger than the server's size limit per message. Send a smaller message, for example share big files by link.", refs: R3463 }),
    ((3, 5), Entry { title: "System incorrectly configured", text: "The receiving system is not set up in a way that lets it accept this message.", refs: R3463 }),
    ((3, 6), Entry { title: "Requested priority was changed", text: "The message was accepted, but not at the priority asked for; the text gives the new priority.", refs: R6710 }),
    ((4, 0), Entry { title: "Other or undefined network or routing status", text: "Something went wrong in the network or in routing, with no more detail.", refs: R3463 }),
    ((4, 1), Entry { title: "No answer from host", text: "The next mail server did not answer the connection attempt.", refs: R3463 }),
    ((4, 2), Entry { title: "Bad connection", text: "The connection was made but broke or timed out before the message got through.", refs: R3463 }),
    ((4, 3), Entry { title: "Directory server failure", text: "A directory server, usually DNS, could not be reached to route the message.", refs: R3463 }),
    ((4, 4), Entry { title: "Unable to route", text: "The system could not work out where to send the message next, for example because the domain has no usable mail (MX) or address records.", refs: R3463 }),
    ((4, 5), Entry { title: "Mail system congestion", text: "The mail system is congested, so the message is held up.", refs: R3463 }),
    ((4, 6), Entry { title: "Routing loop detected", text: "The message went round in a loop and was forwarded too many times.", refs: R3463 }),
    ((4, 7), Entry { title: "Delivery time expired", text: "The message got too old: it waited in queues too long or its time limit ran out.", refs: R3463 }),
    ((5, 0), Entry { title: "Other or undefined protocol status", text: "Something was wrong in the SMTP conversation itself, with no more detail.", refs: R3463 }),
    ((5, 1), Entry { title: "Invalid command", text: "A command was sent out of order or is not supported.", refs: R3463 }),
    ((5, 2), Entry { title: "Syntax error", text: "A command could not be understood: its syntax is wrong or the command is unknown.", refs: R3463 }),
    ((5, 3), Entry { title: "Too many recipients", text: "The message has more recipients than the server takes at once. Send it in several smaller batches.", refs: R3463 }),
    ((5, 4), Entry { title: "Invalid command arguments", text: "A valid command had bad arguments: out of range, or naming features the server does not know.", refs: R3463 }),
    ((5, 5), Entry { title: "Wrong protocol version", text: "The two sides disagree on the protocol version and could not resolve it.", refs: R3463 }),
    ((5, 6), Entry { title: "Authentication exchange line is too long", text: "An answer the client sent during AUTH was longer than the server can take for that mechanism.", refs: R4954 }),
    ((6, 0), Entry { title: "Other or undefined media error", text: "Something about the message content made it undeliverable.", refs: R3463 }),
    ((6, 1), Entry { title: "Media not supported", text: "The kind of content in the message is not supported somewhere along the delivery path.", refs: R3463 }),
    ((6, 2), Entry { title: "Conversion required and prohibited", text: "The content would have to be converted to be delivered, but conversion is not allowed.", refs: R3463 }),
    ((6, 3), Entry { title: "Conversion required but not supported", text: "The content must be converted to go on (for example from 8-bit to 7-bit), but the next system cannot do it.", refs: R3463 }),
    ((6, 4), Entry { title: "Conversion with loss performed", text: "The message was delivered, but converting it lost some of its data.", refs: R3463 }),
    ((6, 5), Entry { title: "Conversion failed", text: "A needed conversion of the content was tried and failed.", refs: R3463 }),
    ((6, 6), Entry { title: "Message content not available", text: "The message content could not be fetched from the remote system it was referenced on (BURL).", refs: &["RFC 4468", IANA] }),
    ((6, 7), Entry { title: "Non-ASCII addresses not permitted", text: "An address with non-ASCII characters was used where that is not allowed, because the path does not support SMTPUTF8.", refs: R6531 }),
    ((6, 8), Entry { title: "UTF-8 reply required but not permitted", text: "The server would need to answer with UTF-8 text to show a mailbox name, but the client did not allow that.", refs: R6531 }),
    ((6, 9), Entry { title: "UTF-8 header message cannot be transferred", text: "The message has UTF-8 header fields that a recipient's server cannot take, so it was refused after the end of DATA.", refs: R6531 }),
    ((6, 10), Entry { title: "Duplicate of X.6.8 (deprecated)", text: "Means the same as X.6.8 (a UTF-8 reply was needed but not allowed); this number is deprecated.", refs: R6531 }),
    ((7, 0), Entry { title: "Other or undefined security status", text: "Something security-related caused this, with no more detail (sometimes on purpose). Read the text.", refs: R3463 }),
    ((7, 1), Entry { title: "Delivery not authorized, message refused", text: "The sender is not allowed to send this message here: relaying denied, a block on the sending host, or per-recipient filtering. The text usually says which.", refs: R3463 }),
    ((7, 2), Entry { title: "Mailing list expansion prohibited", text: "The sender may not send to this mailing list.", refs: R3463 }),
    ((7, 3), Entry { title: "Security conversion required but not possible", text: "Delivery needed converting between secure-messaging formats, and that was not possible.", refs: R3463 }),
    ((7, 4), Entry { title: "Security features not supported", text: "The message used security features, such as secure authentication, that the delivery path cannot support.", refs: R3463 }),
    ((7, 5), Entry { title: "Cryptographic failure", text: "A system allowed to check or decrypt the message could not, for example because a key was missing or invalid.", refs: R3463 }),
    ((7, 6), Entry { title: "Cryptographic algorithm not supported", text: "A system could not check or decrypt the message because it does not support the algorithm used.", refs: R3463 }),
    ((7, 7), Entry { title: "Message integrity failure", text: "The message was found to be corrupted or altered on the way.", refs: R3463 }),
    ((7, 8), Entry { title: "Authentication credentials invalid", text: "The login was refused because the credentials are wrong or not enough. Check the username and password; many providers need an app password or an OAuth token instead.", refs: R4954 }),
    ((7, 9), Entry { title: "Authentication mechanism is too weak", text: "The AUTH mechanism chosen is weaker than the server allows for this user. Use a stronger one.", refs: R4954 }),
    ((7, 10), Entry { title: "Encryption needed", text: "The login method asked for needs an encrypted connection: switch to TLS first, or use a stronger mechanism.", refs: R5248 }),
    ((7, 11), Entry { title: "Encryption required for requested authentication mechanism", text: "This AUTH mechanism is only allowed once the connection is encrypted.", refs: R4954 }),
    ((7, 12), Entry { title: "A password transition is needed", text: "Log in once with the PLAIN mechanism so the server can set up the mechanism you asked for.", refs: R4954 }),
    ((7, 13), Entry { title: "User account disabled", text: "The login was right but the account is disabled. Only the provider or an administrator can turn it back on.", refs: R5248 }),
    ((7, 14), Entry { title: "Trust relationship required", text: "The submission server needs a configured trust relationship with another server to fetch the message content.", refs: R5248 }),
    ((7, 15), Entry { title: "Priority level is too low", text: "The message's priority is below what the server accepts right now.", refs: R6710 }),
    ((7, 16), Entry { title: "Message too big for the specified priority", text: "At the priority asked for, the server only takes smaller messages.", refs: R6710 }),
    ((7, 17), Entry { title: "Mailbox owner has changed", text: "The recipient mailbox has changed hands since the date the sender gave (RRVS), so the message was not delivered.", refs: R7293 }),
    ((7, 18), Entry { title: "Domain owner has changed", text: "The recipient's domain has changed owner since the date the sender gave (RRVS).", refs: R7293 }),
    ((7, 19), Entry { title: "RRVS test cannot be completed", text: "The server could not check the mailbox ownership date the sender asked about (RRVS). The sender may resend without that check.", refs: R7293 }),
    ((7, 20), Entry { title: "No passing DKIM signature found", text: "The message carried no DKIM signature that verified, and the receiver requires one.", refs: R7372 }),
    ((7, 21), Entry { title: "No acceptable DKIM signature found", text: "The message had DKIM signatures that verified, but none the receiver accepts.", refs: R7372 }),
    ((7, 22), Entry { title: "No valid author-matched DKIM signature found", text: "No verified DKIM signature belongs to the domain in the From: address.", refs: R7372 }),
    ((7, 23), Entry { title: "SPF validation failed", text: "The sending server is not allowed by the sender domain's SPF record (an SPF \"fail\"), and the receiver rejects that.", refs: &["RFC 7372", "RFC 7208", IANA] }),
    ((7, 24), Entry { title: "SPF validation error", text: "Checking SPF for the sender's domain ended in an error, for example a broken SPF record or DNS trouble.", refs: &["RFC 7372", "RFC 7208", IANA] }),
    ((7, 25), Entry { title: "Reverse DNS validation failed", text: "The sending server's IP address failed the reverse DNS check: its PTR record is missing or does not match.", refs: R7372 }),
    ((7, 26), Entry { title: "Multiple authentication checks failed", text: "The message failed more than one sender-authentication check (such as SPF and DKIM), so policy rejected it. Large providers use it for unauthenticated mail and DMARC failures.", refs: R7372 }),
    ((7, 27), Entry { title: "Sender address has null MX", text: "The sender's domain publishes a \"null MX\" (it takes no mail), so bounces could not reach it and the server refuses the message.", refs: &["RFC 7505", IANA] }),
    ((7, 28), Entry { title: "Mail flood detected", text: "The message looks like part of a flood of similar abusive messages.", refs: &["draft-levine-mailbomb-header", IANA] }),
    ((7, 29), Entry { title: "ARC validation failure", text: "The message failed ARC (Authenticated Received Chain) validation.", refs: &["RFC 8617", IANA] }),
    ((7, 30), Entry { title: "REQUIRETLS support required", text: "The message demanded TLS on every hop (REQUIRETLS), but the next server does not support that, so it could not be passed on. Note: Microsoft also uses 5.7.30 to reject retired Basic authentication.", refs: &["RFC 8689", IANA] }),
]
}

const STRUCTURE: &[&str] = &["RFC 3463 §2", IANA];

entries! {
    /// Subject-level meanings ("X.7.*"), used when the detail is not registered.
    SUBJECTS, SUBJECTS_TITLES: u16 = [
    (0, Entry { title: "Other or undefined (X.0.*)", text: "The code says only whether this is a success, a temporary or a permanent failure. Its detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (1, Entry { title: "Addressing (X.1.*)", text: "A problem with the sender or recipient address. The exact detail number is not a registered one (it may be the server's own), so read the text.", refs: STRUCTURE }),
    (2, Entry { title: "Mailbox (X.2.*)", text: "The recipient's mailbox exists but has a problem, such as being full or disabled. The detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (3, Entry { title: "Mail system (X.3.*)", text: "The receiving mail system itself: storage, size limits or configuration. The detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (4, Entry { title: "Network and routing (X.4.*)", text: "Getting the message to its destination: DNS, connections, routing or timeouts. The detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (5, Entry { title: "Mail delivery protocol (X.5.*)", text: "The SMTP conversation itself: commands, syntax or limits. The detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (6, Entry { title: "Message content or media (X.6.*)", text: "The message content: its format, encoding or conversion. The detail number is not a registered one, so read the text.", refs: STRUCTURE }),
    (7, Entry { title: "Security or policy (X.7.*)", text: "Security or policy: authentication, encryption, permissions, spam filtering or sender checks. The detail number is not a registered one (providers such as Microsoft define their own), so read the text.", refs: STRUCTURE }),
]
}

entries! {
    /// Class-level meanings ("5.*.*"), used when the subject is not registered.
    CLASSES, CLASSES_TITLES: u8 = [
    (2, Entry { title: "Success (2.*.*)", text: "The action succeeded. The rest of the code is not a registered one.", refs: STRUCTURE }),
    (4, Entry { title: "Persistent transient failure (4.*.*)", text: "A temporary failure: the message is still fine and the same attempt may work later. The rest of the code is not a registered one.", refs: STRUCTURE }),
    (5, Entry { title: "Permanent failure (5.*.*)", text: "A permanent failure: sending it again unchanged will not work. The rest of the code is not a registered one.", refs: STRUCTURE }),
]
}

const CONVENTION: &[&str] = &["RFC 3463", IANA];

entries! {
    /// Common success codes whose class changes the plain meaning, keyed by
    /// (class, subject, detail), sorted. Looked up before the class-neutral table.
    CLASS_SPECIFIC, CLASS_SPECIFIC_TITLES: (u8, u16, u16) = [
    (
        (2, 0, 0),
        Entry {
            title: "Success",
            text: "The command worked, with no further detail.",
            refs: CONVENTION,
        },
    ),
    (
        (2, 1, 0),
        Entry {
            title: "Sender address accepted",
            text: "Usually the answer to MAIL FROM: the sender address is fine.",
            refs: CONVENTION,
        },
    ),
    (
        (2, 6, 0),
        Entry {
            title: "Message accepted",
            text: "The message content was received and accepted for delivery.",
            refs: CONVENTION,
        },
    ),
    (
        (2, 7, 0),
        Entry {
            title: "Security step succeeded",
            text: "A security step worked, for example the login was accepted (235 2.7.0).",
            refs: &["RFC 4954 §6", IANA],
        },
    ),
]
}

/// Class of a parsed code: a real class digit, or the registry's "X".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Digit(u8),
    Any,
}

/// Parses "class.subject.detail" (class 2, 4, 5 or X; subject and detail 1 to 3 digits).
fn parse(code: &str) -> Option<(Class, u16, u16)> {
    let mut parts = code.trim().split('.');
    let class = match parts.next()? {
        "2" => Class::Digit(2),
        "4" => Class::Digit(4),
        "5" => Class::Digit(5),
        "X" | "x" => Class::Any,
        _ => return None,
    };
    let number = |s: &str| -> Option<u16> {
        if (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let subject = number(parts.next()?)?;
    let detail = number(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    Some((class, subject, detail))
}

/// Explains an enhanced status code such as "5.7.8". Unregistered details fall
/// back to the subject's meaning ("X.7.*"), unknown subjects to the class's.
/// Returns `None` for malformed input. "X.7.8" (the registry's own notation)
/// is accepted too.
pub fn enhanced(code: &str) -> Option<&'static Entry> {
    let tables = Tables {
        class_specific: CLASS_SPECIFIC,
        codes: ENHANCED_CODES,
        subjects: SUBJECTS,
        classes: CLASSES,
    };
    tables.find(code)
}

/// The title of [`enhanced`]'s entry for `code`, from the titles-only
/// tables (what the flow diagram shows; see [`entries!`](super)).
pub fn enhanced_title(code: &str) -> Option<&'static str> {
    let tables = Tables {
        class_specific: CLASS_SPECIFIC_TITLES,
        codes: ENHANCED_CODES_TITLES,
        subjects: SUBJECTS_TITLES,
        classes: CLASSES_TITLES,
    };
    tables.find(code).copied()
}

/// The four tables [`enhanced`] looks in, as entries or as titles.
struct Tables<T: 'static> {
    class_specific: &'static [((u8, u16, u16), T)],
    codes: &'static [((u16, u16), T)],
    subjects: &'static [(u16, T)],
    classes: &'static [(u8, T)],
}

impl<T> Tables<T> {
    fn find(&self, code: &str) -> Option<&'static T> {
        let (class, subject, detail) = parse(code)?;
        if let Class::Digit(c) = class {
            let key = (c, subject, detail);
            if let Ok(i) = self.class_specific.binary_search_by_key(&key, |(k, _)| *k) {
                return self.class_specific.get(i).map(|(_, e)| e);
            }
        }
        if let Ok(i) = self
            .codes
            .binary_search_by_key(&(subject, detail), |(k, _)| *k)
        {
            return self.codes.get(i).map(|(_, e)| e);
        }
        if let Some((_, e)) = self.subjects.iter().find(|(s, _)| *s == subject) {
            return Some(e);
        }
        match class {
            Class::Digit(c) => self.classes.iter().find(|(k, _)| *k == c).map(|(_, e)| e),
            Class::Any => None,
        }
    }
}

/// Every code of the IANA registry, keyed by (subject, detail) as "X.subject.detail", sorted.
pub fn all_enhanced_codes() -> &'static [((u16, u16), Entry)] {
    ENHANCED_CODES
}

/// Subject-level fallbacks ("X.s.*"), keyed by subject 0..=7.
pub fn enhanced_subjects() -> &'static [(u16, Entry)] {
    SUBJECTS
}

/// Class-level fallbacks, keyed by class 2, 4, 5.
pub fn enhanced_classes() -> &'static [(u8, Entry)] {
    CLASSES
}

/// Class-specific wording for a few common success codes (e.g. 2.7.0), keyed by (class, subject, detail).
pub fn enhanced_class_specific() -> &'static [((u8, u16, u16), Entry)] {
    CLASS_SPECIFIC
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IANA registry as listed (X.0.0 through X.7.30), written out independently of the table.
    const IANA_CODES: &[&str] = &[
        "X.0.0", "X.1.0", "X.1.1", "X.1.2", "X.1.3", "X.1.4", "X.1.5", "X.1.6", "X.1.7", "X.1.8",
        "X.1.9", "X.1.10", "X.2.0", "X.2.1", "X.2.2", "X.2.3", "X.2.4", "X.3.0", "X.3.1", "X.3.2",
        "X.3.3", "X.3.4", "X.3.5", "X.3.6", "X.4.0", "X.4.1", "X.4.2", "X.4.3", "X.4.4", "X.4.5",
        "X.4.6", "X.4.7", "X.5.0", "X.5.1", "X.5.2", "X.5.3", "X.5.4", "X.5.5", "X.5.6", "X.6.0",
        "X.6.1", "X.6.2", "X.6.3", "X.6.4", "X.6.5", "X.6.6", "X.6.7", "X.6.8", "X.6.9", "X.6.10",
        "X.7.0", "X.7.1", "X.7.2", "X.7.3", "X.7.4", "X.7.5", "X.7.6", "X.7.7", "X.7.8", "X.7.9",
        "X.7.10", "X.7.11", "X.7.12", "X.7.13", "X.7.14", "X.7.15", "X.7.16", "X.7.17", "X.7.18",
        "X.7.19", "X.7.20", "X.7.21", "X.7.22", "X.7.23", "X.7.24", "X.7.25", "X.7.26", "X.7.27",
        "X.7.28", "X.7.29", "X.7.30",
    ];

    fn registered(subject: u16, detail: u16) -> Option<&'static Entry> {
        all_enhanced_codes()
            .iter()
            .find(|(k, _)| *k == (subject, detail))
            .map(|(_, e)| e)
    }

    #[test]
    fn every_iana_code_resolves_to_its_own_entry_in_every_class() {
        assert_eq!(IANA_CODES.len(), all_enhanced_codes().len());
        for code in IANA_CODES {
            let (_, s, d) = parse(code).unwrap_or((Class::Any, u16::MAX, u16::MAX));
            let own = registered(s, d);
            assert!(own.is_some(), "{code} is missing from the table");
            assert_eq!(enhanced(code), own, "{code}");
            for class in ["4", "5"] {
                let concrete = format!("{class}.{s}.{d}");
                assert_eq!(enhanced(&concrete), own, "{concrete}");
            }
        }
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(all_enhanced_codes()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        assert!(enhanced_class_specific()
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        let subjects: Vec<u16> = enhanced_subjects().iter().map(|(s, _)| *s).collect();
        assert_eq!(subjects, (0..=7).collect::<Vec<u16>>());
    }

    #[test]
    fn well_known_codes_read_right() {
        assert_eq!(
            enhanced("5.7.8").map(|e| e.title),
            Some("Authentication credentials invalid")
        );
        assert_eq!(
            enhanced("5.1.1").map(|e| e.title),
            Some("Bad destination mailbox address")
        );
        assert_eq!(enhanced("4.2.2").map(|e| e.title), Some("Mailbox full"));
        assert_eq!(
            enhanced("5.7.26").map(|e| e.title),
            Some("Multiple authentication checks failed")
        );
    }

    #[test]
    fn class_specific_success_wording_wins_for_its_class_only() {
        assert_eq!(
            enhanced("2.7.0").map(|e| e.title),
            Some("Security step succeeded")
        );
        assert_eq!(
            enhanced("5.7.0").map(|e| e.title),
            Some("Other or undefined security status")
        );
        assert_eq!(enhanced("2.0.0").map(|e| e.title), Some("Success"));
        assert_eq!(
            enhanced("4.0.0").map(|e| e.title),
            Some("Other or undefined status")
        );
    }

    #[test]
    fn unregistered_detail_falls_back_to_subject() {
        assert_eq!(
            enhanced("5.7.139").map(|e| e.title),
            Some("Security or policy (X.7.*)")
        );
        assert_eq!(
            enhanced("5.7.708").map(|e| e.title),
            Some("Security or policy (X.7.*)")
        );
        assert_eq!(
            enhanced("4.4.99").map(|e| e.title),
            Some("Network and routing (X.4.*)")
        );
        assert_eq!(
            enhanced("5.1.999").map(|e| e.title),
            Some("Addressing (X.1.*)")
        );
    }

    #[test]
    fn unknown_subject_falls_back_to_class() {
        assert_eq!(
            enhanced("5.9.1").map(|e| e.title),
            Some("Permanent failure (5.*.*)")
        );
        assert_eq!(
            enhanced("4.8.0").map(|e| e.title),
            Some("Persistent transient failure (4.*.*)")
        );
        assert_eq!(enhanced("2.99.9").map(|e| e.title), Some("Success (2.*.*)"));
        assert_eq!(enhanced("X.9.1"), None);
    }

    #[test]
    fn malformed_codes_are_none() {
        for bad in [
            "", "5", "5.7", "5.7.", ".7.8", "3.7.8", "6.0.0", "5.7.8.1", "5.1234.1", "5.1.1234",
            "5.a.1", "5.7.+8", "five.7.8", "5,7,8", "5 .7.8",
        ] {
            assert_eq!(enhanced(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(enhanced(" 5.7.8\r\n"), enhanced("5.7.8"));
    }
}
