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
    Size {
        limit: Option<u64>,
    },
    Starttls,
    /// RFC 4954; the mechanisms in upper case. `AUTH=LOGIN` (old form) too.
    Auth {
        mechanisms: Vec<String>,
    },
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
    Other {
        name: String,
        params: String,
    },
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
    let is = |name: &str| kw.eq_ignore_ascii_case(name);
    let mechs = || {
        params
            .split_ascii_whitespace()
            .map(str::to_ascii_uppercase)
            .collect()
    };
    Some(if is("AUTH") {
        Capability::Auth {
            mechanisms: mechs(),
        }
    } else if old_auth {
        Capability::Other {
            name: format!("{}=", kw.to_ascii_uppercase()),
            params: params.to_string(),
        }
    } else if is("PIPELINING") {
        Capability::Pipelining
    } else if is("SIZE") {
        Capability::Size {
            limit: params.parse().ok().filter(|n| *n > 0),
        }
    } else if is("STARTTLS") {
        Capability::Starttls
    } else if is("8BITMIME") {
        Capability::EightBitMime
    } else if is("SMTPUTF8") {
        Capability::Smtputf8
    } else if is("CHUNKING") {
        Capability::Chunking
    } else if is("BINARYMIME") {
        Capability::Binarymime
    } else if is("DSN") {
        Capability::Dsn
    } else if is("ENHANCEDSTATUSCODES") {
        Capability::Enhancedstatuscodes
    } else if is("REQUIRETLS") {
        Capability::Requiretls
    } else if is("VRFY") {
        Capability::Vrfy
    } else if is("ETRN") {
        Capability::Etrn
    } else if is("DELIVERBY") {
        Capability::Deliverby
    } else {
        Capability::Other {
            name: kw.to_ascii_uppercase(),
            params: params.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords() {
        assert_eq!(
            ehlo_line("SIZE 10240000"),
            Some(Capability::Size {
                limit: Some(10240000)
            })
        );
        assert_eq!(
            ehlo_line("AUTH PLAIN login"),
            Some(Capability::Auth {
                mechanisms: vec!["PLAIN".into(), "LOGIN".into()]
            })
        );
        assert_eq!(
            ehlo_line("AUTH=PLAIN LOGIN"),
            Some(Capability::Auth {
                mechanisms: vec!["PLAIN".into(), "LOGIN".into()]
            })
        );
        assert_eq!(ehlo_line("starttls"), Some(Capability::Starttls));
        assert_eq!(
            ehlo_line("X-FOO bar"),
            Some(Capability::Other {
                name: "X-FOO".into(),
                params: "bar".into()
            })
        );
        assert_eq!(ehlo_line("8bitmime"), Some(Capability::EightBitMime));
        assert_eq!(
            ehlo_line("EnhancedStatusCodes"),
            Some(Capability::Enhancedstatuscodes)
        );
        assert_eq!(
            ehlo_line("X-AN-EXTENSION-WITH-A-VERY-LONG-NAME x"),
            Some(Capability::Other {
                name: "X-AN-EXTENSION-WITH-A-VERY-LONG-NAME".into(),
                params: "x".into()
            })
        );
        assert_eq!(
            ehlo_line("size=1"),
            Some(Capability::Other {
                name: "SIZE=".into(),
                params: "1".into()
            })
        );
        assert_eq!(ehlo_line("mail.example.com Hello"), None);
        assert_eq!(ehlo_line("!!"), None);
    }
}
