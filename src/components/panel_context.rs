//! What the panel's parts read: the story, the language, the view's selection and
//! filter, and the dispatcher their controls send actions to.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use passage_map_core::story::Place;
use passage_map_core::view::{Action, Filter, Via};
use yew::prelude::*;

use super::elements::zero;
use super::reader::Fetched;
use super::virtual_list::{FIRST_ROWS, NO_ROW};
use crate::i18n::Strings;
use crate::loader::Loaded;
use crate::state::Model;

pub struct PanelContext<'a> {
    pub loaded: &'a Rc<Loaded>,
    pub lang: &'a str,
    pub t: &'static Strings,
    pub selected: Option<&'a str>,
    pub filter: &'a Filter,
    pub dispatch: &'a UseReducerDispatcher<Model>,
}

impl PanelContext<'_> {
    /// A callback sending (a copy of) `action` on every event. Every control of the
    /// panel shares this one closure type, so the wasm holds one copy of its glue.
    pub fn send<E>(&self, action: Action) -> Callback<E> {
        send(self.dispatch, action)
    }

    /// A callback selecting `place` from a control named `opener` (where focus returns).
    pub fn select<E>(&self, place: &Place, via: Via, opener: String) -> Callback<E> {
        self.send(Action::Select { id: place.id.clone(), via, opener: Some(opener) })
    }
}

/// A callback sending (a copy of) `action` to `dispatch` on every event.
#[inline(never)]
pub fn send<E>(dispatch: &UseReducerDispatcher<Model>, action: Action) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.dispatch(action.clone()))
}

/// Runs `task` in the browser's event loop. Boxed: the panel's tasks (the reader's fetch,
/// "Copy citation") then share one copy of the task code that `spawn_local` inlines.
#[inline(never)]
pub fn spawn(task: Pin<Box<dyn Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(task);
}

/// What the panel's component type keeps between renders, for whichever role it renders
/// (the card's "Link copied", the reader's text, the timeline's and the virtual list's tab
/// stops, "Copy citation"): one value and one counter, rather than a hook and a state type
/// per value (each a copy more of Yew's hook code and of drop glue in the wasm). Its parts
/// are cells of their own, so reading one takes no borrow of the whole.
pub struct PanelState {
    /// The `usize` states, indexed by the [`slot`] constants.
    nums: [Cell<usize>; slot::COUNT],
    /// Renders asked for: the counter's value.
    renders: Cell<usize>,
    /// The reader's article as fetched: (article id, its text, or none where it failed).
    pub fetched: RefCell<Fetched>,
    /// The place whose link "Share" copied ("" for none; ids are never empty).
    pub link_copied: RefCell<AttrValue>,
    /// Whether the virtual list's active row takes the focus after the next render.
    pub focus_pending: Cell<bool>,
    /// The reader's paragraph it came from.
    pub came_from: NodeRef,
    /// The timeline's axis and its "From" slider.
    pub axis: NodeRef,
    pub from: NodeRef,
    /// The virtual list's scroll box and its list.
    pub scroller: NodeRef,
    pub body: NodeRef,
    /// The field "Copy citation" shows its note in where the clipboard is refused.
    pub note_field: NodeRef,
    /// What the last render's effects looked at (none before the first).
    pub rendered: RefCell<Option<Rendered>>,
}

/// What the panel's effects look at, as of a render: each runs when its part of this
/// changed since the render before (as `use_effect_with` would with these as its
/// dependencies). One effect for all, so that the wasm holds one effect closure.
pub struct Rendered {
    /// The reader's article ("" for none), the passage it came from, and whether its
    /// text is there.
    pub article: AttrValue,
    pub passage: Option<AttrValue>,
    pub ready: bool,
    /// The place whose card is shown ("" for none).
    pub shown: AttrValue,
    /// The virtual list's rows (0 where the panel renders no list), its first row in view
    /// and its tab stop.
    pub rows: usize,
    pub first_row: usize,
    pub active_row: usize,
    /// Whether "Copy citation" shows the note to copy by hand.
    pub refused: bool,
}

/// The [`PanelState`]'s `usize` states.
pub mod slot {
    /// The timeline's tick holding the tab stop.
    pub const TICK: usize = 0;
    /// The virtual list's first row in view, how many rows its box shows, and the row
    /// holding its tab stop (`NO_ROW` for none).
    pub const FIRST_ROW: usize = 1;
    pub const SHOWN_ROWS: usize = 2;
    pub const ACTIVE_ROW: usize = 3;
    /// What "Copy citation" did (`passage_view::copy`).
    pub const CITATION: usize = 4;
    pub const COUNT: usize = 5;
}

/// The [`PanelState`] of one panel component, and the counter whose every change renders it.
#[derive(Clone)]
pub struct PanelCell {
    state: Rc<PanelState>,
    changes: UseStateHandle<usize>,
}

/// The panel's state: kept by its component type whatever role it renders.
#[hook]
pub fn use_panel_state() -> PanelCell {
    let state = use_ref(|| PanelState {
        nums: [0, 0, FIRST_ROWS, NO_ROW, 0].map(Cell::new),
        renders: Cell::new(0),
        fetched: RefCell::new(None),
        link_copied: RefCell::default(),
        focus_pending: Cell::new(false),
        came_from: NodeRef::default(),
        axis: NodeRef::default(),
        from: NodeRef::default(),
        scroller: NodeRef::default(),
        body: NodeRef::default(),
        note_field: NodeRef::default(),
        rendered: RefCell::new(None),
    });
    let changes = use_state_eq(zero as fn() -> usize);
    PanelCell { state, changes }
}

impl std::ops::Deref for PanelCell {
    type Target = PanelState;

    fn deref(&self) -> &PanelState {
        &self.state
    }
}

impl PanelCell {
    pub fn num(&self, slot: usize) -> usize {
        self.nums[slot].get()
    }

    /// Sets a `usize` state, rendering again if it changed.
    #[inline(never)]
    pub fn set_num(&self, slot: usize, value: usize) {
        if self.nums[slot].replace(value) != value {
            self.render();
        }
    }

    /// Renders again (after the state changed).
    #[inline(never)]
    pub fn render(&self) {
        self.renders.set(self.renders.get() + 1);
        self.changes.set(self.renders.get());
    }
}
