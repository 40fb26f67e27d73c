//! Pure builders of SVG path `d` strings from points, and the point symbols of the legend.
//!
//! Every function here is a plain function of its input, so the exact strings are tested.
//! Points with a non-finite coordinate are skipped rather than drawn as spikes to the origin.

use crate::geo::WorldPoint;
use crate::math::{cos, sin};
use std::f64::consts::PI;

/// Formats a coordinate rounded to `decimals` places: no trailing zeros, no "-0", no leading "+".
///
/// Ties round to even; `decimals` above 20 count as 20; non-finite values are written as
/// "0" so the attribute stays parseable. Integer arithmetic only ([`crate::num::push_fixed`]):
/// the widget formats every number through here, which keeps the float-printing machinery
/// out of the wasm.
pub fn format_coord(v: f64, decimals: u32) -> String {
    crate::num::fixed(v, decimals)
}

/// Polygon (rings of points already in local world metres) → "M1,2L3,4L5,6Z…" absolute.
///
/// Each ring is closed with Z and its closing duplicate point is not repeated; consecutive
/// points that round to the same value are dropped; rings with fewer than 3 distinct points
/// after rounding are skipped.
pub fn polygon_path(rings: &[Vec<WorldPoint>], decimals: u32) -> String {
    absolute_all(rings, decimals, true)
}

/// Line strings → "M1,2L3,4" absolute (no Z); consecutive points that round to the same
/// value are dropped and lines with fewer than 2 distinct points are skipped.
pub fn line_path(lines: &[Vec<WorldPoint>], decimals: u32) -> String {
    absolute_all(lines, decimals, false)
}

/// Each ring's [`absolute`] path, one after the other.
fn absolute_all(rings: &[Vec<WorldPoint>], decimals: u32, closed: bool) -> String {
    let mut d = String::new();
    for ring in rings {
        d.push_str(&absolute(ring, decimals, closed));
    }
    d
}

/// Drops consecutive repeats and, for closed rings, the repeats of the first point at the
/// end; None when fewer than 3 (closed) or 2 (open) points remain.
fn distinct<T: PartialEq>(mut pts: Vec<T>, closed: bool) -> Option<Vec<T>> {
    pts.dedup();
    while closed && pts.len() > 1 && pts.last() == pts.first() {
        pts.pop();
    }
    (pts.len() >= if closed { 3 } else { 2 }).then_some(pts)
}

/// One absolute subpath, or "" when too few distinct points survive rounding. Written
/// straight into the string (no text per point), a repeat of the point before dropped
/// as it is written.
fn absolute(points: &[WorldPoint], decimals: u32, closed: bool) -> String {
    let mut d = String::from("M");
    let mut count = 0;
    // Where the first point ends and the last one starts.
    let (mut first_end, mut last) = (0, 1);
    for p in points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()) {
        let start = d.len();
        if count > 0 {
            d.push('L');
        }
        let at = d.len();
        crate::num::push_fixed(&mut d, p.x, decimals);
        d.push(',');
        crate::num::push_fixed(&mut d, p.y, decimals);
        if count > 0 && d[at..] == d[last..start] {
            d.truncate(start);
            continue;
        }
        count += 1;
        last = at;
        if count == 1 {
            first_end = d.len();
        }
    }
    // A closed ring does not repeat its first point (no two neighbours are equal now, so
    // only the last point can be one).
    if closed && count > 1 && d[last..] == d[1..first_end] {
        d.truncate(last - 1);
        count -= 1;
    }
    if count < if closed { 3 } else { 2 } {
        return String::new();
    }
    if closed {
        d.push('Z');
    }
    d
}

/// Compact relative form for build-time basemaps, e.g. "M10,20l5-3-2,0z".
///
/// Points are snapped to a grid of `quantum` metres first, so every step is a whole number
/// of quanta and no rounding error accumulates along the ring. Each ring starts with an
/// absolute "M x,y", then one "l" followed by all the steps; numbers are separated by ","
/// unless the next one starts with "-", which separates by itself (valid SVG path grammar).
/// Closed rings end in "z" and do not repeat their first point. Numbers get the decimals
/// that `quantum` needs (an integer quantum gives integers, 0.5 gives one decimal). Zero
/// steps are dropped and rings with fewer than 3 (closed) or 2 (open) distinct points are
/// skipped. A quantum that is not a positive finite number counts as 1; points whose grid
/// index is not finite or exceeds 2^53 (where steps stop being exact) are skipped.
pub fn relative_path(rings: &[Vec<WorldPoint>], closed: bool, quantum: f64) -> String {
    let q = if quantum > 0.0 && quantum.is_finite() { quantum } else { 1.0 };
    let exact = |v: f64| (v - v.round()).abs() < 1e-9 * v.max(1.0);
    let decimals = (0..9).find(|&d| exact(q * 10f64.powi(d))).unwrap_or(9) as u32;
    let num = |n: i64| format_coord(n as f64 * q, decimals);
    let limit = 2f64.powi(53);
    let mut d = String::new();
    for ring in rings {
        let grid = ring.iter().map(|p| ((p.x / q).round(), (p.y / q).round()));
        let cells =
            grid.filter(|(x, y)| x.abs() <= limit && y.abs() <= limit).map(|(x, y)| (x as i64, y as i64));
        let Some(cells) = distinct(cells.collect(), closed) else { continue };
        d.push_str(&format!("M{},{}l", num(cells[0].0), num(cells[0].1)));
        let steps = cells.windows(2).flat_map(|w| [w[1].0 - w[0].0, w[1].1 - w[0].1]);
        for (i, step) in steps.map(num).enumerate() {
            if i > 0 && !step.starts_with('-') {
                d.push(',');
            }
            d.push_str(&step);
        }
        if closed {
            d.push('z');
        }
    }
    d
}

