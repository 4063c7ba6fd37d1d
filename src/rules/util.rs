//! Helpers the rules share: the text of an event, replies, ports, domains,
//! the tool's own remarks (its command line, a piped `printf`), and the
//! finding constructor.

use crate::explain::ProviderHint;
use crate::ingest::Note;
use crate::parse::address::domain_of;
use crate::parse::Verb;
use crate::session::{Auth, Channel, Dir, Event, Kind, Outcome, Session, TlsMode};

use super::{Ctx, Finding, Rule, Severity, Text};

/// The text of an event in the paste (empty when the span is out of range).
pub fn text<'a>(ctx: &Ctx<'a>, e: &Event) -> &'a str {
    ctx.input.get(e.span.range()).unwrap_or("")
}

/// The first line of an event, cleaned for quoting in a title or sentence:
/// terminal colours and the tool's decoration before the reply code are
/// dropped, escaped line ends (`\r\n'`) cut, the length limited.
pub fn quote(ctx: &Ctx<'_>, e: &Event) -> String {
    let t = crate::ingest::clean::strip_ansi(text(ctx, e));
    let first = t.split(['\n', '\r']).next().unwrap_or("").trim();
    let mut q = first;
    // A command inside a tool's payload that holds several
    // (`send: 'STARTTLS\r\nRSET\r\n'`): start at this event's verb.
    if let Some(v) = e
        .verb
        .filter(|v| e.kind == Kind::Command && !v.as_str().contains('_'))
    {
        let upper = q.to_ascii_uppercase();
        if let Some(i) = upper.find(v.as_str()).filter(|&i| i > 0) {
            q = q.get(i..).unwrap_or(q);
        }
    }
    if let Some(code) = e.code {
        let c = code.to_string();
        let at = q.match_indices(c.as_str()).map(|(i, _)| i).find(|&i| {
            let before = q.get(..i).and_then(|b| b.chars().last());
            let after = q.get(i + 3..).and_then(|a| a.chars().next());
            !before.is_some_and(|b| b.is_ascii_alphanumeric())
                && after.is_none_or(|a| a == ' ' || a == '-' || a == '\t')
        });
        if let Some(i) = at {
            q = q.get(i..).unwrap_or(q);
        }
    }
    // An escaped payload (`reply: b'250 OK\r\n'`) ends at its first escaped CRLF.
    let q = q.split("\\r\\n").next().unwrap_or(q).trim_end();
    cut(q, 110)
}

/// The recipient a reply or log line names: the address after `RCPT`
/// (Exim's `rejected RCPT <x>`) if there is one, else the first address.
pub fn rcpt_address_in(t: &str) -> Option<String> {
    ["RCPT TO:", "RCPT "]
        .iter()
        .find_map(|k| t.find(k).and_then(|i| t.get(i + k.len()..)))
        .and_then(address_in)
        .or_else(|| address_in(t))
}

/// The first `<mailbox@domain>` in a text (the address a reply names).
pub fn address_in(t: &str) -> Option<String> {
    let mut rest = t;
    while let Some(open) = rest.find('<') {
        let after = rest.get(open + 1..)?;
        let close = after.find('>')?;
        let inner = after.get(..close)?;
        if inner.contains('@') && !inner.contains(' ') {
            return Some(inner.to_string());
        }
        rest = after.get(close + 1..)?;
    }
    None
}

/// The physical lines of a text inside the paste, split as the ingest
/// splits the paste: at LF (trailing CRs dropped, so CRLF and CR CR LF end
/// one line), or at CR in a paste that has no LF at all.
pub fn phys_lines<'t>(ctx: &Ctx<'_>, t: &'t str) -> impl Iterator<Item = &'t str> {
    let sep = if memchr::memchr(b'\n', ctx.input.as_bytes()).is_some() {
        '\n'
    } else {
        '\r'
    };
    // Split at CR, no piece holds one: the trim only acts on LF lines.
    t.split(sep).map(|l| l.trim_end_matches('\r'))
}

/// `s` cut to `max` characters, with an ellipsis when cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// The event's text in lower case, for phrase matching (worked out once per
/// reply for all rules).
pub fn lower<'c>(ctx: &'c Ctx<'_>, e: &Event) -> std::borrow::Cow<'c, str> {
    match ctx.seen.lower_of(&ctx.session.events, e) {
        Some(l) => std::borrow::Cow::Borrowed(l),
        None => std::borrow::Cow::Owned(text(ctx, e).to_ascii_lowercase()),
    }
}

