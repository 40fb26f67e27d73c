//! The story's JSON: a strict RFC 8259 reader ([`Reader`], [`parse`]) into [`Value`]s
//! that borrow their strings from the text, and a value together with where it sits
//! (file and JSON path, [`Node`]), so that every conversion error can say exactly where
//! it happened and what it found.
//!
//! The same reader serves the whole-file parse of story.json and passages.json and the
//! step-by-step parse of places.geojson ([`super::places::PlacesParse`]), the widget and
//! the checker alike.

mod float;
mod read;
mod value;

pub use read::{Reader, SyntaxError, MAX_DEPTH};
pub use value::{write_number, write_string, Value};

use super::error::{Cause, ErrorKind, StoryError};

/// What reading a part of a story gives: the value, or the error that stops it. The
/// error is boxed: errors are rare, and a result no bigger than its value is cheap to
/// pass up through every field.
pub type ParseResult<T> = Result<T, Box<StoryError>>;

/// Collects the errors of one parse; parsing goes on after an error so that a
/// reader sees every problem at once and every valid item is kept.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<StoryError>);

impl Errors {
    pub fn push(&mut self, e: StoryError) {
        self.0.push(e);
    }

    /// Adds an error as a conversion returns it (boxed): one copy of the unboxing for
    /// every place that keeps going after an error.
    #[inline(never)]
    #[allow(clippy::boxed_local)] // taking the box is the point: callers hold one
    pub fn add(&mut self, e: Box<StoryError>) {
        self.0.push(*e);
    }
}

/// A borrowed JSON value located in its file.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub value: &'a Value<'a>,
    path: Path<'a>,
}

/// Where a [`Node`] is: a chain of borrowed steps from a file and a written-out path,
/// turned into text (`$.features[2].geometry`) only when a message needs it — reading a
/// valid story builds no path strings at all. The file is kept at the root only, so
/// that a node is small to pass.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root { file: &'a str, text: &'a str },
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Path::Root { text, .. } => out.push_str(text),
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

    /// The file the path is in.
    fn file(&self) -> &str {
        match self {
            Path::Root { file, .. } => file,
            Path::Key(parent, _) | Path::Index(parent, _) => parent.file(),
        }
    }

    fn to_text(self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
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
    /// The node of `value`, found at the JSON path `path` (such as `$` or `$.tour`) of `file`.
    pub fn new(file: &'a str, value: &'a Value<'a>, path: &'a str) -> Self {
        Node { value, path: Path::Root { file, text: path } }
    }

    /// The node's JSON path, such as `$.features[2].geometry`.
    pub fn path(&self) -> String {
        self.path.to_text()
    }

    /// An error at this node.
    #[cold]
    #[inline(never)]
    pub fn error(&self, kind: ErrorKind, reason: impl Into<String>) -> Box<StoryError> {
        self.error_at(None, kind, reason.into())
    }

    /// An error about the field `key` of this object.
    #[cold]
    #[inline(never)]
    pub fn field_error(&self, key: &str, kind: ErrorKind, reason: impl Into<String>) -> Box<StoryError> {
        self.error_at(Some(key), kind, reason.into())
    }

    /// An error at this node, or at its field `key`: the one non-generic body behind
    /// [`Node::error`] and [`Node::field_error`], whose copies only convert the reason.
    #[cold]
    #[inline(never)]
    fn error_at(&self, key: Option<&str>, kind: ErrorKind, reason: String) -> Box<StoryError> {
        let path = match key {
            Some(key) => Path::Key(&self.path, key).to_text(),
            None => self.path(),
        };
        Box::new(StoryError::new(self.path.file(), &path, kind, reason))
    }

    /// The error at this node that only follows from `cause` having been left out.
    #[cold]
    pub(crate) fn follow_on(&self, cause: Cause) -> Box<StoryError> {
        Box::new(StoryError::follow_on(self.path.file(), &self.path(), cause))
    }

    /// The error for the required field `key` that this object lacks.
    #[cold]
    #[inline(never)]
    fn missing(&self, key: &str) -> Box<StoryError> {
        self.field_error(key, ErrorKind::MissingField, format!("missing required field \"{key}\""))
    }

    fn wrong_type(&self, expected: &str) -> Box<StoryError> {
        self.error(ErrorKind::WrongType, format!("expected {expected}, found {}", type_name(self.value)))
    }

    /// The field `key` of this object, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.value.get(key).filter(|v| !v.is_null())
    }

    /// The field `key` of this object as a node, if present and not null; its path is
    /// built only if a message needs it.
    pub fn field<'n>(&'n self, key: &'n str) -> Option<Node<'n>> {
        let value = self.get(key)?;
        Some(Node { value, path: Path::Key(&self.path, key) })
    }

    /// The member `key` of this object, known to be `value`, as a node.
    pub(crate) fn member<'n>(&'n self, key: &'n str, value: &'n Value<'n>) -> Node<'n> {
        Node { value, path: Path::Key(&self.path, key) }
    }

    /// The element `i` of the array at this node: `value`, with its path (`$.features[3]`).
    pub fn element<'n>(&'n self, i: usize, value: &'n Value<'n>) -> Node<'n> {
        Node { value, path: Path::Index(&self.path, i) }
    }

    /// The field `key` of this object, which must be present and not null.
    pub fn require<'n>(&'n self, key: &'n str) -> ParseResult<Node<'n>> {
        self.field(key).ok_or_else(|| self.missing(key))
    }

    /// The elements of the array at this node, each with its path.
    pub fn elements<'n>(&'n self) -> ParseResult<impl Iterator<Item = Node<'n>> + 'n> {
        let this: &'n Node<'n> = self;
        let items = this.as_array()?;
        Ok(items.iter().enumerate().map(move |(i, value)| Node { value, path: Path::Index(&this.path, i) }))
    }

    pub fn require_object(&self) -> ParseResult<()> {
        if self.value.is_object() {
            Ok(())
        } else {
            Err(self.wrong_type("an object"))
        }
    }

    pub fn as_str(&self) -> ParseResult<&'a str> {
        self.value.as_str().ok_or_else(|| self.wrong_type("a string"))
    }

    pub fn as_f64(&self) -> ParseResult<f64> {
        self.value.as_f64().ok_or_else(|| self.wrong_type("a number"))
    }

    pub fn as_array(&self) -> ParseResult<&'a [Value<'a>]> {
        self.value.as_array().ok_or_else(|| self.wrong_type("an array"))
    }
}

