//! Decoration that any format may carry: ANSI colours, HTML left over from a
//! rendered page (`<br>`, entities), forum quoting, leading timestamps and
//! syslog prefixes, trailing blanks.

use std::borrow::Cow;

/// Removes ANSI escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL`,
/// and two-byte escapes). Borrowed when there are none.
pub fn strip_ansi(s: &str) -> Cow<'_, str> {
    if memchr::memchr(0x1b, s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// True when the sample looks like it was copied from HTML source or a
/// rendered page that kept its markup.
pub fn looks_like_html(sample: &str) -> bool {
    // One pass over the sample's `<` and `&` (not one search a marker:
    // on a short paste those cost as much as reading it).
    const MARKS: [&[u8]; 8] = [
        b"<br>", b"<br />", b"<br/>", b"<BR>", b"&lt;", b"&gt;", b"&quot;", b"&#",
    ];
    let b = sample.as_bytes();
    memchr::memchr2_iter(b'<', b'&', b).any(|i| {
        b.get(i..)
            .is_some_and(|t| MARKS.iter().any(|m| t.starts_with(m)))
    })
}

/// Splits a line on `<br>` variants (HTML debug output run together).
pub fn split_br(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let cur = rest?;
        match find_br(cur) {
            Some((at, len)) => {
                rest = cur.get(at + len..);
                cur.get(..at)
            }
            None => {
                rest = None;
                Some(cur)
            }
        }
    })
}

fn find_br(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|t| memchr::memchr(b'<', t)) {
        let at = i + off;
        let t = b.get(at..).unwrap_or(&[]);
        if t.len() >= 3 && t.get(1..3).is_some_and(|x| x.eq_ignore_ascii_case(b"br")) {
            // <br>, <br/>, <br />
            let mut j = 3;
            while t.get(j) == Some(&b' ') {
                j += 1;
            }
            if t.get(j) == Some(&b'/') {
                j += 1;
            }
            if t.get(j) == Some(&b'>') {
                return Some((at, j + 1));
            }
        }
        i = at + 1;
    }
    None
}

/// Decodes the few HTML entities a pasted log carries.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let (rep, len) = entity(tail);
        match rep {
            Some(c) => out.push(c),
            None => out.push('&'),
        }
        rest = tail.get(len.max(1)..).unwrap_or("");
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(t: &str) -> (Option<char>, usize) {
    const NAMED: &[(&str, char)] = &[
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&amp;", '&'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&nbsp;", ' '),
    ];
    for (name, c) in NAMED {
        if t.starts_with(name) {
            return (Some(*c), name.len());
        }
    }
    if let Some(num) = t.strip_prefix("&#") {
        let end = num.find(';').unwrap_or(0);
        if end > 0 && end <= 8 {
            let digits = num.get(..end).unwrap_or("");
            let code = if let Some(hex) = digits.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                digits.parse().ok()
            };
            if let Some(c) = code.and_then(char::from_u32) {
                return (Some(c), end + 3);
            }
        }
    }
    (None, 1)
}

/// Trims trailing spaces, tabs and non-breaking spaces (pasted from a page).
pub fn trim_end_blanks(s: &str) -> &str {
    let mut b = s.as_bytes();
    loop {
        match b {
            [rest @ .., b' ' | b'\t'] => b = rest,
            [rest @ .., 0xc2, 0xa0] => b = rest,
            _ => break,
        }
    }
    s.get(..b.len()).unwrap_or(s)
}

