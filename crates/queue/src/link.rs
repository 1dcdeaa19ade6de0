//! The linking step of a distributed run: one process at a time rebuilds
//! the dossier from a consistent snapshot of the store.
//!
//! Why a single linker and not linking inside each worker's transaction:
//! `crosscheck_core::link::build_dossier` is deterministic given the
//! documents in link order, but it looks at all of them (stories, claim
//! groups and origins span articles). Workers that each linked their own
//! batch would need a lock over the whole store for the whole link, and
//! would serialise on it. Instead workers only analyse and store (which
//! needs no coordination: every write is idempotent and keyed by content),
//! and linking runs when the queue is drained, under a lease in the store.
//! A dossier carries the size of the snapshot it was built from, and only a
//! larger snapshot may replace it, so a slow linker never puts an older
//! picture over a newer one.

use std::time::{Duration, Instant};

use crosscheck_core::{ANALYZER_VERSION, link::build_dossier};
use crosscheck_store::{Store, StoreError};

/// How long a linker holds the lease before another may take it over (a
/// linker that died frees it when it runs out).
pub const LEASE: Duration = Duration::from_secs(15 * 60);

/// What [`relink`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relinked {
    /// The stored dossier already covers every analysed document.
    UpToDate,
    /// Another process holds the link lease.
    Busy,
    /// A dossier of `documents` analysed documents was built and saved.
    Linked {
        /// The snapshot's size.
        documents: usize,
        /// Reading the snapshot.
        read: Duration,
        /// Linking (pure, in memory).
        link: Duration,
    },
}

/// Rebuilds the dossier if it does not cover every analysed document and
/// no other process is linking. `holder` names this process in the lease.
pub async fn relink(store: &Store, holder: &str) -> Result<Relinked, StoreError> {
    let (_, analysed) = store.counts(ANALYZER_VERSION).await?;
    if store.dossier_generation().await? >= analysed {
        return Ok(Relinked::UpToDate);
    }
    if !store.take_link_lease(holder, LEASE).await? {
        return Ok(Relinked::Busy);
    }
    let linked = build_and_save(store).await;
    // Given back even when linking failed, so that another may try.
    let dropped = store.drop_link_lease(holder).await;
    let linked = linked?;
    dropped?;
    Ok(linked)
}

async fn build_and_save(store: &Store) -> Result<Relinked, StoreError> {
    let started = Instant::now();
    let snapshot = store.linkable(ANALYZER_VERSION).await?;
    let read = started.elapsed();
    let documents = snapshot.len();
    let started = Instant::now();
    // Linking is pure CPU work: off the async runtime's threads.
    let dossier = tokio::task::spawn_blocking(move || {
        let (docs, analyses): (Vec<_>, Vec<_>) = snapshot.into_iter().unzip();
        build_dossier(&docs, &analyses)
    })
    .await;
    let dossier = match dossier {
        Ok(dossier) => dossier,
        // A panic in linking is a bug; surface it in this process as one.
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    let link = started.elapsed();
    let generation = i64::try_from(documents).unwrap_or(i64::MAX);
    store.put_dossier_at(&dossier, generation).await?;
    Ok(Relinked::Linked {
        documents,
        read,
        link,
    })
}
