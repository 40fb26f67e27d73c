//! The list of places grouped by layer: the map's text alternative. It shows what the
//! view model shows (layers, years) narrowed by the search; each entry selects its place.
//! A big story's list is virtual ([`super::virtual_list`]).

use passage_map_core::view::Via;
use yew::prelude::*;

use std::rc::Rc;

use super::elements::{fragment, place_button, text_element, El};
use super::panel::{panel_part, PanelPart};
use super::panel_context::PanelContext;
use super::virtual_list::{self, ListRows};

/// The name a list's place button has for the focus to come back to.
#[inline(never)]
pub fn list_opener(id: &str) -> String {
    format!("list:{id}")
}

/// The entry of the story's place `i` (none if its layer is unknown). Not inlined: both
/// the search's list and the layer groups build entries.
#[inline(never)]
fn entry(ctx: &PanelContext<'_>, i: usize) -> Option<Html> {
    let story = &ctx.loaded.story;
    let place = &story.places[i];
    let layer = story.layer(&place.layer)?;
    let current = ctx.selected == Some(place.id.as_str());
    let opener = list_opener(&place.id);
    let onclick = ctx.select(place, Via::List, opener.clone());
    Some(
        El::new("li")
            .key(&place.id)
            .child(place_button(place, layer, ctx.lang, ctx.t, current, opener, None, Some(onclick)))
            .build(),
    )
}

pub fn place_list(ctx: &PanelContext<'_>, search: &str) -> Html {
    let story = &ctx.loaded.story;
    let listed = ctx.filter.listed_places(story, search);
    let searching = !search.trim().is_empty();
    let body = if ctx.loaded.canvas {
        // A big story: the same rows, only those in the list's scroll box in the DOM.
        let rows = virtual_list::rows(ctx.loaded, &listed, searching, |id| ctx.filter.is_layer_visible(id));
        panel_part(ctx, PanelPart::VirtualList(ListRows { rows: Rc::new(rows), places: listed.len() }))
    } else if searching {
        // Searching: best matches first, in one list; otherwise grouped by layer.
        let mut items = Vec::new();
        for &i in &listed {
            items.extend(entry(ctx, i));
        }
        El::new("ul").children(items).build()
    } else {
        let mut groups = Vec::new();
        for layer in &story.manifest.layers {
            if !ctx.filter.is_layer_visible(&layer.id) {
                continue;
            }
            let mut items = Vec::new();
            for &i in &listed {
                if story.places[i].layer == layer.id {
                    items.extend(entry(ctx, i));
                }
            }
            groups.push(
                El::new("section")
                    .key(&layer.id)
                    .class("pm-list-group")
                    .child(text_element("h4", "", layer.name.get(ctx.lang)))
                    .child(El::new("ul").children(items).build())
                    .build(),
            );
        }
        fragment(groups)
    };
    let mut nav = El::new("nav");
    nav.attr("aria-label", ctx.t.places).class("pm-list").child(text_element("h3", "", ctx.t.places));
    if listed.is_empty() && searching {
        nav.child(text_element("p", "pm-no-match", ctx.t.no_match));
    }
    nav.child(body).build()
}
