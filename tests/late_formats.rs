//! A tool that first appears far down a paste (past the lines format
//! detection samples) is still read: several commands run one after the
//! other in a terminal, the last one being the failing one.

use smtp_lens::{analyze, Options};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .expect(path)
}

#[test]
fn a_second_tool_after_the_detection_sample_is_read() {
    let swaks = fixture("swaks/postfix-587-starttls-auth-plain.txt");
    let late = fixture("smtplib/aiosmtpd-login-failed-535.txt");
    let mut paste = String::new();
    while paste.lines().count() < 2000 {
        paste.push_str(&swaks);
    }
    let swaks_sessions = analyze(&paste, &Options::default()).sessions.len();
    paste.push_str("$ python3 send.py\n");
    paste.push_str(&late);
    let r = analyze(&paste, &Options::default());
    assert_eq!(r.format, "swaks");
    assert_eq!(
        r.sessions.len(),
        swaks_sessions + 1,
        "the smtplib session is missing"
    );
    let last = &r.sessions.last().expect("sessions").session;
    assert_eq!(last.format, Some("smtplib"));
    let auth = last.auths.last().expect("the smtplib AUTH");
    assert_eq!(auth.user.as_deref(), Some("alice@example.test"));
    assert_eq!(auth.outcome, smtp_lens::session::Outcome::Rejected);
}
