//! Structure-aware fuzzing: edits to the default story, decoded from the fuzzer's bytes by
//! `arbitrary`. Each edit picks a JSON value by a path of indices (each index taken modulo
//! the length of the array or object it steps into) and replaces, removes, duplicates or
//! adds to it; values range from ids of the story's own places and passages (so that
//! edits stay plausible and reach the deep checks) to hostile ones: huge numbers, nesting
//! deeper than serde_json's limit, strings of up to 10 MB, raw bytes that break UTF-8.

use std::collections::HashMap;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use serde_json::{Map, Value};

use crate::default_story as d;

/// The field names of the story format, so that added fields are ones the parser reads.
const KEYS: &[&str] = &[
    "accuracy_m",
    "aliases",
    "article",
    "articles",
    "attribution",
    "author",
    "camera",
    "caption",
    "center",
    "colour",
    "confidence",
    "coordinates",
    "date",
    "dates",
    "description",
    "en",
    "end",
    "es",
    "events",
    "features",
    "file",
    "geometry",
    "highlight",
    "highlight_legend",
    "home",
    "id",
    "kind",
    "label",
    "language",
    "layer",
    "layers",
    "licence",
    "mention",
    "name",
    "note",
    "passages",
    "place",
    "placeholder",
    "places",
    "properties",
    "publication",
    "quote",
    "reason",
    "sources",
    "start",
    "symbol",
    "title",
    "tour",
    "type",
    "unlinked",
    "url",
    "zoom",
    "demonyms",
];

/// Strings the parser gives meaning to.
const WORDS: &[&str] = &[
    "FeatureCollection",
    "Feature",
    "Point",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
    "circle",
    "square",
    "triangle",
    "diamond",
    "star",
    "#000",
    "#b85000",
    "#zzzzzz",
    "https://example.org/",
    "javascript:alert(1)",
    "data:text/html,x",
    "1989-12-20",
    "2025-02-29",
    "2024-02-29",
    "1989-13-01",
    "0000-01-01",
    "-0001-01-01",
    "9999-12-31",
    "1989",
    "1989-12",
    "",
    " ",
    "\u{0}",
    "\u{202e}",
    "é",
    "El Chorrillo",
    "chorrilleros",
    "CECOT",
    "<script>",
    "../../etc/passwd",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Target {
    Manifest,
    Places,
    Passages,
}

/// A value to put into the story.
#[derive(Arbitrary, Debug)]
pub enum Hostile {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Word(u8),
    /// Ids that exist in the default story (places, passages, layers, articles).
    PlaceId(u8),
    PassageId(u8),
    LayerId(u8),
    ArticleId(u8),
    /// `len` bytes of one character, up to 10 MB.
    Long {
        ch: char,
        len: u32,
    },
    /// Arrays or objects nested `depth` deep (the JSON parser stops at 128).
    Nested {
        depth: u8,
        object: bool,
    },
    Array(Vec<Hostile>),
    Object(Vec<(u8, Hostile)>),
    /// Text put into the serialised JSON as it is: numbers and nesting no `Value` holds.
    Raw(Raw),
}

#[derive(Arbitrary, Debug)]
pub enum Raw {
    /// An integer of many digits (beyond u64 and f64 precision).
    HugeInt {
        digits: u16,
        negative: bool,
    },
    /// `1e<exp>`: 1e309 and beyond overflow f64.
    Exponent(i16),
    NegativeZero,
    /// `[[[…]]]` or `{"a":{"a":…}}` up to a million deep.
    Deep {
        depth: u32,
        object: bool,
    },
    /// Bytes as they are, often invalid UTF-8 or invalid JSON.
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
pub enum Edit {
    Replace {
        target: Target,
        path: Vec<u16>,
        value: Hostile,
    },
    Remove {
        target: Target,
        path: Vec<u16>,
    },
    Duplicate {
        target: Target,
        path: Vec<u16>,
    },
    Insert {
        target: Target,
        path: Vec<u16>,
        key: u8,
        value: Hostile,
    },
    /// Copies one value of a file over another (ids into other fields, rings into points…).
    Copy {
        target: Target,
        from: Vec<u16>,
        to: Vec<u16>,
    },
    /// Swaps longitude and latitude, or scales a number.
    Scale {
        target: Target,
        path: Vec<u16>,
        factor: f64,
    },
    /// Inserts text into an article at a byte offset (rounded down to a char boundary).
    ArticleInsert {
        article: u8,
        at: u32,
        text: String,
    },
    ArticleCut {
        article: u8,
        from: u32,
        len: u16,
    },
    /// Cuts the serialised file short.
    Truncate {
        target: Target,
        at: u32,
    },
    /// Inserts raw bytes into the serialised file.
    Bytes {
        target: Target,
        at: u32,
        bytes: Vec<u8>,
    },
}

/// Up to 16 edits (more are ignored, to keep each run short).
#[derive(Arbitrary, Debug)]
pub struct Edits(pub Vec<Edit>);

const MAX_LONG: usize = 10 * 1024 * 1024;

struct Defaults {
    manifest: Value,
    places: Value,
    passages: Value,
    place_ids: Vec<String>,
    passage_ids: Vec<String>,
    layer_ids: Vec<String>,
    article_ids: Vec<String>,
}

fn defaults() -> &'static Defaults {
    static D: OnceLock<Defaults> = OnceLock::new();
    D.get_or_init(|| {
        let manifest: Value = serde_json::from_str(d::MANIFEST).unwrap();
        let places: Value = serde_json::from_str(d::PLACES).unwrap();
        let passages: Value = serde_json::from_str(d::PASSAGES).unwrap();
        let ids = |list: &Value, ptr: &str| -> Vec<String> {
            list.as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.pointer(ptr).and_then(Value::as_str).map(str::to_owned))
                .collect()
        };
        Defaults {
            place_ids: ids(&places["features"], "/properties/id"),
            passage_ids: ids(&passages["passages"], "/id"),
            layer_ids: ids(&manifest["layers"], "/id"),
            article_ids: ids(&manifest["articles"], "/id"),
            manifest,
            places,
            passages,
        }
    })
}

