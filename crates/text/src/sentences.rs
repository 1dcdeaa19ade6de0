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

/// Words that open a sentence after an initialism that ended the one
/// before ("… moved to the U.S. He then …"); any other capitalised word
/// continues a name ("the U.S. Department of Commerce", "U.N. Secretary-General").
const SENTENCE_OPENERS: &[&str] = &[
    "A", "After", "All", "Also", "An", "And", "As", "At", "But", "By", "For", "He", "Her", "His",
    "How", "I", "If", "In", "It", "Its", "No", "Not", "On", "Once", "One", "Our", "She", "So",
    "Some", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "To", "We",
    "What", "When", "Where", "While", "Who", "Why", "With", "Yet", "You",
];

/// Whether `word` is an initialism written with periods ("U.S.", "U.N.").
fn is_dotted_initialism(word: &str) -> bool {
    let letters: Vec<&str> = word.split('.').collect();
    letters.len() >= 3
        && letters.last() == Some(&"")
        && letters[..letters.len() - 1]
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase))
}

/// `sentencex` ends a sentence at "U.S." before any capitalised word; the
/// pieces are joined back where the word after it is not one that opens a
/// sentence, so "the U.S. Department of Commerce said" stays one
/// sentence and its name one name. The pieces are sub-slices of `block`,
/// and so are the joined ones.
fn rejoin_initialisms<'a>(block: &'a str, pieces: Vec<&'a str>) -> Vec<&'a str> {
    let base = block.as_ptr() as usize;
    let mut out: Vec<&'a str> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let next_word = piece
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let continues = next_word.chars().next().is_some_and(char::is_uppercase)
            && !SENTENCE_OPENERS.contains(&next_word);
        match out.last_mut() {
            Some(last)
                if continues
                    && last
                        .split_whitespace()
                        .last()
                        .is_some_and(is_dotted_initialism) =>
            {
                let start = last.as_ptr() as usize - base;
                let end = piece.as_ptr() as usize - base + piece.len();
                *last = &block[start..end];
            }
            _ => out.push(piece),
        }
    }
    out
}

/// Splits `text` into sentences with offsets and paragraph indices.
/// Analysis fields (attribution, modality, ...) are left at their defaults.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        let block = &text[para.start..para.end];
        for piece in rejoin_initialisms(block, sentencex::segment("en", block)) {
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
    fn an_initialism_before_a_name_does_not_end_the_sentence() {
        let text = "According to the U.S. Department of Commerce, exports rose. The firm moved to the U.S. Its owner said so.";
        let s = split(text);
        assert_eq!(s.len(), 3, "{s:#?}");
        assert!(s[0].text.ends_with("exports rose."), "{s:#?}");
        assert_eq!(s[1].text, "The firm moved to the U.S.");
        assert!(
            is_dotted_initialism("U.K.")
                && !is_dotted_initialism("Mr.")
                && !is_dotted_initialism("U.S")
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "The ministry said on Tuesday that the number of people killed\nhad risen to twelve across the country.";
        let s = split(text);
        assert_eq!(s.len(), 1, "{s:#?}");
    }
}
