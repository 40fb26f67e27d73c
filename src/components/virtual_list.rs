//! The list of places of a big story (see [`crate::loader::CANVAS_ABOVE`]): the same
//! rows as the plain list — layer headings, then their places; or the search's matches,
//! best first — but only the rows in the list's own scroll box are in the DOM, so a
//! story of 100,000 places costs a few dozen elements.
//!
//! Every place stays reachable by keyboard: one row at a time is in the tab order (a
//! roving tab stop) and the arrow keys, Page Up/Down, Home and End move through all of
//! them, scrolling the box; each row says its position (`aria-posinset` of
//! `aria-setsize`).
//!
//! Memoised, as a part of its own rendered by the panel's component type
//! ([`super::panel::PanelPart`]): a scroll renders the list alone, and the panel's
//! renders compare its rows rather than make them again.

use std::rc::Rc;

use passage_map_core::view::{Action, Via};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::elements::{
    fragment, index_attr, indexed_element, place_button, target_element, text_element, El, Roving,
};
use super::panel::PanelProps;
use super::panel_context::{slot, PanelCell};
use super::place_list::list_opener;
use crate::browser::focus;
use crate::i18n::strings;
use crate::loader::Loaded;

/// Height of a row, CSS pixels (`.pm-vlist li` in the stylesheet).
pub const ROW_PX: f64 = 32.0;
/// Rows drawn beyond each end of the box, so a fast scroll does not show gaps.
const OVERSCAN: usize = 8;
/// Rows the box shows before it is measured.
pub const FIRST_ROWS: usize = 14;
/// No active row.
pub const NO_ROW: usize = usize::MAX;

/// One row: a layer's heading or a place (index into the story's places).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Row {
    Heading(usize),
    Place(usize),
}

/// The rows of the list: the search's matches in their order, or each visible layer's
/// heading followed by its places in story order.
pub fn rows(
    loaded: &Loaded,
    listed: &[usize],
    searching: bool,
    layer_visible: impl Fn(&str) -> bool,
) -> Vec<Row> {
    if searching {
        let mut out = Vec::new();
        for &i in listed {
            out.push(Row::Place(i));
        }
        return out;
    }
    let layers = &loaded.story.manifest.layers;
    let mut by_layer: Vec<Vec<usize>> = Vec::new();
    for _ in layers {
        by_layer.push(Vec::new());
    }
    for &i in listed {
        if let Some(l) = layers.iter().position(|l| l.id == loaded.story.places[i].layer) {
            by_layer[l].push(i);
        }
    }
    let mut out = Vec::with_capacity(listed.len() + layers.len());
    for (l, places) in by_layer.into_iter().enumerate() {
        if layer_visible(&layers[l].id) {
            out.push(Row::Heading(l));
            for i in places {
                out.push(Row::Place(i));
            }
        }
    }
    out
}

/// The first place row from row `from` towards row `to` (both included). A plain loop:
/// less code than a range's iterator, and one for both directions.
fn nearest_place(rows: &[Row], from: usize, to: usize) -> Option<usize> {
    let mut r = from;
    loop {
        if matches!(rows.get(r), Some(Row::Place(_))) {
            return Some(r);
        }
        if r == to {
            return None;
        }
        if r < to {
            r += 1;
        } else {
            r -= 1;
        }
    }
}

/// What the virtual list shows: its rows, and how many places they hold.
#[derive(PartialEq)]
pub struct ListRows {
    pub rows: Rc<Vec<Row>>,
    pub places: usize,
}

/// Sets a CSS length to `rows` rows through the CSSOM (allowed under a strict
/// Content-Security-Policy, unlike a `style` attribute).
fn set_rows(el: &Element, name: &str, rows: usize) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.style().set_property(name, &format!("{}px", rows * ROW_PX as usize));
    }
}

/// After each render of a list of `n` rows (whose first row in view was `first` and
/// whose tab stop was row `active`, as rendered): the spacer's height and the rendered
/// rows' offset, then the focus on the active row when the keyboard moved it. Its state is
/// the panel's ([`PanelCell`]): the list is a part rendered by the panel's component type.
pub fn after_render(state: &PanelCell, n: usize, first: usize, active: usize) {
    let start = first.saturating_sub(OVERSCAN).min(n);
    if let Some(b) = state.body.cast::<Element>() {
        set_rows(&b, "height", n);
        set_rows(&b, "padding-top", start);
    }
    if let Some(s) = state.scroller.cast::<Element>() {
        let rows = (s.client_height() as f64 / ROW_PX).ceil() as usize;
        if rows > 0 {
            state.set_num(slot::SHOWN_ROWS, rows);
        }
        if state.focus_pending.take() && active != NO_ROW {
            if let Some(el) = indexed_element(&s, "data-row", active) {
                focus(&el);
            }
        }
    }
}

