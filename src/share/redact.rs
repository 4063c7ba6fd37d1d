//! Redacting a transcript before it is shared.
//!
//! Credentials are always replaced: every secret span the engine found in
//! the parsed sessions (AUTH initial responses, answers to 334 challenges,
//! passwords and PLAIN payloads on command lines), any other copy of the
//! same secret or of the password inside it, and the password of any
//! `scheme://user:password@` URL. Optionally e-mail addresses, host names
//! and IP addresses are replaced by consistent placeholders. Lines are never
//! added or removed and placeholders are reserved documentation names, so
//! the redacted transcript gives the same findings as the original.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::placeholder::{host_is_reserved, ipv4_is_reserved, ipv6_is_reserved, Placeholders};
use super::sasl::{self, Place, REDACTED};
use super::scan::{self, Token};
use crate::session::Kind;
use crate::span::Span;

/// What to replace besides credentials (which always are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RedactOptions {
    pub addresses: bool,
    pub hosts: bool,
    pub ips: bool,
    /// Keep names and addresses that are already documentation, loopback or
    /// a public provider's (`example.com`, `127.0.0.1`, `smtp.gmail.com`).
    /// On by default; off replaces them too.
    pub keep_reserved: bool,
}

impl Default for RedactOptions {
    /// Everything on: what a share link uses unless the user unticks it.
    fn default() -> Self {
        RedactOptions {
            addresses: true,
            hosts: true,
            ips: true,
            keep_reserved: true,
        }
    }
}

/// The kind of a replaced value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    Credential,
    Address,
    Host,
    Ip,
}

/// One replaced value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub what: What,
    /// Where the placeholder is in the redacted text.
    pub span: Span,
    /// The value it replaced; `None` for credentials (never shown).
    pub original: Option<String>,
}

/// A redacted transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub options: RedactOptions,
    /// In text order.
    pub replacements: Vec<Replacement>,
}

impl Redacted {
    /// How many values of a kind were replaced (every occurrence counts).
    pub fn count(&self, what: What) -> usize {
        self.replacements.iter().filter(|r| r.what == what).count()
    }

    /// Distinct `(kind, original, placeholder)` pairs, in order of first
    /// appearance; credentials are left out.
    pub fn mapping(&self) -> Vec<(What, &str, &str)> {
        let mut seen = std::collections::HashSet::new();
        self.replacements
            .iter()
            .filter_map(|r| {
                let orig = r.original.as_deref()?;
                let ph = self.text.get(r.span.range())?;
                seen.insert((r.what, orig)).then_some((r.what, orig, ph))
            })
            .collect()
    }
}

/// A candidate edit, before placeholders are handed out.
enum Cand {
    /// A secret span of the engine, and where it was seen.
    Secret(Place),
    /// Another copy of a secret value already replaced.
    Copy(String),
    Url,
    Token(Token),
    User,
}

/// Words that may not be treated as a user or host name everywhere they
/// occur: the tools' and the protocol's own words.
const STOP: &[&str] = &[
    "localhost",
    "client",
    "server",
    "mail",
    "smtp",
    "user",
    "test",
    "send",
    "reply",
    "connect",
    "debug",
    "info",
    "auth",
    "login",
    "plain",
    "data",
    "quit",
    "helo",
    "ehlo",
    "starttls",
    "tls",
    "ssl",
    "postfix",
    "exim",
    "sendmail",
    "swaks",
    "curl",
    "openssl",
    "host",
    "none",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "ok",
    "from",
    "to",
    "mx",
];

