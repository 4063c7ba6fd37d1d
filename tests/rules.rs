//! The rules, natively: every rule has a fixture that triggers it and a near
//! miss that must not; the registry is complete; findings carry evidence,
//! a fix and references, never a password; good sessions raise no alarm;
//! fixes speak the client's and the server's language; the verdict grades.

mod common;

use std::path::PathBuf;

use smtp_lens::rules::advice::{client_advice, server_advice, Client, Server, Topic};
use smtp_lens::rules::{rule, verdict, Grade, RULES};
use smtp_lens::{analyze, Finding, Options, Report, Severity};

/// `(rule id, trigger, near miss)`: fixtures under tests/fixtures, without
/// `.txt`. Captured fixtures wherever one exists; `rules/` holds the small
/// reconstructed ones.
const CASES: &[(&str, &str, &str)] = &[
    (
        "plaintext-auth",
        "swaks/postfix-25-cleartext-auth-plain",
        "swaks/postfix-587-starttls-auth-plain",
    ),
    (
        "tls-not-shown",
        "symfony/aiosmtpd-cleartext-auth-2525",
        "smtplib/aiosmtpd-starttls-login-587",
    ),
    (
        "auth-advertised-before-tls",
        "swaks/postfix-25-relay-denied",
        "swaks/postfix-587-starttls-auth-plain",
    ),
    (
        "auth-before-tls-rejected",
        "terminal/postfix-587-auth-before-starttls",
        "terminal/exim-25-auth-unsupported-mechanism",
    ),
    (
        "starttls-not-offered",
        "swaks/aiosmtpd-587-starttls-not-offered",
        "swaks/postfix-465-implicit-auth-login",
    ),
    (
        "starttls-offered-not-used",
        "swaks/postfix-587-mail-without-starttls",
        "swaks/postfix-587-starttls-auth-plain",
    ),
    (
        "starttls-failed",
        "rules/starttls-failed-trigger",
        "swaks/postfix-587-starttls-auth-plain",
    ),
    (
        "starttls-injection",
        "smtplib/postfix-25-starttls-injection",
        "msmtp/postfix-587-starttls-plain",
    ),
    (
        "no-ehlo-after-starttls",
        "openssl/postfix-587-no-ehlo-after-starttls",
        "openssl/postfix-587-starttls-typed",
    ),
    (
        "deprecated-tls-version",
        "openssl/postfix-587-tls1_1-forced-eof",
        "openssl/postfix-587-starttls-typed",
    ),
    (
        "tls-certificate-unverified",
        "curl/postfix-587-starttls-auth",
        "rules/tls-certificate-unverified-near-miss",
    ),
    (
        "implicit-tls",
        "swaks/postfix-465-implicit-auth-login",
        "swaks/postfix-587-starttls-auth-plain",
    ),
    (
        "submission-without-auth",
        "swaks/postfix-587-starttls-no-auth",
        "swaks/postfix-587-mail-without-starttls",
    ),
    (
        "open-relay-suspected",
        "swaks/aiosmtpd-25-open-relay",
        "terminal/postfix-25-telnet-full-session",
    ),
    (
        "relay-denied",
        "swaks/postfix-25-relay-denied",
        "rules/relay-denied-near-miss",
    ),
    (
        "auth-failed",
        "swaks/postfix-587-wrong-password",
        "terminal/exim-25-auth-unsupported-mechanism",
    ),
    (
        "auth-mechanism-unsupported",
        "terminal/exim-25-auth-unsupported-mechanism",
        "swaks/postfix-587-wrong-password",
    ),
    (
        "sender-rejected",
        "terminal/exim-25-helo-sender-rejected",
        "swaks/postfix-25-relay-denied",
    ),
    (
        "recipient-rejected",
        "swaks/postfix-25-multi-rcpt-one-rejected",
        "swaks/postfix-25-relay-denied",
    ),
    (
        "message-too-large",
        "swaks/postfix-587-message-too-large",
        "rules/message-too-large-near-miss",
    ),
    (
        "rate-limited",
        "swaks/exim-25-rate-limited",
        "rules/starttls-failed-trigger",
    ),
    (
        "vrfy-enabled",
        "terminal/postfix-25-vrfy-enabled",
        "rules/vrfy-enabled-near-miss",
    ),
    (
        "expn-enabled",
        "terminal/exim-25-expn-vrfy-help",
        "terminal/postfix-25-vrfy-disabled",
    ),
    (
        "unknown-command-rejected",
        "terminal/postfix-25-help-unknown-command",
        "terminal/aiosmtpd-25-line-too-long",
    ),
    (
        "protocol-sequence-error",
        "terminal/postfix-25-out-of-order-commands",
        "terminal/exim-587-auth-before-starttls",
    ),
    (
        "pipelining-without-support",
        "terminal/aiosmtpd-25-pipelined-printf",
        "openssl/exim-465-implicit-piped-quiet",
    ),
    (
        "multiline-reply-mismatch",
        "rules/multiline-reply-mismatch-trigger",
        "rules/multiline-reply-mismatch-near-miss",
    ),
    (
        "line-too-long",
        "rules/line-too-long-trigger",
        "rules/line-too-long-near-miss",
    ),
    (
        "bare-lf-in-data",
        "terminal/postfix-25-nc-bare-lf",
        "terminal/exim-25-helo-sender-rejected",
    ),
    (
        "smtputf8-missing",
        "terminal/exim-25-utf8-address-without-smtputf8",
        "rules/smtputf8-missing-near-miss",
    ),
    (
        "helo-instead-of-ehlo",
        "terminal/exim-25-helo-sender-rejected",
        "rules/helo-instead-of-ehlo-near-miss",
    ),
    (
        "port-25-submission",
        "swaks/postfix-25-cleartext-auth-plain",
        "swaks/postfix-587-starttls-auth-plain",
    ),
];

