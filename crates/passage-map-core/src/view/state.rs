//! The state of one widget on screen: the camera and its flight, the selection and where
//! it came from, the layers and years shown, the search text, the tour step and what the
//! panel shows.

use crate::camera::{Camera, CameraLimits, ScreenPoint, Viewport};
use crate::flyto::FlyTo;
use crate::geo::{project, Bounds, LonLat, WorldPoint};
use crate::num::clamp;
use crate::scene::Scene;
use crate::story::Story;

use super::action::{Opener, Via};
use super::visibility::Filter;

/// Longest a fly-to may take, ms; the natural van Wijk–Nuij duration is scaled down to it.
pub const MAX_FLIGHT_MS: f64 = 1_800.0;
/// Shortest fly-to, ms.
pub const MIN_FLIGHT_MS: f64 = 350.0;
/// Closest zoom: pixels per world metre (about 10 cm a pixel: street blocks fill the map).
pub const MAX_SCALE: f64 = 10.0;
/// The home view is at least this wide and high (world metres), so a story of one place
/// still opens on its surroundings rather than at an infinite zoom.
pub const MIN_HOME_M: f64 = 4_000.0;
/// Margin kept around fitted bounds, in CSS pixels.
pub const FIT_PADDING_PX: f64 = 24.0;

/// A fly-to under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    pub path: FlyTo,
    pub duration_ms: f64,
    /// Set by the first animation frame.
    pub start_ms: Option<f64>,
}

/// The selected place, where the selection came from and what opened its card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub place: String,
    pub via: Via,
    pub opener: Opener,
}

/// The tour under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourState {
    /// 0-based stop.
    pub step: usize,
    pub opener: Opener,
    /// The layers hidden before the tour began, shown again when it ends.
    pub hidden_before: Vec<String>,
}

/// What the panel shows besides the legend and list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PanelView {
    /// The card of the selection (if any), the legend and the list.
    #[default]
    Explore,
    /// The list of articles.
    Articles { opener: Opener },
    /// One article, whole, with the passage the reader came from marked.
    Reader {
        article: String,
        passage: Option<String>,
        opener: Opener,
        /// Back leads to the list of articles rather than to the card.
        from_articles: bool,
    },
}

/// Where the camera should go once the map has a size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// Fit these world bounds.
    Fit(Bounds),
    /// Centre on a world point at a web-map zoom level.
    At(WorldPoint, f64),
}

/// Everything the widget shows, as a value.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub camera: Camera,
    pub viewport: Viewport,
    /// What the reset view shows, in world metres.
    pub home_bounds: Bounds,
    /// How far the camera may wander: the home view and every place.
    pub extent: Bounds,
    pub flight: Option<Flight>,
    /// Animation frames applied so far; each one asks for the next while flying.
    pub frames: u64,
    /// Fly-to jumps instead of animating (prefers-reduced-motion).
    pub reduced_motion: bool,
    /// A view that waits for the map to have a size.
    pub(crate) pending: Option<Target>,
    pub selection: Option<Selection>,
    /// The layers and years shown.
    pub filter: Filter,
    /// The search box's text.
    pub search: String,
    pub tour: Option<TourState>,
    pub panel: PanelView,
}

/// The home view's bounds: the story's `home` box, else every place, at least
/// [`MIN_HOME_M`] wide and high.
fn home_bounds(story: &Story, scene: &Scene) -> Bounds {
    let b = match story.manifest.home {
        Some([w, s, e, n]) => Bounds::from_points([project(LonLat::new(w, n)), project(LonLat::new(e, s))]),
        None if !scene.bounds.is_empty() => scene.bounds,
        None => Bounds::from_points([project(LonLat::new(-10.0, -10.0)), project(LonLat::new(10.0, 10.0))]),
    };
    let grow = |size: f64| ((MIN_HOME_M - size) / 2.0).max(0.0);
    Bounds {
        min: WorldPoint::new(b.min.x - grow(b.width()), b.min.y - grow(b.height())),
        max: WorldPoint::new(b.max.x + grow(b.width()), b.max.y + grow(b.height())),
    }
}

impl ViewState {
    /// The state of a story that has just loaded: home view, nothing selected, every
    /// layer and date shown.
    pub fn new(story: &Story, scene: &Scene, reduced_motion: bool) -> Self {
        let home = home_bounds(story, scene);
        ViewState {
            camera: Camera { center: home.center(), scale: 1e-3 },
            viewport: Viewport { width: 0.0, height: 0.0 },
            home_bounds: home,
            extent: scene.bounds.union(home),
            flight: None,
            frames: 0,
            reduced_motion,
            pending: None,
            selection: None,
            filter: Filter::default(),
            search: String::new(),
            tour: None,
            panel: PanelView::Explore,
        }
    }

    /// Whether the map has been given a size yet.
    pub fn has_size(&self) -> bool {
        self.viewport.width > 0.0 && self.viewport.height > 0.0
    }

    /// The id of the selected place.
    pub fn selected(&self) -> Option<&str> {
        self.selection.as_ref().map(|s| s.place.as_str())
    }

    /// The tour's 0-based stop, when a tour is under way.
    pub fn tour_step(&self) -> Option<usize> {
        self.tour.as_ref().map(|t| t.step)
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

    /// Centre of the map in screen pixels.
    pub fn screen_center(&self) -> ScreenPoint {
        ScreenPoint::new(self.viewport.width / 2.0, self.viewport.height / 2.0)
    }

    /// The camera that shows `target` at the current size, within the limits.
    pub fn camera_for(&self, target: Target) -> Camera {
        let camera = match target {
            Target::Fit(b) => Camera::fit(b, self.viewport, FIT_PADDING_PX),
            Target::At(center, zoom) => Camera::at_zoom_level(center, zoom),
        };
        camera.clamped(&self.limits())
    }

    /// Moves the camera to `target`: a fly-to when `animate` (and motion is welcome), else
    /// a jump; before the map has a size, the target waits for it.
    pub(crate) fn show(&mut self, target: Target, animate: bool) {
        if !self.has_size() {
            self.pending = Some(target);
            return;
        }
        let to = self.camera_for(target);
        if !animate || self.reduced_motion {
            self.camera = to;
            self.flight = None;
            return;
        }
        let path = FlyTo::new(self.camera, to, self.viewport);
        let duration_ms = clamp(path.duration_ms(), MIN_FLIGHT_MS, MAX_FLIGHT_MS);
        self.flight = Some(Flight { path, duration_ms, start_ms: None });
    }

    /// Applies the first size of the map element: the home view, then any waiting target.
    pub(crate) fn resize(&mut self, vp: Viewport) -> bool {
        if vp == self.viewport || !(vp.width > 0.0 && vp.height > 0.0) {
            return false;
        }
        let first = !self.has_size();
        self.viewport = vp;
        if first {
            self.camera = self.home();
            if let Some(t) = self.pending.take() {
                self.show(t, false);
            }
        } else {
            self.camera = self.camera.clamped(&self.limits());
        }
        true
    }
}