/// What several rules read from one session, worked out once: each reply's
/// lower-cased text, the tool's command line, a piped session.
pub struct Seen<'a> {
    /// Every reply's lower-cased text, end to end (one allocation a session,
    /// not one a reply).
    lower: String,
    /// Indexed like the session's events: the reply's range in `lower`.
    lower_at: Vec<Option<(u32, u32)>>,
    /// The stretch of the paste the session's events lie in: a phrase no
    /// event's text holds is not in it, so one search of it can spare a
    /// search of each event.
    raw: &'a str,
    command_line: Option<(u32, &'a str)>,
    piped: Option<Piped>,
    /// The server's host name ([`server_host`]), worked out on first use.
    host: std::cell::OnceCell<Option<String>>,
    /// The provider hints worked out so far: `(event index, hint)` (several
    /// rules ask for the same reply's).
    hints: std::cell::Cell<Vec<(usize, Option<&'static ProviderHint>)>>,
}

impl<'a> Seen<'a> {
    pub fn of(input: &'a str, s: &Session) -> Seen<'a> {
        let text = |e: &Event| input.get(e.span.range()).unwrap_or("");
        let replies = || s.events.iter().filter(|e| e.kind == Kind::Reply);
        let mut lower = String::with_capacity(replies().map(|e| text(e).len()).sum());
        let lower_at = s
            .events
            .iter()
            .map(|e| {
                if e.kind != Kind::Reply {
                    return None;
                }
                let start = lower.len();
                lower.push_str(text(e));
                if let Some(added) = lower.get_mut(start..) {
                    added.make_ascii_lowercase();
                }
                Some((start as u32, lower.len() as u32))
            })
            .collect();
        let command_line = find_command_line(input, s);
        let piped = command_line.and_then(|(line, cmd)| piped_in(line, cmd));
        let start = s.events.iter().map(|e| e.span.start()).min().unwrap_or(0);
        let end = s.events.iter().map(|e| e.span.end()).max().unwrap_or(0);
        Seen {
            lower,
            lower_at,
            raw: input.get(start..end).unwrap_or(""),
            command_line,
            piped,
            host: std::cell::OnceCell::new(),
            hints: std::cell::Cell::new(Vec::new()),
        }
    }

    /// The index of `e` in `events`, when it is one of them.
    fn index_of(events: &[Event], e: &Event) -> Option<usize> {
        let base = events.as_ptr() as usize;
        let at = (e as *const Event as usize).checked_sub(base)? / std::mem::size_of::<Event>();
        events
            .get(at)
            .is_some_and(|x| std::ptr::eq(x, e))
            .then_some(at)
    }

    /// The lower-cased text of `e`, when `e` is one of `events`' replies.
    fn lower_of(&self, events: &[Event], e: &Event) -> Option<&str> {
        // `e` is an element of `events`: its index from its address.
        let at = Self::index_of(events, e)?;
        let (start, end) = (*self.lower_at.get(at)?)?;
        self.lower.get(start as usize..end as usize)
    }
}

/// Searchers for phrases looked for in many lines, built once
/// (`str::contains` builds one per call, which costs more than the search
/// on short lines): `static X: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[..]))`.
pub struct Phrases {
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// The phrases' common start, when they have one of 3 bytes or more
    /// ("bare lf", "bare cr", ...): one search rules most texts out.
    common: Option<memchr::memmem::Finder<'static>>,
    /// With [`Phrases::covered`]: words the phrases hold, each with the
    /// phrases (indices) that hold it, and the phrases that hold none.
    /// A text without a word holds none of its phrases: one search
    /// instead of one a phrase.
    covers: Vec<(memchr::memmem::Finder<'static>, Vec<usize>)>,
    uncovered: Vec<usize>,
}

impl Phrases {
    pub fn new(phrases: &[&'static str]) -> Phrases {
        let first = phrases.first().map_or(&[][..], |p| p.as_bytes());
        let common = phrases.iter().fold(first.len(), |n, p| {
            first
                .iter()
                .zip(p.as_bytes())
                .take(n)
                .take_while(|(a, b)| a == b)
                .count()
        });
        Phrases {
            finders: phrases
                .iter()
                .map(|p| memchr::memmem::Finder::new(p.as_bytes()))
                .collect(),
            common: (phrases.len() > 1 && common >= 3)
                .then(|| first.get(..common))
                .flatten()
                .map(memchr::memmem::Finder::new),
            covers: Vec::new(),
            uncovered: Vec::new(),
        }
    }

    /// Like [`Phrases::new`], for phrases that share words (`covers`,
    /// e.g. "message" in "message too big" and "message too large"): a
    /// text is searched for each word, and for a word's phrases only
    /// when it holds the word. A phrase is under the first word it holds;
    /// one that holds none is searched for as it is.
    pub fn covered(phrases: &[&'static str], covers: &[&'static str]) -> Phrases {
        let mut p = Phrases::new(phrases);
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); covers.len()];
        for (i, phrase) in phrases.iter().enumerate() {
            match covers.iter().position(|c| phrase.contains(c)) {
                Some(g) => groups.get_mut(g).into_iter().for_each(|v| v.push(i)),
                None => p.uncovered.push(i),
            }
        }
        p.covers = covers
            .iter()
            .zip(groups)
            .filter(|(_, g)| !g.is_empty())
            .map(|(c, g)| (memchr::memmem::Finder::new(c.as_bytes()), g))
            .collect();
        p
    }

    /// True when `t` holds any of the phrases.
    pub fn any_in(&self, t: &str) -> bool {
        let t = t.as_bytes();
        if self.common.as_ref().is_some_and(|c| c.find(t).is_none()) {
            return false;
        }
        if self.covers.is_empty() {
            return self.finders.iter().any(|f| f.find(t).is_some());
        }
        let found = |i: &usize| self.finders.get(*i).is_some_and(|f| f.find(t).is_some());
        self.uncovered.iter().any(found)
            || self
                .covers
                .iter()
                .any(|(c, group)| c.find(t).is_some() && group.iter().any(found))
    }
}

/// False when no reply of the session holds any of the (lower-case)
/// phrases in its lower-cased text: one search that spares one a reply.
pub fn replies_may_say(ctx: &Ctx<'_>, p: &Phrases) -> bool {
    p.any_in(&ctx.seen.lower)
}

/// False when no event of the session holds any of the phrases in its
/// text (as it is): one search that spares one an event.
pub fn events_may_say(ctx: &Ctx<'_>, p: &Phrases) -> bool {
    p.any_in(ctx.seen.raw)
}

/// Like [`events_may_say`], for one searcher.
pub fn events_may_hold(ctx: &Ctx<'_>, f: &memchr::memmem::Finder<'_>) -> bool {
    f.find(ctx.seen.raw.as_bytes()).is_some()
}

/// True when the lower-cased text holds any of the phrases.
pub fn has_any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| lower.contains(p))
}

