//! Every action of the reducer, on the test story: the state it leaves and the effects
//! it asks for.

use super::*;
use crate::camera::{Camera, ScreenPoint, Viewport};
use crate::geo::{unproject, Bounds};
use crate::view::state::{FIT_PADDING_PX, MAX_FLIGHT_MS, MAX_SCALE, MIN_FLIGHT_MS, MIN_HOME_M};
use crate::view::testing;

const VP: Viewport = Viewport { width: 800.0, height: 600.0 };

struct World {
    story: Story,
    scene: Scene,
}

impl World {
    fn new() -> Self {
        let story = testing::story();
        let scene = Scene::new(&story);
        World { story, scene }
    }

    /// The state after the map got its size.
    fn sized(&self) -> ViewState {
        self.run(testing::state(&self.story), [Action::Resize(VP)]).0
    }

    fn step(&self, s: &ViewState, a: Action) -> (ViewState, Effects) {
        reduce(s, &self.story, &self.scene, a)
    }

    /// Runs actions in turn, returning the last state and the last effects.
    fn run(&self, s: ViewState, actions: impl IntoIterator<Item = Action>) -> (ViewState, Effects) {
        actions.into_iter().fold((s, Effects::default()), |(s, _), a| self.step(&s, a))
    }

    /// Flies to the end of any flight.
    fn land(&self, s: ViewState) -> ViewState {
        let end = s.flight.as_ref().map_or(0.0, |f| f.duration_ms);
        self.run(s, [Action::Frame(0.0), Action::Frame(end)]).0
    }

    fn place_index(&self, id: &str) -> usize {
        self.story.places.iter().position(|p| p.id == id).unwrap()
    }

    fn focus_of(&self, id: &str) -> Bounds {
        self.scene.focus_of(self.place_index(id))
    }
}

fn select(id: &str, via: Via) -> Action {
    Action::Select { id: id.into(), via, opener: Some(format!("list:{id}")) }
}

fn url_value(fx: &Effects, key: &str) -> Option<Option<String>> {
    fx.url.as_ref().map(|u| u.iter().find(|(k, _)| *k == key).and_then(|(_, v)| v.clone()))
}

#[test]
fn camera_actions_have_no_effects() {
    let w = World::new();
    let s = w.sized();
    for a in [
        Action::PanBy(10.0, 5.0),
        Action::ZoomBy { factor: 2.0, anchor: None },
        Action::ZoomPan { factor: 0.5, anchor: ScreenPoint::new(1.0, 2.0), dx: 3.0, dy: 4.0 },
        Action::Reset,
        Action::Frame(16.0),
        Action::Resize(Viewport { width: 640.0, height: 480.0 }),
        Action::FlyTo { lon: -79.5, lat: 9.0, zoom: Some(10.0) },
    ] {
        let (_, fx) = w.step(&s, a.clone());
        assert!(fx.is_empty(), "{a:?} gave {fx:?}");
    }
}

#[test]
fn the_first_size_shows_home_then_a_waiting_selection() {
    let w = World::new();
    let s = testing::state(&w.story);
    let (s, _) = w.step(&s, select("chorrillo", Via::Link));
    assert_eq!(s.viewport.width, 0.0, "no size yet");
    let (s, _) = w.step(&s, Action::Resize(VP));
    assert!(s.flight.is_none(), "the waiting view is shown at once");
    assert_eq!(s.camera, Camera::fit(w.focus_of("chorrillo"), VP, FIT_PADDING_PX).clamped(&s.limits()));
    let (again, _) = w.step(&s, Action::Resize(VP));
    assert_eq!(again, s, "the same size changes nothing");
}

#[test]
fn pan_and_zoom_are_clamped() {
    let w = World::new();
    let s = w.sized();
    let home = s.camera;
    let (far, _) = w.step(&s, Action::PanBy(1e9, 1e9));
    assert!(far.limits().bounds.contains(far.camera.center));
    let (out, _) = w.step(&s, Action::ZoomBy { factor: 1e-6, anchor: None });
    assert_eq!(out.camera.scale, home.scale / 4.0, "zoom out stops at a quarter of the home scale");
    let (deep, _) = w.step(&s, Action::ZoomBy { factor: 1e12, anchor: None });
    assert_eq!(deep.camera.scale, MAX_SCALE);
}

