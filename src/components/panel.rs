//! The panel beside the map: the title, then what the view shows — the tour stop, the
//! selected place's card with the search, legend and list, the list of articles, or an
//! article in the reader — and the attribution. Memoised: its props hold the view's
//! selection, filter and panel, not the camera, so panning never re-renders it.
//!
//! The same component type renders the timeline (given the timeline's props: no
//! `options`) and the panel's memoised parts ([`PanelPart`]), so all share one copy of
//! Yew's component code (a component type costs its own copy of Yew's lifecycle code).

use std::rc::Rc;

use passage_map_core::view::{Action, Filter, PanelView, Selection};
use yew::prelude::*;

use super::articles::articles;
use super::attribution::attribution;
use super::elements::{button, fragment, no_teardown, text_element, Effect, El, EVERY_RENDER};
use super::legend::legend;
use super::panel_context::{slot, use_panel_state, PanelCell, PanelContext, Rendered};
use super::passage_view::{copy, copy_citation, focus_refused_note};
use super::place_card::{forget_copied_link, place_card};
use super::place_list::place_list;
use super::reader::{fetch_article, reader, reader_text, show_came_from};
use super::search_box::search_box;
use super::timeline::timeline;
use super::tour_panel::tour_panel;
use super::virtual_list::{self, virtual_list, ListRows};
use crate::i18n::strings;
use crate::loader::Loaded;
use crate::options::Options;
use crate::state::Model;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub loaded: Rc<Loaded>,
    /// The embed's options: the panel's; none for the timeline.
    #[prop_or_default]
    pub options: Option<Rc<Options>>,
    pub lang: AttrValue,
    #[prop_or_default]
    pub selection: Option<Selection>,
    pub filter: Filter,
    #[prop_or_default]
    pub search: AttrValue,
    /// The tour's 0-based stop.
    #[prop_or_default]
    pub tour: Option<usize>,
    #[prop_or_default]
    pub panel: PanelView,
    /// The selected place (the timeline's and the parts'; the panel reads `selection`).
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    pub dispatch: UseReducerDispatcher<Model>,
    /// A part of the panel to render rather than the panel.
    #[prop_or_default]
    pub part: Option<PanelPart>,
}

/// The parts of the panel with state of their own that the panel's renders must not
/// reset, each rendered by the panel's component type (as the timeline is) so that they
/// are memoised without a component type of their own.
#[derive(PartialEq)]
pub enum PanelPart {
    /// The list of a big story's places: a scroll renders the list alone.
    VirtualList(ListRows),
    /// "Copy citation" of a passage, with its Chicago note.
    CopyCitation(AttrValue),
}

/// A part of the panel, memoised: rendered by a [`Panel`] of its own.
pub fn panel_part(ctx: &PanelContext<'_>, part: PanelPart) -> Html {
    let props = PanelProps::role(
        ctx.loaded.clone(),
        AttrValue::from(ctx.lang.to_owned()),
        ctx.filter.clone(),
        ctx.selected.map(|s| AttrValue::from(s.to_owned())),
        ctx.dispatch.clone(),
        Some(part),
    );
    Html::from(yew::virtual_dom::VChild::<Panel>::new(props, None))
}

impl PanelProps {
    /// The props of a role other than the panel itself: the timeline (`part` none) or a
    /// part. A plain struct rather than `html!`'s builder (less code).
    pub fn role(
        loaded: Rc<Loaded>,
        lang: AttrValue,
        filter: Filter,
        selected: Option<AttrValue>,
        dispatch: UseReducerDispatcher<Model>,
        part: Option<PanelPart>,
    ) -> PanelProps {
        PanelProps {
            loaded,
            options: None,
            lang,
            selection: None,
            filter,
            search: AttrValue::default(),
            tour: None,
            panel: PanelView::default(),
            selected,
            dispatch,
            part,
        }
    }
}

