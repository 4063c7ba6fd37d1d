//! Byte spans into the pasted text.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original pasted text.
/// Stored as `u32` (pastes are far below 4 GiB; a browser tab could not hold
/// more) to keep events small: a 40 MB paste has a million of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(into = "[usize; 2]")]
pub struct Span {
    start: u32,
    end: u32,
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: narrow(start),
            end: narrow(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range, for slicing the input.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// The span of `part` inside `whole` when `part` is a sub-slice of it,
    /// else `fallback` (text that was rewritten: unescaped, de-HTML-ed).
    pub fn of(whole: &str, part: &str, fallback: Span) -> Span {
        let base = whole.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        if p >= base && p + part.len() <= base + whole.len() {
            Span::new(p - base, p - base + part.len())
        } else {
            fallback
        }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start(), s.end()]
    }
}
