//! The places on the map: shapes (polygons, lines) under one transform, uncertainty
//! rings, and one focusable marker per place, placed in pixels so that symbols keep
//! their size at every zoom. A place outside the home view (far away, like Guantánamo)
//! gets its marker pinned to the map's edge, so it can still be seen and chosen.
//!
//! Panning only changes the transforms of the groups: the shapes, rings and markers are
//! memoised components whose props hold the zoom, not the centre, so a drag frame does
//! not touch thousands of elements.

use std::cell::RefCell;
use std::rc::Rc;

use passage_map_core::camera::{ScreenPoint, Transform, Viewport};
use passage_map_core::geo::WorldPoint;
use passage_map_core::labels::Rect;
use passage_map_core::math;
use passage_map_core::path::format_coord as num;
use passage_map_core::path::symbol_path;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use passage_map_core::view::groups::{group_markers, GroupInput, MarkerGroup};
use passage_map_core::view::{Action, Via};

use super::basemap_layer::basemap_paths;
use super::canvas_layer::{
    canvas_host, hit, view_bounds, CanvasInputs, Surface, MAX_RING_PX, MIN_RING_PX, SYMBOL_PX,
};
use super::elements::{fragment, target_element, zero, El};
use super::labels_layer::measure_place_names;
use super::map_hooks::{no_teardown, use_map_effect, EVERY_RENDER};
use super::preview::SharedPreview;
use super::story_map::{story_map, use_story_hooks, StoryMapProps};
use crate::i18n::strings;
use crate::loader::{Basemap, Loaded};
use crate::state::{MapHandle, Model};

/// Distance kept between an edge marker and the map's edge.
const EDGE_PX: f64 = 26.0;

/// The group controls the marker layer drew last: each group's lead place (its index in
/// the story) and its places. Read by the delegated handlers, so that a group control needs
/// no closures of its own; equal only to itself, as the layer's props compare it.
#[derive(Clone, Default)]
pub(crate) struct Groups(Rc<RefCell<Vec<Group>>>);

/// A group's lead place and its places.
type Group = (usize, Vec<usize>);

impl PartialEq for Groups {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Selects place `id` from the map (its marker is where the focus comes back to).
fn select(dispatch: &UseReducerDispatcher<Model>, id: String) {
    let opener = Some(format!("marker:{id}"));
    dispatch.dispatch(Action::Select { id, via: Via::Map, opener });
}

/// A click (or with `key`, a key) on the map's places, handled once for them all
/// (delegation) instead of by two closures per marker and group: a place is selected, a
/// group zooms in on its places. Enter and Space activate as a click does.
fn activate(e: &Event, key: Option<&KeyboardEvent>, on: &PlaceEvents) {
    let PlaceEvents { dispatch, loaded, groups, .. } = on;
    if key.is_some_and(|k| k.key() != "Enter" && k.key() != " ") {
        return;
    }
    let Some(el) = target_element(e).and_then(|t| t.closest("[data-place],[data-group]").ok().flatten())
    else {
        return;
    };
    let group = match el.get_attribute("data-place") {
        Some(id) => Err(id),
        None => {
            let opener = el.get_attribute("data-opener").unwrap_or_default();
            let lead = opener.strip_prefix("marker:").unwrap_or_default();
            let groups = groups.0.borrow();
            let found = groups.iter().find(|(i, _)| loaded.story.places[*i].id == lead);
            let Some((_, members)) = found else { return };
            Ok(members.clone())
        }
    };
    if key.is_some() {
        e.prevent_default();
    }
    if key.is_some() || group.is_ok() {
        e.stop_propagation();
    }
    match group {
        Ok(members) => dispatch.dispatch(Action::ShowPlaces(members)),
        Err(id) => select(dispatch, id),
    }
}

/// A click (selects) or, with `hover`, a pointer move (shows the pointer cursor) on a
/// canvas map's canvas, at the place found under the pointer through the index. (One
/// function for both: the two handlers are then two calls.)
fn on_canvas(e: &MouseEvent, hover: bool, on: &PlaceEvents) {
    let PlaceEvents { dispatch, loaded, screen, shown, .. } = on;
    let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    if !target.class_list().contains("pm-canvas") {
        return;
    }
    let r = target.get_bounding_client_rect();
    let at = ScreenPoint::new(e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top());
    let place = hit(loaded, screen, shown, at);
    if hover {
        let _ = target.style().set_property("cursor", if place.is_some() { "pointer" } else { "" });
    } else if let Some(i) = place {
        select(dispatch, loaded.story.places[i].id.clone());
    }
}

/// What the delegated handlers of the map's places read: one capture for them all, so that
/// each of their closures holds one `Rc`.
struct PlaceEvents {
    dispatch: UseReducerDispatcher<Model>,
    loaded: Rc<Loaded>,
    groups: Groups,
    shown: Rc<Vec<bool>>,
    /// The camera's transform to the map's pixels, and the viewport.
    screen: Transform,
    vp: Viewport,
    kept: Rc<RefCell<Kept>>,
    renders: UseStateHandle<usize>,
}

impl PlaceEvents {
    /// A click: on a canvas map's canvas, the place under the pointer; on a marker or
    /// group, as [`activate`] does.
    fn click(&self, e: &MouseEvent) {
        on_canvas(e, false, self);
        activate(e, None, self);
    }

    /// A key: the arrows and their kin move a canvas map's keyboard cursor (when it has
    /// the focus); Enter and Space activate, as [`activate`] does.
    fn key(&self, e: &KeyboardEvent) {
        if !self.cursor_key(e) {
            activate(e, Some(e), self);
        }
    }

