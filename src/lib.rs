//! passage-map: an embeddable story map. Places from a set of articles on an offline
//! map, each linked to the passages that name it, each passage back to its places.
//!
//! The JS surface is one function, [`mount`], returning a [`MapHandle`]. Yew apps use
//! the [`PassageMap`] component instead. Everything that is not rendering lives in the
//! `passage-map-core` crate.
//!
#![doc = include_str!("README.md")]

#[cfg(all(target_arch = "wasm32", feature = "small-alloc"))]
pub mod alloc;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod loader;
pub mod options;
mod passage_map;
pub mod state;

pub use passage_map::{PassageMap, PassageMapProps, StorySource};

/// The widget's own allocator, smaller than std's (see `alloc`): the standalone widget's
/// build turns on the `small-alloc` feature; a host Yew app may, or keep its own.
#[cfg(all(target_arch = "wasm32", feature = "small-alloc"))]
#[global_allocator]
static HEAP: alloc::Heap = alloc::Heap::new();

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use components::app::{App, AppProps};
use options::{layer_list, Command, CommandSlot, Options};

/// A mounted widget, as the host page holds it.
#[wasm_bindgen]
pub struct MapHandle {
    app: Option<yew::AppHandle<App>>,
    commands: CommandSlot,
}

#[wasm_bindgen]
impl MapHandle {
    /// Selects a place by id and flies to it.
    pub fn select(&self, place: &str) {
        self.commands.send(Command::Select(place.to_owned()));
    }

    /// Shows exactly these layers: an array of ids or a comma-separated string.
    pub fn set_layers(&self, layers: JsValue) {
        if let Some(list) = layer_list(&layers) {
            self.commands.send(Command::SetLayers(list));
        }
    }

    /// Flies to a longitude/latitude (degrees), at a web-map zoom level if given.
    pub fn fly_to(&self, lon: f64, lat: f64, zoom: Option<f64>) {
        if lon.is_finite() && lat.is_finite() {
            self.commands.send(Command::FlyTo { lon, lat, zoom });
        }
    }

    /// Goes to a stop of the guided tour (1-based); 0, null or no argument ends the tour.
    pub fn tour(&self, step: JsValue) {
        let stop = if step.as_f64() == Some(0.0) { None } else { options::tour_step(&step) };
        self.commands.send(Command::Tour(stop));
    }

    /// Removes the widget from the page, with its listeners and timers.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget into `target` (its content is replaced). `options` is a plain
/// object: `story` (URL of story.json, or `{story, places, passages}`), `basemap` (URL of
/// the basemap folder), `place`, `layers`, `tour` (stop, 1-based), `lang` (`en`/`es`),
/// `urlState`, `wheelNeedsFocus`, `onSelect(placeId)`, `onTour(stop)`.
#[wasm_bindgen]
pub fn mount(target: Element, options: JsValue) -> MapHandle {
    let commands = CommandSlot::default();
    let props = AppProps { options: Rc::new(Options::from_js(&options)), commands: commands.clone() };
    target.set_inner_html("");
    let app = yew::Renderer::<App>::with_root_and_props(target, props).render();
    MapHandle { app: Some(app), commands }
}
