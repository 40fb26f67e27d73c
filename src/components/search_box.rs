//! The search box above the list: names, aliases, kinds and descriptions in both
//! languages, ignoring case and accents (the matching is `Story::search` in core).

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{input_value, text_element, El};
use super::panel_context::PanelContext;

pub fn search_box(ctx: &PanelContext<'_>, text: &str) -> Html {
    let oninput = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(value) = input_value(&e) {
                dispatch.dispatch(Action::Search(value));
            }
        })
    };
    let onkeydown = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" {
                e.prevent_default();
                dispatch.dispatch(Action::SearchSubmit);
            } else if key == "Escape" && input_value(&e).is_some_and(|v| !v.is_empty()) {
                // Escape in a non-empty box clears it, and closes nothing else.
                e.prevent_default();
                dispatch.dispatch(Action::Search(String::new()));
            }
        })
    };
    let input = El::new("input")
        .attr("type", "search")
        .value(AttrValue::from(text.to_owned()))
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .oninput(oninput)
        .onkeydown(onkeydown)
        .build();
    let label = El::new("label").child(text_element("span", "", ctx.t.search)).child(input).build();
    El::new("div").attr("role", "search").class("pm-search").child(label).build()
}
