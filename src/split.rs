//! A large paste analysed in two parts at once (the browser runs one part
//! per core, in two web workers), merged into exactly the report one
//! [`analyze`](crate::analyze) of the whole paste gives: the same
//! sessions, events (lines and spans), findings in the same order,
//! verdicts, diagnostics and format.
//!
//! How it stays exact:
//!
//! - Both parts take the format from the whole paste ([`ingest::detect`]
//!   reads its start). Part 0 ingests from the first line and stops at
//!   [`Plan::end`]. Part 1 starts ingesting at [`Plan::from`], a little
//!   before its cut ([`WARM`]), in the state a paste starts in, and builds
//!   sessions from [`Plan::cut`] on. The ingest's state (the formats in
//!   play, the tool of the line above, an open certificate:
//!   [`ingest::State`]) depends on the lines before, so part 1 may tag its
//!   first lines otherwise than the whole paste's analysis; from the first
//!   line before which both parts are in the same state, they tag every
//!   line alike. Each part records its state before every line of the
//!   overlap, and a session's [`fingerprint`] in [`marks`] includes the
//!   state before its first line: equal marks mean equal states there.
//! - The session builder resets all its state when a session ends. Part
//!   0's sessions are the whole paste's up to where it stops (it is the
//!   whole analysis, cut short); part 1 starts mid-session and its first
//!   sessions may differ. Both build the overlap `[cut, end)`; where two
//!   consecutive sessions of part 1 (not its first) start on the same
//!   lines as two of part 0 and are identical to them (with their
//!   verdicts and findings; compared by [`fingerprint`], which the two
//!   workers can send each other), part 1 has reset on the same line as
//!   the whole analysis, and from there on its sessions are the whole
//!   paste's. The merge keeps part 0's sessions up to the first of the
//!   pair and part 1's from the second on ([`join`]).
//! - Rules see one session at a time; findings are ordered as
//!   `rules::run` orders them (severity, then session, then first line).
//! - The builder lists at most 200 unplaced lines; the count of the rest
//!   is recomputed from both parts ([`merge_noise`]).
//!
//! When the overlap shows no such pair (a session longer than the
//! overlap, say), there is no merge ([`join`] is `None`) and the caller
//! analyses the whole paste in one piece. `tests/split.rs` checks the
//! merge against [`analyze`](crate::analyze) on every fixture and on
//! concatenations of them, cut at every line.

use std::hash::{Hash, Hasher};

use crate::report::{Diagnostic, Report, SessionReport, SCHEMA};
use crate::rules::Finding;
use crate::session::builder::Builder;
use crate::session::Session;
use crate::{ingest, rules, Options};

/// Pastes from this size on are worth splitting (bytes).
pub const MIN_BYTES: usize = 1 << 20;
/// Where part 1 starts, in thousandths of the paste: the middle, now that
/// part 1 ingests only [`WARM`] bytes before its cut (it used to ingest
/// everything before it, which put the cut at 58 %). Both workers, and
/// the native threads, follow [`plan`].
pub const CUT_PERMILLE: usize = 500;
/// How far part 0 reads past the cut (bytes), for the two to agree on a
/// session boundary.
pub const OVERLAP: usize = 96 * 1024;
/// How far before its cut part 1 starts ingesting (bytes), for its
/// ingest's state to meet the whole paste's by the cut: a tool's lines
/// bring it into play, so this is room for every tool of a paste that
/// mixes many (the corpus of every fixture, joined, is 390 KB).
pub const WARM: usize = 512 * 1024;
/// The builder's cap on listed unplaced lines (session/builder.rs).
const LISTED_NOISE: usize = 200;

/// Where a paste is split. Part 0 builds sessions from the first line to
/// `end` (exclusive); part 1 from `cut` to the end of the paste. Both are
/// line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub cut: usize,
    pub end: usize,
    /// Where part 1 starts ingesting (a line start, at most `cut`), and
    /// that line's number.
    pub from: usize,
    pub from_line: u32,
    /// 1-based line numbers of the line that starts at `cut`, and of the
    /// last line before `end`.
    pub cut_line: u32,
    pub end_line: u32,
}

