//! One passage: the verbatim quote with its mentions marked, its citation, and a
//! "show on map" button for every place it names. Story text is always text, never HTML.

use std::rc::Rc;

use passage_map_core::story::highlight::runs;
use passage_map_core::story::Passage;
use yew::prelude::*;

use crate::i18n::strings;
use crate::loader::Loaded;

#[derive(Properties, PartialEq)]
pub struct PassageViewProps {
    pub loaded: Rc<Loaded>,
    /// Index into the story's passages.
    pub index: usize,
    pub on_select: Callback<AttrValue>,
    pub lang: AttrValue,
}

fn quote(p: &Passage) -> Html {
    let mentions: Vec<&str> = p.places.iter().map(|m| m.mention.as_str()).collect();
    html! {
        { for runs(&p.quote, &mentions).into_iter().map(|r| if r.mark {
            html! { <mark>{r.text}</mark> }
        } else {
            html! { {r.text} }
        }) }
    }
}

#[function_component]
pub fn PassageView(props: &PassageViewProps) -> Html {
    let t = strings(&props.lang);
    let story = &props.loaded.story;
    let Some(passage) = story.passages.get(props.index) else { return html! {} };
    let article = story.article(&passage.article);
    let named: Vec<_> = story.places_named_in(passage).collect();
    let citation = article.map(|a| {
        let date = a.date.clone().unwrap_or_else(|| t.undated.to_owned());
        html! {
            <figcaption class="pm-cite">
                {format!("{}, ", a.author)}<cite>{a.title.clone()}</cite>{format!(", {}, {date}.", a.publication)}
                if let Some(url) = &a.url {
                    {" "}<a href={url.clone()} target="_blank" rel="noopener noreferrer">{t.read_article}</a>
                }
            </figcaption>
        }
    });
    html! {
        <figure class="pm-passage" lang={article.map(|a| a.language.clone())}>
            <blockquote>{quote(passage)}</blockquote>
            {citation}
            if !named.is_empty() {
                <div class="pm-show-on-map">
                    { for named.into_iter().map(|p| {
                        let on_select = props.on_select.clone();
                        let id = AttrValue::from(p.id.clone());
                        let onclick = Callback::from(move |_| on_select.emit(id.clone()));
                        html! {
                            <button type="button" class="pm-show" data-place={p.id.clone()} {onclick}>
                                {format!("{}: {}", t.show_on_map, p.name.get(&props.lang))}
                            </button>
                        }
                    }) }
                </div>
            }
        </figure>
    }
}
