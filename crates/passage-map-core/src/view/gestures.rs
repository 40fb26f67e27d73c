//! Raw pointer, wheel and key input → view actions carrying deltas. Nothing here knows
//! the camera: it reports how far the content moved and by what factor it zoomed; the
//! reducer applies and clamps.

use crate::camera::ScreenPoint;
use crate::math::{exp2, hypot};

use super::action::Action;

/// Pixels a press may move before it counts as a drag rather than a click.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Pixels one arrow-key press pans.
pub const KEY_PAN_PX: f64 = 100.0;
/// Zoom factor of one +/− key press or button click.
pub const STEP_ZOOM: f64 = 2.0;

/// Active pointers (mouse, pen or fingers) and whether the press became a drag.
#[derive(Clone, Debug, Default)]
pub struct Pointers {
    /// (pointer id, last position in CSS pixels); at most a handful, so a Vec beats a map.
    down: Vec<(i32, ScreenPoint)>,
    /// Pixels travelled since the first press.
    travelled: f64,
}

impl Pointers {
    pub fn press(&mut self, id: i32, at: ScreenPoint) {
        if self.down.is_empty() {
            self.travelled = 0.0;
        }
        self.release(id);
        self.down.push((id, at));
    }

    /// Whether the press has moved far enough to be a drag (then clicks are ignored).
    pub fn is_drag(&self) -> bool {
        self.travelled > DRAG_THRESHOLD_PX
    }

    /// How many pointers are down.
    pub fn count(&self) -> usize {
        self.down.len()
    }

    /// A pointer moved to `to` (CSS pixels): one pointer pans; two pinch (zoom around their
    /// midpoint, and pan with it).
    pub fn moved(&mut self, id: i32, to: ScreenPoint) -> Vec<Action> {
        let Some(slot) = self.down.iter().position(|(k, _)| *k == id) else { return Vec::new() };
        let from = self.down[slot].1;
        let mut actions = Vec::new();
        match self.down.len() {
            1 => {
                self.travelled += hypot(to.x - from.x, to.y - from.y);
                if self.is_drag() {
                    actions.push(Action::PanBy(to.x - from.x, to.y - from.y));
                }
            }
            2 => {
                let other = self.down.iter().find(|(k, _)| *k != id).map_or(from, |(_, p)| *p);
                let before = hypot(from.x - other.x, from.y - other.y);
                let after = hypot(to.x - other.x, to.y - other.y);
                let mid_before = ScreenPoint::new((from.x + other.x) / 2.0, (from.y + other.y) / 2.0);
                let mid_after = ScreenPoint::new((to.x + other.x) / 2.0, (to.y + other.y) / 2.0);
                self.travelled += DRAG_THRESHOLD_PX + 1.0;
                if before > 1.0 && after > 1.0 {
                    actions.push(Action::ZoomBy { factor: after / before, anchor: Some(mid_before) });
                }
                actions.push(Action::PanBy(mid_after.x - mid_before.x, mid_after.y - mid_before.y));
            }
            _ => {}
        }
        self.down[slot].1 = to;
        actions
    }

    pub fn release(&mut self, id: i32) {
        self.down.retain(|(k, _)| *k != id);
    }
}

/// The zoom factor of a wheel event, as d3-zoom scales it: `delta_mode` 0 is pixels, 1
/// lines, 2 pages; Ctrl (a trackpad pinch) zooms ten times faster.
pub fn wheel_factor(delta_y: f64, delta_mode: u32, ctrl: bool) -> f64 {
    let per_unit = match delta_mode {
        1 => 0.05,
        2 => 1.0,
        _ => 0.002,
    };
    let boost = if ctrl { 10.0 } else { 1.0 };
    exp2(-delta_y * per_unit * boost)
}

/// The action of a key pressed while the map has focus, if it is a map key.
pub fn key_action(key: &str) -> Option<Action> {
    Some(match key {
        "ArrowLeft" => Action::PanBy(KEY_PAN_PX, 0.0),
        "ArrowRight" => Action::PanBy(-KEY_PAN_PX, 0.0),
        "ArrowUp" => Action::PanBy(0.0, KEY_PAN_PX),
        "ArrowDown" => Action::PanBy(0.0, -KEY_PAN_PX),
        "+" | "=" => Action::ZoomBy { factor: STEP_ZOOM, anchor: None },
        "-" | "_" => Action::ZoomBy { factor: 1.0 / STEP_ZOOM, anchor: None },
        "0" | "Home" => Action::Reset,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pans(actions: &[Action]) -> Vec<(f64, f64)> {
        actions
            .iter()
            .filter_map(|a| if let Action::PanBy(x, y) = a { Some((*x, *y)) } else { None })
            .collect()
    }

    #[test]
    fn a_press_becomes_a_drag_only_past_the_threshold() {
        let mut p = Pointers::default();
        p.press(1, ScreenPoint::new(100.0, 100.0));
        assert!(p.moved(1, ScreenPoint::new(102.0, 101.0)).is_empty(), "a small wobble is still a click");
        assert!(!p.is_drag());
        let a = p.moved(1, ScreenPoint::new(110.0, 105.0));
        assert_eq!(pans(&a), [(8.0, 4.0)]);
        assert!(p.is_drag());
        p.release(1);
        assert_eq!(p.count(), 0);
        assert!(p.moved(1, ScreenPoint::new(0.0, 0.0)).is_empty(), "a released pointer moves nothing");
    }

    #[test]
    fn two_fingers_pinch_around_their_midpoint() {
        let mut p = Pointers::default();
        p.press(1, ScreenPoint::new(100.0, 100.0));
        p.press(2, ScreenPoint::new(200.0, 100.0));
        let a = p.moved(2, ScreenPoint::new(300.0, 100.0));
        assert_eq!(a[0], Action::ZoomBy { factor: 2.0, anchor: Some(ScreenPoint::new(150.0, 100.0)) });
        assert_eq!(pans(&a), [(50.0, 0.0)]);
    }

    #[test]
    fn wheel_and_keys() {
        assert_eq!(wheel_factor(-500.0, 0, false), 2.0);
        assert_eq!(wheel_factor(20.0, 1, false), 0.5);
        assert_eq!(wheel_factor(-1.0, 2, false), 2.0);
        assert_eq!(wheel_factor(-50.0, 0, true), 2.0);
        assert_eq!(key_action("ArrowLeft"), Some(Action::PanBy(KEY_PAN_PX, 0.0)));
        assert_eq!(key_action("-"), Some(Action::ZoomBy { factor: 0.5, anchor: None }));
        assert_eq!(key_action("0"), Some(Action::Reset));
        assert_eq!(key_action("a"), None);
    }
}
