//! The story checker: everything the lenient parse reports, plus what needs the article
//! texts — quotes verbatim in their articles, and every paragraph that names a place
//! linked to it (or listed as deliberately unlinked).

use std::cell::RefCell;
use std::collections::HashMap;

use super::articles::{body, names_word_lower, paragraphs};
use super::error::{ErrorKind, StoryError};
use super::json::{Reader, SyntaxError, Value};
use super::passages::ArticleBodies;
use super::{Story, StoryFile};

/// Checks a whole story. `read_article` returns an article file's text given its path
/// relative to story.json. Returns the parsed story and every error found.
pub fn check(
    manifest: &StoryFile<'_>,
    places: &StoryFile<'_>,
    passages: &StoryFile<'_>,
    read_article: impl Fn(&str) -> Result<String, String>,
) -> (Story, Vec<StoryError>) {
    let checked = check_all(manifest, places, passages, read_article);
    (checked.story, checked.errors)
}

/// A checked story: its errors (any of which fails the check) and its warnings (which
/// do not: today, polygon rings wound against RFC 7946 that the parser turned).
pub struct Checked {
    pub story: Story,
    pub errors: Vec<StoryError>,
    pub warnings: Vec<StoryError>,
}

/// [`check`], and the warnings.
pub fn check_all(
    manifest: &StoryFile<'_>,
    places: &StoryFile<'_>,
    passages: &StoryFile<'_>,
    read_article: impl Fn(&str) -> Result<String, String>,
) -> Checked {
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
    let articles = Articles {
        bodies: texts.iter().map(|(id, t)| (id.clone(), body(t).to_owned())).collect(),
        left_out: RefCell::new(Vec::new()),
    };
    // The widget's parse, with the quotes checked against the articles.
    let parsed = Story::steps(m, places, passages, Some(&articles)).finish_all();
    let story = parsed.story;
    errors.extend(parsed.errors);
    // Without passages.json every paragraph would be "unlinked": its own error says enough.
    if parsed.passages_usable {
        errors.extend(coverage_except(&story, &texts, &articles.left_out.into_inner()));
    }
    Checked { story, errors, warnings: winding_warnings(places) }
}

/// The article bodies that the checker's parse checks quotes against, and the (article,
/// quote) of every passage it leaves out that has both, for the coverage check.
struct Articles {
    bodies: HashMap<String, String>,
    left_out: RefCell<Vec<(String, String)>>,
}

impl ArticleBodies for Articles {
    fn not_verbatim(&self, article: &str, quote: &str) -> Option<String> {
        self.bodies.not_verbatim(article, quote)
    }

    fn left_out(&self, passage: &Value<'_>) {
        let text = |key: &str| passage.get(key).and_then(Value::as_str).map(str::to_owned);
        if let (Some(article), Some(quote)) = (text("article"), text("quote")) {
            self.left_out.borrow_mut().push((article, quote));
        }
    }
}

/// The [`feature_winding_warnings`] of every feature of places.geojson, in the root's
/// `features` array (the last one, when the member is repeated, as the parse takes it);
/// none when the file is unreadable or not JSON (its error says enough).
///
/// The checker alone reports them, so they are found here, in a read of the file of its
/// own, one feature at a time, rather than in the parse the widget shares.
fn winding_warnings(places: &StoryFile<'_>) -> Vec<StoryError> {
    let mut out = Vec::new();
    if let Ok(text) = places.text.as_deref() {
        if scan_features(&mut Reader::new(text), places.name, &mut out).is_err() {
            out.clear();
        }
    }
    out
}

fn scan_features(r: &mut Reader<'_>, file: &str, out: &mut Vec<StoryError>) -> Result<(), SyntaxError> {
    if r.peek() != Some(b'{') {
        r.value(0)?;
        return r.end();
    }
    r.open(0)?;
    let mut first = true;
    while let Some(key) = r.next_key(first)? {
        first = false;
        if key != "features" {
            r.value(1)?;
            continue;
        }
        // A repeated member replaces the one before.
        out.clear();
        if r.peek() != Some(b'[') {
            r.value(1)?;
            continue;
        }
        r.open(1)?;
        let mut i = 0;
        while r.next_element(i == 0)? {
            let feature = r.value(2)?;
            feature_winding_warnings(file, i, &feature, out);
            i += 1;
        }
    }
    r.end()
}

