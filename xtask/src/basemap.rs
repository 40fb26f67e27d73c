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

use geojson::{GeoJson, Geometry, GeometryValue, Position};
use passage_map_core::basemap::{BasemapFile, BasemapPath};
use passage_map_core::geo::{project, Bounds, LonLat, WorldPoint};
use passage_map_core::path::relative_path;
use passage_map_core::simplify::{ring_area, simplify_line, simplify_ring};

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

/// One band as the builder makes it; written as the shared [`BasemapFile`].
pub struct Basemap {
    pub origin: WorldPoint,
    pub bounds: Bounds,
    pub paths: Vec<BasemapPath>,
}

fn path(class: &str, d: String) -> BasemapPath {
    BasemapPath { class: class.to_owned(), d }
}

impl Basemap {
    /// The band in the shared file format (origin and bounds in whole metres, empty paths
    /// left out).
    pub fn file(&self) -> BasemapFile {
        BasemapFile::new(self.origin, self.bounds, self.paths.clone())
    }

    /// The file's compact JSON.
    pub fn to_json(&self) -> String {
        self.file().to_json()
    }
}

// ---------------------------------------------------------------------------------------
// GeoJSON reading and writing, with the `geojson` crate (trusted input: errors are
// reported, not recovered from)

fn lonlat(p: &Position) -> Result<LonLat, String> {
    match p.as_slice() {
        [lon, lat, ..] => Ok(LonLat::new(*lon, *lat)),
        other => Err(format!("position {other:?} is not [lon, lat]")),
    }
}

fn lonlats(ps: &[Position]) -> Result<Vec<LonLat>, String> {
    ps.iter().map(lonlat).collect()
}

fn polygon(rings: &[Vec<Position>]) -> Result<Polygon, String> {
    rings.iter().map(|r| lonlats(r)).collect()
}

/// Every geometry of a FeatureCollection, Feature, GeometryCollection or geometry.
fn geometries<'a>(g: &'a GeoJson, out: &mut Vec<&'a Geometry>) {
    fn walk<'a>(g: &'a Geometry, out: &mut Vec<&'a Geometry>) {
        match &g.value {
            GeometryValue::GeometryCollection { geometries } => geometries.iter().for_each(|g| walk(g, out)),
            _ => out.push(g),
        }
    }
    match g {
        GeoJson::FeatureCollection(fc) => {
            fc.features.iter().filter_map(|f| f.geometry.as_ref()).for_each(|g| walk(g, out))
        }
        GeoJson::Feature(f) => f.geometry.iter().for_each(|g| walk(g, out)),
        GeoJson::Geometry(g) => walk(g, out),
    }
}

