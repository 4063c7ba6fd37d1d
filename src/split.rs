//! A large paste analysed in two parts at once (the browser runs one part
//! per core, in two web workers), merged into exactly the report one
//! [`analyze`](crate::analyze) of the whole paste gives: the same
//! sessions, events (lines and spans), findings in the same order,
//! verdicts, diagnostics and format.
//!
//! How it stays exact:
//!
//! - Both parts take the format from the whole paste ([`ingest::detect`]
//!   reads its start) and ingest the paste from its first line: the
//!   ingest's state (the formats in play, the tool of the line above, an
//!   open certificate) depends on everything before a line, so both parts
//!   see every line exactly as the whole paste's analysis does. Part 0
//!   stops ingesting at [`Plan::end`]; part 1 ingests everything but only
//!   builds sessions from [`Plan::cut`] on. Ingest is the cheaper half of
//!   the work, so part 1 starts further on ([`CUT_PERMILLE`]).
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
use crate::{ingest, rules, Options};

/// Pastes from this size on are worth splitting (bytes).
pub const MIN_BYTES: usize = 1 << 20;
/// Where part 1 starts, in thousandths of the paste. Part 1 also ingests
/// everything before it (about a third of the work of the text before
/// it), which puts the cut at 58 %: measured on the 20 MB bench paste with
/// the page's engine built for speed, where part 1 was the slower at 48 %
/// even with part 0 first giving a look at the paste's beginning (a
/// smaller one since: 256 Ki characters). Both workers follow [`plan`].
pub const CUT_PERMILLE: usize = 580;
/// How far part 0 reads past the cut (bytes), for the two to agree on a
/// session boundary.
pub const OVERLAP: usize = 96 * 1024;
/// The builder's cap on listed unplaced lines (session/builder.rs).
const LISTED_NOISE: usize = 200;

/// Where a paste is split. Part 0 builds sessions from the first line to
/// `end` (exclusive); part 1 from `cut` to the end of the paste. Both are
/// line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub cut: usize,
    pub end: usize,
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
    let lines_before = |to: usize| {
        bytes
            .get(..to)
            .map_or(0, |b| memchr::memchr_iter(b'\n', b).count())
    };
    let cut_line = u32::try_from(lines_before(cut) + 1).ok()?;
    // A last line without its line feed is a line too.
    let unended = usize::from(end == text.len() && !text.ends_with('\n'));
    let end_line = u32::try_from(lines_before(end) + unended).ok()?;
    Some(Plan {
        cut,
        end,
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
}

/// Analyses part `which` (0 or 1) of `text` as `plan` says.
pub fn analyze_part(text: &str, opts: &Options, plan: &Plan, which: usize) -> Part {
    let det = ingest::detect(text, opts.format);
    let mut builder = Builder::new(text, opts.port);
    let mut lines = 0u32;
    if which == 0 {
        let head = text.get(..plan.end).unwrap_or(text);
        ingest::for_each(head, &det, |line| {
            lines = line.no;
            builder.push(line);
        });
    } else {
        let cut = plan.cut;
        ingest::for_each(text, &det, |line| {
            lines = line.no;
            if line.span.start() >= cut {
                builder.push(line);
            }
        });
    }
    let (sessions, diags) = builder.finish();
    let (findings, verdicts) = rules::run(text, det.format, &sessions);
    let mut diagnostics = Vec::new();
    let mut overflow = 0usize;
    for (line, message) in diags {
        if line == 0 {
            overflow += overflow_count(&message).unwrap_or(usize::MAX / 4);
        } else {
            diagnostics.push(Diagnostic { line, message });
        }
    }
    let noise_total = diagnostics.len().saturating_add(overflow);
    let sessions = SessionReport::numbered(sessions, verdicts);
    Part {
        report: Report {
            schema: SCHEMA,
            format: det.format.id(),
            format_name: det.format.name(),
            format_forced: opts.format.is_some(),
            bytes: text.len(),
            lines,
            diagnostics,
            sessions,
            findings,
        },
        noise_total,
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

/// The marks of a part's sessions that start in the overlap.
pub fn marks(part: &Part, plan: &Plan) -> Vec<Mark> {
    let r = &part.report;
    r.sessions
        .iter()
        .filter_map(|s| {
            let line = first_line(s)?;
            if line < plan.cut_line || line > plan.end_line {
                return None;
            }
            let findings: Vec<&Finding> =
                r.findings.iter().filter(|f| f.session == s.index).collect();
            Some(Mark {
                index: s.index,
                line,
                print: fingerprint(s, &findings),
            })
        })
        .collect()
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
    b.windows(2).find_map(|w| {
        let [b1, b2] = w else { return None };
        if b1.index == 0 || b2.index != b1.index + 1 {
            return None;
        }
        let i = a.iter().position(|m| m.line == b1.line)?;
        let a1 = a.get(i)?;
        let a2 = a.get(i + 1)?;
        let same = a1.print == b1.print && a2.line == b2.line && a2.print == b2.print;
        (same && a2.index == a1.index + 1 && a2.index + 1 < a_sessions).then_some(Join {
            keep: a1.index + 1,
            from: b2.index,
            line: b2.line,
        })
    })
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
    let j = join(&marks(&a, plan), a.report.sessions.len(), &marks(&b, plan))?;
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
