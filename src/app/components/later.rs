//! A panel drawn in the frame after the one that shows what is in view.
//!
//! A new analysis changes every part of the page, but the first frame
//! after a paste only needs what the user sees: the verdict and the
//! findings, and the diagram or the transcript only when they are on
//! screen. [`Later`] wraps such a panel. While the panel is out of view
//! (an `IntersectionObserver` says so, without reading the layout), a new
//! `version` of its content is not drawn in the frame that shows the new
//! verdict: the panel keeps what it drew, marked `aria-busy="true"`, and
//! draws the new content in a task after that frame is painted (its
//! `requestAnimationFrame`, then a new task). A panel in or near the view
//! draws at once (unless it is `second`), as does any change within the
//! same version (a selection, a click, a reveal).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

/// How close to the viewport (CSS pixels above and below) a panel counts
/// as in view: it is then drawn with the first frame.
const NEAR: &str = "160px 0px";

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// What the content shows (e.g. the analysis and the session): a new
    /// one is drawn after the first frame when the panel is out of view.
    pub version: Version,
    /// The wrapper's class (it is the page's grid area).
    pub class: AttrValue,
    /// A new version is drawn after the first frame even in view (the
    /// diagram: the first frame shows the verdict, the findings and the
    /// transcript's lines; the diagram follows a frame later).
    #[prop_or_default]
    pub second: bool,
    pub children: Html,
}

/// What a panel's content shows (see [`LaterProps::version`]).
pub type Version = (usize, usize);

/// A [`Later`] panel's bookkeeping, shared with its observer and its task.
#[derive(Default)]
struct Slot {
    /// In or near the viewport, as the observer last said; unknown (None)
    /// before its first report: a panel that just appeared is drawn later.
    near: Option<bool>,
    /// The version drawn, and what was drawn for it.
    drawn: Option<(Version, Html)>,
    /// The version allowed to draw although out of view (the task after
    /// the frame sets it).
    due: Option<Version>,
    /// That task is asked for.
    asked: bool,
    /// The latest version given (what that task lets draw).
    latest: Version,
}

#[component]
pub fn Later(props: &LaterProps) -> Html {
    let node = use_node_ref();
    let slot = use_mut_ref(Slot::default);
    let redraw = use_force_update();

    {
        let node = node.clone();
        let slot = slot.clone();
        use_effect_with((), move |_| {
            let observer = observe(&node, slot);
            move || {
                if let Some(o) = observer {
                    o.observer.disconnect();
                }
            }
        });
    }

    let mut s = slot.borrow_mut();
    s.latest = props.version;
    let now = (s.near == Some(true) && !props.second) || s.due == Some(props.version);
    let same = s.drawn.as_ref().is_some_and(|(v, _)| *v == props.version);
    let busy = !(now || same);
    let shown = if busy {
        // Drawn after this frame: once it is painted, a task draws the
        // version current then.
        if !s.asked {
            s.asked = true;
            let slot = slot.clone();
            after_frame(move || {
                {
                    let mut s = slot.borrow_mut();
                    s.asked = false;
                    s.due = Some(s.latest);
                }
                redraw.force_update();
            });
        }
        s.drawn.as_ref().map(|(_, h)| h.clone()).unwrap_or_default()
    } else {
        s.drawn = Some((props.version, props.children.clone()));
        props.children.clone()
    };
    drop(s);
    html! {
        <div class={props.class.clone()} ref={node} aria-busy={busy.then_some("true")}>
            { shown }
        </div>
    }
}

