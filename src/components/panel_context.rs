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
    /// A callback sending `action` (built once per click).
    pub fn send<E>(&self, action: impl Fn() -> Action + 'static) -> Callback<E> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(action()))
    }

    /// A callback selecting `place` from a control named `opener` (where focus returns).
    pub fn select<E>(&self, place: &Place, via: Via, opener: String) -> Callback<E> {
        let id = place.id.clone();
        self.send(move || Action::Select { id: id.clone(), via, opener: Some(opener.clone()) })
    }
}
