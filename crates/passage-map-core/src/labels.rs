//! Names on the map: which basemap labels (countries, seas, towns, landmarks) to draw at a
//! camera, and where, so that no two overlap and none covers a place marker.
//!
//! Placement is greedy in screen space: labels inside their zoom range are taken by rank
//! (then in file order), each tries a few positions around its point, and keeps the first
//! whose box stays inside the map and clear of every obstacle and every label placed
//! before it. Text widths are estimated from the characters (no browser to measure in),
//! on the generous side, so estimated boxes contain the drawn ones.
//!
//! The labels travel inside the basemap band files (`region.json`, `city.json`) as
//! `"labels": [{"x","y","en","es","kind","rank","zoom":[min,max]}]`, `x`/`y` in world
//! metres relative to the band's origin; [`Label::to_json`] writes that and
//! [`labels_from_list`] reads it.

use crate::story::json::Value;

use crate::camera::{Camera, ScreenPoint, Viewport};
use crate::geo::WorldPoint;

/// What a label names; decides its type style and how it is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Country,
    Sea,
    Capital,
    Town,
    Water,
    Landmark,
}

impl LabelKind {
    /// The kind written in the data (`"country"`, …).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Self::Country,
            "sea" => Self::Sea,
            "capital" => Self::Capital,
            "town" => Self::Town,
            "water" => Self::Water,
            "landmark" => Self::Landmark,
            _ => return None,
        })
    }

    /// The name used in the data and as the CSS class suffix (`pm-label-town`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Sea => "sea",
            Self::Capital => "capital",
            Self::Town => "town",
            Self::Water => "water",
            Self::Landmark => "landmark",
        }
    }

    /// Font size in CSS pixels (the stylesheet uses the same sizes).
    pub fn font_px(self) -> f64 {
        match self {
            Self::Country => 13.0,
            Self::Sea | Self::Capital => 12.0,
            Self::Town | Self::Water | Self::Landmark => 11.0,
        }
    }

    /// Towns and capitals are points: a dot, with the name beside it. The others are
    /// names of areas, centred on their point.
    pub fn is_point(self) -> bool {
        matches!(self, Self::Capital | Self::Town)
    }

    /// Countries are written in capitals (CSS `text-transform`, which spares the wasm
    /// Unicode's case tables), letter-spaced 0.08 em.
    pub fn uppercase(self) -> bool {
        self == Self::Country
    }
}

/// One name of the basemap.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Where it is, in world metres.
    pub at: WorldPoint,
    pub en: String,
    pub es: String,
    pub kind: LabelKind,
    /// 1 is placed first.
    pub rank: u8,
    /// Web-map zoom levels (see [`Camera::zoom_level`]) from which and below which it is drawn.
    pub min_zoom: f64,
    pub max_zoom: f64,
}

impl Label {
    /// The name in `lang` (`es`, else English); the stylesheet puts countries in capitals.
    pub fn text(&self, lang: &str) -> &str {
        if lang == "es" {
            &self.es
        } else {
            &self.en
        }
    }

    /// The band-file entry, relative to `origin`, rounded to the metre.
    pub fn to_json(&self, origin: WorldPoint) -> Value<'static> {
        // Keys in alphabetical order, as the files were first written.
        Value::Object(vec![
            ("en".into(), Value::from(self.en.clone())),
            ("es".into(), Value::from(self.es.clone())),
            ("kind".into(), Value::from(self.kind.as_str())),
            ("rank".into(), Value::from(i64::from(self.rank))),
            ("x".into(), Value::from((self.at.x - origin.x).round())),
            ("y".into(), Value::from((self.at.y - origin.y).round())),
            ("zoom".into(), Value::Array(vec![self.min_zoom.into(), self.max_zoom.into()])),
        ])
    }
}

/// The labels of a band file's `"labels"` array (absent: none); entries that are not
/// labels are skipped.
pub fn labels_from_json(band: &Value<'_>, origin: WorldPoint) -> Vec<Label> {
    band.get("labels").and_then(Value::as_array).map_or_else(Vec::new, |list| labels_from_list(list, origin))
}

