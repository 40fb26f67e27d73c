//! The one reducer: `reduce(state, story, scene, action)` returns the next state and
//! the effects the shell must carry out.

use crate::geo::{project, Bounds, LonLat};
use crate::num::clamp;
use crate::scene::Scene;
use crate::story::Story;

use super::action::{Action, Opener, Via};
use super::deep_link::DeepLink;
use super::effects::{Announcement, Effects, Focus, HostEvent};
use super::state::{PanelView, Selection, Target, TourState, ViewState};

/// Applies `action` to `state`. Camera actions (size, gestures, frames) change only the
/// camera and have no effects; the others may write the address, announce, move focus
/// and tell the host, each reported once, when it changed.
pub fn reduce(state: &ViewState, story: &Story, scene: &Scene, action: Action) -> (ViewState, Effects) {
    let mut s = state.clone();
    if camera_action(&mut s, &action) {
        return (s, Effects::default());
    }
    let mut fx = Effects::default();
    apply(&mut s, story, scene, action, &mut fx);
    if s.selected() != state.selected() {
        fx.host.push(HostEvent::Select(s.selected().map(str::to_owned)));
    }
    if s.tour_step() != state.tour_step() {
        fx.host.push(HostEvent::Tour(s.tour_step().map(|n| n + 1)));
    }
    let query = s.query(story);
    if query != state.query(story) {
        fx.url = Some(query);
    }
    (s, fx)
}

/// Applies a camera-only action; false when `action` is not one.
fn camera_action(s: &mut ViewState, action: &Action) -> bool {
    match *action {
        Action::Resize(vp) => {
            s.resize(vp);
        }
        Action::PanBy(dx, dy) => {
            s.flight = None;
            s.camera = s.camera.panned_by(dx, dy).clamped(&s.limits());
        }
        Action::ZoomBy { factor, anchor } => {
            s.flight = None;
            let anchor = anchor.unwrap_or_else(|| s.screen_center());
            s.camera = s.camera.zoomed_around(factor, anchor, s.viewport).clamped(&s.limits());
        }
        Action::ZoomPan { factor, anchor, dx, dy } => {
            s.flight = None;
            s.camera =
                s.camera.zoomed_around(factor, anchor, s.viewport).panned_by(dx, dy).clamped(&s.limits());
        }
        Action::Reset => {
            let home = s.home_bounds;
            s.show(Target::Fit(home), true);
        }
        Action::Frame(now) => {
            s.frames += 1;
            if let Some(flight) = s.flight.as_mut() {
                let start = *flight.start_ms.get_or_insert(now);
                let t = clamp((now - start) / flight.duration_ms, 0.0, 1.0);
                s.camera = flight.path.at(t);
                if t >= 1.0 {
                    s.flight = None;
                }
            }
        }
        Action::FlyTo { lon, lat, zoom } => {
            if lon.is_finite() && lat.is_finite() {
                let zoom = zoom.filter(|z| z.is_finite()).unwrap_or_else(|| s.camera.zoom_level());
                s.show(Target::At(project(LonLat::new(lon, lat)), zoom), true);
            }
        }
        _ => return false,
    }
    true
}