/// More triggers for the cases the issue names: hidden secrets, a hidden
/// client side, the reply side of STARTTLS injection, a provider failure.
const MORE_TRIGGERS: &[(&str, &str)] = &[
    ("plaintext-auth", "rules/plaintext-auth-piped-trigger"),
    (
        "plaintext-auth",
        "phpmailer/postfix-autotls-off-cleartext-25",
    ),
    ("plaintext-auth", "nodemailer/aiosmtpd-cleartext-auth-2525"),
    (
        "plaintext-auth",
        "terminal/postfix-587-auth-before-starttls",
    ),
    (
        "starttls-injection",
        "rules/starttls-injection-reply-trigger",
    ),
    ("starttls-injection", "rules/starttls-injection-trigger"),
    ("starttls-failed", "sendemail/postfix-587-tls-verify-fails"),
    (
        "starttls-failed",
        "smtplib/aiosmtpd-starttls-hostname-error",
    ),
    ("auth-failed", "rules/auth-failed-gmail-trigger"),
    ("tls-not-shown", "smtplib/aiosmtpd-smtp-ssl-465"),
    ("vrfy-enabled", "terminal/postfix-25-telnet-full-session"),
    ("line-too-long", "terminal/aiosmtpd-25-line-too-long"),
];

/// Sessions done right: STARTTLS or TLS on connect, AUTH inside TLS.
const GOOD: &[&str] = &[
    "swaks/postfix-587-starttls-auth-plain",
    "swaks/postfix-587-starttls-auth-plain-file",
    "swaks/postfix-587-hide-password",
    "swaks/postfix-465-implicit-auth-login",
    "curl/postfix-587-starttls-auth",
    "curl/postfix-465-implicit-auth",
    "rules/tls-certificate-unverified-near-miss",
    "openssl/postfix-587-starttls-typed",
    "nodemailer/aiosmtpd-starttls-587",
    "nodemailer/aiosmtpd-secure-465",
    "phpmailer/aiosmtpd-starttls-587-debug1",
    "phpmailer/aiosmtpd-starttls-587-debug2",
    "phpmailer/aiosmtpd-smtps-465",
    "smtplib/aiosmtpd-starttls-login-587",
    "javamail/aiosmtpd-starttls-587",
    "ruby/aiosmtpd-starttls-587",
    "symfony/aiosmtpd-starttls-587",
    "rfc/mailkit-starttls-587-reconstructed",
    "postfix-log/submission-587-plain",
    "postfix-log/submissions-465-auth-login-verbose-grep",
];

