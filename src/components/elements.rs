//! Elements the panel's views share, and the reading of their events. Each is one
//! function that is never inlined, so a structure repeated across the views is one copy
//! of Yew's element building in the wasm and a call where it appears.

use std::cell::{Ref, RefCell};
use std::mem::ManuallyDrop;
use std::rc::Rc;

use passage_map_core::story::{Layer, Place};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::html::{
    onchange, onclick, ondblclick, oninput, onkeydown, onpointercancel, onpointerdown, onpointermove,
    onpointerup, onscroll,
};
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, Key, Listener, Listeners, VList, VTag};

use super::legend::swatch;
use crate::i18n::Strings;

/// Every attribute an [`El`] may carry, in the order they come out in the DOM. `html!`
/// writes an element's attributes in its source order with `class` last; this order
/// agrees with every element the panel builds with [`El`].
const KEYS: &[&str] = &[
    "type",
    "width",
    "height",
    "viewBox",
    "aria-hidden",
    "role",
    "aria-label",
    "aria-live",
    "title",
    "data-step",
    "data-place",
    "data-opener",
    "data-row",
    "data-layer",
    "tabindex",
    "aria-current",
    "aria-setsize",
    "aria-posinset",
    "lang",
    "disabled",
    "readonly",
    "min",
    "max",
    "step",
    "aria-valuetext",
    "autocomplete",
    "spellcheck",
    "href",
    "target",
    "rel",
    "class",
];

/// An element built by calls rather than by `html!`. Each `html!` element is an inlined
/// copy of Yew's element building (a few hundred bytes of wasm); an `El` is a few calls
/// to the one copy here. Its attributes are Yew's fast "dynamic" kind over `KEYS`
/// (one static key list shared by all), so re-rendering compares them slot by slot.
///
/// Every `El` is built: its parts are in a `ManuallyDrop`, so that an `El` has no drop
/// code to call where it goes out of scope (one call at each of some 130 places where
/// the widget builds an element: −0.53 KB gzip of wasm). `build` takes the parts and
/// leaves empty ones that own nothing; an `El` dropped unbuilt would leak its parts, and
/// debug builds (the wasm tests) assert that none is.
pub struct El(ManuallyDrop<Parts>);

#[cfg(debug_assertions)]
impl Drop for El {
    fn drop(&mut self) {
        debug_assert!(self.0.tag.is_empty(), "an El <{}> was dropped without being built", self.0.tag);
    }
}

/// What an [`El`] holds until it is built.
#[derive(Default)]
struct Parts {
    tag: &'static str,
    keys: &'static [&'static str],
    attrs: Vec<Option<AttributeOrProperty>>,
    listeners: Vec<Option<Rc<dyn Listener>>>,
    children: Vec<Html>,
    node_ref: Option<NodeRef>,
    key: Option<Key>,
    /// The value of an `<input>`.
    value: Option<AttrValue>,
    /// Whether an `<input>` (a checkbox) is checked.
    checked: Option<bool>,
}

/// The methods add to the element in place and return it, so that calls chain; `build`
/// makes the node. (In place rather than by value: a chained call then passes one
/// pointer and copies nothing.)
impl El {
    pub fn new(tag: &'static str) -> El {
        El::with_keys(tag, KEYS)
    }

