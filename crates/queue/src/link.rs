//! The linking step of a distributed run: one process at a time brings the
//! dossier up to date with the store.
//!
//! Why a single linker and not linking inside each worker's transaction:
//! `crosscheck_link::Linker` is deterministic given the
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
//! `crosscheck_link::Linker` and the ids it has folded, in link
//! order) for its life, and a link folds only the documents after the last
//! one it folded. Before folding it reads the store's link order (ids only)
//! and checks that what it folded is still the head of that order; when it
//! is not (a process that starts, a copy stored at a lower position later)
//! it starts again from empty. Either way the dossier is that of a linker
//! fed the store's documents in link order, which is what `analyze` builds.

use std::time::{Duration, Instant};

use crosscheck_core::{ANALYZER_VERSION, StoryPart};
use crosscheck_link::Linker;
use crosscheck_store::{LinkPlace, Store, StoreError};

/// Why a link failed: the store, or the linker's spill file.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// Reading the analyses or saving the dossier failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The linker could not read back what it put in its spill file (see
    /// `crosscheck_link::Linker::spilling`).
    #[error("the linker's spill file (in the temporary folder) cannot be read back: {0}")]
    Spill(#[from] std::io::Error),
}

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
        /// Waiting for the store (see [`Folded::read`]).
        read: Duration,
        /// Linking (pure, in memory).
        link: Duration,
        /// Building the changed stories' parts and saving them.
        save: Duration,
        /// How many story parts were saved.
        stories: usize,
    },
}

/// A process's linker between links.
#[derive(Debug)]
pub struct LinkState {
    /// Its documents' ids, in link order, are the linker's
    /// ([`Linker::ids`]).
    linker: Linker,
    last: Option<LinkPlace>,
    /// How many documents a fold reads from the store before adding them.
    page: usize,
    /// The generation of this state's last save, while the store still
    /// holds every part the linker gave it (the next save then writes only
    /// the stories changed since).
    saved: Option<i64>,
}

impl Default for LinkState {
    fn default() -> Self {
        LinkState::paged(PAGE)
    }
}

impl LinkState {
    /// An empty state that folds `page` documents at a time (at least one).
    /// Its linker spills what story parts read of each document to an
    /// unnamed file in the temporary folder (removed when the state goes);
    /// where no such file can be made, it keeps that in memory.
    pub fn paged(page: usize) -> Self {
        let linker = tempfile::tempfile()
            .and_then(Linker::spilling)
            .unwrap_or_default();
        LinkState {
            linker,
            last: None,
            page: page.max(1),
            saved: None,
        }
    }

    /// How many documents this state has folded.
    pub fn len(&self) -> usize {
        self.linker.len()
    }

    /// Whether it has folded none.
    pub fn is_empty(&self) -> bool {
        self.linker.is_empty()
    }

    /// Its linker (for what it holds and where: `heap_bytes`,
    /// `spilled_bytes`, `spill_failure`).
    pub fn linker(&self) -> &Linker {
        &self.linker
    }
}

/// Brings the dossier up to every analysed document if it is behind and no
/// other process is linking. `holder` names this process in the lease.
pub async fn relink(
    store: &Store,
    holder: &str,
    state: &mut LinkState,
) -> Result<Relinked, LinkError> {
    // The lease first: counting the analysed documents reads the whole
    // store (over a second at a million articles), and a drained worker
    // asking again and again while another links took a core from it.
    if !store.take_link_lease(holder, LEASE).await? {
        return Ok(Relinked::Busy);
    }
    let linked = match up_to_date(store).await {
        Ok(true) => Ok(Relinked::UpToDate),
        Ok(false) => fold_and_save(store, state, &mut Lease::taken(holder)).await,
        Err(e) => Err(e.into()),
    };
    // Given back even when linking failed, so that another may try.
    let dropped = store.drop_link_lease(holder).await;
    let linked = linked?;
    dropped?;
    Ok(linked)
}

/// Whether the stored dossier covers every analysed document.
async fn up_to_date(store: &Store) -> Result<bool, StoreError> {
    let (_, analysed) = store.counts(ANALYZER_VERSION).await?;
    Ok(store.dossier_generation().await? >= analysed)
}

