//! JavaMail / Jakarta Mail with `mail.debug=true`: `DEBUG SMTP: ...` and
//! `DEBUG: ...` remarks around the raw, undecorated exchange.
//!
//! ```text
//! DEBUG SMTP: trying to connect to host "127.0.0.1", port 587, isSSL false
//! 220 mail.example.test ESMTP Postfix
//! DEBUG SMTP: connected to host "127.0.0.1", port: 587
//! EHLO client
//! ```

use super::Input;
use crate::ingest::find;
use crate::ingest::tag::{port_prefix, Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("DEBUG SMTP: ") {
        return Some(Tag::Info(smtp_info(r)));
    }
    if t.starts_with("DEBUG: ") || t.starts_with("DEBUG SMTP:") {
        return Some(Tag::Info(Info::Note));
    }
    if t.starts_with("\tat ")
        || t.starts_with("    at ")
        || t.starts_with("Caused by: ")
        || t.starts_with("javax.mail.")
        || t.starts_with("jakarta.mail.")
        || t.starts_with("com.sun.mail.")
        || t.starts_with("Exception in thread")
    {
        return Some(Tag::Noise(Note::JavaException));
    }
    None
}

fn smtp_info(r: &str) -> Info {
    if let Some(x) = r.strip_prefix("trying to connect to host ") {
        let port = find::find(x, "port ").and_then(|i| port_prefix(x.get(i + 5..)?));
        let implicit = find::contains(x, "isSSL true");
        return Info::Connect {
            port,
            implicit_tls: implicit,
            starttls: false,
            tls_known: true,
            version: None,
        };
    }
    if let Some(x) = r.strip_prefix("AUTH ") {
        if let Some(mech) = x.strip_suffix(" command trace suppressed") {
            return Info::AuthHidden {
                mechanism: mech.to_string(),
            };
        }
        if x.ends_with(" succeeded") {
            return Info::AuthOutcome {
                ok: true,
                user: None,
            };
        }
        if x.ends_with(" failed") {
            return Info::AuthOutcome {
                ok: false,
                user: None,
            };
        }
    }
    if let Some(i) = find::find(r, "user=") {
        let user = r.get(i + 5..).unwrap_or("").split(',').next().unwrap_or("");
        if !user.is_empty() {
            return Info::User(user.to_string());
        }
    }
    Info::Note
}
