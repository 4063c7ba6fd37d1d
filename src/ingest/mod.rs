//! Ingest: from pasted text to tagged lines. Detects the client format,
//! strips every decoration (the format's own, and the ones any paste picks
//! up: ANSI colours, HTML, forum quoting, timestamps, certificates), and
//! hands each line to the session builder with its byte span.

pub mod clean;
pub mod find;
pub mod formats;
#[cfg(test)]
mod gates_tests;
pub mod lines;
#[cfg(not(target_arch = "wasm32"))]
pub mod pipeline;
pub mod prompt;
pub mod tag;
pub mod url;

use std::borrow::Cow;

pub use formats::Format;
pub use tag::{Info, Note, Tag};

use crate::span::Span;
use formats::{Def, Input, DEFS};

/// One ingested line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the paste.
    pub no: u32,
    /// The physical line (or carriage-return segment).
    pub span: Span,
    /// The SMTP text inside the original paste, or `span` when the text had
    /// to be rewritten (escapes, entities, colours).
    pub text_span: Span,
    /// A leading timestamp, when the line had one.
    pub ts: Option<Span>,
    pub tag: Tag<'a>,
    /// Credentials on the line outside SMTP (a password on a command line).
    pub secrets: Vec<Span>,
    /// The format whose decoration the line carried (`None` for raw lines).
    pub format: Option<Format>,
}

/// How a paste is decorated as a whole.
#[derive(Debug, Clone)]
pub struct Detection {
    pub format: Format,
    /// Other formats seen in the paste (several tools in one terminal).
    pub others: Vec<Format>,
    /// Every line is forum-quoted (`> `).
    pub quoted: bool,
    /// The paste carries HTML (`<br>`, entities).
    pub html: bool,
}

const SAMPLE_LINES: usize = 600;
const SAMPLE_BYTES: usize = 128 * 1024;

/// Detects the format from the start of the paste. `forced` overrides the
/// format (the user knows better).
pub fn detect(input: &str, forced: Option<Format>) -> Detection {
    let sample_end = floor_char_boundary(input, SAMPLE_BYTES);
    let sample = input.get(..sample_end).unwrap_or("");
    let html = clean::looks_like_html(sample);
    let mut nonblank = 0usize;
    let mut quoted_lines = 0usize;
    let mut n = 0usize;
    lines::for_each_line(sample, |l| {
        if n >= SAMPLE_LINES {
            return;
        }
        n += 1;
        let t = clean::trim_start(l.text);
        if !t.is_empty() {
            nonblank += 1;
            if t.starts_with('>') && !t.starts_with(">>") {
                quoted_lines += 1;
            }
        }
    });
    let quoted = nonblank >= 2 && quoted_lines * 10 >= nonblank * 9;
    let mut scores = vec![0usize; DEFS.len()];
    let mut n = 0usize;
    lines::for_each_line(sample, |l| {
        if n >= SAMPLE_LINES {
            return;
        }
        n += 1;
        // Cleaning only removes bytes, except when it decodes HTML
        // entities: a line without a prompt character has none after.
        let prompt_chars = html || l.flags & lines::PROMPT != 0;
        let flags = line_flags(l.flags, html);
        with_clean(l.text, l.flags, html, quoted, |text| {
            let (ts, rest) = clean::split_timestamp(text);
            // The tool the user ran, named on a pasted command line.
            if prompt_chars && may_be_prompt(rest, flags) {
                if let Some(f) = prompt::tool_of(rest).and_then(tool_format) {
                    if let Some(s) = DEFS
                        .iter()
                        .position(|d| d.format == f)
                        .and_then(|i| scores.get_mut(i))
                    {
                        *s += 3;
                    }
                }
            }
            // Every format reads the same ways of reading the line: worked
            // out once, not once a format (trimming a long indentation
            // and looking for a syslog tag sixteen times cost more than
            // the formats' own tests on a short paste).
            let mut readings = [""; 3];
            let mut n = 0;
            for (slot, c) in readings.iter_mut().zip(candidates(rest, ts)) {
                *slot = c;
                n += 1;
            }
            let readings = readings.get(..n).unwrap_or(&[]);
            for (i, def) in DEFS.iter().enumerate() {
                let found = readings
                    .iter()
                    .copied()
                    .filter(|c| def.may_match(c, flags))
                    .find_map(|c| (def.strip)(&Input { text: c, ts }));
                if let Some(tag) = found {
                    if let Some(s) = scores.get_mut(i) {
                        *s += match tag {
                            Tag::Client(_)
                            | Tag::Server(_)
                            | Tag::ClientTls(_)
                            | Tag::ServerTls(_)
                            | Tag::Raw(_)
                            | Tag::Logged { .. }
                            | Tag::LoggedSession { .. } => 3,
                            Tag::Info(_) => 2,
                            Tag::Noise(_) => 1,
                        };
                    }
                }
            }
        });
    });
    let mut ranked: Vec<(usize, &Def)> = scores
        .iter()
        .copied()
        .zip(DEFS.iter())
        .filter(|(s, _)| *s > 0)
        .collect();
    // Highest score first; the registry order breaks ties (stable sort).
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let best = ranked.first().map_or(Format::Unknown, |(_, d)| d.format);
    let format = forced.unwrap_or(best);
    let others = ranked
        .iter()
        .map(|(_, d)| d.format)
        .filter(|f| *f != format)
        .collect();
    Detection {
        format,
        others,
        quoted,
        html,
    }
}