    /// Moves the keyboard cursor of a canvas map; returns whether the key did.
    fn cursor_key(&self, e: &KeyboardEvent) -> bool {
        // The cursor's marker in the marker layer (not a far place's, pinned to the edge).
        let on_cursor = target_element(e)
            .is_some_and(|t| t.matches(".pm-markers:not(.pm-far) > .pm-cursor").unwrap_or(false));
        if !on_cursor || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return false;
        }
        let mut kept = self.kept.borrow_mut();
        let kept = &mut *kept;
        let order = kept.roving.order(&self.loaded, self.screen, self.vp, &self.shown);
        if order.is_empty() {
            return false;
        }
        let last = order.len() - 1;
        let pos = cursor_at(order, kept.cursor).unwrap_or(0);
        let next = match e.key().as_str() {
            "ArrowDown" | "ArrowRight" => (pos + 1).min(last),
            "ArrowUp" | "ArrowLeft" => pos.saturating_sub(1),
            "Home" => 0,
            "End" => last,
            "PageDown" => (pos + 10).min(last),
            "PageUp" => pos.saturating_sub(10),
            _ => return false,
        };
        e.prevent_default();
        e.stop_propagation();
        kept.focus_cursor = true;
        kept.cursor = order[next] + 1;
        self.renders.set(kept.changed());
        true
    }
}

/// Pins a point outside the viewport to its edge; returns whether it was moved.
fn pin_to_edge(p: ScreenPoint, w: f64, h: f64) -> (ScreenPoint, bool) {
    // num::clamp: f64::clamp's assertion message would link the float formatter.
    let x = passage_map_core::num::clamp(p.x, EDGE_PX, (w - EDGE_PX).max(EDGE_PX));
    let y = passage_map_core::num::clamp(p.y, EDGE_PX, (h - EDGE_PX).max(EDGE_PX));
    (ScreenPoint { x, y }, x != p.x || y != p.y)
}

/// Above this many places, markers and rings are hidden during a fly-to and drawn again
/// where it ends: re-placing thousands of them on every frame would stall the flight.
const LIVE_FLIGHT_LIMIT: usize = 1_000;

/// Above this many lines and areas, they too are hidden during a fly-to (see
/// `hide_shapes` in [`Markers`]). Measured in the bench, same machine and run conditions:
/// with the 300 areas of the 10k story kept on screen, fly-to p95 was 33.3 ms (19.5 of
/// 204 frames over 25 ms), hidden 16.7 ms (3.5 of 220); with the 3,000 of the 100k story,
/// 58.3 ms (79.5 of 120) against 33.3 ms (19.5 of 207).
const LIVE_FLIGHT_SHAPES: usize = 100;

/// Half-size, in pixels, of the window of markers drawn around the marker origin.
const CULL_PX: f64 = 4096.0;
/// Marker coordinates are relative to a grid point this many pixels apart, so the
/// numbers stay small (single-precision SVG) and change only when the grid cell does.
const CELL_PX: f64 = 2048.0;

/// What the memoised layers depend on: everything but the camera's centre.
#[derive(PartialEq, Clone)]
pub(crate) struct LayerProps {
    loaded: Rc<Loaded>,
    /// Pixels per world metre.
    scale: f64,
    /// World point that marker coordinates are relative to.
    origin: WorldPoint,
    /// Whether each place (in story order) is shown, as the view model decides.
    shown: Rc<Vec<bool>>,
    /// The selected place (its index in the story).
    selected: Option<usize>,
    home: passage_map_core::geo::Bounds,
    /// Where the marker layer leaves its groups for the delegated handlers.
    groups: Groups,
    lang: AttrValue,
    /// Each layer's symbol path (`d`), built once, in the order of the story's layers.
    symbols: Rc<Vec<AttrValue>>,
    /// The places this layer draws when not all of them: on a canvas map the only places
    /// that get an SVG marker (the selected one, headline places, the keyboard cursor;
    /// the canvas draws the rest, ungrouped); for the shape layer, the lines and areas.
    only: Option<Rc<Vec<usize>>>,
    /// On a canvas map: the keyboard cursor's place (index) and its accessible name.
    cursor: Option<(usize, AttrValue)>,
}

/// The memoised layers (one component type for the three).
#[derive(PartialEq, Clone, Copy)]
pub(crate) enum LayerKind {
    Shapes,
    Rings,
    Markers,
}

/// What a memoised layer of the map draws: places, or a band of the basemap; or the story
/// map itself, the layers' root (see [`StoryMap`](super::story_map::StoryMap)). (The places'
/// variant is the larger; there are a handful of these props per render, and boxing it
/// would add an allocation to each.)
#[derive(PartialEq)]
#[allow(clippy::large_enum_variant)]
pub(crate) enum MapLayerOf {
    /// Which of the places' layers, and its props.
    Places(LayerKind, LayerProps),
    /// A band's paths, and whether its bounds are painted as sea first.
    Basemap(Rc<Basemap>, bool),
    Story(StoryMapProps),
}

#[derive(Properties, PartialEq)]
pub(crate) struct MapLayerProps {
    pub layer: MapLayerOf,
}

