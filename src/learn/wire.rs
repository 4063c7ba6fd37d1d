//! What an on-path eavesdropper sees at each step of a scenario, computed
//! from the engine's reading of the transcript: the plaintext of every
//! cleartext command and reply (with any credentials decoded — base64 is
//! not encryption), or, once TLS is up, only TLS records.

use base64::Engine as _;

use crate::parse::Verb;
use crate::session::{Channel, Dir, Kind, Session};

use super::scenarios::{Scenario, Step};

/// What travels on the wire during a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// Nothing: the command typed on the client's own machine.
    Local,
    /// The TCP connection being opened or closed.
    Connect,
    /// SMTP in cleartext: readable by anyone on the path.
    Plain,
    /// The TLS handshake.
    Handshake,
    /// SMTP inside TLS: only ciphertext.
    Encrypted,
}

impl Wire {
    pub fn as_str(self) -> &'static str {
        match self {
            Wire::Local => "local",
            Wire::Connect => "connect",
            Wire::Plain => "plaintext",
            Wire::Handshake => "handshake",
            Wire::Encrypted => "ciphertext",
        }
    }

    /// The one-line state the eavesdropper panel shows.
    pub fn headline(self) -> &'static str {
        match self {
            Wire::Local => "Nothing on the network yet",
            Wire::Connect => "A connection opens: addresses and port are visible",
            Wire::Plain => "Cleartext: every word is readable",
            Wire::Handshake => "TLS handshake: from here on, only ciphertext",
            Wire::Encrypted => "Encrypted: only TLS records of some length",
        }
    }

    /// Whether the SMTP text of this step is readable on the wire.
    pub fn readable(self) -> bool {
        matches!(self, Wire::Plain)
    }
}

/// One packet of SMTP as the eavesdropper sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Client to server (else server to client).
    pub from_client: bool,
    /// 1-based transcript line(s) it carries.
    pub lines: (u32, u32),
    /// Plaintext: the SMTP text, line by line. Ciphertext: one line of hex.
    pub text: Vec<String>,
    /// Bytes on the wire (SMTP text with CRLFs; plus TLS overhead when encrypted).
    pub bytes: usize,
    pub encrypted: bool,
}

/// A credential readable on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub line: u32,
    /// `PLAIN`, `LOGIN`...
    pub mechanism: String,
    pub user: Option<String>,
    /// The password, decoded (the page masks it until asked).
    pub password: Option<String>,
    /// What was on the wire, e.g. `AGFsaWNl...`.
    pub encoded: String,
}

/// What the eavesdropper sees during one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireView {
    pub wire: Wire,
    pub records: Vec<Record>,
    pub leaks: Vec<Leak>,
}

/// The eavesdropper's view of step `index` of `scenario`, given the
/// engine's reading of its transcript (`session`).
pub fn view(scenario: &Scenario, session: &Session, index: usize) -> WireView {
    let Some(step) = scenario.steps.get(index) else {
        return WireView {
            wire: Wire::Local,
            records: Vec::new(),
            leaks: Vec::new(),
        };
    };
    let lines: Vec<&str> = scenario.transcript.lines().collect();
    let mut records: Vec<Record> = Vec::new();
    let mut leaks = Vec::new();
    let mut login_prompt_password = false;
    for (i, ev) in session.events.iter().enumerate() {
        if !matches!(ev.dir, Dir::Client | Dir::Server)
            || !matches!(ev.kind, Kind::Command | Kind::Reply | Kind::Data)
        {
            continue;
        }
        // Track AUTH LOGIN prompts through the whole session, so a
        // response knows whether it answers "Username:" or "Password:".
        if ev.kind == Kind::Reply && ev.code == Some(334) {
            let prompt = text_of(scenario.transcript, ev.span.range());
            login_prompt_password = decode(prompt.get(4..).unwrap_or(""))
                .is_some_and(|p| p.to_ascii_lowercase().contains("pass"));
        }
        if !(step.contains(ev.line) || step.contains(ev.end_line)) {
            continue;
        }
        let encrypted = !matches!(ev.channel, Channel::Cleartext);
        let from_client = ev.dir == Dir::Client;
        let text: Vec<String> = (ev.line..=ev.end_line)
            .filter_map(|n| lines.get(n.saturating_sub(1) as usize))
            .map(|raw| payload(raw))
            .collect();
        let bytes: usize = text.iter().map(|t| t.len() + 2).sum();
        // The message travels as one stream: merge its lines (and the
        // final ".") into one record.
        let continues_message = (ev.kind == Kind::Data || ev.verb == Some(Verb::DataEnd))
            && i > 0
            && session
                .events
                .get(i - 1)
                .is_some_and(|p| p.kind == Kind::Data);
        if let Some(last) = records.last_mut() {
            if continues_message
                && last.from_client
                && from_client
                && last.encrypted == encrypted
                && last.lines.1 + 1 == ev.line
            {
                last.lines.1 = ev.end_line;
                last.bytes += bytes;
                if !encrypted {
                    last.text.extend(text);
                }
                continue;
            }
        }
        if !encrypted && from_client {
            if let Some(leak) = leak_of(ev.verb, &text, ev.line, login_prompt_password) {
                leaks.push(leak);
            }
        }
        records.push(Record {
            from_client,
            lines: (ev.line, ev.end_line),
            text: if encrypted { Vec::new() } else { text },
            bytes,
            encrypted,
        });
    }
    for r in records.iter_mut().filter(|r| r.encrypted) {
        // A TLS 1.3 record: 5-byte header, content, 1-byte type, 16-byte tag.
        r.bytes += 22;
        r.text = vec![ciphertext(r.lines.0, r.bytes)];
    }
    WireView {
        wire: step.wire,
        records,
        leaks,
    }
}

