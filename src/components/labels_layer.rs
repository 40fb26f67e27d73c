//! The names on the map (countries, seas, towns, landmarks) from the basemap bands,
//! placed by `passage_map_core::labels` so that none overlaps another or covers a place
//! marker or a place's name: place markers win. Decorative for assistive technology
//! (`aria-hidden`): the list of places is the map's text alternative.
//!
//! Markers are kept clear from their positions (pure); the places' own names, whose
//! length and side the marker layer decides (groups, edges), are measured in the DOM after
//! each render (by the markers' effect, [`measure_place_names`]), and a change places the
//! basemap names again.

use passage_map_core::camera::ScreenPoint;
use passage_map_core::labels::{place_labels, Label, Rect};
use passage_map_core::num::clamp;
use passage_map_core::path::format_coord as num;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::elements::{fragment, El};
use super::map_view::MapViewProps;
use super::markers::{LAYER_KEYS, SHAPE_KEYS, TEXT_KEYS};

/// Half-size of a place marker's hit area, in pixels (markers draw it with r = 14).
const MARKER_PX: f64 = 14.0;
/// How far pinned far markers sit from the map's edge (markers.rs).
const EDGE_PX: f64 = 26.0;
/// Room kept around a place's name for its halo, in pixels.
const PLACE_NAME_HALO_PX: f64 = 2.0;

/// The boxes that basemap names must keep clear of: the map's own controls (zoom buttons
/// top left, scale bar bottom left, locator inset bottom right), every shown place's
/// marker and the places' names drawn on the map (`place_names`, measured).
fn obstacles(props: &MapViewProps, place_names: &[Rect]) -> Vec<Rect> {
    let map = &props.map;
    let (vp, t) = (map.viewport, map.camera.transform(map.viewport));
    let (w, h) = (vp.width, vp.height);
    let mut out = vec![
        Rect { x0: 0.0, y0: 0.0, x1: 56.0, y1: 136.0 },
        Rect { x0: 0.0, y0: h - 44.0, x1: 190.0, y1: h },
        Rect { x0: w - 150.0, y0: h - 114.0, x1: w, y1: h },
    ];
    // A canvas map (a big story) draws its crowd of places under the names; only its few
    // SVG markers, measured with their names below, are kept clear.
    let markers = if props.loaded.canvas { 0 } else { props.loaded.story.places.len() };
    // An index loop rather than `zip` and `take` (less code).
    for i in 0..markers {
        let (place, sp) = (&props.loaded.story.places[i], &props.loaded.scene.places[i]);
        if map.filter.shows(place) {
            let p = t.apply(sp.anchor);
            // Far places are pinned to the map's edge (markers.rs): keep that spot clear too.
            let (x, y) = (
                clamp(p.x, EDGE_PX, (w - EDGE_PX).max(EDGE_PX)),
                clamp(p.y, EDGE_PX, (h - EDGE_PX).max(EDGE_PX)),
            );
            let pinned = ScreenPoint::new(x, y);
            out.push(Rect::around(pinned, MARKER_PX));
        }
    }
    out.extend_from_slice(place_names);
    out
}

/// The boxes of the places' names (`.pm-place .pm-label`) in the map's pixels (of the svg
/// that `inside` is in), whole
/// pixels (so that sub-pixel jitter does not place the names again), halo included.
pub fn measure_place_names(inside: &Element) -> Option<Vec<Rect>> {
    let svg = inside.closest("svg").ok()??;
    let origin = svg.get_bounding_client_rect();
    let list = svg.query_selector_all(".pm-place .pm-label").ok()?;
    let mut rects = Vec::new();
    for i in 0..list.length() {
        // What a selector finds is an element: an unchecked cast.
        let Some(e) = list.item(i).map(|n| n.unchecked_into::<Element>()) else { continue };
        let r = e.get_bounding_client_rect();
        let halo = PLACE_NAME_HALO_PX;
        rects.push(Rect {
            x0: (r.left() - origin.left() - halo).floor(),
            y0: (r.top() - origin.top() - halo).floor(),
            x1: (r.right() - origin.left() + halo).ceil(),
            y1: (r.bottom() - origin.top() + halo).ceil(),
        });
    }
    Some(rects)
}

/// The basemap's names, placed clear of the map's controls, markers and `place_names`.
/// Part of the map's own render (not a component of its own: one fewer component type).
pub fn labels_layer(props: &MapViewProps, place_names: &[Rect]) -> Html {
    let map = &props.map;
    let mut labels: Vec<Label> = Vec::new();
    for b in [&props.region, &props.city].into_iter().flatten() {
        labels.extend_from_slice(&b.labels);
    }
    if map.viewport.width <= 0.0 {
        return names_group(Vec::new());
    }
    let placed =
        place_labels(&labels, &map.camera, map.viewport, &props.lang, &obstacles(props, place_names));
    let xy = |p: ScreenPoint| (num(p.x, 1), num(p.y, 1));
    let mut names = Vec::with_capacity(placed.len());
    for p in &placed {
        let kind = labels[p.index].kind;
        let (x, y) = xy(p.text_at);
        let (cx, cy) = xy(p.point);
        let dot = if p.dot {
            El::with_keys("circle", SHAPE_KEYS)
                .attr_owned("cx", cx)
                .attr_owned("cy", cy)
                .attr("r", "2.5")
                .class("pm-name-dot")
                .build()
        } else {
            Html::default()
        };
        let text = El::with_keys("text", TEXT_KEYS)
            .attr_owned("x", x)
            .attr_owned("y", y)
            .attr("text-anchor", p.anchor)
            .attr_owned("class", format!("pm-name pm-name-{}", kind.as_str()))
            .text(&p.text)
            .build();
        names.push(fragment(vec![dot, text]));
    }
    names_group(names)
}

/// The `<g>` of the names.
fn names_group(names: Vec<Html>) -> Html {
    let mut g = El::with_keys("g", LAYER_KEYS);
    g.attr("aria-hidden", "true").class("pm-names");
    if !names.is_empty() {
        g.child(fragment(names));
    }
    g.build()
}