fn path(name: &str) -> PathBuf {
    common::fixtures_dir().join(format!("{name}.txt"))
}

fn load(name: &str) -> (String, Report) {
    let bytes = std::fs::read(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let report = analyze(&text, &Options::default());
    (text, report)
}

fn first_session(r: &Report) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.session == 0).collect()
}

fn ids(r: &Report) -> Vec<&'static str> {
    first_session(r).iter().map(|f| f.id).collect()
}

fn the<'a>(r: &'a Report, id: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.session == 0 && f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(r)))
}

#[test]
fn the_registry_is_complete() {
    let mut seen = Vec::new();
    for r in RULES {
        assert!(
            !r.id.is_empty()
                && r.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "bad id {:?}",
            r.id
        );
        assert!(!seen.contains(&r.id), "{} registered twice", r.id);
        seen.push(r.id);
        assert!(!r.title.trim().is_empty(), "{}: no title", r.id);
        assert!(!r.refs.is_empty(), "{}: no refs", r.id);
        assert!(
            r.refs.iter().all(|x| !x.trim().is_empty()),
            "{}: empty ref",
            r.id
        );
        assert!(r.min <= r.max, "{}: min above max", r.id);
        let cases: Vec<_> = CASES.iter().filter(|c| c.0 == r.id).collect();
        assert_eq!(
            cases.len(),
            1,
            "{}: needs exactly one trigger/near-miss case",
            r.id
        );
        for c in cases {
            assert!(path(c.1).is_file(), "{}: no trigger fixture {}", r.id, c.1);
            assert!(
                path(c.2).is_file(),
                "{}: no near-miss fixture {}",
                r.id,
                c.2
            );
        }
        assert!(std::ptr::eq(rule(r.id).unwrap(), r));
    }
    for c in CASES
        .iter()
        .map(|c| c.0)
        .chain(MORE_TRIGGERS.iter().map(|c| c.0))
    {
        assert!(rule(c).is_some(), "case for unregistered rule {c}");
    }
    // The contract: these ids, all of them.
    let contract = [
        "plaintext-auth",
        "auth-advertised-before-tls",
        "auth-before-tls-rejected",
        "starttls-not-offered",
        "starttls-offered-not-used",
        "starttls-failed",
        "starttls-injection",
        "no-ehlo-after-starttls",
        "deprecated-tls-version",
        "tls-certificate-unverified",
        "implicit-tls",
        "submission-without-auth",
        "open-relay-suspected",
        "relay-denied",
        "auth-failed",
        "auth-mechanism-unsupported",
        "sender-rejected",
        "recipient-rejected",
        "message-too-large",
        "rate-limited",
        "vrfy-enabled",
        "expn-enabled",
        "unknown-command-rejected",
        "protocol-sequence-error",
        "pipelining-without-support",
        "multiline-reply-mismatch",
        "line-too-long",
        "bare-lf-in-data",
        "smtputf8-missing",
        "helo-instead-of-ehlo",
        "port-25-submission",
        "tls-not-shown",
    ];
    for id in contract {
        assert!(rule(id).is_some(), "{id} is not registered");
    }
    assert_eq!(RULES.len(), contract.len());
}

