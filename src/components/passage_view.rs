//! One passage: the verbatim quote with its mentions marked, its citation, a "show on
//! map" button for every place it names, a way into the whole article and "Copy
//! citation" (a Chicago note, also printed in the handout). Story text is always text,
//! never HTML.

use passage_map_core::story::citation::chicago_note;
use passage_map_core::story::highlight::runs;
use passage_map_core::story::{IsoDate, Passage};
use passage_map_core::view::{Action, Via};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::elements::{button, external_link, El};
use super::panel::{panel_part, PanelPart, PanelProps};
use super::panel_context::{slot, spawn, PanelCell, PanelContext, PanelState};
use crate::browser::{today, try_copy_to_clipboard};
use crate::i18n::{strings, Strings};

/// The Chicago note of an article, accessed today, in `lang`.
pub fn note_for(article: &passage_map_core::story::Article, lang: &str) -> String {
    let (year, month, day) = today();
    chicago_note(article, &IsoDate { year, month: Some(month), day: Some(day) }, lang)
}

/// What "Copy citation" did: nothing yet (0), copied, or — the browser refused the
/// clipboard — the note is shown, selected, to copy by hand (the panel's
/// `slot::CITATION`).
pub mod copy {
    pub const COPIED: usize = 1;
    pub const REFUSED: usize = 2;
}

/// Where the clipboard was refused, the note's field takes the focus, selected (after the
/// render that shows it).
pub fn focus_refused_note(state: &PanelState) {
    if let Some(input) = state.note_field.cast::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}

/// "Copy citation": copies the note; where the clipboard is refused, shows it selected in
/// a read-only field instead. A part of its own rendered by the panel's component type
/// ([`super::panel::PanelPart`]), so that its state lasts while its passage is shown.
pub fn copy_citation(props: &PanelProps, note: &AttrValue, state: &PanelCell) -> Html {
    let t = strings(&props.lang);
    let done = state.num(slot::CITATION);
    let onclick = {
        let (state, note) = (state.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            let (state, note) = (state.clone(), note.clone());
            spawn(Box::pin(async move {
                let done = if try_copy_to_clipboard(&note).await { copy::COPIED } else { copy::REFUSED };
                state.set_num(slot::CITATION, done);
            }));
        })
    };
    let mut out = El::new("div");
    out.attr_owned("lang", props.lang.clone()).class("pm-copy-cite").child(
        button(
            "pm-copy-citation",
            onclick,
            if done == copy::COPIED { t.citation_copied } else { t.copy_citation },
        )
        .build(),
    );
    if done == copy::REFUSED {
        let input = El::new("input")
            .node_ref(state.note_field.clone())
            .attr("type", "text")
            .flag("readonly", true)
            .value(note.clone())
            .build();
        out.child(El::new("label").class("pm-cite-fallback").text(t.citation_fallback).child(input).build());
    }
    out.build()
}

fn quote(p: &Passage) -> Html {
    let mut mentions = Vec::new();
    for m in &p.places {
        mentions.push(m.mention.as_str());
    }
    let mut out = Vec::new();
    for r in runs(&p.quote, &mentions) {
        out.push(if r.mark { El::new("mark").text(r.text).build() } else { Html::from(r.text) });
    }
    El::new("blockquote").children(out).build()
}

/// "Show on map: Tindouf", a mention's or a passage's place button's words.
#[inline(never)]
pub fn show_on_map(t: &Strings, name: &str) -> String {
    format!("{}: {}", t.show_on_map, name)
}

/// The citation of an article in a `tag` of class `pm-cite`: author, title, publication,
/// date, and a link to the original.
pub fn citation(
    ctx: &PanelContext<'_>,
    tag: &'static str,
    article: &passage_map_core::story::Article,
) -> Html {
    let t = ctx.t;
    let date = article.date.as_deref().unwrap_or(t.undated);
    let mut out = vec![
        Html::from(article.author.as_str()),
        Html::from(", "),
        El::new("cite").text(&article.title).build(),
        Html::from(", "),
        Html::from(article.publication.as_str()),
        Html::from(", "),
        Html::from(date),
        Html::from("."),
    ];
    if let Some(url) = &article.url {
        out.push(Html::from(" "));
        out.push(external_link(url, Html::from(t.read_article)));
    }
    El::new(tag).class("pm-cite").children(out).build()
}

pub fn passage_view(ctx: &PanelContext<'_>, passage: &Passage) -> Html {
    let t = ctx.t;
    let story = &ctx.loaded.story;
    let article = story.article(&passage.article);
    let opener = format!("read:{}", passage.id);
    let read = ctx.send(Action::OpenArticle {
        article: passage.article.clone(),
        passage: Some(passage.id.clone()),
        opener: Some(opener.clone()),
    });
    // The same note is printed in the handout and copied by "Copy citation".
    let note = article.map(|a| AttrValue::from(note_for(a, ctx.lang)));
    let mut shows = Vec::new();
    for p in story.places_named_in(passage) {
        let onclick = ctx.select(p, Via::Passage, format!("show:{}:{}", passage.id, p.id));
        shows.push(
            button("pm-show", onclick, &show_on_map(t, p.name.get(ctx.lang)))
                .attr_owned("data-place", p.id.clone())
                .build(),
        );
    }
    let mut figure = El::new("figure");
    figure
        .key(&passage.id)
        .opt_attr("lang", article.map(|a| a.language.clone()))
        .class("pm-passage")
        .child(quote(passage));
    if let (Some(a), Some(note)) = (article, &note) {
        figure
            .child(citation(ctx, "figcaption", a))
            // The full note, with the address written out: printed in the handout.
            .child(
                El::new("p").attr_owned("lang", ctx.lang.to_owned()).class("pm-cite-note").text(note).build(),
            );
    }
    shows.push(
        button("pm-read", read, t.read_whole)
            .attr_owned("data-opener", opener)
            .attr_owned("lang", ctx.lang.to_owned())
            .build(),
    );
    figure.child(El::new("div").class("pm-show-on-map").children(shows).build());
    if let Some(note) = note {
        figure.child(panel_part(ctx, PanelPart::CopyCitation(note)));
    }
    figure.build()
}
