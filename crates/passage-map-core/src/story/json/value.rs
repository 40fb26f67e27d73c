//! The JSON value of [`super::Reader`], and its compact writer.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A JSON value. Strings and keys borrow from the parsed text when they hold no escape
/// (`Cow::Borrowed`), so most of a story's strings cost no allocation until the story's
/// types copy what they keep.
///
/// Numbers are `f64`, as JavaScript reads them: integers are exact up to 2^53.
///
/// An object keeps its members in file order, duplicates included; [`Value::get`] finds
/// the last member with the key ("last wins", as serde_json and `JSON.parse` do).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value<'a> {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the last one, when the key is repeated); `None`
    /// for a missing key or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` of an object (the last one), to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        match self {
            Value::Object(members) => members.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Takes the member `key` out of an object (the last one, as [`Value::get`] finds it),
    /// leaving `null` in its place.
    pub fn take(&mut self, key: &str) -> Option<Value<'a>> {
        self.get_mut(key).map(std::mem::take)
    }

    /// The element `i` of an array.
    pub fn at(&self, i: usize) -> Option<&Value<'a>> {
        self.as_array()?.get(i)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The number, when it is a whole number that an `i64` holds exactly.
    pub fn as_i64(&self) -> Option<i64> {
        let n = self.as_f64()?;
        // 2^63 is exact as an f64; the range is checked before the cast.
        (n.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n))
            .then_some(n as i64)
    }

    /// The number, when it is a whole number ≥ 0 that a `u64` holds exactly.
    pub fn as_u64(&self) -> Option<u64> {
        let n = self.as_f64()?;
        (n.fract() == 0.0 && (0.0..1.844_674_407_370_955_2e19).contains(&n)).then_some(n as u64)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A copy of the value with every string copied, so that it outlives the text it was
    /// read from. From a reference: one walk, rather than a clone and then a second walk
    /// to own its strings.
    pub fn to_owned_value(&self) -> Value<'static> {
        let own = |s: &str| Cow::Owned(s.to_owned());
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(*n),
            Value::String(s) => Value::String(own(s)),
            // Plain loops rather than iterator chains: less code, same work.
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for v in items {
                    out.push(v.to_owned_value());
                }
                Value::Array(out)
            }
            Value::Object(members) => {
                let mut out = Vec::with_capacity(members.len());
                for (k, v) in members {
                    out.push((own(k), v.to_owned_value()));
                }
                Value::Object(out)
            }
        }
    }

    /// Compact JSON text (no spaces), members in their order. Whole numbers of up to 2^53
    /// are written without a fraction (`6`, not `6.0`), others in the shortest form that
    /// reads back to the same `f64`; infinities and NaN (which a parsed value never holds)
    /// as `null`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Appends [`Value::to_json`] to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => write_number(*n, out),
            Value::String(s) => write_string(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<i64> for Value<'_> {
    /// Exact up to ±2^53, like every JSON number JavaScript reads.
    fn from(n: i64) -> Self {
        Value::Number(n as f64)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::String(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::String(Cow::Owned(s))
    }
}

/// Writes `n` as a JSON number (see [`Value::to_json`]).
pub fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", n as i64);
    } else {
        // The shortest digits that read back exactly, with an exponent for very large and
        // very small numbers (`1e300`, `1.5e-7`) as `{:?}` writes them: valid JSON. Not
        // `{:?}` itself, which the release wasm build empties.
        let a = n.abs();
        if !(1e-4..1e16).contains(&a) {
            let _ = write!(out, "{n:e}");
        } else {
            let _ = write!(out, "{n}");
        }
    }
}

/// Writes `s` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`…
/// or `\u00XX`; everything else as it is (UTF-8).
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}
