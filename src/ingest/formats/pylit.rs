//! Python / Ruby string literals as debug output prints them: `'...'`,
//! `b'...'`, `"..."` with `\r`, `\n`, `\t`, `\\`, `\'`, `\"`, `\xNN`
//! escapes. The result keeps `\n` between lines and drops `\r`.

use std::borrow::Cow;

/// Unquotes a literal at the start of `s` (an optional `b` prefix, then a
/// quote). Returns `None` when `s` is not a literal.
pub fn unquote(s: &str) -> Option<Cow<'_, str>> {
    let s = s.trim();
    let s = s.strip_prefix('b').unwrap_or(s);
    let q = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let body = s.get(1..)?;
    let body = body.strip_suffix(q).unwrap_or(body);
    // The common case, `'EHLO x\r\n'`: no escape but the line end, so the
    // text is a slice of the paste (exact spans, no copy).
    let plain = body.strip_suffix("\\r\\n").unwrap_or(body);
    if !plain.contains('\\') {
        return Some(Cow::Borrowed(plain));
    }
    let mut bytes = Vec::with_capacity(body.len());
    let mut it = body.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'r') => {}
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'0') => bytes.push(0),
            Some(b'e') => bytes.push(0x1b),
            Some(b'x') => {
                let hi = it.next().and_then(|c| (c as char).to_digit(16));
                let lo = it.next().and_then(|c| (c as char).to_digit(16));
                if let (Some(h), Some(l)) = (hi, lo) {
                    bytes.push((h * 16 + l) as u8);
                }
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    // A trailing newline is the CRLF that ended the SMTP line.
    while bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    Some(Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(unquote("'ehlo x\\r\\n'").as_deref(), Some("ehlo x"));
        assert_eq!(unquote("b'250-a\\r\\n'").as_deref(), Some("250-a"));
        assert_eq!(
            unquote("b'a\\r\\nb\\r\\n.\\r\\n'").as_deref(),
            Some("a\nb\n.")
        );
        assert_eq!(unquote("\"it\\'s\"").as_deref(), Some("it's"));
        assert_eq!(unquote("x"), None);
        assert!(matches!(
            unquote("b'250 ok\\r\\n'"),
            Some(Cow::Borrowed("250 ok"))
        ));
    }
}
