//! Loading a story (story.json, then the places and passages it names) and the
//! basemap bands, from the widget's own origin. A broken file becomes readable errors;
//! whatever is valid is kept.

use std::rc::Rc;

use passage_map_core::geo::{Bounds, WorldPoint};
use passage_map_core::scene::Scene;
use passage_map_core::spatial::PointIndex;
use passage_map_core::story::{Story, StoryError, StoryFile};
use yew::AttrValue;

use crate::browser::{fetch_text, fetch_utf8, now_ms, resolve_url, yield_to_browser};

/// Above this many places the map draws the place symbols on a canvas (see
/// `components::canvas_layer`) rather than an SVG element per place, and the list of
/// places shows only the rows in view. Measured with `cargo xtask bench --sizes 1000`
/// (generated story of 1,030 places, headless Chromium, medians of 5): the canvas showed
/// the deep-linked card in 621 ms against 866 ms with SVG markers (Leaflet's canvas page
/// drew all points in 611–653 ms in the same runs), its longest task was 153 ms against
/// 316 ms, frames were the same (p95 16.7 ms for drag, wheel and fly-to) and memory 7.7
/// against 8.3 MB. Below that size the SVG markers cost little and give more: named
/// groups, each place its own focusable element.
pub const CANVAS_ABOVE: usize = 1_000;

/// A story ready to show, with the problems found while loading it.
#[derive(Debug)]
pub struct Loaded {
    pub story: Story,
    pub scene: Scene,
    pub errors: Vec<StoryError>,
    /// The places' anchors on a grid: drawing, hit testing and keyboard order at scale.
    pub index: PointIndex,
    /// Whether the places are drawn on a canvas (more than [`CANVAS_ABOVE`] of them).
    pub canvas: bool,
}

/// A loaded story is equal only to itself: components holding one compare a pointer,
/// not 10,000 places, on every render.
impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Loaded {
    pub fn new(story: Story, errors: Vec<StoryError>) -> Self {
        let scene = Scene::new(&story);
        let index = PointIndex::new(scene.places.iter().map(|p| p.anchor));
        let canvas = story.places.len() > CANVAS_ABOVE;
        Loaded { story, scene, errors, index, canvas }
    }

    /// The scene entry of a place, by id.
    pub fn scene_place(&self, id: &str) -> Option<&passage_map_core::scene::ScenePlace> {
        let i = self.story.places.iter().position(|p| p.id == id)?;
        self.scene.places.get(i)
    }
}

/// How far loading a story has got, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadProgress {
    /// Share of places.geojson read, 0.0…1.0.
    pub fraction: f64,
    /// Features read so far.
    pub features: usize,
}

impl LoadProgress {
    /// About how many places the whole file holds, once enough of it has been read to say
    /// (two significant digits: "about 100,000").
    pub fn estimated_places(&self) -> Option<usize> {
        if self.fraction < 0.02 || self.features < 50 {
            return None;
        }
        let estimate = (self.features as f64 / self.fraction).round() as usize;
        let mut magnitude = 1;
        while estimate / magnitude >= 100 {
            magnitude *= 10;
        }
        Some((estimate + magnitude / 2) / magnitude * magnitude)
    }
}

/// How long one slice of parsing may hold the page before it yields to the browser (so
/// a big story never freezes the page, and the progress bar moves), in milliseconds.
const SLICE_MS: f64 = 50.0;
/// Features parsed between two looks at the clock.
const FEATURES_PER_LOOK: usize = 256;