/// The enhanced code as `x.y.z`, if any.
pub fn enhanced(e: &Event) -> Option<String> {
    e.enhanced.map(|x| x.to_string())
}

/// True when the reply's enhanced code (or, without one, its text) has the
/// given subject and detail (`x.7.1` is `(7, 1)`).
pub fn enhanced_is(ctx: &Ctx<'_>, e: &Event, subject: u16, detail: u16) -> bool {
    match e.enhanced {
        Some(x) => x.subject == subject && x.detail == detail,
        None => {
            let t = text(ctx, e);
            t.split(|c: char| c.is_whitespace() || c == '#' || c == '(' || c == ')')
                .any(|w| is_enhanced_word(w, subject, detail))
        }
    }
}

/// `w` is `4.subject.detail` or `5.subject.detail`, the numbers written
/// as `format!` writes them (no sign, no leading zero).
fn is_enhanced_word(w: &str, subject: u16, detail: u16) -> bool {
    let number = |s: &str, n: u16| {
        s.bytes().all(|b| b.is_ascii_digit())
            && (s == "0" || !s.starts_with('0'))
            && s.parse::<u16>() == Ok(n)
    };
    let Some(rest) = w.strip_prefix("4.").or_else(|| w.strip_prefix("5.")) else {
        return false;
    };
    rest.split_once('.')
        .is_some_and(|(s, d)| number(s, subject) && number(d, detail))
}

/// The reply answering the command at event `i`. Bounded: replies come in
/// order, so the search stops at a reply to a later command, or after 64
/// further commands without one (a client-only paste has no replies at
/// all), keeping every rule linear on pastes of a million lines.
pub fn reply_to(s: &Session, i: u32) -> Option<&Event> {
    reply_index(s, i).and_then(|r| s.event(r))
}

/// The index of the reply answering the command at event `i`.
pub fn reply_index(s: &Session, i: u32) -> Option<u32> {
    if s.client_only {
        return None;
    }
    let mut commands = 0u32;
    for (n, e) in s.events.iter().enumerate().skip(i as usize + 1) {
        match e.answers {
            Some(a) if a == i => return Some(n as u32),
            Some(a) if a > i => return None,
            _ => {}
        }
        if e.kind == Kind::Command {
            commands += 1;
            if commands > 64 {
                return None;
            }
        }
    }
    None
}

/// The command a reply answers.
pub fn command_of<'s>(s: &'s Session, reply: &Event) -> Option<&'s Event> {
    reply.answers.and_then(|i| s.event(i))
}

