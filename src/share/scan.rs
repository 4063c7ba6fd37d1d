//! Lexical scanners for what redaction may replace: e-mail addresses, host
//! names, IPv4 and IPv6 addresses, and passwords inside URLs. Each returns
//! byte ranges of the text; the caller decides what to keep.

use core::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

/// What a scanned token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// `local@domain`; `at` is the byte offset of the `@` in the text.
    Email {
        at: usize,
    },
    Host,
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
    /// The password of `scheme://user:password@host`.
    UrlPassword,
}

/// Top-level domains a host name may end with: the common generic ones,
/// country codes that are not also common file extensions (`.py`, `.sh`,
/// `.rs`, `.pl`, `.pm`, `.md`, `.so`, `.cf` as in Postfix's `main.cf`, `.zip`
/// ...), and the names private networks use.
const TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "name",
    "pro",
    "io",
    "co",
    "me",
    "tv",
    "cc",
    "app",
    "dev",
    "cloud",
    "email",
    "online",
    "site",
    "tech",
    "xyz",
    "eu",
    "asia",
    "us",
    "uk",
    "de",
    "fr",
    "nl",
    "be",
    "ch",
    "at",
    "it",
    "es",
    "pt",
    "se",
    "no",
    "dk",
    "fi",
    "is",
    "ie",
    "cz",
    "sk",
    "hu",
    "ro",
    "bg",
    "gr",
    "ru",
    "ua",
    "by",
    "lt",
    "lv",
    "ee",
    "jp",
    "cn",
    "kr",
    "tw",
    "hk",
    "sg",
    "in",
    "id",
    "my",
    "th",
    "vn",
    "ph",
    "au",
    "nz",
    "ca",
    "mx",
    "br",
    "ar",
    "cl",
    "pe",
    "za",
    "ng",
    "ke",
    "eg",
    "il",
    "tr",
    "ir",
    "sa",
    "ae",
    "qa",
    "lu",
    "li",
    "si",
    "hr",
    "rs",
    "ba",
    "mk",
    "al",
    "ai",
    "fm",
    "ly",
    "ws",
    "to",
    "gg",
    "nu",
    "local",
    "lan",
    "internal",
    "intranet",
    "corp",
    "home",
    "localdomain",
    "private",
    "arpa",
    "example",
    "test",
    "invalid",
    "localhost",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'@' | b'%' | b'+')
}

/// Maximal runs of word bytes, trimmed of leading and trailing punctuation.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            while bytes.get(i).is_some_and(|b| !is_word_byte(*b)) {
                i += 1;
            }
            let start = i;
            while bytes.get(i).is_some_and(|b| is_word_byte(*b)) {
                i += 1;
            }
            let mut s = start;
            let mut e = i;
            while s < e && bytes.get(s).is_some_and(|b| !b.is_ascii_alphanumeric()) {
                s += 1;
            }
            while e > s && bytes.get(e - 1).is_some_and(|b| !b.is_ascii_alphanumeric()) {
                e -= 1;
            }
            // A reply code glued to a multi-line reply's text: `250-mx.host`.
            let code = bytes.get(s..s + 4).unwrap_or(&[]);
            if let [a, b, c, b'-'] = code {
                if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() {
                    s += 4;
                }
            }
            if e > s {
                return Some(s..e);
            }
        }
        None
    })
}

