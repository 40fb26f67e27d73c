//! One passage: the verbatim quote with its mentions marked, its citation, and a
//! "show on map" button for every place it names. Story text is always text, never HTML.

use passage_map_core::story::highlight::runs;
use passage_map_core::story::Passage;
use yew::prelude::*;

use super::panel::PanelContext;

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

pub fn passage_view(ctx: &PanelContext<'_>, passage: &Passage) -> Html {
    let t = ctx.t;
    let story = &ctx.loaded.story;
    let article = story.article(&passage.article);
    let citation = article.map(|a| {
        let date = a.date.as_deref().unwrap_or(t.undated);
        html! {
            <figcaption class="pm-cite">
                {a.author.clone()}{", "}<cite>{a.title.clone()}</cite>{", "}{a.publication.clone()}{", "}{date}{"."}
                if let Some(url) = &a.url {
                    {" "}<a href={url.clone()} target="_blank" rel="noopener noreferrer">{t.read_article}</a>
                }
            </figcaption>
        }
    });
    html! {
        <figure key={passage.id.clone()} class="pm-passage" lang={article.map(|a| a.language.clone())}>
            <blockquote>{quote(passage)}</blockquote>
            {citation}
            <div class="pm-show-on-map">
                { for story.places_named_in(passage).map(|p| html! {
                    <button type="button" class="pm-show" data-place={p.id.clone()} onclick={ctx.select(&p.id)}>
                        {t.show_on_map}{": "}{p.name.get(ctx.lang)}
                    </button>
                }) }
            </div>
        </figure>
    }
}
