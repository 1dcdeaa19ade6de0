//! The linking step of a distributed run: one process at a time brings the
//! dossier up to date with the store.
//!
//! Why a single linker and not linking inside each worker's transaction:
//! `crosscheck_core::link::Linker` is deterministic given the
//! documents in link order, but it looks at all of them (stories, claim
//! groups and origins span articles). Workers that each linked their own
//! batch would need a lock over the whole store for the whole link, and
//! would serialise on it. Instead workers only analyse and store (which
//! needs no coordination: every write is idempotent and keyed by content),
//! and linking runs when the queue is drained, under a lease in the store.
//! A dossier carries the size of the snapshot it was built from, and only a
//! larger snapshot may replace it, so a slow linker never puts an older
//! picture over a newer one.

//!
//! Linking is incremental: each worker keeps a [`LinkState`] (a
//! `crosscheck_core::link::Linker` and the ids it has folded, in link
//! order) for its life, and a link folds only the documents after the last
//! one it folded. Before folding it reads the store's link order (ids only)
//! and checks that what it folded is still the head of that order; when it
//! is not (a process that starts, a copy stored at a lower position later)
//! it starts again from empty. Either way the dossier is that of a linker
//! fed the store's documents in link order, which is what `analyze` builds.

use std::time::{Duration, Instant};

use crosscheck_core::{ANALYZER_VERSION, Dossier, link::Linker};
use crosscheck_store::{LinkPlace, Store, StoreError};

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
        /// Documents folded in by this link (all of them when it started
        /// from empty).
        added: usize,
        /// Reading the store.
        read: Duration,
        /// Linking (pure, in memory).
        link: Duration,
    },
}

/// A process's linker between links.
#[derive(Debug)]
pub struct LinkState {
    linker: Linker,
    folded: Vec<String>,
    last: Option<LinkPlace>,
    /// How many documents a fold reads from the store before adding them.
    page: usize,
}

impl Default for LinkState {
    fn default() -> Self {
        LinkState::paged(PAGE)
    }
}

impl LinkState {
    /// An empty state that folds `page` documents at a time (at least one).
    pub fn paged(page: usize) -> Self {
        LinkState {
            linker: Linker::default(),
            folded: Vec::new(),
            last: None,
            page: page.max(1),
        }
    }

    /// How many documents this state has folded.
    pub fn len(&self) -> usize {
        self.folded.len()
    }

    /// Whether it has folded none.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

/// Brings the dossier up to every analysed document if it is behind and no
/// other process is linking. `holder` names this process in the lease.
pub async fn relink(
    store: &Store,
    holder: &str,
    state: &mut LinkState,
) -> Result<Relinked, StoreError> {
    let (_, analysed) = store.counts(ANALYZER_VERSION).await?;
    if store.dossier_generation().await? >= analysed {
        return Ok(Relinked::UpToDate);
    }
    if !store.take_link_lease(holder, LEASE).await? {
        return Ok(Relinked::Busy);
    }
    let linked = fold_and_save(store, state).await;
    // Given back even when linking failed, so that another may try.
    let dropped = store.drop_link_lease(holder).await;
    let linked = linked?;
    dropped?;
    Ok(linked)
}

async fn fold_and_save(store: &Store, state: &mut LinkState) -> Result<Relinked, StoreError> {
    let folded = fold(store, state).await?;
    let generation = i64::try_from(folded.documents).unwrap_or(i64::MAX);
    store.put_dossier_at(&folded.dossier, generation).await?;
    Ok(Relinked::Linked {
        documents: folded.documents,
        added: folded.added,
        read: folded.read,
        link: folded.link,
    })
}

/// What [`fold`] built.
#[derive(Debug)]
pub struct Folded {
    /// The dossier of every document folded so far.
    pub dossier: Dossier,
    /// How many documents it covers.
    pub documents: usize,
    /// How many this fold added (all of them when it started from empty).
    pub added: usize,
    /// Reading the store.
    pub read: Duration,
    /// Linking.
    pub link: Duration,
}

/// Folds the analysed documents `state` has not folded yet (all of them,
/// from empty, when what it folded is no longer the head of the store's
/// link order) and returns the dossier. Takes no lease and saves nothing:
/// for [`relink`], and for a process that is the store's only linker (the
/// server's ingest, which runs one at a time).
pub async fn fold(store: &Store, state: &mut LinkState) -> Result<Folded, StoreError> {
    let started = Instant::now();
    let order = store.link_order(ANALYZER_VERSION).await?;
    let still_head = order.len() >= state.folded.len()
        && order
            .iter()
            .zip(&state.folded)
            .all(|((id, _), folded)| id == folded);
    if !still_head {
        *state = LinkState::paged(state.page);
    }
    let mut read = started.elapsed();
    let mut link = Duration::ZERO;
    let mut added = 0;
    // Read and folded a page at a time: a large store's analyses are never
    // all in memory at once.
    loop {
        let started = Instant::now();
        let from = state.last.unwrap_or(LinkPlace::START);
        let page = store
            .linkable_page(ANALYZER_VERSION, from, state.page)
            .await?;
        read += started.elapsed();
        let Some(last) = page.last().map(|(place, _, _)| *place) else {
            break;
        };
        let full = page.len() == state.page;
        added += page.len();
        let started = Instant::now();
        // Linking is pure CPU work: off the async runtime's threads.
        on_blocking_thread(state, move |state| {
            for (_, doc, analysis) in page {
                state.linker.add(&doc, analysis);
                state.folded.push(doc.id);
            }
            state.last = Some(last);
        })
        .await;
        link += started.elapsed();
        if !full {
            break;
        }
    }
    let started = Instant::now();
    let dossier = on_blocking_thread(state, |state| state.linker.dossier()).await;
    link += started.elapsed();
    Ok(Folded {
        dossier,
        documents: state.len(),
        added,
        read,
        link,
    })
}

/// How many documents a fold reads from the store before adding them, by
/// default: enough that a page's reading is cheap next to its linking, few
/// enough that a page's analyses take tens of megabytes.
const PAGE: usize = 2_000;

/// Runs `f` on the state on a thread for blocking work and puts the state back.
async fn on_blocking_thread<T: Send + 'static>(
    state: &mut LinkState,
    f: impl FnOnce(&mut LinkState) -> T + Send + 'static,
) -> T {
    let mut taken = std::mem::take(state);
    let done = tokio::task::spawn_blocking(move || {
        let out = f(&mut taken);
        (taken, out)
    })
    .await;
    match done {
        Ok((taken, out)) => {
            *state = taken;
            out
        }
        // A panic in linking is a bug; surface it in this process as one.
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
