//! `smtp://host:port` and `smtps://host` URLs, as curl, MailKit and others
//! print them.

use super::tag::port_prefix;

/// The port (explicit, or the scheme's default) and whether the scheme is
/// implicit TLS. `None` when `s` does not start with an SMTP URL.
pub fn smtp_url(s: &str) -> Option<(Option<u16>, bool)> {
    let head = |scheme: &str| {
        s.as_bytes()
            .get(..scheme.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(scheme.as_bytes()))
    };
    let (implicit, rest) = if head("smtps://") {
        (true, s.get(8..)?)
    } else if head("smtp://") {
        (false, s.get(7..)?)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', ' ', '\'', '"']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let port = match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => authority.get(i + 1..).and_then(port_prefix),
        _ => None,
    };
    Some((port.or(Some(if implicit { 465 } else { 25 })), implicit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            smtp_url("smtp://127.0.0.1:587/?x"),
            Some((Some(587), false))
        );
        assert_eq!(
            smtp_url("smtps://mail.example.com"),
            Some((Some(465), true))
        );
        assert_eq!(smtp_url("http://x"), None);
    }
}
