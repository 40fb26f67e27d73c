//! A big story's place symbols and uncertainty rings, drawn on one `<canvas>` instead of
//! an SVG element per place (see [`crate::loader::CANVAS_ABOVE`]). The canvas sits in a
//! `<foreignObject>` of the map's svg, above the basemap and under the names and the
//! SVG markers (selected place, headline places, keyboard cursor), so a gesture preview
//! moves it with the rest of the map.
//!
//! The canvas is decorative (`aria-hidden`): the places are reached by keyboard through
//! the roving marker and the list, and by pointer through the spatial index of
//! `passage_map_core::spatial` (see [`hit`]).

use std::rc::Rc;

use passage_map_core::camera::{ScreenPoint, Transform};
use passage_map_core::geo::{Bounds, WorldPoint};
use passage_map_core::num::fixed;
use passage_map_core::path::symbol_path;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use super::basemap_layer::SEA_KEYS;
use super::elements::El;
use crate::loader::Loaded;

/// Symbol "radius", CSS pixels (the SVG markers and the canvas alike).
pub const SYMBOL_PX: f64 = 7.0;
/// Hit radius of a place, CSS pixels (as the SVG markers' hit circle).
pub const HIT_PX: f64 = 14.0;
/// Rings smaller than this (pixels) are not drawn: the symbol already covers them.
pub const MIN_RING_PX: f64 = 10.0;
/// Rings wider than this (pixels) are left out: the view is then well inside the ring.
pub const MAX_RING_PX: f64 = 4_000.0;

/// What the canvas shows: it is drawn again when any of these change.
#[derive(PartialEq)]
pub struct CanvasInputs {
    pub loaded: Rc<Loaded>,
    pub transform: Transform,
    pub width: f64,
    pub height: f64,
    /// Whether each place (story order) is shown, as the view model decides.
    pub shown: Rc<Vec<bool>>,
    /// Places drawn as SVG markers instead (the selected one, headline places, the
    /// keyboard cursor), so that they are not drawn twice.
    pub in_svg: Rc<Vec<usize>>,
    /// The camera is flying: a frame may move the last drawing instead of drawing again.
    pub flying: bool,
}

/// A drawing predicted to take longer than this (milliseconds: places in view × the cost
/// per place last measured) is not made on a frame of a flight: the canvas's last
/// drawing is moved and scaled by one CSS transform instead, and the places are drawn
/// again where the flight ends (as the SVG layers' gesture preview does).
const LIVE_DRAW_MS: f64 = 8.0;

/// The canvas and the sprites it stamps, kept between renders (in the markers' cell: the
/// canvas is part of the markers' render, not a component of its own, which saves a
/// component type).
#[derive(Default)]
pub struct Surface {
    /// The `<foreignObject>` the canvas is put in.
    pub host: NodeRef,
    /// What the canvas was last updated for.
    inputs: Option<CanvasInputs>,
    canvas: Option<HtmlCanvasElement>,
    ctx: Option<CanvasRenderingContext2d>,
    /// One sprite per layer and variant (plain, approximate, highlighted, both), built on
    /// first use at the device pixel ratio.
    sprites: Vec<Option<HtmlCanvasElement>>,
    dpr: f64,
    /// The transform of what the canvas shows.
    drawn: Option<Transform>,
    /// What drawing cost per place in view, measured on the last drawing of many places.
    ms_per_place: f64,
    /// Each place's layer (index into the story's layers; `usize::MAX` for none).
    layer_of: Vec<usize>,
    /// What was last stamped at each CSS pixel, and by which drawing (see [`draw`]).
    stamped: Vec<u32>,
    generation: u16,
    /// Whether the first render has made the canvas.
    made: bool,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn new_canvas(w: u32, h: u32) -> Option<HtmlCanvasElement> {
    // Unchecked casts: a `<canvas>` made here is an HtmlCanvasElement and its "2d" context
    // a CanvasRenderingContext2d (a checked cast is an `instanceof` import more).
    let c: HtmlCanvasElement = document()?.create_element("canvas").ok()?.unchecked_into();
    c.set_width(w);
    c.set_height(h);
    Some(c)
}

fn context(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    Some(c.get_context("2d").ok()??.unchecked_into())
}

/// The widget's ink colour (`--pm-ink`), for the highlight ring of the sprites. Read only
/// when a sprite is made: `getComputedStyle` forces the browser to recompute styles, which
/// on every frame of a flight cost more than the drawing itself.
fn ink(canvas: &HtmlCanvasElement) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(canvas).ok().flatten())
        .and_then(|s| s.get_property_value("--pm-ink").ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "#1d1d1b".to_owned())
}

/// Side of a sprite, device pixels: the symbol, its outline and a highlight ring.
fn sprite_side(dpr: f64) -> u32 {
    ((2.0 * 12.5) * dpr).ceil() as u32
}

