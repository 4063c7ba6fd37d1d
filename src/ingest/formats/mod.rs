//! One file per client format: each strips that client's decoration from a
//! line and says what the line is ([`Tag`]). A format whose exchange is
//! printed undecorated (openssl, telnet, JavaMail, sendmail, Exim) leaves
//! the SMTP lines to the content-based classifier ([`Def::raw_is_smtp`]).

mod curl;
mod exim;
mod javamail;
mod msmtp;
mod nodemailer;
mod openssl;
mod phpmailer;
mod postfix;
mod pylit;
mod rfc;
mod ruby;
mod sendemail;
mod sendmail;
mod smtplib;
mod swaks;
mod symfony;
mod terminal;

use serde::Serialize;

use super::lines;
use super::tag::Tag;

/// The client tool (or log) a paste comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Swaks,
    Openssl,
    Curl,
    Smtplib,
    Nodemailer,
    Msmtp,
    Sendemail,
    Phpmailer,
    Ruby,
    Javamail,
    Symfony,
    Rfc,
    PostfixLog,
    EximLog,
    Sendmail,
    Terminal,
    /// Nothing recognisable: SMTP lines read as they are.
    Unknown,
}

impl Format {
    /// The stable id (the report's `format`).
    pub fn id(self) -> &'static str {
        self.def().id
    }

    /// A human name.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Parses a format id (for the `--format` override).
    pub fn from_id(id: &str) -> Option<Format> {
        DEFS.iter().find(|d| d.id == id).map(|d| d.format)
    }

    /// The format's bit in a set of formats (`u32`).
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    pub fn def(self) -> &'static Def {
        DEFS.iter().find(|d| d.format == self).unwrap_or(&UNKNOWN)
    }

    pub fn all() -> impl Iterator<Item = Format> {
        DEFS.iter().map(|d| d.format)
    }
}

/// One line as a format's `strip` sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The line after cleaning and after its leading timestamp, if any.
    pub text: &'a str,
    /// The leading timestamp that was split off.
    pub ts: Option<&'a str>,
}

/// A format's definition.
pub struct Def {
    pub format: Format,
    pub id: &'static str,
    pub name: &'static str,
    /// Strips the decoration, or `None` when the line is not this format's.
    pub strip: for<'a> fn(&Input<'a>) -> Option<Tag<'a>>,
    /// Undecorated lines are the SMTP exchange itself.
    pub raw_is_smtp: bool,
    /// The bytes a line of this format can start with (empty: any), so a
    /// line is not offered to every format: a paste mixing many tools has
    /// many lines that none of them claims.
    pub first: FirstBytes,
    /// Line flags ([`crate::ingest::lines`]) of which a line of this
    /// format holds at least one (0: none needed): a cheap refusal for the
    /// formats that take any first byte.
    pub needs: u8,
}

/// A set of bytes, built at compile time, tested in two instructions
/// (every line not claimed by the tool of the line above is tested
/// against each format in play).
#[derive(Debug, Clone, Copy)]
pub struct FirstBytes {
    bits: [u64; 4],
    any: bool,
}

impl FirstBytes {
    /// The set of `bytes`; empty means any byte (and an empty line).
    // Evaluated at compile time: an index out of range fails the build.
    #[allow(clippy::indexing_slicing)]
    pub const fn of(bytes: &[u8]) -> FirstBytes {
        let mut bits = [0u64; 4];
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i] as usize;
            bits[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        FirstBytes {
            bits,
            any: bytes.is_empty(),
        }
    }

    fn has(&self, b: u8) -> bool {
        let b = usize::from(b);
        self.bits
            .get(b / 64)
            .is_some_and(|w| w >> (b % 64) & 1 != 0)
    }
}

impl Def {
    /// True when `text`, part of a line with `flags` (a superset of the
    /// bytes it holds: [`lines::ANY`] when unknown), may be this format's.
    /// Whether a text starting with `first` (`None`: an empty text) may
    /// be this format's, as far as its first byte tells.
    pub fn takes_first(&self, first: Option<u8>) -> bool {
        self.first.any || first.is_some_and(|b| self.first.has(b))
    }

