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
    fn first_word_stops_where_asked() {
        assert_eq!(first_word("  MAIL FROM:<a@b>", &[':']), "MAIL");
        assert_eq!(first_word("SIZE 35882577", &['=']), "SIZE");
        assert_eq!(first_word("AUTH=LOGIN PLAIN", &[]), "AUTH=LOGIN");
        assert_eq!(first_word("", &[]), "");
    }
}