/// Every reply with the command (verb) it answers.
pub fn replies<'s>(s: &'s Session) -> impl Iterator<Item = (&'s Event, Option<Verb>)> + 's {
    s.events
        .iter()
        .filter(|e| e.dir == Dir::Server && e.kind == Kind::Reply)
        .map(move |e| (e, command_of(s, e).and_then(|c| c.verb)))
}

/// A provider-specific hint for a reply (Gmail, Microsoft 365...).
/// Worked out once a reply: several rules' advice asks for the same one.
pub fn provider_hint(ctx: &Ctx<'_>, reply: &Event) -> Option<&'static ProviderHint> {
    let at = Seen::index_of(&ctx.session.events, reply);
    let mut known = ctx.seen.hints.take();
    let hint = match known.iter().find(|(i, _)| Some(*i) == at) {
        Some((_, hint)) => *hint,
        None => {
            let hint = find_provider_hint(ctx, reply);
            known.extend(at.map(|i| (i, hint)));
            hint
        }
    };
    ctx.seen.hints.set(known);
    hint
}

fn find_provider_hint(ctx: &Ctx<'_>, reply: &Event) -> Option<&'static ProviderHint> {
    let code = reply.code?;
    let en = enhanced(reply);
    crate::explain::provider_hints_with_server(
        code,
        en.as_deref(),
        text(ctx, reply),
        host_of(ctx).as_deref(),
    )
    .into_iter()
    .next()
}

/// At most this many evidence lines per finding (a bulk session can refuse
/// a hundred thousand recipients; the first ones prove the point).
pub const MAX_LINES: usize = 100;

/// The 1-based lines, sorted, without duplicates or zeros, at most
/// [`MAX_LINES`].
pub fn lines(mut v: Vec<u32>) -> Vec<u32> {
    v.retain(|l| *l > 0);
    v.sort_unstable();
    v.dedup();
    v.truncate(MAX_LINES);
    v
}

/// The lines an event covers (all lines of a multi-line reply).
pub fn event_lines(e: &Event) -> impl Iterator<Item = u32> {
    e.line..=e.end_line.max(e.line)
}

/// A finding of `rule` in this session.
pub fn finding(
    ctx: &Ctx<'_>,
    rule: &Rule,
    severity: Severity,
    lines_: Vec<u32>,
    title: impl Into<String>,
    why: impl Into<String>,
    fix: impl Into<String>,
) -> Finding {
    let (title, why, fix) = (title.into(), why.into(), fix.into());
    let (title, why, fix) = match ctx.texts.try_borrow_mut() {
        Ok(mut texts) => (
            texts.share(rule.id, 0, title),
            texts.share(rule.id, 1, why),
            texts.share(rule.id, 2, fix),
        ),
        // Not reached (nothing else holds it while a rule runs).
        Err(_) => (title.into(), why.into(), fix.into()),
    };
    Finding {
        id: rule.id,
        severity,
        session: ctx.index,
        lines: lines(lines_),
        title,
        why,
        fix,
        refs: rule.refs,
    }
}

/// The texts (title, why, fix) of each rule's last few findings: a new
/// finding that says the same shares them. A small table keyed by the
/// rule id's address.
pub(crate) struct Texts {
    /// `(the rule id's address, its texts by field)`.
    slots: Vec<(usize, [Vec<Text>; 3])>,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            slots: (0..TEXT_SLOTS).map(|_| (0, Default::default())).collect(),
        }
    }
}

/// [`Texts`]' table size (a power of two above the number of rules).
const TEXT_SLOTS: usize = 64;

impl Texts {
    /// `text` as field `field` of a finding of rule `id`, shared when one
    /// of the rule's last few said the same.
    fn share(&mut self, id: &'static str, field: usize, text: String) -> Text {
        const KEEP: usize = 8;
        let key = id.as_ptr() as usize;
        let home = ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % TEXT_SLOTS;
        // Open addressing: the rule's slot, or the first free one after
        // its home (there are fewer rules than slots).
        let at = (0..TEXT_SLOTS)
            .map(|i| (home + i) % TEXT_SLOTS)
            .find(|&i| self.slots.get(i).is_some_and(|(k, _)| *k == key || *k == 0));
        let Some((k, fields)) = at.and_then(|at| self.slots.get_mut(at)) else {
            return Text::from(text);
        };
        *k = key;
        let Some(recent) = fields.get_mut(field) else {
            return Text::from(text);
        };
        if let Some(t) = recent.iter().rev().find(|t| ***t == *text) {
            return Text::clone(t);
        }
        let t = Text::from(text);
        if recent.len() >= KEEP {
            recent.remove(0);
        }
        recent.push(Text::clone(&t));
        t
    }
}

/// A finding's text as serde gives a `str` (serde's `rc` feature is not on).
pub(crate) fn shared_text<S: serde::Serializer>(t: &Text, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t)
}

// ----- ports -------------------------------------------------------------

/// What the port says about the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortKind {
    /// 25: server-to-server relay (MX).
    Relay,
    /// 587 (and 2525, the common alternative): message submission with STARTTLS.
    Submission,
    /// 465: submission with TLS from the first byte.
    Submissions,
    Other,
    Unknown,
}

pub fn port_kind(s: &Session) -> PortKind {
    match s.port {
        Some(25) => PortKind::Relay,
        Some(587 | 2525) => PortKind::Submission,
        Some(465) => PortKind::Submissions,
        Some(_) => PortKind::Other,
        None => PortKind::Unknown,
    }
}

/// A submission port (587, 465, or 2525).
pub fn is_submission(s: &Session) -> bool {
    matches!(port_kind(s), PortKind::Submission | PortKind::Submissions)
}

/// "port 587", or "the port" when unknown.
pub fn port_label(s: &Session) -> String {
    s.port
        .map_or_else(|| "this port".to_string(), |p| format!("port {p}"))
}

// ----- TLS and AUTH --------------------------------------------------------

/// The channel was proven cleartext (not merely "no TLS shown").
pub fn tls_known(s: &Session) -> bool {
    s.tls != TlsMode::Unknown
}

/// An AUTH whose credentials went out before TLS protected the channel.
pub fn sent_in_clear(s: &Session, a: &Auth) -> bool {
    a.credentials_sent && !a.over_tls && a.channel != Channel::Encrypted && tls_known(s)
}

/// An AUTH was accepted in this session.
pub fn auth_accepted(s: &Session) -> bool {
    s.auths.iter().any(|a| a.outcome == Outcome::Accepted)
}

/// Credentials were sent at all (whatever the channel).
pub fn credentials_sent(s: &Session) -> bool {
    s.auths.iter().any(|a| a.credentials_sent)
}

/// The user names shown for these AUTH attempts (none when hidden).
pub fn user_names(auths: &[&Auth]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for a in auths {
        if let Some(u) = a.user.as_ref().filter(|u| !u.is_empty()) {
            if !v.contains(u) {
                v.push(u.clone());
            }
        }
    }
    v
}

/// Mechanisms that send the secret itself (base64 is not encryption).
pub fn plaintext_mechanism(m: &str) -> bool {
    !matches!(
        m,
        "CRAM-MD5"
            | "DIGEST-MD5"
            | "SCRAM-SHA-1"
            | "SCRAM-SHA-256"
            | "SCRAM-SHA-1-PLUS"
            | "SCRAM-SHA-256-PLUS"
            | "GSSAPI"
            | "NTLM"
            | "EXTERNAL"
            | "ANONYMOUS"
    )
}

/// A greeting the builder inferred from a stray single `250` line (the tail
/// of openssl's own hidden EHLO): not a real EHLO of the user.
pub fn stray_greeting(s: &Session, event: u32) -> bool {
    s.event(event).is_some_and(|e| e.inferred)
        && s.greetings
            .iter()
            .find(|g| g.event == event)
            .is_some_and(|g| g.capabilities.is_empty())
}

