//! Pretty-printed JSON, byte for byte what `serde_json::to_writer_pretty`
//! writes (two-space indentation), with each line's start (`\n` or `,\n`
//! and its indentation) written in one call instead of one call per
//! level: a report is about seven times its paste in this form, a line
//! of it every 20 bytes or so, most of them six or more levels deep, and
//! the writes of the indentation were a third of the CLI's `--json` time.

use std::io::{self, Write};

use serde::Serialize;

/// `,\n` and the indentation of the deepest level written at once.
const LINE_START: &[u8; 2 + 2 * MAX_DEPTH] = &line_start();
const MAX_DEPTH: usize = 64;

// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const fn line_start() -> [u8; 2 + 2 * MAX_DEPTH] {
    let mut b = [b' '; 2 + 2 * MAX_DEPTH];
    b[0] = b',';
    b[1] = b'\n';
    b
}

/// serde_json's `PrettyFormatter` with an indentation of two spaces,
/// down to its single `has_value` flag.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A new line (after a comma unless `first`) at the current depth.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        match LINE_START.get(from..2 + 2 * self.depth) {
            Some(s) => w.write_all(s),
            None => {
                w.write_all(if first { b"\n" } else { b",\n" })?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            // The closing bracket's line: `\n` and the indentation.
            self.line(w, true)?;
        }
        w.write_all(close)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` does.
pub fn to_writer<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Pretty::default());
    value.serialize(&mut ser)
}

/// `value` as `serde_json::to_string_pretty` gives it.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    to_writer(&mut out, value)?;
    // serde_json writes valid UTF-8 only.
    String::from_utf8(out).map_err(serde::ser::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_serde_json_writes() {
        let deep = (0..MAX_DEPTH + 3).fold(serde_json::json!(1), |v, _| serde_json::json!([v, {}]));
        for v in [
            serde_json::json!(null),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([1, [], {}, [2, [3]], {"a": {"b": []}, "c": [{}]}]),
            serde_json::json!({"s": "é\"\\\n", "n": -1.5, "t": true, "e": [[]], "o": {"p": {}}}),
            deep,
        ] {
            assert_eq!(
                to_string(&v).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }

    #[test]
    fn writes_every_fixture_report_as_serde_json() {
        let paste = crate::testutil::every_fixture();
        let report = crate::analyze(&paste, &crate::Options::default());
        assert_eq!(
            to_string(&report).unwrap(),
            serde_json::to_string_pretty(&report).unwrap()
        );
    }
}