    pub fn may_match(&self, text: &str, flags: u8) -> bool {
        (self.needs == 0 || flags & self.needs != 0)
            && (self.first.any || text.as_bytes().first().is_some_and(|&b| self.first.has(b)))
    }
}

fn none<'a>(_: &Input<'a>) -> Option<Tag<'a>> {
    None
}

const UNKNOWN: Def = Def {
    format: Format::Unknown,
    id: "unknown",
    name: "Unrecognised (read as a plain session)",
    strip: none,
    first: FirstBytes::of(b""),
    raw_is_smtp: true,
    needs: 0,
};

/// The registry, most specific decoration first (detection breaks ties in
/// this order).
pub static DEFS: &[Def] = &[
    Def {
        format: Format::Swaks,
        id: "swaks",
        name: "swaks",
        strip: swaks::strip,
        first: FirstBytes::of(b" -~<*="),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Phpmailer,
        id: "phpmailer",
        name: "PHPMailer (SMTPDebug)",
        strip: phpmailer::strip,
        first: FirstBytes::of(b"CS ARMI\t"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Nodemailer,
        id: "nodemailer",
        name: "Nodemailer (logger/debug)",
        strip: nodemailer::strip,
        first: FirstBytes::of(b"TDIWEF"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Smtplib,
        id: "smtplib",
        name: "Python smtplib (set_debuglevel)",
        strip: smtplib::strip,
        first: FirstBytes::of(b"srdc"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Ruby,
        id: "ruby",
        name: "Ruby Net::SMTP (debug_output)",
        strip: ruby::strip,
        first: FirstBytes::of(b"<-orwCT"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Msmtp,
        id: "msmtp",
        name: "msmtp --debug",
        strip: msmtp::strip,
        first: FirstBytes::of(b"<-ptTm( "),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Sendemail,
        id: "sendemail",
        name: "sendEmail -v",
        strip: sendemail::strip,
        first: FirstBytes::of(b""),
        raw_is_smtp: false,
        // Its lines carry a syslog tag (`program[pid]: `).
        needs: lines::BRACKET,
    },
    Def {
        format: Format::Symfony,
        id: "symfony",
        name: "Symfony Mailer (debug log)",
        strip: symfony::strip,
        first: FirstBytes::of(b"<>"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Curl,
        id: "curl",
        name: "curl -v",
        strip: curl::strip,
        first: FirstBytes::of(b"<>*{} %D0123456789"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::PostfixLog,
        id: "postfix-log",
        name: "Postfix log",
        strip: postfix::strip,
        first: FirstBytes::of(b""),
        raw_is_smtp: false,
        // Its lines carry a syslog tag (`program[pid]: `).
        needs: lines::BRACKET,
    },
    Def {
        format: Format::EximLog,
        id: "exim-log",
        name: "Exim debug log",
        strip: exim::strip,
        first: FirstBytes::of(b""),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Javamail,
        id: "javamail",
        name: "JavaMail / Jakarta Mail (mail.debug)",
        strip: javamail::strip,
        first: FirstBytes::of(b"D\t CjcE"),
        raw_is_smtp: true,
        needs: 0,
    },
    Def {
        format: Format::Openssl,
        id: "openssl",
        name: "openssl s_client",
        strip: openssl::strip,
        first: FirstBytes::of(b""),
        raw_is_smtp: true,
        needs: 0,
    },
    Def {
        format: Format::Sendmail,
        id: "sendmail",
        name: "sendmail -v",
        strip: sendmail::strip,
        first: FirstBytes::of(b""),
        raw_is_smtp: true,
        needs: 0,
    },
    Def {
        format: Format::Rfc,
        id: "rfc",
        name: "C: / S: transcript (RFC style, MailKit)",
        strip: rfc::strip,
        first: FirstBytes::of(b"CS \t"),
        raw_is_smtp: false,
        needs: 0,
    },
    Def {
        format: Format::Terminal,
        id: "terminal",
        name: "Terminal session (telnet, nc)",
        strip: terminal::strip,
        first: FirstBytes::of(b"TCES^t"),
        raw_is_smtp: true,
        needs: 0,
    },
    UNKNOWN,
];
