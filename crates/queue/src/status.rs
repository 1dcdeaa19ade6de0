//! Progress for the user: what `crosscheck status` shows, gathered from the
//! queue (depth) and the store (documents, dossier, workers, failures).

use crosscheck_core::ANALYZER_VERSION;
use crosscheck_store::{Failure, Store, WorkerRow};

use crate::{Depth, Queue};

/// A worker is shown as gone when it has not reported for this long
/// (workers report at least every two seconds while alive).
pub const GONE_AFTER_MS: i64 = 10_000;

/// Everything `status` shows.
#[derive(Debug, Clone)]
pub struct Status {
    /// The queue's state, or why it could not be read.
    pub depth: Result<Depth, String>,
    /// Documents stored.
    pub documents: i64,
    /// Documents analysed by this analyzer version.
    pub analysed: i64,
    /// Analysed documents the stored dossier covers.
    pub dossier_covers: i64,
    /// Every worker that reported to this store.
    pub workers: Vec<WorkerRow>,
    /// Failures recorded in all.
    pub failures_total: i64,
    /// The latest failures, newest first.
    pub failures: Vec<Failure>,
}

impl Status {
    /// Articles per second of a worker over its life (0 before a second has passed).
    pub fn rate(worker: &WorkerRow) -> f64 {
        let seconds = (worker.seen - worker.started) as f64 / 1000.0;
        if seconds < 1.0 {
            0.0
        } else {
            worker.processed as f64 / seconds
        }
    }

    /// Whether a worker reported recently enough to be running, as of `now_ms`.
    pub fn alive(worker: &WorkerRow, now_ms: i64) -> bool {
        now_ms - worker.seen < GONE_AFTER_MS
    }
}

/// Reads the queue's depth and the store's progress. A queue that cannot be
/// read is shown as such (the store's side is still worth seeing); a store
/// that cannot be read is an error.
pub async fn gather(
    queue: Option<&Queue>,
    store: &Store,
    failures: i64,
) -> Result<Status, crosscheck_store::StoreError> {
    let depth = match queue {
        Some(q) => q.depth().await.map_err(|e| e.to_string()),
        None => Err("not connected".to_string()),
    };
    let (documents, analysed) = store.counts(ANALYZER_VERSION).await?;
    let dossier_covers = store.dossier_generation().await?;
    let workers = store.workers().await?;
    let (failures_total, failures) = store.failures(failures).await?;
    Ok(Status {
        depth,
        documents,
        analysed,
        dossier_covers,
        workers,
        failures_total,
        failures,
    })
}
