//! Which places are shown: the one decision about layers and years that the map, the
//! list, the search, the timeline and the announcements all read.

use crate::story::{Place, Story};

/// What decides whether a place is shown: the layers switched off and the years.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Ids of the layers switched off.
    pub hidden_layers: Vec<String>,
    /// Years shown (inclusive); None for all dates.
    pub time: Option<(i32, i32)>,
}

impl Filter {
    /// Whether the layer is switched on.
    pub fn is_layer_visible(&self, layer: &str) -> bool {
        !self.hidden_layers.iter().any(|l| l == layer)
    }

    /// Switches the layer on.
    pub fn show_layer(&mut self, layer: &str) {
        self.hidden_layers.retain(|l| l != layer);
    }

    /// Whether a place is shown: its layer is on and, when a time range is set, one of
    /// its events falls in it (a place without dated events is never filtered by time).
    pub fn shows(&self, place: &Place) -> bool {
        self.is_layer_visible(&place.layer)
            && self.time.is_none_or(|(from, to)| place.overlaps_years(from, to))
    }

    /// Indices (into `story.places`) of the places shown, in story order.
    pub fn shown_places<'a>(&'a self, story: &'a Story) -> impl Iterator<Item = usize> + 'a {
        story.places.iter().enumerate().filter(|(_, p)| self.shows(p)).map(|(i, _)| i)
    }

    /// The places the list shows: the shown places that match `search`, best match first
    /// (story order when the search is empty).
    pub fn listed_places(&self, story: &Story, search: &str) -> Vec<usize> {
        let mut places = story.search(search);
        places.retain(|&i| self.shows(&story.places[i]));
        places
    }
}

#[cfg(test)]
mod tests {
    use super::Filter;
    use crate::view::testing::story;

    #[test]
    fn layers_and_years_decide_together() {
        let story = story();
        let mut f = Filter::default();
        let shown = |f: &Filter| -> Vec<&str> {
            f.shown_places(&story).map(|i| story.places[i].id.as_str()).collect()
        };
        assert_eq!(shown(&f), ["chorrillo", "howard", "cecot", "undated"]);
        f.hidden_layers = vec!["bases".into()];
        assert_eq!(shown(&f), ["chorrillo", "cecot", "undated"]);
        f.time = Some((1989, 1990));
        assert_eq!(shown(&f), ["chorrillo", "undated"], "a place without events is never filtered by time");
        f.hidden_layers.clear();
        f.time = Some((1999, 2024));
        assert_eq!(shown(&f), ["howard", "cecot", "undated"], "howard 1942–1999, cecot from 2023");
    }

    #[test]
    fn the_list_is_the_search_within_what_is_shown() {
        let story = story();
        let mut f = Filter::default();
        assert_eq!(f.listed_places(&story, "CARCEL"), [2]);
        assert_eq!(f.listed_places(&story, "").len(), 4);
        f.hidden_layers = vec!["prisons".into()];
        assert!(f.listed_places(&story, "carcel").is_empty());
    }
}
