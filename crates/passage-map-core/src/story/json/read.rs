//! A strict RFC 8259 JSON reader over a `&str`, usable whole ([`Reader::document`]) or a
//! step at a time ([`Reader::next_key`], [`Reader::next_element`]) so that a big array
//! can be read one element at a time without a tree for all of it.
//!
//! Errors read like serde_json's ("EOF while parsing a list at line 2 column 0"), at the
//! same line and column (columns count bytes; an error after the last byte of a line
//! whose end was read is at column 0 of the next line).

use std::borrow::Cow;
use std::fmt;

use super::value::Value;

/// Containers may nest 127 deep; the 128th is refused (serde_json's limit), so that
/// hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in words ("expected `,` or `]`").
    pub message: &'static str,
    /// 1-based line.
    pub line: usize,
    /// Bytes from the start of the line.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for SyntaxError {}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_NOT_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const END_OF_HEX: &str = "unexpected end of hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const TOO_DEEP: &str = "recursion limit exceeded";

/// A cursor over a JSON text.
///
/// `depth` arguments count the arrays and objects around the value about to be read
/// (0 for a document's root), so that a caller stepping through the outer containers
/// itself keeps the same nesting limit as a whole-document read.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// The elements and members of the containers being read, innermost last: each
    /// container takes its own off the top when it ends, in one allocation of the exact
    /// size (no growing vectors per container).
    items: Vec<Value<'a>>,
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

