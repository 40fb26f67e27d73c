//! The map: an SVG with the basemap, the place shapes and markers, and the zoom
//! controls. It turns DOM events into view actions; it draws what the state says.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use passage_map_core::view::gestures::{key_action, STEP_ZOOM};
use passage_map_core::view::Action;

use super::basemap_layer::basemap_layer;
use super::elements::{button, El};
use super::labels_layer::labels_layer;
use super::locator::locator;
use super::map_hooks::{
    local_point, use_flight_frames, use_hint, use_viewport_and_wheel, HINT_TOUCH, HINT_WHEEL,
};
use super::markers::{markers, use_markers, MarkersState};
use super::preview;
use super::scale_bar::scale_bar;
use crate::i18n::strings;
use crate::loader::{Basemap, Loaded};
use crate::state::{MapHandle, Model};

/// What the map draws.
pub struct MapViewProps {
    pub loaded: Rc<Loaded>,
    pub map: MapHandle,
    pub region: Option<Rc<Basemap>>,
    pub city: Option<Rc<Basemap>>,
    pub lang: AttrValue,
    /// The wheel zooms only once the map has focus (embeds must not trap page scrolling).
    pub wheel_needs_focus: bool,
}

/// What the map keeps between renders: the gesture preview (with the pointers down and the
/// svg's NodeRef), the gesture hint, the markers' state.
pub struct MapState {
    preview: preview::SharedPreview,
    hint: usize,
    show_hint: Callback<usize>,
    markers: MarkersState,
}

/// The map's hooks: its state, the viewport and wheel listeners, the fly-to frames.
#[hook]
pub fn use_map(map: &MapHandle, wheel_needs_focus: bool, markers: MarkersState) -> MapState {
    let (hint, show_hint) = use_hint();
    use_markers(&markers, map.flight.is_some());
    // The preview, the pointers down and the svg's NodeRef, in one cell.
    let preview = markers.preview();
    let svg_ref = preview.borrow().svg.clone();
    use_viewport_and_wheel(svg_ref, map.dispatcher(), wheel_needs_focus, show_hint.clone(), preview.clone());
    use_flight_frames(map);
    MapState { preview, hint, show_hint, markers }
}

/// The map. Part of the story map's render, not a component of its own (one fewer
/// component type): its state comes from [`use_map`], called by the story map.
pub fn map_view(props: &MapViewProps, state: &MapState) -> Html {
    let t = strings(&props.lang);
    let map = &props.map;
    let MapState { preview, hint, show_hint, markers: markers_state } = state;
    let svg_ref = preview.borrow().svg.clone();
    {
        // How far a previewed zoom may go from the current scale.
        let limits = map.limits();
        let k = map.camera.scale;
        preview.borrow_mut().preview.set_room(limits.min_scale / k, limits.max_scale / k);
    }
    // In an embed one finger scrolls the page; two fingers move the map.
    let one_finger_scrolls = props.wheel_needs_focus;

    // Yew delegates events to the mount root, so `current_target` is not the svg: every
    // position and the pointer capture go through the svg's own node.
    // One closure type for the pointer going down, moving and going up, the double click
    // and the keys, each holding one `Rc` of what they read.
    let on = Rc::new(MapEvents {
        dispatch: map.dispatcher(),
        show_hint: show_hint.clone(),
        svg_ref: svg_ref.clone(),
        preview: preview.clone(),
        one_finger_scrolls,
    });
    let pointer = |kind: Pointer| {
        let on = on.clone();
        Callback::from(move |e: PointerEvent| on.pointer(kind, &e))
    };
    let (onpointerdown, onpointermove, onpointerup) =
        (pointer(Pointer::Down), pointer(Pointer::Move), pointer(Pointer::Up));
    let ondblclick = {
        let on = on.clone();
        Callback::from(move |e: MouseEvent| on.dblclick(&e))
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| on.key(&e));
    let button = |label: &'static str, text: &'static str, class: &'static str, action: fn() -> Action| {
        button(class, on_click_dispatch(map, action), text)
            .attr("aria-label", label)
            .attr("title", label)
            .build()
    };

    let labels = labels_layer(props, &markers_state.place_names());
    let vp = map.viewport;
    let region_t = props.region.as_ref().map(|b| map.camera.transform_for_origin(vp, b.origin).to_svg());
    let show_city = map.camera.scale > CITY_SCALE;
    let mut svg = El::with_keys("svg", SVG_KEYS);
    svg.node_ref(svg_ref)
        .attr("tabindex", "0")
        .attr("role", "group")
        .attr_owned("aria-label", format!("{}. {}", t.map_label, t.map_help))
        .attr(
            "class",
            match (map.flight.is_some(), show_city) {
                (false, false) => "pm-svg",
                (true, false) => "pm-svg pm-moving",
                (false, true) => "pm-svg pm-deep",
                (true, true) => "pm-svg pm-moving pm-deep",
            },
        )
        .onpointerdown(onpointerdown)
        .onpointermove(onpointermove)
        .onpointerup(onpointerup.clone())
        .onpointercancel(onpointerup)
        .ondblclick(ondblclick)
        .onkeydown(onkeydown)
        .child(El::new("rect").attr("width", "100%").attr("height", "100%").class("pm-sea").build());
    // Absent bands leave an empty node in their place, as `html!`'s `if` does.
    svg.child(match (&props.region, region_t) {
        (Some(b), Some(tr)) => basemap_layer(b, tr, false),
        _ => Html::default(),
    });
    svg.child(match (&props.city, show_city) {
        (Some(b), true) => basemap_layer(b, map.camera.transform_for_origin(vp, b.origin).to_svg(), true),
        _ => Html::default(),
    });
    svg.child(labels).child(markers(&props.loaded, map, &props.lang, markers_state));
    let hint = if *hint != 0 {
        El::new("p")
            .attr("role", "status")
            .class("pm-hint")
            .text(if *hint == HINT_WHEEL { t.hint_wheel } else { t.hint_touch })
            .build()
    } else {
        Html::default()
    };
    El::new("div")
        .class(if props.wheel_needs_focus { "pm-map pm-embedded" } else { "pm-map" })
        .child(svg.build())
        .child(
            El::new("div")
                .class("pm-controls")
                .child(button(t.zoom_in, "+", "pm-control pm-zoom-in", || Action::ZoomBy {
                    factor: STEP_ZOOM,
                    anchor: None,
                }))
                .child(button(t.zoom_out, "−", "pm-control pm-zoom-out", || Action::ZoomBy {
                    factor: 1.0 / STEP_ZOOM,
                    anchor: None,
                }))
                .child(button(t.reset, "⟲", "pm-control pm-reset", || Action::Reset))
                .build(),
        )
        .child(scale_bar(&map.camera, &props.lang))
        .child(locator(map, props.region.as_ref(), &props.lang))
        .child(hint)
        .build()
}

