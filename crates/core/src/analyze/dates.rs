//! Date expressions, resolved against the publication date.
use crate::model::{DateMention, Sentence};

pub fn find(_text: &str, _sentences: &[Sentence], _published: Option<jiff::civil::Date>) -> Vec<DateMention> {
    Vec::new()
}
