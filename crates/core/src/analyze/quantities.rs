//! Numbers, ranges and vague amounts with their units and qualifiers.
use crate::model::{Quantity, Sentence};

pub fn find(_text: &str, _sentences: &[Sentence]) -> Vec<Quantity> {
    Vec::new()
}
