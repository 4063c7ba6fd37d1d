//! Learn as its own wasm (`smtp-lens-learn`), so that the analyzer's first
//! load does not carry it: the page (built with the `split` feature)
//! imports `learn/smtp-lens-learn.js` the first time the address says
//! `#learn...` and calls [`mountLearn`](part::mount_learn) (see
//! `src/app/lazy.rs`). Built by `.ci/build-docs-script.sh`, a Trunk hook.
//!
//! It is a Yew app of its own, on `<main id="learn-main">` after the page's
//! `#app`: it follows the address (`#learn<route>`; hidden elsewhere) and
//! hands "Open in analyzer" back to the page through the function it was
//! given.

#[cfg(target_arch = "wasm32")]
#[path = "../app/mod.rs"]
#[allow(dead_code, unused_imports)]
mod app;

#[cfg(target_arch = "wasm32")]
mod part {
    use gloo::events::EventListener;
    use wasm_bindgen::prelude::*;
    use yew::prelude::*;

    use crate::app::learn::LearnView;
    use crate::app::state::Route;

    fn hash() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    #[derive(Properties, PartialEq)]
    struct LearnPageProps {
        host: web_sys::Element,
        /// The page's "Open in analyzer": takes the transcript.
        on_open: js_sys::Function,
    }

    #[component]
    fn LearnPage(props: &LearnPageProps) -> Html {
        let route = use_state(|| Route::from_hash(&hash()));
        {
            let route = route.clone();
            use_effect_with((), move |_| {
                let listener = web_sys::window().map(|w| {
                    EventListener::new(&w, "hashchange", move |_| {
                        route.set(Route::from_hash(&hash()))
                    })
                });
                move || drop(listener)
            });
        }
        let learning = matches!(*route, Route::Learn(_));
        {
            let host = props.host.clone();
            use_effect_with(learning, move |on| {
                let _ = host.toggle_attribute_with_force("hidden", !*on);
            });
        }
        let on_open_in_analyzer = {
            let f = props.on_open.clone();
            Callback::from(move |(text, _port): (String, Option<u16>)| {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&text));
            })
        };
        match &*route {
            Route::Learn(rest) => html! {
                <LearnView route={rest.clone()} on_open_in_analyzer={on_open_in_analyzer} />
            },
            _ => html! {},
        }
    }

    /// Mounts Learn on `host`; `on_open(transcript)` loads a scenario into
    /// the page's analyzer.
    #[wasm_bindgen(js_name = mountLearn)]
    pub fn mount_learn(host: web_sys::Element, on_open: js_sys::Function) {
        let props = LearnPageProps {
            host: host.clone(),
            on_open,
        };
        yew::Renderer::<LearnPage>::with_root_and_props(host, props).render();
    }
}

fn main() {}
