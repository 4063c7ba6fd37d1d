//! swaks: `=== ` info, ` -> ` / ` ~> ` client (plain / TLS), `<-  ` / `<~  `
//! server, `<** ` / `<~* ` server errors, `*** ` swaks errors.
//!
//! ```text
//! === Trying 127.0.0.1:587...
//! <-  220 mail.example.test ESMTP Postfix
//!  -> STARTTLS
//! === TLS started with cipher TLSv1.3:TLS_AES_256_GCM_SHA384:256
//!  ~> AUTH PLAIN AGFsaWNlAHNlY3JldA==
//! <~  235 2.7.0 Authentication successful
//! ```

use super::Input;
use crate::ingest::tag::{host_port, tls_version, Info, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = skip_spaces(l.text);
    // An empty line of message content: ` -> ` trimmed to `->`.
    match t {
        "->" => return Some(Tag::Client("".into())),
        "~>" => return Some(Tag::ClientTls("".into())),
        _ => {}
    }
    let (head, rest) = (t.get(..3)?, t.get(3..)?);
    let payload = |r: &'a str| r.strip_prefix(' ').unwrap_or(r);
    // Ruby's Net::SMTP prints `<- "..."`: a quoted literal is not swaks.
    if rest.trim_start().starts_with('"') {
        return None;
    }
    Some(match head {
        " ->" | "-> " => Tag::Client(payload(t.get(2..)?).into()),
        // `~` marks a line swaks sent or read inside TLS.
        "~> " => Tag::ClientTls(payload(t.get(2..)?).into()),
        // `<** Timeout ...`: swaks's own error, in the server's column.
        "<**" if !rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) => {
            Tag::Info(Info::Note)
        }
        "<- " | "<**" => Tag::Server(skip_spaces(rest).into()),
        "<~ " | "<~*" => Tag::ServerTls(skip_spaces(rest).into()),
        "***" => Tag::Info(Info::Note),
        "===" => Tag::Info(info(rest.trim_start())),
        _ if t.starts_with("->") => Tag::Client(payload(t.get(2..)?).into()),
        _ if t.starts_with("~>") => Tag::ClientTls(payload(t.get(2..)?).into()),
        _ => return None,
    })
}

/// `s` without its leading spaces (`str::trim_start_matches(' ')`, in
/// bytes: every swaks line comes here, most twice).
fn skip_spaces(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| b == b' ').count();
    s.get(n..).unwrap_or(s)
}

fn info(s: &str) -> Info {
    if let Some(r) = s.strip_prefix("Trying ") {
        let port = host_port(r.trim_end_matches('.'));
        return Info::Connect {
            port,
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        };
    }
    if let Some(r) = s.strip_prefix("TLS started with cipher ") {
        let mut parts = r.split(':');
        let version = parts.next().and_then(tls_version);
        let cipher = parts.next().map(str::to_string);
        return Info::TlsUp { version, cipher };
    }
    if s.starts_with("TLS peer certificate passed") {
        return Info::TlsVerify {
            ok: true,
            detail: s.to_string(),
        };
    }
    if s.starts_with("TLS peer certificate failed") {
        return Info::TlsVerify {
            ok: false,
            detail: s.to_string(),
        };
    }
    if s.starts_with("TLS ") {
        return Info::TlsDetail;
    }
    if s.starts_with("Connection closed") {
        return Info::Closed;
    }
    Info::Note
}
