//! The time axis under the map: one tick per dated event of the places shown (a tick
//! selects its place), and a from/to range of years that filters the map and the list.
//! Drawn in SVG with percentage positions, so no inline style is needed (strict CSP).
//! The ticks are one tab stop: arrow keys move between them (roving focus).
//!
//! Memoised: its props hold the view's filter and selection, not the camera. It is
//! rendered by the panel's component type ([`Timeline`] is [`Panel`](super::panel::Panel) given the
//! timeline's props), so the two share one copy of Yew's component code.

use passage_map_core::num::parse_int;
use passage_map_core::path::format_coord as num;
use passage_map_core::view::{Action, Filter, Via};
use web_sys::Element;
use yew::prelude::*;

use super::elements::{button, index_attr, indexed_element, input_value, target_element, text_element, El};
pub use super::panel::Panel as Timeline;
use super::panel::PanelProps;
use super::panel_context::{slot, PanelCell};
use crate::browser::focus;
use crate::i18n::strings;
use crate::loader::Loaded;

/// One tick: where it sits (0–100 % of the axis), its place and its words.
struct Tick {
    at: f64,
    row: usize,
    place: usize,
    label: String,
    in_range: bool,
}

/// Vertical distance between stacked ticks, and the axis line's height, in pixels.
const ROW_PX: f64 = 9.0;
/// Rows of stacked ticks at most.
const MAX_ROWS: usize = 3;
const AXIS_Y: f64 = 12.0;

/// The attributes of the axis's SVG elements, in their DOM order (see [`El::with_keys`]).
const TICK_KEYS: &[&str] =
    &["role", "tabindex", "aria-label", "data-tick", "data-place", "data-opener", "class"];
const CIRCLE_KEYS: &[&str] = &["cx", "cy", "r", "fill", "class"];
const LINE_KEYS: &[&str] = &["x1", "x2", "y1", "y2", "class"];
const RECT_KEYS: &[&str] = &["y", "height", "x", "width", "class"];
const TEXT_KEYS: &[&str] = &["x", "y", "class"];

/// A share of the axis (0–100) as an SVG length: "12.5%".
fn percent(x: f64) -> String {
    format!("{}%", num(x, 2))
}

fn ticks(loaded: &Loaded, filter: &Filter, lang: &str, (first, last): (i32, i32)) -> Vec<Tick> {
    let story = &loaded.story;
    let span = f64::from((last - first).max(1));
    let mut out: Vec<Tick> = Vec::new();
    for (i, place) in story.places.iter().enumerate() {
        // Every place of a visible layer: the time range only marks its ticks.
        if !filter.is_layer_visible(&place.layer) {
            continue;
        }
        for e in &place.events {
            let year = f64::from(e.start.year) + e.start.month.map_or(0.0, |m| f64::from(m - 1) / 12.0);
            let in_range = filter.time.is_none_or(|(a, b)| e.overlaps_years(a, b));
            let label = format!("{}: {} — {}", e.start, e.label.get(lang), place.name.get(lang));
            out.push(Tick {
                at: (year - f64::from(first)) / span * 100.0,
                row: 0,
                place: i,
                label,
                in_range,
            });
        }
    }
    passage_map_core::sort::sort_by(&mut out, |a, b| a.at.total_cmp(&b.at));
    // Ticks closer than one percent of the axis stack upwards.
    for k in 1..out.len() {
        let mut stacked = 0;
        while stacked < k && out[k].at - out[k - 1 - stacked].at < 1.0 {
            stacked += 1;
        }
        // A crowded year (2025 holds a dozen events) cycles through a few rows rather than
        // growing a tower over the map; the arrow keys still reach every tick.
        out[k].row = stacked % MAX_ROWS;
    }
    out
}

