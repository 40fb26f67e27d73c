//! The names on the map (countries, seas, towns, landmarks) from the basemap bands,
//! placed by `passage_map_core::labels` so that none overlaps another or covers a place
//! marker or a place's name: place markers win. Decorative for assistive technology
//! (`aria-hidden`): the list of places is the map's text alternative.

use std::rc::Rc;

use passage_map_core::camera::ScreenPoint;
use passage_map_core::labels::{place_labels, text_width, Label, Rect};
use passage_map_core::path::format_coord as num;
use yew::prelude::*;

use crate::loader::{Basemap, Loaded};
use crate::state::MapHandle;

#[derive(Properties, PartialEq)]
pub struct LabelsLayerProps {
    pub loaded: Rc<Loaded>,
    pub map: MapHandle,
    pub region: Option<Rc<Basemap>>,
    pub city: Option<Rc<Basemap>>,
    pub lang: AttrValue,
}

/// Half-size of a place marker's hit area, in pixels (markers draw it with r = 14).
const MARKER_PX: f64 = 14.0;
/// Where a place's own name starts right of its marker, and its type size (markers.rs).
const PLACE_NAME_X: f64 = 11.0;
const PLACE_NAME_PX: f64 = 13.0;

/// How far pinned far markers sit from the map's edge (markers.rs).
const EDGE_PX: f64 = 26.0;

/// The boxes that basemap names must keep clear of: the map's own controls (zoom buttons
/// top left, scale bar bottom left, locator inset bottom right), every shown place's
/// marker and, for places that carry their name on the map (headline or selected), that
/// name.
fn place_obstacles(props: &LabelsLayerProps) -> Vec<Rect> {
    let map = &props.map;
    let (vp, t) = (map.viewport, map.camera.transform(map.viewport));
    let (w, h) = (vp.width, vp.height);
    let story = &props.loaded.story;
    let mut out = vec![
        Rect { x0: 0.0, y0: 0.0, x1: 56.0, y1: 136.0 },
        Rect { x0: 0.0, y0: h - 44.0, x1: 190.0, y1: h },
        Rect { x0: w - 150.0, y0: h - 114.0, x1: w, y1: h },
    ];
    for (place, sp) in story.places.iter().zip(&props.loaded.scene.places) {
        if !map.filter.shows(place) {
            continue;
        }
        let p = t.apply(sp.anchor);
        // Far places are pinned to the map's edge (markers.rs): keep that spot clear too.
        let pinned = ScreenPoint::new(p.x.clamp(EDGE_PX, vp.width - EDGE_PX), p.y.clamp(EDGE_PX, vp.height - EDGE_PX));
        out.push(Rect::around(pinned, MARKER_PX));
        if place.headline || map.selected() == Some(place.id.as_str()) {
            // Semibold: a tenth wider than the regular estimate.
            let w = text_width(place.name.get(&props.lang), PLACE_NAME_PX, 0.0) * 1.1;
            out.push(Rect { x0: p.x + PLACE_NAME_X - 2.0, y0: p.y - 12.0, x1: p.x + PLACE_NAME_X + w + 2.0, y1: p.y + 8.0 });
        }
    }
    out
}

#[function_component]
pub fn LabelsLayer(props: &LabelsLayerProps) -> Html {
    let map = &props.map;
    let labels: Vec<Label> = [&props.region, &props.city]
        .into_iter()
        .flatten()
        .flat_map(|b| b.labels.iter().cloned())
        .collect();
    if labels.is_empty() || map.viewport.width <= 0.0 {
        return html! {};
    }
    let placed = place_labels(&labels, &map.camera, map.viewport, &props.lang, &place_obstacles(props));
    let xy = |p: ScreenPoint| (num(p.x, 1), num(p.y, 1));
    html! {
        <g class="pm-names" aria-hidden="true">
            { for placed.iter().map(|p| {
                let kind = labels[p.index].kind;
                let (x, y) = xy(p.text_at);
                let (cx, cy) = xy(p.point);
                html! {
                    <>
                        if p.dot {
                            <circle class="pm-name-dot" {cx} {cy} r="2.5" />
                        }
                        <text class={classes!("pm-name", format!("pm-name-{}", kind.as_str()))} {x} {y}
                            text-anchor={p.anchor}>{p.text.clone()}</text>
                    </>
                }
            }) }
        </g>
    }
}
