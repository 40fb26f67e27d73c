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

use crate::geo::{Bounds, WorldPoint};
use crate::story::json::{write_number, write_string, Reader, Value};

/// One basemap band file.
#[derive(Clone, Debug, PartialEq)]
pub struct BasemapFile {
    /// The point the paths are relative to, in world metres.
    pub origin: [i64; 2],
    /// What the band covers: min x, min y, max x, max y, in world metres.
    pub bounds: [i64; 4],
    pub paths: Vec<BasemapPath>,
    /// Map names, read by [`crate::labels::labels_from_list`]; written only when there
    /// are some.
    pub labels: Vec<Value<'static>>,
}

/// One SVG path of a band and the class that styles it (`land`, `border`, `lake`, `canal`).
#[derive(Clone, Debug, PartialEq)]
pub struct BasemapPath {
    pub class: String,
    pub d: String,
}

/// The members of an object, each known key at most once and no other, into `found`:
/// the values in the order of `keys` (`None` when absent). Slices, not arrays: one copy
/// for every object shape.
fn members<'v, 'a>(
    v: &'v Value<'a>,
    what: &str,
    keys: &[&str],
    found: &mut [Option<&'v Value<'a>>],
) -> Result<(), String> {
    let Value::Object(list) = v else { return Err(format!("{what}: expected an object")) };
    for (k, value) in list {
        let i = keys.iter().position(|key| k == key).ok_or_else(|| format!("{what}: unknown field `{k}`"))?;
        if found[i].replace(value).is_some() {
            return Err(format!("{what}: duplicate field `{k}`"));
        }
    }
    Ok(())
}

/// `out.len()` whole numbers, into `out`.
fn integers(v: Option<&Value<'_>>, what: &str, out: &mut [i64]) -> Result<(), String> {
    let v = v.ok_or_else(|| format!("missing field `{what}`"))?;
    let n = out.len();
    let items =
        v.as_array().filter(|a| a.len() == n).ok_or_else(|| format!("`{what}`: expected {n} numbers"))?;
    for (o, item) in out.iter_mut().zip(items) {
        *o = item.as_i64().ok_or_else(|| format!("`{what}`: expected whole numbers"))?;
    }
    Ok(())
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

    /// Reads a band; the reason when the text is not one (not JSON, a field missing, of
    /// the wrong type, repeated or unknown).
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::from_value(&Reader::document(text).map_err(|e| format!("not a basemap file: {e}"))?)
            .map_err(|e| format!("not a basemap file: {e}"))
    }

    fn from_value(v: &Value<'_>) -> Result<Self, String> {
        let mut found = [None; 4];
        members(v, "the band", &["origin", "bounds", "paths", "labels"], &mut found)?;
        let [origin, bounds, paths, labels] = found;
        let list = paths.ok_or("missing field `paths`")?.as_array().ok_or("`paths`: expected an array")?;
        let text = |v: Option<&Value<'_>>, key: &str| {
            v.ok_or_else(|| format!("a path: missing field `{key}`"))?
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("a path: `{key}`: expected a string"))
        };
        // A plain loop, not `collect::<Result<…>>`: less code for the same result.
        let mut paths = Vec::with_capacity(list.len());
        for p in list {
            let mut found = [None; 2];
            members(p, "a path", &["class", "d"], &mut found)?;
            let [class, d] = found;
            paths.push(BasemapPath { class: text(class, "class")?, d: text(d, "d")? });
        }
        let mut owned = Vec::new();
        if let Some(l) = labels {
            let list = l.as_array().ok_or("`labels`: expected an array")?;
            owned.reserve_exact(list.len());
            for v in list {
                owned.push(v.to_owned_value());
            }
        }
        let (mut origin_m, mut bounds_m) = ([0; 2], [0; 4]);
        integers(origin, "origin", &mut origin_m)?;
        integers(bounds, "bounds", &mut bounds_m)?;
        Ok(BasemapFile { origin: origin_m, bounds: bounds_m, paths, labels: owned })
    }

    /// The file's compact JSON: `origin`, `bounds`, `paths`, then `labels` when there are
    /// any.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let list = |out: &mut String, numbers: &[i64]| {
            out.push('[');
            for (i, n) in numbers.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_number(*n as f64, out);
            }
            out.push(']');
        };
        out.push_str("{\"origin\":");
        list(&mut out, &self.origin);
        out.push_str(",\"bounds\":");
        list(&mut out, &self.bounds);
        out.push_str(",\"paths\":[");
        for (i, p) in self.paths.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"class\":");
            write_string(&p.class, &mut out);
            out.push_str(",\"d\":");
            write_string(&p.d, &mut out);
            out.push('}');
        }
        out.push(']');
        if !self.labels.is_empty() {
            out.push_str(",\"labels\":");
            Value::Array(self.labels.clone()).write(&mut out);
        }
        out.push('}');
        out
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
        labelled.labels = vec![Value::Object(vec![
            ("en".into(), "Panamá \"é\"\n".into()),
            ("x".into(), Value::from(1_i64)),
            ("y".into(), Value::from(-2.5)),
        ])];
        let text = labelled.to_json();
        assert!(text.ends_with(r#""labels":[{"en":"Panamá \"é\"\n","x":1,"y":-2.5}]}"#), "{text}");
        assert_eq!(BasemapFile::parse(&text).unwrap(), labelled);
    }

    #[test]
    fn refuses_what_is_not_a_band() {
        assert!(BasemapFile::parse("{}").is_err());
        assert!(
            BasemapFile::parse(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[{"class":"land"}]}"#).is_err()
        );
        assert!(BasemapFile::parse(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[],"extra":1}"#).is_err());
        assert!(BasemapFile::parse("[").is_err());
        let wrong = |text: &str| BasemapFile::parse(text).unwrap_err();
        assert_eq!(wrong("{}"), "not a basemap file: missing field `paths`");
        assert_eq!(
            wrong(r#"{"origin":[0,0],"bounds":[0,0,1],"paths":[]}"#),
            "not a basemap file: `bounds`: expected 4 numbers"
        );
        assert_eq!(
            wrong(r#"{"origin":[0,0.5],"bounds":[0,0,1,1],"paths":[]}"#),
            "not a basemap file: `origin`: expected whole numbers"
        );
        assert_eq!(
            wrong(r#"{"origin":[0,0],"origin":[0,0],"bounds":[0,0,1,1],"paths":[]}"#),
            "not a basemap file: the band: duplicate field `origin`"
        );
        assert_eq!(
            wrong(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[{"class":"land","d":7}]}"#),
            "not a basemap file: a path: `d`: expected a string"
        );
        assert_eq!(
            wrong(r#"{"origin":[0,0],"bounds":[0,0,1,1],"paths":[],"labels":{}}"#),
            "not a basemap file: `labels`: expected an array"
        );
        assert_eq!(wrong("[").as_str(), "not a basemap file: EOF while parsing a list at line 1 column 1");
    }
}