/// Loads a story and parses it in slices of at most `SLICE_MS`, yielding to the browser
/// between them and telling `on_progress` how far the places have got — the same parse as
/// `Story::parse`. The three files are `inline` when given (the `mount` API's object
/// form, or files the JS entry fetched while the wasm compiled; errors name them as
/// story.json does), else story.json is fetched from `url`, then the files it names. Fails
/// only when story.json itself cannot be fetched (the widget then offers a retry).
///
/// One function for both sources, not generic over the callback: the widget compiles one
/// copy of the parse's steps.
pub async fn load_story(
    url: &str,
    inline: Option<&(String, String, String)>,
    on_progress: &dyn Fn(LoadProgress),
) -> Result<Loaded, String> {
    let fetched;
    let (manifest_name, manifest_text) = match inline {
        Some((m, _, _)) => ("story.json", m.as_str()),
        None => {
            fetched = fetch_text(url).await?;
            // The name after the last `/` (a byte search: `rsplit('/')` compiles a searcher
            // of its own for this one use).
            let name = match url.bytes().rposition(|b| b == b'/') {
                Some(i) => &url[i + 1..],
                None => url,
            };
            (if name.is_empty() { "story.json" } else { name }, fetched.as_str())
        }
    };
    let (manifest, mut errors) = Story::parse_manifest(&StoryFile::new(manifest_name, manifest_text));
    let files;
    let (places, passages) = match inline {
        Some((_, p, q)) => (Ok(p.as_str()), Ok(q.as_str())),
        None => {
            let places_url = resolve_url(&manifest.places_file, url);
            let passages_url = resolve_url(&manifest.passages_file, url);
            // Both requests are made before either is awaited: they are in flight together.
            let places = fetch_utf8(&places_url);
            let passages = fetch_text(&passages_url);
            files = (places.await, passages.await);
            (files.0.as_deref().map_err(Clone::clone), files.1.as_deref().map_err(Clone::clone))
        }
    };
    let places_name = manifest.places_file.clone();
    let passages_name = manifest.passages_file.clone();
    let places = StoryFile { name: &places_name, text: places };
    let passages = StoryFile { name: &passages_name, text: passages };
    let mut parse = Story::parse_in_steps(manifest, &places, &passages);
    let mut slice_start = now_ms();
    loop {
        let progress = parse.step(FEATURES_PER_LOOK);
        if progress.done {
            break;
        }
        if now_ms() - slice_start > SLICE_MS {
            on_progress(LoadProgress { fraction: progress.fraction(), features: progress.features });
            yield_to_browser().await;
            slice_start = now_ms();
        }
    }
    let (story, more) = parse.finish();
    errors.extend(more);
    Ok(Loaded::new(story, errors))
}

/// One band of the offline basemap: SVG paths relative to `origin`.
#[derive(Debug)]
pub struct Basemap {
    pub origin: WorldPoint,
    pub bounds: Bounds,
    /// (CSS class, path data)
    pub paths: Vec<(AttrValue, AttrValue)>,
    /// The names drawn on this band (see `passage_map_core::labels`).
    pub labels: Vec<passage_map_core::labels::Label>,
}

/// A band is equal only to itself: the map's components hold one and compare their props
/// on every frame of a fly-to, which must not compare hundreds of kilobytes of paths.
impl PartialEq for Basemap {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Fetches and parses a basemap band built by `cargo xtask dist`.
pub async fn load_basemap(url: &str) -> Result<Rc<Basemap>, String> {
    let text = fetch_text(url).await?;
    parse_basemap(&text).map(Rc::new).ok_or_else(|| format!("{url} is not a basemap file"))
}

fn parse_basemap(text: &str) -> Option<Basemap> {
    // The format is the shared type the dist step writes (passage_map_core::basemap).
    let file = passage_map_core::basemap::BasemapFile::parse(text).ok()?;
    let (origin, bounds) = (file.origin(), file.bounds());
    let mut paths = Vec::with_capacity(file.paths.len());
    for p in file.paths {
        paths.push((AttrValue::from(["pm-", &p.class].concat()), AttrValue::from(p.d)));
    }
    Some(Basemap {
        labels: passage_map_core::labels::labels_from_list(&file.labels, origin),
        origin,
        bounds,
        paths,
    })
}
