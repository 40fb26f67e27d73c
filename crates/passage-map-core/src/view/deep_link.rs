//! Deep links: the page address (or an embed's options) names a place, the layers, a
//! tour stop, an article and passage, and a range of years; the view writes the same
//! parameters back as it changes, so any view can be shared.
//!
//! `?place=cecot&layers=cecot,darien&tour=3&article=specht-cecot&passage=specht-04&from=1989&to=2025`

use crate::num::parse_int;
use crate::story::Story;

use super::state::{PanelView, ViewState};

/// What a link asks the view to show. Ids are checked against the story when applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeepLink {
    pub place: Option<String>,
    /// Exactly these layers; None for all.
    pub layers: Option<Vec<String>>,
    /// Tour stop, 1-based as in the address.
    pub tour: Option<usize>,
    pub article: Option<String>,
    pub passage: Option<String>,
    /// Years shown, inclusive.
    pub time: Option<(i32, i32)>,
}

/// The query parameters the view owns, in the order they are written.
pub const PARAMS: [&str; 7] = ["place", "layers", "tour", "article", "passage", "from", "to"];

/// A year of the time filter (`from`, `to`), as an `i32`.
fn year(value: &str) -> Option<i32> {
    parse_int(value.trim(), i32::MIN.into(), i32::MAX.into()).map(|n| n as i32)
}

fn id(value: &str) -> Option<String> {
    let v = value.trim();
    let ok = !v.is_empty() && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| v.to_owned())
}

/// A comma-separated list of ids ("a, b" → ["a", "b"]); ids that are not ids are dropped.
pub fn id_list(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for v in value.split(',') {
        if let Some(id) = id(v) {
            ids.push(id);
        }
    }
    ids
}

impl DeepLink {
    /// Reads the parameters the view owns from decoded (key, value) pairs; malformed
    /// values are ignored rather than guessed at, later keys win.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut link = DeepLink::default();
        link.read_pairs(pairs);
        link
    }

    /// Sets what the pairs name, as [`DeepLink::from_pairs`] reads it (a parameter present
    /// but malformed clears its part); leaves the rest. (The years are one part: `from`
    /// or `to` sets both ends.)
    pub fn read_pairs<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let (mut from, mut to, mut years) = (None, None, false);
        for (key, value) in pairs {
            match key {
                "place" => self.place = id(value),
                "layers" => self.layers = Some(id_list(value)),
                "tour" => self.tour = parse_int(value.trim(), 1, i64::from(u32::MAX)).map(|n| n as usize),
                "article" => self.article = id(value),
                "passage" => self.passage = id(value),
                "from" => (from, years) = (year(value), true),
                "to" => (to, years) = (year(value), true),
                _ => {}
            }
        }
        if years {
            self.time = match (from, to) {
                (Some(f), Some(t)) => Some((f.min(t), f.max(t))),
                (Some(f), None) => Some((f, i32::MAX)),
                (None, Some(t)) => Some((i32::MIN, t)),
                (None, None) => None,
            };
        }
    }

    /// Whether the link asks for nothing.
    pub fn is_empty(&self) -> bool {
        *self == DeepLink::default()
    }
}

impl ViewState {
    /// The query parameters that describe this view (value None: not in the address).
    pub fn query(&self, story: &Story) -> Vec<(&'static str, Option<String>)> {
        let layers = (!self.filter.hidden_layers.is_empty()).then(|| {
            // The shown ids joined by commas (ids are never empty: `check_id`).
            let mut shown = String::new();
            for l in story.manifest.layers.iter().filter(|l| self.filter.is_layer_visible(&l.id)) {
                if !shown.is_empty() {
                    shown.push(',');
                }
                shown.push_str(&l.id);
            }
            shown
        });
        let (article, passage) = match &self.panel {
            PanelView::Reader { article, passage, .. } => (Some(article.clone()), passage.clone()),
            _ => (None, None),
        };
        // In the order of PARAMS; a literal list rather than PARAMS zipped with the values
        // (the zip of two arrays is a few hundred bytes of wasm of its own).
        vec![
            ("place", self.selected().map(str::to_owned)),
            ("layers", layers),
            ("tour", self.tour_step().map(|s| (s + 1).to_string())),
            ("article", article),
            ("passage", passage),
            ("from", self.filter.time.map(|(f, _)| f.to_string())),
            ("to", self.filter.time.map(|(_, t)| t.to_string())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter() {
        let link = DeepLink::from_pairs([
            ("place", "cecot"),
            ("layers", "cecot, darien,,BAD"),
            ("tour", "3"),
            ("article", "specht-cecot"),
            ("passage", "specht-04"),
            ("from", "2025"),
            ("to", "1989"),
            ("lang", "es"),
        ]);
        assert_eq!(
            link,
            DeepLink {
                place: Some("cecot".into()),
                layers: Some(vec!["cecot".into(), "darien".into()]),
                tour: Some(3),
                article: Some("specht-cecot".into()),
                passage: Some("specht-04".into()),
                time: Some((1989, 2025)),
            }
        );
    }

    #[test]
    fn the_query_names_the_params_in_order() {
        let story = crate::view::testing::story();
        let state = crate::view::testing::state(&story);
        let names: Vec<&str> = state.query(&story).into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, PARAMS);
    }

    #[test]
    fn reading_pairs_sets_only_what_they_name() {
        let mut link = DeepLink {
            place: Some("cecot".into()),
            layers: Some(vec!["cecot".into()]),
            tour: Some(2),
            time: Some((1990, 2000)),
            ..DeepLink::default()
        };
        link.read_pairs([("place", "<script>"), ("article", "specht-cecot"), ("to", "1995")]);
        assert_eq!(
            link,
            DeepLink {
                place: None,
                layers: Some(vec!["cecot".into()]),
                tour: Some(2),
                article: Some("specht-cecot".into()),
                passage: None,
                time: Some((i32::MIN, 1995)),
            },
            "a malformed place clears it; the years are one part"
        );
    }

    #[test]
    fn ignores_what_is_malformed() {
        let link = DeepLink::from_pairs([
            ("place", "<script>"),
            ("tour", "0"),
            ("article", ""),
            ("from", "nineteen"),
        ]);
        assert!(link.is_empty(), "{link:?}");
        assert_eq!(DeepLink::from_pairs([("tour", "x")]).tour, None);
        assert_eq!(DeepLink::from_pairs([("from", "1990")]).time, Some((1990, i32::MAX)));
        assert_eq!(DeepLink::from_pairs([("to", "1990")]).time, Some((i32::MIN, 1990)));
        assert_eq!(
            DeepLink::from_pairs([("layers", "")]).layers,
            Some(vec![]),
            "no layer at all is a choice"
        );
    }
}
