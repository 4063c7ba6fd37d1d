//! Commands, RFC 5321 §4.1.1, with STARTTLS (RFC 3207 §4), AUTH (RFC 4954
//! §4) and BDAT (RFC 3030 §2).

use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{digit1, space0, space1};
use nom::combinator::{opt, rest};
use nom::{IResult, Parser};
use serde::Serialize;

use super::address::{path, quirk_unbracketed_path};

/// The command verbs SMTP Lens knows, plus the two client lines that are not
/// verbs: an AUTH continuation and the end-of-data dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verb {
    Ehlo,
    Helo,
    Lhlo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Vrfy,
    Expn,
    Help,
    Noop,
    Quit,
    Starttls,
    Auth,
    Etrn,
    Turn,
    Atrn,
    Xclient,
    Xforward,
    /// A line answering a `334` challenge.
    AuthResponse,
    /// A line of message content after `354`.
    DataLine,
    /// The `.` that ends the message content.
    DataEnd,
    /// A verb SMTP Lens does not know.
    Unknown,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Ehlo => "EHLO",
            Verb::Helo => "HELO",
            Verb::Lhlo => "LHLO",
            Verb::Mail => "MAIL",
            Verb::Rcpt => "RCPT",
            Verb::Data => "DATA",
            Verb::Bdat => "BDAT",
            Verb::Rset => "RSET",
            Verb::Vrfy => "VRFY",
            Verb::Expn => "EXPN",
            Verb::Help => "HELP",
            Verb::Noop => "NOOP",
            Verb::Quit => "QUIT",
            Verb::Starttls => "STARTTLS",
            Verb::Auth => "AUTH",
            Verb::Etrn => "ETRN",
            Verb::Turn => "TURN",
            Verb::Atrn => "ATRN",
            Verb::Xclient => "XCLIENT",
            Verb::Xforward => "XFORWARD",
            Verb::AuthResponse => "AUTH_RESPONSE",
            Verb::DataLine => "DATA_LINE",
            Verb::DataEnd => "DATA_END",
            Verb::Unknown => "UNKNOWN",
        }
    }

    /// The verb for a word, case-insensitively.
    pub fn from_word(w: &str) -> Verb {
        const KNOWN: &[(&str, Verb)] = &[
            ("EHLO", Verb::Ehlo),
            ("HELO", Verb::Helo),
            ("LHLO", Verb::Lhlo),
            ("MAIL", Verb::Mail),
            ("RCPT", Verb::Rcpt),
            ("DATA", Verb::Data),
            ("BDAT", Verb::Bdat),
            ("RSET", Verb::Rset),
            ("VRFY", Verb::Vrfy),
            ("EXPN", Verb::Expn),
            ("HELP", Verb::Help),
            ("NOOP", Verb::Noop),
            ("QUIT", Verb::Quit),
            ("STARTTLS", Verb::Starttls),
            ("AUTH", Verb::Auth),
            ("ETRN", Verb::Etrn),
            ("TURN", Verb::Turn),
            ("ATRN", Verb::Atrn),
            ("XCLIENT", Verb::Xclient),
            ("XFORWARD", Verb::Xforward),
        ];
        KNOWN
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(w))
            .map_or(Verb::Unknown, |(_, v)| *v)
    }
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command<'a> {
    Ehlo {
        domain: &'a str,
    },
    Helo {
        domain: &'a str,
    },
    Lhlo {
        domain: &'a str,
    },
    Mail {
        path: &'a str,
        params: &'a str,
    },
    Rcpt {
        path: &'a str,
        params: &'a str,
    },
    Data,
    Bdat {
        size: u64,
        last: bool,
    },
    Rset,
    Vrfy {
        arg: &'a str,
    },
    Expn {
        arg: &'a str,
    },
    Help {
        arg: &'a str,
    },
    Noop,
    Quit,
    Starttls,
    Auth {
        mechanism: &'a str,
        initial: Option<&'a str>,
    },
    /// A known verb whose arguments did not parse, or another verb.
    Other {
        verb: Verb,
        word: &'a str,
        args: &'a str,
    },
}

