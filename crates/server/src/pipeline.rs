//! Adding articles: the same pipeline as `crosscheck analyze`, run by the server.
//!
//! Articles sent to the API are read by crosscheck-ingest exactly as files
//! given to `analyze` are: a JSON article becomes one line of a JSONL file, an
//! uploaded file keeps its extension, both in a private temporary folder, so
//! formats, metadata, limits and the reasons for skipping are the same. Then,
//! as in `analyze`: store the new documents, analyse those without an analysis
//! of this analyzer version, fold them into the server's linker (which keeps
//! what it linked between ingests) and store the dossier.

use std::path::Path;

use crosscheck_core::analyze::{Limits, analyze_within};
use crosscheck_core::{ANALYZER_VERSION, Document, Dossier};
use crosscheck_ingest::{Options, Skipped, Source};
use crosscheck_queue::link::LinkState;
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
pub(crate) fn read_inputs(inputs: &[Input<'_>], opts: &Options) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let tmp_name = input.path.display().to_string();
        let rename = |path: &str| path.replacen(&tmp_name, &input.name, 1);
        let (mut read, skips) =
            crosscheck_ingest::read(&Source::File(input.path.to_path_buf()), opts);
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
    linker: &mut LinkState,
    docs: Vec<Document>,
    limits: &Limits,
    added: &mut Added,
) -> Result<Option<Dossier>, PipelineError> {
    added.read += docs.len();
    added.ids.extend(docs.iter().map(|d| d.id.clone()));
    added.new += store.put_documents(&docs).await?;
    if added.new == 0 && store.dossier().await?.is_some() {
        return Ok(None);
    }
    let (dossier, refused) = relink(store, linker, limits).await?;
    added.skipped.extend(refused);
    Ok(Some(dossier))
}

/// Analyses the stored documents that lack an analysis of this version (each
/// within `limits`), then folds what the server's linker has not seen yet
/// (the whole store, the first time) into the dossier and stores it. Returns
/// it with the documents the limits refused: they stay stored, out of the
/// dossier, recorded as skipped, and are tried again by the next ingest.
pub(crate) async fn relink(
    store: &Store,
    linker: &mut LinkState,
    limits: &Limits,
) -> Result<(Dossier, Vec<Skipped>), PipelineError> {
    let todo = store.unanalysed(ANALYZER_VERSION).await?;
    let limits = *limits;
    let results = tokio::task::spawn_blocking(move || {
        todo.iter()
            .map(|d| {
                analyze_within(d, &limits).map_err(|refused| Skipped {
                    path: d.path.clone(),
                    reason: refused.to_string(),
                })
            })
            .collect::<Vec<_>>()
    })
    .await?;
    let (mut fresh, mut refused) = (Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok(a) => fresh.push(a),
            Err(skip) => refused.push(skip),
        }
    }
    for skip in &refused {
        store.put_skipped(&skip.path, &skip.reason).await?;
    }
    store.put_analyses(ANALYZER_VERSION, &fresh).await?;
    let folded = crosscheck_queue::link::fold(store, linker).await?;
    // Saved by story: an ingest rewrites the stories it touched.
    crosscheck_queue::link::save(store, linker, &folded).await?;
    Ok((store.dossier().await?.unwrap_or_default(), refused))
}

/// Why an ingest failed (the environment, never the articles).
#[derive(Debug, thiserror::Error)]
pub(crate) enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Link(#[from] crosscheck_queue::link::LinkError),
    #[error("the analysis task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}
