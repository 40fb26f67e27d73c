//! `story.json`: the story's title, layers, articles and attribution, and the names of
//! its other files.

use super::error::{ErrorKind, StoryError};
use super::json::{opt_string, string, Errors, Node, ParseResult, Value};
use super::text::{check_colour, check_id, check_url, Localised};
use super::tour::TourSource;
use crate::path::Symbol;

/// A layer of places, with the colour and symbol that tell it apart in the legend and on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub id: String,
    pub name: Localised,
    /// `#rrggbb`
    pub colour: String,
    pub symbol: Symbol,
}

/// An article the passages quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    /// The article text, relative to story.json.
    pub file: String,
    pub title: String,
    pub author: String,
    pub publication: String,
    /// ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) when known.
    pub date: Option<String>,
    /// Link to the original (http/https only) when one exists.
    pub url: Option<String>,
    pub language: String,
}

/// A data source credited in the attribution line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub name: String,
    pub licence: String,
    pub url: Option<String>,
}

/// The parsed `story.json`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Manifest {
    pub title: Localised,
    pub places_file: String,
    pub passages_file: String,
    pub layers: Vec<Layer>,
    pub articles: Vec<Article>,
    pub attribution: Vec<Attribution>,
    /// The first view, `[west, south, east, north]` in degrees; all places when absent.
    pub home: Option<[f64; 4]>,
    /// Legend text for the ring that marks places with `highlight: true`.
    pub highlight_legend: Option<Localised>,
    /// The `tour` array as written; it names places and passages, so it becomes
    /// [`super::Story::tour`] once they are parsed.
    pub tour_source: Option<TourSource>,
}

impl TryFrom<Node<'_>> for Layer {
    type Error = Box<StoryError>;
    fn try_from(n: Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        let s = n.require("symbol")?;
        let symbol = s.as_str()?.parse::<Symbol>().map_err(|why| s.error(ErrorKind::InvalidValue, why))?;
        Ok(Layer {
            id: check_id(n.require("id")?)?,
            name: Localised::try_from(n.require("name")?)?,
            colour: check_colour(n.require("colour")?)?,
            symbol,
        })
    }
}

/// An article's date: checked as an [`super::events::IsoDate`], kept as written.
fn check_date(n: Node<'_>) -> ParseResult<String> {
    super::events::iso_date(n).map(|d| d.to_string())
}

impl TryFrom<Node<'_>> for Article {
    type Error = Box<StoryError>;
    fn try_from(n: Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        Ok(Article {
            id: check_id(n.require("id")?)?,
            file: string(n, "file")?,
            title: string(n, "title")?,
            author: string(n, "author")?,
            publication: string(n, "publication")?,
            date: n.field("date").map(check_date).transpose()?,
            url: check_url(n, "url")?,
            language: opt_string(n, "language")?.unwrap_or_else(|| "en".to_owned()),
        })
    }
}

impl TryFrom<Node<'_>> for Attribution {
    type Error = Box<StoryError>;
    fn try_from(n: Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        Ok(Attribution {
            name: string(n, "name")?,
            licence: string(n, "licence")?,
            url: check_url(n, "url")?,
        })
    }
}

