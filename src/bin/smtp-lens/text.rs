//! The human-readable summary.

use std::io::{self, Write};

use smtp_lens::session::{Channel, Dir, Kind, Outcome, TlsMode};
use smtp_lens::{Report, Severity};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical | Severity::High => "1;31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.paint(code, &format!("{:<8}", s.as_str()))
    }
}

pub fn write(
    out: &mut impl Write,
    report: &Report,
    input: &str,
    explain: bool,
    color: bool,
) -> io::Result<()> {
    let st = Style { on: color };
    writeln!(out, "{} {}", st.bold("Format:"), report.format_name)?;
    for d in report.diagnostics.iter().filter(|d| d.line == 0) {
        writeln!(out, "{} {}", st.bold("Note:"), d.message)?;
    }
    for s in &report.sessions {
        let ses = &s.session;
        writeln!(out)?;
        writeln!(out, "{}", st.bold(&format!("Session {}", s.index + 1)))?;
        writeln!(
            out,
            "  verdict       {} — {}",
            st.bold(s.verdict.grade.as_str()),
            s.verdict.reason
        )?;
        if let Some(f) = ses.format.and_then(smtp_lens::Format::from_id) {
            writeln!(out, "  client        {}", f.name())?;
        }
        let port = ses.port.map_or("unknown".to_string(), |p| p.to_string());
        writeln!(out, "  port          {port}")?;
        let tls = match ses.tls {
            TlsMode::None => "none (cleartext)".to_string(),
            TlsMode::Starttls => format!(
                "STARTTLS{}",
                if ses.starttls_hidden {
                    " (done by the tool, not shown)"
                } else {
                    ""
                }
            ),
            TlsMode::Implicit => "implicit TLS".to_string(),
            TlsMode::Unknown => "not shown by this client's output (give --port)".to_string(),
        };
        writeln!(
            out,
            "  tls           {tls}, {}",
            if ses.tls_established {
                "established"
            } else {
                "not established"
            }
        )?;
        writeln!(
            out,
            "  tls version   {}",
            ses.tls_version.as_deref().unwrap_or("not shown")
        )?;
        if let Some(v) = &ses.tls_verify {
            writeln!(
                out,
                "  certificate   {} ({})",
                if v.ok { "verified" } else { "NOT verified" },
                v.detail
            )?;
        }
        if let Some(server) = ses.server {
            writeln!(out, "  server        {server}")?;
        }
        for a in &ses.auths {
            let outcome = match a.outcome {
                Outcome::Accepted => "accepted",
                Outcome::Rejected => "rejected",
                Outcome::Unknown => "outcome unknown",
            };
            let secret = match (a.password_len, a.secret_hidden) {
                (Some(n), _) => format!("password {n} chars, masked"),
                (None, true) => "password hidden by the tool".to_string(),
                (None, false) => "no password shown".to_string(),
            };
            writeln!(
                out,
                "  auth          {} as {} ({secret}), {}, {outcome} (line {})",
                a.mechanism,
                a.user.as_deref().unwrap_or("?"),
                if a.over_tls {
                    "over TLS"
                } else {
                    "IN CLEARTEXT"
                },
                a.line
            )?;
        }
        writeln!(
            out,
            "  messages      {} accepted of {}",
            ses.messages_accepted,
            ses.transactions.len()
        )?;
        writeln!(
            out,
            "  ended         {}",
            serde_json::to_value(ses.end)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        )?;
        if explain {
            writeln!(out)?;
            for e in &ses.events {
                if e.kind == Kind::Noise {
                    continue;
                }
                let text = smtp_lens::report::masked(input, e.span, &ses.secrets);
                let arrow = match e.dir {
                    Dir::Client => "C:",
                    Dir::Server => "S:",
                    _ => "  ",
                };
                let lock = match e.channel {
                    Channel::Encrypted => "tls",
                    Channel::Negotiating => "...",
                    Channel::Cleartext => "   ",
                };
                let first = text.lines().next().unwrap_or("");
                let more = if text.lines().count() > 1 { " …" } else { "" };
                writeln!(
                    out,
                    "{:>5} {lock} {arrow} {}{more}",
                    e.line,
                    if e.inferred {
                        st.dim("(not shown: inferred)")
                    } else {
                        first.to_string()
                    }
                )?;
                if let Some(why) = explanation(e) {
                    writeln!(out, "              {}", st.dim(&why))?;
                }
            }
        }
    }
    writeln!(out)?;
    if report.findings.is_empty() {
        writeln!(out, "{}", st.bold("No findings."))?;
    } else {
        writeln!(
            out,
            "{}",
            st.bold(&format!("Findings ({})", report.findings.len()))
        )?;
        for f in &report.findings {
            let lines: Vec<String> = f.lines.iter().map(u32::to_string).collect();
            writeln!(
                out,
                "  {} {} [{}] session {}, line {}",
                st.severity(f.severity),
                f.title,
                f.id,
                f.session + 1,
                lines.join(", ")
            )?;
            writeln!(out, "           {}", f.why)?;
            writeln!(out, "           fix: {}", f.fix)?;
        }
    }
    Ok(())
}

/// The catalog's explanation of a command or a reply, for `--explain`.
fn explanation(e: &smtp_lens::session::Event) -> Option<String> {
    use smtp_lens::explain;
    use smtp_lens::parse::Verb;
    match e.kind {
        Kind::Command => {
            let key = match e.verb? {
                Verb::DataEnd => ".",
                Verb::AuthResponse => {
                    return Some(
                        "Answer to the server's 334 challenge: a credential, masked.".into(),
                    )
                }
                Verb::Unknown => return Some("A command this server may not know.".into()),
                v => v.as_str(),
            };
            explain::command(key).map(|x| format!("{}: {}", x.title, x.text))
        }
        Kind::Reply => {
            let code = e.code?;
            let basic = explain::reply(code).map(|x| format!("{code} {}: {}", x.title, x.text));
            let enhanced = e.enhanced.and_then(|en| {
                explain::enhanced(&en.to_string()).map(|x| format!(" [{en} {}]", x.title))
            });
            basic.map(|b| b + enhanced.as_deref().unwrap_or(""))
        }
        _ => None,
    }
}
