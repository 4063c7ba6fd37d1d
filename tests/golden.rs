//! Golden tests over every captured fixture:
//!
//! 1. the facts in its sidecar (`.about`, written by whoever captured it,
//!    from the real session) match the engine's report;
//! 2. the report equals the checked-in `<case>.expected.json`
//!    (`UPDATE_GOLDEN=1 cargo test --test golden` rewrites them);
//! 3. the same paste with its line endings converted gives the same
//!    analysis.

mod common;

use common::{fixtures, Fixture};
use smtp_lens::session::{Outcome, TlsMode};
use smtp_lens::{analyze, Options, Report};

fn tls_str(t: TlsMode) -> &'static str {
    match t {
        TlsMode::None => "none",
        TlsMode::Starttls => "starttls",
        TlsMode::Implicit => "implicit",
        TlsMode::Unknown => "unknown",
    }
}

/// The facts of a report that the sidecars state, as strings.
fn facts(r: &Report) -> Vec<(&'static str, String)> {
    // A paste can hold several tools; the sidecar names the first session's.
    let format = r
        .sessions
        .first()
        .and_then(|s| s.session.format)
        .unwrap_or(r.format);
    let mut v = vec![
        ("format", format.to_string()),
        ("sessions", r.sessions.len().to_string()),
    ];
    if let Some(s) = r.sessions.first().map(|s| &s.session) {
        v.push(("port", s.port.map_or("unknown".into(), |p| p.to_string())));
        v.push(("tls", tls_str(s.tls).into()));
        v.push(("tls_established", s.tls_established.to_string()));
        v.push((
            "tls_version",
            s.tls_version.clone().unwrap_or_else(|| "unknown".into()),
        ));
        let last = s.auths.last();
        v.push((
            "auth_user",
            last.map_or("none".into(), |a| {
                a.user.clone().unwrap_or_else(|| "unknown".into())
            }),
        ));
        v.push((
            "auth_outcome",
            last.map_or("none", |a| match a.outcome {
                Outcome::Accepted => "accepted",
                Outcome::Rejected => "rejected",
                Outcome::Unknown => "unknown",
            })
            .into(),
        ));
        v.push(("messages_accepted", s.messages_accepted.to_string()));
    }
    v
}

/// Finding ids of the first session that a registered rule could produce.
fn finding_ids(r: &Report) -> Vec<String> {
    let mut ids: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.session == 0)
        .map(|f| f.id.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn check_facts(f: &Fixture, r: &Report) -> Vec<String> {
    let mut errors = Vec::new();
    for (key, got) in facts(r) {
        if let Some(want) = f.expect(key) {
            if want != got {
                errors.push(format!("{}: {key}: expected {want}, got {got}", f.name));
            }
        }
    }
    // Findings: only ids that a registered rule can produce are checked, so
    // the corpus tightens as rules land.
    if let Some(want) = f.expect("findings") {
        let registered: Vec<&str> = smtp_lens::rules::RULES.iter().map(|r| r.id).collect();
        let mut want: Vec<String> = want
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && s != "none" && registered.contains(&s.as_str()))
            .collect();
        want.sort();
        let got = finding_ids(r);
        if want != got {
            errors.push(format!(
                "{}: findings: expected {want:?}, got {got:?}",
                f.name
            ));
        }
    }
    errors
}

#[test]
fn fixtures_match_their_sidecars() {
    let all = fixtures();
    assert!(all.len() >= 20, "the fixture corpus is missing");
    let mut errors = Vec::new();
    for f in &all {
        assert!(!f.about.is_empty(), "{} has no .about sidecar", f.name);
        errors.extend(check_facts(f, &analyze(&f.text, &Options::default())));
    }
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn fixtures_match_their_golden_reports() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut errors = Vec::new();
    for f in fixtures() {
        let json = analyze(&f.text, &Options::default()).to_json() + "\n";
        let golden = f.path.with_extension("expected.json");
        if update {
            std::fs::write(&golden, &json).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == json => {}
            Ok(_) => errors.push(format!(
                "{}: report differs from {}",
                f.name,
                golden.display()
            )),
            Err(_) => errors.push(format!(
                "{}: no {} (run UPDATE_GOLDEN=1 cargo test --test golden)",
                f.name,
                golden.display()
            )),
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Converts every line ending to `eol`.
fn with_endings(text: &str, eol: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .collect::<Vec<_>>()
        .join(eol)
}

#[test]
fn fixtures_survive_line_ending_conversion() {
    let mut errors = Vec::new();
    for f in fixtures() {
        let base = analyze(&f.text, &Options::default());
        let want = (facts(&base), finding_ids(&base));
        for eol in ["\n", "\r\n", "\r"] {
            let r = analyze(&with_endings(&f.text, eol), &Options::default());
            let got = (facts(&r), finding_ids(&r));
            if got != want {
                errors.push(format!(
                    "{} with {eol:?} endings: {:?} != {:?}",
                    f.name, got, want
                ));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn spans_stay_inside_the_input() {
    for f in fixtures() {
        let r = analyze(&f.text, &Options::default());
        for s in &r.sessions {
            for e in &s.session.events {
                assert!(
                    e.span.start() <= e.span.end() && e.span.end() <= f.text.len(),
                    "{}: span {:?} out of bounds",
                    f.name,
                    e.span
                );
                assert!(
                    f.text.is_char_boundary(e.span.start())
                        && f.text.is_char_boundary(e.span.end()),
                    "{}: span not on a char boundary",
                    f.name
                );
            }
            for sec in &s.session.secrets {
                assert!(
                    sec.end() <= f.text.len(),
                    "{}: secret span out of bounds",
                    f.name
                );
            }
        }
    }
}
