//! Text utilities shared by the analysers: sentence splitting, tokens, normalisation.
pub mod sentences;
