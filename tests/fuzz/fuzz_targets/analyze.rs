//! `cargo fuzz run --fuzz-dir tests/fuzz analyze`: any bytes, any port,
//! any forced format — a report, spans inside the input, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_lens::{analyze, Format, Options};

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(2));
    let port = head.first().map(|b| u16::from(*b) * 7);
    let format = head.get(1).and_then(|b| Format::all().nth(usize::from(*b) % 20));
    let text = String::from_utf8_lossy(body);
    let r = analyze(&text, &Options { port, format });
    for s in &r.sessions {
        for e in &s.session.events {
            assert!(e.span.start() <= e.span.end() && e.span.end() <= text.len());
        }
    }
});
