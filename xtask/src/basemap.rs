//! The basemap builder: GeoJSON in `geodata/basemap/` → `region.json` (the first view,
//! Central America) and `city.json` (the canal area, fetched when the reader zooms in).
//!
//! Each output file is
//!
//! ```json
//! { "origin": [x, y], "bounds": [minx, miny, maxx, maxy],
//!   "paths": [ { "class": "land", "d": "M…" }, … ] }
//! ```
//!
//! in Web Mercator world metres (y south). Path coordinates are relative to `origin`, the
//! same for both files, so one camera transform serves both; they are simplified
//! (Douglas–Peucker) and snapped to a grid (`quantum`) per file, and written as compact
//! relative SVG paths. Polygon rings are oriented (exteriors counter-clockwise on the map,
//! holes clockwise), so the `nonzero` and `evenodd` fill rules draw the same.

use std::path::Path;

use passage_map_core::geo::{project, Bounds, LonLat, WorldPoint};
use passage_map_core::path::relative_path;
use passage_map_core::simplify::{ring_area, simplify_line, simplify_ring};
use serde_json::Value;

/// The shared origin: (lon −90°, lat 15°) projected and rounded to the metre.
pub fn origin() -> WorldPoint {
    let p = project(LonLat::new(-90.0, 15.0));
    WorldPoint::new(p.x.round(), p.y.round())
}

/// The canal area that `city.json` covers, in degrees: west, south, east, north.
pub const CITY_BOX: [f64; 4] = [-80.2, 8.75, -79.3, 9.5];

/// A polygon: its rings (exterior first), each a list of positions.
pub type Polygon = Vec<Vec<LonLat>>;
/// A line string.
pub type Line = Vec<LonLat>;

pub struct PathEntry {
    pub class: &'static str,
    pub d: String,
}

pub struct Basemap {
    pub origin: WorldPoint,
    pub bounds: Bounds,
    pub paths: Vec<PathEntry>,
}

impl Basemap {
    /// The file's JSON, keys in the documented order; origin and bounds rounded
    /// to whole metres.
    pub fn to_json(&self) -> String {
        let b = &self.bounds;
        let mut s = format!(
            "{{\"origin\":[{},{}],\"bounds\":[{},{},{},{}],\"paths\":[",
            self.origin.x.round() as i64,
            self.origin.y.round() as i64,
            b.min.x.round() as i64,
            b.min.y.round() as i64,
            b.max.x.round() as i64,
            b.max.y.round() as i64,
        );
        let entries: Vec<String> = self
            .paths
            .iter()
            .filter(|p| !p.d.is_empty())
            .map(|p| format!("{{\"class\":{},\"d\":{}}}", Value::from(p.class), Value::from(p.d.as_str())))
            .collect();
        s.push_str(&entries.join(","));
        s.push_str("]}");
        s
    }
}

// ---------------------------------------------------------------------------------------
// GeoJSON reading (trusted input: errors are reported, not recovered from)

fn position(v: &Value) -> Result<LonLat, String> {
    match v.as_array().map(Vec::as_slice) {
        Some([lon, lat, ..]) => match (lon.as_f64(), lat.as_f64()) {
            (Some(lon), Some(lat)) => Ok(LonLat::new(lon, lat)),
            _ => Err(format!("position {v} is not two numbers")),
        },
        _ => Err(format!("position {v} is not [lon, lat]")),
    }
}

fn positions(v: &Value) -> Result<Vec<LonLat>, String> {
    v.as_array().ok_or("coordinates are not an array")?.iter().map(position).collect()
}

fn polygon(v: &Value) -> Result<Polygon, String> {
    v.as_array().ok_or("polygon coordinates are not an array")?.iter().map(positions).collect()
}

