//! The card of the selected place: what it is, how sure its location is, where that
//! comes from, and every passage that names it.

use std::rc::Rc;

use yew::prelude::*;

use super::passage_view::PassageView;
use crate::i18n::{distance, strings};
use crate::loader::Loaded;

#[derive(Properties, PartialEq)]
pub struct PlaceCardProps {
    pub loaded: Rc<Loaded>,
    pub place: AttrValue,
    pub on_select: Callback<AttrValue>,
    pub on_close: Callback<()>,
    pub on_share: Callback<()>,
    pub lang: AttrValue,
    /// Set after the share action copied the link.
    pub copied: bool,
}

#[function_component]
pub fn PlaceCard(props: &PlaceCardProps) -> Html {
    let t = strings(&props.lang);
    let lang = props.lang.as_str();
    let story = &props.loaded.story;
    let Some(place) = story.place(&props.place) else { return html! {} };
    let layer = story.layer(&place.layer);
    let passages: Vec<usize> =
        story.passages.iter().enumerate().filter(|(_, p)| p.places.iter().any(|m| m.place == place.id)).map(|(i, _)| i).collect();
    let on_close = props.on_close.reform(|_| ());
    let on_share = props.on_share.reform(|_| ());
    html! {
        <section class="pm-card" aria-label={t.place_details} data-place={place.id.clone()}>
            <div class="pm-card-head">
                <h3 class="pm-card-title">{place.name.get(lang)}</h3>
                <button type="button" class="pm-close" aria-label={t.close} title={t.close} onclick={on_close}>{"×"}</button>
            </div>
            <p class="pm-kind">
                {place.kind.get(lang)}
                if let Some(layer) = layer { {format!(" · {}", layer.name.get(lang))} }
            </p>
            if let Some(dates) = &place.dates { <p class="pm-dates">{dates.get(lang)}</p> }
            if let Some(note) = &place.note { <p class="pm-note">{note.get(lang)}</p> }
            <p class="pm-description">{place.description.get(lang)}</p>
            <p class={classes!("pm-accuracy", place.is_approximate().then_some("pm-is-approximate"))}>
                if place.is_approximate() { <strong>{format!("{}. ", t.approximate)}</strong> }
                {format!("{} {}.", t.accuracy, distance(place.accuracy_m))}
                if place.placeholder { {format!(" {}", t.placeholder)} }
            </p>
            <details class="pm-sources">
                <summary>{t.sources}</summary>
                <ul>
                    { for place.sources.iter().map(|s| html! {
                        <li>
                            if let Some(url) = &s.url {
                                <a href={url.clone()} target="_blank" rel="noopener noreferrer">{s.title.clone()}</a>
                            } else {
                                {s.title.clone()}
                            }
                        </li>
                    }) }
                </ul>
                if let Some(c) = &place.confidence { <p>{format!("Confidence: {c}")}</p> }
                <p>{format!("{}: {}", t.licence, place.licence)}</p>
            </details>
            <button type="button" class="pm-share" onclick={on_share}>
                {if props.copied { t.link_copied } else { t.share }}
            </button>
            <h4>{t.in_the_articles}</h4>
            if passages.is_empty() {
                <p>{t.no_passages}</p>
            }
            { for passages.into_iter().map(|i| html! {
                <PassageView key={i} loaded={props.loaded.clone()} index={i}
                    on_select={props.on_select.clone()} lang={props.lang.clone()} />
            }) }
        </section>
    }
}
