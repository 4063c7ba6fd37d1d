//! What a client tool's line says, once its decoration is stripped.

use std::borrow::Cow;

/// The meaning of one line of a client tool's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag<'a> {
    /// SMTP text the client sent (may hold several lines separated by `\n`).
    Client(Cow<'a, str>),
    /// SMTP text the server sent (may hold several lines separated by `\n`).
    Server(Cow<'a, str>),
    /// Client text the tool marks as sent inside TLS (swaks `~>`).
    ClientTls(Cow<'a, str>),
    /// Server text the tool marks as read inside TLS (swaks `<~`).
    ServerTls(Cow<'a, str>),
    /// SMTP text whose direction the tool does not print: the session
    /// builder decides from its content and the protocol state.
    Raw(Cow<'a, str>),
    /// Something the client tool reports about the connection.
    Info(Info),
    /// Decoration without SMTP content, with the reason.
    Noise(Note),
    /// A server log that records a command and the reply it got on one line
    /// (Postfix `NOQUEUE: reject: RCPT from ...: 554 5.7.1 ...`).
    Logged {
        verb: crate::parse::Verb,
        reply: Cow<'a, str>,
    },
    /// A server log line that is a whole session: a command refused, with
    /// the reason's text but no reply code (Exim `rejected RCPT <x>: ...`).
    LoggedSession {
        verb: crate::parse::Verb,
        text: Cow<'a, str>,
    },
}

/// Why a line is noise (one byte in every event; the report prints the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Note {
    Blank,
    Certificate,
    NotSmtp,
    NotThisClient,
    NoReplyCode,
    ToolChatter,
    JavaException,
    ByteCount,
    Repeated,
    DataMarker,
    ProgressMeter,
    EmptyToolLine,
    NotALiteral,
    Summary,
    TerminalRemark,
}

impl Note {
    pub fn as_str(self) -> &'static str {
        match self {
            Note::Blank => "blank line",
            Note::Certificate => "certificate",
            Note::NotSmtp => "not an SMTP command or reply",
            Note::NotThisClient => "looks like SMTP but lacks this client's decoration",
            Note::ToolChatter => "the client tool's own output",
            Note::NoReplyCode => "server line without a reply code",
            Note::JavaException => "Java exception",
            Note::ByteCount => "byte count",
            Note::Repeated => "the tool repeats a reply shown elsewhere",
            Note::DataMarker => "data marker",
            Note::ProgressMeter => "progress meter",
            Note::EmptyToolLine => "empty line of the tool",
            Note::NotALiteral => "not a string literal",
            Note::Summary => "the tool's summary of a reply shown above",
            Note::TerminalRemark => "terminal remark",
        }
    }

    /// True for lines the engine could not place (reported as diagnostics).
    pub fn is_unplaced(self) -> bool {
        matches!(self, Note::NotThisClient | Note::NoReplyCode)
    }
}

impl serde::Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Facts a client tool prints about the connection, outside SMTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Info {
    /// A new connection starts (a new session), to `port` if shown.
    /// `tls_known`: the tool prints TLS whenever it is used, so a session
    /// without TLS lines is known to be cleartext (false for smtplib, whose
    /// output is the same over SMTP_SSL).
    /// `version`: a TLS version the command line forces (`openssl -tls1_1`).
    Connect {
        port: Option<u16>,
        implicit_tls: bool,
        starttls: bool,
        tls_known: bool,
        version: Option<String>,
    },
    /// The TLS handshake failed (openssl `New, (NONE), Cipher is (NONE)`).
    TlsFailed,
    /// A port mentioned without starting a session (a config dump).
    Port(u16),
    /// The tool says the connection is TLS from the first byte.
    ImplicitTls,
    /// TLS is up, with the protocol version and cipher when printed.
    TlsUp {
        version: Option<String>,
        cipher: Option<String>,
    },
    /// A line of the TLS handshake (certificate chain, handshake messages).
    TlsDetail,
    /// The protocol version alone.
    TlsVersion(String),
    /// The certificate verification result.
    TlsVerify { ok: bool, detail: String },
    /// The tool says the AUTH exchange is not printed (JavaMail).
    AuthHidden { mechanism: String },
    /// The tool reports the AUTH outcome itself (and the user, if it says).
    AuthOutcome { ok: bool, user: Option<String> },
    /// The tool reports the STARTTLS upgrade done (its exchange may be hidden).
    StartTlsDone,
    /// The tool names the user it authenticates as.
    User(String),
    /// The connection was closed.
    Closed,
    /// A server log says a message was queued (accepted).
    MessageAccepted,
    /// A server log line that sums up a whole session (Exim's `<=` line).
    LogSummary {
        tls_version: Option<String>,
        cipher: Option<String>,
        auth_mechanism: Option<String>,
        auth_user: Option<String>,
        auth_ok: Option<bool>,
        accepted: bool,
    },
    /// Any other remark of the tool (errors, progress).
    Note,
}

impl Info {
    /// True for TLS facts (the report's `tls` event kind).
    pub fn is_tls(&self) -> bool {
        matches!(
            self,
            Info::ImplicitTls
                | Info::StartTlsDone
                | Info::TlsFailed
                | Info::TlsUp { .. }
                | Info::TlsDetail
                | Info::TlsVersion(_)
                | Info::TlsVerify { .. }
        )
    }
}

/// Normalises a TLS version as tools print it (`TLS1.3`, `TLSv1_2`, `SSLv3`)
/// to `TLSv1.3` / `SSLv3`.
pub fn tls_version(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c| c == '(' || c == ')' || c == ',');
    let upper = t.to_ascii_uppercase();
    let (proto, rest) = if let Some(r) = upper.strip_prefix("TLS") {
        ("TLSv", r)
    } else if let Some(r) = upper.strip_prefix("SSL") {
        ("SSLv", r)
    } else {
        return None;
    };
    let num = rest.trim_start_matches(['V', ' ']).replace('_', ".");
    let ok =
        !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit() || b == b'.') && num.len() <= 4;
    ok.then(|| format!("{proto}{num}"))
}

/// A port number at the start of `s`.
pub fn port_prefix(s: &str) -> Option<u16> {
    let digits: &str = s.get(..s.bytes().take_while(u8::is_ascii_digit).count())?;
    digits.parse().ok().filter(|p| *p > 0)
}

/// The port after the last `:` of `host:port` (IPv6 in brackets too).
pub fn host_port(s: &str) -> Option<u16> {
    let colon = s.rfind(':')?;
    port_prefix(s.get(colon + 1..)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(tls_version("TLSv1.3").as_deref(), Some("TLSv1.3"));
        assert_eq!(tls_version("(TLS1.2)").as_deref(), Some("TLSv1.2"));
        assert_eq!(tls_version("SSLv3").as_deref(), Some("SSLv3"));
        assert_eq!(tls_version("TLS_AES_256"), None);
        assert_eq!(host_port("127.0.0.1:587..."), Some(587));
        assert_eq!(host_port("[::1]:465"), Some(465));
    }
}