/// A required string field.
pub fn string(node: &Node<'_>, key: &str) -> ParseResult<String> {
    node.require(key)?.as_str().map(str::to_owned)
}

/// An optional string field (absent or null → None).
pub fn opt_string(node: &Node<'_>, key: &str) -> ParseResult<Option<String>> {
    node.field(key).map(|n| n.as_str().map(str::to_owned)).transpose()
}

/// Every element of the array `list` through `parse`, given each element's index, which
/// keeps what it accepts: each element it refuses is reported and passed over, as is the
/// list when it is missing (`Err`) or not an array. One copy for every such list, rather
/// than one per item type.
pub fn keep_valid(
    list: ParseResult<Node<'_>>,
    errors: &mut Errors,
    parse: &mut dyn FnMut(usize, Node<'_>) -> ParseResult<()>,
) {
    // The index and the element side by side, not `elements().enumerate()` (which would
    // count twice through two adapters).
    let list = match list {
        Ok(list) => list,
        Err(e) => return errors.add(e),
    };
    match list.as_array() {
        Ok(items) => {
            for (i, value) in items.iter().enumerate() {
                if let Err(e) = parse(i, list.element(i, value)) {
                    errors.add(e);
                }
            }
        }
        Err(e) => errors.add(e),
    }
}

/// Every element of the array at `node` through `parse` (which keeps what it reads): all
/// of them, or the first error. Not generic: one copy for every list, whatever it holds.
pub fn each(node: Node<'_>, parse: &mut dyn FnMut(Node<'_>) -> ParseResult<()>) -> ParseResult<()> {
    for (i, value) in node.as_array()?.iter().enumerate() {
        parse(node.element(i, value))?;
    }
    Ok(())
}
