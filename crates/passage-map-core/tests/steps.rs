//! The story parsed in steps (`Story::parse_in_steps`, `StoryParse::step`, as the widget
//! does with a big places.geojson) gives the same story and the same errors as the
//! one-go parse, whatever the step size; its progress only grows, up to the whole file.
//! Also how the feature-at-a-time read of places.geojson treats the root's members:
//! any order, the last of a repeated one, a fault anywhere in the text.

use std::collections::HashMap;

use passage_map_core::story::check::check_all;
use passage_map_core::story::places::PlacesParse;
use passage_map_core::story::{ErrorKind, Story, StoryError, StoryFile};
use serde_json::{json, Value};

mod common;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

/// Parses `places` and `passages` with the manifest `manifest` in steps of `step`
/// features, checking the progress on the way.
fn stepped(manifest: &str, places: &str, passages: &str, step: usize) -> (Story, Vec<StoryError>) {
    let (m, mut errors) = Story::parse_manifest(&StoryFile::new("story.json", manifest));
    let names = (m.places_file.clone(), m.passages_file.clone());
    let (p, q) = (StoryFile::new(&names.0, places), StoryFile::new(&names.1, passages));
    let mut parse = Story::parse_in_steps(m, &p, &q);
    let mut last = parse.progress();
    assert_eq!(last.total_bytes, places.len());
    let mut steps = 0;
    while !last.done {
        let now = parse.step(step);
        assert!(
            now.done_bytes >= last.done_bytes && now.done_bytes <= now.total_bytes,
            "{now:?} after {last:?}"
        );
        assert!(now.fraction() >= last.fraction());
        assert_eq!(now, parse.progress());
        last = now;
        steps += 1;
        assert!(steps <= places.len() + 2, "a step makes progress");
    }
    assert_eq!((last.done_bytes, last.fraction()), (places.len(), 1.0));
    let (story, more) = parse.finish();
    errors.extend(more);
    (story, errors)
}

fn one_go(manifest: &str, places: &str, passages: &str) -> (Story, Vec<StoryError>) {
    let (m, mut errors) = Story::parse_manifest(&StoryFile::new("story.json", manifest));
    let names = (m.places_file.clone(), m.passages_file.clone());
    let (story, more) =
        Story::parse(m, &StoryFile::new(&names.0, places), &StoryFile::new(&names.1, passages));
    errors.extend(more);
    (story, errors)
}

fn same_in_steps(manifest: &str, places: &str, passages: &str) {
    let whole = one_go(manifest, places, passages);
    for step in [1, 3, 1000] {
        assert!(stepped(manifest, places, passages, step) == whole, "step {step}: {places:.200}");
    }
}

#[test]
fn the_default_and_minimal_stories_and_every_fixture() {
    for dir in ["geodata", "examples/minimal-story"] {
        let (m, p, q) = (
            read(&format!("{dir}/story.json")),
            read(&format!("{dir}/places.geojson")),
            read(&format!("{dir}/passages.json")),
        );
        same_in_steps(&m, &p, &q);
        let (story, errors) = stepped(&m, &p, &q, 1);
        assert!(errors.is_empty() && !story.places.is_empty(), "{dir}: {errors:?}");
    }
    let minimal = |name: &str| read(&format!("examples/minimal-story/{name}"));
    for entry in std::fs::read_dir(format!("{ROOT}/crates/passage-map-core/tests/fixtures/errors")).unwrap() {
        let dir = entry.unwrap().path();
        let file = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|_| minimal(name));
        same_in_steps(&file("story.json"), &file("places.geojson"), &file("passages.json"));
    }
}

#[test]
fn every_fuzz_input() {
    let mut runs = 0;
    for dir in ["fuzz/corpus/story_bytes", "fuzz/seeds/story_bytes"] {
        for entry in std::fs::read_dir(format!("{ROOT}/{dir}")).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            // As the fuzz target cuts them.
            let mut parts = data.splitn(4, |b| *b == 0).map(String::from_utf8_lossy);
            let m = parts.next().unwrap_or_default();
            let p = parts.next().unwrap_or_default();
            let q = parts.next().unwrap_or_default();
            same_in_steps(&m, &p, &q);
            runs += 1;
        }
    }
    assert!(runs > 190, "{runs}");
}

