//! The camera: which world point the reader looks at and how closely, and the one affine
//! transform that turns world metres into CSS pixels.
//!
//! Panning and zooming change the [`Camera`] value, never the projected geometry; the SVG
//! layer only receives a new [`Transform`].

use crate::geo::{scale_factor, Bounds, WorldPoint, EARTH_RADIUS_M};
use crate::math::{exp2, log10, log2};
use crate::path::format_coord;

/// Size of the map element in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

/// A point on screen in CSS pixels from the map element's top-left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenPoint {
    pub x: f64,
    pub y: f64,
}

impl ScreenPoint {
    /// Point from CSS pixels right of and below the map element's top-left.
    pub const fn new(x: f64, y: f64) -> Self {
        ScreenPoint { x, y }
    }
}

/// Similarity transform screen = k·p + (x, y) (d3-zoom's {k, x, y}): `k` in pixels per
/// world metre, `x` and `y` in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Transform {
    /// One pixel per metre, no translation.
    pub const IDENTITY: Transform = Transform { k: 1.0, x: 0.0, y: 0.0 };

    /// World (or origin-relative) metres to screen pixels.
    pub fn apply(&self, p: WorldPoint) -> ScreenPoint {
        ScreenPoint::new(self.k * p.x + self.x, self.k * p.y + self.y)
    }

    /// Screen pixels to metres; infinite or NaN when `k` is 0.
    pub fn invert(&self, s: ScreenPoint) -> WorldPoint {
        WorldPoint::new((s.x - self.x) / self.k, (s.y - self.y) / self.k)
    }

    /// SVG `transform` attribute, "matrix(k 0 0 k x y)".
    ///
    /// Each number keeps 6 significant digits (so a world-scale `k` such as 0.00000625 keeps
    /// its precision) but is never rounded coarser than a whole pixel; trailing zeros are
    /// dropped and non-finite numbers are written as 0.
    pub fn to_svg(&self) -> String {
        // For 0, log10 is −∞ and asks for every decimal, which format_coord caps.
        let f = |v: f64| format_coord(v, (5.0 - log10(v.abs()).floor()).max(0.0) as u32);
        let k = f(self.k);
        format!("matrix({k} 0 0 {k} {} {})", f(self.x), f(self.y))
    }
}

/// What the reader sees: the world point at the viewport centre and the scale in pixels
/// per world metre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// World point shown at the centre of the viewport, in metres.
    pub center: WorldPoint,
    /// CSS pixels per world metre.
    pub scale: f64,
}

/// Where the camera may go: its centre stays inside `bounds` (world metres) and its scale
/// within `[min_scale, max_scale]` (pixels per world metre).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameraLimits {
    pub bounds: Bounds,
    pub min_scale: f64,
    pub max_scale: f64,
}

impl Camera {
    /// Transform for geometry in world metres: the centre lands at (width/2, height/2).
    /// At street scale the translation reaches millions of pixels, past f32 precision;
    /// prefer [`Camera::transform_for_origin`] for what goes into SVG.
    pub fn transform(&self, vp: Viewport) -> Transform {
        self.transform_for_origin(vp, WorldPoint::default())
    }

    /// Transform for geometry stored relative to `origin` (local = world − origin); SVG gets
    /// small numbers so f32 precision holds at street scale.
    pub fn transform_for_origin(&self, vp: Viewport, origin: WorldPoint) -> Transform {
        let (c, k) = (self.center.offset_from(origin), self.scale);
        let (x, y) = (vp.width / 2.0 - k * c.x, vp.height / 2.0 - k * c.y);
        Transform { k, x, y }
    }

    /// The same camera looking at `center` (world metres).
    pub fn with_center(self, center: WorldPoint) -> Self {
        Camera { center, ..self }
    }

    /// The same camera at `scale` pixels per world metre.
    pub fn with_scale(self, scale: f64) -> Self {
        Camera { scale, ..self }
    }

