//! What can happen to the view: camera deltas from gestures and buttons, selections and
//! where they came from, layers, time, search, the tour and the reader.

use crate::camera::{ScreenPoint, Viewport};

use super::deep_link::DeepLink;

/// Where a selection came from: it decides where focus goes and whether the tour ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A marker or shape on the map.
    Map,
    /// The list of places.
    List,
    /// A passage's "show on map".
    Passage,
    /// The search box (Enter takes the first result).
    Search,
    /// A tick of the time axis.
    Timeline,
    /// A linked mention in the reader view.
    Reader,
    /// The host page (handle, attribute, marked link in its text).
    Host,
    /// The page address or the embed's options at start.
    Link,
    /// A stop of the guided tour.
    Tour,
}

/// The control that opened a card, the reader or the tour, named so that the shell can
/// find it again (for instance `list:cecot`); focus returns there when it closes.
pub type Opener = Option<String>;

/// Everything the shell can ask of the view.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The map element changed size (CSS pixels); the camera keeps its centre.
    Resize(Viewport),
    /// Content dragged by (dx, dy) CSS pixels.
    PanBy(f64, f64),
    /// Zoom by `factor` keeping the point under `anchor` (or the centre) fixed.
    ZoomBy {
        factor: f64,
        anchor: Option<ScreenPoint>,
    },
    /// A finished gesture preview: zoom by `factor` around `anchor`, then pan by (dx, dy),
    /// clamped once at the end (clamping in between would lose part of the pan).
    ZoomPan {
        factor: f64,
        anchor: ScreenPoint,
        dx: f64,
        dy: f64,
    },
    /// Back to the home view.
    Reset,
    /// An animation frame at this timestamp (ms).
    Frame(f64),
    /// Select a place by id and show it.
    Select {
        id: String,
        via: Via,
        opener: Opener,
    },
    /// Close the card.
    Deselect,
    /// Fly to (lon, lat) in degrees at a web-map zoom level (the host's `fly_to`); the
    /// selection stays.
    FlyTo {
        lon: f64,
        lat: f64,
        zoom: Option<f64>,
    },
    /// Switch one layer on or off.
    ToggleLayer(String),
    /// Show exactly these layers (unknown ids are ignored).
    ShowLayers(Vec<String>),
    /// Show places with an event in these years (inclusive); swapped if reversed.
    SetTimeRange {
        from: i32,
        to: i32,
    },
    /// All dates again.
    ClearTimeRange,
    /// The search box's text.
    Search(String),
    /// Enter in the search box: select the first result.
    SearchSubmit,
    /// Start the tour at its first stop.
    TourStart {
        opener: Opener,
    },
    /// Go to a stop (0-based; clamped to the tour).
    TourGo(usize),
    TourNext,
    TourPrev,
    /// Back to free exploring, keeping the current place.
    TourExit,
    /// Open the list of articles in the panel.
    ShowArticles {
        opener: Opener,
    },
    /// Open an article in the reader, marking the passage the reader came from.
    OpenArticle {
        article: String,
        passage: Option<String>,
        opener: Opener,
    },
    /// Leave the reader (or the list of articles) for where the reader was.
    Back,
    /// Escape: close the reader, the articles list, the tour or the card, in that order.
    Escape,
    /// Zoom until these places (indices into the story's places: a group control's
    /// members) separate on the map.
    ShowPlaces(Vec<usize>),
    /// Apply a deep link (address or embed options) at start.
    Open(DeepLink),
}
