//! Search over a small story: every word of the query must occur, case and accents are
//! ignored, and places are ranked name-starts, name, alias, then other texts.

mod common;

use serde_json::json;

use common::{collection, manifest, parse, place};
use passage_map_core::story::search::SearchIndex;
use passage_map_core::story::Story;

fn story() -> Story {
    let places = collection(vec![
        // 0: named after a town in Darién only in its description
        place(
            "decapolis",
            "city",
            json!({ "en": "Hotel Decápolis" }),
            json!({ "description": { "en": "Deportees were later moved to the Darién.", "es": "Luego los llevaron a Darién." } }),
        ),
        // 1: Darién in its Spanish name, not its English one
        place(
            "san-vicente",
            "city",
            json!({ "en": "San Vicente station", "es": "Estación de San Vicente (Darién)" }),
            json!({}),
        ),
        // 2: name starts with Darién
        place("darien-gap", "city", json!({ "en": "Darién Gap", "es": "Tapón del Darién" }), json!({})),
        // 3: Darién only as an alias
        place("lajas", "city", json!({ "en": "Lajas Blancas" }), json!({ "aliases": ["ERM Darien Lajas"] })),
        // 4: no Darién at all
        place(
            "howard",
            "bases",
            json!({ "en": "Howard Air Force Base", "es": "Base aérea Howard" }),
            json!({}),
        ),
        // 5: found by its Spanish kind
        place(
            "cecot",
            "bases",
            json!({ "en": "CECOT" }),
            json!({ "kind": { "en": "mega-prison", "es": "megacárcel" } }),
        ),
    ]);
    let (story, errors) = parse(&manifest(), &places, &json!({ "passages": [] }));
    assert!(errors.is_empty(), "{errors:?}");
    story
}

fn ids(story: &Story, query: &str) -> Vec<String> {
    story.search(query).into_iter().map(|i| story.places[i].id.clone()).collect()
}

#[test]
fn darien_finds_the_darien_places_best_first() {
    let s = story();
    assert_eq!(ids(&s, "darien"), ["darien-gap", "san-vicente", "lajas", "decapolis"]);
    assert_eq!(ids(&s, "DARIÉN"), ids(&s, "darien"));
    assert_eq!(ids(&s, "Darie\u{301}n"), ids(&s, "darien"));
}

#[test]
fn every_word_must_occur_somewhere() {
    let s = story();
    assert_eq!(ids(&s, "san darien"), ["san-vicente"]);
    assert_eq!(ids(&s, "  hotel   darién "), ["decapolis"]);
    assert_eq!(ids(&s, "hotel howard"), Vec::<String>::new());
    assert_eq!(ids(&s, "base aerea"), ["howard"]);
}

#[test]
fn spanish_kind_and_name_prefix() {
    let s = story();
    assert_eq!(ids(&s, "carcel"), ["cecot"]);
    assert_eq!(ids(&s, "cec"), ["cecot"]);
    assert_eq!(ids(&s, "tapon del"), ["darien-gap"]);
}

#[test]
fn blank_query_lists_every_place_and_nonsense_none() {
    let s = story();
    assert_eq!(s.search(""), [0, 1, 2, 3, 4, 5]);
    assert_eq!(s.search(" \t "), [0, 1, 2, 3, 4, 5]);
    assert!(s.search("zzz").is_empty());
}

#[test]
fn an_index_built_once_answers_the_same() {
    let s = story();
    let index = SearchIndex::new(&s);
    for q in ["darien", "carcel", "", "zzz", "base"] {
        assert_eq!(index.search(q), s.search(q), "{q}");
    }
}