    /// Camera after the content was dragged by (dx, dy) CSS pixels: dragging right moves
    /// the centre left.
    pub fn panned_by(self, dx_px: f64, dy_px: f64) -> Self {
        let shift = WorldPoint::new(dx_px / self.scale, dy_px / self.scale);
        self.with_center(self.center.offset_from(shift))
    }

    /// Camera zoomed by `factor` (2 = twice as close) keeping the world point under
    /// `anchor` under it. A factor that is not positive and finite, or a non-finite
    /// anchor, leaves the camera unchanged.
    pub fn zoomed_around(self, factor: f64, anchor: ScreenPoint, vp: Viewport) -> Self {
        if !(factor > 0.0 && factor.is_finite() && anchor.x.is_finite() && anchor.y.is_finite()) {
            return self;
        }
        // Centre the new scale on the anchor's world point, then drag that point back under the anchor.
        let zoomed = Camera { center: self.transform(vp).invert(anchor), scale: self.scale * factor };
        zoomed.panned_by(anchor.x - vp.width / 2.0, anchor.y - vp.height / 2.0)
    }

    /// Camera showing all of `bounds` inside the viewport less `padding_px` on every side
    /// (negative or NaN padding counts as 0).
    ///
    /// A single point has no size to fit, so the scale is +∞ and [`Camera::clamped`] turns
    /// it into `max_scale`; empty bounds give centre (0, 0) at scale 0, which clamps to
    /// `min_scale` (the widest view). A viewport smaller than the padding gives scale 0.
    pub fn fit(bounds: Bounds, vp: Viewport, padding_px: f64) -> Self {
        if bounds.is_empty() {
            return Camera { center: WorldPoint::default(), scale: 0.0 };
        }
        let pad = 2.0 * padding_px.max(0.0);
        let ratio = |avail: f64, size: f64| if size > 0.0 { avail.max(0.0) / size } else { f64::INFINITY };
        let scale = ratio(vp.width - pad, bounds.width()).min(ratio(vp.height - pad, bounds.height()));
        Camera { center: bounds.center(), scale }
    }

    /// Camera with its scale in `[min_scale, max_scale]` (`max_scale` wins if they cross; a
    /// NaN scale becomes `min_scale`) and its centre inside `limits.bounds` (a NaN centre
    /// becomes the bounds' centre; empty bounds leave the centre free).
    pub fn clamped(self, limits: &CameraLimits) -> Self {
        let scale = self.scale.max(limits.min_scale).min(limits.max_scale);
        let (b, c) = (limits.bounds, self.center);
        let center = if b.is_empty() {
            c
        } else if c.x.is_finite() && c.y.is_finite() {
            let x = c.x.max(b.min.x).min(b.max.x);
            WorldPoint::new(x, c.y.max(b.min.y).min(b.max.y))
        } else {
            b.center()
        };
        Camera { center, scale }
    }

    /// Web-map zoom level, log2(scale · 2πR / 256): 0 shows the world in 256 pixels.
    pub fn zoom_level(&self) -> f64 {
        log2(self.scale * 2.0 * std::f64::consts::PI * EARTH_RADIUS_M / 256.0)
    }

    /// Camera looking at `center` at web-map zoom level `zoom` (the inverse of
    /// [`Camera::zoom_level`]): zoom 0 shows the world in 256 CSS pixels, each level doubles.
    pub fn at_zoom_level(center: WorldPoint, zoom: f64) -> Self {
        Camera { center, scale: 256.0 * exp2(zoom) / (2.0 * std::f64::consts::PI * EARTH_RADIUS_M) }
    }

    /// A grid point near the centre for geometry drawn in pixels (markers), and the
    /// translation that places it on screen. The grid is `cell_px` pixels wide, so marker
    /// coordinates relative to the origin stay small and change only when the cell does;
    /// panning then only changes the returned translation (`k` = 1).
    pub fn pixel_frame(&self, vp: Viewport, cell_px: f64) -> (WorldPoint, Transform) {
        let (k, c) = (self.scale, self.center);
        let cell = cell_px / k;
        let origin = WorldPoint::new((c.x / cell).floor() * cell, (c.y / cell).floor() * cell);
        let pan = Transform {
            k: 1.0,
            x: (origin.x - c.x) * k + vp.width / 2.0,
            y: (origin.y - c.y) * k + vp.height / 2.0,
        };
        (origin, pan)
    }

