//! The list of the story's articles in the panel; each opens in the reader.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{back_button, Button};
use super::panel_context::PanelContext;
use super::passage_view::citation;

pub fn articles(ctx: &PanelContext<'_>) -> Html {
    let t = ctx.t;
    let mut items = Vec::new();
    for a in &ctx.loaded.story.manifest.articles {
        let opener = format!("article:{}", a.id);
        let read = ctx.send(Action::OpenArticle {
            article: a.id.clone(),
            passage: None,
            opener: Some(opener.clone()),
        });
        items.push(html! {
            <li key={a.id.clone()} lang={a.language.clone()}>
                {Button::new("pm-article-open", read, a.title.clone()).opener(opener).view()}
                <p class="pm-cite">{citation(ctx, a)}</p>
            </li>
        });
    }
    html! {
        <section class="pm-articles">
            {back_button(t, ctx.send(Action::Back)).view()}
            <h3 class="pm-articles-title" tabindex="-1">{t.articles}</h3>
            <ul class="pm-article-list">{ for items }</ul>
        </section>
    }
}
