//! Every call into the browser that is not a Yew render lives here: fetching files,
//! the clock, animation frames, media queries and the page URL.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> web_sys::Window {
    web_sys::window().expect("passage-map runs in a browser window")
}

/// The request for `url`, made now (and its outcome watched from now on, so that a
/// failure is never an unhandled rejection), not when the caller first polls.
fn request(url: &str) -> JsFuture {
    JsFuture::from(window().fetch_with_str(url))
}

/// Awaits the `request` for `url` and checks the status. The error says what failed in
/// words a reader can act on.
async fn fetch_ok(request: JsFuture, url: &str) -> Result<web_sys::Response, String> {
    let response = request.await.map_err(|_| format!("could not fetch {url} (network error)"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("could not fetch {url} (HTTP {})", response.status()));
    }
    Ok(response)
}

/// Fetches `url` as text, as the browser's `Response.text()` would decode it (UTF-8,
/// a leading byte order mark dropped, invalid bytes as U+FFFD), by way of its bytes:
/// one fetch-and-decode for every file rather than two. The request is made when this is
/// called, so that two files fetched one after the other are in flight together.
pub fn fetch_text(url: &str) -> impl std::future::Future<Output = Result<String, String>> + '_ {
    fetch_decoded(request(url), url, true)
}

/// Fetches `url` as UTF-8 text by way of its bytes: a big file (a story of 100,000
/// places is ~45 MB) is copied into the wasm memory once, with no UTF-16 string in
/// between. Invalid UTF-8 becomes U+FFFD, as the browser's `text()` would make it; a
/// byte order mark is kept (the JSON reader refuses it). The request is made when this is
/// called, as for [`fetch_text`].
pub fn fetch_utf8(url: &str) -> impl std::future::Future<Output = Result<String, String>> + '_ {
    fetch_decoded(request(url), url, false)
}

async fn fetch_decoded(request: JsFuture, url: &str, drop_bom: bool) -> Result<String, String> {
    let response = fetch_ok(request, url).await?;
    let unreadable = |_| format!("could not read {url}");
    let buffer = response.array_buffer().map_err(unreadable)?;
    let buffer = JsFuture::from(buffer).await.map_err(unreadable)?;
    let mut text = utf8_lossy(js_sys::Uint8Array::new(&buffer).to_vec());
    if drop_bom && text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// The bytes as text; each invalid sequence becomes one U+FFFD, as in
/// `String::from_utf8_lossy`. Written with `str::from_utf8`'s error, which says where the
/// valid text stops and how long the invalid sequence is: the standard library's lossy
/// decoder (its chunk iterator) is code of its own, and this needs none.
pub fn utf8_lossy(bytes: Vec<u8>) -> String {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(e) => e.into_bytes(),
    };
    let mut out = String::with_capacity(bytes.len());
    let mut rest = &bytes[..];
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (valid, invalid) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{fffd}');
                match e.error_len() {
                    Some(n) => rest = &invalid[n..],
                    // An incomplete sequence at the end.
                    None => return out,
                }
            }
        }
    }
}

/// Lets the browser run (paint, handle input) before the caller goes on: resolves in a
/// new task, through a `MessageChannel` (timers are clamped to 4 ms when nested).
pub async fn yield_to_browser() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    let _ = channel.port2().post_message(&JsValue::UNDEFINED);
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Resolves `relative` against `base` (both URLs), as the browser would.
pub fn resolve_url(relative: &str, base: &str) -> String {
    web_sys::Url::new_with_base(relative, base).map(|u| u.href()).unwrap_or_else(|_| relative.to_owned())
}

/// The page's own address.
pub fn page_url() -> String {
    window().location().href().unwrap_or_default()
}

/// Whether the reader asked the system for less motion: fly-to then jumps.
pub fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

/// The decoded query parameters of the page URL, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let Ok(url) = web_sys::Url::new(&page_url()) else { return Vec::new() };
    let mut pairs = Vec::new();
    for e in js_sys::Array::from(&url.search_params()).iter() {
        let pair = js_sys::Array::from(&e);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            pairs.push((k, v));
        }
    }
    pairs
}

/// Sets (or removes, for None) query parameters of the page URL with one
/// `history.replaceState`, so the address can be shared and Back does not fill up with
/// every selection.
pub fn replace_query(params: &[(&str, Option<String>)]) {
    let Ok(url) = web_sys::Url::new(&page_url()) else { return };
    for (name, value) in params {
        match value {
            Some(v) => url.search_params().set(name, v),
            None => url.search_params().delete(name),
        }
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// Moves focus to `el` (an HTML or SVG element) without scrolling the page when it is
/// already visible.
pub fn focus(el: &web_sys::Element) {
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus();
    }
}

/// A pending `requestAnimationFrame` or `setTimeout`; dropping it cancels it (so an
/// unmounted widget leaves no frame or timer behind).
pub struct Pending {
    id: i32,
    frame: bool,
    _closure: Closure<dyn FnMut(f64)>,
}

pub type AnimationFrame = Pending;
pub type Timeout = Pending;

impl Drop for Pending {
    fn drop(&mut self) {
        if self.frame {
            let _ = window().cancel_animation_frame(self.id);
        } else {
            window().clear_timeout_with_handle(self.id);
        }
    }
}

/// A JS function that calls `f` once. One closure type (boxed, taking the frame's
/// timestamp; a timer passes none, read as NaN) serves frames and timers alike: each
/// closure signature is a shim in the wasm and in the glue.
fn once(f: Box<dyn FnOnce(f64)>) -> Closure<dyn FnMut(f64)> {
    let mut f = Some(f);
    Closure::<dyn FnMut(f64)>::new(move |t: f64| {
        if let Some(f) = f.take() {
            f(t)
        }
    })
}

/// Calls `f` with the frame timestamp (ms) before the next repaint.
pub fn request_animation_frame(f: impl FnOnce(f64) + 'static) -> AnimationFrame {
    let closure = once(Box::new(f));
    let id = window().request_animation_frame(closure.as_ref().unchecked_ref()).unwrap_or(0);
    Pending { id, frame: true, _closure: closure }
}

/// Copies text to the clipboard; best effort (the share button also shows the link).
pub fn copy_to_clipboard(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// Copies text to the clipboard; `false` when the browser refuses (no permission, no
/// focus, an old browser), so the caller can offer the text to copy by hand.
pub async fn try_copy_to_clipboard(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    // Older browsers have no navigator.clipboard at all.
    if clipboard.is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Today's date in the reader's time zone: (year, month 1…12, day).
pub fn today() -> (i32, u8, u8) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() as u8 + 1, d.get_date() as u8)
}

/// Opens the browser's print dialog (the stylesheet's print rules make the handout).
pub fn print_page() {
    let _ = window().print();
}

/// Calls `f` once after `ms` milliseconds.
pub fn set_timeout(ms: i32, f: impl FnOnce() + 'static) -> Timeout {
    let closure = once(Box::new(move |_| f()));
    let id = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
        .unwrap_or(0);
    Pending { id, frame: false, _closure: closure }
}