/// The labels of the entries of a band file's `"labels"` array (as
/// [`crate::basemap::BasemapFile::labels`] holds them), relative to `origin`; entries
/// that are not labels are skipped.
pub fn labels_from_list(list: &[Value<'_>], origin: WorldPoint) -> Vec<Label> {
    // A plain loop over one non-generic reader rather than an iterator chain.
    let mut out = Vec::with_capacity(list.len());
    for v in list {
        if let Some(label) = label_from(v, origin) {
            out.push(label);
        }
    }
    out
}

/// One entry of a band file's `"labels"`, or `None` when it is not a label. The numbers
/// are read before the names, so that a refused entry has no string to drop.
fn label_from(v: &Value<'_>, origin: WorldPoint) -> Option<Label> {
    let num = |k: &str| v.get(k).and_then(Value::as_f64);
    let zoom = v.get("zoom")?;
    let at = WorldPoint::new(origin.x + num("x")?, origin.y + num("y")?);
    let kind = LabelKind::parse(v.get("kind")?.as_str()?)?;
    let rank = u8::try_from(v.get("rank")?.as_u64()?).ok()?;
    let (min_zoom, max_zoom) = (zoom.at(0)?.as_f64()?, zoom.at(1)?.as_f64()?);
    let (en, es) = (v.get("en")?.as_str()?, v.get("es")?.as_str()?);
    Some(Label { at, en: en.to_owned(), es: es.to_owned(), kind, rank, min_zoom, max_zoom })
}

/// An axis-aligned box in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The square of half-side `r` around `c` (a marker's hit area).
    pub fn around(c: ScreenPoint, r: f64) -> Rect {
        Rect { x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r }
    }

    /// Whether the two boxes share more than an edge.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside(&self, w: f64, h: f64) -> bool {
        self.x0 >= 0.0 && self.y0 >= 0.0 && self.x1 <= w && self.y1 <= h
    }
}

/// Width in CSS pixels that `text` takes at `font_px` in a common system sans (DejaVu
/// Sans, Helvetica, Segoe UI), erring wide: narrow letters 0.34 em, wide ones 0.95 em,
/// other capitals 0.74 em, everything else 0.62 em, plus `spacing_em` per character.
pub fn text_width(text: &str, font_px: f64, spacing_em: f64) -> f64 {
    width_em(text, false, spacing_em) * font_px
}

/// The same for `text` drawn in capitals (non-ASCII letters are counted as capitals).
pub fn caps_width(text: &str, font_px: f64, spacing_em: f64) -> f64 {
    width_em(text, true, spacing_em) * font_px
}

fn width_em(text: &str, caps: bool, spacing_em: f64) -> f64 {
    // A plain loop rather than `map` and `sum`: less code, same sum in the same order.
    let mut em = 0.0;
    for c in text.chars() {
        let c = if caps { c.to_ascii_uppercase() } else { c };
        em += spacing_em
            + match c {
                'i' | 'j' | 'l' | 't' | 'f' | 'r' | 'I' | '.' | ',' | '\'' | ' ' | '-' => 0.34,
                'm' | 'w' | 'M' | 'W' => 0.95,
                c if c.is_uppercase() || (caps && !c.is_ascii()) => 0.74,
                _ => 0.62,
            };
    }
    em
}

/// Pixels of halo around the text (half the stroke width) counted into its box.
pub const HALO_PX: f64 = 2.0;
/// Gap between a town's dot and its name, in pixels.
const GAP_PX: f64 = 4.0;
/// Radius of a town's dot, in pixels.
pub const DOT_PX: f64 = 2.5;
/// Distance from a covered town's point to its name: clear of a 14 px marker.
const COVERED_GAP_PX: f64 = 17.0;