/// The polygons of every Polygon and MultiPolygon; other geometry types are ignored.
pub fn read_polygons(geojson: &GeoJson) -> Result<Vec<Polygon>, String> {
    let mut gs = Vec::new();
    geometries(geojson, &mut gs);
    let mut out = Vec::new();
    for g in gs {
        match &g.value {
            GeometryValue::Polygon { coordinates } => out.push(polygon(coordinates)?),
            GeometryValue::MultiPolygon { coordinates } => {
                for p in coordinates {
                    out.push(polygon(p)?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The lines of every LineString and MultiLineString; other geometry types are ignored.
pub fn read_lines(geojson: &GeoJson) -> Result<Vec<Line>, String> {
    let mut gs = Vec::new();
    geometries(geojson, &mut gs);
    let mut out = Vec::new();
    for g in gs {
        match &g.value {
            GeometryValue::LineString { coordinates } => out.push(lonlats(coordinates)?),
            GeometryValue::MultiLineString { coordinates } => {
                for l in coordinates {
                    out.push(lonlats(l)?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

pub fn parse_geojson(text: &str) -> Result<GeoJson, String> {
    text.parse::<GeoJson>().map_err(|e| e.to_string())
}

fn read_geojson(path: &Path) -> Result<GeoJson, String> {
    parse_geojson(&crate::util::read(path)?).map_err(|e| format!("{}: {e}", crate::util::rel(path)))
}

/// A source file as the builder uses it: read, then normalised like everything we write.
fn read_normalised(path: &Path) -> Result<GeoJson, String> {
    let mut g = read_geojson(path)?;
    normalise(&mut g);
    Ok(g)
}

/// Decimals kept in the GeoJSON we write: 1e-6° is about 0.1 m.
pub const DECIMALS: i32 = 6;

fn round(v: f64) -> f64 {
    let k = 10f64.powi(DECIMALS);
    (v * k).round() / k
}

/// Twice the signed area of a ring in degrees², positive when counter-clockwise.
fn signed_area2(ring: &[Position]) -> f64 {
    ring.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum()
}

/// RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Returns how many
/// rings were turned.
fn orient(rings: &mut [Vec<Position>]) -> usize {
    let mut turned = 0;
    for (i, ring) in rings.iter_mut().enumerate() {
        if (signed_area2(ring) > 0.0) != (i == 0) {
            ring.reverse();
            turned += 1;
        }
    }
    turned
}

fn normalise_geometry(g: &mut Geometry) -> usize {
    let round_all = |ps: &mut [Position]| {
        for p in ps {
            for v in p.as_slice_mut() {
                *v = round(*v);
            }
        }
    };
    match &mut g.value {
        GeometryValue::Point { coordinates } => {
            round_all(std::slice::from_mut(coordinates));
            0
        }
        GeometryValue::MultiPoint { coordinates } | GeometryValue::LineString { coordinates } => {
            round_all(coordinates);
            0
        }
        GeometryValue::MultiLineString { coordinates } => {
            coordinates.iter_mut().for_each(|l| round_all(l));
            0
        }
        GeometryValue::Polygon { coordinates } => {
            coordinates.iter_mut().for_each(|r| round_all(r));
            orient(coordinates)
        }
        GeometryValue::MultiPolygon { coordinates } => coordinates
            .iter_mut()
            .map(|p| {
                p.iter_mut().for_each(|r| round_all(r));
                orient(p)
            })
            .sum(),
        GeometryValue::GeometryCollection { geometries } => {
            geometries.iter_mut().map(normalise_geometry).sum()
        }
    }
}

/// Rounds every position to [`DECIMALS`] and winds every polygon as RFC 7946 asks;
/// returns how many rings were turned.
pub fn normalise(g: &mut GeoJson) -> usize {
    match g {
        GeoJson::FeatureCollection(fc) => {
            fc.features.iter_mut().filter_map(|f| f.geometry.as_mut()).map(normalise_geometry).sum()
        }
        GeoJson::Feature(f) => f.geometry.as_mut().map_or(0, normalise_geometry),
        GeoJson::Geometry(g) => normalise_geometry(g),
    }
}

/// Writes `g` normalised (see [`normalise`]) as compact JSON (used to write the data files:
/// see the test `shipped_geojson_is_normalised`).
#[cfg_attr(not(test), allow(dead_code))]
pub fn write_geojson(path: &Path, g: &GeoJson) -> Result<(), String> {
    let mut g = g.clone();
    normalise(&mut g);
    crate::util::write(path, format!("{g}\n").as_bytes())
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
        paths: vec![path("land", land), path("border", border)],
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
            path("land", area_path(land, origin, 8.0, 4.0).0),
            path("land", area_path(chorrillo, origin, 8.0, 4.0).0),
            path("lake", area_path(lake, origin, 8.0, 4.0).0),
            path("canal", line_path(canal, origin, 20.0, 4.0).0),
        ],
    }
}

/// Builds `region.json` and `city.json` from `geodata/basemap/`-style input in `input`
/// into `out_dir`; returns the paths written.
pub fn build(input: &Path, out_dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let polygons = |name: &str| {
        let path = input.join(name);
        read_polygons(&read_normalised(&path)?).map_err(|e| format!("{}: {e}", crate::util::rel(&path)))
    };
    let lines = |name: &str| {
        let path = input.join(name);
        read_lines(&read_normalised(&path)?).map_err(|e| format!("{}: {e}", crate::util::rel(&path)))
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
    use serde_json::Value;

    /// The position `dx`, `dy` world metres from the origin (y south).
    fn at(dx: f64, dy: f64) -> LonLat {
        let o = origin();
        unproject(WorldPoint::new(o.x + dx, o.y + dy))
    }

    fn feature_collection(geometry: &str) -> GeoJson {
        parse_geojson(&format!(
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
        let v = parse_geojson(
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
        assert!(parse_geojson(r#"{"type":"LineString","coordinates":[[0,"x"]]}"#).is_err());
        assert!(read_lines(&parse_geojson(r#"{"type":"LineString","coordinates":[[0],[1,1]]}"#).unwrap())
            .is_err());
    }

    #[test]
    fn real_basemap_is_within_budget() {
        let dir = std::env::temp_dir().join(format!("passage-map-basemap-test-{}", std::process::id()));
        let written = build(&crate::util::root().join("geodata/basemap"), &dir).unwrap();
        for (path, budget) in written.iter().zip([40_000, 80_000]) {
            let data = std::fs::read(path).unwrap();
            // The widget reads what the builder wrote with the same type.
            let band = BasemapFile::parse(std::str::from_utf8(&data).unwrap()).unwrap();
            assert_eq!(band.to_json().as_bytes(), data.as_slice(), "round trip");
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

    #[test]
    fn written_geojson_is_rounded_and_wound_as_rfc_7946_asks() {
        // A clockwise exterior with a counter-clockwise hole, 15 decimals.
        let text = r#"{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[
            [[0.123456789012345,0],[0,1],[1,1],[1,0],[0.123456789012345,0]],
            [[0.2,0.2],[0.8,0.2],[0.8,0.8],[0.2,0.8],[0.2,0.2]]]}}"#;
        let mut g = parse_geojson(text).unwrap();
        assert_eq!(normalise(&mut g), 2);
        let polys = read_polygons(&g).unwrap();
        let area =
            |r: &[LonLat]| r.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum::<f64>();
        assert!(area(&polys[0][0]) > 0.0 && area(&polys[0][1]) < 0.0);
        assert_eq!(polys[0][0][0].lon, 0.123457);
        let dir = std::env::temp_dir().join(format!("passage-map-geojson-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_geojson(&dir.join("a.geojson"), &parse_geojson(text).unwrap()).unwrap();
        let mut back = read_geojson(&dir.join("a.geojson")).unwrap();
        assert_eq!(normalise(&mut back), 0, "written normalised");
        assert_eq!(back, g);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Every GeoJSON file we ship or keep: exteriors counter-clockwise, holes clockwise,
    /// at most six decimals. `UPDATE_GEODATA=1` rewrites the machine-made compact files
    /// (geodata/basemap/, canal_zone_approx.geojson) with [`write_geojson`]; the
    /// hand-edited places.geojson is to be fixed by hand.
    #[test]
    fn shipped_geojson_is_normalised() {
        let root = crate::util::root();
        let mut files: Vec<std::path::PathBuf> = crate::util::files_under(&root.join("geodata"))
            .unwrap()
            .into_iter()
            .chain(crate::util::files_under(&root.join("examples")).unwrap())
            .filter(|f| f.extension().is_some_and(|e| e == "geojson"))
            .collect();
        files.sort();
        assert!(files.len() >= 9, "{files:?}");
        let mut bad = Vec::new();
        for f in &files {
            let original = read_geojson(f).unwrap();
            let mut g = original.clone();
            let turned = normalise(&mut g);
            if turned > 0 || g != original {
                let machine_made =
                    f.to_string_lossy().contains("/basemap/") || f.ends_with("canal_zone_approx.geojson");
                if machine_made && std::env::var_os("UPDATE_GEODATA").is_some() {
                    write_geojson(f, &original).unwrap();
                } else {
                    bad.push(format!(
                        "{}: {turned} ring(s) wound the wrong way or positions with more than 6 decimals",
                        crate::util::rel(f)
                    ));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn bands_with_their_labels_parse_as_the_shared_type() {
        // What dist writes (paths, then the labels step) is what the widget reads.
        let dir = std::env::temp_dir().join(format!("passage-map-bands-{}", std::process::id()));
        let root = crate::util::root();
        let written = build(&root.join("geodata/basemap"), &dir).unwrap();
        crate::labels::add_to_basemap(&root.join("geodata/labels.geojson"), &dir).unwrap();
        for path in written {
            let band = BasemapFile::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert!(!band.paths.is_empty() && !band.labels.is_empty(), "{}", path.display());
            let labels = passage_map_core::labels::labels_from_list(&band.labels, band.origin());
            assert_eq!(labels.len(), band.labels.len(), "every label of {} reads", path.display());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
