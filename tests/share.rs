//! Sharing, natively: redaction keeps the analysis and drops every
//! credential; placeholders are consistent; the share-link codec round-trips
//! and refuses malformed, tampered and oversized links without panicking.

mod common;

use proptest::prelude::*;
use smtp_lens::share::link::{is_share_fragment, redaction_flags, MAX_LINK_CHARS, PREFIX};
use smtp_lens::share::{
    decode_fragment, encode_fragment, redact, LinkError, RedactOptions, SharedState, What,
};
use smtp_lens::{analyze, Options, Report};

/// What the analysis concluded, without the wording (which names users and
/// hosts): id, severity, session and evidence lines of each finding, and
/// each session's grade.
fn conclusions(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| format!("{} {:?} s{} {:?}", f.id, f.severity, f.session, f.lines))
        .collect();
    out.extend(r.sessions.iter().map(|s| {
        format!(
            "grade {:?} port {:?} tls {:?}",
            s.verdict.grade, s.session.port, s.session.tls
        )
    }));
    out
}

/// The credentials of a paste as the engine sees them (not the tools'
/// placeholders, which hide nothing).
fn secrets(text: &str) -> Vec<String> {
    let parsed = smtp_lens::parse(text, &Options::default());
    parsed
        .sessions
        .iter()
        .flat_map(|s| s.secrets.iter())
        .filter_map(|sp| text.get(sp.range()))
        .filter(|t| {
            !smtp_lens::parse::auth::HIDDEN_MARKERS
                .iter()
                .any(|m| t.to_ascii_lowercase().contains(&m.to_ascii_lowercase()))
        })
        // A span the engine could only give as the whole (rewritten) line:
        // the payload is its longest word.
        .map(|t| {
            t.split(|c: char| c.is_whitespace() || c == '"' || c == '\\' || c == '&')
                .max_by_key(|w| w.len())
                .unwrap_or(t)
        })
        .map(str::trim)
        .filter(|t| t.len() >= 4 && !smtp_lens::parse::auth::is_hidden_marker(t))
        // A PLAIN payload around a tool's placeholder (`/* secret */`).
        .filter(|t| !smtp_lens::parse::auth::plain(t).hidden)
        // A LOGIN user line is the user name, which the report shows too:
        // it goes with the addresses option, not with the credentials.
        .filter(|t| {
            let user = smtp_lens::parse::auth::login_user(t);
            !parsed
                .sessions
                .iter()
                .flat_map(|s| s.auths.iter())
                .any(|a| a.user.is_some() && a.user == user)
        })
        .map(str::to_string)
        .collect()
}

const EVERYTHING: RedactOptions = RedactOptions {
    addresses: true,
    hosts: true,
    ips: true,
    keep_reserved: false,
};

