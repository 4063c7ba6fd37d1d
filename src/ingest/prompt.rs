//! A shell prompt followed by the command the user ran (`$ swaks --server
//! 127.0.0.1:587 -tls`): it starts a session and often names the port and
//! the TLS mode.

use super::tag::{host_port, port_prefix, Info};
use super::url::smtp_url;
use crate::ingest::clean::trim_start;

const TOOLS: &[&str] = &[
    "swaks",
    "openssl",
    "curl",
    "telnet",
    "nc",
    "ncat",
    "netcat",
    "socat",
    "msmtp",
    "sendemail",
    "sendEmail",
    "gnutls-cli",
    "python",
    "python3",
    "php",
    "node",
    "ruby",
    "java",
    "mail",
    "sendmail",
    "mutt",
    "s-nail",
];

/// The user a command line authenticates as (`--auth-user`, curl's
/// `--user user:password`, sendEmail's `-xu`).
pub fn user(line: &str) -> Option<&str> {
    let mut words = line.split_ascii_whitespace();
    while let Some(w) = words.next() {
        // Every flag asked for starts with `-` (the session builder asks
        // each connection's line, most of whose words are not flags).
        if !w.starts_with('-') {
            continue;
        }
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v)),
            _ => (w, None),
        };
        let v = match flag {
            "--auth-user" | "-au" | "-xu" | "--user" | "-u" => inline.or_else(|| words.next()),
            _ => None,
        };
        if let Some(v) = v {
            let v = v.trim_matches(|c| c == '\'' || c == '"');
            let u = if flag == "--user" || flag == "-u" {
                v.split_once(':').map_or(v, |(u, _)| u)
            } else {
                v
            };
            if !u.is_empty() {
                return Some(u);
            }
        }
    }
    None
}

/// True when `rest` starts with a tool name (or `sudo`) and a space.
pub fn starts_with_tool(rest: &[u8]) -> bool {
    // Tool names are lower case, or a path to one (`/usr/bin/swaks`,
    // `./swaks`, `~/bin/swaks`): most SMTP text is ruled out here.
    if !rest
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || matches!(b, b'/' | b'.' | b'~'))
    {
        return false;
    }
    let word_end = rest.iter().position(|b| *b == b' ').unwrap_or(rest.len());
    let word = rest.get(..word_end).unwrap_or(&[]);
    let name = word.rsplit(|b| *b == b'/').next().unwrap_or(word);
    name == b"sudo" || TOOLS.iter().any(|t| t.as_bytes() == name)
}

/// Splits a prompt off a line: `user@host:~$ `, `$ `, `# `, `% `, `PS C:\> `.
fn after_prompt(line: &str) -> Option<&str> {
    let t = trim_start(line);
    for p in ["$ ", "# ", "% "] {
        if let Some(r) = t.strip_prefix(p) {
            return Some(r);
        }
    }
    // user@host:~/dir$ cmd  /  [user@host dir]# cmd  /  PS C:\x> cmd
    let head = t.get(..t.len().min(120)).unwrap_or(t);
    for p in ["$ ", "# ", "> "] {
        if let Some(i) = head.find(p) {
            let before = head.get(..i).unwrap_or("");
            let user_host = !before.contains(' ')
                && (before.contains('@') || before.contains(':') || before.ends_with('~'));
            let bracketed = before.starts_with('[') && before.ends_with(']');
            let powershell = before.starts_with("PS ");
            if user_host || bracketed || powershell {
                return t.get(i + 2..);
            }
        }
    }
    None
}

/// Options whose value is a password (swaks, msmtp, sendemail, curl's
/// `user:password`).
const SECRET_OPTIONS: &[&str] = &[
    "--auth-password",
    "-ap",
    "--password",
    "--passwd",
    "--pass",
    "-xp",
    "--tls-key-password",
];
const USER_PASS_OPTIONS: &[&str] = &["-u", "--user"];

