//! What the shell must do after an action: write the address, say something to screen
//! reader users, move focus, tell the host page. Words are chosen by the shell (it
//! holds the interface language); here an announcement is data.

/// A short message for the polite live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// "CECOT selected — 9 passages".
    Selected { place: String, passages: usize },
    /// "Stop 3 of 9: El Chorrillo" (`stop` is 1-based).
    TourStop { stop: usize, of: usize, place: String },
    /// The tour ended.
    TourEnded,
    /// "12 places shown" after a layer or time change.
    PlacesShown(usize),
    /// "3 places match" / "No places match".
    SearchResults(usize),
    /// "Zoomed in on 25 places" after a group control.
    ZoomedTo(usize),
    /// The reader opened an article.
    ArticleOpened(String),
}

/// Where focus goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The heading of the place card.
    CardHeading,
    /// The tour panel's heading.
    TourHeading,
    /// The reader: the marked passage's paragraph if any, else its heading.
    Reader,
    /// The list of articles.
    Articles,
    /// Back to the control that opened what just closed (see [`super::Opener`]).
    Restore(String),
}

/// Something the host page is told through its callbacks and DOM events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// `passagemap:select` with the place id (or none when the card closed).
    Select(Option<String>),
    /// `passagemap:tour` with the 1-based stop, or none when the tour ended.
    Tour(Option<usize>),
}

/// The effects of one action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// The query parameters to write with `history.replaceState` (value None: remove),
    /// present only when one of them changed.
    pub url: Option<Vec<(&'static str, Option<String>)>>,
    pub announce: Option<Announcement>,
    pub focus: Option<Focus>,
    pub host: Vec<HostEvent>,
}

impl Effects {
    /// Whether the shell has nothing to do.
    pub fn is_empty(&self) -> bool {
        self.url.is_none() && self.announce.is_none() && self.focus.is_none() && self.host.is_empty()
    }
}
