//! The list of the story's articles in the panel; each opens in the reader.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{back_button, button, focus_heading, El};
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
        let open = button("pm-article-open", read, &a.title).attr_owned("data-opener", opener).build();
        let cite = citation(ctx, "p", a);
        items.push(
            El::new("li").key(&a.id).attr_owned("lang", a.language.clone()).child(open).child(cite).build(),
        );
    }
    El::new("section")
        .class("pm-articles")
        .child(back_button(t, ctx.send(Action::Back)).build())
        .child(focus_heading("pm-articles-title", t.articles))
        .child(El::new("ul").class("pm-article-list").children(items).build())
        .build()
}
