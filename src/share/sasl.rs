//! Rebuilding a credential so the redacted transcript still reads as the
//! same exchange: a PLAIN payload stays a PLAIN payload (same shape, the
//! user name mapped like any other, the password replaced by `redacted`),
//! a LOGIN user line stays a user line, an OAuth token becomes `redacted`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::parse::auth::{base64, is_hidden_marker};

/// What replaces a secret that is not base64 (a password on a command line).
pub const REDACTED: &str = "REDACTED";
/// The password inside a rebuilt SASL payload.
const INNER: &str = "redacted";

/// The replacement for one credential, and the secret values it held (to
/// find other copies of them in the text).
pub struct Rebuilt {
    pub text: String,
    pub secrets: Vec<String>,
}

/// Where the credential was seen.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Inside AUTH or an answer to a 334 challenge: base64 SASL.
    Sasl,
    /// Anywhere else (a command line): plain text unless it is a PLAIN payload.
    Other,
}

fn utf8(b: &[u8]) -> Option<String> {
    String::from_utf8(b.to_vec()).ok()
}

/// `None` when there is nothing to hide (a tool's placeholder, `*`).
pub fn rebuild(
    payload: &str,
    place: Place,
    known_users: &[String],
    user: &mut dyn FnMut(&str) -> String,
) -> Option<Rebuilt> {
    let t = payload.trim();
    if t.is_empty() || t == "*" || is_hidden_marker(t) {
        return None;
    }
    let plain_text = || Rebuilt {
        text: REDACTED.to_string(),
        secrets: vec![t.to_string()],
    };
    let Some(raw) = base64(t).filter(|r| !r.is_empty()) else {
        return Some(plain_text());
    };
    let mut secrets = vec![t.to_string()];
    let encode = |s: &str| STANDARD.encode(s.as_bytes());
    // PLAIN: authzid NUL authcid NUL passwd (RFC 4616 §2).
    let parts: Vec<&[u8]> = raw.split(|b| *b == 0).collect();
    if let [authz, authc, pass] = parts.as_slice() {
        let authz = utf8(authz).map(|a| if a.is_empty() { a } else { user(&a) });
        let authc = utf8(authc).map(|a| if a.is_empty() { a } else { user(&a) });
        let pass = utf8(pass).unwrap_or_default();
        // A tool's placeholder (`/* secret */`) hides nothing: keep it, the
        // analysis says the secret was hidden.
        let shown = if is_hidden_marker(&pass) {
            pass.clone()
        } else {
            INNER.to_string()
        };
        secrets.push(pass);
        let inner = format!(
            "{}\0{}\0{shown}",
            authz.unwrap_or_default(),
            authc.unwrap_or_default()
        );
        return Some(Rebuilt {
            text: encode(&inner),
            secrets,
        });
    }
    let s = utf8(&raw);
    // XOAUTH2 (`user=...^Aauth=Bearer ...`) and OAUTHBEARER (`n,a=...,^A...`).
    if let Some(s) = s.as_deref().filter(|s| s.contains("auth=")) {
        let mut u = None;
        for field in s.split(['\u{1}', ',']) {
            if let Some(x) = field
                .strip_prefix("user=")
                .or_else(|| field.strip_prefix("a="))
            {
                u = Some(user(x));
            } else if let Some(tok) = field.strip_prefix("auth=") {
                secrets.push(tok.strip_prefix("Bearer ").unwrap_or(tok).to_string());
            }
        }
        let u = u.unwrap_or_default();
        let inner = if s.starts_with("n,") {
            format!("n,a={u},\u{1}auth=Bearer {INNER}\u{1}\u{1}")
        } else {
            format!("user={u}\u{1}auth=Bearer {INNER}\u{1}\u{1}")
        };
        return Some(Rebuilt {
            text: encode(&inner),
            secrets,
        });
    }
    if place == Place::Other {
        return Some(plain_text());
    }
    if let Some(s) = s {
        // A LOGIN user line: the user name, mapped like any other.
        if known_users.contains(&s) {
            return Some(Rebuilt {
                text: encode(&user(&s)),
                secrets: Vec::new(),
            });
        }
        // CRAM-MD5: user SP hex digest (RFC 2195 §2).
        if let Some((name, digest)) = s.rsplit_once(' ') {
            if digest.len() == 32 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                let zeros = "0".repeat(32);
                return Some(Rebuilt {
                    text: encode(&format!("{} {zeros}", user(name))),
                    secrets,
                });
            }
        }
        if s.len() >= 4 {
            secrets.push(s);
        }
    }
    Some(Rebuilt {
        text: encode(INNER),
        secrets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn plain_keeps_its_shape() {
        // "\0alice@acme.com\0S3cret!pw"
        let p = STANDARD.encode(b"\0alice@acme.com\0S3cret!pw");
        let r = rebuild(&p, Place::Sasl, &[], &mut same).unwrap();
        assert_eq!(
            STANDARD.decode(&r.text).unwrap(),
            b"\0alice@acme.com\0redacted"
        );
        assert!(r.secrets.contains(&"S3cret!pw".to_string()));
    }

    #[test]
    fn login_user_line_is_mapped_password_line_is_not_kept() {
        let u = STANDARD.encode("alice");
        let mut map = |s: &str| format!("[{s}]");
        let r = rebuild(&u, Place::Sasl, &["alice".into()], &mut map).unwrap();
        assert_eq!(STANDARD.decode(&r.text).unwrap(), b"[alice]");
        let pw = STANDARD.encode("hunter22");
        let r = rebuild(&pw, Place::Sasl, &["alice".into()], &mut same).unwrap();
        assert_eq!(STANDARD.decode(&r.text).unwrap(), b"redacted");
        assert!(r.secrets.contains(&"hunter22".to_string()));
    }

    #[test]
    fn command_line_password_and_markers() {
        let r = rebuild("'S3cret!'", Place::Other, &[], &mut same).unwrap();
        assert_eq!(r.text, REDACTED);
        assert!(rebuild("[credentials hidden]", Place::Sasl, &[], &mut same).is_none());
        assert!(rebuild("*", Place::Sasl, &[], &mut same).is_none());
        // A password that happens to be valid base64 is still plain text here.
        assert_eq!(
            rebuild("password", Place::Other, &[], &mut same)
                .unwrap()
                .text,
            REDACTED
        );
    }

    #[test]
    fn xoauth2_token_goes() {
        let p = STANDARD.encode("user=bob@acme.com\u{1}auth=Bearer ya29.TOKEN\u{1}\u{1}");
        let r = rebuild(&p, Place::Sasl, &[], &mut same).unwrap();
        let d = String::from_utf8(STANDARD.decode(&r.text).unwrap()).unwrap();
        assert_eq!(d, "user=bob@acme.com\u{1}auth=Bearer redacted\u{1}\u{1}");
        assert!(r.secrets.contains(&"ya29.TOKEN".to_string()));
    }
}