/// `s.trim_start()`, with ASCII blanks skipped a byte at a time (lines of
/// indented tool output start with dozens; `str::trim_start` decodes each
/// as a char and asks whether it is Unicode whitespace).
pub fn trim_start(s: &str) -> &str {
    let ascii = s
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .count();
    let rest = s.get(ascii..).unwrap_or(s);
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// One level of forum quoting: `> ` or `>`.
pub fn strip_quote(s: &str) -> &str {
    match s.strip_prefix('>') {
        Some(r) => r.strip_prefix(' ').unwrap_or(r),
        None => s,
    }
}

fn digits(s: &[u8], n: usize) -> bool {
    s.len() >= n && s.iter().take(n).all(u8::is_ascii_digit)
}

/// `HH:MM:SS` with optional `.fraction` or `,fraction`; returns its length.
fn clock(b: &[u8]) -> Option<usize> {
    if !(digits(b, 2)
        && b.get(2) == Some(&b':')
        && digits(b.get(3..)?, 2)
        && b.get(5) == Some(&b':')
        && digits(b.get(6..)?, 2))
    {
        return None;
    }
    let mut i = 8;
    if matches!(b.get(i), Some(b'.') | Some(b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    Some(i)
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`.
fn date(b: &[u8]) -> bool {
    digits(b, 4)
        && matches!(b.get(4), Some(b'-') | Some(b'/'))
        && b.get(5..).is_some_and(|t| digits(t, 2))
        && b.get(7) == b.get(4)
        && b.get(8..).is_some_and(|t| digits(t, 2))
}

/// Zone suffix after a clock: `Z`, `+01:00`, `+0100`, ` UTC`.
fn zone(b: &[u8]) -> usize {
    match b.first() {
        Some(b'Z') => 1,
        Some(b'+') | Some(b'-') if digits(b.get(1..).unwrap_or(&[]), 2) => {
            let mut i = 3;
            if b.get(i) == Some(&b':') {
                i += 1;
            }
            if digits(b.get(i..).unwrap_or(&[]), 2) {
                i += 2;
            }
            i
        }
        _ => 0,
    }
}

/// A timestamp body (no brackets): ISO date-time, date + time, bare clock, or
/// syslog `Mon DD HH:MM:SS`. Returns its length.
fn timestamp_body(b: &[u8]) -> Option<usize> {
    if date(b) {
        let mut i = 10;
        if matches!(b.get(i), Some(b'T') | Some(b' ')) {
            if let Some(c) = clock(b.get(i + 1..)?) {
                i += 1 + c;
                i += zone(b.get(i..).unwrap_or(&[]));
                return Some(i);
            }
        }
        return None;
    }
    if let Some(c) = clock(b) {
        return Some(c);
    }
    // Syslog: "Nov 28 15:00:00" (day may be space padded).
    let mon = b.get(..3)?;
    if mon.iter().all(u8::is_ascii_alphabetic) && b.get(3) == Some(&b' ') {
        let mut i = 4;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        let d0 = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) && i - d0 < 2 {
            i += 1;
        }
        if i > d0 && b.get(i) == Some(&b' ') {
            if let Some(c) = clock(b.get(i + 1..)?) {
                return Some(i + 1 + c);
            }
        }
    }
    None
}

/// Splits a leading timestamp (bare or in `[...]`) off a line. Returns the
/// timestamp text and the rest, with the separating blanks removed.
pub fn split_timestamp(s: &str) -> (Option<&str>, &str) {
    let b = s.as_bytes();
    // Every timestamp starts with a digit, a month's letter or `[`: most
    // tool lines (`-> `, `<- `, `* `, indentation) are refused here.
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'[')
    {
        return (None, s);
    }
    let len = if b.first() == Some(&b'[') {
        match timestamp_body(b.get(1..).unwrap_or(&[])) {
            // Accept anything up to the closing bracket (e.g. a timezone).
            Some(n) => match b.get(1 + n..).and_then(|t| memchr::memchr(b']', t)) {
                Some(close) if close < 16 => 1 + n + close + 1,
                _ => return (None, s),
            },
            None => return (None, s),
        }
    } else {
        match timestamp_body(b) {
            Some(n) => n,
            None => return (None, s),
        }
    };
    // A timestamp must be followed by a separator (or end the line).
    match b.get(len) {
        None => (s.get(..len), ""),
        Some(b' ') | Some(b'\t') | Some(b':') => {
            let rest = s.get(len..).unwrap_or("");
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            (s.get(..len), rest.trim_start_matches([' ', '\t']))
        }
        _ => (None, s),
    }
}

/// A syslog tag `host program[pid]: ` or `program[pid]: ` after a timestamp.
/// Returns the program name (without pid) and the rest.
pub fn split_syslog_tag(s: &str) -> Option<(&str, &str)> {
    // In bytes: every line with a timestamp is asked, and the tag is
    // ASCII (`str::rfind` / `split(' ')` decode and search by char).
    let b = s.as_bytes();
    // `]: `, found by its `]` (no substring searcher to build per line);
    // the tag is at most 80 bytes, so its `]` is within the first 81.
    let head = b.get(..b.len().min(83))?;
    let colon = memchr::memchr_iter(b']', head).find(|&i| head.get(i + 1..i + 3) == Some(b": "))?;
    if colon > 80 {
        return None;
    }
    // The rest are short: a byte loop costs less than a `memchr` call.
    let tag = b.get(..colon)?;
    let open = tag.iter().rposition(|&c| c == b'[')?;
    let pid = tag.get(open + 1..)?;
    if pid.is_empty() || !pid.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let before = tag.get(..open)?;
    // `host program` or `program`: at most one space.
    let prog_start = match before.iter().rposition(|&c| c == b' ') {
        None => 0,
        Some(sp) if before.get(..sp)?.contains(&b' ') => return None,
        Some(sp) => sp + 1,
    };
    if prog_start == open {
        return None;
    }
    Some((s.get(prog_start..open)?, s.get(colon + 3..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi() {
        assert_eq!(strip_ansi("\u{1b}[32m<- 250 ok\u{1b}[0m"), "<- 250 ok");
        assert!(matches!(strip_ansi("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            split_timestamp("2024-01-01 12:00:00 SERVER -> CLIENT: 220"),
            (Some("2024-01-01 12:00:00"), "SERVER -> CLIENT: 220")
        );
        assert_eq!(
            split_timestamp("[2024-01-01 12:00:00] DEBUG x"),
            (Some("[2024-01-01 12:00:00]"), "DEBUG x")
        );
        assert_eq!(
            split_timestamp("[2024-01-01T12:00:00.123456+00:00] > EHLO"),
            (Some("[2024-01-01T12:00:00.123456+00:00]"), "> EHLO")
        );
        assert_eq!(
            split_timestamp("15:01:02.123456 send: 'x'"),
            (Some("15:01:02.123456"), "send: 'x'")
        );
        assert_eq!(
            split_timestamp("Nov  8 15:00:00 host postfix/smtpd[1]: x").1,
            "host postfix/smtpd[1]: x"
        );
        assert_eq!(split_timestamp("2024-11-28T15:00:00.123Z x").1, "x");
        assert_eq!(split_timestamp("250 2.0.0 ok"), (None, "250 2.0.0 ok"));
        assert_eq!(split_timestamp("12:00:00x"), (None, "12:00:00x"));
    }

    #[test]
    fn syslog_tag() {
        assert_eq!(
            split_syslog_tag("host postfix/smtpd[12]: connect from x"),
            Some(("postfix/smtpd", "connect from x"))
        );
        assert_eq!(split_syslog_tag("250 ok [1]: x"), None);
    }

    /// The former `split_syslog_tag` (by char), the reference for the one
    /// in bytes.
    fn syslog_tag_by_char(s: &str) -> Option<(&str, &str)> {
        let head = s.as_bytes().get(..s.len().min(96))?;
        let colon =
            memchr::memchr_iter(b']', head).find(|&i| head.get(i + 1..i + 3) == Some(b": "))?;
        let head = s.get(..colon)?;
        if head.len() > 80 {
            return None;
        }
        let open = head.rfind('[')?;
        let pid = head.get(open + 1..)?;
        if pid.is_empty() || !pid.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let before = head.get(..open)?;
        let prog = before.rsplit(' ').next()?;
        if prog.is_empty() || before.split(' ').count() > 2 {
            return None;
        }
        Some((prog, s.get(colon + 3..)?))
    }

    #[test]
    fn syslog_tag_in_bytes_reads_as_by_char() {
        let long = format!("{}[1]: x", "p".repeat(79));
        let longer = format!("{}[1]: x", "p".repeat(81));
        let mut cases = vec![
            "host postfix/smtpd[12]: connect from x",
            "postfix/smtpd[12]: x",
            "[12]: x",
            " prog[12]: x",
            "a b prog[12]: x",
            "host prog[]: x",
            "host prog[1a]: x",
            "host prog[1]:x",
            "host prog[1]]: x",
            "h\u{e9}te prog[7]: x",
            "host [a] prog[3]: x",
            "x]: y",
            "",
            &long,
            &longer,
        ];
        let corpus = crate::testutil::every_fixture();
        cases.extend(corpus.lines());
        for c in cases {
            for cut in [c, c.get(16..).unwrap_or("")] {
                assert_eq!(split_syslog_tag(cut), syslog_tag_by_char(cut), "{cut:?}");
            }
        }
    }

    #[test]
    fn trims_the_start_as_std_does() {
        for s in [
            "",
            "   x",
            "\t\t  EHLO",
            "\u{a0} x",
            " \u{2003}\u{3000}y ",
            "\x0b\x0c\r\n z",
            "\u{e9}t\u{e9}",
            "    ",
            " \u{85}n",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
        }
    }

    #[test]
    fn html_is_told_by_its_markers() {
        let has = |s: &str| {
            [
                "<br>", "<br />", "<br/>", "<BR>", "&lt;", "&gt;", "&quot;", "&#",
            ]
            .iter()
            .any(|m| s.contains(m))
        };
        for s in [
            "",
            "250 ok",
            "a<br>b",
            "x <br / >",
            "<br/",
            "<BR/>",
            "MAIL FROM:&lt;a@b&gt;",
            "&amp;",
            "&#39;",
            "&",
            "<",
            "<<br />",
            "&&quot;",
        ] {
            assert_eq!(looks_like_html(s), has(s), "{s:?}");
        }
    }

    #[test]
    fn html() {
        assert_eq!(decode_entities("MAIL FROM:&lt;a@b&gt;"), "MAIL FROM:<a@b>");
        assert_eq!(decode_entities("a &amp; b &#39;c&#x27;"), "a & b 'c'");
        assert_eq!(
            split_br("a<br>b<br />c<BR/>").collect::<Vec<_>>(),
            vec!["a", "b", "c", ""]
        );
    }
}
