//! What the host asks of the widget (`mount(element, options)`), read once from JS.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::Callback;

use crate::browser::{page_url, resolve_url};

/// Options of one widget.
#[derive(Clone, Debug)]
pub struct Options {
    /// Absolute URL of story.json.
    pub story_url: String,
    /// The story itself (story.json, places.geojson, passages.json texts) instead of a URL.
    pub inline_story: Option<(String, String, String)>,
    /// Absolute URL of the folder holding region.json and city.json.
    pub basemap_url: String,
    /// Place to select at start.
    pub place: Option<String>,
    /// Layers to show at start (all when None).
    pub layers: Option<Vec<String>>,
    /// Open the tour at this stop (1-based).
    pub tour: Option<usize>,
    /// `en` or `es`.
    pub lang: String,
    /// Read the view (`?place=`, `?tour=`, `?article=`…) from the page address and keep it
    /// up to date.
    pub url_state: bool,
    /// The wheel zooms only while the map has focus (or with Ctrl/⌘).
    pub wheel_needs_focus: bool,
    /// Called with the place id whenever the reader selects a place.
    pub on_select: Option<js_sys::Function>,
    /// Called with the 1-based tour stop, or null when the tour ends.
    pub on_tour: Option<js_sys::Function>,
}

/// Components compare their props on every render (a fly-to renders every frame), and
/// an inline story's texts can be tens of megabytes: options are compared by address,
/// never field by field. A widget keeps the same `Options` for its life (`mount` makes
/// them once; the Yew component makes new ones only when the story, basemap or language
/// changed), so two `Options` at different addresses are different options. (A field
/// by field comparison was 0.5 KB of wasm that never found two equal.)
impl PartialEq for Options {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self, o)
    }
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).and_then(|v| v.as_string()).filter(|s| !s.trim().is_empty())
}

fn get_bool(obj: &JsValue, key: &str, default: bool) -> bool {
    get(obj, key).and_then(|v| v.as_bool()).unwrap_or(default)
}

/// `"a,b"` or `["a", "b"]` → list of ids.
pub fn layer_list(v: &JsValue) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    if let Some(s) = v.as_string() {
        for id in s.split(',') {
            let id = id.trim();
            if !id.is_empty() {
                ids.push(id.to_owned());
            }
        }
    } else {
        let arr: &js_sys::Array = wasm_bindgen::JsCast::dyn_ref(v)?;
        for x in arr.iter() {
            if let Some(id) = x.as_string() {
                ids.push(id);
            }
        }
    }
    Some(ids)
}

/// A tour stop from JS: `true` or `""` is the first stop, a number or numeric string that stop.
/// A string is read as a JSON number (the story reader's: `str::parse::<f64>` would link
/// the standard library's float parser, 14 KB of gzipped wasm, for this alone).
pub fn tour_step(v: &JsValue) -> Option<usize> {
    if v.as_bool() == Some(true) || v.as_string().is_some_and(|s| s.trim().is_empty()) {
        return Some(1);
    }
    let number = |s: String| passage_map_core::story::json::Reader::document(&s).ok()?.as_f64();
    let n = v.as_f64().or_else(|| v.as_string().and_then(number))?;
    (n.is_finite() && n >= 1.0).then_some(n as usize)
}

fn json_text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    // The bytes of a file (the JS entry prefetches places.geojson so): copied once into
    // the wasm memory, with no UTF-16 string in between. Invalid UTF-8 becomes U+FFFD.
    if let Some(bytes) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Uint8Array>(v) {
        return Some(crate::browser::utf8_lossy(bytes.to_vec()));
    }
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

impl Options {
    pub fn from_js(options: &JsValue) -> Options {
        let base = page_url();
        let story = get(options, "story");
        let inline_story = story.as_ref().filter(|s| s.is_object()).and_then(|s| {
            Some((
                json_text(&get(s, "story")?)?,
                json_text(&get(s, "places")?)?,
                json_text(&get(s, "passages")?)?,
            ))
        });
        // An inline story may say where it came from, so that its articles can be fetched.
        let story_url = story
            .as_ref()
            .and_then(|s| s.as_string().or_else(|| get_string(s, "url")))
            .unwrap_or_else(|| "story/story.json".to_owned());
        let lang = get_string(options, "lang").filter(|l| l == "es").unwrap_or_else(|| "en".to_owned());
        Options {
            story_url: resolve_url(&story_url, &base),
            inline_story,
            basemap_url: resolve_url(
                &get_string(options, "basemap").unwrap_or_else(|| "basemap/".to_owned()),
                &base,
            ),
            place: get_string(options, "place"),
            layers: get(options, "layers").as_ref().and_then(layer_list),
            tour: get(options, "tour").and_then(|v| tour_step(&v)),
            lang,
            url_state: get_bool(options, "urlState", false),
            wheel_needs_focus: get_bool(options, "wheelNeedsFocus", false),
            on_select: get(options, "onSelect").and_then(|f| wasm_bindgen::JsCast::dyn_into(f).ok()),
            on_tour: get(options, "onTour").and_then(|f| wasm_bindgen::JsCast::dyn_into(f).ok()),
        }
    }
}

/// What the host page can ask of a mounted widget through its handle.
#[derive(Clone, Debug)]
pub enum Command {
    Select(String),
    SetLayers(Vec<String>),
    /// Go to a tour stop (1-based), or end the tour (None).
    Tour(Option<usize>),
    /// Centre on (lon, lat); `zoom` is a web-map zoom level.
    FlyTo {
        lon: f64,
        lat: f64,
        zoom: Option<f64>,
    },
}

/// Where the mounted widget registers the callback that the handle calls. Commands sent
/// before the story is on screen (a host calling `select` or a scroll step firing right
/// after `mount`) wait here and are delivered when the callback is registered.
#[derive(Clone, Default)]
pub struct CommandSlot(Rc<RefCell<Slot>>);

#[derive(Default)]
struct Slot {
    callback: Option<Callback<Command>>,
    waiting: Vec<Command>,
}

impl PartialEq for CommandSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CommandSlot {
    pub fn send(&self, c: Command) {
        let callback = self.0.borrow().callback.clone();
        match callback {
            Some(cb) => cb.emit(c),
            None => self.0.borrow_mut().waiting.push(c),
        }
    }

    /// Registers the widget's callback and delivers what waited for it.
    pub fn register(&self, cb: Callback<Command>) {
        let waiting = {
            let mut slot = self.0.borrow_mut();
            slot.callback = Some(cb.clone());
            std::mem::take(&mut slot.waiting)
        };
        for c in waiting {
            cb.emit(c);
        }
    }

    /// Removes the callback (the story is going away).
    pub fn unregister(&self) {
        self.0.borrow_mut().callback = None;
    }
}