/// The panel's effects after a render that looked at `now`, in the order their parts
/// render: the reader's, the card's, the virtual list's, "Copy citation"'s. Each but the
/// list's (which runs after every render) runs when what it looks at changed.
fn after_render(state: &PanelCell, loaded: &Loaded, story_url: &str, now: Rendered) {
    let last = state.rendered.take();
    let changed = |same: fn(&Rendered, &Rendered) -> bool| last.as_ref().is_none_or(|l| !same(l, &now));
    if changed(|a, b| a.article == b.article) {
        fetch_article(state, loaded, story_url, now.article.clone());
    }
    if changed(|a, b| a.article == b.article && a.passage == b.passage && a.ready == b.ready) {
        show_came_from(state);
    }
    if changed(|a, b| a.shown == b.shown) {
        forget_copied_link(state, &now.shown);
    }
    virtual_list::after_render(state, now.rows, now.first_row, now.active_row);
    if now.refused && changed(|a, b| a.refused == b.refused) {
        focus_refused_note(state);
    }
    *state.rendered.borrow_mut() = Some(now);
}

#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    // The state and the effects of the card, the reader, the timeline, the virtual list and
    // "Copy citation": whichever of them this component renders, all run (the others
    // idle), as a component's hooks run in the same order at every render.
    let (article, passage) = match &props.panel {
        PanelView::Reader { article, passage, .. } => (article.as_str(), passage.as_deref()),
        _ => ("", None),
    };
    let state = use_panel_state();
    let article_id = AttrValue::from(article.to_owned());
    let text = reader_text(&state, &article_id);
    let card_shown =
        props.selection.as_ref().filter(|_| props.tour.is_none() && props.panel == PanelView::Explore);
    let rendered = Rendered {
        article: article_id,
        passage: passage.map(|p| AttrValue::from(p.to_owned())),
        ready: matches!(text, Some(Some(_))),
        shown: AttrValue::from(card_shown.map_or("", |s| s.place.as_str()).to_owned()),
        rows: match &props.part {
            Some(PanelPart::VirtualList(list)) => list.rows.len(),
            _ => 0,
        },
        first_row: state.num(slot::FIRST_ROW),
        active_row: state.num(slot::ACTIVE_ROW),
        refused: state.num(slot::CITATION) == copy::REFUSED,
    };
    {
        let (state, loaded) = (state.clone(), props.loaded.clone());
        let story_url = props.options.as_ref().map_or(String::new(), |o| o.story_url.clone());
        let effect: Effect = Box::new(move |_| {
            after_render(&state, &loaded, &story_url, rendered);
            no_teardown()
        });
        use_effect_with((AttrValue::default(), None, false, EVERY_RENDER), effect);
    }
    match &props.part {
        Some(PanelPart::VirtualList(list)) => return virtual_list(props, list, &state),
        Some(PanelPart::CopyCitation(note)) => return copy_citation(props, note, &state),
        None if props.options.is_none() => return timeline(props, &state),
        None => {}
    }
    let ctx = PanelContext {
        loaded: &props.loaded,
        lang: &props.lang,
        t: strings(&props.lang),
        selected: props.selection.as_ref().map(|s| s.place.as_str()),
        filter: &props.filter,
        dispatch: &props.dispatch,
    };
    let t = ctx.t;
    let story = &props.loaded.story;
    let body = match &props.panel {
        PanelView::Reader { .. } => reader(&ctx, article, passage, &text, &state.came_from),
        PanelView::Articles { .. } => articles(&ctx),
        PanelView::Explore => {
            let start_tour = (props.tour.is_none() && !story.tour.is_empty()).then(|| {
                let onclick = ctx.send(Action::TourStart { opener: Some("tour-start".into()) });
                button("pm-start-tour", onclick, t.start_tour).attr("data-opener", "tour-start").build()
            });
            let show_articles = (!story.manifest.articles.is_empty()).then(|| {
                let onclick = ctx.send(Action::ShowArticles { opener: Some("articles".into()) });
                button("pm-show-articles", onclick, t.articles).attr("data-opener", "articles").build()
            });
            let mut actions = El::new("div");
            actions.class("pm-panel-actions");
            let shown = if let Some(step) = props.tour {
                tour_panel(&ctx, step)
            } else if let Some(id) = ctx.selected {
                place_card(&ctx, id, &state)
            } else {
                Html::default()
            };
            fragment(vec![
                actions
                    .child(start_tour.unwrap_or_default())
                    .child(show_articles.unwrap_or_default())
                    .build(),
                shown,
                search_box(&ctx, &props.search),
                legend(&ctx),
                place_list(&ctx, &props.search),
            ])
        }
    };
    El::new("aside")
        .class("pm-panel")
        .child(text_element("h2", "pm-title", story.manifest.title.get(&props.lang)))
        .child(body)
        .child(attribution(&ctx))
        .build()
}
