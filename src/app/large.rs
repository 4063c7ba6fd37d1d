//! Large pastes: the analysis runs in web workers (`worker.js`, on the
//! engine built for speed, src/bin/worker.rs), so the main thread never
//! blocks on it. The worker
//! answers with an [`Overview`]: every session's lines, bytes, grade and
//! finding counts. The page then analyses the session the user opens on
//! its own (a session is small), and shows it like any paste, its line
//! numbers shifted to the paste's.

use std::cell::RefCell;
use std::rc::Rc;

use smtp_lens::session::PortSource;
use smtp_lens::split::{self, Mark};
use smtp_lens::{Format, Options, Report, Severity};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::analysis::{session_lines, Analysis, LineIndex};

/// Pastes from this size on go to the worker (bytes). Below it the main
/// thread analyses in well under a frame budget of 200 ms (measured: see
/// the README's page figures).
pub const WORKER_FROM: usize = 512 * 1024;

/// One session, in brief.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brief {
    pub index: usize,
    pub first_line: u32,
    pub last_line: u32,
    /// Bytes of the session's lines in the paste.
    pub start: usize,
    pub end: usize,
    /// The same, in UTF-16 units (the page holds a large paste as a
    /// JavaScript string).
    pub start16: u32,
    pub end16: u32,
    pub port: Option<u16>,
    pub format: Option<&'static str>,
    pub grade: &'static str,
    /// Only for the sessions the overview lists (see [`LISTED`]): the
    /// page decodes tens of thousands of these at once.
    pub reason: String,
    /// Findings by severity: critical, high, medium, low, info.
    pub counts: [u32; 5],
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    pub error: Option<String>,
    pub format_name: String,
    pub lines: u32,
    pub millis: u64,
    pub sessions: Vec<Brief>,
    /// Messages about the paste as a whole.
    pub notes: Vec<String>,
    /// A first look at the beginning of a long paste (its sessions that end
    /// there), while the worker reads the whole: `(read, total)` in UTF-16
    /// units. `None`: the whole paste.
    pub partial: Option<(u32, u32)>,
    /// One of the two parts of a paste analysed by two workers at once
    /// (see `smtp_lens::split`), to be merged with the other.
    pub part: Option<PartInfo>,
    /// How many parts this overview was merged from (2), or 1 (test hook:
    /// `data-parts` on the overview).
    pub parts: u32,
}

/// What the merge of two parts needs of each (see `smtp_lens::split`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartInfo {
    pub which: u32,
    /// Sessions in the part's report (the briefs leave out any without a line).
    pub sessions: usize,
    /// `smtp_lens::split::Plan::end_line`.
    pub end_line: u32,
    pub marks: Vec<Mark>,
    /// The unplaced lines the part's builder listed, and how many it met.
    pub noise: Vec<u32>,
    pub noise_total: usize,
}