/// The virtual list of `list` (`props`: the panel's, for the story, the language, the
/// selected place and the dispatcher).
pub fn virtual_list(props: &PanelProps, list: &ListRows, state: &PanelCell) -> Html {
    let t = strings(&props.lang);
    let (first, shown_rows, active) =
        (state.num(slot::FIRST_ROW), state.num(slot::SHOWN_ROWS), state.num(slot::ACTIVE_ROW));
    let n = list.rows.len();
    let start = first.saturating_sub(OVERSCAN).min(n);
    let end = (first + shown_rows + OVERSCAN).min(n);
    let onscroll = {
        let state = state.clone();
        Callback::from(move |_: Event| {
            if let Some(s) = state.scroller.cast::<Element>() {
                state.set_num(slot::FIRST_ROW, (s.scroll_top() as f64 / ROW_PX).floor().max(0.0) as usize);
            }
        })
    };
    // The tab stop: the active row if it is drawn, else the first place row drawn.
    let tab_row = if active != NO_ROW && (start..end).contains(&active) {
        Some(active)
    } else if start < end {
        nearest_place(&list.rows, start, end - 1)
    } else {
        None
    };
    let onkeydown = {
        let (rows, state) = (list.rows.clone(), state.clone());
        let page = shown_rows.max(1);
        Callback::from(move |e: KeyboardEvent| {
            let Some(row) = index_attr(target_element(&e), "data-row") else { return };
            let last = rows.len().saturating_sub(1);
            // The nearest place row at or after (forward) / before (backward) `r`.
            let forward = |r: usize| nearest_place(&rows, r.min(last), last);
            let backward = |r: usize| nearest_place(&rows, r.min(last), 0);
            let target = match e.key().as_str() {
                "ArrowDown" => forward(row + 1),
                "ArrowUp" => row.checked_sub(1).and_then(backward),
                "PageDown" => forward(row + page).or_else(|| backward(last)),
                "PageUp" => backward(row.saturating_sub(page)).or_else(|| forward(0)),
                "Home" => forward(0),
                "End" => backward(last),
                _ => return,
            };
            e.prevent_default();
            let Some(target) = target else { return };
            if let Some(s) = state.scroller.cast::<Element>() {
                // Scroll just enough to show the row.
                let (top, height) = (s.scroll_top() as f64, s.client_height() as f64);
                let y = target as f64 * ROW_PX;
                let to = if y < top {
                    y
                } else if y + ROW_PX > top + height {
                    y + ROW_PX - height
                } else {
                    top
                };
                s.set_scroll_top(to as i32);
                state.set_num(slot::FIRST_ROW, (to / ROW_PX).floor().max(0.0) as usize);
            }
            state.focus_pending.set(true);
            state.set_num(slot::ACTIVE_ROW, target);
        })
    };
    // One click listener for all the rows (a row's button says its row): none per row.
    let onclick = {
        let (rows, loaded, dispatch, state) =
            (list.rows.clone(), props.loaded.clone(), props.dispatch.clone(), state.clone());
        Callback::from(move |e: MouseEvent| {
            let button = target_element(&e).and_then(|el| el.closest("[data-row]").ok().flatten());
            let Some(r) = index_attr(button, "data-row") else { return };
            if let Some(Row::Place(i)) = rows.get(r) {
                let id = loaded.story.places[*i].id.clone();
                state.set_num(slot::ACTIVE_ROW, r);
                dispatch.dispatch(Action::Select { opener: Some(list_opener(&id)), id, via: Via::List });
            }
        })
    };
    let story = &props.loaded.story;
    let setsize = n.to_string();
    let row_html = |r: usize| -> Html {
        let posinset = (r + 1).to_string();
        match list.rows[r] {
            Row::Heading(l) => {
                let layer = &story.manifest.layers[l];
                El::new("li")
                    .key(&format!("h{l}"))
                    .attr_owned("aria-setsize", setsize.clone())
                    .attr_owned("aria-posinset", posinset)
                    .class("pm-vlist-heading")
                    .child(text_element("h4", "", layer.name.get(&props.lang)))
                    .build()
            }
            Row::Place(i) => {
                let place = &story.places[i];
                let Some(layer) = story.layer(&place.layer) else { return html! {} };
                let current = props.selected.as_deref() == Some(place.id.as_str());
                let opener = list_opener(&place.id);
                let roving = Roving { row: r, tab_stop: tab_row == Some(r) };
                El::new("li")
                    .key(&place.id)
                    .attr_owned("aria-setsize", setsize.clone())
                    .attr_owned("aria-posinset", posinset)
                    .child(place_button(place, layer, &props.lang, t, current, opener, Some(roving), None))
                    .build()
            }
        }
    };
    let mut count = list.places.to_string();
    count.push_str(t.list_keys);
    let mut drawn = Vec::new();
    for r in start..end {
        drawn.push(row_html(r));
    }
    let list = El::new("ul").node_ref(state.body.clone()).attr("role", "list").children(drawn).build();
    let scroll_box = El::new("div")
        .node_ref(state.scroller.clone())
        .class("pm-vlist")
        .onscroll(onscroll)
        .onclick(onclick)
        .onkeydown(onkeydown)
        .child(list)
        .build();
    fragment(vec![text_element("p", "pm-vlist-count", &count), scroll_box])
}
