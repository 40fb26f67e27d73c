//! The default story in `geodata/` passes the checker — every quote verbatim, every
//! paragraph that names a place linked — and says what the design promises: five
//! layers, the April 2025 bases marked, uncertain locations flagged.

use std::fs;
use std::path::{Path, PathBuf};

use passage_map_core::story::articles::paragraphs;
use passage_map_core::story::check::check;
use passage_map_core::story::{Story, StoryFile};

fn geodata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../geodata")
}

fn load() -> Story {
    let dir = geodata();
    let read = |name: &str| fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let manifest_text = read("story.json").unwrap();
    let manifest = StoryFile::new("story.json", &manifest_text);
    let places_text = read("places.geojson").unwrap();
    let passages_text = read("passages.json").unwrap();
    let (story, errors) = check(
        &manifest,
        &StoryFile::new("places.geojson", &places_text),
        &StoryFile::new("passages.json", &passages_text),
        read,
    );
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "the default story has errors:\n{}", shown.join("\n"));
    story
}

#[test]
fn five_layers_each_with_places_and_passages() {
    let story = load();
    let ids: Vec<&str> = story.manifest.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["el-chorrillo", "canal-zone", "catem", "darien", "cecot"]);
    for layer in &ids {
        let with_passages =
            story.places_in_layer(layer).filter(|p| story.passages_naming(&p.id).next().is_some()).count();
        assert!(with_passages > 0, "layer {layer} has no place named in the articles");
    }
    for id in [
        "el-chorrillo",
        "comandancia",
        "quarry-heights",
        "howard",
        "rodman",
        "sherman",
        "catem",
        "san-vicente",
        "decapolis",
        "cecot",
        "guantanamo",
        "canal-zone",
    ] {
        assert!(story.passages_naming(id).next().is_some(), "{id} has no passage");
    }
}

#[test]
fn the_april_2025_bases_are_marked() {
    let story = load();
    let marked: Vec<&str> = story.places.iter().filter(|p| p.highlight).map(|p| p.id.as_str()).collect();
    assert_eq!(marked, ["howard", "rodman", "sherman"]);
    assert!(story.manifest.highlight_legend.is_some());
}

#[test]
fn uncertain_locations_say_so() {
    let story = load();
    for id in ["comandancia", "catem", "san-vicente", "lajas-blancas", "decapolis", "canal-zone", "kobbe"] {
        assert!(story.place(id).unwrap().is_approximate(), "{id} must be shown as approximate");
    }
    for id in ["el-chorrillo", "howard", "cecot"] {
        assert!(!story.place(id).unwrap().is_approximate(), "{id} is well located");
    }
    for p in &story.places {
        assert!(!p.sources.is_empty() && !p.licence.is_empty(), "{} lacks a source or licence", p.id);
        assert!(p.name.es.is_some() && p.description.es.is_some(), "{} lacks Spanish texts", p.id);
    }
}

#[test]
fn the_tour_goes_from_1964_to_2025() {
    let story = load();
    let stops: Vec<&str> = story.tour.iter().map(|s| s.place.as_str()).collect();
    assert_eq!(
        stops,
        [
            "martyrs-memorial",
            "quarry-heights",
            "el-chorrillo",
            "panama-canal",
            "balboa-port",
            "howard",
            "decapolis",
            "san-vicente",
            "catem",
            "cecot",
            "guantanamo",
        ]
    );
    for stop in &story.tour {
        assert!(stop.caption.es.is_some(), "{}: no Spanish caption", stop.place);
        let layer = &story.place(&stop.place).unwrap().layer;
        assert_eq!(
            stop.layers.as_deref(),
            Some(std::slice::from_ref(layer)),
            "{}: shows its own layer",
            stop.place
        );
    }
}

