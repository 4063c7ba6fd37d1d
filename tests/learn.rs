//! The Learn explainer against the engine: every scenario's transcript
//! gives exactly the findings the explainer claims, every step points at
//! real transcript lines, the eavesdropper's view turns to ciphertext
//! exactly where the engine sees TLS start, and every slug and RFC link
//! is well formed.

use std::collections::BTreeSet;

use smtp_lens::learn::markup::{self, Inline};
use smtp_lens::learn::wire::{self, Wire};
use smtp_lens::learn::{self, route, Target, SCENARIOS, SECTIONS, SITUATIONS};
use smtp_lens::session::{Channel, Dir, Kind};
use smtp_lens::{analyze, Options, Report};

fn report(s: &learn::Scenario) -> Report {
    analyze(s.transcript, &Options::default())
}

#[test]
fn there_are_the_six_scenarios_of_the_issue() {
    let ports: Vec<u16> = SCENARIOS.iter().map(|s| s.port).collect();
    assert_eq!(ports, [587, 465, 25, 25, 587, 587]);
    assert_eq!(SCENARIOS.len(), 6);
}

#[test]
fn each_scenario_yields_exactly_the_findings_it_claims() {
    for s in SCENARIOS {
        let r = report(s);
        assert_eq!(r.format, "swaks", "{}", s.slug);
        assert_eq!(r.sessions.len(), 1, "{}", s.slug);
        assert_eq!(r.sessions[0].session.port, Some(s.port), "{}", s.slug);
        let got: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
        let got_set: BTreeSet<&str> = got.iter().copied().collect();
        let claimed: BTreeSet<&str> = s.findings.iter().copied().collect();
        assert_eq!(got.len(), got_set.len(), "{}: a finding twice", s.slug);
        assert_eq!(claimed.len(), s.findings.len(), "{}: claimed twice", s.slug);
        assert_eq!(got_set, claimed, "{}", s.slug);
    }
}

#[test]
fn steps_cover_every_transcript_line_in_order() {
    for s in SCENARIOS {
        let n = s.transcript.lines().count() as u32;
        assert_eq!(report(s).lines, n, "{}", s.slug);
        let mut next = 1;
        for (i, st) in s.steps.iter().enumerate() {
            assert_eq!(
                st.lines.0,
                next,
                "{} step {}: gap or overlap",
                s.slug,
                i + 1
            );
            assert!(st.lines.0 <= st.lines.1, "{} step {}", s.slug, i + 1);
            assert!(
                !st.title.is_empty() && !st.text.is_empty(),
                "{} step {}",
                s.slug,
                i + 1
            );
            next = st.lines.1 + 1;
        }
        assert_eq!(next, n + 1, "{}: steps end before the transcript", s.slug);
    }
}

#[test]
fn each_steps_wire_matches_the_engines_channel() {
    for s in SCENARIOS {
        let r = report(s);
        let session = &r.sessions[0].session;
        for (i, st) in s.steps.iter().enumerate() {
            let here: Vec<_> = session
                .events
                .iter()
                .filter(|e| st.contains(e.line))
                .collect();
            let smtp: Vec<_> = here
                .iter()
                .filter(|e| matches!(e.dir, Dir::Client | Dir::Server))
                .collect();
            let at = format!("{} step {} ({:?})", s.slug, i + 1, st.lines);
            match st.wire {
                Wire::Plain => {
                    assert!(!smtp.is_empty(), "{at}: no SMTP");
                    assert!(smtp.iter().all(|e| e.channel == Channel::Cleartext), "{at}");
                }
                Wire::Encrypted => {
                    assert!(!smtp.is_empty(), "{at}: no SMTP");
                    assert!(smtp.iter().all(|e| e.channel == Channel::Encrypted), "{at}");
                }
                Wire::Handshake => {
                    assert!(smtp.is_empty(), "{at}");
                    assert!(
                        here.iter().any(|e| e.kind == Kind::Tls),
                        "{at}: no TLS event"
                    );
                }
                Wire::Local | Wire::Connect => assert!(smtp.is_empty(), "{at}"),
            }
        }
    }
}

