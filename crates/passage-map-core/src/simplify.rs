//! Douglas–Peucker line simplification and ring area, used to build coarser basemap
//! geometry for each zoom band.
//!
//! The simplifier uses an explicit stack rather than recursion: coastline rings reach
//! 80,000 points and a badly balanced split would otherwise overflow the call stack.

use crate::geo::WorldPoint;
use crate::num::clamp;

/// Douglas–Peucker simplification with `tolerance` in the points' units (metres); keeps the
/// first and last point.
///
/// A point is kept when it lies farther than `tolerance` from the segment between the
/// points kept on either side of it. A tolerance that is not positive (or NaN) returns the
/// points unchanged; interior points with a NaN coordinate are never kept.
pub fn simplify_line(points: &[WorldPoint], tolerance: f64) -> Vec<WorldPoint> {
    let keep = kept(points, tolerance);
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

/// Simplifies a closed ring (first == last; an open ring is treated as closed and gets its
/// closing point). Returns None when fewer than 4 points (3 distinct + closing) remain, so
/// tiny islands disappear at coarse zoom bands.
pub fn simplify_ring(ring: &[WorldPoint], tolerance: f64) -> Option<Vec<WorldPoint>> {
    let mut closed = ring.to_vec();
    if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
        if first != last {
            closed.push(first);
        }
    }
    // With first == last the first split is at the point farthest from the start, which is
    // what closed rings need: distance to a zero-length segment is distance to its point.
    let out = simplify_line(&closed, tolerance);
    (out.len() >= 4).then_some(out)
}

/// Signed area (shoelace) in the points' units².
///
/// Positive when the ring runs counter-clockwise as seen on a north-up map, which is
/// counter-clockwise in a y-UP frame such as lon/lat: the RFC 7946 orientation of GeoJSON
/// outer rings. Because world y points south, this is the negative of the textbook shoelace
/// sum over the raw world coordinates. The ring may be open or closed; fewer than 3 points
/// give 0 and NaN coordinates give NaN.
pub fn ring_area(ring: &[WorldPoint]) -> f64 {
    if ring.len() < 3 {
        return 0.0;
    }
    // Measuring from the first point keeps products small at world-metre magnitudes.
    let o = ring[0];
    let rel = |p: &WorldPoint| p.offset_from(o);
    let next = ring.iter().skip(1).chain(std::iter::once(&o));
    let twice: f64 = ring
        .iter()
        .zip(next)
        .map(|(a, b)| {
            let (a, b) = (rel(a), rel(b));
            a.x * b.y - b.x * a.y
        })
        .sum();
    -twice / 2.0
}

/// Which points Douglas–Peucker keeps.
fn kept(points: &[WorldPoint], tolerance: f64) -> Vec<bool> {
    let n = points.len();
    if n < 3 || tolerance.is_nan() || tolerance <= 0.0 {
        return vec![true; n];
    }
    let mut keep = vec![false; n];
    (keep[0], keep[n - 1]) = (true, true);
    let tol2 = tolerance * tolerance;
    let mut stack = vec![(0, n - 1)];
    while let Some((first, last)) = stack.pop() {
        let (mut far, mut far2) = (0, tol2);
        for i in first + 1..last {
            let d2 = segment_distance2(points[i], points[first], points[last]);
            if d2 > far2 {
                (far, far2) = (i, d2);
            }
        }
        if far != 0 {
            keep[far] = true;
            stack.push((first, far));
            stack.push((far, last));
        }
    }
    keep
}

