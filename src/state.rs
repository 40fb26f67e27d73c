//! The map's state and the one reducer that changes it. Gestures and buttons produce
//! actions carrying deltas; the reducer applies them and clamps the camera.

use std::rc::Rc;

use passage_map_core::camera::{Camera, CameraLimits, ScreenPoint, Viewport};
use passage_map_core::flyto::FlyTo;
use passage_map_core::geo::{Bounds, WorldPoint};
use yew::prelude::*;

/// Longest a fly-to may take; the natural van Wijk–Nuij duration is scaled down to it.
const MAX_FLIGHT_MS: f64 = 1_800.0;
const MIN_FLIGHT_MS: f64 = 350.0;
/// Closest zoom: pixels per world metre (about 10 cm a pixel: street blocks fill the map).
const MAX_SCALE: f64 = 10.0;
/// The home view is at least this wide and high (world metres), so a story of one place
/// still opens on its surroundings rather than at an infinite zoom.
const MIN_HOME_M: f64 = 4_000.0;
/// Margin kept around fitted bounds, in CSS pixels.
const FIT_PADDING_PX: f64 = 24.0;

/// A fly-to under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    pub path: FlyTo,
    pub duration_ms: f64,
    /// Set by the first animation frame.
    pub start_ms: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    pub camera: Camera,
    pub viewport: Viewport,
    /// What the reset view shows, in world metres.
    pub home_bounds: Bounds,
    /// How far the camera may wander: the home view and every place.
    pub extent: Bounds,
    pub selected: Option<AttrValue>,
    /// Ids of the layers the reader switched off.
    pub hidden_layers: Vec<String>,
    pub flight: Option<Flight>,
    /// Animation frames applied so far; each one asks for the next while flying.
    pub frames: u64,
    /// Fly-to jumps instead of animating (prefers-reduced-motion).
    pub reduced_motion: bool,
    /// A selection's view that waits for the map to have a size.
    pending_focus: Option<Bounds>,
}

pub enum MapAction {
    /// The map element changed size; the camera keeps its centre.
    Resize(Viewport),
    /// Content dragged by (dx, dy) CSS pixels.
    PanBy(f64, f64),
    /// Zoom by `factor` keeping the point under `anchor` (or the centre) fixed.
    ZoomBy {
        factor: f64,
        anchor: Option<ScreenPoint>,
    },
    /// A finished gesture preview: zoom by `factor` around `anchor`, then pan by (dx, dy),
    /// clamped once at the end (clamping in between would lose part of the pan).
    ZoomPan {
        factor: f64,
        anchor: ScreenPoint,
        dx: f64,
        dy: f64,
    },
    /// Back to the home view.
    Reset,
    /// Select a place (or none) and show `focus` (world bounds) when given.
    Select {
        id: Option<AttrValue>,
        focus: Option<Bounds>,
    },
    /// An animation frame at this timestamp (ms).
    Frame(f64),
    ToggleLayer(String),
    /// Make sure this layer is shown (a place of it was selected).
    ShowLayerOf(String),
    /// Show exactly `shown` of the layers `all`.
    ShowLayers {
        all: Vec<String>,
        shown: Vec<String>,
    },
}

impl MapState {
    pub fn new(home_bounds: Bounds, extent: Bounds, reduced_motion: bool) -> Self {
        let grow = |size: f64| ((MIN_HOME_M - size) / 2.0).max(0.0);
        let home_bounds = Bounds {
            min: WorldPoint {
                x: home_bounds.min.x - grow(home_bounds.width()),
                y: home_bounds.min.y - grow(home_bounds.height()),
            },
            max: WorldPoint {
                x: home_bounds.max.x + grow(home_bounds.width()),
                y: home_bounds.max.y + grow(home_bounds.height()),
            },
        };
        MapState {
            camera: Camera { center: home_bounds.center(), scale: 1e-3 },
            viewport: Viewport { width: 0.0, height: 0.0 },
            home_bounds,
            extent: extent.union(home_bounds),
            selected: None,
            hidden_layers: Vec::new(),
            flight: None,
            frames: 0,
            reduced_motion,
            pending_focus: None,
        }
    }

    fn has_size(&self) -> bool {
        self.viewport.width > 0.0 && self.viewport.height > 0.0
    }

    /// The reset view for the current map size.
    pub fn home(&self) -> Camera {
        Camera::fit(self.home_bounds, self.viewport, FIT_PADDING_PX)
    }

    /// Zoom and pan limits for the current map size.
    pub fn limits(&self) -> CameraLimits {
        let pad = self.extent.width().max(self.extent.height()) * 0.25;
        CameraLimits {
            bounds: self.extent.padded(pad),
            min_scale: self.home().scale / 4.0,
            max_scale: MAX_SCALE,
        }
    }