type Result<T> = std::result::Result<T, SyntaxError>;

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader { text, pos: 0, items: Vec::new(), members: Vec::new() }
    }

    /// Reads the whole text as one JSON value.
    pub fn document(text: &'a str) -> Result<Value<'a>> {
        let mut r = Reader::new(text);
        let v = r.value(0)?;
        r.end()?;
        Ok(v)
    }

    /// Bytes read so far.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The error `message` at byte index `i` (serde_json's reckoning: the index after the
    /// offending byte, or the text's length at its end).
    fn error_at(&self, message: &'static str, i: usize) -> SyntaxError {
        let before = &self.bytes()[..i.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        SyntaxError { message, line, column: before.len() - line_start }
    }

    /// The error about the byte at the cursor (or the end).
    fn error_here(&self, message: &'static str) -> SyntaxError {
        self.error_at(message, self.pos + 1)
    }

    /// The error just after what was consumed.
    fn error_after(&self, message: &'static str) -> SyntaxError {
        self.error_at(message, self.pos)
    }

    /// Skips whitespace and returns the next byte, without consuming it.
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// After the document's value: only whitespace may follow.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            Some(_) => Err(self.error_here(TRAILING_CHARACTERS)),
            None => Ok(()),
        }
    }

    /// Reads one value nested in `depth` containers.
    pub fn value(&mut self, depth: usize) -> Result<Value<'a>> {
        match self.peek() {
            None => Err(self.error_here(EOF_VALUE)),
            Some(b'n') => self.ident("null", Value::Null),
            Some(b't') => self.ident("true", Value::Bool(true)),
            Some(b'f') => self.ident("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => {
                self.open(depth)?;
                let start = self.items.len();
                while self.next_element(self.items.len() == start)? {
                    let v = self.value(depth + 1)?;
                    self.items.push(v);
                }
                Ok(Value::Array(self.items.split_off(start)))
            }
            Some(b'{') => {
                self.open(depth)?;
                let start = self.members.len();
                while let Some(key) = self.next_key(self.members.len() == start)? {
                    let v = self.value(depth + 1)?;
                    self.members.push((key, v));
                }
                Ok(Value::Object(self.members.split_off(start)))
            }
            Some(_) => Err(self.error_here(EXPECTED_VALUE)),
        }
    }

    /// Consumes the `[` or `{` next (after whitespace), which opens a container nested in
    /// `depth` others, unless that is too deep; refuses anything else as "expected value"
    /// (a caller wanting one kind of container [`Reader::peek`]s first).
    pub fn open(&mut self, depth: usize) -> Result<()> {
        if !matches!(self.peek(), Some(b'[' | b'{')) {
            return Err(self.error_here(EXPECTED_VALUE));
        }
        if depth + 1 >= MAX_DEPTH {
            return Err(self.error_here(TOO_DEEP));
        }
        self.pos += 1;
        Ok(())
    }

    /// Inside an array opened with [`Reader::open`]: whether another element follows
    /// (then read it with [`Reader::value`]), consuming the `,` before it; at the end,
    /// consumes the `]`. `first` says whether no element was read yet.
    pub fn next_element(&mut self, first: bool) -> Result<bool> {
        match self.peek() {
            None => Err(self.error_here(EOF_LIST)),
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) if first => Ok(true),
            Some(b',') => {
                self.pos += 1;
                match self.peek() {
                    Some(b']') => Err(self.error_here(TRAILING_COMMA)),
                    Some(_) => Ok(true),
                    None => Err(self.error_here(EOF_VALUE)),
                }
            }
            Some(_) => Err(self.error_here(EXPECTED_LIST_END)),
        }
    }

    /// Inside an object opened with [`Reader::open`]: the next member's key, consuming the
    /// `,` before it and the `:` after it (then read its value with [`Reader::value`]); at
    /// the end, consumes the `}` and returns `None`.
    pub fn next_key(&mut self, first: bool) -> Result<Option<Cow<'a, str>>> {
        match self.peek() {
            None => return Err(self.error_here(EOF_OBJECT)),
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b'"') if first => {}
            Some(_) if first => return Err(self.error_here(KEY_NOT_STRING)),
            Some(b',') => {
                self.pos += 1;
                match self.peek() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.error_here(TRAILING_COMMA)),
                    Some(_) => return Err(self.error_here(KEY_NOT_STRING)),
                    None => return Err(self.error_here(EOF_VALUE)),
                }
            }
            Some(_) => return Err(self.error_here(EXPECTED_OBJECT_END)),
        }
        let key = self.string()?;
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(Some(key))
            }
            Some(_) => Err(self.error_here(EXPECTED_COLON)),
            None => Err(self.error_here(EOF_OBJECT)),
        }
    }

    /// `null`, `true` or `false`, its first letter at the cursor.
    fn ident(&mut self, word: &str, v: Value<'a>) -> Result<Value<'a>> {
        self.pos += 1;
        for expected in &word.as_bytes()[1..] {
            match self.bytes().get(self.pos) {
                None => return Err(self.error_after(EOF_VALUE)),
                Some(b) => {
                    self.pos += 1;
                    if b != expected {
                        return Err(self.error_after(EXPECTED_IDENT));
                    }
                }
            }
        }
        Ok(v)
    }

    /// A string, its opening quote at the cursor: borrowed from the text when it has no
    /// escape.
    fn string(&mut self) -> Result<Cow<'a, str>> {
        let bytes = self.bytes();
        self.pos += 1;
        let start = self.pos;
        // One scan: the text is borrowed until the first escape, then copied into `out`
        // (`"` and `\` are ASCII, so every cut falls between characters of the valid
        // UTF-8 text). One loop rather than a borrowed scan and an owned one.
        let mut out: Option<String> = None;
        let mut plain = start;
        let mut i = start;
        loop {
            match bytes.get(i) {
                None => {
                    self.pos = i;
                    return Err(self.error_after(EOF_STRING));
                }
                Some(b'"') => {
                    self.pos = i + 1;
                    let rest = &self.text[plain..i];
                    return Ok(match out {
                        None => Cow::Borrowed(rest),
                        Some(mut out) => {
                            out.push_str(rest);
                            Cow::Owned(out)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = out.get_or_insert_with(|| String::with_capacity(i - start + 16));
                    out.push_str(&self.text[plain..i]);
                    self.pos = i + 1;
                    self.escape(out)?;
                    i = self.pos;
                    plain = i;
                }
                Some(0..=0x1f) => {
                    self.pos = i + 1;
                    return Err(self.error_after(CONTROL));
                }
                Some(_) => i += 1,
            }
        }
    }

    /// The escape after a `\` (consumed), appended to `out`.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let Some(&c) = self.bytes().get(self.pos) else {
            return Err(self.error_after(EOF_STRING));
        };
        self.pos += 1;
        let plain = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                let c = match unit {
                    0xDC00..=0xDFFF => return Err(self.error_after(LONE_SURROGATE)),
                    0xD800..=0xDBFF => {
                        // A leading surrogate: the trailing one must follow as `\uXXXX`.
                        for expected in [b'\\', b'u'] {
                            match self.bytes().get(self.pos) {
                                None => return Err(self.error_after(EOF_STRING)),
                                Some(&b) => {
                                    self.pos += 1;
                                    if b != expected {
                                        return Err(self.error_after(END_OF_HEX));
                                    }
                                }
                            }
                        }
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error_after(LONE_SURROGATE));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => unit,
                };
                // Not a surrogate, or a valid pair: always a char.
                char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => return Err(self.error_after(INVALID_ESCAPE)),
        };
        out.push(plain);
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = self.bytes().get(self.pos..self.pos + 4) else {
            self.pos = self.text.len();
            return Err(self.error_after(EOF_STRING));
        };
        self.pos += 4;
        let mut n = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error_after(INVALID_ESCAPE)),
            };
            n = n * 16 + u32::from(v);
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// The number read from `digits` to the cursor (`int_end` is where its integer part
    /// ends, `fraction` how many digits follow the point) through [`super::float::decimal`],
    /// when it has at most 19 significant digits.
    fn decimal(
        &self,
        digits: usize,
        int_end: usize,
        fraction: usize,
        exponent: bool,
        negative: bool,
    ) -> Option<f64> {
        let bytes = self.bytes();
        let mut significand: u64 = 0;
        let mut significant = 0;
        let fraction_digits = if fraction > 0 { &bytes[int_end + 1..int_end + 1 + fraction] } else { &[] };
        for &b in bytes[digits..int_end].iter().chain(fraction_digits) {
            if significant > 0 || b != b'0' {
                significant += 1;
                if significant > 19 {
                    return None;
                }
                significand = significand * 10 + u64::from(b - b'0');
            }
        }
        let mut exp10: i32 = 0;
        if exponent {
            let e = &self.text[int_end + usize::from(fraction > 0) + fraction + 1..self.pos];
            let (sign, e) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if e.len() > 4 {
                return None;
            }
            exp10 = sign * e.bytes().fold(0, |n, d| n * 10 + i32::from(d - b'0'));
        }
        let v = super::float::decimal(significand, exp10 - fraction as i32)?;
        Some(if negative { -v } else { v })
    }

    /// A number, its `-` or first digit at the cursor, as the nearest `f64`.
    fn number(&mut self) -> Result<f64> {
        let bytes = self.bytes();
        let start = self.pos;
        let negative = bytes[start] == b'-';
        if negative {
            self.pos += 1;
        }
        match bytes.get(self.pos) {
            None => return Err(self.error_after(EOF_VALUE)),
            Some(b'0') => {
                self.pos += 1;
                if bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                    return Err(self.error_here(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => {
                self.pos += 1;
                return Err(self.error_after(INVALID_NUMBER));
            }
        }
        let int_end = self.pos;
        let mut fraction = 0;
        if bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            fraction = self.digits();
            if fraction == 0 {
                return Err(match bytes.get(self.pos) {
                    Some(_) => self.error_here(INVALID_NUMBER),
                    None => self.error_here(EOF_VALUE),
                });
            }
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = bytes.get(self.pos) {
            exponent = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = bytes.get(self.pos) {
                self.pos += 1;
            }
            match bytes.get(self.pos) {
                None => return Err(self.error_after(EOF_VALUE)),
                Some(b'0'..=b'9') => {
                    self.digits();
                }
                Some(_) => {
                    self.pos += 1;
                    return Err(self.error_after(INVALID_NUMBER));
                }
            }
        }
        // Fast path: at most 15 digits and no exponent. The digits as an integer and
        // the power of ten are both exact in an f64, so one division rounds correctly.
        let int_digits = int_end - start - usize::from(negative);
        if !exponent && int_digits + fraction <= 15 {
            let mut m: u64 = 0;
            for &b in &bytes[start + usize::from(negative)..self.pos] {
                if b != b'.' {
                    m = m * 10 + u64::from(b - b'0');
                }
            }
            let v = m as f64 / crate::num::POW10[fraction];
            return Ok(if negative { -v } else { v });
        }
        // Otherwise up to 19 significant digits and a power of ten within ±22 exactly
        // (see float.rs); anything else through the fallback.
        let v = self
            .decimal(start + usize::from(negative), int_end, fraction, exponent, negative)
            .or_else(|| super::float::fallback(&self.text[start..self.pos]))
            .ok_or_else(|| self.error_after(INVALID_NUMBER))?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.error_after(OUT_OF_RANGE))
        }
    }
}
