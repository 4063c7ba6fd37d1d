//! Substring search for the per-line hot paths.
//!
//! `str::contains(&str)` builds a Two-Way searcher on every call; over a
//! paste of a million lines, each offered to several formats, building
//! searchers took about a third of the ingest time (profiled), and the
//! one-shot `memchr::memmem::find` (Rabin-Karp on short haystacks) was not
//! much cheaper. Lines are short and needles are literals: look for the
//! needle's rarest byte with `memchr` (SIMD) and compare around each hit.

/// How common a byte is in a log line: lower is rarer.
fn commonness(b: u8) -> u8 {
    match b {
        b' ' => 4,
        b'a'..=b'z' => 3,
        b'A'..=b'Z' | b'0'..=b'9' => 2,
        _ => 1,
    }
}

/// The byte offset of the first `needle` in `haystack`.
#[inline]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    // The rarest byte of the needle, and where it sits in it.
    let (k, &rare) = n.iter().enumerate().min_by_key(|(_, &b)| commonness(b))?;
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
}
