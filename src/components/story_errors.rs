//! The readable list of what is wrong with a story, shown in place above the map.

use passage_map_core::story::{ErrorKind, StoryError};
use yew::prelude::*;

use crate::i18n::strings;

/// Errors listed before the rest are summarised, so a very broken story stays readable.
const MAX_SHOWN: usize = 8;

#[derive(Properties, PartialEq)]
pub struct StoryErrorsProps {
    pub errors: Vec<StoryError>,
    pub lang: AttrValue,
    /// Offered when a file could not be fetched (network failure).
    pub on_retry: Callback<()>,
}

#[function_component]
pub fn StoryErrors(props: &StoryErrorsProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    let more = props.errors.len().saturating_sub(MAX_SHOWN);
    let t = strings(&props.lang);
    let network = props.errors.iter().any(|e| e.kind == ErrorKind::Unreadable);
    let retry = props.on_retry.reform(|_| ());
    html! {
        <div class="pm-errors" role="alert">
            <p><strong>{t.story_problems}</strong></p>
            <ul>
                { for props.errors.iter().take(MAX_SHOWN).map(|e| html! { <li><code>{format!("{}: {}", e.file, e.path)}</code>{format!(": {}", e.reason)}</li> }) }
                if more > 0 { <li>{format!("… +{more}")}</li> }
            </ul>
            if network {
                <button type="button" class="pm-retry" onclick={retry}>{t.retry}</button>
            }
        </div>
    }
}
