//! The story checker: everything the lenient parse reports, plus what needs the article
//! texts — quotes verbatim in their articles, and every paragraph that names a place
//! linked to it (or listed as deliberately unlinked).

use std::collections::HashMap;

use super::articles::{body, names_word, paragraphs};
use super::error::{ErrorKind, StoryError};
use super::{Story, StoryFile};

/// Checks a whole story. `read_article` returns an article file's text given its path
/// relative to story.json. Returns the parsed story and every error found.
pub fn check(
    manifest: &StoryFile<'_>,
    places: &StoryFile<'_>,
    passages: &StoryFile<'_>,
    read_article: impl Fn(&str) -> Result<String, String>,
) -> (Story, Vec<StoryError>) {
    let (m, mut errors) = Story::parse_manifest(manifest);
    let mut texts = HashMap::new();
    for (i, a) in m.articles.iter().enumerate() {
        match read_article(&a.file) {
            Ok(t) => {
                texts.insert(a.id.clone(), t);
            }
            Err(why) => errors.push(StoryError::new(
                manifest.name,
                &format!("$.articles[{i}].file"),
                ErrorKind::Unreadable,
                format!("the article file \"{}\" could not be read: {why}", a.file),
            )),
        }
    }
    let bodies: HashMap<String, String> =
        texts.iter().map(|(id, t)| (id.clone(), body(t).to_owned())).collect();
    let (story, more) = Story::parse_with_articles(m, places, passages, Some(&bodies));
    errors.extend(more);
    errors.extend(coverage(&story, &texts));
    (story, errors)
}

/// Every article paragraph that names a place by any of its names must be quoted by a
/// passage linked to that place, unless the name is listed in `unlinked` for that article.
pub fn coverage(story: &Story, texts: &HashMap<String, String>) -> Vec<StoryError> {
    let mut errors = Vec::new();
    for article in &story.manifest.articles {
        let Some(text) = texts.get(&article.id) else { continue };
        for (line, paragraph) in paragraphs(text) {
            for place in &story.places {
                let Some(name) = place.names().find(|n| names_word(paragraph, n)) else { continue };
                let linked = story.passages.iter().any(|p| {
                    p.article == article.id
                        && (paragraph.contains(p.quote.trim()) || p.quote.contains(paragraph))
                        && p.places.iter().any(|m| m.place == place.id)
                });
                let excused = story.unlinked.iter().any(|u| {
                    u.article == article.id && place.names().any(|n| n.eq_ignore_ascii_case(&u.mention))
                });
                if !linked && !excused {
                    errors.push(StoryError::new(
                        &article.file,
                        &format!("line {line}"),
                        ErrorKind::UnlinkedMention,
                        format!(
                            "names \"{name}\" (place \"{}\") but no passage of this paragraph links it; link it in passages.json or list it under \"unlinked\" with a reason",
                            place.id
                        ),
                    ));
                }
            }
        }
    }
    errors
}
