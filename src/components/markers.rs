//! The places on the map: shapes (polygons, lines) under one transform, uncertainty
//! rings, and one focusable marker per place, placed in screen pixels so that symbols
//! keep their size at every zoom. A place outside the home view (far away, like
//! Guantánamo) gets its marker pinned to the map's edge, so it can still be seen and chosen.

use std::rc::Rc;

use passage_map_core::camera::ScreenPoint;
use passage_map_core::path::symbol_path;
use yew::prelude::*;

use crate::i18n::strings;
use crate::loader::Loaded;
use crate::state::MapState;

/// Symbol "radius", CSS pixels.
const SYMBOL_PX: f64 = 7.0;
/// Rings smaller than this (pixels) are not drawn: the marker already covers them.
const MIN_RING_PX: f64 = 10.0;
/// Distance kept between an edge marker and the map's edge.
const EDGE_PX: f64 = 14.0;

#[derive(Properties, PartialEq)]
pub struct MarkersProps {
    pub loaded: Rc<Loaded>,
    pub map: UseReducerHandle<MapState>,
    pub on_select: Callback<AttrValue>,
    pub lang: AttrValue,
}

fn activate(id: &str, on_select: &Callback<AttrValue>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let id = AttrValue::from(id.to_owned());
    let (a, b) = (on_select.clone(), on_select.clone());
    let id2 = id.clone();
    (
        Callback::from(move |_| a.emit(id.clone())),
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                b.emit(id2.clone());
            }
        }),
    )
}

/// Pins a point outside the viewport to its edge; returns whether it was moved.
fn pin_to_edge(p: ScreenPoint, w: f64, h: f64) -> (ScreenPoint, bool) {
    let x = p.x.clamp(EDGE_PX, (w - EDGE_PX).max(EDGE_PX));
    let y = p.y.clamp(EDGE_PX, (h - EDGE_PX).max(EDGE_PX));
    (ScreenPoint { x, y }, x != p.x || y != p.y)
}

#[function_component]
pub fn Markers(props: &MarkersProps) -> Html {
    let t = strings(&props.lang);
    let (story, scene) = (&props.loaded.story, &props.loaded.scene);
    let map = &props.map;
    let vp = map.viewport;
    if vp.width <= 0.0 {
        return html! {};
    }
    let screen = map.camera.transform(vp);
    let shapes_t = map.camera.transform_for_origin(vp, scene.origin).to_svg();
    let visible = || {
        story.places.iter().zip(&scene.places).filter(|(p, _)| map.is_layer_visible(&p.layer))
    };
    let selected = map.selected.as_deref();

    let shapes = visible().filter_map(|(place, sp)| {
        let shape = sp.shape.as_ref()?;
        let layer = story.layer(&place.layer)?;
        let (onclick, _) = activate(&place.id, &props.on_select);
        let class = classes!(
            "pm-shape",
            if shape.filled { "pm-area" } else { "pm-line" },
            place.is_approximate().then_some("pm-approximate"),
            (selected == Some(place.id.as_str())).then_some("pm-selected"),
        );
        Some(html! {
            <path key={place.id.clone()} {class} d={shape.d.clone()} fill={layer.colour.clone()}
                stroke={layer.colour.clone()} data-place={place.id.clone()} {onclick} />
        })
    });

    let rings = visible().filter(|(p, _)| p.is_approximate() && p.geometry_is_point()).filter_map(|(place, sp)| {
        let r = sp.accuracy_world_m * map.camera.scale;
        let is_selected = selected == Some(place.id.as_str());
        (r >= MIN_RING_PX || (is_selected && r >= SYMBOL_PX)).then(|| {
            let c = screen.apply(sp.anchor);
            let layer = story.layer(&place.layer);
            html! {
                <circle key={place.id.clone()} class="pm-ring" cx={format!("{:.1}", c.x)} cy={format!("{:.1}", c.y)}
                    r={format!("{r:.1}")} stroke={layer.map(|l| l.colour.clone())} />
            }
        })
    });

    let markers = visible().filter_map(|(place, sp)| {
        let layer = story.layer(&place.layer)?;
        let (p, off) = pin_to_edge(screen.apply(sp.anchor), vp.width, vp.height);
        // Places beyond the home view (never on screen at the start) stay pinned to the
        // edge so they can be found; the others simply leave the view with the map.
        if off && map.home_bounds.contains(sp.anchor) {
            return None;
        }
        let (onclick, onkeydown) = activate(&place.id, &props.on_select);
        let is_selected = selected == Some(place.id.as_str());
        let name = place.name.get(&props.lang);
        let label = if off { format!("{name} ({})", t.off_map) } else { name.to_owned() };
        let class = classes!(
            "pm-place",
            is_selected.then_some("pm-selected"),
            off.then_some("pm-offscreen"),
            place.is_approximate().then_some("pm-approximate"),
        );
        Some(html! {
            <g key={place.id.clone()} {class} transform={format!("translate({:.1} {:.1})", p.x, p.y)}
                role="button" tabindex="0" aria-label={label} aria-pressed={is_selected.to_string()}
                data-place={place.id.clone()} {onclick} {onkeydown}>
                <circle class="pm-hit" r="14" />
                if place.highlight {
                    <circle class="pm-highlight" r="11" />
                }
                <path class="pm-symbol" d={symbol_path(layer.symbol, SYMBOL_PX)} fill={layer.colour.clone()} />
                if is_selected {
                    <text class="pm-label" x="11" y="4">{name}</text>
                }
            </g>
        })
    });

    html! {
        <>
            <g class="pm-shapes" transform={shapes_t}>{ for shapes }</g>
            <g class="pm-rings" aria-hidden="true">{ for rings }</g>
            <g class="pm-markers">{ for markers }</g>
        </>
    }
}
