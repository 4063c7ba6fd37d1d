//! The Share button and its dialog: shows exactly what will be shared (the
//! redacted transcript, every replacement marked), lets the user choose
//! what else to hide (addresses, host names, IP addresses; credentials
//! always) or opt in to the raw text, then copies the link, or offers the
//! redacted transcript as a file when it is too large for a link. It also
//! gives the iframe snippet for the same link.
//!
//! Test hooks: `data-testid` `share-button`, `share-dialog`,
//! `share-preview`, `share-link`, `share-copy`, `share-download`,
//! `share-raw`, `share-opt-addresses|hosts|ips`, `share-embed`.

use std::rc::Rc;

use smtp_lens::share::link::redaction_flags;
use smtp_lens::share::{encode_fragment, redact, RedactOptions, SharedState, What};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the page shows, to be restored by the link.
#[derive(Properties, PartialEq, Clone)]
pub struct ShareProps {
    pub text: Rc<str>,
    pub port: Option<u16>,
    pub session: usize,
    pub lines: Rc<Vec<u32>>,
    /// The selected finding's id.
    pub finding: Option<AttrValue>,
}

/// The page's address without query or fragment.
fn page_url() -> String {
    web_sys::window()
        .map(|w| w.location())
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default()
}

fn what_word(w: What, n: usize) -> String {
    let (one, many) = match w {
        What::Credential => ("credential", "credentials"),
        What::Address => ("address", "addresses"),
        What::Host => ("host name", "host names"),
        What::Ip => ("IP address", "IP addresses"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn what_class(w: What) -> &'static str {
    match w {
        What::Credential => "red red-credential",
        What::Address => "red red-address",
        What::Host => "red red-host",
        What::Ip => "red red-ip",
    }
}

/// The button; the dialog opens over the page.
#[component]
pub fn ShareButton(props: &ShareProps) -> Html {
    let open = use_state(|| false);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <>
            <button type="button" class="btn" data-testid="share-button" onclick={onclick}
                title="A link that carries this transcript, redacted, in its fragment (never sent to a server)">
                { "Share…" }
            </button>
            if *open {
                <ShareDialog share={props.clone()} on_close={on_close} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub share: ShareProps,
    pub on_close: Callback<()>,
}

/// The dialog itself (the `smtp-lens-share` part mounts it on its own:
/// src/bin/share.rs).
#[component]
pub fn ShareDialog(props: &DialogProps) -> Html {
    let opts = use_state(RedactOptions::default);
    let raw = use_state(|| false);
    let copied = use_state(|| None::<&'static str>);
    let p = &props.share;

    // The redaction of the current text with the current options.
    let redacted = {
        let text = p.text.clone();
        use_memo((text, *opts), |(text, opts)| redact(text, opts))
    };
    let shared_text: &str = if *raw { &p.text } else { &redacted.text };
    let state = SharedState {
        transcript: shared_text.to_string(),
        port: p.port,
        view: None,
        session: u32::try_from(p.session).unwrap_or(0),
        lines: (*p.lines).clone(),
        finding: p.finding.as_ref().map(|f| f.to_string()),
        redacted: if *raw {
            0
        } else {
            redaction_flags(Some(&*opts))
        },
    };
    let base = page_url();
    let link = encode_fragment(&state).map(|f| format!("{base}#{f}"));
    let embed = link
        .as_ref()
        .ok()
        .map(|l| {
            let frag = l.split_once('#').map(|(_, f)| f).unwrap_or("");
            format!(
                "<iframe src=\"{base}?embed&amp;view=all#{frag}\" title=\"SMTP session analysed by SMTP Lens\" loading=\"lazy\" class=\"smtp-lens-frame\" width=\"100%\" height=\"600\" frameborder=\"0\"></iframe>"
            )
        });

    let toggle = |f: fn(&mut RedactOptions, bool)| {
        let opts = opts.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut o = *opts;
            f(&mut o, on);
            opts.set(o);
        })
    };
    let on_raw = {
        let raw = raw.clone();
        Callback::from(move |e: Event| {
            raw.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let copy = |what: &'static str, text: Option<String>| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = text.clone() else { return };
            let copied = copied.clone();
            super::super::effects::copy_text(text, move |ok| {
                copied.set(Some(if ok {
                    what
                } else {
                    "The browser refused the clipboard: select the text and copy it."
                }));
            });
        })
    };
    let on_copy_link = copy("Link copied.", link.as_ref().ok().cloned());
    let on_copy_embed = copy("Embed code copied.", embed.clone());
    let on_download = {
        let text = shared_text.to_string();
        Callback::from(move |_: MouseEvent| {
            super::super::effects::download("smtp-session-redacted.txt", "text/plain", &text)
        })
    };
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onkeydown = {
        let cb = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                cb.emit(());
            }
        })
    };
    // Focus the dialog when it opens, so Escape and Tab work at once.
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }

    // The preview: the shared text with each replacement marked.
    let preview = if *raw {
        html! { { p.text.to_string() } }
    } else {
        let mut parts: Vec<Html> = Vec::new();
        let mut pos = 0usize;
        for r in &redacted.replacements {
            let (s, e) = (r.span.start(), r.span.end());
            if s < pos {
                continue;
            }
            parts.push(html! { { redacted.text.get(pos..s).unwrap_or("").to_string() } });
            let title = match (&r.original, r.what) {
                (_, What::Credential) => "credential, replaced".to_string(),
                (Some(o), _) => format!("was {o}"),
                (None, _) => String::new(),
            };
            parts.push(html! { <mark class={what_class(r.what)} title={title}>{ redacted.text.get(s..e).unwrap_or("").to_string() }</mark> });
            pos = e;
        }
        parts.push(html! { { redacted.text.get(pos..).unwrap_or("").to_string() } });
        parts.into_iter().collect::<Html>()
    };
    let summary = if *raw {
        "Raw text: nothing is replaced, credentials included.".to_string()
    } else {
        let counts: Vec<String> = [What::Credential, What::Address, What::Host, What::Ip]
            .into_iter()
            .map(|w| (w, redacted.count(w)))
            .filter(|(_, n)| *n > 0)
            .map(|(w, n)| what_word(w, n))
            .collect();
        if counts.is_empty() {
            "Nothing needed replacing.".to_string()
        } else {
            format!("Replaced: {}.", counts.join(", "))
        }
    };
    let mapping = redacted.mapping();
    let o = *opts;

    html! {
        <div class="share-backdrop">
            <div class="share-dialog panel" role="dialog" aria-modal="true" aria-labelledby="share-title"
                data-testid="share-dialog" tabindex="-1" ref={node} onkeydown={onkeydown}>
                <div class="panel-head">
                    <h2 id="share-title">{ "Share this session" }</h2>
                    <button type="button" class="btn btn-ghost" onclick={close.clone()} aria-label="Close">{ "✕" }</button>
                </div>
                <p class="muted">
                    { "The link carries the transcript in its fragment (after #), which browsers never send to a server. Anyone with the link sees what is below." }
                </p>
                <fieldset class="share-options" disabled={*raw}>
                    <legend>{ "Replace, besides credentials (always)" }</legend>
                    <label><input type="checkbox" data-testid="share-opt-addresses" checked={o.addresses}
                        onchange={toggle(|o, on| o.addresses = on)} />{ " Email addresses and user names" }</label>
                    <label><input type="checkbox" data-testid="share-opt-hosts" checked={o.hosts}
                        onchange={toggle(|o, on| o.hosts = on)} />{ " Host names" }</label>
                    <label><input type="checkbox" data-testid="share-opt-ips" checked={o.ips}
                        onchange={toggle(|o, on| o.ips = on)} />{ " IP addresses" }</label>
                </fieldset>
                <label class="share-raw">
                    <input type="checkbox" data-testid="share-raw" checked={*raw} onchange={on_raw} />
                    { " Share the raw text instead, credentials included (only for a transcript with throw-away passwords)" }
                </label>
                <p class="share-summary" data-testid="share-summary">{ summary }</p>
                <pre class="share-preview" data-testid="share-preview" tabindex="0" aria-label="What will be shared">{ preview }</pre>
                if !*raw && !mapping.is_empty() {
                    <details class="share-mapping">
                        <summary>{ "What became what (shown only to you)" }</summary>
                        <ul>
                            { for mapping.iter().map(|(_, from, to)| html! { <li><code>{ from.to_string() }</code>{ " → " }<code>{ to.to_string() }</code></li> }) }
                        </ul>
                    </details>
                }
                { match &link {
                    Ok(l) => html! {
                        <div class="share-link">
                            <input type="text" readonly=true value={l.clone()} data-testid="share-link" aria-label="Share link"
                                onfocus={Callback::from(|e: FocusEvent| {
                                    if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) { i.select(); }
                                })} />
                            <button type="button" class="btn" data-testid="share-copy" onclick={on_copy_link}>{ "Copy link" }</button>
                        </div>
                    },
                    Err(e) => html! {
                        <div class="share-too-large" role="alert">
                            <p>{ e.to_string() }</p>
                            <button type="button" class="btn" data-testid="share-download" onclick={on_download.clone()}>
                                { "Download the transcript (.txt)" }
                            </button>
                        </div>
                    },
                } }
                if let Some(m) = *copied {
                    <p class="share-copied" role="status">{ m }</p>
                }
                if let Some(snippet) = embed {
                    <details class="share-embed">
                        <summary>{ "Embed in a web page (iframe)" }</summary>
                        <pre data-testid="share-embed">{ snippet }</pre>
                        <p class="muted">{ "The frame posts its height to your page ({type: \"smtp-lens:height\", height}); see the README for a snippet that sizes it, and for the documentation-site script." }</p>
                        <button type="button" class="btn btn-small" onclick={on_copy_embed}>{ "Copy embed code" }</button>
                    </details>
                }
                <div class="share-actions">
                    if link.is_ok() {
                        <button type="button" class="btn btn-ghost" data-testid="share-download" onclick={on_download}>
                            { "Download as .txt" }
                        </button>
                    }
                    <button type="button" class="btn" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}
