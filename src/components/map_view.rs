//! The map: an SVG with the basemap, the place shapes and markers, and the zoom
//! controls. It turns DOM events into [`MapAction`]s; it draws what the state says.

use std::rc::Rc;

use passage_map_core::camera::{ScreenPoint, Viewport};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Element, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use super::basemap_layer::BasemapLayer;
use super::gestures::{key_action, wheel_factor, Pointers, STEP_ZOOM};
use super::markers::Markers;
use super::scale_bar::scale_bar;
use crate::browser::{request_animation_frame, set_timeout};
use crate::i18n::strings;
use crate::loader::{Basemap, Loaded};
use crate::state::{MapAction, MapState};

#[derive(Properties, PartialEq)]
pub struct MapViewProps {
    pub loaded: Rc<Loaded>,
    pub map: UseReducerHandle<MapState>,
    pub region: Option<Rc<Basemap>>,
    pub city: Option<Rc<Basemap>>,
    pub on_select: Callback<AttrValue>,
    pub lang: AttrValue,
    /// The wheel zooms only once the map has focus (embeds must not trap page scrolling).
    pub wheel_needs_focus: bool,
}

fn local_point(target: &Element, client_x: i32, client_y: i32) -> ScreenPoint {
    let r = target.get_bounding_client_rect();
    ScreenPoint { x: client_x as f64 - r.left(), y: client_y as f64 - r.top() }
}

/// Keeps the map's viewport in step with the element's size.
#[hook]
fn use_viewport(node: NodeRef, dispatch: UseReducerDispatcher<MapState>) {
    use_effect_with(node, move |node| {
        let el: Option<Element> = node.cast::<Element>();
        let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<ResizeObserverEntry>() {
                let r = entry.content_rect();
                dispatch.dispatch(MapAction::Resize(Viewport { width: r.width(), height: r.height() }));
            }
        });
        let observer = ResizeObserver::new(closure.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(el)) = (&observer, &el) {
            o.observe(el);
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(closure);
        }
    });
}