#[test]
fn the_eavesdropper_sees_ciphertext_exactly_from_when_tls_starts() {
    for s in SCENARIOS {
        let r = report(s);
        let session = &r.sessions[0].session;
        // TLS starts with the handshake the client printed, or else with
        // the first encrypted command or reply.
        let tls_line = session
            .events
            .iter()
            .find(|e| e.kind == Kind::Tls)
            .or_else(|| {
                session.events.iter().find(|e| {
                    matches!(e.dir, Dir::Client | Dir::Server) && e.channel == Channel::Encrypted
                })
            })
            .map(|e| e.line);
        let tls_step = tls_line.and_then(|l| s.steps.iter().position(|st| st.contains(l)));
        assert_eq!(tls_step.is_some(), session.tls_established, "{}", s.slug);
        let mut seen_cipher = false;
        let mut cipher_from = None;
        for i in 0..s.steps.len() {
            let v = wire::view(s, session, i);
            assert_eq!(v.wire, s.steps[i].wire);
            let plain = v.records.iter().filter(|r| !r.encrypted).count();
            let cipher = v.records.iter().filter(|r| r.encrypted).count();
            assert!(
                plain == 0 || cipher == 0,
                "{} step {}: mixed",
                s.slug,
                i + 1
            );
            if cipher > 0 || v.wire == Wire::Handshake {
                if cipher_from.is_none() {
                    cipher_from = Some(i);
                }
                seen_cipher = true;
            }
            if seen_cipher {
                assert_eq!(plain, 0, "{} step {}: plaintext after TLS", s.slug, i + 1);
            }
            for rec in v.records.iter().filter(|r| r.encrypted) {
                let hex = &rec.text[0];
                assert!(hex.starts_with("17 03 03 "), "{hex}");
                assert!(!hex.contains("MAIL") && !hex.contains("AUTH"));
            }
            for rec in v.records.iter().filter(|r| !r.encrypted) {
                assert!(!rec.text.is_empty(), "{} step {}", s.slug, i + 1);
            }
        }
        assert_eq!(cipher_from, tls_step, "{}", s.slug);
    }
}

#[test]
fn credentials_are_visible_exactly_when_sent_in_cleartext() {
    for s in SCENARIOS {
        let r = report(s);
        let session = &r.sessions[0].session;
        let leaks: Vec<_> = (0..s.steps.len())
            .flat_map(|i| wire::view(s, session, i).leaks)
            .collect();
        let cleartext_auth = session.auths.iter().any(|a| !a.over_tls);
        assert_eq!(!leaks.is_empty(), cleartext_auth, "{}", s.slug);
        if cleartext_auth {
            assert!(leaks
                .iter()
                .any(|l| l.user.as_deref() == Some("alice@example.test")));
            assert!(leaks
                .iter()
                .any(|l| l.password.as_deref() == Some("S3cret-Passw0rd!")));
            let learned = wire::learned(s, session, s.steps.len() - 1);
            assert!(learned.iter().any(|f| f == "The password"), "{learned:?}");
        } else {
            let learned = wire::learned(s, session, s.steps.len() - 1);
            assert!(!learned.iter().any(|f| f == "The password"), "{learned:?}");
        }
        // The findings that prove it agree.
        let flagged = r.findings.iter().any(|f| f.id == "plaintext-auth");
        assert_eq!(flagged, cleartext_auth, "{}", s.slug);
    }
}

#[test]
fn flagged_steps_hold_the_findings_evidence() {
    for s in SCENARIOS {
        let r = report(s);
        let mut flagged = BTreeSet::new();
        for (i, st) in s.steps.iter().enumerate() {
            for id in st.flags {
                let f = r
                    .findings
                    .iter()
                    .find(|f| f.id == *id)
                    .unwrap_or_else(|| panic!("{} step {}: {id} not found", s.slug, i + 1));
                assert!(
                    f.lines.iter().any(|l| st.contains(*l)),
                    "{} step {}: {id} evidence {:?} not in {:?}",
                    s.slug,
                    i + 1,
                    f.lines,
                    st.lines
                );
                flagged.insert(*id);
            }
        }
        let all: BTreeSet<&str> = s.findings.iter().copied().collect();
        assert_eq!(flagged, all, "{}: a finding no step points at", s.slug);
    }
}

