//! crosscheck-core: the model types and the per-article analysis.
//!
//! Everything here is a function of its inputs: no files, no network, no
//! clock. [`analyze::analyze_document`] turns one [`model::Document`] into an
//! [`model::Analysis`]; `crosscheck-link` turns many analyses into a
//! [`model::Dossier`]. The shells around them (ingest, store, render, cli) do IO.

pub mod analyze;
pub mod model;
pub mod text;
pub mod weights;

pub use model::*;

/// Version of the analysis: stored analyses made by another version are redone.
/// Bump the revision whenever an analyser's output changes.
pub const ANALYZER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+r14");
