//! What distributed runs need from the store (`crosscheck worker`, `status`):
//! documents stored together with their analysis and their queue position,
//! a consistent snapshot to link from, a dossier that only a larger snapshot
//! may replace, a lease so that one process links at a time, and per-worker
//! progress and failures for `crosscheck status`.
//!
//! Why positions: linking clusters stories in document order, so the order
//! must not depend on which worker commits first. A worker stores each
//! document at the queue's sequence number of its message (the order the
//! articles were submitted in, which is the order `analyze` would store
//! them in), and the store reads documents back by `COALESCE(position, seq)`.
//! When the same text arrives twice, the copy with the lower position wins,
//! whatever order the commits came in, as `analyze` keeps the first copy.

use std::collections::HashSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crosscheck_model::{Analysis, Document, DossierGlobals, StoryPart};
use futures::TryStreamExt;
use sqlx::{Any, Row, Transaction};

use crate::{Store, StoreError, document_from_row};

const UPSERT_POSITIONED: &str = "INSERT INTO documents \
     (id, path, url, title, source, published, author, text, position) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
     ON CONFLICT (id) DO UPDATE SET path = excluded.path, url = excluded.url, \
     title = excluded.title, source = excluded.source, published = excluded.published, \
     author = excluded.author, position = excluded.position \
     WHERE documents.position IS NOT NULL AND excluded.position < documents.position";
const SELECT_LINK_ORDER: &str = "SELECT d.id, COALESCE(d.position, d.seq), d.seq \
     FROM documents d JOIN analyses a ON a.doc_id = d.id \
     WHERE a.version = $1 ORDER BY COALESCE(d.position, d.seq), d.seq";
const SELECT_LINKABLE_AFTER: &str = "SELECT d.id, d.path, d.url, d.title, d.source, \
     d.published, d.author, d.text, a.json, COALESCE(d.position, d.seq), d.seq \
     FROM documents d JOIN analyses a ON a.doc_id = d.id \
     WHERE a.version = $1 AND (COALESCE(d.position, d.seq) > $2 \
     OR (COALESCE(d.position, d.seq) = $2 AND d.seq > $3)) \
     ORDER BY COALESCE(d.position, d.seq), d.seq LIMIT $4";
const SELECT_UNANALYSED: &str = "SELECT d.id, d.path, d.url, d.title, d.source, d.published, \
     d.author, d.text FROM documents d \
     WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE a.doc_id = d.id AND a.version = $1) \
     ORDER BY COALESCE(d.position, d.seq), d.seq";
const COUNT_DOCUMENTS: &str = "SELECT COUNT(*) FROM documents";
const COUNT_ANALYSED: &str = "SELECT COUNT(*) FROM analyses a JOIN documents d ON d.id = a.doc_id \
     WHERE a.version = $1";
const SELECT_DOSSIER_GENERATION: &str = "SELECT generation FROM dossier WHERE id = 1";
/// A whole new set of parts: the globals, if the stored dossier comes from
/// a smaller snapshot.
const UPSERT_PARTED_AT: &str = "INSERT INTO dossier (id, json, generation, parted) \
     VALUES (1, $1, $2, 1) \
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, generation = excluded.generation, \
     parted = 1 WHERE dossier.generation < excluded.generation";
/// Parts over the saver's own last save: only if that is still what is
/// stored.
const UPDATE_PARTED_AFTER: &str = "UPDATE dossier SET json = $1, generation = $2 \
     WHERE id = 1 AND parted = 1 AND generation = $3 AND generation < $2";
const DELETE_PARTS: &str = "DELETE FROM dossier_parts";
const UPSERT_PART: &str = "INSERT INTO dossier_parts (story, json, packed) VALUES ($1, NULL, $2) \
     ON CONFLICT (story) DO UPDATE SET json = NULL, packed = excluded.packed";
const TAKE_LEASE: &str = "UPDATE link_lease SET holder = $1, expires = $2 \
     WHERE id = 1 AND (expires < $3 OR holder = $1)";
const DROP_LEASE: &str = "UPDATE link_lease SET holder = NULL, expires = 0 \
     WHERE id = 1 AND holder = $1";
const UPSERT_WORKER: &str = "INSERT INTO workers \
     (name, started, seen, processed, failed, retried, last_error) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) \
     ON CONFLICT (name) DO UPDATE SET started = excluded.started, seen = excluded.seen, \
     processed = excluded.processed, failed = excluded.failed, retried = excluded.retried, \
     last_error = excluded.last_error";
const SELECT_WORKERS: &str = "SELECT name, started, seen, processed, failed, retried, last_error \
     FROM workers ORDER BY name";
