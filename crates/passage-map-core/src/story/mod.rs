//! The story format (see `docs/story-format.md`): raw JSON becomes checked types, and
//! every problem becomes a [`StoryError`] naming the file, the JSON path and the reason.
//!
//! Parsing is lenient — whatever is valid is kept, so a widget with a broken story still
//! draws every valid layer — while [`check`] (used by `cargo xtask check-story` and the
//! tests) treats any error as fatal.

pub mod articles;
pub mod check;
pub mod citation;
pub mod error;
pub mod events;
pub mod geometry;
pub mod highlight;
pub mod json;
pub mod manifest;
pub mod passages;
pub mod places;
pub mod reader;
pub mod search;
pub mod text;
pub mod tour;

pub use error::{ErrorKind, StoryError};
pub use events::{Event, IsoDate};
pub use geometry::Geometry;
pub use manifest::{Article, Attribution, Layer, Manifest};
pub use passages::{Passage, PlaceMention, Unlinked};
pub use places::{Place, Source};
pub use reader::{ReaderParagraph, ReaderRun};
pub use text::Localised;
pub use tour::{TourCamera, TourStop};

use std::collections::HashMap;

use json::{Errors, Value};
pub use places::{PlacesParse, Progress};

/// A parsed story: what the widget shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Story {
    pub manifest: Manifest,
    pub places: Vec<Place>,
    pub passages: Vec<Passage>,
    pub unlinked: Vec<Unlinked>,
    /// The guided tour, in story order (empty when the story has none).
    pub tour: Vec<TourStop>,
}

/// A file of the story: its name (as story.json names it) and its text, or why it
/// could not be read.
#[derive(Clone, Debug)]
pub struct StoryFile<'a> {
    pub name: &'a str,
    pub text: Result<&'a str, String>,
}

impl<'a> StoryFile<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        StoryFile { name, text: Ok(text) }
    }

    /// The file's text, or the error saying it could not be read.
    pub(crate) fn readable_text(&self) -> Result<&'a str, StoryError> {
        match &self.text {
            Ok(t) => Ok(*t),
            Err(why) => Err(StoryError::new(
                self.name,
                "$",
                ErrorKind::Unreadable,
                format!("could not be read: {why}"),
            )),
        }
    }

    fn json(&self, errors: &mut Errors) -> Option<Value<'a>> {
        let parsed = self.readable_text().and_then(|text| json::parse(self.name, text));
        parsed.map_err(|e| errors.push(e)).ok()
    }
}

/// What [`StoryParse`] makes: the story, its errors, and for the checker whether
/// passages.json could be used at all.
pub(crate) struct Parsed {
    pub story: Story,
    pub errors: Vec<StoryError>,
    pub passages_usable: bool,
}

/// A story parsed in steps, so that a page can stay responsive while a big
/// places.geojson is read: [`Story::parse_in_steps`], then [`StoryParse::step`] until
/// it says `done` (yielding to the browser in between, showing
/// [`Progress::fraction`]), then [`StoryParse::finish`].
///
/// The steps read places.geojson a few features at a time ([`PlacesParse`]); `finish`
/// reads passages.json and resolves what refers across files (passages → places, events
/// and tour stops → passages). The result and the errors are exactly those of
/// [`Story::parse`], which is this same parse run in one go — as is the checker's.
///
/// ```
/// use passage_map_core::story::{Story, StoryFile};
/// let manifest = r#"{"title": {"en": "A story"}, "places": "places.geojson",
///     "passages": "passages.json", "layers": [], "articles": [],
///     "attribution": [{"name": "Me", "licence": "CC0"}]}"#;
/// let (manifest, _) = Story::parse_manifest(&StoryFile::new("story.json", manifest));
/// let places = StoryFile::new("places.geojson", r#"{"type": "FeatureCollection", "features": []}"#);
/// let passages = StoryFile::new("passages.json", r#"{"passages": []}"#);
/// let mut parse = Story::parse_in_steps(manifest, &places, &passages);
/// loop {
///     let progress = parse.step(2000);
///     // A page would show `progress.fraction()` here and yield to the browser.
///     if progress.done {
///         break;
///     }
/// }
/// let (story, errors) = parse.finish();
/// assert!(story.places.is_empty() && errors.is_empty());
/// ```
pub struct StoryParse<'a> {
    manifest: Manifest,
    places: PlacesParse<'a>,
    passages: StoryFile<'a>,
    article_bodies: Option<&'a dyn passages::ArticleBodies>,
}

