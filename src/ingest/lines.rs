//! Splitting a paste into physical lines: LF, CRLF, CR CR LF and CR-only
//! endings, with carriage returns inside a line (progress meters redrawn in
//! place) splitting it into segments.

use crate::span::Span;

/// One physical line (or one carriage-return segment of it), without its
/// terminator.
#[derive(Debug, Clone, Copy)]
pub struct PhysLine<'a> {
    /// 1-based line number in the paste.
    pub no: u32,
    pub span: Span,
    pub text: &'a str,
    /// Which special bytes the line holds ([`ESC`], [`HTML`], [`PROMPT`]):
    /// one pass over the bytes spares every later stage a search.
    pub flags: u8,
}

/// Interior carriage return.
pub const CR: u8 = 1;
/// An ANSI escape.
pub const ESC: u8 = 2;
/// `&` or `<`: maybe HTML.
pub const HTML: u8 = 4;
/// `$`, `#`, `%` or `>`: maybe a shell prompt.
pub const PROMPT: u8 = 8;
/// `%` (also a [`PROMPT`] character; rare, so its own search is skipped).
pub const PERCENT: u8 = 16;
/// `|`: maybe a pipeline on a command line.
pub const PIPE: u8 = 32;
/// `]`: maybe a syslog tag (`program[pid]: `).
pub const BRACKET: u8 = 64;
/// Flags that say nothing: every byte may be there (a line whose HTML
/// entities were decoded may hold bytes its source did not).
pub const ANY: u8 = u8::MAX;

const fn class(b: u8) -> u8 {
    match b {
        b'\r' => CR,
        0x1b => ESC,
        b'&' | b'<' => HTML,
        b'%' => PROMPT | PERCENT,
        b'$' | b'#' | b'>' => PROMPT,
        b'|' => PIPE,
        b']' => BRACKET,
        _ => 0,
    }
}

// Evaluated at compile time: an out-of-range index would not compile.
#[allow(clippy::indexing_slicing)]
const fn table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class(i as u8);
        i += 1;
    }
    t
}

static TABLE: [u8; 256] = table();

/// The [`PhysLine::flags`] of a line.
pub fn flags_of(s: &str) -> u8 {
    // Eight bytes a step, their classes or-ed together: a table load and
    // an `or` a byte instead of a loop's bookkeeping too (every byte of
    // the paste passes here).
    let class = |b: u8| TABLE.get(usize::from(b)).copied().unwrap_or(0);
    let chunks = s.as_bytes().chunks_exact(8);
    let tail = chunks.remainder().iter().fold(0u8, |f, &b| f | class(b));
    chunks.fold(tail, |f, c| c.iter().fold(f, |f, &b| f | class(b)))
}

/// Calls `f` for every line segment of `input`, in order.
pub fn for_each_line<'a>(input: &'a str, f: impl FnMut(PhysLine<'a>)) {
    for_each_line_from(input, 0, 1, f);
}

/// The byte that ends lines in `input`: LF, or CR in a paste with no LF at
/// all but CRs (old Mac, some web forms).
pub fn separator(input: &str) -> u8 {
    let bytes = input.as_bytes();
    if memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some() {
        b'\r'
    } else {
        b'\n'
    }
}

/// [`for_each_line`] from byte `at` on, which starts line number `first`
/// (`at` must start a line: the paste's start, or just after a
/// [`separator`]). Every line from there is what the whole paste's walk
/// gives.
pub fn for_each_line_from<'a>(
    input: &'a str,
    at: usize,
    first: u32,
    mut f: impl FnMut(PhysLine<'a>),
) {
    let bytes = input.as_bytes();
    let sep = separator(input);
    let mut no: u32 = first.saturating_sub(1);
    let mut start = at.min(bytes.len());
    let mut emit = |s: usize, e: usize, no: u32| {
        let line = input.get(s..e).unwrap_or("");
        let trimmed = line.trim_end_matches('\r');
        let end = s + trimmed.len();
        let flags = flags_of(trimmed);
        // Interior CRs: a terminal redraw; every piece is its own segment.
        if sep == b'\n' && flags & CR != 0 {
            let mut seg_start = s;
            for piece in trimmed.split('\r') {
                let seg_end = seg_start + piece.len();
                if !piece.is_empty() {
                    let flags = flags_of(piece);
                    f(PhysLine {
                        no,
                        span: Span::new(seg_start, seg_end),
                        text: piece,
                        flags,
                    });
                }
                seg_start = seg_end + 1;
            }
        } else {
            f(PhysLine {
                no,
                span: Span::new(s, end),
                text: trimmed,
                flags,
            });
        }
    };
    let base = start;
    for pos in memchr::memchr_iter(sep, bytes.get(base..).unwrap_or(&[])) {
        let pos = base + pos;
        no = no.saturating_add(1);
        emit(start, pos, no);
        start = pos + 1;
    }
    if start < bytes.len() {
        no = no.saturating_add(1);
        emit(start, bytes.len(), no);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(s: &str) -> Vec<(u32, &str, [usize; 2])> {
        let mut v = Vec::new();
        for_each_line(s, |l| {
            v.push((l.no, l.text, [l.span.start(), l.span.end()]))
        });
        v
    }

    /// Eight bytes a step give what one byte a step gives, whatever the
    /// length and wherever the special byte is.
    #[test]
    fn flags_of_every_byte() {
        let mut seen = 0u8;
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=127u8 {
                    let mut v = vec![b'a'; len];
                    if let Some(x) = v.get_mut(at) {
                        *x = b;
                    }
                    let s = std::str::from_utf8(&v).unwrap_or("");
                    let want = s.bytes().fold(0, |f, b| f | class(b));
                    assert_eq!(flags_of(s), want, "{len} {at} {b}");
                    seen |= want;
                }
            }
        }
        assert_eq!(seen, CR | ESC | HTML | PROMPT | PERCENT | PIPE | BRACKET);
    }

    #[test]
    fn endings() {
        assert_eq!(
            collect("a\r\nb\nc"),
            vec![(1, "a", [0, 1]), (2, "b", [3, 4]), (3, "c", [5, 6])]
        );
        assert_eq!(
            collect("a\r\r\nb"),
            vec![(1, "a", [0, 1]), (2, "b", [4, 5])]
        );
        assert_eq!(collect("a\rb\r"), vec![(1, "a", [0, 1]), (2, "b", [2, 3])]);
        assert_eq!(collect("x\ry\n"), vec![(1, "x", [0, 1]), (1, "y", [2, 3])]);
        assert_eq!(collect(""), vec![]);
        assert_eq!(collect("\n\n").len(), 2);
    }
}