/// The plan for a large paste (`None`: too small to be worth it, or its
/// lines end in CR alone).
pub fn plan(text: &str) -> Option<Plan> {
    if text.len() < MIN_BYTES {
        return None;
    }
    plan_at(text, text.len() / 1000 * CUT_PERMILLE, OVERLAP)
}

/// The plan for a cut at the first line start from byte `at` on, with part
/// 0 reading `overlap` bytes past it (to the end of that line).
pub fn plan_at(text: &str, at: usize, overlap: usize) -> Option<Plan> {
    plan_warm(text, at, overlap, WARM)
}

/// [`plan_at`] with part 1 starting to ingest `warm` bytes before its cut
/// (at the line start there).
pub fn plan_warm(text: &str, at: usize, overlap: usize, warm: usize) -> Option<Plan> {
    let bytes = text.as_bytes();
    // A paste whose lines end in CR alone is read by other rules
    // (ingest::lines): not split.
    memchr::memchr(b'\n', bytes)?;
    let line_start = |from: usize| -> Option<usize> {
        let nl = memchr::memchr(b'\n', bytes.get(from.checked_sub(1)?..)?)?;
        Some(from - 1 + nl + 1)
    };
    let cut = if at == 0 { 0 } else { line_start(at)? };
    let end = line_start(cut.saturating_add(overlap)).unwrap_or(text.len());
    if cut == 0 || cut >= text.len() || end <= cut {
        return None;
    }
    let from = match cut.checked_sub(warm) {
        Some(w) if w > 0 => line_start(w)?.min(cut),
        _ => 0,
    };
    // Line feeds in `[a, b)`: counted once over the paste, a stretch each.
    let feeds = |a: usize, b: usize| {
        bytes
            .get(a..b)
            .map_or(0, |b| memchr::memchr_iter(b'\n', b).count())
    };
    let before_from = feeds(0, from);
    let before_cut = before_from + feeds(from, cut);
    let before_end = before_cut + feeds(cut, end);
    let from_line = u32::try_from(before_from + 1).ok()?;
    let cut_line = u32::try_from(before_cut + 1).ok()?;
    // A last line without its line feed is a line too.
    let unended = usize::from(end == text.len() && !text.ends_with('\n'));
    let end_line = u32::try_from(before_end + unended).ok()?;
    Some(Plan {
        cut,
        end,
        from,
        from_line,
        cut_line,
        end_line,
    })
}

/// One part's analysis: a report of its sessions (numbered from 0 within
/// the part), with the paste's own line numbers and spans.
#[derive(Debug, Clone)]
pub struct Part {
    pub report: Report,
    /// Unplaced lines the builder listed (`report.diagnostics` with a line)
    /// and how many it met in all.
    pub noise_total: usize,
    /// The ingest's state before each line of the overlap (`(line,
    /// ingest::State::packed)`, in line order).
    pub states: Vec<(u32, u64)>,
}

/// One part's sessions, before the rules.
struct Built {
    format: ingest::Format,
    /// The last line the part read.
    lines: u32,
    sessions: Vec<Session>,
    /// The unplaced lines the builder listed, and how many it met in all.
    noise: Vec<(u32, String)>,
    noise_total: usize,
    states: Vec<(u32, u64)>,
}

