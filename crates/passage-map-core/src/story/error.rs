//! Errors in a story: which file, where in it (a JSON path such as
//! `$.features[3].properties.name`), what kind of problem and a readable reason.

use std::fmt;

/// What went wrong, one variant per rule the checker enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file could not be fetched or read.
    Unreadable,
    /// The file is not JSON.
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field has the wrong JSON type (expected vs found in the reason).
    WrongType,
    /// A value breaks a format rule (id syntax, colour, URL scheme, GeoJSON type…).
    InvalidValue,
    /// A coordinate lies outside lon −180…180 / lat −90…90.
    OutOfRange,
    /// A polygon ring does not end where it starts, or has fewer than four positions.
    UnclosedRing,
    /// Two items share an id.
    DuplicateId,
    /// A place names a layer that story.json does not define.
    UnknownLayer,
    /// A passage names a place that places.geojson does not define.
    UnknownPlace,
    /// A passage names an article that story.json does not define.
    UnknownArticle,
    /// A tour stop or an event cites a passage that passages.json does not define.
    UnknownPassage,
    /// A tour stop or an event cites a passage that does not name its place.
    PlaceNotInPassage,
    /// A quote is not found character for character in its article.
    NotVerbatim,
    /// A passage's mention does not occur in its quote.
    MentionNotInQuote,
    /// A place has no source.
    MissingSource,
    /// A place has no licence.
    MissingLicence,
    /// story.json lists no attribution.
    MissingAttribution,
    /// An article paragraph names a place without a passage linking it (coverage check).
    UnlinkedMention,
    /// A polygon ring wound against RFC 7946 (exterior clockwise, or hole counter-clockwise).
    /// Only a warning: the parser turns the ring, and `cargo xtask check-story` reports it
    /// without failing ([`super::check::check_all`]).
    ClockwiseRing,
    /// A place or passage left out because of an error of its own takes with it the
    /// passages, tour stops and events that refer to it: one message says which.
    LeftOut,
}

impl ErrorKind {
    /// A stable name, used by fixtures and in the checker's output.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::InvalidJson => "invalid-json",
            ErrorKind::MissingField => "missing-field",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::OutOfRange => "out-of-range",
            ErrorKind::UnclosedRing => "unclosed-ring",
            ErrorKind::DuplicateId => "duplicate-id",
            ErrorKind::UnknownLayer => "unknown-layer",
            ErrorKind::UnknownPlace => "unknown-place",
            ErrorKind::UnknownArticle => "unknown-article",
            ErrorKind::UnknownPassage => "unknown-passage",
            ErrorKind::PlaceNotInPassage => "place-not-in-passage",
            ErrorKind::NotVerbatim => "not-verbatim",
            ErrorKind::MentionNotInQuote => "mention-not-in-quote",
            ErrorKind::MissingSource => "missing-source",
            ErrorKind::MissingLicence => "missing-licence",
            ErrorKind::MissingAttribution => "missing-attribution",
            ErrorKind::UnlinkedMention => "unlinked-mention",
            ErrorKind::ClockwiseRing => "clockwise-ring",
            ErrorKind::LeftOut => "left-out",
        }
    }
}

/// One problem in a story, located by file and JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryError {
    /// The story file, as named in story.json (e.g. `places.geojson`).
    pub file: String,
    /// JSON path inside the file, `$` for the whole file.
    pub path: String,
    pub kind: ErrorKind,
    /// What was expected and what was found, in words.
    pub reason: String,
    /// Set on an error that only follows from another: the item it refers to was left out
    /// for an error of its own. The parser folds these into one [`ErrorKind::LeftOut`]
    /// message per left-out item ([`fold_follow_ons`]).
    pub(crate) cause: Option<Cause>,
}

/// The left-out item that a follow-on error refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Cause {
    Place(String),
    Passage(String),
    /// A whole file (places.geojson or passages.json) that could not be used.
    File(String),
}

impl StoryError {
    pub fn new(file: &str, path: &str, kind: ErrorKind, reason: impl Into<String>) -> Self {
        StoryError { file: file.to_owned(), path: path.to_owned(), kind, reason: reason.into(), cause: None }
    }

    /// An error that follows from `cause` having been left out.
    pub(crate) fn follow_on(file: &str, path: &str, cause: Cause) -> Self {
        let reason = match &cause {
            Cause::Place(id) => format!("the place \"{id}\" is left out because of an error in its feature"),
            Cause::Passage(id) => format!("the passage \"{id}\" is left out because of an error in it"),
            Cause::File(name) => format!("{name} could not be used"),
        };
        StoryError { cause: Some(cause), ..StoryError::new(file, path, ErrorKind::LeftOut, reason) }
    }
}