fn pick(list: &[String], i: u8) -> Value {
    if list.is_empty() {
        Value::Null
    } else {
        Value::String(list[i as usize % list.len()].clone())
    }
}

/// Builds the value; raw parts become placeholders `@@RAW<n>@@` replaced after serialising.
fn build(h: &Hostile, raws: &mut Vec<Vec<u8>>, budget: &mut usize) -> Value {
    let d = defaults();
    match h {
        Hostile::Null => Value::Null,
        Hostile::Bool(b) => Value::Bool(*b),
        Hostile::Int(i) => Value::from(*i),
        Hostile::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Hostile::Text(s) => Value::String(s.clone()),
        Hostile::Word(i) => Value::String(WORDS[*i as usize % WORDS.len()].to_owned()),
        Hostile::PlaceId(i) => pick(&d.place_ids, *i),
        Hostile::PassageId(i) => pick(&d.passage_ids, *i),
        Hostile::LayerId(i) => pick(&d.layer_ids, *i),
        Hostile::ArticleId(i) => pick(&d.article_ids, *i),
        Hostile::Long { ch, len } => {
            let n = (*len as usize).min(MAX_LONG).min(*budget) / ch.len_utf8();
            *budget -= n * ch.len_utf8();
            Value::String(std::iter::repeat(*ch).take(n).collect())
        }
        Hostile::Nested { depth, object } => {
            let mut v = Value::Null;
            for _ in 0..(*depth).min(200) {
                v = if *object {
                    Value::Object(Map::from_iter([("en".to_owned(), v)]))
                } else {
                    Value::Array(vec![v])
                };
            }
            v
        }
        Hostile::Array(items) => {
            Value::Array(items.iter().take(64).map(|h| build(h, raws, budget)).collect())
        }
        Hostile::Object(items) => Value::Object(
            items
                .iter()
                .take(64)
                .map(|(k, h)| (KEYS[*k as usize % KEYS.len()].to_owned(), build(h, raws, budget)))
                .collect(),
        ),
        Hostile::Raw(raw) => {
            let bytes = match raw {
                Raw::HugeInt { digits, negative } => {
                    let n = (*digits as usize).min(*budget).max(1);
                    *budget -= n;
                    let mut s = if *negative { "-".to_owned() } else { String::new() };
                    s.push('9');
                    s.extend(std::iter::repeat('7').take(n - 1));
                    s.into_bytes()
                }
                Raw::Exponent(e) => format!("1e{e}").into_bytes(),
                Raw::NegativeZero => b"-0.0".to_vec(),
                Raw::Deep { depth, object } => {
                    let n = (*depth as usize).min(1_000_000).min(*budget / 8);
                    *budget -= n * 8;
                    let (open, close): (&[u8], &[u8]) =
                        if *object { (b"{\"a\":", b"}") } else { (b"[", b"]") };
                    let mut s = open.repeat(n);
                    s.extend_from_slice(b"0");
                    s.extend(close.repeat(n));
                    s
                }
                Raw::Bytes(b) => b.clone(),
            };
            raws.push(bytes);
            Value::String(format!("@@RAW{}@@", raws.len() - 1))
        }
    }
}

/// The value at `path` (indices modulo each container's length; stops at a scalar).
fn at<'a>(mut v: &'a mut Value, path: &[u16]) -> &'a mut Value {
    for &step in path {
        let len = match &*v {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = step as usize % len;
        v = match v {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => o.values_mut().nth(i).unwrap(),
            _ => unreachable!(),
        };
    }
    v
}

/// The container holding the value at `path`, and that value's index or key.
fn parent<'a>(root: &'a mut Value, path: &[u16]) -> Option<(&'a mut Value, u16)> {
    let (&last, init) = path.split_last()?;
    let p = at(root, init);
    let container = match p {
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => false,
    };
    container.then_some((p, last))
}