/// Circle centred at (`cx`, `cy`) with radius `r`, as two half-circle arcs; "" when `r` is
/// not a positive finite number.
pub fn circle_path(cx: f64, cy: f64, r: f64, decimals: u32) -> String {
    if !(r > 0.0 && r.is_finite()) {
        return String::new();
    }
    let f = |v: f64| format_coord(v, decimals);
    let (left, right, y, r) = (f(cx - r), f(cx + r), f(cy), f(r));
    format!("M{left},{y}A{r},{r},0,1,1,{right},{y}A{r},{r},0,1,1,{left},{y}Z")
}

/// Point symbol shapes, so categories stay distinguishable without colour (colour-blind
/// readers, grey-scale print).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Circle,
    Square,
    Triangle,
    Diamond,
    Star,
}

impl Symbol {
    /// Every symbol, in the order a legend assigns them.
    pub const ALL: [Symbol; 5] =
        [Symbol::Circle, Symbol::Square, Symbol::Triangle, Symbol::Diamond, Symbol::Star];

    /// The lowercase name used in the story format ("circle", "square", …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Symbol::Circle => "circle",
            Symbol::Square => "square",
            Symbol::Triangle => "triangle",
            Symbol::Diamond => "diamond",
            Symbol::Star => "star",
        }
    }
}

impl std::str::FromStr for Symbol {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let known = Symbol::ALL.into_iter().find(|sym| sym.as_str() == s);
        known.ok_or_else(|| {
            let mut why = String::from("unknown symbol ");
            crate::story::json::write_string(s, &mut why);
            why.push_str(": expected one of circle, square, triangle, diamond, star");
            why
        })
    }
}