#[test]
fn the_checker_parses_as_the_widget_does() {
    let (m, p, q) =
        (read("geodata/story.json"), read("geodata/places.geojson"), read("geodata/passages.json"));
    let articles: HashMap<String, String> = serde_json::from_str::<Value>(&m).unwrap()["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap().to_owned())
        .map(|f| (f.clone(), read(&format!("geodata/{f}"))))
        .collect();
    let checked = check_all(
        &StoryFile::new("story.json", &m),
        &StoryFile::new("places.geojson", &p),
        &StoryFile::new("passages.json", &q),
        |f| articles.get(f).cloned().ok_or_else(|| "missing".into()),
    );
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    assert_eq!(checked.story, stepped(&m, &p, &q, 1).0);
}

fn places_text(root: &str) -> String {
    root.replace(
        "FEATURE",
        &common::place("howard", "bases", json!({ "en": "Howard" }), json!({})).to_string(),
    )
}

fn parse_places(text: &str) -> (Vec<String>, Vec<String>) {
    let file = StoryFile::new("places.geojson", text);
    let mut parse = PlacesParse::new(&file, &["bases", "city"]);
    while !parse.step(1).done {}
    let (places, errors) = parse.finish();
    (
        places.into_iter().map(|p| p.id).collect(),
        errors.iter().map(|e| format!("{} {e}", e.kind.name())).collect(),
    )
}

#[test]
fn the_root_members_in_any_order_and_the_last_of_a_repeated_one() {
    let ok = (vec!["howard".to_owned()], Vec::<String>::new());
    assert_eq!(parse_places(&places_text(r#"{"type":"FeatureCollection","features":[FEATURE]}"#)), ok);
    assert_eq!(
        parse_places(&places_text(r#"{"features":[FEATURE],"bbox":[1,2,3,4],"type":"FeatureCollection"}"#)),
        ok
    );
    assert_eq!(
        parse_places(&places_text(
            r#"{"features":[FEATURE,{}],"type":"FeatureCollection","features":[FEATURE]}"#
        )),
        ok
    );
    assert_eq!(
        parse_places(&places_text(r#"{"type":"FeatureCollection","features":[FEATURE],"features":[]}"#)),
        (vec![], vec![])
    );
    assert_eq!(
        parse_places(&places_text(r#"{"type":"FeatureCollection","features":[FEATURE],"features":null}"#)),
        (
            vec![],
            vec!["missing-field places.geojson: $.features: missing required field \"features\"".to_owned()]
        )
    );
    assert_eq!(
        parse_places(&places_text(r#"{"type":"FeatureCollection","features":{"a":[FEATURE]}}"#)),
        (
            vec![],
            vec!["wrong-type places.geojson: $.features: expected an array, found an object".to_owned()]
        )
    );
    // The type comes last and is wrong: nothing of the features is kept or reported.
    assert_eq!(
        parse_places(&places_text(r#"{"features":[FEATURE,{}],"type":"Feature","type":"Collection"}"#)),
        (
            vec![],
            vec![
                "invalid-value places.geojson: $.type: expected \"FeatureCollection\", found \"Collection\""
                    .to_owned()
            ]
        )
    );
    assert_eq!(
        parse_places("[1, 2]"),
        (
            vec![],
            vec!["invalid-value places.geojson: $.type: expected \"FeatureCollection\", found nothing"
                .to_owned()]
        )
    );
}

#[test]
fn a_fault_anywhere_leaves_only_itself() {
    // Features read before the fault are dropped with their errors: the file is not JSON.
    for (text, at) in [
        (
            r#"{"type":"FeatureCollection","features":[{}, FEATURE, FEATURE}"#,
            "expected `,` or `]` at line 1 column",
        ),
        (r#"{"type":"FeatureCollection","features":[{}, FEATURE]}]"#, "trailing characters at line 1 column"),
        (r#"{"type":"FeatureCollection","features":[{}, FEATURE],"x":[[[[1e400]]]]}"#, "number out of range"),
        ("\n[FEATURE,", "EOF while parsing a value at line 2 column"),
    ] {
        let (places, errors) = parse_places(&places_text(text));
        assert!(places.is_empty(), "{text}");
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        assert!(errors[0].starts_with("invalid-json places.geojson: $: not valid JSON: "), "{}", errors[0]);
        assert!(errors[0].contains(at), "{} — {at}", errors[0]);
    }
    // And everything that refers to the places says once that the file could not be used.
    let (manifest, passages) = (common::manifest().to_string(), common::passages().to_string());
    let (story, errors) = stepped(&manifest, "{\"type\":\"FeatureCollection\",\"features\":[", &passages, 1);
    assert!(story.places.is_empty() && story.passages.is_empty());
    let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [ErrorKind::InvalidJson, ErrorKind::LeftOut], "{errors:?}");
}

#[test]
fn events_come_from_the_feature_of_the_place() {
    let event = |label: &str, passage: &str| json!([{ "start": "1989", "label": { "en": label }, "passages": [passage] }]);
    let places = common::collection(vec![
        common::place(
            "el-chorrillo",
            "city",
            json!({ "en": "El Chorrillo" }),
            json!({ "events": event("first", "p-chorrillo") }),
        ),
        common::place(
            "howard",
            "bases",
            json!({ "en": "Howard" }),
            json!({ "events": event("bad", "p-chorrillo") }),
        ),
        common::place("quarry-heights", "city", json!({ "en": "Quarry Heights" }), json!({})),
        // A duplicate: left out, and its events with it.
        common::place(
            "el-chorrillo",
            "city",
            json!({ "en": "Again" }),
            json!({ "events": event("second", "p-both") }),
        ),
    ]);
    let (m, p, q) = (common::manifest().to_string(), places.to_string(), common::passages().to_string());
    same_in_steps(&m, &p, &q);
    let (story, errors) = stepped(&m, &p, &q, 1);
    let chorrillo = story.place("el-chorrillo").unwrap();
    assert_eq!(chorrillo.events.len(), 1);
    assert_eq!(chorrillo.events[0].label.en, "first");
    assert!(story.place("howard").unwrap().events.is_empty());
    let paths: Vec<(&str, &str)> = errors.iter().map(|e| (e.kind.name(), e.path.as_str())).collect();
    assert_eq!(
        paths,
        [
            ("duplicate-id", "$.features[3].properties.id"),
            ("place-not-in-passage", "$.features[1].properties.events[0].passages[0]"),
        ]
    );
}
