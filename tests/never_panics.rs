//! Property tests: whatever the bytes, `analyze` returns a report, every
//! span lies inside the input on character boundaries, and every event's
//! line number exists.

mod common;

use proptest::prelude::*;
use smtp_lens::{analyze, analyze_bytes, Options, Report};

fn check(text: &str, r: &Report) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count() as u32 + text.matches('\r').count() as u32;
    for s in &r.sessions {
        for e in &s.session.events {
            prop_assert!(
                e.span.start() <= e.span.end() && e.span.end() <= text.len(),
                "span {:?} outside {} bytes",
                e.span,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(e.span.start()) && text.is_char_boundary(e.span.end())
            );
            prop_assert!(e.line >= 1 && e.line <= e.end_line && e.end_line <= lines.max(1));
        }
        for sec in &s.session.secrets {
            prop_assert!(sec.start() <= sec.end() && sec.end() <= text.len());
        }
    }
    // The JSON report always serialises.
    prop_assert!(serde_json::to_string(r).is_ok());
    Ok(())
}

/// Pieces real transcripts are made of, to build plausible nonsense.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<-  220 mx ESMTP\n".to_string()),
        Just(" -> EHLO x\n".to_string()),
        Just("250-PIPELINING\r\n".to_string()),
        Just("250 2.0.0 ok\n".to_string()),
        Just("AUTH PLAIN AGFsaWNlAHNlY3JldA==\n".to_string()),
        Just("334 VXNlcm5hbWU6\n".to_string()),
        Just("STARTTLS\n".to_string()),
        Just("DATA\n354 go\n.\n".to_string()),
        Just("send: 'ehlo x\\r\\n'\n".to_string()),
        Just("reply: b'250-a\\r\\n'\n".to_string()),
        Just("2024-01-01 10:00:00 SERVER -> CLIENT: 235 ok<br>\n".to_string()),
        Just("[2024-01-01 10:00:00] DEBUG [id] C: QUIT\n".to_string()),
        Just("-----BEGIN CERTIFICATE-----\n".to_string()),
        Just("New, TLSv1.3, Cipher is X\n".to_string()),
        Just("$ swaks --server 127.0.0.1:465 --tls-on-connect\n".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("&lt;".to_string()),
        Just("\r".to_string()),
        "[ -~]{0,40}\n",
        any::<String>(),
    ]
}

fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| common::fixtures().into_iter().map(|f| f.text).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let r = analyze_bytes(&bytes, &Options::default());
        let text = String::from_utf8_lossy(&bytes);
        check(&text, &r)?;
    }

    #[test]
    fn random_fragments(parts in proptest::collection::vec(fragment(), 0..40), port in proptest::option::of(1u16..)) {
        let text: String = parts.concat();
        let r = analyze(&text, &Options { port, format: None });
        check(&text, &r)?;
    }

    #[test]
    fn mutated_fixtures(idx in any::<prop::sample::Index>(), cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), fragment()), 1..6)) {
        let all = corpus();
        prop_assume!(!all.is_empty());
        let base = idx.get(all);
        let mut text = base.clone();
        for (a, b, insert) in cuts {
            // Delete a random range and splice a fragment in its place.
            let len = text.len().max(1);
            let (mut i, mut j) = (a.index(len), b.index(len));
            if i > j { std::mem::swap(&mut i, &mut j); }
            while i > 0 && !text.is_char_boundary(i) { i -= 1; }
            while j < text.len() && !text.is_char_boundary(j) { j += 1; }
            text.replace_range(i.min(text.len())..j.min(text.len()), &insert);
        }
        for format in [None, Some(smtp_lens::Format::Openssl), Some(smtp_lens::Format::Swaks)] {
            let r = analyze(&text, &Options { port: None, format });
            check(&text, &r)?;
        }
    }
}

#[test]
fn degenerate_inputs_get_a_clear_message() {
    for text in [
        "",
        "   \n\n",
        "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}",
        "hello world\nthis is not smtp\n",
    ] {
        let r = analyze(text, &Options::default());
        assert!(r.sessions.is_empty(), "{text:?}");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.line == 0 && !d.message.is_empty()),
            "{text:?} has no message"
        );
    }
    let long = "250-".repeat(100_000);
    let r = analyze(&long, &Options::default());
    assert_eq!(r.lines, 1);
}
