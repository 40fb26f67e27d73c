//! The root component: loads the story, shows progress or a readable failure with a
//! retry, and hands a loaded story to the story map (`story_map`).

use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{Key, VChild};

use passage_map_core::story::{ErrorKind, StoryError};

use super::elements::{text_element, use_cell_state, zero, El};
use super::map_hooks::{no_teardown, use_map_effect};
use super::story_errors::story_errors;
use super::story_map::{StoryMap, StoryMapProps};
use crate::i18n::strings;
use crate::loader::{load_story, LoadProgress, Loaded};
use crate::options::{CommandSlot, Options};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub options: Rc<Options>,
    pub commands: CommandSlot,
}

enum Load {
    Loading,
    /// Reading the places of a big story.
    Reading(LoadProgress),
    /// story.json itself could not be fetched.
    Failed(StoryError),
    Ready(Rc<Loaded>),
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let load = use_cell_state(|| Load::Loading);
    let attempt = use_state_eq(zero as fn() -> usize);
    {
        let (load, options) = (load.clone(), props.options.clone());
        use_map_effect(*attempt as f64, move || {
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let reading = load.clone();
                let on_progress = move |p| reading.set(Load::Reading(p));
                let loaded =
                    load_story(&options.story_url, options.inline_story.as_ref(), &on_progress).await;
                load.set(match loaded {
                    Ok(l) => Load::Ready(Rc::new(l)),
                    Err(why) => Load::Failed(StoryError::new("story.json", "$", ErrorKind::Unreadable, why)),
                });
            });
            no_teardown()
        });
    }
    let t = strings(&props.options.lang);
    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let body = match &*load.get() {
        Load::Loading => El::new("p").attr("role", "status").class("pm-status").text(t.loading).build(),
        Load::Reading(p) => reading(p, &props.options.lang),
        Load::Failed(error) => story_errors(std::slice::from_ref(error), &props.options.lang, &on_retry),
        // The props as a plain struct rather than through `html!`'s builder (less code).
        Load::Ready(loaded) => {
            let story = StoryMapProps {
                loaded: loaded.clone(),
                options: props.options.clone(),
                commands: props.commands.clone(),
                on_retry,
            };
            Html::from(VChild::<StoryMap>::new(story.into(), Some(Key::from(*attempt))))
        }
    };
    El::new("div").attr_owned("lang", props.options.lang.clone()).class("pm-widget").child(body).build()
}

/// A number with thousands separators: "100,000" (English), "100.000" (Spanish).
fn grouped(n: usize, lang: &str) -> String {
    let digits = n.to_string();
    let sep = if lang == "es" { b'.' } else { b',' };
    // Bytes, not chars: the digits are ASCII.
    let mut out = Vec::with_capacity(digits.len() + digits.len() / 3);
    for (i, &d) in digits.as_bytes().iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The attributes of the progress bar, in their DOM order (see [`El::with_keys`]).
const PROGRESS_KEYS: &[&str] = &["max", "value", "aria-label"];

/// The progress of reading a big story's places: "Loading about 100,000 places… 40%",
/// with a progress bar (`<progress>`, role progressbar) that says the same.
fn reading(p: &LoadProgress, lang: &str) -> Html {
    let percent = passage_map_core::num::clamp((p.fraction * 100.0).floor(), 0.0, 100.0) as u32;
    let what = match (p.estimated_places(), lang == "es") {
        (Some(n), false) => format!("Loading about {} places… {percent}%", grouped(n, lang)),
        (Some(n), true) => format!("Cargando unos {} lugares… {percent} %", grouped(n, lang)),
        (None, false) => format!("Loading the places… {percent}%"),
        (None, true) => format!("Cargando los lugares… {percent} %"),
    };
    let mut bar = El::with_keys("progress", PROGRESS_KEYS);
    bar.attr("max", "100").attr_owned("value", percent.to_string()).attr_owned("aria-label", what.clone());
    bar.text(&format!("{percent}%"));
    let mut status = El::new("div");
    status.class("pm-status pm-reading").child(text_element("p", "", &what)).child(bar.build());
    status.build()
}
