//! `places.geojson`: the story's places as an RFC 7946 FeatureCollection, each feature
//! with its layer, names, description, accuracy and sources.
//!
//! The file is read a feature at a time ([`PlacesParse`]): the features array is never
//! held as one JSON tree, and a caller can stop between steps (the widget yields to the
//! browser and shows its progress).

use super::error::{unknown_layer, ErrorKind, StoryError};
use super::events::Event;
use super::geometry::Geometry;
use super::json::{each, opt_string, string, syntax_error, Errors, Node, ParseResult, Reader, Value};
use super::manifest::{remove_at, without_duplicates};
use super::text::{check_id, check_url, Localised};
use super::StoryFile;

/// Above this uncertainty (metres) a place is shown as "approximate location" with a ring.
pub const APPROXIMATE_ABOVE_M: f64 = 500.0;

/// Where a place's location comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    /// http(s) only.
    pub url: Option<String>,
}

/// One place of the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub layer: String,
    pub name: Localised,
    pub kind: Localised,
    pub description: Localised,
    /// Boxed, as few places have one: an absent one costs 8 bytes, not 48.
    pub dates: Option<Box<Localised>>,
    pub note: Option<Box<Localised>>,
    /// Other names the articles use for the place.
    pub aliases: Vec<String>,
    /// Words for the place's people or things ("chorrilleros" for El Chorrillo): the
    /// coverage check counts them as mentions of the place; search does not.
    pub demonyms: Vec<String>,
    /// How far the true location may be from the geometry, in metres.
    pub accuracy_m: f64,
    /// The point stands for a town or area; the facility itself is not located.
    pub placeholder: bool,
    pub confidence: Option<String>,
    pub sources: Vec<Source>,
    pub licence: String,
    /// Marked on the map with a ring, explained by the story's `highlight_legend`.
    pub highlight: bool,
    /// One of the story's headline places: named on the map at every zoom, first in a
    /// group's label.
    pub headline: bool,
    /// Dated events, in file order (parsed with the passages they cite, by
    /// [`super::Story::parse`]).
    pub events: Vec<Event>,
    pub geometry: Geometry,
}

impl Place {
    /// Whether the card must say "approximate location" and the map draw an uncertainty ring.
    pub fn is_approximate(&self) -> bool {
        self.placeholder || self.accuracy_m > APPROXIMATE_ABOVE_M
    }

    /// Whether the place is a single point (rings are drawn for points only; shapes show
    /// their own extent).
    pub fn geometry_is_point(&self) -> bool {
        matches!(self.geometry, Geometry::Point(_))
    }

    /// Whether the place belongs in a time range from year `from` to `to` (both
    /// included): one of its events touches the range. A place without events has no
    /// dates to filter by, so it is always in range — a timeline never hides it.
    pub fn overlaps_years(&self, from: i32, to: i32) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e.overlaps_years(from, to))
    }

    /// Every name the place goes by: English, Spanish, aliases (for searching texts).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.en.as_str())
            .chain(self.name.es.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Every word the coverage check takes as naming the place: [`Place::names`] and the
    /// demonyms.
    pub fn mentions(&self) -> impl Iterator<Item = &str> {
        self.names().chain(self.demonyms.iter().map(String::as_str))
    }
}

impl TryFrom<&Node<'_>> for Source {
    type Error = Box<StoryError>;
    fn try_from(n: &Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        Ok(Source { title: string(n, "title")?, url: check_url(n, "url")? })
    }
}

fn localised(n: &Node<'_>, key: &str) -> ParseResult<Localised> {
    Localised::try_from(&n.require(key)?)
}

fn opt_localised(n: &Node<'_>, key: &str) -> ParseResult<Option<Box<Localised>>> {
    n.field(key).map(|n| Localised::try_from(&n).map(Box::new)).transpose()
}

fn sources(props: &Node<'_>) -> ParseResult<Vec<Source>> {
    let mut list = Vec::new();
    if let Some(n) = props.field("sources") {
        each(n, &mut |s| {
            list.push(Source::try_from(&s)?);
            Ok(())
        })?;
    }
    if list.is_empty() {
        return Err(props.field_error(
            "sources",
            ErrorKind::MissingSource,
            "the place names no source for its location",
        ));
    }
    Ok(list)
}