pub(crate) async fn fold_and_save(
    store: &Store,
    state: &mut LinkState,
    lease: &mut Lease<'_>,
) -> Result<Relinked, LinkError> {
    let folded = fold_under(store, state, Some(&mut *lease)).await?;
    if folded.lease_lost {
        // What was folded stays in the state for this process's next link.
        return Ok(Relinked::Busy);
    }
    let started = Instant::now();
    save_under(store, state, &folded, Some(lease)).await?;
    Ok(Relinked::Linked {
        documents: folded.documents,
        added: folded.added,
        read: folded.read,
        link: folded.link,
        save: started.elapsed(),
        stories: folded.stories.len(),
    })
}

/// Saves what [`fold`] built, by story: only the stories that changed when
/// the store still holds this state's last save, else every story. Parts
/// are built and written a chunk at a time ([`save_chunks`]) in one
/// transaction, so a large dossier is never whole in memory. Returns
/// whether it was saved (a save from a larger snapshot stays).
pub async fn save(
    store: &Store,
    state: &mut LinkState,
    folded: &Folded,
) -> Result<bool, LinkError> {
    save_under(store, state, folded, None).await
}

/// [`save`], renewing `lease` as it goes.
async fn save_under(
    store: &Store,
    state: &mut LinkState,
    folded: &Folded,
    mut lease: Option<&mut Lease<'_>>,
) -> Result<bool, LinkError> {
    let generation = i64::try_from(folded.documents).unwrap_or(i64::MAX);
    if folded.after == Some(generation) && folded.stories.is_empty() {
        // Nothing was added since this state's last save.
        return Ok(true);
    }
    let mut saved = write_parts(
        store,
        state,
        &folded.stories,
        generation,
        folded.after,
        lease.as_deref_mut(),
    )
    .await?;
    if !saved && folded.after.is_some() {
        // Another linker saved in between: lay down every story instead.
        let all: Vec<usize> = (0..state.linker.stories()).collect();
        saved = write_parts(store, state, &all, generation, None, lease).await?;
    }
    // A refused save leaves the store with parts this state did not write.
    state.saved = saved.then_some(generation);
    Ok(saved)
}

/// How many story parts a save builds and writes at a time, at most.
pub const PARTS_AT_ONCE: usize = 256;

/// How many documents the story parts a save builds at a time may cover
/// (a story larger than this is built alone, and neither built nor written
/// beside another chunk; otherwise two chunks are held at once, one written
/// while the next is built). At a million articles 256 stories of a few
/// thousand documents each took 5 GB at once.
pub const DOCUMENTS_AT_ONCE: usize = 10_000;

/// `stories` cut into the chunks a save builds and writes together: at most
/// [`PARTS_AT_ONCE`] stories and, past the first, [`DOCUMENTS_AT_ONCE`]
/// documents each.
fn save_chunks(stories: &[usize], story_len: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut documents = 0;
    for &s in stories {
        let len = story_len(s);
        match chunks.last_mut() {
            Some(chunk) if chunk.len() < PARTS_AT_ONCE && documents + len <= DOCUMENTS_AT_ONCE => {
                chunk.push(s);
                documents += len;
            }
            _ => {
                chunks.push(vec![s]);
                documents = len;
            }
        }
    }
    chunks
}

