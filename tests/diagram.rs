//! The flow diagram's layout and SVG, over the real fixtures: one arrow per
//! command and reply in transcript order, message data collapsed, the TLS
//! tunnel from the end of the handshake, finding markers on the evidence,
//! credentials masked, and transcript text that stays text in the SVG.

mod common;

use smtp_lens::diagram::{layout, to_svg, DiagramOptions, Layout, Phase, RowKind};
use smtp_lens::session::Kind;
use smtp_lens::{analyze, Options, Report};

fn fixture(name: &str) -> String {
    let path = common::fixtures_dir().join(format!("{name}.txt"));
    String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()
}

fn diagram(text: &str) -> (Report, Layout) {
    let report = analyze(text, &Options::default());
    let opts = DiagramOptions {
        text: Some(text),
        reveal_upto: None,
        width: None,
    };
    let l = layout(&report, 0, &opts).expect("session 0");
    (report, l)
}

/// A small XML well-formedness check: tags balance, attribute values are
/// quoted, and text holds no raw `<` or a bare `&`.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(lt) = rest.find('<') {
        check_text(rest.get(..lt).unwrap());
        let after = rest.get(lt..).unwrap();
        let gt = after.find('>').expect("unclosed tag");
        let tag = after.get(1..gt).unwrap();
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "close tag {name}"
            );
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':'),
                "bad tag name in <{tag}>"
            );
            check_attributes(body.get(name.len()..).unwrap(), tag);
            if !self_closing {
                stack.push(name);
            }
        }
        rest = after.get(gt + 1..).unwrap();
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
}

fn check_attributes(mut s: &str, tag: &str) {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return;
        }
        let eq = s
            .find('=')
            .unwrap_or_else(|| panic!("attribute without value in <{tag}>"));
        let name = s.get(..eq).unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-:".contains(c)),
            "bad attribute name {name:?} in <{tag}>"
        );
        let value = s.get(eq + 1..).unwrap();
        assert!(value.starts_with('"'), "unquoted attribute in <{tag}>");
        let end = value
            .get(1..)
            .unwrap()
            .find('"')
            .expect("unterminated value")
            + 1;
        let v = value.get(1..end).unwrap();
        assert!(!v.contains('<'), "raw < in an attribute of <{tag}>");
        check_text(v);
        s = value.get(end + 1..).unwrap();
    }
}

fn check_text(t: &str) {
    let mut rest = t;
    while let Some(amp) = rest.find('&') {
        let after = rest.get(amp..).unwrap();
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| after.starts_with(e));
        assert!(ok, "bare & in text: {after:.20}");
        rest = after.get(1..).unwrap();
    }
}

/// The events a diagram draws as their own arrow.
fn arrow_events(report: &Report, session: usize) -> Vec<u32> {
    report.sessions[session]
        .session
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, Kind::Command | Kind::Reply))
        .map(|(i, _)| i as u32)
        .collect()
}

#[test]
fn every_fixture_gives_ordered_rows_an_arrow_per_command_and_reply_and_valid_svg() {
    let all = common::fixtures();
    assert!(all.len() > 100);
    for f in &all {
        let report = analyze(&f.text, &Options::default());
        for (i, sr) in report.sessions.iter().enumerate() {
            let opts = DiagramOptions {
                text: Some(&f.text),
                reveal_upto: None,
                width: None,
            };
            let l = layout(&report, i, &opts).unwrap();
            let drawn: Vec<u32> = l
                .rows
                .iter()
                .filter(|r| matches!(r.kind, RowKind::Command | RowKind::Reply))
                .map(|r| r.event)
                .collect();
            assert_eq!(drawn, arrow_events(&report, i), "{} #{i}", f.name);
            for pair in l.rows.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                assert!(a.event < b.event, "{}: rows out of event order", f.name);
                assert!(a.bottom <= b.top + 0.01, "{}: rows overlap", f.name);
            }
            for r in &l.rows {
                let e = &sr.session.events[r.event as usize];
                assert_eq!(r.line, e.line, "{}: row keyed by its event's line", f.name);
                assert!(r.end_line >= r.line);
                assert!(r.top < r.bottom && r.bottom <= l.lifeline_bottom);
            }
            assert_well_formed(&to_svg(&l));
        }
    }
}

