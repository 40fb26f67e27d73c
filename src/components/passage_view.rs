//! One passage: the verbatim quote with its mentions marked, its citation, a "show on
//! map" button for every place it names and a way into the whole article. Story text is
//! always text, never HTML.

use passage_map_core::story::highlight::runs;
use passage_map_core::story::Passage;
use passage_map_core::view::{Action, Via};
use yew::prelude::*;

use super::panel_context::PanelContext;

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

/// The citation of an article: author, title, publication, date, and a link to the original.
pub fn citation(ctx: &PanelContext<'_>, article: &passage_map_core::story::Article) -> Html {
    let t = ctx.t;
    let date = article.date.as_deref().unwrap_or(t.undated);
    html! {
        <>
            {article.author.clone()}{", "}<cite>{article.title.clone()}</cite>{", "}{article.publication.clone()}{", "}{date}{"."}
            if let Some(url) = &article.url {
                {" "}<a href={url.clone()} target="_blank" rel="noopener noreferrer">{t.read_article}</a>
            }
        </>
    }
}

pub fn passage_view(ctx: &PanelContext<'_>, passage: &Passage) -> Html {
    let t = ctx.t;
    let story = &ctx.loaded.story;
    let article = story.article(&passage.article);
    let opener = format!("read:{}", passage.id);
    let read = {
        let (article, passage, opener) = (passage.article.clone(), passage.id.clone(), opener.clone());
        ctx.send(move || Action::OpenArticle {
            article: article.clone(),
            passage: Some(passage.clone()),
            opener: Some(opener.clone()),
        })
    };
    html! {
        <figure key={passage.id.clone()} class="pm-passage" lang={article.map(|a| a.language.clone())}>
            <blockquote>{quote(passage)}</blockquote>
            if let Some(a) = article {
                <figcaption class="pm-cite">{citation(ctx, a)}</figcaption>
            }
            <div class="pm-show-on-map">
                { for story.places_named_in(passage).map(|p| html! {
                    <button type="button" class="pm-show" data-place={p.id.clone()}
                        onclick={ctx.select(p, Via::Passage, format!("show:{}:{}", passage.id, p.id))}>
                        {t.show_on_map}{": "}{p.name.get(ctx.lang)}
                    </button>
                }) }
                <button type="button" class="pm-read" data-opener={opener} onclick={read} lang={ctx.lang.to_owned()}>
                    {t.read_whole}
                </button>
            </div>
        </figure>
    }
}