/// What a tick sends when chosen: its index and the selection of its place, read from
/// its `data-` attributes (so no action is built per tick at each render).
fn tick_action(tick: Option<Element>) -> Option<(usize, Action)> {
    let tick = tick?;
    let i = index_attr(Some(tick.clone()), "data-tick")?;
    let id = tick.get_attribute("data-place")?;
    Some((i, Action::Select { id, via: Via::Timeline, opener: tick.get_attribute("data-opener") }))
}

/// The timeline of the places `props` shows (its `selected`: the selected place).
/// Its state is the panel's ([`PanelCell`]): the tick holding the tab stop, the axis
/// and the "From" slider (where the focus goes when "All dates" goes).
pub fn timeline(props: &PanelProps, state: &PanelCell) -> Html {
    let t = strings(&props.lang);
    let story = &props.loaded.story;
    let Some((first, last)) = story.year_span() else { return html! {} };
    let ticks = ticks(&props.loaded, &props.filter, &props.lang, (first, last));
    let (from, to) = props.filter.time.unwrap_or((first, last));
    let active_i = state.num(slot::TICK).min(ticks.len().saturating_sub(1));
    let mut rows = 0;
    for tk in &ticks {
        rows = rows.max(tk.row);
    }
    let height = AXIS_Y + 10.0 + rows as f64 * ROW_PX;

    let onclick = {
        let (dispatch, state) = (props.dispatch.clone(), state.clone());
        Callback::from(move |e: MouseEvent| {
            let tick = target_element(&e).and_then(|el| el.closest("[data-tick]").ok().flatten());
            if let Some((i, a)) = tick_action(tick) {
                state.set_num(slot::TICK, i);
                dispatch.dispatch(a);
            }
        })
    };
    let onkeydown = {
        let (dispatch, state) = (props.dispatch.clone(), state.clone());
        let n = ticks.len();
        Callback::from(move |e: KeyboardEvent| {
            let tick =
                |i: usize| state.axis.cast::<Element>().and_then(|s| indexed_element(&s, "data-tick", i));
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => (active_i + 1).min(n.saturating_sub(1)),
                "ArrowLeft" | "ArrowDown" => active_i.saturating_sub(1),
                "Home" => 0,
                "End" => n.saturating_sub(1),
                "Enter" | " " => {
                    e.prevent_default();
                    if let Some((_, a)) = tick_action(tick(active_i)) {
                        dispatch.dispatch(a);
                    }
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            state.set_num(slot::TICK, to);
            if let Some(el) = tick(to) {
                focus(&el);
            }
        })
    };
    let slider = |key: &'static str,
                  class: &'static str,
                  label: &'static str,
                  value: i32,
                  make: fn(i32, i32, i32) -> Action,
                  node: NodeRef| {
        let dispatch = props.dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(v) = input_value(&e).and_then(|v| parse_int(&v, first.into(), last.into())) {
                dispatch.dispatch(make(v as i32, from, to));
            }
        });
        let input = El::new("input")
            .node_ref(node)
            .attr("type", "range")
            .attr_owned("min", first.to_string())
            .attr_owned("max", last.to_string())
            .attr("step", "1")
            .value(AttrValue::from(value.to_string()))
            .attr_owned("aria-valuetext", value.to_string())
            .oninput(oninput)
            .build();
        El::new("label").key(key).class(class).child(text_element("span", "", label)).child(input).build()
    };
    let all_dates = props.filter.time.is_some().then(|| {
        let (dispatch, state) = (props.dispatch.clone(), state.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::ClearTimeRange);
            // The button goes with the range: focus stays in the timeline, on "From".
            if let Some(el) = state.from.cast::<Element>() {
                focus(&el);
            }
        });
        button("pm-all-dates", onclick, t.all_dates).key("all-dates").build()
    });
    let mut tick_html = Vec::new();
    for (i, tk) in ticks.iter().enumerate() {
        let place = &story.places[tk.place];
        let colour = story.layer(&place.layer).map(|l| l.colour.clone());
        let x = percent(tk.at);
        let y = num(height - AXIS_Y - 8.0 - tk.row as f64 * ROW_PX, 1);
        let current = props.selected.as_deref() == Some(place.id.as_str());
        let class = match (tk.in_range, current) {
            (true, false) => "pm-tick",
            (true, true) => "pm-tick pm-current",
            (false, false) => "pm-tick pm-out-of-range",
            (false, true) => "pm-tick pm-out-of-range pm-current",
        };
        let hit = El::with_keys("circle", CIRCLE_KEYS)
            .attr_owned("cx", x.clone())
            .attr_owned("cy", y.clone())
            .attr("r", "9")
            .class("pm-tick-hit")
            .build();
        let dot = El::with_keys("circle", CIRCLE_KEYS)
            .attr_owned("cx", x)
            .attr_owned("cy", y)
            .attr("r", "4")
            .opt_attr("fill", colour)
            .class("pm-tick-dot")
            .build();
        tick_html.push(
            El::with_keys("g", TICK_KEYS)
                .attr("role", "button")
                .attr("tabindex", if i == active_i { "0" } else { "-1" })
                .attr_owned("aria-label", tk.label.clone())
                .attr_owned("data-tick", i.to_string())
                .attr_owned("data-place", place.id.clone())
                .attr_owned("data-opener", format!("tick:{i}"))
                .class(class)
                .child(hit)
                .child(dot)
                .build(),
        );
    }
    let (axis_y, year_y) = (num(height - AXIS_Y, 0), num(height - 1.0, 0));
    let line = El::with_keys("line", LINE_KEYS)
        .attr("x1", "0%")
        .attr("x2", "100%")
        .attr_owned("y1", axis_y.clone())
        .attr_owned("y2", axis_y)
        .class("pm-axis-line")
        .build();
    let range = El::with_keys("rect", RECT_KEYS)
        .attr_owned("y", num(height - AXIS_Y - 2.0, 0))
        .attr("height", "4")
        .attr_owned("x", percent(f64::from(from - first) / f64::from((last - first).max(1)) * 100.0))
        .attr_owned("width", percent(f64::from(to - from) / f64::from((last - first).max(1)) * 100.0))
        .class("pm-axis-range")
        .build();
    let year = |x: &'static str, class: &'static str, year: i32| {
        El::with_keys("text", TEXT_KEYS)
            .attr("x", x)
            .attr_owned("y", year_y.clone())
            .class(class)
            .text(&year.to_string())
            .build()
    };
    let svg = El::new("svg")
        .node_ref(state.axis.clone())
        .attr("width", "100%")
        .attr_owned("height", num(height, 0))
        .attr("role", "group")
        .attr("aria-label", t.timeline)
        .class("pm-axis")
        .onclick(onclick)
        .onkeydown(onkeydown)
        .child(line)
        .child(range)
        .children(tick_html)
        .child(year("0%", "pm-axis-year", first))
        .child(year("100%", "pm-axis-year pm-axis-end", last))
        .build();
    // Keyed: Yew matches unkeyed children from the end, so the "All dates" button
    // appearing after them would otherwise rebuild the sliders (and lose the focus of the
    // one being moved by keyboard).
    let mut ranges = El::new("div");
    ranges
        .class("pm-ranges")
        .child(slider(
            "pm-from",
            "pm-range pm-from",
            t.from,
            from,
            |v, _, to| Action::SetTimeRange { from: v.min(to), to },
            state.from.clone(),
        ))
        .child(slider(
            "pm-to",
            "pm-range pm-to",
            t.to,
            to,
            |v, from, _| Action::SetTimeRange { from, to: v.max(from) },
            NodeRef::default(),
        ))
        .child(
            El::new("output")
                .key("range-value")
                .class("pm-range-value")
                .text(&format!("{from} – {to}"))
                .build(),
        );
    if let Some(b) = all_dates {
        ranges.child(b);
    }
    let ranges = ranges.build();
    El::new("section").attr("aria-label", t.timeline).class("pm-timeline").child(svg).child(ranges).build()
}