/// Where the left-out items are, to place the folded messages.
pub(crate) struct LeftOutItems<'a> {
    pub places_file: &'a str,
    pub passages_file: &'a str,
    /// Path of a place's feature (`$.features[3]`), by id.
    pub place_path: &'a dyn Fn(&str) -> Option<String>,
    /// Path of a passage (`$.passages[7]`), by id.
    pub passage_path: &'a dyn Fn(&str) -> Option<String>,
    /// Id of the passage at a `$.passages[i]…` path.
    pub passage_at: &'a dyn Fn(&str) -> Option<String>,
    /// Passages left out because they name a left-out place (or any place, when
    /// places.geojson could not be used), and why.
    pub passages_because: &'a [(String, Cause)],
}

struct Group {
    root: Cause,
    /// Index of the folded message in the output.
    at: usize,
    passages: Vec<String>,
    stops: usize,
    events: usize,
}

/// The `items` written `a, b, c`, for messages.
pub(crate) fn comma_separated(items: &mut dyn Iterator<Item = &str>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// Why the layer `layer` is refused, naming the `known` ones (a place's and a tour
/// stop's: one message, built in one place).
pub(crate) fn unknown_layer(layer: &str, known: &mut dyn Iterator<Item = &str>) -> String {
    format!("the layer \"{layer}\" is not defined in story.json (known: {})", comma_separated(known))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Replaces the follow-on errors by one message per left-out place or passage (placed
/// where the first of them was), saying what was left out with it: the passages that
/// name the place, and the tour stops and events citing either.
pub(crate) fn fold_follow_ons(errors: Vec<StoryError>, items: &LeftOutItems<'_>) -> Vec<StoryError> {
    let mut out: Vec<StoryError> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for mut e in errors {
        let Some(cause) = e.cause.take() else {
            out.push(e);
            continue;
        };
        // A stop citing a passage left out because of a place counts under the place.
        let root = match cause {
            Cause::Passage(q) => match items.passages_because.iter().find(|(p, _)| *p == q) {
                Some((_, c)) => c.clone(),
                None => Cause::Passage(q),
            },
            other => other,
        };
        let passage = (e.file == items.passages_file && e.path.starts_with("$.passages["))
            .then(|| (items.passage_at)(&e.path).unwrap_or_else(|| e.path.clone()));
        let stop = e.path.starts_with("$.tour[");
        let g = match groups.iter().position(|g| g.root == root) {
            Some(i) => i,
            None => {
                out.push(e); // replaced below
                groups.push(Group { root, at: out.len() - 1, passages: Vec::new(), stops: 0, events: 0 });
                groups.len() - 1
            }
        };
        let g = &mut groups[g];
        if let Some(id) = passage {
            if !g.passages.contains(&id) {
                g.passages.push(id);
            }
        } else if stop {
            g.stops += 1;
        } else {
            g.events += 1;
        }
    }
    for g in groups {
        let mut with = Vec::new();
        if !g.passages.is_empty() {
            let mut list = comma_separated(&mut g.passages.iter().take(5).map(String::as_str));
            if g.passages.len() > 5 {
                list.push_str(&format!(" and {} more", g.passages.len() - 5));
            }
            let verb = if g.passages.len() == 1 { "names" } else { "name" };
            let named = if matches!(g.root, Cause::File(_)) { "its places" } else { "it" };
            with.push(format!(
                "{} that {verb} {named} ({list})",
                count(g.passages.len(), "passage", "passages")
            ));
        }
        if g.stops > 0 {
            with.push(count(g.stops, "tour stop", "tour stops"));
        }
        if g.events > 0 {
            with.push(count(g.events, "event", "events"));
        }
        // `a`, `a and b`, `a, b and c`.
        let mut listed = String::new();
        for (i, part) in with.iter().enumerate() {
            if i > 0 {
                listed.push_str(if i + 1 == with.len() { " and " } else { ", " });
            }
            listed.push_str(part);
        }
        let with = listed;
        let cites = if matches!(g.root, Cause::Passage(_)) { " citing it" } else { "" };
        let (file, path, reason) = match &g.root {
            Cause::Place(id) => (
                items.places_file,
                (items.place_path)(id),
                format!("the place \"{id}\" is left out because of the error above, and with it {with}"),
            ),
            Cause::Passage(id) => (
                items.passages_file,
                (items.passage_path)(id),
                format!(
                    "the passage \"{id}\" is left out because of the error above, and with it {with}{cites}"
                ),
            ),
            Cause::File(name) => (
                name.as_str(),
                None,
                format!("nothing in this file can be used because of the error above, so these are left out too: {with}"),
            ),
        };
        out[g.at] = StoryError::new(file, path.as_deref().unwrap_or("$"), ErrorKind::LeftOut, reason);
    }
    out
}

impl fmt::Display for StoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.reason)
    }
}

impl std::error::Error for StoryError {}