/// Ingests part `which` of `text` and builds its sessions.
fn build_part(text: &str, opts: &Options, plan: &Plan, which: usize) -> Built {
    let det = ingest::detect(text, opts.format);
    let mut builder = Builder::new(text, opts.port);
    let mut lines = 0u32;
    let mut states: Vec<(u32, u64)> = Vec::new();
    let mut record = |pl: &ingest::lines::PhysLine<'_>, state: ingest::State| {
        let new_line = states.last().is_none_or(|(l, _)| *l != pl.no);
        if pl.no >= plan.cut_line && pl.no <= plan.end_line && new_line {
            states.push((pl.no, state.packed()));
        }
    };
    if which == 0 {
        let head = text.get(..plan.end).unwrap_or(text);
        let from = ingest::Resume::start(&det);
        ingest::for_each_from(
            head,
            &det,
            from,
            |line| {
                lines = line.no;
                builder.push(line);
            },
            &mut record,
        );
    } else {
        let cut = plan.cut;
        let from = ingest::Resume {
            at: plan.from,
            line: plan.from_line,
            state: ingest::State::start(&det),
        };
        ingest::for_each_from(
            text,
            &det,
            from,
            |line| {
                lines = line.no;
                if line.span.start() >= cut {
                    builder.push(line);
                }
            },
            &mut record,
        );
    }
    let (sessions, diags) = builder.finish();
    let mut noise = Vec::new();
    let mut overflow = 0usize;
    for (line, message) in diags {
        if line == 0 {
            overflow += overflow_count(&message).unwrap_or(usize::MAX / 4);
        } else {
            noise.push((line, message));
        }
    }
    let noise_total = noise.len().saturating_add(overflow);
    Built {
        format: det.format,
        lines,
        sessions,
        noise,
        noise_total,
        states,
    }
}

/// Analyses part `which` (0 or 1) of `text` as `plan` says.
pub fn analyze_part(text: &str, opts: &Options, plan: &Plan, which: usize) -> Part {
    let Built {
        format,
        lines,
        sessions,
        noise,
        noise_total,
        states,
    } = build_part(text, opts, plan, which);
    // One thread: natively the parts already run on two.
    let (findings, verdicts) = rules::run_range(text, format, &sessions, 0);
    let findings = rules::in_order(findings);
    let diagnostics = noise
        .into_iter()
        .map(|(line, message)| Diagnostic { line, message })
        .collect();
    let sessions = SessionReport::numbered(sessions, verdicts);
    Part {
        report: Report {
            schema: SCHEMA,
            format: format.id(),
            format_name: format.name(),
            format_forced: opts.format.is_some(),
            bytes: text.len(),
            lines,
            diagnostics,
            sessions,
            findings,
        },
        noise_total,
        states,
    }
}

/// The builder's last diagnostic: "N more lines could not be placed".
fn overflow_message(n: usize) -> String {
    format!("{n} more lines could not be placed")
}

fn overflow_count(message: &str) -> Option<usize> {
    let (n, rest) = message.split_once(' ')?;
    (rest == "more lines could not be placed")
        .then(|| n.parse().ok())
        .flatten()
}

/// A session of the overlap: its index in its part, its first line and
/// its [`fingerprint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub index: usize,
    pub line: u32,
    pub print: u64,
}

/// A digest of a session as the report gives it (events, spans, TLS,
/// auth, transactions, verdict) and of its findings, without its index:
/// equal sessions of the two parts have equal fingerprints.
pub fn fingerprint(s: &SessionReport, findings: &[&Finding]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut s = s.clone();
    s.index = 0;
    s.verdict.session = 0;
    serde_json::to_string(&s).unwrap_or_default().hash(&mut h);
    for f in findings {
        let mut f = (*f).clone();
        f.session = 0;
        serde_json::to_string(&f).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

/// The first line of a session.
fn first_line(s: &SessionReport) -> Option<u32> {
    s.session.events.first().map(|e| e.line)
}

/// The marks of a part's sessions that start in the overlap. A mark's
/// print covers the ingest's state before the session's first line too
/// (see the module's doc).
pub fn marks(part: &Part, plan: &Plan) -> Vec<Mark> {
    overlap_sessions(&part.report.sessions, first_line, &part.states, plan)
        .into_iter()
        .map(|c| Mark {
            index: c.index,
            line: c.line,
            print: report_print(part, &c),
        })
        .collect()
}

/// A session of the overlap before its print is worked out: its index in
/// its part, its first line and the ingest's state before that line.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    index: usize,
    line: u32,
    state: u64,
}

/// The sessions that start in the overlap (those [`marks`] gives a mark).
fn overlap_sessions<S>(
    sessions: &[S],
    first: impl Fn(&S) -> Option<u32>,
    states: &[(u32, u64)],
    plan: &Plan,
) -> Vec<Candidate> {
    sessions
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let line = first(s)?;
            if line < plan.cut_line || line > plan.end_line {
                return None;
            }
            let at = states.binary_search_by_key(&line, |(l, _)| *l).ok()?;
            let (_, state) = states.get(at)?;
            Some(Candidate {
                index,
                line,
                state: *state,
            })
        })
        .collect()
}

