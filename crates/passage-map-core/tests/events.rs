//! Dated events on places: valid events are kept on their place, each rule the checker
//! enforces drops that event (never the place) with one exact error, and the timeline's
//! year filter and span.

mod common;

use serde_json::{json, Value};

use common::{collection, manifest, parse, passages, place, places, shown};
use passage_map_core::story::{Event, IsoDate, Localised, Story};

/// The test story with `events` on howard (the third feature).
fn with_events(events: Value) -> (Story, Vec<String>) {
    let mut places = places();
    places["features"][2]["properties"]["events"] = events;
    let (story, errors) = parse(&manifest(), &places, &passages());
    assert!(story.place("howard").is_some(), "an event's error never drops its place");
    (story, shown(&errors))
}

/// The errors of one invalid event on howard, which must be dropped.
fn errors_of(event: Value) -> Vec<String> {
    let (story, errors) = with_events(json!([event]));
    assert!(story.place("howard").unwrap().events.is_empty(), "the invalid event is left out");
    errors
}

fn label() -> Value {
    json!({ "en": "Air base", "es": "Base aérea" })
}

#[test]
fn valid_events_are_kept_in_order() {
    let (story, errors) = with_events(json!([
        { "start": "1942", "end": "1999-12-31", "label": label(), "passages": ["p-howard"] },
        { "start": "2025-04", "label": { "en": "Named again" } }
    ]));
    assert!(errors.is_empty(), "{errors:?}");
    let date = |y, m, d| IsoDate { year: y, month: m, day: d };
    assert_eq!(
        story.place("howard").unwrap().events,
        [
            Event {
                start: date(1942, None, None),
                end: Some(date(1999, Some(12), Some(31))),
                label: Localised { en: "Air base".into(), es: Some("Base aérea".into()) },
                passages: vec!["p-howard".into()],
            },
            Event {
                start: date(2025, Some(4), None),
                end: None,
                label: Localised::en("Named again"),
                passages: vec![],
            },
        ]
    );
    assert_eq!(story.year_span(), Some((1942, 2025)));
}

#[test]
fn an_invalid_event_is_dropped_and_the_others_kept() {
    let (story, errors) = with_events(json!([
        { "start": "1942", "label": label() },
        { "start": "1942-02-30", "label": label() },
        { "start": "1999", "label": label() }
    ]));
    let starts: Vec<String> =
        story.place("howard").unwrap().events.iter().map(|e| e.start.to_string()).collect();
    assert_eq!(starts, ["1942", "1999"]);
    assert_eq!(
        errors,
        [
            r#"invalid-value places.geojson: $.features[2].properties.events[1].start: "1942-02-30" is not a date: month 2 of 1942 has 28 days"#
        ]
    );
}

#[test]
fn bad_date_shape() {
    assert_eq!(
        errors_of(json!({ "start": "20 Dec 1989", "label": label() })),
        [
            r#"invalid-value places.geojson: $.features[2].properties.events[0].start: expected a date YYYY, YYYY-MM or YYYY-MM-DD, found "20 Dec 1989""#
        ]
    );
    assert_eq!(
        errors_of(json!({ "start": 1989, "label": label() })),
        ["wrong-type places.geojson: $.features[2].properties.events[0].start: expected a string, found a number"]
    );
    assert_eq!(
        errors_of(json!({ "label": label() })),
        [
            r#"missing-field places.geojson: $.features[2].properties.events[0].start: missing required field "start""#
        ]
    );
}

#[test]
fn invalid_dates() {
    assert_eq!(
        errors_of(json!({ "start": "1989-13", "label": label() })),
        [
            r#"invalid-value places.geojson: $.features[2].properties.events[0].start: "1989-13" is not a date: there is no month 13"#
        ]
    );
    assert_eq!(
        errors_of(json!({ "start": "1942", "end": "2023-02-29", "label": label() })),
        [
            r#"invalid-value places.geojson: $.features[2].properties.events[0].end: "2023-02-29" is not a date: month 2 of 2023 has 28 days"#
        ]
    );
}

