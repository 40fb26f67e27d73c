//! The interface's own words in English and Spanish. Passages stay in the language
//! they were written in; place texts come localised from the story.

use passage_map_core::path::format_coord as num;

/// Every interface string, one field each.
pub struct Strings {
    pub map_label: &'static str,
    pub map_help: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub reset: &'static str,
    pub layers: &'static str,
    pub places: &'static str,
    pub loading: &'static str,
    pub approximate: &'static str,
    pub approximate_short: &'static str,
    pub accuracy: &'static str,
    pub placeholder: &'static str,
    pub in_the_articles: &'static str,
    pub no_passages: &'static str,
    pub show_on_map: &'static str,
    pub read_article: &'static str,
    pub sources: &'static str,
    pub licence: &'static str,
    pub confidence: &'static str,
    pub close: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub data_sources: &'static str,
    pub story_problems: &'static str,
    pub retry: &'static str,
    pub scale: &'static str,
    pub undated: &'static str,
    pub place_details: &'static str,
    pub off_map: &'static str,
    pub hint_wheel: &'static str,
    pub hint_touch: &'static str,
}

pub const EN: Strings = Strings {
    map_label: "Map",
    map_help: "Arrow keys pan, + and − zoom, 0 resets the view. Places are also listed beside the map.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    reset: "Reset view",
    layers: "Layers",
    places: "Places",
    loading: "Loading the story…",
    approximate: "Approximate location",
    approximate_short: "approximate location",
    accuracy: "Location accurate to about",
    placeholder: "The marker stands for the town or area; the exact site is not located.",
    in_the_articles: "In the articles",
    no_passages: "No passage of the articles names this place.",
    show_on_map: "Show on map",
    read_article: "Read the full article",
    sources: "Location sources",
    licence: "Licence",
    confidence: "Confidence of the research",
    close: "Close",
    share: "Copy link to this place",
    link_copied: "Link copied",
    data_sources: "Data",
    story_problems: "Some of this story could not be shown",
    retry: "Try again",
    scale: "Scale",
    undated: "undated",
    place_details: "Place details",
    off_map: "outside this view",
    hint_wheel: "Click the map first, or hold Ctrl (⌘), to zoom with the wheel",
    hint_touch: "Use two fingers to move the map",
};

pub const ES: Strings = Strings {
    map_label: "Mapa",
    map_help: "Las flechas desplazan, + y − acercan o alejan, 0 restablece la vista. Los lugares también se listan junto al mapa.",
    zoom_in: "Acercar",
    zoom_out: "Alejar",
    reset: "Restablecer vista",
    layers: "Capas",
    places: "Lugares",
    loading: "Cargando la historia…",
    approximate: "Ubicación aproximada",
    approximate_short: "ubicación aproximada",
    accuracy: "Ubicación precisa a unos",
    placeholder: "El marcador representa el pueblo o la zona; el sitio exacto no está localizado.",
    in_the_articles: "En los artículos",
    no_passages: "Ningún pasaje de los artículos nombra este lugar.",
    show_on_map: "Mostrar en el mapa",
    read_article: "Leer el artículo completo",
    sources: "Fuentes de la ubicación",
    licence: "Licencia",
    confidence: "Confianza de la investigación",
    close: "Cerrar",
    share: "Copiar enlace a este lugar",
    link_copied: "Enlace copiado",
    data_sources: "Datos",
    story_problems: "Parte de esta historia no se pudo mostrar",
    retry: "Reintentar",
    scale: "Escala",
    undated: "sin fecha",
    place_details: "Detalles del lugar",
    off_map: "fuera de esta vista",
    hint_wheel: "Haga clic primero en el mapa, o mantenga Ctrl (⌘), para acercar con la rueda",
    hint_touch: "Use dos dedos para mover el mapa",
};

/// The strings for `lang` (`es`, else English).
pub fn strings(lang: &str) -> &'static Strings {
    if lang == "es" {
        &ES
    } else {
        &EN
    }
}

/// A distance for people: "300 m", "2 km", "8 km".
pub fn distance(metres: f64) -> String {
    if metres < 1_000.0 {
        format!("{} m", num((metres / 10.0).round() * 10.0, 0))
    } else if metres < 10_000.0 {
        format!("{} km", num(metres / 1_000.0, 1))
    } else {
        format!("{} km", num(metres / 1_000.0, 0))
    }
}
