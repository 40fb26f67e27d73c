//! Carries out what the view model asks after each action (`Effects`): the address, the
//! live region, focus and the host page's callbacks. Runs after the render that shows
//! the new state, so the element to focus exists.

use std::rc::Rc;

use passage_map_core::view::{Effects, Focus, HostEvent};
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::prelude::*;

use super::map_hooks::{no_teardown, use_map_effect, EVERY_RENDER};
use super::markers::MarkersState;
use crate::browser::{focus, replace_query};
use crate::i18n::announcement;
use crate::options::Options;
use crate::state::MapHandle;

/// Where focus goes, as a selector inside the widget.
fn focus_selector(f: &Focus) -> String {
    match f {
        Focus::CardHeading => ".pm-card-title".into(),
        Focus::TourHeading => ".pm-tour-title".into(),
        Focus::Reader => ".pm-reader-title".into(),
        Focus::Articles => ".pm-articles-title".into(),
        Focus::Restore(key) => format!("[data-opener=\"{key}\"]"),
    }
}

fn move_focus(root: &Element, f: &Focus) {
    let target = root.query_selector(&focus_selector(f)).ok().flatten();
    // What opened a closed view may be gone (a marker that left the view): the map then.
    let target = target.or_else(|| root.query_selector(".pm-svg").ok().flatten());
    if let Some(el) = target {
        focus(&el);
    }
}

fn tell_host(options: &Options, event: &HostEvent) {
    match event {
        HostEvent::Select(Some(id)) => {
            if let Some(f) = &options.on_select {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(id));
            }
        }
        HostEvent::Select(None) => {}
        HostEvent::Tour(stop) => {
            if let Some(f) = &options.on_tour {
                let arg = stop.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
                let _ = f.call1(&JsValue::NULL, &arg);
            }
        }
    }
}

/// Performs the queued effects after every render; the live region's text is kept in the
/// markers' cell (`cell`).
#[hook]
pub fn use_view_effects(map: &MapHandle, options: Rc<Options>, cell: MarkersState) {
    {
        let (queue, loaded, message, root) =
            (map.effects.clone(), map.loaded.clone(), cell, map.root.clone());
        use_map_effect(EVERY_RENDER, move || {
            // The whole queue, taken (rather than drained into a new Vec).
            let done: Vec<Effects> = std::mem::take(&mut *queue.borrow_mut());
            for fx in done {
                if let (true, Some(params)) = (options.url_state, &fx.url) {
                    replace_query(params);
                }
                if let Some(a) = &fx.announce {
                    message.set_message(announcement(a, &loaded.story, &options.lang).into());
                }
                if let (Some(f), Some(root)) = (&fx.focus, root.cast::<Element>()) {
                    move_focus(&root, f);
                }
                for e in &fx.host {
                    tell_host(&options, e);
                }
            }
            no_teardown()
        });
    }
}