impl<'a> StoryParse<'a> {
    /// Parses up to `max_features` more features of places.geojson (at least one), and
    /// says how far the parse has got.
    pub fn step(&mut self, max_features: usize) -> Progress {
        self.places.step(max_features)
    }

    /// How far the parse has got.
    pub fn progress(&self) -> Progress {
        self.places.progress()
    }

    /// Parses what is left (all of it, if no step was taken) and returns the story with
    /// every error, as [`Story::parse`] does.
    pub fn finish(self) -> (Story, Vec<StoryError>) {
        let parsed = self.finish_all();
        (parsed.story, parsed.errors)
    }

    pub(crate) fn finish_all(self) -> Parsed {
        let StoryParse { manifest, places, passages, article_bodies } = self;
        let mut errors = Errors::default();
        let mut places = places.finish_parts(&mut errors);
        let mut place_ids = manifest::IdSet::with_capacity(places.places.len());
        for p in &places.places {
            place_ids.insert(&p.id);
        }
        let mut article_ids = Vec::with_capacity(manifest.articles.len());
        for a in &manifest.articles {
            article_ids.push(a.id.as_str());
        }
        // A places file that is not a FeatureCollection with a list of features leaves every
        // place reference unanswerable: one message, not one per reference.
        let places_unusable = (!places.usable).then_some(manifest.places_file.as_str());
        let known = passages::KnownIds {
            places: &place_ids,
            left_out: &places.left_out,
            places_unusable,
            articles: &article_ids,
            article_bodies,
        };
        let passages_json = passages.json(&mut errors);
        let parsed = passages_json
            .as_ref()
            .map(|v| passages::parse_passages(&manifest.passages_file, v, &known, &mut errors))
            .unwrap_or_default();
        let passages_usable =
            passages_json.as_ref().is_some_and(|v| v.get("passages").is_some_and(Value::is_array));
        let citable = passages::Citable {
            passages: &parsed.passages,
            left_out: &parsed.left_out,
            file_unusable: (!passages_usable).then_some(manifest.passages_file.as_str()),
        };
        events::parse_events(&manifest.places_file, &mut places, citable, &mut errors);
        let tour = match &manifest.tour_source {
            Some(source) => {
                let ctx = tour::TourContext {
                    layers: &manifest.layers,
                    places: &places.places,
                    places_left_out: &places.left_out,
                    places_unusable,
                    passages: citable,
                };
                tour::parse_tour(source, &ctx, &mut errors)
            }
            None => Vec::new(),
        };
        // One message per left-out place or passage instead of one per follow-on.
        let passage_list = passages_json.as_ref().and_then(|v| v.get("passages")).and_then(Value::as_array);
        let place_path = |id: &str| places.left_out_path(id);
        let passage_path = |id: &str| {
            let i = passage_list?.iter().position(|p| p.get("id").and_then(Value::as_str) == Some(id))?;
            Some(format!("$.passages[{i}]"))
        };
        let passage_at = |path: &str| {
            let i = index_in(path.strip_prefix("$.passages[")?)?;
            passage_list?.get(i)?.get("id")?.as_str().map(str::to_owned)
        };
        let items = error::LeftOutItems {
            places_file: &manifest.places_file,
            passages_file: &manifest.passages_file,
            place_path: &place_path,
            passage_path: &passage_path,
            passage_at: &passage_at,
            passages_because: &parsed.left_out_because,
        };
        let errors = error::fold_follow_ons(errors.0, &items);
        let passages::ParsedPassages { passages, unlinked, .. } = parsed;
        Parsed {
            story: Story { manifest, places: places.places, passages, unlinked, tour },
            errors,
            passages_usable,
        }
    }
}

/// The index at the start of `rest`, digits closed by `]` (`7` of `7].places[0].id`).
/// A digit loop rather than `split` and `str::parse` (a searcher and a parser, inlined
/// here for this one use).
fn index_in(rest: &str) -> Option<usize> {
    let mut i: usize = 0;
    for (k, b) in rest.bytes().enumerate() {
        match b {
            b'0'..=b'9' => i = i.checked_mul(10)?.checked_add(usize::from(b - b'0'))?,
            b']' if k > 0 => return Some(i),
            _ => return None,
        }
    }
    None
}

impl Story {
    /// Parses story.json alone; the widget needs it to know which files to fetch next.
    pub fn parse_manifest(file: &StoryFile<'_>) -> (Manifest, Vec<StoryError>) {
        let mut errors = Errors::default();
        let manifest =
            file.json(&mut errors).map(|v| Manifest::parse(file.name, &v, &mut errors)).unwrap_or_default();
        (manifest, errors.0)
    }