/// A mark's print: the session's [`fingerprint`] (with its findings) and
/// the ingest's state before its first line.
fn report_print(part: &Part, c: &Candidate) -> u64 {
    let r = &part.report;
    let Some(s) = r.sessions.get(c.index) else {
        return 0;
    };
    let findings: Vec<&Finding> = r.findings.iter().filter(|f| f.session == s.index).collect();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    fingerprint(s, &findings).hash(&mut h);
    c.state.hash(&mut h);
    h.finish()
}

/// Where the parts meet: part 0's sessions `..keep` and part 1's `from..`;
/// `line` is the first line of part 1's first kept session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Join {
    pub keep: usize,
    pub from: usize,
    pub line: u32,
}

/// Finds where the parts meet (see the module's doc): two consecutive
/// sessions, equal in both parts, not part 1's first, the second closed
/// in part 0 (a session follows it there). `a_sessions`: how many
/// sessions part 0 has.
pub fn join(a: &[Mark], a_sessions: usize, b: &[Mark]) -> Option<Join> {
    join_by(
        a,
        a_sessions,
        b,
        |m| (m.index, m.line),
        |m| m.print,
        |m| m.print,
    )
}

/// [`join`] over a part's sessions of the overlap, each one's print
/// worked out only when the search gets to compare it (natively both
/// parts are at hand: two or four prints instead of one for every
/// session of the overlap, each a serialisation of the session). The
/// same answer as [`join`] over the marks: the same tests in the same
/// order, the cheap ones first.
fn join_by<M>(
    a: &[M],
    a_sessions: usize,
    b: &[M],
    at: impl Fn(&M) -> (usize, u32),
    mut print_a: impl FnMut(&M) -> u64,
    mut print_b: impl FnMut(&M) -> u64,
) -> Option<Join> {
    b.windows(2).find_map(|w| {
        let [b1, b2] = w else { return None };
        let ((b1_index, b1_line), (b2_index, b2_line)) = (at(b1), at(b2));
        if b1_index == 0 || b2_index != b1_index + 1 {
            return None;
        }
        let i = a.iter().position(|m| at(m).1 == b1_line)?;
        let a1 = a.get(i)?;
        let a2 = a.get(i + 1)?;
        let ((a1_index, _), (a2_index, a2_line)) = (at(a1), at(a2));
        let placed = a2_line == b2_line && a2_index == a1_index + 1 && a2_index + 1 < a_sessions;
        let same = placed && print_a(a1) == print_b(b1) && print_a(a2) == print_b(b2);
        same.then_some(Join {
            keep: a1_index + 1,
            from: b2_index,
            line: b2_line,
        })
    })
}

/// [`join`] of two parts at hand (see [`join_by`]).
fn join_parts(a: &Part, b: &Part, plan: &Plan) -> Option<Join> {
    let at = |p: &Part| overlap_sessions(&p.report.sessions, first_line, &p.states, plan);
    join_by(
        &at(a),
        a.report.sessions.len(),
        &at(b),
        |c| (c.index, c.line),
        |c| report_print(a, c),
        |c| report_print(b, c),
    )
}

