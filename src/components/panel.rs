//! The panel beside the map: title, the selected place's card, the legend, the list of
//! places and the attribution. One memoised component: its props hold the selection
//! and the shown layers, not the camera, so panning never re-renders it.

use std::rc::Rc;

use yew::prelude::*;

use super::attribution::attribution;
use super::legend::legend;
use super::place_card::{place_card, CardActions};
use super::place_list::place_list;
use crate::i18n::{strings, Strings};
use crate::loader::Loaded;

/// What the panel's parts read: the story, the language and the selection.
pub struct PanelContext<'a> {
    pub loaded: &'a Rc<Loaded>,
    pub lang: &'a str,
    pub t: &'static Strings,
    pub selected: Option<&'a str>,
    pub hidden: &'a [String],
    pub on_select: &'a Callback<AttrValue>,
}

impl PanelContext<'_> {
    pub fn is_layer_visible(&self, id: &str) -> bool {
        !self.hidden.iter().any(|l| l == id)
    }

    /// A callback selecting `id`.
    pub fn select(&self, id: &str) -> Callback<MouseEvent> {
        let (on_select, id) = (self.on_select.clone(), AttrValue::from(id.to_owned()));
        Callback::from(move |_| on_select.emit(id.clone()))
    }
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub loaded: Rc<Loaded>,
    pub lang: AttrValue,
    pub selected: Option<AttrValue>,
    pub hidden: Vec<String>,
    pub copied: bool,
    pub on_select: Callback<AttrValue>,
    pub on_toggle_layer: Callback<String>,
    pub on_close: Callback<()>,
    pub on_share: Callback<()>,
}

#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    let ctx = PanelContext {
        loaded: &props.loaded,
        lang: &props.lang,
        t: strings(&props.lang),
        selected: props.selected.as_deref(),
        hidden: &props.hidden,
        on_select: &props.on_select,
    };
    let actions = CardActions { on_close: &props.on_close, on_share: &props.on_share, copied: props.copied };
    html! {
        <aside class="pm-panel">
            <h2 class="pm-title">{props.loaded.story.manifest.title.get(&props.lang)}</h2>
            if let Some(id) = ctx.selected {
                {place_card(&ctx, id, &actions)}
            }
            {legend(&ctx, &props.on_toggle_layer)}
            {place_list(&ctx)}
            {attribution(&ctx)}
        </aside>
    }
}
