//! curl -v: `> ` client, `< ` server, `* ` info, `{ [5 bytes data]` and the
//! progress meter as noise.
//!
//! ```text
//! *   Trying 127.0.0.1:587...
//! * Connected to 127.0.0.1 (127.0.0.1) port 587
//! < 220 mail.example.test ESMTP Postfix
//! > EHLO client
//! * SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS
//! ```

use super::Input;
use crate::ingest::find;
use crate::ingest::tag::{host_port, port_prefix, tls_version, Info, Note, Tag};

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    // A progress-meter row with a verbose line glued to its end (curl
    // redraws the meter with a carriage return that the copy lost).
    let meter_like = (t.starts_with("  ") || t.starts_with("100"))
        && memchr::memchr(b':', t.as_bytes()).is_some();
    if meter_like {
        if let Some(at) = glued_at(t) {
            return strip(&Input {
                text: t.get(at..)?,
                ts: l.ts,
            });
        }
    }
    if let Some(r) = t.strip_prefix("> ") {
        return Some(Tag::Client(r.into()));
    }
    if let Some(r) = t.strip_prefix("< ") {
        return Some(Tag::Server(r.into()));
    }
    if t == ">" || t == "<" {
        return Some(Tag::Noise(Note::EmptyToolLine));
    }
    if let Some(r) = t.strip_prefix('*') {
        return Some(Tag::Info(info(r.trim_start())));
    }
    if (t.starts_with("{ [") || t.starts_with("} [")) && t.ends_with("data]") {
        return Some(Tag::Noise(Note::DataMarker));
    }
    progress(t).then_some(Tag::Noise(Note::ProgressMeter))
}

/// Where a verbose line starts after a progress-meter row, if one is glued.
fn glued_at(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let at = (1..b.len()).find(|&i| {
        b.get(i - 1).is_some_and(u8::is_ascii_digit)
            && matches!(b.get(i), Some(b'<' | b'>' | b'*' | b'{' | b'}'))
            && b.get(i + 1) == Some(&b' ')
    })?;
    progress(t.get(..at)?).then_some(at)
}

/// The progress meter: its header lines and rows of numbers and `--:--:--`.
pub fn progress(t: &str) -> bool {
    // Quick reject on the first visible byte: a digit, `%` or `D`.
    let first = t.bytes().find(|b| *b != b' ');
    if !matches!(first, Some(b'0'..=b'9' | b'%' | b'D')) {
        return false;
    }
    let s = t.trim();
    if s.starts_with("% Total") || s.starts_with("Dload") {
        return true;
    }
    // Rows start with a percentage and hold a time column.
    s.starts_with(|c: char| c.is_ascii_digit())
        && memchr::memchr(b':', s.as_bytes()).is_some()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b" :.-kMG".contains(&b))
        && s.contains(' ')
        && s.split_ascii_whitespace().count() >= 6
}

fn info(s: &str) -> Info {
    if let Some(r) = s.strip_prefix("Trying ") {
        return Info::Connect {
            port: host_port(r.trim_end_matches('.')),
            implicit_tls: false,
            starttls: false,
            tls_known: true,
            version: None,
        };
    }
    if let Some(r) = s.strip_prefix("Connected to ") {
        let port = find::find(r, " port ").and_then(|i| port_prefix(r.get(i + 6..)?));
        return match port {
            Some(p) => Info::Port(p),
            None => Info::Note,
        };
    }
    if let Some(r) = s.strip_prefix("SSL connection using ") {
        let mut parts = r.split(" / ");
        let version = parts.next().and_then(tls_version);
        let cipher = parts.next().map(str::to_string);
        return Info::TlsUp { version, cipher };
    }
    // "SSL certificate problem: self-signed certificate": curl's own word
    // that verification failed (it stops, unless told to go on).
    if s.starts_with("SSL certificate problem") {
        return Info::TlsVerify {
            ok: false,
            detail: s.trim_end().to_string(),
        };
    }
    // ASCII case ignored, without lower-casing a copy of every line.
    let has = |p: &str| find::contains_ci(s, p);
    if has("certificate verify result")
        || has("certificate verification")
        || has("certificate verify ok")
    {
        let ok = has("verify ok") || has("verification ok") || find::contains(s, "(0)");
        return Info::TlsVerify {
            ok,
            detail: s.to_string(),
        };
    }
    if s.starts_with("TLS")
        || s.starts_with("SSL")
        || s.starts_with("ALPN")
        || s.starts_with(' ')
        || s.as_bytes()
            .get(..18)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"server certificate"))
        || s.starts_with("CAfile")
        || s.starts_with("CApath")
    {
        return Info::TlsDetail;
    }
    if s.starts_with("Closing connection")
        || s.starts_with("Connection #") && find::contains(s, "closed")
    {
        return Info::Closed;
    }
    Info::Note
}
