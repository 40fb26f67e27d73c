//! The attribution line: every data source of the story and the basemap.

use yew::prelude::*;

use super::elements::{external_link, fragment, text_element, El};
use super::panel_context::PanelContext;

pub fn attribution(ctx: &PanelContext<'_>) -> Html {
    let mut items = Vec::new();
    for a in &ctx.loaded.story.manifest.attribution {
        let name = Html::from(a.name.as_str());
        let name = match &a.url {
            Some(url) => external_link(url, name),
            None => name,
        };
        items.push(El::new("li").child(name).text(" (").text(&a.licence).text(")").build());
    }
    El::new("footer")
        .class("pm-attribution")
        .child(text_element("h3", "", ctx.t.data_sources))
        .child(El::new("ul").child(fragment(items)).build())
        .build()
}
