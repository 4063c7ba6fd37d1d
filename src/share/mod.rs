//! Sharing a transcript safely: redaction and the share-link codec.
//!
//! Pure engine code (no UI imports), used by the page's Share dialog, the
//! `?embed` mode and the documentation-site script.
//!
//! - [`redact()`]: credentials always (the engine's secret spans: AUTH
//!   payloads, LOGIN lines, passwords on command lines, plus any other copy
//!   of the same secret and `scheme://user:password@` URLs), and optionally
//!   e-mail addresses, host names and IP addresses, each replaced by a
//!   consistent placeholder from the reserved documentation names
//!   (`user1@domain1.example`, `host1.domain1.example`, `192.0.2.1`,
//!   `2001:db8::1`) so the analysis of the redacted text says the same.
//! - [`link`]: the state of the page (transcript, port, view, selection)
//!   to a URL fragment (`#share=v1.` + base64url of zlib-compressed fields)
//!   and back, with clear errors for malformed, tampered or oversized links.
//! - [`annotate`]: the annotated transcript the compact views show.

pub mod annotate;
pub mod link;
mod placeholder;
pub mod redact;
mod sasl;
mod scan;

pub use link::{decode_fragment, encode_fragment, LinkError, SharedState};
pub use redact::{redact, RedactOptions, Redacted, Replacement, What};
