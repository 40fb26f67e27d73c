//! The attribution line: every data source of the story and the basemap.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::strings;
use crate::loader::Loaded;

#[derive(Properties, PartialEq)]
pub struct AttributionProps {
    pub loaded: Rc<Loaded>,
    pub lang: AttrValue,
}

#[function_component]
pub fn Attribution(props: &AttributionProps) -> Html {
    let items = props.loaded.story.manifest.attribution.iter().map(|a| {
        let name = if let Some(url) = &a.url {
            html! { <a href={url.clone()} target="_blank" rel="noopener noreferrer">{a.name.clone()}</a> }
        } else {
            html! { {a.name.clone()} }
        };
        html! { <li>{name}{format!(" ({})", a.licence)}</li> }
    });
    html! {
        <footer class="pm-attribution">
            <h3>{strings(&props.lang).data_sources}</h3>
            <ul>{ for items }</ul>
        </footer>
    }
}