    /// Parses the places and passages that `manifest` names, keeping everything valid.
    pub fn parse(
        manifest: Manifest,
        places: &StoryFile<'_>,
        passages: &StoryFile<'_>,
    ) -> (Story, Vec<StoryError>) {
        Story::steps(manifest, places, passages, None).finish()
    }

    /// [`Story::parse`] in steps: see [`StoryParse`].
    pub fn parse_in_steps<'a>(
        manifest: Manifest,
        places: &StoryFile<'a>,
        passages: &StoryFile<'a>,
    ) -> StoryParse<'a> {
        Story::steps(manifest, places, passages, None)
    }

    /// [`Story::parse_with_articles`] in steps: see [`StoryParse`].
    pub fn parse_in_steps_with_articles<'a>(
        manifest: Manifest,
        places: &StoryFile<'a>,
        passages: &StoryFile<'a>,
        article_bodies: Option<&'a HashMap<String, String>>,
    ) -> StoryParse<'a> {
        Story::steps(manifest, places, passages, article_bodies.map(|b| b as &dyn passages::ArticleBodies))
    }

    /// The parse in steps, checking quotes against `article_bodies` when given. Not
    /// generic, and the widget's calls pass `None`: the check is compiled only where a
    /// caller gives bodies (the checker).
    pub(crate) fn steps<'a>(
        manifest: Manifest,
        places: &StoryFile<'a>,
        passages: &StoryFile<'a>,
        article_bodies: Option<&'a dyn passages::ArticleBodies>,
    ) -> StoryParse<'a> {
        let mut layer_ids = Vec::with_capacity(manifest.layers.len());
        for l in &manifest.layers {
            layer_ids.push(l.id.as_str());
        }
        let places = PlacesParse::new(places, &layer_ids);
        StoryParse { manifest, places, passages: passages.clone(), article_bodies }
    }

    /// Like [`Story::parse`], and when `article_bodies` (article id → body text) is given,
    /// also rejects every quote that is not verbatim in its article.
    pub fn parse_with_articles(
        manifest: Manifest,
        places: &StoryFile<'_>,
        passages: &StoryFile<'_>,
        article_bodies: Option<&HashMap<String, String>>,
    ) -> (Story, Vec<StoryError>) {
        Story::parse_in_steps_with_articles(manifest, places, passages, article_bodies).finish()
    }

    /// Parses all three files at once.
    pub fn parse_files(
        manifest: &StoryFile<'_>,
        places: &StoryFile<'_>,
        passages: &StoryFile<'_>,
    ) -> (Story, Vec<StoryError>) {
        let (m, mut errors) = Story::parse_manifest(manifest);
        let (story, more) = Story::parse(m, places, passages);
        errors.extend(more);
        (story, errors)
    }

    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.manifest.layers.iter().find(|l| l.id == id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.manifest.articles.iter().find(|a| a.id == id)
    }

    /// The places of one layer, in file order.
    pub fn places_in_layer<'s>(&'s self, layer: &'s str) -> impl Iterator<Item = &'s Place> + 's {
        self.places.iter().filter(move |p| p.layer == layer)
    }

    /// The earliest and the latest year of all the places' events — the extent of the
    /// timeline — or `None` when no place has an event.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        // A plain loop rather than an iterator chain: less code, same work.
        let mut span: Option<(i32, i32)> = None;
        for e in self.places.iter().flat_map(|p| &p.events) {
            let (c, d) = e.years();
            span = Some(match span {
                Some((a, b)) => (a.min(c), b.max(d)),
                None => (c, d),
            });
        }
        span
    }

    /// Every passage that names the place, in file order.
    pub fn passages_naming<'s>(&'s self, place: &'s str) -> impl Iterator<Item = &'s Passage> + 's {
        self.passages.iter().filter(move |p| p.places.iter().any(|m| m.place == place))
    }

    /// The places a passage names, as places (unknown ids are already dropped by parsing).
    pub fn places_named_in<'s>(&'s self, passage: &'s Passage) -> impl Iterator<Item = &'s Place> + 's {
        passage.places.iter().filter_map(|m| self.place(&m.place))
    }
}

#[cfg(test)]
mod tests {
    use super::index_in;

    #[test]
    fn index_at_the_start_of_a_path() {
        assert_eq!(index_in("7].places[0].id"), Some(7));
        assert_eq!(index_in("120]"), Some(120));
        for no in ["]", "x]", "3", "", "1x]", "99999999999999999999999]"] {
            assert_eq!(index_in(no), None, "{no}");
        }
    }
}
