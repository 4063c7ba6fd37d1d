//! The words on the diagram: command and reply labels, note lines, the
//! lifeline heads. Every piece of transcript text goes through [`Source::line`],
//! which masks credentials and drops control characters; AUTH payloads are
//! masked whatever the secret spans say.

use base64::Engine as _;

use crate::explain;
use crate::parse::{Capability, Verb};
use crate::report::{masked, MASK};
use crate::session::{Event, Session};
use crate::span::Span;

/// The pasted text (when the caller has it) and the spans to mask.
pub struct Source<'a> {
    pub text: Option<&'a str>,
    pub secrets: Vec<Span>,
}

impl<'a> Source<'a> {
    pub fn new(text: Option<&'a str>, session: &Session) -> Self {
        let mut secrets = session.secrets.clone();
        crate::sort::sort_by_key(&mut secrets, |s| *s);
        // A text that is not the one analysed would give wrong labels (and
        // could slice mid-character): use it only if every span fits.
        let text = text.filter(|t| {
            session
                .events
                .iter()
                .all(|e| t.get(e.span.range()).is_some())
        });
        Source { text, secrets }
    }

    /// The first line of `span`, credentials masked, control characters
    /// dropped, whitespace collapsed at the ends. `None` without the text.
    pub fn line(&self, span: Span) -> Option<String> {
        let text = self.text?;
        let inside: Vec<Span> = self
            .secrets
            .iter()
            .copied()
            .filter(|s| s.start() >= span.start() && s.end() <= span.end())
            .collect();
        let whole = masked(text, span, &inside);
        let first = whole.split(['\n', '\r']).next().unwrap_or("");
        Some(clean(&strip_ansi(first)))
    }
}

/// Drops ANSI escape sequences (`ESC [ ... m` colours from a terminal).
/// The ingest stage's own reader of them, owned.
pub fn strip_ansi(s: &str) -> String {
    crate::ingest::clean::strip_ansi(s).into_owned()
}

/// Tabs become spaces, other control characters go, ends are trimmed.
pub fn clean(s: &str) -> String {
    let out: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    out.trim().to_string()
}

/// At most `max` characters, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Basic HTML entities and `<br>` (pastes copied from a web page).
fn unhtml(s: &str) -> String {
    if !s.contains('&') && !s.contains("<br") {
        return s.to_string();
    }
    let mut out = s.to_string();
    for tag in ["<br />", "<br/>", "<br>"] {
        out = out.replace(tag, "");
    }
    for (entity, c) in [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#039;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ] {
        out = out.replace(entity, c);
    }
    out
}

/// Byte offset of `word` in `s` (ASCII case-insensitive) where it starts a
/// token: at the start, or after a character that is not a letter or digit.
fn find_token(s: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let hay = s.to_ascii_lowercase();
    let needle = word.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = hay.get(from..).and_then(|h| h.find(&needle)) {
        let at = from + k;
        let before = hay.get(..at).and_then(|b| b.chars().next_back());
        let after = hay.get(at + needle.len()..).and_then(|a| a.chars().next());
        let starts = before.is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_ascii_alphanumeric());
        if starts && ends {
            return Some(at);
        }
        from = at + needle.len().max(1);
    }
    None
}

/// The SMTP text inside a line as the tool printed it: from the verb or
/// code (`anchor`) on, without the tool's quoting (`send: '...\r\n'`,
/// `-> "...\r\n"`, HTML entities). Lines that are plain SMTP pass unchanged.
pub fn smtp_text(line: &str, anchor: Option<&str>) -> String {
    let line = unhtml(line);
    let start = anchor.and_then(|a| find_token(&line, a));
    let (quote, body) = match start {
        Some(at) => {
            let before = line.get(..at).unwrap_or("");
            let quote = before
                .chars()
                .next_back()
                .filter(|c| *c == '\'' || *c == '"');
            (quote, line.get(at..).unwrap_or(""))
        }
        None => {
            // No anchor: the inside of the first quoted string, if any.
            match line.find(['\'', '"']) {
                Some(q) => (
                    line.get(q..q + 1).and_then(|c| c.chars().next()),
                    line.get(q + 1..).unwrap_or(""),
                ),
                None => (None, line.as_str()),
            }
        }
    };
    let mut body = body.to_string();
    // An escaped line ending ends the SMTP text.
    for esc in ["\\r\\n", "\\n", "\\r"] {
        if let Some(k) = body.find(esc) {
            body.truncate(k);
        }
    }
    if let Some(q) = quote {
        if body.ends_with(q) {
            body.pop();
        }
        body = body.replace(&format!("\\{q}"), &q.to_string());
    }
    body.trim().to_string()
}

