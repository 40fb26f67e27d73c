//! The code shared by the fuzz targets: run a story (as files) through everything the
//! widget and `cargo xtask check-story` do with it — lenient parse, checker, scene,
//! search, reader — and let any panic, hang or runaway allocation surface.

pub mod mutate;

use std::collections::HashMap;

use passage_map_core::scene::Scene;
use passage_map_core::story::check::check_all;
use passage_map_core::story::{Story, StoryFile};

/// The default story in geodata/, as compiled into the fuzzer.
pub mod default_story {
    pub const MANIFEST: &str = include_str!("../../geodata/story.json");
    pub const PLACES: &str = include_str!("../../geodata/places.geojson");
    pub const PASSAGES: &str = include_str!("../../geodata/passages.json");
    /// (file name as story.json names it, text)
    pub const ARTICLES: [(&str, &str); 5] = [
        (
            "articles/1-rights-action-reparations.txt",
            include_str!("../../geodata/articles/1-rights-action-reparations.txt"),
        ),
        (
            "articles/2-fernandez-little-hiroshima.txt",
            include_str!("../../geodata/articles/2-fernandez-little-hiroshima.txt"),
        ),
        (
            "articles/3-guzman-silent-invasion.txt",
            include_str!("../../geodata/articles/3-guzman-silent-invasion.txt"),
        ),
        (
            "articles/4-mowforth-deportees.txt",
            include_str!("../../geodata/articles/4-mowforth-deportees.txt"),
        ),
        ("articles/5-specht-cecot.txt", include_str!("../../geodata/articles/5-specht-cecot.txt")),
    ];
}

/// Runs three story files and the article texts (file name → text) through the parser,
/// the checker and what the widget computes from a parsed story.
pub fn run_story(manifest: &str, places: &str, passages: &str, articles: &HashMap<String, String>) {
    let m = StoryFile::new("story.json", manifest);
    let p = StoryFile::new("places.geojson", places);
    let q = StoryFile::new("passages.json", passages);

    // What the widget does: parse leniently, keep what is valid, show the errors.
    let (story, errors) = Story::parse_files(&m, &p, &q);
    for e in &errors {
        assert!(!e.to_string().is_empty());
    }
    let scene = Scene::new(&story);
    for place in &scene.places {
        let _ = place.focus();
    }
    let _ = story.year_span();
    let index = passage_map_core::story::search::SearchIndex::new(&story);
    for place in story.places.iter().take(4) {
        let _ = index.search(&place.name.en);
    }
    let _ = index.search("");
    for article in &story.manifest.articles {
        if let Some(text) = articles.get(&article.file) {
            let _ = story.reader_paragraphs(&article.id, text);
        }
    }

    // What `cargo xtask check-story` does.
    let read = |file: &str| articles.get(file).cloned().ok_or_else(|| "no such file".to_owned());
    let checked = check_all(&m, &p, &q, read);
    for e in checked.errors.iter().chain(&checked.warnings) {
        assert!(!e.to_string().is_empty());
    }
}

/// Arbitrary bytes: cut at NUL bytes into story.json, places.geojson, passages.json and
/// one article text that every article file of story.json reads.
pub fn run_bytes(data: &[u8]) {
    let mut parts = data.splitn(4, |b| *b == 0).map(String::from_utf8_lossy);
    let manifest = parts.next().unwrap_or_default();
    let places = parts.next().unwrap_or_default();
    let passages = parts.next().unwrap_or_default();
    let article = parts.next();
    let mut articles = HashMap::new();
    if let Some(text) = article {
        // Every file name story.json might give reads this text.
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(&manifest) {
            if let Some(list) = m.get("articles").and_then(|a| a.as_array()) {
                for a in list {
                    if let Some(f) = a.get("file").and_then(|f| f.as_str()) {
                        articles.insert(f.to_owned(), text.to_string());
                    }
                }
            }
        }
    }
    run_story(&manifest, &places, &passages, &articles);
}
