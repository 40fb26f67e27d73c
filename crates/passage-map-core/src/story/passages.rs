//! `passages.json`: verbatim quotes from the articles, each linked to the places it
//! names, and the mentions deliberately left unlinked.

use crate::find::Needle;

use super::error::{comma_separated, ErrorKind};
use super::json::{each, keep_valid, string, Errors, Node, ParseResult, Value};
use super::manifest::without_duplicates;
use super::places::known_place;
use super::text::check_id;

/// A place named in a passage, and the words that name it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceMention {
    pub place: String,
    /// Occurs in the quote; the widget highlights every occurrence.
    pub mention: String,
}

/// A quote from an article, verbatim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub id: String,
    pub article: String,
    pub quote: String,
    pub places: Vec<PlaceMention>,
}

/// A name the articles use that is deliberately not linked, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unlinked {
    pub article: String,
    pub mention: String,
    pub reason: String,
}

/// What the ids in passages.json may refer to.
pub struct KnownIds<'a> {
    pub places: &'a super::manifest::IdSet<'a>,
    /// Places that places.geojson has but that were left out because of an error.
    pub left_out: &'a [String],
    /// places.geojson, when it could not be used at all (not JSON, not a FeatureCollection).
    pub places_unusable: Option<&'a str>,
    pub articles: &'a [&'a str],
    /// The article bodies, when the quotes are to be checked as verbatim.
    pub article_bodies: Option<&'a dyn ArticleBodies>,
}

/// Article bodies that quotes are checked against (the checker's article id → body text).
/// A trait object: the widget, which never checks quotes, compiles none of the check.
pub trait ArticleBodies {
    /// Why `quote` is not verbatim in the article `article`, or `None` when it is (or
    /// when the article's body is not known).
    fn not_verbatim(&self, article: &str, quote: &str) -> Option<String>;

