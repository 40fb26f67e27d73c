//! The legend: one checkbox per layer, with the layer's symbol and colour.

use passage_map_core::path::symbol_path;
use yew::prelude::*;

use passage_map_core::view::Action;

use super::elements::{fragment, text_element, El};
use super::markers::SHAPE_KEYS;
use super::panel_context::PanelContext;

/// A layer's symbol as a small standalone SVG (legend, list).
pub fn swatch(layer: &passage_map_core::story::Layer) -> Html {
    swatch_of(
        El::with_keys("path", SHAPE_KEYS)
            .attr_owned("d", symbol_path(layer.symbol, 6.0))
            .attr_owned("fill", layer.colour.clone())
            .build(),
    )
}

/// A 16 px symbol beside its words, hidden from screen readers (the words say it).
#[inline(never)]
fn swatch_of(symbol: Html) -> Html {
    El::new("svg")
        .attr("width", "16")
        .attr("height", "16")
        .attr("viewBox", "-8 -8 16 16")
        .attr("aria-hidden", "true")
        .class("pm-swatch")
        .child(symbol)
        .build()
}

pub fn legend(ctx: &PanelContext<'_>) -> Html {
    let story = &ctx.loaded.story;
    let highlight =
        story.manifest.highlight_legend.as_ref().filter(|_| story.places.iter().any(|p| p.highlight));
    let mut toggles = Vec::new();
    for layer in &story.manifest.layers {
        let onchange = ctx.send(Action::ToggleLayer(layer.id.clone()));
        let count = story.places_in_layer(&layer.id).count();
        let input = El::new("input")
            .attr("type", "checkbox")
            .checked(ctx.filter.is_layer_visible(&layer.id))
            .onchange(onchange)
            .attr_owned("data-layer", layer.id.clone())
            .build();
        toggles.push(
            El::new("label")
                .key(&layer.id)
                .class("pm-layer-toggle")
                .child(input)
                .child(swatch(layer))
                .child(text_element("span", "", layer.name.get(ctx.lang)))
                .child(text_element("span", "pm-count", &format!(" ({count})")))
                .build(),
        );
    }
    // No key, no node: an empty one in its place, as `html!`'s `if` leaves.
    let key = match highlight {
        Some(key) => El::new("p")
            .class("pm-highlight-key")
            .child(swatch_of(
                El::with_keys("circle", SHAPE_KEYS).attr("r", "6.5").class("pm-highlight").build(),
            ))
            .child(text_element("span", "", key.get(ctx.lang)))
            .build(),
        None => Html::default(),
    };
    El::new("fieldset")
        .class("pm-legend")
        .child(text_element("legend", "", ctx.t.layers))
        .child(fragment(toggles))
        .child(key)
        .build()
}
