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
