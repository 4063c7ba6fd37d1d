//! Quick throughput probe for profiling (`perf record`, callgrind):
//! `cargo run --profile cli --example throughput -- FILE [MODE] [N]`,
//! MODE: parse, analyze (two halves on two threads for a big paste),
//! parse1, analyze1 (one piece), halves (0 when the halves do not meet),
//! ingest, build (one thread)..
//! The figures in the README come from the criterion bench, not from this.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench-paste.txt".into());
    let mode = args.next().unwrap_or_else(|| "parse".into());
    let n: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let text = match std::fs::read(&path) {
        Ok(b) => smtp_lens::text_of(&b).into_owned(),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let opts = smtp_lens::Options::default();
    for _ in 0..n {
        let t = Instant::now();
        let sessions = if mode == "analyze1" {
            smtp_lens::analyze_in_one_piece(&text, &opts).sessions.len()
        } else if mode == "parse1" {
            smtp_lens::parse_in_one_piece(&text, &opts).sessions.len()
        } else if mode == "halves" {
            // Whether the two halves meet (else `parse` falls back).
            smtp_lens::split::parse_threaded(&text, &opts).map_or(0, |p| p.sessions.len())
        } else if mode == "analyze" {
            smtp_lens::analyze(&text, &opts).sessions.len()
        } else if mode == "ingest" {
            // One thread, ingest only.
            let det = smtp_lens::ingest::detect(&text, None);
            let mut n = 0usize;
            smtp_lens::ingest::for_each(&text, &det, |l| n += l.no as usize & 1);
            n
        } else if mode == "build" {
            // One thread, ingest and sessions.
            let det = smtp_lens::ingest::detect(&text, None);
            let mut b = smtp_lens::session::builder::Builder::new(&text, None);
            smtp_lens::ingest::for_each(&text, &det, |l| b.push(l));
            b.finish().0.len()
        } else {
            smtp_lens::parse(&text, &opts).sessions.len()
        };
        let s = t.elapsed().as_secs_f64();
        println!(
            "{mode}: {:.3} s, {:.1} MB/s, {sessions} sessions",
            s,
            text.len() as f64 / s / 1e6
        );
    }
}
