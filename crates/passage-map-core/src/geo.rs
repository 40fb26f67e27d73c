//! Geographic positions, the Web Mercator projection and bounds on the map plane.
//!
//! Geometry is projected once from [`LonLat`] degrees to [`WorldPoint`] metres; everything
//! after that (camera, paths, simplification) works in world metres, and only the camera
//! turns them into pixels.

use crate::math::{asin, atan, atanh, cos, sin, sinh};
use crate::num::clamp;

/// Geographic position in degrees, WGS84.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// Latitude in degrees, north positive.
    pub lat: f64,
}

impl LonLat {
    /// Position from longitude and latitude in degrees.
    pub const fn new(lon: f64, lat: f64) -> Self {
        LonLat { lon, lat }
    }
}

/// Position on the map plane: spherical Web Mercator (EPSG:3857) metres, x east, y SOUTH
/// (screen orientation, so y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct WorldPoint {
    /// Metres east of the prime meridian.
    pub x: f64,
    /// Metres south of the equator (negative in the northern hemisphere).
    pub y: f64,
}

impl WorldPoint {
    /// Point from x (east) and y (south) in world metres.
    pub const fn new(x: f64, y: f64) -> Self {
        WorldPoint { x, y }
    }

    /// This point relative to `origin` (`self − origin`), in metres. Geometry is stored this
    /// way so that SVG coordinates stay small enough for f32 precision at street scale.
    pub fn offset_from(self, origin: WorldPoint) -> WorldPoint {
        WorldPoint::new(self.x - origin.x, self.y - origin.y)
    }
}

/// Radius of the Web Mercator sphere (the WGS84 semi-major axis), in metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// Latitude in degrees at which Web Mercator becomes square (y = ±π·R); beyond it is cut off.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Mean Earth radius (IUGG) in metres, for great-circle distances.
const MEAN_RADIUS_M: f64 = 6_371_008.8;

/// Projects degrees to world metres: x = R·λ, y = −R·ln(tan(π/4 + φ/2)).
///
/// Latitude is clamped to ±[`MAX_LATITUDE`]; longitude is not wrapped (180° gives x = π·R).
/// NaN in either coordinate gives NaN in the result.
pub fn project(p: LonLat) -> WorldPoint {
    let phi = clamp(p.lat, -MAX_LATITUDE, MAX_LATITUDE).to_radians();
    // atanh(sin φ) equals ln(tan(π/4 + φ/2)) but is exactly 0 on the equator.
    let y = -EARTH_RADIUS_M * atanh(sin(phi));
    WorldPoint::new(EARTH_RADIUS_M * p.lon.to_radians(), y)
}

/// Inverse of [`project`]: world metres to degrees. NaN propagates.
pub fn unproject(w: WorldPoint) -> LonLat {
    // atan(sinh(·)) is the Gudermannian: 2·atan(exp(·)) − π/2 without the cancellation.
    let lat = atan(sinh(-w.y / EARTH_RADIUS_M)).to_degrees();
    LonLat::new((w.x / EARTH_RADIUS_M).to_degrees(), lat)
}

/// Mercator scale factor at a latitude in degrees: map metres per ground metre, 1/cos(φ).
/// Latitude is clamped to ±[`MAX_LATITUDE`] so the result stays finite; NaN gives NaN.
pub fn scale_factor(lat_deg: f64) -> f64 {
    let phi = clamp(lat_deg, -MAX_LATITUDE, MAX_LATITUDE).to_radians();
    1.0 / cos(phi)
}

/// Great-circle distance in metres (haversine on the mean radius, 6 371 008.8 m).
/// NaN in any coordinate gives NaN.
pub fn haversine_m(a: LonLat, b: LonLat) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let (dp, dl) = (p2 - p1, (b.lon - a.lon).to_radians());
    let h = sin(dp / 2.0).powi(2) + cos(p1) * cos(p2) * sin(dl / 2.0).powi(2);
    // min(1) guards asin against rounding just above 1 for antipodal points.
    2.0 * MEAN_RADIUS_M * asin(h.sqrt().min(1.0))
}

/// Axis-aligned bounds in world metres. `min` is the north-west corner (smallest x and y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Smallest x and y, in world metres.
    pub min: WorldPoint,
    /// Largest x and y, in world metres.
    pub max: WorldPoint,
}

impl Bounds {
    /// Bounds containing nothing (min = +∞, max = −∞), the identity of [`Bounds::union`].
    pub fn empty() -> Self {
        let min = WorldPoint::new(f64::INFINITY, f64::INFINITY);
        let max = WorldPoint::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
        Bounds { min, max }
    }

    /// Smallest bounds containing all the points; NaN coordinates are ignored.
    pub fn from_points(points: impl IntoIterator<Item = WorldPoint>) -> Self {
        points.into_iter().fold(Bounds::empty(), Bounds::extend)
    }

    /// These bounds grown to contain `p`; a NaN coordinate leaves that axis unchanged
    /// (f64::min/max return the other operand when one is NaN).
    pub fn extend(self, p: WorldPoint) -> Self {
        let min = WorldPoint::new(self.min.x.min(p.x), self.min.y.min(p.y));
        let max = WorldPoint::new(self.max.x.max(p.x), self.max.y.max(p.y));
        Bounds { min, max }
    }

