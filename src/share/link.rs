//! The share-link codec: the page's state in the URL fragment, which
//! browsers never send to a server.
//!
//! ```text
//! #share=v1.<base64url, no padding>( zlib( field* ) )
//! field = tag:u8  length:varint  value:length bytes
//! ```
//!
//! zlib (RFC 1950) rather than raw deflate for its Adler-32 checksum: a
//! tampered or truncated link fails to decode instead of showing a different
//! transcript. Fields are tagged so a later version can add some: unknown
//! tags are skipped, a repeated tag is an error.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;

/// What every share fragment starts with (after the `#`).
pub const PREFIX: &str = "share=v1.";
/// The longest fragment a link may carry, in characters. Browsers accept
/// far longer URLs, but chat tools, mail clients and forums cut or refuse
/// them; 32 000 characters hold about 100–250 KB of typical transcript.
pub const MAX_LINK_CHARS: usize = 32_000;
/// The most a link may expand to (guards against a compression bomb).
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;
/// The longest view name, finding id and number of selected lines.
const MAX_NAME: usize = 64;
const MAX_LINES: usize = 10_000;

const TAG_TRANSCRIPT: u8 = 1;
const TAG_PORT: u8 = 2;
const TAG_VIEW: u8 = 3;
const TAG_SESSION: u8 = 4;
const TAG_LINES: u8 = 5;
const TAG_FINDING: u8 = 6;
const TAG_REDACTED: u8 = 7;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SharedState {
    pub transcript: String,
    /// The port chosen on the page, when the user set one.
    pub port: Option<u16>,
    /// The page's view (e.g. `findings`, `transcript`, `diagram`), when not
    /// the default.
    pub view: Option<String>,
    /// The selected session (0 when there is one).
    pub session: u32,
    /// Selected 1-based transcript lines.
    pub lines: Vec<u32>,
    /// The selected finding's id.
    pub finding: Option<String>,
    /// How the transcript was redacted: bit 0 credentials, 1 addresses,
    /// 2 hosts, 3 IP addresses; 0 when the user chose to share it raw.
    pub redacted: u8,
}

/// Why a link could not be made or read. `Display` gives a sentence a user
/// can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is not a share link (no `share=` prefix).
    NotAShareLink,
    /// A `share=` link of a version this page does not know.
    UnsupportedVersion(String),
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong { chars: usize, limit: usize },
    /// Characters outside base64url, or a cut-off last character.
    BadEncoding,
    /// The compressed data is damaged (checksum, truncation).
    Damaged,
    /// It expands to more than [`MAX_DECODED_BYTES`].
    TooLargeDecoded { limit: usize },
    /// Decodes, but the fields inside are not valid.
    BadContent(&'static str),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::NotAShareLink => write!(f, "This address does not hold a shared transcript."),
            LinkError::UnsupportedVersion(v) => write!(
                f,
                "This share link is of a format this page does not know ({v}); it may come from a newer SMTP Lens."
            ),
            LinkError::TooLong { chars, limit } => write!(
                f,
                "The transcript is too large for a link: {} characters once compressed, the limit is {}. Download it as a file instead.",
                chars, limit
            ),
            LinkError::BadEncoding => write!(
                f,
                "This share link is damaged: it holds characters a share link never has, or it was cut off. Ask for the link again, copied whole."
            ),
            LinkError::Damaged => write!(
                f,
                "This share link is damaged or was altered: its checksum does not match. Ask for the link again, copied whole."
            ),
            LinkError::TooLargeDecoded { limit } => write!(
                f,
                "This share link expands to more than {} MB, more than any link made here; it was not opened.",
                limit / (1024 * 1024)
            ),
            LinkError::BadContent(what) => {
                write!(f, "This share link is damaged or was altered: {what}.")
            }
        }
    }
}

impl std::error::Error for LinkError {}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn field(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    varint(out, value.len() as u64);
    out.extend_from_slice(value);
}

/// The fields, uncompressed.
fn fields(s: &SharedState) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.transcript.len() + 32);
    field(&mut out, TAG_TRANSCRIPT, s.transcript.as_bytes());
    if let Some(p) = s.port {
        field(&mut out, TAG_PORT, &p.to_be_bytes());
    }
    if let Some(v) = &s.view {
        field(&mut out, TAG_VIEW, v.as_bytes());
    }
    if s.session != 0 {
        let mut v = Vec::new();
        varint(&mut v, u64::from(s.session));
        field(&mut out, TAG_SESSION, &v);
    }
    if !s.lines.is_empty() {
        let mut v = Vec::new();
        for l in &s.lines {
            varint(&mut v, u64::from(*l));
        }
        field(&mut out, TAG_LINES, &v);
    }
    if let Some(id) = &s.finding {
        field(&mut out, TAG_FINDING, id.as_bytes());
    }
    field(&mut out, TAG_REDACTED, &[s.redacted]);
    out
}

