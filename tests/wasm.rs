//! Component tests in headless Chromium (wasm-bindgen-test): the widget mounted with
//! the minimal example story shows every place (its own marker, or in a group where two
//! would overlap), selecting a place — from the list or the map — opens its card with its
//! passages, the tour walks its stops and the search ignores accents.

use std::rc::Rc;

use passage_map::components::app::{App, AppProps};
use passage_map::options::{CommandSlot, Options};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const STORY: &str = include_str!("../examples/minimal-story/story.json");
const PLACES: &str = include_str!("../examples/minimal-story/places.geojson");
const PASSAGES: &str = include_str!("../examples/minimal-story/passages.json");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Resolves at the next animation frame: layout and ResizeObserver have run by then.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Renders and lets the browser lay out until `ready` holds (a bounded number of frames).
async fn settle(root: &Element, ready: impl Fn(&Element) -> bool) {
    for _ in 0..60 {
        yew::scheduler::flush().await;
        if ready(root) {
            return;
        }
        next_frame().await;
    }
    panic!("the widget did not reach the expected state; it shows: {}", root.inner_html());
}

fn mount(place: Option<&str>) -> Element {
    let host = document().create_element("div").unwrap();
    host.set_attribute("style", "width: 900px; height: 600px").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let options = Options {
        story_url: String::new(),
        inline_story: Some((STORY.into(), PLACES.into(), PASSAGES.into())),
        basemap_url: "/no-basemap-in-component-tests/".into(),
        place: place.map(str::to_owned),
        layers: None,
        tour: None,
        lang: "en".into(),
        url_state: false,
        wheel_needs_focus: false,
        on_select: None,
        on_tour: None,
    };
    let props = AppProps { options: Rc::new(options), commands: CommandSlot::default() };
    yew::Renderer::<App>::with_root_and_props(host.clone(), props).render();
    host
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

/// Places the map shows: a marker each, or a group control counting several.
fn shown_places(root: &Element) -> u32 {
    let all = root.query_selector_all("g.pm-place").unwrap();
    (0..all.length())
        .map(|i| {
            let g: Element = all.item(i).unwrap().dyn_into().unwrap();
            g.get_attribute("data-group").map_or(1, |n| n.parse().unwrap())
        })
        .sum()
}

#[wasm_bindgen_test]
async fn every_place_is_on_the_map_and_its_own_marker_is_a_named_button() {
    let root = mount(None);
    // At the start view the two places, 1 km apart, may share one group control.
    settle(&root, |r| shown_places(r) == 2 && count(r, "button.pm-list-place") == 2).await;
    for (id, name) in [("el-chorrillo", "El Chorrillo"), ("quarry-heights", "Quarry Heights")] {
        click(&root, &format!("button.pm-list-place[data-place='{id}']"));
        let selector = format!("g.pm-place[data-place='{id}'][aria-pressed='true']");
        settle(&root, |r| count(r, &selector) == 1).await;
        let m = root.query_selector(&selector).unwrap().unwrap();
        assert_eq!(m.get_attribute("role").as_deref(), Some("button"));
        assert_eq!(m.get_attribute("tabindex").as_deref(), Some("0"));
        assert_eq!(m.get_attribute("aria-label").as_deref(), Some(name));
    }
    assert_eq!(count(&root, ".pm-errors"), 0, "the minimal story has no errors");
}

#[wasm_bindgen_test]
async fn selecting_from_the_list_opens_the_card_with_its_passages() {
    let root = mount(None);
    settle(&root, |r| count(r, "button.pm-list-place") == 2 && shown_places(r) == 2).await;
    let button: HtmlElement = root
        .query_selector("button.pm-list-place[data-place='quarry-heights']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    settle(&root, |r| count(r, ".pm-card") == 1).await;
    assert_eq!(text(&root, ".pm-card-title").as_deref(), Some("Quarry Heights"));
    // Quarry Heights is placed from a description (±700 m): the card must say so.
    assert!(text(&root, ".pm-accuracy").unwrap().starts_with("Approximate location."));
    assert_eq!(count(&root, ".pm-card .pm-passage"), 1);
    let marks: Vec<String> = (0..count(&root, ".pm-card mark"))
        .map(|i| root.query_selector_all(".pm-card mark").unwrap().item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(marks, ["El Chorrillo", "Quarry Heights", "El Chorrillo"]);
    let marker = root.query_selector("g.pm-place[data-place='quarry-heights']").unwrap();
    let marker = marker.expect("the selected place keeps its marker");
    assert_eq!(marker.get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn clicking_a_marker_and_show_on_map_move_the_selection() {
    let root = mount(Some("el-chorrillo"));
    settle(&root, |r| text(r, ".pm-card-title").as_deref() == Some("El Chorrillo")).await;
    assert_eq!(count(&root, ".pm-card .pm-passage"), 2);
    // "Show on map" of the second passage for Quarry Heights.
    let show: HtmlElement = root
        .query_selector(".pm-card button.pm-show[data-place='quarry-heights']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    show.click();
    settle(&root, |r| text(r, ".pm-card-title").as_deref() == Some("Quarry Heights")).await;
    // A click on the other marker (a DOM click event, as a tap produces).
    settle(&root, |r| count(r, "g.pm-place[data-place='el-chorrillo']") == 1).await;
    let marker = root.query_selector("g.pm-place[data-place='el-chorrillo']").unwrap().unwrap();
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    marker.dispatch_event(&event).unwrap();
    settle(&root, |r| text(r, ".pm-card-title").as_deref() == Some("El Chorrillo")).await;
}

fn click(root: &Element, selector: &str) {
    let el: HtmlElement = root.query_selector(selector).unwrap().expect(selector).dyn_into().unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn the_tour_walks_its_stops_and_exit_keeps_the_place() {
    let root = mount(None);
    settle(&root, |r| count(r, "button.pm-start-tour") == 1).await;
    click(&root, "button.pm-start-tour");
    settle(&root, |r| count(r, "section.pm-tour[data-step='1']") == 1).await;
    assert_eq!(text(&root, ".pm-tour-progress").as_deref(), Some("Stop 1 of 2"));
    assert_eq!(count(&root, "button.pm-start-tour"), 0, "no second start while touring");
    click(&root, "button.pm-tour-next");
    settle(&root, |r| count(r, "section.pm-tour[data-step='2']") == 1).await;
    let place = text(&root, ".pm-tour-title").unwrap();
    click(&root, "button.pm-tour-exit");
    settle(&root, |r| count(r, "section.pm-tour") == 0 && count(r, ".pm-card") == 1).await;
    assert_eq!(text(&root, ".pm-card-title"), Some(place), "exit keeps the stop's place");
}

#[wasm_bindgen_test]
async fn search_ignores_accents_and_says_when_nothing_matches() {
    let root = mount(None);
    settle(&root, |r| count(r, "button.pm-list-place") == 2).await;
    let input: web_sys::HtmlInputElement =
        root.query_selector(".pm-search input").unwrap().unwrap().dyn_into().unwrap();
    let type_text = |s: &str| {
        input.set_value(s);
        // What typing sends; the widget reads only the input's value.
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    };
    type_text("QUARRY");
    settle(&root, |r| count(r, "button.pm-list-place") == 1).await;
    assert_eq!(text(&root, "button.pm-list-place").as_deref(), Some("Quarry Heights · approximate location"));
    type_text("zzzz");
    settle(&root, |r| count(r, "button.pm-list-place") == 0).await;
    assert_eq!(text(&root, ".pm-no-match").as_deref(), Some("No places match"));
}

/// In the wasm the story reader turns numbers it cannot compute exactly itself (more than
/// 19 significant digits, powers of ten beyond ±22) over to the browser's `parseFloat`
/// rather than Rust's float parser; every one must still come out as the nearest `f64`.
#[wasm_bindgen_test]
// The expected values are literals with the text's own digits, on purpose: the compiler's
// reading of them is the nearest double.
#[allow(clippy::excessive_precision)]
fn numbers_read_in_the_wasm_are_the_nearest_double() {
    use passage_map_core::story::json::Reader;
    for (text, bits) in [
        // 17 significant digits: read by the story reader itself.
        ("-79.541234567890123", (-79.541234567890123f64).to_bits()),
        ("9007199254740993", 9007199254740992f64.to_bits()),
        // Through parseFloat.
        ("0.1000000000000000055511151231257827", 0.1f64.to_bits()),
        ("1.7976931348623157e308", f64::MAX.to_bits()),
        ("2.2250738585072014e-308", f64::MIN_POSITIVE.to_bits()),
        ("4.9406564584124654e-324", 1u64),
        ("1e23", 1e23f64.to_bits()),
        ("-0.0", (-0.0f64).to_bits()),
    ] {
        let v = Reader::document(text).unwrap().as_f64().unwrap();
        assert_eq!(v.to_bits(), bits, "{text}");
    }
    // Beyond the range of an f64: refused, as natively.
    assert!(Reader::document("1e400").is_err());
}

/// In the wasm, search lowercases text with characters its own case rules do not know
/// (Armenian, Georgian, Latin Extended-B, fullwidth…) with the browser's `toLowerCase`
/// rather than Rust's case table; it must fold every character as Rust's
/// `char::to_lowercase` does (a word-final `Σ` too, which JavaScript alone would write `ς`).
#[wasm_bindgen_test]
fn search_folds_other_scripts_as_natively() {
    use passage_map_core::story::search::fold;
    for text in
        ["ΟΔΟΣ Σ ΣΑΣ", "ΟΔΟΣ ΣΑΣ Ǆ", "Москва ЁЖ", "İstanbul Ǆ Ǉ", "ՀԱՅ Ⴀ Ꭰ", "Ａｂｃ ＤＥＦ", "Ĳssel Ŀ ĸ ſ Ž"]
    {
        let native: String = text
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .collect();
        assert_eq!(fold(text), native, "{text}");
    }
}

/// Fetched files are decoded with a lossy UTF-8 decoder of the widget's own; it must
/// replace invalid bytes exactly as `String::from_utf8_lossy` (and the browser) do.
#[wasm_bindgen_test]
fn fetched_text_decodes_invalid_utf8_as_the_standard_library() {
    use passage_map::browser::utf8_lossy;
    let cases: &[&[u8]] = &[
        b"plain",
        "Darién".as_bytes(),
        b"a\xffb",
        b"\xf0\x9f\x98",
        b"x\xe2\x82y\xc3",
        b"\xed\xa0\x80z",
        b"\xc0\xaf\xf4\x90\x80\x80ok\xef\xbb\xbf",
        b"",
    ];
    for bytes in cases {
        assert_eq!(utf8_lossy(bytes.to_vec()), String::from_utf8_lossy(bytes), "{bytes:?}");
    }
}
