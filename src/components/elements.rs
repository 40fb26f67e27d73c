//! Elements the panel's views share, and the reading of their events. Each is one
//! function that is never inlined, so a structure repeated across the views is one copy
//! of Yew's element building in the wasm and a call where it appears.

use passage_map_core::story::{Layer, Place};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::legend::swatch;
use crate::i18n::Strings;

/// Text in an element of its own, such as `<p class="pm-note">…</p>` (`class` "" for none).
#[inline(never)]
pub fn text_element(tag: &'static str, class: &'static str, text: &str) -> Html {
    let class = (!class.is_empty()).then_some(class);
    html! { <@{tag} {class}>{text}</@> }
}

/// A button of the panel (`type="button"`, so it never submits the host page's form):
/// its class, what a click does and its label, then the attributes it may add.
pub struct Button {
    class: &'static str,
    onclick: Callback<MouseEvent>,
    label: Html,
    place: Option<AttrValue>,
    opener: Option<AttrValue>,
    disabled: bool,
    lang: Option<AttrValue>,
}

impl Button {
    pub fn new(class: &'static str, onclick: Callback<MouseEvent>, label: impl Into<Html>) -> Self {
        Button { class, onclick, label: label.into(), place: None, opener: None, disabled: false, lang: None }
    }

    /// The place it shows (`data-place`).
    pub fn place(self, id: &str) -> Self {
        Button { place: Some(AttrValue::from(id.to_owned())), ..self }
    }

    /// Its name for the focus to come back to (`data-opener`).
    pub fn opener(self, opener: String) -> Self {
        Button { opener: Some(AttrValue::from(opener)), ..self }
    }

    pub fn disabled(self, disabled: bool) -> Self {
        Button { disabled, ..self }
    }

    /// The interface's language, where the text around it is in another.
    pub fn lang(self, lang: &str) -> Self {
        Button { lang: Some(AttrValue::from(lang.to_owned())), ..self }
    }

    #[inline(never)]
    pub fn view(self) -> Html {
        let Button { class, onclick, label, place, opener, disabled, lang } = self;
        html! {
            <button type="button" {class} data-place={place} data-opener={opener}
                {disabled} {lang} {onclick}>{label}</button>
        }
    }
}

/// 0, the start of the panel's `usize` states: `use_state_eq(zero as fn() -> usize)`
/// everywhere is one copy of the hook's code.
pub fn zero() -> usize {
    0
}

/// What the panel's effects depend on (an article, a passage, a flag: each uses what it
/// needs and leaves the rest at its default; and 0.0, or [`EVERY_RENDER`]), and an
/// effect: boxed, so that every `use_effect_with(EffectDeps, Effect)` of the panel is one
/// copy of the hook's code.
pub type EffectDeps = (AttrValue, Option<AttrValue>, bool, f64);
/// The last of an effect's [`EffectDeps`] for an effect that runs after every render, as
/// `use_effect` does: NaN is never equal to itself, so the dependencies always changed.
pub const EVERY_RENDER: f64 = f64::NAN;
pub type Effect = Box<dyn FnOnce(&EffectDeps)>;

/// The value of the `<input>` an event came from.
#[inline(never)]
pub fn input_value(e: &Event) -> Option<String> {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value())
}

/// The index in attribute `name` (`data-row`, `data-tick`) of `el`.
#[inline(never)]
pub fn index_attr(el: Option<Element>, name: &str) -> Option<usize> {
    el?.get_attribute(name)?.parse().ok()
}

/// The element an event came from.
pub fn target_element(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// A link to an outside page, opened in a new tab that is given no hold on this one.
#[inline(never)]
pub fn external_link(url: &str, text: Html) -> Html {
    html! { <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{text}</a> }
}

/// "← Back".
pub fn back_button(t: &Strings, onclick: Callback<MouseEvent>) -> Button {
    Button::new("pm-back", onclick, html! { <>{"← "}{t.back}</> })
}

/// Where a place button of a virtual list sits: its row, and whether it is the list's
/// tab stop.
pub struct Roving {
    pub row: usize,
    pub tab_stop: bool,
}

/// A place's entry in the list of places (plain or virtual): its symbol, its name, and
/// whether its location is approximate. `current` when it is the selected place.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
pub fn place_button(
    place: &Place,
    layer: &Layer,
    lang: &str,
    t: &Strings,
    current: bool,
    opener: String,
    roving: Option<Roving>,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" class="pm-list-place" data-place={place.id.clone()} data-opener={opener}
            data-row={roving.as_ref().map(|r| r.row.to_string())}
            tabindex={roving.map(|r| if r.tab_stop { "0" } else { "-1" })}
            aria-current={current.then_some("true")} {onclick}>
            {swatch(layer)}
            {text_element("span", "", place.name.get(lang))}
            if place.is_approximate() {
                <span class="pm-approx-tag">{" · "}{t.approximate_short}</span>
            }
        </button>
    }
}