/// The password values on a command line (to be masked), as sub-slices.
pub fn secrets(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut words = line.split_ascii_whitespace().peekable();
    while let Some(w) = words.next() {
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v)),
            _ => (w, None),
        };
        let value = if SECRET_OPTIONS.contains(&flag) || USER_PASS_OPTIONS.contains(&flag) {
            inline.or_else(|| words.next())
        } else {
            None
        };
        // A SASL payload typed into the command (`printf 'AUTH PLAIN AGFs...'`).
        if !w.starts_with('-') && w.ends_with("AUTH") {
            if let Some(mech) = words.peek().copied() {
                if matches!(
                    mech.to_ascii_uppercase().as_str(),
                    "PLAIN" | "LOGIN" | "XOAUTH2" | "OAUTHBEARER"
                ) {
                    words.next();
                    if let Some(payload) = words.next() {
                        let p = payload
                            .split("\\r")
                            .next()
                            .unwrap_or(payload)
                            .trim_matches(|c| c == '\'' || c == '"');
                        if p.len() >= 4 {
                            out.push(p);
                        }
                    }
                }
            }
            continue;
        }
        let Some(v) = value else { continue };
        let v = v.trim_matches(|c| c == '\'' || c == '"');
        if USER_PASS_OPTIONS.contains(&flag) {
            if let Some((_, pass)) = v.split_once(':') {
                out.push(pass);
            }
        } else if !v.is_empty() {
            out.push(v);
        }
    }
    out
}

/// The mail tool a prompt line runs (the last stage of a pipeline that
/// names one), without its path.
pub fn tool_of(line: &str) -> Option<&str> {
    let full = after_prompt(line)?.trim();
    let cmd = full
        .rsplit('|')
        .map(str::trim)
        .find(|seg| starts_with_tool(seg.trim_start_matches('(').as_bytes()))?;
    let tool = cmd
        .trim_start_matches('(')
        .split_ascii_whitespace()
        .find(|w| *w != "sudo" && !w.contains('='))?;
    Some(tool.rsplit('/').next().unwrap_or(tool))
}

/// When `line` is a shell prompt running a mail tool, what its command line
/// says about the connection.
pub fn command_line(line: &str) -> Option<Info> {
    command(after_prompt(line)?)
}