    /// World-metre bounds of what the viewport shows.
    pub fn visible_bounds(&self, vp: Viewport) -> Bounds {
        let t = self.transform(vp);
        let corners = [ScreenPoint::new(0.0, 0.0), ScreenPoint::new(vp.width, vp.height)];
        Bounds::from_points(corners.map(|s| t.invert(s)))
    }

    /// Ground metres per CSS pixel at a latitude in degrees, for a scale bar.
    pub fn meters_per_pixel_at(&self, lat_deg: f64) -> f64 {
        1.0 / (self.scale * scale_factor(lat_deg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VP: Viewport = Viewport { width: 800.0, height: 600.0 };

    fn wp(x: f64, y: f64) -> WorldPoint {
        WorldPoint::new(x, y)
    }

    fn cam(x: f64, y: f64, scale: f64) -> Camera {
        Camera { center: wp(x, y), scale }
    }

    fn near(a: ScreenPoint, b: ScreenPoint, eps: f64) -> bool {
        (a.x - b.x).abs() < eps && (a.y - b.y).abs() < eps
    }

    #[test]
    fn transform_round_trips_and_centres() {
        let c = cam(-8_860_969.128, -996_442.081, 0.4186);
        let t = c.transform(VP);
        assert_eq!(t.apply(c.center), ScreenPoint::new(400.0, 300.0));
        let s = ScreenPoint::new(17.25, 580.5);
        assert!(near(t.apply(t.invert(s)), s, 1e-6));
        // Origin-relative geometry lands on the same pixels, from small numbers.
        let origin = wp(-8_860_000.0, -996_000.0);
        let local = c.transform_for_origin(VP, origin);
        assert!((local.x - (400.0 + 0.4186 * 969.128)).abs() < 1e-9);
        let p = wp(-8_861_000.0, -996_100.0);
        assert!(near(t.apply(p), local.apply(p.offset_from(origin)), 1e-6));
        assert_eq!(Transform::IDENTITY.apply(wp(3.0, 4.0)), ScreenPoint::new(3.0, 4.0));
    }

    #[test]
    fn svg_strings() {
        let svg = |k: f64, x: f64, y: f64| Transform { k, x, y }.to_svg();
        assert_eq!(svg(0.418_645_265_4, 400.0, -12.345_678_9), "matrix(0.418645 0 0 0.418645 400 -12.3457)");
        assert_eq!(svg(2.0, -0.0, 1_234_567.89), "matrix(2 0 0 2 0 1234568)");
        assert_eq!(svg(0.000_006_25, f64::NAN, -0.5), "matrix(0.00000625 0 0 0.00000625 0 -0.5)");
    }

    #[test]
    fn pans_and_zooms_around_an_anchor() {
        assert_eq!(cam(0.0, 0.0, 2.0).panned_by(10.0, -4.0), cam(-5.0, 2.0, 2.0));
        let c = cam(1000.0, -2000.0, 0.5);
        let anchor = ScreenPoint::new(100.0, 500.0);
        let under = c.transform(VP).invert(anchor);
        let z = c.zoomed_around(3.0, anchor, VP);
        assert!(z.scale == 1.5 && near(z.transform(VP).apply(under), anchor, 1e-9), "{z:?}");
        assert_eq!(c.zoomed_around(0.0, anchor, VP), c);
        assert_eq!(c.zoomed_around(f64::NAN, anchor, VP), c);
    }

    #[test]
    fn fits_bounds() {
        let b = Bounds::from_points([wp(0.0, 0.0), wp(1000.0, 500.0)]);
        // 700×500 px of room for 1000×500 m: the width decides, 0.7 px/m.
        assert_eq!(Camera::fit(b, VP, 50.0), cam(500.0, 250.0, 0.7));
        assert_eq!(Camera::fit(b, VP, f64::NAN), cam(500.0, 250.0, 0.8));
        let point = Bounds::from_points([wp(7.0, 9.0)]);
        assert_eq!(Camera::fit(point, VP, 50.0), cam(7.0, 9.0, f64::INFINITY));
        assert_eq!(Camera::fit(Bounds::empty(), VP, 0.0), cam(0.0, 0.0, 0.0));
        assert_eq!(Camera::fit(b, VP, 500.0).scale, 0.0);
        let visible = Camera::fit(b, VP, 0.0).visible_bounds(VP);
        assert_eq!((visible.min, visible.max), (wp(0.0, -125.0), wp(1000.0, 625.0)));
    }

    #[test]
    fn clamps_into_limits() {
        let bounds = Bounds::from_points([wp(0.0, 0.0), wp(100.0, 100.0)]);
        let limits = CameraLimits { bounds, min_scale: 0.5, max_scale: 4.0 };
        let clamp = |x: f64, y: f64, scale: f64| cam(x, y, scale).clamped(&limits);
        assert_eq!(clamp(150.0, -5.0, 10.0), cam(100.0, 0.0, 4.0));
        assert_eq!(clamp(f64::NAN, 5.0, f64::NAN), cam(50.0, 50.0, 0.5));
        assert_eq!(clamp(7.0, 9.0, f64::INFINITY), cam(7.0, 9.0, 4.0));
        let free = CameraLimits { bounds: Bounds::empty(), ..limits };
        assert_eq!(cam(-1e9, 5.0, 1.0).clamped(&free), cam(-1e9, 5.0, 1.0));
    }

    #[test]
    fn web_zoom_levels_convert_both_ways() {
        // Zoom 15 near El Chorrillo (8.95° N): 4.78 m a pixel at the equator, 4.72 m there.
        let c = Camera::at_zoom_level(wp(-8_855_000.0, 1_000_000.0), 15.0);
        assert!((c.zoom_level() - 15.0).abs() < 1e-12);
        assert!((1.0 / c.scale - 4.777_314).abs() < 1e-6, "{}", 1.0 / c.scale);
        assert!((c.meters_per_pixel_at(8.951) - 4.719_1).abs() < 1e-4, "{}", c.meters_per_pixel_at(8.951));
        let world_px =
            Camera::at_zoom_level(wp(0.0, 0.0), 0.0).scale * 2.0 * std::f64::consts::PI * EARTH_RADIUS_M;
        assert!((world_px - 256.0).abs() < 1e-9);
    }

    #[test]
    fn pixel_frame_keeps_marker_numbers_small() {
        let c = cam(-8_855_123.0, 1_000_456.0, 0.5);
        let (origin, pan) = c.pixel_frame(VP, 2048.0);
        // The origin is on the 4096 m grid (2048 px at 0.5 px/m) just below the centre.
        assert_eq!(origin, wp(-8_855_552.0, 999_424.0));
        // A world point lands where the full transform puts it.
        let p = wp(-8_855_000.0, 1_000_000.0);
        let via_frame = pan.apply(WorldPoint::new((p.x - origin.x) * c.scale, (p.y - origin.y) * c.scale));
        assert!(near(via_frame, c.transform(VP).apply(p), 1e-6));
    }

    #[test]
    fn zoom_level_and_ground_resolution() {
        let world = 256.0 / (2.0 * std::f64::consts::PI * EARTH_RADIUS_M);
        assert!(cam(0.0, 0.0, world).zoom_level().abs() < 1e-12);
        assert!((cam(0.0, 0.0, world * 65536.0).zoom_level() - 16.0).abs() < 1e-12);
        assert!((cam(0.0, 0.0, 2.0).meters_per_pixel_at(60.0) - 0.25).abs() < 1e-15);
        assert_eq!(cam(0.0, 0.0, 2.0).meters_per_pixel_at(0.0), 0.5);
    }
}
