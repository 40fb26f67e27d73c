//! The search box above the list: names, aliases, kinds and descriptions in both
//! languages, ignoring case and accents (the matching is `Story::search` in core).

use passage_map_core::view::Action;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::elements::text_element;
use super::panel_context::PanelContext;

pub fn search_box(ctx: &PanelContext<'_>, text: &str) -> Html {
    let oninput = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                dispatch.dispatch(Action::Search(input.value()));
            }
        })
    };
    let onkeydown = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                dispatch.dispatch(Action::SearchSubmit);
            } else if e.key() == "Escape"
                && e.target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                    .is_some_and(|i| !i.value().is_empty())
            {
                // Escape in a non-empty box clears it, and closes nothing else.
                e.prevent_default();
                dispatch.dispatch(Action::Search(String::new()));
            }
        })
    };
    html! {
        <div class="pm-search" role="search">
            <label>
                {text_element("span", "", ctx.t.search)}
                <input type="search" value={text.to_owned()} autocomplete="off" spellcheck="false" {oninput} {onkeydown} />
            </label>
        </div>
    }
}