thread_local! {
    /// What runs in the task after the next frame: every panel's redraw,
    /// so they share one render and one frame.
    static AFTER_FRAME: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// Set while that task (and the render it starts) runs.
    static LATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this is the task after a frame that draws what was put off
/// (a panel drawn then need not put off anything more).
pub fn drawing_late() -> bool {
    LATE.with(|l| l.get())
}

/// Runs `f` in a task after the next frame is painted (with the other
/// panels' redraws asked for by then).
pub fn after_frame(f: impl FnOnce() + 'static) {
    let first = AFTER_FRAME.with(|q| {
        let mut q = q.borrow_mut();
        q.push(Box::new(f));
        q.len() == 1
    });
    if !first {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = || {
        let due = AFTER_FRAME.with(|q| std::mem::take(&mut *q.borrow_mut()));
        // Yew renders in a microtask after this task's callbacks: the flag
        // holds until the next task.
        LATE.with(|l| l.set(true));
        Timeout::new(0, || LATE.with(|l| l.set(false))).forget();
        for f in due {
            f();
        }
    };
    let cb = Closure::once_into_js(move || Timeout::new(0, run).forget());
    let _ = window.request_animation_frame(cb.unchecked_ref());
}

struct Observer {
    observer: IntersectionObserver,
    // Called by the observer for as long as it lives.
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

/// Keeps the slot's `near` up to date with whether `node` is within
/// [`NEAR`] of the viewport.
fn observe(node: &NodeRef, slot: Rc<RefCell<Slot>>) -> Option<Observer> {
    let el = node.cast::<Element>()?;
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry is the latest state.
        if let Some(e) = entries.iter().last() {
            let e: IntersectionObserverEntry = e.unchecked_into();
            slot.borrow_mut().near = Some(e.is_intersecting());
        }
    });
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"rootMargin".into(), &NEAR.into());
    let observer = IntersectionObserver::new(cb.as_ref().unchecked_ref(), &opts).ok()?;
    observer.observe(&el);
    Some(Observer {
        observer,
        _callback: cb,
    })
}

/// Keeps an element's visible part up to date: its top and bottom edges
/// that show in the window, in CSS pixels from the element's own top
/// (`None` when none of it shows), as an `IntersectionObserver` last said,
/// to within a twentieth of its height: no layout is read. Disconnects
/// when dropped.
pub struct Visible {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
    part: Rc<std::cell::Cell<Option<(f64, f64)>>>,
}

impl Visible {
    pub fn observe(el: &Element) -> Option<Visible> {
        let part = Rc::new(std::cell::Cell::new(None));
        let shared = part.clone();
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(e) = entries.iter().last() {
                let e: IntersectionObserverEntry = e.unchecked_into();
                let shown = e.is_intersecting().then(|| {
                    let (seen, all) = (e.intersection_rect(), e.bounding_client_rect());
                    let top = all.y();
                    (seen.y() - top, seen.y() + seen.height() - top)
                });
                shared.set(shown);
            }
        });
        let opts = js_sys::Object::new();
        let steps: js_sys::Array = (0..=20)
            .map(|k| JsValue::from(f64::from(k) / 20.0))
            .collect();
        let _ = js_sys::Reflect::set(&opts, &"threshold".into(), &steps);
        let observer = IntersectionObserver::new(cb.as_ref().unchecked_ref(), &opts).ok()?;
        observer.observe(el);
        Some(Visible {
            observer,
            _callback: cb,
            part,
        })
    }

    /// The visible part, as last observed (`None`: none of it, or not
    /// observed yet).
    pub fn part(&self) -> Option<(f64, f64)> {
        self.part.get()
    }
}

impl Drop for Visible {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

// The IntersectionObserver calls the page needs (web-sys has them behind
// features this build does not enable).
#[wasm_bindgen]
extern "C" {
    type IntersectionObserver;
    #[wasm_bindgen(constructor, catch)]
    fn new(
        callback: &js_sys::Function,
        options: &js_sys::Object,
    ) -> Result<IntersectionObserver, JsValue>;
    #[wasm_bindgen(method)]
    fn observe(this: &IntersectionObserver, target: &Element);
    #[wasm_bindgen(method)]
    fn disconnect(this: &IntersectionObserver);

    type IntersectionObserverEntry;
    #[wasm_bindgen(method, getter, js_name = isIntersecting)]
    fn is_intersecting(this: &IntersectionObserverEntry) -> bool;
    #[wasm_bindgen(method, getter, js_name = intersectionRect)]
    fn intersection_rect(this: &IntersectionObserverEntry) -> web_sys::DomRect;
    #[wasm_bindgen(method, getter, js_name = boundingClientRect)]
    fn bounding_client_rect(this: &IntersectionObserverEntry) -> web_sys::DomRect;
}
