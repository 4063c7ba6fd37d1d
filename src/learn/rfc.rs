//! References to RFC sections, and their links on rfc-editor.org.

/// One RFC, optionally one section or appendix of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RfcRef<'a> {
    pub number: u16,
    /// `"3.3"`, `"Appendix A"`, or `None` for the whole document.
    pub section: Option<&'a str>,
}

impl<'a> RfcRef<'a> {
    /// Reads `"RFC 8314 §3.3"`, `"RFC 8314 Appendix A"` or `"RFC 8314"`.
    /// Anything else (a section that is not dotted digits or an appendix
    /// letter with dotted digits) is `None`.
    pub fn parse(text: &'a str) -> Option<Self> {
        let rest = text.trim().strip_prefix("RFC ")?;
        let (num, section) = match rest.split_once(' ') {
            Some((num, sec)) => (num, Some(sec.trim())),
            None => (rest, None),
        };
        if num.is_empty() || num.len() > 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u16 = num.parse().ok()?;
        if number == 0 {
            return None;
        }
        let section = match section {
            None => None,
            Some(s) => {
                if let Some(sec) = s.strip_prefix('§') {
                    if !dotted_digits(sec) {
                        return None;
                    }
                    Some(sec)
                } else if let Some(app) = s.strip_prefix("Appendix ") {
                    let mut parts = app.splitn(2, '.');
                    let letter = parts.next().unwrap_or("");
                    let ok_letter =
                        letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_uppercase());
                    let ok_rest = parts.next().is_none_or(dotted_digits);
                    if !(ok_letter && ok_rest) {
                        return None;
                    }
                    Some(s)
                } else {
                    return None;
                }
            }
        };
        Some(RfcRef { number, section })
    }

    /// The link to the section on rfc-editor.org.
    pub fn url(&self) -> String {
        let base = format!("https://www.rfc-editor.org/rfc/rfc{}.html", self.number);
        match self.section {
            None => base,
            Some(s) => match s.strip_prefix("Appendix ") {
                Some(app) => format!("{base}#appendix-{app}"),
                None => format!("{base}#section-{s}"),
            },
        }
    }

    /// How the reference reads in the text: `RFC 8314 §3.3`.
    pub fn label(&self) -> String {
        match self.section {
            None => format!("RFC {}", self.number),
            Some(s) if s.starts_with("Appendix ") => format!("RFC {} {s}", self.number),
            Some(s) => format!("RFC {} §{s}", self.number),
        }
    }
}

fn dotted_digits(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_links() {
        let r = RfcRef::parse("RFC 8314 §3.3").unwrap();
        assert_eq!(
            r.url(),
            "https://www.rfc-editor.org/rfc/rfc8314.html#section-3.3"
        );
        assert_eq!(r.label(), "RFC 8314 §3.3");
        let a = RfcRef::parse("RFC 8314 Appendix A").unwrap();
        assert_eq!(
            a.url(),
            "https://www.rfc-editor.org/rfc/rfc8314.html#appendix-A"
        );
        let d = RfcRef::parse("RFC 4616").unwrap();
        assert_eq!(d.url(), "https://www.rfc-editor.org/rfc/rfc4616.html");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "RFC",
            "RFC x",
            "RFC 0",
            "RFC 12345",
            "RFC 3207 §",
            "RFC 3207 §4.",
            "RFC 3207 4.2",
            "RFC 8314 Appendix a",
            "rfc 3207",
        ] {
            assert!(RfcRef::parse(bad).is_none(), "{bad}");
        }
    }
}
