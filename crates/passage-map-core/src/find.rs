//! Finding a string in a text, in time linear in both (Knuth–Morris–Pratt over bytes).
//!
//! `str::contains`, `find` and `match_indices` with a `&str` pattern link std's two-way
//! searcher (about 1.7 KB of wasm); the widget's three uses of it — search words in a
//! place's texts, a mention in its quote, a quote in its article — go through a
//! [`Needle`] instead, which is smaller and just as safe with hostile stories: no input
//! makes it slower than linear. Matching bytes of UTF-8 finds exactly the matches a `str`
//! search finds, since a match of valid UTF-8 in valid UTF-8 starts and ends on character
//! boundaries.

/// A string to look for, with its failure table (made once, used for many texts).
pub struct Needle<'a> {
    bytes: &'a [u8],
    /// For each prefix of `bytes`, the length of its longest proper prefix that is also
    /// its suffix: where to go on after a mismatch.
    fail: Vec<usize>,
}

impl<'a> Needle<'a> {
    pub fn new(needle: &'a str) -> Self {
        let bytes = needle.as_bytes();
        let mut fail = vec![0; bytes.len()];
        let mut k = 0;
        for i in 1..bytes.len() {
            while k > 0 && bytes[i] != bytes[k] {
                k = fail[k - 1];
            }
            if bytes[i] == bytes[k] {
                k += 1;
            }
            fail[i] = k;
        }
        Needle { bytes, fail }
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The byte offset of the first occurrence in `text` that starts at or after `from`
    /// (`from` itself for the empty needle, where it is within `text`).
    pub fn find_in(&self, text: &str, from: usize) -> Option<usize> {
        let (text, n) = (text.as_bytes(), self.bytes.len());
        if n == 0 {
            return (from <= text.len()).then_some(from);
        }
        let mut k = 0;
        for (i, &b) in text.iter().enumerate().skip(from) {
            while k > 0 && b != self.bytes[k] {
                k = self.fail[k - 1];
            }
            if b == self.bytes[k] {
                k += 1;
                if k == n {
                    return Some(i + 1 - n);
                }
            }
        }
        None
    }

    pub fn is_in(&self, text: &str) -> bool {
        self.find_in(text, 0).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence, without overlaps, as `str::match_indices` gives them.
    fn all(needle: &str, text: &str) -> Vec<usize> {
        let n = Needle::new(needle);
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = n.find_in(text, from) {
            out.push(at);
            from = at + needle.len().max(1);
        }
        out
    }

    #[test]
    fn finds_what_str_finds() {
        let texts = [
            "",
            "a",
            "aaaa",
            "abababab",
            "aabaabaaab",
            "El Chorrillo, Chorrillo, chorrillo",
            "año añoño niño ñ",
            "abcabcabdabcabd",
            "Darién, San Vicente — Darién",
        ];
        let needles = [
            "a",
            "aa",
            "aaa",
            "ab",
            "aba",
            "abab",
            "b",
            "aab",
            "abcabd",
            "Chorrillo",
            "ño",
            "ñ",
            "o ñ",
            "Darién",
            "zz",
            "abababababab",
        ];
        for text in texts {
            for needle in needles {
                let want: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
                assert_eq!(all(needle, text), want, "{needle:?} in {text:?}");
                assert_eq!(Needle::new(needle).is_in(text), text.contains(needle));
            }
        }
        assert_eq!(Needle::new("").find_in("abc", 2), Some(2));
        assert_eq!(Needle::new("").find_in("abc", 4), None);
        assert_eq!(Needle::new("c").find_in("abc", 5), None);
    }

    #[test]
    fn hostile_text_takes_linear_time() {
        // A naive search would compare about 10¹¹ bytes here.
        let text = "a".repeat(1_000_000);
        let needle = format!("{}b", "a".repeat(100_000));
        assert_eq!(Needle::new(&needle).find_in(&text, 0), None);
        let text = format!("{text}b");
        assert_eq!(Needle::new(&needle).find_in(&text, 0), Some(900_000));
    }
}
