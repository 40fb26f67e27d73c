//! The widget as a Yew component for Rust apps: `<PassageMap … />`.
//!
//! The same widget that [`mount`](crate::mount) puts into a page for JavaScript hosts,
//! rendered inside a Yew app. It reads its story and basemap over HTTP from the app's
//! own site (see the crate README, "Assets a host app serves").
//!
//! ```no_run
//! use passage_map::{PassageMap, StorySource};
//! use yew::prelude::*;
//!
//! #[function_component]
//! fn StoryPage() -> Html {
//!     let selected = use_state(|| None::<String>);
//!     let on_select = {
//!         let selected = selected.clone();
//!         Callback::from(move |place: String| selected.set(Some(place)))
//!     };
//!     html! {
//!         <>
//!             <div style="height: 600px">
//!                 <PassageMap story={StorySource::url("/passage-map/story/story.json")}
//!                     basemap="/passage-map/basemap/" place="cecot"
//!                     layers={vec!["cecot".into(), "darien".into()]} lang="es" {on_select} />
//!             </div>
//!             <p>{ selected.as_deref().unwrap_or("nothing selected yet") }</p>
//!         </>
//!     }
//! }
//!
//! yew::Renderer::<StoryPage>::new().render();
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::browser::{page_url, resolve_url};
use crate::components::app::App;
use crate::options::{Command, CommandSlot, Options};

/// Where the component's story comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum StorySource {
    /// The URL of a `story.json`, absolute or relative to the page. The places and
    /// passages files it names, and the article texts, are fetched relative to it.
    Url(AttrValue),
    /// The story's three files as text, already in memory (nothing is fetched for them).
    Inline {
        /// The text of `story.json`.
        story: AttrValue,
        /// The text of the places file (an RFC 7946 FeatureCollection).
        places: AttrValue,
        /// The text of the passages file.
        passages: AttrValue,
        /// Where `story.json` would be: the reader fetches the article texts relative to
        /// it. `None`: `story/story.json` relative to the page.
        base: Option<AttrValue>,
    },
}

impl StorySource {
    /// A story fetched from `url` (its `story.json`).
    pub fn url(url: impl Into<AttrValue>) -> Self {
        StorySource::Url(url.into())
    }

    /// A story given as the texts of its three files; articles are fetched from
    /// `story/` relative to the page (see [`StorySource::Inline`] to say where else).
    pub fn inline(
        story: impl Into<AttrValue>,
        places: impl Into<AttrValue>,
        passages: impl Into<AttrValue>,
    ) -> Self {
        StorySource::Inline {
            story: story.into(),
            places: places.into(),
            passages: passages.into(),
            base: None,
        }
    }
}

/// `story/story.json` relative to the page: the default story where `cargo xtask dist`
/// puts it.
impl Default for StorySource {
    fn default() -> Self {
        StorySource::url("story/story.json")
    }
}

/// The properties of [`PassageMap`]. Every one is optional.
#[derive(Properties, Clone, PartialEq)]
pub struct PassageMapProps {
    /// The story to show. Default: `story/story.json` relative to the page. Changing it
    /// loads the new story.
    #[prop_or_default]
    pub story: StorySource,
    /// The folder holding the basemap files `region.json` and `city.json`, absolute or
    /// relative to the page (a missing final `/` is added). Default: `basemap/`.
    #[prop_or_else(|| AttrValue::from("basemap/"))]
    pub basemap: AttrValue,
    /// The place (its id in the story) selected at start. Changing it later selects the
    /// new place and flies there, like the handle's `select`; `None` leaves the
    /// selection as it is.
    #[prop_or_default]
    pub place: Option<AttrValue>,
    /// The layers (ids) shown at start; `None` shows every layer. Changing it later shows
    /// exactly the new layers, like the handle's `set_layers`.
    #[prop_or_default]
    pub layers: Option<Vec<AttrValue>>,
    /// The interface language: `en` (default) or `es`; anything else is `en`. Changing it
    /// renders the widget again in that language.
    #[prop_or_else(|| AttrValue::from("en"))]
    pub lang: AttrValue,
    /// Called with the place id whenever the reader (or a `place` change) selects a
    /// place.
    #[prop_or_default]
    pub on_select: Callback<String>,
}