#[test]
fn a_flight_runs_on_animation_frames_and_ends_exactly() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), select("cecot", Via::Map));
    let target = Camera::fit(w.focus_of("cecot"), VP, FIT_PADDING_PX).clamped(&s.limits());
    let duration = s.flight.as_ref().expect("a flight").duration_ms;
    assert!((MIN_FLIGHT_MS..=MAX_FLIGHT_MS).contains(&duration));
    let start = s.camera;
    let (s, _) = w.step(&s, Action::Frame(1000.0));
    assert_eq!(s.camera, start, "the first frame starts the clock");
    let (s, _) = w.step(&s, Action::Frame(1000.0 + duration / 2.0));
    assert!(s.flight.is_some() && s.camera != start && s.camera != target);
    let (s, _) = w.step(&s, Action::Frame(1000.0 + duration));
    assert!(s.flight.is_none());
    assert_eq!(s.camera, target);
    assert_eq!(s.frames, 3);
}

#[test]
fn a_gesture_preview_lands_where_it_was_shown() {
    let w = World::new();
    let s = w.sized();
    // Zoom ×2 around the top-left corner and pan back: the point under (300, 200) ends
    // under 2·(300, 200) + (−300, −200) = (300, 200), with no clamping on the way.
    let under = s.camera.transform(VP).invert(ScreenPoint::new(300.0, 200.0));
    let (s, _) = w.step(
        &s,
        Action::ZoomPan { factor: 2.0, anchor: ScreenPoint::new(0.0, 0.0), dx: -300.0, dy: -200.0 },
    );
    let now = s.camera.transform(VP).apply(under);
    assert!((now.x - 300.0).abs() < 1e-6 && (now.y - 200.0).abs() < 1e-6, "{now:?}");
}

#[test]
fn reduced_motion_jumps() {
    let w = World::new();
    let mut s = testing::state(&w.story);
    s.reduced_motion = true;
    let (s, _) = w.run(s, [Action::Resize(VP), select("howard", Via::Map)]);
    assert!(s.flight.is_none());
    assert_eq!(s.camera, Camera::fit(w.focus_of("howard"), VP, FIT_PADDING_PX).clamped(&s.limits()));
}

#[test]
fn a_story_without_a_home_opens_on_its_places_at_least_4_km_wide() {
    let mut story = testing::story();
    story.manifest.home = None;
    story.places.truncate(1);
    let scene = Scene::new(&story);
    let s = ViewState::new(&story, &scene, false);
    assert!((s.home_bounds.width() - MIN_HOME_M).abs() < 1e-6);
    let (s, _) = reduce(&s, &story, &scene, Action::Resize(VP));
    assert!(s.camera.scale.is_finite() && s.camera.scale > 0.0);
}

#[test]
fn selecting_from_the_list_announces_focuses_the_card_and_tells_the_host() {
    let w = World::new();
    let s = w.sized();
    let (s, fx) = w.step(&s, select("chorrillo", Via::List));
    assert_eq!(s.selected(), Some("chorrillo"));
    assert_eq!(fx.announce, Some(Announcement::Selected { place: "chorrillo".into(), passages: 2 }));
    assert_eq!(fx.focus, Some(Focus::CardHeading));
    assert_eq!(fx.host, [HostEvent::Select(Some("chorrillo".into()))]);
    assert_eq!(url_value(&fx, "place"), Some(Some("chorrillo".into())));
    assert!(s.flight.is_some(), "the map flies there");
}

#[test]
fn selecting_on_the_map_leaves_focus_on_the_marker() {
    let w = World::new();
    let (_, fx) = w.step(&w.sized(), select("cecot", Via::Map));
    assert_eq!(fx.focus, None);
    assert_eq!(fx.announce, Some(Announcement::Selected { place: "cecot".into(), passages: 1 }));
    let (_, fx) = w.step(&w.sized(), select("cecot", Via::Passage));
    assert_eq!(fx.focus, Some(Focus::CardHeading), "the passage's button goes away with the old card");
}