// ----- domains -----------------------------------------------------------

/// The server's host name, from its greeting (`220 mx.example.org ESMTP`) or
/// the first line of its EHLO reply.
pub fn server_host(ctx: &Ctx<'_>) -> Option<String> {
    host_of(ctx).clone()
}

/// [`server_host`], worked out once a session.
fn host_of<'c>(ctx: &'c Ctx<'_>) -> &'c Option<String> {
    ctx.seen.host.get_or_init(|| find_server_host(ctx))
}

fn find_server_host(ctx: &Ctx<'_>) -> Option<String> {
    let s = ctx.session;
    let mut candidates = Vec::new();
    if let Some(g) = s.greeting.and_then(|i| s.event(i)) {
        candidates.push(g);
    }
    for g in &s.greetings {
        if let Some(r) = reply_to(s, g.event) {
            candidates.push(r);
        }
    }
    candidates
        .into_iter()
        .find_map(|e| host_in_reply(text(ctx, e)))
}

fn host_in_reply(t: &str) -> Option<String> {
    let first = t.split('\n').next().unwrap_or("");
    // Skip the code (`220`, `220-`, `250-`) and take the next word.
    let word = first
        .trim()
        .get(4..)?
        .split_ascii_whitespace()
        .next()?
        .trim_end_matches([',', '.', ';']);
    let is_name = word.contains('.')
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    is_name.then(|| word.to_ascii_lowercase())
}

/// The registrable part of a domain, roughly: the last two labels, or three
/// under a two-letter country code with a generic second level
/// (`example.co.uk`).
pub fn base_domain(d: &str) -> String {
    let d = d.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = d.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let take = match (labels.get(n.wrapping_sub(2)), labels.last()) {
        (Some(second), Some(tld))
            if n >= 3
                && tld.len() == 2
                && matches!(
                    *second,
                    "co" | "com" | "net" | "org" | "ac" | "gov" | "edu" | "ne" | "or"
                ) =>
        {
            3
        }
        _ => 2,
    };
    labels
        .get(n.saturating_sub(take)..)
        .map_or_else(|| d.clone(), |l| l.join("."))
}

/// The base domain of a mailbox.
pub fn mailbox_base(mailbox: &str) -> Option<String> {
    domain_of(mailbox)
        .filter(|d| !d.starts_with('['))
        .map(|d| base_domain(&d))
}

// ----- the tool's own lines ------------------------------------------------

/// Lines that are not the SMTP exchange: the tool's remarks and noise.
pub fn remarks<'a, 's>(ctx: &'s Ctx<'a>) -> impl Iterator<Item = (&'s Event, &'a str)> + 's {
    ctx.session
        .events
        .iter()
        .filter(|e| {
            !matches!(e.dir, Dir::Client | Dir::Server)
                // Certificates and blank lines never say anything a rule reads.
                && !matches!(e.note, Some(Note::Certificate | Note::Blank))
        })
        .map(move |e| (e, text(ctx, e)))
}

/// The shell command line that started the client, when the paste shows it
/// (the first remark naming a known tool, before any server line).
pub fn command_line<'a>(ctx: &Ctx<'a>) -> Option<(u32, &'a str)> {
    ctx.seen.command_line
}

fn find_command_line<'a>(input: &'a str, s: &Session) -> Option<(u32, &'a str)> {
    for e in &s.events {
        if e.dir == Dir::Server {
            break;
        }
        if matches!(e.dir, Dir::Client) {
            continue;
        }
        let t = input.get(e.span.range()).unwrap_or("");
        if names_a_tool(t) {
            return Some((e.line, t));
        }
    }
    None
}

/// The tools [`find_command_line`] looks for: a name followed by a space
/// (`"nc "`), or `s_client` anywhere.
const TOOL_NAMES: &[&str] = &[
    "nc",
    "ncat",
    "netcat",
    "telnet",
    "swaks",
    "curl",
    "msmtp",
    "sendemail",
    "sendEmail",
    "printf",
    "echo",
    "socat",
];

/// True when `t` holds one of [`TOOL_NAMES`] followed by a space, or
/// `s_client`: what searching `t` for each of `"nc "`, `"ncat "`, ...,
/// `"s_client"` finds, in one pass over the spaces and underscores of the
/// text instead of thirteen searches of each remark (a session's remarks
/// before the server's first line are asked until one names a tool).
fn names_a_tool(t: &str) -> bool {
    let b = t.as_bytes();
    let named = |p: usize| {
        let head = b.get(..p).unwrap_or(&[]);
        // Every name ends in one of these bytes: most spaces follow none.
        matches!(
            head.last(),
            Some(b'c' | b't' | b's' | b'l' | b'p' | b'f' | b'o')
        ) && TOOL_NAMES.iter().any(|n| head.ends_with(n.as_bytes()))
    };
    let s_client = |p: usize| {
        p.checked_sub(1).and_then(|s| b.get(s)) == Some(&b's')
            && b.get(p + 1..).is_some_and(|r| r.starts_with(b"client"))
    };
    memchr::memchr_iter(b' ', b).any(named) || memchr::memchr_iter(b'_', b).any(s_client)
}

/// The words of a command line after the tool's name.
fn words(cmd: &str) -> Vec<&str> {
    cmd.split_ascii_whitespace().collect()
}