/// Applies the edits and returns the three files and the articles (file → text).
pub fn apply(edits: &Edits) -> ([Vec<u8>; 3], HashMap<String, String>) {
    let d = defaults();
    let mut files = [d.manifest.clone(), d.places.clone(), d.passages.clone()];
    let mut articles: Vec<String> = d::ARTICLES.iter().map(|(_, t)| (*t).to_owned()).collect();
    let mut raws: Vec<Vec<u8>> = Vec::new();
    let mut budget = 2 * MAX_LONG;
    let mut byte_edits: Vec<(usize, &Edit)> = Vec::new();
    for edit in edits.0.iter().take(16) {
        match edit {
            Edit::Replace { target, path, value } => {
                let v = build(value, &mut raws, &mut budget);
                *at(&mut files[*target as usize], path) = v;
            }
            Edit::Remove { target, path } => {
                if let Some((p, i)) = parent(&mut files[*target as usize], path) {
                    match p {
                        Value::Array(a) => {
                            let n = a.len();
                            a.remove(i as usize % n);
                        }
                        Value::Object(o) => {
                            let n = o.len();
                            let k = o.keys().nth(i as usize % n).cloned().unwrap();
                            o.remove(&k);
                        }
                        _ => {}
                    }
                }
            }
            Edit::Duplicate { target, path } => {
                if let Some((Value::Array(a), i)) = parent(&mut files[*target as usize], path) {
                    let n = a.len();
                    let copy = a[i as usize % n].clone();
                    a.insert(i as usize % n, copy);
                }
            }
            Edit::Insert { target, path, key, value } => {
                let v = build(value, &mut raws, &mut budget);
                match at(&mut files[*target as usize], path) {
                    Value::Object(o) => {
                        o.insert(KEYS[*key as usize % KEYS.len()].to_owned(), v);
                    }
                    Value::Array(a) => {
                        let n = a.len() + 1;
                        a.insert(*key as usize % n, v);
                    }
                    other => *other = v,
                }
            }
            Edit::Copy { target, from, to } => {
                let v = at(&mut files[*target as usize], from).clone();
                *at(&mut files[*target as usize], to) = v;
            }
            Edit::Scale { target, path, factor } => {
                let v = at(&mut files[*target as usize], path);
                match v {
                    Value::Array(a) if a.len() >= 2 => a.swap(0, 1),
                    Value::Number(n) => {
                        if let Some(x) = n.as_f64().zip(Some(*factor)).map(|(a, b)| a * b) {
                            *v = serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number);
                        }
                    }
                    _ => {}
                }
            }
            Edit::ArticleInsert { article, at, text } => {
                let t = &mut articles[*article as usize % 5];
                let mut i = (*at as usize).min(t.len());
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                t.insert_str(i, text);
            }
            Edit::ArticleCut { article, from, len } => {
                let t = &mut articles[*article as usize % 5];
                let mut a = (*from as usize).min(t.len());
                while !t.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (a + *len as usize).min(t.len());
                while !t.is_char_boundary(b) {
                    b -= 1;
                }
                t.replace_range(a..b, "");
            }
            Edit::Truncate { .. } | Edit::Bytes { .. } => byte_edits.push((0, edit)),
        }
    }
    let mut out: [Vec<u8>; 3] = files.map(|f| serde_json::to_vec(&f).unwrap());
    if !raws.is_empty() {
        for file in &mut out {
            *file = substitute(file, &raws);
        }
    }
    for (_, edit) in byte_edits {
        match edit {
            Edit::Truncate { target, at } => {
                let f = &mut out[*target as usize];
                let n = f.len();
                f.truncate(*at as usize % (n + 1));
            }
            Edit::Bytes { target, at, bytes } => {
                let f = &mut out[*target as usize];
                let i = *at as usize % (f.len() + 1);
                f.splice(i..i, bytes.iter().copied());
            }
            _ => {}
        }
    }
    let articles = d::ARTICLES.iter().map(|(f, _)| (*f).to_owned()).zip(articles).collect();
    (out, articles)
}

/// Replaces each `"@@RAW<n>@@"` (with its quotes) by the raw bytes.
fn substitute(file: &[u8], raws: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(file.len());
    let mut i = 0;
    while i < file.len() {
        if file[i..].starts_with(b"\"@@RAW") {
            let rest = &file[i + 6..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if rest[digits..].starts_with(b"@@\"") {
                let n: usize = std::str::from_utf8(&rest[..digits]).unwrap().parse().unwrap();
                out.extend_from_slice(&raws[n]);
                i += 6 + digits + 3;
                continue;
            }
        }
        out.push(file[i]);
        i += 1;
    }
    out
}

/// Applies the edits and runs the story (files decoded lossily, as a browser would).
pub fn run(edits: &Edits) {
    let (files, articles) = apply(edits);
    let [m, p, q] = files.map(|f| String::from_utf8_lossy(&f).into_owned());
    crate::run_story(&m, &p, &q, &articles);
}