/// Zooms on wheel events. Registered by hand because it must call preventDefault (a
/// passive listener cannot), and only while the reader means the map.
#[hook]
fn use_wheel_zoom(node: NodeRef, dispatch: UseReducerDispatcher<MapState>, needs_focus: bool, hint: Callback<()>) {
    use_effect_with((node, needs_focus), move |(node, needs_focus)| {
        let el: Option<Element> = node.cast::<Element>();
        let needs_focus = *needs_focus;
        let target = el.clone();
        let closure = Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |e: web_sys::WheelEvent| {
            let Some(el) = &target else { return };
            let focused = el.owner_document().and_then(|d| d.active_element()).is_some_and(|a| el.contains(Some(&a)))
                || el.get_root_node().dyn_ref::<web_sys::ShadowRoot>().and_then(|r| r.active_element()).is_some_and(|a| el.contains(Some(&a)));
            if needs_focus && !focused && !e.ctrl_key() && !e.meta_key() {
                // The page scrolls on; say how to zoom the map instead.
                hint.emit(());
                return;
            }
            e.prevent_default();
            let anchor = local_point(el, e.client_x(), e.client_y());
            dispatch.dispatch(MapAction::ZoomBy {
                factor: wheel_factor(e.delta_y(), e.delta_mode(), e.ctrl_key()),
                anchor: Some(anchor),
            });
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
        move || {
            if let Some(el) = el {
                let _ = el.remove_event_listener_with_callback("wheel", closure.as_ref().unchecked_ref());
            }
        }
    });
}

/// How long a gesture hint stays on screen, ms.
const HINT_MS: i32 = 1_600;

/// A short message over the map ("use two fingers…") that hides itself.
#[hook]
fn use_hint() -> (Option<&'static str>, Callback<&'static str>) {
    let hint = use_state(|| None::<&'static str>);
    {
        let hint = hint.clone();
        use_effect_with(*hint, move |shown| {
            let timer = shown.map(|_| set_timeout(HINT_MS, move || hint.set(None)));
            move || drop(timer)
        });
    }
    let show = {
        let hint = hint.clone();
        Callback::from(move |text: &'static str| hint.set(Some(text)))
    };
    (*hint, show)
}

/// Drives a fly-to: one animation frame per render while a flight is under way.
#[hook]
fn use_flight_frames(map: &UseReducerHandle<MapState>) {
    let flying = map.flight.is_some();
    let dispatch = map.dispatcher();
    use_effect_with((flying, map.frames), move |(flying, _)| {
        let frame = flying.then(|| request_animation_frame(move |t| dispatch.dispatch(MapAction::Frame(t))));
        move || drop(frame)
    });
}

#[function_component]
pub fn MapView(props: &MapViewProps) -> Html {
    let t = strings(&props.lang);
    let map = &props.map;
    let svg_ref = use_node_ref();
    let pointers = use_mut_ref(Pointers::default);
    let (hint, show_hint) = use_hint();
    use_viewport(svg_ref.clone(), map.dispatcher());
    use_wheel_zoom(svg_ref.clone(), map.dispatcher(), props.wheel_needs_focus, show_hint.reform(move |_| t.hint_wheel));
    // In an embed one finger scrolls the page; two fingers move the map.
    let one_finger_scrolls = props.wheel_needs_focus;
    use_flight_frames(map);

    // Yew delegates events to the mount root, so `current_target` is not the svg: every
    // position and the pointer capture go through the svg's own node.
    let onpointerdown = {
        let (pointers, svg_ref) = (pointers.clone(), svg_ref.clone());
        Callback::from(move |e: PointerEvent| {
            if !e.is_primary() && e.pointer_type() == "mouse" {
                return;
            }
            if let Some(el) = svg_ref.cast::<Element>() {
                pointers.borrow_mut().press(e.pointer_id(), local_point(&el, e.client_x(), e.client_y()));
            }
        })
    };
    let onpointermove = {
        let (pointers, dispatch, show_hint, svg_ref) =
            (pointers.clone(), map.dispatcher(), show_hint.clone(), svg_ref.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(el) = svg_ref.cast::<Element>() else { return };
            if one_finger_scrolls && e.pointer_type() == "touch" && pointers.borrow().count() < 2 {
                if pointers.borrow().count() == 1 {
                    show_hint.emit(t.hint_touch);
                }
                return;
            }
            let actions = pointers.borrow_mut().moved(e.pointer_id(), local_point(&el, e.client_x(), e.client_y()));
            if !actions.is_empty() {
                // Capture only once dragging, so that a click still lands on its marker.
                let _ = el.set_pointer_capture(e.pointer_id());
                e.prevent_default();
            }
            for a in actions {
                dispatch.dispatch(a);
            }
        })
    };
    let onpointerup = {
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| pointers.borrow_mut().release(e.pointer_id()))
    };
    let ondblclick = {
        let (dispatch, svg_ref) = (map.dispatcher(), svg_ref.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = svg_ref.cast::<Element>() else { return };
            let factor = if e.shift_key() { 1.0 / STEP_ZOOM } else { STEP_ZOOM };
            dispatch.dispatch(MapAction::ZoomBy { factor, anchor: Some(local_point(&el, e.client_x(), e.client_y())) });
        })
    };
    let onkeydown = {
        let dispatch = map.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            if let Some(action) = key_action(&e.key()) {
                e.prevent_default();
                dispatch.dispatch(action);
            }
        })
    };
    let button = |label: &'static str, text: &'static str, class: &'static str, action: fn() -> MapAction| {
        let dispatch = map.dispatcher();
        let onclick = Callback::from(move |_| dispatch.dispatch(action()));
        html! { <button type="button" class={classes!("pm-control", class)} aria-label={label} title={label} {onclick}>{text}</button> }
    };

    let vp = map.viewport;
    let region_t = props.region.as_ref().map(|b| map.camera.transform_for_origin(vp, b.origin).to_svg());
    let show_city = map.camera.scale > CITY_SCALE;
    html! {
        <div class={classes!("pm-map", props.wheel_needs_focus.then_some("pm-embedded"))}>
            <svg ref={svg_ref} class="pm-svg" tabindex="0" role="group"
                aria-label={format!("{}. {}", t.map_label, t.map_help)}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}
                {ondblclick} {onkeydown}>
                <rect class="pm-sea" width="100%" height="100%" />
                if let (Some(b), Some(tr)) = (&props.region, region_t) {
                    <BasemapLayer basemap={b.clone()} transform={tr} clip_sea=false />
                }
                if let (Some(b), true) = (&props.city, show_city) {
                    <BasemapLayer basemap={b.clone()} transform={map.camera.transform_for_origin(vp, b.origin).to_svg()} clip_sea=true />
                }
                <Markers loaded={props.loaded.clone()} map={map.clone()} on_select={props.on_select.clone()} lang={props.lang.clone()} />
            </svg>
            <div class="pm-controls">
                {button(t.zoom_in, "+", "pm-zoom-in", || MapAction::ZoomBy { factor: STEP_ZOOM, anchor: None })}
                {button(t.zoom_out, "−", "pm-zoom-out", || MapAction::ZoomBy { factor: 1.0 / STEP_ZOOM, anchor: None })}
                {button(t.reset, "⟲", "pm-reset", || MapAction::Reset)}
            </div>
            {scale_bar(&map.camera, &props.lang)}
            if let Some(text) = hint {
                <p class="pm-hint" role="status">{text}</p>
            }
        </div>
    }
}

/// Above this scale (pixels per world metre) the city-scale basemap is drawn; about
/// 150 m a pixel, when the map shows less than ~100 km across.
pub const CITY_SCALE: f64 = 1.0 / 150.0;
