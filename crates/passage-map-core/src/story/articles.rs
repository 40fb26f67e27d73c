//! Article texts: the body without its metadata block, its paragraphs, and the search
//! for place names in them (the coverage check).

/// The article body: the text after a leading metadata block (`key: value` lines ended
/// by a line `---`), or the whole text when there is none.
pub fn body(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" {
            return &text[offset + line.len()..];
        }
        let is_meta = trimmed
            .split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        if !is_meta {
            return text;
        }
        offset += line.len();
    }
    text
}

/// The non-empty paragraphs (lines) of a body, with their 1-based line numbers in `text`.
pub fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let skipped_lines = text[..text.len() - body(text).len()].lines().count();
    // A plain loop rather than an iterator chain: less code, same work.
    let mut out = Vec::new();
    for (i, line) in body(text).lines().enumerate() {
        let line = line.trim();
        if !line.is_empty() {
            out.push((i + 1 + skipped_lines, line));
        }
    }
    out
}

/// Whether `name` occurs in `text` as a whole word, ignoring case.
pub fn names_word(text: &str, name: &str) -> bool {
    names_word_lower(&text.to_lowercase(), &name.trim().to_lowercase())
}

/// [`names_word`] for a text and a name already lowercased (and the name trimmed), so
/// that the coverage check lowercases each paragraph and each name once.
pub fn names_word_lower(hay: &str, needle: &str) -> bool {
    // A needle longer than the text cannot occur; searching would still prepare the whole
    // needle first (10 MB aliases made the coverage check take minutes).
    if needle.is_empty() || needle.len() > hay.len() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = hay[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_skips_the_metadata_block() {
        let t = "id: a\ntitle: \"T\"\n---\nFirst.\n\nSecond.\n";
        assert_eq!(body(t), "First.\n\nSecond.\n");
        assert_eq!(paragraphs(t), vec![(4, "First."), (6, "Second.")]);
        assert_eq!(body("No block here.\n---\n"), "No block here.\n---\n");
    }

    #[test]
    fn whole_words_only_ignoring_case() {
        assert!(names_word("the cecot prison", "CECOT"));
        assert!(names_word("Darién.", "darién"));
        assert!(!names_word("Rodmania", "Rodman"));
        assert!(!names_word("", "Howard"));
    }
}