#[test]
fn starttls_session_reads_top_to_bottom_with_its_phases() {
    let (_, l) = diagram(&fixture("swaks/aiosmtpd-2525-starttls-auth-plain"));
    let seq: Vec<(RowKind, u32)> = l.rows.iter().map(|r| (r.kind, r.line)).collect();
    use RowKind::*;
    assert_eq!(
        seq,
        vec![
            (Note, 1),
            (Reply, 4),
            (Command, 5),
            (Reply, 6),
            (Command, 13),
            (Reply, 14),
            (Note, 15),
            (Command, 18),
            (Reply, 19),
            (Command, 25),
            (Reply, 26),
            (Command, 27),
            (Reply, 28),
            (Command, 29),
            (Reply, 30),
            (Command, 31),
            (Reply, 32),
            (Data, 33),
            (Command, 43),
            (Reply, 44),
            (Command, 45),
            (Reply, 46),
            (Note, 47),
        ]
    );
    let phases: Vec<&str> = l.phases.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        phases,
        [
            "connect",
            "greeting",
            "EHLO",
            "STARTTLS + handshake",
            "EHLO",
            "AUTH",
            "envelope",
            "data",
            "quit"
        ]
    );
    // Replies carry their code; arrows point the right way.
    let r = l.rows.iter().find(|r| r.line == 26).unwrap();
    assert_eq!(
        (r.lead.as_str(), r.text.as_str()),
        ("235", "2.7.0 Authentication successful")
    );
    assert!(r.leftwards());
    let c = l.rows.iter().find(|r| r.line == 27).unwrap();
    assert_eq!(
        (c.lead.as_str(), c.text.as_str()),
        ("MAIL", "FROM:<alice@example.test>")
    );
    assert!(!c.leftwards());
    // The heads say what the transcript shows.
    assert_eq!(l.client.lines, ["swaks", "EHLO vm"]);
    assert_eq!(
        l.server.lines,
        [
            "aio.example.test",
            "aiosmtpd",
            "port 2525 (alt. submission)"
        ]
    );
}

#[test]
fn the_tunnel_starts_where_the_handshake_ends() {
    let (report, l) = diagram(&fixture("swaks/aiosmtpd-2525-starttls-auth-plain"));
    let t = l.tunnel.as_ref().expect("a tunnel");
    let events = &report.sessions[0].session.events;
    // The handshake is lines 15-17 (three TLS remarks); the tunnel opens after it.
    let handshake = t.handshake_event.expect("the handshake is shown") as usize;
    assert_eq!(events[handshake].line, 17);
    assert_eq!(t.first_line, 18);
    let note = l.rows.iter().find(|r| r.line == 15).unwrap();
    let ehlo = l.rows.iter().find(|r| r.line == 18).unwrap();
    assert!(t.top >= note.bottom && t.top <= ehlo.top, "{t:?}");
    assert!(t.bottom >= l.rows.last().unwrap().bottom);
    // Nothing before the handshake is inside the tunnel.
    for r in l.rows.iter().filter(|r| r.line < 15) {
        assert!(r.bottom <= t.top);
    }
    assert!(t.label.contains("TLSv1.3"));

    // Implicit TLS: the tunnel opens before the greeting.
    let (_, l) = diagram(&fixture("swaks/postfix-465-implicit-auth-login"));
    let t = l.tunnel.unwrap();
    assert_eq!(t.first_line, 7);
    assert_eq!(l.phases[1].label, "TLS handshake");

    // No TLS, no tunnel.
    let (_, l) = diagram(&fixture("swaks/exim-25-cleartext-auth-login"));
    assert!(l.tunnel.is_none());
}

