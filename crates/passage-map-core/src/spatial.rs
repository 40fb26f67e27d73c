//! A spatial index of the places' anchor points: a uniform grid stored flat (cell
//! offsets, then the place indices cell by cell), built once per story in linear time.
//!
//! A big story draws its markers on a canvas; this index is what finds the places in
//! view (to draw them), the place under the pointer (to select it) and the places in view
//! nearest the centre first (to reach them by keyboard), without touching the others.

use crate::geo::{Bounds, WorldPoint};

/// Places per cell on average: small enough that a cell is quick to scan, big enough
/// that the offsets stay a fraction of the index.
const PER_CELL: f64 = 4.0;
/// Cells per side at most (about 16 MB of offsets at the worst, for millions of points).
const MAX_SIDE: usize = 2048;

/// The grid over a set of points; each point keeps its index in the input.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PointIndex {
    min: WorldPoint,
    /// Side of a cell, world metres (> 0).
    cell: f64,
    cols: usize,
    rows: usize,
    /// `items[starts[c]..starts[c + 1]]` are the points of cell `c` (row-major).
    starts: Vec<u32>,
    items: Vec<u32>,
    /// Every input point, by index (NaN for points left out of the grid).
    points: Vec<WorldPoint>,
}

impl PointIndex {
    /// Indexes `points`; a point with a non-finite coordinate is kept out of every query.
    pub fn new(points: impl IntoIterator<Item = WorldPoint>) -> Self {
        let points: Vec<WorldPoint> = points.into_iter().collect();
        let finite = |p: &WorldPoint| p.x.is_finite() && p.y.is_finite();
        let (mut bounds, mut count) = (Bounds::empty(), 0);
        for p in &points {
            if finite(p) {
                bounds = bounds.extend(*p);
                count += 1;
            }
        }
        if count == 0 {
            return PointIndex { cell: 1.0, points, starts: vec![0], ..Default::default() };
        }
        let (w, h) = (bounds.width(), bounds.height());
        let area = (w * h).max(f64::MIN_POSITIVE);
        let mut cell = (area * PER_CELL / count as f64).sqrt();
        if !(cell.is_finite() && cell > 0.0) || w == 0.0 || h == 0.0 {
            // A line or a single spot: cut the long side into count / PER_CELL cells.
            cell = w.max(h) / (count as f64 / PER_CELL).max(1.0);
        }
        if !(cell.is_finite() && cell > 0.0) {
            cell = 1.0;
        }
        // Never more than MAX_SIDE cells a side.
        cell = cell.max(w / MAX_SIDE as f64).max(h / MAX_SIDE as f64);
        let cols = ((w / cell).floor() as usize + 1).min(MAX_SIDE);
        let rows = ((h / cell).floor() as usize + 1).min(MAX_SIDE);
        let mut index = PointIndex { min: bounds.min, cell, cols, rows, ..Default::default() };
        // Counting sort by cell: count, prefix sums, then place.
        let mut cells: Vec<Option<usize>> = Vec::with_capacity(points.len());
        for p in &points {
            cells.push(finite(p).then(|| index.cell_of(*p)));
        }
        let mut starts = vec![0u32; cols * rows + 1];
        for c in cells.iter().flatten() {
            starts[c + 1] += 1;
        }
        for c in 0..cols * rows {
            starts[c + 1] += starts[c];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; count];
        for (i, c) in cells.iter().enumerate() {
            if let Some(c) = *c {
                items[next[c] as usize] = i as u32;
                next[c] += 1;
            }
        }
        index.starts = starts;
        index.items = items;
        index.points = points;
        index
    }

    /// How many points were given (including any left out).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The point of index `i`.
    pub fn point(&self, i: usize) -> WorldPoint {
        self.points[i]
    }

