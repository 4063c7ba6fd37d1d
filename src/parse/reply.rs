//! Replies, RFC 5321 §4.2 and enhanced status codes, RFC 3463 §2 / RFC 2034.

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};
use serde::Serialize;

/// One line of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyLine<'a> {
    pub code: u16,
    /// `true` for `250-...`: more lines follow.
    pub more: bool,
    pub enhanced: Option<Enhanced>,
    /// The text after the code (and after the enhanced code, if any).
    pub text: &'a str,
}

/// An enhanced status code `class.subject.detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Enhanced {
    pub class: u8,
    pub subject: u16,
    pub detail: u16,
}

impl std::fmt::Display for Enhanced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl Serialize for Enhanced {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// ```abnf
/// Reply-code = %x32-35 %x30-35 %x30-39
/// ```
pub fn reply_code(i: &str) -> IResult<&str, u16> {
    let (i, code) = recognize((
        satisfy(|c| ('2'..='5').contains(&c)),
        satisfy(|c| c.is_ascii_digit()),
        satisfy(|c| c.is_ascii_digit()),
    ))
    .parse(i)?;
    Ok((i, code.parse().unwrap_or(0)))
}

fn number(i: &str) -> IResult<&str, u16> {
    let (i, d) = take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)?;
    Ok((i, d.parse().unwrap_or(0)))
}

/// ```abnf
/// status-code ::= class "." subject "." detail     ; RFC 3463 §2
/// class       ::= "2" / "4" / "5"
/// subject     ::= 1*3digit
/// detail      ::= 1*3digit
/// ```
pub fn status_code(i: &str) -> IResult<&str, Enhanced> {
    let (i, (class, _, subject, _, detail)) = (
        satisfy(|c| matches!(c, '2' | '4' | '5')),
        char('.'),
        number,
        char('.'),
        number,
    )
        .parse(i)?;
    let class = if class == '2' {
        2
    } else if class == '4' {
        4
    } else {
        5
    };
    Ok((
        i,
        Enhanced {
            class,
            subject,
            detail,
        },
    ))
}

/// ```abnf
/// Reply-line = *( Reply-code "-" [ textstring ] CRLF )
///              Reply-code [ SP textstring ] CRLF
/// ```
/// One line of it; the enhanced code (RFC 2034 §4) is split off the text when
/// it is followed by a space or ends the line.
///
/// Quirks accepted: a bare code with no space (`354`), a tab instead of the
/// space, and trailing text glued to a code ending in the line.
pub fn reply_line(i: &str) -> Option<ReplyLine<'_>> {
    let (rest, code) = reply_code(i).ok()?;
    let (text, more) = match rest.as_bytes().first() {
        None => ("", false),
        Some(b'-') => (rest.get(1..).unwrap_or(""), true),
        Some(b' ') | Some(b'\t') => (rest.get(1..).unwrap_or(""), false),
        Some(_) => return None,
    };
    let (enhanced, text) = match opt(status_code).parse(text) {
        Ok((after, Some(e))) if after.is_empty() || after.starts_with([' ', '\t']) => {
            (Some(e), after.trim_start_matches([' ', '\t']))
        }
        _ => (None, text),
    };
    Some(ReplyLine {
        code,
        more,
        enhanced,
        text,
    })
}

/// A multi-line reply flattened onto one line by a web page or a client
/// (`250-mx 250-PIPELINING 250 8BITMIME`): the byte offsets where each
/// embedded reply line of the same code starts. Empty when the line is an
/// ordinary single line.
pub fn run_together_splits(line: &str, code: u16) -> Vec<usize> {
    let mut cuts = Vec::new();
    let b = line.as_bytes();
    // Only a line that starts as a continuation (`250-`) can hold more lines.
    if b.get(3) != Some(&b'-') {
        return cuts;
    }
    let digits = [
        b'0' + (code / 100 % 10) as u8,
        b'0' + (code / 10 % 10) as u8,
        b'0' + (code % 10) as u8,
    ];
    // Each occurrence of the code from `i` on, `i` moving past each one
    // found: found by its first digit (every line of every EHLO reply is
    // a continuation: a one-shot substring search built a searcher each).
    let mut i = 4;
    for at in memchr::memchr_iter(digits[0], b.get(4..).unwrap_or(&[])).map(|j| j + 4) {
        if at < i || b.get(at..at + 3) != Some(digits.as_slice()) {
            continue;
        }
        let before_ok = at > 0 && matches!(b.get(at - 1), Some(b' ') | Some(b',') | Some(b'\t'));
        let after_ok = matches!(b.get(at + 3), Some(b'-') | Some(b' ') | None);
        if before_ok && after_ok {
            cuts.push(at);
        }
        i = at + 3;
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former search: a substring search from each place on.
    fn splits_by_search(line: &str, code: u16) -> Vec<usize> {
        let mut cuts = Vec::new();
        let b = line.as_bytes();
        if b.get(3) != Some(&b'-') {
            return cuts;
        }
        let digits = code.to_string();
        let mut i = 4;
        while let Some(off) = b
            .get(i..)
            .and_then(|t| memchr::memmem::find(t, digits.as_bytes()))
        {
            let at = i + off;
            let before_ok = matches!(b.get(at - 1), Some(b' ') | Some(b',') | Some(b'\t'));
            let after_ok = matches!(b.get(at + 3), Some(b'-') | Some(b' ') | None);
            if before_ok && after_ok {
                cuts.push(at);
            }
            i = at + 3;
        }
        cuts
    }

    #[test]
    fn run_together_as_searched() {
        let corpus = crate::testutil::every_fixture();
        let mut lines: Vec<&str> = corpus.lines().collect();
        lines.extend([
            "250-mx Hello 250-PIPELINING 250-SIZE 1000 250 HELP",
            "250-250250 250-250-250 250",
            "250-x,250-y\t250 z",
            "550-a 550",
            "250-",
            "250-2",
            "250-25",
            "250-x 250",
        ]);
        let mut cut = 0;
        for l in lines {
            for code in [250, 550, 220, 0, 999] {
                let want = splits_by_search(l, code);
                cut += want.len();
                assert_eq!(run_together_splits(l, code), want, "{l:?} {code}");
            }
        }
        assert!(cut >= 8, "{cut}");
    }

    #[test]
    fn lines() {
        let r = reply_line("250-PIPELINING").unwrap();
        assert_eq!((r.code, r.more, r.text), (250, true, "PIPELINING"));
        let r = reply_line("535 5.7.8 Error: authentication failed").unwrap();
        assert_eq!(
            r.enhanced,
            Some(Enhanced {
                class: 5,
                subject: 7,
                detail: 8
            })
        );
        assert_eq!(r.text, "Error: authentication failed");
        let r = reply_line("354").unwrap();
        assert_eq!((r.code, r.more, r.text), (354, false, ""));
        assert!(reply_line("2500 x").is_none());
        assert!(reply_line("EHLO x").is_none());
        assert!(reply_line("650 x").is_none());
        assert_eq!(reply_line("250 2.0.0Ok").unwrap().enhanced, None);
        assert_eq!(reply_line("250 1.2.3 x").unwrap().enhanced, None);
    }

    #[test]
    fn run_together() {
        let l = "250-mx 250-PIPELINING 250 8BITMIME";
        assert_eq!(run_together_splits(l, 250), vec![7, 22]);
        assert!(run_together_splits("250 ok queued as 250 x", 250).is_empty());
    }
}
