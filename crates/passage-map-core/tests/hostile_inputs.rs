//! What the fuzzers (fuzz/) throw at the parser and the checker, as fixed cases: every one
//! must end in errors or a story, never a panic, a stack overflow or a long stall. The
//! same inputs are fed to the widget in the browser by tests/e2e/hostile-stories.test.mjs.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use passage_map_core::scene::Scene;
use passage_map_core::story::check::check;
use passage_map_core::story::search::SearchIndex;
use passage_map_core::story::{ErrorKind, Story, StoryError, StoryFile};
use serde_json::{json, Value};

mod common;

const GEODATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../geodata");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{GEODATA}/{name}")).unwrap()
}

fn articles() -> HashMap<String, String> {
    let manifest: Value = serde_json::from_str(&read("story.json")).unwrap();
    manifest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap().to_owned())
        .map(|f| (f.clone(), read(&f)))
        .collect()
}

/// Parses (as the widget does) and checks (as check-story does) three texts, builds what
/// the widget builds, and returns the check's errors; fails if that takes over 10 s (60 s
/// in a debug build, on 2 shared cores).
fn run(manifest: &str, places: &str, passages: &str) -> Vec<StoryError> {
    let start = Instant::now();
    let (m, p, q) = (
        StoryFile::new("story.json", manifest),
        StoryFile::new("places.geojson", places),
        StoryFile::new("passages.json", passages),
    );
    let (story, _) = Story::parse_files(&m, &p, &q);
    let scene = Scene::new(&story);
    scene.places.iter().for_each(|p| {
        let _ = p.focus();
    });
    let index = SearchIndex::new(&story);
    let _ = index.search("chorrillo");
    let texts = articles();
    for a in &story.manifest.articles {
        if let Some(t) = texts.get(&a.file) {
            let _ = story.reader_paragraphs(&a.id, t);
        }
    }
    let (_, errors) = check(&m, &p, &q, |f| texts.get(f).cloned().ok_or_else(|| "missing".to_owned()));
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    errors
}

fn default_story() -> (String, Value, Value) {
    (
        read("story.json"),
        serde_json::from_str(&read("places.geojson")).unwrap(),
        serde_json::from_str(&read("passages.json")).unwrap(),
    )
}

fn kinds(errors: &[StoryError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.kind.name()).collect()
}

#[test]
fn nesting_deeper_than_the_json_parser_allows_is_invalid_json() {
    for deep in
        ["[".repeat(100_000), "{\"a\":".repeat(100_000), format!("{}0{}", "[".repeat(129), "]".repeat(129))]
    {
        let errors = run(&deep, &deep, &deep);
        assert_eq!(errors[0].kind, ErrorKind::InvalidJson, "{:?}", kinds(&errors));
        assert!(errors[0].reason.contains("recursion limit"), "{}", errors[0]);
    }
}

#[test]
fn deep_but_allowed_nesting_is_a_wrong_type() {
    let (m, mut places, passages) = default_story();
    let mut v = json!("x");
    for _ in 0..120 {
        v = json!({ "en": v });
    }
    places["features"][0]["properties"]["name"] = v;
    let errors = run(&m, &places.to_string(), &passages.to_string());
    assert_eq!(errors[0].kind, ErrorKind::WrongType, "{:?}", kinds(&errors));
}

#[test]
fn huge_numbers() {
    let (m, places, passages) = default_story();
    let text = places.to_string();
    // 1e400 overflows f64: serde_json refuses the file.
    let overflow = text.replacen("\"accuracy_m\":700", "\"accuracy_m\":1e400", 1);
    assert_ne!(overflow, text);
    assert_eq!(run(&m, &overflow, &passages.to_string())[0].kind, ErrorKind::InvalidJson);
    // Huge but finite: accepted as metres (a ring wider than the Earth), out of range as a
    // coordinate; an integer beyond u64 is a float to serde_json.
    let big = text.replacen("\"accuracy_m\":700", &format!("\"accuracy_m\":{}", "9".repeat(300)), 1);
    assert!(run(&m, &big, &passages.to_string()).is_empty());
    let far = text.replacen("[-79.5565,8.9575]", "[1e308,-1e308]", 1);
    assert_ne!(far, text);
    assert_eq!(run(&m, &far, &passages.to_string())[0].kind, ErrorKind::OutOfRange);
    let zoom = m.replacen("\"zoom\": ", "\"zoom\": 1e300 , \"x\": ", 1);
    assert!(!run(&zoom, &text, &passages.to_string()).is_empty());
}

