//! Small, allocation-free text helpers shared by the catalog look-ups.

use core::cmp::Ordering;

/// Compares a stored upper-case key with a query, ignoring ASCII case in the query.
/// Keys are stored upper-case, so tables sorted by plain byte order can be
/// binary-searched with this.
pub(crate) fn cmp_key_ci(key: &str, query: &str) -> Ordering {
    key.bytes()
        .cmp(query.bytes().map(|b| b.to_ascii_uppercase()))
}

/// Binary-searches a table of `(UPPER-CASE KEY, value)` sorted by key bytes.
pub(crate) fn find_ci<'a, T>(table: &'a [(&'static str, T)], query: &str) -> Option<&'a T> {
    table
        .binary_search_by(|(key, _)| cmp_key_ci(key, query))
        .ok()
        .and_then(|i| table.get(i))
        .map(|(_, value)| value)
}

/// True when `needle` occurs in `haystack`, ignoring ASCII case.
/// An empty needle is found everywhere.
pub(crate) fn contains_ci(haystack: &str, needle: &str) -> bool {
    crate::ingest::find::contains_ci(haystack, needle)
}

/// True when the enhanced status code `code` (e.g. "5.7.8") appears in `text`
/// as a whole token: not preceded or followed by a digit or a dot, so "5.7.8"
/// is not found inside "5.7.80" or "15.7.8".
pub(crate) fn contains_code_token(text: &str, code: &str) -> bool {
    let hay = text.as_bytes();
    let needle = code.as_bytes();
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    let is_part = |b: Option<&u8>| matches!(b, Some(c) if c.is_ascii_digit() || *c == b'.');
    memchr::memmem::find_iter(hay, needle).any(|start| {
        !is_part(start.checked_sub(1).and_then(|i| hay.get(i)))
            && !is_part(hay.get(start + needle.len()))
    })
}

/// The first word of `s`: leading whitespace skipped, ends at whitespace or any of `stops`.
pub(crate) fn first_word<'a>(s: &'a str, stops: &[char]) -> &'a str {
    let s = s.trim_start();
    let end = s
        .find(|c: char| c.is_whitespace() || stops.contains(&c))
        .unwrap_or(s.len());
    s.get(..end).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_ignoring_query_case() {
        assert_eq!(cmp_key_ci("EHLO", "ehlo"), Ordering::Equal);
        assert_eq!(cmp_key_ci("EHLO", "eHlO"), Ordering::Equal);
        assert_eq!(cmp_key_ci("DATA", "ehlo"), Ordering::Less);
        assert_eq!(cmp_key_ci("AUTH", "auth="), Ordering::Less);
    }

    #[test]
    fn finds_substrings_ignoring_case() {
        assert!(contains_ci(
            "535 5.7.8 https://support.google.com/mail/?p=BadCredentials",
            "badcredentials"
        ));
        assert!(!contains_ci("short", "much longer needle"));
        assert!(contains_ci("anything", ""));
    }

    #[test]
    fn code_tokens_respect_boundaries() {
        assert!(contains_code_token(
            "535 5.7.8 Username and Password",
            "5.7.8"
        ));
        assert!(contains_code_token("535-5.7.8 x", "5.7.8"));
        assert!(!contains_code_token("535 5.7.80 x", "5.7.8"));
        assert!(!contains_code_token("535 15.7.8 x", "5.7.8"));
        assert!(contains_code_token("5.7.8", "5.7.8"));
    }

    #[test]
    fn first_word_stops_where_asked() {
        assert_eq!(first_word("  MAIL FROM:<a@b>", &[':']), "MAIL");
        assert_eq!(first_word("SIZE 35882577", &['=']), "SIZE");
        assert_eq!(first_word("AUTH=LOGIN PLAIN", &[]), "AUTH=LOGIN");
        assert_eq!(first_word("", &[]), "");
    }
}