/// A memoised layer of the map, or the story map (one component type for them all):
/// re-rendered only when its props change.
#[function_component]
pub(crate) fn MapLayer(props: &MapLayerProps) -> Html {
    // The story map's hooks, where this is the story map.
    let story = use_story_hooks(&props.layer);
    match &props.layer {
        MapLayerOf::Story(p) => story.map_or_else(Html::default, |state| story_map(p, state)),
        MapLayerOf::Places(kind, p) => match kind {
            LayerKind::Shapes => shape_layer(p),
            LayerKind::Rings => ring_layer(p),
            LayerKind::Markers => marker_layer(p),
        },
        MapLayerOf::Basemap(b, clip_sea) => basemap_paths(b, *clip_sea),
    }
}

impl LayerProps {
    /// The places shown (their indices in the story), in story order or `only`'s.
    #[inline(never)]
    fn visible(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut take = |i: usize| {
            if self.shown[i] {
                out.push(i);
            }
        };
        match &self.only {
            Some(only) => only.iter().for_each(|&i| take(i)),
            None => (0..self.loaded.story.places.len()).for_each(take),
        }
        out
    }

    /// Pixel position of a world point relative to the marker origin.
    fn local(&self, p: WorldPoint) -> ScreenPoint {
        ScreenPoint { x: (p.x - self.origin.x) * self.scale, y: (p.y - self.origin.y) * self.scale }
    }

    /// Whether a control's label goes to its left: for places in the east of the home view,
    /// so that names there stay inside the map at the opening view.
    fn label_left(&self, anchor: WorldPoint) -> bool {
        anchor.x > self.home.center().x + self.home.width() * 0.2
    }

    /// Whether place `i` is the selected one (indices rather than ids: no string compared).
    fn is_selected(&self, i: usize) -> bool {
        self.selected == Some(i)
    }
}

/// Width in pixels above which an area (a polygon place) carries its name on the map.
const AREA_LABEL_PX: f64 = 120.0;

