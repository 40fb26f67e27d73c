//! The widget's view model, free of any browser: one [`ViewState`], the [`Action`]s that
//! change it and one [`reduce()`] that returns the next state with the [`Effects`] the shell
//! must carry out (address, announcement, focus, host events).
//!
//! The Yew shell renders a `ViewState` and turns DOM events into actions; everything it
//! decides is decided here, so it is tested natively.

pub mod action;
pub mod deep_link;
pub mod effects;
pub mod gestures;
pub mod groups;
pub mod preview;
pub mod reduce;
pub mod state;
pub mod visibility;

pub use action::{Action, Opener, Via};
pub use deep_link::DeepLink;
pub use effects::{Announcement, Effects, Focus, HostEvent};
pub use reduce::reduce;
pub use state::{Flight, PanelView, Selection, ViewState};
pub use visibility::Filter;

#[cfg(test)]
pub(crate) mod testing;