/// An optional `true`/`false` property, false when absent.
fn flag(props: &Node<'_>, key: &str) -> ParseResult<bool> {
    match props.field(key) {
        Some(b) => b.value.as_bool().ok_or_else(|| b.error(ErrorKind::WrongType, "expected true or false")),
        None => Ok(false),
    }
}

/// An optional list of strings (`aliases`, `demonyms`).
fn strings(props: &Node<'_>, key: &str) -> ParseResult<Vec<String>> {
    let mut list = Vec::new();
    if let Some(n) = props.field(key) {
        each(n, &mut |a| {
            list.push(a.as_str()?.to_owned());
            Ok(())
        })?;
    }
    Ok(list)
}

impl TryFrom<&Node<'_>> for Place {
    type Error = Box<StoryError>;
    fn try_from(feature: &Node<'_>) -> ParseResult<Self> {
        feature.require_object()?;
        let geometry = Geometry::try_from(&feature.require("geometry")?)?;
        let mut place = Place {
            id: String::new(),
            layer: String::new(),
            name: Localised::default(),
            kind: Localised::default(),
            description: Localised::default(),
            dates: None,
            note: None,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            accuracy_m: 0.0,
            placeholder: false,
            confidence: None,
            sources: Vec::new(),
            licence: String::new(),
            highlight: false,
            headline: false,
            events: Vec::new(),
            geometry,
        };
        place.read_properties(&feature.require("properties")?)?;
        Ok(place)
    }
}

impl Place {
    /// Fills in the fields from the feature's `properties`, checked in a fixed order so
    /// that the first error is always the same one. Filling in a place rather than
    /// building one keeps a single clean-up for every way this can fail.
    fn read_properties(&mut self, p: &Node<'_>) -> ParseResult<()> {
        p.require_object()?;
        let a = p.require("accuracy_m")?;
        self.accuracy_m = a.as_f64()?;
        if !(self.accuracy_m.is_finite() && self.accuracy_m >= 0.0) {
            return Err(a.error(
                ErrorKind::InvalidValue,
                format!("expected metres ≥ 0, found {}", crate::path::format_coord(self.accuracy_m, 3)),
            ));
        }
        self.licence = opt_string(p, "licence")?.filter(|l| !l.trim().is_empty()).ok_or_else(|| {
            p.field_error(
                "licence",
                ErrorKind::MissingLicence,
                "the place states no licence for its geometry",
            )
        })?;
        self.id = check_id(p.require("id")?)?;
        self.layer = check_id(p.require("layer")?)?;
        self.name = localised(p, "name")?;
        self.kind = localised(p, "kind")?;
        self.description = localised(p, "description")?;
        self.dates = opt_localised(p, "dates")?;
        self.note = opt_localised(p, "note")?;
        self.aliases = strings(p, "aliases")?;
        self.demonyms = strings(p, "demonyms")?;
        self.placeholder = flag(p, "placeholder")?;
        self.confidence = opt_string(p, "confidence")?;
        self.sources = sources(p)?;
        self.highlight = flag(p, "highlight")?;
        self.headline = flag(p, "headline")?;
        Ok(())
    }
}

/// Checks that the id at `n` is a place's (`is_place`); when the feature with that id was
/// left out for an error of its own, says so instead of "no place has the id".
///
/// Not generic: one copy for the passages' mentions and the tour's stops.
#[inline(never)]
pub(super) fn known_place(
    n: Node<'_>,
    is_place: &dyn Fn(&str) -> bool,
    left_out: &[String],
    file_unusable: Option<&str>,
) -> ParseResult<String> {
    let place = check_id(n)?;
    if let Some(file) = file_unusable {
        return Err(n.follow_on(super::error::Cause::File(file.to_owned())));
    }
    if is_place(&place) {
        return Ok(place);
    }
    if left_out.contains(&place) {
        return Err(n.follow_on(super::error::Cause::Place(place)));
    }
    Err(n.error(ErrorKind::UnknownPlace, format!("no place has the id \"{place}\"")))
}

