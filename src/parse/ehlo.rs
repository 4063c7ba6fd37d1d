//! EHLO keywords, RFC 5321 §4.1.1.1 and the extensions' RFCs.

use nom::bytes::complete::take_while1;
use nom::{IResult, Parser};
use serde::Serialize;

/// One capability advertised in an EHLO reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "keyword", rename_all = "SCREAMING-KEBAB-CASE")]
pub enum Capability {
    Pipelining,
    /// RFC 1870; `None` when no limit is announced (or `SIZE 0`).
    Size { limit: Option<u64> },
    Starttls,
    /// RFC 4954; the mechanisms in upper case. `AUTH=LOGIN` (old form) too.
    Auth { mechanisms: Vec<String> },
    #[serde(rename = "8BITMIME")]
    EightBitMime,
    Smtputf8,
    Chunking,
    Binarymime,
    Dsn,
    Enhancedstatuscodes,
    Requiretls,
    Vrfy,
    Etrn,
    Deliverby,
    /// Any other keyword, with its parameters.
    Other { name: String, params: String },
}

impl Capability {
    pub fn name(&self) -> &str {
        match self {
            Capability::Pipelining => "PIPELINING",
            Capability::Size { .. } => "SIZE",
            Capability::Starttls => "STARTTLS",
            Capability::Auth { .. } => "AUTH",
            Capability::EightBitMime => "8BITMIME",
            Capability::Smtputf8 => "SMTPUTF8",
            Capability::Chunking => "CHUNKING",
            Capability::Binarymime => "BINARYMIME",
            Capability::Dsn => "DSN",
            Capability::Enhancedstatuscodes => "ENHANCEDSTATUSCODES",
            Capability::Requiretls => "REQUIRETLS",
            Capability::Vrfy => "VRFY",
            Capability::Etrn => "ETRN",
            Capability::Deliverby => "DELIVERBY",
            Capability::Other { name, .. } => name,
        }
    }
}

/// ```abnf
/// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
/// ```
pub fn ehlo_keyword(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-').parse(i)
}

/// ```abnf
/// ehlo-line  = ehlo-keyword *( SP ehlo-param )
/// ehlo-param = 1*(%d33-126)
/// ```
/// Quirk: the pre-RFC 4954 `AUTH=LOGIN PLAIN` form.
pub fn ehlo_line(line: &str) -> Option<Capability> {
    let (rest, kw) = ehlo_keyword(line).ok()?;
    let (old_auth, params) = match rest.strip_prefix('=') {
        Some(p) => (true, p.trim()),
        None if rest.is_empty() || rest.starts_with([' ', '\t']) => (false, rest.trim()),
        None => return None,
    };
    let upper = kw.to_ascii_uppercase();
    let mechs = || params.split_ascii_whitespace().map(str::to_ascii_uppercase).collect();
    Some(match upper.as_str() {
        "AUTH" => Capability::Auth { mechanisms: mechs() },
        _ if old_auth => Capability::Other { name: format!("{upper}="), params: params.to_string() },
        "PIPELINING" => Capability::Pipelining,
        "SIZE" => Capability::Size { limit: params.parse().ok().filter(|n| *n > 0) },
        "STARTTLS" => Capability::Starttls,
        "8BITMIME" => Capability::EightBitMime,
        "SMTPUTF8" => Capability::Smtputf8,
        "CHUNKING" => Capability::Chunking,
        "BINARYMIME" => Capability::Binarymime,
        "DSN" => Capability::Dsn,
        "ENHANCEDSTATUSCODES" => Capability::Enhancedstatuscodes,
        "REQUIRETLS" => Capability::Requiretls,
        "VRFY" => Capability::Vrfy,
        "ETRN" => Capability::Etrn,
        "DELIVERBY" => Capability::Deliverby,
        _ => Capability::Other { name: upper, params: params.to_string() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords() {
        assert_eq!(ehlo_line("SIZE 10240000"), Some(Capability::Size { limit: Some(10240000) }));
        assert_eq!(ehlo_line("AUTH PLAIN login"), Some(Capability::Auth { mechanisms: vec!["PLAIN".into(), "LOGIN".into()] }));
        assert_eq!(ehlo_line("AUTH=PLAIN LOGIN"), Some(Capability::Auth { mechanisms: vec!["PLAIN".into(), "LOGIN".into()] }));
        assert_eq!(ehlo_line("starttls"), Some(Capability::Starttls));
        assert_eq!(ehlo_line("X-FOO bar"), Some(Capability::Other { name: "X-FOO".into(), params: "bar".into() }));
        assert_eq!(ehlo_line("mail.example.com Hello"), None);
        assert_eq!(ehlo_line("!!"), None);
    }
}