impl Command<'_> {
    pub fn verb(&self) -> Verb {
        match self {
            Command::Ehlo { .. } => Verb::Ehlo,
            Command::Helo { .. } => Verb::Helo,
            Command::Lhlo { .. } => Verb::Lhlo,
            Command::Mail { .. } => Verb::Mail,
            Command::Rcpt { .. } => Verb::Rcpt,
            Command::Data => Verb::Data,
            Command::Bdat { .. } => Verb::Bdat,
            Command::Rset => Verb::Rset,
            Command::Vrfy { .. } => Verb::Vrfy,
            Command::Expn { .. } => Verb::Expn,
            Command::Help { .. } => Verb::Help,
            Command::Noop => Verb::Noop,
            Command::Quit => Verb::Quit,
            Command::Starttls => Verb::Starttls,
            Command::Auth { .. } => Verb::Auth,
            Command::Other { verb, .. } => *verb,
        }
    }
}

fn word(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_').parse(i)
}

fn arg(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    rest(i).map(|(r, a)| (r, a.trim_end()))
}

/// ```abnf
/// ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
/// helo = "HELO" SP Domain CRLF
/// ```
pub fn ehlo_arg(i: &str) -> IResult<&str, &str> {
    let (i, _) = space1(i)?;
    let (i, d) = take_while1(|c: char| !c.is_whitespace()).parse(i)?;
    Ok((i, d))
}

/// A literal, ASCII case ignored (RFC 5234 §2.3: ABNF strings are
/// case-insensitive). nom's `tag_no_case` compares Unicode lower cases,
/// which links Unicode's case tables into the page (5.6 KB gzipped) for
/// literals that are all ASCII: the same matches (test below).
fn ascii_no_case(lit: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i: &str| {
        let n = lit.len();
        match (i.get(..n), i.get(n..)) {
            (Some(head), Some(rest)) if head.eq_ignore_ascii_case(lit) => Ok((rest, head)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            ))),
        }
    }
}

/// ```abnf
/// mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
/// rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
///        Forward-path ) [SP Rcpt-parameters] CRLF
/// ```
/// `prefix` is `FROM:` or `TO:`. Quirks: a space after the colon
/// (`MAIL FROM: <a@b>`), a path without brackets.
pub fn mail_or_rcpt<'a>(
    prefix: &'static str,
) -> impl Fn(&'a str) -> IResult<&'a str, (&'a str, &'a str)> {
    move |i| {
        let (i, _) = space1(i)?;
        let (i, _) = ascii_no_case(prefix)(i)?;
        let (i, _) = space0(i)?; // quirk: space after the colon
        let (i, p) = alt((path, quirk_unbracketed_path)).parse(i)?;
        let (i, params) = arg(i)?;
        Ok((i, (p, params)))
    }
}

/// ```abnf
/// bdat-cmd   ::= "BDAT" SP chunk-size [ SP end-marker ] CR LF
/// chunk-size ::= 1*DIGIT
/// end-marker ::= "LAST"
/// ```
pub fn bdat_arg(i: &str) -> IResult<&str, (u64, bool)> {
    let (i, _) = space1(i)?;
    let (i, n) = digit1(i)?;
    let (i, last) = opt((space1, ascii_no_case("LAST"))).parse(i)?;
    Ok((i, (n.parse().unwrap_or(u64::MAX), last.is_some())))
}

/// ```abnf
/// auth-command = "AUTH" SP sasl-mech [SP initial-response] *(CRLF [base64]) [CRLF cancel-response] CRLF
/// sasl-mech    = 1*20mech-char
/// initial-response = base64 / "="
/// ```
pub fn auth_arg(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    let (i, _) = space1(i)?;
    let (i, mech) =
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_').parse(i)?;
    let (i, _) = space0(i)?;
    let (i, init) = take_while(|c: char| !c.is_whitespace()).parse(i)?;
    Ok((i, (mech, (!init.is_empty()).then_some(init))))
}

/// Parses one client command line. Never fails: anything that is not a
/// known command is [`Command::Other`].
pub fn command(line: &str) -> Command<'_> {
    let (args, w) = match word(line) {
        Ok(x) => x,
        Err(_) => {
            return Command::Other {
                verb: Verb::Unknown,
                word: line,
                args: "",
            }
        }
    };
    let verb = Verb::from_word(w);
    let other = Command::Other {
        verb,
        word: w,
        args: args.trim(),
    };
    let trailing_ok = |r: &str| r.trim().is_empty();
    match verb {
        Verb::Ehlo | Verb::Helo | Verb::Lhlo => match ehlo_arg(args) {
            Ok((_, domain)) => match verb {
                Verb::Ehlo => Command::Ehlo { domain },
                Verb::Helo => Command::Helo { domain },
                _ => Command::Lhlo { domain },
            },
            Err(_) => other,
        },
        Verb::Mail => match mail_or_rcpt("FROM:")(args) {
            Ok((_, (path, params))) => Command::Mail { path, params },
            Err(_) => other,
        },
        Verb::Rcpt => match mail_or_rcpt("TO:")(args) {
            Ok((_, (path, params))) => Command::Rcpt { path, params },
            Err(_) => other,
        },
        Verb::Data if trailing_ok(args) => Command::Data,
        Verb::Rset if trailing_ok(args) => Command::Rset,
        Verb::Noop => Command::Noop,
        Verb::Quit if trailing_ok(args) => Command::Quit,
        Verb::Starttls if trailing_ok(args) => Command::Starttls,
        Verb::Bdat => match bdat_arg(args) {
            Ok((_, (size, last))) => Command::Bdat { size, last },
            Err(_) => other,
        },
        Verb::Vrfy => Command::Vrfy { arg: args.trim() },
        Verb::Expn => Command::Expn { arg: args.trim() },
        Verb::Help => Command::Help { arg: args.trim() },
        Verb::Auth => match auth_arg(args) {
            Ok((_, (mechanism, initial))) => Command::Auth { mechanism, initial },
            Err(_) => other,
        },
        _ => other,
    }
}

