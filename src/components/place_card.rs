//! The card of the selected place: what it is, how sure its location is, where that
//! comes from, and every passage that names it.

use yew::prelude::*;

use super::panel::PanelContext;
use super::passage_view::passage_view;
use crate::i18n::distance;

/// The card's own buttons.
pub struct CardActions<'a> {
    pub on_close: &'a Callback<()>,
    pub on_share: &'a Callback<()>,
    /// Set after the share action copied the link.
    pub copied: bool,
}

pub fn place_card(ctx: &PanelContext<'_>, id: &str, actions: &CardActions<'_>) -> Html {
    let (t, lang) = (ctx.t, ctx.lang);
    let story = &ctx.loaded.story;
    let Some(place) = story.place(id) else { return html! {} };
    let layer = story.layer(&place.layer);
    let on_close = actions.on_close.reform(|_: MouseEvent| ());
    let on_share = actions.on_share.reform(|_: MouseEvent| ());
    let mut passages = story.passages_naming(&place.id).peekable();
    let none = passages.peek().is_none();
    html! {
        <section class="pm-card" aria-label={t.place_details} data-place={place.id.clone()}>
            <div class="pm-card-head">
                <h3 class="pm-card-title">{place.name.get(lang)}</h3>
                <button type="button" class="pm-close" aria-label={t.close} title={t.close} onclick={on_close}>{"×"}</button>
            </div>
            <p class="pm-kind">
                {place.kind.get(lang)}
                if let Some(layer) = layer { {" · "}{layer.name.get(lang)} }
            </p>
            if let Some(dates) = &place.dates { <p class="pm-dates">{dates.get(lang)}</p> }
            if let Some(note) = &place.note { <p class="pm-note">{note.get(lang)}</p> }
            <p class="pm-description">{place.description.get(lang)}</p>
            <p class={classes!("pm-accuracy", place.is_approximate().then_some("pm-is-approximate"))}>
                if place.is_approximate() { <strong>{t.approximate}{". "}</strong> }
                {t.accuracy}{" "}{distance(place.accuracy_m)}{"."}
                if place.placeholder { {" "}{t.placeholder} }
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
                if let Some(c) = &place.confidence { <p>{t.confidence}{": "}{c.clone()}</p> }
                <p>{t.licence}{": "}{place.licence.clone()}</p>
            </details>
            <button type="button" class="pm-share" onclick={on_share}>
                {if actions.copied { t.link_copied } else { t.share }}
            </button>
            <h4>{t.in_the_articles}</h4>
            if none {
                <p>{t.no_passages}</p>
            }
            { for passages.map(|p| passage_view(ctx, p)) }
        </section>
    }
}
