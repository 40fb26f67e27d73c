//! The card of the selected place: what it is, how sure its location is, where that
//! comes from, and every passage that names it.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{button, external_link, focus_heading, text_element, El};
use super::panel_context::{PanelCell, PanelContext};
use super::passage_view::passage_view;
use crate::browser::{copy_to_clipboard, page_url};
use crate::i18n::distance;

/// When another place is shown (`shown`, "" for none) or the card closes: "Link copied"
/// goes (the panel's `PanelState::link_copied`: the card is no component of its own).
pub fn forget_copied_link(state: &PanelCell, shown: &AttrValue) {
    // Set only when it changes: every set renders.
    let stale = {
        let copied = state.link_copied.borrow();
        !copied.is_empty() && *copied != *shown
    };
    if stale {
        *state.link_copied.borrow_mut() = AttrValue::default();
        state.render();
    }
}

/// The card of the place `id` (none if the story has no such place).
pub fn place_card(ctx: &PanelContext<'_>, id: &str, state: &PanelCell) -> Html {
    let (t, lang) = (ctx.t, ctx.lang);
    let story = &ctx.loaded.story;
    let Some(place) = story.place(id) else { return Html::default() };
    let layer = story.layer(&place.layer);
    let on_close = ctx.send(Action::Deselect);
    let on_share = {
        let (state, id) = (state.clone(), AttrValue::from(place.id.clone()));
        Callback::from(move |_: MouseEvent| {
            copy_to_clipboard(&page_url());
            let changed = *state.link_copied.borrow() != id;
            if changed {
                *state.link_copied.borrow_mut() = id.clone();
                state.render();
            }
        })
    };
    let is_copied = *state.link_copied.borrow() == place.id;
    let mut passages = Vec::new();
    for p in story.passages_naming(&place.id) {
        passages.push(passage_view(ctx, p));
    }
    let none = passages.is_empty();
    let mut sources = Vec::new();
    for s in &place.sources {
        let title = Html::from(s.title.as_str());
        sources.push(
            El::new("li")
                .child(match &s.url {
                    Some(url) => external_link(url, title),
                    None => title,
                })
                .build(),
        );
    }
    let mut kind = El::new("p");
    kind.class("pm-kind").text(place.kind.get(lang));
    if let Some(layer) = layer {
        kind.text(" · ").text(layer.name.get(lang));
    }
    let approximate = place.is_approximate();
    let mut accuracy = El::new("p");
    accuracy.class(if approximate { "pm-accuracy pm-is-approximate" } else { "pm-accuracy" });
    if approximate {
        accuracy.child(El::new("strong").text(t.approximate).text(". ").build());
    }
    accuracy.text(t.accuracy).text(" ").text(&distance(place.accuracy_m)).text(".");
    if place.placeholder {
        accuracy.text(" ").text(t.placeholder);
    }
    let mut details = El::new("details");
    details.class("pm-sources").child(text_element("summary", "", t.sources));
    details.child(El::new("ul").children(sources).build());
    if let Some(c) = &place.confidence {
        details.child(El::new("p").text(t.confidence).text(": ").text(c).build());
    }
    details.child(El::new("p").text(t.licence).text(": ").text(&place.licence).build());
    let close = El::new("button")
        .attr("type", "button")
        .attr("aria-label", t.close)
        .attr("title", t.close)
        .class("pm-close")
        .onclick(on_close)
        .text("×")
        .build();
    let title = focus_heading("pm-card-title", place.name.get(lang));
    let mut card = El::new("section");
    card.attr("aria-label", t.place_details)
        .attr_owned("data-place", place.id.clone())
        .class("pm-card")
        .child(El::new("div").class("pm-card-head").child(title).child(close).build())
        .child(kind.build());
    if let Some(dates) = &place.dates {
        card.child(text_element("p", "pm-dates", dates.get(lang)));
    }
    if let Some(note) = &place.note {
        card.child(text_element("p", "pm-note", note.get(lang)));
    }
    card.child(text_element("p", "pm-description", place.description.get(lang)))
        .child(accuracy.build())
        .child(details.build())
        .child(button("pm-share", on_share, if is_copied { t.link_copied } else { t.share }).build())
        .child(
            button("pm-print", Callback::from(|_: MouseEvent| crate::browser::print_page()), t.print_handout)
                .build(),
        )
        .child(text_element("h4", "", t.in_the_articles));
    if none {
        card.child(text_element("p", "", t.no_passages));
    }
    card.children(passages).build()
}