async fn write_parts(
    store: &Store,
    state: &mut LinkState,
    stories: &[usize],
    generation: i64,
    after: Option<i64>,
    mut lease: Option<&mut Lease<'_>>,
) -> Result<bool, LinkError> {
    let globals = on_blocking_thread(state, |state| state.linker.globals()).await;
    let Some(mut writer) = store.begin_parts(&globals, generation, after).await? else {
        return Ok(false);
    };
    drop(globals);
    let chunk_len = |state: &LinkState, chunk: &[usize]| -> usize {
        chunk.iter().map(|&s| state.linker.story_len(s)).sum()
    };
    let mut chunks = save_chunks(stories, |s| state.linker.story_len(s)).into_iter();
    let Some(first) = chunks.next() else {
        writer.commit().await?;
        return Ok(true);
    };
    let mut large = chunk_len(state, &first) > DOCUMENTS_AT_ONCE;
    let mut parts = build(state, first).await?;
    // The next chunk is built while this one is encoded and written, so
    // that building (this process) and writing (mostly the database) run
    // side by side, unless either is a story larger than a chunk: such a
    // story's part is written alone, so that at most one is held.
    loop {
        let Some(chunk) = chunks.next() else {
            writer.write(parts).await?;
            break;
        };
        let next_large = chunk_len(state, &chunk) > DOCUMENTS_AT_ONCE;
        let next = if large || next_large {
            writer.write(parts).await?;
            build(state, chunk).await?
        } else {
            let (written, next) = tokio::join!(writer.write(parts), build(state, chunk));
            written?;
            next?
        };
        if let Some(lease) = lease.as_deref_mut() {
            // A save lost to another linker is still guarded by the
            // generations; renewing only keeps a second linker from starting.
            lease.keep(store).await?;
        }
        parts = next;
        large = next_large;
    }
    writer.commit().await?;
    Ok(true)
}

/// What [`fold`] did.
#[derive(Debug)]
pub struct Folded {
    /// The stories that changed since `after` (every story when `after`
    /// is `None`): what [`save`] writes.
    pub stories: Vec<usize>,
    /// The generation of the save these stories are laid over.
    pub after: Option<i64>,
    /// How many documents it covers.
    pub documents: usize,
    /// How many this fold added (all of them when it started from empty).
    pub added: usize,
    /// Waiting for the store: the first page, and any later page that took
    /// longer to read than the page before it to link.
    pub read: Duration,
    /// Linking.
    pub link: Duration,
    /// The link's lease was taken by another process before the fold was
    /// done: it stopped after the page it had folded, and saves nothing.
    pub lease_lost: bool,
}

/// Folds the analysed documents `state` has not folded yet (all of them,
/// from empty, when what it folded is no longer the head of the store's
/// link order) and returns the stories to save. Takes no lease and saves nothing:
/// for [`relink`], and for a process that is the store's only linker (the
/// server's ingest, which runs one at a time).
pub async fn fold(store: &Store, state: &mut LinkState) -> Result<Folded, StoreError> {
    fold_under(store, state, None).await
}

/// [`fold`], renewing `lease` after every page: stops early (`lease_lost`)
/// when another process has taken it.
async fn fold_under(
    store: &Store,
    state: &mut LinkState,
    mut lease: Option<&mut Lease<'_>>,
) -> Result<Folded, StoreError> {
    let started = Instant::now();
    let order = store.link_order(ANALYZER_VERSION).await?;
    let still_head = order.len() >= state.len()
        && order
            .iter()
            .zip(state.linker.ids())
            .all(|((id, _), folded)| id == folded);
    if !still_head {
        *state = LinkState::paged(state.page);
    }
    let mut read = started.elapsed();
    let mut link = Duration::ZERO;
    let mut added = 0;
    let mut lease_lost = false;
    let size = state.page;
    // Read and folded a page at a time: a large store's analyses are never
    // all in memory at once. The next page is read while this one is
    // linked (reading is the database's work and the wire's, linking one
    // core's), so at most two pages are held.
    let timed_read = |from: LinkPlace| async move {
        let started = Instant::now();
        let page = store.linkable_page(ANALYZER_VERSION, from, size).await;
        (page, started.elapsed())
    };
    let (mut page, first) = timed_read(state.last.unwrap_or(LinkPlace::START)).await;
    read += first;
    loop {
        let current = page?;
        let Some(last) = current.last().map(|(place, _, _)| *place) else {
            break;
        };
        let full = current.len() == size;
        added += current.len();
        let started = Instant::now();
        // Linking is pure CPU work: off the async runtime's threads.
        let linking = on_blocking_thread(state, move |state| {
            let started = Instant::now();
            for (_, doc, analysis) in current {
                state.linker.add(&doc, analysis);
            }
            state.last = Some(last);
            started.elapsed()
        });
        let (took, next) = if full {
            let (took, (next, _)) = tokio::join!(linking, timed_read(last));
            (took, Some(next))
        } else {
            (linking.await, None)
        };
        link += took;
        // Only the wait for the next page beyond the linking counts as reading.
        read += started.elapsed().saturating_sub(took);
        if let Some(lease) = lease.as_deref_mut()
            && !lease.keep(store).await?
        {
            lease_lost = true;
            break;
        }
        match next {
            Some(next) => page = next,
            None => break,
        }
    }
    // Over this state's last save, only what changed since; else all. (A
    // fold that lost its lease saves nothing: the changes stay marked for
    // the next one.)
    let after = state.saved;
    let stories = if lease_lost {
        Vec::new()
    } else {
        state.linker.take_changed(after.is_none())
    };
    Ok(Folded {
        stories,
        after,
        documents: state.len(),
        added,
        read,
        link,
        lease_lost,
    })
}