#[test]
fn message_data_is_one_arrow() {
    let (_, l) = diagram(&fixture("swaks/aiosmtpd-2525-starttls-auth-plain"));
    let data: Vec<_> = l.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
    assert_eq!(data.len(), 1);
    let d = data[0];
    assert_eq!((d.line, d.end_line, d.events), (33, 42, 10));
    assert_eq!(format!("{} {}", d.lead, d.text), "10 lines of message data");
    assert_eq!(d.phase, Phase::Data);
    assert!(!l.rows.iter().any(|r| r.line > 33 && r.line <= 42));
}

#[test]
fn long_sessions_keep_every_command_and_collapse_the_data() {
    let mut t = String::from("<-  220 mx.example ESMTP\n -> EHLO me\n<-  250 mx.example\n -> MAIL FROM:<a@example.org>\n<-  250 OK\n");
    for k in 0..500 {
        t.push_str(&format!(" -> RCPT TO:<user{k}@example.net>\n<-  250 OK\n"));
    }
    t.push_str(" -> DATA\n<-  354 go\n");
    for k in 0..3000 {
        t.push_str(&format!(" -> line {k} of the message\n"));
    }
    t.push_str(" -> .\n<-  250 queued\n -> QUIT\n<-  221 bye\n");
    let (_, l) = diagram(&t);
    let rcpts = l.rows.iter().filter(|r| r.lead == "RCPT").count();
    assert_eq!(rcpts, 500);
    let data: Vec<_> = l.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0].lead, "3000 lines");
    assert_eq!(l.rows.len(), 3 + 2 + 1000 + 2 + 1 + 2 + 2);
}

#[test]
fn credentials_never_reach_the_diagram() {
    for f in common::fixtures() {
        let report = analyze(&f.text, &Options::default());
        for (i, sr) in report.sessions.iter().enumerate() {
            let opts = DiagramOptions {
                text: Some(&f.text),
                reveal_upto: None,
                width: None,
            };
            let l = layout(&report, i, &opts).unwrap();
            let svg = to_svg(&l);
            for s in &sr.session.secrets {
                let secret = &f.text[s.range()];
                if secret.len() < 4 {
                    continue;
                }
                assert!(
                    !svg.contains(secret),
                    "{}: secret {secret:?} in the SVG",
                    f.name
                );
                for r in &l.rows {
                    assert!(!r.describe.contains(secret), "{}: secret in {r:?}", f.name);
                }
            }
        }
    }
    // AUTH payloads are masked even when no secret span covers them.
    let (_, l) = diagram(&fixture("swaks/aiosmtpd-2525-starttls-auth-plain"));
    let auth = l.rows.iter().find(|r| r.lead == "AUTH").unwrap();
    assert_eq!(auth.text, "PLAIN ••••••");
    assert_eq!(auth.sub.as_deref(), Some("as alice@example.test"));
    let svg = to_svg(&l);
    assert!(!svg.contains("AGFsaWNlQGV4YW1wbGUudGVzdABTM2NyZXQtUGFzc3cwcmQh"));
    assert!(!svg.contains("S3cret"));

    let (_, l) = diagram(&fixture("swaks/exim-25-cleartext-auth-login"));
    let responses: Vec<_> = l
        .rows
        .iter()
        .filter(|r| r.line == 20 || r.line == 22)
        .collect();
    assert_eq!(responses.len(), 2);
    for r in responses {
        assert_eq!(r.lead, "••••••");
    }
}