/// The attributes of the map's `<svg>`, in their order in the DOM.
const SVG_KEYS: &[&str] = &["tabindex", "role", "aria-label", "class"];

/// What the svg's handlers read (one capture for them all).
struct MapEvents {
    dispatch: UseReducerDispatcher<Model>,
    show_hint: Callback<usize>,
    svg_ref: NodeRef,
    preview: preview::SharedPreview,
    /// In an embed one finger scrolls the page; two fingers move the map.
    one_finger_scrolls: bool,
}

impl MapEvents {
    /// The pointer going down, moving or going up.
    fn pointer(&self, kind: Pointer, e: &PointerEvent) {
        let MapEvents { dispatch, show_hint, svg_ref, preview, one_finger_scrolls } = self;
        let el = svg_ref.cast::<Element>();
        match kind {
            Pointer::Down => {
                if let Some(el) = &el {
                    preview::commit(preview, el, dispatch);
                }
                if !e.is_primary() && e.pointer_type() == "mouse" {
                    return;
                }
                if let Some(el) = &el {
                    let at = local_point(el, e.client_x(), e.client_y());
                    preview.borrow_mut().pointers.press(e.pointer_id(), at);
                }
            }
            Pointer::Move => {
                let Some(el) = &el else { return };
                let count = preview.borrow().pointers.count();
                if *one_finger_scrolls && e.pointer_type() == "touch" && count < 2 {
                    if count == 1 {
                        show_hint.emit(HINT_TOUCH);
                    }
                    return;
                }
                let at = local_point(el, e.client_x(), e.client_y());
                let actions = preview.borrow_mut().pointers.moved(e.pointer_id(), at);
                if !actions.is_empty() {
                    // Capture only once dragging, so that a click still lands on its marker.
                    let _ = el.set_pointer_capture(e.pointer_id());
                    e.prevent_default();
                }
                let one_finger = preview.borrow().pointers.count() == 1;
                for a in actions {
                    match a {
                        Action::PanBy(dx, dy) if one_finger => preview::pan(preview, el, dx, dy),
                        a => {
                            preview::commit(preview, el, dispatch);
                            dispatch.dispatch(a);
                        }
                    }
                }
            }
            Pointer::Up => {
                preview.borrow_mut().pointers.release(e.pointer_id());
                if let Some(el) = &el {
                    preview::commit(preview, el, dispatch);
                }
            }
        }
    }

    /// A double click zooms in (out with Shift) at the pointer.
    fn dblclick(&self, e: &MouseEvent) {
        let Some(el) = self.svg_ref.cast::<Element>() else { return };
        let factor = if e.shift_key() { 1.0 / STEP_ZOOM } else { STEP_ZOOM };
        let anchor = Some(local_point(&el, e.client_x(), e.client_y()));
        self.dispatch.dispatch(Action::ZoomBy { factor, anchor });
    }

    /// The map's keys (arrows pan, + and − zoom, …).
    fn key(&self, e: &KeyboardEvent) {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        if let Some(action) = key_action(&e.key()) {
            e.prevent_default();
            if let Some(el) = self.svg_ref.cast::<Element>() {
                preview::commit(&self.preview, &el, &self.dispatch);
            }
            self.dispatch.dispatch(action);
        }
    }
}

/// Which way a pointer event goes.
#[derive(Clone, Copy)]
enum Pointer {
    Down,
    Move,
    Up,
}

/// A click handler that dispatches `action()` (the zoom buttons, the locator): one
/// closure type for them all.
#[inline(never)]
pub fn on_click_dispatch(map: &MapHandle, action: fn() -> Action) -> Callback<MouseEvent> {
    let dispatch = map.dispatcher();
    Callback::from(move |_| dispatch.dispatch(action()))
}

/// Above this scale (pixels per world metre) the city-scale basemap is drawn; about
/// 150 m a pixel, when the map shows less than ~100 km across.
pub const CITY_SCALE: f64 = 1.0 / 150.0;
