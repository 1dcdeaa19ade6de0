//! crosscheck-claims: what one article claims and how.
//!
//! - [`lexicon`]: the stance cue phrases (hedges, denials, rejections,
//!   reporting verbs, negation) and the patterns the frames read.
//! - [`modality`]: who each sentence credits (attribution) and how it
//!   commits to what it says (asserted, hedged, conditional, question,
//!   prediction).
//! - [`claims`]: the clauses of each sentence that carry a proposition,
//!   with their frame (who says it), stance and content keys.

pub mod claims;
pub mod lexicon;
pub mod modality;

#[cfg(test)]
pub(crate) mod test_support;