/// How far a step-by-step parse has got ([`PlacesParse::step`],
/// [`super::StoryParse::step`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of places.geojson read so far; `total_bytes` when done.
    pub done_bytes: usize,
    pub total_bytes: usize,
    /// Features read so far (valid or not), in the `features` array now being read.
    pub features: usize,
    /// Nothing is left to read (the file is read, or was found unusable).
    pub done: bool,
}

impl Progress {
    /// The share read, 0.0…1.0 (1.0 for an empty or unreadable file).
    pub fn fraction(&self) -> f64 {
        if self.done || self.total_bytes == 0 {
            1.0
        } else {
            self.done_bytes as f64 / self.total_bytes as f64
        }
    }
}

/// Where the reader stands in places.geojson.
enum Stage {
    /// Before the root value.
    Start,
    /// In the root object, before a member (or its end).
    Members {
        first: bool,
    },
    /// In the root's `features` array, before an element (or its end).
    Features {
        first: bool,
    },
    Done,
}

/// What the root's `features` member is (the last one, when it is repeated).
enum FeaturesMember {
    Absent,
    /// Not an array: its JSON type name, or `None` for null (which counts as absent).
    Other(Option<&'static str>),
    Array,
}

/// How many places to make room for once this many features are read: then the share
/// of the file they took tells how many there will be, so that the list of places is
/// allocated once, near its final size, instead of doubling (which, at its last
/// doubling, holds the old and the new list at once: 1.5× to 3× the places' size).
const ESTIMATE_AFTER: usize = 256;

/// places.geojson, parsed a feature at a time: each element of `features` is read into a
/// [`Value`] (its strings borrowed from the text), turned into a [`Place`] and dropped,
/// so the parse holds one feature's tree at a time. The root's other members are read
/// as they come, in any order (a repeated member: the last one counts).
///
/// ```
/// use passage_map_core::story::places::PlacesParse;
/// use passage_map_core::story::StoryFile;
/// let text = r#"{"type": "FeatureCollection", "features": []}"#;
/// let file = StoryFile::new("places.geojson", text);
/// let mut parse = PlacesParse::new(&file, &["camps"]);
/// while !parse.step(1000).done {}
/// let (places, errors) = parse.finish();
/// assert!(places.is_empty() && errors.is_empty());
/// ```
///
/// Errors are what the whole-file parse reports: a text that is not JSON gives that one
/// error and no places, wherever the fault lies — so whatever came before it is kept
/// only until then, and dropped.
pub struct PlacesParse<'a> {
    file: &'a str,
    reader: Reader<'a>,
    stage: Stage,
    layer_ids: Vec<String>,
    /// The last `type` member, when it is a string.
    kind: Option<String>,
    features: FeaturesMember,
    /// Features read in the current `features` array.
    count: usize,
    places: Vec<Place>,
    /// The index in `features` of each of `places`.
    place_features: Vec<usize>,
    /// (feature index, `properties.events`) of the places with events (not null), parsed
    /// once the passages they cite are known ([`super::events::parse_events`]).
    events: Vec<(usize, Value<'a>)>,
    /// Where the current `features` array's first element starts.
    features_start: usize,
    /// Ids of the features left out (invalid, or of an unknown layer), and where.
    left_out: Vec<String>,
    left_out_at: Vec<usize>,
    /// The features' own errors, reported when the file turns out usable.
    feature_errors: Vec<StoryError>,
    /// Unreadable, or not JSON: the one error about the file.
    fatal: Option<StoryError>,
}

/// A finished [`PlacesParse`], before the events (which need the passages).
pub(crate) struct ParsedPlaces<'a> {
    pub places: Vec<Place>,
    /// The index in `features` of each of `places`, ascending.
    pub(super) place_features: Vec<usize>,
    /// (feature index, unparsed events), ascending.
    pub(super) events: Vec<(usize, Value<'a>)>,
    pub left_out: Vec<String>,
    /// The index in `features` of each of `left_out`.
    pub left_out_at: Vec<usize>,
    /// A FeatureCollection with a `features` array: places can be looked up in it.
    pub usable: bool,
}

impl<'a> PlacesParse<'a> {
    /// Starts parsing `file`, whose places may only use the layers `layer_ids`.
    pub fn new(file: &StoryFile<'a>, layer_ids: &[&str]) -> Self {
        let (text, fatal) = match file.readable_text() {
            Ok(t) => (t, None),
            Err(e) => ("", Some(e)),
        };
        // A plain loop rather than `map` and `collect`: less code, same work.
        let mut layers = Vec::with_capacity(layer_ids.len());
        for &l in layer_ids {
            layers.push(l.to_owned());
        }
        PlacesParse {
            file: file.name,
            reader: Reader::new(text),
            stage: if fatal.is_some() { Stage::Done } else { Stage::Start },
            layer_ids: layers,
            kind: None,
            features: FeaturesMember::Absent,
            count: 0,
            places: Vec::new(),
            place_features: Vec::new(),
            events: Vec::new(),
            features_start: 0,
            left_out: Vec::new(),
            left_out_at: Vec::new(),
            feature_errors: Vec::new(),
            fatal,
        }
    }

