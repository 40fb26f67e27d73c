//! The story's JSON reader (`story::json`) against serde_json, which the parser used
//! before: the same texts accepted, the same values, and the same messages (with line
//! and column) for the texts refused — on hand-written cases, on every input of the
//! fuzz corpus and on the default story. Also what serde_json cannot tell us: strings
//! borrowed from the text, the nesting limit, duplicate keys, correctly rounded numbers
//! and the writer.

use std::borrow::Cow;

use passage_map_core::story::json::{Reader, Value, MAX_DEPTH};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// serde_json's value in our terms. serde_json (without its `float_roundtrip` feature)
/// may round a long number one unit in the last place off, so numbers are compared by
/// the caller within that.
fn from_serde(v: &serde_json::Value) -> Value<'static> {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::String(Cow::Owned(s.clone())),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (Cow::Owned(k.clone()), from_serde(v))).collect())
        }
    }
}

/// Equal, numbers within one unit in the last place; objects compared by key (serde_json
/// sorts them and keeps the last of a repeated key).
fn same(ours: &Value<'_>, theirs: &Value<'_>) -> bool {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            a == b || (a.to_bits().abs_diff(b.to_bits()) <= 1 && a.signum() == b.signum())
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&str> = a.iter().map(|(k, _)| k.as_ref()).collect();
            keys.sort_unstable();
            keys.dedup();
            keys.len() == b.len()
                && keys
                    .iter()
                    .all(|k| matches!((ours.get(k), theirs.get(k)), (Some(x), Some(y)) if same(x, y)))
        }
        _ => ours == theirs,
    }
}

/// Reads `text` with both readers; panics (naming the text) where they disagree.
fn agree(text: &str) {
    let ours = Reader::document(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    let show = || text.chars().take(200).collect::<String>();
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert!(same(&a, &from_serde(&b)), "different values for {:?}", show()),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "different errors for {:?}", show()),
        (a, b) => panic!("{:?}: ours {:?}, serde_json {:?}", show(), a.map(|_| ()), b.map(|_| ())),
    }
}

#[test]
fn valid_texts_read_the_same() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "7",
        "-12.5e3",
        "1E+2",
        "1e-2",
        "0.000001",
        "123456789012345",
        "1234567890123456789012",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1.7976931348623157e308",
        "5e-324",
        "1e-400",
        "\"\"",
        "\"plain\"",
        r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83d\ude00""#,
        "\"é ü 😀 \u{7f}\"",
        "[]",
        "[ 1 , [2, [3]] ,{}]",
        "{}",
        r#"{"a": 1, "b": [true, null], "c": {"d": "e"}}"#,
        "\t\n\r {\"a\"\n:\n1}\n",
        r#"{"a": 1, "a": 2}"#,
    ] {
        agree(text);
    }
}

#[test]
fn invalid_texts_are_refused_with_the_same_message() {
    for text in [
        "",
        "   ",
        "\n\n",
        "nul",
        "nulx",
        "tru",
        "trUe",
        "falsy",
        "x",
        "\u{FEFF}{}",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[1 2]",
        "[,1]",
        "]",
        "{",
        "{\"a\"",
        "{\"a\" 1}",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,}",
        "{\"a\":1,",
        "{\"a\":1 \"b\":2}",
        "{1:2}",
        "{,}",
        "{\"a\":1,2}",
        "\"abc",
        "\"a\nb\"",
        "\"tab\there\"",
        "\"\\x\"",
        "\"\\",
        "\"\\u12\"",
        "\"\\u12",
        "\"\\u12G4\"",
        "\"\\udc00\"",
        "\"\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\n\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800\\ud800\"",
        "01",
        "-",
        "-x",
        "--1",
        "+1",
        ".5",
        "1.",
        "1.x",
        "1.e5",
        "1e",
        "1e+",
        "1ex",
        "1e400",
        "-1e400",
        "0x10",
        "NaN",
        "Infinity",
        "1 2",
        "{} x",
        "[]\n\n  ]",
        "[1,\n 2,\n oops]",
        "{\"a\": [1, 2}\n",
    ] {
        agree(text);
    }
    let long = "9".repeat(65_535);
    agree(&long);
    agree(&format!("[{long}]"));
    agree(&format!("0.{long}"));
}

#[test]
fn every_fuzz_input_and_the_default_story_read_the_same() {
    let mut files = 0;
    for dir in ["fuzz/corpus/story_bytes", "fuzz/seeds/story_bytes"] {
        for entry in std::fs::read_dir(format!("{ROOT}/{dir}")).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            // As the fuzz target cuts them: story.json, places, passages, article.
            for part in data.splitn(4, |b| *b == 0) {
                agree(&String::from_utf8_lossy(part));
                files += 1;
            }
        }
    }
    assert!(files > 300, "{files}");
    for name in ["story.json", "places.geojson", "passages.json"] {
        agree(&std::fs::read_to_string(format!("{ROOT}/geodata/{name}")).unwrap());
    }
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let text = r#"{"plain": "Darién", "escaped": "a\nb", "k\u00e9y": 1}"#;
    let v = Reader::document(text).unwrap();
    let Value::Object(members) = &v else { panic!() };
    assert!(matches!(&members[0].0, Cow::Borrowed("plain")));
    assert!(matches!(&members[0].1, Value::String(Cow::Borrowed("Darién"))));
    assert!(matches!(&members[1].1, Value::String(Cow::Owned(s)) if s == "a\nb"));
    assert!(matches!(&members[2].0, Cow::Owned(k) if k == "kéy"));
    // Outliving the text.
    let owned = v.to_owned_value();
    drop(v);
    assert_eq!(owned.get("plain").and_then(Value::as_str), Some("Darién"));
}