/// True when the line starts with a known verb followed by a space or the end:
/// how a raw (undecorated) transcript tells a command from chatter.
pub fn starts_with_verb(line: &str) -> bool {
    let w = line.split([' ', '\t']).next().unwrap_or("");
    Verb::from_word(w) != Verb::Unknown
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_no_case_matches_what_tag_no_case_matched() {
        use nom::bytes::complete::tag_no_case;
        use nom::Parser;
        let inputs = [
            "FROM:<a@b>",
            "from:<a@b>",
            "FrOm:",
            "FROM",
            "",
            "TO:<b@c>",
            "to:x",
            "T\u{212a}:",
            "LAST",
            "last x",
            "LAS",
            "\u{e9}FROM:",
            "FROM:\u{e9}",
            "L\u{130}ST",
        ];
        let mut matched = 0;
        for lit in ["FROM:", "TO:", "LAST"] {
            for i in inputs {
                let ours = super::ascii_no_case(lit)(i).ok();
                let noms = tag_no_case::<&str, &str, nom::error::Error<&str>>(lit)
                    .parse(i)
                    .ok();
                assert_eq!(ours, noms, "{lit} on {i:?}");
                matched += usize::from(ours.is_some());
            }
        }
        assert!(matched >= 6);
    }

    use super::*;

    #[test]
    fn commands() {
        assert_eq!(
            command("EHLO client.example"),
            Command::Ehlo {
                domain: "client.example"
            }
        );
        assert_eq!(
            command("ehlo [127.0.0.1]"),
            Command::Ehlo {
                domain: "[127.0.0.1]"
            }
        );
        assert_eq!(
            command("MAIL FROM:<a@b> SIZE=10 BODY=8BITMIME"),
            Command::Mail {
                path: "a@b",
                params: "SIZE=10 BODY=8BITMIME"
            }
        );
        assert_eq!(
            command("mail from: <a@b>"),
            Command::Mail {
                path: "a@b",
                params: ""
            }
        );
        assert_eq!(
            command("RCPT TO:c@d"),
            Command::Rcpt {
                path: "c@d",
                params: ""
            }
        );
        assert_eq!(
            command("AUTH PLAIN AGE="),
            Command::Auth {
                mechanism: "PLAIN",
                initial: Some("AGE=")
            }
        );
        assert_eq!(
            command("AUTH LOGIN"),
            Command::Auth {
                mechanism: "LOGIN",
                initial: None
            }
        );
        assert_eq!(
            command("BDAT 100 LAST"),
            Command::Bdat {
                size: 100,
                last: true
            }
        );
        assert_eq!(command("STARTTLS"), Command::Starttls);
        assert_eq!(command("XYZZY 1").verb(), Verb::Unknown);
        assert_eq!(command("MAIL nonsense").verb(), Verb::Mail);
        assert_eq!(command("").verb(), Verb::Unknown);
        assert!(starts_with_verb("QUIT"));
        assert!(!starts_with_verb("Quitting now"));
    }
}