#[test]
fn selecting_shows_the_place_even_when_its_layer_or_years_were_hidden() {
    let w = World::new();
    let (s, _) = w.run(
        w.sized(),
        [Action::ToggleLayer("prisons".into()), Action::SetTimeRange { from: 1980, to: 1990 }],
    );
    assert!(!s.filter.shows(&w.story.places[w.place_index("cecot")]));
    let (s, _) = w.step(&s, select("cecot", Via::Search));
    assert!(s.filter.shows(&w.story.places[w.place_index("cecot")]));
    assert!(s.filter.is_layer_visible("prisons") && s.filter.time.is_none());
}

#[test]
fn an_unknown_place_changes_nothing() {
    let w = World::new();
    let s = w.sized();
    let (after, fx) = w.step(&s, select("atlantis", Via::Host));
    assert_eq!(after, s);
    assert!(fx.is_empty());
}

#[test]
fn deselect_returns_focus_to_the_opener_and_clears_the_address() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), select("howard", Via::List));
    let (s, fx) = w.step(&s, Action::Deselect);
    assert_eq!(s.selected(), None);
    assert_eq!(fx.focus, Some(Focus::Restore("list:howard".into())));
    assert_eq!(fx.host, [HostEvent::Select(None)]);
    assert_eq!(url_value(&fx, "place"), Some(None));
    let (_, fx) = w.step(&s, Action::Deselect);
    assert!(fx.is_empty(), "nothing to close");
}

#[test]
fn layer_toggles_announce_what_is_shown_and_go_into_the_address() {
    let w = World::new();
    let (s, fx) = w.step(&w.sized(), Action::ToggleLayer("bases".into()));
    assert!(!s.filter.is_layer_visible("bases"));
    assert_eq!(fx.announce, Some(Announcement::PlacesShown(3)));
    assert_eq!(url_value(&fx, "layers"), Some(Some("barrio,prisons".into())));
    let (s, fx) = w.step(&s, Action::ToggleLayer("bases".into()));
    assert!(s.filter.is_layer_visible("bases"));
    assert_eq!(url_value(&fx, "layers"), Some(None), "all layers shown: no parameter");
    let (after, fx) = w.step(&s, Action::ToggleLayer("nope".into()));
    assert_eq!((after, fx), (s.clone(), Effects::default()));
    let (s, fx) = w.step(&s, Action::ShowLayers(vec!["prisons".into(), "nope".into()]));
    assert_eq!(s.filter.hidden_layers, ["barrio", "bases"]);
    assert_eq!(fx.announce, Some(Announcement::PlacesShown(1)));
}

#[test]
fn the_time_range_filters_is_ordered_clamped_and_cleared() {
    let w = World::new();
    let (s, fx) = w.step(&w.sized(), Action::SetTimeRange { from: 2000, to: 1980 });
    assert_eq!(s.filter.time, Some((1980, 2000)));
    assert_eq!(fx.announce, Some(Announcement::PlacesShown(3)), "chorrillo, howard and the undated place");
    assert_eq!(url_value(&fx, "from"), Some(Some("1980".into())));
    assert_eq!(url_value(&fx, "to"), Some(Some("2000".into())));
    let (s, _) = w.step(&s, Action::SetTimeRange { from: 1000, to: 2010 });
    assert_eq!(s.filter.time, Some((1942, 2010)), "clamped to the story's years");
    let (s, _) = w.step(&s, Action::SetTimeRange { from: 1942, to: 2023 });
    assert_eq!(s.filter.time, None, "the whole span is no filter");
    let (s, _) = w.step(&s, Action::SetTimeRange { from: 2020, to: 2025 });
    let (s, fx) = w.step(&s, Action::ClearTimeRange);
    assert_eq!(s.filter.time, None);
    assert_eq!(fx.announce, Some(Announcement::PlacesShown(4)));
    assert_eq!(url_value(&fx, "from"), Some(None));
}

