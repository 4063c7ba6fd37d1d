//! A plain stand-in for the flow diagram while lane `flow`'s
//! `FlowDiagram` (src/app/diagram.rs) is not on main: the same props, the
//! same `data-testid="flow-diagram"` on the `<svg>`, one arrow per command
//! and reply, the encrypted part shaded, selection both ways.

use std::rc::Rc;

use smtp_lens::session::{Channel, Dir, Kind};
use smtp_lens::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FlowDiagramProps {
    pub report: Rc<Report>,
    pub session: usize,
    pub selected_lines: Rc<Vec<u32>>,
    pub on_select_line: Callback<u32>,
    /// Show only events up to this 1-based line (`None`: all).
    pub reveal_upto: Option<u32>,
}

const MAX_ARROWS: usize = 400;

#[component]
pub fn FlowDiagram(props: &FlowDiagramProps) -> Html {
    let Some(s) = props.report.sessions.get(props.session) else {
        return html! {};
    };
    let events: Vec<_> = s
        .session
        .events
        .iter()
        .filter(|e| matches!(e.kind, Kind::Command | Kind::Reply))
        .filter(|e| props.reveal_upto.is_none_or(|u| e.line <= u))
        .take(MAX_ARROWS)
        .collect();
    let (cx, sx, w) = (70.0, 290.0, 360.0);
    let step = 26.0;
    let h = 60.0 + step * events.len() as f64;
    let tunnel: Vec<f64> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.channel == Channel::Encrypted)
        .map(|(i, _)| 44.0 + step * i as f64)
        .collect();
    let tunnel_rect = match (tunnel.first(), tunnel.last()) {
        (Some(a), Some(b)) => html! {
            <g class="fd-tunnel">
                <rect x={(cx - 12.0).to_string()} y={(a - 8.0).to_string()} width={(sx - cx + 24.0).to_string()}
                    height={(b - a + 26.0).to_string()} rx="8" />
                <text x={(w / 2.0).to_string()} y={(a - 12.0).to_string()} text-anchor="middle" class="fd-tunnel-label">{ "TLS" }</text>
            </g>
        },
        _ => html! {},
    };
    let arrows = events.iter().enumerate().map(|(i, e)| {
        let y = 50.0 + step * i as f64;
        let from_client = e.dir == Dir::Client;
        let (x1, x2) = if from_client { (cx, sx) } else { (sx, cx) };
        let label = match (e.kind, e.verb, e.code) {
            (Kind::Reply, _, Some(c)) => match e.enhanced {
                Some(x) => format!("{c} {x}"),
                None => c.to_string(),
            },
            (_, Some(v), _) => v.as_str().replace('_', " "),
            _ => "?".to_string(),
        };
        let line = e.line;
        let selected = props.selected_lines.contains(&line)
            || props.selected_lines.iter().any(|l| (e.line..=e.end_line).contains(l));
        let cb = props.on_select_line.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(line));
        let cb = props.on_select_line.clone();
        let onkeydown = Callback::from(move |k: KeyboardEvent| {
            if k.key() == "Enter" || k.key() == " " {
                k.prevent_default();
                cb.emit(line);
            }
        });
        let head = if from_client { x2 - 7.0 } else { x2 + 7.0 };
        html! {
            <g class={classes!("fd-arrow", if from_client { "fd-client" } else { "fd-server" }, selected.then_some("is-selected"))}
                data-arrow-line={line.to_string()} tabindex="0" role="button"
                aria-label={format!("Line {line}: {label}")} {onclick} {onkeydown}>
                <rect class="fd-hit" x={cx.to_string()} y={(y - 13.0).to_string()} width={(sx - cx).to_string()} height={step.to_string()} />
                <line x1={x1.to_string()} y1={y.to_string()} x2={x2.to_string()} y2={y.to_string()} />
                <polygon points={format!("{x2},{y} {head},{} {head},{}", y - 4.0, y + 4.0)} />
                <text x={((cx + sx) / 2.0).to_string()} y={(y - 4.0).to_string()} text-anchor="middle">{ label }</text>
            </g>
        }
    });
    html! {
        <svg data-testid="flow-diagram" class="flow-diagram flow-standin" viewBox={format!("0 0 {w} {h}")}
            width={w.to_string()} height={h.to_string()} role="group"
            aria-label="Submission flow: one arrow per command and reply">
            <text x={cx.to_string()} y="18" text-anchor="middle" class="fd-actor">{ "Client" }</text>
            <text x={sx.to_string()} y="18" text-anchor="middle" class="fd-actor">{ "Server" }</text>
            { tunnel_rect }
            <line class="fd-life" x1={cx.to_string()} y1="26" x2={cx.to_string()} y2={h.to_string()} />
            <line class="fd-life" x1={sx.to_string()} y1="26" x2={sx.to_string()} y2={h.to_string()} />
            { for arrows }
        </svg>
    }
}
