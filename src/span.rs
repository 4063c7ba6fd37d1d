//! Byte spans into the pasted text.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original pasted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
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
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}
