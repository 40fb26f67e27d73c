//! The guided tour in the panel: "Stop 3 of 9", the stop's place and caption, the
//! passages that back the caption, and Previous / Next / Exit. The map's arrow keys stay
//! the map's: the tour moves with its buttons.

use passage_map_core::view::Action;
use yew::prelude::*;

use super::elements::{text_element, Button};
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
        if let Some(p) = story.passages.iter().find(|p| p.id == *id) {
            passages.push(passage_view(ctx, p));
        }
    }
    html! {
        <section class="pm-tour" aria-label={t.tour} data-step={(step + 1).to_string()}>
            {text_element("p", "pm-tour-progress", &stop_of(ctx.lang, step + 1, of))}
            <h3 class="pm-tour-title" tabindex="-1">{place.map(|p| p.name.get(ctx.lang).to_owned())}</h3>
            {text_element("p", "pm-tour-caption", stop.caption.get(ctx.lang))}
            <nav class="pm-tour-nav" aria-label={t.tour}>
                {Button::new("pm-tour-prev", prev, html! { <>{"← "}{t.previous}</> }).disabled(step == 0).view()}
                {Button::new("pm-tour-next", next, html! { <>{t.next}{" →"}</> }).disabled(step + 1 >= of).view()}
                {Button::new("pm-tour-exit", exit, t.exit_tour).view()}
            </nav>
            { for passages }
        </section>
    }
}