#[test]
fn a_repeated_key_keeps_every_member_and_the_last_one_counts() {
    let mut v = Reader::document(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
    assert_eq!(v.get("a").and_then(Value::as_f64), Some(3.0));
    let Value::Object(members) = &v else { panic!() };
    assert_eq!(members.len(), 3, "in file order, duplicates included");
    assert_eq!(v.take("a"), Some(Value::Number(3.0)));
    assert_eq!(v.get("a"), Some(&Value::Null), "taken: null in its place");
    assert_eq!(v.to_json(), r#"{"a":1,"b":2,"a":null}"#);
}

#[test]
fn nesting_is_limited_without_exhausting_the_stack() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(Reader::document(&nested(MAX_DEPTH - 1)).is_ok());
    let e = Reader::document(&nested(MAX_DEPTH)).unwrap_err();
    assert_eq!(e.to_string(), "recursion limit exceeded at line 1 column 128");
    for deep in ["[".repeat(1_000_000), "{\"a\":".repeat(1_000_000), "[{\"a\":".repeat(500_000)] {
        let e = Reader::document(&deep).unwrap_err();
        assert_eq!(e.message, "recursion limit exceeded");
    }
    // The same limit as serde_json's.
    agree(&nested(MAX_DEPTH - 1));
    agree(&nested(MAX_DEPTH));
}

#[test]
fn numbers_are_correctly_rounded() {
    // Through the exact fast path (up to 15 digits) and the standard library's parser.
    for text in [
        "0.1",
        "0.3",
        "-79.5565",
        "8.9575",
        "13.53361",
        "123456789012345",
        "0.000000000000001",
        "99999999999999.9",
        "9007199254740993",
        "0.1000000000000000055511151231257827",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1.7976931348623158e308",
        "4.9406564584124654e-324",
        "123456.789e-3",
        "-0.0",
        "1e23",
        "8.98846567431158e307",
    ] {
        let ours = Reader::document(text).unwrap().as_f64().unwrap();
        let exact: f64 = text.parse().unwrap();
        assert_eq!(ours.to_bits(), exact.to_bits(), "{text}");
    }
    assert!(Reader::document("-0").unwrap().as_f64().unwrap().is_sign_negative());
}

#[test]
fn ten_megabyte_strings() {
    let big = "é".repeat(5 * 1024 * 1024);
    let text = format!("[\"{big}\", \"{big}\\n\"]");
    let v = Reader::document(&text).unwrap();
    assert!(matches!(v.at(0), Some(Value::String(Cow::Borrowed(s))) if s.len() == 10 * 1024 * 1024));
    assert_eq!(v.at(1).and_then(Value::as_str).map(str::len), Some(10 * 1024 * 1024 + 1));
}

#[test]
fn stepping_through_an_array_keeps_the_offset_and_the_limit() {
    let text = "{\"features\": [1, {\"a\": [2]}, \"x\"], \"type\": \"T\"}";
    let mut r = Reader::new(text);
    assert_eq!(r.peek(), Some(b'{'));
    r.open(0).unwrap();
    assert_eq!(r.next_key(true).unwrap().as_deref(), Some("features"));
    r.open(1).unwrap();
    let mut items = Vec::new();
    let mut offsets = vec![r.offset()];
    while r.next_element(items.is_empty()).unwrap() {
        items.push(r.value(2).unwrap());
        offsets.push(r.offset());
    }
    assert_eq!(items.len(), 3);
    assert!(offsets.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(r.next_key(false).unwrap().as_deref(), Some("type"));
    assert_eq!(r.value(1).unwrap(), Value::from("T"));
    assert_eq!(r.next_key(false).unwrap(), None);
    r.end().unwrap();
    assert_eq!(r.offset(), text.len());
    // A value read at depth 126 may be a container; one at 127 may not.
    assert!(Reader::new("[]").value(MAX_DEPTH - 2).is_ok());
    assert!(Reader::new("[]").value(MAX_DEPTH - 1).is_err());
    assert_eq!(Reader::new(" 1").open(0).unwrap_err().to_string(), "expected value at line 1 column 2");
}

#[test]
fn the_writer_reads_back() {
    let text = r#"{"s":"q\"b\\s\n\t\u0001\u001f é 😀 </script>","n":[0,-0.5,1e300,1.5e-7,123456789,9007199254740993,-2.5e-308],"o":{"a":[true,false,null],"e":{}},"x":[]}"#;
    let v = Reader::document(text).unwrap();
    let written = v.to_json();
    assert_eq!(Reader::document(&written).unwrap(), v);
    // serde_json reads it as the same value, and writes the strings the same way.
    let theirs: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert!(same(&v, &from_serde(&theirs)));
    let s = v.get("s").unwrap();
    assert_eq!(s.to_json(), serde_json::to_string(s.as_str().unwrap()).unwrap());
    assert_eq!(Value::Number(6.0).to_json(), "6");
    assert_eq!(Value::Number(-1e300).to_json(), "-1e300");
    assert_eq!(Value::Number(f64::NAN).to_json(), "null");
}
