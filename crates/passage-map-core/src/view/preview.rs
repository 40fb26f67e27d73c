//! A gesture preview: while a drag or a wheel flick lasts, the shell moves the drawn map
//! with one CSS transform instead of re-rendering it, and hands the total to the camera
//! when the gesture ends. This is the transform's arithmetic; the shell only applies it.

use crate::camera::ScreenPoint;
use crate::num::clamp;
use crate::path::format_coord as num;

use super::action::Action;

/// screen' = k · screen + (tx, ty), around the map's top-left corner (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preview {
    k: f64,
    tx: f64,
    ty: f64,
    /// The zoom factors the camera still allows from where it is: [min, max].
    room: (f64, f64),
}

impl Default for Preview {
    fn default() -> Self {
        Preview { k: 1.0, tx: 0.0, ty: 0.0, room: (0.0, f64::INFINITY) }
    }
}

impl Preview {
    /// Whether nothing is previewed.
    pub fn is_idle(&self) -> bool {
        self.k == 1.0 && self.tx == 0.0 && self.ty == 0.0
    }

    /// Sets the zoom factors the camera allows from its current scale, so the preview
    /// stops where the camera will. Ignored while a preview is under way.
    pub fn set_room(&mut self, min_factor: f64, max_factor: f64) {
        let valid = min_factor > 0.0 && min_factor <= max_factor && !max_factor.is_nan();
        if self.is_idle() && valid {
            self.room = (min_factor, max_factor);
        }
    }

    /// Moves the preview by (dx, dy) pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.tx += dx;
        self.ty += dy;
    }

    /// Zooms the preview by `factor` around `anchor` (pixels), within the camera's room;
    /// returns whether anything changed.
    pub fn zoom(&mut self, factor: f64, anchor: ScreenPoint) -> bool {
        let f = clamp(self.k * factor, self.room.0, self.room.1) / self.k;
        if !f.is_finite() || f <= 0.0 || f == 1.0 {
            return false;
        }
        self.k *= f;
        self.tx = f * self.tx + anchor.x * (1.0 - f);
        self.ty = f * self.ty + anchor.y * (1.0 - f);
        true
    }

    /// The CSS `transform` value that shows the preview.
    pub fn css(&self) -> String {
        let k = num(self.k, 6);
        format!("matrix({k}, 0, 0, {k}, {}, {})", num(self.tx, 1), num(self.ty, 1))
    }

    /// The actions that give the camera what the preview showed (a zoom around the
    /// top-left corner, then a pan), and an idle preview again.
    pub fn commit(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        if self.k != 1.0 {
            out.push(Action::ZoomBy { factor: self.k, anchor: Some(ScreenPoint::new(0.0, 0.0)) });
        }
        if self.tx != 0.0 || self.ty != 0.0 {
            out.push(Action::PanBy(self.tx, self.ty));
        }
        *self = Preview::default();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_and_a_wheel_zoom_commit_as_one_zoom_and_one_pan() {
        let mut p = Preview::default();
        p.pan(10.0, -4.0);
        assert!(p.zoom(2.0, ScreenPoint::new(100.0, 50.0)));
        assert_eq!(p.css(), "matrix(2, 0, 0, 2, -80, -58)");
        assert_eq!(
            p.commit(),
            [
                Action::ZoomBy { factor: 2.0, anchor: Some(ScreenPoint::new(0.0, 0.0)) },
                Action::PanBy(-80.0, -58.0)
            ]
        );
        assert!(p.is_idle() && p.commit().is_empty());
    }

    #[test]
    fn the_preview_stops_where_the_camera_would() {
        let mut p = Preview::default();
        p.set_room(0.5, 4.0);
        assert!(p.zoom(3.0, ScreenPoint::new(0.0, 0.0)));
        assert!(p.zoom(3.0, ScreenPoint::new(0.0, 0.0)));
        assert_eq!(p.css(), "matrix(4, 0, 0, 4, 0, 0)");
        assert!(!p.zoom(3.0, ScreenPoint::new(0.0, 0.0)), "no room left");
        p.set_room(1.0, 1.0);
        assert!(p.zoom(0.1, ScreenPoint::new(0.0, 0.0)), "the room is not changed mid-gesture");
        assert_eq!(p.css(), "matrix(0.5, 0, 0, 0.5, 0, 0)");
        assert!(!p.zoom(f64::NAN, ScreenPoint::new(0.0, 0.0)));
    }
}