/// Parses the items of the array `key`, keeping the valid ones and reporting the rest.
/// Each item comes with its index in the JSON array, for later messages.
pub fn parse_list<T>(
    root: Node<'_>,
    key: &str,
    errors: &mut Errors,
    parse: impl Fn(Node<'_>) -> ParseResult<T>,
) -> Vec<(usize, T)> {
    let mut out = Vec::new();
    let list = match root.require(key) {
        Ok(list) => list,
        Err(e) => {
            errors.push(*e);
            return out;
        }
    };
    match list.elements() {
        Ok(items) => {
            for (i, item) in items.enumerate() {
                match parse(item) {
                    Ok(v) => out.push((i, v)),
                    Err(e) => errors.push(*e),
                }
            }
        }
        Err(e) => errors.push(*e),
    }
    out
}

impl Manifest {
    /// Parses story.json; every problem goes to `errors` and whatever is valid is kept.
    pub fn parse(file: &str, value: &Value<'_>, errors: &mut Errors) -> Manifest {
        let root = Node::new(file, value, "$");
        if let Err(e) = root.require_object() {
            errors.push(*e);
            return Manifest::default();
        }
        let mut field = |key: &str, default: &str| {
            string(root, key).unwrap_or_else(|e| {
                errors.push(*e);
                default.to_owned()
            })
        };
        let places_file = field("places", "places.geojson");
        let passages_file = field("passages", "passages.json");
        let title = root.require("title").and_then(Localised::try_from).unwrap_or_else(|e| {
            errors.push(*e);
            Localised::en("Story")
        });

        let layers = parse_list(root, "layers", errors, |n| Layer::try_from(n));
        let layers = without_duplicates(file, "$.layers", ".id", layers, |l| &l.id, errors);
        let articles = parse_list(root, "articles", errors, |n| Article::try_from(n));
        let articles = without_duplicates(file, "$.articles", ".id", articles, |a| &a.id, errors);
        let attribution: Vec<Attribution> =
            parse_list(root, "attribution", errors, |n| Attribution::try_from(n))
                .into_iter()
                .map(|(_, a)| a)
                .collect();
        if attribution.is_empty() && root.get("attribution").is_some() {
            errors.push(*root.field_error(
                "attribution",
                ErrorKind::MissingAttribution,
                "the story credits no data source: list at least one",
            ));
        }
        let home = root.field("home").map(check_home).transpose().unwrap_or_else(|e| {
            errors.push(*e);
            None
        });
        let highlight_legend =
            root.field("highlight_legend").map(Localised::try_from).transpose().unwrap_or_else(|e| {
                errors.push(*e);
                None
            });
        let tour_source =
            root.get("tour").map(|v| TourSource { file: file.to_owned(), value: v.clone().into_owned() });
        Manifest {
            title,
            places_file,
            passages_file,
            layers,
            articles,
            attribution,
            home,
            highlight_legend,
            tour_source,
        }
    }
}

fn check_home(n: Node<'_>) -> ParseResult<[f64; 4]> {
    // The numbers of the array (anything else in it is passed over): exactly four.
    let mut v = [f64::NAN; 4];
    let mut count = 0;
    for x in n.as_array()?.iter().filter_map(Value::as_f64) {
        if let Some(slot) = v.get_mut(count) {
            *slot = x;
        }
        count += 1;
    }
    match v {
        [w, s, e, nn]
            if count == 4
                && w < e
                && s < nn
                && (-180.0..=180.0).contains(&w)
                && (-180.0..=180.0).contains(&e)
                && (-85.0..=85.0).contains(&s)
                && (-85.0..=85.0).contains(&nn) =>
        {
            Ok([w, s, e, nn])
        }
        _ => Err(n.error(
            ErrorKind::InvalidValue,
            "expected [west, south, east, north] in degrees, west < east, south < north",
        )),
    }
}

/// Keeps the first item of each id and reports the later ones at `list_path[i]id_suffix`
/// (`i` being the item's index in the JSON array).
pub fn without_duplicates<T>(
    file: &str,
    list_path: &str,
    id_suffix: &str,
    items: Vec<(usize, T)>,
    id: fn(&T) -> &str,
    errors: &mut Errors,
) -> Vec<T> {
    let ids: Vec<(usize, &str)> = items.iter().map(|(i, item)| (*i, id(item))).collect();
    let dups = report_duplicates(file, list_path, id_suffix, &ids, errors);
    let mut dups = dups.into_iter().peekable();
    items
        .into_iter()
        .enumerate()
        .filter(|(k, _)| dups.next_if_eq(k).is_none())
        .map(|(_, (_, item))| item)
        .collect()
}

/// The positions in `ids` ((index in the JSON array, id) of each item) of the ids that
/// an earlier one repeats, each reported as an error at `list_path[i]id_suffix`.
pub(crate) fn report_duplicates(
    file: &str,
    list_path: &str,
    id_suffix: &str,
    ids: &[(usize, &str)],
    errors: &mut Errors,
) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    let mut dups = Vec::new();
    for (k, &(i, id)) in ids.iter().enumerate() {
        if !seen.insert(id) {
            dups.push(k);
            errors.push(StoryError::new(
                file,
                &format!("{list_path}[{i}]{id_suffix}"),
                ErrorKind::DuplicateId,
                format!("the id \"{id}\" is used twice; this one is left out"),
            ));
        }
    }
    dups
}