#[test]
fn slugs_are_unique_and_every_one_routes_to_itself() {
    let slugs = learn::all_slugs();
    let set: BTreeSet<&str> = slugs.iter().copied().collect();
    assert_eq!(set.len(), slugs.len(), "duplicate slug");
    for slug in &slugs {
        assert!(
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !slug.starts_with('-')
                && !slug.ends_with('-'),
            "{slug}"
        );
        let t = learn::resolve(&format!("/{slug}"));
        assert_eq!(t.slug(), Some(*slug));
    }
    assert_eq!(learn::resolve(""), Target::Top);
    assert_eq!(learn::resolve("/"), Target::Top);
    assert_eq!(learn::resolve("/no-such-thing"), Target::Top);
    let s = &SCENARIOS[4];
    assert_eq!(
        learn::resolve(&format!("/{}/3", s.slug)),
        Target::Scenario {
            scenario: s,
            step: 2
        }
    );
    assert_eq!(route::scenario_route(s, 2), format!("/{}/3", s.slug));
    // Out of range steps start at the beginning.
    assert_eq!(
        learn::resolve(&format!("/{}/99", s.slug)),
        Target::Scenario {
            scenario: s,
            step: 0
        }
    );
}

#[test]
fn markup_is_clean_and_internal_links_resolve() {
    let slugs: BTreeSet<&str> = learn::all_slugs().into_iter().collect();
    let mut links = 0;
    for text in learn::all_markup() {
        assert!(
            markup::leftovers(text).is_empty(),
            "malformed markup in: {text}"
        );
        for piece in markup::parse(text) {
            if let Inline::Link { slug, .. } = piece {
                assert!(slugs.contains(slug), "link to unknown #{slug} in: {text}");
                links += 1;
            }
        }
    }
    assert!(links > 10);
}

#[test]
fn every_rfc_link_is_well_formed() {
    let mut refs = 0;
    let mut rfcs = BTreeSet::new();
    for text in learn::all_markup() {
        for piece in markup::parse(text) {
            if let Inline::Rfc(r) = piece {
                refs += 1;
                rfcs.insert(r.number);
                let url = r.url();
                let base = format!("https://www.rfc-editor.org/rfc/rfc{}.html", r.number);
                let frag = url.strip_prefix(&base).unwrap_or_else(|| panic!("{url}"));
                let ok = frag.is_empty()
                    || frag.strip_prefix("#section-").is_some_and(|s| {
                        s.split('.')
                            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    })
                    || frag
                        .strip_prefix("#appendix-")
                        .is_some_and(|s| s.len() == 1 && s.bytes().all(|b| b.is_ascii_uppercase()));
                assert!(ok, "{url}");
                assert!(!r.label().is_empty());
            }
        }
    }
    assert!(refs > 40, "{refs}");
    // The RFCs the issue names are all cited.
    for n in [5321, 6409, 3207, 4954, 8314, 4616, 7628] {
        assert!(rfcs.contains(&n), "RFC {n} is never cited");
    }
}

#[test]
fn sections_cover_the_topics_of_the_issue() {
    let slugs = learn::all_slugs();
    for want in [
        "roles",
        "port-25",
        "port-587",
        "port-465",
        "starttls",
        "starttls-stripping",
        "starttls-injection",
        "starttls-opportunistic",
        "starttls-re-ehlo",
        "starttls-client-duties",
        "auth",
        "auth-mechanisms",
        "auth-base64",
        "auth-providers",
        "settings",
        "scenarios",
    ] {
        assert!(slugs.contains(&want), "{want}");
    }
    let text = learn::all_markup().join("\n");
    for word in [
        "PLAIN",
        "LOGIN",
        "XOAUTH2",
        "OAUTHBEARER",
        "CRAM-MD5",
        "CVE-2011-0411",
        "app password",
        "Microsoft 365",
        "Gmail",
    ] {
        assert!(text.contains(word), "{word}");
    }
    assert_eq!(SECTIONS.first().map(|s| s.slug), Some("in-short"));
}

#[test]
fn the_settings_helper_gives_a_submission_port_and_tls_for_each_situation() {
    use smtp_lens::learn::advisor::TlsSetting;
    assert_eq!(SITUATIONS.len(), 4);
    for s in SITUATIONS {
        let a = &s.advice;
        assert!(matches!(a.port, 465 | 587), "{}", s.slug);
        assert_eq!(a.port == 465, a.tls == TlsSetting::Implicit, "{}", s.slug);
        if let Some((port, tls)) = a.fallback {
            assert_ne!(port, a.port);
            assert_eq!(port == 465, tls == TlsSetting::Implicit);
        }
        assert!(!a.auth.is_empty() && !a.reason.is_empty());
    }
}