/// Symbol centred at 0,0 in CSS pixels with 2 decimals, pointing up (screen y is down).
///
/// Every shape has the area of a circle of radius `r`, so symbols carry the same visual
/// weight in a legend. "" when `r` is not a positive finite number.
pub fn symbol_path(symbol: Symbol, r: f64) -> String {
    if !(r > 0.0 && r.is_finite()) {
        return String::new();
    }
    let area = PI * r * r;
    // `n` vertices clockwise from `turn` radians past the top, radius alternating between two values.
    let ring = |n: usize, turn: f64, radii: [f64; 2]| {
        let vertex = |i: usize| {
            let (a, rad) = (turn + 2.0 * PI * i as f64 / n as f64, radii[i % 2]);
            WorldPoint::new(rad * sin(a), -rad * cos(a))
        };
        absolute(&(0..n).map(vertex).collect::<Vec<_>>(), 2, true)
    };
    let square = (area / 2.0).sqrt(); // circumradius of a square of that area
    match symbol {
        Symbol::Circle => circle_path(0.0, 0.0, r, 2),
        Symbol::Square => ring(4, PI / 4.0, [square; 2]),
        Symbol::Diamond => ring(4, 0.0, [square; 2]),
        // Equilateral triangle: area = 3√3/4 · R².
        Symbol::Triangle => ring(3, 0.0, [(area * 4.0 / (3.0 * 3f64.sqrt())).sqrt(); 2]),
        Symbol::Star => {
            // Inner radius of a regular pentagram; area = 5·k·R²·sin 36°.
            let k = sin(PI / 10.0) / sin(7.0 * PI / 10.0);
            let big = (area / (5.0 * k * sin(PI / 5.0))).sqrt();
            ring(10, 0.0, [big, k * big])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(pts: &[(f64, f64)]) -> Vec<WorldPoint> {
        pts.iter().map(|&(x, y)| WorldPoint { x, y }).collect()
    }

    #[test]
    fn formats_coordinates() {
        let cases =
            [(1.23456, 2, "1.23"), (-3.10, 2, "-3.1"), (12.0, 3, "12"), (-0.0001, 2, "0"), (2.5, 0, "2")];
        for (v, d, want) in cases {
            assert_eq!(format_coord(v, d), want, "{v} with {d}");
        }
        // 1.005 is stored as 1.00499999…, so it rounds down.
        assert_eq!(format_coord(1.005, 2), "1");
        assert_eq!(format_coord(-0.0, 0), "0");
        assert_eq!(format_coord(1e21, 0), "1000000000000000000000");
        assert_eq!(format_coord(f64::NAN, 2), "0");
        assert_eq!(format_coord(0.5, 100), "0.5");
    }

    #[test]
    fn polygon_drops_duplicates_and_degenerate_rings() {
        let rings = [
            ring(&[(0.0, 0.0), (10.004, 0.0), (10.0, 0.001), (10.0, -20.5), (0.0, 0.0)]),
            ring(&[(1.0, 1.0), (2.0, 2.0), (1.0, 1.0)]),
            ring(&[(-1.236, -0.004), (3.0, -4.0), (f64::NAN, 1.0), (5.0, 6.0)]),
            ring(&[]),
        ];
        assert_eq!(polygon_path(&rings, 2), "M0,0L10,0L10,-20.5ZM-1.24,0L3,-4L5,6Z");
        assert_eq!(polygon_path(&rings[..1], 0), "M0,0L10,0L10,-20Z");
    }

    #[test]
    fn line_keeps_returning_points_and_skips_single_points() {
        let lines = [
            ring(&[(0.0, 0.0), (0.001, 0.0), (1.0, 1.0)]),
            ring(&[(5.0, 5.0), (5.001, 5.0)]),
            ring(&[(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)]),
        ];
        assert_eq!(line_path(&lines, 2), "M0,0L1,1M0,0L1,0L0,0");
        assert_eq!(line_path(&[], 2), "");
    }

    #[test]
    fn relative_snaps_to_the_grid() {
        let closed = [
            ring(&[(10.2, 20.4), (15.0, 17.0), (13.0, 17.0), (13.4, 17.2), (10.0, 20.0)]),
            ring(&[(0.0, 0.0), (0.4, 0.4), (0.0, 0.0)]),
            ring(&[(-5.0, -5.0), (-7.0, -5.0), (-7.0, -9.0)]),
        ];
        assert_eq!(relative_path(&closed, true, 1.0), "M10,20l5-3-2,0zM-5,-5l-2,0,0-4z");
        assert_eq!(relative_path(&closed, true, f64::NAN), relative_path(&closed, true, 1.0));
        let open = [ring(&[(0.26, -1.1), (1.0, -1.0), (1.0, -1.0), (-0.74, 2.0)])];
        assert_eq!(relative_path(&open, false, 0.5), "M0.5,-1l0.5,0-1.5,3");
        // Steps are whole quanta, so 0.1 never prints as 0.30000000000000004.
        let tenths = [ring(&[(0.0, 0.0), (0.3, 0.0), (0.7, 0.2)])];
        assert_eq!(relative_path(&tenths, false, 0.1), "M0,0l0.3,0,0.4,0.2");
        assert_eq!(relative_path(&tenths, false, 100.0), "");
        assert_eq!(relative_path(&[ring(&[(1e300, 0.0), (0.0, 0.0), (0.0, 5.0)])], false, 1.0), "M0,0l0,5");
    }

    #[test]
    fn circles_and_symbols() {
        assert_eq!(circle_path(1.0, -2.0, 3.0, 2), "M-2,-2A3,3,0,1,1,4,-2A3,3,0,1,1,-2,-2Z");
        assert_eq!(circle_path(0.0, 0.0, 0.0, 2), "");
        assert_eq!(circle_path(0.0, 0.0, f64::NAN, 2), "");
        let expected = [
            (Symbol::Circle, "M-10,0A10,10,0,1,1,10,0A10,10,0,1,1,-10,0Z"),
            (Symbol::Square, "M8.86,-8.86L8.86,8.86L-8.86,8.86L-8.86,-8.86Z"),
            (Symbol::Triangle, "M0,-15.55L13.47,7.78L-13.47,7.78Z"),
            (Symbol::Diamond, "M0,-12.53L12.53,0L0,12.53L-12.53,0Z"),
            (
                Symbol::Star,
                "M0,-16.73L3.76,-5.17L15.91,-5.17L6.08,1.97L9.83,13.53\
                 L0,6.39L-9.83,13.53L-6.08,1.97L-15.91,-5.17L-3.76,-5.17Z",
            ),
        ];
        for (symbol, d) in expected {
            assert_eq!(symbol_path(symbol, 10.0), d, "{symbol:?}");
        }
        assert_eq!(symbol_path(Symbol::Star, -1.0), "");
    }

    #[test]
    fn symbol_names_round_trip() {
        for s in Symbol::ALL {
            assert_eq!(s.as_str().parse::<Symbol>(), Ok(s));
        }
        assert_eq!(
            "Star".parse::<Symbol>(),
            Err("unknown symbol \"Star\": expected one of circle, square, triangle, diamond, star"
                .to_string())
        );
    }
}
