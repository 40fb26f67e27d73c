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
}

impl StoryError {
    pub fn new(file: &str, path: &str, kind: ErrorKind, reason: impl Into<String>) -> Self {
        StoryError { file: file.to_owned(), path: path.to_owned(), kind, reason: reason.into() }
    }
}

impl fmt::Display for StoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.reason)
    }
}

impl std::error::Error for StoryError {}