fn apply(s: &mut ViewState, story: &Story, scene: &Scene, action: Action, fx: &mut Effects) {
    match action {
        Action::Select { id, via, opener } => {
            if s.tour.is_some() && via != Via::Tour {
                end_tour(s, story);
            }
            if select(s, story, scene, &id, via, opener) {
                if via != Via::Link {
                    let passages = story.passages_naming(&id).count();
                    fx.announce = Some(Announcement::Selected { place: id, passages });
                }
                fx.focus = match via {
                    Via::List | Via::Passage => Some(Focus::CardHeading),
                    _ => None,
                };
            }
        }
        Action::Deselect => {
            if let Some(sel) = s.selection.take() {
                fx.focus = sel.opener.map(Focus::Restore);
            }
        }
        // One announcement for every change of the layers or years shown (one count of
        // the places in the wasm rather than four).
        Action::ToggleLayer(_)
        | Action::ShowLayers(_)
        | Action::SetTimeRange { .. }
        | Action::ClearTimeRange => {
            match action {
                Action::ToggleLayer(id) => {
                    if story.layer(&id).is_none() {
                        return;
                    }
                    if s.filter.is_layer_visible(&id) {
                        s.filter.hidden_layers.push(id);
                    } else {
                        s.filter.show_layer(&id);
                    }
                }
                Action::ShowLayers(shown) => show_only(s, story, &shown),
                Action::SetTimeRange { from, to } => set_time(s, story, from.min(to), from.max(to)),
                _ => s.filter.time = None,
            }
            fx.announce = Some(Announcement::PlacesShown(s.filter.shown_places(story).count()));
        }
        Action::Search(text) => {
            s.search = text;
            fx.announce = Some(Announcement::SearchResults(s.filter.listed_places(story, &s.search).len()));
        }
        Action::SearchSubmit => match s.filter.listed_places(story, &s.search).first() {
            Some(&i) => {
                let id = story.places[i].id.clone();
                apply(s, story, scene, Action::Select { id, via: Via::Search, opener: None }, fx);
            }
            None => fx.announce = Some(Announcement::SearchResults(0)),
        },
        Action::TourStart { opener } => {
            if !story.tour.is_empty() {
                start_tour(s, opener);
                go_to_stop(s, story, scene, 0, fx);
                fx.focus = Some(Focus::TourHeading);
            }
        }
        Action::TourGo(step) => {
            if !story.tour.is_empty() {
                start_tour(s, None);
                go_to_stop(s, story, scene, step.min(story.tour.len() - 1), fx);
            }
        }
        Action::TourNext | Action::TourPrev => {
            if let Some(step) = s.tour_step() {
                let next = if action == Action::TourNext { step + 1 } else { step.saturating_sub(1) };
                if next != step && next < story.tour.len() {
                    go_to_stop(s, story, scene, next, fx);
                }
            }
        }
        Action::TourExit => {
            if let Some(t) = end_tour(s, story) {
                fx.announce = Some(Announcement::TourEnded);
                fx.focus = t.opener.map(Focus::Restore);
            }
        }
        Action::ShowArticles { opener } => {
            s.panel = PanelView::Articles { opener };
            fx.focus = Some(Focus::Articles);
        }
        Action::OpenArticle { article, passage, opener } => {
            if story.article(&article).is_none() {
                return;
            }
            let passage = passage_in(story, &article, passage);
            let (from_articles, opener) = match std::mem::take(&mut s.panel) {
                // From the list, Back returns to the list and focus to its entry.
                PanelView::Articles { .. } => (true, opener),
                // Reader to reader (a link between articles) keeps the first way back.
                PanelView::Reader { opener: first, from_articles, .. } => (from_articles, first),
                PanelView::Explore => (false, opener),
            };
            fx.announce = Some(Announcement::ArticleOpened(article.clone()));
            s.panel = PanelView::Reader { article, passage, opener, from_articles };
            fx.focus = Some(Focus::Reader);
        }
        Action::Back => back(s, fx),
        Action::Escape => {
            if s.panel != PanelView::Explore {
                back(s, fx);
            } else if s.tour.is_some() {
                apply(s, story, scene, Action::TourExit, fx);
            } else {
                apply(s, story, scene, Action::Deselect, fx);
            }
        }
        Action::ShowPlaces(places) => {
            let mut bounds = Bounds::empty();
            for &i in &places {
                if let Some(p) = scene.places.get(i) {
                    bounds = bounds.extend(p.anchor);
                }
            }
            if !bounds.is_empty() {
                // A margin of a third around them keeps the places clear of the map's own
                // controls in its corners.
                let margin = bounds.width().max(bounds.height()) * 0.35;
                s.show(Target::Fit(bounds.padded(margin)), true);
                fx.announce = Some(Announcement::ZoomedTo(places.len()));
            }
        }
        Action::Open(link) => open(s, story, scene, link, fx),
        // Camera actions were applied before.
        Action::Resize(_)
        | Action::PanBy(..)
        | Action::ZoomBy { .. }
        | Action::ZoomPan { .. }
        | Action::Reset
        | Action::Frame(_)
        | Action::FlyTo { .. } => {}
    }
}

/// Selects a known place, shows its layer and years, and moves the camera to it.
fn select(s: &mut ViewState, story: &Story, scene: &Scene, id: &str, via: Via, opener: Opener) -> bool {
    let Some(i) = story.places.iter().position(|p| p.id == id) else { return false };
    let place = &story.places[i];
    s.filter.show_layer(&place.layer);
    if !s.filter.shows(place) {
        s.filter.time = None;
    }
    s.selection = Some(Selection { place: id.to_owned(), via, opener });
    let focus = scene.focus_of(i);
    if !focus.is_empty() {
        s.show(Target::Fit(focus), true);
    }
    true
}