/// The unplaced lines of the whole paste from both parts' lists (`(line,
/// what)`, at most 200 each, in line order) and totals: the first 200 and
/// the total. `None` when the lists do not tell (many unplaced lines where
/// part 1 starts). `end_line`: [`Plan::end_line`].
pub fn merge_noise<T: Clone>(
    a: &[(u32, T)],
    a_total: usize,
    b: &[(u32, T)],
    b_total: usize,
    join_line: u32,
    end_line: u32,
) -> Option<(Vec<(u32, T)>, usize)> {
    // Part 1's list is complete up to a line when it was not cut short
    // before it.
    let b_complete_to = |line: u32| b_total <= b.len() || b.last().is_some_and(|(l, _)| *l > line);
    if !b_complete_to(end_line) {
        return None;
    }
    let b_before = b.iter().filter(|(l, _)| *l < join_line).count();
    let b_overlap = b
        .iter()
        .filter(|(l, _)| *l >= join_line && *l <= end_line)
        .count();
    // Part 0 met the same unplaced lines from the join on as part 1.
    let a_before = a_total.checked_sub(b_overlap)?;
    let total = a_before + b_total.checked_sub(b_before)?;
    let mut listed: Vec<(u32, T)> = a
        .iter()
        .filter(|(l, _)| *l < join_line)
        .take(LISTED_NOISE)
        .cloned()
        .collect();
    let want = total.min(LISTED_NOISE);
    let from_b: Vec<(u32, T)> = b
        .iter()
        .filter(|(l, _)| *l >= join_line)
        .take(want.saturating_sub(listed.len()))
        .cloned()
        .collect();
    listed.extend(from_b);
    (listed.len() == want).then_some((listed, total))
}

/// The line-0 diagnostic for `total` unplaced lines, if it has one.
pub fn noise_note(total: usize) -> Option<String> {
    (total > LISTED_NOISE).then(|| overflow_message(total - LISTED_NOISE))
}

/// The findings' order in a report (as `rules::run` sorts them).
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then(a.session.cmp(&b.session))
        .then(a.lines.first().cmp(&b.lines.first()))
}

/// The whole paste's report from its two parts, or `None` when they do
/// not meet (see [`join`]).
pub fn merge(plan: &Plan, a: Part, b: Part) -> Option<Report> {
    let j = join_parts(&a, &b, plan)?;
    let noise = |p: &Part| -> Vec<(u32, String)> {
        p.report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect()
    };
    let (listed, total) = merge_noise(
        &noise(&a),
        a.noise_total,
        &noise(&b),
        b.noise_total,
        j.line,
        plan.end_line,
    )?;
    let Part { report: ra, .. } = a;
    let Part { report: rb, .. } = b;
    let shift = |i: usize| i - j.from + j.keep;
    let mut sessions: Vec<SessionReport> = ra.sessions.into_iter().take(j.keep).collect();
    sessions.extend(rb.sessions.into_iter().skip(j.from).map(|mut s| {
        s.index = shift(s.index);
        s.verdict.session = shift(s.verdict.session);
        s
    }));
    if sessions.is_empty() {
        return None;
    }
    let mut findings: Vec<Finding> = ra
        .findings
        .into_iter()
        .filter(|f| f.session < j.keep)
        .collect();
    findings.extend(
        rb.findings
            .into_iter()
            .filter(|f| f.session >= j.from)
            .map(|mut f| {
                f.session = shift(f.session);
                f
            }),
    );
    // Each part's list is in that order already; a stable sort keeps
    // equal keys (one session's findings) in the rules' order.
    findings.sort_by(finding_order);
    let mut diagnostics: Vec<Diagnostic> = listed
        .into_iter()
        .map(|(line, message)| Diagnostic { line, message })
        .collect();
    if let Some(message) = noise_note(total) {
        diagnostics.push(Diagnostic { line: 0, message });
    }
    Some(Report {
        lines: rb.lines,
        diagnostics,
        sessions,
        findings,
        ..ra
    })
}

/// [`analyze`](crate::analyze) by two parts and their merge where the
/// paste is large enough (one thread after the other: the browser's
/// workers run the parts at once). The same report either way.
pub fn analyze(text: &str, opts: &Options) -> Report {
    plan(text)
        .and_then(|p| analyze_at(text, opts, &p))
        .unwrap_or_else(|| crate::analyze(text, opts))
}

