//! The small inline markup the explainer is written in, read into pieces
//! the page renders as text (never as HTML).
//!
//! - `` `code` `` — a command, reply or setting;
//! - `**strong**`;
//! - `[RFC 8314 §3.3]` — a reference, linked to the section on rfc-editor.org;
//! - `[words](#slug)` — a link to another part of the explainer.
//!
//! Malformed markup is kept as plain text: reading never fails.

use super::rfc::RfcRef;

/// One piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(&'a str),
    Code(&'a str),
    Strong(&'a str),
    Rfc(RfcRef<'a>),
    /// A link inside the explainer: the text and the target slug.
    Link {
        text: &'a str,
        slug: &'a str,
    },
}

fn flush<'a>(out: &mut Vec<Inline<'a>>, start: &'a str, len: usize) {
    if len > 0 {
        if let Some(t) = start.get(..len) {
            out.push(Inline::Text(t));
        }
    }
}

/// Reads one paragraph.
pub fn parse(src: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut rest = src;
    let mut text_start = src;
    let mut text_len = 0usize;
    while let Some(c) = rest.chars().next() {
        let found = match c {
            '`' => rest.get(1..).and_then(|r| {
                r.find('`')
                    .map(|end| (Inline::Code(r.get(..end).unwrap_or("")), end + 2))
            }),
            '*' if rest.starts_with("**") => rest.get(2..).and_then(|r| {
                r.find("**")
                    .map(|end| (Inline::Strong(r.get(..end).unwrap_or("")), end + 4))
            }),
            '[' => rest.get(1..).and_then(|r| {
                let end = r.find(']')?;
                let inner = r.get(..end)?;
                let after = r.get(end + 1..)?;
                if let Some(link) = after.strip_prefix("(#") {
                    let close = link.find(')')?;
                    let slug = link.get(..close)?;
                    Some((
                        Inline::Link { text: inner, slug },
                        1 + end + 1 + 2 + close + 1,
                    ))
                } else {
                    RfcRef::parse(inner).map(|r| (Inline::Rfc(r), end + 2))
                }
            }),
            _ => None,
        };
        match found {
            Some((piece, used)) if used <= rest.len() => {
                flush(&mut out, text_start, text_len);
                out.push(piece);
                rest = rest.get(used..).unwrap_or("");
                text_start = rest;
                text_len = 0;
            }
            _ => {
                let n = c.len_utf8();
                text_len += n;
                rest = rest.get(n..).unwrap_or("");
            }
        }
    }
    flush(&mut out, text_start, text_len);
    out
}

/// The paragraph as plain text (for summaries, titles and screen readers).
pub fn plain(src: &str) -> String {
    parse(src)
        .into_iter()
        .map(|p| match p {
            Inline::Text(t) | Inline::Code(t) | Inline::Strong(t) => t.to_string(),
            Inline::Rfc(r) => r.label(),
            Inline::Link { text, .. } => text.to_string(),
        })
        .collect()
}

/// Markup that did not read as intended: leftover markers in text pieces.
/// Used by the tests to keep the content clean.
pub fn leftovers(src: &str) -> Vec<String> {
    parse(src)
        .into_iter()
        .filter_map(|p| match p {
            Inline::Text(t)
                if t.contains('`')
                    || t.contains('*')
                    || t.contains("[RFC")
                    || t.contains("](#") =>
            {
                Some(t.to_string())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind() {
        let p = parse("Use `STARTTLS` **first** [RFC 3207 §4] or see [port 465](#port-465).");
        assert_eq!(p.len(), 9);
        assert_eq!(p[1], Inline::Code("STARTTLS"));
        assert_eq!(p[3], Inline::Strong("first"));
        assert_eq!(
            p[5],
            Inline::Rfc(RfcRef {
                number: 3207,
                section: Some("4")
            })
        );
        assert_eq!(p[8], Inline::Text("."));
        assert_eq!(
            p[7],
            Inline::Link {
                text: "port 465",
                slug: "port-465"
            }
        );
        assert_eq!(plain("a `b` [RFC 3207 §4]"), "a b RFC 3207 §4");
    }

    #[test]
    fn malformed_stays_text() {
        assert_eq!(parse("a [b] c `d"), vec![Inline::Text("a [b] c `d")]);
        assert_eq!(leftovers("a `d"), vec!["a `d".to_string()]);
        assert!(leftovers("fine `x` text").is_empty());
        assert_eq!(parse("é**ü"), vec![Inline::Text("é**ü")]);
    }
}