/// The format a tool's output has.
fn tool_format(tool: &str) -> Option<Format> {
    Some(match tool {
        "swaks" => Format::Swaks,
        "openssl" | "gnutls-cli" => Format::Openssl,
        "curl" => Format::Curl,
        "telnet" | "nc" | "ncat" | "netcat" | "socat" => Format::Terminal,
        "msmtp" => Format::Msmtp,
        "sendemail" | "sendEmail" => Format::Sendemail,
        "sendmail" | "mail" => Format::Sendmail,
        _ => return None,
    })
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The flags that bound the bytes of a line's cleaned text: the physical
/// line's, unless decoding HTML entities may have added bytes.
fn line_flags(flags: u8, html: bool) -> u8 {
    if html && flags & lines::HTML != 0 {
        lines::ANY
    } else {
        flags
    }
}

/// Applies the paste-wide cleaning to one line and calls `f` with each
/// resulting piece (HTML `<br>` can split a line).
fn with_clean(text: &str, flags: u8, html: bool, quoted: bool, mut f: impl FnMut(&str)) {
    let html = html && flags & lines::HTML != 0;
    if html {
        for piece in clean::split_br(text) {
            if !piece.is_empty() {
                clean_piece(piece, flags, true, quoted, &mut f);
            }
        }
    } else {
        clean_piece(text, flags, false, quoted, &mut f);
    }
}

/// One piece of a line, cleaned: entities, colours, quoting, trailing blanks.
fn clean_piece<F: FnMut(&str)>(piece: &str, flags: u8, html: bool, quoted: bool, f: &mut F) {
    let decoded: Cow<'_, str> = if html {
        clean::decode_entities(piece)
    } else {
        Cow::Borrowed(piece)
    };
    let plain = if flags & lines::ESC != 0 {
        clean::strip_ansi(&decoded)
    } else {
        Cow::Borrowed(&*decoded)
    };
    let unquoted = if quoted {
        clean::strip_quote(&plain)
    } else {
        &plain
    };
    f(clean::trim_end_blanks(unquoted));
}

/// What ingest carries from one line to the next. Two walks of a paste
/// that are in the same state before a line tag every line from there on
/// alike (the formats' strips are pure functions of a line): a walk may
/// start at any line ([`for_each_from`]) and is exact from where its state
/// meets the whole paste's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct State {
    /// The formats in play, one bit a format ([`Format::bit`]): those seen
    /// at the start, and any met later (a second tool run further down the
    /// same terminal).
    pub in_play: u32,
    /// The tool of the line above: consecutive lines come from the same
    /// tool, so it is asked first.
    pub last: Format,
    /// Inside a PEM certificate.
    pub in_pem: bool,
}

impl State {
    /// The state before a paste's first line.
    pub fn start(det: &Detection) -> State {
        State {
            in_play: det.others.iter().fold(det.format.bit(), |m, f| m | f.bit()),
            last: det.format,
            in_pem: false,
        }
    }

    /// The state as one number (equal states, equal numbers).
    pub fn packed(self) -> u64 {
        u64::from(self.in_play) << 16 | (self.last as u64) << 1 | u64::from(self.in_pem)
    }
}

