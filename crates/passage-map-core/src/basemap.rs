//! The basemap band format: the one type that `cargo xtask dist` writes
//! (`region.json`, `city.json`) and the widget reads.
//!
//! ```json
//! { "origin": [x, y], "bounds": [minx, miny, maxx, maxy],
//!   "paths": [ { "class": "land", "d": "M…" }, … ],
//!   "labels": [ … ] }
//! ```
//!
//! Web Mercator world metres (y south), whole metres. Path data is relative to `origin`
//! (the same for every band, so one camera transform serves all). `labels` is added by the
//! dist step after the paths are built, in the format of [`crate::labels`]; it may be
//! absent.

use serde::{Deserialize, Serialize};

use crate::geo::{Bounds, WorldPoint};

/// One basemap band file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasemapFile {
    /// The point the paths are relative to, in world metres.
    pub origin: [i64; 2],
    /// What the band covers: min x, min y, max x, max y, in world metres.
    pub bounds: [i64; 4],
    pub paths: Vec<BasemapPath>,
    /// Map names, read by [`crate::labels::labels_from_json`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<serde_json::Value>,
}

/// One SVG path of a band and the class that styles it (`land`, `border`, `lake`, `canal`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasemapPath {
    pub class: String,
    pub d: String,
}

impl BasemapFile {
    /// A band with `origin` and `bounds` rounded to whole metres; empty paths are left out.
    pub fn new(origin: WorldPoint, bounds: Bounds, paths: Vec<BasemapPath>) -> Self {
        let m = |v: f64| v.round() as i64;
        BasemapFile {
            origin: [m(origin.x), m(origin.y)],
            bounds: [m(bounds.min.x), m(bounds.min.y), m(bounds.max.x), m(bounds.max.y)],
            paths: paths.into_iter().filter(|p| !p.d.is_empty()).collect(),
            labels: Vec::new(),
        }
    }

    /// Reads a band; the reason when the text is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("not a basemap file: {e}"))
    }

    /// The file's compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a basemap serialises")
    }

    pub fn origin(&self) -> WorldPoint {
        WorldPoint { x: self.origin[0] as f64, y: self.origin[1] as f64 }
    }

    pub fn bounds(&self) -> Bounds {
        let [x0, y0, x1, y1] = self.bounds.map(|v| v as f64);
        Bounds { min: WorldPoint { x: x0, y: y0 }, max: WorldPoint { x: x1, y: y1 } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let band = BasemapFile::new(
            WorldPoint { x: -10_018_754.4, y: -1_689_200.0 },
            Bounds { min: WorldPoint { x: -10.6, y: -20.0 }, max: WorldPoint { x: 30.0, y: 40.49 } },
            vec![
                BasemapPath { class: "land".into(), d: "M0,0l10,0,0-10z".into() },
                BasemapPath { class: "border".into(), d: String::new() },
            ],
        );
        let text = band.to_json();
        assert_eq!(
            text,
            r#"{"origin":[-10018754,-1689200],"bounds":[-11,-20,30,40],"paths":[{"class":"land","d":"M0,0l10,0,0-10z"}]}"#
        );
        assert_eq!(BasemapFile::parse(&text).unwrap(), band);
        let mut labelled = band.clone();
        labelled.labels = vec![serde_json::json!({ "en": "Panama", "x": 1, "y": 2 })];
        assert_eq!(BasemapFile::parse(&labelled.to_json()).unwrap(), labelled);
    }

    #[test]
    fn refuses_what_is_not_a_band() {
        assert!(BasemapFile::parse("{}").is_err());
        assert!(
            BasemapFile::parse(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[{"class":"land"}]}"#).is_err()
        );
        assert!(BasemapFile::parse(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[],"extra":1}"#).is_err());
        assert!(BasemapFile::parse("[").is_err());
    }
}