    /// An element whose attributes come out in the order of `keys` rather than
    /// `KEYS`, for one whose `html!` order disagrees with it (`class` last).
    #[inline(never)]
    pub fn with_keys(tag: &'static str, keys: &'static [&'static str]) -> El {
        let mut attrs = Vec::with_capacity(keys.len());
        attrs.resize(keys.len(), None);
        El(ManuallyDrop::new(Parts { tag, keys, attrs, ..Parts::default() }))
    }

    #[inline(never)]
    fn set(&mut self, key: &'static str, value: Option<AttributeOrProperty>) -> &mut El {
        let slot = self.0.keys.iter().position(|k| *k == key);
        debug_assert!(slot.is_some(), "attribute {key} is not in the element's keys");
        if let Some(i) = slot {
            self.0.attrs[i] = value;
        }
        self
    }

    /// An attribute with a fixed value.
    pub fn attr(&mut self, key: &'static str, value: &'static str) -> &mut El {
        self.set(key, Some(AttributeOrProperty::Static(value)))
    }

    /// An attribute with a fixed value, or none.
    pub fn set_static(&mut self, key: &'static str, value: Option<&'static str>) -> &mut El {
        self.set(key, value.map(AttributeOrProperty::Static))
    }

    /// An attribute with a value made at run time.
    pub fn attr_owned(&mut self, key: &'static str, value: impl Into<AttrValue>) -> &mut El {
        self.set(key, Some(AttributeOrProperty::Attribute(value.into())))
    }

    /// An attribute that may be absent.
    pub fn opt_attr(&mut self, key: &'static str, value: Option<impl Into<AttrValue>>) -> &mut El {
        self.set(key, value.map(|v| AttributeOrProperty::Attribute(v.into())))
    }

    /// A boolean attribute such as `disabled`, as `html!` writes it (`disabled="disabled"`).
    pub fn flag(&mut self, key: &'static str, on: bool) -> &mut El {
        self.set(key, on.then_some(AttributeOrProperty::Static(key)))
    }

    pub fn class(&mut self, class: &'static str) -> &mut El {
        self.attr("class", class)
    }

    /// The `value` of an `<input>`.
    pub fn value(&mut self, value: AttrValue) -> &mut El {
        self.0.value = Some(value);
        self
    }

    /// Whether a checkbox is checked.
    pub fn checked(&mut self, checked: bool) -> &mut El {
        self.0.checked = Some(checked);
        self
    }

    pub fn node_ref(&mut self, node_ref: NodeRef) -> &mut El {
        self.0.node_ref = Some(node_ref);
        self
    }

    #[inline(never)]
    pub fn key(&mut self, key: &str) -> &mut El {
        self.0.key = Some(Key::from(key));
        self
    }

    #[inline(never)]
    pub fn child(&mut self, child: Html) -> &mut El {
        self.0.children.push(child);
        self
    }

    #[inline(never)]
    pub fn children(&mut self, children: Vec<Html>) -> &mut El {
        self.0.children.extend(children);
        self
    }

    /// A text child (copied).
    pub fn text(&mut self, text: &str) -> &mut El {
        self.child(Html::from(text))
    }

    #[inline(never)]
    fn listen(&mut self, listener: Rc<dyn Listener>) -> &mut El {
        self.0.listeners.push(Some(listener));
        self
    }

    pub fn onclick(&mut self, f: Callback<MouseEvent>) -> &mut El {
        self.listen(Rc::new(onclick::Wrapper::new(f)))
    }

    pub fn oninput(&mut self, f: Callback<InputEvent>) -> &mut El {
        self.listen(Rc::new(oninput::Wrapper::new(f)))
    }

    pub fn onkeydown(&mut self, f: Callback<KeyboardEvent>) -> &mut El {
        self.listen(Rc::new(onkeydown::Wrapper::new(f)))
    }

    pub fn onpointerdown(&mut self, f: Callback<PointerEvent>) -> &mut El {
        self.listen(Rc::new(onpointerdown::Wrapper::new(f)))
    }

    pub fn onpointerup(&mut self, f: Callback<PointerEvent>) -> &mut El {
        self.listen(Rc::new(onpointerup::Wrapper::new(f)))
    }

    pub fn onpointercancel(&mut self, f: Callback<PointerEvent>) -> &mut El {
        self.listen(Rc::new(onpointercancel::Wrapper::new(f)))
    }

    pub fn ondblclick(&mut self, f: Callback<MouseEvent>) -> &mut El {
        self.listen(Rc::new(ondblclick::Wrapper::new(f)))
    }

    pub fn onpointermove(&mut self, f: Callback<PointerEvent>) -> &mut El {
        self.listen(Rc::new(onpointermove::Wrapper::new(f)))
    }

    pub fn onchange(&mut self, f: Callback<Event>) -> &mut El {
        self.listen(Rc::new(onchange::Wrapper::new(f)))
    }

    pub fn onscroll(&mut self, f: Callback<Event>) -> &mut El {
        self.listen(Rc::new(onscroll::Wrapper::new(f)))
    }

    /// A click listener where there is one.
    pub fn onclick_opt(&mut self, f: Option<Callback<MouseEvent>>) -> &mut El {
        match f {
            Some(f) => self.onclick(f),
            None => self,
        }
    }

    /// The node (the element is left empty).
    #[inline(never)]
    pub fn build(&mut self) -> Html {
        let Parts { tag, keys, attrs, listeners, children, node_ref, key, value, checked } =
            std::mem::take(&mut *self.0);
        let node_ref = node_ref.unwrap_or_default();
        let attributes = Attributes::Dynamic { keys, values: attrs.into_boxed_slice() };
        let listeners = if listeners.is_empty() {
            Listeners::None
        } else {
            Listeners::Pending(listeners.into_boxed_slice())
        };
        Html::from(if tag == "input" {
            VTag::__new_input(value, checked, node_ref, key, attributes, listeners)
        } else {
            // One child is the element's child as it is, as `html!` does it.
            let children = if children.len() == 1 {
                children.into_iter().next().unwrap_or_default()
            } else {
                Html::from(VList::with_children(children, None))
            };
            VTag::__new_other(AttrValue::Static(tag), node_ref, key, attributes, listeners, children)
        })
    }
}

/// Text in an element of its own, such as `<p class="pm-note">…</p>` (`class` "" for none).
#[inline(never)]
pub fn text_element(tag: &'static str, class: &'static str, text: &str) -> Html {
    let mut el = El::new(tag);
    if !class.is_empty() {
        el.class(class);
    }
    el.text(text).build()
}

/// The `<h3>` of a view of the panel, which takes the focus when the view opens.
#[inline(never)]
pub fn focus_heading(class: &'static str, text: &str) -> Html {
    El::new("h3").attr("tabindex", "-1").class(class).text(text).build()
}

/// A button of the panel (`type="button"`, so it never submits the host page's form):
/// its class, what a click does and its label; the caller adds any other attribute
/// (`data-place`, the place it shows; `data-opener`, its name for the focus to come back
/// to; `disabled`; `lang`, where the text around it is in another language).
#[inline(never)]
pub fn button(class: &'static str, onclick: Callback<MouseEvent>, label: &str) -> El {
    let mut button = El::new("button");
    button.attr("type", "button").class(class).onclick(onclick).text(label);
    button
}

/// 0, the start of the panel's `usize` states: `use_state_eq(zero as fn() -> usize)`
/// everywhere is one copy of the hook's code.
pub fn zero() -> usize {
    0
}

/// What the widget's effects depend on (an article, a passage, a flag: each uses what it
/// needs and leaves the rest at its default; and a number, or [`EVERY_RENDER`]), and an
/// effect: boxed, so that every `use_effect_with(EffectDeps, Effect)` of the panel and the
/// map (`map_hooks::use_map_effect`) is one copy of Yew's effect hook in the wasm, where
/// each closure and dependency type would be another.
pub type EffectDeps = (AttrValue, Option<AttrValue>, bool, f64);
/// The last of an effect's [`EffectDeps`] for an effect that runs after every render, as
/// `use_effect` does: NaN is never equal to itself, so the dependencies always changed.
pub const EVERY_RENDER: f64 = f64::NAN;
/// What an effect leaves to be done when it runs again or its component goes.
pub type Teardown = Box<dyn FnOnce()>;
pub type Effect = Box<dyn FnOnce(&EffectDeps) -> Teardown>;

/// Nothing to undo.
pub fn no_teardown() -> Teardown {
    Box::new(|| ())
}

/// The value of the `<input>` an event came from.
#[inline(never)]
pub fn input_value(e: &Event) -> Option<String> {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value())
}

