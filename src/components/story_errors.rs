//! The readable list of what is wrong with a story, shown in place above the map.

use passage_map_core::story::{ErrorKind, StoryError};
use yew::prelude::*;

use super::elements::{button, text_element, El};
use crate::i18n::strings;

/// Errors listed before the rest are summarised, so a very broken story stays readable.
const MAX_SHOWN: usize = 8;

/// The errors of a story, with a retry button when a file could not be fetched.
pub fn story_errors(errors: &[StoryError], lang: &str, on_retry: &Callback<()>) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    let more = errors.len().saturating_sub(MAX_SHOWN);
    let t = strings(lang);
    let network = errors.iter().any(|e| e.kind == ErrorKind::Unreadable);
    let retry = on_retry.reform(|_: MouseEvent| ());
    let mut items = Vec::new();
    for e in errors.iter().take(MAX_SHOWN) {
        let code = El::new("code").text(&e.file).text(": ").text(&e.path).build();
        items.push(El::new("li").child(code).text(": ").text(&e.reason).build());
    }
    if more > 0 {
        items.push(text_element("li", "", &format!("… +{more}")));
    }
    let mut out = El::new("div");
    out.attr("role", "alert")
        .class("pm-errors")
        .child(El::new("p").child(text_element("strong", "", t.story_problems)).build())
        .child(El::new("ul").children(items).build());
    if network {
        out.child(button("pm-retry", retry, t.retry).build());
    }
    out.build()
}
