//! Engine throughput (criterion): ingest + parse + session (+ rules and the
//! report) over pastes built from the real fixtures, at three sizes so the
//! scaling shows. `cargo bench --bench engine`; figures go in the README.
//!
//! With `SMTP_LENS_BENCH_PASTE=FILE` the 40 MB paste is also written there,
//! for the CLI measurement in `.ci/bench.sh`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use smtp_lens::{analyze, Options};

/// Every fixture, concatenated (each one a session or more), repeated up to
/// `size` bytes.
pub fn paste(size: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut corpus = String::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            if let Ok(t) = std::fs::read_to_string(&f) {
                corpus.push_str(&t);
                corpus.push('\n');
            }
        }
    }
    assert!(!corpus.is_empty(), "no fixtures");
    let mut out = String::with_capacity(size + corpus.len());
    while out.len() < size {
        out.push_str(&corpus);
    }
    out
}

fn engine(c: &mut Criterion) {
    let big = paste(40 << 20);
    if let Ok(path) = std::env::var("SMTP_LENS_BENCH_PASTE") {
        std::fs::write(&path, &big).expect("write the benchmark paste");
    }
    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    for mb in [4usize, 40] {
        let text = paste(mb << 20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("parse", format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| smtp_lens::parse(t, &Options::default())),
        );
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| analyze(t, &Options::default())),
        );
    }
    // A typical paste: one real session of about 5 KB.
    let typical = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/swaks/postfix-587-starttls-auth-plain.txt"),
    )
    .unwrap_or_default();
    g.sample_size(50);
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical-session", |b| {
        b.iter(|| analyze(&typical, &Options::default()))
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
