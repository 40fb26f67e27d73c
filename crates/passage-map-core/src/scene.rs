//! The story projected onto the map plane once, at load: each place's marker position,
//! its shape as an SVG path (relative to the scene origin, so the numbers stay small
//! enough for the browser's single-precision geometry at street scale) and its bounds.
//! Panning and zooming never touch this; they only change the camera.

use crate::geo::{project, scale_factor, Bounds, LonLat, WorldPoint};
use crate::path::{line_path, polygon_path};
use crate::story::{Geometry, Place, Story};

/// Decimals kept in shape paths: 0.1 world metre, far below a pixel at block scale.
const SHAPE_DECIMALS: u32 = 1;

/// The smallest ground width (metres) the camera shows when it flies to a point place.
const MIN_FOCUS_WIDTH_M: f64 = 1_500.0;

/// A place ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenePlace {
    /// Where the marker goes, in world metres.
    pub anchor: WorldPoint,
    /// Geographic position of the marker (for ground distances).
    pub anchor_lonlat: LonLat,
    /// Shape path relative to [`Scene::origin`], for lines and polygons.
    pub shape: Option<Shape>,
    /// Bounds of the geometry, in world metres.
    pub bounds: Bounds,
    /// Radius of the uncertainty ring in world metres (ground accuracy × map scale factor).
    pub accuracy_world_m: f64,
}

/// The drawable outline of a line or polygon place.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub d: String,
    /// Polygons are filled, lines only stroked.
    pub filled: bool,
}

/// Every place of a story projected, in the story's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// World point that shape paths are relative to.
    pub origin: WorldPoint,
    pub places: Vec<ScenePlace>,
    /// Bounds of all places.
    pub bounds: Bounds,
}

/// `b` grown to contain every position of `g`, projected: a plain walk over the
/// geometry's own vectors (a boxed iterator over them compiled every method of `Iterator`
/// for three adapter types, about 2 KB of wasm).
fn extend_by_positions(b: &mut Bounds, g: &Geometry) {
    let mut add = |points: &[LonLat]| {
        for p in points {
            *b = b.extend(project(*p));
        }
    };
    match g {
        Geometry::Point(p) => add(std::slice::from_ref(p)),
        Geometry::Lines(lines) => {
            for line in lines {
                add(line);
            }
        }
        Geometry::Polygons(polys) => {
            for ring in polys.iter().flatten() {
                add(ring);
            }
        }
    }
}

fn project_all(points: &[LonLat], origin: WorldPoint) -> Vec<WorldPoint> {
    let mut out = Vec::with_capacity(points.len());
    for p in points {
        out.push(project(*p).offset_from(origin));
    }
    out
}

impl ScenePlace {
    fn new(place: &Place, origin: WorldPoint) -> Self {
        let mut bounds = Bounds::empty();
        extend_by_positions(&mut bounds, &place.geometry);
        let shape = match &place.geometry {
            Geometry::Point(_) => None,
            Geometry::Lines(lines) => {
                let mut rings = Vec::with_capacity(lines.len());
                for line in lines {
                    rings.push(project_all(line, origin));
                }
                Some(Shape { d: line_path(&rings, SHAPE_DECIMALS), filled: false })
            }
            Geometry::Polygons(polys) => {
                let mut rings = Vec::new();
                for ring in polys.iter().flatten() {
                    rings.push(project_all(ring, origin));
                }
                Some(Shape { d: polygon_path(&rings, SHAPE_DECIMALS), filled: true })
            }
        };
        let anchor_lonlat = place.geometry.anchor();
        ScenePlace {
            anchor: project(anchor_lonlat),
            anchor_lonlat,
            shape,
            bounds,
            accuracy_world_m: place.accuracy_m * scale_factor(anchor_lonlat.lat),
        }
    }

