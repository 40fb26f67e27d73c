//! Places that would pile up on screen become one group control. Greedy and in priority
//! order (the selected place, then headline places, then story order): a place within
//! `min_px` of a group's first member joins that group, otherwise it starts its own. The
//! controls stand at their first member's position, so no two are closer than `min_px`:
//! with controls `min_px` wide, no two overlap by more than half.

use crate::camera::ScreenPoint;
use crate::math::hypot;

/// A control on the map: one place, or several that would overlap.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkerGroup {
    /// Where the control is drawn: its first member's position (pixels).
    pub at: ScreenPoint,
    /// Indices of the places, the first one first.
    pub members: Vec<usize>,
}

/// A place to group: its index, its position in pixels and whether it goes first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupInput {
    pub place: usize,
    pub at: ScreenPoint,
    /// Higher goes first (e.g. 2 selected, 1 headline, 0 others).
    pub priority: u8,
}

/// Groups `points` so that no two controls are closer than `min_px` pixels, on a grid of
/// `min_px` cells: a place looks for a group only in its own cell and the eight around it.
///
/// The grid's occupied cells are a sorted list searched by halving rather than a hash map
/// (the widget's wasm then carries no hash table of its own for it). An insertion moves
/// the cells after it, which is nothing at the sizes grouped here: the SVG markers of a
/// story drawn without a canvas (the widget draws more than 1,000 places on a canvas, ungrouped).
pub fn group_markers(points: &[GroupInput], min_px: f64) -> Vec<MarkerGroup> {
    let mut order: Vec<&GroupInput> = Vec::with_capacity(points.len());
    for p in points {
        if p.at.x.is_finite() && p.at.y.is_finite() {
            order.push(p);
        }
    }
    crate::sort::sort_by_key(&mut order, |p| std::cmp::Reverse(p.priority));
    let cell = |v: f64| (v / min_px).floor() as i64;
    // (cell, group) for every group, sorted by cell.
    let mut grid: Vec<((i64, i64), usize)> = Vec::new();
    let mut groups: Vec<MarkerGroup> = Vec::new();
    for p in order {
        let (cx, cy) = (cell(p.at.x), cell(p.at.y));
        let mut near: Option<usize> = None;
        for x in cx - 1..=cx + 1 {
            for y in cy - 1..=cy + 1 {
                let from = grid.partition_point(|(c, _)| *c < (x, y));
                for &(c, g) in &grid[from..] {
                    if c != (x, y) {
                        break;
                    }
                    let s = groups[g].at;
                    if hypot(s.x - p.at.x, s.y - p.at.y) < min_px && near.is_none_or(|n| g < n) {
                        near = Some(g);
                    }
                }
            }
        }
        match near {
            Some(g) => groups[g].members.push(p.place),
            None => {
                // After the cell's other groups: a cell's groups stay in the order made.
                let at = grid.partition_point(|(c, _)| *c <= (cx, cy));
                grid.insert(at, ((cx, cy), groups.len()));
                groups.push(MarkerGroup { at: p.at, members: vec![p.place] });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(place: usize, x: f64, y: f64, priority: u8) -> GroupInput {
        GroupInput { place, at: ScreenPoint::new(x, y), priority }
    }

    #[test]
    fn near_places_join_the_first_and_far_ones_stand_alone() {
        let groups = group_markers(
            &[input(0, 0.0, 0.0, 0), input(1, 10.0, 0.0, 0), input(2, 100.0, 0.0, 0), input(3, 5.0, 20.0, 0)],
            28.0,
        );
        assert_eq!(
            groups,
            [
                MarkerGroup { at: ScreenPoint::new(0.0, 0.0), members: vec![0, 1, 3] },
                MarkerGroup { at: ScreenPoint::new(100.0, 0.0), members: vec![2] },
            ]
        );
    }

    #[test]
    fn priority_decides_which_place_leads_its_group() {
        let groups =
            group_markers(&[input(0, 0.0, 0.0, 0), input(1, 10.0, 0.0, 1), input(2, 30.0, 0.0, 0)], 28.0);
        // The headline place leads; the place 20 px from it joins it although it is 30 px
        // from the first in story order.
        assert_eq!(groups, [MarkerGroup { at: ScreenPoint::new(10.0, 0.0), members: vec![1, 0, 2] }]);
    }

    #[test]
    fn a_place_near_two_groups_joins_the_one_made_first() {
        // Two groups in the same grid cell (38 px apart), and a place within 28 px of both.
        let points = [input(0, 27.0, 27.0, 0), input(1, 0.0, 0.0, 1), input(2, 14.0, 14.0, 0)];
        let groups = group_markers(&points, 28.0);
        assert_eq!(
            groups,
            [
                MarkerGroup { at: ScreenPoint::new(0.0, 0.0), members: vec![1, 2] },
                MarkerGroup { at: ScreenPoint::new(27.0, 27.0), members: vec![0] },
            ]
        );
    }

    #[test]
    fn no_two_controls_are_closer_than_the_minimum() {
        // A line of places 7 px apart, and a grid of scattered ones.
        let mut points: Vec<GroupInput> = (0..200).map(|i| input(i, i as f64 * 7.0, 0.0, 0)).collect();
        points.extend((0..400).map(|i| {
            let (x, y) = ((i * 37 % 500) as f64, (i * 53 % 300) as f64 + 50.0);
            input(200 + i, x, y, (i % 3) as u8)
        }));
        let groups = group_markers(&points, 28.0);
        assert_eq!(groups.iter().map(|g| g.members.len()).sum::<usize>(), 600, "every place is in one group");
        for (i, a) in groups.iter().enumerate() {
            for b in &groups[i + 1..] {
                assert!((a.at.x - b.at.x).hypot(a.at.y - b.at.y) >= 28.0, "{a:?} and {b:?} overlap");
            }
        }
        let ignored = group_markers(&[input(0, f64::NAN, 0.0, 0)], 28.0);
        assert!(ignored.is_empty(), "a place with no position is not drawn");
    }
}
