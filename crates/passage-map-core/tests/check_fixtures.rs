//! The checker against fixture stories: the minimal example story passes, and each
//! fixture under `fixtures/errors/<kind>/` (the minimal story with a few files replaced)
//! yields exactly the errors listed in its `expected.txt`, the first being of `<kind>`
//! (for `left-out`, which follows another error, one of them).

use std::fs;
use std::path::{Path, PathBuf};

use passage_map_core::story::check::check_all;
use passage_map_core::story::{StoryError, StoryFile};

fn minimal_story() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/minimal-story")
}

/// Reads `name` from the fixture folder if it has it, else from the minimal story.
fn read(fixture: Option<&Path>, name: &str) -> Result<String, String> {
    let path =
        fixture.map(|f| f.join(name)).filter(|p| p.exists()).unwrap_or_else(|| minimal_story().join(name));
    fs::read_to_string(&path).map_err(|e| e.to_string())
}

fn check_fixture(fixture: Option<&Path>) -> Vec<StoryError> {
    let manifest_text = read(fixture, "story.json").unwrap();
    let manifest = StoryFile::new("story.json", &manifest_text);
    let (m, _) = passage_map_core::story::Story::parse_manifest(&manifest);
    let places_text = read(fixture, &m.places_file);
    let passages_text = read(fixture, &m.passages_file);
    let places = StoryFile { name: &m.places_file, text: places_text.as_deref().map_err(Clone::clone) };
    let passages = StoryFile { name: &m.passages_file, text: passages_text.as_deref().map_err(Clone::clone) };
    // Errors, then warnings (which do not fail a check).
    let checked = check_all(&manifest, &places, &passages, |file| read(fixture, file));
    checked.errors.into_iter().chain(checked.warnings).collect()
}

#[test]
fn the_minimal_story_passes() {
    let errors = check_fixture(None);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn each_error_fixture_yields_its_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let mut kinds = Vec::new();
    for entry in fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let kind = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let errors = check_fixture(Some(&dir));
        let got: Vec<String> = errors.iter().map(|e| format!("{} {e}", e.kind.name())).collect();
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            fs::write(dir.join("expected.txt"), got.join("\n") + "\n").unwrap();
        }
        let expected_text = fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        let expected: Vec<&str> = expected_text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(got, expected, "fixture {kind}");
        if kind == "left-out" {
            // A follow-on: it comes after the error that left the item out.
            assert!(errors.iter().skip(1).any(|e| e.kind.name() == kind), "fixture {kind}");
        } else {
            assert_eq!(errors[0].kind.name(), kind, "fixture {kind}: first error is of its kind");
        }
        kinds.push(kind);
    }
    // One fixture per error kind the checker knows.
    assert_eq!(kinds.len(), 21, "{kinds:?}");
}

/// The winding warnings follow the parse's reading of places.geojson: the last `features`
/// member counts, a file that is no FeatureCollection still gets them, one that is not
/// JSON gets none (its error says enough).
#[test]
fn winding_warnings_follow_the_features_the_parse_reads() {
    let clockwise = r#"{"type": "Feature", "geometry": {"type": "Polygon",
        "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]}, "properties": {}}"#;
    let warnings = |places_text: String| {
        let manifest_text = read(None, "story.json").unwrap();
        let manifest = StoryFile::new("story.json", &manifest_text);
        let places = StoryFile::new("places.geojson", &places_text);
        let passages_text = read(None, "passages.json").unwrap();
        let passages = StoryFile::new("passages.json", &passages_text);
        let checked = check_all(&manifest, &places, &passages, |file| read(None, file));
        checked.warnings.iter().map(|w| w.path.clone()).collect::<Vec<_>>()
    };
    let one = vec!["$.features[1].geometry.coordinates[0]".to_owned()];
    let collection = |features: &str| format!(r#"{{"type": "FeatureCollection", "features": {features}}}"#);
    assert_eq!(warnings(collection(&format!("[{{}}, {clockwise}]"))), one);
    // A repeated member replaces the one before, whatever it is.
    let twice = format!(
        r#"{{"features": [{clockwise}], "type": "FeatureCollection", "features": [{{}}, {clockwise}]}}"#
    );
    assert_eq!(warnings(twice), one);
    let replaced = format!(r#"{{"features": [{clockwise}], "type": "FeatureCollection", "features": null}}"#);
    assert!(warnings(replaced).is_empty());
    // Not a FeatureCollection: its error, and the warnings still.
    assert_eq!(warnings(format!(r#"{{"features": [{{}}, {clockwise}]}}"#)), one);
    // Not JSON (the fault after the features): no warnings.
    assert!(warnings(collection(&format!("[{{}}, {clockwise}], ]"))).is_empty());
    assert!(warnings(format!("[{clockwise}]")).is_empty());
}