/// A finding is complete: text, fix, references, evidence inside the paste,
/// a severity within its rule's range.
fn check_complete(name: &str, text: &str, f: &Finding) {
    let r = rule(f.id).unwrap_or_else(|| panic!("{name}: unregistered id {}", f.id));
    assert!(!f.title.trim().is_empty(), "{name} {}: no title", f.id);
    assert!(!f.why.trim().is_empty(), "{name} {}: no why", f.id);
    assert!(!f.fix.trim().is_empty(), "{name} {}: no fix", f.id);
    assert!(!f.refs.is_empty(), "{name} {}: no refs", f.id);
    assert!(
        f.severity >= r.min && f.severity <= r.max,
        "{name} {}: severity {:?} outside {:?}..={:?}",
        f.id,
        f.severity,
        r.min,
        r.max
    );
    let count = text.lines().count().max(text.split('\r').count()) as u32;
    assert!(!f.lines.is_empty(), "{name} {}: no evidence lines", f.id);
    assert!(
        f.lines.windows(2).all(|w| w[0] < w[1]),
        "{name} {}: lines not sorted/unique",
        f.id
    );
    assert!(
        f.lines.iter().all(|l| *l >= 1 && *l <= count),
        "{name} {}: lines {:?} outside 1..={count}",
        f.id,
        f.lines
    );
}

#[test]
fn every_rule_fires_on_its_trigger() {
    let triggers = CASES
        .iter()
        .map(|c| (c.0, c.1))
        .chain(MORE_TRIGGERS.iter().copied());
    for (id, name) in triggers {
        let (text, r) = load(name);
        let found: Vec<&Finding> = first_session(&r)
            .into_iter()
            .filter(|f| f.id == id)
            .collect();
        assert!(
            !found.is_empty(),
            "{id} did not fire on {name}: {:?}",
            ids(&r)
        );
        for f in found {
            check_complete(name, &text, f);
        }
    }
}

#[test]
fn no_rule_fires_on_its_near_miss() {
    for (id, _, name) in CASES {
        let (_, r) = load(name);
        assert!(!ids(&r).contains(id), "{id} fired on its near miss {name}");
    }
}

#[test]
fn every_finding_of_the_corpus_is_complete_and_masks_secrets() {
    for f in common::fixtures() {
        let r = analyze(&f.text, &Options::default());
        for finding in &r.findings {
            check_complete(&f.name, &f.text, finding);
            assert!(
                finding.session < r.sessions.len(),
                "{}: session index",
                f.name
            );
            // Never the password: no secret of the session in any text.
            let s = &r.sessions[finding.session].session;
            for span in &s.secrets {
                let secret = f.text.get(span.range()).unwrap_or("").trim();
                if secret.len() < 8 {
                    continue;
                }
                for t in [&finding.title, &finding.why, &finding.fix] {
                    assert!(
                        !t.contains(secret),
                        "{}: {} shows a secret",
                        f.name,
                        finding.id
                    );
                }
            }
            for t in [&finding.title, &finding.why, &finding.fix] {
                assert!(
                    !t.contains("S3cret-Passw0rd"),
                    "{}: {} shows the password",
                    f.name,
                    finding.id
                );
            }
        }
        // Pure: the same paste gives the same findings.
        assert_eq!(r.findings, analyze(&f.text, &Options::default()).findings);
    }
}

#[test]
fn plaintext_auth_names_the_user_even_when_the_tool_hides_the_secret() {
    for name in [
        "swaks/postfix-25-cleartext-auth-plain",
        "nodemailer/aiosmtpd-cleartext-auth-2525",
        "rules/plaintext-auth-piped-trigger",
    ] {
        let (_, r) = load(name);
        let f = the(&r, "plaintext-auth");
        assert_eq!(f.severity, Severity::Critical, "{name}");
        assert!(
            f.title.contains("alice@example.test"),
            "{name}: {}",
            f.title
        );
    }
    // Refused or not, a password that was sent is exposed.
    let (_, r) = load("terminal/postfix-587-auth-before-starttls");
    assert!(the(&r, "plaintext-auth").why.contains("already been sent"));
    // PHPMailer hides the user too: the finding still fires, without a name.
    let (_, r) = load("phpmailer/postfix-autotls-off-cleartext-25");
    let f = the(&r, "plaintext-auth");
    assert_eq!(&*f.title, "Password sent in cleartext");
    assert!(f.why.contains("hid the secret"));
}