#[test]
fn search_counts_matches_and_enter_selects_the_first() {
    let w = World::new();
    let (s, fx) = w.step(&w.sized(), Action::Search("carcel".into()));
    assert_eq!(s.search, "carcel");
    assert_eq!(fx.announce, Some(Announcement::SearchResults(1)));
    let (s, fx) = w.step(&s, Action::SearchSubmit);
    assert_eq!(s.selection.as_ref().map(|x| (x.place.as_str(), x.via)), Some(("cecot", Via::Search)));
    assert_eq!(fx.focus, None, "focus stays in the search box");
    let (s, fx) = w.step(&s, Action::Search("zzz".into()));
    assert_eq!(fx.announce, Some(Announcement::SearchResults(0)));
    let (after, fx) = w.step(&s, Action::SearchSubmit);
    assert_eq!(after.selected(), Some("cecot"), "no result: the selection stays");
    assert_eq!(fx.announce, Some(Announcement::SearchResults(0)));
}

#[test]
fn the_tour_starts_at_its_first_stop_with_only_its_layers() {
    let w = World::new();
    let (s, fx) = w.step(&w.sized(), Action::TourStart { opener: Some("tour-start".into()) });
    assert_eq!(s.tour_step(), Some(0));
    assert_eq!(s.selection.as_ref().map(|x| (x.place.as_str(), x.via)), Some(("chorrillo", Via::Tour)));
    assert_eq!(s.filter.hidden_layers, ["bases", "prisons"]);
    assert_eq!(fx.announce, Some(Announcement::TourStop { stop: 1, of: 3, place: "chorrillo".into() }));
    assert_eq!(fx.focus, Some(Focus::TourHeading));
    assert_eq!(fx.host, [HostEvent::Select(Some("chorrillo".into())), HostEvent::Tour(Some(1))]);
    assert_eq!(url_value(&fx, "tour"), Some(Some("1".into())));
}

#[test]
fn next_and_previous_walk_the_stops_and_stop_at_the_ends() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), Action::TourStart { opener: None });
    let (s, fx) = w.step(&s, Action::TourPrev);
    assert_eq!((s.tour_step(), fx.announce), (Some(0), None), "no stop before the first");
    let (s, fx) = w.step(&s, Action::TourNext);
    assert_eq!(s.tour_step(), Some(1));
    assert_eq!(fx.announce, Some(Announcement::TourStop { stop: 2, of: 3, place: "howard".into() }));
    // Without its own layers a stop shows its place's layer only.
    assert_eq!(s.filter.hidden_layers, ["barrio", "prisons"]);
    // The stop's camera wins over the place's own fit: zoom 12 at its centre.
    let landed = w.land(s.clone());
    assert!((landed.camera.zoom_level() - 12.0).abs() < 1e-9, "{}", landed.camera.zoom_level());
    let centre = unproject(landed.camera.center);
    assert!((centre.lon + 79.6).abs() < 1e-9 && (centre.lat - 8.92).abs() < 1e-9);
    let (s, _) = w.run(s, [Action::TourNext, Action::TourNext]);
    assert_eq!(s.tour_step(), Some(2), "no stop after the last");
    let (s, fx) = w.step(&s, Action::TourPrev);
    assert_eq!(s.tour_step(), Some(1));
    assert_eq!(url_value(&fx, "tour"), Some(Some("2".into())));
    let (s, _) = w.step(&s, Action::TourGo(99));
    assert_eq!(s.tour_step(), Some(2), "a step past the end goes to the last");
}

#[test]
fn exit_keeps_the_place_and_brings_back_the_layers() {
    let w = World::new();
    let (s, _) = w.run(
        w.sized(),
        [
            Action::ToggleLayer("prisons".into()),
            Action::TourStart { opener: Some("tour-start".into()) },
            Action::TourNext,
        ],
    );
    let (s, fx) = w.step(&s, Action::TourExit);
    assert_eq!(s.tour_step(), None);
    assert_eq!(s.selected(), Some("howard"));
    assert_eq!(s.filter.hidden_layers, ["prisons"], "the reader's own choice of layers is back");
    assert_eq!(fx.focus, Some(Focus::Restore("tour-start".into())));
    assert_eq!(fx.announce, Some(Announcement::TourEnded));
    assert_eq!(fx.host, [HostEvent::Tour(None)]);
    assert_eq!(url_value(&fx, "tour"), Some(None));
}