/// Where a walk starts: a line start (`at`, in bytes), that line's 1-based
/// number and the state before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    pub at: usize,
    pub line: u32,
    pub state: State,
}

impl Resume {
    /// The start of the paste.
    pub fn start(det: &Detection) -> Resume {
        Resume {
            at: 0,
            line: 1,
            state: State::start(det),
        }
    }
}

/// Walks every line of the paste, calling `f` with each tagged line.
pub fn for_each(input: &str, det: &Detection, f: impl FnMut(&Line<'_>)) {
    for_each_from(input, det, Resume::start(det), f, |_, _| {});
}

/// Walks the lines of the paste from `from` on, calling `f` with each
/// tagged line and, before each physical line (or carriage-return
/// segment), `before` with its number and the state then.
pub fn for_each_from(
    input: &str,
    det: &Detection,
    from: Resume,
    mut f: impl FnMut(&Line<'_>),
    mut before: impl FnMut(&lines::PhysLine<'_>, State),
) {
    // The order formats in play are offered a line not claimed by the
    // tool of the line above: the paste's format, the others seen at its
    // start (most lines first), then the registry's order. Fixed for the
    // paste, so it is part of no walk's state.
    let mut order: Vec<&Def> = std::iter::once(det.format)
        .chain(det.others.iter().copied())
        .map(Format::def)
        .collect();
    for d in DEFS {
        if !order.iter().any(|o| o.format == d.format) {
            order.push(d);
        }
    }
    let raw_formats: u32 = DEFS
        .iter()
        .filter(|d| d.raw_is_smtp)
        .fold(0, |m, d| m | d.format.bit());
    let every_format: u32 = DEFS
        .iter()
        .filter(|d| d.format != Format::Unknown)
        .fold(0, |m, d| m | d.format.bit());
    // The same sets in `order`'s positions (bit i: `order[i]`), so that a
    // line not claimed by the tool of the line above visits only the
    // formats in play that may take it (its first byte, its flags), in
    // `order`, instead of testing every format in turn.
    let bit_at = |i: Option<usize>| i.filter(|&i| i < 32).map_or(0u32, |i| 1 << i);
    // A format's bit in `order`'s positions, by `Format as usize`.
    let mut order_bits = [0u32; 32];
    for (i, d) in order.iter().enumerate() {
        if let Some(b) = order_bits.get_mut(d.format as usize) {
            *b = bit_at(Some(i));
        }
    }
    let order_bit = |f: Format| order_bits.get(f as usize).copied().unwrap_or(0);
    let set_in_order = |set: u32| {
        order
            .iter()
            .enumerate()
            .filter(|(_, d)| set & d.format.bit() != 0)
            .fold(0u32, |m, (i, _)| m | bit_at(Some(i)))
    };
    // By first byte (256: an empty text).
    let takes_first: Vec<u32> = (0..=256usize)
        .map(|b| {
            let first = u8::try_from(b).ok();
            order
                .iter()
                .enumerate()
                .filter(|(_, d)| d.takes_first(first))
                .fold(0u32, |m, (i, _)| m | bit_at(Some(i)))
        })
        .collect();
    let needs_none = order
        .iter()
        .enumerate()
        .filter(|(_, d)| d.needs == 0)
        .fold(0u32, |m, (i, _)| m | bit_at(Some(i)));
    let needing: Vec<(u32, u8)> = order
        .iter()
        .enumerate()
        .filter(|(_, d)| d.needs != 0)
        .map(|(i, d)| (bit_at(Some(i)), d.needs))
        .collect();
    let mut in_play = from.state.in_play;
    let mut in_play_order = set_in_order(in_play);
    let mut raw_ok = in_play & raw_formats != 0;
    let mut last_def: &Def = from.state.last.def();
    let mut in_pem = from.state.in_pem;
    lines::for_each_line_from(input, from.at, from.line, |pl| {
        before(
            &pl,
            State {
                in_play,
                last: last_def.format,
                in_pem,
            },
        );
        let flags = line_flags(pl.flags, det.html);
        with_clean(pl.text, pl.flags, det.html, det.quoted, |text| {
            let text_span_of = |s: &str| Span::of(input, s, pl.span);
            let mut emit_with =
                |tag: Tag<'_>, ts: Option<&str>, format: Option<Format>, secrets: Vec<Span>| {
                    let text_span = match &tag {
                        Tag::Client(Cow::Borrowed(s))
                        | Tag::Server(Cow::Borrowed(s))
                        | Tag::ClientTls(Cow::Borrowed(s))
                        | Tag::ServerTls(Cow::Borrowed(s))
                        | Tag::Raw(Cow::Borrowed(s)) => text_span_of(s),
                        _ => pl.span,
                    };
                    let ts = ts.map(text_span_of);
                    f(&Line {
                        no: pl.no,
                        span: pl.span,
                        text_span,
                        ts,
                        tag,
                        format,
                        secrets,
                    });
                };
            let mut emit = |tag: Tag<'_>, ts: Option<&str>, format: Option<Format>| {
                emit_with(tag, ts, format, Vec::new())
            };
            // Certificates (openssl, curl, swaks --dump) are never SMTP.
            let trimmed = clean::trim_start(text);
            if in_pem || trimmed.starts_with("-----BEGIN ") {
                in_pem = !trimmed.starts_with("-----END ");
                emit(Tag::Noise(Note::Certificate), None, None);
                return;
            }
            let (ts, rest) = clean::split_timestamp(text);
            if pl.flags & lines::PROMPT != 0 && may_be_prompt(rest, flags) {
                if let Some(info) = prompt::command_line(rest) {
                    // The tool the user ran is in play from here on.
                    if let Some(d) = prompt::tool_of(rest).and_then(tool_format).map(Format::def) {
                        in_play |= d.format.bit();
                        in_play_order |= order_bit(d.format);
                        raw_ok |= d.raw_is_smtp;
                        last_def = d;
                    }
                    let secrets = prompt::secrets(rest)
                        .into_iter()
                        .map(text_span_of)
                        .collect();
                    emit_with(Tag::Info(info), ts, None, secrets);
                    return;
                }
            }
            // Fast path: the line as it is, to the tool of the line above
            // (consecutive lines come from the same tool). When it does not
            // claim a blank line, or a bare SMTP line of a tool that prints
            // SMTP bare, no other format would: skip offering it to each.
            let plain = ts.is_none() && !rest.starts_with([' ', '\t']);
            let fast_tried = plain && last_def.may_match(rest, flags);
            if fast_tried {
                if let Some(tag) = (last_def.strip)(&Input { text: rest, ts }) {
                    return emit(tag, ts, Some(last_def.format));
                }
            }
            let settled =
                plain && (rest.is_empty() || last_def.raw_is_smtp && looks_like_bare_smtp(rest));
            let mut last = rest;
            // The formats whose needed flags the line has (`Def::needs`).
            let needs_met = needing
                .iter()
                .filter(|(_, needs)| flags & needs != 0)
                .fold(needs_none, |m, (bit, _)| m | bit);
            for cand in candidates(rest, ts).filter(|_| !settled) {
                last = cand;
                let input_line = Input { text: cand, ts };
                // The tool of the line above first, then the others in play
                // (a strip is a pure function: none is asked twice).
                let skip_last = fast_tried && std::ptr::eq(cand, rest);
                if !skip_last && last_def.may_match(cand, flags) {
                    if let Some(tag) = (last_def.strip)(&input_line) {
                        return emit(tag, ts, Some(last_def.format));
                    }
                }
                // The others in play that `may_match` the line, in order.
                let first = cand.as_bytes().first().map_or(256, |&b| usize::from(b));
                let last_bit = order_bit(last_def.format);
                let mut may = takes_first.get(first).copied().unwrap_or(u32::MAX)
                    & needs_met
                    & in_play_order
                    & !last_bit;
                while may != 0 {
                    let i = may.trailing_zeros() as usize;
                    may &= may - 1;
                    let Some(&d) = order.get(i) else { break };
                    if let Some(tag) = (d.strip)(&input_line) {
                        last_def = d;
                        return emit(tag, ts, Some(d.format));
                    }
                }
            }
            // A format not met so far: it comes into play when the line is
            // unmistakably its own (SMTP text or a connection it opens).
            // (Unknown claims nothing: with every other format in play,
            // none can come into play.)
            if in_play & every_format != every_format && !settled {
                for cand in candidates(rest, ts) {
                    let input_line = Input { text: cand, ts };
                    for d in DEFS.iter().filter(|d| d.may_match(cand, flags)) {
                        if in_play & d.format.bit() != 0 {
                            continue;
                        }
                        let Some(tag) = (d.strip)(&input_line) else {
                            continue;
                        };
                        let decisive = matches!(
                            tag,
                            Tag::Client(_)
                                | Tag::Server(_)
                                | Tag::ClientTls(_)
                                | Tag::ServerTls(_)
                                | Tag::Logged { .. }
                                | Tag::LoggedSession { .. }
                                | Tag::Info(Info::Connect { .. })
                        );
                        if decisive {
                            in_play |= d.format.bit();
                            in_play_order |= order_bit(d.format);
                            raw_ok |= d.raw_is_smtp;
                            last_def = d;
                            return emit(tag, ts, Some(d.format));
                        }
                    }
                }
            }
            let tag = match () {
                _ if raw_ok => Tag::Raw(Cow::Borrowed(last)),
                _ if rest.trim().is_empty() => Tag::Noise(Note::Blank),
                // SMTP-looking text without this client's decoration is worth
                // a diagnostic; the tool's other chatter is not.
                _ if looks_like_smtp(last) => Tag::Noise(Note::NotThisClient),
                _ => Tag::Noise(Note::ToolChatter),
            };
            emit(tag, ts, None);
        });
    });
}

/// The ways a line may be read: as it is, without its indentation, and
/// without a syslog tag (`host program[pid]: `) an application log added.
fn candidates<'r>(rest: &'r str, ts: Option<&str>) -> impl Iterator<Item = &'r str> {
    // A syslog tag only follows a timestamp.
    let syslog = ts.is_some();
    // `trim_start_matches([' ', '\t'])`, in bytes.
    let blanks = rest
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let trimmed = rest.get(blanks..).unwrap_or(rest);
    let indented = trimmed.len() != rest.len();
    let mut step = 0u8;
    std::iter::from_fn(move || loop {
        step += 1;
        match step {
            1 => return Some(rest),
            2 if indented => return Some(trimmed),
            3 if syslog => return clean::split_syslog_tag(rest).map(|(_, r)| r),
            3 => return None,
            4.. => return None,
            _ => {}
        }
    })
}

