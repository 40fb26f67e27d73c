//! The search box: places whose names, aliases, kinds or descriptions (in English and
//! Spanish) hold every word of the query, ignoring case and accents — "darien" finds
//! "Darién", "carcel" finds "megacárcel".

use super::Story;
use crate::find::Needle;

/// Folds text for matching: lowercase, accents removed from Latin letters (á → a, ñ → n,
/// ç → c…), combining marks U+0300–U+036F dropped (so decomposed text folds the same as
/// composed), curly quotes and apostrophes made ASCII.
///
/// ```
/// use passage_map_core::story::search::fold;
/// assert_eq!(fold("Darién"), "darien");
/// assert_eq!(fold("Darie\u{301}n"), "darien");
/// assert_eq!(fold("MARTYRS’ DAY"), "martyrs' day");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` folded (see [`fold`]) to `out`.
///
/// Lowercased without the standard library's Unicode case table (1.2 KB of the widget's
/// gzipped wasm, for this alone): the characters of the blocks the stories are written in
/// by the rules of [`lower_known`], and a text with any other character lowercased whole
/// by [`lowercase_other`] — the same lowercase either way, character for character.
fn fold_into(out: &mut String, text: &str) {
    let start = out.len();
    // `Some` once the text has turned out to need [`lowercase_other`]: then it is folded
    // again from there. One loop for both, rather than a copy of the match below.
    let mut lowered: Option<String> = None;
    'text: loop {
        for c in lowered.as_deref().unwrap_or(text).chars() {
            let c = match lower_known(c) {
                Some(l) => l,
                None if lowered.is_none() => {
                    out.truncate(start);
                    lowered = Some(lowercase_other(text));
                    continue 'text;
                }
                // Already lowercased.
                None => c,
            };
            match c {
                '\u{300}'..='\u{36f}' => {}
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => out.push('a'),
                'é' | 'è' | 'ê' | 'ë' | 'ē' => out.push('e'),
                'í' | 'ì' | 'î' | 'ï' | 'ī' => out.push('i'),
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => out.push('o'),
                'ú' | 'ù' | 'û' | 'ü' | 'ū' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'ñ' => out.push('n'),
                'ç' => out.push('c'),
                '‘' | '’' | '‚' | '‛' | '′' => out.push('\''),
                '“' | '”' | '„' | '‟' | '″' | '«' | '»' => out.push('"'),
                c => out.push(c),
            }
        }
        return;
    }
}

/// `c` lowercased as [`char::to_lowercase`] does, when `c` is in ASCII, Latin-1, Latin
/// Extended-A and Extended Additional, modern Greek and Cyrillic, the combining
/// diacritical marks, or a run of blocks without capitals (Hebrew to Myanmar,
/// punctuation, currency and symbols, CJK, Hangul, emoji…); `None` for any other
/// character (and for `İ`, which lowercases to two).
fn lower_known(c: char) -> Option<char> {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => u + 0x20,
        0..=0xff
        | 0x300..=0x36f
        | 0x590..=0x109f
        | 0x2000..=0x2125
        | 0x2190..=0x24b5
        | 0x24d0..=0x2bff
        | 0x2e00..=0xa63f
        | 0xa800..=0xff20
        | 0x1f000.. => u,
        // Latin Extended-A: capitals and small letters in pairs, the capital first
        // (at an even code point, or at an odd one in these two runs), and a few
        // letters of their own.
        0x139..=0x148 | 0x179..=0x17e => u + (u & 1),
        0x178 => 0xff,
        0x131 | 0x138 | 0x149 | 0x17f => u,
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 => u | 1,
        // Greek and Cyrillic: capitals a fixed distance from their small letters, and
        // Cyrillic's later letters in pairs.
        0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => u + 0x20,
        0x386 => 0x3ac,
        0x388..=0x38a => u + 0x25,
        0x38c => 0x3cc,
        0x38e..=0x38f => u + 0x3f,
        0x400..=0x40f => u + 0x50,
        0x390 | 0x3ac..=0x3ce | 0x430..=0x45f => u,
        0x48a..=0x4bf => u | 1,
        // Latin Extended Additional (Vietnamese and transliterations): pairs again.
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff => u | 1,
        0x1e9e => 0xdf,
        0x1e96..=0x1e9d | 0x1e9f => u,
        _ => return None,
    };
    char::from_u32(lower)
}

/// `text` lowercased character by character ([`char::to_lowercase`]), natively.
#[cfg(not(target_arch = "wasm32"))]
fn lowercase_other(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// `text` lowercased character by character, in the wasm: the browser's `toLowerCase`,
/// which maps each character as [`char::to_lowercase`] does but for one rule that looks
/// at the context (a `Σ` ending a word becomes `ς`): every `Σ` is made `σ` first.
#[cfg(target_arch = "wasm32")]
fn lowercase_other(text: &str) -> String {
    let mut sigma_free = String::with_capacity(text.len());
    for c in text.chars() {
        sigma_free.push(if c == 'Σ' { 'σ' } else { c });
    }
    String::from(js_sys::JsString::from(sigma_free.as_str()).to_lower_case())
}

/// How well a place matches; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A name starts with the whole query.
    NameStarts,
    /// Every word is in a name.
    Name,
    /// Every word is in a name or an alias.
    Alias,
    /// Every word is in some searched text (names, aliases, kind, description).
    Text,
}

