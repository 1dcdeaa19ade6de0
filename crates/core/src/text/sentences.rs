//! Paragraphs and sentences, with byte offsets into the document text.
//!
//! Sentence boundaries come from `sentencex` (abbreviations, initials, quotes);
//! this module only decides what a paragraph is and keeps offsets exact.

use crate::model::Sentence;

/// A block of text with its byte range in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into paragraphs: blank-line separated blocks, and lines that
/// end a sentence or stand alone (headlines, captions). A line that stops
/// mid-sentence and is followed by a lower-case line is a hard wrap, and is
/// joined with the next one.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cur: Option<Span> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(span) = cur.take() {
                out.push(span);
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span {
            start: start + lead,
            end: start + lead + trimmed.len(),
        };
        cur = Some(match cur {
            Some(prev) if is_hard_wrap(&text[prev.start..prev.end], trimmed) => Span {
                start: prev.start,
                end: span.end,
            },
            Some(prev) => {
                out.push(prev);
                span
            }
            None => span,
        });
    }
    out.extend(cur);
    out
}

fn is_hard_wrap(prev: &str, next: &str) -> bool {
    let ends_open = prev
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '('));
    let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && next_lower && prev.len() > 40
}

/// Splits `text` into sentences with offsets and paragraph indices.
/// Analysis fields (attribution, modality, ...) are left at their defaults.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        let block = &text[para.start..para.end];
        for piece in sentencex::segment("en", block) {
            // `segment` returns sub-slices of `block`: recover offsets exactly.
            let rel = piece.as_ptr() as usize - block.as_ptr() as usize;
            let lead = piece.len() - piece.trim_start().len();
            let body = piece.trim();
            if body.is_empty() {
                continue;
            }
            let start = para.start + rel + lead;
            out.push(Sentence {
                index: out.len(),
                start,
                end: start + body.len(),
                text: body.to_string(),
                paragraph: pi,
                ..Sentence::default()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_the_sentence_text() {
        let text = "First line here. Second one, said Mr. Smith.\n\nA new paragraph about U.S. troops.\nCaption line";
        let s = split(text);
        assert_eq!(s.len(), 4, "{s:#?}");
        for sent in &s {
            assert_eq!(&text[sent.start..sent.end], sent.text);
        }
        assert_eq!(s[1].text, "Second one, said Mr. Smith.");
        assert_eq!(s[2].paragraph, 1);
        assert_eq!(s[3].paragraph, 2);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "The ministry said on Tuesday that the number of people killed\nhad risen to twelve across the country.";
        let s = split(text);
        assert_eq!(s.len(), 1, "{s:#?}");
    }
}
