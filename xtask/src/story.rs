//! `cargo xtask check-story <dir>`: runs the story checker of passage-map-core on a folder.

use std::path::Path;

use passage_map_core::story::check::check_all;
use passage_map_core::story::{Story, StoryError, StoryFile};

/// What a checked story holds, or every error found.
pub struct Checked {
    pub places: usize,
    pub passages: usize,
    pub articles: usize,
    pub errors: Vec<StoryError>,
    /// Reported, but the story passes (rings wound against RFC 7946).
    pub warnings: Vec<StoryError>,
}

/// Reads `<dir>/story.json`, the files it names and the article files, and checks them.
pub fn check_dir(dir: &Path) -> Checked {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let manifest_text = read("story.json");
    let manifest_file =
        StoryFile { name: "story.json", text: manifest_text.as_deref().map_err(Clone::clone) };
    let (manifest, manifest_errors) = Story::parse_manifest(&manifest_file);
    if manifest.places_file.is_empty() || manifest.passages_file.is_empty() {
        // Without the names of the other files, the manifest's own errors are all there is.
        return Checked {
            places: 0,
            passages: 0,
            articles: 0,
            errors: manifest_errors,
            warnings: Vec::new(),
        };
    }
    let (places_name, passages_name) = (manifest.places_file.clone(), manifest.passages_file.clone());
    let places_text = read(&places_name);
    let passages_text = read(&passages_name);
    let places_file = StoryFile { name: &places_name, text: places_text.as_deref().map_err(Clone::clone) };
    let passages_file =
        StoryFile { name: &passages_name, text: passages_text.as_deref().map_err(Clone::clone) };
    let checked = check_all(&manifest_file, &places_file, &passages_file, read);
    Checked {
        places: checked.story.places.len(),
        passages: checked.story.passages.len(),
        articles: checked.story.manifest.articles.len(),
        errors: checked.errors,
        warnings: checked.warnings,
    }
}

/// Prints each error prefixed with `<dir>/`, then a summary; Err when there is any error.
pub fn report(dir_label: &str, checked: &Checked) -> Result<(), String> {
    let prefix = if dir_label.ends_with('/') { dir_label.to_owned() } else { format!("{dir_label}/") };
    for e in &checked.errors {
        println!("{prefix}{e}");
    }
    for w in &checked.warnings {
        println!("warning: {prefix}{w}");
    }
    match checked.errors.len() {
        0 => {
            let warnings = match checked.warnings.len() {
                0 => String::new(),
                1 => " (1 warning)".to_owned(),
                n => format!(" ({n} warnings)"),
            };
            println!(
                "story ok: {} places, {} passages, {} articles{warnings}",
                checked.places, checked.passages, checked.articles
            );
            Ok(())
        }
        n => {
            println!("{n} error{}", if n == 1 { "" } else { "s" });
            Err(format!("the story in {dir_label} has {n} error{}", if n == 1 { "" } else { "s" }))
        }
    }
}

pub fn check_story_command(dir: &str) -> Result<(), String> {
    let path = Path::new(dir);
    if !path.is_dir() {
        return Err(format!("{dir} is not a folder"));
    }
    report(dir.trim_end_matches('/'), &check_dir(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_example_story_is_ok() {
        let checked = check_dir(&crate::util::root().join("examples/minimal-story"));
        assert!(
            checked.errors.is_empty(),
            "{:?}",
            checked.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()
        );
        assert!(checked.places > 0 && checked.articles > 0);
    }

    #[test]
    fn a_clockwise_ring_warns_without_failing() {
        let dir = std::env::temp_dir().join(format!("passage-map-cw-{}", std::process::id()));
        crate::util::copy_tree(&crate::util::root().join("geodata"), &dir).unwrap();
        let path = dir.join("places.geojson");
        let mut places: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let chorrillo = places["features"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|f| f["properties"]["id"] == "el-chorrillo")
            .unwrap();
        chorrillo["geometry"]["coordinates"][0][0].as_array_mut().unwrap().reverse();
        std::fs::write(&path, places.to_string()).unwrap();
        let checked = check_dir(&dir);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        assert_eq!(checked.warnings.len(), 1);
        assert!(checked.warnings[0]
            .to_string()
            .contains("coordinates[0][0]: this exterior ring is wound the other way"));
        assert!(report("x", &checked).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_folder_reports_unreadable_manifest() {
        let checked = check_dir(Path::new("/nonexistent/passage-map-story"));
        assert!(!checked.errors.is_empty());
        assert_eq!(checked.errors[0].file, "story.json");
    }
}
