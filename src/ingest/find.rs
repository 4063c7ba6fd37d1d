//! Substring search for the per-line hot paths.
//!
//! `str::contains(&str)` builds a Two-Way searcher on every call; over a
//! paste of a million lines, each offered to several formats, building
//! searchers took about a third of the ingest time (profiled), and the
//! one-shot `memchr::memmem::find` (Rabin-Karp on short haystacks) was not
//! much cheaper. Lines are short and needles are literals: look for the
//! needle's rarest byte with `memchr` (SIMD) and compare around each hit.

/// How common each byte is in a log line: lower is rarer. Letters follow
/// their frequency in English text (what replies and tool chatter are
/// written in); punctuation other than `. , - : / =` is rare.
static COMMONNESS: [u8; 256] = commonness_table();

// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const fn commonness_table() -> [u8; 256] {
    // a  b  c  d  e   f  g  h  i   j  k  l   m  n   o   p  q  r   s   t   u  v  w  x  y  z
    const LOWER: [u8; 26] = [
        12, 3, 7, 9, 15, 5, 4, 8, 13, 1, 2, 10, 6, 13, 14, 4, 0, 11, 12, 14, 7, 3, 4, 1, 4, 0,
    ];
    let mut t = [2u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'a' as usize + i] = LOWER[i] + 4;
        t[b'A' as usize + i] = LOWER[i] / 2 + 3;
        i += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = 10;
        d += 1;
    }
    t[b' ' as usize] = 20;
    t[b'.' as usize] = 8;
    t[b',' as usize] = 8;
    t[b'-' as usize] = 8;
    t[b':' as usize] = 8;
    t[b'/' as usize] = 8;
    t[b'=' as usize] = 8;
    t
}

/// The byte offset of the first `needle` in `haystack`.
#[inline]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    // The rarest of the needle's first bytes, and where it sits in it
    // (looking further costs more than it saves on short lines).
    let (k, &rare) = n
        .iter()
        .take(12)
        .enumerate()
        .min_by_key(|(_, &b)| COMMONNESS.get(usize::from(b)).copied().unwrap_or(0))?;
    memchr::memchr_iter(rare, h.get(k..)?).find(|&i| h.get(i..).is_some_and(|r| r.starts_with(n)))
}

/// True when `needle` occurs in `haystack`.
#[inline]
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `str::split_once` with a string delimiter.
#[inline]
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let i = find(haystack, needle)?;
    Some((haystack.get(..i)?, haystack.get(i + needle.len()..)?))
}

/// True when `needle` occurs in `haystack`, ASCII case ignored. An empty
/// needle is found everywhere.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let rest = n.get(1..).unwrap_or(&[]);
    memchr::memchr2_iter(lo, up, h).any(|i| {
        h.get(i + 1..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_like_std() {
        let h = "2026 1xXLIu <= alice H=(vm) alice";
        for n in [
            "<=",
            " H=",
            "x",
            "alice",
            "alice H=(vm)",
            "nope",
            "e",
            "2026 1",
        ] {
            assert_eq!(find(h, n), h.find(n), "{n}");
            assert_eq!(split_once(h, n), h.split_once(n), "{n}");
        }
        let long = "a".repeat(100) + "needle";
        assert_eq!(find(&long, "needle"), Some(100));
        assert_eq!(find("ab", "abc"), None);
        // An empty needle is never looked for.
        assert_eq!(find(h, ""), None);
    }

    #[test]
    fn finds_ignoring_case_like_lowercasing_both() {
        let h = "535 5.7.8 Username and Password not accepted. Learn more";
        for n in [
            "username",
            "PASSWORD NOT",
            "5.7.8",
            "learn more",
            "more!",
            "x",
            "",
            "535 5",
        ] {
            let want = h.to_ascii_lowercase().contains(&n.to_ascii_lowercase());
            assert_eq!(contains_ci(h, n), want, "{n}");
        }
        assert!(!contains_ci("ab", "abc"));
    }
}
