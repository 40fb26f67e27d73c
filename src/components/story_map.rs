//! A loaded story on screen: the view model's hooks (actions in from the host and the
//! address, effects out) around the map, the timeline and the panel.

use std::rc::Rc;

use passage_map_core::view::{Action, DeepLink, Via};
use yew::functional::{Hook, HookContext};
use yew::prelude::*;
use yew::virtual_dom::VChild;

use super::effects::use_view_effects;
use super::elements::{zero, El};
use super::map_hooks::{no_teardown, use_map_effect};
use super::map_view::{map_view, use_map, MapState, MapViewProps, CITY_SCALE};
use super::markers::{use_markers_state, MapLayer, MapLayerOf, MapLayerProps};
use super::panel::{Panel, PanelProps};
use super::story_errors::story_errors;
use super::timeline::Timeline;
use crate::browser::{prefers_reduced_motion, query_pairs};
use crate::loader::{load_basemap, Basemap, Loaded};
use crate::options::{Command, CommandSlot, Options};
use crate::state::{MapHandle, Model};

#[derive(PartialEq)]
pub struct StoryMapProps {
    pub loaded: Rc<Loaded>,
    pub options: Rc<Options>,
    pub commands: CommandSlot,
    /// Loads the story again (offered when a file could not be fetched).
    pub on_retry: Callback<()>,
}

/// A basemap band: whether it was asked for, and the band once fetched.
#[derive(Default)]
struct Band {
    requested: bool,
    band: Option<Rc<Basemap>>,
}

/// Fetches a basemap band once `wanted` turns true.
#[hook]
fn use_basemap(url: String, wanted: bool) -> Option<Rc<Basemap>> {
    let band = use_mut_ref(Band::default);
    // Renders the story again when the band arrives: a `usize` state, as the panel's are
    // (one copy of Yew's state hook for them all), the band itself kept in the cell.
    let arrived = use_state_eq(zero as fn() -> usize);
    {
        let band = band.clone();
        use_map_effect(f64::from(u8::from(wanted)), move || {
            if wanted && !std::mem::replace(&mut band.borrow_mut().requested, true) {
                wasm_bindgen_futures::spawn_local(async move {
                    // The map works without a basemap (places, list, card); a missing band only leaves the sea.
                    if let Ok(b) = load_basemap(&url).await {
                        band.borrow_mut().band = Some(b);
                        arrived.set(1);
                    }
                });
            }
            no_teardown()
        });
    }
    let band = band.borrow().band.clone();
    band
}

/// What the embed's options ask for, overridden by the page address when the widget
/// owns it.
fn start_link(options: &Options) -> DeepLink {
    let mut link = DeepLink {
        place: options.place.clone(),
        layers: options.layers.clone(),
        tour: options.tour,
        ..DeepLink::default()
    };
    if options.url_state {
        // What the address names wins; the article, passage and years come from it alone.
        let pairs = query_pairs();
        link.read_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    link
}

/// Host commands (through the handle) become actions.
fn command_action(c: Command) -> Action {
    match c {
        Command::Select(id) => Action::Select { id, via: Via::Host, opener: None },
        Command::SetLayers(shown) => Action::ShowLayers(shown),
        Command::FlyTo { lon, lat, zoom } => Action::FlyTo { lon, lat, zoom },
        Command::Tour(Some(stop)) => Action::TourGo(stop.saturating_sub(1)),
        Command::Tour(None) => Action::TourExit,
    }
}

/// The story map: the role of the map's one memoised component type ([`MapLayer`]) that
/// shows a loaded story (a component type of its own would be another copy of Yew's
/// lifecycle code). Its props are a [`MapLayerProps`] made from [`StoryMapProps`].
pub(crate) type StoryMap = MapLayer;

impl From<StoryMapProps> for MapLayerProps {
    fn from(props: StoryMapProps) -> Self {
        MapLayerProps { layer: MapLayerOf::Story(props) }
    }
}

/// What the story map's hooks keep for its render.
pub(crate) struct StoryState {
    map: MapHandle,
    region: Option<Rc<Basemap>>,
    city: Option<Rc<Basemap>>,
    message: AttrValue,
    map_state: MapState,
}

/// The story map's hooks where a [`MapLayer`] is the story map; none for the other roles
/// (a component's role never changes, so its hooks run in the same order at every render).
pub(crate) struct StoryHooks<'a>(&'a MapLayerOf);