/// A typed session through nc / netcat / ncat / socat / openssl without the
/// option that turns Enter into CRLF: every typed line ends in a bare LF.
pub fn typed_with_bare_lf(ctx: &Ctx<'_>) -> Option<(u32, &'static str)> {
    let (line, cmd) = command_line(ctx)?;
    if cmd.contains('|') || cmd.contains('<') {
        return None; // piped or redirected: nothing was typed
    }
    // No tool below is named (most command lines run swaks, curl...):
    // spare splitting the line into words.
    let b = cmd.as_bytes();
    if ![&b"nc"[..], b"netcat", b"s_client"]
        .iter()
        .any(|n| memchr::memmem::find(b, n).is_some())
    {
        return None;
    }
    let w = words(cmd);
    let tool = w.iter().position(|x| {
        let name = x.rsplit('/').next().unwrap_or(x);
        matches!(name, "nc" | "ncat" | "netcat" | "s_client")
    })?;
    let name = w.get(tool).map(|x| x.rsplit('/').next().unwrap_or(x))?;
    let opts = w.get(tool + 1..).unwrap_or(&[]);
    if name == "s_client" {
        return (!opts.contains(&"-crlf")).then_some((line, "openssl s_client without -crlf"));
    }
    let crlf = opts
        .iter()
        .any(|o| *o == "--crlf" || (o.starts_with('-') && !o.starts_with("--") && o.contains('C')));
    (!crlf).then_some((line, "nc without -C"))
}

/// Commands written into the client at once by `printf '...' | nc host 25`
/// (or echo, into telnet / openssl / socat).
#[derive(Debug, Clone)]
pub struct Piped {
    pub line: u32,
    /// The payload with its escapes (`\r`, `\n`) turned into bytes.
    pub payload: String,
    /// No `sleep` between the parts: everything was sent at once.
    pub at_once: bool,
}

pub fn piped<'c>(ctx: &'c Ctx<'_>) -> Option<&'c Piped> {
    ctx.seen.piped.as_ref()
}

fn piped_in(line: u32, cmd: &str) -> Option<Piped> {
    let pipe = cmd.find('|')?;
    let (left, right) = cmd.split_at(pipe);
    let sink = right.to_ascii_lowercase();
    if !["nc", "ncat", "netcat", "telnet", "s_client", "socat"]
        .iter()
        .any(|t| sink.contains(t))
    {
        return None;
    }
    let start = left.find("printf ").or_else(|| left.find("echo "))?;
    let rest = left.get(start..)?;
    let q = rest.find(['\'', '"'])?;
    let quote = rest.get(q..q + 1)?;
    let body_start = q + 1;
    let body_len = rest.get(body_start..)?.find(quote)?;
    let body = rest.get(body_start..body_start + body_len)?;
    Some(Piped {
        line,
        payload: unescape(body),
        at_once: !left.contains("sleep"),
    })
}

/// printf's escapes: `\r`, `\n`, `\t`, `\\`; others are kept.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The commands of a piped payload (message content left out; the `.` that
/// ends it kept), in order.
pub fn piped_commands(p: &Piped) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_data = false;
    for raw in p.payload.split('\n') {
        let l = raw.trim_end_matches('\r');
        if in_data {
            if l == "." {
                in_data = false;
                out.push(".".to_string());
            }
            continue;
        }
        if l.is_empty() {
            continue;
        }
        if l.eq_ignore_ascii_case("DATA") {
            in_data = true;
        }
        out.push(l.to_string());
    }
    out
}

/// One recipient as the session shows it: its sender, its reply, and
/// whether an AUTH had been accepted before it.
#[derive(Debug, Clone)]
pub struct RcptView {
    pub from: Option<String>,
    pub to: String,
    pub code: Option<u16>,
    pub authenticated: bool,
    pub channel: Channel,
    pub lines: Vec<u32>,
    /// The event of the reply, if any.
    pub reply: Option<u32>,
}

/// Every recipient of the session. When the tool printed only the server's
/// side of a piped session, the addresses come from the piped commands,
/// matched one to one with the commands the builder inferred.
pub fn recipients(ctx: &Ctx<'_>) -> Vec<RcptView> {
    let s = ctx.session;
    let mut out = Vec::new();
    for t in &s.transactions {
        for r in &t.rcpts {
            let reply = reply_index(s, r.event);
            let mut lines = vec![t.line, r.line];
            lines.extend(reply.and_then(|i| s.event(i)).map(|e| e.line));
            out.push(RcptView {
                from: t.from.clone(),
                to: r.to.clone(),
                code: r.code,
                authenticated: t.authenticated,
                channel: t.channel,
                lines,
                reply,
            });
        }
    }
    let blank = out.iter().all(|r| r.to.is_empty());
    if s.server_only && blank {
        if let Some(v) = piped_recipients(ctx) {
            return v;
        }
    }
    out.retain(|r| !r.to.is_empty());
    out
}