/// Squared distance from `p` to the segment `a`–`b` (to `a` when the segment is a point).
fn segment_distance2(p: WorldPoint, a: WorldPoint, b: WorldPoint) -> f64 {
    let (ab, ap) = (b.offset_from(a), p.offset_from(a));
    let len2 = ab.x * ab.x + ab.y * ab.y;
    let t = if len2 > 0.0 { clamp((ap.x * ab.x + ap.y * ab.y) / len2, 0.0, 1.0) } else { 0.0 };
    let (dx, dy) = (ap.x - t * ab.x, ap.y - t * ab.y);
    dx * dx + dy * dy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(xy: &[(f64, f64)]) -> Vec<WorldPoint> {
        xy.iter().map(|&(x, y)| WorldPoint { x, y }).collect()
    }

    #[test]
    fn simplifies_a_line() {
        let line = pts(&[
            (0.0, 0.0),
            (1.0, 0.1),
            (2.0, -0.1),
            (3.0, 5.0),
            (4.0, 6.0),
            (5.0, 7.0),
            (6.0, 8.1),
            (7.0, 9.0),
        ]);
        assert_eq!(simplify_line(&line, 0.5), pts(&[(0.0, 0.0), (2.0, -0.1), (3.0, 5.0), (7.0, 9.0)]));
        assert_eq!(simplify_line(&line, 100.0), pts(&[(0.0, 0.0), (7.0, 9.0)]));
        assert_eq!(simplify_line(&line, 0.0), line);
        assert_eq!(simplify_line(&line, f64::NAN), line);
        assert_eq!(simplify_line(&line[..2], 1.0), line[..2].to_vec());
        let with_nan = pts(&[(0.0, 0.0), (f64::NAN, 3.0), (2.0, 0.0)]);
        assert_eq!(simplify_line(&with_nan, 1.0), pts(&[(0.0, 0.0), (2.0, 0.0)]));
    }

    #[test]
    fn simplifies_rings_and_drops_tiny_islands() {
        // A 10 m square with a 0.2 m notch on its bottom edge.
        let square = pts(&[(0.0, 0.0), (5.0, 0.2), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]);
        let want = pts(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]);
        assert_eq!(simplify_ring(&square, 1.0), Some(want.clone()));
        assert_eq!(simplify_ring(&square[..5], 1.0), Some(want));
        assert_eq!(simplify_ring(&square, 11.0), None);
        assert_eq!(simplify_ring(&square[..2], 0.0), None);
        assert_eq!(simplify_ring(&[], 1.0), None);
    }

    #[test]
    fn area_sign_follows_the_map() {
        // Counter-clockwise on a north-up map: east, then north (world y decreases), then west.
        let ccw = pts(&[(0.0, 0.0), (4.0, 0.0), (4.0, -3.0), (0.0, -3.0)]);
        assert_eq!(ring_area(&ccw), 12.0);
        let mut cw = ccw.clone();
        cw.reverse();
        assert_eq!(ring_area(&cw), -12.0);
        let far = pts(&[(2e7, 2e7), (2e7 + 4.0, 2e7), (2e7 + 4.0, 2e7 - 3.0), (2e7, 2e7 - 3.0), (2e7, 2e7)]);
        assert_eq!(ring_area(&far), 12.0);
        assert_eq!(ring_area(&ccw[..2]), 0.0);
    }

    #[test]
    fn survives_a_100k_point_noisy_line() {
        // A random walk from a fixed-seed LCG, so the result is reproducible.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut y = 0.0;
        let line: Vec<WorldPoint> = (0..100_000)
            .map(|i| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                y += ((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 10.0;
                WorldPoint { x: i as f64, y }
            })
            .collect();
        let keep = kept(&line, 25.0);
        let out = simplify_line(&line, 25.0);
        assert_eq!(out.len(), 1151); // python3 re-implementation agrees
        assert_eq!((out[0], out[out.len() - 1]), (line[0], line[99_999]));
        // Every dropped point is within tolerance of the kept segment around it.
        let mut prev = 0;
        for next in (1..line.len()).filter(|&i| keep[i]) {
            for p in &line[prev + 1..next] {
                assert!(segment_distance2(*p, line[prev], line[next]) <= 625.0);
            }
            prev = next;
        }
    }
}