const INSERT_FAILURE: &str =
    "INSERT INTO failures (worker, item, reason, at) VALUES ($1, $2, $3, $4)";
const SELECT_FAILURES: &str =
    "SELECT worker, item, reason, at FROM failures ORDER BY seq DESC LIMIT $1";
const COUNT_FAILURES: &str = "SELECT COUNT(*) FROM failures";

/// A document's place in link order: its queue position (else its insert
/// sequence), then its insert sequence. [`LinkPlace::START`] comes before
/// every document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkPlace {
    pub key: i64,
    pub seq: i64,
}

impl LinkPlace {
    /// Before every document.
    pub const START: LinkPlace = LinkPlace {
        key: i64::MIN,
        seq: i64::MIN,
    };
}

/// One worker's progress as `crosscheck status` shows it. Times are Unix
/// milliseconds; counters are for the worker process's life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerRow {
    /// The worker's name (by default `host-pid`).
    pub name: String,
    /// When the process started.
    pub started: i64,
    /// When it last reported (after every batch, and while idle).
    pub seen: i64,
    /// Articles stored (redeliveries of stored articles included).
    pub processed: i64,
    /// Articles given up on (see [`Failure`]).
    pub failed: i64,
    /// Batches handed back to the queue after a transient error (database down...).
    pub retried: i64,
    /// The last error met, if any.
    pub last_error: Option<String>,
}

/// A work item given up on, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The worker that gave up.
    pub worker: String,
    /// What was given up on (the message's sequence number and, when known, the article's path).
    pub item: String,
    /// Why.
    pub reason: String,
    /// When (Unix milliseconds).
    pub at: i64,
}