/// The fragment for `state`, without the `#` (`share=v1.eNq...`), or
/// [`LinkError::TooLong`].
pub fn encode_fragment(state: &SharedState) -> Result<String, LinkError> {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&fields(state), 9);
    let data = URL_SAFE_NO_PAD.encode(packed);
    let chars = PREFIX.len() + data.len();
    if chars > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            chars,
            limit: MAX_LINK_CHARS,
        });
    }
    Ok(format!("{PREFIX}{data}"))
}

/// True when `fragment` (with or without `#`) is meant as a share link, so
/// the page should try to open it (and show the error if it fails).
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with("share=")
}

/// Reads a fragment (with or without the leading `#`). Never panics.
pub fn decode_fragment(fragment: &str) -> Result<SharedState, LinkError> {
    let f = fragment.trim_start_matches('#');
    let rest = f.strip_prefix("share=").ok_or(LinkError::NotAShareLink)?;
    if f.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            chars: f.len(),
            limit: MAX_LINK_CHARS,
        });
    }
    let data = match rest.strip_prefix("v1.") {
        Some(d) => d,
        None => {
            let version: String = rest
                .split('.')
                .next()
                .unwrap_or("")
                .chars()
                .take(12)
                .collect();
            return Err(LinkError::UnsupportedVersion(version));
        }
    };
    // Some chat tools append a dot or a bracket to a link at a sentence end.
    let data = data.trim_end_matches(['.', ')', ']', '>', '"', '\'']);
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| LinkError::BadEncoding)?;
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLargeDecoded {
            limit: MAX_DECODED_BYTES,
        },
        _ => LinkError::Damaged,
    })?;
    parse_fields(&raw)
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(*b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        if len > self.rest.len() {
            return None;
        }
        let (v, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(v)
    }
}

fn short_text(v: &[u8], what: &'static str) -> Result<String, LinkError> {
    match std::str::from_utf8(v) {
        Ok(s) if s.len() <= MAX_NAME && !s.chars().any(char::is_control) => Ok(s.to_string()),
        _ => Err(LinkError::BadContent(what)),
    }
}

fn parse_fields(raw: &[u8]) -> Result<SharedState, LinkError> {
    let mut r = Reader { rest: raw };
    let mut state = SharedState::default();
    let mut seen = [false; 256];
    let mut transcript = false;
    while let Some(tag) = r.byte() {
        let len = r
            .varint()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(LinkError::BadContent("a field is cut off"))?;
        let v = r
            .take(len)
            .ok_or(LinkError::BadContent("a field is cut off"))?;
        let slot = seen
            .get_mut(usize::from(tag))
            .ok_or(LinkError::BadContent("a field is repeated"))?;
        if *slot {
            return Err(LinkError::BadContent("a field is repeated"));
        }
        *slot = true;
        match tag {
            TAG_TRANSCRIPT => {
                state.transcript = String::from_utf8(v.to_vec())
                    .map_err(|_| LinkError::BadContent("the transcript is not valid text"))?;
                transcript = true;
            }
            TAG_PORT => {
                let b: [u8; 2] = v
                    .try_into()
                    .map_err(|_| LinkError::BadContent("the port is not a number"))?;
                state.port = Some(u16::from_be_bytes(b)).filter(|p| *p != 0);
            }
            TAG_VIEW => state.view = Some(short_text(v, "the view name is not valid")?),
            TAG_SESSION => {
                let mut fr = Reader { rest: v };
                state.session = fr
                    .varint()
                    .filter(|_| fr.rest.is_empty())
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or(LinkError::BadContent("the session number is not valid"))?;
            }
            TAG_LINES => {
                let mut fr = Reader { rest: v };
                while !fr.rest.is_empty() {
                    let n = fr
                        .varint()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or(LinkError::BadContent("a selected line is not valid"))?;
                    if state.lines.len() >= MAX_LINES {
                        return Err(LinkError::BadContent("too many selected lines"));
                    }
                    state.lines.push(n);
                }
            }
            TAG_FINDING => state.finding = Some(short_text(v, "the finding id is not valid")?),
            TAG_REDACTED => {
                state.redacted = match v {
                    [b] => *b,
                    _ => return Err(LinkError::BadContent("the redaction flags are not valid")),
                }
            }
            _ => {} // a later version's field
        }
    }
    if !transcript {
        return Err(LinkError::BadContent("it holds no transcript"));
    }
    Ok(state)
}

/// The redaction flags of a share link, from the options used.
pub fn redaction_flags(opts: Option<&super::RedactOptions>) -> u8 {
    match opts {
        None => 0,
        Some(o) => {
            1 | (u8::from(o.addresses) << 1) | (u8::from(o.hosts) << 2) | (u8::from(o.ips) << 3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_round_trip() {
        for n in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut v = Vec::new();
            varint(&mut v, n);
            assert_eq!(Reader { rest: &v }.varint(), Some(n));
        }
    }

    #[test]
    fn overlong_varint_is_refused() {
        let v = [0xffu8; 11];
        assert_eq!(Reader { rest: &v }.varint(), None);
    }
}