/// One field of the wire format: no tabs or line breaks inside.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl Overview {
    /// The wire format between the worker and the page: one record a
    /// line, fields split by tabs (`H` head, `N` note, `S` session, `E`
    /// error). Plain text keeps a JSON parser out of the page's wasm.
    pub fn encode(&self) -> String {
        let mut out = format!(
            "H\t{}\t{}\t{}\n",
            field(&self.format_name),
            self.lines,
            self.millis
        );
        if let Some(e) = &self.error {
            out.push_str(&format!("E\t{}\n", field(e)));
        }
        if let Some((read, total)) = self.partial {
            out.push_str(&format!("P\t{read}\t{total}\n"));
        }
        if self.parts != 1 {
            out.push_str(&format!("W\t{}\n", self.parts));
        }
        for n in &self.notes {
            out.push_str(&format!("N\t{}\n", field(n)));
        }
        if let Some(p) = &self.part {
            let noise: Vec<String> = p.noise.iter().map(u32::to_string).collect();
            out.push_str(&format!(
                "J\t{}\t{}\t{}\t{}\t{}\n",
                p.which,
                p.sessions,
                p.end_line,
                p.noise_total,
                noise.join(",")
            ));
            for m in &p.marks {
                out.push_str(&format!("M\t{}\t{}\t{:x}\n", m.index, m.line, m.print));
            }
        }
        for b in &self.sessions {
            let c = b.counts;
            out.push_str(&format!(
                "S\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{},{},{},{},{}\t{}\t{}\t{}\n",
                b.index,
                b.first_line,
                b.last_line,
                b.start,
                b.end,
                b.port.map_or(String::new(), |p| p.to_string()),
                field(b.format.unwrap_or("")),
                field(b.grade),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                field(&b.reason),
                b.start16,
                b.end16
            ));
        }
        out
    }

    /// Reads [`Overview::encode`]'s text; a record that does not parse is
    /// an error, never a panic.
    pub fn decode(text: &str) -> Overview {
        let mut o = Overview {
            parts: 1,
            ..Overview::default()
        };
        for line in text.lines() {
            // The fields, without a vector per record.
            let mut f = [""; 13];
            for (slot, x) in f.iter_mut().zip(line.split('\t')) {
                *slot = x;
            }
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            let num = |i: usize| get(i).parse::<u64>().ok();
            match get(0) {
                "H" => {
                    o.format_name = get(1).to_string();
                    o.lines = num(2).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
                    o.millis = num(3).unwrap_or(0);
                }
                "E" => o.error = Some(get(1).to_string()),
                "P" => {
                    o.partial = num(1)
                        .zip(num(2))
                        .and_then(|(r, t)| Some((u32::try_from(r).ok()?, u32::try_from(t).ok()?)));
                }
                "N" => o.notes.push(get(1).to_string()),
                "W" => {
                    o.parts = num(1).and_then(|n| u32::try_from(n).ok()).unwrap_or(1);
                }
                "J" => {
                    let noise: Option<Vec<u32>> = get(5)
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(|x| x.parse().ok())
                        .collect();
                    let part = (|| {
                        Some(PartInfo {
                            which: u32::try_from(num(1)?).ok()?,
                            sessions: usize::try_from(num(2)?).ok()?,
                            end_line: u32::try_from(num(3)?).ok()?,
                            noise_total: usize::try_from(num(4)?).ok()?,
                            noise: noise?,
                            marks: Vec::new(),
                        })
                    })();
                    if part.is_none() {
                        o.error = Some("The background analysis sent an unreadable answer.".into());
                    }
                    o.part = part;
                }
                "M" => {
                    let mark = (|| {
                        Some(Mark {
                            index: usize::try_from(num(1)?).ok()?,
                            line: u32::try_from(num(2)?).ok()?,
                            print: u64::from_str_radix(get(3), 16).ok()?,
                        })
                    })();
                    match (mark, o.part.as_mut()) {
                        (Some(m), Some(p)) => p.marks.push(m),
                        _ => {
                            o.error =
                                Some("The background analysis sent an unreadable answer.".into());
                        }
                    }
                }
                "S" => {
                    let mut counts = [0u32; 5];
                    let mut parts = get(9).split(',');
                    let counted = counts.iter_mut().all(|c| {
                        parts
                            .next()
                            .and_then(|x| x.parse().ok())
                            .map(|n| *c = n)
                            .is_some()
                    });
                    let brief = (|| {
                        Some(Brief {
                            index: usize::try_from(num(1)?).ok()?,
                            first_line: u32::try_from(num(2)?).ok()?,
                            last_line: u32::try_from(num(3)?).ok()?,
                            start: usize::try_from(num(4)?).ok()?,
                            end: usize::try_from(num(5)?).ok()?,
                            port: get(6).parse().ok(),
                            format: Format::from_id(get(7)).map(Format::id),
                            grade: GRADES.iter().copied().find(|g| *g == get(8))?,
                            counts: counted.then_some(counts)?,
                            reason: get(10).to_string(),
                            start16: u32::try_from(num(11)?).ok()?,
                            end16: u32::try_from(num(12)?).ok()?,
                        })
                    })();
                    match brief {
                        Some(b) => o.sessions.push(b),
                        None => {
                            o.error =
                                Some("The background analysis sent an unreadable answer.".into());
                        }
                    }
                }
                _ => {}
            }
        }
        o
    }
}

/// The grades, worst first.
pub const GRADES: [&str; 5] = ["F", "D", "C", "B", "A"];

/// Sessions the overview's menu lists (the worst first); any other is
/// reachable by its number.
pub const LISTED: usize = 300;