#[test]
fn end_before_start() {
    assert_eq!(
        errors_of(json!({ "start": "1999-12-31", "end": "1999-12-30", "label": label() })),
        ["invalid-value places.geojson: $.features[2].properties.events[0].end: the event ends (1999-12-30) before it starts (1999-12-31)"]
    );
    // A year or month as the end covers all of it.
    let (story, errors) = with_events(json!([
        { "start": "1999-12-31", "end": "1999", "label": label() },
        { "start": "1999-12-31", "end": "1999-12", "label": label() }
    ]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(story.place("howard").unwrap().events.len(), 2);
}

#[test]
fn empty_labels() {
    assert_eq!(
        errors_of(json!({ "start": "1942", "label": { "en": "" } })),
        ["invalid-value places.geojson: $.features[2].properties.events[0].label.en: the English text is empty"]
    );
    assert_eq!(
        errors_of(json!({ "start": "1942", "label": { "en": "Base", "es": " " } })),
        [
            r#"invalid-value places.geojson: $.features[2].properties.events[0].label.es: the Spanish text is empty: write it, or leave "es" out to fall back to English"#
        ]
    );
}

#[test]
fn unknown_passage() {
    assert_eq!(
        errors_of(json!({ "start": "1942", "label": label(), "passages": ["p-howard", "p-gone"] })),
        [
            r#"unknown-passage places.geojson: $.features[2].properties.events[0].passages[1]: no passage has the id "p-gone""#
        ]
    );
}

#[test]
fn a_passage_that_does_not_name_the_place() {
    assert_eq!(
        errors_of(json!({ "start": "1942", "label": label(), "passages": ["p-both"] })),
        [
            r#"place-not-in-passage places.geojson: $.features[2].properties.events[0].passages[0]: the passage "p-both" does not name the place "howard" (it names: el-chorrillo, quarry-heights)"#
        ]
    );
}

#[test]
fn events_that_are_not_a_list() {
    let (story, errors) = with_events(json!({ "start": "1942" }));
    assert!(story.place("howard").unwrap().events.is_empty());
    assert_eq!(
        errors,
        ["wrong-type places.geojson: $.features[2].properties.events: expected an array, found an object"]
    );
}

#[test]
fn a_duplicate_feature_does_not_lend_its_events() {
    let mut first = place("howard", "bases", json!({ "en": "Howard" }), json!({}));
    first["properties"]["events"] = json!([{ "start": "1942", "label": label() }]);
    let second =
        place("howard", "bases", json!({ "en": "Howard" }), json!({ "events": [{ "start": "bad" }] }));
    let (story, errors) = parse(&manifest(), &collection(vec![first, second]), &json!({ "passages": [] }));
    assert_eq!(story.place("howard").unwrap().events.len(), 1);
    assert_eq!(
        shown(&errors),
        [
            r#"duplicate-id places.geojson: $.features[1].properties.id: the id "howard" is used twice; this one is left out"#
        ]
    );
}

#[test]
fn a_place_without_events_is_never_filtered_out() {
    let (story, _) = with_events(json!([{ "start": "1942", "end": "1999", "label": label() }]));
    let howard = story.place("howard").unwrap();
    assert!(howard.overlaps_years(1999, 2025));
    assert!(!howard.overlaps_years(2000, 2025));
    let chorrillo = story.place("el-chorrillo").unwrap();
    assert!(chorrillo.events.is_empty());
    assert!(chorrillo.overlaps_years(2000, 2025));
    assert_eq!(story.year_span(), Some((1942, 1999)));
}

#[test]
fn no_events_no_span() {
    let (story, _) = parse(&manifest(), &places(), &passages());
    assert_eq!(story.year_span(), None);
}

#[test]
fn article_dates_use_the_same_parser() {
    let mut m = manifest();
    m["articles"][0]["date"] = json!("2025-02-30");
    let (story, errors) = parse(&m, &places(), &passages());
    assert!(story.manifest.articles.is_empty());
    assert_eq!(
        shown(&errors)[0],
        r#"invalid-value story.json: $.articles[0].date: "2025-02-30" is not a date: month 2 of 2025 has 28 days"#
    );
}
