//! The explanation catalog: what every SMTP reply code, enhanced status code,
//! command, EHLO keyword and SASL mechanism means, in plain words, plus
//! recognisers for well-known provider-specific failures.
//!
//! Everything here is static data. Look-ups never allocate and never panic.
//! The wording is our own; each entry names the documents it rests on in
//! `refs` (RFC sections, the IANA registries, or provider documentation).

mod auth_mechanisms;
mod commands;
mod enhanced_codes;
mod keywords;
mod reply_codes;
mod text;

use serde::Serialize;

pub use auth_mechanisms::{all_auth_mechanisms, auth_mechanism};
pub use commands::{all_commands, command};
pub use enhanced_codes::{
    all_enhanced_codes, enhanced, enhanced_class_specific, enhanced_classes, enhanced_subjects,
};
pub use keywords::{all_ehlo_keywords, ehlo_keyword};
pub use reply_codes::{all_reply_codes, reply, reply_classes};

/// One explanation: a short title, one or two plain sentences, references like "RFC 5321 §4.2.3".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// A few words, e.g. "Authentication credentials invalid".
    pub title: &'static str,
    /// One or two plain sentences a non-expert understands.
    pub text: &'static str,
    /// Where the meaning comes from, e.g. "RFC 4954 §6".
    pub refs: &'static [&'static str],
}