const ORDER: [Severity; 5] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// Analyses a whole paste and sums it up (runs in the worker).
pub fn overview(text: &str, opts: &Options) -> Overview {
    let t0 = super::analysis::now();
    let report = smtp_lens::analyze(text, opts);
    summarise(text, &report, t0, |_| false)
}

/// Sums up a report of `text`. The reasons are kept for the [`LISTED`]
/// worst sessions, and for every session `always` says (ranked apart).
fn summarise(text: &str, report: &Report, t0: f64, always: impl Fn(&Brief) -> bool) -> Overview {
    let index = LineIndex::of(text);
    let mut counts = vec![[0u32; 5]; report.sessions.len()];
    for f in &report.findings {
        let sev = ORDER.iter().position(|x| *x == f.severity);
        if let Some(c) = sev.and_then(|i| counts.get_mut(f.session).and_then(|c| c.get_mut(i))) {
            *c += 1;
        }
    }
    // Byte offsets to UTF-16 offsets, in one pass (sessions are in order).
    let mut at = (0usize, 0u32);
    let mut utf16 = |byte: usize| -> u32 {
        let (b0, u0) = at;
        let u = if byte >= b0 {
            let more = text.get(b0..byte).map_or(0, utf16_len);
            u0.saturating_add(u32::try_from(more).unwrap_or(u32::MAX))
        } else {
            u32::try_from(text.get(..byte).map_or(0, utf16_len)).unwrap_or(u32::MAX)
        };
        at = (byte, u);
        u
    };
    let sessions = report
        .sessions
        .iter()
        .filter_map(|s| {
            let (first, last) = session_lines(&s.session)?;
            let start = index.span(text, first)?.start();
            let end = index.span(text, last)?.end();
            let start16 = utf16(start);
            let end16 = utf16(end);
            Some(Brief {
                index: s.index,
                first_line: first,
                last_line: last,
                start,
                end,
                start16,
                end16,
                port: s.session.port,
                format: s.session.format,
                grade: s.verdict.grade.as_str(),
                reason: s.verdict.reason.clone(),
                counts: counts.get(s.index).copied().unwrap_or_default(),
            })
        })
        .collect::<Vec<Brief>>();
    // Reasons only for the sessions the menu lists.
    let mut sessions = sessions;
    keep_listed_reasons(&mut sessions, always);
    Overview {
        error: None,
        format_name: report.format_name.to_string(),
        lines: report.lines,
        millis: (super::analysis::now() - t0) as u64,
        sessions,
        notes: report
            .diagnostics
            .iter()
            .filter(|d| d.line == 0)
            .map(|d| d.message.clone())
            .collect(),
        partial: None,
        part: None,
        parts: 1,
    }
}

/// The length of `s` in UTF-16 units, from its bytes alone (every
/// character but a continuation byte starts one unit; a four-byte one is
/// two): a branch-free pass over megabytes, where `encode_utf16` decodes
/// every character.
pub fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// One part of a large paste split for two workers (see
/// `smtp_lens::split`), summed up with what the merge needs; the whole
/// paste's overview from part 0 when the paste is not split.
pub fn part_overview(text: &str, which: u32, opts: &Options) -> Overview {
    let t0 = super::analysis::now();
    let Some(plan) = split::plan(text) else {
        return overview(text, opts);
    };
    let part = split::analyze_part(text, opts, &plan, which.min(1) as usize);
    let marks = split::marks(&part, &plan);
    // The sessions of the overlap may be dropped by the merge: they keep
    // their reasons, and the others rank without them (so the merged
    // paste's worst sessions all have theirs).
    let overlap = |b: &Brief| b.first_line >= plan.cut_line && b.first_line <= plan.end_line;
    let first = |b: &Brief| b.index == 0;
    let mut o = if which == 0 {
        summarise(text, &part.report, t0, overlap)
    } else {
        summarise(text, &part.report, t0, |b| overlap(b) || first(b))
    };
    o.part = Some(PartInfo {
        which,
        sessions: part.report.sessions.len(),
        end_line: plan.end_line,
        marks,
        noise: part.report.diagnostics.iter().map(|d| d.line).collect(),
        noise_total: part.noise_total,
    });
    o
}

