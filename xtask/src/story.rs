//! `cargo xtask check-story <dir>`: runs the story checker of passage-map-core on a folder.

use std::path::Path;

use passage_map_core::story::check::check;
use passage_map_core::story::{Story, StoryError, StoryFile};

/// What a checked story holds, or every error found.
pub struct Checked {
    pub places: usize,
    pub passages: usize,
    pub articles: usize,
    pub errors: Vec<StoryError>,
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
        return Checked { places: 0, passages: 0, articles: 0, errors: manifest_errors };
    }
    let (places_name, passages_name) = (manifest.places_file.clone(), manifest.passages_file.clone());
    let places_text = read(&places_name);
    let passages_text = read(&passages_name);
    let places_file = StoryFile { name: &places_name, text: places_text.as_deref().map_err(Clone::clone) };
    let passages_file =
        StoryFile { name: &passages_name, text: passages_text.as_deref().map_err(Clone::clone) };
    let (story, errors) = check(&manifest_file, &places_file, &passages_file, read);
    Checked {
        places: story.places.len(),
        passages: story.passages.len(),
        articles: story.manifest.articles.len(),
        errors,
    }
}

/// Prints each error prefixed with `<dir>/`, then a summary; Err when there is any error.
pub fn report(dir_label: &str, checked: &Checked) -> Result<(), String> {
    let prefix = if dir_label.ends_with('/') { dir_label.to_owned() } else { format!("{dir_label}/") };
    for e in &checked.errors {
        println!("{prefix}{e}");
    }
    match checked.errors.len() {
        0 => {
            println!(
                "story ok: {} places, {} passages, {} articles",
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
    fn missing_folder_reports_unreadable_manifest() {
        let checked = check_dir(Path::new("/nonexistent/passage-map-story"));
        assert!(!checked.errors.is_empty());
        assert_eq!(checked.errors[0].file, "story.json");
    }
}