    /// How far the parse has got.
    pub fn progress(&self) -> Progress {
        let done = matches!(self.stage, Stage::Done);
        let total_bytes = self.reader.len();
        Progress {
            done_bytes: if done { total_bytes } else { self.reader.offset() },
            total_bytes,
            features: self.count,
            done,
        }
    }

    /// Reads on until `max_features` more features are parsed (at least one) or the file
    /// ends; returns the progress. Members of the root other than `features` are read
    /// whole, within the step that meets them.
    pub fn step(&mut self, max_features: usize) -> Progress {
        let until = self.count.saturating_add(max_features.max(1));
        while self.count < until && !matches!(self.stage, Stage::Done) {
            if let Err(e) = self.advance() {
                self.fatal = Some(syntax_error(self.file, &e));
                self.stage = Stage::Done;
            }
        }
        self.progress()
    }

    /// One move of the reader: a feature, a member of the root, or an end.
    fn advance(&mut self) -> Result<(), super::json::SyntaxError> {
        let r = &mut self.reader;
        match self.stage {
            Stage::Start => {
                if r.peek() == Some(b'{') {
                    r.open(0)?;
                    self.stage = Stage::Members { first: true };
                } else {
                    // Not an object: no type, no features; still, it must be JSON.
                    r.value(0)?;
                    r.end()?;
                    self.stage = Stage::Done;
                }
            }
            Stage::Members { first } => match r.next_key(first)? {
                None => {
                    r.end()?;
                    self.stage = Stage::Done;
                }
                Some(key) if key == "features" => {
                    // A repeated member replaces the one before.
                    self.restart_features();
                    let r = &mut self.reader;
                    if r.peek() == Some(b'[') {
                        r.open(1)?;
                        self.features_start = r.offset();
                        self.features = FeaturesMember::Array;
                        self.stage = Stage::Features { first: true };
                    } else {
                        let v = r.value(1)?;
                        self.features =
                            FeaturesMember::Other((!v.is_null()).then(|| super::json::type_name(&v)));
                        self.stage = Stage::Members { first: false };
                    }
                }
                Some(key) => {
                    let v = self.reader.value(1)?;
                    if key == "type" {
                        self.kind = v.as_str().map(str::to_owned);
                    }
                    self.stage = Stage::Members { first: false };
                }
            },
            Stage::Features { first } => {
                if r.next_element(first)? {
                    let feature = r.value(2)?;
                    self.feature(feature);
                    self.stage = Stage::Features { first: false };
                } else {
                    self.stage = Stage::Members { first: false };
                }
            }
            Stage::Done => {}
        }
        Ok(())
    }

    fn restart_features(&mut self) {
        self.count = 0;
        self.places = Vec::new();
        self.place_features = Vec::new();
        self.events.clear();
        self.left_out.clear();
        self.left_out_at.clear();
        self.feature_errors.clear();
    }

