//! A gesture in progress (a drag, a wheel flick) shown as a CSS transform of the map's
//! svg — composited by the browser, with no re-render of thousands of markers per
//! frame — and committed to the camera as one zoom and one pan when the gesture ends.
//! The transform is set through the CSSOM, which a strict `style-src 'self'` allows.

use std::cell::RefCell;
use std::rc::Rc;

use passage_map_core::camera::ScreenPoint;
use passage_map_core::path::format_coord as num;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::state::{MapAction, MapState};

/// screen' = k · screen + (tx, ty), around the map's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preview {
    k: f64,
    tx: f64,
    ty: f64,
    /// The zoom factors the camera still allows from where it is: [min, max].
    room: (f64, f64),
}

/// The preview shared by the map's event handlers.
pub type SharedPreview = Rc<RefCell<Preview>>;

impl Default for Preview {
    fn default() -> Self {
        Preview { k: 1.0, tx: 0.0, ty: 0.0, room: (0.0, f64::INFINITY) }
    }
}

fn style(el: &Element) -> Option<web_sys::CssStyleDeclaration> {
    el.dyn_ref::<web_sys::SvgElement>().map(|s| s.style())
}

impl Preview {
    /// Whether nothing is previewed.
    pub fn is_idle(&self) -> bool {
        self.k == 1.0 && self.tx == 0.0 && self.ty == 0.0
    }

    /// Sets the zoom factors the camera allows from its current scale, so the preview
    /// stops where the camera will.
    pub fn set_room(&mut self, min_factor: f64, max_factor: f64) {
        let valid = min_factor > 0.0 && min_factor <= max_factor && !max_factor.is_nan();
        if self.is_idle() && valid {
            self.room = (min_factor, max_factor);
        }
    }

    fn show(&self, el: &Element) {
        if let Some(style) = style(el) {
            let m = format!(
                "matrix({}, 0, 0, {}, {}, {})",
                num(self.k, 6),
                num(self.k, 6),
                num(self.tx, 1),
                num(self.ty, 1)
            );
            // Its own compositor layer: moving it is then not a repaint of every marker.
            let _ = style.set_property("will-change", "transform");
            let _ = style.set_property("transform-origin", "0 0");
            let _ = style.set_property("transform", &m);
        }
    }

    /// Moves the preview by (dx, dy) pixels.
    pub fn pan(&mut self, el: &Element, dx: f64, dy: f64) {
        self.tx += dx;
        self.ty += dy;
        self.show(el);
    }

    /// Zooms the preview by `factor` around `anchor` (pixels), within the camera's room.
    pub fn zoom(&mut self, el: &Element, factor: f64, anchor: ScreenPoint) {
        let f = (self.k * factor).clamp(self.room.0, self.room.1) / self.k;
        if !f.is_finite() || f <= 0.0 {
            return;
        }
        self.k *= f;
        self.tx = f * self.tx + anchor.x * (1.0 - f);
        self.ty = f * self.ty + anchor.y * (1.0 - f);
        self.show(el);
    }

    /// Hands the preview to the camera and removes the CSS transform; the re-render
    /// happens before the next paint, so nothing jumps.
    pub fn commit(&mut self, el: &Element, dispatch: &UseReducerDispatcher<MapState>) {
        if self.is_idle() {
            return;
        }
        if self.k != 1.0 {
            dispatch
                .dispatch(MapAction::ZoomBy { factor: self.k, anchor: Some(ScreenPoint { x: 0.0, y: 0.0 }) });
        }
        if self.tx != 0.0 || self.ty != 0.0 {
            dispatch.dispatch(MapAction::PanBy(self.tx, self.ty));
        }
        *self = Preview::default();
        if let Some(style) = style(el) {
            let _ = style.remove_property("transform");
            let _ = style.remove_property("transform-origin");
            let _ = style.remove_property("will-change");
        }
    }
}
