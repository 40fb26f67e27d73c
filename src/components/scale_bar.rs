//! A scale bar: a round ground distance and its length in pixels at the map's centre.

use passage_map_core::camera::Camera;
use passage_map_core::geo::unproject;
use passage_map_core::math::{log10, powf};
use passage_map_core::path::format_coord as num;
use yew::prelude::*;

use super::elements::{text_element, El};
use super::markers::SHAPE_KEYS;
use crate::i18n::{distance, strings};

/// Longest bar, CSS pixels.
const MAX_BAR_PX: f64 = 120.0;

/// The largest 1, 2 or 5 × 10ⁿ metres not above `max_m`.
pub fn nice_distance(max_m: f64) -> f64 {
    if !max_m.is_finite() || max_m <= 0.0 {
        return 0.0;
    }
    let pow = powf(10.0, log10(max_m).floor());
    // A plain loop rather than an iterator chain (less code).
    for m in [5.0, 2.0, 1.0] {
        if m * pow <= max_m {
            return m * pow;
        }
    }
    pow
}

/// The scale bar for `camera`.
pub fn scale_bar(camera: &Camera, lang: &str) -> Html {
    let lat = unproject(camera.center).lat;
    let m_per_px = camera.meters_per_pixel_at(lat);
    let metres = nice_distance(MAX_BAR_PX * m_per_px);
    if metres <= 0.0 {
        return html! {};
    }
    let px = (metres / m_per_px).round();
    let label = distance(metres);
    let svg = El::new("svg")
        .attr_owned("width", num(px + 2.0, 0))
        .attr("height", "8")
        .attr("aria-hidden", "true")
        .child(
            El::with_keys("path", SHAPE_KEYS)
                .attr_owned("d", format!("M1,0V7H{}V0", num(px + 1.0, 0)))
                .class("pm-scale-bar")
                .build(),
        )
        .build();
    El::new("div")
        .attr("role", "img")
        .attr_owned("aria-label", format!("{}: {}", strings(lang).scale, label))
        .class("pm-scale")
        .child(svg)
        .child(text_element("span", "", &label))
        .build()
}

#[cfg(test)]
mod tests {
    use super::nice_distance;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn round_distances() {
        assert_eq!(nice_distance(137.0), 100.0);
        assert_eq!(nice_distance(260.0), 200.0);
        assert_eq!(nice_distance(99_000.0), 50_000.0);
        assert_eq!(nice_distance(0.0), 0.0);
        assert_eq!(nice_distance(f64::NAN), 0.0);
    }
}