/// A reply or a command, as a terminal or piped session shows it.
fn looks_like_bare_smtp(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(b'2'..=b'5') => crate::parse::reply::reply_line(s).is_some(),
        Some(c) if c.is_ascii_alphabetic() => crate::parse::command::starts_with_verb(s),
        _ => false,
    }
}

fn looks_like_smtp(s: &str) -> bool {
    let t = s.trim();
    // Replies start with 2-5, commands with an upper-case letter.
    if !t.starts_with(|c: char| matches!(c, '2'..='5' | 'A'..='Z')) {
        return false;
    }
    let word = t.split(' ').next().unwrap_or("");
    crate::parse::reply::reply_line(t).is_some()
        || (word.bytes().all(|b| b.is_ascii_uppercase())
            && crate::parse::command::starts_with_verb(t))
}

/// Cheap test before [`prompt::command_line`]: a prompt character followed
/// by a space and text that may run a mail tool: it starts with one (or
/// `sudo`), or is a pipeline or subshell that may feed one.
fn may_be_prompt(s: &str, flags: u8) -> bool {
    let b = s.as_bytes();
    let head = b.get(..b.len().min(120)).unwrap_or(&[]);
    // Every client line of swaks (`-> `) and curl (`> `) holds a prompt
    // character; the line's last pipe is looked for once, when needed.
    // A prompt character is followed by a space: look at each prompt
    // character (a line holds far fewer of them than spaces, and a
    // `memchr` call per hit is what the search costs on a short line).
    let mut last_pipe: Option<Option<usize>> = (flags & lines::PIPE == 0).then_some(None);
    let mut at = |i: usize| {
        let c = head.get(i).copied().unwrap_or(0);
        head.get(i + 1) == Some(&b' ')
            && (i > 0 || c != b'>')
            && b.get(i + 2..).is_some_and(|rest| {
                prompt::starts_with_tool(rest)
                    || rest.first() == Some(&b'(')
                    || last_pipe
                        .get_or_insert_with(|| memchr::memrchr(b'|', b))
                        .is_some_and(|p| p >= i + 2)
            })
    };
    memchr::memchr3_iter(b'$', b'#', b'>', head).any(&mut at)
        || flags & lines::PERCENT != 0 && memchr::memchr_iter(b'%', head).any(at)
}