    /// Told of every passage left out because of an error (the checker's coverage check
    /// keeps their quotes); by default nothing is kept.
    fn left_out(&self, _passage: &Value<'_>) {}
}

impl ArticleBodies for std::collections::HashMap<String, String> {
    fn not_verbatim(&self, article: &str, quote: &str) -> Option<String> {
        let body = self.get(article)?;
        (!body.contains(quote)).then(|| {
            format!("not found verbatim in article \"{article}\" ({})", first_difference(body, quote))
        })
    }
}

fn mention(n: &Node<'_>, quote: &str, known: &KnownIds<'_>) -> ParseResult<PlaceMention> {
    n.require_object()?;
    let place =
        known_place(n.require("id")?, &|p| known.places.contains(p), known.left_out, known.places_unusable)?;
    let mention = string(n, "mention")?;
    if mention.is_empty() || !Needle::new(&mention).is_in(quote) {
        return Err(n.field_error(
            "mention",
            ErrorKind::MentionNotInQuote,
            format!("\"{mention}\" does not occur in the passage's quote"),
        ));
    }
    Ok(PlaceMention { place, mention })
}

fn passage(n: &Node<'_>, known: &KnownIds<'_>) -> ParseResult<Passage> {
    n.require_object()?;
    let id = check_id(n.require("id")?)?;
    let article = check_id(n.require("article")?)?;
    if !known.articles.contains(&article.as_str()) {
        return Err(n.field_error(
            "article",
            ErrorKind::UnknownArticle,
            format!("no article has the id \"{article}\""),
        ));
    }
    let quote = string(n, "quote")?;
    if quote.trim().is_empty() {
        return Err(n.field_error("quote", ErrorKind::InvalidValue, "the quote is empty"));
    }
    if let Some(why) = known.article_bodies.and_then(|b| b.not_verbatim(&article, &quote)) {
        return Err(n.field_error("quote", ErrorKind::NotVerbatim, why));
    }
    let mut places = Vec::new();
    each(n.require("places")?, &mut |m| {
        places.push(mention(&m, &quote, known)?);
        Ok(())
    })?;
    Ok(Passage { id, article, quote, places })
}

/// Describes where the longest verbatim prefix of `quote` stops matching, to help fix it.
/// A prefix that occurs in `body` has all its own prefixes there too, so the longest is
/// found by bisection: O(log n) searches, not one per character.
fn first_difference(body: &str, quote: &str) -> String {
    let ends: Vec<usize> = quote.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    // `lo` characters match; more than `hi` do not (nor more than fit in the body).
    let (mut lo, mut hi) = (0, ends.partition_point(|&end| end <= body.len()));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if body.contains(&quote[..ends[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return "not even its first character matches".to_owned();
    }
    let matched = ends[lo - 1];
    let tail: String = quote[matched..].chars().take(20).collect();
    format!("the text matches up to character {lo}, then differs at \"{tail}\"")
}

/// The passages that a tour stop or an event may cite.
#[derive(Clone, Copy)]
pub struct Citable<'a> {
    pub passages: &'a [Passage],
    /// Passages that passages.json has but that were left out because of an error.
    pub left_out: &'a [String],
    /// passages.json, when it could not be used at all.
    pub file_unusable: Option<&'a str>,
}

impl Citable<'_> {
    /// The passage ids listed at `list` (a tour stop's or an event's `passages`), each of
    /// which must be a passage that names `place` — what the story says about a place
    /// must be backed by a quote about it.
    pub(super) fn cited(&self, list: Node<'_>, place: &str) -> ParseResult<Vec<String>> {
        let mut out = Vec::new();
        each(list, &mut |n| {
            out.push(self.one(n, check_id(n)?, place)?);
            Ok(())
        })?;
        Ok(out)
    }

    fn one(&self, n: Node<'_>, id: String, place: &str) -> ParseResult<String> {
        let Some(passage) = self.passages.iter().find(|p| p.id == id) else {
            if let Some(file) = self.file_unusable {
                return Err(n.follow_on(super::error::Cause::File(file.to_owned())));
            }
            if self.left_out.contains(&id) {
                return Err(n.follow_on(super::error::Cause::Passage(id)));
            }
            return Err(n.error(ErrorKind::UnknownPassage, format!("no passage has the id \"{id}\"")));
        };
        if passage.places.iter().any(|m| m.place == place) {
            return Ok(id);
        }
        Err(n.error(
            ErrorKind::PlaceNotInPassage,
            format!(
                "the passage \"{id}\" does not name the place \"{place}\" (it names: {})",
                comma_separated(&mut passage.places.iter().map(|m| m.place.as_str()))
            ),
        ))
    }
}

/// What passages.json holds once parsed.
#[derive(Debug, Default)]
pub struct ParsedPassages {
    /// Every valid passage, in file order.
    pub passages: Vec<Passage>,
    pub unlinked: Vec<Unlinked>,
    /// Ids of the passages left out because of an error, so that later messages can say why.
    pub left_out: Vec<String>,
    /// The passages left out because they name a left-out place (or any place, when
    /// places.geojson could not be used), and why.
    pub(crate) left_out_because: Vec<(String, super::error::Cause)>,
}

fn unlinked(n: &Node<'_>) -> ParseResult<Unlinked> {
    n.require_object()?;
    Ok(Unlinked {
        article: string(n, "article")?,
        mention: string(n, "mention")?,
        reason: string(n, "reason")?,
    })
}

/// Parses passages.json, keeping every valid passage.
pub fn parse_passages(
    file: &str,
    value: &Value<'_>,
    known: &KnownIds<'_>,
    errors: &mut Errors,
) -> ParsedPassages {
    let root = Node::new(file, value, "$");
    if let Err(e) = root.require_object() {
        errors.add(e);
        return ParsedPassages::default();
    }
    let (mut passages, mut at) = (Vec::new(), Vec::new());
    let mut left_out = Vec::new();
    let mut left_out_because = Vec::new();
    keep_valid(root.require("passages"), errors, &mut |i, p| {
        let e = match passage(&p, known) {
            Ok(v) => {
                passages.push(v);
                at.push(i);
                return Ok(());
            }
            Err(e) => e,
        };
        let text = |key: &str| p.get(key).and_then(Value::as_str).map(str::to_owned);
        if let Some(id) = text("id") {
            if let Some(cause @ (super::error::Cause::Place(_) | super::error::Cause::File(_))) = &e.cause {
                left_out_because.push((id.clone(), cause.clone()));
            }
            left_out.push(id);
        }
        if let Some(bodies) = known.article_bodies {
            bodies.left_out(p.value);
        }
        Err(e)
    });
    without_duplicates(file, "$.passages", ".id", &at, &mut passages, |p| &p.id, errors);
    let mut unlinked_names = Vec::new();
    if root.get("unlinked").is_some() {
        keep_valid(root.require("unlinked"), errors, &mut |_, u| {
            unlinked_names.push(unlinked(&u)?);
            Ok(())
        });
    }
    ParsedPassages { passages, unlinked: unlinked_names, left_out, left_out_because }
}
