//! One band of the offline basemap, drawn under a single transform. Memoised: while
//! the reader pans, only the `transform` attribute of its group changes (the group is
//! made by [`basemap_layer`], outside the component, so a pan does not render it again).

use std::rc::Rc;

use passage_map_core::path::format_coord as num;
use yew::prelude::*;

use super::elements::{fragment, El};
use super::markers::{map_layer, MapLayerOf, LAYER_KEYS};
use crate::loader::Basemap;

/// The band's paths, in its local metres; with `clip_sea`, its bounds painted as sea
/// first, hiding the coarser band beneath. Drawn by the memoised
/// `MapLayer` (in `markers`).
pub fn basemap_paths(b: &Basemap, clip_sea: bool) -> Html {
    let sea = b.bounds;
    let (x, y) = (sea.min.x - b.origin.x, sea.min.y - b.origin.y);
    let sea = if clip_sea {
        El::with_keys("rect", SEA_KEYS)
            .attr_owned("x", num(x, 0))
            .attr_owned("y", num(y, 0))
            .attr_owned("width", num(sea.width(), 0))
            .attr_owned("height", num(sea.height(), 0))
            .class("pm-sea")
            .build()
    } else {
        Html::default()
    };
    let mut paths = Vec::with_capacity(b.paths.len());
    for (class, d) in &b.paths {
        paths.push(
            El::with_keys("path", PATH_KEYS)
                .attr_owned("d", d.clone())
                .attr_owned("class", class.clone())
                .build(),
        );
    }
    fragment(vec![sea, fragment(paths)])
}

/// The attributes of the sea's `<rect>` (and the locator's, the canvas's `<foreignObject>`),
/// and of the paths, in their order in the DOM.
pub(crate) const SEA_KEYS: &[&str] = &["x", "y", "width", "height", "aria-hidden", "class"];
const PATH_KEYS: &[&str] = &["d", "class"];

/// A band under `transform` (SVG, from the band's local metres to screen pixels).
#[inline(never)]
pub fn basemap_layer(basemap: &Rc<Basemap>, transform: String, clip_sea: bool) -> Html {
    El::with_keys("g", LAYER_KEYS)
        .attr("aria-hidden", "true")
        .attr_owned("transform", transform)
        .class("pm-basemap")
        .child(map_layer(MapLayerOf::Basemap(basemap.clone(), clip_sea)))
        .build()
}
