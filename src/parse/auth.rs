//! SASL payloads inside AUTH, RFC 4954 §4: what the report may say about
//! them (the user, the secret's length), never the secret.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;

/// What one base64 payload reveals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    pub user: Option<String>,
    /// Length in bytes of the password or token; `None` when not sent or hidden.
    pub secret_len: Option<usize>,
    /// The client tool replaced the secret with a placeholder.
    pub hidden: bool,
}

/// Placeholders client tools print instead of a secret.
pub const HIDDEN_MARKERS: &[&str] = &[
    "[credentials hidden]",
    "/* secret */",
    "********",
    "PROTECTED",
    "<hidden>",
    "[hidden]",
];

/// True when a client line is a tool's placeholder for a secret.
pub fn is_hidden_marker(s: &str) -> bool {
    let t = s.trim();
    HIDDEN_MARKERS.iter().any(|m| t.eq_ignore_ascii_case(m))
        || (t.len() >= 4 && t.bytes().all(|b| b == b'*'))
}

/// ```abnf
/// base64 = base64-terminal / ( 1*(4base64-char) [base64-terminal] )
/// ```
/// Lenient: padding optional, surrounding blanks ignored.
pub fn base64(s: &str) -> Option<Vec<u8>> {
    let t = s.trim();
    if t.is_empty() || t == "=" {
        return Some(Vec::new());
    }
    STANDARD
        .decode(t)
        .or_else(|_| STANDARD_NO_PAD.decode(t.trim_end_matches('=')))
        .ok()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn secret(b: &[u8]) -> (Option<usize>, bool) {
    let t = String::from_utf8_lossy(b);
    if is_hidden_marker(&t) {
        (None, true)
    } else {
        (Some(b.len()), false)
    }
}

/// ```abnf
/// message = [authzid] UTF8NUL authcid UTF8NUL passwd   ; RFC 4616 §2
/// ```
pub fn plain(payload: &str) -> Decoded {
    if is_hidden_marker(payload) {
        return Decoded {
            hidden: true,
            ..Decoded::default()
        };
    }
    let Some(raw) = base64(payload) else {
        return Decoded::default();
    };
    let mut parts = raw.split(|b| *b == 0);
    let authzid = parts.next().unwrap_or(&[]);
    match (parts.next(), parts.next()) {
        (Some(authcid), Some(pass)) => {
            let (secret_len, hidden) = secret(pass);
            let user = if authcid.is_empty() { authzid } else { authcid };
            Decoded {
                user: Some(text(user)),
                secret_len,
                hidden,
            }
        }
        _ => Decoded::default(),
    }
}

/// One line of the LOGIN exchange: either the user name or the password,
/// depending on the challenge it answers.
pub fn login_user(payload: &str) -> Option<String> {
    if is_hidden_marker(payload) {
        return None;
    }
    base64(payload).map(|b| text(&b))
}

/// `(length, hidden)` of a secret line (a LOGIN password, a token).
pub fn secret_line(payload: &str) -> (Option<usize>, bool) {
    if is_hidden_marker(payload) {
        return (None, true);
    }
    match base64(payload) {
        Some(b) => secret(&b),
        None => (None, false),
    }
}

/// What a `334` challenge asks for in the LOGIN mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginPrompt {
    User,
    Password,
    Other,
}

/// Decodes a `334` challenge text (`VXNlcm5hbWU6` = `Username:`).
pub fn login_prompt(challenge: &str) -> LoginPrompt {
    let decoded = base64(challenge)
        .map(|b| text(&b).to_ascii_lowercase())
        .unwrap_or_default();
    if decoded.starts_with("user") {
        LoginPrompt::User
    } else if decoded.starts_with("pass") {
        LoginPrompt::Password
    } else {
        LoginPrompt::Other
    }
}

/// XOAUTH2: `user=` user `^Aauth=Bearer ` token `^A^A`; OAUTHBEARER (RFC
/// 7628 §3.1): `n,a=` user `,^A...auth=Bearer ` token `^A^A`.
pub fn oauth(payload: &str) -> Decoded {
    if is_hidden_marker(payload) {
        return Decoded {
            hidden: true,
            ..Decoded::default()
        };
    }
    let Some(raw) = base64(payload) else {
        return Decoded::default();
    };
    let s = text(&raw);
    let mut d = Decoded::default();
    for field in s.split(['\u{1}', ',']) {
        if let Some(u) = field
            .strip_prefix("user=")
            .or_else(|| field.strip_prefix("a="))
        {
            d.user = Some(u.to_string());
        } else if let Some(tok) = field.strip_prefix("auth=") {
            let tok = tok.strip_prefix("Bearer ").unwrap_or(tok);
            let (len, hidden) = secret(tok.as_bytes());
            d.secret_len = len;
            d.hidden = hidden;
        }
    }
    d
}

/// CRAM-MD5 response: `user SP digest` (RFC 2195 §2); the digest is secret.
pub fn cram_md5(payload: &str) -> Decoded {
    let Some(raw) = base64(payload) else {
        return Decoded::default();
    };
    let s = text(&raw);
    match s.rsplit_once(' ') {
        Some((user, digest)) => Decoded {
            user: Some(user.to_string()),
            secret_len: Some(digest.len()),
            hidden: false,
        },
        None => Decoded::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        // "\0alice\0secret"
        assert_eq!(
            plain("AGFsaWNlAHNlY3JldA=="),
            Decoded {
                user: Some("alice".into()),
                secret_len: Some(6),
                hidden: false
            }
        );
        // nodemailer: "\0alice\0/* secret */"
        let d = plain("AGFsaWNlAC8qIHNlY3JldCAqLw==");
        assert_eq!((d.user.as_deref(), d.hidden), (Some("alice"), true));
        assert!(plain("[credentials hidden]").hidden);
        assert_eq!(login_prompt("VXNlcm5hbWU6"), LoginPrompt::User);
        assert_eq!(login_prompt("UGFzc3dvcmQ6"), LoginPrompt::Password);
        assert_eq!(login_user("YWxpY2U="), Some("alice".into()));
        assert_eq!(secret_line("c2VjcmV0"), (Some(6), false));
        // "user=bob\x01auth=Bearer tok\x01\x01"
        let d = oauth("dXNlcj1ib2IBYXV0aD1CZWFyZXIgdG9rAQE=");
        assert_eq!((d.user.as_deref(), d.secret_len), (Some("bob"), Some(3)));
        assert_eq!(plain("!!!"), Decoded::default());
    }
}