/// The symbol of a layer, drawn once as the SVG marker draws it: filled in the layer's
/// colour, a white outline (dashed for approximate places), and the ink ring of a
/// highlighted place.
fn make_sprite(
    path: &str,
    colour: &str,
    approximate: bool,
    highlight: bool,
    ink: &str,
    dpr: f64,
) -> Option<HtmlCanvasElement> {
    let side = sprite_side(dpr);
    let c = new_canvas(side, side)?;
    let ctx = context(&c)?;
    let half = side as f64 / 2.0;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, half, half).ok()?;
    if highlight {
        ctx.begin_path();
        let _ = ctx.arc(0.0, 0.0, 11.0, 0.0, std::f64::consts::TAU);
        ctx.set_stroke_style_str(ink);
        ctx.set_line_width(2.0);
        ctx.stroke();
    }
    let shape = web_sys::Path2d::new_with_path_string(path).ok()?;
    ctx.set_fill_style_str(colour);
    ctx.fill_with_path_2d(&shape);
    if approximate {
        let dash = js_sys::Array::of2(&2.0.into(), &1.5.into());
        let _ = ctx.set_line_dash(&dash);
    }
    ctx.set_stroke_style_str("#fff");
    ctx.set_line_width(1.5);
    ctx.stroke_with_path(&shape);
    Some(c)
}

/// The place under a pointer at `at` (map pixels), if any: the nearest shown place
/// within the hit radius, through the spatial index.
pub fn hit(loaded: &Loaded, transform: &Transform, shown: &[bool], at: ScreenPoint) -> Option<usize> {
    let world = transform.invert(at);
    loaded.index.nearest(world, HIT_PX / transform.k, |i| shown.get(i).copied().unwrap_or(false))
}

/// The world rectangle in view, grown by `margin_px` on every side.
pub fn view_bounds(transform: &Transform, width: f64, height: f64, margin_px: f64) -> Bounds {
    let m = margin_px;
    Bounds::from_points([
        transform.invert(ScreenPoint::new(-m, -m)),
        transform.invert(ScreenPoint::new(width + m, height + m)),
    ])
}

/// Draws the places in view; returns how many places the view held.
fn draw(surface: &mut Surface, props: &CanvasInputs) -> Option<usize> {
    let dpr = web_sys::window()?.device_pixel_ratio().max(1.0);
    let canvas = surface.canvas.as_ref()?.clone();
    let (w, h) = ((props.width * dpr).round() as u32, (props.height * dpr).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    // The context is asked for once: `getContext` and the type check cost a little on
    // every frame of a flight.
    if surface.ctx.is_none() {
        surface.ctx = context(&canvas);
    }
    let ctx = surface.ctx.clone()?;
    ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
    let story = &props.loaded.story;
    let layers = &story.manifest.layers;
    if surface.dpr != dpr || surface.sprites.len() != layers.len() * 4 {
        surface.sprites = vec![None; layers.len() * 4];
        surface.dpr = dpr;
    }
    let t = &props.transform;
    let view = view_bounds(t, props.width, props.height, 14.0);
    let in_svg = |i: usize| props.in_svg.contains(&i);
    let (scene, loaded) = (&props.loaded.scene, &props.loaded);

    // Rings first, under every symbol.
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).ok()?;
    let dash = js_sys::Array::of2(&5.0.into(), &4.0.into());
    let _ = ctx.set_line_dash(&dash);
    ctx.set_line_width(1.5);
    for (i, place) in story.places.iter().enumerate() {
        if !props.shown[i] || !place.is_approximate() || !place.geometry_is_point() {
            continue;
        }
        let sp = &scene.places[i];
        let r = sp.accuracy_world_m * t.k;
        if !(MIN_RING_PX..=MAX_RING_PX).contains(&r) {
            continue;
        }
        let c = t.apply(sp.anchor);
        if c.x < -r || c.y < -r || c.x > props.width + r || c.y > props.height + r {
            continue;
        }
        if let Some(layer) = story.layer(&place.layer) {
            ctx.begin_path();
            let _ = ctx.arc(c.x, c.y, r, 0.0, std::f64::consts::TAU);
            ctx.set_stroke_style_str(&layer.colour);
            ctx.stroke();
        }
    }

    // Symbols: one stamp per place in view, at whole device pixels; a place exactly on
    // another of the same look is not stamped again.
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()?;
    let half = (sprite_side(dpr) / 2) as f64;
    // The look last stamped at each CSS pixel, to skip repeats: this drawing's number in
    // the high half, layer × variant + 1 in the low half. Kept between drawings, so that
    // no frame clears a megabyte: a new number makes every older mark stale.
    let (cols, rows) = (props.width.ceil().max(0.0) as usize, props.height.ceil().max(0.0) as usize);
    let mut stamped = std::mem::take(&mut surface.stamped);
    surface.generation = surface.generation.wrapping_add(1);
    if stamped.len() != cols * rows || surface.generation == 0 {
        stamped = vec![0; cols * rows];
        surface.generation = 1;
    }
    let mark = |slot: usize| (surface.generation as u32) << 16 | (slot as u32 + 1);
    if surface.layer_of.len() != story.places.len() {
        // A plain loop rather than `map` and `collect` (less code).
        surface.layer_of.clear();
        for p in &story.places {
            surface.layer_of.push(layers.iter().position(|l| l.id == p.layer).unwrap_or(usize::MAX));
        }
    }
    let layer_of = std::mem::take(&mut surface.layer_of);
    let mut in_view = 0;
    loaded.index.for_each_in(view, |i, p: WorldPoint| {
        in_view += 1;
        if !props.shown[i] || layer_of[i] == usize::MAX || in_svg(i) {
            return;
        }
        let place = &story.places[i];
        let variant = usize::from(place.is_approximate()) + 2 * usize::from(place.highlight);
        let slot = layer_of[i] * 4 + variant;
        let s = t.apply(p);
        let (x, y) = ((s.x * dpr).round(), (s.y * dpr).round());
        if s.x >= 0.0 && s.y >= 0.0 && (s.x as usize) < cols && (s.y as usize) < rows {
            let cell = &mut stamped[s.y as usize * cols + s.x as usize];
            if *cell == mark(slot) {
                return;
            }
            *cell = mark(slot);
        }
        if surface.sprites[slot].is_none() {
            let layer = &layers[layer_of[i]];
            let path = symbol_path(layer.symbol, SYMBOL_PX);
            let ink = ink(&canvas);
            surface.sprites[slot] =
                make_sprite(&path, &layer.colour, variant & 1 == 1, variant & 2 == 2, &ink, dpr);
        }
        if let Some(sprite) = &surface.sprites[slot] {
            let _ = ctx.draw_image_with_html_canvas_element(sprite, x - half, y - half);
        }
    });
    surface.layer_of = layer_of;
    surface.stamped = stamped;
    Some(in_view)
}

