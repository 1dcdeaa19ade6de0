//! Helpers shared by the analysers' unit tests.

use crosscheck_model::{EntityKind, Mention, Sentence};

/// A mention of the `nth` occurrence of `word` in `text`, in the sentence
/// that holds it.
pub(crate) fn mention(
    text: &str,
    sentences: &[Sentence],
    word: &str,
    nth: usize,
    kind: EntityKind,
    canonical: &str,
) -> Mention {
    let start = text
        .match_indices(word)
        .nth(nth)
        .expect("the word is in the text")
        .0;
    let s = sentences
        .iter()
        .find(|s| s.start <= start && start < s.end)
        .expect("a sentence holds the word");
    Mention {
        sentence: s.index,
        start,
        end: start + word.len(),
        text: word.into(),
        kind,
        canonical: canonical.into(),
    }
}