#[test]
fn invalid_utf8_decoded_lossily_is_parsed_or_refused() {
    let (m, places, passages) = default_story();
    let mut bytes = places.to_string().into_bytes();
    // A lone continuation byte and an overlong sequence inside a name string.
    let at = bytes.windows(12).position(|w| w == b"\"El Chorrill").unwrap() + 1;
    bytes.splice(at..at, [0x80, 0xC0, 0xAF, 0xFF]);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains('\u{FFFD}'));
    let errors = run(&m, &text, &passages.to_string());
    // The place's name changed, so the articles no longer name it by that name.
    assert!(errors.iter().all(|e| e.kind == ErrorKind::UnlinkedMention), "{:?}", kinds(&errors));
    // Raw invalid bytes outside strings make invalid JSON.
    let mut broken = places.to_string().into_bytes();
    broken.insert(1, 0xFF);
    assert_eq!(
        run(&m, &String::from_utf8_lossy(&broken), &passages.to_string())[0].kind,
        ErrorKind::InvalidJson
    );
}

#[test]
fn ten_megabyte_strings() {
    let (m, mut places, mut passages) = default_story();
    let ten_mb = "é".repeat(5 * 1024 * 1024);
    places["features"][3]["properties"]["description"]["en"] = json!(ten_mb);
    places["features"][4]["properties"]["aliases"] = json!([ten_mb]);
    passages["passages"][2]["quote"] = json!(ten_mb);
    passages["passages"][3]["places"][0]["mention"] = json!(ten_mb);
    let errors = run(&m, &places.to_string(), &passages.to_string());
    assert!(errors.iter().any(|e| e.kind == ErrorKind::NotVerbatim), "{:?}", kinds(&errors));
    assert!(errors.iter().any(|e| e.kind == ErrorKind::MentionNotInQuote), "{:?}", kinds(&errors));
}

#[test]
fn a_quote_that_is_its_whole_article_and_more_is_reported_quickly() {
    // The verbatim check's "matches up to character n" once searched once per character
    // (quadratic); it bisects now.
    let (m, places, mut passages) = default_story();
    let specht = read("articles/5-specht-cecot.txt");
    let body = specht.split_once("\n---\n").unwrap().1;
    passages["passages"][0]["article"] = json!("specht-cecot");
    passages["passages"][0]["quote"] = json!(format!("{body}{body}"));
    let errors = run(&m, &places.to_string(), &passages.to_string());
    let e = errors.iter().find(|e| e.kind == ErrorKind::NotVerbatim).unwrap();
    assert!(e.reason.contains("matches up to character"), "{e}");
}

#[test]
fn empty_and_wrong_shaped_files() {
    for (m, p, q) in [
        ("", "", ""),
        ("null", "null", "null"),
        ("[]", "{}", "\"x\""),
        ("{}", r#"{"type":"FeatureCollection","features":{}}"#, r#"{"passages":7}"#),
        (
            "\u{FEFF}{}",
            "{\"type\":\"FeatureCollection\",\"features\":[null,1,\"x\",[]]}",
            "{\"passages\":[null,{}]}",
        ),
    ] {
        assert!(!run(m, p, q).is_empty());
    }
}

#[test]
fn the_common_test_story_still_parses() {
    // The fixed cases above start from the default story; this one from the small one.
    let (story, errors) = common::parse(&common::manifest(), &common::places(), &common::passages());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(story.places.len(), 3);
}