#[test]
fn redacted_fixtures_keep_their_findings() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for fx in common::fixtures() {
        let before = conclusions(&analyze(&fx.text, &Options::default()));
        for opts in [RedactOptions::default(), EVERYTHING] {
            let red = redact(&fx.text, &opts);
            let after = conclusions(&analyze(&red.text, &Options::default()));
            if before != after {
                failures.push(format!(
                    "{} (keep_reserved {}):\n  before {before:?}\n  after  {after:?}",
                    fx.name, opts.keep_reserved
                ));
            }
            assert_eq!(
                red.text.lines().count(),
                fx.text.lines().count(),
                "{}: lines added or lost",
                fx.name
            );
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_credential_survives_redaction() {
    let mut with_secrets = 0;
    for fx in common::fixtures() {
        let secrets = secrets(&fx.text);
        if secrets.is_empty() {
            continue;
        }
        with_secrets += 1;
        for opts in [
            RedactOptions {
                addresses: false,
                hosts: false,
                ips: false,
                keep_reserved: true,
            },
            RedactOptions::default(),
        ] {
            let red = redact(&fx.text, &opts);
            assert!(red.count(What::Credential) > 0, "{}", fx.name);
            for s in &secrets {
                assert!(
                    !red.text.contains(s.as_str()),
                    "{}: credential {s:?} left in the redacted text",
                    fx.name
                );
            }
        }
    }
    assert!(
        with_secrets >= 20,
        "only {with_secrets} fixtures with credentials"
    );
}

#[test]
fn a_plain_payload_keeps_its_user_and_loses_its_password() {
    // AUTH PLAIN \0alice@acme-corp.com\0Tr0ub4dor&3 over cleartext port 25.
    let text = "$ swaks --server mx.acme-corp.com:25 --auth-user alice@acme-corp.com --auth-password 'Tr0ub4dor&3'\n\
=== Trying 10.20.30.40:25...\n\
<-  220 mx.acme-corp.com ESMTP Postfix\n\
 -> EHLO laptop-17.corp.acme-corp.com\n\
<-  250-mx.acme-corp.com\n\
<-  250 AUTH PLAIN LOGIN\n\
 -> AUTH PLAIN AGFsaWNlQGFjbWUtY29ycC5jb20AVHIwdWI0ZG9yJjM=\n\
<-  235 2.7.0 Authentication successful\n\
 -> MAIL FROM:<alice@acme-corp.com>\n\
<-  250 2.1.0 Ok\n\
 -> RCPT TO:<Bob@partner.co.uk>\n\
<-  250 2.1.5 Ok\n\
 -> QUIT\n\
<-  221 2.0.0 Bye\n";
    let red = redact(text, &RedactOptions::default());
    let t = &red.text;
    for gone in [
        "Tr0ub4dor",
        "acme-corp",
        "alice",
        "10.20.30.40",
        "partner",
        "laptop-17",
    ] {
        assert!(!t.contains(gone), "{gone} left in:\n{t}");
    }
    assert!(t.contains("--auth-password 'REDACTED'"), "{t}");
    assert!(
        t.contains("<-  220 host1.domain1.example ESMTP Postfix"),
        "{t}"
    );
    assert!(t.contains("MAIL FROM:<user1@domain1.example>"), "{t}");
    assert!(t.contains("--auth-user user1@domain1.example"), "{t}");
    assert!(t.contains("RCPT TO:<user2@domain2.example>"), "{t}");
    assert!(t.contains("Trying 192.0.2.1:25"), "{t}");
    // The same user inside the PLAIN payload, the password replaced.
    let report = analyze(t, &Options::default());
    let auth = &report.sessions[0].session.auths[0];
    assert_eq!(auth.user.as_deref(), Some("user1@domain1.example"));
    assert_eq!(auth.password_len, Some("redacted".len()));
    assert_eq!(
        conclusions(&report),
        conclusions(&analyze(text, &Options::default()))
    );
    // The preview's list: what became what, credentials never shown.
    let mapping = red.mapping();
    assert!(mapping.contains(&(
        What::Address,
        "alice@acme-corp.com",
        "user1@domain1.example"
    )));
    assert!(mapping.contains(&(What::Ip, "10.20.30.40", "192.0.2.1")));
    assert!(red
        .replacements
        .iter()
        .filter(|r| r.what == What::Credential)
        .all(|r| r.original.is_none()));
    assert_eq!(red.count(What::Credential), 2);
}

#[test]
fn options_choose_what_goes() {
    let text = "<-  220 mx.acme-corp.com ESMTP\n -> MAIL FROM:<bob@acme-corp.com>\n<-  250 ok [10.1.1.1]\n";
    let only_addresses = RedactOptions {
        addresses: true,
        hosts: false,
        ips: false,
        keep_reserved: true,
    };
    let t = redact(text, &only_addresses).text;
    assert!(
        t.contains("mx.acme-corp.com")
            && t.contains("<user1@acme-corp.com>")
            && t.contains("10.1.1.1"),
        "{t}"
    );
    let only_hosts = RedactOptions {
        addresses: false,
        hosts: true,
        ips: false,
        keep_reserved: true,
    };
    let t = redact(text, &only_hosts).text;
    assert!(
        t.contains("host1.domain1.example") && t.contains("<bob@domain1.example>"),
        "{t}"
    );
    let none = RedactOptions {
        addresses: false,
        hosts: false,
        ips: false,
        keep_reserved: true,
    };
    assert_eq!(redact(text, &none).text, text);
}

#[test]
fn login_exchange_and_url_password() {
    let text = "S: 220 smtp.acme-corp.com ESMTP\nC: EHLO me\nS: 250 AUTH LOGIN\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: Ym9i\nS: 334 UGFzc3dvcmQ6\nC: aHVudGVyMjI=\nS: 235 ok\nC: QUIT\nS: 221 bye\n# MAILER_DSN=smtp://bob:hunter22@smtp.acme-corp.com:587\n";
    let red = redact(text, &RedactOptions::default());
    let t = &red.text;
    assert!(
        !t.contains("aHVudGVyMjI=") && !t.contains("hunter22"),
        "{t}"
    );
    // `bob` is the user: mapped in the LOGIN line and in the URL alike.
    assert!(t.contains("C: dXNlcjE=\n"), "{t}"); // base64("user1")
    assert!(
        t.contains("smtp://user1:REDACTED@host1.domain1.example:587"),
        "{t}"
    );
    let r = analyze(t, &Options::default());
    assert_eq!(
        r.sessions[0].session.auths[0].user.as_deref(),
        Some("user1")
    );
}

// ----- the link codec -----------------------------------------------------

fn state(text: &str) -> SharedState {
    SharedState {
        transcript: text.to_string(),
        port: Some(587),
        view: Some("findings".into()),
        session: 0,
        lines: vec![3, 4, 12],
        finding: Some("plaintext-auth".into()),
        redacted: redaction_flags(Some(&RedactOptions::default())),
    }
}

#[test]
fn every_fixture_round_trips_through_a_link() {
    for fx in common::fixtures() {
        let red = redact(&fx.text, &RedactOptions::default());
        let s = state(&red.text);
        let frag = encode_fragment(&s).unwrap();
        assert!(frag.starts_with(PREFIX));
        assert!(frag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=.".contains(&b)));
        assert_eq!(
            decode_fragment(&format!("#{frag}")).unwrap(),
            s,
            "{}",
            fx.name
        );
        // No credential in the URL: the fragment decodes to redacted text only.
        for secret in secrets(&fx.text) {
            assert!(!s.transcript.contains(&secret), "{}", fx.name);
        }
    }
}

#[test]
fn a_typical_session_makes_a_short_link() {
    let fx = common::fixtures()
        .into_iter()
        .find(|f| f.name.contains("postfix-587-starttls-auth-plain"))
        .unwrap();
    let frag = encode_fragment(&state(&fx.text)).unwrap();
    assert!(
        frag.len() < fx.text.len(),
        "{} chars for {} bytes",
        frag.len(),
        fx.text.len()
    );
}

#[test]
fn too_large_for_a_link_says_so() {
    // Incompressible text: pseudo-random letters.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let big: String = (0..60_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect();
    let err = encode_fragment(&state(&big)).unwrap_err();
    assert!(matches!(err, LinkError::TooLong { limit, .. } if limit == MAX_LINK_CHARS));
    assert!(err.to_string().contains("Download"), "{err}");
}

#[test]
fn bad_links_give_clear_errors() {
    let good = encode_fragment(&state("220 mx ESMTP\r\nQUIT\r\n221 bye\r\n")).unwrap();
    assert_eq!(
        decode_fragment("#learn/port-587"),
        Err(LinkError::NotAShareLink)
    );
    assert!(!is_share_fragment("#learn"));
    assert!(is_share_fragment("#share=v9.abc"));
    assert!(matches!(
        decode_fragment("share=v9.AAAA"),
        Err(LinkError::UnsupportedVersion(v)) if v == "v9"
    ));
    assert_eq!(
        decode_fragment("share=v1.not base64!"),
        Err(LinkError::BadEncoding)
    );
    // Cut in half.
    let half = &good[..good.len() / 2 + 3];
    assert!(matches!(
        decode_fragment(half),
        Err(LinkError::Damaged | LinkError::BadEncoding)
    ));
    // Oversized before anything is decoded.
    let long = format!("share=v1.{}", "A".repeat(MAX_LINK_CHARS));
    assert!(matches!(
        decode_fragment(&long),
        Err(LinkError::TooLong { .. })
    ));
    // A compression bomb: 5 MB of one byte compresses to a few KB.
    let bomb = miniz_oxide_bomb();
    assert!(matches!(
        decode_fragment(&bomb),
        Err(LinkError::TooLargeDecoded { .. })
    ));
    for e in [
        LinkError::BadEncoding,
        LinkError::Damaged,
        LinkError::NotAShareLink,
    ] {
        assert!(e.to_string().ends_with('.'));
    }
}

/// A valid link whose transcript expands past the limit.
fn miniz_oxide_bomb() -> String {
    let s = SharedState {
        transcript: " ".repeat(5 * 1024 * 1024),
        ..SharedState::default()
    };
    encode_fragment(&s).unwrap()
}

#[test]
fn every_single_character_change_is_caught() {
    let good = encode_fragment(&state(
        "<-  220 mx.example.com ESMTP\n -> EHLO vm\n<-  250 AUTH PLAIN\n -> QUIT\n<-  221 Bye\n",
    ))
    .unwrap();
    let original = decode_fragment(&good).unwrap();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut caught = 0;
    let data_start = PREFIX.len();
    for i in data_start..good.len() {
        for &c in alphabet.iter().step_by(7) {
            let mut b = good.clone().into_bytes();
            if b[i] == c {
                continue;
            }
            b[i] = c;
            let tampered = String::from_utf8(b).unwrap();
            match decode_fragment(&tampered) {
                Err(_) => caught += 1,
                // Only a change that decodes to the very same state (a zlib
                // header bit no one reads) may pass.
                Ok(s) => assert_eq!(s, original, "tampered at {i} to {}", c as char),
            }
        }
    }
    assert!(caught > 0);
}

#[test]
fn unknown_fields_are_skipped_repeated_ones_refused() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let pack = |raw: &[u8]| {
        format!(
            "share=v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(raw, 6))
        )
    };
    // tag 1 "QUIT", tag 99 "xx" (a later version's field)
    let ok = decode_fragment(&pack(b"\x01\x04QUIT\x63\x02xx")).unwrap();
    assert_eq!(ok.transcript, "QUIT");
    assert!(matches!(
        decode_fragment(&pack(b"\x01\x04QUIT\x01\x04QUIT")),
        Err(LinkError::BadContent(_))
    ));
    assert!(matches!(
        decode_fragment(&pack(b"\x02\x02\x02\x4b")),
        Err(LinkError::BadContent(_))
    ));
    assert!(matches!(
        decode_fragment(&pack(b"\x01\xff\xff")),
        Err(LinkError::BadContent(_))
    ));
    assert!(matches!(
        decode_fragment(&pack(b"\x01\x02\xff\xfe")),
        Err(LinkError::BadContent(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_fragments_never_panic(s in ".{0,400}") {
        let _ = decode_fragment(&s);
        let _ = decode_fragment(&format!("share=v1.{s}"));
    }

    #[test]
    fn random_base64url_never_panics(s in "[A-Za-z0-9_-]{0,600}") {
        let _ = decode_fragment(&format!("#share=v1.{s}"));
    }

    #[test]
    fn random_fields_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..300)) {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        let f = format!("share=v1.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(&raw, 1)));
        let _ = decode_fragment(&f);
    }

    #[test]
    fn any_state_round_trips(
        transcript in ".{0,500}",
        port in proptest::option::of(1u16..),
        view in proptest::option::of("[a-z]{1,20}"),
        session in 0u32..1000,
        lines in proptest::collection::vec(1u32.., 0..20),
        finding in proptest::option::of("[a-z-]{1,40}"),
        redacted in any::<u8>(),
    ) {
        let s = SharedState { transcript, port, view, session, lines, finding, redacted };
        let f = encode_fragment(&s).unwrap();
        prop_assert_eq!(decode_fragment(&f).unwrap(), s);
    }

    #[test]
    fn redaction_never_panics_and_keeps_lines(s in "[ -~\n]{0,300}") {
        let r = redact(&s, &EVERYTHING);
        prop_assert_eq!(r.text.lines().count(), s.lines().count());
    }
}

// ----- the annotated transcript of the compact views ----------------------

#[test]
fn annotated_lines_mask_explain_and_mark() {
    use smtp_lens::report::MASK;
    use smtp_lens::share::annotate::annotate;
    let fx = common::fixtures()
        .into_iter()
        .find(|f| f.name.contains("swaks/postfix-25-cleartext-auth-plain"))
        .unwrap();
    let report = analyze(&fx.text, &Options::default());
    let lines = annotate(&fx.text, &report, 10_000);
    assert_eq!(lines.len(), fx.text.lines().count());
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l.no as usize, i + 1);
    }
    for secret in secrets(&fx.text) {
        assert!(lines.iter().all(|l| !l.text.contains(&secret)));
    }
    let auth = lines
        .iter()
        .find(|l| l.text.contains("-> AUTH PLAIN"))
        .unwrap();
    assert!(auth.text.contains(MASK), "{}", auth.text);
    assert!(auth.findings.contains(&"plaintext-auth"));
    assert_eq!(auth.severity, Some(smtp_lens::Severity::Critical));
    let ehlo = lines.iter().find(|l| l.text.contains("-> EHLO")).unwrap();
    assert!(!ehlo.note.as_ref().unwrap().title.is_empty());
    assert_eq!(ehlo.dir, Some(smtp_lens::session::Dir::Client));
    // Every finding's evidence is marked on its lines.
    for f in &report.findings {
        for no in &f.lines {
            assert!(lines[*no as usize - 1].findings.contains(&f.id));
        }
    }
    // The limit cuts whole lines.
    assert_eq!(annotate(&fx.text, &report, 5).len(), 5);
}

#[test]
fn colour_codes_are_dropped() {
    assert_eq!(
        smtp_lens::share::annotate::strip_ansi("\u{1b}[90m[x]\u{1b}[39m C: EHLO"),
        "[x] C: EHLO"
    );
}

// ----- the example documentation page -------------------------------------

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn fixture_text(name: &str) -> String {
    let p = common::fixtures_dir().join(format!("{name}.txt"));
    String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()
}

/// The example page shows real fixtures: each `<pre data-fixture>` holds
/// its fixture exactly, each iframe's share link its redacted text
/// (`UPDATE_EXAMPLES=1` rewrites the links after a codec change).
#[test]
fn the_example_docs_page_holds_real_transcripts() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/docs/index.html");
    let mut page = std::fs::read_to_string(&path).unwrap();
    let mut pres = 0;
    for chunk in page.split("<pre ").skip(1) {
        let open_end = chunk.find('>').unwrap();
        let tag = &chunk[..open_end];
        let name = tag
            .split("data-fixture=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let body = &chunk[open_end + 1..chunk.find("</pre>").unwrap()];
        let body = body
            .strip_prefix("<code class=\"language-smtp\">")
            .map(|b| b.strip_suffix("</code>").unwrap())
            .unwrap_or(body);
        assert_eq!(
            unescape(body),
            fixture_text(name).trim_matches('\n'),
            "{name}"
        );
        let report = analyze(&fixture_text(name), &Options::default());
        assert!(!report.sessions.is_empty(), "{name}");
        pres += 1;
    }
    assert!(pres >= 3, "{pres} transcripts");
    let mut frames = 0;
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    for chunk in page.clone().split("<iframe").skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap()];
        let name = tag
            .split("data-fixture=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let src = tag
            .split("src=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let (query, fragment) = src.split_once('#').unwrap();
        assert!(query.contains("?embed"), "{src}");
        let fx = fixture_text(name);
        let red = redact(&fx, &RedactOptions::default());
        if update {
            let state = SharedState {
                transcript: red.text.clone(),
                redacted: redaction_flags(Some(&RedactOptions::default())),
                ..SharedState::default()
            };
            let new_src = format!("{query}#{}", encode_fragment(&state).unwrap());
            page = page.replace(src, &new_src);
            frames += 1;
            continue;
        }
        let state = decode_fragment(fragment).unwrap();
        assert_eq!(state.transcript, red.text, "{name}");
        for s in secrets(&fx) {
            assert!(!state.transcript.contains(&s), "{name}");
        }
        frames += 1;
    }
    if update {
        std::fs::write(&path, page).unwrap();
    }
    assert!(frames >= 1);
}