#[test]
fn unknown_tls_is_said_never_passed_nor_called_cleartext() {
    for name in [
        "symfony/aiosmtpd-cleartext-auth-2525",
        "symfony/aiosmtpd-smtps-465",
        "smtplib/aiosmtpd-smtp-ssl-465",
        "phpmailer/aiosmtpd-cleartext-auth-2525",
    ] {
        let (_, r) = load(name);
        let got = ids(&r);
        assert!(
            !got.contains(&"plaintext-auth"),
            "{name}: cleartext not proven"
        );
        assert!(
            !got.contains(&"starttls-not-offered"),
            "{name}: cleartext not proven"
        );
        let f = the(&r, "tls-not-shown");
        assert_eq!(f.severity, Severity::Medium, "{name}");
        assert!(f.why.contains("465"), "{name}: {}", f.why);
    }
    // The same tool with the port shown: proven, so plaintext-auth speaks.
    let (_, r) = load("smtplib/aiosmtpd-cleartext-auth-2525");
    assert!(ids(&r).contains(&"plaintext-auth"));
    assert!(!ids(&r).contains(&"tls-not-shown"));
}

#[test]
fn good_sessions_raise_no_alarm() {
    for name in GOOD {
        let (_, r) = load(name);
        for f in &r.findings {
            assert!(
                f.severity <= Severity::Medium,
                "{name}: {} is {:?} on a good session",
                f.id,
                f.severity
            );
        }
        assert!(
            !ids(&r).iter().any(|i| matches!(
                *i,
                "plaintext-auth"
                    | "starttls-not-offered"
                    | "starttls-offered-not-used"
                    | "starttls-failed"
            )),
            "{name}: {:?}",
            ids(&r)
        );
    }
    // Verified TLS, AUTH inside it: nothing at all to say.
    for name in [
        "swaks/postfix-587-starttls-auth-plain",
        "rules/tls-certificate-unverified-near-miss",
        "nodemailer/aiosmtpd-starttls-587",
    ] {
        let (_, r) = load(name);
        assert!(r.findings.is_empty(), "{name}: {:?}", ids(&r));
        assert_eq!(verdict(&r.findings, 0).grade, Grade::A);
    }
}

#[test]
fn a_sender_rejection_is_not_a_relay_denial() {
    let (_, r) = load("rules/relay-denied-near-miss");
    assert!(the(&r, "sender-rejected").title.contains("554 5.7.1"));
    assert!(!ids(&r).contains(&"relay-denied"));
    let (_, r) = load("swaks/postfix-25-relay-denied");
    assert!(!ids(&r).contains(&"sender-rejected"));
    assert!(!ids(&r).contains(&"recipient-rejected"));
    assert!(the(&r, "relay-denied")
        .title
        .contains("someone@example.com"));
}

#[test]
fn vrfy_is_flagged_only_when_answers_can_reveal() {
    // 252 for a user, 550 5.1.1 for another: proven.
    let (_, r) = load("terminal/postfix-25-vrfy-enabled");
    assert_eq!(the(&r, "vrfy-enabled").severity, Severity::Medium);
    // Blanket 252 and "disabled": nothing revealed.
    for name in [
        "rules/vrfy-enabled-near-miss",
        "terminal/postfix-25-vrfy-disabled",
    ] {
        let (_, r) = load(name);
        assert!(!ids(&r).contains(&"vrfy-enabled"), "{name}");
    }
    // Advertised but not tried: low.
    let (_, r) = load("terminal/postfix-25-telnet-full-session");
    assert_eq!(the(&r, "vrfy-enabled").severity, Severity::Low);
}