/// Keeps the reasons of the sessions the menu lists (the `LISTED` worst,
/// worst grade first, then in order) and of every session `spare` names
/// (ranked apart); the others' reasons are dropped.
fn keep_listed_reasons(sessions: &mut [Brief], spare: impl Fn(&Brief) -> bool) {
    let mut order: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions.get(i).is_some_and(|b| !spare(b)))
        .collect();
    order.sort_by_key(|&i| {
        sessions.get(i).map(|b| {
            (
                GRADES.iter().position(|g| *g == b.grade).unwrap_or(5),
                b.index,
            )
        })
    });
    let mut listed = vec![false; sessions.len()];
    for &i in order.iter().take(LISTED) {
        if let Some(l) = listed.get_mut(i) {
            *l = true;
        }
    }
    for (b, keep) in sessions.iter_mut().zip(listed) {
        if !keep && !spare(b) {
            b.reason = String::new();
        }
    }
}

/// The whole paste's overview from its two parts' (the same as one
/// analysis gives, but its time), or `None` when they do not meet: then
/// the paste is analysed in one piece.
pub fn merge_parts(a: &Overview, b: &Overview) -> Option<Overview> {
    let (pa, pb) = (a.part.as_ref()?, b.part.as_ref()?);
    if pa.which != 0 || pb.which != 1 || a.error.is_some() || b.error.is_some() {
        return None;
    }
    let j = split::join(&pa.marks, pa.sessions, &pb.marks)?;
    let lines = |p: &PartInfo| p.noise.iter().map(|l| (*l, ())).collect::<Vec<_>>();
    let (_, total) = split::merge_noise(
        &lines(pa),
        pa.noise_total,
        &lines(pb),
        pb.noise_total,
        j.line,
        pa.end_line,
    )?;
    let mut sessions: Vec<Brief> = a
        .sessions
        .iter()
        .filter(|s| s.index < j.keep)
        .cloned()
        .collect();
    sessions.extend(
        b.sessions
            .iter()
            .filter(|s| s.index >= j.from)
            .map(|s| Brief {
                index: s.index - j.from + j.keep,
                ..s.clone()
            }),
    );
    if sessions.is_empty() {
        return None;
    }
    // Reasons for the worst sessions of the whole paste only, as one
    // analysis lists them.
    keep_listed_reasons(&mut sessions, |_| false);
    Some(Overview {
        error: None,
        format_name: a.format_name.clone(),
        lines: b.lines,
        millis: a.millis.max(b.millis),
        sessions,
        notes: split::noise_note(total).into_iter().collect(),
        partial: None,
        part: None,
        parts: 2,
    })
}

/// The two parts' answers (`Overview::encode`d) merged by
/// [`merge_parts`], encoded; empty when they do not meet. Exported by the
/// worker's binary (src/bin/worker.rs): the page gives the first worker
/// both answers, so the page's own wasm carries no merge.
#[allow(dead_code)]
pub fn worker_merge(a: &str, b: &str) -> String {
    merge_parts(&Overview::decode(a), &Overview::decode(b)).map_or_else(String::new, |o| o.encode())
}

/// The worker's first look at a long paste: `text` is its first `read`
/// UTF-16 units (whole lines) of `total`. Only the sessions that end before
/// the cut are kept (the last one may go on past it); an empty answer when
/// none does. Exported by the worker's binary, like [`worker_analyse`].
#[allow(dead_code)]
pub fn worker_first_look(text: &str, read: u32, total: u32, port: u32, format: &str) -> String {
    let mut o = overview(text, &options(port, format));
    o.sessions.pop();
    if o.sessions.is_empty() || o.error.is_some() {
        return String::new();
    }
    o.notes.clear();
    o.partial = Some((read, total));
    o.encode()
}

/// What the engine built for speed warms up on (see `worker.js`): the
/// page's examples (the clients people paste most) and Postfix and Exim
/// logs (what a long paste often is), about 40 KB in all, each analysed
/// on its own.
#[allow(dead_code)]
const WARM_LOGS: [&str; 4] = [
    include_str!("../../tests/fixtures/postfix-log/smtp-25-auth-failed-verbose-rsyslog.txt"),
    include_str!("../../tests/fixtures/postfix-log/mail-log-three-sessions.txt"),
    include_str!("../../tests/fixtures/exim-log/bh-host-check-session.txt"),
    include_str!("../../tests/fixtures/exim-log/mainlog-excerpt.txt"),
];

