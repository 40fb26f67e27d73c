//! Splits a quote into plain and highlighted runs, so that the card can mark every
//! mention of a place without ever treating story text as HTML.

/// A run of a quote; `mark` is true for a mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run<'a> {
    pub text: &'a str,
    pub mark: bool,
}

/// Splits `quote` at every occurrence of any of `mentions` (longest first where they
/// overlap at the same position). Empty mentions are ignored.
///
/// ```
/// use passage_map_core::story::highlight::{runs, Run};
/// let r = runs("El Chorrillo, near Quarry Heights", &["Quarry Heights", "El Chorrillo"]);
/// assert_eq!(r, vec![
///     Run { text: "El Chorrillo", mark: true },
///     Run { text: ", near ", mark: false },
///     Run { text: "Quarry Heights", mark: true },
/// ]);
/// ```
pub fn runs<'a>(quote: &'a str, mentions: &[&str]) -> Vec<Run<'a>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < quote.len() {
        let rest = &quote[i..];
        let hit = mentions.iter().filter(|m| !m.is_empty() && rest.starts_with(**m)).map(|m| m.len()).max();
        match hit {
            Some(len) => {
                if plain_from < i {
                    out.push(Run { text: &quote[plain_from..i], mark: false });
                }
                out.push(Run { text: &quote[i..i + len], mark: true });
                i += len;
                plain_from = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < quote.len() {
        out.push(Run { text: &quote[plain_from..], mark: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_occurrence_and_keeps_all_text() {
        let q = "CECOT is big. CECOT – in Tecoluca.";
        let r = runs(q, &["CECOT"]);
        assert_eq!(r.len(), 4);
        assert_eq!(r.iter().filter(|r| r.mark).count(), 2);
        assert_eq!(r.iter().map(|r| r.text).collect::<String>(), q);
    }

    #[test]
    fn no_mentions_is_one_plain_run() {
        assert_eq!(runs("Darién", &[]), vec![Run { text: "Darién", mark: false }]);
        assert!(runs("", &["x"]).is_empty());
    }

    #[test]
    fn longest_mention_wins_at_the_same_place() {
        let r = runs("Fort Sherman", &["Fort", "Fort Sherman"]);
        assert_eq!(r, vec![Run { text: "Fort Sherman", mark: true }]);
    }
}
