//! The session summary: the port and what it means, TLS, AUTH, the
//! messages, and how long each step took when the transcript has times.

use smtp_lens::session::{Outcome, PortSource, TlsMode};
use smtp_lens::SessionReport;
use yew::prelude::*;

use crate::app::analysis::Analysis;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub analysis: std::rc::Rc<Analysis>,
    pub session: usize,
}

/// What a port is for.
pub fn port_meaning(port: u16) -> &'static str {
    match port {
        25 => "SMTP relay: server to server (MX). Not meant for mail programs submitting mail; TLS there is opportunistic.",
        465 => "Submission over implicit TLS (RFC 8314): TLS from the first byte, then AUTH.",
        587 => "Submission (RFC 6409): the client authenticates, after STARTTLS.",
        2525 => "An unofficial submission port, used where 587 is blocked; works like 587.",
        _ => "Not a standard SMTP port.",
    }
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let Some(sr) = props.analysis.report.sessions.get(props.session) else {
        return html! {};
    };
    let s = &sr.session;
    let port = match (s.port, s.port_source) {
        (Some(p), Some(PortSource::Caller)) => {
            html! { <><strong>{ p }</strong><span class="muted">{ " (set by you)" }</span></> }
        }
        (Some(p), _) => html! { <strong>{ p }</strong> },
        (None, _) => html! { <span class="muted">{ "not shown: choose it above" }</span> },
    };
    let meaning = s
        .port
        .map(port_meaning)
        .unwrap_or("The transcript does not name the port; set it above for a precise verdict.");
    let tls_mode = match s.tls {
        TlsMode::None => "None: the whole session was cleartext",
        TlsMode::Starttls => "STARTTLS (upgraded after EHLO)",
        TlsMode::Implicit => "Implicit TLS (from the first byte)",
        TlsMode::Unknown => "Not shown by this client's output",
    };
    let established = match (s.tls, s.tls_established) {
        (TlsMode::None, _) => html! {},
        (TlsMode::Unknown, _) => html! {},
        (_, true) => html! { <span class="pill pill-ok">{ "✓ established" }</span> },
        (_, false) => html! { <span class="pill pill-bad">{ "✗ not established" }</span> },
    };
    let tls_detail = [s.tls_version.clone(), s.tls_cipher.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let verify = s.tls_verify.as_ref().map(|v| {
        html! {
            <div class="kv-sub">
                { if v.ok { "Certificate verified" } else { "Certificate not verified: " } }
                if !v.ok { <span>{ v.detail.clone() }</span> }
            </div>
        }
    });
    let auths = if s.auths.is_empty() {
        html! { <span class="muted">{ if s.client_only || s.server_only { "none shown" } else { "none" } }</span> }
    } else {
        html! {
            <ul class="plain-list">
                { for s.auths.iter().map(|a| {
                    let (cls, word) = match a.outcome {
                        Outcome::Accepted => ("pill-ok", "✓ accepted"),
                        Outcome::Rejected => ("pill-bad", "✗ rejected"),
                        Outcome::Unknown => ("pill-muted", "? outcome not shown"),
                    };
                    html! {
                        <li>
                            <strong>{ a.mechanism.clone() }</strong>
                            { " as " }
                            <code class="user">{ a.user.clone().unwrap_or_else(|| "user not shown".into()) }</code>
                            { " " }
                            <span class={classes!("pill", cls)}>{ word }</span>
                            if a.credentials_sent && !a.over_tls {
                                <span class="pill pill-bad">{ "⚠ in cleartext" }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let rejected = s.transactions.iter().filter(|t| !t.accepted).count();
    let rcpt_rejected: usize = s
        .transactions
        .iter()
        .map(|t| {
            t.rcpts
                .iter()
                .filter(|r| r.code.is_some_and(|c| c >= 400))
                .count()
        })
        .sum();
    let server = s
        .server
        .map(|v| html! { <><dt>{ "Server" }</dt><dd>{ v }</dd></> });
    let timings = timings(&props.analysis, sr);
    html! {
        <section class="panel summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "Summary" }</h2>
            <dl class="kv">
                <dt>{ "Client output" }</dt>
                <dd>{ s.format.map(|f| smtp_lens::Format::from_id(f).map(|x| x.name()).unwrap_or(f)).unwrap_or(props.analysis.report.format_name) }</dd>
                { server.unwrap_or_default() }
                <dt>{ "Port" }</dt>
                <dd>{ port }<div class="kv-sub">{ meaning }</div></dd>
                <dt>{ "TLS" }</dt>
                <dd>
                    { tls_mode }{ " " }{ established }
                    if !tls_detail.is_empty() { <div class="kv-sub">{ tls_detail }</div> }
                    { verify.unwrap_or_default() }
                </dd>
                <dt>{ "AUTH" }</dt>
                <dd>{ auths }</dd>
                <dt>{ "Messages" }</dt>
                <dd>
                    <strong>{ s.messages_accepted }</strong>{ " accepted" }
                    if rejected > 0 { { format!(" · {rejected} not accepted") } }
                    if rcpt_rejected > 0 { { format!(" · {rcpt_rejected} recipient(s) refused") } }
                </dd>
                <dt>{ "Ended" }</dt>
                <dd>{ match s.end {
                    smtp_lens::session::End::Quit => "QUIT, answered 221",
                    smtp_lens::session::End::Closed => "connection closed",
                    smtp_lens::session::End::Incomplete => "the paste stops mid-session",
                } }</dd>
                if !timings.is_empty() {
                    <dt>{ "Timings" }</dt>
                    <dd><ul class="plain-list timings">{ for timings.into_iter().map(|(what, ms)| html! {
                        <li><span>{ what }</span>{ " " }<strong>{ fmt_ms(ms) }</strong></li>
                    }) }</ul></dd>
                }
            </dl>
        </section>
    }
}

fn fmt_ms(ms: u64) -> String {
    if ms >= 1000 {
        format!("{}.{:02} s", ms / 1000, (ms % 1000) / 10)
    } else {
        format!("{ms} ms")
    }
}

/// The time each command waited for its reply, when lines carry clock
/// times (`12:00:01.250`), and the whole session.
fn timings(a: &Analysis, sr: &SessionReport) -> Vec<(String, u64)> {
    let s = &sr.session;
    let at = |line: u32| -> Option<u64> {
        let span = a.index.span(&a.text, line)?;
        clock_ms(a.text.get(span.range())?)
    };
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (s.events.first(), s.events.last()) else {
        return out;
    };
    let (Some(t0), Some(t1)) = (at(first.line), at(last.end_line)) else {
        return out;
    };
    for e in &s.events {
        let Some(ci) = e.answers else { continue };
        let Some(cmd) = s.event(ci) else { continue };
        let Some(verb) = cmd.verb else { continue };
        if matches!(
            verb,
            smtp_lens::parse::Verb::AuthResponse | smtp_lens::parse::Verb::DataLine
        ) {
            continue;
        }
        if let (Some(tc), Some(tr)) = (at(cmd.line), at(e.line)) {
            if tr >= tc && out.len() < 12 {
                out.push((verb.as_str().to_string(), tr - tc));
            }
        }
    }
    if t1 >= t0 {
        out.push(("Whole session".into(), t1 - t0));
    }
    out
}

/// Milliseconds since midnight of the first `HH:MM:SS(.fff)` in the first
/// 40 bytes of a line.
pub fn clock_ms(line: &str) -> Option<u64> {
    let b = line.as_bytes();
    let end = b.len().min(40);
    (0..end.saturating_sub(7)).find_map(|i| {
        let w = b.get(i..i + 8)?;
        let d = |k: usize| {
            w.get(k)
                .filter(|c| c.is_ascii_digit())
                .map(|c| u64::from(c - b'0'))
        };
        if w.get(2) != Some(&b':') || w.get(5) != Some(&b':') {
            return None;
        }
        if i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let h = d(0)? * 10 + d(1)?;
        let m = d(3)? * 10 + d(4)?;
        let s = d(6)? * 10 + d(7)?;
        let mut ms = ((h * 60 + m) * 60 + s) * 1000;
        if matches!(b.get(i + 8), Some(b'.') | Some(b',')) {
            let mut scale = 100;
            for c in b
                .iter()
                .skip(i + 9)
                .take_while(|c| c.is_ascii_digit())
                .take(3)
            {
                ms += u64::from(c - b'0') * scale;
                scale /= 10;
            }
        }
        Some(ms)
    })
}