/// Both parts of `plan` and their merge (`None`: they do not meet).
pub fn analyze_at(text: &str, opts: &Options, plan: &Plan) -> Option<Report> {
    if text.trim().is_empty() {
        return None;
    }
    let a = analyze_part(text, opts, plan, 0);
    let b = analyze_part(text, opts, plan, 1);
    merge(plan, a, b)
}

/// Part 0 on this thread, part 1 on another (`None`: no thread).
#[cfg(not(target_arch = "wasm32"))]
fn on_two_threads<T: Send>(part: impl Fn(usize) -> T + Sync) -> Option<(T, T)> {
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, || part(1))
            .ok()?;
        let a = part(0);
        Some((a, other.join().ok()?))
    })
}

/// [`crate::analyze`] of a large paste, its two halves analysed at once on
/// two threads and merged (`None`: too small, no thread, or the halves do
/// not meet; the caller then analyses it in one piece).
#[cfg(not(target_arch = "wasm32"))]
pub fn analyze_threaded(text: &str, opts: &Options) -> Option<Report> {
    let plan = plan(text)?;
    if text.trim().is_empty() {
        return None;
    }
    let (a, b) = on_two_threads(|which| analyze_part(text, opts, &plan, which))?;
    merge(&plan, a, b)
}

/// The print of a part's session (before the rules) that starts in the
/// overlap: it covers the session and the ingest's state before its
/// first line.
#[cfg(not(target_arch = "wasm32"))]
fn session_print(b: &Built, c: &Candidate) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    b.sessions
        .get(c.index)
        .and_then(|s| serde_json::to_string(s).ok())
        .unwrap_or_default()
        .hash(&mut h);
    c.state.hash(&mut h);
    h.finish()
}

/// [`crate::parse`] of a large paste, its two halves ingested and built at
/// once on two threads and joined as [`merge`] joins reports (`None`: as
/// [`analyze_threaded`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_threaded(text: &str, opts: &Options) -> Option<crate::Parsed> {
    let plan = plan(text)?;
    let (a, b) = on_two_threads(|which| build_part(text, opts, &plan, which))?;
    let first = |s: &Session| s.events.first().map(|e| e.line);
    let j = join_by(
        &overlap_sessions(&a.sessions, first, &a.states, &plan),
        a.sessions.len(),
        &overlap_sessions(&b.sessions, first, &b.states, &plan),
        |c| (c.index, c.line),
        |c| session_print(&a, c),
        |c| session_print(&b, c),
    )?;
    let (listed, total) = merge_noise(
        &a.noise,
        a.noise_total,
        &b.noise,
        b.noise_total,
        j.line,
        plan.end_line,
    )?;
    let mut sessions = a.sessions;
    sessions.truncate(j.keep);
    sessions.extend(b.sessions.into_iter().skip(j.from));
    let mut diagnostics = listed;
    if let Some(message) = noise_note(total) {
        diagnostics.push((0, message));
    }
    Some(crate::Parsed {
        format: a.format,
        lines: b.lines,
        sessions,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The native merge's join, prints worked out on demand, is the join
    /// the page's workers find from every mark of the overlap.
    #[test]
    fn lazy_join_is_the_marks_join() {
        let paste = crate::testutil::every_fixture().repeat(6);
        let opts = Options::default();
        let mut joined = 0;
        for permille in [200, 350, 500, 650, 800] {
            let Some(plan) = plan_at(&paste, paste.len() / 1000 * permille, OVERLAP) else {
                continue;
            };
            let a = analyze_part(&paste, &opts, &plan, 0);
            let b = analyze_part(&paste, &opts, &plan, 1);
            let eager = join(
                &marks(&a, &plan),
                a.report.sessions.len(),
                &marks(&b, &plan),
            );
            assert_eq!(join_parts(&a, &b, &plan), eager, "cut at {permille}‰");
            joined += usize::from(eager.is_some());
        }
        assert!(joined >= 3, "only {joined} cuts joined");
    }
}