/// Where a label goes on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index into the labels given to [`place_labels`].
    pub index: usize,
    /// The name (countries are put in capitals by the stylesheet).
    pub text: String,
    /// The label's point on screen (the dot of a town).
    pub point: ScreenPoint,
    /// Whether a dot marks the point (towns whose point no place marker covers).
    pub dot: bool,
    /// Where the text is drawn: its anchor point on the baseline (SVG `x`, `y`).
    pub text_at: ScreenPoint,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The box the text (with its halo) takes.
    pub rect: Rect,
}

/// The labels to draw for `camera` in `viewport`, in `lang`, none overlapping another,
/// an obstacle (place markers and their names, in pixels) or the map's edge.
pub fn place_labels(
    labels: &[Label],
    camera: &Camera,
    viewport: Viewport,
    lang: &str,
    obstacles: &[Rect],
) -> Vec<PlacedLabel> {
    let zoom = camera.zoom_level();
    let t = camera.transform(viewport);
    // A plain loop rather than `filter` and `collect`: less code, same work.
    let mut order: Vec<usize> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        if label.min_zoom <= zoom && zoom < label.max_zoom {
            order.push(i);
        }
    }
    crate::sort::sort_by_key(&mut order, |&i| labels[i].rank);
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut placed = Vec::new();
    for i in order {
        let label = &labels[i];
        let p = t.apply(label.at);
        if !(0.0..=viewport.width).contains(&p.x) || !(0.0..=viewport.height).contains(&p.y) {
            continue;
        }
        let text = label.text(lang);
        let font = label.kind.font_px();
        let width =
            if label.kind.uppercase() { caps_width(text, font, 0.08) } else { text_width(text, font, 0.0) };
        let (w, h) = (width + 2.0 * HALO_PX, font * 1.25 + 2.0 * HALO_PX);
        // Text box by its left edge and top; baseline sits 0.3 em above the box's bottom.
        let bx = |x0: f64, y0: f64| Rect { x0, y0, x1: x0 + w, y1: y0 + h };
        // A town whose dot a place marker covers (a camp named after its town) is named
        // beside that marker instead, without its dot.
        let dot = label.kind.is_point().then(|| Rect::around(p, DOT_PX + 1.0));
        let covered = dot.is_some_and(|d| taken.iter().any(|r| r.overlaps(&d)));
        let candidates: Vec<(Rect, &'static str)> = if label.kind.is_point() {
            let d = if covered { COVERED_GAP_PX } else { DOT_PX + GAP_PX };
            vec![
                (bx(p.x + d - HALO_PX, p.y - h / 2.0), "start"),
                (bx(p.x - d + HALO_PX - w, p.y - h / 2.0), "end"),
                (bx(p.x - w / 2.0, p.y - d - h), "middle"),
                (bx(p.x - w / 2.0, p.y + d), "middle"),
            ]
        } else {
            // An area's name: centred, else a line above or below, else half its width
            // to the left or right.
            [(0.0, 0.0), (0.0, -1.0), (0.0, 1.0), (-0.5, 0.0), (0.5, 0.0)]
                .map(|(dx, dy)| (bx(p.x - w / 2.0 + dx * w, p.y - h / 2.0 + dy * h), "middle"))
                .to_vec()
        };
        let Some((rect, anchor)) = candidates
            .into_iter()
            .find(|(r, _)| r.inside(viewport.width, viewport.height) && !taken.iter().any(|o| o.overlaps(r)))
        else {
            continue;
        };
        let dot = dot.filter(|_| !covered);
        let x = match anchor {
            "start" => rect.x0 + HALO_PX,
            "end" => rect.x1 - HALO_PX,
            _ => (rect.x0 + rect.x1) / 2.0,
        };
        let baseline = rect.y1 - HALO_PX - 0.3 * font;
        taken.push(rect);
        if let Some(d) = dot {
            taken.push(d);
        }
        let text_at = ScreenPoint::new(x, baseline);
        let text = text.to_owned();
        placed.push(PlacedLabel { index: i, text, point: p, dot: dot.is_some(), text_at, anchor, rect });
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A camera at zoom 8 (about 0.0016 px per metre) centred on the world origin, and a
    /// 400 × 300 viewport, so the world point (x, y) is at pixel (200 + k·x, 150 + k·y).
    fn camera() -> (Camera, Viewport) {
        (Camera::at_zoom_level(WorldPoint::new(0.0, 0.0), 8.0), Viewport { width: 400.0, height: 300.0 })
    }

    fn label(px: f64, py: f64, name: &str, kind: LabelKind, rank: u8) -> Label {
        let (c, _) = camera();
        Label {
            at: WorldPoint::new(px / c.scale, py / c.scale),
            en: name.into(),
            es: format!("{name} (es)"),
            kind,
            rank,
            min_zoom: 6.0,
            max_zoom: 10.0,
        }
    }

    #[test]
    fn widths_are_estimated_per_character() {
        assert_eq!(text_width("Iim", 10.0, 0.0), (0.34 + 0.34 + 0.95) * 10.0);
        assert_eq!(text_width("Ab", 10.0, 0.1), (0.74 + 0.1 + 0.62 + 0.1) * 10.0);
        assert_eq!(caps_width("Panamá", 10.0, 0.0), (0.74 * 4.0 + 0.95 + 0.74) * 10.0);
    }

    #[test]
    fn a_town_goes_right_of_its_dot_with_an_exact_box() {
        let (c, vp) = camera();
        let l = [label(0.0, 0.0, "Ab", LabelKind::Town, 3)];
        let placed = place_labels(&l, &c, vp, "en", &[]);
        assert_eq!(placed.len(), 1);
        let p = &placed[0];
        let w = (0.74 + 0.62) * 11.0 + 4.0;
        let h = 11.0 * 1.25 + 4.0;
        assert_eq!(p.anchor, "start");
        assert_eq!(p.point, ScreenPoint::new(200.0, 150.0));
        let x0 = 200.0 + 6.5 - 2.0;
        assert_eq!(p.rect, Rect { x0, y0: 150.0 - h / 2.0, x1: x0 + w, y1: 150.0 + h / 2.0 });
        assert_eq!(p.text_at, ScreenPoint::new(x0 + 2.0, 150.0 + h / 2.0 - 2.0 - 3.3));
    }

    #[test]
    fn a_blocked_town_tries_left_then_above_then_below() {
        let (c, vp) = camera();
        let l = [label(0.0, 0.0, "Ab", LabelKind::Town, 3)];
        let right = Rect { x0: 205.0, y0: 145.0, x1: 230.0, y1: 155.0 };
        let left = Rect { x0: 170.0, y0: 145.0, x1: 195.0, y1: 155.0 };
        let above = Rect { x0: 190.0, y0: 120.0, x1: 210.0, y1: 144.0 };
        let anchors = |obstacles: &[Rect]| {
            place_labels(&l, &c, vp, "en", obstacles).iter().map(|p| p.anchor).collect::<Vec<_>>()
        };
        assert_eq!(anchors(&[right]), ["end"]);
        assert_eq!(anchors(&[right, left]), ["middle"]);
        let below = place_labels(&l, &c, vp, "en", &[right, left, above]);
        assert!(below[0].rect.y0 > 150.0);
        let around = Rect { x0: 150.0, y0: 100.0, x1: 250.0, y1: 200.0 };
        assert_eq!(anchors(&[around]), Vec::<&str>::new(), "nowhere to go");
        // A marker over the dot: the name goes beside the marker, without a dot.
        let marker = Rect::around(ScreenPoint::new(200.0, 150.0), 14.0);
        let beside = place_labels(&l, &c, vp, "en", &[marker]);
        assert_eq!((beside[0].anchor, beside[0].dot, beside[0].rect.x0), ("start", false, 215.0));
    }

    #[test]
    fn higher_rank_wins_and_no_two_overlap() {
        let (c, vp) = camera();
        let l = [
            label(0.0, 0.0, "Lower rank", LabelKind::Sea, 3),
            label(5.0, 2.0, "Higher rank", LabelKind::Country, 1),
            label(120.0, 100.0, "Far away", LabelKind::Sea, 3),
        ];
        let placed = place_labels(&l, &c, vp, "en", &[]);
        assert_eq!(placed.iter().map(|p| p.index).collect::<Vec<_>>(), [1, 0, 2]);
        assert_eq!(placed[0].text, "Higher rank");
        let caps = caps_width("Higher rank", 13.0, 0.08) + 4.0;
        assert!(
            (placed[0].rect.x1 - placed[0].rect.x0 - caps).abs() < 1e-9,
            "countries are measured in capitals"
        );
        assert_eq!(placed[0].anchor, "middle");
        // The lower rank gave way: a line above its point.
        assert!(placed[1].rect.y1 <= placed[0].rect.y0);
        for (i, a) in placed.iter().enumerate() {
            assert!(placed[i + 1..].iter().all(|b| !a.rect.overlaps(&b.rect)));
        }
        // Blocked in the middle, an area's name moves a line up.
        let h = 13.0 * 1.25 + 4.0;
        let block = Rect { x0: 150.0, y0: 146.0, x1: 250.0, y1: 160.0 };
        let up = place_labels(&l[1..2], &c, vp, "en", &[block]);
        assert_eq!(up[0].rect.y0, 152.0 - h / 2.0 - h);
    }

    #[test]
    fn zoom_range_edge_and_language() {
        let (c, vp) = camera();
        let mut outside = label(0.0, 0.0, "Too close", LabelKind::Town, 1);
        outside.min_zoom = 8.5;
        let mut too_far = label(0.0, 0.0, "Too far", LabelKind::Town, 1);
        too_far.max_zoom = 8.0;
        let off = label(-201.0, 0.0, "Off", LabelKind::Sea, 1);
        assert!(place_labels(&[outside, too_far, off], &c, vp, "en", &[]).is_empty());
        // Near the edge, an area's name slides inward by half its width.
        let edge = place_labels(&[label(195.0, 0.0, "Edge", LabelKind::Sea, 1)], &c, vp, "en", &[]);
        assert!((edge[0].rect.x1 - 395.0).abs() < 1e-9);
        let es = place_labels(&[label(0.0, 0.0, "Golfo", LabelKind::Sea, 1)], &c, vp, "es", &[]);
        assert_eq!(es[0].text, "Golfo (es)");
    }

    #[test]
    fn json_round_trip_relative_to_the_origin() {
        let origin = WorldPoint::new(-1000.0, 500.0);
        let l = Label {
            at: WorldPoint::new(-400.0, 1700.4),
            en: "Gulf of Panama".into(),
            es: "Golfo de Panamá".into(),
            kind: LabelKind::Sea,
            rank: 2,
            min_zoom: 6.0,
            max_zoom: 10.5,
        };
        let v = l.to_json(origin);
        assert_eq!(
            v.to_json(),
            r#"{"en":"Gulf of Panama","es":"Golfo de Panamá","kind":"sea","rank":2,"x":600,"y":1200,"zoom":[6,10.5]}"#
        );
        let not_a_label = Value::Object(vec![("x".into(), Value::from(1_i64))]);
        let back = labels_from_list(&[v.clone(), not_a_label], origin);
        assert_eq!(back, [Label { at: WorldPoint::new(-400.0, 1700.0), ..l.clone() }]);
        let band = crate::story::json::parse("region.json", r#"{"labels": [7, {}]}"#).unwrap();
        assert!(labels_from_json(&band, origin).is_empty());
        let band = Value::Object(vec![("labels".into(), Value::Array(vec![v]))]);
        assert_eq!(labels_from_json(&band, origin).len(), 1);
        assert!(labels_from_json(&Value::Object(Vec::new()), origin).is_empty());
    }
}
