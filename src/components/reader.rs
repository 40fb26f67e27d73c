//! The reader: a whole article inside the panel, verbatim, paragraph by paragraph, with
//! its citation. Every mention that passages.json links is a control that selects its
//! place and moves the map; the paragraph the reader came from is marked and scrolled
//! into view. The text is fetched from the story's folder when the article opens.

use std::rc::Rc;

use passage_map_core::view::{Action, Via};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::elements::{back_button, focus_heading, fragment, text_element, El};
use super::legend::swatch;
use super::panel_context::{spawn, PanelCell, PanelContext, PanelState};
use super::passage_view::{citation, show_on_map};
use crate::browser::{fetch_text, focus, resolve_url};
use crate::loader::Loaded;

/// The attributes of a mention's button, in their DOM order (see [`El::with_keys`]).
const MENTION_KEYS: &[&str] =
    &["type", "data-place", "data-opener", "aria-pressed", "title", "aria-label", "class"];

/// The open article's text: none while it loads, `Some(None)` where it could not be
/// fetched (the reader says so; why is not shown).
pub type ReaderText = Option<Option<Rc<str>>>;
/// An article's text as fetched: (article id, its text or none).
pub type Fetched = Option<(AttrValue, Option<Rc<str>>)>;

/// The text of the open article `article` once fetched (the panel's `PanelState::fetched`:
/// the reader is no component of its own).
pub fn reader_text(state: &PanelState, article: &AttrValue) -> ReaderText {
    match &*state.fetched.borrow() {
        Some((id, text)) if id == article => Some(text.clone()),
        _ => None,
    }
}

/// When another article opens (`id`; "" when the reader closes): fetches its file.
/// `story_url`: the address of story.json, which article files are relative to.
pub fn fetch_article(state: &PanelCell, loaded: &Loaded, story_url: &str, id: AttrValue) {
    match loaded.story.article(&id) {
        Some(a) => {
            let (url, state) = (resolve_url(&a.file, story_url), state.clone());
            spawn(Box::pin(async move {
                let got = fetch_text(&url).await.ok().map(Rc::from);
                *state.fetched.borrow_mut() = Some((id, got));
                state.render();
            }));
        }
        // The reader closed: an article opened again loads again, as it did first.
        None => {
            let open = state.fetched.borrow_mut().take().is_some();
            if open {
                state.render();
            }
        }
    }
}

/// When another article or passage opens, or the text comes: scrolls the paragraph the
/// reader came from into view, and gives it the focus from the heading the reader was
/// given while it loaded.
pub fn show_came_from(state: &PanelState) {
    if let Some(el) = state.came_from.cast::<web_sys::Element>() {
        // Scrolling moves no focus: first, so that it is one call whichever way it goes.
        el.scroll_into_view_with_bool(true);
        let heading_focused = el
            .get_root_node()
            .dyn_ref::<web_sys::ShadowRoot>()
            .and_then(|r| r.active_element())
            .or_else(|| web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()))
            .is_some_and(|a| a.matches(".pm-reader-title").unwrap_or(false));
        if heading_focused {
            focus(&el);
        }
    }
}

/// The reader of article `article`, come from passage `passage`.
pub fn reader(
    ctx: &PanelContext<'_>,
    article: &str,
    passage: Option<&str>,
    text: &ReaderText,
    came_from: &NodeRef,
) -> Html {
    let t = ctx.t;
    let story = &ctx.loaded.story;
    let Some(article) = story.article(article) else { return Html::default() };
    let body = match text {
        None => El::new("p").attr("role", "status").class("pm-status").text(t.loading_article).build(),
        Some(None) => text_element("p", "pm-reader-missing", t.article_unavailable),
        Some(Some(text)) => {
            let paragraphs = story.reader_paragraphs(&article.id, text);
            let mut out = Vec::new();
            for (pi, para) in paragraphs.iter().enumerate() {
                let marked = passage.is_some_and(|p| para.passages.iter().any(|q| q == p));
                let mut runs = Vec::new();
                for (ri, run) in para.runs.iter().enumerate() {
                    let mut places = Vec::new();
                    for id in &run.places {
                        places.extend(story.place(id));
                    }
                    let button = |place: &passage_map_core::story::Place, k: usize, text: Option<&str>| {
                        let opener = format!("mention:{pi}:{ri}:{k}");
                        let current = ctx.selected == Some(place.id.as_str());
                        let name = show_on_map(t, place.name.get(ctx.lang));
                        let class = match (text.is_some(), current) {
                            (true, false) => "pm-mention",
                            (true, true) => "pm-mention pm-current",
                            (false, false) => "pm-mention-place",
                            (false, true) => "pm-mention-place pm-current",
                        };
                        let mut button = El::with_keys("button", MENTION_KEYS);
                        button
                            .attr("type", "button")
                            .attr_owned("data-place", place.id.clone())
                            .attr_owned("data-opener", opener.clone())
                            .attr("aria-pressed", if current { "true" } else { "false" })
                            .attr_owned("title", name.clone())
                            .opt_attr("aria-label", text.is_none().then_some(name))
                            .class(class)
                            .onclick(ctx.select(place, Via::Reader, opener));
                        if let Some(layer) = story.layer(&place.layer) {
                            button.child(swatch(layer));
                        }
                        if let Some(text) = text {
                            button.text(text);
                        }
                        button.build()
                    };
                    runs.push(match places[..] {
                        [] => Html::from(run.text.as_str()),
                        [place] => button(place, 0, Some(&run.text)),
                        // One phrase names several places ("three former US bases"): the
                        // phrase is marked and each place gets its own symbol button.
                        _ => {
                            let mut buttons = Vec::new();
                            for (k, place) in places.iter().enumerate() {
                                buttons.push(button(place, k, None));
                            }
                            El::new("span")
                                .class("pm-mention-multi")
                                .child(El::new("mark").text(&run.text).build())
                                .children(buttons)
                                .build()
                        }
                    });
                }
                let paragraph = El::new("p").children(runs).build();
                out.push(if marked {
                    El::new("div")
                        .node_ref(came_from.clone())
                        .attr("tabindex", "-1")
                        .class("pm-came-from")
                        .child(text_element("p", "pm-came-from-label", t.came_from))
                        .child(paragraph)
                        .build()
                } else {
                    paragraph
                });
            }
            fragment(out)
        }
    };
    El::new("article")
        .attr_owned("lang", article.language.clone())
        .class("pm-reader")
        .child(back_button(t, ctx.send(Action::Back)).attr_owned("lang", ctx.lang.to_owned()).build())
        .child(focus_heading("pm-reader-title", &article.title))
        .child(citation(ctx, "p", article))
        .child(El::new("div").class("pm-reader-text").child(body).build())
        .build()
}
