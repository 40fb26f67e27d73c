//! The legend: one checkbox per layer, with the layer's symbol and colour.

use std::rc::Rc;

use passage_map_core::path::symbol_path;
use yew::prelude::*;

use crate::i18n::strings;
use crate::loader::Loaded;
use crate::state::{MapAction, MapState};

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub loaded: Rc<Loaded>,
    pub map: UseReducerHandle<MapState>,
    pub lang: AttrValue,
}

/// A layer's symbol as a small standalone SVG (legend, list).
pub fn swatch(layer: &passage_map_core::story::Layer) -> Html {
    html! {
        <svg class="pm-swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
            <path d={symbol_path(layer.symbol, 6.0)} fill={layer.colour.clone()} />
        </svg>
    }
}

#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let layers = &props.loaded.story.manifest.layers;
    html! {
        <fieldset class="pm-legend">
            <legend>{strings(&props.lang).layers}</legend>
            { for layers.iter().map(|layer| {
                let dispatch = props.map.dispatcher();
                let id = layer.id.clone();
                let onchange = Callback::from(move |_| dispatch.dispatch(MapAction::ToggleLayer(id.clone())));
                let count = props.loaded.story.places_in_layer(&layer.id).count();
                html! {
                    <label key={layer.id.clone()} class="pm-layer-toggle">
                        <input type="checkbox" checked={props.map.is_layer_visible(&layer.id)} {onchange}
                            data-layer={layer.id.clone()} />
                        {swatch(layer)}
                        <span>{layer.name.get(&props.lang)}</span>
                        <span class="pm-count">{format!(" ({count})")}</span>
                    </label>
                }
            }) }
            if let Some(text) = props.loaded.story.manifest.highlight_legend.as_ref().filter(|_| props.loaded.story.places.iter().any(|p| p.highlight)) {
                <p class="pm-highlight-key">
                    <svg class="pm-swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
                        <circle class="pm-highlight" r="6.5" />
                    </svg>
                    <span>{text.get(&props.lang)}</span>
                </p>
            }
        </fieldset>
    }
}