/// Splits "VERB rest" at the first space.
fn split_lead(s: &str) -> (String, String) {
    match s.split_once(' ') {
        Some((a, b)) => (a.to_string(), b.trim_start().to_string()),
        None => (s.to_string(), String::new()),
    }
}

/// A label: the bold lead, the rest, an optional second line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Label {
    pub lead: String,
    pub text: String,
    pub sub: Option<String>,
}

/// The label of a command arrow.
pub fn command(src: &Source<'_>, session: &Session, index: u32, e: &Event) -> Label {
    let verb = e.verb.unwrap_or(Verb::Unknown);
    if e.inferred {
        // The span is the reply that revealed it: never show it as the command.
        return Label {
            lead: verb_name(verb).to_string(),
            text: String::new(),
            sub: Some("not printed by the tool: inferred from the reply".into()),
        };
    }
    match verb {
        Verb::AuthResponse => {
            return Label {
                lead: MASK.to_string(),
                text: String::new(),
                sub: Some("credentials (masked)".into()),
            }
        }
        Verb::DataEnd => {
            return Label {
                lead: ".".into(),
                text: String::new(),
                sub: Some("end of message data".into()),
            }
        }
        Verb::Auth => return auth(src, session, index, e),
        _ => {}
    }
    let anchor = (verb != Verb::Unknown).then(|| verb.as_str());
    match src.line(e.span).map(|l| smtp_text(&l, anchor)) {
        Some(line) if !line.is_empty() => {
            let (lead, text) = split_lead(&line);
            Label {
                lead,
                text,
                sub: None,
            }
        }
        _ => Label {
            lead: verb.as_str().to_string(),
            text: structured_args(session, index, verb),
            sub: None,
        },
    }
}

/// How a verb reads on an arrow.
fn verb_name(verb: Verb) -> &'static str {
    match verb {
        Verb::Unknown => "(command)",
        Verb::DataEnd => ".",
        Verb::AuthResponse => MASK,
        Verb::DataLine => "data",
        v => v.as_str(),
    }
}

/// `AUTH <mechanism>`, and `••••••` for any initial response.
fn auth(src: &Source<'_>, session: &Session, index: u32, e: &Event) -> Label {
    let attempt = session.auths.iter().find(|a| a.event == index);
    let typed = src
        .line(e.span)
        .map(|l| smtp_text(&l, Some("AUTH")))
        .unwrap_or_default();
    let mut words = typed.split_whitespace();
    let lead = words.next().unwrap_or("AUTH").to_string();
    let mech = words
        .next()
        .map(str::to_string)
        .or_else(|| attempt.map(|a| a.mechanism.clone()))
        .unwrap_or_default();
    let payload = words.next().is_some();
    let text = if payload {
        format!("{mech} {MASK}")
    } else {
        mech
    };
    let sub = attempt
        .and_then(|a| a.user.as_deref())
        .map(|u| format!("as {}", clean(u)));
    Label { lead, text, sub }
}