/// A link's hold on the store's link lease, renewed while the link runs: a
/// link of a large store takes longer than [`LEASE`] (a million articles:
/// over half an hour), and a lease left to run out lets a second worker
/// start the same link beside the first, which doubles the memory and the
/// work for nothing (seen at a million articles: two linkers, 14.7 + 4.8 GB).
#[derive(Debug)]
pub(crate) struct Lease<'a> {
    holder: &'a str,
    renewed: Instant,
}

impl<'a> Lease<'a> {
    /// The lease `holder` has just taken.
    pub(crate) fn taken(holder: &'a str) -> Self {
        Lease {
            holder,
            renewed: Instant::now(),
        }
    }

    /// A lease due for renewal at its first page (for tests).
    #[cfg(test)]
    pub(crate) fn due(holder: &'a str) -> Self {
        Lease {
            holder,
            renewed: Instant::now()
                .checked_sub(LEASE)
                .unwrap_or_else(Instant::now),
        }
    }

    /// Renews the lease once a quarter of it has passed; false when another
    /// process holds it now.
    pub(crate) async fn keep(&mut self, store: &Store) -> Result<bool, StoreError> {
        if self.renewed.elapsed() < LEASE / 4 {
            return Ok(true);
        }
        let kept = store.take_link_lease(self.holder, LEASE).await?;
        self.renewed = Instant::now();
        Ok(kept)
    }
}

/// How many documents a fold reads from the store before adding them, by
/// default: enough that a page's reading is cheap next to its linking, few
/// enough that a page's analyses take tens of megabytes.
const PAGE: usize = 2_000;

/// The story parts of `chunk`, built off the async runtime's threads.
async fn build(state: &mut LinkState, chunk: Vec<usize>) -> std::io::Result<Vec<StoryPart>> {
    on_blocking_thread(state, move |state| state.linker.story_parts(&chunk)).await
}

/// Runs `f` on the state on a thread for blocking work and puts the state back.
async fn on_blocking_thread<T: Send + 'static>(
    state: &mut LinkState,
    f: impl FnOnce(&mut LinkState) -> T + Send + 'static,
) -> T {
    // What stands in meanwhile holds nothing (and no spill file).
    let stand_in = LinkState {
        linker: Linker::new(),
        last: None,
        page: state.page,
        saved: None,
    };
    let mut taken = std::mem::replace(state, stand_in);
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

#[cfg(test)]
mod chunk_tests {
    use super::{DOCUMENTS_AT_ONCE, PARTS_AT_ONCE, save_chunks};

    #[test]
    fn saves_are_cut_by_stories_and_by_documents() {
        let small: Vec<usize> = (0..PARTS_AT_ONCE + 1).collect();
        let chunks = save_chunks(&small, |_| 1);
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].len(), PARTS_AT_ONCE);
        // A story larger than the limit is built alone; the others fill up
        // to the limit.
        let half = DOCUMENTS_AT_ONCE / 2;
        let lens = [half, half, 1, 3 * DOCUMENTS_AT_ONCE, half];
        let chunks = save_chunks(&[0, 1, 2, 3, 4], |s| lens[s]);
        assert_eq!(chunks, vec![vec![0, 1], vec![2], vec![3], vec![4]]);
        assert!(save_chunks(&[], |_| 1).is_empty());
    }
}
