//! The guided tour in story.json: valid stops become `Story::tour` in order, and every
//! rule the checker enforces on a stop drops that stop with one exact error.

mod common;

use serde_json::{json, Value};

use common::{manifest, parse, passages, places, shown};
use passage_map_core::geo::LonLat;
use passage_map_core::story::{Localised, TourCamera, TourStop};

fn with_tour(tour: Value) -> Value {
    let mut m = manifest();
    m["tour"] = tour;
    m
}

fn stop(place: &str, passages: &[&str]) -> Value {
    json!({ "place": place, "caption": { "en": "A caption.", "es": "Un pie." }, "passages": passages })
}

/// Parses a one-stop tour and returns its errors as text; the stop must be dropped.
fn errors_of(stop: Value) -> Vec<String> {
    let (story, errors) = parse(&with_tour(json!([stop])), &places(), &passages());
    assert!(story.tour.is_empty(), "an invalid stop is left out");
    shown(&errors)
}

#[test]
fn valid_stops_are_kept_in_order() {
    let mut first = stop("el-chorrillo", &["p-chorrillo", "p-both"]);
    first["layers"] = json!(["city"]);
    let mut second = stop("howard", &["p-howard"]);
    second["camera"] = json!({ "center": [-79.75, 9.1], "zoom": 9.5 });
    let (story, errors) = parse(&with_tour(json!([first, second])), &places(), &passages());
    assert!(errors.is_empty(), "{errors:?}");
    let caption = Localised { en: "A caption.".into(), es: Some("Un pie.".into()) };
    assert_eq!(
        story.tour,
        [
            TourStop {
                place: "el-chorrillo".into(),
                caption: caption.clone(),
                passages: vec!["p-chorrillo".into(), "p-both".into()],
                camera: None,
                layers: Some(vec!["city".into()]),
            },
            TourStop {
                place: "howard".into(),
                caption,
                passages: vec!["p-howard".into()],
                camera: Some(TourCamera { center: LonLat::new(-79.75, 9.1), zoom: 9.5 }),
                layers: None,
            },
        ]
    );
}

#[test]
fn no_tour_is_an_empty_tour() {
    let (story, errors) = parse(&manifest(), &places(), &passages());
    assert!(errors.is_empty() && story.tour.is_empty());
}

#[test]
fn an_invalid_stop_is_dropped_and_the_others_kept() {
    let tour =
        json!([stop("el-chorrillo", &["p-chorrillo"]), stop("nowhere", &[]), stop("howard", &["p-howard"])]);
    let (story, errors) = parse(&with_tour(tour), &places(), &passages());
    let kept: Vec<&str> = story.tour.iter().map(|s| s.place.as_str()).collect();
    assert_eq!(kept, ["el-chorrillo", "howard"]);
    assert_eq!(
        shown(&errors),
        [r#"unknown-place story.json: $.tour[1].place: no place has the id "nowhere""#]
    );
}

#[test]
fn unknown_place() {
    assert_eq!(
        errors_of(stop("comandancia", &["p-chorrillo"])),
        [r#"unknown-place story.json: $.tour[0].place: no place has the id "comandancia""#]
    );
}

#[test]
fn a_place_left_out_for_its_own_error_says_so() {
    let mut places = places();
    places["features"][2]["properties"]["accuracy_m"] = json!("far");
    let (story, errors) = parse(&with_tour(json!([stop("howard", &["p-howard"])])), &places, &passages());
    assert!(story.tour.is_empty());
    assert_eq!(
        shown(&errors).last().unwrap(),
        r#"left-out places.geojson: $.features[2]: the place "howard" is left out because of the error above, and with it 1 passage that names it (p-howard) and 1 tour stop"#
    );
}

#[test]
fn unknown_passage() {
    assert_eq!(
        errors_of(stop("el-chorrillo", &["p-chorrillo", "p-gone"])),
        [r#"unknown-passage story.json: $.tour[0].passages[1]: no passage has the id "p-gone""#]
    );
}

#[test]
fn a_passage_that_does_not_name_the_place() {
    assert_eq!(
        errors_of(stop("quarry-heights", &["p-both", "p-chorrillo"])),
        [
            r#"place-not-in-passage story.json: $.tour[0].passages[1]: the passage "p-chorrillo" does not name the place "quarry-heights" (it names: el-chorrillo)"#
        ]
    );
}

#[test]
fn a_stop_needs_a_passage() {
    assert_eq!(
        errors_of(stop("howard", &[])),
        [
            r#"invalid-value story.json: $.tour[0].passages: a stop needs at least one passage naming "howard" to back its caption"#
        ]
    );
    let mut s = stop("howard", &[]);
    s.as_object_mut().unwrap().remove("passages");
    assert_eq!(
        errors_of(s),
        [r#"missing-field story.json: $.tour[0].passages: missing required field "passages""#]
    );
}

#[test]
fn empty_captions() {
    let mut s = stop("howard", &["p-howard"]);
    s["caption"] = json!({ "en": " ", "es": "Howard." });
    assert_eq!(errors_of(s), ["invalid-value story.json: $.tour[0].caption.en: the English text is empty"]);
    let mut s = stop("howard", &["p-howard"]);
    s["caption"] = json!({ "en": "Howard.", "es": "" });
    assert_eq!(
        errors_of(s),
        [
            r#"invalid-value story.json: $.tour[0].caption.es: the Spanish text is empty: write it, or leave "es" out to fall back to English"#
        ]
    );
}

#[test]
fn unknown_layer() {
    let mut s = stop("howard", &["p-howard"]);
    s["layers"] = json!(["bases", "ports"]);
    assert_eq!(
        errors_of(s),
        [
            r#"unknown-layer story.json: $.tour[0].layers[1]: the layer "ports" is not defined in story.json (known: city, bases)"#
        ]
    );
}

#[test]
fn layers_must_show_the_stops_place() {
    let mut s = stop("howard", &["p-howard"]);
    s["layers"] = json!(["city"]);
    assert_eq!(
        errors_of(s),
        [
            r#"invalid-value story.json: $.tour[0].layers: the stop's place "howard" is in the layer "bases", which this list leaves out"#
        ]
    );
}

#[test]
fn camera_out_of_range() {
    let mut s = stop("howard", &["p-howard"]);
    s["camera"] = json!({ "center": [9.1, -179.75], "zoom": 9 });
    assert_eq!(
        errors_of(s),
        ["out-of-range story.json: $.tour[0].camera.center: latitude -179.75 is outside −90…90 (is the order [lon, lat]?)"]
    );
    for (zoom, found) in [(json!(22.5), "22.5"), (json!(-1), "-1")] {
        let mut s = stop("howard", &["p-howard"]);
        s["camera"] = json!({ "center": [-79.75, 9.1], "zoom": zoom });
        assert_eq!(
            errors_of(s),
            [format!(
                "invalid-value story.json: $.tour[0].camera.zoom: expected a zoom level 0…22, found {found}"
            )]
        );
    }
    let mut s = stop("howard", &["p-howard"]);
    s["camera"] = json!({ "center": [-79.75, 9.1], "zoom": "near" });
    assert_eq!(
        errors_of(s),
        ["wrong-type story.json: $.tour[0].camera.zoom: expected a number, found a string"]
    );
}

#[test]
fn a_tour_that_is_not_a_list() {
    let (story, errors) = parse(&with_tour(json!({ "place": "howard" })), &places(), &passages());
    assert!(story.tour.is_empty());
    assert_eq!(shown(&errors), ["wrong-type story.json: $.tour: expected an array, found an object"]);
}
