//! The reader view's text model on a small story: paragraphs verbatim, the passages of
//! each paragraph, and every mention inside a quote linked to its place.

mod common;

use serde_json::{json, Value};

use common::{manifest, parse, places};
use passage_map_core::story::reader::{ReaderParagraph, ReaderRun};
use passage_map_core::story::Story;

const ARTICLE: &str = "id: a\ntitle: \"A\"\n---\nLetter from Quarry Heights\n\n  From Quarry Heights down to El Chorrillo. El Chorrillo burned.  \nThree former US bases\nand Howard, too.\nEl Chorrillo burned.\n";

fn story(passages: Value) -> Story {
    let mut m = manifest();
    m["articles"] = json!([
        { "id": "a", "file": "a.txt", "title": "A", "author": "B", "publication": "C" },
        { "id": "b", "file": "b.txt", "title": "B", "author": "B", "publication": "C" }
    ]);
    let (story, errors) = parse(&m, &places(), &json!({ "passages": passages }));
    assert!(errors.is_empty(), "{errors:?}");
    story
}

fn passage(id: &str, article: &str, quote: &str, places: &[(&str, &str)]) -> Value {
    let places: Vec<Value> = places.iter().map(|(id, m)| json!({ "id": id, "mention": m })).collect();
    json!({ "id": id, "article": article, "quote": quote, "places": places })
}

fn plain(text: &str) -> ReaderRun {
    ReaderRun { text: text.into(), places: Vec::new() }
}

fn link(text: &str, place: &str) -> ReaderRun {
    ReaderRun { text: text.into(), places: vec![place.into()] }
}

fn para(runs: Vec<ReaderRun>, passages: &[&str]) -> ReaderParagraph {
    ReaderParagraph { runs, passages: passages.iter().map(|p| p.to_string()).collect() }
}

#[test]
fn mentions_inside_quotes_are_linked_and_everything_else_is_plain() {
    let s = story(json!([
        passage("p-burned", "a", "El Chorrillo burned.", &[("el-chorrillo", "El Chorrillo")]),
        passage(
            "p-down",
            "a",
            "From Quarry Heights down to El Chorrillo.",
            &[("el-chorrillo", "El Chorrillo"), ("quarry-heights", "Quarry Heights")]
        ),
        passage("p-other", "b", "Three former US bases", &[("howard", "former US bases")]),
    ]));
    assert_eq!(
        s.reader_paragraphs("a", ARTICLE),
        [
            // Names Quarry Heights, but no passage quotes it: plain.
            para(vec![plain("Letter from Quarry Heights")], &[]),
            para(
                vec![
                    plain("From "),
                    link("Quarry Heights", "quarry-heights"),
                    plain(" down to "),
                    link("El Chorrillo", "el-chorrillo"),
                    plain(". "),
                    link("El Chorrillo", "el-chorrillo"),
                    plain(" burned."),
                ],
                &["p-burned", "p-down"]
            ),
            // Quoted only in another article's passage: plain.
            para(vec![plain("Three former US bases")], &[]),
            para(vec![plain("and Howard, too.")], &[]),
            // The same quote again: the passage belongs here too.
            para(vec![link("El Chorrillo", "el-chorrillo"), plain(" burned.")], &["p-burned"]),
        ]
    );
}

#[test]
fn a_quote_across_lines_belongs_to_each_paragraph_it_covers() {
    let s = story(json!([passage(
        "p-span",
        "a",
        "former US bases\nand Howard",
        &[("howard", "Howard"), ("quarry-heights", "former US bases"), ("howard", "former US bases")]
    )]));
    let paragraphs = s.reader_paragraphs("a", ARTICLE);
    assert_eq!(
        paragraphs[2..4],
        [
            // Two places share the mention: it links both, in the passage's order.
            para(
                vec![
                    plain("Three "),
                    ReaderRun {
                        text: "former US bases".into(),
                        places: vec!["quarry-heights".into(), "howard".into()]
                    },
                ],
                &["p-span"]
            ),
            para(vec![plain("and "), link("Howard", "howard"), plain(", too.")], &["p-span"]),
        ]
    );
}

#[test]
fn overlapping_quotes_link_leftmost_then_longest() {
    let s = story(json!([
        passage("p-1", "a", "Quarry Heights down to El", &[("quarry-heights", "Quarry Heights")]),
        passage(
            "p-2",
            "a",
            "Heights down to El Chorrillo",
            &[("quarry-heights", "Heights"), ("el-chorrillo", "El Chorrillo")]
        ),
    ]));
    assert_eq!(
        s.reader_paragraphs("a", ARTICLE)[1],
        para(
            vec![
                plain("From "),
                link("Quarry Heights", "quarry-heights"),
                plain(" down to "),
                link("El Chorrillo", "el-chorrillo"),
                plain(". El Chorrillo burned."),
            ],
            &["p-1", "p-2"]
        )
    );
}

#[test]
fn an_article_without_passages_is_plain_text() {
    let s = story(json!([]));
    let paragraphs = s.reader_paragraphs("a", ARTICLE);
    let texts: Vec<String> =
        paragraphs.iter().map(|p| p.runs.iter().map(|r| r.text.as_str()).collect()).collect();
    assert_eq!(
        texts,
        [
            "Letter from Quarry Heights",
            "From Quarry Heights down to El Chorrillo. El Chorrillo burned.",
            "Three former US bases",
            "and Howard, too.",
            "El Chorrillo burned.",
        ]
    );
    assert!(paragraphs.iter().all(|p| p.runs.len() == 1 && p.passages.is_empty()));
    assert!(s.reader_paragraphs("a", "").is_empty());
}