#[test]
fn severity_follows_the_context() {
    // Unverified certificate: credentials over it from a library vs a test
    // tool told to skip the check vs port 25 without credentials.
    let (_, r) = load("exim-log/v-smarthost-delivery-to-postfix587");
    assert_eq!(
        the(&r, "tls-certificate-unverified").severity,
        Severity::High
    );
    let (_, r) = load("curl/postfix-587-starttls-auth");
    assert_eq!(
        the(&r, "tls-certificate-unverified").severity,
        Severity::Medium
    );
    let (_, r) = load("openssl/postfix-25-starttls-typed");
    assert_eq!(
        the(&r, "tls-certificate-unverified").severity,
        Severity::Info
    );
    // No STARTTLS: high on submission, medium on 25.
    let (_, r) = load("swaks/aiosmtpd-587-starttls-not-offered");
    assert_eq!(the(&r, "starttls-not-offered").severity, Severity::High);
    let (_, r) = load("swaks/aiosmtpd-25-open-relay");
    assert_eq!(the(&r, "starttls-not-offered").severity, Severity::Medium);
    // STARTTLS offered, unused: a probe is info, a password is high.
    let (_, r) = load("terminal/postfix-25-vrfy-enabled");
    assert_eq!(
        the(&r, "starttls-offered-not-used").severity,
        Severity::Info
    );
    let (_, r) = load("swaks/postfix-25-cleartext-auth-plain");
    assert_eq!(
        the(&r, "starttls-offered-not-used").severity,
        Severity::High
    );
    // A STARTTLS refusal the client ignored is a downgrade.
    let (_, r) = load("rules/starttls-failed-trigger");
    assert_eq!(the(&r, "starttls-failed").severity, Severity::High);
    let (_, r) = load("sendemail/postfix-587-tls-verify-fails");
    assert_eq!(the(&r, "starttls-failed").severity, Severity::Medium);
    // An open relay that took the message.
    let (_, r) = load("swaks/aiosmtpd-25-open-relay");
    assert_eq!(the(&r, "open-relay-suspected").severity, Severity::Critical);
}

#[test]
fn fixes_speak_the_clients_language() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "phpmailer/postfix-autotls-off-cleartext-25",
            "plaintext-auth",
            &["SMTPSecure", "smtpd_tls_auth_only = yes"],
        ),
        (
            "nodemailer/aiosmtpd-cleartext-auth-2525",
            "plaintext-auth",
            &["requireTLS: true", "auth_require_tls"],
        ),
        (
            "smtplib/aiosmtpd-cleartext-auth-2525",
            "plaintext-auth",
            &["starttls(context=ssl.create_default_context())", "login("],
        ),
        (
            "curl/aiosmtpd-587-ssl-optional-falls-back",
            "plaintext-auth",
            &["--ssl-reqd"],
        ),
        (
            "swaks/postfix-25-cleartext-auth-plain",
            "plaintext-auth",
            &["--tls", "smtpd_tls_auth_only"],
        ),
        (
            "msmtp/exim-25-cleartext-plain",
            "plaintext-auth",
            &["tls_starttls on", "auth_advertise_hosts"],
        ),
        (
            "javamail/aiosmtpd-cleartext-auth-2525",
            "plaintext-auth",
            &["mail.smtp.starttls.required=true"],
        ),
        (
            "ruby/aiosmtpd-cleartext-auth-2525",
            "plaintext-auth",
            &["starttls: :always"],
        ),
        (
            "sendemail/postfix-25-cleartext-auth",
            "plaintext-auth",
            &["-o tls=yes"],
        ),
        (
            "terminal/postfix-25-telnet-cleartext-auth-login",
            "plaintext-auth",
            &["openssl s_client -starttls smtp"],
        ),
        (
            "rfc/mailkit-smtps-465-auth-failed-reconstructed",
            "auth-failed",
            &["client.Authenticate"],
        ),
        (
            "symfony/aiosmtpd-auth-failed-587",
            "auth-failed",
            &["smtp://USER:PASS@host:587"],
        ),
        (
            "rules/auth-failed-gmail-trigger",
            "auth-failed",
            &["app password", "Gmail"],
        ),
        (
            "terminal/postfix-25-vrfy-enabled",
            "vrfy-enabled",
            &["disable_vrfy_command = yes"],
        ),
        (
            "terminal/exim-25-expn-vrfy-help",
            "expn-enabled",
            &["acl_smtp_expn"],
        ),
        (
            "swaks/aiosmtpd-25-open-relay",
            "open-relay-suspected",
            &["handle_RCPT"],
        ),
        (
            "curl/postfix-587-starttls-auth",
            "tls-certificate-unverified",
            &["-k", "smtpd_tls_chain_files"],
        ),
        // s_client -starttls hides the banner: the server is unknown, the
        // server side of the fix is generic.
        (
            "openssl/postfix-587-tls1_1-forced-eof",
            "deprecated-tls-version",
            &["-tls1_1", "disable SSLv3, TLS 1.0 and TLS 1.1"],
        ),
        (
            "terminal/postfix-25-nc-bare-lf",
            "bare-lf-in-data",
            &["nc -C", "smtpd_forbid_bare_newline"],
        ),
        (
            "openssl/postfix-587-no-ehlo-after-starttls",
            "no-ehlo-after-starttls",
            &["EHLO"],
        ),
        (
            "smtplib/aiosmtpd-starttls-hostname-error",
            "starttls-failed",
            &["smtplib.SMTP(host, 587)"],
        ),
    ];
    for (name, id, want) in cases {
        let (_, r) = load(name);
        let f = the(&r, id);
        for w in *want {
            assert!(f.fix.contains(w), "{name} {id}: fix lacks {w:?}: {}", f.fix);
        }
    }
    // No client or server known: the generic advice.
    let (_, r) = load("rules/starttls-failed-trigger");
    assert!(the(&r, "plaintext-auth")
        .fix
        .contains("Make the client require TLS"));
}