/// Every geometry object in a FeatureCollection, Feature, GeometryCollection or geometry.
fn geometries<'a>(v: &'a Value, out: &mut Vec<&'a Value>) -> Result<(), String> {
    match v.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            for f in
                v.get("features").and_then(Value::as_array).ok_or("FeatureCollection without features")?
            {
                geometries(f, out)?;
            }
        }
        Some("Feature") => match v.get("geometry") {
            Some(Value::Null) | None => {}
            Some(g) => geometries(g, out)?,
        },
        Some("GeometryCollection") => {
            for g in v
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or("GeometryCollection without geometries")?
            {
                geometries(g, out)?;
            }
        }
        Some(_) => out.push(v),
        None => return Err("GeoJSON object without \"type\"".into()),
    }
    Ok(())
}

fn coordinates(g: &Value) -> Result<&Value, String> {
    g.get("coordinates").ok_or_else(|| "geometry without coordinates".to_string())
}

/// Reads every geometry of type `single` with `one`, and every part of every geometry of
/// type `multi` with `one` too; other geometry types are ignored.
fn read_parts<T>(
    geojson: &Value,
    single: &str,
    multi: &str,
    one: impl Fn(&Value) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let mut gs = Vec::new();
    geometries(geojson, &mut gs)?;
    let mut out = Vec::new();
    for g in gs {
        match g["type"].as_str() {
            Some(t) if t == single => out.push(one(coordinates(g)?)?),
            Some(t) if t == multi => {
                let parts =
                    coordinates(g)?.as_array().ok_or(format!("{multi} coordinates are not an array"))?;
                for part in parts {
                    out.push(one(part)?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The polygons of every Polygon and MultiPolygon; other geometry types are ignored.
pub fn read_polygons(geojson: &Value) -> Result<Vec<Polygon>, String> {
    read_parts(geojson, "Polygon", "MultiPolygon", polygon)
}

/// The lines of every LineString and MultiLineString; other geometry types are ignored.
pub fn read_lines(geojson: &Value) -> Result<Vec<Line>, String> {
    read_parts(geojson, "LineString", "MultiLineString", positions)
}

fn read_geojson(path: &Path) -> Result<Value, String> {
    let text = crate::util::read(path)?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", crate::util::rel(path)))
}

// ---------------------------------------------------------------------------------------
// Building

fn project_all(points: &[LonLat]) -> Vec<WorldPoint> {
    points.iter().map(|&p| project(p)).collect()
}

/// One path of all the polygons' rings: projected, simplified with `tolerance` metres,
/// oriented, made relative to `origin` and snapped to `quantum` metres. Rings that
/// simplify away are dropped (with their holes, when the exterior goes). Also returns the
/// world bounds of what was kept.
pub fn area_path(polygons: &[Polygon], origin: WorldPoint, tolerance: f64, quantum: f64) -> (String, Bounds) {
    let mut rings: Vec<Vec<WorldPoint>> = Vec::new();
    let mut bounds = Bounds::empty();
    for polygon in polygons {
        for (i, ring) in polygon.iter().enumerate() {
            let Some(mut r) = simplify_ring(&project_all(ring), tolerance) else {
                if i == 0 {
                    break;
                }
                continue;
            };
            // Exterior counter-clockwise on the map (positive area), holes clockwise.
            if (ring_area(&r) > 0.0) != (i == 0) {
                r.reverse();
            }
            bounds = r.iter().fold(bounds, |b, &p| b.extend(p));
            rings.push(r.into_iter().map(|p| p.offset_from(origin)).collect());
        }
    }
    (relative_path(&rings, true, quantum), bounds)
}

/// One path of all the lines: projected, simplified, relative to `origin`, snapped.
pub fn line_path(lines: &[Line], origin: WorldPoint, tolerance: f64, quantum: f64) -> (String, Bounds) {
    let mut out: Vec<Vec<WorldPoint>> = Vec::new();
    let mut bounds = Bounds::empty();
    for line in lines {
        let l = simplify_line(&project_all(line), tolerance);
        bounds = l.iter().fold(bounds, |b, &p| b.extend(p));
        out.push(l.into_iter().map(|p| p.offset_from(origin)).collect());
    }
    (relative_path(&out, false, quantum), bounds)
}

/// The regional basemap: Natural Earth 1:10m countries (land) and land borders,
/// simplified 400 m on a 100 m grid.
pub fn region(countries: &[Polygon], borders: &[Line]) -> Basemap {
    let origin = origin();
    let (land, land_bounds) = area_path(countries, origin, 400.0, 100.0);
    let (border, border_bounds) = line_path(borders, origin, 400.0, 100.0);
    Basemap {
        origin,
        bounds: land_bounds.union(border_bounds),
        paths: vec![PathEntry { class: "land", d: land }, PathEntry { class: "border", d: border }],
    }
}

/// The city-scale basemap of the canal area: GSHHG full-resolution land and Gatún Lake
/// simplified 8 m on a 4 m grid, El Chorrillo's census polygon as land of its own
/// (GSHHG predates the reclaimed shore), and the canal route simplified 20 m.
pub fn city(land: &[Polygon], chorrillo: &[Polygon], lake: &[Polygon], canal: &[Line]) -> Basemap {
    let origin = origin();
    let [west, south, east, north] = CITY_BOX;
    let bounds = Bounds::from_points([project(LonLat::new(west, north)), project(LonLat::new(east, south))]);
    Basemap {
        origin,
        bounds,
        paths: vec![
            PathEntry { class: "land", d: area_path(land, origin, 8.0, 4.0).0 },
            PathEntry { class: "land", d: area_path(chorrillo, origin, 8.0, 4.0).0 },
            PathEntry { class: "lake", d: area_path(lake, origin, 8.0, 4.0).0 },
            PathEntry { class: "canal", d: line_path(canal, origin, 20.0, 4.0).0 },
        ],
    }
}

/// Builds `region.json` and `city.json` from `geodata/basemap/`-style input in `input`
/// into `out_dir`; returns the paths written.
pub fn build(input: &Path, out_dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let polygons = |name: &str| {
        let path = input.join(name);
        read_polygons(&read_geojson(&path)?).map_err(|e| format!("{}: {e}", crate::util::rel(&path)))
    };
    let lines = |name: &str| {
        let path = input.join(name);
        read_lines(&read_geojson(&path)?).map_err(|e| format!("{}: {e}", crate::util::rel(&path)))
    };
    let region = region(&polygons("ca_countries_ne10m.geojson")?, &lines("ca_borders_ne10m.geojson")?);
    let city = city(
        &polygons("panama_canal_area_land_gshhg_f.geojson")?,
        &polygons("el_chorrillo_inec2023.geojson")?,
        &polygons("gatun_lake_gshhg_f.geojson")?,
        &lines("panama_canal_route_approx.geojson")?,
    );
    let mut written = Vec::new();
    for (name, map) in [("region.json", region), ("city.json", city)] {
        let path = out_dir.join(name);
        crate::util::write(&path, map.to_json().as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_map_core::geo::unproject;

    /// The position `dx`, `dy` world metres from the origin (y south).
    fn at(dx: f64, dy: f64) -> LonLat {
        let o = origin();
        unproject(WorldPoint::new(o.x + dx, o.y + dy))
    }

    fn feature_collection(geometry: &str) -> Value {
        serde_json::from_str(&format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{geometry}}}]}}"#
        ))
        .unwrap()
    }

    fn coords(points: &[LonLat]) -> String {
        let p: Vec<String> = points.iter().map(|p| format!("[{},{}]", p.lon, p.lat)).collect();
        format!("[{}]", p.join(","))
    }

    #[test]
    fn origin_is_rounded_projection_of_90w_15n() {
        let o = origin();
        assert_eq!((o.x, o.y), (-10_018_754.0, -1_689_200.0));
    }

    #[test]
    fn tiny_square_gives_exact_json() {
        // A 1 km square whose south-west corner is the origin, written clockwise (as seen
        // on the map) to check that the exterior is turned counter-clockwise.
        let square = [at(0.0, 0.0), at(0.0, -1000.0), at(1000.0, -1000.0), at(1000.0, 0.0), at(0.0, 0.0)];
        let g = feature_collection(&format!(r#"{{"type":"Polygon","coordinates":[{}]}}"#, coords(&square)));
        let border = [at(0.0, 0.0), at(500.0, -40.0), at(1000.0, -1000.0)];
        let b = feature_collection(&format!(r#"{{"type":"LineString","coordinates":{}}}"#, coords(&border)));
        let map = region(&read_polygons(&g).unwrap(), &read_lines(&b).unwrap());
        assert_eq!(
            map.to_json(),
            r#"{"origin":[-10018754,-1689200],"bounds":[-10018754,-1690200,-10017754,-1689200],"paths":[{"class":"land","d":"M0,0l1000,0,0-1000-1000,0z"},{"class":"border","d":"M0,0l1000-1000"}]}"#
        );
    }

    #[test]
    fn holes_are_clockwise_and_small_rings_vanish() {
        let outer = [at(0.0, 0.0), at(4000.0, 0.0), at(4000.0, -4000.0), at(0.0, -4000.0), at(0.0, 0.0)];
        let hole = [
            at(1000.0, -1000.0),
            at(3000.0, -1000.0),
            at(3000.0, -3000.0),
            at(1000.0, -3000.0),
            at(1000.0, -1000.0),
        ];
        let islet = [at(8000.0, 0.0), at(8010.0, 0.0), at(8010.0, -10.0), at(8000.0, 0.0)];
        let polys = vec![vec![outer.to_vec(), hole.to_vec()], vec![islet.to_vec()]];
        let (d, _) = area_path(&polys, origin(), 400.0, 100.0);
        assert_eq!(d, "M0,0l4000,0,0-4000-4000,0zM1000,-1000l0-2000,2000,0,0,2000z");
    }

    #[test]
    fn city_has_the_canal_box_and_four_paths() {
        let land = vec![vec![vec![
            LonLat::new(-79.6, 8.9),
            LonLat::new(-79.5, 8.9),
            LonLat::new(-79.5, 9.0),
            LonLat::new(-79.6, 8.9),
        ]]];
        let canal = vec![vec![LonLat::new(-79.9, 9.35), LonLat::new(-79.55, 8.9)]];
        let map = city(&land, &land, &land, &canal);
        let json: Value = serde_json::from_str(&map.to_json()).unwrap();
        let classes: Vec<&str> =
            json["paths"].as_array().unwrap().iter().map(|p| p["class"].as_str().unwrap()).collect();
        assert_eq!(classes, ["land", "land", "lake", "canal"]);
        let nw = project(LonLat::new(-80.2, 9.5));
        assert_eq!(json["bounds"][0].as_i64(), Some(nw.x.round() as i64));
        assert_eq!(json["bounds"][1].as_i64(), Some(nw.y.round() as i64));
        assert_eq!(json["origin"], serde_json::json!([-10_018_754, -1_689_200]));
    }

    #[test]
    fn reads_multi_geometries_and_skips_others() {
        let v: Value = serde_json::from_str(
            r#"{"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}},
                {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3,7]]]}},
                {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}},
                {"type":"Feature","properties":{},"geometry":null}]}"#,
        )
        .unwrap();
        assert_eq!(read_polygons(&v).unwrap().len(), 2);
        let lines = read_lines(&v).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1][1], LonLat::new(3.0, 3.0));
        let bad: Value = serde_json::from_str(r#"{"type":"LineString","coordinates":[[0,"x"]]}"#).unwrap();
        assert!(read_lines(&bad).is_err());
    }

    #[test]
    fn real_basemap_is_within_budget() {
        let dir = std::env::temp_dir().join(format!("passage-map-basemap-test-{}", std::process::id()));
        let written = build(&crate::util::root().join("geodata/basemap"), &dir).unwrap();
        for (path, budget) in written.iter().zip([40_000, 80_000]) {
            let data = std::fs::read(path).unwrap();
            let json: Value = serde_json::from_slice(&data).unwrap();
            assert!(json["paths"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["d"].as_str().unwrap().starts_with('M')));
            let gz = crate::util::gzip_len(&data);
            assert!(gz <= budget, "{}: {gz} bytes gzip > {budget}", path.display());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
