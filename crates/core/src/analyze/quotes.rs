//! Quotations and their speakers.
use crate::model::{Mention, Quote, Sentence};

pub fn find(_text: &str, _sentences: &[Sentence], _mentions: &[Mention]) -> Vec<Quote> {
    Vec::new()
}
