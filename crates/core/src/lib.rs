//! crosscheck-core: the per-article analysis, stage by stage.
//!
//! Everything here is a function of its inputs: no files, no network, no
//! clock. [`analyze::analyze_document`] turns one [`model::Document`] into an
//! [`model::Analysis`]; `crosscheck-link` turns many analyses into a
//! [`model::Dossier`]. The shells around them (ingest, store, render, cli) do IO.

pub mod analyze;

// The model types live in `crosscheck-model`, sentence splitting in
// `crosscheck-text`; these names keep the paths callers use.
pub use crosscheck_model::*;
pub use crosscheck_model::{self as model, weights};
pub mod text {
    pub use crosscheck_text::sentences;
}

/// Version of the analysis: stored analyses made by another version are redone.
/// Bump the revision whenever an analyser's output changes.
pub const ANALYZER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+r22");
