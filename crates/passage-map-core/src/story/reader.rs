//! The reader view's text model: a whole article, paragraph by paragraph and verbatim,
//! each paragraph knowing the passages that quote it, and every mention of a place inside
//! those quotes a run linked to the place — so text and map link both ways at the level
//! of each mention.

use crate::find::Needle;

use super::articles::{body, paragraphs};
use super::highlight::runs;
use super::{Passage, Story};

/// A run of a paragraph: plain text, or a mention linked to a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderRun {
    /// Verbatim article text.
    pub text: String,
    /// The places the mention names (several where one phrase names several, "three
    /// former US bases"); empty for plain text.
    pub places: Vec<String>,
}

/// One paragraph (one non-empty line of the article body, trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderParagraph {
    /// Concatenated, the paragraph exactly.
    pub runs: Vec<ReaderRun>,
    /// Ids of the passages quoted (wholly or in part) in this paragraph, in file order.
    pub passages: Vec<String>,
}

/// A linked mention: byte range in the paragraph and the places it names.
struct Link<'s> {
    start: usize,
    end: usize,
    places: Vec<&'s str>,
}

/// Byte offset of `inner` in `outer`; `inner` must be a slice of `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// The mentions of `passage` inside `text` (the part of a paragraph its quote covers),
/// with their offsets shifted by `at`. Where several places share one mention ("three
/// former US bases"), the link names them all, in the passage's order.
fn links_in<'s>(passage: &'s Passage, text: &str, at: usize, out: &mut Vec<Link<'s>>) {
    // Plain loops rather than iterator chains here and below: less code, same work.
    let mut mentions = Vec::with_capacity(passage.places.len());
    for m in &passage.places {
        mentions.push(m.mention.as_str());
    }
    let mut pos = at;
    for run in runs(text, &mentions) {
        if run.mark {
            let mut places = Vec::new();
            for m in &passage.places {
                if m.mention == run.text {
                    places.push(m.place.as_str());
                }
            }
            if !places.is_empty() {
                out.push(Link { start: pos, end: pos + run.text.len(), places });
            }
        }
        pos += run.text.len();
    }
}

/// Plain and linked runs of `paragraph`; overlapping links (from passages that overlap)
/// resolve as in [`runs`]: leftmost first, the longest where several start together.
fn paragraph_runs(paragraph: &str, mut links: Vec<Link<'_>>) -> Vec<ReaderRun> {
    crate::sort::sort_by_key(&mut links, |l| (l.start, std::cmp::Reverse(l.end)));
    let mut out = Vec::new();
    let mut done = 0;
    for link in links {
        if link.start >= link.end || link.start < done {
            continue;
        }
        if done < link.start {
            out.push(ReaderRun { text: paragraph[done..link.start].to_owned(), places: Vec::new() });
        }
        let mut places = Vec::with_capacity(link.places.len());
        for p in &link.places {
            places.push((*p).to_owned());
        }
        out.push(ReaderRun { text: paragraph[link.start..link.end].to_owned(), places });
        done = link.end;
    }
    if done < paragraph.len() {
        out.push(ReaderRun { text: paragraph[done..].to_owned(), places: Vec::new() });
    }
    out
}

impl Story {
    /// What the reader view shows for the article `article`, given its file's full text
    /// (metadata block and all): one [`ReaderParagraph`] per non-empty line of the body.
    ///
    /// A passage belongs to every paragraph that holds (part of) one of its quote's
    /// occurrences in the body; inside that part, every occurrence of the passage's
    /// mentions is a run linked to its place. All other text is plain.
    pub fn reader_paragraphs(&self, article: &str, text: &str) -> Vec<ReaderParagraph> {
        let body = body(text);
        // Byte ranges of every quote occurrence in the body, with its passage.
        let mut quoted: Vec<(usize, usize, &Passage)> = Vec::new();
        for p in &self.passages {
            if p.article == article && !p.quote.is_empty() {
                let quote = Needle::new(&p.quote);
                let mut from = 0;
                while let Some(at) = quote.find_in(body, from) {
                    from = at + quote.len();
                    quoted.push((at, from, p));
                }
            }
        }
        let paragraphs = paragraphs(text);
        let mut out = Vec::with_capacity(paragraphs.len());
        for (_, paragraph) in paragraphs {
            let (start, end) = (offset_in(body, paragraph), offset_in(body, paragraph) + paragraph.len());
            let mut passages: Vec<String> = Vec::new();
            let mut links = Vec::new();
            for &(q_start, q_end, p) in &quoted {
                if q_start >= end || q_end <= start {
                    continue;
                }
                let (from, to) = (q_start.max(start) - start, q_end.min(end) - start);
                links_in(p, &paragraph[from..to], from, &mut links);
                if !passages.contains(&p.id) {
                    passages.push(p.id.clone());
                }
            }
            out.push(ReaderParagraph { runs: paragraph_runs(paragraph, links), passages });
        }
        out
    }
}
