//! Ingest on its own thread, feeding the session builder on the caller's
//! (native builds only: the browser's wasm has no threads). Over a big
//! paste the two stages then overlap; lines cross in bounded batches, so
//! memory stays flat whatever the paste's size.

use std::borrow::Cow;
use std::sync::mpsc;

use super::{Detection, Line, Tag};

/// Lines per batch: big enough that a send is rare, small enough to stay
/// in cache.
const BATCH: usize = 2048;
/// Batches in flight.
const IN_FLIGHT: usize = 4;

/// Calls `f` with every tagged line of `input`, in order, like
/// [`super::for_each`]. Returns false, having called `f` for none or only
/// some of the lines, when no thread could be started or it failed: the
/// caller then starts again with [`super::for_each`].
pub fn for_each(input: &str, det: &Detection, mut f: impl FnMut(&Line<'_>)) -> bool {
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Line<'_>>>(IN_FLIGHT);
        let ingest = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut batch = Vec::with_capacity(BATCH);
            super::for_each(input, det, |line| {
                batch.push(detach(line, input));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // The receiver only goes away with the scope.
                    let _ = tx.send(full);
                }
            });
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        let Ok(ingest) = ingest else {
            return false;
        };
        for batch in rx {
            for line in &batch {
                f(line);
            }
        }
        ingest.join().is_ok()
    })
}

/// The line with its text borrowed from the paste (or owned), not from the
/// cleaning buffers of the ingest loop.
fn detach<'i>(line: &Line<'_>, input: &'i str) -> Line<'i> {
    Line {
        no: line.no,
        span: line.span,
        text_span: line.text_span,
        ts: line.ts,
        tag: detach_tag(&line.tag, input),
        secrets: line.secrets.clone(),
        format: line.format,
    }
}

fn detach_tag<'i>(tag: &Tag<'_>, input: &'i str) -> Tag<'i> {
    let t = |c: &Cow<'_, str>| reborrow(c, input);
    match tag {
        Tag::Client(c) => Tag::Client(t(c)),
        Tag::Server(c) => Tag::Server(t(c)),
        Tag::ClientTls(c) => Tag::ClientTls(t(c)),
        Tag::ServerTls(c) => Tag::ServerTls(t(c)),
        Tag::Raw(c) => Tag::Raw(t(c)),
        Tag::Info(i) => Tag::Info(i.clone()),
        Tag::Noise(n) => Tag::Noise(*n),
        Tag::Logged { verb, reply } => Tag::Logged {
            verb: *verb,
            reply: t(reply),
        },
        Tag::LoggedSession { verb, text } => Tag::LoggedSession {
            verb: *verb,
            text: t(text),
        },
    }
}

/// Text inside `input` borrowed from it again; any other text owned.
fn reborrow<'i>(s: &str, input: &'i str) -> Cow<'i, str> {
    within(s, input).map_or_else(|| Cow::Owned(s.to_string()), Cow::Borrowed)
}

/// `s` as a slice of `input`, when it is one.
fn within<'i>(s: &str, input: &'i str) -> Option<&'i str> {
    let start = (s.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    let inside = input.get(start..start.checked_add(s.len())?)?;
    std::ptr::eq(inside.as_ptr(), s.as_ptr()).then_some(inside)
}

#[cfg(test)]
mod tests {
    use crate::session::builder::Builder;

    #[test]
    fn the_pipeline_builds_what_one_loop_builds() {
        // Many batches, every format, HTML and ANSI-cleaned lines among them.
        let paste = crate::testutil::every_fixture().repeat(2);
        let det = super::super::detect(&paste, None);
        let mut one = Builder::new(&paste, None);
        let mut n_one = 0;
        super::super::for_each(&paste, &det, |l| {
            n_one += 1;
            one.push(l);
        });
        let mut two = Builder::new(&paste, None);
        let mut n_two = 0;
        assert!(super::for_each(&paste, &det, |l| {
            n_two += 1;
            two.push(l);
        }));
        assert!(n_one > 4 * super::BATCH, "{n_one} lines: too few batches");
        assert_eq!(n_one, n_two);
        let (one, two) = (one.finish(), two.finish());
        assert!(one.0.len() > 100);
        assert_eq!(one, two);
    }
}