    fn show(&mut self, focus: Bounds, animate: bool) {
        if !self.has_size() {
            self.pending_focus = Some(focus);
            return;
        }
        let target = Camera::fit(focus, self.viewport, FIT_PADDING_PX).clamped(&self.limits());
        if !animate || self.reduced_motion {
            self.camera = target;
            self.flight = None;
            return;
        }
        let path = FlyTo::new(self.camera, target, self.viewport);
        let duration_ms = path.duration_ms().clamp(MIN_FLIGHT_MS, MAX_FLIGHT_MS);
        self.flight = Some(Flight { path, duration_ms, start_ms: None });
    }

    pub fn is_layer_visible(&self, layer: &str) -> bool {
        !self.hidden_layers.iter().any(|l| l == layer)
    }

    /// Centre of the map in screen pixels.
    pub fn screen_center(&self) -> ScreenPoint {
        ScreenPoint { x: self.viewport.width / 2.0, y: self.viewport.height / 2.0 }
    }
}

impl Reducible for MapState {
    type Action = MapAction;

    fn reduce(self: Rc<Self>, action: MapAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            MapAction::Resize(vp) => {
                if vp == s.viewport || vp.width <= 0.0 || vp.height <= 0.0 {
                    return self;
                }
                let first = !s.has_size();
                s.viewport = vp;
                if first {
                    s.camera = s.home();
                    if let Some(focus) = s.pending_focus.take() {
                        s.show(focus, false);
                    }
                } else {
                    s.camera = s.camera.clamped(&s.limits());
                }
            }
            MapAction::PanBy(dx, dy) => {
                s.flight = None;
                s.camera = s.camera.panned_by(dx, dy).clamped(&s.limits());
            }
            MapAction::ZoomBy { factor, anchor } => {
                s.flight = None;
                let anchor = anchor.unwrap_or_else(|| s.screen_center());
                s.camera = s.camera.zoomed_around(factor, anchor, s.viewport).clamped(&s.limits());
            }
            MapAction::ZoomPan { factor, anchor, dx, dy } => {
                s.flight = None;
                s.camera =
                    s.camera.zoomed_around(factor, anchor, s.viewport).panned_by(dx, dy).clamped(&s.limits());
            }
            MapAction::Reset => {
                let home = s.home_bounds;
                s.show(home, true);
            }
            MapAction::Select { id, focus } => {
                s.selected = id;
                if let Some(f) = focus {
                    s.show(f, true);
                }
            }
            MapAction::Frame(now) => {
                s.frames += 1;
                let Some(flight) = s.flight.as_mut() else { return self };
                let start = *flight.start_ms.get_or_insert(now);
                let t = ((now - start) / flight.duration_ms).clamp(0.0, 1.0);
                s.camera = flight.path.at(t);
                if t >= 1.0 {
                    s.flight = None;
                }
            }
            MapAction::ToggleLayer(id) => {
                if s.is_layer_visible(&id) {
                    s.hidden_layers.push(id);
                } else {
                    s.hidden_layers.retain(|l| *l != id);
                }
            }
            MapAction::ShowLayerOf(id) => {
                if s.is_layer_visible(&id) {
                    return self;
                }
                s.hidden_layers.retain(|l| *l != id);
            }
            MapAction::ShowLayers { all, shown } => {
                s.hidden_layers = all.into_iter().filter(|l| !shown.contains(l)).collect();
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_map_core::geo::{project, LonLat};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn bounds(w: f64, s: f64, e: f64, n: f64) -> Bounds {
        Bounds::from_points([project(LonLat { lon: w, lat: n }), project(LonLat { lon: e, lat: s })])
    }

    fn region() -> Rc<MapState> {
        let home = bounds(-89.6, 7.9, -77.3, 14.2);
        Rc::new(MapState::new(home, home, false))
    }

    const VP: Viewport = Viewport { width: 800.0, height: 600.0 };

    #[wasm_bindgen_test]
    fn first_size_shows_home_and_a_waiting_selection() {
        let s = region();
        let focus = bounds(-79.55, 8.94, -79.54, 8.96);
        let s = s.reduce(MapAction::Select { id: Some("el-chorrillo".into()), focus: Some(focus) });
        assert_eq!(s.viewport.width, 0.0, "no size yet");
        let s = s.reduce(MapAction::Resize(VP));
        // The waiting focus is shown at once, without a flight.
        assert!(s.flight.is_none());
        assert_eq!(s.camera, Camera::fit(focus, VP, FIT_PADDING_PX).clamped(&s.limits()));
        assert_eq!(s.selected.as_deref(), Some("el-chorrillo"));
    }

    #[wasm_bindgen_test]
    fn pan_and_zoom_are_clamped() {
        let s = region().reduce(MapAction::Resize(VP));
        let home = s.camera;
        let far = s.clone().reduce(MapAction::PanBy(1e9, 1e9));
        assert!(far.limits().bounds.contains(far.camera.center), "the centre stays within the limits");
        let out = s.clone().reduce(MapAction::ZoomBy { factor: 1e-6, anchor: None });
        assert_eq!(out.camera.scale, home.scale / 4.0, "zoom out stops at a quarter of the home scale");
        let deep = s.reduce(MapAction::ZoomBy { factor: 1e12, anchor: None });
        assert_eq!(deep.camera.scale, MAX_SCALE);
    }

    #[wasm_bindgen_test]
    fn a_flight_runs_on_animation_frames_and_ends_exactly() {
        let s = region().reduce(MapAction::Resize(VP));
        let focus = bounds(-88.81, 13.53, -88.80, 13.54);
        let s = s.reduce(MapAction::Select { id: Some("cecot".into()), focus: Some(focus) });
        let target = Camera::fit(focus, VP, FIT_PADDING_PX).clamped(&s.limits());
        let duration = s.flight.as_ref().expect("a flight").duration_ms;
        assert!((MIN_FLIGHT_MS..=MAX_FLIGHT_MS).contains(&duration));
        let start = s.camera;
        let s = s.reduce(MapAction::Frame(1000.0));
        assert_eq!(s.camera, start, "the first frame starts the clock");
        let s = s.reduce(MapAction::Frame(1000.0 + duration / 2.0));
        assert!(s.flight.is_some() && s.camera != start && s.camera != target);
        let s = s.reduce(MapAction::Frame(1000.0 + duration));
        assert!(s.flight.is_none());
        assert_eq!(s.camera, target);
        assert_eq!(s.frames, 3);
    }

    #[wasm_bindgen_test]
    fn a_gesture_preview_lands_where_it_was_shown() {
        let s = region().reduce(MapAction::Resize(VP));
        // Zoom ×2 around the top-left corner and pan back: the point under (300, 200)
        // ends under 2·(300, 200) + (−300, −200) = (300, 200), with no clamping on the way.
        let under = s.camera.transform(VP).invert(ScreenPoint { x: 300.0, y: 200.0 });
        let s = s.reduce(MapAction::ZoomPan {
            factor: 2.0,
            anchor: ScreenPoint { x: 0.0, y: 0.0 },
            dx: -300.0,
            dy: -200.0,
        });
        let now = s.camera.transform(VP).apply(under);
        assert!((now.x - 300.0).abs() < 1e-6 && (now.y - 200.0).abs() < 1e-6, "{now:?}");
    }

    #[wasm_bindgen_test]
    fn reduced_motion_jumps() {
        let home = bounds(-89.6, 7.9, -77.3, 14.2);
        let s = Rc::new(MapState::new(home, home, true)).reduce(MapAction::Resize(VP));
        let focus = bounds(-79.60, 8.91, -79.59, 8.92);
        let s = s.reduce(MapAction::Select { id: Some("howard".into()), focus: Some(focus) });
        assert!(s.flight.is_none());
        assert_eq!(s.camera, Camera::fit(focus, VP, FIT_PADDING_PX).clamped(&s.limits()));
    }

    #[wasm_bindgen_test]
    fn layers_toggle_and_a_selection_shows_its_layer() {
        let s = region();
        let s = s.reduce(MapAction::ToggleLayer("cecot".into()));
        assert!(!s.is_layer_visible("cecot") && s.is_layer_visible("darien"));
        let s = s.reduce(MapAction::ShowLayerOf("cecot".into()));
        assert!(s.is_layer_visible("cecot"));
        let all: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let s = s.reduce(MapAction::ShowLayers { all, shown: vec!["b".into()] });
        assert_eq!(s.hidden_layers, ["a", "c"]);
    }

    #[wasm_bindgen_test]
    fn a_story_of_one_point_opens_on_its_surroundings() {
        let p = project(LonLat { lon: -79.5, lat: 9.0 });
        let s = Rc::new(MapState::new(Bounds::from_points([p]), Bounds::from_points([p]), false));
        let s = s.reduce(MapAction::Resize(VP));
        assert!(s.camera.scale.is_finite() && s.camera.scale > 0.0);
        assert!((s.home_bounds.width() - MIN_HOME_M).abs() < 1e-6);
    }
}
