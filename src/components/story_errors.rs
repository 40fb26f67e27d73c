//! The readable list of what is wrong with a story, shown in place above the map.

use passage_map_core::story::{ErrorKind, StoryError};
use yew::prelude::*;

use super::elements::{text_element, Button};
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
        items.push(html! {
            <li><code>{e.file.clone()}{": "}{e.path.clone()}</code>{": "}{e.reason.clone()}</li>
        });
    }
    html! {
        <div class="pm-errors" role="alert">
            <p>{text_element("strong", "", t.story_problems)}</p>
            <ul>
                { for items }
                if more > 0 { <li>{format!("… +{more}")}</li> }
            </ul>
            if network {
                {Button::new("pm-retry", retry, t.retry).view()}
            }
        </div>
    }
}
