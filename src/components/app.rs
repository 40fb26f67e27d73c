//! The root component: loads the story, shows progress or a readable failure with a
//! retry, and hands a loaded story to [`StoryMap`].

use std::rc::Rc;

use yew::prelude::*;

use passage_map_core::story::{ErrorKind, StoryError};

use super::story_errors::story_errors;
use super::story_map::StoryMap;
use crate::i18n::strings;
use crate::loader::{load_story, story_from_texts, Loaded};
use crate::options::{CommandSlot, Options};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub options: Rc<Options>,
    pub commands: CommandSlot,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    /// story.json itself could not be fetched.
    Failed(StoryError),
    Ready(Rc<Loaded>),
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    {
        let (load, options) = (load.clone(), props.options.clone());
        use_effect_with(*attempt, move |_| {
            load.set(Load::Loading);
            if let Some((m, p, q)) = &options.inline_story {
                load.set(Load::Ready(Rc::new(story_from_texts(m, p, q))));
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    load.set(match load_story(&options.story_url).await {
                        Ok(l) => Load::Ready(Rc::new(l)),
                        Err(why) => {
                            Load::Failed(StoryError::new("story.json", "$", ErrorKind::Unreadable, why))
                        }
                    });
                });
            }
        });
    }
    let t = strings(&props.options.lang);
    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let body = match &*load {
        Load::Loading => html! { <p class="pm-status" role="status">{t.loading}</p> },
        Load::Failed(error) => story_errors(std::slice::from_ref(error), &props.options.lang, &on_retry),
        Load::Ready(loaded) => html! {
            <StoryMap key={*attempt} loaded={loaded.clone()} options={props.options.clone()}
                commands={props.commands.clone()} {on_retry} />
        },
    };
    html! { <div class="pm-widget" lang={props.options.lang.clone()}>{body}</div> }
}