/// One place's searchable texts, folded once into one string, each text followed by a
/// newline: the names (English, then Spanish), the aliases, then the kinds and
/// descriptions. A query word holds no whitespace, so it is in one of the texts exactly
/// when it is in the string, and the texts a rank looks at are a prefix of it.
struct Folded {
    text: String,
    /// Where the Spanish name starts (the end of the names when there is none).
    es_name: usize,
    names_end: usize,
    aliases_end: usize,
}

impl Folded {
    fn of(p: &super::Place) -> Self {
        let mut text = String::new();
        let mut add = |t: &str| {
            fold_into(&mut text, t);
            text.push('\n');
            text.len()
        };
        let es_name = add(&p.name.en);
        let names_end = p.name.es.as_deref().map_or(es_name, &mut add);
        let mut aliases_end = names_end;
        for a in &p.aliases {
            aliases_end = add(a);
        }
        for t in [&p.kind, &p.description] {
            add(&t.en);
            if let Some(es) = &t.es {
                add(es);
            }
        }
        Folded { text, es_name, names_end, aliases_end }
    }

    fn rank(&self, phrase: &str, words: &[Needle<'_>]) -> Option<Rank> {
        let t = &self.text;
        let all_in = |end: usize| words.iter().all(|w| w.is_in(&t[..end]));
        if t.starts_with(phrase) || (self.es_name < self.names_end && t[self.es_name..].starts_with(phrase)) {
            Some(Rank::NameStarts)
        } else if all_in(self.names_end) {
            Some(Rank::Name)
        } else if all_in(self.aliases_end) {
            Some(Rank::Alias)
        } else if all_in(t.len()) {
            Some(Rank::Text)
        } else {
            None
        }
    }
}

/// A story's places folded for searching, built once per story so that each keystroke
/// only compares strings.
pub struct SearchIndex {
    places: Vec<Folded>,
}

impl SearchIndex {
    pub fn new(story: &Story) -> Self {
        SearchIndex { places: story.places.iter().map(Folded::of).collect() }
    }

    /// Indices into `story.places` of the places matching `query`: every whitespace-
    /// separated word of the folded query occurs in a name (English or Spanish), an alias,
    /// the kind or the description. Places whose name starts with the query come first,
    /// then those whose names hold every word, then names and aliases, then all texts;
    /// file order within each. A blank query gives every place in file order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        ranked(query, self.places.len(), |i, phrase, words| self.places[i].rank(phrase, words))
    }
}

/// The places `rank` matches for `query`, best first, file order within a rank.
fn ranked(query: &str, n: usize, rank: impl Fn(usize, &str, &[Needle<'_>]) -> Option<Rank>) -> Vec<usize> {
    let folded = fold(query);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split_whitespace() {
        words.push(w);
    }
    if words.is_empty() {
        return (0..n).collect();
    }
    let mut phrase = String::with_capacity(folded.len());
    for w in &words {
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(w);
    }
    let mut needles = Vec::with_capacity(words.len());
    for w in &words {
        needles.push(Needle::new(w));
    }
    let mut hits: Vec<(Rank, usize)> = Vec::new();
    for i in 0..n {
        if let Some(r) = rank(i, &phrase, &needles) {
            hits.push((r, i));
        }
    }
    crate::sort::sort_by(&mut hits, |a, b| a.0.cmp(&b.0)); // stable: file order within a rank
    let mut places = Vec::with_capacity(hits.len());
    for (_, i) in hits {
        places.push(i);
    }
    places
}

impl Story {
    /// The places matching `query`, as indices into `self.places`, best first — see
    /// [`SearchIndex::search`]. Folds each place's texts as it goes and keeps none of
    /// them, so searching a big story costs no memory beyond the result (a
    /// [`SearchIndex`] trades that memory for speed).
    pub fn search(&self, query: &str) -> Vec<usize> {
        ranked(query, self.places.len(), |i, phrase, words| Folded::of(&self.places[i]).rank(phrase, words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_quotes() {
        assert_eq!(fold("Centro de Atención Temporal"), "centro de atencion temporal");
        assert_eq!(fold("ÁÀÂÄÃÅĀ ÉÈÊË ÍÌÎÏ ÓÒÔÖÕ ÚÙÛÜ Ñ Ç"), "aaaaaaa eeee iiii ooooo uuuu n c");
        assert_eq!(fold("áàâäãåā éèêë íìîï óòôöõ úùûü ñ ç"), "aaaaaaa eeee iiii ooooo uuuu n c");
        assert_eq!(fold("Panama\u{301} Paci\u{301}fico"), "panama pacifico");
        assert_eq!(fold("“Little Hiroshima” «pequeña»"), "\"little hiroshima\" \"pequena\"");
        assert_eq!(fold("Panama’s"), "panama's");
        assert_eq!(fold("CECOT – 40,000"), "cecot – 40,000");
        assert_eq!(fold(""), "");
        // Other scripts, lowercased as a whole (the wasm's way is tested in the browser).
        assert_eq!(fold("ΟΔΟΣ Москва İ Ǆ"), "οδοσ москва i ǆ");
    }

    /// The case rules written out agree with the standard library's for every character
    /// they take.
    #[test]
    fn known_lowercase_is_the_standard_librarys() {
        let mut known = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if let Some(l) = lower_known(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
                known += 1;
            }
        }
        // Among them the text of most stories, and then some: a story whose texts hold
        // nothing else is lowercased without the fallback.
        for c in "Ñandú Ŀŀ ĸ — “€” № → ½ ΑΘΗΝΑ Ґ Москва Việt 中文 한국 עברית العربية हिन्दी 😀".chars()
        {
            assert!(lower_known(c).is_some(), "{c:?}");
        }
        assert!(known > 1_000_000);
    }
}
