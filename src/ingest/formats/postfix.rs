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
use crate::ingest::tag::{Info, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let (prog, rest) = split_syslog_tag(l.text)?;
    if !prog.starts_with("postfix") {
        return None;
    }
    let is_server = prog.ends_with("/smtpd") || prog.ends_with("/postscreen");
    if let Some(r) = rest.strip_prefix("< ").or_else(|| rest.strip_prefix("> ")) {
        // "peer[addr]: text" or "peer[addr]:port: text"
        if let Some(i) = r.find("]: ").or_else(|| r.find("]:25: ")) {
            let after = r.get(i + 1..)?;
            let text = after.split_once(": ").map(|(_, t)| t).unwrap_or("");
            let sent_by_peer = rest.starts_with('<');
            return Some(match (is_server, sent_by_peer) {
                (true, true) | (false, false) => Tag::Client(text.into()),
                _ => Tag::Server(text.into()),
            });
        }
    }
    if rest.starts_with("connect from ") {
        let port = if prog.contains("/submission/") {
            Some(587)
        } else if prog.contains("/smtps/") || prog.contains("/submissions/") {
            Some(465)
        } else if prog == "postfix/smtpd" {
            Some(25)
        } else {
            None
        };
        let implicit = port == Some(465);
        return Some(Tag::Info(Info::Connect { port, implicit_tls: implicit, starttls: false, tls_known: true }));
    }
    if rest.starts_with("disconnect from ") || rest.starts_with("lost connection") {
        return Some(Tag::Info(Info::Closed));
    }
    if let Some(r) = rest.strip_prefix("Anonymous TLS connection established from ").or_else(|| rest.strip_prefix("Trusted TLS connection established from ")).or_else(|| rest.strip_prefix("Untrusted TLS connection established from ")).or_else(|| rest.strip_prefix("Verified TLS connection established from ")) {
        let version = r.split(": ").nth(1).and_then(|v| v.split_whitespace().next()).and_then(crate::ingest::tag::tls_version);
        let cipher = r.split(" with cipher ").nth(1).map(|c| c.split_whitespace().next().unwrap_or("").to_string());
        return Some(Tag::Info(Info::TlsUp { version, cipher }));
    }
    Some(Tag::Info(Info::Note))
}
