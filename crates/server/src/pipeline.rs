//! Adding articles: the same pipeline as `crosscheck analyze`, run by the server.
//!
//! Articles sent to the API are read by crosscheck-ingest exactly as files
//! given to `analyze` are: a JSON article becomes one line of a JSONL file, an
//! uploaded file keeps its extension, both in a private temporary folder, so
//! formats, metadata, limits and the reasons for skipping are the same. Then,
//! as in `analyze`: store the new documents, analyse those without an analysis
//! of this analyzer version, link the whole store into a dossier and store it.

use std::path::Path;

use crosscheck_core::{ANALYZER_VERSION, Analysis, Document, Dossier};
use crosscheck_ingest::{Options, Skipped, Source};
use crosscheck_store::{Store, StoreError};

/// What one ingest did.
#[derive(Debug, Default)]
pub(crate) struct Added {
    /// Documents read from the input.
    pub read: usize,
    /// Of those, documents that were not stored before.
    pub new: usize,
    /// The ids of the documents read (new or known), in input order.
    pub ids: Vec<String>,
    /// Inputs or records that could not be read, with the reason.
    pub skipped: Vec<Skipped>,
}

/// An input to read: a name to show and the file it was written to.
pub(crate) struct Input<'a> {
    pub name: String,
    pub path: &'a Path,
}

/// Reads the inputs with crosscheck-ingest; documents take the input's name
/// as their path (for JSONL, with the line number). Blocking: call it from a
/// blocking task.
pub(crate) fn read_inputs(inputs: &[Input<'_>], max_bytes: u64) -> (Vec<Document>, Vec<Skipped>) {
    let opts = Options { max_bytes };
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let tmp_name = input.path.display().to_string();
        let rename = |path: &str| path.replacen(&tmp_name, &input.name, 1);
        let (mut read, skips) =
            crosscheck_ingest::read(&Source::File(input.path.to_path_buf()), &opts);
        for doc in &mut read {
            doc.path = rename(&doc.path);
        }
        docs.extend(read);
        skipped.extend(skips.into_iter().map(|s| Skipped {
            path: rename(&s.path),
            reason: s.reason,
        }));
    }
    (docs, skipped)
}

/// Stores `docs` and, when any is new (or no dossier is stored yet), brings
/// the analyses and the dossier up to date. Returns the new dossier, or
/// `None` when nothing changed.
pub(crate) async fn add_documents(
    store: &Store,
    docs: Vec<Document>,
    added: &mut Added,
) -> Result<Option<Dossier>, PipelineError> {
    added.read += docs.len();
    added.ids.extend(docs.iter().map(|d| d.id.clone()));
    added.new += store.put_documents(&docs).await?;
    if added.new == 0 && store.dossier().await?.is_some() {
        return Ok(None);
    }
    let dossier = relink(store).await?;
    Ok(Some(dossier))
}

/// Analyses the stored documents that lack an analysis of this version, then
/// links every stored document into a dossier and stores it.
pub(crate) async fn relink(store: &Store) -> Result<Dossier, PipelineError> {
    let all = store.documents().await?;
    let mut cached: std::collections::HashMap<String, Analysis> = store
        .analyses(ANALYZER_VERSION)
        .await?
        .into_iter()
        .map(|a| (a.doc.clone(), a))
        .collect();
    let todo: Vec<Document> = all
        .iter()
        .filter(|d| !cached.contains_key(&d.id))
        .cloned()
        .collect();
    let fresh = tokio::task::spawn_blocking(move || {
        todo.iter()
            .map(crosscheck_core::analyze::analyze_document)
            .collect::<Vec<_>>()
    })
    .await?;
    store.put_analyses(ANALYZER_VERSION, &fresh).await?;
    cached.extend(fresh.into_iter().map(|a| (a.doc.clone(), a)));
    let analyses: Vec<Analysis> = all.iter().filter_map(|d| cached.remove(&d.id)).collect();
    let dossier =
        tokio::task::spawn_blocking(move || crosscheck_core::link::build_dossier(&all, &analyses))
            .await?;
    store.put_dossier(&dossier).await?;
    Ok(dossier)
}

/// Why an ingest failed (the environment, never the articles).
#[derive(Debug, thiserror::Error)]
pub(crate) enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the analysis task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}