/// Arguments known from the session when the text is not at hand.
fn structured_args(session: &Session, index: u32, verb: Verb) -> String {
    match verb {
        Verb::Ehlo | Verb::Helo | Verb::Lhlo => session
            .greetings
            .iter()
            .find(|g| g.event == index)
            .map(|g| clean(&g.domain))
            .unwrap_or_default(),
        Verb::Mail => session
            .transactions
            .iter()
            .find(|t| t.event == index)
            .and_then(|t| t.from.as_deref())
            .map(|f| format!("FROM:<{}>", clean(f)))
            .unwrap_or_default(),
        Verb::Rcpt => session
            .transactions
            .iter()
            .flat_map(|t| t.rcpts.iter())
            .find(|r| r.event == index)
            .map(|r| format!("TO:<{}>", clean(&r.to)))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The label of a reply arrow.
pub fn reply(src: &Source<'_>, session: &Session, e: &Event) -> Label {
    let code = e.code.map(|c| c.to_string()).unwrap_or_default();
    let anchor = (!code.is_empty()).then_some(code.as_str());
    let typed = src.line(e.span).map(|l| smtp_text(&l, anchor));
    let text = match &typed {
        Some(line) => {
            let rest = line.get(code.len()..).unwrap_or("");
            if line.starts_with(code.as_str()) && !code.is_empty() {
                rest.trim_start_matches(['-', ' ']).to_string()
            } else {
                line.clone()
            }
        }
        None => {
            let enh = e.enhanced.map(|x| x.to_string());
            let title = meaning(e).unwrap_or_default();
            [enh.unwrap_or_default(), title.to_string()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let extra = e.end_line.saturating_sub(e.line);
    let sub = capabilities(session, e)
        .or_else(|| challenge(e.code, &text))
        .or_else(|| {
            // Say what a failure means (the code alone is cryptic).
            let bad = e.code.is_some_and(|c| c >= 400);
            if bad && typed.is_some() {
                meaning(e).map(str::to_string)
            } else {
                None
            }
        })
        .or_else(|| (extra > 0).then(|| format!("+{extra} more {}", plural(extra, "line"))));
    Label {
        lead: code,
        text,
        sub,
    }
}

/// The catalog's title for a reply: the enhanced code's, else the code's.
fn meaning(e: &Event) -> Option<&'static str> {
    e.enhanced
        .and_then(|x| explain::enhanced_title(&x.to_string()))
        .or_else(|| e.code.and_then(explain::reply_title))
}

/// For the reply to EHLO: the capabilities that matter, first.
fn capabilities(session: &Session, e: &Event) -> Option<String> {
    let answers = e.answers?;
    let g = session.greetings.iter().find(|g| g.event == answers)?;
    if g.capabilities.is_empty() {
        return None;
    }
    let rank = |c: &Capability| match c {
        Capability::Starttls => 0,
        Capability::Auth { .. } => 1,
        Capability::Size { .. } => 2,
        Capability::Requiretls => 3,
        Capability::Vrfy => 4,
        Capability::Pipelining => 5,
        _ => 6,
    };
    let mut caps: Vec<&Capability> = g.capabilities.iter().collect();
    crate::sort::sort_by_key(&mut caps, |c| rank(c));
    let words: Vec<String> = caps.iter().map(|c| capability(c)).collect();
    let mut out = String::new();
    let mut shown = 0usize;
    for w in &words {
        let next = if out.is_empty() {
            w.clone()
        } else {
            format!("{out} · {w}")
        };
        if next.chars().count() > 58 {
            break;
        }
        out = next;
        shown += 1;
    }
    let rest = words.len().saturating_sub(shown);
    if rest > 0 {
        out = format!("{out} · +{rest}");
    }
    Some(out)
}

fn capability(c: &Capability) -> String {
    match c {
        Capability::Auth { mechanisms } => {
            let m: Vec<String> = mechanisms.iter().map(|m| clean(m)).collect();
            format!("AUTH {}", m.join(" ")).trim_end().to_string()
        }
        Capability::Size { limit: Some(n) } => format!("SIZE {}", bytes(*n)),
        other => clean(other.name()),
    }
}

/// 10485760 → "10 MB".
fn bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB && n % MB == 0 {
        format!("{} MB", n / MB)
    } else if n >= 1_000_000 {
        // One decimal, rounded, with integers (no float formatting in the page).
        let tenths = (n.saturating_mul(10) + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{n} B")
    }
}

/// A 334 challenge decoded, when it is readable (AUTH LOGIN's "Username:").
fn challenge(code: Option<u16>, text: &str) -> Option<String> {
    if code != Some(334) {
        return None;
    }
    let token = text.split_whitespace().next()?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let s = s.trim_end_matches('\0');
    let readable =
        !s.is_empty() && s.len() <= 60 && s.chars().all(|c| c == ' ' || c.is_ascii_graphic());
    readable.then(|| format!("decoded: “{s}”"))
}

/// A note line from a tool remark, without the tool's own prefix.
pub fn note(src: &Source<'_>, e: &Event) -> Option<String> {
    let line = src.line(e.span)?;
    let line = strip_log_prefix(&line);
    let trimmed = ["=== ", "*** ", "* ", "DEBUG SMTP: "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line)
        .trim()
        .to_string();
    // Separator lines ("---") say nothing.
    let says = trimmed.chars().any(|c| c.is_alphanumeric());
    says.then_some(trimmed)
}

/// The message of a log line, without its timestamp, level, `[id]` tags
/// and syslog `host program[pid]:` prefix.
pub fn strip_log_prefix(line: &str) -> &str {
    const LEVELS: &[&str] = &[
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL",
    ];
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let first = |s: &str| -> (String, usize) {
        let t: String = s.chars().take_while(|c| !c.is_whitespace()).collect();
        let len = t.len();
        (t, len)
    };
    let mut s = line.trim_start();
    for _ in 0..8 {
        let (tok, len) = first(s);
        let rest = s.get(len..).unwrap_or("").trim_start();
        let bracketed = tok.starts_with('[') && s.find(']').is_some_and(|k| k <= 40);
        let level = LEVELS
            .iter()
            .any(|l| tok.trim_end_matches(':').eq_ignore_ascii_case(l));
        let time = tok.chars().any(|c| c.is_ascii_digit())
            && tok
                .chars()
                .all(|c| c.is_ascii_digit() || "-:.TZ+/,".contains(c));
        let month = MONTHS.contains(&tok.as_str());
        // syslog: "host program[pid]:" (or "host program:").
        let (next, next_len) = first(rest);
        let program = !tok.contains(':')
            && (next.ends_with("]:") || (next.ends_with(':') && next.contains('/')));
        if bracketed {
            let close = s.find(']').unwrap_or(0);
            s = s.get(close + 1..).unwrap_or("").trim_start();
        } else if level || time || month {
            s = rest;
        } else if program {
            s = rest.get(next_len..).unwrap_or("").trim_start();
        } else {
            break;
        }
    }
    if s.is_empty() {
        line
    } else {
        s
    }
}

/// The server's host name from the greeting banner, else from the first
/// line of a printed EHLO reply (which names the host by convention).
pub fn server_host(src: &Source<'_>, session: &Session) -> Option<String> {
    let word_of = |e: &Event| -> Option<String> {
        let line = src.line(e.span)?;
        let word = line
            .get(3..)?
            .trim_start_matches(['-', ' '])
            .split_whitespace()
            .next()?
            .to_string();
        let hostlike = word.len() > 1
            && word.len() <= 60
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_[]:".contains(c));
        hostlike.then_some(word)
    };
    let banner = session
        .greeting
        .and_then(|i| session.event(i))
        .and_then(word_of);
    banner.or_else(|| {
        session.greetings.iter().find_map(|g| {
            session.event(g.event).filter(|c| !c.inferred)?;
            let reply = session.reply_to(g.event)?;
            // A one-line reply to an inferred EHLO may be its last line
            // ("250 CHUNKING"): only a printed EHLO's reply names the host.
            word_of(reply).filter(|w| w.contains(['.', '[']))
        })
    })
}

/// What the port is for.
pub fn port(port: Option<u16>) -> String {
    match port {
        Some(25) => "port 25 (relay / MX)".into(),
        Some(587) => "port 587 (submission)".into(),
        Some(465) => "port 465 (implicit TLS)".into(),
        Some(2525) => "port 2525 (alt. submission)".into(),
        Some(p) => format!("port {p}"),
        None => "port not shown".into(),
    }
}

pub fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_counts_characters_not_bytes() {
        assert_eq!(shorten("ééééé", 5), "ééééé");
        assert_eq!(shorten("éééééé", 5), "éééé…");
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("\tEHLO\u{1b}[0m x\u{7}"), "EHLO[0m x");
        assert_eq!(
            strip_ansi("\u{1b}[90m[12:00]\u{1b}[39m C: EHLO x"),
            "[12:00] C: EHLO x"
        );
    }

    #[test]
    fn login_prompts_are_decoded_other_challenges_are_not() {
        assert_eq!(
            challenge(Some(334), "VXNlcm5hbWU6").as_deref(),
            Some("decoded: “Username:”")
        );
        assert_eq!(challenge(Some(250), "VXNlcm5hbWU6"), None);
        assert_eq!(challenge(Some(334), "AAEC"), None);
        assert_eq!(
            challenge(Some(334), "VXNlciBOYW1lAA==").as_deref(),
            Some("decoded: “User Name”")
        );
    }

    #[test]
    fn smtp_text_is_found_inside_tool_quoting() {
        assert_eq!(
            smtp_text(
                "send: 'mail FROM:<a@b.example> size=202\\r\\n'",
                Some("MAIL")
            ),
            "mail FROM:<a@b.example> size=202"
        );
        assert_eq!(
            smtp_text("reply: b'250-mail.example.test\\r\\n'", Some("250")),
            "250-mail.example.test"
        );
        assert_eq!(
            smtp_text(
                "&lt;- &quot;MAIL FROM:&lt;a@b.example&gt;\\r\\n&quot;<br />",
                Some("MAIL")
            ),
            "MAIL FROM:<a@b.example>"
        );
        assert_eq!(
            smtp_text("EHLO mail.example", Some("EHLO")),
            "EHLO mail.example"
        );
        // "mail" inside a host name is not the verb.
        assert_eq!(
            smtp_text("HELO mail.example", Some("HELO")),
            "HELO mail.example"
        );
        assert_eq!(smtp_text("send: 'XYZZY\\r\\n'", None), "XYZZY");
        assert_eq!(find_token("250 x 2500", "250"), Some(0));
        assert_eq!(find_token("x2500 250", "250"), Some(6));
    }

    #[test]
    fn log_prefixes_are_dropped_from_notes() {
        assert_eq!(
            strip_log_prefix(
                "[2026-11-28 15:51:07] DEBUG [tvegw2ADqlw] Connection upgraded with STARTTLS"
            ),
            "Connection upgraded with STARTTLS"
        );
        assert_eq!(
            strip_log_prefix("Nov 28 16:27:18 mail postfix/submissions/smtpd[20074]: connect from localhost[127.0.0.1]"),
            "connect from localhost[127.0.0.1]"
        );
        assert_eq!(
            strip_log_prefix(
                "2026-11-28T16:27:18.123456+00:00 mail postfix/smtpd[1]: lost connection"
            ),
            "lost connection"
        );
        assert_eq!(
            strip_log_prefix("TLS started with cipher X"),
            "TLS started with cipher X"
        );
        assert_eq!(
            strip_log_prefix("Connected to 127.0.0.1."),
            "Connected to 127.0.0.1."
        );
        assert_eq!(
            strip_log_prefix("depth=0 CN = mail.example.test"),
            "depth=0 CN = mail.example.test"
        );
    }

    #[test]
    fn sizes_read_as_megabytes() {
        assert_eq!(bytes(10_485_760), "10 MB");
        assert_eq!(bytes(1_048_576), "1 MB");
        assert_eq!(bytes(35_882_577), "34.2 MB");
        assert_eq!(bytes(1_100_000), "1.0 MB");
        assert_eq!(bytes(1_520_000), "1.4 MB");
        assert_eq!(bytes(1000), "1000 B");
    }
}
