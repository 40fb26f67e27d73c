//! The legend: one checkbox per layer, with the layer's symbol and colour.

use passage_map_core::path::symbol_path;
use yew::prelude::*;

use passage_map_core::view::Action;

use super::elements::text_element;
use super::panel_context::PanelContext;

/// A layer's symbol as a small standalone SVG (legend, list).
pub fn swatch(layer: &passage_map_core::story::Layer) -> Html {
    swatch_of(html! { <path d={symbol_path(layer.symbol, 6.0)} fill={layer.colour.clone()} /> })
}

/// A 16 px symbol beside its words, hidden from screen readers (the words say it).
#[inline(never)]
fn swatch_of(symbol: Html) -> Html {
    html! {
        <svg class="pm-swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">{symbol}</svg>
    }
}

pub fn legend(ctx: &PanelContext<'_>) -> Html {
    let story = &ctx.loaded.story;
    let highlight =
        story.manifest.highlight_legend.as_ref().filter(|_| story.places.iter().any(|p| p.highlight));
    let mut toggles = Vec::new();
    for layer in &story.manifest.layers {
        let onchange = ctx.send(Action::ToggleLayer(layer.id.clone()));
        let count = story.places_in_layer(&layer.id).count();
        toggles.push(html! {
            <label key={layer.id.clone()} class="pm-layer-toggle">
                <input type="checkbox" checked={ctx.filter.is_layer_visible(&layer.id)} {onchange}
                    data-layer={layer.id.clone()} />
                {swatch(layer)}
                {text_element("span", "", layer.name.get(ctx.lang))}
                {text_element("span", "pm-count", &format!(" ({count})"))}
            </label>
        });
    }
    html! {
        <fieldset class="pm-legend">
            {text_element("legend", "", ctx.t.layers)}
            { for toggles }
            if let Some(key) = highlight {
                <p class="pm-highlight-key">
                    {swatch_of(html! { <circle class="pm-highlight" r="6.5" /> })}
                    {text_element("span", "", key.get(ctx.lang))}
                </p>
            }
        </fieldset>
    }
}
