//! A small story built in code for the tests of the tour, events, search and reader: two
//! layers, three places and three passages, each part replaceable as JSON.

#![allow(dead_code)] // each test file uses a different part

use serde_json::{json, Value};

use passage_map_core::story::{Story, StoryError, StoryFile};

/// story.json: layers `city` and `bases`, one article `a`.
pub fn manifest() -> Value {
    json!({
        "title": { "en": "Test story" },
        "places": "places.geojson",
        "passages": "passages.json",
        "layers": [
            { "id": "city", "name": { "en": "City" }, "colour": "#112233", "symbol": "circle" },
            { "id": "bases", "name": { "en": "Bases" }, "colour": "#445566", "symbol": "square" }
        ],
        "articles": [
            { "id": "a", "file": "a.txt", "title": "A", "author": "B", "publication": "C" }
        ],
        "attribution": [ { "name": "Test", "licence": "none", "url": null } ]
    })
}

/// A point feature with the required properties; `extra` properties are merged in.
pub fn place(id: &str, layer: &str, name: Value, extra: Value) -> Value {
    let mut props = json!({
        "id": id,
        "layer": layer,
        "name": name,
        "kind": { "en": "place", "es": "lugar" },
        "description": { "en": "A place.", "es": "Un lugar." },
        "accuracy_m": 10,
        "sources": [ { "title": "Test", "url": null } ],
        "licence": "facts"
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        props[k] = v.clone();
    }
    json!({ "type": "Feature", "properties": props,
            "geometry": { "type": "Point", "coordinates": [-79.5, 8.9] } })
}

/// A FeatureCollection of `features`.
pub fn collection(features: Vec<Value>) -> Value {
    json!({ "type": "FeatureCollection", "features": features })
}

/// el-chorrillo and quarry-heights (layer `city`), howard (layer `bases`).
pub fn places() -> Value {
    collection(vec![
        place("el-chorrillo", "city", json!({ "en": "El Chorrillo" }), json!({})),
        place("quarry-heights", "city", json!({ "en": "Quarry Heights" }), json!({})),
        place("howard", "bases", json!({ "en": "Howard Air Force Base" }), json!({})),
    ])
}

/// `p-chorrillo` names el-chorrillo; `p-both` names el-chorrillo and quarry-heights;
/// `p-howard` names howard.
pub fn passages() -> Value {
    json!({ "passages": [
        { "id": "p-chorrillo", "article": "a", "quote": "El Chorrillo burned.",
          "places": [ { "id": "el-chorrillo", "mention": "El Chorrillo" } ] },
        { "id": "p-both", "article": "a", "quote": "From Quarry Heights down to El Chorrillo.",
          "places": [ { "id": "el-chorrillo", "mention": "El Chorrillo" },
                      { "id": "quarry-heights", "mention": "Quarry Heights" } ] },
        { "id": "p-howard", "article": "a", "quote": "Howard was a base.",
          "places": [ { "id": "howard", "mention": "Howard" } ] }
    ] })
}

/// Parses the three files (quotes are not checked against article texts).
pub fn parse(manifest: &Value, places: &Value, passages: &Value) -> (Story, Vec<StoryError>) {
    let (m, p, q) = (manifest.to_string(), places.to_string(), passages.to_string());
    Story::parse_files(
        &StoryFile::new("story.json", &m),
        &StoryFile::new("places.geojson", &p),
        &StoryFile::new("passages.json", &q),
    )
}

/// Errors as `kind file: path: reason` lines, for exact comparisons.
pub fn shown(errors: &[StoryError]) -> Vec<String> {
    errors.iter().map(|e| format!("{} {e}", e.kind.name())).collect()
}
