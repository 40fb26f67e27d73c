//! `places.geojson`: the story's places as an RFC 7946 FeatureCollection, each feature
//! with its layer, names, description, accuracy and sources.

use serde_json::Value;

use super::error::{ErrorKind, StoryError};
use super::events::Event;
use super::geometry::Geometry;
use super::json::{each, opt_string, optional, required, string, Errors, Node, PathBuf};
use super::manifest::without_duplicates;
use super::text::{check_id, check_url, Localised};

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
    pub dates: Option<Localised>,
    pub note: Option<Localised>,
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

impl TryFrom<Node<'_>> for Source {
    type Error = StoryError;
    fn try_from(n: Node<'_>) -> Result<Self, StoryError> {
        n.require_object()?;
        Ok(Source { title: string(n, "title")?, url: check_url(n, "url")? })
    }
}

fn localised(n: Node<'_>, key: &str) -> Result<Localised, StoryError> {
    required(n, key, |n| Localised::try_from(n))
}

fn opt_localised(n: Node<'_>, key: &str) -> Result<Option<Localised>, StoryError> {
    optional(n, key, |n| Localised::try_from(n))
}

fn sources(props: Node<'_>) -> Result<Vec<Source>, StoryError> {
    let missing = || {
        props.field_error("sources", ErrorKind::MissingSource, "the place names no source for its location")
    };
    let list = optional(props, "sources", |n| {
        let mut out = Vec::new();
        let mut first_err = None;
        each(n, |_, s| match Source::try_from(s) {
            Ok(v) => out.push(v),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        })?;
        first_err.map_or(Ok(out), Err)
    })?;
    match list {
        Some(l) if !l.is_empty() => Ok(l),
        _ => Err(missing()),
    }
}

/// An optional `true`/`false` property, false when absent.
fn flag(props: Node<'_>, key: &str) -> Result<bool, StoryError> {
    Ok(optional(props, key, |b| {
        b.value.as_bool().ok_or_else(|| b.error(ErrorKind::WrongType, "expected true or false"))
    })?
    .unwrap_or(false))
}

/// An optional list of strings (`aliases`, `demonyms`).
fn strings(props: Node<'_>, key: &str) -> Result<Vec<String>, StoryError> {
    Ok(optional(props, key, |n| {
        let mut out = Vec::new();
        let mut first_err = None;
        each(n, |_, a| match a.as_str() {
            Ok(s) => out.push(s.to_owned()),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        })?;
        first_err.map_or(Ok(out), Err)
    })?
    .unwrap_or_default())
}

impl TryFrom<Node<'_>> for Place {
    type Error = StoryError;
    fn try_from(feature: Node<'_>) -> Result<Self, StoryError> {
        feature.require_object()?;
        let geometry = required(feature, "geometry", |n| Geometry::try_from(n))?;
        required(feature, "properties", |p| {
            p.require_object()?;
            let accuracy_m = required(p, "accuracy_m", |a| {
                let v = a.as_f64()?;
                if v.is_finite() && v >= 0.0 {
                    Ok(v)
                } else {
                    Err(a.error(
                        ErrorKind::InvalidValue,
                        format!("expected metres ≥ 0, found {}", crate::path::format_coord(v, 3)),
                    ))
                }
            })?;
            let licence = opt_string(p, "licence")?.filter(|l| !l.trim().is_empty()).ok_or_else(|| {
                p.field_error(
                    "licence",
                    ErrorKind::MissingLicence,
                    "the place states no licence for its geometry",
                )
            })?;
            Ok(Place {
                id: required(p, "id", check_id)?,
                layer: required(p, "layer", check_id)?,
                name: localised(p, "name")?,
                kind: localised(p, "kind")?,
                description: localised(p, "description")?,
                dates: opt_localised(p, "dates")?,
                note: opt_localised(p, "note")?,
                aliases: strings(p, "aliases")?,
                demonyms: strings(p, "demonyms")?,
                accuracy_m,
                placeholder: flag(p, "placeholder")?,
                confidence: opt_string(p, "confidence")?,
                sources: sources(p)?,
                licence,
                highlight: flag(p, "highlight")?,
                headline: flag(p, "headline")?,
                events: Vec::new(),
                geometry,
            })
        })
    }
}

/// Checks that the id at `n` is one of `place_ids`; when the feature with that id was left
/// out for an error of its own, says so instead of "no place has the id".
pub(super) fn known_place(
    n: Node<'_>,
    place_ids: &[&str],
    left_out: &[String],
    file_unusable: Option<&str>,
) -> Result<String, StoryError> {
    let place = check_id(n)?;
    if let Some(file) = file_unusable {
        return Err(StoryError::follow_on(n.file, n.path(), super::error::Cause::File(file.to_owned())));
    }
    if place_ids.contains(&place.as_str()) {
        return Ok(place);
    }
    if left_out.contains(&place) {
        return Err(StoryError::follow_on(n.file, n.path(), super::error::Cause::Place(place)));
    }
    Err(n.error(ErrorKind::UnknownPlace, format!("no place has the id \"{place}\"")))
}

/// Parses the FeatureCollection, keeping every valid place whose layer is known. Also
/// returns the ids of the features left out, so that later messages can say why a
/// passage's place is missing.
pub fn parse_places(
    file: &str,
    value: &Value,
    layer_ids: &[&str],
    errors: &mut Errors,
) -> (Vec<Place>, Vec<String>) {
    let root_path = PathBuf::root();
    let root = Node::new(file, value, &root_path);
    let kind = root.get("type").and_then(Value::as_str);
    if kind != Some("FeatureCollection") {
        errors.push(root.field_error(
            "type",
            ErrorKind::InvalidValue,
            format!(
                "expected \"FeatureCollection\", found {}",
                kind.map_or("nothing".to_owned(), |k| format!("\"{k}\""))
            ),
        ));
        return (Vec::new(), Vec::new());
    }
    let mut places = Vec::new();
    let mut left_out = Vec::new();
    let listed = required(root, "features", |list| {
        each(list, |i, f| match Place::try_from(f) {
            Ok(p) if layer_ids.contains(&p.layer.as_str()) => places.push((i, p)),
            Ok(p) => {
                left_out.push(p.id.clone());
                errors.push(StoryError::new(
                    file,
                    &format!("$.features[{i}].properties.layer"),
                    ErrorKind::UnknownLayer,
                    format!(
                        "the layer \"{}\" is not defined in story.json (known: {})",
                        p.layer,
                        layer_ids.join(", ")
                    ),
                ))
            }
            Err(e) => {
                left_out.extend(f.value.pointer("/properties/id").and_then(Value::as_str).map(str::to_owned));
                errors.push(e);
            }
        })
    });
    if let Err(e) = listed {
        errors.push(e);
    }
    (without_duplicates(file, "$.features", ".properties.id", places, |p| &p.id, errors), left_out)
}
