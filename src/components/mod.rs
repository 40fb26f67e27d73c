//! The Yew components of the widget, one per file.

pub mod app;
pub mod attribution;
pub mod basemap_layer;
pub mod gestures;
pub mod legend;
pub mod map_hooks;
pub mod map_view;
pub mod markers;
pub mod panel;
pub mod passage_view;
pub mod place_card;
pub mod place_list;
pub mod preview;
pub mod scale_bar;
pub mod story_errors;
pub mod story_map;