/// Milliseconds since the Unix epoch (0 if the clock is before it).
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Store {
    /// Stores documents with their analyses (by analyzer `version`) and their
    /// queue positions, all in one transaction: after a crash either a
    /// document and its analysis are both stored or neither is. An item
    /// without an analysis (one already stored) only has its position
    /// checked. Idempotent: storing the same item again changes nothing, and
    /// of two copies of one text the one at the lower position is kept, in
    /// any commit order.
    pub async fn put_analyzed(
        &self,
        version: &str,
        items: &[(i64, &Document, Option<&Analysis>)],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        for (position, doc, analysis) in items {
            crate::bind_document(UPSERT_POSITIONED, doc)
                .bind(*position)
                .execute(&mut *tx)
                .await
                .map_err(self.query_err(|| format!("storing document {}", doc.id)))?;
            if let Some(analysis) = analysis {
                self.upsert_analysis(&mut *tx, version, analysis).await?;
            }
        }
        self.commit(tx).await
    }

    /// Which of `ids` already have an analysis by analyzer `version` (a
    /// redelivered or resubmitted article need not be analysed again).
    pub async fn analysed_among(
        &self,
        version: &str,
        ids: &[&str],
    ) -> Result<HashSet<String>, StoreError> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        // One statement per batch; the placeholders are numbered, never the values.
        let marks: Vec<String> = (2..ids.len() + 2).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT doc_id FROM analyses WHERE version = $1 AND doc_id IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(version);
        for id in ids {
            query = query.bind(*id);
        }
        let found: Vec<String> = query
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(|| "looking up stored analyses".to_string()))?;
        Ok(found.into_iter().collect())
    }

    /// Every analysed document with its analysis by analyzer `version`, in
    /// link order, read by one statement (one consistent snapshot while
    /// workers write). Its length is the snapshot's generation.
    pub async fn linkable(&self, version: &str) -> Result<Vec<(Document, Analysis)>, StoreError> {
        let all = self.linkable_after(version, LinkPlace::START).await?;
        Ok(all.into_iter().map(|(_, d, a)| (d, a)).collect())
    }

    /// The documents without an analysis by analyzer `version`, in link order.
    pub async fn unanalysed(&self, version: &str) -> Result<Vec<Document>, StoreError> {
        let action = || format!("reading documents not analysed by {version}");
        let mut rows = sqlx::query(SELECT_UNANALYSED)
            .bind(version)
            .fetch(&self.pool);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await.map_err(self.query_err(action))? {
            out.push(document_from_row(&row).map_err(self.query_err(action))?);
        }
        Ok(out)
    }

    /// The analysed documents' ids in link order, each with its place in
    /// that order ([`LinkPlace`]): cheap to read, so that an incremental
    /// linker can check that what it folded is still the head of the order.
    pub async fn link_order(&self, version: &str) -> Result<Vec<(String, LinkPlace)>, StoreError> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(SELECT_LINK_ORDER)
            .bind(version)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(|| format!("reading the link order (analyzer {version})")))?;
        Ok(rows
            .into_iter()
            .map(|(id, key, seq)| (id, LinkPlace { key, seq }))
            .collect())
    }

    /// The analysed documents after `place` in link order, with their
    /// analyses and places: what an incremental linker has not folded yet.
    pub async fn linkable_after(
        &self,
        version: &str,
        place: LinkPlace,
    ) -> Result<Vec<(LinkPlace, Document, Analysis)>, StoreError> {
        self.linkable_page(version, place, usize::MAX).await
    }

    /// The first `limit` of [`Store::linkable_after`]: a linker folds a large
    /// store page by page, from the last place of one page to the next,
    /// without holding all of its analyses at once (an index on the link
    /// order makes each page cheap to find).
    pub async fn linkable_page(
        &self,
        version: &str,
        place: LinkPlace,
        limit: usize,
    ) -> Result<Vec<(LinkPlace, Document, Analysis)>, StoreError> {
        let action = || format!("reading analysed documents (analyzer {version})");
        let mut rows = sqlx::query(SELECT_LINKABLE_AFTER)
            .bind(version)
            .bind(place.key)
            .bind(place.seq)
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch(&self.pool);
        let mut out = Vec::new();
        // Decoded row by row: the JSON of a page need not all be in memory at once.
        while let Some(row) = rows.try_next().await.map_err(self.query_err(action))? {
            let doc = document_from_row(&row).map_err(self.query_err(action))?;
            let json: String = row.try_get(8).map_err(self.query_err(action))?;
            let key: i64 = row.try_get(9).map_err(self.query_err(action))?;
            let seq: i64 = row.try_get(10).map_err(self.query_err(action))?;
            let analysis = self.decode(&json, || crate::analysis_name(&doc.id, version))?;
            out.push((LinkPlace { key, seq }, doc, analysis));
        }
        Ok(out)
    }

    /// How many documents are stored, and how many of them have an analysis
    /// by analyzer `version` (the generation a dossier built now would have).
    pub async fn counts(&self, version: &str) -> Result<(i64, i64), StoreError> {
        let action = || "counting documents".to_string();
        let docs: i64 = sqlx::query_scalar(COUNT_DOCUMENTS)
            .fetch_one(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        let analysed: i64 = sqlx::query_scalar(COUNT_ANALYSED)
            .bind(version)
            .fetch_one(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        Ok((docs, analysed))
    }

    /// The generation of the stored dossier (0 when none, or when it was
    /// saved by [`Store::put_dossier`], which does not count).
    pub async fn dossier_generation(&self) -> Result<i64, StoreError> {
        let generation: Option<i64> = sqlx::query_scalar(SELECT_DOSSIER_GENERATION)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.query_err(|| "reading the dossier's generation".to_string()))?;
        Ok(generation.unwrap_or(0))
    }

    /// Saves a dossier by story, built from a snapshot of `generation`
    /// analysed documents: its globals and the story parts given. With
    /// `after: None` the parts are the whole dossier and replace whatever is
    /// stored, unless that was built from a larger snapshot. With
    /// `after: Some(g)` they are the stories that changed since the saver's
    /// own save at generation `g`, laid over it, and are saved only if that
    /// save is still what is stored (else the saver must save every part).
    /// One transaction; returns whether it was saved.
    pub async fn put_parts_at(
        &self,
        parts: &[StoryPart],
        globals: &DossierGlobals,
        generation: i64,
        after: Option<i64>,
    ) -> Result<bool, StoreError> {
        let Some(mut writer) = self.begin_parts(globals, generation, after).await? else {
            return Ok(false);
        };
        writer.write(parts).await?;
        writer.commit().await?;
        Ok(true)
    }

    /// [`Store::put_parts_at`] a few parts at a time, in one transaction:
    /// `None` when the save is refused (nothing is written), else a writer
    /// that takes the parts in any number of calls and saves them all at
    /// [`PartsWriter::commit`] (dropped uncommitted, it saves nothing).
    pub async fn begin_parts(
        &self,
        globals: &DossierGlobals,
        generation: i64,
        after: Option<i64>,
    ) -> Result<Option<PartsWriter<'_>>, StoreError> {
        let json = self.encode(globals, || "dossier (globals)".to_string())?;
        let mut tx = self.begin().await?;
        let action = || "storing the dossier".to_string();
        let header = match after {
            None => sqlx::query(UPSERT_PARTED_AT).bind(json).bind(generation),
            Some(previous) => sqlx::query(UPDATE_PARTED_AFTER)
                .bind(json)
                .bind(generation)
                .bind(previous),
        };
        let done = header
            .execute(&mut *tx)
            .await
            .map_err(self.query_err(action))?;
        if done.rows_affected() == 0 {
            // Dropped: rolled back.
            return Ok(None);
        }
        if after.is_none() {
            sqlx::query(DELETE_PARTS)
                .execute(&mut *tx)
                .await
                .map_err(self.query_err(action))?;
        }
        Ok(Some(PartsWriter { store: self, tx }))
    }

    /// Takes (or renews) the link lease for `holder` for `ttl`; false if
    /// another holder's lease is still running. A holder that dies loses the
    /// lease when it runs out.
    pub async fn take_link_lease(&self, holder: &str, ttl: Duration) -> Result<bool, StoreError> {
        let now = now_ms();
        let ttl = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let done = sqlx::query(TAKE_LEASE)
            .bind(holder)
            .bind(now.saturating_add(ttl))
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| "taking the link lease".to_string()))?;
        Ok(done.rows_affected() > 0)
    }

    /// Gives the link lease back (if `holder` has it).
    pub async fn drop_link_lease(&self, holder: &str) -> Result<(), StoreError> {
        sqlx::query(DROP_LEASE)
            .bind(holder)
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| "giving the link lease back".to_string()))?;
        Ok(())
    }

    /// Records a worker's progress (`seen` is set to now).
    pub async fn put_worker(&self, worker: &WorkerRow) -> Result<(), StoreError> {
        sqlx::query(UPSERT_WORKER)
            .bind(worker.name.as_str())
            .bind(worker.started)
            .bind(now_ms())
            .bind(worker.processed)
            .bind(worker.failed)
            .bind(worker.retried)
            .bind(worker.last_error.as_deref())
            .execute(&self.pool)
            .await
            .map_err(
                self.query_err(|| format!("recording the progress of worker {}", worker.name)),
            )?;
        Ok(())
    }

    /// Every worker that ever reported, by name.
    pub async fn workers(&self) -> Result<Vec<WorkerRow>, StoreError> {
        let action = || "reading worker progress".to_string();
        let rows = sqlx::query(SELECT_WORKERS)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        rows.iter()
            .map(|row| {
                Ok(WorkerRow {
                    name: row.try_get(0)?,
                    started: row.try_get(1)?,
                    seen: row.try_get(2)?,
                    processed: row.try_get(3)?,
                    failed: row.try_get(4)?,
                    retried: row.try_get(5)?,
                    last_error: row.try_get(6)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(self.query_err(action))
    }

    /// Records a work item given up on.
    pub async fn put_failure(
        &self,
        worker: &str,
        item: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(INSERT_FAILURE)
            .bind(worker)
            .bind(item)
            .bind(reason)
            .bind(now_ms())
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| format!("recording the failure of {item}")))?;
        Ok(())
    }

    /// The total number of recorded failures and the latest `limit` of them, newest first.
    pub async fn failures(&self, limit: i64) -> Result<(i64, Vec<Failure>), StoreError> {
        let action = || "reading failures".to_string();
        let total: i64 = sqlx::query_scalar(COUNT_FAILURES)
            .fetch_one(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        let latest = sqlx::query_as(SELECT_FAILURES)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(action))?
            .into_iter()
            .map(|(worker, item, reason, at)| Failure {
                worker,
                item,
                reason,
                at,
            })
            .collect();
        Ok((total, latest))
    }
}

/// A dossier being saved by story (see [`Store::begin_parts`]).
pub struct PartsWriter<'s> {
    store: &'s Store,
    tx: Transaction<'static, Any>,
}

impl PartsWriter<'_> {
    /// Saves these story parts (a story saved twice keeps the last),
    /// compressed as they are encoded (the JSON of a story of tens of
    /// thousands of documents, hundreds of megabytes, is never whole in
    /// memory). Parts given by value are dropped as soon as they are
    /// encoded.
    pub async fn write<P: std::borrow::Borrow<StoryPart>>(
        &mut self,
        parts: impl IntoIterator<Item = P>,
    ) -> Result<(), StoreError> {
        for part in parts {
            let story = i64::try_from(part.borrow().index).unwrap_or(i64::MAX);
            let packed = self
                .store
                .pack(part.borrow(), || format!("dossier part of story {story}"))?;
            drop(part);
            sqlx::query(UPSERT_PART)
                .bind(story)
                .bind(packed)
                .execute(&mut *self.tx)
                .await
                .map_err(
                    self.store
                        .query_err(|| format!("storing the dossier part of story {story}")),
                )?;
        }
        Ok(())
    }

    /// Commits the save.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.store.commit(self.tx).await
    }
}
