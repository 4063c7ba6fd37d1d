//! What an eavesdropper on the path sees at the current step: the
//! cleartext as it crossed the wire (credentials decoded, masked until
//! asked), or only TLS records; and what they have learnt so far.

use std::rc::Rc;

use smtp_lens::learn::wire::{self, Wire};
use smtp_lens::learn::SCENARIOS;
use smtp_lens::report::MASK;
use smtp_lens::Report;
use yew::prelude::*;

use super::markup::inline;

#[derive(Properties, PartialEq)]
pub struct EavesdropperProps {
    pub scenario: usize,
    pub step: usize,
    pub report: Rc<Report>,
}

fn explain(w: Wire) -> &'static str {
    match w {
        Wire::Local => "The command is typed on the sender's own machine. Nothing has crossed the network.",
        Wire::Connect => "A TCP connection: the two addresses and the port number are visible to every router on the way, as they always are.",
        Wire::Plain => "SMTP is a text protocol: without TLS, each command and reply crosses the network exactly as written below.",
        Wire::Handshake => "Client and server agree on keys. What is visible: that it is TLS, the versions and ciphers offered, and the server name the client asks for (if it sends one). With TLS 1.3 even the certificate is encrypted.",
        Wire::Encrypted => "Inside TLS each command or reply becomes a record: a 5-byte header (type 23, its length) and bytes that look random. The length still gives away roughly how long each line was.",
    }
}

#[component]
pub fn Eavesdropper(props: &EavesdropperProps) -> Html {
    let reveal = use_state(|| false);
    let (Some(scenario), Some(sr)) = (SCENARIOS.get(props.scenario), props.report.sessions.first())
    else {
        return html! {};
    };
    let session = &sr.session;
    let view = wire::view(scenario, session, props.step);
    let learned = wire::learned(scenario, session, props.step);
    let step = scenario.steps.get(props.step);
    let toggle = {
        let reveal = reveal.clone();
        Callback::from(move |_| reveal.set(!*reveal))
    };
    let state_class = classes!("eaves-state", format!("eaves-state-{}", view.wire.as_str()));
    let records = view.records.iter().map(|r| {
        let dir = if r.from_client { "client → server" } else { "server → client" };
        let kind = if r.encrypted { "TLS record" } else { "cleartext" };
        html! {
            <li class={classes!("eaves-rec", if r.encrypted { "eaves-rec-cipher" } else { "eaves-rec-plain" })}
                data-encrypted={r.encrypted.to_string()}>
                <span class="eaves-rec-meta">{ format!("{dir} · {kind} · {} bytes", r.bytes) }</span>
                <pre class="eaves-rec-text">{
                    for r.text.iter().map(|t| {
                        // Mask a password the wire shows in base64 too: the
                        // panel decodes it below, masked until revealed.
                        let shown = view.leaks.iter().fold(t.clone(), |acc, l| {
                            if *reveal || l.password.is_none() { acc } else { acc.replace(&l.encoded, MASK) }
                        });
                        html! { <>{ shown }{ "\n" }</> }
                    })
                }</pre>
            </li>
        }
    });
    let leaks = view.leaks.iter().map(|l| {
        let password = l.password.as_ref().map(|p| if *reveal { p.clone() } else { MASK.to_string() });
        html! {
            <div class="eaves-leak" role="alert" data-testid="eaves-leak">
                <strong>{ format!("Credentials readable ({}, base64 only)", l.mechanism) }</strong>
                <dl>
                    if let Some(u) = &l.user { <div><dt>{ "User" }</dt><dd>{ u.clone() }</dd></div> }
                    if let Some(p) = password { <div><dt>{ "Password" }</dt><dd class="eaves-secret">{ p }</dd></div> }
                </dl>
            </div>
        }
    });
    let has_secret = view.leaks.iter().any(|l| l.password.is_some());
    html! {
        <section class="eaves" data-testid="eavesdropper" data-wire={view.wire.as_str()}
            aria-labelledby="eaves-title">
            <h4 id="eaves-title">{ "What an eavesdropper sees" }</h4>
            <p class={state_class} data-testid="eavesdropper-state">
                { view.wire.headline() }
            </p>
            <p class="eaves-explain">{ explain(view.wire) }</p>
            if let Some(st) = step {
                if !st.sees.is_empty() {
                    <p class="eaves-sees">{ inline(st.sees) }</p>
                }
            }
            { for leaks }
            if has_secret {
                <button type="button" class="btn eaves-reveal" aria-pressed={reveal.to_string()} onclick={toggle}>
                    { if *reveal { "Hide the password" } else { "Show the password, as they see it" } }
                </button>
            }
            if !view.records.is_empty() {
                <ol class="eaves-recs" aria-label="On the wire during this step">{ for records }</ol>
            }
            <div class="eaves-known">
                <h5>{ "Known to them so far" }</h5>
                if learned.is_empty() {
                    <p class="eaves-none">{ "Nothing yet." }</p>
                } else {
                    <ul>{ for learned.iter().map(|f| html! {
                        <li class={classes!((f == "The password").then_some("eaves-known-bad"))}>{ f.clone() }</li>
                    }) }</ul>
                }
            </div>
        </section>
    }
}