/// What a command (without its prompt) says about the connection, when it
/// runs a mail tool.
pub fn command(full: &str) -> Option<Info> {
    let full = full.trim();
    // In a pipeline (`printf '...' | openssl s_client ...`) the mail tool is
    // the last stage that names one.
    let cmd = full
        .rsplit('|')
        .map(str::trim)
        .find(|seg| starts_with_tool(seg.trim_start_matches('(').as_bytes()))?;
    let mut words = cmd
        .split_ascii_whitespace()
        .skip_while(|w| *w == "sudo" || w.contains('='));
    let tool = words.next()?;
    let tool_name = tool.rsplit('/').next().unwrap_or(tool);
    if !TOOLS.contains(&tool_name) {
        return None;
    }
    let args: Vec<&str> = words.collect();
    let version = args.iter().find_map(|a| match *a {
        "-ssl3" => Some("SSLv3"),
        "-tls1" => Some("TLSv1"),
        "-tls1_1" => Some("TLSv1.1"),
        "-tls1_2" => Some("TLSv1.2"),
        "-tls1_3" => Some("TLSv1.3"),
        _ => None,
    });
    let mut port = None;
    let mut implicit = false;
    let mut starttls = false;
    let mut iter = args.iter().peekable();
    let mut positional = Vec::new();
    while let Some(a) = iter.next() {
        let a = a.trim_matches(|c| c == '\'' || c == '"');
        match a {
            "-connect" | "--server" | "-s" | "--host" => {
                if let Some(v) = iter.next() {
                    port = port.or(host_port(v.trim_matches(|c| c == '\'' || c == '"')));
                }
            }
            "--port" | "-p" | "-port" => {
                if let Some(v) = iter.next() {
                    port = port.or(port_prefix(v));
                }
            }
            "-starttls"
            | "-tls"
            | "--tls"
            | "-S"
            | "--ssl-reqd"
            | "--tls-optional"
            | "--tls-optional-strict" => starttls = true,
            "--tls-on-connect" | "-tlsc" | "--tlsc" | "--tls-on-connect=on" => implicit = true,
            _ if a.starts_with("--port=") => port = port.or(a.get(7..).and_then(port_prefix)),
            _ if a.starts_with("--server=") => port = port.or(a.get(9..).and_then(host_port)),
            _ if a.starts_with("--tls=on") => starttls = true,
            _ if a.starts_with("--tls-starttls=off") => implicit = true,
            _ => {
                if let Some((p, imp)) = smtp_url(a) {
                    port = port.or(p);
                    implicit |= imp;
                } else if !a.starts_with('-') {
                    positional.push(a);
                }
            }
        }
    }
    // telnet HOST PORT / nc HOST PORT
    if port.is_none() && matches!(tool_name, "telnet" | "nc" | "ncat" | "netcat") {
        port = positional.get(1).and_then(|p| port_prefix(p));
    }
    if tool_name == "gnutls-cli" && !args.iter().any(|a| a.starts_with("--starttls")) {
        implicit = port == Some(465);
    }
    if tool_name == "openssl" && !starttls && args.contains(&"s_client") {
        implicit = true;
    }
    if tool_name == "openssl" && !args.contains(&"s_client") {
        return None;
    }
    // A tool run by hand: its arguments say whether it used TLS.
    Some(Info::Connect {
        port,
        implicit_tls: implicit,
        starttls,
        tls_known: true,
        version: version.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(line: &str) -> Option<(Option<u16>, bool, bool)> {
        match command_line(line)? {
            Info::Connect {
                port,
                implicit_tls,
                starttls,
                ..
            } => Some((port, implicit_tls, starttls)),
            _ => None,
        }
    }

    #[test]
    fn prompts() {
        assert_eq!(
            c("$ swaks --to a@b --server 127.0.0.1:587 -tls"),
            Some((Some(587), false, true))
        );
        assert_eq!(
            c("user@host:~$ openssl s_client -connect 127.0.0.1:465 -crlf"),
            Some((Some(465), true, false))
        );
        assert_eq!(
            c("$ openssl s_client -starttls smtp -connect mx:25"),
            Some((Some(25), false, true))
        );
        assert_eq!(
            c("root@box:/# telnet 127.0.0.1 25"),
            Some((Some(25), false, false))
        );
        assert_eq!(
            c("$ curl -v --url smtps://127.0.0.1 --mail-from a"),
            Some((Some(465), true, false))
        );
        assert_eq!(c("$ ls -la"), None);
        assert_eq!(
            user("$ swaks --auth-user alice@x --auth-password p"),
            Some("alice@x")
        );
        assert_eq!(user("$ curl --user 'bob:pw' smtp://x"), Some("bob"));
        assert_eq!(c("250 ok"), None);
        assert_eq!(
            secrets("$ swaks --auth-password 'S3cret!' -tls"),
            vec!["S3cret!"]
        );
        assert_eq!(secrets("$ curl --user 'alice@x:pw' -v"), vec!["pw"]);
        assert_eq!(secrets("$ msmtp --passwordeval=x"), Vec::<&str>::new());
        assert_eq!(
            secrets("$ swaks --auth LOGIN --auth-user a --auth-password pw"),
            vec!["pw"]
        );
        assert_eq!(secrets("$ printf 'EHLO x\\r\\nAUTH PLAIN AGFsaWNl\\r\\nQUIT' | openssl s_client -connect h:465"), vec!["AGFsaWNl"]);
        assert_eq!(
            c("$ (printf 'EHLO x' ; sleep 3) | openssl s_client -connect 127.0.0.1:465"),
            Some((Some(465), true, false))
        );
    }
}