#[test]
fn markers_sit_on_the_rows_of_each_findings_evidence() {
    let mut checked = 0;
    for f in common::fixtures() {
        let report = analyze(&f.text, &Options::default());
        for (i, _) in report.sessions.iter().enumerate() {
            let opts = DiagramOptions {
                text: Some(&f.text),
                reveal_upto: None,
                width: None,
            };
            let l = layout(&report, i, &opts).unwrap();
            for finding in report.findings.iter().filter(|x| x.session == i) {
                for r in &l.rows {
                    let evidence = finding.lines.iter().any(|x| r.covers(*x));
                    let marked = r.markers.iter().any(|m| m.finding == finding.id);
                    assert_eq!(evidence, marked, "{}: {} on {r:?}", f.name, finding.id);
                    checked += usize::from(marked);
                }
                assert!(l.legend.iter().any(|x| x.finding == finding.id));
            }
        }
    }
    assert!(checked > 100, "{checked}");

    let (_, l) = diagram(&fixture("swaks/exim-25-cleartext-auth-login"));
    let auth = l.rows.iter().find(|r| r.line == 18).unwrap();
    let ids: Vec<&str> = auth.markers.iter().map(|m| m.finding).collect();
    // Worst first.
    assert_eq!(ids[0], "plaintext-auth");
    assert!(ids.contains(&"port-25-submission"));
    // Line 15 (STARTTLS offered) is inside the EHLO reply of lines 6-17.
    let ehlo_reply = l.rows.iter().find(|r| r.line == 6).unwrap();
    assert!(ehlo_reply
        .markers
        .iter()
        .any(|m| m.finding == "starttls-offered-not-used"));
    assert_eq!(l.legend[0].finding, "plaintext-auth");
}