fn show_only(s: &mut ViewState, story: &Story, shown: &[String]) {
    s.filter.hidden_layers.clear();
    for l in &story.manifest.layers {
        if !shown.contains(&l.id) {
            s.filter.hidden_layers.push(l.id.clone());
        }
    }
}

/// Sets the years shown; a range covering all of the story's years is no filter.
fn set_time(s: &mut ViewState, story: &Story, from: i32, to: i32) {
    s.filter.time = match story.year_span() {
        Some((first, last)) if from <= first && to >= last => None,
        Some((first, last)) => Some((from.clamp(first, last), to.clamp(first, last))),
        None => None,
    };
}

fn start_tour(s: &mut ViewState, opener: Opener) {
    if s.tour.is_none() {
        s.tour = Some(TourState { step: 0, opener, hidden_before: s.filter.hidden_layers.clone() });
    }
}

/// Shows stop `step`: its place selected, only its layers, its camera (or the place),
/// and the reader closed.
fn go_to_stop(s: &mut ViewState, story: &Story, scene: &Scene, step: usize, fx: &mut Effects) {
    let Some(stop) = story.tour.get(step) else { return };
    if let Some(t) = s.tour.as_mut() {
        t.step = step;
    }
    s.panel = PanelView::Explore;
    let layer_of_place = story.place(&stop.place).map_or(&[][..], |p| std::slice::from_ref(&p.layer));
    show_only(s, story, stop.layers.as_deref().unwrap_or(layer_of_place));
    s.filter.time = None;
    let opener = s.selection.as_ref().and_then(|sel| sel.opener.clone());
    select(s, story, scene, &stop.place, Via::Tour, opener);
    if let Some(cam) = &stop.camera {
        s.show(Target::At(project(cam.center), cam.zoom), true);
    }
    fx.announce =
        Some(Announcement::TourStop { stop: step + 1, of: story.tour.len(), place: stop.place.clone() });
}

/// Ends the tour: the layers hidden before it come back, the current place stays (with
/// its layer shown).
fn end_tour(s: &mut ViewState, story: &Story) -> Option<TourState> {
    let t = s.tour.take()?;
    let current = s.selected().and_then(|id| story.place(id));
    s.filter.hidden_layers = t.hidden_before.clone();
    if let Some(place) = current {
        s.filter.show_layer(&place.layer);
    }
    Some(t)
}

/// Leaves the reader or the list of articles for where the reader was.
fn back(s: &mut ViewState, fx: &mut Effects) {
    match std::mem::take(&mut s.panel) {
        PanelView::Reader { from_articles: true, opener, .. } => {
            s.panel = PanelView::Articles { opener: None };
            fx.focus = opener.map(Focus::Restore).or(Some(Focus::Articles));
        }
        PanelView::Reader { opener, .. } | PanelView::Articles { opener } => {
            fx.focus = opener.map(Focus::Restore);
        }
        PanelView::Explore => {}
    }
}

/// `passage` when it is one of `article`'s.
fn passage_in(story: &Story, article: &str, passage: Option<String>) -> Option<String> {
    passage.filter(|p| story.passages.iter().any(|q| q.id == *p && q.article == article))
}

/// Applies a deep link: layers and years first, then the tour stop or the place, then
/// the article. Nothing is announced: the reader did not act.
fn open(s: &mut ViewState, story: &Story, scene: &Scene, link: DeepLink, fx: &mut Effects) {
    if let Some(layers) = &link.layers {
        show_only(s, story, layers);
    }
    if let Some((from, to)) = link.time {
        set_time(s, story, from, to);
    }
    if let Some(stop) = link.tour.filter(|_| !story.tour.is_empty()) {
        start_tour(s, None);
        go_to_stop(s, story, scene, (stop - 1).min(story.tour.len() - 1), fx);
    } else if let Some(id) = &link.place {
        select(s, story, scene, id, Via::Link, None);
    }
    if let Some(article) = link.article {
        if story.article(&article).is_some() {
            let passage = passage_in(story, &article, link.passage);
            s.panel = PanelView::Reader { article, passage, opener: None, from_articles: false };
        }
    }
    fx.announce = None;
    fx.focus = None;
}

#[cfg(test)]
#[path = "reduce_tests.rs"]
mod tests;
