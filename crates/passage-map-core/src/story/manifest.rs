//! `story.json`: the story's title, layers, articles and attribution, and the names of
//! its other files.

use super::error::{ErrorKind, StoryError};
use super::json::{keep_valid, opt_string, string, Errors, Node, ParseResult, Value};
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

impl TryFrom<&Node<'_>> for Layer {
    type Error = Box<StoryError>;
    fn try_from(n: &Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        let s = n.require("symbol")?;
        let symbol = s.as_str()?.parse::<Symbol>().map_err(|why| s.error(ErrorKind::InvalidValue, why))?;
        Ok(Layer {
            id: check_id(n.require("id")?)?,
            name: Localised::try_from(&n.require("name")?)?,
            colour: check_colour(&n.require("colour")?)?,
            symbol,
        })
    }
}

/// An article's date: checked as an [`super::events::IsoDate`], kept as written.
fn check_date(n: &Node<'_>) -> ParseResult<String> {
    // A valid date is written exactly as the date prints: keep the text, not a reprint.
    super::events::iso_date(n)?;
    n.as_str().map(str::to_owned)
}

impl TryFrom<&Node<'_>> for Article {
    type Error = Box<StoryError>;
    fn try_from(n: &Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        // Filled in rather than built from the fields' results: one clean-up for every way
        // this can fail (as for a place).
        let mut a = Article {
            id: check_id(n.require("id")?)?,
            file: String::new(),
            title: String::new(),
            author: String::new(),
            publication: String::new(),
            date: None,
            url: None,
            language: String::new(),
        };
        a.file = string(n, "file")?;
        a.title = string(n, "title")?;
        a.author = string(n, "author")?;
        a.publication = string(n, "publication")?;
        a.date = n.field("date").map(|d| check_date(&d)).transpose()?;
        a.url = check_url(n, "url")?;
        a.language = opt_string(n, "language")?.unwrap_or_else(|| "en".to_owned());
        Ok(a)
    }
}

impl TryFrom<&Node<'_>> for Attribution {
    type Error = Box<StoryError>;
    fn try_from(n: &Node<'_>) -> ParseResult<Self> {
        n.require_object()?;
        Ok(Attribution {
            name: string(n, "name")?,
            licence: string(n, "licence")?,
            url: check_url(n, "url")?,
        })
    }
}

impl Manifest {
    /// Parses story.json; every problem goes to `errors` and whatever is valid is kept.
    pub fn parse(file: &str, value: &Value<'_>, errors: &mut Errors) -> Manifest {
        let root = Node::new(file, value, "$");
        if let Err(e) = root.require_object() {
            errors.add(e);
            return Manifest::default();
        }
        let mut field = |key: &str, default: &str| {
            string(&root, key).unwrap_or_else(|e| {
                errors.add(e);
                default.to_owned()
            })
        };
        let places_file = field("places", "places.geojson");
        let passages_file = field("passages", "passages.json");
        let title = root.require("title").and_then(|t| Localised::try_from(&t)).unwrap_or_else(|e| {
            errors.add(e);
            Localised::en("Story")
        });

        let (mut layers, mut at) = (Vec::new(), Vec::new());
        keep_valid(root.require("layers"), errors, &mut |i, n| {
            layers.push(Layer::try_from(&n)?);
            at.push(i);
            Ok(())
        });
        without_duplicates(file, "$.layers", ".id", &at, &mut layers, |l| &l.id, errors);
        let (mut articles, mut at) = (Vec::new(), Vec::new());
        keep_valid(root.require("articles"), errors, &mut |i, n| {
            articles.push(Article::try_from(&n)?);
            at.push(i);
            Ok(())
        });
        without_duplicates(file, "$.articles", ".id", &at, &mut articles, |a| &a.id, errors);
        let mut attribution = Vec::new();
        keep_valid(root.require("attribution"), errors, &mut |_, n| {
            attribution.push(Attribution::try_from(&n)?);
            Ok(())
        });
        if attribution.is_empty() && root.get("attribution").is_some() {
            errors.add(root.field_error(
                "attribution",
                ErrorKind::MissingAttribution,
                "the story credits no data source: list at least one",
            ));
        }
        let home = root.field("home").map(|h| check_home(&h)).transpose().unwrap_or_else(|e| {
            errors.add(e);
            None
        });
        let highlight_legend =
            root.field("highlight_legend").map(|l| Localised::try_from(&l)).transpose().unwrap_or_else(|e| {
                errors.add(e);
                None
            });
        let tour_source =
            root.get("tour").map(|v| TourSource { file: file.to_owned(), value: v.to_owned_value() });
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

fn check_home(n: &Node<'_>) -> ParseResult<[f64; 4]> {
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

/// Drops from `items` each item whose id an earlier one has, and reports it at
/// `list_path[i]id_suffix`, `i` being its index in the JSON array (`at[k]` for
/// `items[k]`). Returns the positions in `items` of the dropped ones.
pub(crate) fn without_duplicates<T>(
    file: &str,
    list_path: &str,
    id_suffix: &str,
    at: &[usize],
    items: &mut Vec<T>,
    id: fn(&T) -> &str,
    errors: &mut Errors,
) -> Vec<usize> {
    let dups = report_duplicates(file, list_path, id_suffix, at, &|k| id(&items[k]), errors);
    remove_at(items, &dups);
    dups
}

/// The positions `k` of the ids (`id(k)` for `k` in `0..at.len()`, the item at index
/// `at[k]` of the JSON array) that an earlier one repeats, each reported as an error at
/// `list_path[i]id_suffix`. Not generic: one copy for every list.
fn report_duplicates<'a>(
    file: &str,
    list_path: &str,
    id_suffix: &str,
    at: &[usize],
    id: &dyn Fn(usize) -> &'a str,
    errors: &mut Errors,
) -> Vec<usize> {
    let mut seen = IdSet::with_capacity(at.len());
    let mut dups = Vec::new();
    for (k, &i) in at.iter().enumerate() {
        let id = id(k);
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

/// A set of ids borrowed from the story, for the duplicate and reference checks: open
/// addressing (FNV-1a, linear probing) in a table sized once, at least twice the number
/// of ids it is made for. It holds at most that many. Rather than `HashSet<&str>`: no
/// SipHash, no growing and rehashing, and much less wasm.
pub struct IdSet<'a> {
    slots: Vec<Option<&'a str>>,
}

impl<'a> IdSet<'a> {
    /// A set for up to `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        IdSet { slots: vec![None; (2 * n).next_power_of_two().max(2)] }
    }

    /// The slot that holds `id`, or the empty one where it would go.
    fn slot(&self, id: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut h: u32 = 0x811c_9dc5;
        for b in id.bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        let mut i = h as usize & mask;
        while let Some(s) = self.slots[i] {
            if s == id {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    /// Adds `id`; `false` when it was already there.
    pub fn insert(&mut self, id: &'a str) -> bool {
        let i = self.slot(id);
        self.slots[i].replace(id).is_none()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.slots[self.slot(id)].is_some()
    }
}

/// Removes the items at `positions` (ascending) from `items`, keeping the others' order.
pub(crate) fn remove_at<T>(items: &mut Vec<T>, positions: &[usize]) {
    if positions.is_empty() {
        return;
    }
    let mut k = 0;
    let mut next = positions.iter().peekable();
    items.retain(|_| {
        let drop = next.next_if_eq(&&k).is_some();
        k += 1;
        !drop
    });
}
