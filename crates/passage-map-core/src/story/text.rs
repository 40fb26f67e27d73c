//! Small checked values of the story format: localised text, ids, colours, URLs.

use super::error::{ErrorKind, StoryError};
use super::json::{opt_string, string, Node, ParseResult};

/// Text in English and, optionally, Spanish. The widget falls back to English.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Localised {
    pub en: String,
    pub es: Option<String>,
}

impl Localised {
    /// English-only text.
    pub fn en(text: &str) -> Self {
        Localised { en: text.to_owned(), es: None }
    }

    /// The text in `lang` (`"es"` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        match (lang, &self.es) {
            ("es", Some(es)) => es,
            _ => &self.en,
        }
    }
}

impl TryFrom<&Node<'_>> for Localised {
    type Error = Box<StoryError>;

    fn try_from(node: &Node<'_>) -> ParseResult<Self> {
        node.require_object()?;
        let en = string(node, "en")?;
        if en.trim().is_empty() {
            return Err(node.field_error("en", ErrorKind::InvalidValue, "the English text is empty"));
        }
        Ok(Localised { en, es: opt_string(node, "es")? })
    }
}

/// Localised text in which every language given is non-empty — for captions and labels,
/// where an empty Spanish text would show a blank instead of falling back to English.
pub fn non_empty_text(node: Node<'_>) -> ParseResult<Localised> {
    let text = Localised::try_from(&node)?;
    if text.es.as_deref().is_some_and(|es| es.trim().is_empty()) {
        return Err(node.field_error(
            "es",
            ErrorKind::InvalidValue,
            "the Spanish text is empty: write it, or leave \"es\" out to fall back to English",
        ));
    }
    Ok(text)
}

/// Checks an id: lowercase ASCII letters, digits and `-`, not empty (ids go into URLs).
pub fn check_id(node: Node<'_>) -> ParseResult<String> {
    let id = node.as_str()?;
    let valid =
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid {
        Ok(id.to_owned())
    } else {
        Err(node.error(
            ErrorKind::InvalidValue,
            format!("expected an id of lowercase letters, digits and '-', found \"{id}\""),
        ))
    }
}

/// Checks a colour written `#rrggbb`.
pub fn check_colour(node: &Node<'_>) -> ParseResult<String> {
    let c = node.as_str()?;
    let valid = c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if valid {
        // Lowercased in place: `str::to_ascii_lowercase` is a function of its own in the
        // wasm, for this alone.
        let mut c = c.to_owned();
        c.make_ascii_lowercase();
        Ok(c)
    } else {
        Err(node.error(ErrorKind::InvalidValue, format!("expected a colour like \"#1b9e77\", found \"{c}\"")))
    }
}

/// Whether `url` is an absolute `http:` or `https:` address — the only links the widget makes.
pub fn is_web_url(url: &str) -> bool {
    // The scheme compared ignoring ASCII case, rather than a lowercased copy of the URL.
    let start = url.trim_start().as_bytes();
    let scheme = |s: &str| start.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s.as_bytes()));
    (scheme("https://") || scheme("http://")) && url.len() > 8 && !url.contains(char::is_whitespace)
}

/// Checks an optional link: null/absent, or an http(s) URL.
pub fn check_url(node: &Node<'_>, key: &str) -> ParseResult<Option<String>> {
    match opt_string(node, key)? {
        None => Ok(None),
        Some(url) if is_web_url(&url) => Ok(Some(url)),
        Some(url) => Err(node.field_error(
            key,
            ErrorKind::InvalidValue,
            format!("expected an http:// or https:// address, found \"{url}\""),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web_url("https://example.org/a"));
        assert!(is_web_url("http://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,hi"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("//example.org"));
        assert!(is_web_url("HTTPS://Example.org"));
        assert!(!is_web_url(" https://example.org"));
        assert!(is_web_url("Http://example.org"));
        assert!(!is_web_url("http://"));
        assert!(!is_web_url("httpś://example.org"));
    }

    #[test]
    fn localised_falls_back_to_english() {
        let t = Localised { en: "Canal".into(), es: None };
        assert_eq!(t.get("es"), "Canal");
        let t = Localised { en: "Lake".into(), es: Some("Lago".into()) };
        assert_eq!(t.get("es"), "Lago");
        assert_eq!(t.get("fr"), "Lake");
    }
}