    fn col(&self, x: f64) -> usize {
        (((x - self.min.x) / self.cell).floor().max(0.0) as usize).min(self.cols.saturating_sub(1))
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.min.y) / self.cell).floor().max(0.0) as usize).min(self.rows.saturating_sub(1))
    }

    fn cell_of(&self, p: WorldPoint) -> usize {
        self.row(p.y) * self.cols + self.col(p.x)
    }

    fn cell_items(&self, c: usize) -> &[u32] {
        &self.items[self.starts[c] as usize..self.starts[c + 1] as usize]
    }

    /// Calls `f(index, point)` for every point inside `b` (edges included), cell by cell.
    pub fn for_each_in(&self, b: Bounds, mut f: impl FnMut(usize, WorldPoint)) {
        if self.items.is_empty() || b.is_empty() || b.max.x < self.min.x || b.max.y < self.min.y {
            return;
        }
        let (c0, c1) = (self.col(b.min.x), self.col(b.max.x));
        let (r0, r1) = (self.row(b.min.y), self.row(b.max.y));
        for r in r0..=r1 {
            for c in c0..=c1 {
                for &i in self.cell_items(r * self.cols + c) {
                    let p = self.points[i as usize];
                    if b.contains(p) {
                        f(i as usize, p);
                    }
                }
            }
        }
    }

    /// How many points lie in the cells that `b` overlaps: at least as many as
    /// [`PointIndex::for_each_in`] finds, at most a ring of cells more. One subtraction per
    /// row of cells (the cells of a row are contiguous), so it costs nothing like a walk
    /// over the points: a flight frame asks it to predict a drawing's cost.
    pub fn count_near(&self, b: Bounds) -> usize {
        let (end_x, end_y) =
            (self.min.x + self.cols as f64 * self.cell, self.min.y + self.rows as f64 * self.cell);
        let outside = b.max.x < self.min.x || b.max.y < self.min.y || b.min.x > end_x || b.min.y > end_y;
        if self.items.is_empty() || b.is_empty() || outside {
            return 0;
        }
        let (c0, c1) = (self.col(b.min.x), self.col(b.max.x));
        let (r0, r1) = (self.row(b.min.y), self.row(b.max.y));
        let mut n = 0;
        for r in r0..=r1 {
            n += (self.starts[r * self.cols + c1 + 1] - self.starts[r * self.cols + c0]) as usize;
        }
        n
    }

    /// The point nearest `p` within `max_dist` (world metres) that `accept` takes; of
    /// points equally near, the one given last (drawn last, so on top).
    pub fn nearest(&self, p: WorldPoint, max_dist: f64, accept: impl Fn(usize) -> bool) -> Option<usize> {
        if !(p.x.is_finite() && p.y.is_finite() && max_dist >= 0.0) {
            return None;
        }
        let around = Bounds::from_points([
            WorldPoint::new(p.x - max_dist, p.y - max_dist),
            WorldPoint::new(p.x + max_dist, p.y + max_dist),
        ]);
        // Squared distances: the same order, no square root.
        let max2 = max_dist * max_dist;
        let mut best: Option<(f64, usize)> = None;
        self.for_each_in(around, |i, q| {
            let d = dist2(p, q);
            let better = match best {
                None => true,
                Some((bd, bi)) => d < bd || (d == bd && i > bi),
            };
            if d <= max2 && better && accept(i) {
                best = Some((d, i));
            }
        });
        best.map(|(_, i)| i)
    }

    /// The points inside `b` that `accept` takes, nearest `centre` first (ties in input
    /// order): the order in which a keyboard moves through the places in view.
    pub fn by_distance(&self, b: Bounds, centre: WorldPoint, accept: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut found: Vec<(f64, usize)> = Vec::new();
        self.for_each_in(b, |i, q| {
            if accept(i) {
                found.push((dist2(centre, q), i));
            }
        });
        crate::sort::sort_by(&mut found, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut order = Vec::with_capacity(found.len());
        for (_, i) in found {
            order.push(i);
        }
        order
    }
}

