//! The cheap per-line refusals (line flags, `Def::needs`, the prompt test)
//! against what they stand for, over every fixture line.

use super::formats::{Input, DEFS};
use super::{lines, may_be_prompt, prompt};

/// The former prompt test (a look at the byte before each space), the
/// reference for the one that looks at each prompt character.
fn may_be_prompt_by_space(s: &str) -> bool {
    let b = s.as_bytes();
    let head = b.get(..b.len().min(120)).unwrap_or(&[]);
    let mut last_pipe: Option<Option<usize>> = None;
    memchr::memchr_iter(b' ', head).any(|space| {
        let Some(i) = space.checked_sub(1) else {
            return false;
        };
        let c = head.get(i).copied().unwrap_or(0);
        matches!(c, b'$' | b'#' | b'>' | b'%')
            && (i > 0 || c != b'>')
            && b.get(i + 2..).is_some_and(|rest| {
                prompt::starts_with_tool(rest)
                    || rest.first() == Some(&b'(')
                    || last_pipe
                        .get_or_insert_with(|| memchr::memrchr(b'|', b))
                        .is_some_and(|p| p >= i + 2)
            })
    })
}

fn lines_to_try() -> Vec<String> {
    let mut v: Vec<String> = crate::testutil::every_fixture()
        .lines()
        .map(str::to_string)
        .collect();
    for s in [
        "$ swaks --to x",
        "user@host:~$ openssl s_client -connect x:465",
        "% curl -v smtp://x",
        "# (printf 'EHLO x\\r\\n'; sleep 1) | openssl s_client",
        "$ printf 'x' | nc x 25",
        "> swaks",
        " > swaks",
        "100% done > out | tee",
        "a %  b % curl",
        "$",
        "",
    ] {
        v.push(s.to_string());
    }
    v
}

#[test]
fn the_prompt_test_reads_as_the_former_one() {
    for l in lines_to_try() {
        let flags = lines::flags_of(&l);
        assert_eq!(
            may_be_prompt(&l, flags),
            may_be_prompt_by_space(&l),
            "{l:?}"
        );
        // Flags that say nothing give the same answer.
        assert_eq!(may_be_prompt(&l, lines::ANY), may_be_prompt_by_space(&l));
    }
}

#[test]
fn a_format_claims_no_line_without_the_bytes_it_needs() {
    let mut claimed = 0;
    for l in lines_to_try() {
        let flags = lines::flags_of(&l);
        let (ts, rest) = super::clean::split_timestamp(&l);
        let syslog = super::clean::split_syslog_tag(rest).map(|(_, r)| r);
        for text in [l.as_str(), rest, rest.trim_start()]
            .into_iter()
            .chain(syslog)
        {
            for d in DEFS.iter().filter(|d| d.needs != 0) {
                if (d.strip)(&Input { text, ts }).is_some() {
                    claimed += 1;
                    assert!(flags & d.needs != 0, "{} {l:?}", d.id);
                    assert!(d.may_match(text, flags), "{} {l:?}", d.id);
                }
            }
        }
    }
    // The corpus has lines of the formats that need a byte.
    assert!(claimed > 10, "{claimed}");
}