#[test]
fn hostile_text_stays_text() {
    let t = "<-  220 <script>alert(1)</script> ESMTP \"quoted\" & 'single'\n -> EHLO <img src=x onerror=alert(1)>\n<-  250 <svg onload=alert(1)>\n -> MAIL FROM:<]]><!-- x -->\n<-  250 ok\n -> QUIT\n<-  221 bye\n";
    let (_, l) = diagram(t);
    let svg = to_svg(&l);
    assert_well_formed(&svg);
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<img"));
    assert!(!svg.contains("<svg onload"));
    assert!(!svg.contains("<!--"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Control characters (invalid in XML) are dropped, not written.
    let (_, l) = diagram("<-  220 mx\u{1}\u{8} ok\n -> EHLO a\u{b}b\n<-  250 ok\n");
    let svg = to_svg(&l);
    assert_well_formed(&svg);
    assert!(!svg.contains('\u{1}') && !svg.contains('\u{b}'));
}

#[test]
fn reveal_upto_shows_the_flow_so_far() {
    let text = fixture("swaks/aiosmtpd-2525-starttls-auth-plain");
    let report = analyze(&text, &Options::default());
    let at = |upto| {
        layout(
            &report,
            0,
            &DiagramOptions {
                text: Some(&text),
                reveal_upto: Some(upto),
                width: None,
            },
        )
        .unwrap()
    };
    let l = at(14);
    assert!(l.rows.iter().all(|r| r.line <= 14));
    assert_eq!(l.rows.last().unwrap().line, 14);
    assert!(l.tunnel.is_none());
    // A finding shows once its evidence is on screen.
    assert!(l
        .legend
        .iter()
        .any(|x| x.finding == "auth-advertised-before-tls"));
    let l = at(18);
    assert_eq!(l.tunnel.unwrap().first_line, 18);
    let l = at(0);
    assert!(l.rows.is_empty() && l.empty.is_some());
    assert!(at(10_000).rows.len() == at(47).rows.len());
}

#[test]
fn without_the_text_labels_come_from_the_session() {
    let text = fixture("swaks/aiosmtpd-2525-starttls-auth-plain");
    let report = analyze(&text, &Options::default());
    let l = layout(&report, 0, &DiagramOptions::default()).unwrap();
    let mail = l.rows.iter().find(|r| r.line == 27).unwrap();
    assert_eq!(
        (mail.lead.as_str(), mail.text.as_str()),
        ("MAIL", "FROM:<alice@example.test>")
    );
    let auth = l.rows.iter().find(|r| r.line == 25).unwrap();
    assert_eq!((auth.lead.as_str(), auth.text.as_str()), ("AUTH", "PLAIN"));
    let ok = l.rows.iter().find(|r| r.line == 26).unwrap();
    assert_eq!(ok.lead, "235");
    assert!(ok.text.starts_with("2.7.0"), "{}", ok.text);
    // The text of another paste is not trusted for labels.
    let l = layout(
        &report,
        0,
        &DiagramOptions {
            text: Some("short"),
            reveal_upto: None,
            width: None,
        },
    )
    .unwrap();
    assert_eq!(l.rows.len(), 23);
    assert!(layout(&report, 1, &DiagramOptions::default()).is_none());
}

#[test]
fn tool_quoting_is_read_through() {
    // smtplib prints `send: 'MAIL FROM:<...>\r\n'`; Ruby behind HTML entities.
    let (_, l) = diagram(&fixture("mixed/html-entities-ruby-starttls"));
    let mail = l.rows.iter().find(|r| r.lead == "MAIL").unwrap();
    assert_eq!(mail.text, "FROM:<alice@example.test>");
    let ok = l.rows.iter().find(|r| r.lead == "235").unwrap();
    assert_eq!(ok.text, "2.7.0 Authentication successful");
}

#[test]
fn the_summary_says_what_happened() {
    let (_, l) = diagram(&fixture("swaks/exim-25-cleartext-auth-login"));
    assert!(l.summary.contains("No TLS"), "{}", l.summary);
    assert!(l
        .summary
        .contains("AUTH LOGIN as alice@example.test in cleartext, accepted"));
    assert!(l.summary.contains("plaintext-auth (critical)"));
    assert!(l.title.contains("mx2.example.test") && l.title.contains("port 25"));
    assert!(l.subtitle.starts_with("Grade F"));
}

#[test]
fn narrow_diagrams_keep_everything_inside_their_width() {
    let text = fixture("swaks/exim-25-cleartext-auth-login");
    let report = analyze(&text, &Options::default());
    let at = |w: f32| {
        layout(
            &report,
            0,
            &DiagramOptions {
                text: Some(&text),
                reveal_upto: None,
                width: Some(w),
            },
        )
        .unwrap()
    };
    let wide = at(10_000.0);
    let narrow = at(100.0);
    assert_eq!(wide.width, smtp_lens::diagram::geometry::WIDTH);
    assert_eq!(narrow.width, smtp_lens::diagram::geometry::MIN_WIDTH);
    assert_eq!(wide.rows.len(), narrow.rows.len());
    for l in [&wide, &narrow] {
        assert!(l.server.x + l.server.width / 2.0 <= l.width);
        let t = l.tunnel.as_ref().map_or(0.0, |t| t.x1);
        assert!(t <= l.width);
        for r in &l.rows {
            assert!(r.x0.max(r.x1) <= l.width && r.x0.min(r.x1) >= 0.0);
            // A 12 px monospace label fits between the lifelines.
            let chars = (r.lead.chars().count() + 1 + r.text.chars().count()) as f32;
            if r.kind != RowKind::Note {
                assert!(chars * 7.25 <= (r.x1 - r.x0).abs(), "{r:?}");
            }
            for m in &r.markers {
                assert!(m.x > 0.0 && m.x < l.width);
            }
        }
    }
    // The narrow one shortened what did not fit, not what did.
    let ehlo = |l: &Layout| l.rows.iter().find(|r| r.line == 6).unwrap().text.clone();
    assert_eq!(ehlo(&wide), "mx2.example.test Hello vm [127.0.0.1]");
    assert!(ehlo(&narrow).ends_with('…'));
    // Head lines fit their box (12 px sans, ~6.2 px a character).
    for h in [&narrow.client, &narrow.server] {
        for line in &h.lines {
            assert!(
                line.chars().count() as f32 * 6.2 <= h.width - 14.0,
                "{line}"
            );
        }
    }
    assert_eq!(wide.server.lines.last().unwrap(), "port 25 (relay / MX)");
}