    /// Smallest bounds containing both.
    pub fn union(self, o: Bounds) -> Self {
        self.extend(o.min).extend(o.max)
    }

    /// True when the bounds contain no point.
    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    /// Centre in world metres; NaN coordinates for empty bounds.
    pub fn center(&self) -> WorldPoint {
        WorldPoint::new(self.min.x.midpoint(self.max.x), self.min.y.midpoint(self.max.y))
    }

    /// Width in world metres; 0 for empty bounds.
    pub fn width(&self) -> f64 {
        (self.max.x - self.min.x).max(0.0)
    }

    /// Height in world metres; 0 for empty bounds.
    pub fn height(&self) -> f64 {
        (self.max.y - self.min.y).max(0.0)
    }

    /// True when `p` lies inside or on the edge.
    pub fn contains(&self, p: WorldPoint) -> bool {
        self.min.x <= p.x && p.x <= self.max.x && self.min.y <= p.y && p.y <= self.max.y
    }

    /// True when the two bounds share at least one point (touching edges count).
    pub fn intersects(&self, o: &Bounds) -> bool {
        let x = self.min.x.max(o.min.x) <= self.max.x.min(o.max.x);
        x && self.min.y.max(o.min.y) <= self.max.y.min(o.max.y)
    }

    /// Bounds grown by `m` metres on every side (shrunk when negative); empty stays empty.
    pub fn padded(self, m: f64) -> Self {
        let min = WorldPoint::new(self.min.x - m, self.min.y - m);
        let max = WorldPoint::new(self.max.x + m, self.max.y + m);
        Bounds { min, max }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(lon: f64, lat: f64) -> LonLat {
        LonLat::new(lon, lat)
    }

    fn wp(x: f64, y: f64) -> WorldPoint {
        WorldPoint::new(x, y)
    }

    fn near(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn projects_known_points() {
        assert_eq!(project(ll(0.0, 0.0)), wp(0.0, 0.0));
        let (x180, y_max) = (project(ll(180.0, 0.0)).x, project(ll(0.0, MAX_LATITUDE)).y);
        assert!(near(x180, std::f64::consts::PI * EARTH_RADIUS_M, 1e-8));
        assert!(near(y_max, -20_037_508.342_789_244, 1e-6));
        assert_eq!(project(ll(0.0, 90.0)), project(ll(0.0, MAX_LATITUDE)));
        // Panama City; reference computed independently with python3's math module.
        let p = project(ll(-79.5456, 8.9494));
        assert!(near(p.x, -8_854_975.687, 1e-3), "{p:?}");
        assert!(near(p.y, -1_000_318.481, 1e-3), "{p:?}");
    }

    #[test]
    fn round_trips() {
        for (lon, lat) in [(-79.5456, 8.9494), (-88.805, 13.53361), (151.2, -84.9)] {
            let back = unproject(project(ll(lon, lat)));
            assert!(near(back.lon, lon, 1e-9) && near(back.lat, lat, 1e-9));
        }
        assert!(project(ll(f64::NAN, 1.0)).x.is_nan());
    }

    #[test]
    fn scale_factor_and_distance() {
        assert_eq!(scale_factor(0.0), 1.0);
        assert!(near(scale_factor(60.0), 2.0, 1e-12));
        assert!(scale_factor(90.0).is_finite());
        // Howard (Panama) to CECOT (El Salvador): 1127.449 km by a python3 haversine.
        let d = haversine_m(ll(-79.59944, 8.915), ll(-88.805, 13.53361));
        assert!(near(d / 1000.0, 1127.4, 0.1), "{d}");
        assert_eq!(haversine_m(ll(3.0, 4.0), ll(3.0, 4.0)), 0.0);
    }

    #[test]
    fn bounds() {
        let b = Bounds::from_points([wp(1.0, 2.0), wp(f64::NAN, 8.0), wp(5.0, -4.0)]);
        assert_eq!((b.min, b.max), (wp(1.0, -4.0), wp(5.0, 8.0)));
        assert_eq!((b.width(), b.height(), b.center()), (4.0, 12.0, wp(3.0, 2.0)));
        assert!(b.contains(wp(5.0, 8.0)) && !b.contains(wp(5.1, 0.0)));
        let e = Bounds::empty();
        assert!(e.is_empty() && !b.is_empty() && !e.contains(wp(0.0, 0.0)));
        assert_eq!((e.width(), e.height(), e.padded(3.0), e.union(b)), (0.0, 0.0, e, b));
        assert_eq!(b.padded(1.0), Bounds::from_points([wp(0.0, -5.0), wp(6.0, 9.0)]));
        let touching = Bounds::from_points([wp(5.0, 8.0), wp(9.0, 9.0)]);
        assert!(b.intersects(&touching) && !b.intersects(&touching.padded(-0.5)));
        assert!(!b.intersects(&e) && !e.intersects(&b));
        assert_eq!(wp(5.0, 7.0).offset_from(wp(1.0, 9.0)), wp(4.0, -2.0));
    }
}
