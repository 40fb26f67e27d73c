//! The card of the selected place: what it is, how sure its location is, where that
//! comes from, and every passage that names it.

use std::rc::Rc;

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{external_link, text_element, Button};
use super::panel_context::PanelContext;
use super::passage_view::passage_view;
use crate::browser::{copy_to_clipboard, page_url};
use crate::i18n::{distance, strings};
use crate::loader::Loaded;
use crate::state::Model;

#[derive(Properties, PartialEq)]
pub struct PlaceCardProps {
    pub loaded: Rc<Loaded>,
    pub lang: AttrValue,
    pub id: AttrValue,
    pub dispatch: UseReducerDispatcher<Model>,
}

#[function_component]
pub fn PlaceCard(props: &PlaceCardProps) -> Html {
    // "Link copied" lasts until another place is shown: the id of the place whose link was
    // copied ("" for none; ids are never empty). `use_state(AttrValue::default)` shares its
    // hook's code with the widget's other string states; setting it only when it changes
    // keeps `use_state_eq`'s renders.
    let copied = use_state(AttrValue::default);
    let t = strings(&props.lang);
    let lang = props.lang.as_str();
    let story = &props.loaded.story;
    let Some(place) = story.place(&props.id) else { return html! {} };
    let ctx = PanelContext {
        loaded: &props.loaded,
        lang,
        t,
        selected: Some(&place.id),
        filter: &Default::default(),
        dispatch: &props.dispatch,
    };
    let layer = story.layer(&place.layer);
    let on_close = ctx.send(Action::Deselect);
    let on_share = {
        let (copied, id) = (copied.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            copy_to_clipboard(&page_url());
            if *copied != id {
                copied.set(id.clone());
            }
        })
    };
    let is_copied = *copied == props.id;
    let mut passages = Vec::new();
    for p in story.passages_naming(&place.id) {
        passages.push(passage_view(&ctx, p));
    }
    let none = passages.is_empty();
    let mut sources = Vec::new();
    for s in &place.sources {
        let title = html! { {s.title.clone()} };
        sources.push(
            html! { <li>{match &s.url { Some(url) => external_link(url, title), None => title }}</li> },
        );
    }
    html! {
        <section class="pm-card" aria-label={t.place_details} data-place={place.id.clone()}>
            <div class="pm-card-head">
                <h3 class="pm-card-title" tabindex="-1">{place.name.get(lang)}</h3>
                <button type="button" class="pm-close" aria-label={t.close} title={t.close} onclick={on_close}>{"×"}</button>
            </div>
            <p class="pm-kind">
                {place.kind.get(lang)}
                if let Some(layer) = layer { {" · "}{layer.name.get(lang)} }
            </p>
            if let Some(dates) = &place.dates { {text_element("p", "pm-dates", dates.get(lang))} }
            if let Some(note) = &place.note { {text_element("p", "pm-note", note.get(lang))} }
            {text_element("p", "pm-description", place.description.get(lang))}
            <p class={if place.is_approximate() { "pm-accuracy pm-is-approximate" } else { "pm-accuracy" }}>
                if place.is_approximate() { <strong>{t.approximate}{". "}</strong> }
                {t.accuracy}{" "}{distance(place.accuracy_m)}{"."}
                if place.placeholder { {" "}{t.placeholder} }
            </p>
            <details class="pm-sources">
                {text_element("summary", "", t.sources)}
                <ul>
                    { for sources }
                </ul>
                if let Some(c) = &place.confidence { <p>{t.confidence}{": "}{c.clone()}</p> }
                <p>{t.licence}{": "}{place.licence.clone()}</p>
            </details>
            {Button::new("pm-share", on_share, if is_copied { t.link_copied } else { t.share }).view()}
            {Button::new("pm-print", Callback::from(|_: MouseEvent| crate::browser::print_page()), t.print_handout).view()}
            {text_element("h4", "", t.in_the_articles)}
            if none {
                {text_element("p", "", t.no_passages)}
            }
            { for passages }
        </section>
    }
}