    /// What to show of this place: its whole shape, or for a point enough surroundings to
    /// see its uncertainty ring (at least `MIN_FOCUS_WIDTH_M` across), in world metres.
    pub fn focus(&self) -> Bounds {
        let ring = self.accuracy_world_m * 3.0;
        let min_half = MIN_FOCUS_WIDTH_M / 2.0 * scale_factor(self.anchor_lonlat.lat);
        let half = ring.max(min_half);
        let around = Bounds::from_points([
            WorldPoint { x: self.anchor.x - half, y: self.anchor.y - half },
            WorldPoint { x: self.anchor.x + half, y: self.anchor.y + half },
        ]);
        if self.shape.is_some() {
            self.bounds.union(around)
        } else {
            around
        }
    }
}

/// Ground half-width (metres) up to which a point's view widens to take in its nearest
/// neighbour, so that a place with nothing near still opens on readable surroundings
/// (towns, borders) rather than an empty field.
const MAX_CONTEXT_HALF_M: f64 = 12_000.0;

impl Scene {
    /// What to show when flying to place `i`: its own [`ScenePlace::focus`], and for a point
    /// also the way to its nearest neighbouring place, within 12 km of ground either side
    /// (the whole 12 km when nothing is nearer). World metres; empty for an unknown index.
    pub fn focus_of(&self, i: usize) -> Bounds {
        let Some(sp) = self.places.get(i) else { return Bounds::empty() };
        let own = sp.focus();
        if sp.shape.is_some() {
            return own;
        }
        let cap = MAX_CONTEXT_HALF_M * scale_factor(sp.anchor_lonlat.lat);
        let mut nearest = f64::INFINITY;
        for (j, p) in self.places.iter().enumerate() {
            let d = (p.anchor.x - sp.anchor.x).abs().max((p.anchor.y - sp.anchor.y).abs());
            if j != i && d > 0.0 {
                nearest = nearest.min(d);
            }
        }
        let half = (nearest * 1.15).min(cap);
        let around = Bounds::from_points([
            WorldPoint { x: sp.anchor.x - half, y: sp.anchor.y - half },
            WorldPoint { x: sp.anchor.x + half, y: sp.anchor.y + half },
        ]);
        own.union(around)
    }

    /// Projects every place of the story.
    pub fn new(story: &Story) -> Scene {
        let mut bounds = Bounds::empty();
        for p in &story.places {
            extend_by_positions(&mut bounds, &p.geometry);
        }
        let origin = if bounds.is_empty() { WorldPoint::default() } else { round_point(bounds.center()) };
        let mut places = Vec::with_capacity(story.places.len());
        for p in &story.places {
            places.push(ScenePlace::new(p, origin));
        }
        Scene { origin, places, bounds }
    }
}

/// Rounds to the metre so that origins print as short numbers.
fn round_point(p: WorldPoint) -> WorldPoint {
    WorldPoint { x: p.x.round(), y: p.y.round() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::testing;

    /// Ground width of a focus, in metres, at its latitude.
    fn ground_width(scene: &Scene, i: usize) -> f64 {
        let b = scene.focus_of(i);
        b.width() / scale_factor(scene.places[i].anchor_lonlat.lat)
    }

    #[test]
    fn a_point_opens_on_its_nearest_neighbour_or_12_km_of_surroundings() {
        let story = testing::story();
        let scene = Scene::new(&story);
        // CECOT has no place near: 24 km of ground around it.
        assert!((ground_width(&scene, 2) - 24_000.0).abs() < 1.0, "{}", ground_width(&scene, 2));
        // El Chorrillo's test point has a neighbour 550 m west: the view takes it in, and
        // never narrows below the 1.5 km that shows a point's ring.
        let w = ground_width(&scene, 0);
        assert!((1_499.0..1_600.0).contains(&w), "{w}");
        // Howard, 5.4 km west of the nearest: a view of 2 × 1.15 × 5.4 km.
        let w = ground_width(&scene, 1);
        assert!((12_300.0..12_500.0).contains(&w), "{w}");
        assert!(scene.focus_of(99).is_empty());
    }
}
