//! The attribution line: every data source of the story and the basemap.

use yew::prelude::*;

use super::panel_context::PanelContext;

pub fn attribution(ctx: &PanelContext<'_>) -> Html {
    let items = ctx.loaded.story.manifest.attribution.iter().map(|a| {
        let name = if let Some(url) = &a.url {
            html! { <a href={url.clone()} target="_blank" rel="noopener noreferrer">{a.name.clone()}</a> }
        } else {
            html! { {a.name.clone()} }
        };
        html! { <li>{name}{" ("}{a.licence.clone()}{")"}</li> }
    });
    html! {
        <footer class="pm-attribution">
            <h3>{ctx.t.data_sources}</h3>
            <ul>{ for items }</ul>
        </footer>
    }
}
