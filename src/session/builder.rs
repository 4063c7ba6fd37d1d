//! One pass from ingested lines to sessions: pairs replies with commands
//! (pipelining included), tracks the channel (cleartext, STARTTLS
//! negotiation, encrypted), AUTH exchanges, transactions and session
//! boundaries; infers the commands a tool did not print.

use crate::ingest::find;
use std::collections::VecDeque;
use std::sync::Arc;

use super::{
    server, Auth, Channel, Dir, End, Event, Greeting, Kind, Outcome, PortSource, Rcpt, Session,
    TlsMode, TlsVerify, Transaction,
};
use crate::ingest::{Info, Line, Note, Tag};
use crate::parse::auth::{self as sasl, LoginPrompt};
use crate::parse::command::{command, starts_with_verb, Command};
use crate::parse::ehlo::ehlo_line;
use crate::parse::reply::{reply_line, run_together_splits, ReplyLine};
use crate::parse::{Capability, Verb};
use crate::span::Span;

/// A line the report could not place: `(line, message)`.
pub type Diagnostic = (u32, String);

/// The AUTH exchange in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthStage {
    /// Waiting for the server's answer to AUTH or to a response.
    AwaitReply,
    /// A 334 came: the next client line answers it.
    AwaitResponse(LoginPrompt),
}

#[derive(Debug)]
struct OpenReply {
    event: u32,
    code: u16,
    /// What the reply answers (the command's verb), for EHLO capabilities.
    answers_verb: Option<Verb>,
    first_line: bool,
}

/// Replaces `v` with its items in an allocation of their exact size and
/// returns its old buffer, emptied, for the next session (unless it grew
/// large: one long session's buffer is not kept for the rest of the paste).
fn exact<T>(v: &mut Vec<T>) -> Vec<T> {
    const KEEP_UP_TO: usize = 4096;
    let mut exact = Vec::with_capacity(v.len());
    exact.append(v);
    let spare = std::mem::replace(v, exact);
    if spare.capacity() > KEEP_UP_TO {
        Vec::new()
    } else {
        spare
    }
}

/// Builds sessions from ingested lines.
pub struct Builder<'i> {
    input: &'i str,
    caller_port: Option<u16>,
    /// Closed sessions, merged as they close (a session without SMTP joins
    /// the one before it). All but the last are settled: nothing that
    /// follows changes them.
    out: Vec<Session>,
    cur: Session,
    /// The capabilities of the EHLO reply being read (the last greeting's).
    caps: Vec<Capability>,
    /// The last few lists given to greetings, shared with the next equal one.
    recent_caps: Vec<Arc<[Capability]>>,
    pending: VecDeque<u32>,
    open: Option<OpenReply>,
    in_data: bool,
    auth: Option<(usize, AuthStage)>,
    channel: Channel,
    /// TLS evidence before any SMTP (openssl, curl smtps, swaks -tlsc).
    tls_before_smtp: bool,
    /// The command line asked for STARTTLS (openssl -starttls smtp).
    starttls_requested: bool,
    implicit_requested: bool,
    pending_user: Option<String>,
    /// The session has shown a server line.
    seen_server: bool,
    /// The transcript would show TLS if it were used.
    tls_known: bool,
    /// The handshake failed: later session blocks describe no TLS.
    tls_failed: bool,
    /// The command line forced a TLS version.
    forced_version: Option<String>,
    /// A client line was printed (not inferred) in this session.
    seen_client: bool,
    /// Lines per client format in this session.
    formats: Vec<(crate::ingest::Format, u32)>,
    pub diagnostics: Vec<Diagnostic>,
    noise_diagnostics: usize,
}

const MAX_DIAGNOSTICS: usize = 200;

impl<'i> Builder<'i> {
    pub fn new(input: &'i str, caller_port: Option<u16>) -> Self {
        Builder {
            input,
            caller_port,
            out: Vec::new(),
            cur: Session::default(),
            caps: Vec::new(),
            recent_caps: Vec::new(),
            pending: VecDeque::new(),
            open: None,
            in_data: false,
            auth: None,
            channel: Channel::Cleartext,
            tls_before_smtp: false,
            starttls_requested: false,
            implicit_requested: false,
            pending_user: None,
            seen_server: false,
            tls_known: false,
            tls_failed: false,
            forced_version: None,
            seen_client: false,
            formats: Vec::new(),
            diagnostics: Vec::new(),
            noise_diagnostics: 0,
        }
    }

