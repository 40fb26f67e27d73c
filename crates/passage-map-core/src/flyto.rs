//! Smooth fly-to between two cameras: van Wijk & Nuij (2003), "Smooth and efficient zooming
//! and panning".
//!
//! A view is a centre `c` and a width `w` in world metres. The optimal path zooms out while
//! it pans and back in on arrival; its length `S` measures perceived motion, so the natural
//! duration is proportional to `S`. Only `u` (distance along the straight line from the
//! start centre) and `w` vary; the centre moves along that line.

use crate::camera::{Camera, Viewport};
use crate::geo::WorldPoint;
use crate::math::{asinh, cosh, exp, hypot, ln, sinh, tanh};

/// Below this pan, in view widths, the flight is a pure zoom: the general formulas divide
/// by `u1` and lose precision long before it reaches 0.
const PURE_ZOOM_PAN: f64 = 1e-6;

/// How `w` and `u` evolve with the arc length `s`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// Unusable input (zero or non-finite scale or width): jump straight to the end.
    Cut,
    /// Same centre: w(s) = w0·exp(kρs), the paper's special case, with k = ±1.
    Zoom { w0: f64, k: f64 },
    /// The general case, with r0 from the paper and the pan distance u1 in metres.
    Arc { w0: f64, r0: f64, u1: f64 },
}

/// The optimal path between two cameras, sampled with [`FlyTo::at`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlyTo {
    from: Camera,
    to: Camera,
    /// Viewport width in pixels; a view is `width / scale` metres wide.
    width: f64,
    rho: f64,
    shape: Shape,
    /// S, in the paper's units.
    length: f64,
}

impl FlyTo {
    /// The paper's recommended trade-off between zooming and panning (also d3's default).
    pub const DEFAULT_RHO: f64 = std::f64::consts::SQRT_2;

    /// Path between two cameras seen through viewport `vp` (the view width w = vp.width /
    /// scale, in world metres). Cameras with a scale that is not positive and finite, or a
    /// viewport width that is not, give a cut: length 0, at `to` for every t > 0.
    pub fn new(from: Camera, to: Camera, vp: Viewport) -> Self {
        let (rho, shape) = (Self::DEFAULT_RHO, Shape::Cut);
        let mut flight = FlyTo { from, to, width: vp.width, rho, shape, length: 0.0 };
        flight.solve();
        flight
    }

    /// The same flight with curvature `rho` (larger zooms out further); a value that is
    /// not positive and finite gives [`FlyTo::DEFAULT_RHO`].
    pub fn with_rho(mut self, rho: f64) -> Self {
        self.rho = if rho > 0.0 && rho.is_finite() { rho } else { Self::DEFAULT_RHO };
        self.solve();
        self
    }

    /// Computes the shape and S from the paper's formulas.
    fn solve(&mut self) {
        let rho = self.rho;
        let (w0, w1) = (self.width / self.from.scale, self.width / self.to.scale);
        let d = self.to.center.offset_from(self.from.center);
        let u1 = hypot(d.x, d.y);
        let usable = |w: f64| w > 0.0 && w.is_finite();
        (self.shape, self.length) = if !(usable(w0) && usable(w1) && u1.is_finite()) {
            (Shape::Cut, 0.0)
        } else if u1 <= PURE_ZOOM_PAN * w0.max(w1) {
            let k = if w1 > w0 { 1.0 } else { -1.0 };
            (Shape::Zoom { w0, k }, ln(w1 / w0).abs() / rho)
        } else {
            let (rho2, du2) = (rho * rho, u1 * u1);
            let b0 = (w1 * w1 - w0 * w0 + rho2 * rho2 * du2) / (2.0 * w0 * rho2 * u1);
            let b1 = (w1 * w1 - w0 * w0 - rho2 * rho2 * du2) / (2.0 * w1 * rho2 * u1);
            // r = ln(−b + √(b² + 1)) = −asinh(b); asinh does not cancel for large b.
            let (r0, r1) = (-asinh(b0), -asinh(b1));
            (Shape::Arc { w0, r0, u1 }, (r1 - r0) / rho)
        };
        if !self.length.is_finite() {
            (self.shape, self.length) = (Shape::Cut, 0.0);
        }
    }

    /// Length S of the optimal path, in the paper's units: zooming by a factor e^ρ is 1, and
    /// panning one view width at constant zoom is 2·asinh(ρ²/2)/ρ (1.246 for ρ = √2).
    pub fn path_length(&self) -> f64 {
        self.length
    }

    /// Natural duration: S · 1000 · ρ / √2 milliseconds (so ρ = √2 gives 1000 ms per unit of S).
    pub fn duration_ms(&self) -> f64 {
        self.length * 1000.0 * self.rho / std::f64::consts::SQRT_2
    }