/// One round of the warm-up of the engine built for speed (exported by
/// its binary, src/bin/worker.rs): one sample text (round after round, each in turn)
/// analysed and summed up as a paste's overview is, a few milliseconds
/// of work, so a paste that arrives waits for little. Returns the size of
/// the overview, so nothing is left out as unused.
#[allow(dead_code)]
pub fn worker_warm(round: u32) -> u32 {
    let examples = super::examples::EXAMPLES
        .iter()
        .filter_map(|e| super::examples::text(e.id));
    let texts: Vec<&str> = examples.chain(WARM_LOGS).collect();
    let Some(text) = texts.get(round as usize % texts.len().max(1)) else {
        return 0;
    };
    // Another port on each pass over the sample: other rules run.
    let port = [0, 25, 587][round as usize / texts.len().max(1) % 3];
    let size = overview(text, &options(port, "")).encode().len();
    u32::try_from(size).unwrap_or(u32::MAX)
}

fn options(port: u32, format: &str) -> Options {
    Options {
        port: u16::try_from(port).ok().filter(|p| *p > 0),
        format: Format::from_id(format),
    }
}

/// The worker's entry point (called by worker.js): the overview, encoded.
/// Exported by the worker's binary (src/bin/worker.rs) only: the page's
/// wasm does not run in the workers. (Browser tests that include this
/// module do not call it.)
#[allow(dead_code)]
pub fn worker_analyse(text: &str, port: u32, format: &str) -> String {
    overview(text, &options(port, format)).encode()
}

/// Part `which` (0 or 1) of a large paste, for two workers at once (see
/// [`part_overview`]); exported by the worker's binary (src/bin/worker.rs).
#[allow(dead_code)]
pub fn worker_part(text: &str, which: u32, port: u32, format: &str) -> String {
    part_overview(text, which, &options(port, format)).encode()
}

/// The text of one session of a large paste.
pub fn session_text(text: &str, big: Option<&BigText>, brief: &Brief) -> Rc<str> {
    match big {
        Some(b) => Rc::from(String::from(b.js.substring(brief.start16, brief.end16))),
        None => Rc::from(text.get(brief.start..brief.end).unwrap_or("")),
    }
}

/// Analyses one session of a large paste on the main thread: its lines
/// only, with the session's port and format from the overview.
pub fn open_session(
    slice: Rc<str>,
    brief: &Brief,
    user_port: Option<u16>,
    format: Option<Format>,
) -> Analysis {
    let format = format.or_else(|| brief.format.and_then(Format::from_id));
    let t0 = super::analysis::now();
    let mut report = smtp_lens::analyze(
        &slice,
        &Options {
            port: user_port,
            format,
        },
    );
    // The port may have been named before the session's first line (a
    // command line): give the one the whole paste showed.
    let lacks_port = report.sessions.iter().any(|s| s.session.port.is_none());
    if user_port.is_none() && lacks_port && brief.port.is_some() {
        report = smtp_lens::analyze(
            &slice,
            &Options {
                port: brief.port,
                format,
            },
        );
        for s in &mut report.sessions {
            if s.session.port_source == Some(PortSource::Caller) {
                s.session.port_source = Some(PortSource::Transcript);
            }
        }
    }
    let millis = super::analysis::now() - t0;
    let mut a = Analysis::new(slice, report, millis);
    a.line_offset = brief.first_line.saturating_sub(1);
    a
}

/// A paste too large for the text box, held as the JavaScript string it
/// came as: turning megabytes of UTF-16 into Rust's UTF-8 would block
/// the main thread for hundreds of milliseconds. Only the worker (off
/// the main thread) and the slice of one session are converted.
#[derive(Debug, Clone)]
pub struct BigText {
    pub js: js_sys::JsString,
    /// Length in UTF-16 units.
    pub units: u32,
}

impl PartialEq for BigText {
    fn eq(&self, other: &Self) -> bool {
        self.units == other.units && self.js == other.js
    }
}

