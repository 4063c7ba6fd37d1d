//! nodemailer with `logger: true, debug: true`: a level, a connection id in
//! brackets, then `C: ` (client) or `S: ` (server) or a remark. Secrets
//! appear as `/* secret */`.
//!
//! ```text
//! [2024-03-01 10:00:00] DEBUG [Xf8s3k] S: 220 mail.example.test ESMTP Postfix
//! [2024-03-01 10:00:00] DEBUG [Xf8s3k] C: EHLO client
//! [2024-03-01 10:00:00] INFO  [Xf8s3k] Connection upgraded with STARTTLS
//! ```

use super::Input;
use crate::ingest::clean::trim_start;
use crate::ingest::find;
use crate::ingest::tag::{host_port, Info, Tag};

const LEVELS: &[&str] = &["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    let (level, rest) = t.split_once(' ')?;
    if !LEVELS.contains(&level) {
        return None;
    }
    let rest = trim_start(rest);
    let Some(body) = rest
        .strip_prefix('[')
        .and_then(|r| find::split_once(r, "] "))
        .map(|(_, b)| b)
    else {
        // Transport-level remarks (`DEBUG Creating transport: ...`) have no id.
        return Some(Tag::Info(Info::Note));
    };
    if let Some(c) = body.strip_prefix("C: ") {
        return Some(Tag::Client(c.into()));
    }
    if let Some(s) = body.strip_prefix("S: ") {
        return Some(Tag::Server(s.into()));
    }
    if let Some(r) = body.strip_prefix("Connection established to ") {
        return Some(Tag::Info(Info::Connect {
            port: host_port(r),
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if let Some(r) = body.strip_prefix("Secure connection established to ") {
        return Some(Tag::Info(Info::Connect {
            port: host_port(r),
            implicit_tls: true,
            starttls: false,
            tls_known: true,
            version: None,
        }));
    }
    if body.starts_with("Connection upgraded with STARTTLS") {
        return Some(Tag::Info(Info::StartTlsDone));
    }
    if body.starts_with("Connection closed") {
        return Some(Tag::Info(Info::Closed));
    }
    if let Some(r) = body.strip_prefix("User \"") {
        if let Some(user) = r.strip_suffix("\" authenticated") {
            return Some(Tag::Info(Info::AuthOutcome {
                ok: true,
                user: Some(user.to_string()),
            }));
        }
    }
    Some(Tag::Info(Info::Note))
}
