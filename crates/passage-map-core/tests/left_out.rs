//! One error, one message: a place or passage left out for an error of its own is
//! reported once, with what it takes along (passages, tour stops, events), instead of one
//! follow-on line for each of them — on the default story, where El Chorrillo alone is
//! named by 11 passages.

use std::fs;
use std::path::{Path, PathBuf};

use passage_map_core::story::check::check;
use passage_map_core::story::StoryFile;
use serde_json::Value;

fn geodata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../geodata")
}

/// Checks the default story with `edit` applied to places.geojson and `edit_passages` to
/// passages.json; the errors as `kind file: path: reason` lines.
fn check_edited(edit: impl FnOnce(&mut Value), edit_passages: impl FnOnce(&mut Value)) -> Vec<String> {
    let dir = geodata();
    let read = |name: &str| fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let manifest = read("story.json").unwrap();
    let mut places: Value = serde_json::from_str(&read("places.geojson").unwrap()).unwrap();
    let mut passages: Value = serde_json::from_str(&read("passages.json").unwrap()).unwrap();
    edit(&mut places);
    edit_passages(&mut passages);
    let (places, passages) = (places.to_string(), passages.to_string());
    let (_, errors) = check(
        &StoryFile::new("story.json", &manifest),
        &StoryFile::new("places.geojson", &places),
        &StoryFile::new("passages.json", &passages),
        read,
    );
    errors.iter().map(|e| format!("{} {e}", e.kind.name())).collect()
}

fn feature<'a>(places: &'a mut Value, id: &str) -> &'a mut Value {
    places["features"].as_array_mut().unwrap().iter_mut().find(|f| f["properties"]["id"] == id).unwrap()
}

#[test]
fn a_bad_feature_gives_its_error_and_one_line_for_what_it_takes_along() {
    let errors =
        check_edited(|p| feature(p, "el-chorrillo")["properties"]["accuracy_m"] = (-5).into(), |_| {});
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("invalid-value places.geojson: $.features[2].properties.accuracy_m:"));
    assert!(
        errors[1].starts_with(
            "left-out places.geojson: $.features[2]: the place \"el-chorrillo\" is left out because of the error above, and with it 11 passages that name it (rights-action-01, fernandez-01,"
        ),
        "{}",
        errors[1]
    );
    assert!(errors[1].ends_with("and 6 more), 3 tour stops and 4 events"), "{}", errors[1]);
}

#[test]
fn a_passage_left_out_for_its_own_error_takes_its_stops_and_events() {
    // fernandez-09 is cited by a tour stop and by events of two places.
    let errors = check_edited(
        |_| {},
        |q| {
            let p =
                q["passages"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "fernandez-09").unwrap();
            p["quote"] = Value::from(format!("{} (not in the article)", p["quote"].as_str().unwrap()));
        },
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("not-verbatim passages.json: $.passages["), "{}", errors[0]);
    assert!(
        errors[1].contains("the passage \"fernandez-09\" is left out because of the error above, and with it 1 tour stop and 2 events citing it"),
        "{}",
        errors[1]
    );
}

#[test]
fn two_bad_features_give_one_line_each() {
    let errors = check_edited(
        |p| {
            feature(p, "howard")["geometry"]["coordinates"] = serde_json::json!([-79.6, 98.0]);
            feature(p, "cecot")["properties"]["licence"] = Value::Null;
        },
        |_| {},
    );
    let left_out: Vec<&String> = errors.iter().filter(|e| e.starts_with("left-out")).collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(left_out.len(), 2, "{errors:#?}");
    assert!(
        left_out.iter().any(|e| e.contains("\"howard\"")) && left_out.iter().any(|e| e.contains("\"cecot\""))
    );
}

#[test]
fn an_unusable_file_gives_one_line_for_everything_that_refers_into_it() {
    let errors = check_edited(|p| *p = serde_json::json!({ "type": "Feature" }), |_| {});
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("invalid-value places.geojson: $.type: expected \"FeatureCollection\""));
    assert!(
        errors[1].starts_with(
            "left-out places.geojson: $: nothing in this file can be used because of the error above, so these are left out too: 41 passages that name its places (rights-action-01,"
        ),
        "{}",
        errors[1]
    );
    assert!(errors[1].ends_with("and 11 tour stops"), "{}", errors[1]);
    // Without passages.json, the tour and the events lose their passages, and the
    // coverage test (every paragraph would be unlinked) is not run.
    let errors = check_edited(|_| {}, |q| *q = serde_json::json!([]));
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[1].starts_with("left-out passages.json: $: nothing in this file can be used"),
        "{}",
        errors[1]
    );
    assert!(errors[1].ends_with("11 tour stops and 18 events"), "{}", errors[1]);
}
