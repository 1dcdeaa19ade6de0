//! Per-article analysis: one [`Document`] in, one [`Analysis`] out. Pure.
//!
//! Order matters: sentences → boilerplate → entities → quantities, dates →
//! quotes → attribution, modality → claims. Each stage reads what the
//! earlier ones found.

pub mod boilerplate;
pub mod checkworthy;
pub mod claims;
pub mod dates;
pub mod entities;
pub mod lexicon;
pub mod modality;
pub mod quantities;
pub mod quotes;

#[cfg(test)]
pub(crate) mod test_support;

use crate::model::{Analysis, Document};
use crate::text::sentences;

/// Analyses one document.
pub fn analyze_document(doc: &Document) -> Analysis {
    let text = doc.text.as_str();
    let mut sentences = sentences::split(text);
    boilerplate::mark(text, &mut sentences, doc.author.as_deref());
    let mentions = entities::find(text, &sentences);
    let quantities = quantities::find(text, &sentences);
    let published = doc
        .published
        .as_deref()
        .and_then(|p| p.parse::<jiff::civil::Date>().ok());
    let dates = dates::find(text, &sentences, published);
    let quotes = quotes::find(text, &sentences, &mentions);
    modality::mark(&mut sentences, &mentions, &quotes);
    let claims = claims::extract(&sentences, &mentions, &quantities, &dates);
    Analysis {
        doc: doc.id.clone(),
        sentences,
        mentions,
        quantities,
        dates,
        quotes,
        claims,
    }
}
