//! The view model of `passage-map-core` behind Yew's `Reducible`: each action runs the
//! core reducer and queues its effects for the shell (see `components::effects`).

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use passage_map_core::view::{reduce, Action, Effects, ViewState};
use yew::prelude::*;

use crate::loader::Loaded;

/// Effects waiting for the next render to be carried out.
pub type EffectQueue = Rc<RefCell<Vec<Effects>>>;

/// A story's view state, with the story it belongs to.
pub struct Model {
    pub view: ViewState,
    pub loaded: Rc<Loaded>,
    pub effects: EffectQueue,
    /// The story's element, inside which the effects move the focus (kept here rather
    /// than by a hook of its own: Yew's `use_node_ref` is a state hook of another type).
    pub root: NodeRef,
}

impl Model {
    pub fn new(loaded: Rc<Loaded>, reduced_motion: bool) -> Self {
        let view = ViewState::new(&loaded.story, &loaded.scene, reduced_motion);
        Model { view, loaded, effects: EffectQueue::default(), root: NodeRef::default() }
    }
}

/// Equal when the view is: the story is the same one for a widget's life.
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.view == other.view && Rc::ptr_eq(&self.loaded, &other.loaded)
    }
}

impl Deref for Model {
    type Target = ViewState;
    fn deref(&self) -> &ViewState {
        &self.view
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (view, effects) = reduce(&self.view, &self.loaded.story, &self.loaded.scene, action);
        if !effects.is_empty() {
            self.effects.borrow_mut().push(effects);
        }
        if view == self.view {
            return self;
        }
        Rc::new(Model {
            view,
            loaded: self.loaded.clone(),
            effects: self.effects.clone(),
            root: self.root.clone(),
        })
    }
}

/// The map's handle as components hold it.
pub type MapHandle = UseReducerHandle<Model>;