    /// The element `features[i]`: a place, or the reason it is left out.
    fn feature(&mut self, mut value: Value<'a>) {
        let i = self.count;
        self.count += 1;
        if self.count == ESTIMATE_AFTER {
            self.reserve_for_the_rest();
        }
        // The feature's path, `$.features[i]`, is written out only if a message needs it.
        let null = Value::Null;
        let features = Node::new(self.file, &null, "$.features");
        let parsed = Place::try_from(&features.element(i, &value));
        match parsed {
            Ok(p) if self.layer_ids.contains(&p.layer) => {
                if let Some(events) = value
                    .get_mut("properties")
                    .and_then(|props| props.take("events"))
                    .filter(|e| !e.is_null())
                {
                    self.events.push((i, events));
                }
                self.places.push(p);
                self.place_features.push(i);
            }
            Ok(p) => {
                let feature = features.element(i, &null);
                let e = feature.member("properties", &null).field_error(
                    "layer",
                    ErrorKind::UnknownLayer,
                    unknown_layer(&p.layer, &mut self.layer_ids.iter().map(String::as_str)),
                );
                self.feature_errors.push(*e);
                self.left_out.push(p.id);
                self.left_out_at.push(i);
            }
            Err(e) => {
                if let Some(id) = value.get("properties").and_then(|p| p.get("id")).and_then(Value::as_str) {
                    self.left_out.push(id.to_owned());
                    self.left_out_at.push(i);
                }
                self.feature_errors.push(*e);
            }
        }
    }

    /// Makes room for as many more places as the rest of the file holds if its features
    /// are the size of those read so far (and a tenth more).
    fn reserve_for_the_rest(&mut self) {
        let read = self.reader.offset() - self.features_start;
        let left = self.reader.len() - self.reader.offset();
        if read == 0 {
            return;
        }
        let more = (left as f64 / read as f64 * self.count as f64 * 1.1) as usize + 16;
        self.places.reserve_exact(more);
        self.place_features.reserve_exact(more);
    }

    /// Reads whatever is left and returns the places and every error about them, as the
    /// story's parse reports them — but without the places' events, which cite passages:
    /// [`super::StoryParse`] parses them once it has read passages.json.
    pub fn finish(self) -> (Vec<Place>, Vec<StoryError>) {
        let mut errors = Errors::default();
        let parsed = self.finish_parts(&mut errors);
        (parsed.places, errors.0)
    }

    pub(crate) fn finish_parts(mut self, errors: &mut Errors) -> ParsedPlaces<'a> {
        while !matches!(self.stage, Stage::Done) {
            self.step(usize::MAX);
        }
        let unusable = || ParsedPlaces {
            places: Vec::new(),
            place_features: Vec::new(),
            events: Vec::new(),
            left_out: Vec::new(),
            left_out_at: Vec::new(),
            usable: false,
        };
        if let Some(e) = self.fatal {
            errors.push(e);
            return unusable();
        }
        let kind = self.kind;
        if kind.as_deref() != Some("FeatureCollection") {
            errors.push(StoryError::new(
                self.file,
                "$.type",
                ErrorKind::InvalidValue,
                format!(
                    "expected \"FeatureCollection\", found {}",
                    kind.map_or("nothing".to_owned(), |k| format!("\"{k}\""))
                ),
            ));
            return unusable();
        }
        match self.features {
            FeaturesMember::Array => {}
            FeaturesMember::Absent | FeaturesMember::Other(None) => {
                errors.push(StoryError::new(
                    self.file,
                    "$.features",
                    ErrorKind::MissingField,
                    "missing required field \"features\"",
                ));
                return unusable();
            }
            FeaturesMember::Other(Some(found)) => {
                errors.push(StoryError::new(
                    self.file,
                    "$.features",
                    ErrorKind::WrongType,
                    format!("expected an array, found {found}"),
                ));
                return unusable();
            }
        }
        errors.0.append(&mut self.feature_errors);
        // Later features with an id already used are left out.
        let mut places = self.places;
        let mut place_features = self.place_features;
        let dups = without_duplicates(
            self.file,
            "$.features",
            ".properties.id",
            &place_features,
            &mut places,
            |p| &p.id,
            errors,
        );
        remove_at(&mut place_features, &dups);
        places.shrink_to_fit();
        ParsedPlaces {
            places,
            place_features,
            events: self.events,
            left_out: self.left_out,
            left_out_at: self.left_out_at,
            usable: true,
        }
    }
}

impl<'a> ParsedPlaces<'a> {
    /// The path of the first feature left out with the id `id` (a left-out place is never
    /// also a kept one: a kept id is found before any follow-on is raised).
    pub(crate) fn left_out_path(&self, id: &str) -> Option<String> {
        let k = self.left_out.iter().position(|l| l == id)?;
        Some(format!("$.features[{}]", self.left_out_at[k]))
    }
}