fn is_label(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && !l.starts_with('-')
        && !l.ends_with('-')
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A dotted name of valid labels whose last label is alphabetic.
fn is_dotted_name(s: &str) -> bool {
    let mut labels = s.split('.');
    let last = s.rsplit('.').next().unwrap_or("");
    s.contains('.')
        && labels.all(is_label)
        && last.len() >= 2
        && last.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A host name: a dotted name under a known top-level domain, or one of
/// `extra` (names the session itself shows as hosts, lower case).
pub fn is_host(s: &str, extra: &[String]) -> bool {
    let lower = s.to_ascii_lowercase();
    if extra.contains(&lower) {
        return true;
    }
    let tld = lower.rsplit('.').next().unwrap_or("");
    is_dotted_name(s) && TLDS.contains(&tld)
}

fn is_local_part(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'))
}

fn ipv4(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    s.parse().ok()
}

/// E-mail addresses, host names and IPv4 addresses, in text order.
pub fn tokens(text: &str, extra_hosts: &[String]) -> Vec<(Range<usize>, Token)> {
    let mut out = Vec::new();
    for r in words(text) {
        let Some(w) = text.get(r.clone()) else {
            continue;
        };
        if let Some(at) = w.rfind('@') {
            let local = w.get(..at).unwrap_or("");
            let domain = w.get(at + 1..).unwrap_or("");
            let dstart = r.start + at + 1;
            if is_local_part(local) && is_dotted_name(domain) {
                out.push((r.clone(), Token::Email { at: r.start + at }));
            } else if let Some(ip) = ipv4(domain) {
                out.push((dstart..r.end, Token::Ipv4(ip)));
            } else if is_host(domain, extra_hosts) {
                out.push((dstart..r.end, Token::Host));
            }
        } else if let Some(ip) = ipv4(w) {
            out.push((r, Token::Ipv4(ip)));
        } else if !w.contains(['_', '%', '+']) && is_host(w, extra_hosts) {
            out.push((r, Token::Host));
        }
    }
    out
}

/// IPv6 addresses (compressed with `::` or all eight groups).
pub fn ipv6(text: &str) -> Vec<(Range<usize>, Token)> {
    let bytes = text.as_bytes();
    let is_v6 = |b: u8| b.is_ascii_hexdigit() || b == b':' || b == b'.';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(|b| is_v6(*b)) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| is_v6(*b)) {
            i += 1;
        }
        let Some(run) = text.get(start..i) else {
            continue;
        };
        let colons = run.bytes().filter(|b| *b == b':').count();
        if colons < 2 || !(run.contains("::") || colons >= 7) {
            continue;
        }
        let mut s = start;
        let mut cand = run.trim_end_matches(['.', ':']);
        // `6:2001:db8::1` from `IPv6:2001:db8::1`: the run starts inside a
        // word, so the address starts after its first colon.
        let inside_word = start
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(|b| b.is_ascii_alphanumeric());
        if inside_word {
            let Some(p) = cand.find(':') else { continue };
            if cand.get(p..).unwrap_or("").starts_with("::") {
                continue;
            }
            s = start + p + 1;
            cand = cand.get(p + 1..).unwrap_or("");
        }
        let parsed = cand.parse::<Ipv6Addr>().ok();
        if let Some(ip) = parsed {
            out.push((s..s + cand.len(), Token::Ipv6(ip)));
        }
    }
    out
}

/// Passwords in `scheme://user:password@host` URLs.
pub fn url_passwords(text: &str) -> Vec<(Range<usize>, Token)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("://") {
        let from = i + 3;
        let rest = text.get(from..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#' | '\'' | '"' | '>'))
            .unwrap_or(rest.len());
        let authority = rest.get(..end).unwrap_or("");
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        let userinfo = authority.get(..at).unwrap_or("");
        if let Some(colon) = userinfo.find(':') {
            if colon + 1 < at {
                out.push((from + colon + 1..from + at, Token::UrlPassword));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokens(text, &[])
            .into_iter()
            .filter_map(|(r, _)| text.get(r))
            .collect()
    }

    #[test]
    fn finds_addresses_hosts_and_ips() {
        assert_eq!(
            texts("250 mx.acme.com Hello [10.1.2.3], <Bob.Smith@Acme.COM>.\n250-smtp.acme.com"),
            vec![
                "mx.acme.com",
                "10.1.2.3",
                "Bob.Smith@Acme.COM",
                "smtp.acme.com"
            ]
        );
    }

    #[test]
    fn leaves_code_versions_and_files_alone() {
        assert!(texts("smtplib.py TLSv1.3 main.cf 2.0.0 ssl.create_default_context Net::SMTP.start 3.0.11 swaks.pl").is_empty());
    }

    #[test]
    fn single_label_hosts_only_when_named() {
        assert_eq!(texts("<20261128161109.014634@vm>"), Vec::<&str>::new());
        let t = "<20261128161109.014634@vm> EHLO vm";
        let found: Vec<&str> = tokens(t, &["vm".to_string()])
            .into_iter()
            .filter_map(|(r, _)| t.get(r))
            .collect();
        assert_eq!(found, vec!["vm", "vm"]);
    }

    #[test]
    fn ipv6_forms() {
        let t = "connect from x[IPv6:2001:470::5]: at 01:52:31 ::1 fe80::1%eth0";
        let found: Vec<&str> = ipv6(t).into_iter().filter_map(|(r, _)| t.get(r)).collect();
        assert_eq!(found, vec!["2001:470::5", "::1", "fe80::1"]);
    }

    #[test]
    fn url_password() {
        let t = "MAILER_DSN=smtp://bob:s3cr%40t@mail.acme.com:587 and https://acme.com/x@y";
        let found: Vec<&str> = url_passwords(t)
            .into_iter()
            .filter_map(|(r, _)| t.get(r))
            .collect();
        assert_eq!(found, vec!["s3cr%40t"]);
    }
}