/// The story map as a Yew component.
///
/// It fills its parent's box (give the parent a height, at least 420 px) and needs the
/// widget's stylesheet, `passage-map.css`, in the page. Unlike the custom element it
/// renders into the app's own DOM, not a shadow root, so the app's global CSS applies
/// to it as to any other component; inherited text properties are reset at its root.
///
/// ```no_run
/// use passage_map::{PassageMap, StorySource};
/// use yew::prelude::*;
///
/// // A story kept in the app's binary: nothing to fetch but the basemap and articles.
/// const STORY: &str = r#"{"title": {"en": "Mine"}, "layers": [], "articles": []}"#;
/// const PLACES: &str = r#"{"type": "FeatureCollection", "features": []}"#;
/// const PASSAGES: &str = r#"{"passages": []}"#;
///
/// #[function_component]
/// fn Embedded() -> Html {
///     html! { <PassageMap story={StorySource::inline(STORY, PLACES, PASSAGES)} /> }
/// }
/// ```
#[function_component]
pub fn PassageMap(props: &PassageMapProps) -> Html {
    // The widget calls one JS function for selections; it forwards to the latest
    // `on_select`, so a new callback on every render does not remount anything.
    let on_select = use_mut_ref(|| props.on_select.clone());
    *on_select.borrow_mut() = props.on_select.clone();
    let forward = use_memo((), move |_| {
        let on_select = on_select.clone();
        Closure::<dyn Fn(String)>::new(move |id: String| on_select.borrow().emit(id))
    });

    // Story, basemap and language make one mount of the widget; a change of one
    // mounts it again (a new key), starting at the place and layers asked for then.
    let generation = use_mut_ref(|| 0u32);
    let mounted = {
        let (place, layers, forward, generation) =
            (props.place.clone(), props.layers.clone(), forward.clone(), generation.clone());
        use_memo(
            (props.story.clone(), props.basemap.clone(), props.lang.clone()),
            move |(story, basemap, lang)| {
                *generation.borrow_mut() += 1;
                let function: &JsValue = (*forward).as_ref();
                let options = options(story, basemap, lang, place, layers, function.clone().unchecked_into());
                (Rc::new(options), CommandSlot::default(), *generation.borrow())
            },
        )
    };
    let (options, commands, key) = (mounted.0.clone(), mounted.1.clone(), mounted.2);

    // Later changes of place and layers are commands to the mounted widget.
    use_changes(props.place.clone(), &commands, |place| place.map(|p| Command::Select(p.to_string())));
    use_changes(props.layers.clone(), &commands, |layers| {
        layers.map(|l| Command::SetLayers(l.iter().map(ToString::to_string).collect()))
    });

    html! {
        <div class="pm-root">
            <App {key} {options} {commands} />
        </div>
    }
}

/// Sends `command(value)` to the widget whenever `value` differs from the one it was
/// last rendered with (not at the first render: the mount's options carry that one).
#[hook]
fn use_changes<T: Clone + PartialEq + 'static>(
    value: T,
    commands: &CommandSlot,
    command: fn(T) -> Option<Command>,
) {
    let last: Rc<RefCell<T>> = use_mut_ref(|| value.clone());
    let commands = commands.clone();
    use_effect_with(value, move |value| {
        if *last.borrow() != *value {
            *last.borrow_mut() = value.clone();
            if let Some(c) = command(value.clone()) {
                commands.send(c);
            }
        }
    });
}

/// The widget's options for one mount, URLs resolved against the page.
fn options(
    story: &StorySource,
    basemap: &AttrValue,
    lang: &AttrValue,
    place: Option<AttrValue>,
    layers: Option<Vec<AttrValue>>,
    on_select: js_sys::Function,
) -> Options {
    let page = page_url();
    let (story_url, inline_story) = match story {
        StorySource::Url(url) => (url.to_string(), None),
        StorySource::Inline { story, places, passages, base } => (
            base.as_deref().unwrap_or("story/story.json").to_owned(),
            Some((story.to_string(), places.to_string(), passages.to_string())),
        ),
    };
    let mut basemap_url = resolve_url(basemap, &page);
    if !basemap_url.ends_with('/') {
        basemap_url.push('/');
    }
    Options {
        story_url: resolve_url(&story_url, &page),
        inline_story,
        basemap_url,
        place: place.map(|p| p.to_string()),
        layers: layers.map(|l| l.iter().map(ToString::to_string).collect()),
        tour: None,
        lang: if lang.as_str() == "es" { "es" } else { "en" }.to_owned(),
        url_state: false,
        wheel_needs_focus: false,
        on_select: Some(on_select),
        on_tour: None,
    }
}
