//! Shows a gesture preview (the arithmetic is `passage_map_core::view::preview`) as one
//! composited CSS transform of the map's svg, set through the CSSOM so that a strict
//! Content-Security-Policy allows it, and hands it to the camera when the gesture ends.

use std::cell::RefCell;
use std::rc::Rc;

use passage_map_core::camera::ScreenPoint;
use passage_map_core::view::gestures::Pointers;
use passage_map_core::view::preview::Preview;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::state::Model;

/// What the map's gestures keep: the preview, the pointers down, and the map's svg.
#[derive(Default)]
pub struct Gesture {
    pub preview: Preview,
    pub pointers: Pointers,
    pub svg: NodeRef,
}

/// The gesture state shared by the map's event handlers.
pub type SharedPreview = Rc<RefCell<Gesture>>;

fn style(el: &Element) -> Option<web_sys::CssStyleDeclaration> {
    el.dyn_ref::<web_sys::SvgElement>().map(|s| s.style())
}

fn show(el: &Element, p: &Preview) {
    if let Some(style) = style(el) {
        // Its own compositor layer: moving it is then not a repaint of every marker.
        let _ = style.set_property("will-change", "transform");
        let _ = style.set_property("transform-origin", "0 0");
        let _ = style.set_property("transform", &p.css());
    }
}

/// Moves the preview by (dx, dy) pixels.
pub fn pan(preview: &SharedPreview, el: &Element, dx: f64, dy: f64) {
    let p = &mut preview.borrow_mut().preview;
    p.pan(dx, dy);
    show(el, p);
}

/// Zooms the preview by `factor` around `anchor` (pixels).
pub fn zoom(preview: &SharedPreview, el: &Element, factor: f64, anchor: ScreenPoint) {
    let p = &mut preview.borrow_mut().preview;
    if p.zoom(factor, anchor) {
        show(el, p);
    }
}

/// Hands the preview to the camera and removes the CSS transform; the re-render happens
/// before the next paint, so nothing jumps.
pub fn commit(preview: &SharedPreview, el: &Element, dispatch: &UseReducerDispatcher<Model>) {
    let actions = preview.borrow_mut().preview.commit();
    if actions.is_empty() {
        return;
    }
    for a in actions {
        dispatch.dispatch(a);
    }
    if let Some(style) = style(el) {
        let _ = style.remove_property("transform");
        let _ = style.remove_property("transform-origin");
        let _ = style.remove_property("will-change");
    }
}