#[test]
fn choosing_another_place_during_the_tour_ends_it() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), Action::TourStart { opener: None });
    let (s, fx) = w.step(&s, select("undated", Via::Map));
    assert_eq!(s.tour_step(), None);
    assert_eq!(s.selected(), Some("undated"));
    assert!(fx.host.contains(&HostEvent::Tour(None)));
}

#[test]
fn the_reader_opens_from_a_passage_and_back_returns_to_the_card() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), select("chorrillo", Via::List));
    let open = Action::OpenArticle {
        article: "a1".into(),
        passage: Some("p2".into()),
        opener: Some("read:p2".into()),
    };
    let (s, fx) = w.step(&s, open);
    assert!(
        matches!(&s.panel, PanelView::Reader { article, passage: Some(p), .. } if article == "a1" && p == "p2")
    );
    assert_eq!(fx.focus, Some(Focus::Reader));
    assert_eq!(fx.announce, Some(Announcement::ArticleOpened("a1".into())));
    assert_eq!(url_value(&fx, "article"), Some(Some("a1".into())));
    assert_eq!(url_value(&fx, "passage"), Some(Some("p2".into())));
    // A mention in the text selects its place and keeps the reader open.
    let (s, fx) = w.step(&s, select("howard", Via::Reader));
    assert_eq!(s.selected(), Some("howard"));
    assert!(matches!(s.panel, PanelView::Reader { .. }));
    assert_eq!(fx.focus, None);
    let (s, fx) = w.step(&s, Action::Back);
    assert_eq!(s.panel, PanelView::Explore);
    assert_eq!(s.selected(), Some("howard"));
    assert_eq!(fx.focus, Some(Focus::Restore("read:p2".into())));
    assert_eq!(url_value(&fx, "article"), Some(None));
}

#[test]
fn the_reader_opened_from_the_articles_list_goes_back_to_it() {
    let w = World::new();
    let (s, fx) = w.step(&w.sized(), Action::ShowArticles { opener: Some("articles".into()) });
    assert_eq!(fx.focus, Some(Focus::Articles));
    let (s, _) = w.step(
        &s,
        Action::OpenArticle {
            article: "a2".into(),
            passage: Some("p1".into()),
            opener: Some("article:a2".into()),
        },
    );
    assert!(
        matches!(&s.panel, PanelView::Reader { passage: None, from_articles: true, .. }),
        "p1 is not in a2"
    );
    let (s, fx) = w.step(&s, Action::Back);
    assert!(matches!(s.panel, PanelView::Articles { .. }));
    assert_eq!(fx.focus, Some(Focus::Restore("article:a2".into())));
    let (s, fx) = w.step(&s, Action::Back);
    assert_eq!(s.panel, PanelView::Explore);
    assert_eq!(fx.focus, None);
    let (after, fx) = w.step(&s, Action::OpenArticle { article: "nope".into(), passage: None, opener: None });
    assert_eq!((after, fx), (s, Effects::default()));
}

#[test]
fn escape_closes_the_reader_then_the_tour_then_the_card() {
    let w = World::new();
    let (s, _) = w.run(
        w.sized(),
        [
            Action::TourStart { opener: Some("tour-start".into()) },
            Action::OpenArticle { article: "a1".into(), passage: None, opener: Some("read:p1".into()) },
        ],
    );
    let (s, fx) = w.step(&s, Action::Escape);
    assert_eq!((s.panel.clone(), fx.focus), (PanelView::Explore, Some(Focus::Restore("read:p1".into()))));
    assert_eq!(s.tour_step(), Some(0));
    let (s, fx) = w.step(&s, Action::Escape);
    assert_eq!((s.tour_step(), fx.focus), (None, Some(Focus::Restore("tour-start".into()))));
    assert_eq!(s.selected(), Some("chorrillo"));
    let (s, _) = w.step(&s, Action::Escape);
    assert_eq!(s.selected(), None);
    let (_, fx) = w.step(&s, Action::Escape);
    assert!(fx.is_empty(), "nothing left to close");
}

