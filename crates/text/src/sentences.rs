//! Paragraphs and sentences, with byte offsets into the document text.
//!
//! Sentence boundaries come from `sentencex` (abbreviations, initials, quotes);
//! this module only decides what a paragraph is and keeps offsets exact.

use crosscheck_model::Sentence;

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

/// The longest sentence kept whole, in bytes: news sentences run to a few
/// hundred. Text without sentence ends (a list, a transcript, generated junk)
/// would otherwise be one "sentence" of any length, and what is done per
/// sentence (clauses, their context in the dossier) would grow with its
/// square.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// `body` cut into pieces of at most [`MAX_SENTENCE_BYTES`] (each with its
/// offset in `body`), at a clause seam (`;`, `,`, a dash) in the last third
/// of the window where there is one, else at a space, else at a character
/// boundary. A body within the limit is one piece.
fn pieces(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while body.len() - at > MAX_SENTENCE_BYTES {
        let window_end = (at..=at + MAX_SENTENCE_BYTES)
            .rev()
            .find(|&i| body.is_char_boundary(i))
            .unwrap_or(body.len());
        let window = &body[at..window_end];
        let floor = window.len() * 2 / 3;
        let cut = ["; ", ", ", " — ", " – "]
            .iter()
            .filter_map(|seam| window.rfind(seam).map(|i| i + seam.trim_end().len()))
            .max()
            .filter(|&i| i >= floor)
            .or_else(|| window.rfind(' ').filter(|&i| i >= floor))
            .unwrap_or(window.len());
        let piece = window[..cut].trim_end();
        if !piece.is_empty() {
            out.push((at, piece));
        }
        at += cut;
        at += body[at..].len() - body[at..].trim_start().len();
    }
    if at < body.len() {
        out.push((at, &body[at..]));
    }
    out
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
            for (at, piece) in pieces(body) {
                out.push(Sentence {
                    index: out.len(),
                    start: start + at,
                    end: start + at + piece.len(),
                    text: piece.to_string(),
                    paragraph: pi,
                    ..Sentence::default()
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_sentence_ends_is_cut_into_bounded_pieces() {
        let words: Vec<String> = (0..3_000).map(|i| format!("word{i}")).collect();
        let mut text = words.join(" ");
        text.insert_str(1_500, "; ");
        let s = split(&text);
        assert!(s.len() > 10, "{}", s.len());
        for sent in &s {
            assert!(sent.text.len() <= MAX_SENTENCE_BYTES, "{}", sent.text.len());
            assert_eq!(&text[sent.start..sent.end], sent.text);
            assert!(!sent.text.starts_with(' ') && !sent.text.ends_with(' '));
        }
        // Nothing is lost between the pieces but the spaces where they were cut.
        let joined: String = s.iter().map(|x| x.text.replace(' ', "")).collect();
        assert_eq!(joined, text.replace(' ', ""));
        // Multi-byte text without spaces is cut on character boundaries.
        let s = split(&"é".repeat(5_000));
        assert!(s.iter().all(|x| x.text.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(s.iter().map(|x| x.text.len()).sum::<usize>(), 10_000);
    }

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
