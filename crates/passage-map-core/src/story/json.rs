//! The story's JSON: a strict RFC 8259 reader ([`Reader`], [`parse`]) into [`Value`]s
//! that borrow their strings from the text, and a value together with where it sits
//! (file and JSON path, [`Node`]), so that every conversion error can say exactly where
//! it happened and what it found.
//!
//! The same reader serves the whole-file parse of story.json and passages.json and the
//! step-by-step parse of places.geojson ([`super::places::PlacesParse`]), the widget and
//! the checker alike.

mod read;
mod value;

pub use read::{Reader, SyntaxError, MAX_DEPTH};
pub use value::{write_number, write_string, Value};

use super::error::{ErrorKind, StoryError};

/// Collects the errors of one parse; parsing goes on after an error so that a
/// reader sees every problem at once and every valid item is kept.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<StoryError>);

impl Errors {
    pub fn push(&mut self, e: StoryError) {
        self.0.push(e);
    }
}

/// A borrowed JSON value located in its file.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub value: &'a Value<'a>,
    pub file: &'a str,
    path: Path<'a>,
}

/// Where a [`Node`] is: a chain of borrowed steps from a written-out path, turned into
/// text (`$.features[2].geometry`) only when a message needs it — reading a valid story
/// builds no path strings at all.
#[derive(Clone, Copy)]
enum Path<'a> {
    Text(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Path::Text(t) => out.push_str(t),
            Path::Key(parent, key) => {
                parent.write(out);
                out.push('.');
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }

    fn to_text(self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// An owned JSON path such as `$.features[2].geometry`.
#[derive(Clone, Debug)]
pub struct PathBuf(String);

impl PathBuf {
    pub fn root() -> Self {
        PathBuf("$".to_owned())
    }
    pub fn key(&self, key: &str) -> Self {
        PathBuf(format!("{}.{}", self.0, key))
    }
    pub fn index(&self, i: usize) -> Self {
        PathBuf(format!("{}[{}]", self.0, i))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses `text` as JSON, or returns the error located at `$` with its line and column.
pub fn parse<'t>(file: &str, text: &'t str) -> Result<Value<'t>, StoryError> {
    Reader::document(text).map_err(|e| syntax_error(file, &e))
}

/// A [`SyntaxError`] of `file` as a story error.
pub fn syntax_error(file: &str, e: &SyntaxError) -> StoryError {
    StoryError::new(file, "$", ErrorKind::InvalidJson, format!("not valid JSON: {e}"))
}

/// The JSON type name used in messages ("expected a string, found a number").
pub fn type_name(v: &Value<'_>) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    pub fn new(file: &'a str, value: &'a Value<'a>, path: &'a PathBuf) -> Self {
        Node { value, file, path: Path::Text(path.as_str()) }
    }

    /// The node's JSON path, such as `$.features[2].geometry`.
    pub fn path(&self) -> String {
        self.path.to_text()
    }

    /// An error at this node.
    pub fn error(&self, kind: ErrorKind, reason: impl Into<String>) -> StoryError {
        StoryError::new(self.file, &self.path(), kind, reason)
    }

    /// An error about the field `key` of this object.
    pub fn field_error(&self, key: &str, kind: ErrorKind, reason: impl Into<String>) -> StoryError {
        StoryError::new(self.file, &Path::Key(&self.path, key).to_text(), kind, reason)
    }

    /// The error for the required field `key` that this object lacks.
    #[cold]
    #[inline(never)]
    fn missing(&self, key: &str) -> StoryError {
        self.field_error(key, ErrorKind::MissingField, format!("missing required field \"{key}\""))
    }

    fn wrong_type(&self, expected: &str) -> StoryError {
        self.error(ErrorKind::WrongType, format!("expected {expected}, found {}", type_name(self.value)))
    }

    /// The field `key` of this object, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.value.get(key).filter(|v| !v.is_null())
    }

    pub fn require_object(&self) -> Result<(), StoryError> {
        if self.value.is_object() {
            Ok(())
        } else {
            Err(self.wrong_type("an object"))
        }
    }

    pub fn as_str(&self) -> Result<&'a str, StoryError> {
        self.value.as_str().ok_or_else(|| self.wrong_type("a string"))
    }

    pub fn as_f64(&self) -> Result<f64, StoryError> {
        self.value.as_f64().ok_or_else(|| self.wrong_type("a number"))
    }

    pub fn as_array(&self) -> Result<&'a [Value<'a>], StoryError> {
        self.value.as_array().ok_or_else(|| self.wrong_type("an array"))
    }
}

/// Runs `f` on the child `key` of `node` (which must exist unless `f` accepts absence
/// through [`optional`]); the child's path is built only here, once.
pub fn required<'a, T>(
    node: Node<'a>,
    key: &str,
    f: impl FnOnce(Node<'_>) -> Result<T, StoryError>,
) -> Result<T, StoryError> {
    match node.get(key) {
        Some(v) => f(Node { value: v, file: node.file, path: Path::Key(&node.path, key) }),
        None => Err(node.missing(key)),
    }
}

/// Like [`required`], but an absent or null field gives `Ok(None)`.
pub fn optional<'a, T>(
    node: Node<'a>,
    key: &str,
    f: impl FnOnce(Node<'_>) -> Result<T, StoryError>,
) -> Result<Option<T>, StoryError> {
    match node.get(key) {
        Some(v) => f(Node { value: v, file: node.file, path: Path::Key(&node.path, key) }).map(Some),
        None => Ok(None),
    }
}

/// A required string field.
pub fn string(node: Node<'_>, key: &str) -> Result<String, StoryError> {
    required(node, key, |n| n.as_str().map(str::to_owned))
}

/// An optional string field (absent or null → None).
pub fn opt_string(node: Node<'_>, key: &str) -> Result<Option<String>, StoryError> {
    optional(node, key, |n| n.as_str().map(str::to_owned))
}

/// Calls `f` for every element of the array at `node`, with the element's path.
pub fn each<'a>(node: Node<'a>, mut f: impl FnMut(usize, Node<'_>)) -> Result<(), StoryError> {
    let items = node.as_array()?;
    for (i, v) in items.iter().enumerate() {
        f(i, Node { value: v, file: node.file, path: Path::Index(&node.path, i) });
    }
    Ok(())
}
