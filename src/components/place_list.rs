//! The list of places grouped by layer: the map's text alternative. Each entry selects
//! its place.

use std::rc::Rc;

use yew::prelude::*;

use super::legend::swatch;
use crate::i18n::strings;
use crate::loader::Loaded;
use crate::state::MapState;

#[derive(Properties, PartialEq)]
pub struct PlaceListProps {
    pub loaded: Rc<Loaded>,
    pub map: UseReducerHandle<MapState>,
    pub on_select: Callback<AttrValue>,
    pub lang: AttrValue,
}

#[function_component]
pub fn PlaceList(props: &PlaceListProps) -> Html {
    let story = &props.loaded.story;
    let t = strings(&props.lang);
    let selected = props.map.selected.as_deref();
    let groups = story.manifest.layers.iter().filter(|l| props.map.is_layer_visible(&l.id)).map(|layer| {
        let items = story.places_in_layer(&layer.id).map(|place| {
            let on_select = props.on_select.clone();
            let id = AttrValue::from(place.id.clone());
            let onclick = Callback::from(move |_| on_select.emit(id.clone()));
            let current = selected == Some(place.id.as_str());
            html! {
                <li key={place.id.clone()}>
                    <button type="button" class="pm-list-place" data-place={place.id.clone()}
                        aria-current={current.then_some("true")} {onclick}>
                        {swatch(layer)}
                        <span>{place.name.get(&props.lang)}</span>
                        if place.is_approximate() {
                            <span class="pm-approx-tag">{format!(" · {}", t.approximate.to_lowercase())}</span>
                        }
                    </button>
                </li>
            }
        });
        html! {
            <section key={layer.id.clone()} class="pm-list-group">
                <h4>{layer.name.get(&props.lang)}</h4>
                <ul>{ for items }</ul>
            </section>
        }
    });
    html! {
        <nav class="pm-list" aria-label={t.places}>
            <h3>{t.places}</h3>
            { for groups }
        </nav>
    }
}