#[test]
fn the_timeline_runs_from_1903_to_2025() {
    let story = load();
    assert_eq!(story.year_span(), Some((1903, 2025)));
    let undated: Vec<&str> =
        story.places.iter().filter(|p| p.events.is_empty()).map(|p| p.id.as_str()).collect();
    assert_eq!(undated, ["lajas-blancas"], "no source dates Lajas Blancas");
    for p in &story.places {
        assert!(p.events.iter().all(|e| e.label.es.is_some()), "{}: an event lacks its Spanish label", p.id);
    }
    let in_1989: Vec<&str> = story
        .places
        .iter()
        .filter(|p| !p.events.is_empty() && p.overlaps_years(1989, 1989))
        .map(|p| p.id.as_str())
        .collect();
    assert!(in_1989.contains(&"el-chorrillo") && in_1989.contains(&"howard"), "{in_1989:?}");
    assert!(!in_1989.contains(&"cecot") && !in_1989.contains(&"catem"), "{in_1989:?}");
    let april_2025: Vec<&str> = story
        .places
        .iter()
        .filter(|p| p.events.iter().any(|e| e.start.to_string() == "2025-04-09"))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(april_2025, ["howard", "rodman", "sherman"]);
}

#[test]
fn search_ignores_case_and_accents() {
    let story = load();
    let ids =
        |q: &str| -> Vec<&str> { story.search(q).into_iter().map(|i| story.places[i].id.as_str()).collect() };
    assert!(ids("darien").contains(&"san-vicente"), "{:?}", ids("darien"));
    assert!(story.place("cecot").unwrap().kind.es.as_deref().unwrap().contains("cárcel"));
    assert!(ids("carcel").contains(&"cecot"), "{:?}", ids("carcel"));
    assert_eq!(ids("CECOT").first(), Some(&"cecot"));
    assert!(ids("zzz").is_empty());
    assert_eq!(ids("").len(), story.places.len());
}

#[test]
fn the_reader_shows_every_article_verbatim_with_all_its_passages() {
    let story = load();
    for article in &story.manifest.articles {
        let text = fs::read_to_string(geodata().join(&article.file)).unwrap();
        let shown = story.reader_paragraphs(&article.id, &text);
        let lines: Vec<&str> = paragraphs(&text).into_iter().map(|(_, l)| l).collect();
        assert_eq!(shown.len(), lines.len(), "{}", article.id);
        for (p, line) in shown.iter().zip(&lines) {
            assert_eq!(p.runs.iter().map(|r| r.text.as_str()).collect::<String>(), *line, "{}", article.id);
            for place in p
                .runs
                .iter()
                .flat_map(|r| r.places.iter().map(move |place| (r, place)))
                .map(|(run, place)| (run, place.as_str()))
            {
                let (run, place) = place;
                let backed = p.passages.iter().any(|id| {
                    story.passages.iter().any(|q| {
                        &q.id == id && q.places.iter().any(|m| m.place == place && m.mention == run.text)
                    })
                });
                assert!(backed, "{}: \"{}\" links {place} without a passage", article.id, run.text);
            }
        }
        for passage in story.passages.iter().filter(|p| p.article == article.id) {
            assert!(
                shown.iter().any(|p| p.passages.contains(&passage.id)),
                "{}: passage {} is in no paragraph",
                article.id,
                passage.id
            );
        }
    }
    // The mention shared by three places links all three.
    let text = fs::read_to_string(geodata().join("articles/3-guzman-silent-invasion.txt")).unwrap();
    let shown = story.reader_paragraphs("guzman-silent-invasion", &text);
    let bases = shown.iter().flat_map(|p| &p.runs).find(|r| r.text == "three former US bases").unwrap();
    assert_eq!(bases.places, ["howard", "rodman", "sherman"]);
}

#[test]
fn the_attribution_line_matches_the_notice() {
    let story = load();
    let notice = fs::read_to_string(geodata().join("../NOTICE.md")).unwrap();
    for a in &story.manifest.attribution {
        // The source's own name: the text before any comma or parenthesis.
        let name = a.name.split([',', '(']).next().unwrap().trim();
        assert!(notice.contains(name), "NOTICE.md does not credit \"{name}\" ({})", a.name);
    }
    for source in ["Natural Earth", "GSHHG", "INEC"] {
        assert!(
            story.manifest.attribution.iter().any(|a| a.name.contains(source)),
            "the widget does not credit {source}"
        );
    }
    let inec = story.manifest.attribution.iter().find(|a| a.name.contains("INEC")).unwrap();
    assert_eq!(inec.licence, "none stated", "the INEC polygon's licence is unknown and must be said so");
    assert!(notice.contains("no licence stated"));
}
