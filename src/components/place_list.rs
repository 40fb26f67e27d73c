//! The list of places grouped by layer: the map's text alternative. Each entry selects
//! its place.

use yew::prelude::*;

use super::legend::swatch;
use super::panel::PanelContext;

pub fn place_list(ctx: &PanelContext<'_>) -> Html {
    let story = &ctx.loaded.story;
    let groups = story.manifest.layers.iter().filter(|l| ctx.is_layer_visible(&l.id)).map(|layer| {
        let items = story.places_in_layer(&layer.id).map(|place| {
            let current = ctx.selected == Some(place.id.as_str());
            html! {
                <li key={place.id.clone()}>
                    <button type="button" class="pm-list-place" data-place={place.id.clone()}
                        aria-current={current.then_some("true")} onclick={ctx.select(&place.id)}>
                        {swatch(layer)}
                        <span>{place.name.get(ctx.lang)}</span>
                        if place.is_approximate() {
                            <span class="pm-approx-tag">{" · "}{ctx.t.approximate_short}</span>
                        }
                    </button>
                </li>
            }
        });
        html! {
            <section key={layer.id.clone()} class="pm-list-group">
                <h4>{layer.name.get(ctx.lang)}</h4>
                <ul>{ for items }</ul>
            </section>
        }
    });
    html! {
        <nav class="pm-list" aria-label={ctx.t.places}>
            <h3>{ctx.t.places}</h3>
            { for groups }
        </nav>
    }
}
