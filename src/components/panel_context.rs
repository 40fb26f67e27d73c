//! What the panel's parts read: the story, the language, the view's selection and
//! filter, and the dispatcher their controls send actions to.

use std::rc::Rc;

use passage_map_core::story::Place;
use passage_map_core::view::{Action, Filter, Via};
use yew::prelude::*;

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
