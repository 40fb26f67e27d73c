//! The names on the map: `geodata/labels.geojson` (made by `geodata/tools/labels.py`)
//! added to the basemap bands `dist/basemap/region.json` and `city.json` as their
//! `"labels"` array, in the format `passage_map_core::labels` reads. Each feature's
//! `band` property says which file it goes in; city names come only with the city band.

use std::path::Path;

use passage_map_core::basemap::BasemapFile;
use passage_map_core::geo::{project, LonLat};
use passage_map_core::labels::{Label, LabelKind};
use serde_json::Value;

use crate::util::{read, rel, write};

/// One label of `labels.geojson` and the band it belongs to.
fn label(f: &Value) -> Result<(String, Label), String> {
    let p = &f["properties"];
    let text = |k: &str| p[k].as_str().map(str::to_owned).ok_or(format!("no `{k}`"));
    let num = |k: &str| p[k].as_f64().ok_or(format!("no `{k}`"));
    let c = &f["geometry"]["coordinates"];
    let (lon, lat) = (c[0].as_f64().ok_or("no longitude")?, c[1].as_f64().ok_or("no latitude")?);
    let kind = text("kind")?;
    Ok((
        text("band")?,
        Label {
            at: project(LonLat::new(lon, lat)),
            en: text("name_en")?,
            es: text("name_es")?,
            kind: LabelKind::parse(&kind).ok_or(format!("unknown kind `{kind}`"))?,
            rank: u8::try_from(num("rank")? as u64).map_err(|_| "rank out of range")?,
            min_zoom: num("min_zoom")?,
            max_zoom: num("max_zoom")?,
        },
    ))
}

/// Adds the labels of `source` to `region.json` and `city.json` in `basemap_dir`.
pub fn add_to_basemap(source: &Path, basemap_dir: &Path) -> Result<(), String> {
    let geojson: Value = serde_json::from_str(&read(source)?).map_err(|e| format!("{}: {e}", rel(source)))?;
    let features = geojson["features"].as_array().ok_or(format!("{}: no features", rel(source)))?;
    let labels = features
        .iter()
        .enumerate()
        .map(|(i, f)| label(f).map_err(|e| format!("{}: $.features[{i}]: {e}", rel(source))))
        .collect::<Result<Vec<_>, _>>()?;
    for band in ["region", "city"] {
        let path = basemap_dir.join(format!("{band}.json"));
        let mut map = BasemapFile::parse(&read(&path)?).map_err(|e| format!("{}: {e}", rel(&path)))?;
        let origin = map.origin();
        map.labels = labels.iter().filter(|(b, _)| b == band).map(|(_, l)| l.to_json(origin)).collect();
        write(&path, map.to_json().as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_map_core::geo::WorldPoint;
    use passage_map_core::labels::labels_from_list;

    #[test]
    fn every_label_reads_and_goes_to_a_band() {
        let path = crate::util::root().join("geodata/labels.geojson");
        let geojson: Value = serde_json::from_str(&read(&path).unwrap()).unwrap();
        let all: Vec<(String, Label)> =
            geojson["features"].as_array().unwrap().iter().map(|f| label(f).unwrap()).collect();
        assert!(all.len() >= 30);
        assert!(all.iter().all(|(b, _)| b == "region" || b == "city"));
        let names: Vec<&str> = all.iter().map(|(_, l)| l.en.as_str()).collect();
        for name in [
            "Guatemala",
            "Colombia",
            "Pacific Ocean",
            "Caribbean Sea",
            "Gulf of Panama",
            "Yaviza",
            "Casco Viejo",
        ] {
            assert!(names.contains(&name), "{name} is missing");
        }
        // The written entry reads back as the same label, to the metre.
        let origin = WorldPoint::new(-10_018_754.0, -1_689_200.0);
        let (_, l) = &all[0];
        let back = labels_from_list(&[l.to_json(origin)], origin);
        assert!((back[0].at.x - l.at.x).abs() <= 0.5 && (back[0].at.y - l.at.y).abs() <= 0.5);
    }
}