fn nameable(s: &str) -> bool {
    s.len() >= 2
        && !s.bytes().all(|b| b.is_ascii_digit())
        && !STOP.contains(&s.to_ascii_lowercase().as_str())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// The server's name in a greeting or EHLO reply: the word after the code.
fn reply_host(t: &str) -> Option<String> {
    let first = t.lines().next()?.trim();
    let w = first.get(4..)?.split_ascii_whitespace().next()?;
    let w = w.trim_end_matches([',', '.', ';']);
    nameable(w).then(|| w.to_ascii_lowercase())
}

/// Redacts `text`. Never fails; the input is parsed once for its secrets.
pub fn redact(text: &str, opts: &RedactOptions) -> Redacted {
    let parsed = crate::parse(text, &crate::Options::default());
    let mut cands: Vec<(Range<usize>, Cand)> = Vec::new();
    let mut users: Vec<String> = Vec::new();
    let mut hosts: Vec<String> = Vec::new();
    for s in &parsed.sessions {
        users.extend(s.auths.iter().filter_map(|a| a.user.clone()));
        for g in &s.greetings {
            if nameable(&g.domain) {
                hosts.push(g.domain.to_ascii_lowercase());
            }
        }
        let banner = s.greeting.and_then(|i| s.event(i));
        let ehlo_replies = s.greetings.iter().filter_map(|g| s.reply_to(g.event));
        for e in banner.into_iter().chain(ehlo_replies) {
            hosts.extend(text.get(e.span.range()).and_then(reply_host));
        }
        for sp in &s.secrets {
            let in_sasl = s.events.iter().any(|e| {
                e.kind == Kind::Command && e.span.start() <= sp.start() && sp.end() <= e.span.end()
            });
            let place = if in_sasl { Place::Sasl } else { Place::Other };
            if holds_marker(text.get(sp.range()).unwrap_or("")) {
                continue;
            }
            cands.push((payload_range(text, sp.range()), Cand::Secret(place)));
        }
    }
    users.sort();
    users.dedup();
    if !opts.keep_reserved {
        hosts.retain(|h| !STOP.contains(&h.as_str()));
    }
    hosts.sort();
    hosts.dedup();
    cands.extend(
        scan::url_passwords(text)
            .into_iter()
            .map(|(r, _)| (r, Cand::Url)),
    );
    let tokens = scan::tokens(text, &hosts)
        .into_iter()
        .chain(scan::ipv6(text));
    let mut ph = Placeholders::new(opts.keep_reserved);
    for (r, tok) in tokens {
        let value = text.get(r.clone()).unwrap_or("");
        let keep = match &tok {
            Token::Email { at } => {
                let domain = text.get(at + 1..r.end).unwrap_or("");
                !(opts.addresses || opts.hosts) || (opts.keep_reserved && host_is_reserved(domain))
            }
            Token::Host => !opts.hosts || (opts.keep_reserved && host_is_reserved(value)),
            Token::Ipv4(ip) => !opts.ips || (opts.keep_reserved && ipv4_is_reserved(*ip)),
            Token::Ipv6(ip) => !opts.ips || (opts.keep_reserved && ipv6_is_reserved(*ip)),
            Token::UrlPassword => false,
        };
        // No placeholder may equal a value the text holds.
        ph.taken.insert(value.to_ascii_lowercase());
        if !keep {
            cands.push((r, Cand::Token(tok)));
        }
    }
    // Bare SASL user names (`alice`), wherever they occur as a word.
    if opts.addresses {
        let bare: Vec<&String> = users
            .iter()
            .filter(|u| !u.contains('@') && nameable(u) && !u.contains('.'))
            .collect();
        if !bare.is_empty() {
            for (start, w) in word_spans(text) {
                if bare.iter().any(|u| u.as_str() == w) {
                    cands.push((start..start + w.len(), Cand::User));
                }
            }
        }
    }
    apply(text, opts, cands, &users, &mut ph)
}

/// A tool's placeholder (`[credentials hidden]`) where a secret would be:
/// nothing to hide.
fn holds_marker(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    crate::parse::auth::HIDDEN_MARKERS
        .iter()
        .any(|m| lower.contains(&m.to_ascii_lowercase()))
}

/// The payload inside a secret span. A span is exact, except when the tool's
/// line was rewritten (colour codes, HTML entities, escapes) and the engine
/// could only give the whole line: then the longest run of base64
/// characters in it that is not an escape (`[0m`, `&quot;`).
fn payload_range(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(t) = text.get(r.clone()) else {
        return r;
    };
    if !t
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return r;
    }
    let b64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    let bytes = t.as_bytes();
    let mut best: Option<Range<usize>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(|b| b64(*b)) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| b64(*b)) {
            i += 1;
        }
        let escape = start
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(|b| matches!(b, b'[' | b'&' | b'\\'));
        if !escape && i - start >= 4 && best.as_ref().is_none_or(|b| i - start >= b.len()) {
            best = Some(start..i);
        }
    }
    best.map_or(r.clone(), |b| r.start + b.start..r.start + b.end)
}