fn piped_recipients(ctx: &Ctx<'_>) -> Option<Vec<RcptView>> {
    let s = ctx.session;
    let p = piped(ctx)?;
    let cmds = piped_commands(p);
    let inferred: Vec<(u32, &Event)> = s
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Command && e.inferred)
        .map(|(i, e)| (i as u32, e))
        .collect();
    if inferred.len() != cmds.len() {
        return None;
    }
    let mut out = Vec::new();
    let mut from: Option<String> = None;
    let mut authenticated = false;
    for ((i, e), cmd) in inferred.iter().zip(&cmds) {
        let parsed = crate::parse::command::command(cmd);
        let verb = if cmd == "." {
            Verb::DataEnd
        } else {
            parsed.verb()
        };
        // The builder's guess, when it made one, must agree.
        if !matches!(e.verb, None | Some(Verb::Unknown)) && e.verb != Some(verb) {
            return None;
        }
        let reply_i = reply_index(s, *i);
        let reply = reply_i.and_then(|r| s.event(r));
        match parsed {
            crate::parse::Command::Mail { path, .. } => from = Some(path.to_string()),
            crate::parse::Command::Rcpt { path, .. } => {
                let mut lines = vec![e.line];
                lines.extend(reply.map(|r| r.line));
                out.push(RcptView {
                    from: from.clone(),
                    to: path.to_string(),
                    code: reply.and_then(|r| r.code),
                    authenticated,
                    channel: e.channel,
                    lines,
                    reply: reply_i,
                });
            }
            crate::parse::Command::Auth { .. } => {
                authenticated |= s
                    .events
                    .iter()
                    .skip(*i as usize)
                    .find(|r| r.dir == Dir::Server && r.code.is_some_and(|c| c != 334))
                    .and_then(|r| r.code)
                    .is_some_and(|c| c == 235);
            }
            _ => {}
        }
    }
    Some(out)
}

/// Client commands as the paste shows them, in order: `(event index, event)`.
pub fn client_commands(s: &Session) -> impl Iterator<Item = (u32, &Event)> {
    s.events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.dir == Dir::Client && e.kind == Kind::Command)
        .map(|(i, e)| (i as u32, e))
}

/// The lines of an AUTH exchange: the command, the 334 challenges and the
/// client's answers, and the final reply.
pub fn auth_lines(s: &Session, a: &Auth) -> Vec<u32> {
    let mut v = vec![a.line];
    for e in s.events.iter().skip(a.event as usize + 1) {
        match (e.dir, e.kind) {
            (Dir::Client, Kind::Command) if e.verb == Some(Verb::AuthResponse) => v.push(e.line),
            (Dir::Server, Kind::Reply) if e.code == Some(334) => v.push(e.line),
            (Dir::Server, Kind::Reply) => {
                v.push(e.line);
                break;
            }
            (Dir::Client, Kind::Command) => break,
            _ => {}
        }
    }
    v
}

/// The final reply of an AUTH exchange (not a 334 challenge).
pub fn auth_reply<'s>(s: &'s Session, a: &Auth) -> Option<&'s Event> {
    for e in s.events.iter().skip(a.event as usize + 1) {
        match (e.dir, e.kind) {
            (Dir::Client, Kind::Command) if e.verb == Some(Verb::AuthResponse) => {}
            (Dir::Server, Kind::Reply) if e.code == Some(334) => {}
            (Dir::Server, Kind::Reply) => return Some(e),
            (Dir::Client, Kind::Command) => return None,
            _ => {}
        }
    }
    None
}

/// The line of a multi-line reply that carries `keyword` (an EHLO
/// capability), or the reply's first line.
pub fn keyword_line(ctx: &Ctx<'_>, reply: &Event, keyword: &str) -> u32 {
    let t = text(ctx, reply);
    let kw = keyword.as_bytes();
    let Some(&k0) = kw.first() else {
        return reply.line;
    };
    // The keyword as a word of its own (ASCII case ignored): after a `-`,
    // a blank or a quote, not followed by a letter, digit or `-`. Looked
    // for in the whole reply at once (its first byte by `memchr2`), then
    // its line counted: the same line as asking each line in turn, since
    // a keyword holds no line end and a line end is neither a byte it may
    // follow nor one that may not follow it.
    let b = t.as_bytes();
    let holds = |i: usize| {
        b.get(i..i + kw.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(kw))
            && i.checked_sub(1)
                .and_then(|p| b.get(p))
                .is_some_and(|c| matches!(c, b'-' | b' ' | b'\t' | b'\''))
            && !b
                .get(i + kw.len())
                .is_some_and(|a| a.is_ascii_alphanumeric() || *a == b'-')
    };
    let Some(at) = memchr::memchr2_iter(k0.to_ascii_lowercase(), k0.to_ascii_uppercase(), b)
        .find(|&i| holds(i))
    else {
        return reply.line;
    };
    let sep = if memchr::memchr(b'\n', ctx.input.as_bytes()).is_some() {
        b'\n'
    } else {
        b'\r'
    };
    let before = b.get(..at).unwrap_or(&[]);
    reply.line + memchr::memchr_iter(sep, before).count() as u32
}