    /// Feeds one ingested line.
    pub fn push(&mut self, line: &Line<'_>) {
        if let Some(f) = line.format {
            match self.formats.iter_mut().find(|(g, _)| *g == f) {
                Some((_, n)) => *n += 1,
                None => self.formats.push((f, 1)),
            }
        }
        match &line.tag {
            // A debug log shows the exchange itself; its log lines repeat it.
            Tag::LoggedSession { .. } | Tag::Info(Info::LogSummary { .. }) if self.seen_server => {
                let e = self.ev(line, line.span, Dir::Tool, Kind::Info);
                self.push_event(e);
            }
            Tag::Client(text) => self.client_text(line, text),
            Tag::Server(text) => self.server_text(line, text),
            Tag::ClientTls(text) => {
                self.marked_tls();
                self.client_text(line, text)
            }
            Tag::ServerTls(text) => {
                self.marked_tls();
                self.server_text(line, text)
            }
            Tag::Raw(text) => self.raw_text(line, text),
            Tag::Info(info) => self.info(line, info),
            Tag::Noise(reason) => self.noise(line, line.span, *reason),
            // The refusal's text stays in the line's span for the rules.
            Tag::LoggedSession { verb, .. } => {
                self.new_session_if_used();
                self.cur.connected = true;
                let i = self.infer(line, *verb);
                // The log gives the reason, not the code: a refusal is a 5xx.
                let mut e = self.ev(line, line.span, Dir::Server, Kind::Reply);
                e.code = Some(550);
                e.answers = Some(i);
                e.inferred = true;
                self.push_event(e);
            }
            Tag::Logged { .. } if self.seen_server => {
                // A verbose log printed the reply itself already.
                let e = self.ev(line, line.span, Dir::Tool, Kind::Info);
                self.push_event(e);
            }
            Tag::Logged { verb, reply } => {
                self.close_open_reply();
                self.pending.clear();
                let i = self.infer(line, *verb);
                self.pending.push_back(i);
                self.server_text(line, reply);
            }
        }
        // After the line: a prompt line opens the session its secret belongs to.
        self.cur.secrets.extend(line.secrets.iter().copied());
    }

    /// Finishes the last session and returns the sessions not taken by
    /// [`Self::drain_settled`] (all of them when it was never called).
    pub fn finish(mut self) -> (Vec<Session>, Vec<Diagnostic>) {
        self.close_session();
        let mut out = std::mem::take(&mut self.out);
        // The growth slack of a list of many sessions.
        out.shrink_to_fit();
        if self.noise_diagnostics > MAX_DIAGNOSTICS {
            self.diagnostics.push((
                0,
                format!(
                    "{} more lines could not be placed",
                    self.noise_diagnostics - MAX_DIAGNOSTICS
                ),
            ));
        }
        (out, self.diagnostics)
    }