/// The polygon rings of the feature `features[index]` wound against RFC 7946 §3.1.6
/// (exteriors counter-clockwise, holes clockwise), as [`ErrorKind::ClockwiseRing`]
/// warnings added to `out`. Rings that are errors of their own (not positions, unclosed,
/// too short) get none.
pub(crate) fn feature_winding_warnings(
    file: &str,
    index: usize,
    feature: &Value<'_>,
    out: &mut Vec<StoryError>,
) {
    fn ring_area2(ring: &Value<'_>) -> Option<f64> {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for p in ring.as_array()? {
            pts.push((p.at(0)?.as_f64()?, p.at(1)?.as_f64()?));
        }
        if pts.len() < 4 || pts.first() != pts.last() {
            return None;
        }
        Some(pts.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum())
    }
    let mut polygon = |rings: Option<&Value<'_>>, path: String| {
        for (i, ring) in rings.and_then(Value::as_array).into_iter().flatten().enumerate() {
            let Some(a) = ring_area2(ring) else { continue };
            if a != 0.0 && (a > 0.0) != (i == 0) {
                let (what, should) =
                    if i == 0 { ("exterior ring", "counter-clockwise") } else { ("hole", "clockwise") };
                out.push(StoryError::new(
                    file,
                    &format!("{path}[{i}]"),
                    ErrorKind::ClockwiseRing,
                    format!("this {what} is wound the other way; RFC 7946 wants it {should} (it is turned when read; write it turned)"),
                ));
            }
        }
    };
    let Some(g) = feature.get("geometry") else { return };
    let coords = g.get("coordinates");
    match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => polygon(coords, format!("$.features[{index}].geometry.coordinates")),
        Some("MultiPolygon") => {
            for (p, rings) in coords.and_then(Value::as_array).into_iter().flatten().enumerate() {
                polygon(Some(rings), format!("$.features[{index}].geometry.coordinates[{p}]"));
            }
        }
        _ => {}
    }
}

/// Every article paragraph that names a place by any of its names or demonyms
/// ([`super::Place::mentions`]) must be quoted by a passage linked to that place, unless
/// the word is listed in `unlinked` for that article (which excuses that word only, not
/// the place's other names).
pub fn coverage(story: &Story, texts: &HashMap<String, String>) -> Vec<StoryError> {
    coverage_except(story, texts, &[])
}

/// [`coverage`], skipping the paragraphs quoted by `left_out` passages ((article, quote)
/// of passages left out for an error of their own): their places are unknown until that
/// error is fixed, and the error already says so.
pub(crate) fn coverage_except(
    story: &Story,
    texts: &HashMap<String, String>,
    left_out: &[(String, String)],
) -> Vec<StoryError> {
    let mut errors = Vec::new();
    // Each place's words, trimmed and lowercased once: (as written, lowercased).
    let words: Vec<Vec<(&str, String)>> = story
        .places
        .iter()
        .map(|p| p.mentions().map(|n| (n, n.trim().to_lowercase())).filter(|(_, l)| !l.is_empty()).collect())
        .collect();
    // Whether a passage quotes the paragraph (or part of it). The length tests skip
    // searches that cannot succeed, which for a 10 MB quote cost 10 MB each.
    let quotes = |paragraph: &str, quote: &str| {
        let q = quote.trim();
        (q.len() <= paragraph.len() && paragraph.contains(q))
            || (paragraph.len() <= quote.len() && quote.contains(paragraph))
    };
    for article in &story.manifest.articles {
        let Some(text) = texts.get(&article.id) else { continue };
        let passages: Vec<_> = story.passages.iter().filter(|p| p.article == article.id).collect();
        // A left-out quote longer than its article cannot be quoting it (and searching
        // each paragraph in a 10 MB quote would cost 10 MB a paragraph).
        let skipped: Vec<&str> = left_out
            .iter()
            .filter(|(a, q)| *a == article.id && q.len() <= text.len())
            .map(|(_, q)| q.as_str())
            .collect();
        for (line, paragraph) in paragraphs(text) {
            if skipped.iter().any(|q| quotes(paragraph, q)) {
                continue;
            }
            let hay = paragraph.to_lowercase();
            let quoting: Vec<_> = passages.iter().filter(|p| quotes(paragraph, &p.quote)).collect();
            for (place, words) in story.places.iter().zip(&words) {
                // A word listed under `unlinked` for this article is no mention; the
                // place's other words still are.
                let excused = |word: &str| {
                    story.unlinked.iter().any(|u| {
                        u.article == article.id && word.trim().eq_ignore_ascii_case(u.mention.trim())
                    })
                };
                let Some((name, _)) = words.iter().find(|(n, l)| names_word_lower(&hay, l) && !excused(n))
                else {
                    continue;
                };
                let linked = quoting.iter().any(|p| p.places.iter().any(|m| m.place == place.id));
                if !linked {
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
