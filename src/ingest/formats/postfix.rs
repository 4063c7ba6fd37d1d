//! Postfix's own log (syslog or `maillog_file`). With `smtpd -v` or
//! `debug_peer_list`, the conversation appears as `< peer: line` (what the
//! peer sent) and `> peer: line` (what Postfix sent); for the `smtp` client
//! the roles flip, so direction is left to the content. The service name
//! tells the port: `postfix/submission/smtpd` is 587, `postfix/smtps/smtpd`
//! 465, `postfix/smtpd` 25.
//!
//! ```text
//! Mar  1 10:00:00 mail postfix/submission/smtpd[123]: connect from localhost[127.0.0.1]
//! Mar  1 10:00:00 mail postfix/submission/smtpd[123]: < localhost[127.0.0.1]: EHLO client
//! Mar  1 10:00:00 mail postfix/submission/smtpd[123]: > localhost[127.0.0.1]: 250-mail.example.test
//! ```

use super::Input;
use crate::ingest::clean::split_syslog_tag;
use crate::ingest::find;
use crate::ingest::tag::{Info, Tag};
use crate::parse::Verb;

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    // Every line with a `]` offered to no other format comes here: the
    // syslog tag is a cheaper first test than a search for "postfix"
    // (`example` holds an `x`, that search's rarest byte).
    let (prog, rest) = split_syslog_tag(l.text)?;
    if !prog.starts_with("postfix") {
        return None;
    }
    let is_server = prog.ends_with("/smtpd") || prog.ends_with("/postscreen");
    if let Some(r) = rest.strip_prefix("< ").or_else(|| rest.strip_prefix("> ")) {
        // "peer[addr]: text" or "peer[addr]:port: text"
        if let Some(i) = find::find(r, "]: ").or_else(|| find::find(r, "]:25: ")) {
            let after = r.get(i + 1..)?;
            let text = find::split_once(after, ": ").map(|(_, t)| t).unwrap_or("");
            let sent_by_peer = rest.starts_with('<');
            return Some(match (is_server, sent_by_peer) {
                (true, true) | (false, false) => Tag::Client(text.into()),
                _ => Tag::Server(text.into()),
            });
        }
    }
    if rest.starts_with("connect from ") {
        let port = if find::contains(prog, "/submission/") {
            Some(587)
        } else if find::contains(prog, "/smtps/") || find::contains(prog, "/submissions/") {
            Some(465)
        } else if prog == "postfix/smtpd" {
            Some(25)
        } else {
            None
        };
        let implicit = port == Some(465);
        return Some(Tag::Info(Info::Connect {
            port,
            implicit_tls: implicit,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if let Some(r) = rest.strip_prefix("disconnect from ") {
        // `... ehlo=2 starttls=1 auth=1 ...`: the STARTTLS count is the only
        // sign of it in a non-verbose log.
        if r.split(' ').any(|w| w == "starttls=1") {
            return Some(Tag::Info(Info::StartTlsDone));
        }
        return Some(Tag::Info(Info::Closed));
    }
    if rest.starts_with("lost connection") {
        return Some(Tag::Info(Info::Closed));
    }
    // `QUEUEID: reject: RCPT from peer[addr]: 554 5.7.1 <x>: Relay access denied; from=<...>`
    if let Some(i) = find::find(rest, "reject: ") {
        let r = rest.get(i + 8..)?;
        let (word, after) = find::split_once(r, " from ")?;
        let verb = match word {
            "RCPT" => Verb::Rcpt,
            "MAIL" => Verb::Mail,
            "DATA" => Verb::Data,
            "END-OF-MESSAGE" => Verb::DataEnd,
            "EHLO" => Verb::Ehlo,
            "HELO" => Verb::Helo,
            "VRFY" => Verb::Vrfy,
            _ => Verb::Unknown,
        };
        let reply = find::split_once(after, "]: ").map(|(_, t)| t)?;
        let reply = reply.split("; from=<").next().unwrap_or(reply);
        return Some(Tag::Logged {
            verb,
            reply: reply.into(),
        });
    }
    if find::contains(rest, "SASL ") && find::contains(rest, "authentication failed") {
        return Some(Tag::Info(Info::AuthOutcome {
            ok: false,
            user: sasl_user(rest),
        }));
    }
    // `QUEUEID: client=peer, sasl_method=PLAIN, sasl_username=alice`
    if let Some(user) = sasl_user(rest) {
        return Some(Tag::Info(Info::AuthOutcome {
            ok: true,
            user: Some(user),
        }));
    }
    if find::contains(rest, "sasl_username=") {
        return Some(Tag::Info(Info::Note));
    }
    if prog.ends_with("/qmgr") && find::contains(rest, ", nrcpt=") {
        return Some(Tag::Info(Info::MessageAccepted));
    }
    if let Some(r) = rest
        .strip_prefix("Anonymous TLS connection established from ")
        .or_else(|| rest.strip_prefix("Trusted TLS connection established from "))
        .or_else(|| rest.strip_prefix("Untrusted TLS connection established from "))
        .or_else(|| rest.strip_prefix("Verified TLS connection established from "))
    {
        let version = r
            .split(": ")
            .nth(1)
            .and_then(|v| v.split_whitespace().next())
            .and_then(crate::ingest::tag::tls_version);
        let cipher = r
            .split(" with cipher ")
            .nth(1)
            .map(|c| c.split_whitespace().next().unwrap_or("").to_string());
        return Some(Tag::Info(Info::TlsUp { version, cipher }));
    }
    Some(Tag::Info(Info::Note))
}

fn sasl_user(rest: &str) -> Option<String> {
    let i = find::find(rest, "sasl_username=")?;
    let u = rest.get(i + 14..)?.split([',', ' ']).next()?;
    (!u.is_empty()).then(|| u.to_string())
}
