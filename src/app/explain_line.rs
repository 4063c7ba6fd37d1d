//! What one transcript line means, from the engine's explanation catalog
//! (`smtp_lens::explain`): the command, the reply code, the enhanced status
//! code, the EHLO keyword on a capability line, a provider's known failure.
//!
//! With the `split` feature (the page as Trunk builds it) the catalog's
//! entries are their own wasm, `src/bin/explain.rs`, loaded the first time
//! a line's explanation is shown ([`use_catalog`]); the page's wasm then
//! does not carry their text. The provider hints stay in the page: the
//! rules use them.

use smtp_lens::explain::{self, Entry};
use smtp_lens::parse::Verb;
use smtp_lens::session::{Channel, Dir, Event, Kind};
use yew::prelude::*;

/// One part of a line's explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub text: String,
    pub refs: Vec<&'static str>,
}

impl From<&Entry> for Note {
    fn from(e: &Entry) -> Self {
        Note {
            title: e.title.to_string(),
            text: e.text.to_string(),
            refs: e.refs.to_vec(),
        }
    }
}

/// A table of the catalog, as [`lookup`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Command,
    Mechanism,
    Keyword,
    Reply,
    Enhanced,
}

impl Table {
    #[cfg_attr(not(feature = "split"), allow(dead_code))]
    /// Its name for the catalog's part (`src/bin/explain.rs`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Command => "command",
            Table::Mechanism => "mechanism",
            Table::Keyword => "keyword",
            Table::Reply => "reply",
            Table::Enhanced => "enhanced",
        }
    }
}

/// The catalog's entry for `key` in `table`, from the engine.
#[cfg(not(feature = "split"))]
fn lookup(table: Table, key: &str) -> Option<Note> {
    let entry = match table {
        Table::Command => explain::command(key),
        Table::Mechanism => explain::auth_mechanism(key),
        Table::Keyword => explain::ehlo_keyword(key),
        Table::Reply => key.parse().ok().and_then(explain::reply),
        Table::Enhanced => explain::enhanced(key),
    };
    entry.map(Note::from)
}

/// The catalog's entry for `key` in `table`, from the catalog's part
/// (`None` too while it is not loaded: [`use_catalog`] says when it is).
#[cfg(feature = "split")]
fn lookup(table: Table, key: &str) -> Option<Note> {
    let mut got = super::lazy::catalog_entry(table.name(), key)?.into_iter();
    Some(Note {
        title: got.next()?,
        text: got.next()?,
        refs: got.map(super::lazy::interned).collect(),
    })
}

/// Whether the catalog can be read (with the `split` feature: its part is
/// loaded), for the line explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "split"), allow(dead_code))]
pub enum Catalog {
    Loading,
    Ready,
    Failed(String),
}

impl Catalog {
    pub fn ready(&self) -> bool {
        *self == Catalog::Ready
    }

    /// What the explanation shows meanwhile.
    pub fn placeholder(&self) -> Html {
        match self {
            Catalog::Failed(why) => html! {
                <p role="alert">{ format!("The explanations could not be loaded; reload the page to try again. ({why})") }</p>
            },
            _ => html! { <p class="muted" aria-busy="true">{ "Loading the explanation…" }</p> },
        }
    }
}

/// The catalog, loaded (once, for the whole page) when `wanted`: the
/// component re-renders when it is ready.
#[cfg(feature = "split")]
#[hook]
pub fn use_catalog(wanted: bool) -> Catalog {
    let state = use_state(|| {
        if super::lazy::catalog_loaded() {
            Catalog::Ready
        } else {
            Catalog::Loading
        }
    });
    {
        let state = state.clone();
        use_effect_with(wanted, move |wanted| {
            if *wanted && !state.ready() {
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match super::lazy::load_catalog().await {
                        Ok(()) => Catalog::Ready,
                        Err(why) => Catalog::Failed(why),
                    });
                });
            }
        });
    }
    (*state).clone()
}

/// The catalog is in the engine, always ready.
#[cfg(not(feature = "split"))]
#[hook]
pub fn use_catalog(_wanted: bool) -> Catalog {
    Catalog::Ready
}

fn note(title: &str, text: &str) -> Note {
    Note {
        title: title.to_string(),
        text: text.to_string(),
        refs: Vec::new(),
    }
}

/// Who sent a line, in words and as a short arrow for the gutter.
pub fn direction(event: Option<&Event>) -> (&'static str, &'static str) {
    match event.map(|e| (e.dir, e.kind)) {
        Some((_, Kind::Noise)) | None => ("", "not part of the SMTP exchange"),
        Some((Dir::Client, _)) => ("C→", "client to server"),
        Some((Dir::Server, _)) => ("←S", "server to client"),
        Some((Dir::Tool, _)) => ("··", "the client tool's own remark"),
        Some((Dir::None, _)) => ("", "not part of the SMTP exchange"),
    }
}

/// The channel in words.
pub fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Cleartext => "cleartext",
        Channel::Negotiating => "TLS handshake",
        Channel::Encrypted => "encrypted",
    }
}

