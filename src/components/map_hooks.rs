//! The map's hooks: keeping the viewport in step with the element, zooming on the
//! wheel (non-passive, so it can stop the page scrolling), driving fly-to frames, and
//! short gesture hints. Each cleans up after itself, so `destroy()` leaves nothing behind.

use passage_map_core::camera::{ScreenPoint, Viewport};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Element, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use passage_map_core::view::gestures::wheel_factor;
use passage_map_core::view::Action;

use super::elements::{zero, Effect, EffectDeps};
use super::preview::{self, SharedPreview};
use crate::browser::{request_animation_frame, set_timeout};
use crate::state::{MapHandle, Model};

pub use super::elements::{no_teardown, Teardown, EVERY_RENDER};

/// Runs `f` after the first render, and again after any render where `deps` changed (every
/// render for [`EVERY_RENDER`]); what `f` returns is done before it runs again and when the
/// component goes. The widget's one effect shape ([`Effect`]): Yew's effect hook is then
/// one copy in the wasm for the map, the panel and the app (measured: 2.2 KB gzip for the
/// map's nine).
pub fn use_map_effect(deps: f64, f: impl FnOnce() -> Teardown + 'static) -> impl Hook<Output = ()> {
    use_effect_with((AttrValue::default(), None, false, deps), Box::new(move |_: &EffectDeps| f()) as Effect)
}

/// How long the wheel must rest before its zoom is committed to the camera, ms.
const WHEEL_IDLE_MS: i32 = 160;

/// A client position as pixels from the element's top-left.
/// Measured on the map's container, which a drag preview does not move.
pub fn local_point(target: &Element, client_x: i32, client_y: i32) -> ScreenPoint {
    let frame = target.parent_element().unwrap_or_else(|| target.clone());
    let r = frame.get_bounding_client_rect();
    ScreenPoint { x: client_x as f64 - r.left(), y: client_y as f64 - r.top() }
}

/// Keeps the map's viewport in step with the element's size, and zooms on wheel events.
/// The wheel listener is registered by hand because it must call preventDefault (a
/// passive listener cannot), and only while the reader means the map.
#[hook]
pub fn use_viewport_and_wheel(
    node: NodeRef,
    dispatch: UseReducerDispatcher<Model>,
    needs_focus: bool,
    hint: Callback<usize>,
    preview: SharedPreview,
) {
    // The node is the map's own, made once: the effect depends on the flag alone.
    use_map_effect(f64::from(u8::from(needs_focus)), move || {
        let el: Option<Element> = node.cast::<Element>();
        // Both listeners take a plain JsValue, cast inside: one closure type for wasm-bindgen
        // (each type is a conversion and a wrapper more in the JS glue).
        let resize = {
            let dispatch = dispatch.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |entries: JsValue| {
                let entries = entries.unchecked_into::<js_sys::Array>();
                // The observer's entries are ResizeObserverEntry objects: an unchecked cast
                // (a checked one is an `instanceof` import more).
                let entry = entries.get(0);
                if !entry.is_undefined() {
                    let r = entry.unchecked_into::<ResizeObserverEntry>().content_rect();
                    dispatch.dispatch(Action::Resize(Viewport { width: r.width(), height: r.height() }));
                }
            })
        };
        let observer = ResizeObserver::new(resize.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(el)) = (&observer, &el) {
            o.observe(el);
        }
        let target = el.clone();
        // The pending commit of a wheel preview; dropped (cancelled) with the listener.
        let mut idle = None::<crate::browser::Timeout>;
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let e = e.unchecked_into::<web_sys::WheelEvent>();
            let Some(el) = &target else { return };
            // The focus is on the map or inside it (also across the widget's shadow root).
            let focused = el.matches(":focus-within").unwrap_or(false);
            if needs_focus && !focused && !e.ctrl_key() && !e.meta_key() {
                // The page scrolls on; say how to zoom the map instead.
                hint.emit(HINT_WHEEL);
                return;
            }
            e.prevent_default();
            let anchor = local_point(el, e.client_x(), e.client_y());
            let factor = wheel_factor(e.delta_y(), e.delta_mode(), e.ctrl_key());
            preview::zoom(&preview, el, factor, anchor);
            // Commit once the wheel rests: one re-render for a whole flick.
            let (preview, el, dispatch) = (preview.clone(), el.clone(), dispatch.clone());
            idle.replace(set_timeout(WHEEL_IDLE_MS, move || preview::commit(&preview, &el, &dispatch)));
        });
        let opts = AddEventListenerOptions::new();
        opts.set_passive(false);
        if let Some(el) = &el {
            let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
                "wheel",
                closure.as_ref().unchecked_ref(),
                &opts,
            );
        }
        Box::new(move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(resize);
            if let Some(el) = el {
                let _ = el.remove_event_listener_with_callback("wheel", closure.as_ref().unchecked_ref());
            }
        })
    });
}

/// How long a gesture hint stays on screen, ms.
const HINT_MS: i32 = 1_600;

/// A gesture hint: none, or what to do to zoom (the page scrolls on with the wheel).
pub const HINT_WHEEL: usize = 1;
/// A gesture hint: what to do to move the map (the page scrolls on with one finger).
pub const HINT_TOUCH: usize = 2;

/// A short message over the map ("use two fingers…") that hides itself: which one is
/// shown (0: none, [`HINT_WHEEL`], [`HINT_TOUCH`]; a `usize` state, as the panel's are: one
/// copy of Yew's state hook for them all), and how to show one.
#[hook]
pub fn use_hint() -> (usize, Callback<usize>) {
    // Equal hints are no change: a one-finger drag asks for its hint on every move.
    let hint = use_state_eq(zero as fn() -> usize);
    {
        // Another hint starts the timer again.
        let shown = *hint;
        let hint = hint.clone();
        use_map_effect(shown as f64, move || {
            let timer = (shown != 0).then(|| set_timeout(HINT_MS, move || hint.set(0)));
            Box::new(move || drop(timer))
        });
    }
    let show = {
        let hint = hint.clone();
        Callback::from(move |which: usize| hint.set(which))
    };
    (*hint, show)
}

/// Drives a fly-to: one animation frame per render while a flight is under way.
#[hook]
pub fn use_flight_frames(map: &MapHandle) {
    let flying = map.flight.is_some();
    let dispatch = map.dispatcher();
    // A new frame count while flying, or the flight's end, runs it again.
    use_map_effect(if flying { map.frames as f64 } else { -1.0 }, move || {
        let frame = flying.then(|| request_animation_frame(move |t| dispatch.dispatch(Action::Frame(t))));
        Box::new(move || drop(frame))
    });
}
