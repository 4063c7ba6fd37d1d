//! `smtp-lens [FILE|-] [--port N] [--format ID] [--json] [--explain] [--fail-on SEVERITY]`
//!
//! Reads a transcript (a file, or standard input), prints a summary (or the
//! JSON report), exits 1 when a finding is at or above `--fail-on`, 2 on a
//! usage or read error.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use smtp_lens::{analyze, text_of, Format, Options, Severity};

mod text;

const USAGE: &str = "usage: smtp-lens [FILE|-] [--port N] [--format ID] [--json] [--explain] [--fail-on SEVERITY] [--no-color]";

struct Args {
    file: Option<String>,
    opts: Options,
    json: bool,
    explain: bool,
    fail_on: Option<Severity>,
    color: Option<bool>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        file: None,
        opts: Options::default(),
        json: false,
        explain: false,
        fail_on: None,
        color: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--json" => a.json = true,
            "--explain" => a.explain = true,
            "--no-color" => a.color = Some(false),
            "--color" => a.color = Some(true),
            "--port" | "-p" => {
                let v = value("--port")?;
                a.opts.port = Some(
                    v.parse()
                        .ok()
                        .filter(|p| *p > 0)
                        .ok_or_else(|| format!("--port: '{v}' is not a port number (1-65535)"))?,
                );
            }
            "--format" => {
                let v = value("--format")?;
                let ids: Vec<&str> = Format::all().map(Format::id).collect();
                a.opts.format = Some(Format::from_id(&v).ok_or_else(|| {
                    format!(
                        "--format: unknown format '{v}' (one of: {})",
                        ids.join(", ")
                    )
                })?);
            }
            "--fail-on" => {
                let v = value("--fail-on")?;
                a.fail_on = Some(Severity::parse(&v).ok_or_else(|| {
                    format!(
                        "--fail-on: '{v}' is not a severity (info, low, medium, high, critical)"
                    )
                })?);
            }
            "-" => a.file = Some("-".into()),
            f if f.starts_with('-') => return Err(format!("unknown option '{f}'")),
            _ if a.file.is_some() => return Err(format!("only one FILE, got a second: '{arg}'")),
            _ => a.file = Some(arg),
        }
    }
    Ok(a)
}

fn read_input(file: Option<&str>) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    match file {
        None | Some("-") => {
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(path) => {
            buf = std::fs::read(path).map_err(|e| format!("cannot read '{path}': {e}"))?;
        }
    }
    Ok(buf)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}\n\nAnalyses an SMTP session transcript (swaks, openssl s_client, curl -v, smtplib, PHPMailer, nodemailer, ...).");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("smtp-lens: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.file.is_none() && std::io::stdin().is_terminal() {
        eprintln!("smtp-lens: reading the transcript from standard input (end with Ctrl-D); pass a FILE or pipe one in");
    }
    let bytes = match read_input(args.file.as_deref()) {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("smtp-lens: {msg}");
            return ExitCode::from(2);
        }
    };
    let input = text_of(&bytes);
    let report = analyze(&input, &args.opts);
    let stdout = std::io::stdout();
    let color = args
        .color
        .unwrap_or_else(|| stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        smtp_lens::json_pretty::to_writer(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        text::write(&mut out, &report, &input, args.explain, color)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("smtp-lens: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    let code = match args.fail_on {
        Some(level) if report.findings.iter().any(|f| f.severity >= level) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    };
    // The process ends here: the system takes the memory back at once,
    // where freeing a 40 MB paste's report (a million events) piece by
    // piece costs tens of milliseconds.
    std::mem::forget(report);
    std::mem::forget(input);
    code
}
