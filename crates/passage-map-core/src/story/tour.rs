//! The guided tour (`tour` in story.json): stops in story order, each a place with a
//! caption in the story's own words, the passages that back the caption, and optionally a
//! camera and the layers to show.
//!
//! The stops name places and passages, so the tour is parsed once those are known
//! ([`super::Story::parse_with_articles`]); an invalid stop is left out with an error.

use super::error::{unknown_layer, ErrorKind};
use super::geometry::position;
use super::json::{each, keep_valid, Errors, Node, ParseResult, Value};
use super::manifest::Layer;
use super::passages::Citable;
use super::places::{known_place, Place};
use super::text::{check_id, non_empty_text, Localised};
use crate::geo::LonLat;

/// The deepest zoom level a stop's camera may ask for (street-block scale).
pub const MAX_TOUR_ZOOM: f64 = 22.0;

/// Where the map looks at a stop, when the stop's place alone would frame it wrongly
/// (a stop about several places, or one that needs its surroundings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TourCamera {
    /// The centre of the view, in degrees.
    pub center: LonLat,
    /// Web-map zoom level (0 shows the world in 256 pixels; each step doubles the scale),
    /// 0…[`MAX_TOUR_ZOOM`].
    pub zoom: f64,
}

/// One stop of the guided tour.
#[derive(Clone, Debug, PartialEq)]
pub struct TourStop {
    /// The place the stop selects.
    pub place: String,
    /// One or two sentences in the story's own words, every claim backed by `passages`.
    pub caption: Localised,
    /// Ids of the passages shown at the stop, each naming `place`; at least one.
    pub passages: Vec<String>,
    /// The view to fly to; `None` fits the place itself.
    pub camera: Option<TourCamera>,
    /// The layers to show at the stop (always including the place's own layer); `None`
    /// shows only the place's own layer.
    pub layers: Option<Vec<String>>,
}

/// The `tour` array of story.json, kept unparsed until the places and passages are known.
#[derive(Clone, Debug, PartialEq)]
pub struct TourSource {
    /// The manifest's file name, for errors.
    pub file: String,
    pub value: Value<'static>,
}

/// What a stop may refer to.
pub struct TourContext<'a> {
    pub layers: &'a [Layer],
    pub places: &'a [Place],
    /// Places that places.geojson has but that were left out because of an error.
    pub places_left_out: &'a [String],
    /// places.geojson, when it could not be used at all.
    pub places_unusable: Option<&'a str>,
    pub passages: Citable<'a>,
}

fn camera(n: Node<'_>) -> ParseResult<TourCamera> {
    n.require_object()?;
    let center = position(n.require("center")?)?;
    let z = n.require("zoom")?;
    let zoom = z.as_f64()?;
    if !(0.0..=MAX_TOUR_ZOOM).contains(&zoom) {
        return Err(z.error(
            ErrorKind::InvalidValue,
            format!("expected a zoom level 0…22, found {}", crate::path::format_coord(zoom, 3)),
        ));
    }
    Ok(TourCamera { center, zoom })
}

/// The stop's layers: known ids, at least one, and the place's own layer among them (or
/// the stop would hide the place it is about).
fn layers(n: Node<'_>, known: &[Layer], place: &Place) -> ParseResult<Vec<String>> {
    let mut out = Vec::new();
    each(n, &mut |l| {
        let id = check_id(l)?;
        if !known.iter().any(|k| k.id == id) {
            return Err(l.error(
                ErrorKind::UnknownLayer,
                unknown_layer(&id, &mut known.iter().map(|k| k.id.as_str())),
            ));
        }
        out.push(id);
        Ok(())
    })?;
    if !out.contains(&place.layer) {
        return Err(n.error(
            ErrorKind::InvalidValue,
            format!(
                "the stop's place \"{}\" is in the layer \"{}\", which this list leaves out",
                place.id, place.layer
            ),
        ));
    }
    Ok(out)
}

fn stop(n: Node<'_>, ctx: &TourContext<'_>) -> ParseResult<TourStop> {
    n.require_object()?;
    let is_place = |id: &str| ctx.places.iter().any(|p| p.id == id);
    let place_id = known_place(n.require("place")?, &is_place, ctx.places_left_out, ctx.places_unusable)?;
    let place = ctx.places.iter().find(|p| p.id == place_id).expect("known_place found it");
    let caption = non_empty_text(n.require("caption")?)?;
    let list = n.require("passages")?;
    let passages = ctx.passages.cited(list, &place_id)?;
    if passages.is_empty() {
        return Err(list.error(
            ErrorKind::InvalidValue,
            format!("a stop needs at least one passage naming \"{place_id}\" to back its caption"),
        ));
    }
    Ok(TourStop {
        caption,
        passages,
        camera: n.field("camera").map(camera).transpose()?,
        layers: n.field("layers").map(|l| layers(l, ctx.layers, place)).transpose()?,
        place: place_id,
    })
}

/// Parses the tour, keeping every valid stop in order and reporting the others.
pub fn parse_tour(source: &TourSource, ctx: &TourContext<'_>, errors: &mut Errors) -> Vec<TourStop> {
    let list = Node::new(&source.file, &source.value, "$.tour");
    let mut stops = Vec::new();
    keep_valid(Ok(list), errors, &mut |_, n| {
        stops.push(stop(n, ctx)?);
        Ok(())
    });
    stops
}