/// The SMTP text of a transcript line (without the tool's `-> ` / `<~ ` marks).
fn payload(raw: &str) -> String {
    let t = raw.trim_end_matches(['\r', '\n']);
    for mark in [
        " -> ", "<-  ", " ~> ", "<~  ", "<** ", "<~* ", " -> ", "<-* ",
    ] {
        if let Some(rest) = t.strip_prefix(mark) {
            return rest.to_string();
        }
    }
    t.to_string()
}

fn text_of(text: &str, range: std::ops::Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

fn decode(b64: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn leak_of(verb: Option<Verb>, text: &[String], line: u32, password_prompt: bool) -> Option<Leak> {
    let first = text.first()?;
    match verb? {
        Verb::Auth => {
            let mut words = first.split_whitespace().skip(1);
            let mechanism = words.next()?.to_ascii_uppercase();
            let initial = words.next()?;
            let decoded = decode(initial)?;
            let (user, password) = if mechanism == "PLAIN" {
                let mut parts = decoded.split('\0').skip(1);
                (
                    parts.next().map(str::to_string),
                    parts.next().map(str::to_string),
                )
            } else if mechanism == "LOGIN" {
                (Some(decoded), None)
            } else {
                (None, Some(decoded))
            };
            Some(Leak {
                line,
                mechanism,
                user,
                password,
                encoded: initial.to_string(),
            })
        }
        Verb::AuthResponse => {
            let decoded = decode(first)?;
            let (user, password) = if password_prompt {
                (None, Some(decoded))
            } else {
                (Some(decoded), None)
            };
            Some(Leak {
                line,
                mechanism: "LOGIN".into(),
                user,
                password,
                encoded: first.clone(),
            })
        }
        _ => None,
    }
}

/// Random-looking bytes standing for a TLS application-data record of
/// `len` bytes: the real 5-byte header (type 23, version 3.3, length),
/// then the first bytes of the "ciphertext", the same every time.
fn ciphertext(seed: u32, len: usize) -> String {
    let body = len.saturating_sub(5);
    let mut out = format!("17 03 03 {:02x} {:02x}", (body >> 8) & 0xff, body & 0xff);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(seed).wrapping_mul(0x0100_0000_01b3);
    for _ in 0..body.min(16) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(&format!(" {:02x}", x & 0xff));
    }
    if body > 16 {
        out.push_str(" …");
    }
    out
}

/// What the eavesdropper has learnt by the end of step `index` (in order):
/// short facts such as "Password of alice@example.test".
pub fn learned(scenario: &Scenario, session: &Session, index: usize) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    let mut push = |f: String| {
        if !facts.contains(&f) {
            facts.push(f);
        }
    };
    for i in 0..=index.min(scenario.steps.len().saturating_sub(1)) {
        let step: Option<&Step> = scenario.steps.get(i);
        let v = view(scenario, session, i);
        if let Some(Step {
            wire: Wire::Connect,
            ..
        }) = step
        {
            if let Some(port) = session.port {
                push(format!("A connection to port {port}"));
            }
        }
        for r in &v.records {
            if r.encrypted {
                push("Sizes and timing of encrypted records".into());
                continue;
            }
            let Some(first) = r.text.first() else {
                continue;
            };
            let upper = first.to_ascii_uppercase();
            if !r.from_client
                && first.starts_with("220 ")
                && session.greeting.is_some()
                && !first.contains("TLS")
            {
                push(format!("Server banner: {}", first.get(4..).unwrap_or("")));
            } else if upper.starts_with("EHLO ") {
                push(format!("Client's name: {}", first.get(5..).unwrap_or("")));
            } else if upper.starts_with("MAIL FROM:") {
                push(format!("Sender: {}", first.get(10..).unwrap_or("").trim()));
            } else if upper.starts_with("RCPT TO:") {
                push(format!(
                    "Recipient: {}",
                    first.get(8..).unwrap_or("").trim()
                ));
            }
            for t in &r.text {
                if let Some(subject) = t.strip_prefix("Subject: ") {
                    push(format!("The message itself (\"{subject}\")"));
                }
            }
        }
        for leak in &v.leaks {
            if let Some(u) = &leak.user {
                push(format!("User name: {u}"));
            }
            if leak.password.is_some() {
                push("The password".into());
            }
        }
    }
    facts
}
