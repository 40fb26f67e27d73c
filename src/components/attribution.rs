//! The attribution line: every data source of the story and the basemap.

use yew::prelude::*;

use super::elements::{external_link, text_element};
use super::panel_context::PanelContext;

pub fn attribution(ctx: &PanelContext<'_>) -> Html {
    let mut items = Vec::new();
    for a in &ctx.loaded.story.manifest.attribution {
        let name = match &a.url {
            Some(url) => external_link(url, html! { {a.name.clone()} }),
            None => html! { {a.name.clone()} },
        };
        items.push(html! { <li>{name}{" ("}{a.licence.clone()}{")"}</li> });
    }
    html! {
        <footer class="pm-attribution">
            {text_element("h3", "", ctx.t.data_sources)}
            <ul>{ for items }</ul>
        </footer>
    }
}