    /// The sessions closed so far that nothing later can change, in order
    /// (all but the last closed one), taken out of the builder: a caller
    /// may check them while the rest of the paste is read. [`Self::finish`]
    /// returns the others.
    pub fn drain_settled(&mut self) -> std::vec::Drain<'_, Session> {
        let n = self.out.len().saturating_sub(1);
        self.out.drain(..n)
    }

    /// Keeps a closed session. Only the last session can lack SMTP
    /// (trailing chatter), or the only one (a paste with no SMTP at all):
    /// appending to the one before keeps indices.
    fn settle(&mut self, mut s: Session) {
        let real = s.has_smtp() || s.connected;
        match self.out.last_mut() {
            Some(last) if !real => last.events.append(&mut s.events),
            _ if !real => {}
            _ => self.out.push(s),
        }
    }

    /// The lines of a payload that holds several (smtplib's `send: b'...'`).
    fn split_lines(text: &str) -> impl Iterator<Item = &str> {
        text.split('\n')
            .map(|s| s.trim_end_matches('\r'))
            .filter(|s| !s.is_empty())
    }

    fn span_of(&self, line: &Line<'_>, part: &str) -> Span {
        Span::of(self.input, part, line.text_span)
    }

    fn ev(&self, line: &Line<'_>, span: Span, dir: Dir, kind: Kind) -> Event {
        Event {
            line: line.no,
            end_line: line.no,
            span,
            dir,
            kind,
            channel: self.channel,
            verb: None,
            code: None,
            enhanced: None,
            answers: None,
            inferred: false,
            code_mismatch: false,
            note: None,
        }
    }

    fn push_event(&mut self, e: Event) -> u32 {
        if self.cur.events.capacity() == 0 {
            self.cur.events.reserve(64);
        }
        self.cur.events.push(e);
        (self.cur.events.len() - 1) as u32
    }

    fn noise(&mut self, line: &Line<'_>, span: Span, reason: Note) {
        let mut e = self.ev(line, span, Dir::None, Kind::Noise);
        e.note = Some(reason);
        self.push_event(e);
        if reason.is_unplaced() {
            self.noise_diagnostics += 1;
            if self.noise_diagnostics <= MAX_DIAGNOSTICS {
                self.diagnostics
                    .push((line.no, reason.as_str().to_string()));
            }
        }
    }

    // ----- sessions -------------------------------------------------------

    /// Gives the last greeting the capabilities its reply listed: the
    /// list of one of the last few greetings when equal (runs against one
    /// server repeat it), else a new one of its exact size.
    fn flush_capabilities(&mut self) {
        const KEEP: usize = 8;
        if self.caps.is_empty() {
            return;
        }
        let Some(g) = self.cur.greetings.last_mut() else {
            self.caps.clear();
            return;
        };
        let shared = match self.recent_caps.iter().rev().find(|c| ***c == *self.caps) {
            Some(c) => Arc::clone(c),
            None => {
                // Moved, not cloned; the buffer stays for the next reply.
                let c: Arc<[Capability]> = self.caps.drain(..).collect();
                if self.recent_caps.len() >= KEEP {
                    self.recent_caps.remove(0);
                }
                self.recent_caps.push(Arc::clone(&c));
                c
            }
        };
        g.capabilities = shared;
        self.caps.clear();
    }

    fn close_session(&mut self) {
        self.close_open_reply();
        self.flush_capabilities();
        let mut s = std::mem::take(&mut self.cur);
        // Each list of the closed session in an allocation of its exact
        // size (a 40 MB paste of tiny sessions has tens of thousands of
        // them: growth slack was a third of the report's memory); the
        // builder keeps the grown buffers for the next session.
        self.cur.events = exact(&mut s.events);
        self.cur.greetings = exact(&mut s.greetings);
        self.cur.auths = exact(&mut s.auths);
        self.cur.transactions = exact(&mut s.transactions);
        self.cur.secrets = exact(&mut s.secrets);
        for t in &mut s.transactions {
            t.rcpts.shrink_to_fit();
        }
        s.format = self
            .formats
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(f, _)| f.id());
        self.formats.clear();
        if s.port.is_none() {
            if let Some(p) = self.caller_port {
                s.port = Some(p);
                s.port_source = Some(PortSource::Caller);
            }
        }
        // openssl -starttls sent STARTTLS itself (not printed) and TLS output
        // followed, even if the handshake then failed.
        if s.tls == TlsMode::None && self.starttls_requested && self.tls_before_smtp {
            s.tls = TlsMode::Starttls;
            s.starttls_hidden = true;
        }
        if self.tls_failed {
            s.tls_established = false;
        }
        if s.tls_established && s.tls_version.is_none() {
            s.tls_version = self.forced_version.take();
        }
        // No TLS seen: cleartext only if the transcript would have shown TLS.
        // A server never offers STARTTLS inside TLS (RFC 3207 §4.2), nor
        // demands it: either proves the channel was cleartext.
        let proven_clear = s
            .greetings
            .iter()
            .any(|g| g.capabilities.contains(&crate::parse::Capability::Starttls))
            || s.events.iter().any(|e| {
                e.dir == Dir::Server
                    && e.code == Some(530)
                    && self
                        .input
                        .get(e.span.range())
                        .is_some_and(|t| find::contains(t, "STARTTLS"))
            });
        if s.tls == TlsMode::None && !self.tls_known && s.port.is_none() && !proven_clear {
            s.tls = TlsMode::Unknown;
        }
        let has_client = s.events.iter().any(|e| e.dir == Dir::Client && !e.inferred);
        let has_server = s.events.iter().any(|e| e.dir == Dir::Server);
        s.client_only = has_client && !has_server;
        s.server_only = has_server && !has_client && s.events.iter().any(|e| e.inferred);
        self.settle(s);
        self.pending.clear();
        self.in_data = false;
        self.auth = None;
        self.channel = Channel::Cleartext;
        self.tls_before_smtp = false;
        self.starttls_requested = false;
        self.implicit_requested = false;
        self.pending_user = None;
        self.seen_server = false;
        self.tls_known = false;
        self.tls_failed = false;
        self.forced_version = None;
        self.seen_client = false;
    }

    fn new_session_if_used(&mut self) {
        if self.cur.has_smtp() || !self.cur.auths.is_empty() || self.cur.end == End::Closed {
            self.close_session();
        }
    }

    fn set_port(&mut self, port: u16) {
        if let Some(p) = self.caller_port {
            self.cur.port = Some(p);
            self.cur.port_source = Some(PortSource::Caller);
        } else if self.cur.port.is_none() {
            self.cur.port = Some(port);
            self.cur.port_source = Some(PortSource::Transcript);
        }
    }

    // ----- tool remarks ---------------------------------------------------

    fn info(&mut self, line: &Line<'_>, info: &Info) {
        match info {
            Info::Connect {
                port,
                implicit_tls,
                starttls,
                tls_known,
                version,
            } => {
                self.new_session_if_used();
                self.cur.connected = true;
                self.forced_version.clone_from(version);
                // The command line names the user (`--auth-user`, or a PLAIN
                // payload in a printf piped into openssl).
                if let Some(u) = self
                    .input
                    .get(line.span.range())
                    .and_then(crate::ingest::prompt::user)
                {
                    self.pending_user = Some(u.to_string());
                }
                for s in &line.secrets {
                    if let Some(u) = self.input.get(s.range()).and_then(|t| sasl::plain(t).user) {
                        self.pending_user = Some(u);
                    }
                }
                self.tls_known |= *tls_known;
                if let Some(p) = port {
                    self.set_port(*p);
                }
                self.implicit_requested |= *implicit_tls;
                self.starttls_requested |= *starttls;
                if *implicit_tls && self.cur.greeting.is_none() {
                    self.cur.tls = TlsMode::Implicit;
                    self.channel = Channel::Encrypted;
                }
            }
            Info::Port(p) => self.set_port(*p),
            Info::ImplicitTls => {
                self.implicit_requested = true;
                if self.cur.greeting.is_none() {
                    self.cur.tls = TlsMode::Implicit;
                    self.channel = Channel::Encrypted;
                }
            }
            Info::TlsUp { version, cipher } => {
                self.tls_evidence();
                self.cur.tls_established = true;
                if version.is_some() {
                    self.cur.tls_version.clone_from(version);
                }
                if cipher.is_some() {
                    self.cur.tls_cipher.clone_from(cipher);
                }
            }
            Info::TlsDetail => self.tls_evidence(),
            Info::TlsVersion(v) => {
                self.tls_evidence();
                if !self.tls_failed && self.cur.tls_version.is_none() {
                    self.cur.tls_version = Some(v.clone());
                }
            }
            Info::TlsVerify { ok, detail } => {
                self.tls_evidence();
                // The first failure is the one that matters; keep it.
                if self.cur.tls_verify.as_ref().is_none_or(|v| v.ok) {
                    self.cur.tls_verify = Some(TlsVerify {
                        ok: *ok,
                        detail: detail.clone(),
                        line: line.no,
                    });
                }
            }
            Info::AuthHidden { mechanism } => {
                let i = self.push_event(self.ev(line, line.span, Dir::Tool, Kind::Info));
                let auth = self.new_auth(mechanism, self.pending_user.clone(), line.no, i);
                self.cur.auths.push(auth);
                return;
            }
            Info::AuthOutcome { ok, user } => {
                let outcome = if *ok {
                    Outcome::Accepted
                } else {
                    Outcome::Rejected
                };
                match self.cur.auths.last_mut() {
                    Some(a) => {
                        if a.outcome == Outcome::Unknown {
                            a.outcome = outcome;
                        }
                        if a.user.is_none() {
                            a.user.clone_from(user);
                        }
                    }
                    None => {
                        // The tool hid the whole AUTH exchange (nodemailer's
                        // logger without debug) but reports its outcome.
                        let event = self.cur.events.len() as u32;
                        let auth = Auth {
                            outcome,
                            ..self.new_auth("UNKNOWN", user.clone(), line.no, event)
                        };
                        self.cur.auths.push(auth);
                    }
                }
            }
            Info::LogSummary {
                tls_version,
                cipher,
                auth_mechanism,
                auth_user,
                auth_ok,
                accepted,
            } => {
                self.new_session_if_used();
                self.cur.connected = true;
                // An arrival line (`<=`) carries X= whenever TLS was used;
                // an authenticator failure line never says.
                self.tls_known = *accepted;
                if tls_version.is_some() || cipher.is_some() {
                    // The log does not say STARTTLS or TLS on connect.
                    self.cur.tls = TlsMode::Starttls;
                    self.cur.tls_established = true;
                    self.cur.tls_version.clone_from(tls_version);
                    self.cur.tls_cipher.clone_from(cipher);
                    self.channel = Channel::Encrypted;
                }
                if let Some(ok) = auth_ok {
                    let event = self.cur.events.len() as u32;
                    let outcome = if *ok {
                        Outcome::Accepted
                    } else {
                        Outcome::Rejected
                    };
                    let mechanism = auth_mechanism.as_deref().unwrap_or("UNKNOWN");
                    let auth = Auth {
                        outcome,
                        ..self.new_auth(mechanism, auth_user.clone(), line.no, event)
                    };
                    self.cur.auths.push(auth);
                }
                if *accepted {
                    self.cur.messages_accepted += 1;
                }
                // One line, one session.
                let e = self.ev(line, line.span, Dir::Tool, Kind::Info);
                self.push_event(e);
                self.cur.end = End::Closed;
                return;
            }
            Info::MessageAccepted => {
                // A verbose log shows the replies themselves: count those.
                if !self.seen_server {
                    self.cur.messages_accepted += 1;
                }
            }
            Info::TlsFailed => {
                self.tls_failed = true;
                self.cur.tls_established = false;
                self.cur.tls_version = None;
            }
            Info::StartTlsDone => {
                self.cur.tls = TlsMode::Starttls;
                self.cur.tls_established = true;
                self.channel = Channel::Encrypted;
            }
            Info::User(u) => {
                self.pending_user = Some(u.clone());
            }
            Info::Closed => {
                self.close_open_reply();
                if self.cur.end != End::Quit {
                    self.cur.end = End::Closed;
                }
            }
            Info::Note => {}
        }
        let kind = if info.is_tls() { Kind::Tls } else { Kind::Info };
        let e = self.ev(line, line.span, Dir::Tool, kind);
        self.push_event(e);
    }

    /// The tool marks the line as inside TLS: the channel is up.
    fn marked_tls(&mut self) {
        if self.channel != Channel::Encrypted {
            self.tls_evidence();
            self.channel = Channel::Encrypted;
        }
        self.cur.tls_established = true;
        if self.cur.tls == TlsMode::None && self.cur.greeting.is_none() && !self.cur.has_smtp() {
            self.tls_before_smtp = true;
        }
    }

    fn tls_evidence(&mut self) {
        match self.channel {
            Channel::Negotiating => self.channel = Channel::Encrypted,
            Channel::Cleartext if self.cur.greeting.is_none() && !self.cur.has_smtp() => {
                self.tls_before_smtp = true;
                self.channel = Channel::Encrypted;
            }
            _ => {}
        }
    }

    /// An AUTH attempt on the current channel whose secret the transcript
    /// does not show (the callers that see a payload say otherwise).
    fn new_auth(&self, mechanism: &str, user: Option<String>, line: u32, event: u32) -> Auth {
        Auth {
            mechanism: mechanism.to_ascii_uppercase(),
            user,
            password_len: None,
            secret_hidden: true,
            over_tls: self.over_tls(),
            channel: self.channel,
            outcome: Outcome::Unknown,
            code: None,
            line,
            event,
            credentials_sent: true,
        }
    }

    fn over_tls(&self) -> bool {
        self.channel == Channel::Encrypted
    }

    // ----- raw lines ------------------------------------------------------

    fn raw_text(&mut self, line: &Line<'_>, text: &str) {
        let t = text.trim();
        // Message content, unless the client side is hidden (piped openssl):
        // then a reply ends the data phase.
        if self.in_data && (self.seen_client || reply_line(t).is_none()) {
            return self.client_text(line, text);
        }
        if t.is_empty() {
            return self.noise(line, line.span, Note::Blank);
        }
        let is_reply = reply_line(t).is_some();
        if matches!(self.auth, Some((_, AuthStage::AwaitResponse(_))))
            && !(is_reply && t.contains(' '))
            && !t.contains(' ')
        {
            return self.client_text(line, text);
        }
        if is_reply {
            self.server_text(line, text)
        } else if starts_with_verb(t) || t == "." {
            self.client_text(line, text)
        } else {
            self.noise(line, line.span, Note::NotSmtp)
        }
    }

    // ----- client lines ---------------------------------------------------

    fn client_text(&mut self, line: &Line<'_>, text: &str) {
        if memchr::memchr(b'\n', text.as_bytes()).is_none() {
            return self.client_line(line, text.trim_end_matches('\r'));
        }
        for part in Self::split_lines(text) {
            self.client_line(line, part);
        }
    }

    fn client_line(&mut self, line: &Line<'_>, text: &str) {
        self.seen_client = true;
        // A client line ends a reply left open (a truncated multi-line reply).
        self.close_open_reply();
        if self.channel == Channel::Negotiating {
            // The client talks again: the handshake is over.
            self.channel = Channel::Encrypted;
        }
        let span = self.span_of(line, text);
        if self.in_data {
            let mut e = self.ev(line, span, Dir::Client, Kind::Data);
            if text == "." {
                e.kind = Kind::Command;
                e.verb = Some(Verb::DataEnd);
                self.in_data = false;
                let i = self.push_event(e);
                self.pending.push_back(i);
            } else {
                e.verb = Some(Verb::DataLine);
                self.push_event(e);
            }
            return;
        }
        if let Some((ai, AuthStage::AwaitResponse(prompt))) = self.auth {
            return self.auth_response(line, span, text, ai, prompt);
        }
        if let Some((ai, AuthStage::AwaitReply)) = self.auth {
            // Client side only: a line that is no command answers an unseen 334.
            if !self.seen_server && !starts_with_verb(text) {
                let start = self.cur.auths.get(ai).map_or(0, |a| a.event as usize);
                let answered = self
                    .cur
                    .events
                    .iter()
                    .skip(start)
                    .filter(|e| e.verb == Some(Verb::AuthResponse))
                    .count();
                let prompt = if answered == 0 {
                    LoginPrompt::User
                } else {
                    LoginPrompt::Password
                };
                return self.auth_response(line, span, text, ai, prompt);
            }
        }
        self.client_continues();
        let cmd = command(text.trim_end());
        let mut e = self.ev(line, span, Dir::Client, Kind::Command);
        e.verb = Some(cmd.verb());
        let i = self.push_event(e);
        self.pending.push_back(i);
        self.command_effects(line, i, &cmd);
    }

    /// When the tool prints only the client's side (PHPMailer SMTPDebug 1),
    /// a client that goes on after STARTTLS got its TLS channel, and one that
    /// goes on to MAIL after AUTH was let in: libraries stop on failure.
    fn client_continues(&mut self) {
        if self.seen_server {
            return;
        }
        let Some(&last) = self.pending.back() else {
            return;
        };
        match self.cur.event(last).and_then(|e| e.verb) {
            Some(Verb::Starttls) => {
                self.pending.clear();
                self.cur.tls = TlsMode::Starttls;
                self.cur.tls_established = true;
                self.channel = Channel::Encrypted;
            }
            Some(Verb::Auth | Verb::AuthResponse) => {
                // Only a command after the exchange, not the next response.
                if !matches!(self.auth, Some((_, AuthStage::AwaitReply))) {
                    return;
                }
                self.pending.clear();
                if let Some((ai, _)) = self.auth.take() {
                    if let Some(a) = self.cur.auths.get_mut(ai) {
                        a.outcome = Outcome::Accepted;
                    }
                }
            }
            _ => {}
        }
    }

    fn command_effects(&mut self, line: &Line<'_>, i: u32, cmd: &Command<'_>) {
        match cmd {
            Command::Ehlo { domain } | Command::Helo { domain } | Command::Lhlo { domain } => {
                self.flush_capabilities();
                self.cur.greetings.push(Greeting {
                    verb: cmd.verb(),
                    domain: (*domain).to_string(),
                    line: line.no,
                    event: i,
                    channel: self.channel,
                    code: None,
                    capabilities: Arc::from([]),
                });
            }
            Command::Auth { mechanism, initial } => {
                let mech = mechanism.to_ascii_uppercase();
                // Nothing secret is sent until a payload is.
                let mut auth = Auth {
                    secret_hidden: false,
                    credentials_sent: false,
                    ..self.new_auth(&mech, self.pending_user.clone(), line.no, i)
                };
                if let Some(init) = initial {
                    let span = self.span_of(line, init);
                    self.cur.secrets.push(span);
                    auth.credentials_sent = true;
                    let d = match mech.as_str() {
                        "PLAIN" => sasl::plain(init),
                        "XOAUTH2" | "OAUTHBEARER" => sasl::oauth(init),
                        "LOGIN" => sasl::Decoded {
                            user: sasl::login_user(init),
                            ..Default::default()
                        },
                        _ => sasl::Decoded {
                            hidden: sasl::is_hidden_marker(init),
                            ..Default::default()
                        },
                    };
                    auth.user = d.user.or(auth.user);
                    auth.password_len = d.secret_len;
                    auth.secret_hidden = d.hidden;
                }
                self.cur.auths.push(auth);
                self.auth = Some((self.cur.auths.len() - 1, AuthStage::AwaitReply));
            }
            Command::Mail { path, .. } => {
                let authenticated = self
                    .cur
                    .auths
                    .iter()
                    .any(|a| a.outcome == Outcome::Accepted);
                self.cur.transactions.push(Transaction {
                    from: Some((*path).to_string()),
                    line: line.no,
                    event: i,
                    channel: self.channel,
                    authenticated,
                    ..Transaction::default()
                });
            }
            Command::Rcpt { path, .. } => {
                let rcpt = Rcpt {
                    to: (*path).to_string(),
                    line: line.no,
                    event: i,
                    code: None,
                };
                match self.cur.transactions.last_mut() {
                    Some(t) if t.end_code.is_none() => t.rcpts.push(rcpt),
                    _ => {
                        let authenticated = self
                            .cur
                            .auths
                            .iter()
                            .any(|a| a.outcome == Outcome::Accepted);
                        self.cur.transactions.push(Transaction {
                            line: line.no,
                            event: i,
                            channel: self.channel,
                            authenticated,
                            rcpts: vec![rcpt],
                            ..Transaction::default()
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn auth_response(
        &mut self,
        line: &Line<'_>,
        span: Span,
        text: &str,
        ai: usize,
        prompt: LoginPrompt,
    ) {
        let mut e = self.ev(line, span, Dir::Client, Kind::Command);
        e.verb = Some(Verb::AuthResponse);
        let i = self.push_event(e);
        self.pending.push_back(i);
        let t = text.trim();
        if t != "*" {
            self.cur.secrets.push(span);
        }
        if let Some(a) = self.cur.auths.get_mut(ai) {
            if t == "*" {
                a.outcome = Outcome::Rejected;
            } else {
                a.credentials_sent = true;
                match (a.mechanism.as_str(), prompt) {
                    ("LOGIN", LoginPrompt::User) => a.user = sasl::login_user(t).or(a.user.take()),
                    ("LOGIN", LoginPrompt::Password) | ("LOGIN", LoginPrompt::Other) => {
                        let (len, hidden) = sasl::secret_line(t);
                        a.password_len = len;
                        a.secret_hidden |= hidden;
                        if a.user.is_none() && prompt == LoginPrompt::Other {
                            a.user = sasl::login_user(t);
                            a.password_len = None;
                        }
                    }
                    ("PLAIN", _) => {
                        let d = sasl::plain(t);
                        a.user = d.user.or(a.user.take());
                        a.password_len = d.secret_len;
                        a.secret_hidden |= d.hidden;
                    }
                    ("XOAUTH2" | "OAUTHBEARER", _) => {
                        let d = sasl::oauth(t);
                        a.user = d.user.or(a.user.take());
                        a.password_len = d.secret_len;
                        a.secret_hidden |= d.hidden;
                    }
                    ("CRAM-MD5", _) => {
                        let d = sasl::cram_md5(t);
                        a.user = d.user.or(a.user.take());
                        a.password_len = d.secret_len;
                    }
                    _ => a.secret_hidden |= sasl::is_hidden_marker(t),
                }
            }
        }
        self.auth = Some((ai, AuthStage::AwaitReply));
    }

    // ----- server lines ---------------------------------------------------

    fn server_text(&mut self, line: &Line<'_>, text: &str) {
        if memchr::memchr(b'\n', text.as_bytes()).is_none() {
            return self.server_line(line, text.trim_end_matches('\r'));
        }
        for part in Self::split_lines(text) {
            self.server_line(line, part);
        }
    }

    fn server_line(&mut self, line: &Line<'_>, part: &str) {
        let t = part.trim_end();
        let Some(first) = reply_line(t) else {
            if t.trim().is_empty() {
                self.noise(line, line.span, Note::Blank);
            } else {
                let span = self.span_of(line, part);
                self.noise(line, span, Note::NoReplyCode);
            }
            return;
        };
        let cuts = run_together_splits(t, first.code);
        if cuts.is_empty() {
            let span = self.span_of(line, t);
            self.reply_line(line, span, first);
            return;
        }
        // A multi-line reply run together on one line (copied from a page).
        let mut start = 0;
        for cut in cuts.iter().copied().chain(std::iter::once(t.len())) {
            let piece = t
                .get(start..cut)
                .unwrap_or("")
                .trim_end_matches([' ', ',', '\t']);
            if let Some(r) = reply_line(piece) {
                let span = self.span_of(line, piece);
                self.reply_line(line, span, r);
            }
            start = cut;
        }
    }

    fn reply_line(&mut self, line: &Line<'_>, span: Span, r: ReplyLine<'_>) {
        self.seen_server = true;
        if let Some(open) = self.open.as_mut() {
            let code = open.code;
            let idx = open.event as usize;
            open.first_line = false;
            let answers_verb = open.answers_verb;
            if let Some(e) = self.cur.events.get_mut(idx) {
                e.end_line = line.no;
                e.span = e.span.join(span);
                if r.code != code {
                    e.code_mismatch = true;
                }
            }
            self.reply_text(answers_verb, false, &r);
            if !r.more {
                self.finish_reply();
            }
            return;
        }
        let answers = self.pair_reply(line, &r);
        let mut e = self.ev(line, span, Dir::Server, Kind::Reply);
        e.code = Some(r.code);
        e.enhanced = r.enhanced;
        e.answers = answers;
        let i = self.push_event(e);
        let answers_verb = answers.and_then(|a| self.cur.event(a)).and_then(|e| e.verb);
        self.open = Some(OpenReply {
            event: i,
            code: r.code,
            answers_verb,
            first_line: true,
        });
        self.reply_text(answers_verb, true, &r);
        if !r.more {
            self.finish_reply();
        }
    }

    /// What the first line of a reply answers: a pending command, the
    /// greeting, or a command the tool did not print.
    fn pair_reply(&mut self, line: &Line<'_>, r: &ReplyLine<'_>) -> Option<u32> {
        if self.in_data {
            // The body was not printed (curl, piped openssl): this reply ends it.
            self.in_data = false;
            return Some(self.infer(line, Verb::DataEnd));
        }
        if let Some(cmd) = self.pending.pop_front() {
            return Some(cmd);
        }
        if r.code == 220 && !crate::ingest::find::contains_ci(r.text, "tls")
            || self.cur.greeting.is_none()
                && !self.cur.has_smtp()
                && matches!(r.code, 220 | 421 | 554)
        {
            if self.cur.greeting.is_some() || self.cur.has_smtp() && !self.tls_before_smtp {
                self.close_session();
            }
            if self.tls_before_smtp {
                self.cur.tls = if self.starttls_requested {
                    TlsMode::Starttls
                } else {
                    TlsMode::Implicit
                };
                self.cur.starttls_hidden = self.starttls_requested;
            }
            return None; // the greeting
        }
        if self.tls_before_smtp && self.cur.greeting.is_none() && self.cur.tls == TlsMode::None {
            // TLS came first and the first reply is not a greeting: the tool
            // did the STARTTLS exchange itself (openssl -starttls smtp).
            self.cur.tls = TlsMode::Starttls;
            self.cur.starttls_hidden = true;
        }
        // The tool printed only the server's side: infer the command.
        let verb = match (r.code, r.enhanced.map(|e| (e.subject, e.detail))) {
            (220, _) => Verb::Starttls,
            (250, _) if r.more => Verb::Ehlo,
            (334, _) | (235, _) | (535, _) | (534, _) | (538, _) => Verb::Auth,
            (354, _) => Verb::Data,
            (221, _) => Verb::Quit,
            (_, Some((1, 0))) => Verb::Mail,
            (_, Some((1, 5))) | (_, Some((1, 1))) | (_, Some((1, 2))) => Verb::Rcpt,
            (250, Some((0, 0)))
                if self
                    .cur
                    .transactions
                    .last()
                    .is_some_and(|t| t.data_code == Some(354)) =>
            {
                Verb::DataEnd
            }
            (250, _) if self.cur.greetings.is_empty() => Verb::Ehlo,
            _ => Verb::Unknown,
        };
        if verb == Verb::Unknown && matches!(r.code, 500 | 502) {
            if let Some(i) = self.typed_unknown_command(line) {
                return Some(i);
            }
        }
        let i = self.infer(line, verb);
        if verb == Verb::Auth {
            let auth = Auth {
                credentials_sent: r.code != 334,
                ..self.new_auth("UNKNOWN", self.pending_user.clone(), line.no, i)
            };
            self.cur.auths.push(auth);
            self.auth = Some((self.cur.auths.len() - 1, AuthStage::AwaitReply));
        }
        if matches!(verb, Verb::Ehlo) {
            self.command_effects(line, i, &Command::Ehlo { domain: "" });
        }
        if verb == Verb::Mail {
            self.command_effects(
                line,
                i,
                &Command::Mail {
                    path: "",
                    params: "",
                },
            );
        }
        if verb == Verb::Rcpt {
            self.command_effects(
                line,
                i,
                &Command::Rcpt {
                    path: "",
                    params: "",
                },
            );
        }
        Some(i)
    }

    /// A typed terminal session: the line just above a 500 / 502 that
    /// answers no printed command is the unknown command the user typed
    /// (`XYZZY`, a typo), read as noise until its reply came.
    fn typed_unknown_command(&mut self, line: &Line<'_>) -> Option<u32> {
        if !self.seen_client {
            return None; // the tool hides the client side
        }
        let i = self.cur.events.len().checked_sub(1)?;
        let e = self.cur.events.get_mut(i)?;
        let above = e.line + 1 == line.no && e.kind == Kind::Noise && e.note == Some(Note::NotSmtp);
        let text = self.input.get(e.span.range()).unwrap_or("").trim();
        let word = text.split_ascii_whitespace().next().unwrap_or("");
        if !above || word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        e.kind = Kind::Command;
        e.dir = Dir::Client;
        e.verb = Some(Verb::Unknown);
        e.note = None;
        Some(i as u32)
    }

    fn infer(&mut self, line: &Line<'_>, verb: Verb) -> u32 {
        let mut e = self.ev(line, line.text_span, Dir::Client, Kind::Command);
        e.verb = Some(verb);
        e.inferred = true;
        self.push_event(e)
    }

    /// Per-line content of a reply: EHLO capabilities, the server's name.
    fn reply_text(&mut self, answers: Option<Verb>, first: bool, r: &ReplyLine<'_>) {
        // The banner and the first line of each reply name the server.
        if first && self.cur.server.is_none() {
            self.cur.server = server::recognise(r.text);
        }
        if answers == Some(Verb::Ehlo) && !first && r.code == 250 {
            if let (Some(cap), Some(_)) = (ehlo_line(r.text), self.cur.greetings.last()) {
                self.caps.push(cap);
            }
        }
        if r.code == 334 {
            if let Some((ai, _)) = self.auth {
                let prompt = sasl::login_prompt(r.text);
                self.auth = Some((ai, AuthStage::AwaitResponse(prompt)));
            }
        }
    }

    fn close_open_reply(&mut self) {
        if self.open.is_some() {
            self.finish_reply();
        }
    }

    /// A reply is complete: apply what it means.
    fn finish_reply(&mut self) {
        let Some(open) = self.open.take() else { return };
        let Some(e) = self.cur.events.get(open.event as usize) else {
            return;
        };
        let code = open.code;
        let ok = code / 100 == 2;
        let answers = e.answers;
        let line = e.line;
        if self.channel == Channel::Encrypted && self.cur.tls != TlsMode::None {
            self.cur.tls_established = true;
        }
        let Some(cmd_i) = answers else {
            // The greeting.
            self.cur.greeting = Some(open.event);
            if self.cur.tls == TlsMode::None
                && self.cur.port == Some(465)
                && !self.starttls_requested
            {
                // Port 465 is implicit TLS (RFC 8314 §3.3), even when the tool does not say so.
                self.cur.tls = TlsMode::Implicit;
                self.channel = Channel::Encrypted;
                if let Some(e) = self.cur.events.get_mut(open.event as usize) {
                    e.channel = Channel::Encrypted;
                }
            }
            if self.implicit_requested && self.cur.tls == TlsMode::None {
                self.cur.tls = TlsMode::Implicit;
            }
            return;
        };
        let verb = self
            .cur
            .event(cmd_i)
            .and_then(|c| c.verb)
            .unwrap_or(Verb::Unknown);
        match verb {
            Verb::Ehlo | Verb::Helo | Verb::Lhlo => {
                if let Some(g) = self
                    .cur
                    .greetings
                    .iter_mut()
                    .rev()
                    .find(|g| g.event == cmd_i)
                {
                    g.code = Some(code);
                }
            }
            Verb::Starttls if code == 220 => {
                self.cur.tls = TlsMode::Starttls;
                self.channel = Channel::Negotiating;
                // Commands pipelined behind STARTTLS are discarded by the
                // server (RFC 3207 §4.2): they get no reply of their own.
                self.pending.clear();
            }
            Verb::Auth | Verb::AuthResponse => {
                if code == 334 {
                    return;
                }
                if let Some((ai, _)) = self.auth.take() {
                    if let Some(a) = self.cur.auths.get_mut(ai) {
                        a.code = Some(code);
                        a.outcome = if ok {
                            Outcome::Accepted
                        } else {
                            Outcome::Rejected
                        };
                    }
                }
            }
            Verb::Mail => {
                if let Some(t) = self
                    .cur
                    .transactions
                    .iter_mut()
                    .rev()
                    .find(|t| t.event == cmd_i)
                {
                    t.mail_code = Some(code);
                }
            }
            Verb::Rcpt => {
                if let Some(r) = self
                    .cur
                    .transactions
                    .iter_mut()
                    .rev()
                    .flat_map(|t| t.rcpts.iter_mut().rev())
                    .find(|r| r.event == cmd_i)
                {
                    r.code = Some(code);
                }
            }
            Verb::Data => {
                if let Some(t) = self.cur.transactions.last_mut() {
                    t.data_code = Some(code);
                }
                if code == 354 {
                    self.in_data = true;
                }
            }
            Verb::DataEnd => self.end_of_data(code, line),
            Verb::Bdat => {
                let last = self
                    .cur
                    .event(cmd_i)
                    .map(|c| c.span)
                    .and_then(|s| self.input.get(s.range()))
                    .is_some_and(|t| t.to_ascii_uppercase().contains("LAST"));
                if last {
                    self.end_of_data(code, line);
                }
            }
            Verb::Quit if code == 221 => {
                self.cur.end = End::Quit;
            }
            Verb::Rset => {}
            _ => {}
        }
        if code == 421 {
            self.cur.end = End::Closed;
        }
    }

    fn end_of_data(&mut self, code: u16, line: u32) {
        if let Some(t) = self.cur.transactions.last_mut() {
            if t.end_code.is_none() {
                t.end_code = Some(code);
                t.end_line = Some(line);
                t.accepted = code / 100 == 2;
                if t.accepted {
                    self.cur.messages_accepted += 1;
                }
            }
        } else if code / 100 == 2 {
            self.cur.messages_accepted += 1;
        }
    }
}