/// Words: maximal runs of letters, digits, `.`, `-`, `_`, with their offset.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn apply(
    text: &str,
    opts: &RedactOptions,
    mut cands: Vec<(Range<usize>, Cand)>,
    users: &[String],
    ph: &mut Placeholders,
) -> Redacted {
    // First pass: the secrets, to learn every secret value and find copies.
    let mut secret_text: HashMap<String, String> = HashMap::new();
    let mut copies: Vec<String> = Vec::new();
    {
        let (addresses, hosts) = (opts.addresses, opts.hosts);
        for (r, c) in &cands {
            let Cand::Secret(place) = c else { continue };
            let original = text.get(r.clone()).unwrap_or("");
            if secret_text.contains_key(original) {
                continue;
            }
            let mut map_user = |u: &str| {
                if addresses {
                    ph.user(u, hosts)
                } else {
                    u.to_string()
                }
            };
            if let Some(rb) = sasl::rebuild(original, *place, users, &mut map_user) {
                secret_text.insert(original.to_string(), rb.text);
                copies.extend(rb.secrets.into_iter().filter(|s| s.len() >= 6));
            }
        }
        // The password of a URL is a secret too: find its copies.
        for (r, c) in &cands {
            if let Cand::Url = c {
                copies.extend(text.get(r.clone()).map(str::to_string));
            }
        }
    }
    copies.sort();
    copies.dedup();
    for c in &copies {
        for (i, _) in text.match_indices(c.as_str()) {
            cands.push((i..i + c.len(), Cand::Copy(c.clone())));
        }
    }
    // Credentials first at a position, then the longest candidate.
    cands.sort_by_key(|(r, c)| {
        let rank = match c {
            Cand::Secret(_) => 0,
            Cand::Url | Cand::Copy(_) => 1,
            _ => 2,
        };
        (r.start, rank, usize::MAX - r.len())
    });
    let mut out = String::with_capacity(text.len());
    let mut reps = Vec::new();
    let mut pos = 0usize;
    // Placeholders of the secrets' copies: a decoded password becomes the
    // plain marker, a copy of a payload the same payload placeholder.
    for (mut r, mut c) in cands {
        // `user:password@mx.acme.com` in a URL: the password went, the host
        // is still a host.
        if let Cand::Token(Token::Email { at }) = c {
            if r.start < pos && pos <= at + 1 {
                r = at + 1..r.end;
                c = Cand::Token(Token::Host);
            }
        }
        if r.start < pos || r.end > text.len() || r.start >= r.end {
            continue;
        }
        let original = text.get(r.clone()).unwrap_or("");
        let (what, replacement, shown) = match c {
            Cand::Secret(_) => match secret_text.get(original) {
                Some(t) => (What::Credential, t.clone(), None),
                None => continue,
            },
            Cand::Copy(v) => (
                What::Credential,
                secret_text
                    .get(&v)
                    .cloned()
                    .unwrap_or_else(|| REDACTED.to_string()),
                None,
            ),
            Cand::Url => (What::Credential, REDACTED.to_string(), None),
            Cand::User => (
                What::Address,
                ph.user(original, opts.hosts),
                Some(original.to_string()),
            ),
            Cand::Token(tok) => {
                let rep = match tok {
                    Token::Email { at } => {
                        let local = text.get(r.start..at).unwrap_or("");
                        let domain = text.get(at + 1..r.end).unwrap_or("");
                        if !opts.addresses {
                            format!("{local}@{}", ph.host(domain))
                        } else {
                            ph.email(local, domain, opts.hosts)
                        }
                    }
                    Token::Host => ph.host(original),
                    Token::Ipv4(ip) => ph.ipv4(ip),
                    Token::Ipv6(ip) => ph.ipv6(ip),
                    Token::UrlPassword => REDACTED.to_string(),
                };
                let what = match tok {
                    Token::Email { .. } => What::Address,
                    Token::Host => What::Host,
                    Token::Ipv4(_) | Token::Ipv6(_) => What::Ip,
                    Token::UrlPassword => What::Credential,
                };
                if rep == original {
                    continue;
                }
                (what, rep, Some(original.to_string()))
            }
        };
        out.push_str(text.get(pos..r.start).unwrap_or(""));
        let start = out.len();
        out.push_str(&replacement);
        reps.push(Replacement {
            what,
            span: Span::new(start, out.len()),
            original: shown,
        });
        pos = r.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    Redacted {
        text: out,
        options: *opts,
        replacements: reps,
    }
}
