//! RFC 7946 geometry → checked, typed geometry: positions in range and finite, rings
//! closed, polygon rings oriented as the RFC asks (exterior counter-clockwise).

use super::error::{ErrorKind, StoryError};
use super::json::{each, Node, ParseResult};
use crate::geo::LonLat;
use crate::path::format_coord;

/// A place's shape, in geographic degrees.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    Point(LonLat),
    /// One or more line strings (`LineString`, `MultiLineString`).
    Lines(Vec<Vec<LonLat>>),
    /// One or more polygons, each a list of rings, the first exterior (`Polygon`, `MultiPolygon`).
    Polygons(Vec<Vec<Vec<LonLat>>>),
}

impl Geometry {
    /// Where the place's marker goes: the point itself, the middle vertex of a line, or
    /// the bounding-box centre of the first polygon's exterior ring.
    pub fn anchor(&self) -> LonLat {
        match self {
            Geometry::Point(p) => *p,
            Geometry::Lines(ls) => {
                let line = &ls[0];
                line[line.len() / 2]
            }
            Geometry::Polygons(ps) => {
                let ring = &ps[0][0];
                let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for p in ring {
                    w = w.min(p.lon);
                    e = e.max(p.lon);
                    s = s.min(p.lat);
                    n = n.max(p.lat);
                }
                LonLat { lon: (w + e) / 2.0, lat: (s + n) / 2.0 }
            }
        }
    }
}

/// A position `[lon, lat]` in degrees, finite and in range.
pub(super) fn position(n: Node<'_>) -> ParseResult<LonLat> {
    let items = n.as_array()?;
    if items.len() < 2 {
        return Err(n.error(
            ErrorKind::InvalidValue,
            format!("expected a position [lon, lat], found {} number(s)", items.len()),
        ));
    }
    let num = |i: usize| {
        items[i].as_f64().ok_or_else(|| {
            n.error(
                ErrorKind::WrongType,
                format!("expected a number at [{i}], found {}", super::json::type_name(&items[i])),
            )
        })
    };
    let (lon, lat) = (num(0)?, num(1)?);
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        return Err(n.error(
            ErrorKind::OutOfRange,
            format!("longitude {} is outside −180…180 (is the order [lon, lat]?)", format_coord(lon, 6)),
        ));
    }
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err(n.error(
            ErrorKind::OutOfRange,
            format!("latitude {} is outside −90…90 (is the order [lon, lat]?)", format_coord(lat, 6)),
        ));
    }
    Ok(LonLat { lon, lat })
}

fn positions(n: &Node<'_>, min: usize) -> ParseResult<Vec<LonLat>> {
    let mut out = Vec::new();
    each(*n, &mut |p| {
        out.push(position(p)?);
        Ok(())
    })?;
    if out.len() < min {
        return Err(n.error(
            ErrorKind::InvalidValue,
            format!("expected at least {min} positions, found {}", out.len()),
        ));
    }
    Ok(out)
}

/// Twice the signed area in degrees², positive when counter-clockwise (lat up).
fn signed_area2(ring: &[LonLat]) -> f64 {
    ring.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum()
}

fn ring(n: &Node<'_>, exterior: bool) -> ParseResult<Vec<LonLat>> {
    let mut r = positions(n, 0)?;
    if r.len() < 4 {
        return Err(n.error(
            ErrorKind::UnclosedRing,
            format!("a linear ring needs at least 4 positions, found {}", r.len()),
        ));
    }
    if r.first() != r.last() {
        return Err(n.error(
            ErrorKind::UnclosedRing,
            "the ring is not closed: its last position differs from its first",
        ));
    }
    // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
    if (signed_area2(&r) > 0.0) != exterior {
        r.reverse();
    }
    Ok(r)
}

fn polygon(n: &Node<'_>) -> ParseResult<Vec<Vec<LonLat>>> {
    let mut rings = Vec::new();
    for (i, value) in n.as_array()?.iter().enumerate() {
        rings.push(ring(&n.element(i, value), i == 0)?);
    }
    if rings.is_empty() {
        return Err(n.error(ErrorKind::InvalidValue, "a polygon needs at least one ring"));
    }
    Ok(rings)
}

fn collect<T>(n: &Node<'_>, f: fn(&Node<'_>) -> ParseResult<T>) -> ParseResult<Vec<T>> {
    let mut out = Vec::new();
    each(*n, &mut |item| {
        out.push(f(&item)?);
        Ok(())
    })?;
    if out.is_empty() {
        return Err(n.error(ErrorKind::InvalidValue, "expected at least one member, found none"));
    }
    Ok(out)
}

impl TryFrom<&Node<'_>> for Geometry {
    type Error = Box<StoryError>;

    fn try_from(n: &Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        let kind = n.require("type")?.as_str()?;
        let coords = || n.require("coordinates");
        match kind {
            "Point" => Ok(Geometry::Point(position(coords()?)?)),
            "LineString" => Ok(Geometry::Lines(vec![positions(&coords()?, 2)?])),
            "MultiLineString" => Ok(Geometry::Lines(collect(&coords()?, |l| positions(l, 2))?)),
            "Polygon" => Ok(Geometry::Polygons(vec![polygon(&coords()?)?])),
            "MultiPolygon" => Ok(Geometry::Polygons(collect(&coords()?, polygon)?)),
            other => Err(n.field_error(
                "type",
                ErrorKind::InvalidValue,
                format!(
                    "expected Point, LineString, MultiLineString, Polygon or MultiPolygon, found \"{other}\""
                ),
            )),
        }
    }
}
