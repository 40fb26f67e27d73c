//! The guided tour in the panel: "Stop 3 of 9", the stop's place and caption, the
//! passages that back the caption, and Previous / Next / Exit. The map's arrow keys stay
//! the map's: the tour moves with its buttons.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{button, text_element, El};
use super::panel_context::PanelContext;
use super::passage_view::passage_view;
use crate::i18n::stop_of;

pub fn tour_panel(ctx: &PanelContext<'_>, step: usize) -> Html {
    let (t, story) = (ctx.t, &ctx.loaded.story);
    let Some(stop) = story.tour.get(step) else { return html! {} };
    let of = story.tour.len();
    let place = story.place(&stop.place);
    let prev = ctx.send(Action::TourPrev);
    let next = ctx.send(Action::TourNext);
    let exit = ctx.send(Action::TourExit);
    let mut passages = Vec::new();
    for id in &stop.passages {
        for p in &story.passages {
            if p.id == *id {
                passages.push(passage_view(ctx, p));
                break;
            }
        }
    }
    let title = El::new("h3")
        .attr("tabindex", "-1")
        .class("pm-tour-title")
        .text(place.map_or("", |p| p.name.get(ctx.lang)))
        .build();
    let nav = El::new("nav")
        .attr("aria-label", t.tour)
        .class("pm-tour-nav")
        .child(button("pm-tour-prev", prev, t.previous).flag("disabled", step == 0).build())
        .child(button("pm-tour-next", next, t.next).flag("disabled", step + 1 >= of).build())
        .child(button("pm-tour-exit", exit, t.exit_tour).build())
        .build();
    El::new("section")
        .attr("aria-label", t.tour)
        .attr_owned("data-step", (step + 1).to_string())
        .class("pm-tour")
        .child(text_element("p", "pm-tour-progress", &stop_of(ctx.lang, step + 1, of)))
        .child(title)
        .child(text_element("p", "pm-tour-caption", stop.caption.get(ctx.lang)))
        .child(nav)
        .children(passages)
        .build()
}