/// The index in attribute `name` (`data-row`, `data-tick`) of `el`.
#[inline(never)]
pub fn index_attr(el: Option<Element>, name: &str) -> Option<usize> {
    let n = passage_map_core::num::parse_int(&el?.get_attribute(name)?, 0, u32::MAX.into())?;
    Some(n as usize)
}

/// The element under `root` whose attribute `name` (`data-row`, `data-tick`) is `i`.
#[inline(never)]
pub fn indexed_element(root: &Element, name: &str, i: usize) -> Option<Element> {
    root.query_selector(&format!("[{name}=\"{i}\"]")).ok().flatten()
}

/// The element an event came from.
pub fn target_element(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// A link to an outside page, opened in a new tab that is given no hold on this one.
#[inline(never)]
pub fn external_link(url: &str, text: Html) -> Html {
    El::new("a")
        .attr_owned("href", url.to_owned())
        .attr("target", "_blank")
        .attr("rel", "noopener noreferrer")
        .child(text)
        .build()
}

/// Nodes side by side, with no element around them.
#[inline(never)]
pub fn fragment(nodes: Vec<Html>) -> Html {
    Html::from(VList::with_children(nodes, None))
}

/// "← Back".
pub fn back_button(t: &Strings, onclick: Callback<MouseEvent>) -> El {
    button("pm-back", onclick, &format!("← {}", t.back))
}

/// Where a place button of a virtual list sits: its row, and whether it is the list's
/// tab stop.
pub struct Roving {
    pub row: usize,
    pub tab_stop: bool,
}

/// A place's entry in the list of places (plain or virtual): its symbol, its name, and
/// whether its location is approximate. `current` when it is the selected place. The
/// virtual list's buttons have no click listener of their own (the list has one for all).
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
    onclick: Option<Callback<MouseEvent>>,
) -> Html {
    let mut button = El::new("button");
    button
        .attr("type", "button")
        .attr_owned("data-place", place.id.clone())
        .attr_owned("data-opener", opener)
        .opt_attr("data-row", roving.as_ref().map(|r| r.row.to_string()))
        .set_static("tabindex", roving.map(|r| if r.tab_stop { "0" } else { "-1" }))
        .set_static("aria-current", current.then_some("true"))
        .class("pm-list-place")
        .onclick_opt(onclick)
        .child(swatch(layer))
        .child(text_element("span", "", place.name.get(lang)));
    if place.is_approximate() {
        button.child(El::new("span").class("pm-approx-tag").text(" · ").text(t.approximate_short).build());
    }
    button.build()
}