#[test]
fn advice_tables_cover_every_client_for_tls() {
    for c in [
        Client::Swaks,
        Client::Openssl,
        Client::Curl,
        Client::Smtplib,
        Client::Nodemailer,
        Client::Msmtp,
        Client::Sendemail,
        Client::Phpmailer,
        Client::Ruby,
        Client::Javamail,
        Client::Symfony,
        Client::Mailkit,
        Client::Terminal,
    ] {
        assert!(
            client_advice(c, Topic::RequireTls).is_some(),
            "{c:?}: RequireTls"
        );
        assert!(
            client_advice(c, Topic::ImplicitTls).is_some(),
            "{c:?}: ImplicitTls"
        );
    }
    assert_eq!(client_advice(Client::Unknown, Topic::RequireTls), None);
    for s in [
        Server::Postfix,
        Server::Exim,
        Server::Sendmail,
        Server::Aiosmtpd,
        Server::OpenSmtpd,
    ] {
        assert!(server_advice(s, Topic::AuthOnlyOverTls).is_some(), "{s:?}");
        assert!(
            server_advice(s, Topic::RelayRestrictions).is_some(),
            "{s:?}"
        );
    }
    assert!(server_advice(Server::Microsoft365, Topic::RelayRestrictions).is_some());
}

#[test]
fn the_verdict_names_the_worst_first() {
    let (_, r) = load("swaks/postfix-25-cleartext-auth-plain");
    let v = verdict(&r.findings, 0);
    assert_eq!(v.grade, Grade::F);
    assert_eq!(v.worst, Some("plaintext-auth"));
    assert!(
        v.reason
            .starts_with("Password of alice@example.test sent in cleartext"),
        "{}",
        v.reason
    );
    let (_, r) = load("swaks/postfix-587-wrong-password");
    let v = verdict(&r.findings, 0);
    assert_eq!((v.grade, v.worst), (Grade::C, Some("auth-failed")));
    let (_, r) = load("swaks/postfix-465-implicit-auth-login");
    let v = verdict(&r.findings, 0);
    assert_eq!(v.grade, Grade::A);
    assert!(v.reason.contains("Implicit TLS"), "{}", v.reason);
    let (_, r) = load("swaks/aiosmtpd-587-starttls-not-offered");
    assert_eq!(verdict(&r.findings, 0).grade, Grade::D);
    let (_, r) = load("terminal/postfix-25-telnet-full-session");
    assert_eq!(verdict(&r.findings, 0).grade, Grade::B);
    // Two sessions, graded apart.
    let (_, r) = load("mixed/two-sessions-smtplib-then-nodemailer");
    assert_eq!(verdict(&r.findings, 0).grade, Grade::C);
    assert_eq!(verdict(&r.findings, 1).grade, Grade::A);
}