/// The greeting in effect at event `i`: the last EHLO/HELO before it whose
/// reply was positive (stray inferred greetings left out).
pub fn greeting_before(s: &Session, i: u32) -> Option<&crate::session::Greeting> {
    s.greetings.iter().rev().find(|g| {
        g.event < i && g.code.is_some_and(|c| c / 100 == 2) && !stray_greeting(s, g.event)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A phrase set (and its shortcut through a common start) finds what
    /// searching for each phrase finds.
    #[test]
    fn phrase_sets_find_what_each_phrase_finds() {
        let sets: &[&[&str]] = &[
            &["bare lf", "bare cr", "bare newline"],
            &[
                "size limit exceeded",
                "message file too big",
                "message too big",
            ],
            &["too big", "quota", "xyz", "jar", "vex"],
            &["a", "b"],
            &["only one"],
        ];
        let texts = [
            "",
            "552 5.3.4 message too big for system",
            "554 bare lf not allowed",
            "bare",
            "250 ok",
            "quota exceeded",
            "a",
            "zzz vex",
            "b only one",
            "message file too bi",
        ];
        let mut found = 0;
        for set in sets {
            let p = Phrases::new(set);
            for t in texts {
                let each = set.iter().any(|x| t.contains(x));
                found += usize::from(each);
                assert_eq!(p.any_in(t), each, "{set:?} in {t:?}");
            }
        }
        assert!(found > 5);
        // The same sets with words that cover some, all or none of them.
        let covered: &[(&[&str], &[&str])] = &[
            (
                &[
                    "message too big",
                    "message too large",
                    "size limit exceeded",
                    "exceeds size limit",
                ],
                &["message", "exceed"],
            ),
            (&["too big", "quota", "xyz", "jar", "vex"], &["big", "zz"]),
            (&["bare lf", "bare cr", "bare newline"], &["lf", "bare"]),
            (&["a", "b"], &[]),
            (&["only one"], &["one", "only"]),
        ];
        let texts = [
            "",
            "552 5.3.4 message too big for system",
            "554 size limit exceeded",
            "message",
            "exceeds size",
            "exceeds size limit",
            "quota exceeded",
            "zzz vex",
            "bare cr",
            "bar lf",
            "b only one",
            "big",
            "MESSAGE TOO BIG",
        ];
        let mut hits = 0;
        for (set, words) in covered {
            let p = Phrases::covered(set, words);
            for t in texts {
                let each = set.iter().any(|x| t.contains(x));
                hits += usize::from(each);
                assert_eq!(p.any_in(t), each, "{set:?} {words:?} in {t:?}");
            }
        }
        assert!(hits > 5);
    }

    /// Enhanced codes in a reply's words are read as comparing with
    /// `format!("4.{subject}.{detail}")` read them.
    #[test]
    fn enhanced_words_as_formatted() {
        let words = [
            "4.7.1", "5.7.1", "5.7.10", "5.07.1", "5.7.01", "2.7.1", "5.7", "5.7.1.", "5.+7.1",
            "4.2.2", "5.2.2", "x5.2.2", "5.0.0", "5.00.0", "4.7.0", "", "5..1",
        ];
        let mut hits = 0;
        for (subject, detail) in [(7, 1), (2, 2), (0, 0), (7, 10), (7, 0)] {
            for w in words {
                let formatted = [
                    format!("4.{subject}.{detail}"),
                    format!("5.{subject}.{detail}"),
                ];
                let want = formatted.iter().any(|x| w == x);
                hits += usize::from(want);
                assert_eq!(
                    is_enhanced_word(w, subject, detail),
                    want,
                    "{w} {subject}.{detail}"
                );
            }
        }
        assert!(hits >= 7);
    }

    /// One pass over a remark's spaces finds what thirteen searches found.
    #[test]
    fn tool_names_as_searches_find_them() {
        const TOOLS: &[&str] = &[
            "nc ",
            "ncat ",
            "netcat ",
            "telnet ",
            "s_client",
            "swaks ",
            "curl ",
            "msmtp ",
            "sendemail ",
            "sendEmail ",
            "printf ",
            "echo ",
            "socat ",
        ];
        let corpus = crate::testutil::every_fixture();
        let mut texts: Vec<&str> = corpus.lines().collect();
        texts.extend([
            "",
            "nc",
            "nc ",
            " nc ",
            "sync x",
            "ncat",
            "xs_client",
            "s_clien",
            "_client s_",
            "s_client",
            "$ openssl s_client -connect",
            "echo",
            "echo x",
            "sendEmail -v",
            "curl\t-v",
            "printf 'EHLO'|nc",
            "é nc é",
            "ncé ",
            "a_b_c",
        ]);
        let mut named = 0;
        for t in texts {
            let want = TOOLS.iter().any(|k| t.contains(k));
            named += usize::from(want);
            assert_eq!(names_a_tool(t), want, "{t:?}");
        }
        assert!(named > 20, "only {named} lines name a tool");
    }

    #[test]
    fn base_domains() {
        assert_eq!(base_domain("mail.example.test"), "example.test");
        assert_eq!(base_domain("mx.mail.example.co.uk"), "example.co.uk");
        assert_eq!(base_domain("example.com"), "example.com");
        assert_eq!(base_domain("localhost"), "localhost");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_in_reply("220 mail.example.test ESMTP Postfix"),
            Some("mail.example.test".into())
        );
        assert_eq!(
            host_in_reply("220-mx.example.org ESMTP"),
            Some("mx.example.org".into())
        );
        assert_eq!(host_in_reply("220 ESMTP ready"), None);
        assert_eq!(host_in_reply("250 [127.0.0.1]"), None);
    }

    #[test]
    fn printf_payloads() {
        let p = Piped {
            line: 1,
            payload: unescape(
                "EHLO x\\r\\nMAIL FROM:<a@b.c>\\r\\nDATA\\r\\nhi\\r\\n.\\r\\nQUIT\\r\\n",
            ),
            at_once: true,
        };
        assert_eq!(
            piped_commands(&p),
            vec!["EHLO x", "MAIL FROM:<a@b.c>", "DATA", ".", "QUIT"]
        );
    }
}