/// The explanation of `line` (its text, `event` the event it belongs to).
pub fn explain(event: Option<&Event>, line_text: &str, is_first_line: bool) -> Vec<Note> {
    let Some(e) = event else {
        return vec![note(
            "Outside any SMTP session",
            "This line is not part of an SMTP session SMTP Lens could read: the tool's own output, a blank line or text around the transcript.",
        )];
    };
    let mut out = Vec::new();
    match e.kind {
        Kind::Command => command_notes(e, line_text, &mut out),
        Kind::Reply => reply_notes(e, line_text, is_first_line, &mut out),
        Kind::Data => out.push(note(
            "Message content",
            "A line of the message itself (headers, then body), sent after the server's 354. SMTP Lens does not analyse the message, only the envelope around it.",
        )),
        Kind::Tls => out.push(note(
            "TLS",
            "What the client tool printed about the TLS channel: the handshake, the protocol version, the cipher or the certificate check.",
        )),
        Kind::Info => out.push(note(
            "The client tool's remark",
            "Something the client program printed about what it is doing (connecting, the port, a library message). It is not sent to the server.",
        )),
        Kind::Noise => {
            let why = e.note.map(|n| n.as_str()).unwrap_or("not SMTP");
            out.push(Note {
                title: "Not part of the exchange".into(),
                text: format!("SMTP Lens left this line out of the analysis: {why}."),
                refs: Vec::new(),
            });
        }
    }
    if e.inferred {
        out.push(note(
            "Inferred command",
            "The tool did not print this command; SMTP Lens infers it from the server's replies.",
        ));
    }
    if e.code_mismatch {
        out.push(note(
            "Codes disagree",
            "The lines of this multi-line reply carry different codes, which RFC 5321 §4.2.1 forbids.",
        ));
    }
    out
}

fn command_notes(e: &Event, line_text: &str, out: &mut Vec<Note>) {
    let verb = e.verb.unwrap_or(Verb::Unknown);
    match verb {
        Verb::AuthResponse => out.push(note(
            "Answer to an AUTH challenge",
            "The client's answer to the server's 334 challenge: usually the user name or the password, base64-encoded (encoding, not encryption). SMTP Lens masks it.",
        )),
        Verb::DataLine => out.push(note(
            "Message content",
            "A line of the message, sent after the server's 354.",
        )),
        Verb::DataEnd => {
            if let Some(n) = lookup(Table::Command, ".") {
                out.push(n);
            }
        }
        Verb::Unknown => out.push(note(
            "Unknown command",
            "A command SMTP Lens does not know; the server's reply says whether it did.",
        )),
        _ => {
            if let Some(n) = lookup(Table::Command, verb.as_str()) {
                out.push(n);
            }
            if verb == Verb::Auth {
                if let Some(m) = word_after(line_text, "AUTH") {
                    if let Some(n) = lookup(Table::Mechanism, m) {
                        out.push(n);
                    }
                }
            }
        }
    }
}

fn reply_notes(e: &Event, line_text: &str, is_first_line: bool, out: &mut Vec<Note>) {
    let Some(code) = e.code else {
        out.push(note("Server reply", "A reply from the server."));
        return;
    };
    // On the lines of an EHLO answer after the first, the keyword is what
    // matters.
    if !is_first_line && code == 250 {
        if let Some(keyword) = keyword_of(line_text, code) {
            if let Some(n) = lookup(Table::Keyword, keyword) {
                out.push(n);
                return;
            }
        }
    }
    if let Some(n) = lookup(Table::Reply, &code.to_string()) {
        out.push(n);
    }
    if let Some(enh) = e.enhanced {
        let id = enh.to_string();
        if let Some(mut n) = lookup(Table::Enhanced, &id) {
            n.title = format!("{id}: {}", n.title);
            out.push(n);
        }
    }
    for hint in explain::provider_hints(
        code,
        e.enhanced.map(|x| x.to_string()).as_deref(),
        line_text,
    ) {
        out.push(Note {
            title: format!("{}: {}", hint.provider, hint.title),
            text: format!("{} Fix: {}", hint.text, hint.fix),
            refs: hint.refs.to_vec(),
        });
    }
}

/// The EHLO keyword on a `250-KEYWORD ...` line (decoration before the
/// code allowed).
fn keyword_of(line: &str, code: u16) -> Option<&str> {
    let code = code.to_string();
    let at = line
        .find(&format!("{code}-"))
        .or_else(|| line.find(&format!("{code} ")))?;
    let rest = line.get(at + code.len() + 1..)?.trim_start();
    let word = rest.split([' ', '=', '\'', '"', '\\']).next()?;
    (!word.is_empty()).then_some(word)
}

/// The word after `key` (case-insensitive) in `line`.
fn word_after<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let upper = line.to_ascii_uppercase();
    let at = upper.find(key)?;
    let rest = line.get(at + key.len()..)?.trim_start();
    rest.split([' ', '\'', '"', '\\'])
        .next()
        .filter(|w| !w.is_empty())
}