/// The marker of place `i` at `at`; `toward`, for a marker pinned to the map's edge: the
/// direction of the place, in degrees.
fn marker(props: &LayerProps, i: usize, at: ScreenPoint, toward: Option<f64>) -> Option<Html> {
    let (place, sp) = (&props.loaded.story.places[i], &props.loaded.scene.places[i]);
    let off = toward.is_some();
    let t = strings(&props.lang);
    // The layer and its symbol by one search (the symbols are in the layers' order).
    let layers = &props.loaded.story.manifest.layers;
    let li = layers.iter().position(|l| l.id == place.layer)?;
    let (layer, symbol) = (&layers[li], props.symbols[li].clone());
    let is_selected = props.is_selected(i);
    let name = place.name.get(&props.lang);
    // Areas are named on the map once they are big enough to be read as areas.
    let area_label =
        sp.shape.as_ref().is_some_and(|s| s.filled) && sp.bounds.width() * props.scale > AREA_LABEL_PX;
    let cursor = props.cursor.as_ref().filter(|(c, _)| *c == i).map(|(_, label)| label.clone());
    let label = match &cursor {
        Some(label) => label.to_string(),
        None if off => format!("{name} ({})", t.off_map),
        None => name.to_owned(),
    };
    let mut class = String::from("pm-place");
    for (on, name) in [
        (cursor.is_some(), " pm-cursor"),
        (is_selected, " pm-selected"),
        (off, " pm-offscreen"),
        (place.is_approximate(), " pm-approximate"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let mut g = control(&place.id, class, at, label);
    g.attr("aria-pressed", if is_selected { "true" } else { "false" })
        .attr_owned("data-place", place.id.clone())
        .child(circle("pm-hit", "14"));
    // Absent parts leave an empty node in their place, as `html!`'s `if` does, so that
    // the children keep their positions from one render to the next.
    g.child(if place.highlight { circle("pm-highlight", "11") } else { Html::default() });
    g.child(
        El::with_keys("path", SHAPE_KEYS)
            .attr_owned("d", symbol)
            .attr_owned("fill", layer.colour.clone())
            .class("pm-symbol")
            .build(),
    );
    g.child(match toward {
        Some(angle) => El::with_keys("path", SHAPE_KEYS)
            .attr("d", "M13,-5L21,0L13,5Z")
            .attr_owned("transform", format!("rotate({})", num(angle, 0)))
            .class("pm-edge-arrow")
            .build(),
        None => Html::default(),
    });
    g.child(if is_selected || area_label || place.headline {
        let mut text = label_text(props.label_left(sp.anchor), "-11", "11");
        text.text(name);
        // Points show their uncertainty as a ring; areas say it in words.
        if area_label && place.is_approximate() {
            text.text(" (").text(t.approximate_short).text(")");
        }
        text.build()
    } else {
        Html::default()
    });
    Some(g.build())
}

/// The attributes of a marker or group control, in their order in the DOM.
const CONTROL_KEYS: &[&str] = &[
    "transform",
    "role",
    "tabindex",
    "aria-label",
    "aria-pressed",
    "data-place",
    "data-opener",
    "data-group",
    "class",
];
/// The attributes of the shapes, rings and symbols, in their order in the DOM.
pub(crate) const SHAPE_KEYS: &[&str] =
    &["d", "transform", "cx", "cy", "r", "fill", "stroke", "data-place", "class"];
/// The attributes of a control's label, in their order in the DOM.
pub(crate) const TEXT_KEYS: &[&str] = &["x", "y", "text-anchor", "class"];

/// A marker's or group control's focusable `<g>` at `at`, keyed by the place `id`,
/// named `label`. (A function rather than `html!`: one copy of the building for both.)
#[inline(never)]
fn control(id: &str, class: String, at: ScreenPoint, label: String) -> El {
    let mut g = El::with_keys("g", CONTROL_KEYS);
    g.key(id)
        .attr_owned("transform", format!("translate({} {})", num(at.x, 1), num(at.y, 1)))
        .attr("role", "button")
        .attr("tabindex", "0")
        .attr_owned("aria-label", label)
        .attr_owned("data-opener", format!("marker:{id}"))
        .attr_owned("class", class);
    g
}

/// A `<circle>` of class `class` and radius `r` centred on its control.
#[inline(never)]
fn circle(class: &'static str, r: &'static str) -> Html {
    El::with_keys("circle", SHAPE_KEYS).attr("r", r).class(class).build()
}

/// A control's visible name, at `left` or `right` of its centre (`left` when it goes to
/// the left, and then it ends there); the caller adds its text.
#[inline(never)]
fn label_text(to_left: bool, left: &'static str, right: &'static str) -> El {
    let mut text = El::with_keys("text", TEXT_KEYS);
    text.attr("x", if to_left { left } else { right })
        .attr("y", "4")
        .set_static("text-anchor", to_left.then_some("end"))
        .class("pm-label");
    text
}

/// Markers of the places inside the home view, near the marker origin.
fn marker_layer(props: &LayerProps) -> Html {
    let (story, scene) = (&props.loaded.story, &props.loaded.scene);
    let mut inputs = Vec::new();
    for i in props.visible() {
        let (place, sp) = (&story.places[i], &scene.places[i]);
        if !props.home.contains(sp.anchor) {
            continue;
        }
        let at = props.local(sp.anchor);
        let priority = if props.is_selected(i) { 2 } else { u8::from(place.headline) };
        if at.x.abs() <= CULL_PX && at.y.abs() <= CULL_PX {
            inputs.push(GroupInput { place: i, at, priority });
        }
    }
    // A canvas map's few SVG markers are never grouped: the canvas shows the crowd.
    let groups = group_markers(&inputs, if props.only.is_some() { 0.0 } else { GROUP_PX });
    props.groups.0.borrow_mut().clear();
    let single = |i: usize, at| marker(props, i, at, None);
    let mut controls = Vec::new();
    for g in groups {
        let lead = g.members[0];
        match g.members[..] {
            [i] => controls.extend(single(i, g.at)),
            // The selected place keeps its own marker even where others share its spot (a
            // placeholder point at a polygon's centre never separates); the rest of its
            // group stands one control-width to its right.
            [_, ..] if props.is_selected(lead) => {
                let rest = MarkerGroup {
                    at: ScreenPoint { x: g.at.x + GROUP_PX, y: g.at.y },
                    members: g.members[1..].to_vec(),
                };
                controls.extend(single(lead, g.at));
                match rest.members[..] {
                    [i] => controls.extend(single(i, rest.at)),
                    _ => controls.push(group_control(props, rest)),
                }
            }
            _ => controls.push(group_control(props, g)),
        }
    }
    fragment(controls)
}

/// Distance in pixels below which two controls would overlap by more than half (the
/// controls' hit areas are 28 px across): such places become one group.
const GROUP_PX: f64 = 28.0;

/// A group's visible name: its headline places (up to three), else its first place, and
/// how many more it holds.
fn group_label(props: &LayerProps, members: &[usize]) -> String {
    let story = &props.loaded.story;
    // The names written straight into the label (no Vec and `join`, whose code only this
    // used).
    let (mut label, mut named) = (String::new(), 0);
    for &i in members {
        let p = &story.places[i];
        if named < 3 && (p.headline || props.is_selected(i)) {
            if named > 0 {
                label.push_str(", ");
            }
            label.push_str(p.name.get(&props.lang));
            named += 1;
        }
    }
    if named == 0 {
        label.push_str(story.places[members[0]].name.get(&props.lang));
        named = 1;
    }
    match members.len() - named {
        0 => label,
        more => format!("{label} +{more}"),
    }
}

/// One control for places that would overlap: a double ring, the names of its headline
/// places and how many more, and activating it zooms in until they separate (see
/// [`activate`]). Keyed by its first place, which keeps the same element (and the
/// keyboard focus) when the group splits.
fn group_control(props: &LayerProps, group: MarkerGroup) -> Html {
    let lead = &props.loaded.story.places[group.members[0]];
    let left = props.label_left(props.loaded.scene.places[group.members[0]].anchor);
    let n = group.members.len();
    let label = group_label(props, &group.members);
    // The visible label starts the accessible name, as spoken-command users expect.
    // One `format!` for both languages (each is a copy of its arguments' building).
    let (places, zoom) = if props.lang == "es" {
        ("lugares", "Acercar para verlos")
    } else {
        ("places", "Zoom in to see them")
    };
    let aria = format!("{label}: {n} {places}. {zoom}");
    let selected_inside = group.members.iter().any(|&i| props.is_selected(i));
    let class = if selected_inside { "pm-place pm-group pm-has-selected" } else { "pm-place pm-group" };
    let html = control(&lead.id, class.to_owned(), group.at, aria)
        .attr_owned("data-group", n.to_string())
        .child(circle("pm-hit", "14"))
        .child(circle("pm-group-dot", "11"))
        .child(circle("pm-group-dot pm-group-inner", "6"))
        .child(label_text(left, "-16", "16").text(&label).build())
        .build();
    // Its places, where the delegated handlers find them by its lead place.
    props.groups.0.borrow_mut().push((group.members[0], group.members));
    html
}

/// Uncertainty rings of approximate points, once they are bigger than their marker.
fn ring_layer(props: &LayerProps) -> Html {
    let mut rings = Vec::new();
    for i in props.visible() {
        let (place, sp) = (&props.loaded.story.places[i], &props.loaded.scene.places[i]);
        if !(place.is_approximate() && place.geometry_is_point()) {
            continue;
        }
        let r = sp.accuracy_world_m * props.scale;
        let big_enough = (r >= MIN_RING_PX || (props.is_selected(i) && r >= SYMBOL_PX)) && r <= MAX_RING_PX;
        let c = props.local(sp.anchor);
        let near = c.x.abs() <= CULL_PX + r && c.y.abs() <= CULL_PX + r;
        if big_enough && near {
            let layer = props.loaded.story.layer(&place.layer);
            rings.push(
                El::with_keys("circle", SHAPE_KEYS)
                    .key(&place.id)
                    .attr_owned("cx", num(c.x, 1))
                    .attr_owned("cy", num(c.y, 1))
                    .attr_owned("r", num(r, 1))
                    .opt_attr("stroke", layer.map(|l| l.colour.clone()))
                    .class("pm-ring")
                    .build(),
            );
        }
    }
    fragment(rings)
}

/// Lines and polygons, in scene coordinates (the group's transform does the rest).
fn shape_layer(props: &LayerProps) -> Html {
    let mut shapes = Vec::new();
    for i in props.visible() {
        let (place, sp) = (&props.loaded.story.places[i], &props.loaded.scene.places[i]);
        let (Some(shape), Some(layer)) = (sp.shape.as_ref(), props.loaded.story.layer(&place.layer)) else {
            continue;
        };
        let mut class = String::from(if shape.filled { "pm-shape pm-area" } else { "pm-shape pm-line" });
        if place.is_approximate() {
            class.push_str(" pm-approximate");
        }
        if props.is_selected(i) {
            class.push_str(" pm-selected");
        }
        shapes.push(
            El::with_keys("path", SHAPE_KEYS)
                .key(&place.id)
                .attr_owned("d", shape.d.clone())
                .attr_owned("fill", layer.colour.clone())
                .attr_owned("stroke", layer.colour.clone())
                .attr_owned("data-place", place.id.clone())
                .attr_owned("class", class)
                .build(),
        );
    }
    fragment(shapes)
}

/// What a canvas map needs besides the canvas: its SVG markers and the keyboard cursor.
struct CanvasMarkers {
    /// Places with an SVG marker, story order.
    only: Rc<Vec<usize>>,
    /// Places the canvas leaves out: those, and the far places (pinned to the map's edge).
    in_svg: Rc<Vec<usize>>,
    /// The cursor's place (index) and accessible name.
    cursor: Option<(usize, AttrValue)>,
}

/// A canvas map's SVG places, kept while what they are made from stays the same: the
/// selected place and the cursor's place (indices), the headline places and the far places.
struct SvgPlaces {
    picked: (Option<usize>, Option<usize>),
    headlines: Rc<Vec<usize>>,
    far: Rc<Vec<usize>>,
    only: Rc<Vec<usize>>,
    in_svg: Rc<Vec<usize>>,
}

/// `now`, or while `hold` is true the value `kept` took when it became true (a layer's props
/// or transform held for the length of a flight).
fn held<T: Clone>(kept: &mut Option<T>, hold: bool, now: T) -> T {
    if hold {
        kept.get_or_insert(now).clone()
    } else {
        *kept = None;
        now
    }
}

/// What the markers keep between renders (one cell for them all).
#[derive(Default)]
struct Kept {
    /// The marker and ring layers' props when a flight that hides them began.
    frozen: Option<LayerProps>,
    /// The shape layer's transform when a flight that hides it began (see `hide_shapes`).
    frozen_shapes: Option<String>,
    /// The canvas map's SVG places and what the canvas leaves out, kept while the selected
    /// place, the cursor's place and the story stay the same (so the canvas's props do too).
    svg_places: Option<SvgPlaces>,
    roving: Roving,
    /// The boxes of the places' names (`.pm-place .pm-label`) measured after the last
    /// render, for the basemap's names to keep clear of.
    place_names: Vec<Rect>,
    /// Whether the keyboard cursor should take the focus after the next render.
    focus_cursor: bool,
    /// A canvas map's keyboard cursor: its place (index in the story + 1; 0: none yet).
    cursor: usize,
    /// How many times the cursor or the measured names changed (see [`MarkersState`]).
    changes: usize,
    /// The live region's text, set by the view model's effects.
    message: AttrValue,
    /// The marker layer's group, where the cursor is found to be focused.
    markers_ref: NodeRef,
    /// A canvas map's canvas (see [`Surface::update`]), and what this render asks it to
    /// show, taken by the effect after the render.
    surface: Surface,
    canvas_inputs: Option<CanvasInputs>,
    /// The marker layer's groups (see [`Groups`]).
    groups: Groups,
    /// The map's gesture preview, kept here rather than in a cell hook of its own (one
    /// copy of Yew's `use_mut_ref` fewer).
    preview: SharedPreview,
    /// What the view model shows, made again when the story or the layers or years change.
    shown: Memo<(Rc<Loaded>, passage_map_core::view::visibility::Filter), Vec<bool>>,
    lists: Memo<Rc<Loaded>, StoryLists>,
    /// The selected place's index: found once, not on every frame of a flight by walking a
    /// big story's places.
    selected_index: Memo<(Rc<Loaded>, Option<String>), Option<usize>>,
}

impl Kept {
    /// Counts a change that must render the map again; returns the new count.
    fn changed(&mut self) -> usize {
        self.changes += 1;
        self.changes
    }
}

/// A value and what it was made from (as `use_memo` keeps it, in the one cell of [`Kept`]).
type Memo<D, T> = Option<(D, Rc<T>)>;

/// The value kept in `slot` while `deps` stay equal to those it was made from, else
/// `make(&deps)`, kept.
fn memo<D: PartialEq, T>(slot: &mut Memo<D, T>, deps: D, make: impl FnOnce(&D) -> T) -> Rc<T> {
    match slot {
        Some((d, v)) if *d == deps => v.clone(),
        _ => {
            let v = Rc::new(make(&deps));
            *slot = Some((deps, v.clone()));
            v
        }
    }
}

/// What the markers draw from a story, found once per story: each layer's symbol path
/// (`d`, in the layers' order), the places drawn as shapes (lines, areas: the shape layer
/// renders on every zoom step and must not walk every point of a big story to find them),
/// and a canvas map's headline places (not found on every frame of a flight).
struct StoryLists {
    symbols: Rc<Vec<AttrValue>>,
    shaped: Rc<Vec<usize>>,
    headlines: Rc<Vec<usize>>,
    /// Places outside the home view.
    far: Rc<Vec<usize>>,
}

/// The keyboard cursor of a canvas map: where it is and the places in view it moves
/// over, nearest the centre first (found through the spatial index, once per view).
#[derive(Default)]
struct Roving {
    /// The view and filter the order was found for.
    key: Option<(passage_map_core::camera::Transform, usize)>,
    order: Vec<usize>,
}

impl Roving {
    fn order(
        &mut self,
        loaded: &Loaded,
        t: passage_map_core::camera::Transform,
        vp: Viewport,
        shown: &Rc<Vec<bool>>,
    ) -> &[usize] {
        let key = (t, Rc::as_ptr(shown) as usize);
        if self.key != Some(key) {
            let view = view_bounds(&t, vp.width, vp.height, 0.0);
            let centre = t.invert(ScreenPoint::new(vp.width / 2.0, vp.height / 2.0));
            self.order = loaded.index.by_distance(view, centre, |i| shown[i]);
            self.key = Some(key);
        }
        &self.order
    }
}

/// Where the cursor's place (`cursor`: index + 1, 0 for none) is in `order`.
fn cursor_at(order: &[usize], cursor: usize) -> Option<usize> {
    let place = cursor.checked_sub(1)?;
    order.iter().position(|&i| i == place)
}

/// What the markers keep: a canvas map's keyboard cursor and their cell.
#[derive(Clone)]
pub struct MarkersState {
    /// Counts the changes of the keyboard cursor, of the measured names and of the live
    /// region's text, which render the map again: one `usize` state for all three (as the
    /// panel's are: one copy of Yew's state hook for them all); the values are in the cell.
    renders: UseStateHandle<usize>,
    kept: Rc<RefCell<Kept>>,
}

impl MarkersState {
    /// The boxes of the places' names as last drawn, in the map's pixels.
    pub fn place_names(&self) -> std::cell::Ref<'_, Vec<Rect>> {
        std::cell::Ref::map(self.kept.borrow(), |k| &k.place_names)
    }

    /// The map's gesture preview (with the pointers down and the svg's NodeRef).
    pub fn preview(&self) -> SharedPreview {
        self.kept.borrow().preview.clone()
    }

    /// The live region's text (see `effects::use_view_effects`).
    pub fn message(&self) -> AttrValue {
        self.kept.borrow().message.clone()
    }

    /// Sets the live region's text, and renders again.
    pub fn set_message(&self, text: AttrValue) {
        let changes = {
            let mut k = self.kept.borrow_mut();
            k.message = text;
            k.changed()
        };
        // After the borrow ends: a render that follows at once reads the cell.
        self.renders.set(changes);
    }
}

/// The markers' state: their cell and the `usize` state that renders the map again. Made
/// before the story's effects hook, which keeps the live region's text in it too (a cell
/// and a state of their own would be another copy of Yew's cell hook).
#[hook]
pub fn use_markers_state() -> MarkersState {
    let renders = use_state_eq(zero as fn() -> usize);
    let kept = use_mut_ref(Kept::default);
    MarkersState { renders, kept }
}

/// The markers' effect after every render: the canvas (of a canvas map) is brought up to
/// date, the keyboard cursor takes the focus when it moved, and the places' names are
/// measured where the markers drew them. Not while `flying`: measuring forces a layout on
/// every frame; the names are measured again where the flight ends.
#[hook]
pub fn use_markers(state: &MarkersState, flying: bool) {
    // A change of the measured names (`Kept::place_names`) renders the map again, which
    // places the basemap's names anew.
    {
        let (kept, renders) = (state.kept.clone(), state.renders.clone());
        use_map_effect(EVERY_RENDER, move || {
            let mut k = kept.borrow_mut();
            let canvas = k.canvas_inputs.take();
            k.surface.update(canvas);
            let markers_ref = k.markers_ref.clone();
            if !flying {
                if let Some(rects) = markers_ref.cast::<Element>().as_ref().and_then(measure_place_names) {
                    if rects != k.place_names {
                        k.place_names = rects;
                        renders.set(k.changed());
                    }
                }
            }
            if std::mem::take(&mut k.focus_cursor) {
                drop(k);
                let el =
                    markers_ref.cast::<Element>().and_then(|g| g.query_selector(".pm-cursor").ok().flatten());
                if let Some(el) = el {
                    crate::browser::focus(&el);
                }
            }
            no_teardown()
        });
    }
}

/// The places on the map. Part of the map's own render, not a component of its own (one
/// fewer component type): what it must not redo on every render is kept in its cell.
pub fn markers(loaded: &Rc<Loaded>, map: &MapHandle, lang: &AttrValue, state: &MarkersState) -> Html {
    let (renders, kept) = (&state.renders, &state.kept);
    let vp = map.viewport;
    let (groups, shown, lists, selected_index, markers_ref) = {
        let mut k = kept.borrow_mut();
        let k = &mut *k;
        // What the view model shows, computed once per change of layers or years.
        let shown = memo(&mut k.shown, (loaded.clone(), map.filter.clone()), |(l, filter)| {
            // A plain loop rather than `map` and `collect` (less code).
            let mut shown = Vec::with_capacity(l.story.places.len());
            for p in &l.story.places {
                shown.push(filter.shows(p));
            }
            shown
        });
        let home = map.home_bounds;
        let lists = memo(&mut k.lists, loaded.clone(), |l| {
            let mut symbols = Vec::new();
            for layer in &l.story.manifest.layers {
                symbols.push(AttrValue::from(symbol_path(layer.symbol, SYMBOL_PX)));
            }
            let (mut shaped, mut headlines, mut far) = (Vec::new(), Vec::new(), Vec::new());
            // The home view is the story's own (the view model finds it once per story).
            for (i, sp) in l.scene.places.iter().enumerate() {
                if sp.shape.is_some() {
                    shaped.push(i);
                }
                if !home.contains(sp.anchor) {
                    far.push(i);
                }
            }
            for (i, p) in l.story.places.iter().enumerate() {
                if p.headline {
                    headlines.push(i);
                }
            }
            StoryLists {
                symbols: Rc::new(symbols),
                shaped: Rc::new(shaped),
                headlines: Rc::new(headlines),
                far: Rc::new(far),
            }
        });
        let selected_index =
            *memo(&mut k.selected_index, (loaded.clone(), map.selected().map(str::to_owned)), |(l, id)| {
                id.as_ref().and_then(|id| l.story.places.iter().position(|p| p.id == *id))
            });
        (k.groups.clone(), shown, lists, selected_index, k.markers_ref.clone())
    };
    let (symbols, shaped, headlines, far_places) =
        (&lists.symbols, &lists.shaped, &lists.headlines, &lists.far);
    if vp.width <= 0.0 {
        return html! {};
    }
    let k = map.camera.scale;
    let (origin, pan) = map.camera.pixel_frame(vp, CELL_PX);
    let pan_svg = format!("translate({} {})", num(pan.x, 1), num(pan.y, 1));
    let screen = map.camera.transform(vp);
    let canvas = loaded.canvas.then(|| {
        // The cursor stays on its place while that is in view; otherwise it starts at the
        // place in view nearest the centre. Not while flying: the view is not settled.
        let mut kept = kept.borrow_mut();
        let Kept { roving, svg_places, cursor, .. } = &mut *kept;
        let at = if map.flight.is_some() {
            None
        } else {
            let order = roving.order(loaded, screen, vp, &shown);
            let current = cursor_at(order, *cursor);
            current.or((!order.is_empty()).then_some(0)).map(|pos| (pos, order[pos], order.len()))
        };
        let cursor = at.map(|(pos, i, n)| {
            let name = loaded.story.places[i].name.get(lang);
            // One `format!` for both languages (each is a copy of its arguments' building).
            let (place, of, rest) = if lang == "es" {
                ("Lugar", "de", "a la vista, del centro hacia fuera; flechas: siguiente o anterior")
            } else {
                ("Place", "of", "in view, from the centre out; arrow keys: next or previous")
            };
            let label = format!("{name}. {place} {} {of} {n} {rest}", pos + 1);
            (i, AttrValue::from(label))
        });
        let picked = (selected_index, at.map(|(_, i, _)| i));
        // The cache holds the lists it was made from, so a list made again (another
        // story) is never mistaken for them.
        let fresh = |c: &SvgPlaces| {
            c.picked == picked && Rc::ptr_eq(&c.headlines, headlines) && Rc::ptr_eq(&c.far, far_places)
        };
        let c = match svg_places {
            Some(c) if fresh(c) => c,
            _ => svg_places.insert({
                let mut only: Vec<usize> = headlines.to_vec();
                only.extend(picked.0);
                only.extend(picked.1);
                passage_map_core::sort::sort_by(&mut only, |a, b| a.cmp(b));
                only.dedup();
                let mut in_svg = only.clone();
                in_svg.extend(far_places.iter().copied());
                SvgPlaces {
                    picked,
                    headlines: headlines.clone(),
                    far: far_places.clone(),
                    only: Rc::new(only),
                    in_svg: Rc::new(in_svg),
                }
            }),
        };
        CanvasMarkers { only: c.only.clone(), in_svg: c.in_svg.clone(), cursor }
    });
    let layer = LayerProps {
        loaded: loaded.clone(),
        scale: k,
        origin,
        shown: shown.clone(),
        selected: selected_index,
        home: map.home_bounds,
        groups,
        lang: lang.clone(),
        symbols: symbols.clone(),
        only: canvas.as_ref().map(|c| c.only.clone()),
        cursor: canvas.as_ref().and_then(|c| c.cursor.clone()),
    };
    // Lines and areas stay SVG paths at every size (a canvas map has few of them).
    // The shape layer draws in scene coordinates and has no cursor: its props leave out
    // the zoom, so that a flight or a wheel step does not re-render every line and area.
    let shapes = LayerProps {
        scale: 1.0,
        origin: loaded.scene.origin,
        only: Some(shaped.clone()),
        cursor: None,
        ..layer.clone()
    };
    // While a big SVG story flies, the marker and ring layers keep the props they had when
    // the flight began (so they are not re-rendered) and are hidden.
    let hide = map.flight.is_some() && loaded.story.places.len() > LIVE_FLIGHT_LIMIT && !loaded.canvas;
    let mut kept_now = kept.borrow_mut();
    let layer_shown = held(&mut kept_now.frozen, hide, layer.clone());
    // So too a big story's lines and areas, when there are many: moving thousands of
    // paths re-lays out and repaints them all on every frame. Their group keeps the
    // transform it had when the flight began, so that nothing under it changes.
    let hide_shapes = map.flight.is_some() && shaped.len() > LIVE_FLIGHT_SHAPES;
    let shapes_transform = held(
        &mut kept_now.frozen_shapes,
        hide_shapes,
        map.camera.transform_for_origin(vp, loaded.scene.origin).to_svg(),
    );
    drop(kept_now);
    // Far places (outside the home view): in screen pixels, pinned to the edge when out of view.
    let mut far = Vec::new();
    for &i in far_places.iter() {
        let sp = &loaded.scene.places[i];
        if !layer.shown[i] {
            continue;
        }
        let true_at = screen.apply(sp.anchor);
        let (at, off) = pin_to_edge(true_at, vp.width, vp.height);
        let toward = off.then(|| math::atan2(true_at.y - at.y, true_at.x - at.x).to_degrees());
        far.extend(marker(&layer, i, at, toward));
    }
    // A canvas map: the canvas under the SVG markers, a click found through the index,
    // and the cursor moved by the arrow keys.
    let canvas_layer = canvas.as_ref().map(|c| {
        let mut kept = kept.borrow_mut();
        kept.canvas_inputs = Some(CanvasInputs {
            loaded: loaded.clone(),
            transform: screen,
            width: vp.width,
            height: vp.height,
            shown: shown.clone(),
            in_svg: c.in_svg.clone(),
            flying: map.flight.is_some(),
        });
        canvas_host(&kept.surface.host, vp.width, vp.height)
    });
    // The places' events, handled once for them all (delegation; see `PlaceEvents`).
    let on = Rc::new(PlaceEvents {
        dispatch: map.dispatcher(),
        loaded: loaded.clone(),
        groups: layer.groups.clone(),
        shown: shown.clone(),
        screen,
        vp,
        kept: kept.clone(),
        renders: renders.clone(),
    });
    let (click, key, hover) = (on.clone(), on.clone(), on);
    let onclick = Callback::from(move |e: MouseEvent| click.click(&e));
    let onkeydown = Callback::from(move |e: KeyboardEvent| key.key(&e));
    let on_canvas_hover = Callback::from(move |e: PointerEvent| on_canvas(&e, true, &hover));
    let hidden = |class: &'static str, hidden: &'static str| if hide { hidden } else { class };
    let places = El::with_keys("g", LAYER_KEYS)
        .class("pm-places")
        .onclick(onclick)
        .onkeydown(onkeydown)
        .child(
            El::with_keys("g", LAYER_KEYS)
                .attr_owned("transform", shapes_transform)
                .class(if hide_shapes { "pm-shapes pm-hidden-while-flying" } else { "pm-shapes" })
                .child(map_layer(MapLayerOf::Places(LayerKind::Shapes, shapes)))
                .build(),
        )
        .child(match canvas_layer {
            Some(c) => El::with_keys("g", LAYER_KEYS)
                .class("pm-canvas-host")
                .onpointermove(on_canvas_hover)
                .child(c)
                .build(),
            None => El::with_keys("g", LAYER_KEYS)
                .attr("aria-hidden", "true")
                .attr_owned("transform", pan_svg.clone())
                .class(hidden("pm-rings", "pm-rings pm-hidden-while-flying"))
                .child(map_layer(MapLayerOf::Places(LayerKind::Rings, layer_shown.clone())))
                .build(),
        })
        .child(
            El::with_keys("g", LAYER_KEYS)
                .node_ref(markers_ref)
                .attr_owned("transform", pan_svg)
                .class(hidden("pm-markers", "pm-markers pm-hidden-while-flying"))
                .child(map_layer(MapLayerOf::Places(LayerKind::Markers, layer_shown)))
                .build(),
        )
        .child(El::with_keys("g", LAYER_KEYS).class("pm-markers pm-far").child(fragment(far)).build())
        .build();
    fragment(vec![places])
}

/// The attributes of the groups that hold the layers, in their order in the DOM.
pub(crate) const LAYER_KEYS: &[&str] = &["aria-hidden", "transform", "class"];

/// A memoised layer (one copy of the component's building for all its uses; its props as
/// a plain struct rather than through `html!`'s builder, which is more code).
#[inline(never)]
pub(crate) fn map_layer(layer: MapLayerOf) -> Html {
    Html::from(yew::virtual_dom::VChild::<MapLayer>::new(MapLayerProps { layer }, None))
}