/// Moves and scales the canvas's last drawing (made at `drawn`) to where the camera `now`
/// puts it: screen = k·p + (x, y) for both, so the drawing's pixel s0 goes to
/// (s0 − (x0, y0))·k/k0 + (x, y).
fn follow(s: &Surface, drawn: Transform, now: Transform) {
    let Some(c) = &s.canvas else { return };
    let f = now.k / drawn.k;
    if !f.is_finite() {
        return;
    }
    let (tx, ty) = (now.x - drawn.x * f, now.y - drawn.y * f);
    let style = c.style();
    let _ = style.set_property("transform-origin", "0 0");
    let css = format!("translate({}px,{}px) scale({})", fixed(tx, 1), fixed(ty, 1), fixed(f, 7));
    let _ = style.set_property("transform", &css);
}

impl Surface {
    /// After a render of the markers: draws the places again if what the canvas shows
    /// changed (camera, size, filter, selection). `None`: this render drew no canvas, whose
    /// element is then gone; the next one starts afresh.
    pub fn update(&mut self, inputs: Option<CanvasInputs>) {
        let Some(inputs) = inputs else {
            if self.made {
                *self = Surface::default();
            }
            return;
        };
        if self.inputs.as_ref() == Some(&inputs) {
            return;
        }
        // The canvas is made here, after the first render, not by Yew: inside an svg Yew
        // would make an SVG-namespace element, which is no canvas.
        if !std::mem::replace(&mut self.made, true) {
            if let (Some(fo), Some(c)) = (self.host.cast::<Element>(), new_canvas(1, 1)) {
                let _ = c.set_attribute("class", "pm-canvas");
                let _ = fo.append_child(&c);
                self.canvas = Some(c);
            }
        }
        self.show(&inputs);
        self.inputs = Some(inputs);
    }

    fn show(&mut self, now: &CanvasInputs) {
        if let (true, Some(drawn)) = (now.flying, self.drawn) {
            // Predict this frame's drawing from the places in view (counted by cells of
            // the index, not one by one: at 100,000 places the walk itself took a
            // millisecond or two of each frame).
            let view = view_bounds(&now.transform, now.width, now.height, 14.0);
            let n = now.loaded.index.count_near(view);
            if n as f64 * self.ms_per_place > LIVE_DRAW_MS {
                follow(self, drawn, now.transform);
                return;
            }
        }
        let t0 = crate::browser::now_ms();
        if let Some(n) = draw(self, now) {
            self.drawn = Some(now.transform);
            // Learnt from drawings of enough places for the clock to measure them.
            if n >= 2_000 {
                self.ms_per_place = (crate::browser::now_ms() - t0) / n as f64;
            }
        }
        if let Some(c) = &self.canvas {
            let _ = c.style().remove_property("transform");
        }
    }
}

/// The element the canvas of a big story's places is put in (see [`Surface::update`]).
pub fn canvas_host(host: &NodeRef, width: f64, height: f64) -> Html {
    El::with_keys("foreignObject", SEA_KEYS)
        .node_ref(host.clone())
        .attr("x", "0")
        .attr("y", "0")
        .attr_owned("width", fixed(width, 0))
        .attr_owned("height", fixed(height, 0))
        .attr("aria-hidden", "true")
        .class("pm-canvas-layer")
        .build()
}
