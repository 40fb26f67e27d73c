//! The list of the story's articles in the panel; each opens in the reader.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::panel_context::PanelContext;
use super::passage_view::citation;

pub fn articles(ctx: &PanelContext<'_>) -> Html {
    let t = ctx.t;
    let back = ctx.send(|| Action::Back);
    let items = ctx.loaded.story.manifest.articles.iter().map(|a| {
        let opener = format!("article:{}", a.id);
        let read = {
            let (id, opener) = (a.id.clone(), opener.clone());
            ctx.send(move || Action::OpenArticle { article: id.clone(), passage: None, opener: Some(opener.clone()) })
        };
        html! {
            <li key={a.id.clone()} lang={a.language.clone()}>
                <button type="button" class="pm-article-open" data-opener={opener} onclick={read}>{a.title.clone()}</button>
                <p class="pm-cite">{citation(ctx, a)}</p>
            </li>
        }
    });
    html! {
        <section class="pm-articles">
            <button type="button" class="pm-back" onclick={back}>{"← "}{t.back}</button>
            <h3 class="pm-articles-title" tabindex="-1">{t.articles}</h3>
            <ul class="pm-article-list">{ for items }</ul>
        </section>
    }
}
