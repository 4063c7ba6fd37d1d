//! `smtp_lens::split`: a paste analysed in two parts (as the page's two
//! workers do) and merged is exactly `analyze` of the whole paste. Checked
//! on every fixture cut at every line, on neighbouring fixtures joined,
//! and on the whole corpus joined (in two orders) cut at many lines; and
//! the merge must actually happen (a split that always fell back to one
//! analysis would pass the equality trivially).

mod common;

use smtp_lens::split::{analyze_at, plan, plan_warm};
use smtp_lens::{analyze, Options};

/// Every line start of `text` after the first, stepping `step` lines.
fn line_starts(text: &str, step: usize) -> Vec<usize> {
    text.match_indices('\n')
        .map(|(i, _)| i + 1)
        .filter(|&i| i < text.len())
        .step_by(step.max(1))
        .collect()
}

/// Cuts `text` at each of `cuts` with `overlap`; every merge must equal
/// the whole analysis. Returns how many cuts merged.
fn check(name: &str, text: &str, cuts: &[usize], overlap: usize) -> usize {
    check_warm(name, text, cuts, overlap, smtp_lens::split::WARM)
}

/// [`check`] with part 1 starting to ingest `warm` bytes before its cut.
fn check_warm(name: &str, text: &str, cuts: &[usize], overlap: usize, warm: usize) -> usize {
    let opts = Options::default();
    let whole = analyze(text, &opts);
    let mut merged = 0;
    for &at in cuts {
        let Some(p) = plan_warm(text, at, overlap, warm) else {
            continue;
        };
        if let Some(r) = analyze_at(text, &opts, &p) {
            merged += 1;
            if r != whole {
                let line = p.cut_line;
                assert_eq!(
                    r.to_json(),
                    whole.to_json(),
                    "{name}: cut at line {line} (overlap {overlap}) differs from the whole analysis"
                );
                panic!("{name}: cut at line {line}: reports differ outside their JSON");
            }
        }
    }
    merged
}

fn corpus(fixtures: &[common::Fixture]) -> String {
    fixtures
        .iter()
        .map(|f| {
            let mut t = f.text.clone();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_fixture_cut_every_fifteen_lines_with_its_neighbours_after_it() {
    let all = common::fixtures();
    let (mut cuts_tried, mut merged) = (0, 0);
    for i in 0..all.len() {
        // The fixture, then the next three: the sessions the parts meet on.
        let run = all.get(i..(i + 4).min(all.len())).unwrap_or(&[]);
        let text = corpus(run);
        let head = all[i].text.len();
        // Every 15th line (every 5th found nothing more and took 3x as
        // long in the debug build `cargo test` runs).
        let cuts: Vec<usize> = line_starts(&text, 15)
            .into_iter()
            .filter(|&c| c <= head + 1)
            .collect();
        cuts_tried += cuts.len();
        merged += check(&all[i].name, &text, &cuts, usize::MAX / 2);
    }
    // Cuts where fewer than three sessions follow cannot merge (the last
    // fixtures); most others must.
    assert!(
        merged * 2 > cuts_tried,
        "{merged} of {cuts_tried} cuts merged"
    );
}

#[test]
fn the_corpus_joined_cut_at_many_lines() {
    let all = common::fixtures();
    let forward = corpus(&all);
    let mut reversed_fx: Vec<common::Fixture> = common::fixtures();
    reversed_fx.reverse();
    let backward = corpus(&reversed_fx);
    for (name, text) in [("corpus", &forward), ("corpus reversed", &backward)] {
        let lines = text.lines().count();
        let cuts = line_starts(text, lines / 8);
        // A small overlap too: the parts must then meet on the first
        // sessions after the cut, or not merge at all.
        let merged = check(name, text, &cuts, 64 * 1024);
        assert_eq!(
            merged,
            cuts.len(),
            "{name}: {merged} of {} cuts merged",
            cuts.len()
        );
        check(name, text, &cuts[..4], 3000);
    }
}

#[test]
fn a_large_paste_is_split_and_merged_exactly() {
    let text = corpus(&common::fixtures()).repeat(4);
    let p = plan(&text).expect("a paste over 1 MB is split");
    let opts = Options::default();
    let merged = analyze_at(&text, &opts, &p).expect("the parts meet");
    assert_eq!(merged, smtp_lens::analyze_in_one_piece(&text, &opts));
    assert_eq!(analyze(&text, &opts), merged);
    assert_eq!(smtp_lens::split::analyze(&text, &opts), merged);
}

/// Part 1 starting to ingest at its cut, or a little before, in the state
/// a paste starts in (not re-reading everything before it): wherever the
/// parts merge, the report is the whole paste's; on a paste of one tool
/// the states meet at once and every cut merges.
#[test]
fn part_one_starts_ingesting_near_its_cut() {
    let all = common::fixtures();
    let mut reversed = common::fixtures();
    reversed.reverse();
    for (name, text, warms) in [
        ("corpus", corpus(&all), &[0, 16 * 1024][..]),
        ("corpus reversed", corpus(&reversed), &[0][..]),
    ] {
        let lines = text.lines().count();
        let cuts = line_starts(&text, lines / 6);
        for &warm in warms {
            check_warm(name, &text, &cuts, 64 * 1024, warm);
        }
    }
    // One tool, many sessions: swaks, curl -v and PHPMailer's HTML form.
    for stem in ["swaks/", "curl/", "phpmailer/"] {
        let one: Vec<common::Fixture> = common::fixtures()
            .into_iter()
            .filter(|f| f.name.starts_with(stem))
            .collect();
        assert!(!one.is_empty(), "no {stem} fixture");
        let text = corpus(&one).repeat(3);
        let lines = text.lines().count();
        let cuts = line_starts(&text, lines / 8);
        let merged = check_warm(stem, &text, &cuts, usize::MAX / 2, 0);
        assert!(
            merged * 10 >= cuts.len() * 8,
            "{stem}: {merged} of {} cuts merged",
            cuts.len()
        );
    }
}

/// A plan's line numbers are those of the lines at its byte offsets:
/// `from` and `cut` start lines `from_line` and `cut_line`, and the last
/// line before `end` is `end_line`.
#[test]
fn a_plan_numbers_its_lines_as_the_paste_does() {
    let text = corpus(&common::fixtures());
    let line_of = |at: usize| text[..at].matches('\n').count() as u32 + 1;
    for at in line_starts(&text, 997) {
        for warm in [0, 5000, 1 << 20] {
            let Some(p) = plan_warm(&text, at, 20_000, warm) else {
                continue;
            };
            assert!(p.from <= p.cut && p.cut < p.end);
            assert_eq!(p.from_line, line_of(p.from), "{p:?}");
            assert_eq!(p.cut_line, line_of(p.cut), "{p:?}");
            assert_eq!(p.end_line, line_of(p.end) - 1, "{p:?}");
        }
    }
}
