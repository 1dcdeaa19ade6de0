//! crosscheck-text: a document's paragraphs and sentences with byte offsets
//! into its text ([`sentences`]), which of them are boilerplate
//! ([`boilerplate`]), and the per-sentence index the analysers share.

pub mod boilerplate;
pub mod sentences;

use crosscheck_model::Sentence;

/// How many per-sentence slots the sentences need (one past the largest
/// index).
pub fn sentence_count(sentences: &[Sentence]) -> usize {
    sentences.iter().map(|s| s.index + 1).max().unwrap_or(0)
}

/// The indices of the items of each sentence, in their order (an item whose
/// sentence is out of range is left out). Stages look up what a sentence
/// holds here: scanning every item per sentence made an article's cost grow
/// with its square.
pub fn by_sentence(n: usize, sentence_of: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); n];
    for (i, s) in sentence_of.enumerate() {
        if let Some(list) = out.get_mut(s) {
            list.push(i);
        }
    }
    out
}
