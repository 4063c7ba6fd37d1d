//! What the page shows before anything is pasted: an invitation, what it
//! reads, and the examples one click away.

use yew::prelude::*;

use crate::app::examples::EXAMPLES;

/// A function, not a component (see `export`).
pub fn empty_state(on_example: &Callback<&'static str>) -> Html {
    html! {
        <section class="panel empty-state" aria-labelledby="empty-heading" data-testid="empty-state">
            <h2 id="empty-heading">{ "Paste a session to see what happened" }</h2>
            <p>
                { "Copy the debug output of your mail program (PHPMailer SMTPDebug, nodemailer debug, Python smtplib set_debuglevel, JavaMail mail.debug), a swaks, curl -v or openssl s_client run, or a Postfix / Exim log, and paste it in the box. You get a grade, what was insecure or broken with the fix, every line explained, and the flow." }
            </p>
            <h3>{ "Or start from an example" }</h3>
            <ul class="example-grid">
                { for EXAMPLES.iter().map(|x| {
                    let id = x.id;
                    let onclick = on_example.reform(move |_: MouseEvent| id);
                    html! {
                        <li>
                            <button type="button" class="example-card" data-example={x.id} {onclick}>
                                <span class="example-title">{ x.title }</span>
                                <span class="example-blurb">{ x.blurb }</span>
                                if x.reconstructed {
                                    <span class="pill pill-muted">{ "reconstructed" }</span>
                                } else {
                                    <span class="pill pill-ok-soft">{ "real capture" }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