pub(crate) fn use_story_hooks(layer: &MapLayerOf) -> StoryHooks<'_> {
    StoryHooks(layer)
}

impl Hook for StoryHooks<'_> {
    type Output = Option<StoryState>;

    fn run(self, ctx: &mut HookContext) -> Option<StoryState> {
        match self.0 {
            MapLayerOf::Story(props) => Some(use_story(props).run(ctx)),
            _ => None,
        }
    }
}

/// The view model and what the story map keeps, with the actions in from the host and the
/// address and the effects out.
#[hook]
fn use_story(props: &StoryMapProps) -> StoryState {
    let loaded = &props.loaded;
    let options = &props.options;
    let map = use_reducer(|| Model::new(loaded.clone(), prefers_reduced_motion()));
    let region = use_basemap(format!("{}region.json", options.basemap_url), true);
    let city = use_basemap(format!("{}city.json", options.basemap_url), map.camera.scale > CITY_SCALE * 0.5);
    let markers = use_markers_state();
    use_view_effects(&map, options.clone(), markers.clone());
    let message = markers.message();
    let map_state = use_map(&map, options.wheel_needs_focus, markers);

    // Once: what the address or the host asks for, then commands from the host page
    // through the handle (one effect for both: a hook fewer).
    {
        let (slot, dispatch, options) = (props.commands.clone(), map.dispatcher(), options.clone());
        use_map_effect(0.0, move || {
            let link = start_link(&options);
            if !link.is_empty() {
                dispatch.dispatch(Action::Open(link));
            }
            slot.register(Callback::from(move |c: Command| dispatch.dispatch(command_action(c))));
            Box::new(move || slot.unregister())
        });
    }
    StoryState { map, region, city, message, map_state }
}

/// The story map's render, from its hooks' [`StoryState`].
pub(crate) fn story_map(props: &StoryMapProps, state: StoryState) -> Html {
    let StoryState { map, region, city, message, map_state } = state;
    let loaded = &props.loaded;
    let options = &props.options;
    let lang = AttrValue::from(options.lang.clone());
    let onkeydown = {
        let dispatch = map.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !e.default_prevented() {
                dispatch.dispatch(Action::Escape);
            }
        })
    };

    let map_props = MapViewProps {
        loaded: loaded.clone(),
        map: map.clone(),
        region,
        city,
        lang: lang.clone(),
        wheel_needs_focus: options.wheel_needs_focus,
    };
    // The props as plain structs rather than through `html!`'s builders (less code).
    // The timeline is the panel's component type given no options (see timeline.rs).
    let timeline = PanelProps::role(
        loaded.clone(),
        lang.clone(),
        map.filter.clone(),
        map.selected().map(|s| AttrValue::from(s.to_owned())),
        map.dispatcher(),
        None,
    );
    let timeline = Html::from(VChild::<Timeline>::new(timeline, None));
    let panel = PanelProps {
        loaded: loaded.clone(),
        options: Some(options.clone()),
        lang: lang.clone(),
        selection: map.selection.clone(),
        filter: map.filter.clone(),
        search: AttrValue::from(map.search.clone()),
        tour: map.tour_step(),
        panel: map.panel.clone(),
        selected: None,
        dispatch: map.dispatcher(),
        part: None,
    };
    let panel = Html::from(VChild::<Panel>::new(panel, None));
    let main =
        El::new("div").class("pm-main").child(map_view(&map_props, &map_state)).child(timeline).build();
    El::new("div")
        .class("pm-story")
        .node_ref(map.root.clone())
        .onkeydown(onkeydown)
        .child(story_errors(&loaded.errors, &lang, &props.on_retry))
        .child(El::new("div").class("pm-body").child(main).child(panel).build())
        .child(
            El::new("p")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .class("pm-sr-only")
                .child(Html::from(yew::virtual_dom::VText::new(message)))
                .build(),
        )
        .build()
}
