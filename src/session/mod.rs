//! Sessions: the typed events of one SMTP connection, with the channel
//! state at every event, the capabilities, AUTH attempts and mail
//! transactions. Built in one pass by [`builder`].

pub mod builder;
pub mod server;

use std::sync::Arc;

use serde::Serialize;

use crate::parse::{Capability, Enhanced, Verb};
use crate::span::Span;

/// Who produced an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// The SMTP client (client → server).
    Client,
    /// The SMTP server (server → client).
    Server,
    /// The client tool's own remark (TLS, connection info).
    Tool,
    /// Not part of the exchange.
    None,
}

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Command,
    Reply,
    /// A line of message content (after `354`).
    Data,
    Tls,
    Info,
    Noise,
}

/// The state of the connection when an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Cleartext,
    /// Between the `220` to STARTTLS and the end of the handshake.
    Negotiating,
    Encrypted,
}

/// One event of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// 1-based line of the paste where the event starts.
    pub line: u32,
    /// The last line (multi-line replies); equal to `line` otherwise.
    pub end_line: u32,
    /// Bytes `[start, end)` of the SMTP text (the whole reply for
    /// multi-line replies).
    pub span: Span,
    pub dir: Dir,
    pub kind: Kind,
    pub channel: Channel,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<Verb>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enhanced: Option<Enhanced>,
    /// For a reply: the index (in `events`) of the command it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<u32>,
    /// A command the tool did not print, inferred from the server's replies.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// A multi-line reply whose lines carry different codes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub code_mismatch: bool,
    /// Why a noise line is noise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<crate::ingest::Note>,
}

/// How TLS was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    #[default]
    None,
    Starttls,
    Implicit,
    /// The transcript does not show whether TLS was used (smtplib prints the
    /// same over SMTP_SSL as in cleartext) and the port is not known.
    Unknown,
}

/// The certificate verification result the client tool printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlsVerify {
    pub ok: bool,
    pub detail: String,
    pub line: u32,
}

/// Where the port came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PortSource {
    /// Printed in the transcript.
    Transcript,
    /// Given by the caller (`--port`, the page's selector).
    Caller,
}

/// An EHLO / HELO / LHLO and what the server answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Greeting {
    pub verb: Verb,
    pub domain: String,
    pub line: u32,
    pub event: u32,
    pub channel: Channel,
    pub code: Option<u16>,
    /// Shared: a paste of many runs against one server has thousands of
    /// sessions with the same list (see `builder`).
    #[serde(serialize_with = "slice")]
    pub capabilities: Arc<[Capability]>,
}

/// `Arc<[T]>` as serde gives a slice (serde's `rc` feature is not on).
fn slice<T: Serialize, S: serde::Serializer>(v: &Arc<[T]>, s: S) -> Result<S::Ok, S::Error> {
    (**v).serialize(s)
}

/// The outcome of an AUTH attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Accepted,
    Rejected,
    #[default]
    Unknown,
}

/// One AUTH attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Auth {
    pub mechanism: String,
    pub user: Option<String>,
    /// Length of the password or token, when the transcript shows it (never
    /// the secret itself).
    pub password_len: Option<usize>,
    /// The client tool hid the secret (`[credentials hidden]`, `/* secret */`).
    pub secret_hidden: bool,
    /// True only inside an established TLS channel.
    pub over_tls: bool,
    /// The channel when AUTH was sent.
    pub channel: Channel,
    pub outcome: Outcome,
    /// The final reply code, when shown.
    pub code: Option<u16>,
    pub line: u32,
    /// Event index of the AUTH command.
    pub event: u32,
    /// Credentials actually went out (a payload was sent or the tool says so).
    pub credentials_sent: bool,
}

/// A recipient of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rcpt {
    pub to: String,
    pub line: u32,
    pub event: u32,
    pub code: Option<u16>,
}

/// One mail transaction (MAIL, RCPT..., DATA or BDAT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Transaction {
    pub from: Option<String>,
    pub line: u32,
    pub event: u32,
    pub mail_code: Option<u16>,
    pub rcpts: Vec<Rcpt>,
    /// The reply to DATA (354 when the server is ready).
    pub data_code: Option<u16>,
    /// The reply to the end of data (or BDAT LAST).
    pub end_code: Option<u16>,
    pub end_line: Option<u32>,
    pub accepted: bool,
    pub channel: Channel,
    /// An AUTH had been accepted earlier in the session.
    pub authenticated: bool,
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum End {
    /// QUIT answered with 221.
    Quit,
    /// The tool or the server closed the connection.
    Closed,
    /// The paste stops mid-session.
    #[default]
    Incomplete,
}

/// One SMTP connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Session {
    /// The client format of this session's lines (several tools can share
    /// one paste).
    pub format: Option<&'static str>,
    pub port: Option<u16>,
    pub port_source: Option<PortSource>,
    pub tls: TlsMode,
    pub tls_established: bool,
    pub tls_version: Option<String>,
    pub tls_cipher: Option<String>,
    pub tls_verify: Option<TlsVerify>,
    /// The STARTTLS exchange was done by the tool and not printed (openssl
    /// `-starttls`): capabilities before TLS are unknown.
    pub starttls_hidden: bool,
    /// The server software, when the banner or replies name it.
    pub server: Option<&'static str>,
    /// Event index of the greeting.
    pub greeting: Option<u32>,
    pub greetings: Vec<Greeting>,
    pub auths: Vec<Auth>,
    pub transactions: Vec<Transaction>,
    pub messages_accepted: u32,
    pub end: End,
    /// Only the client's side of the exchange is shown.
    pub client_only: bool,
    /// Only the server's side is shown (piped openssl): commands inferred.
    pub server_only: bool,
    /// The tool showed a connection being opened.
    #[serde(skip)]
    pub connected: bool,
    pub events: Vec<Event>,
    /// Spans of credentials (AUTH payloads) every surface must mask.
    pub secrets: Vec<Span>,
}

impl Session {
    /// Capabilities the server advertised in cleartext (last EHLO before TLS).
    pub fn capabilities_before_tls(&self) -> Option<&[Capability]> {
        self.greetings
            .iter()
            .rev()
            .find(|g| g.channel == Channel::Cleartext && g.code.is_some_and(|c| c / 100 == 2))
            .map(|g| &*g.capabilities)
    }

    /// Capabilities advertised inside TLS (last EHLO over TLS).
    pub fn capabilities_after_tls(&self) -> Option<&[Capability]> {
        self.greetings
            .iter()
            .rev()
            .find(|g| g.channel == Channel::Encrypted && g.code.is_some_and(|c| c / 100 == 2))
            .map(|g| &*g.capabilities)
    }

    /// The event at `i`.
    pub fn event(&self, i: u32) -> Option<&Event> {
        self.events.get(i as usize)
    }

    /// The reply answering the command at event `i`.
    pub fn reply_to(&self, i: u32) -> Option<&Event> {
        self.events
            .iter()
            .skip(i as usize + 1)
            .find(|e| e.answers == Some(i))
    }

    /// Commands (not data lines), in order.
    pub fn commands(&self) -> impl Iterator<Item = (u32, &Event)> {
        self.events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::Command)
            .map(|(i, e)| (i as u32, e))
    }

    /// True when the session holds any SMTP command or reply.
    pub fn has_smtp(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.kind, Kind::Command | Kind::Reply))
    }
}
