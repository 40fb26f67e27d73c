//! A loaded story on screen: owns the map state, wires selection (from the map, the
//! list, passages, the URL and the host page) and lays out map and panel.

use std::rc::Rc;

use passage_map_core::geo::{project, Bounds, LonLat, WorldPoint};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::map_view::{MapView, CITY_SCALE};
use super::panel::Panel;
use super::story_errors::story_errors;
use crate::browser::{copy_to_clipboard, page_url, prefers_reduced_motion, query_param, replace_query_param};
use crate::loader::{load_basemap, Basemap, Loaded};
use crate::options::{Command, CommandSlot, Options};
use crate::state::{MapAction, MapState};

#[derive(Properties, PartialEq)]
pub struct StoryMapProps {
    pub loaded: Rc<Loaded>,
    pub options: Rc<Options>,
    pub commands: CommandSlot,
    /// Loads the story again (offered when a file could not be fetched).
    pub on_retry: Callback<()>,
}

/// The home view: the story's `home` box, else every place.
fn home_bounds(loaded: &Loaded) -> Bounds {
    match loaded.story.manifest.home {
        Some([w, s, e, n]) => {
            Bounds::from_points([project(LonLat { lon: w, lat: n }), project(LonLat { lon: e, lat: s })])
        }
        None if !loaded.scene.bounds.is_empty() => loaded.scene.bounds,
        None => Bounds::from_points([
            project(LonLat { lon: -10.0, lat: -10.0 }),
            project(LonLat { lon: 10.0, lat: 10.0 }),
        ]),
    }
}

/// Fetches a basemap band once `wanted` turns true.
#[hook]
fn use_basemap(url: String, wanted: bool) -> Option<Rc<Basemap>> {
    let band = use_state(|| None::<Rc<Basemap>>);
    let requested = use_mut_ref(|| false);
    {
        let band = band.clone();
        use_effect_with(wanted, move |wanted| {
            if *wanted && !*requested.borrow() {
                *requested.borrow_mut() = true;
                wasm_bindgen_futures::spawn_local(async move {
                    // The map works without a basemap (places, list, card); a missing band only leaves the sea.
                    if let Ok(b) = load_basemap(&url).await {
                        band.set(Some(b));
                    }
                });
            }
        });
    }
    (*band).clone()
}

#[function_component]
pub fn StoryMap(props: &StoryMapProps) -> Html {
    let loaded = &props.loaded;
    let options = &props.options;
    let map =
        use_reducer(|| MapState::new(home_bounds(loaded), loaded.scene.bounds, prefers_reduced_motion()));
    let copied = use_state(|| false);
    let lang = AttrValue::from(options.lang.clone());
    let region = use_basemap(format!("{}region.json", options.basemap_url), true);
    let city = use_basemap(format!("{}city.json", options.basemap_url), map.camera.scale > CITY_SCALE * 0.5);

    // One callback for the widget's life, so memoised layers see equal props.
    let select = {
        let (map, loaded, copied) = (map.dispatcher(), loaded.clone(), copied.setter());
        (*use_memo((), move |_| {
            Callback::from(move |id: AttrValue| {
                copied.set(false);
                let Some(place) = loaded.story.place(&id) else { return };
                map.dispatch(MapAction::ShowLayerOf(place.layer.clone()));
                let focus = loaded.scene_place(&id).map(|p| p.focus());
                map.dispatch(MapAction::Select { id: Some(id), focus });
            })
        }))
        .clone()
    };

    // Start: the place and layers asked for by the URL or the host.
    {
        let (select, map, options, loaded) =
            (select.clone(), map.dispatcher(), options.clone(), loaded.clone());
        use_effect_with((), move |_| {
            if let Some(layers) = &options.layers {
                let all = loaded.story.manifest.layers.iter().map(|l| l.id.clone()).collect();
                map.dispatch(MapAction::ShowLayers { all, shown: layers.clone() });
            }
            let from_url = options.url_state.then(|| query_param("place")).flatten();
            if let Some(id) = from_url.or_else(|| options.place.clone()) {
                select.emit(id.into());
            }
        });
    }
    // Keep the address and the host informed of the selection.
    {
        let options = options.clone();
        use_effect_with(map.selected.clone(), move |selected| {
            if options.url_state {
                replace_query_param("place", selected.as_deref());
            }
            if let (Some(f), Some(id)) = (&options.on_select, selected) {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(id));
            }
        });
    }
    // Shown layers go into the address too, when not all are shown.
    {
        let (options, loaded) = (options.clone(), loaded.clone());
        use_effect_with(map.hidden_layers.clone(), move |hidden| {
            if options.url_state {
                let shown: Vec<&str> = loaded
                    .story
                    .manifest
                    .layers
                    .iter()
                    .map(|l| l.id.as_str())
                    .filter(|l| !hidden.iter().any(|h| h == l))
                    .collect();
                let value = (!hidden.is_empty()).then(|| shown.join(","));
                replace_query_param("layers", value.as_deref());
            }
        });
    }
    // Commands from the host page through the handle.
    {
        let (slot, select, map, loaded) =
            (props.commands.clone(), select.clone(), map.dispatcher(), loaded.clone());
        use_effect_with((), move |_| {
            *slot.0.borrow_mut() = Some(Callback::from(move |c: Command| match c {
                Command::Select(id) => select.emit(id.into()),
                Command::SetLayers(shown) => {
                    let all = loaded.story.manifest.layers.iter().map(|l| l.id.clone()).collect();
                    map.dispatch(MapAction::ShowLayers { all, shown });
                }
                Command::FlyTo { lon, lat, zoom } => {
                    let center = project(LonLat { lon, lat });
                    let half = zoom.map_or(20_000.0, |z| {
                        256.0 * 2f64.powf(-z) * passage_map_core::geo::EARTH_RADIUS_M * std::f64::consts::PI
                            / 2.0
                    });
                    let focus = Bounds::from_points([
                        WorldPoint { x: center.x - half, y: center.y - half },
                        WorldPoint { x: center.x + half, y: center.y + half },
                    ]);
                    map.dispatch(MapAction::Select { id: None, focus: Some(focus) });
                }
            }));
            move || drop(slot.0.borrow_mut().take())
        });
    }

    let on_close = {
        let map = map.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |_| map.dispatch(MapAction::Select { id: None, focus: None }))
        }))
        .clone()
    };
    let on_share = {
        let copied = copied.setter();
        (*use_memo((), move |_| {
            Callback::from(move |_| {
                copy_to_clipboard(&page_url());
                copied.set(true);
            })
        }))
        .clone()
    };
    let on_toggle_layer = {
        let map = map.dispatcher();
        (*use_memo((), move |_| Callback::from(move |id: String| map.dispatch(MapAction::ToggleLayer(id)))))
            .clone()
    };

    html! {
        <>
            {story_errors(&loaded.errors, &lang, &props.on_retry)}
            <div class="pm-body">
                <MapView loaded={loaded.clone()} map={map.clone()} {region} {city} on_select={select.clone()}
                    lang={lang.clone()} wheel_needs_focus={options.wheel_needs_focus} />
                <Panel loaded={loaded.clone()} lang={lang.clone()} selected={map.selected.clone()}
                    hidden={map.hidden_layers.clone()} copied={*copied} on_select={select}
                    {on_toggle_layer} {on_close} {on_share} />
            </div>
        </>
    }
}