    /// Camera at fraction `t` ∈ [0, 1] of the path (clamped; NaN counts as 0). The ends are
    /// returned exactly, with no float drift. The centre moves by u(s)/u1 of the way along
    /// the straight line and the scale is vp.width / w(s), with s = t·S.
    pub fn at(&self, t: f64) -> Camera {
        if t.is_nan() || t <= 0.0 {
            return self.from;
        }
        if t >= 1.0 {
            return self.to;
        }
        let (c0, c1) = (self.from.center, self.to.center);
        let along = |f: f64| WorldPoint::new(c0.x + (c1.x - c0.x) * f, c0.y + (c1.y - c0.y) * f);
        let (rho, s) = (self.rho, t * self.length);
        match self.shape {
            Shape::Cut => self.to,
            Shape::Zoom { w0, k } => Camera { center: along(t), scale: self.width / (w0 * exp(k * rho * s)) },
            Shape::Arc { w0, r0, u1 } => {
                let u = w0 / (rho * rho) * (cosh(r0) * tanh(rho * s + r0) - sinh(r0));
                let w = w0 * cosh(r0) / cosh(rho * s + r0);
                Camera { center: along(u / u1), scale: self.width / w }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{project, LonLat};

    const VP: Viewport = Viewport { width: 800.0, height: 600.0 };

    fn cam(x: f64, y: f64, scale: f64) -> Camera {
        Camera { center: WorldPoint::new(x, y), scale }
    }

    fn ms(f: &FlyTo) -> f64 {
        (f.duration_ms() * 1e6).round() / 1e6
    }

    /// Howard (Panama) to CECOT (El Salvador) at web zoom 16, 1127 km apart.
    fn howard_to_cecot() -> FlyTo {
        let k16 = 256.0 * 65536.0 / (2.0 * std::f64::consts::PI * crate::geo::EARTH_RADIUS_M);
        let howard = project(LonLat::new(-79.59944, 8.915));
        let cecot = project(LonLat::new(-88.805, 13.53361));
        FlyTo::new(Camera { center: howard, scale: k16 }, Camera { center: cecot, scale: k16 }, VP)
    }

    // Durations were computed independently in python3 from the paper's formulas.
    #[test]
    fn pins_durations() {
        let pan = FlyTo::new(cam(0.0, 0.0, 1.0), cam(800.0, 0.0, 1.0), VP);
        assert_eq!(ms(&pan), 1246.45048); // 2·asinh(1)/√2 s
        let zoom_out = FlyTo::new(cam(5.0, 5.0, 1.0), cam(5.0, 5.0, 0.125), VP);
        assert_eq!(ms(&zoom_out), 1470.387215); // ln 8/√2 s
        assert_eq!(ms(&howard_to_cecot()), 10032.483613);
        assert_eq!(ms(&howard_to_cecot().with_rho(1.0)), 9052.228393);
        assert_eq!(howard_to_cecot().with_rho(-1.0), howard_to_cecot());
    }

    #[test]
    fn returns_endpoints_exactly() {
        let f = howard_to_cecot();
        for (t, want) in [(0.0, f.from), (1.0, f.to), (-1.0, f.from), (2.0, f.to), (f64::NAN, f.from)] {
            assert_eq!(f.at(t), want, "t = {t}");
        }
        let near_end = f.at(1.0 - 1e-9);
        assert!((near_end.center.x - f.to.center.x).abs() < 1e-3, "{near_end:?}");
    }

    #[test]
    fn symmetric_flight_zooms_out_in_the_middle() {
        let mid = FlyTo::new(cam(0.0, 0.0, 1.0), cam(800.0, 0.0, 1.0), VP).at(0.5);
        assert!((mid.center.x - 400.0).abs() < 1e-9 && mid.center.y == 0.0, "{mid:?}");
        assert!((mid.scale - 1.0 / 2f64.sqrt()).abs() < 1e-12, "{mid:?}"); // w = w0·cosh r0
    }

    #[test]
    fn centre_progresses_monotonically() {
        let f = howard_to_cecot();
        let d = f.to.center.offset_from(f.from.center);
        let mut last = -1.0;
        for i in 0..=200 {
            let c = f.at(i as f64 / 200.0).center.offset_from(f.from.center);
            let progress = (c.x * d.x + c.y * d.y) / (d.x * d.x + d.y * d.y);
            assert!(progress >= last, "step {i}: {progress} < {last}");
            last = progress;
        }
        assert_eq!(last, 1.0);
    }

    #[test]
    fn pure_zoom_and_cut() {
        let f = FlyTo::new(cam(5.0, 5.0, 1.0), cam(5.0, 5.0, 0.125), VP);
        let mid = f.at(0.5);
        assert!((mid.scale - 0.125f64.sqrt()).abs() < 1e-15 && mid.center == f.from.center, "{mid:?}");
        let cut = FlyTo::new(cam(0.0, 0.0, 0.0), cam(9.0, 9.0, 1.0), VP);
        assert_eq!((cut.duration_ms(), cut.at(0.5)), (0.0, cam(9.0, 9.0, 1.0)));
        let still = FlyTo::new(cam(1.0, 2.0, 3.0), cam(1.0, 2.0, 3.0), VP);
        assert_eq!((still.path_length(), still.at(0.5)), (0.0, cam(1.0, 2.0, 3.0)));
    }
}
