//! The SMTP grammar, in nom: one file per RFC area. Every parser is named
//! after the ABNF rule it implements and quotes that rule in its doc
//! comment. Parsers work on one cleaned line (no CRLF) and never panic; the
//! lenient entry points ([`command::command`], [`reply::reply_line`]) accept
//! the quirks real clients and servers print, and name them.

pub mod address;
pub mod auth;
pub mod command;
pub mod ehlo;
pub mod reply;

pub use command::{Command, Verb};
pub use ehlo::Capability;
pub use reply::{Enhanced, ReplyLine};