/// Squared distance between two points.
fn dist2(a: WorldPoint, b: WorldPoint) -> f64 {
    let (dx, dy) = (a.x - b.x, a.y - b.y);
    dx * dx + dy * dy
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic spread of points: half uniform, half in a few tight clusters, some
    /// exactly on top of each other, like real stories.
    fn points(n: usize) -> Vec<WorldPoint> {
        let mut s: u64 = 1989;
        let mut next = move || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|i| match i % 4 {
                0 | 1 => WorldPoint::new(next() * 1_000_000.0 - 500_000.0, next() * 600_000.0),
                2 => WorldPoint::new(120_000.0 + next() * 900.0, 300_000.0 + next() * 700.0),
                _ => WorldPoint::new(-42_000.0, 10_000.0),
            })
            .collect()
    }

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Bounds {
        Bounds::from_points([WorldPoint::new(x0, y0), WorldPoint::new(x1, y1)])
    }

    #[test]
    fn a_rectangle_finds_exactly_the_points_inside_it() {
        let pts = points(5_000);
        let index = PointIndex::new(pts.iter().copied());
        for b in [
            rect(-500_000.0, 0.0, 500_000.0, 600_000.0),
            rect(-10_000.0, 5_000.0, 130_000.0, 301_000.0),
            rect(120_100.0, 300_100.0, 120_300.0, 300_200.0),
            rect(-42_000.0, 10_000.0, -42_000.0, 10_000.0),
            rect(2e6, 2e6, 3e6, 3e6),
            rect(-9e9, -9e9, 9e9, 9e9),
        ] {
            let mut got = Vec::new();
            index.for_each_in(b, |i, _| got.push(i));
            got.sort_unstable();
            let want: Vec<usize> = (0..pts.len()).filter(|&i| b.contains(pts[i])).collect();
            assert_eq!(got, want, "{b:?}");
        }
    }

    #[test]
    fn count_near_bounds_the_points_inside_from_above_by_a_ring_of_cells() {
        let pts = points(5_000);
        let index = PointIndex::new(pts.iter().copied());
        for b in [
            rect(-10_000.0, 5_000.0, 130_000.0, 301_000.0),
            rect(120_100.0, 300_100.0, 120_300.0, 300_200.0),
            rect(-42_000.0, 10_000.0, -42_000.0, 10_000.0),
        ] {
            let inside = (0..pts.len()).filter(|&i| b.contains(pts[i])).count();
            let near = index.count_near(b);
            let grown = Bounds::from_points([
                WorldPoint::new(b.min.x - index.cell, b.min.y - index.cell),
                WorldPoint::new(b.max.x + index.cell, b.max.y + index.cell),
            ]);
            let ring = (0..pts.len()).filter(|&i| grown.contains(pts[i])).count();
            assert!(inside <= near && near <= ring, "{b:?}: {inside} <= {near} <= {ring}");
        }
        assert_eq!(index.count_near(rect(-9e9, -9e9, 9e9, 9e9)), pts.len());
        assert_eq!(index.count_near(rect(2e9, 2e9, 3e9, 3e9)), 0);
        assert_eq!(PointIndex::new([]).count_near(rect(0.0, 0.0, 1.0, 1.0)), 0);
    }

    #[test]
    fn nearest_matches_a_brute_force_search() {
        let pts = points(3_000);
        let index = PointIndex::new(pts.iter().copied());
        let odd = |i: usize| i % 2 == 1;
        let brute = |p: WorldPoint, max: f64, accept: &dyn Fn(usize) -> bool| {
            let mut best: Option<(f64, usize)> = None;
            for (i, q) in pts.iter().enumerate() {
                let d = (q.x - p.x).hypot(q.y - p.y);
                if d <= max && accept(i) && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i > bi)) {
                    best = Some((d, i));
                }
            }
            best.map(|(_, i)| i)
        };
        for (k, p) in points(200).into_iter().enumerate() {
            let p = WorldPoint::new(p.x + 37.0, p.y - 11.0);
            for max in [0.0, 50.0, 2_000.0, 80_000.0] {
                assert_eq!(index.nearest(p, max, |_| true), brute(p, max, &|_| true), "#{k} {max}");
                assert_eq!(index.nearest(p, max, odd), brute(p, max, &odd), "#{k} {max} odd");
            }
        }
    }

    #[test]
    fn of_places_on_one_spot_the_one_drawn_last_is_hit() {
        let pts = points(400);
        let index = PointIndex::new(pts.iter().copied());
        let last_on_spot = (0..pts.len()).rev().find(|i| i % 4 == 3).unwrap();
        assert_eq!(index.nearest(WorldPoint::new(-42_001.0, 10_000.0), 5.0, |_| true), Some(last_on_spot));
        // Nothing within reach: nothing is hit.
        assert_eq!(index.nearest(WorldPoint::new(9e6, 9e6), 1_000.0, |_| true), None);
    }

    #[test]
    fn the_keyboard_order_is_nearest_the_centre_first_over_the_places_in_view() {
        let pts = points(2_000);
        let index = PointIndex::new(pts.iter().copied());
        let view = rect(0.0, 100_000.0, 300_000.0, 400_000.0);
        let centre = view.center();
        let order = index.by_distance(view, centre, |i| i != 6);
        let mut want: Vec<usize> = (0..pts.len()).filter(|&i| i != 6 && view.contains(pts[i])).collect();
        let d = |i: usize| (pts[i].x - centre.x).hypot(pts[i].y - centre.y);
        want.sort_by(|&a, &b| d(a).total_cmp(&d(b)).then(a.cmp(&b)));
        assert_eq!(order, want);
        assert!(order.len() > 100);
        assert!(d(order[0]) <= d(order[1]) && d(order[1]) <= d(*order.last().unwrap()));
    }

    #[test]
    fn odd_inputs_give_empty_answers_not_panics() {
        let empty = PointIndex::new([]);
        assert!(empty.is_empty());
        assert_eq!(empty.nearest(WorldPoint::new(0.0, 0.0), 10.0, |_| true), None);
        assert!(empty
            .by_distance(rect(-1.0, -1.0, 1.0, 1.0), WorldPoint::new(0.0, 0.0), |_| true)
            .is_empty());

        // One point, a line of points, and NaN points (kept out, indices kept).
        let one = PointIndex::new([WorldPoint::new(5.0, 5.0)]);
        assert_eq!(one.nearest(WorldPoint::new(5.0, 6.0), 1.0, |_| true), Some(0));
        let line = PointIndex::new((0..100).map(|i| WorldPoint::new(i as f64, 0.0)));
        assert_eq!(line.nearest(WorldPoint::new(41.2, 0.5), 1.0, |_| true), Some(41));
        let nan = PointIndex::new([WorldPoint::new(f64::NAN, 1.0), WorldPoint::new(1.0, 1.0)]);
        assert_eq!(nan.len(), 2);
        assert_eq!(nan.nearest(WorldPoint::new(1.0, 1.0), 100.0, |_| true), Some(1));
        let mut all = Vec::new();
        nan.for_each_in(rect(-9e9, -9e9, 9e9, 9e9), |i, _| all.push(i));
        assert_eq!(all, vec![1]);
        assert_eq!(nan.nearest(WorldPoint::new(f64::NAN, 0.0), 1.0, |_| true), None);
    }
}
