//! The interface's own words in English and Spanish. Passages stay in the language
//! they were written in; place texts come localised from the story.

use passage_map_core::path::format_coord as num;
use passage_map_core::story::Story;
use passage_map_core::view::Announcement;

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
    pub read_whole: &'static str,
    pub articles: &'static str,
    pub back: &'static str,
    pub article_unavailable: &'static str,
    pub came_from: &'static str,
    pub tour: &'static str,
    pub start_tour: &'static str,
    /// The tour's buttons, with their arrows.
    pub previous: &'static str,
    pub next: &'static str,
    pub exit_tour: &'static str,
    pub search: &'static str,
    pub no_match: &'static str,
    pub timeline: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub all_dates: &'static str,
    pub tour_ended: &'static str,
    pub overview: &'static str,
    pub loading_article: &'static str,
    pub copy_citation: &'static str,
    pub citation_copied: &'static str,
    pub citation_fallback: &'static str,
    pub print_handout: &'static str,
    /// After the number of places above a big story's list.
    pub list_keys: &'static str,
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
    read_article: "Original article",
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
    read_whole: "Read the whole article",
    articles: "Articles",
    back: "Back",
    article_unavailable: "The text of this article is not available here.",
    came_from: "The passage you came from",
    tour: "Tour",
    start_tour: "Start the tour",
    previous: "← Previous",
    next: "Next →",
    exit_tour: "Exit the tour",
    search: "Search places",
    no_match: "No places match",
    timeline: "Timeline",
    from: "From",
    to: "To",
    all_dates: "All dates",
    tour_ended: "Tour ended",
    overview: "Overview of the region: back to the whole map",
    loading_article: "Loading the article…",
    copy_citation: "Copy citation",
    citation_copied: "Citation copied",
    citation_fallback: "Citation (Chicago style) — select it and copy with Ctrl+C or ⌘C",
    print_handout: "Print handout",
    list_keys: " places; the arrow keys move through the list and the search narrows it.",
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
    read_article: "Artículo original",
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
    read_whole: "Leer el artículo completo",
    articles: "Artículos",
    back: "Volver",
    article_unavailable: "El texto de este artículo no está disponible aquí.",
    came_from: "El pasaje del que viene",
    tour: "Recorrido",
    start_tour: "Iniciar el recorrido",
    previous: "← Anterior",
    next: "Siguiente →",
    exit_tour: "Salir del recorrido",
    search: "Buscar lugares",
    no_match: "Ningún lugar coincide",
    timeline: "Cronología",
    from: "Desde",
    to: "Hasta",
    all_dates: "Todas las fechas",
    tour_ended: "Recorrido terminado",
    overview: "Vista general de la región: volver al mapa completo",
    loading_article: "Cargando el artículo…",
    copy_citation: "Copiar cita",
    citation_copied: "Cita copiada",
    citation_fallback: "Cita (estilo Chicago): selecciónela y cópiela con Ctrl+C o ⌘C",
    print_handout: "Imprimir ficha",
    list_keys: " lugares; las flechas recorren la lista y la búsqueda la acota.",
};

/// The strings for `lang` (`es`, else English).
pub fn strings(lang: &str) -> &'static Strings {
    if lang == "es" {
        &ES
    } else {
        &EN
    }
}

/// `before` n `after`, or `one` when n is 1 and there is a word for it ("" for none).
/// Every counted phrase is made by this one function rather than by a `format!` each.
fn counted(n: usize, one: &str, before: &str, after: &str) -> String {
    if n == 1 && !one.is_empty() {
        return one.to_owned();
    }
    let mut s = before.to_owned();
    s.push_str(&n.to_string());
    s.push_str(after);
    s
}

/// "Stop 3 of 9" / "Parada 3 de 9".
pub fn stop_of(lang: &str, stop: usize, of: usize) -> String {
    let (before, middle) = if lang == "es" { ("Parada ", " de ") } else { ("Stop ", " of ") };
    let mut s = counted(stop, "", before, middle);
    s.push_str(&of.to_string());
    s
}

/// "1 passage", "9 passages" / "1 pasaje", "9 pasajes".
fn passages(lang: &str, n: usize) -> String {
    if lang == "es" {
        counted(n, "1 pasaje", "", " pasajes")
    } else {
        counted(n, "1 passage", "", " passages")
    }
}

/// "12 places shown" / "12 lugares mostrados".
fn places_shown(lang: &str, n: usize) -> String {
    if lang == "es" {
        counted(n, "1 lugar mostrado", "", " lugares mostrados")
    } else {
        counted(n, "1 place shown", "", " places shown")
    }
}

/// "3 places match" / "3 lugares coinciden".
fn places_match(lang: &str, n: usize) -> String {
    match (lang, n) {
        (_, 0) => strings(lang).no_match.to_owned(),
        ("es", n) => counted(n, "1 lugar coincide", "", " lugares coinciden"),
        (_, n) => counted(n, "1 place matches", "", " places match"),
    }
}

/// The words of a live-region announcement, with the story's names in `lang`.
pub fn announcement(a: &Announcement, story: &Story, lang: &str) -> String {
    let name = |id: &str| story.place(id).map_or(id, |p| p.name.get(lang)).to_owned();
    let es = lang == "es";
    match a {
        Announcement::Selected { place, passages: n } => {
            let mut s = name(place);
            s.push_str(if es { " seleccionado — " } else { " selected — " });
            s.push_str(&passages(lang, *n));
            s
        }
        Announcement::TourStop { stop, of, place } => {
            let mut s = stop_of(lang, *stop, *of);
            s.push_str(": ");
            s.push_str(&name(place));
            s
        }
        Announcement::TourEnded => strings(lang).tour_ended.to_owned(),
        Announcement::PlacesShown(n) => places_shown(lang, *n),
        Announcement::SearchResults(n) => places_match(lang, *n),
        Announcement::ZoomedTo(n) => {
            if es {
                counted(*n, "", "Acercado a ", " lugares")
            } else {
                counted(*n, "", "Zoomed in on ", " places")
            }
        }
        Announcement::ArticleOpened(id) => story.article(id).map_or_else(|| id.clone(), |a| a.title.clone()),
    }
}

/// A distance for people: "300 m", "2 km", "8 km".
pub fn distance(metres: f64) -> String {
    let (mut s, unit) = if metres < 1_000.0 {
        (num((metres / 10.0).round() * 10.0, 0), " m")
    } else {
        (num(metres / 1_000.0, if metres < 10_000.0 { 1 } else { 0 }), " km")
    };
    s.push_str(unit);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn counted_phrases() {
        assert_eq!(stop_of("en", 3, 9), "Stop 3 of 9");
        assert_eq!(stop_of("es", 1, 12), "Parada 1 de 12");
        assert_eq!(passages("en", 1), "1 passage");
        assert_eq!(passages("en", 0), "0 passages");
        assert_eq!(passages("es", 1), "1 pasaje");
        assert_eq!(passages("es", 7), "7 pasajes");
        assert_eq!(places_shown("en", 1), "1 place shown");
        assert_eq!(places_shown("en", 12), "12 places shown");
        assert_eq!(places_shown("es", 1), "1 lugar mostrado");
        assert_eq!(places_shown("es", 0), "0 lugares mostrados");
        assert_eq!(places_match("en", 0), "No places match");
        assert_eq!(places_match("en", 1), "1 place matches");
        assert_eq!(places_match("en", 3), "3 places match");
        assert_eq!(places_match("es", 0), ES.no_match);
        assert_eq!(places_match("es", 1), "1 lugar coincide");
        assert_eq!(places_match("es", 3), "3 lugares coinciden");
    }
}
