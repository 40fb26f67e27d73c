//! The locator inset: once the reader has zoomed in past the region, a small map of the
//! whole region in a corner with a box where the view is. Activating it returns home.

use std::rc::Rc;

use passage_map_core::camera::{Camera, Viewport};
use passage_map_core::path::format_coord as num;
use passage_map_core::view::Action;
use yew::prelude::*;

use super::basemap_layer::{basemap_layer, SEA_KEYS};
use super::elements::El;
use super::map_view::on_click_dispatch;
use crate::i18n::strings;
use crate::loader::Basemap;
use crate::state::MapHandle;

/// The inset's size, CSS pixels.
const INSET: Viewport = Viewport { width: 132.0, height: 96.0 };
/// Zoomed in this many times past the home view, the inset appears.
const SHOW_PAST_HOME: f64 = 6.0;
/// The view's box is drawn at least this big (pixels), so it stays visible at street scale.
const MIN_BOX_PX: f64 = 6.0;

/// The inset, or nothing while the view shows most of the region.
pub fn locator(map: &MapHandle, region: Option<&Rc<Basemap>>, lang: &str) -> Html {
    let (Some(region), true) = (region, map.has_size()) else { return html! {} };
    if map.camera.scale < map.home().scale * SHOW_PAST_HOME {
        return html! {};
    }
    let t = strings(lang);
    let overview = Camera::fit(map.home_bounds, INSET, 4.0);
    let transform = overview.transform_for_origin(INSET, region.origin).to_svg();
    let to_inset = overview.transform(INSET);
    let seen = map.camera.visible_bounds(map.viewport);
    let (a, b) = (to_inset.apply(seen.min), to_inset.apply(seen.max));
    let (w, h) = ((b.x - a.x).max(MIN_BOX_PX), (b.y - a.y).max(MIN_BOX_PX));
    let (cx, cy) = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let onclick = on_click_dispatch(map, || Action::Reset);
    let svg = El::new("svg")
        .attr_owned("width", num(INSET.width, 0))
        .attr_owned("height", num(INSET.height, 0))
        .attr("aria-hidden", "true")
        .child(El::new("rect").attr("width", "100%").attr("height", "100%").class("pm-sea").build())
        .child(basemap_layer(region, transform, false))
        .child(
            El::with_keys("rect", SEA_KEYS)
                .attr_owned("x", num(cx - w / 2.0, 1))
                .attr_owned("y", num(cy - h / 2.0, 1))
                .attr_owned("width", num(w, 1))
                .attr_owned("height", num(h, 1))
                .class("pm-locator-view")
                .build(),
        )
        .build();
    El::new("button")
        .attr("type", "button")
        .attr("aria-label", t.overview)
        .attr("title", t.overview)
        .class("pm-locator")
        .onclick(onclick)
        .child(svg)
        .build()
}