impl BigText {
    /// The string, if it is large enough to be held outside the box.
    pub fn of(value: JsValue) -> Result<BigText, JsValue> {
        match value.dyn_into::<js_sys::JsString>() {
            Ok(js) if js.length() as usize >= WORKER_FROM => Ok(BigText {
                units: js.length(),
                js,
            }),
            Ok(js) => Err(js.into()),
            Err(v) => Err(v),
        }
    }
}

thread_local! {
    /// The page's workers, started on first use and kept.
    static WORKER: RefCell<Option<Rc<Background>>> = const { RefCell::new(None) };
    /// The engine built for speed, compiled once by the first worker (see [`prepare_fast`]).
    static FAST: RefCell<Fast> = const { RefCell::new(Fast::Idle) };
    /// A paste was begun ([`hint_paste`]) and its size is not known yet.
    static HINTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The engine built for speed (`src/bin/worker.rs`, in `dist/worker/`).
enum Fast {
    /// Not asked for: a cold load, or only small pastes so far.
    Idle,
    /// The first worker compiles it.
    Compiling,
    /// The compiled `WebAssembly.Module`, or null when it could not be
    /// compiled (each worker then loads it itself, or answers an error).
    Ready(JsValue),
}

/// Starts fetching and compiling the engine built for speed, once: as soon
/// as a large paste or file is known (a large paste as soon as the browser
/// has read it, or earlier, see [`hint_paste`]; a large file when it is
/// dropped or picked, before it is read), while the text is still on its
/// way to the workers. The first worker fetches and compiles it (streaming,
/// on the browser's compiler threads), gives the compiled module to the
/// page (`{ fastModule }`, see [`Background::start`]), which gives it to
/// every other worker: nothing is fetched or compiled twice, and the
/// workers share its compiled code (V8 shares a module's code between the
/// workers of a page, so the code one worker's work gets optimised is the
/// other's too). The first worker then runs it on a built-in sample until
/// the paste arrives ([`worker_warm`]), so V8 is already optimising its hot
/// functions. A cold load, or a small paste, never fetches it.
pub fn prepare_fast() {
    HINTED.with(|h| h.set(false));
    if !FAST.with(|f| matches!(*f.borrow(), Fast::Idle)) {
        return;
    }
    let Some(w) = worker() else { return };
    if let Some(first) = w.workers.first() {
        if post_flag(first, "prepare", true) {
            FAST.with(|f| *f.borrow_mut() = Fast::Compiling);
        }
    }
}

/// The user began a paste (Ctrl+V or Shift+Insert in the paste box), whose
/// size the page learns only once the browser has read the clipboard: for
/// a large paste, a main-thread task of tenths of a second (0.3-0.9 s at
/// 20 MB) during which the page can do nothing. The first worker is told:
/// unless [`hint_small`] follows within 80 ms, it prepares the engine built
/// for speed itself (see [`prepare_fast`]), during that wait.
pub fn hint_paste() {
    if !FAST.with(|f| matches!(*f.borrow(), Fast::Idle)) {
        return;
    }
    let sent = WORKER.with(|slot| {
        slot.borrow()
            .as_ref()
            .and_then(|w| w.workers.first().cloned())
            .is_some_and(|first| post_flag(&first, "hint", true))
    });
    HINTED.with(|h| h.set(sent));
}

/// The paste begun was small (or nothing): the first worker need not
/// prepare anything.
pub fn hint_small() {
    if !HINTED.with(|h| h.replace(false)) {
        return;
    }
    WORKER.with(|slot| {
        if let Some(first) = slot.borrow().as_ref().and_then(|w| w.workers.first()) {
            post_flag(first, "hint", false);
        }
    });
}

/// Posts `{ key: flag }` to a worker.
fn post_flag(worker: &web_sys::Worker, key: &str, flag: bool) -> bool {
    let msg = js_sys::Object::new();
    js_sys::Reflect::set(&msg, &key.into(), &JsValue::from_bool(flag)).is_ok()
        && worker.post_message(&msg).is_ok()
}

/// The first worker compiled the engine built for speed (or null: it could
/// not): kept, and given to every worker.
fn fast_compiled(module: JsValue) {
    FAST.with(|f| *f.borrow_mut() = Fast::Ready(module.clone()));
    if let Some(w) = WORKER.with(|slot| slot.borrow().clone()) {
        w.give_fast(&module);
    }
}

/// Whether the engine built for speed is on its way to the workers (they
/// then wait for it instead of fetching it themselves).
fn fast_coming() -> bool {
    FAST.with(|f| !matches!(*f.borrow(), Fast::Idle))
}

/// The workers, started now if they are not yet (when the user focuses the
/// paste box, drags a file over it or opens the file picker: a worker
/// cannot start while the browser reads a large clipboard);
/// `None` where workers cannot start (see [`Background::start`]).
pub fn worker() -> Option<Rc<Background>> {
    WORKER.with(|slot| {
        if let Some(w) = slot.borrow().as_ref() {
            return Some(w.clone());
        }
        let w = Rc::new(Background::start()?);
        *slot.borrow_mut() = Some(w.clone());
        Some(w)
    })
}

/// Where the workers' answers go: `(id, overview)`.
type Handler = Rc<RefCell<Option<Box<dyn FnMut(u64, Overview)>>>>;

/// A paste split between the two workers: its parts' answers so far (as
/// they came, encoded: the first worker merges them), and what it takes to
/// ask for it whole if they do not meet.
struct Split {
    id: u64,
    text: JsValue,
    opts: Options,
    parts: [Option<String>; 2],
}

type Pending = Rc<RefCell<Option<Split>>>;

/// The page's workers (two where the machine has two cores or more: a
/// large paste is then analysed in two parts at once, see
/// `smtp_lens::split`), started on first use and kept.
pub struct Background {
    workers: Vec<web_sys::Worker>,
    _onmessage: Vec<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    handler: Handler,
    pending: Pending,
}

/// Posts one paste to a worker: `part` of `parts`; `look`: give a first
/// look at its beginning too.
fn post(
    worker: &web_sys::Worker,
    id: u64,
    text: &JsValue,
    opts: &Options,
    part: u32,
    parts: u32,
    look: bool,
) -> bool {
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&msg, &k.into(), v).is_ok();
    let ok = set("id", &JsValue::from_f64(id as f64))
        && set("text", text)
        && set(
            "port",
            &JsValue::from_f64(f64::from(opts.port.unwrap_or(0))),
        )
        && set(
            "format",
            &JsValue::from_str(opts.format.map(|f| f.id()).unwrap_or("")),
        )
        && set("part", &JsValue::from(part))
        && set("parts", &JsValue::from(parts))
        && set("look", &JsValue::from_bool(look))
        && set("fast", &JsValue::from_bool(fast_coming()));
    ok && worker.post_message(&msg).is_ok()
}

