//! One band of the offline basemap, drawn under a single transform. Memoised: while
//! the reader pans, only the `transform` attribute of its group changes (the group is
//! made by [`basemap_layer`], outside the component, so a pan does not render it again).

use std::rc::Rc;

use passage_map_core::path::format_coord as num;
use yew::prelude::*;

use super::markers::{MapLayer, MapLayerOf};
use crate::loader::Basemap;

/// The band's paths, in its local metres; with `clip_sea`, its bounds painted as sea
/// first, hiding the coarser band beneath. Drawn by the memoised [`MapLayer`].
pub fn basemap_paths(b: &Basemap, clip_sea: bool) -> Html {
    let sea = b.bounds;
    let (x, y) = (sea.min.x - b.origin.x, sea.min.y - b.origin.y);
    html! {
        <>
            if clip_sea {
                <rect class="pm-sea" x={num(x, 0)} y={num(y, 0)}
                    width={num(sea.width(), 0)} height={num(sea.height(), 0)} />
            }
            { for b.paths.iter().map(|(class, d)| html! { <path class={class.clone()} d={d.clone()} /> }) }
        </>
    }
}

/// A band under `transform` (SVG, from the band's local metres to screen pixels).
#[inline(never)]
pub fn basemap_layer(basemap: &Rc<Basemap>, transform: String, clip_sea: bool) -> Html {
    html! {
        <g class="pm-basemap" aria-hidden="true" {transform}>
            <MapLayer layer={MapLayerOf::Basemap(basemap.clone(), clip_sea)} />
        </g>
    }
}