#[test]
fn fly_to_reaches_the_web_zoom_asked_for_and_keeps_the_selection() {
    let w = World::new();
    let (s, _) = w.step(&w.sized(), select("cecot", Via::Host));
    let s = w.land(s);
    let (s, _) = w.step(&s, Action::FlyTo { lon: -79.548, lat: 8.951, zoom: Some(15.0) });
    let s = w.land(s);
    assert_eq!(s.selected(), Some("cecot"));
    assert!((s.camera.zoom_level() - 15.0).abs() < 1e-9, "{}", s.camera.zoom_level());
    // Zoom 15 at 9° N: 4.7 m a pixel, so a 120 px scale bar reads 500 m, not 20 km.
    let m_per_px = s.camera.meters_per_pixel_at(8.951);
    assert!((m_per_px - 4.719).abs() < 0.001, "{m_per_px}");
    let (s, _) = w.step(&s, Action::FlyTo { lon: -79.5, lat: 9.0, zoom: None });
    let s = w.land(s);
    assert!((s.camera.zoom_level() - 15.0).abs() < 1e-9, "no zoom given: the zoom stays");
    let (after, _) = w.step(&s, Action::FlyTo { lon: f64::NAN, lat: 9.0, zoom: None });
    assert_eq!(after, s);
}

#[test]
fn a_deep_link_opens_everything_it_names_silently() {
    let w = World::new();
    let link = DeepLink::from_pairs([
        ("layers", "barrio"),
        ("from", "1980"),
        ("to", "1990"),
        ("place", "chorrillo"),
        ("article", "a1"),
        ("passage", "p1"),
    ]);
    let (s, fx) = w.step(&testing::state(&w.story), Action::Open(link));
    assert_eq!(s.selected(), Some("chorrillo"));
    assert_eq!(s.filter.hidden_layers, ["bases", "prisons"]);
    assert_eq!(s.filter.time, Some((1980, 1990)));
    assert!(
        matches!(&s.panel, PanelView::Reader { article, passage: Some(p), .. } if article == "a1" && p == "p1")
    );
    assert_eq!(fx.announce, None);
    assert_eq!(fx.focus, None);
    let (s, _) = w.step(
        &testing::state(&w.story),
        Action::Open(DeepLink::from_pairs([("tour", "2"), ("place", "cecot")])),
    );
    assert_eq!(s.tour_step(), Some(1), "a tour stop wins over a place");
    assert_eq!(s.selected(), Some("howard"));
    let query: Vec<_> =
        s.query(&w.story).into_iter().filter_map(|(k, v)| v.map(|v| format!("{k}={v}"))).collect();
    assert_eq!(query, ["place=howard", "layers=bases", "tour=2"]);
}

#[test]
fn a_group_control_zooms_in_until_its_places_separate() {
    let w = World::new();
    let s = w.sized();
    let (chorrillo, undated) = (w.place_index("chorrillo"), w.place_index("undated"));
    let apart = |s: &ViewState| {
        let t = s.camera.transform(VP);
        let (a, b) = (t.apply(w.scene.places[chorrillo].anchor), t.apply(w.scene.places[undated].anchor));
        (a.x - b.x).hypot(a.y - b.y)
    };
    assert!(apart(&s) < 1.0, "at home the two are on one pixel");
    let (s, fx) = w.step(&s, Action::ShowPlaces(vec![chorrillo, undated]));
    assert_eq!(fx.announce, Some(Announcement::ZoomedTo(2)));
    let s = w.land(s);
    assert!(apart(&s) > 400.0, "they fill the view: {}", apart(&s));
    let (after, fx) = w.step(&s, Action::ShowPlaces(vec![99]));
    assert_eq!((after, fx), (s, Effects::default()), "no known place: nothing happens");
}