/// Gives a worker the compiled engine built for speed (`{ fast }`).
fn give_fast(worker: &web_sys::Worker, module: &JsValue) {
    let msg = js_sys::Object::new();
    if js_sys::Reflect::set(&msg, &"fast".into(), module).is_ok() {
        let _ = worker.post_message(&msg);
    }
}

impl Background {
    /// Starts the workers from the script tag that started the page (it
    /// names the wasm-bindgen JS and the wasm); `None` where there is none
    /// (the browser tests) or workers are not allowed.
    pub fn start() -> Option<Background> {
        let window = web_sys::window()?;
        let doc = window.document()?;
        // The page as Trunk built it (boot.js's tag): worker.js is beside it.
        doc.query_selector("script[data-smtp-lens-wasm]").ok()??;
        let base = doc.base_uri().ok()??;
        let url = web_sys::Url::new_with_base("worker.js", &base).ok()?.href();
        let count = if window.navigator().hardware_concurrency() >= 2.0 {
            2
        } else {
            1
        };
        let handler: Handler = Rc::new(RefCell::new(None));
        let pending: Pending = Rc::new(RefCell::new(None));
        let mut workers = Vec::new();
        let mut closures = Vec::new();
        for _ in 0..count {
            let opts = web_sys::WorkerOptions::new();
            opts.set_type(web_sys::WorkerType::Module);
            let Ok(worker) = web_sys::Worker::new_with_options(&url, &opts) else {
                break;
            };
            let (h, p, first) = (handler.clone(), pending.clone(), workers.first().cloned());
            let own = worker.clone();
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let data = e.data();
                    // The first worker compiled the engine built for speed.
                    if let Ok(module) = js_sys::Reflect::get(&data, &"fastModule".into()) {
                        if !module.is_undefined() {
                            fast_compiled(module);
                            return;
                        }
                    }
                    let id = js_sys::Reflect::get(&data, &"id".into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(-1.0);
                    let id = if id < 0.0 { u64::MAX } else { id as u64 };
                    let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
                    let body = field("body")
                        .and_then(|v| v.as_string())
                        .unwrap_or_default();
                    let first = first.as_ref().unwrap_or(&own);
                    // The two parts did not meet: the paste goes whole.
                    if field("unmet").is_some_and(|v| v.is_truthy()) {
                        if let Some(s) = p.borrow_mut().take().filter(|s| s.id == id) {
                            post(first, s.id, &s.text, &s.opts, 0, 1, false);
                        }
                        return;
                    }
                    // One of two parts: kept until the other comes.
                    if let Some(which) = field("part").and_then(|v| v.as_f64()) {
                        collect(&p, id, which as usize, body, first);
                        return;
                    }
                    let o = Overview::decode(&body);
                    if o.partial.is_none() {
                        let mut slot = p.borrow_mut();
                        if slot.as_ref().is_some_and(|s| s.id == id) {
                            *slot = None;
                        }
                    }
                    if let Some(f) = h.borrow_mut().as_mut() {
                        f(id, o);
                    }
                },
            );
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            if let Some(fast) = FAST.with(|f| match &*f.borrow() {
                Fast::Ready(m) => Some(m.clone()),
                _ => None,
            }) {
                give_fast(&worker, &fast);
            }
            workers.push(worker);
            closures.push(onmessage);
        }
        if workers.is_empty() {
            return None;
        }
        Some(Background {
            workers,
            _onmessage: closures,
            handler,
            pending,
        })
    }

    /// The compiled engine built for speed (or null), to every worker.
    fn give_fast(&self, module: &JsValue) {
        for w in &self.workers {
            give_fast(w, module);
        }
    }

    /// Where answers go: `(id, overview)`; id `u64::MAX` when a worker
    /// failed to start.
    pub fn on_answer(&self, f: impl FnMut(u64, Overview) + 'static) {
        *self.handler.borrow_mut() = Some(Box::new(f));
    }

    /// Sends a paste (the text is copied to the worker): in two parts to
    /// two workers when it is large enough.
    pub fn send(&self, id: u64, text: &JsValue, opts: &Options) -> bool {
        prepare_fast();
        let units = text
            .dyn_ref::<js_sys::JsString>()
            .map_or(0, |s| s.length() as usize);
        let (Some(w0), second) = (self.workers.first(), self.workers.get(1)) else {
            return false;
        };
        match second {
            Some(w1) if units >= split::MIN_BYTES => {
                *self.pending.borrow_mut() = Some(Split {
                    id,
                    text: text.clone(),
                    opts: opts.clone(),
                    parts: [None, None],
                });
                post(w0, id, text, opts, 0, 2, true) && post(w1, id, text, opts, 1, 2, false)
            }
            _ => {
                *self.pending.borrow_mut() = None;
                post(w0, id, text, opts, 0, 1, true)
            }
        }
    }
}

/// A part's answer (`which`: 0 or 1): kept until the other comes; then
/// both go to the first worker, which merges them (`{ merge }`, see
/// worker.js) into the whole paste's overview, or says they do not meet.
fn collect(pending: &Pending, id: u64, which: usize, body: String, first: &web_sys::Worker) {
    let mut slot = pending.borrow_mut();
    let Some(split) = slot.as_mut().filter(|s| s.id == id) else {
        return;
    };
    if let Some(p) = split.parts.get_mut(which) {
        *p = Some(body);
    }
    let [Some(a), Some(b)] = &split.parts else {
        return;
    };
    let msg = js_sys::Object::new();
    let both = js_sys::Array::of2(&JsValue::from_str(a), &JsValue::from_str(b));
    let sent = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id as f64)).is_ok()
        && js_sys::Reflect::set(&msg, &"merge".into(), &both).is_ok()
        && first.post_message(&msg).is_ok();
    if !sent {
        // No merge to wait for: the paste goes whole.
        if let Some(s) = slot.take() {
            post(first, s.id, &s.text, &s.opts, 0, 1, false);
        }
    }
}
