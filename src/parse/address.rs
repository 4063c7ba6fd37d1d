//! Paths and mailboxes, RFC 5321 §4.1.2.

use nom::bytes::complete::{tag, take_till, take_while1};
use nom::character::complete::char;
use nom::combinator::opt;
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

/// ```abnf
/// Path = "<" [ A-d-l ":" ] Mailbox ">"
/// A-d-l = At-domain *( "," At-domain )   ; source route, ignored
/// ```
/// Returns the mailbox (empty for the null path `<>`).
pub fn path(i: &str) -> IResult<&str, &str> {
    delimited(
        char('<'),
        (
            opt(terminated(take_till(|c| c == ':' || c == '>'), tag(":"))).map(|_| ()),
            take_till(|c| c == '>'),
        )
            .map(|(_, m)| m),
        char('>'),
    )
    .parse(i)
    .or_else(|_: nom::Err<nom::error::Error<&str>>| {
        // The source route form is rare; try the plain form again.
        delimited(char('<'), take_till(|c| c == '>'), char('>')).parse(i)
    })
}

/// Quirk: a path without angle brackets (`MAIL FROM:alice@example.com`).
pub fn quirk_unbracketed_path(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace()).parse(i)
}

/// The domain part of a mailbox, lower-cased; `None` for the null path or a
/// local-only address.
pub fn domain_of(mailbox: &str) -> Option<String> {
    let at = mailbox.rfind('@')?;
    let d = mailbox.get(at + 1..)?.trim_end_matches('.');
    (!d.is_empty()).then(|| d.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(path("<a@b.c> SIZE=1"), Ok((" SIZE=1", "a@b.c")));
        assert_eq!(path("<>"), Ok(("", "")));
        assert_eq!(path("<@x,@y:a@b>"), Ok(("", "a@b")));
        assert!(path("a@b").is_err());
        assert_eq!(domain_of("Alice@Example.COM"), Some("example.com".into()));
        assert_eq!(domain_of("postmaster"), None);
    }
}
