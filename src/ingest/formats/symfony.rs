//! Symfony Mailer's transport debug log (`SentMessage::getDebug()`): `> `
//! (client) and `< ` (server), sometimes after a timestamp the application
//! adds. curl prints the same arrows, but always with `* ` remarks around
//! them, which score for curl in detection.
//!
//! ```text
//! [2024-03-01T10:00:00.123456+00:00] < 220 mail.example.test ESMTP
//! [2024-03-01T10:00:00.124000+00:00] > EHLO [127.0.0.1]
//! ```

use super::Input;
use crate::ingest::tag::Tag;

pub fn strip<'a>(l: &Input<'a>) -> Option<Tag<'a>> {
    let t = l.text;
    if let Some(r) = t.strip_prefix("> ") {
        return Some(Tag::Client(r.into()));
    }
    t.strip_prefix("< ").map(|r| Tag::Server(r.into()))
}
