//! The Yew components of the widget, one per file.

pub mod app;
pub mod articles;
pub mod attribution;
pub mod basemap_layer;
pub mod canvas_layer;
pub mod effects;
pub mod labels_layer;
pub mod legend;
pub mod locator;
pub mod map_hooks;
pub mod map_view;
pub mod markers;
pub mod panel;
pub mod panel_context;
pub mod passage_view;
pub mod place_card;
pub mod place_list;
pub mod preview;
pub mod reader;
pub mod scale_bar;
pub mod search_box;
pub mod story_errors;
pub mod story_map;
pub mod timeline;
pub mod tour_panel;
pub mod virtual_list;