/// A value kept in a cell, whose every change renders through the widget's `usize` state
/// (one copy of Yew's state hook for all; a state of the value's own type is a copy more,
/// measured at 0.2–0.4 KB gzip each). Unlike a `UseStateHandle`, [`CellState::get`] is
/// always the latest value, also in an effect or a future made by an earlier render.
pub struct CellState<T> {
    cell: Rc<RefCell<(T, usize)>>,
    changes: UseStateHandle<usize>,
}

impl<T> Clone for CellState<T> {
    fn clone(&self) -> Self {
        CellState { cell: self.cell.clone(), changes: self.changes.clone() }
    }
}

impl<T> CellState<T> {
    pub fn get(&self) -> Ref<'_, T> {
        Ref::map(self.cell.borrow(), |c| &c.0)
    }

    /// Keeps `value` and renders again.
    pub fn set(&self, value: T) {
        let changes = {
            let mut c = self.cell.borrow_mut();
            c.0 = value;
            c.1 += 1;
            c.1
        };
        // After the borrow ends: a render that follows at once reads the cell.
        self.changes.set(changes);
    }
}

/// A [`CellState`] that starts as `init()`.
#[hook]
pub fn use_cell_state<T: 'static>(init: fn() -> T) -> CellState<T> {
    let cell = use_mut_ref(move || (init(), 0));
    let changes = use_state_eq(zero as fn() -> usize);
    CellState { cell, changes }
}
