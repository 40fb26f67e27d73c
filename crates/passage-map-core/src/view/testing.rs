//! A small story for the view model's tests: three layers, four places (one without
//! dates), three passages in two articles and a tour of three stops.

use crate::scene::Scene;
use crate::story::{Story, StoryFile};

use super::state::ViewState;

const MANIFEST: &str = r##"{
  "title": {"en": "Test"},
  "places": "places.geojson", "passages": "passages.json",
  "layers": [
    {"id": "barrio", "name": {"en": "Barrio"}, "colour": "#b85000", "symbol": "circle"},
    {"id": "bases", "name": {"en": "Bases"}, "colour": "#0072b2", "symbol": "square"},
    {"id": "prisons", "name": {"en": "Prisons"}, "colour": "#222222", "symbol": "star"}
  ],
  "articles": [
    {"id": "a1", "file": "a1.txt", "title": "One", "author": "A", "publication": "P", "date": "2024", "url": null, "language": "en"},
    {"id": "a2", "file": "a2.txt", "title": "Two", "author": "B", "publication": "P", "date": null, "url": null, "language": "en"}
  ],
  "attribution": [{"name": "Test", "licence": "CC0", "url": null}],
  "home": [-89.6, 7.9, -77.3, 14.2],
  "tour": [
    {"place": "chorrillo", "caption": {"en": "The barrio.", "es": "El barrio."}, "passages": ["p1"], "layers": ["barrio"]},
    {"place": "howard", "caption": {"en": "The base.", "es": "La base."}, "passages": ["p2"], "camera": {"center": [-79.6, 8.92], "zoom": 12}},
    {"place": "cecot", "caption": {"en": "The prison.", "es": "La cárcel."}, "passages": ["p3"]}
  ]
}"##;

fn feature(id: &str, layer: &str, lon: f64, lat: f64, kind_es: &str, events: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}},
        "properties": {{"id": "{id}", "layer": "{layer}", "name": {{"en": "{id}"}},
        "kind": {{"en": "place", "es": "{kind_es}"}}, "description": {{"en": "A place."}},
        "accuracy_m": 100, "sources": [{{"title": "Test", "url": null}}], "licence": "CC0", "events": [{events}]}}}}"#
    )
}

fn places() -> String {
    let features = [
        feature(
            "chorrillo",
            "barrio",
            -79.545,
            8.949,
            "barrio",
            r#"{"start": "1989-12-20", "label": {"en": "Bombed"}}"#,
        ),
        feature(
            "howard",
            "bases",
            -79.599,
            8.915,
            "base",
            r#"{"start": "1942", "end": "1999", "label": {"en": "US base"}}"#,
        ),
        feature(
            "cecot",
            "prisons",
            -88.81,
            13.53,
            "cárcel",
            r#"{"start": "2023-01", "label": {"en": "Opened"}}"#,
        ),
        feature("undated", "barrio", -79.55, 8.95, "lugar", ""),
    ];
    format!(r#"{{"type": "FeatureCollection", "features": [{}]}}"#, features.join(","))
}

const PASSAGES: &str = r#"{"passages": [
  {"id": "p1", "article": "a1", "quote": "El Chorrillo burned.", "places": [{"id": "chorrillo", "mention": "El Chorrillo"}]},
  {"id": "p2", "article": "a1", "quote": "From Howard to El Chorrillo.", "places": [{"id": "howard", "mention": "Howard"}, {"id": "chorrillo", "mention": "El Chorrillo"}]},
  {"id": "p3", "article": "a2", "quote": "CECOT holds them.", "places": [{"id": "cecot", "mention": "CECOT"}]}
]}"#;

/// The test story; it must parse without an error.
pub fn story() -> Story {
    let places = places();
    let (story, errors) = Story::parse_files(
        &StoryFile::new("story.json", MANIFEST),
        &StoryFile::new("places.geojson", &places),
        &StoryFile::new("passages.json", PASSAGES),
    );
    assert!(errors.is_empty(), "{errors:#?}");
    story
}

/// The state of the test story just loaded (no size yet, motion welcome).
pub fn state(story: &Story) -> ViewState {
    ViewState::new(story, &Scene::new(story), false)
}
