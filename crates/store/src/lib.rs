//! crosscheck-store: persistence for documents, per-document analyses and
//! the dossier, so `crosscheck report --db FILE` re-renders without
//! re-analysing, and analysing the same articles again changes nothing
//! (documents are keyed by their content hash).
//!
//! One code path serves SQLite and PostgreSQL: everything goes through
//! sqlx's `Any` driver with `$1`-style placeholders and portable column
//! types (TEXT, BIGINT, BLOB/BYTEA); structured values (analyses, the
//! dossier) are kept as JSON in TEXT columns, the dossier's story parts as
//! LZ4-compressed JSON. Only the schema (one migration directory per
//! backend) and the full-text search statement differ: SQLite uses FTS5,
//! PostgreSQL a generated `tsvector` column.
//!
//! A SQLite store is put in WAL mode and every write runs in a transaction,
//! so a crash in the middle of a write leaves the file as it was before it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), crosscheck_store::StoreError> {
//! use crosscheck_model::Document;
//! let store = crosscheck_store::Store::open("news.db").await?;
//! let doc = Document::new("a.txt", "Officials said the bridge reopened on Monday.");
//! assert!(store.put_document(&doc).await?);
//! assert!(!store.put_document(&doc).await?); // same text, same id: nothing new
//! let hits = store.search("bridge", 10).await?;
//! # Ok(()) }
//! ```

mod browse;
mod error;
mod location;
mod migrations;
mod search;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
mod tests;
mod work;

use std::time::Duration;

use crosscheck_model::{Analysis, Document, Dossier, DossierGlobals, StoryPart};
use futures::TryStreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyConnection, Connection, Row, Transaction};

pub use error::StoreError;
pub use location::{Access, Backend};
pub use work::{Failure, LinkPlace, PartsWriter, WorkerRow};

const INSERT_DOCUMENT: &str = "INSERT INTO documents (id, path, url, title, source, published, author, text) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING";
const SELECT_DOCUMENTS: &str = "SELECT id, path, url, title, source, published, author, text \
     FROM documents ORDER BY COALESCE(position, seq), seq";
const SELECT_DOCUMENT: &str = "SELECT id, path, url, title, source, published, author, text \
     FROM documents WHERE id = $1";
const UPSERT_ANALYSIS: &str = "INSERT INTO analyses (doc_id, version, json) VALUES ($1, $2, $3) \
     ON CONFLICT (doc_id, version) DO UPDATE SET json = excluded.json";
const SELECT_ANALYSIS: &str = "SELECT json FROM analyses WHERE doc_id = $1 AND version = $2";
const SELECT_ANALYSES: &str = "SELECT a.doc_id, a.json FROM analyses a \
     JOIN documents d ON d.id = a.doc_id WHERE a.version = $1 ORDER BY COALESCE(d.position, d.seq), d.seq";
const UPSERT_DOSSIER: &str = "INSERT INTO dossier (id, json) VALUES (1, $1) \
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, parted = 0";
const DELETE_PARTS: &str = "DELETE FROM dossier_parts";
const SELECT_DOSSIER: &str = "SELECT json, parted FROM dossier WHERE id = 1";
const SELECT_PARTS: &str = "SELECT story, json, packed FROM dossier_parts ORDER BY story";
const UPSERT_SKIPPED: &str = "INSERT INTO skipped (path, reason) VALUES ($1, $2) \
     ON CONFLICT (path) DO UPDATE SET reason = excluded.reason";
const SELECT_SKIPPED: &str = "SELECT path, reason FROM skipped ORDER BY seq";
const DELETE_SKIPPED: &str = "DELETE FROM skipped";

/// FTS5 search: bm25 rank (lower is better), then insertion order.
const SEARCH_SQLITE: &str = "SELECT d.id, d.text \
     FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid \
     WHERE documents_fts MATCH $1 ORDER BY documents_fts.rank, d.seq LIMIT $2";
/// PostgreSQL search over the generated `tsv` column.
const SEARCH_POSTGRES: &str = "SELECT d.id, ts_headline('english', left(d.text, 100000), q, \
     'StartSel=[, StopSel=], MaxWords=20, MinWords=8, MaxFragments=1') \
     FROM documents d, to_tsquery('english', $1) q \
     WHERE d.tsv @@ q ORDER BY ts_rank(d.tsv, q) DESC, d.seq LIMIT $2";

/// A crosscheck store: a pool of connections to one SQLite file or
/// PostgreSQL database. Cheap to clone (clones share the pool).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The database as given, password hidden: used in error messages.
    db: String,
    /// A SQLite file opened to write: [`Store::close`] leaves it whole.
    writable_file: Option<String>,
}

impl Store {
    /// Opens (creating if needed) a store to read and write: a file path or
    /// `sqlite://…` for SQLite (`:memory:` for a throw-away in-memory one),
    /// `postgres://…` for PostgreSQL. Runs migrations.
    ///
    /// A file in a directory that does not exist gives
    /// [`StoreError::MissingDirectory`]; other schemes give
    /// [`StoreError::BadLocation`].
    pub async fn open(db: &str) -> Result<Store, StoreError> {
        Store::open_with(db, Access::ReadWrite).await
    }

    /// Opens an existing store to read it: nothing is created or changed on
    /// disk, a SQLite file the user may not write can be read, and a store
    /// that is missing ([`StoreError::NoStore`]), is not crosscheck's or is
    /// older than this version's schema ([`StoreError::NotReadable`]) is
    /// refused in words.
    pub async fn open_read_only(db: &str) -> Result<Store, StoreError> {
        Store::open_with(db, Access::ReadOnly).await
    }

    /// Opens `db` for `access`.
    pub async fn open_with(db: &str, access: Access) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let mut loc = location::resolve(db, access)?;
        let sqlite = loc.backend == Backend::Sqlite;
        let writing = access == Access::ReadWrite;
        let open_err = |display: &str| {
            let db = display.to_string();
            move |cause| StoreError::Open { db, cause }
        };

        // One direct connection first: a pool would retry a failing connect
        // until its timeout and report only that it timed out, where this
        // reports the cause (refused, bad password, not a database file...).
        let first = match AnyConnection::connect(&loc.url).await {
            Ok(conn) => conn,
            // A file nobody may write (`chmod 444`) that was left in WAL
            // mode cannot even be read without its shared-memory file, which
            // a reader may not create: read it as immutable, which needs
            // neither (nobody can be writing a file no one may write).
            Err(_) if !writing && sqlite && read_only_file(&loc) => {
                loc.url.push_str("&immutable=1");
                AnyConnection::connect(&loc.url)
                    .await
                    .map_err(open_err(&loc.display))?
            }
            Err(e) => return Err(open_err(&loc.display)(e)),
        };
        let mut first = first;
        if sqlite && !loc.in_memory && writing {
            // The file is kept in WAL mode while it is open to write (readers
            // never block the writer) and put back in rollback mode on close.
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode = WAL")
                .fetch_one(&mut first)
                .await
                .map_err(open_err(&loc.display))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::BadLocation {
                    db: loc.display.clone(),
                    reason: format!("cannot switch the file to WAL mode (it stays in {mode} mode)"),
                });
            }
        }
        if !writing {
            check_schema(&mut first, loc.backend, &loc.display).await?;
        }
        first.close().await.map_err(open_err(&loc.display))?;

        let mut options = AnyPoolOptions::new()
            .max_connections(match (loc.backend, loc.in_memory) {
                (_, true) => 1,
                (Backend::Sqlite, false) => 4,
                (Backend::Postgres, _) => 8,
            })
            .acquire_timeout(Duration::from_secs(30));
        if loc.in_memory {
            // Each new connection to `:memory:` would see a new, empty
            // database: keep the single one alive for the pool's life.
            options = options
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        }
        if sqlite && writing {
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // In WAL mode NORMAL keeps the file consistent through a
                    // crash (a power cut may lose the last commits, never
                    // corrupt), at far fewer fsyncs than FULL.
                    sqlx::query("PRAGMA synchronous = NORMAL")
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = options
            .connect(&loc.url)
            .await
            .map_err(open_err(&loc.display))?;

        if writing {
            let migrate_err = |cause| StoreError::Migrate {
                db: loc.display.clone(),
                cause,
            };
            migrations::migrator(loc.backend)
                .await
                .map_err(migrate_err)?
                .run(&pool)
                .await
                .map_err(migrate_err)?;
        }

        Ok(Store {
            pool,
            backend: loc.backend,
            db: loc.display,
            writable_file: (sqlite && writing && !loc.in_memory).then_some(loc.url),
        })
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The database as given to [`Store::open`], password hidden.
    pub fn name(&self) -> &str {
        &self.db
    }

    /// Closes the pool, waiting for connections to finish. A SQLite file
    /// opened to write is left whole: its write-ahead log is folded back
    /// into the file and the file put back in rollback-journal mode, so the
    /// `.db` file alone (copied, mailed, made read-only) holds everything.
    /// Where another process still has the file open, the log is folded in
    /// as far as that reader allows and the file stays in WAL mode: nothing
    /// is lost in place either way.
    pub async fn close(self) {
        if self.writable_file.is_some() {
            // Errors here leave the data where it is (in the log), never lose it.
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await;
        }
        self.pool.close().await;
        if let Some(url) = &self.writable_file
            && let Ok(mut conn) = AnyConnection::connect(url).await
        {
            let _ = sqlx::query("PRAGMA journal_mode = DELETE")
                .execute(&mut conn)
                .await;
            let _ = conn.close().await;
        }
    }

    /// The names of each entity of the stored dossier that has more than one
    /// (its name and aliases), for searches that find every spelling.
    pub async fn entity_spellings(&self) -> Result<Vec<Vec<String>>, StoreError> {
        let row: Option<(String, i64)> = sqlx::query_as(SELECT_DOSSIER)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.query_err(|| "reading the dossier's entities".to_string()))?;
        let entities = match row {
            None => return Ok(Vec::new()),
            Some((json, 0)) => {
                self.decode::<Dossier>(&json, || "dossier".to_string())?
                    .entities
            }
            Some((json, _)) => {
                self.decode::<DossierGlobals>(&json, || "dossier (globals)".to_string())?
                    .entities
            }
        };
        Ok(entities
            .into_iter()
            .filter(|e| !e.aliases.is_empty())
            .map(|e| std::iter::once(e.name).chain(e.aliases).collect())
            .collect())
    }

    /// Inserts a document if its id (content hash) is new; returns true if it
    /// was new. Idempotent: a known id is left as it is.
    pub async fn put_document(&self, doc: &Document) -> Result<bool, StoreError> {
        let done = insert_document(doc)
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| format!("storing document {}", doc.id)))?;
        Ok(done.rows_affected() > 0)
    }

    /// Inserts many documents in one transaction (much faster than one by
    /// one); returns how many were new. All or nothing: on error none is stored.
    pub async fn put_documents(&self, docs: &[Document]) -> Result<usize, StoreError> {
        let mut tx = self.begin().await?;
        let mut new = 0;
        for doc in docs {
            let done = insert_document(doc)
                .execute(&mut *tx)
                .await
                .map_err(self.query_err(|| format!("storing document {}", doc.id)))?;
            new += usize::from(done.rows_affected() > 0);
        }
        self.commit(tx).await?;
        Ok(new)
    }

    /// All documents, in the order they were first inserted.
    pub async fn documents(&self) -> Result<Vec<Document>, StoreError> {
        let rows = sqlx::query(SELECT_DOCUMENTS)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(|| "reading documents".to_string()))?;
        rows.iter()
            .map(|row| {
                document_from_row(row).map_err(self.query_err(|| "reading documents".to_string()))
            })
            .collect()
    }

    /// The document with content hash `id`, if stored.
    pub async fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let action = || format!("reading document {id}");
        let row = sqlx::query(SELECT_DOCUMENT)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        row.as_ref()
            .map(document_from_row)
            .transpose()
            .map_err(self.query_err(action))
    }

    /// Stores a document's analysis as JSON, keyed by (`analysis.doc`,
    /// analyzer `version`); replaces one stored under the same key. The
    /// document must be stored first.
    pub async fn put_analysis(&self, version: &str, analysis: &Analysis) -> Result<(), StoreError> {
        self.upsert_analysis(&self.pool, version, analysis).await
    }

    /// Stores many analyses of one analyzer `version` in one transaction.
    pub async fn put_analyses(
        &self,
        version: &str,
        analyses: &[Analysis],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        for analysis in analyses {
            self.upsert_analysis(&mut *tx, version, analysis).await?;
        }
        self.commit(tx).await
    }

    /// The analysis of document `doc_id` by analyzer `version`, if stored.
    pub async fn analysis(
        &self,
        doc_id: &str,
        version: &str,
    ) -> Result<Option<Analysis>, StoreError> {
        let name = || analysis_name(doc_id, version);
        let json: Option<String> = sqlx::query_scalar(SELECT_ANALYSIS)
            .bind(doc_id)
            .bind(version)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.query_err(|| format!("reading the {}", name())))?;
        json.map(|json: String| self.decode(&json, name))
            .transpose()
    }

    /// All analyses by analyzer `version`, in document insertion order.
    pub async fn analyses(&self, version: &str) -> Result<Vec<Analysis>, StoreError> {
        let action = || format!("reading analyses (analyzer {version})");
        let rows = sqlx::query(SELECT_ANALYSES)
            .bind(version)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        rows.iter()
            .map(|row| {
                let doc: String = row.try_get(0).map_err(self.query_err(action))?;
                let json: String = row.try_get(1).map_err(self.query_err(action))?;
                self.decode(&json, || analysis_name(&doc, version))
            })
            .collect()
    }

    /// Saves the dossier (JSON) for the store as a whole; replaces the
    /// previous one, whole or in parts.
    pub async fn put_dossier(&self, dossier: &Dossier) -> Result<(), StoreError> {
        let json = self.encode(dossier, || "dossier".to_string())?;
        let mut tx = self.begin().await?;
        sqlx::query(UPSERT_DOSSIER)
            .bind(json)
            .execute(&mut *tx)
            .await
            .map_err(self.query_err(|| "storing the dossier".to_string()))?;
        sqlx::query(DELETE_PARTS)
            .execute(&mut *tx)
            .await
            .map_err(self.query_err(|| "clearing the dossier's story parts".to_string()))?;
        self.commit(tx).await
    }

    /// The saved dossier, if any; one saved by story
    /// ([`Store::put_parts_at`]) is put together from its parts, read one
    /// at a time.
    pub async fn dossier(&self) -> Result<Option<Dossier>, StoreError> {
        let row: Option<(String, i64)> = sqlx::query_as(SELECT_DOSSIER)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.query_err(|| "reading the dossier".to_string()))?;
        let Some((json, parted)) = row else {
            return Ok(None);
        };
        if parted == 0 {
            return self.decode(&json, || "dossier".to_string()).map(Some);
        }
        let globals: DossierGlobals = self.decode(&json, || "dossier (globals)".to_string())?;
        let action = || "reading the dossier's story parts".to_string();
        let mut rows = sqlx::query_as::<_, (i64, Option<String>, Option<Vec<u8>>)>(SELECT_PARTS)
            .fetch(&self.pool);
        let mut parts: Vec<StoryPart> = Vec::new();
        while let Some((story, json, packed)) =
            rows.try_next().await.map_err(self.query_err(action))?
        {
            let what = || format!("dossier part of story {story}");
            // Parts saved before they were packed are JSON text (the
            // schema keeps exactly one of the two).
            parts.push(match (packed, json) {
                (Some(packed), _) => self.unpack(&packed, what)?,
                (None, json) => self.decode(json.as_deref().unwrap_or_default(), what)?,
            });
        }
        Ok(Some(Dossier::assemble(parts, globals)))
    }

    /// Records an input that was skipped (path, reason). Recording the same
    /// path again replaces its reason.
    pub async fn put_skipped(&self, path: &str, reason: &str) -> Result<(), StoreError> {
        sqlx::query(UPSERT_SKIPPED)
            .bind(path)
            .bind(reason)
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| format!("recording skipped input {path}")))?;
        Ok(())
    }

    /// The skipped inputs (path, reason), in the order first recorded.
    pub async fn skipped(&self) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as(SELECT_SKIPPED)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(|| "reading skipped inputs".to_string()))
    }

    /// Forgets all skipped inputs (call at the start of a run to keep only its own).
    pub async fn clear_skipped(&self) -> Result<(), StoreError> {
        sqlx::query(DELETE_SKIPPED)
            .execute(&self.pool)
            .await
            .map_err(self.query_err(|| "clearing skipped inputs".to_string()))?;
        Ok(())
    }

    /// Full-text search over document text: (doc id, snippet) best first, at
    /// most `limit`. Every word of `query` must occur (after stemming);
    /// query syntax is not interpreted, so any text is a valid query. In the
    /// snippet, matched words are put in `[` `]`.
    pub async fn search(
        &self,
        query: &str,
        limit: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let spellings = self.entity_spellings().await?;
        let (sql, expr) = match self.backend {
            Backend::Sqlite => (SEARCH_SQLITE, search::fts5_query_with(query, &spellings)),
            Backend::Postgres => (SEARCH_POSTGRES, search::ts_query_with(query, &spellings)),
        };
        let Some(expr) = expr.filter(|_| limit > 0) else {
            return Ok(Vec::new());
        };
        let hits: Vec<(String, String)> = sqlx::query_as(sql)
            .bind(expr)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(|| format!("searching for {query:?}")))?;
        Ok(match self.backend {
            // SQLite gives the text; the snippet is cut here (see `search::snippet`).
            Backend::Sqlite => hits
                .into_iter()
                .map(|(id, text)| (id, search::snippet(&text, query, &spellings)))
                .collect(),
            Backend::Postgres => hits,
        })
    }

    /// Stores one analysis through `exec` (the pool or a transaction).
    async fn upsert_analysis<'c, E>(
        &self,
        exec: E,
        version: &str,
        analysis: &Analysis,
    ) -> Result<(), StoreError>
    where
        E: sqlx::Executor<'c, Database = Any>,
    {
        let json = self.encode(analysis, || analysis_name(&analysis.doc, version))?;
        let done = sqlx::query(UPSERT_ANALYSIS)
            .bind(analysis.doc.as_str())
            .bind(version)
            .bind(json)
            .execute(exec)
            .await;
        match done {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
                Err(StoreError::UnknownDocument {
                    db: self.db.clone(),
                    doc: analysis.doc.clone(),
                })
            }
            Err(cause) => Err(self.query_err(|| {
                format!("storing the {}", analysis_name(&analysis.doc, version))
            })(cause)),
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred one would start as a reader and could
    /// fail with "database is locked", without waiting, when it tries to
    /// write while another connection writes.
    async fn begin(&self) -> Result<Transaction<'static, Any>, StoreError> {
        let begun = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        };
        begun.map_err(self.query_err(|| "starting a transaction".to_string()))
    }

    async fn commit(&self, tx: Transaction<'static, Any>) -> Result<(), StoreError> {
        tx.commit()
            .await
            .map_err(self.query_err(|| "committing a transaction".to_string()))
    }

    /// Wraps a driver error with the database name and what was being done.
    fn query_err<F: FnOnce() -> String>(
        &self,
        action: F,
    ) -> impl FnOnce(sqlx::Error) -> StoreError {
        let db = self.db.clone();
        move |cause| StoreError::Query {
            db,
            action: action(),
            cause,
        }
    }

    fn encode<T: Serialize>(
        &self,
        value: &T,
        what: impl FnOnce() -> String,
    ) -> Result<String, StoreError> {
        serde_json::to_string(value).map_err(|cause| StoreError::Encode {
            db: self.db.clone(),
            what: what(),
            cause,
        })
    }

    /// [`Store::encode`] compressed (LZ4 frames), for the story parts: the
    /// JSON is compressed as it is written and is never whole in memory. A
    /// part of a story of tens of thousands of documents is hundreds of
    /// megabytes of JSON, held once as a string and again by the database
    /// driver while it is sent; compressed it is about a fifth of that.
    fn pack<T: Serialize>(
        &self,
        value: &T,
        what: impl FnOnce() -> String,
    ) -> Result<Vec<u8>, StoreError> {
        let packed = (|| {
            let mut encoder = lz4_flex::frame::FrameEncoder::new(Vec::new());
            serde_json::to_writer(&mut encoder, value)?;
            encoder
                .finish()
                .map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
        })();
        packed.map_err(|cause| StoreError::Encode {
            db: self.db.clone(),
            what: what(),
            cause,
        })
    }

    /// The value [`Store::pack`] packed.
    fn unpack<T: DeserializeOwned>(
        &self,
        packed: &[u8],
        what: impl FnOnce() -> String,
    ) -> Result<T, StoreError> {
        let mut json = Vec::new();
        let read =
            std::io::Read::read_to_end(&mut lz4_flex::frame::FrameDecoder::new(packed), &mut json);
        read.map_err(serde_json::Error::io)
            .and_then(|_| serde_json::from_slice(&json))
            .map_err(|cause| StoreError::BadJson {
                db: self.db.clone(),
                what: what(),
                cause,
            })
    }

    fn decode<T: DeserializeOwned>(
        &self,
        json: &str,
        what: impl FnOnce() -> String,
    ) -> Result<T, StoreError> {
        serde_json::from_str(json).map_err(|cause| StoreError::BadJson {
            db: self.db.clone(),
            what: what(),
            cause,
        })
    }
}

/// The INSERT of one document, bound.
/// Whether a SQLite file exists and its permissions forbid writing it.
fn read_only_file(loc: &location::Location) -> bool {
    loc.file
        .as_deref()
        .and_then(|f| std::fs::metadata(f).ok())
        .is_some_and(|m| m.permissions().readonly())
}

/// Refuses, in words, a database a reader cannot use: one without
/// crosscheck's tables, or one whose schema is older than this version's
/// (a reader may not bring it up to date; a writing command does).
async fn check_schema(
    conn: &mut AnyConnection,
    backend: Backend,
    db: &str,
) -> Result<(), StoreError> {
    let migrator = migrations::migrator(backend)
        .await
        .map_err(|cause| StoreError::Migrate {
            db: db.to_string(),
            cause,
        })?;
    let want = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let not_readable = |reason: &str| StoreError::NotReadable {
        db: db.to_string(),
        reason: reason.to_string(),
    };
    let have: Option<i64> = match sqlx::query_scalar(
        "SELECT MAX(version) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(&mut *conn)
    .await
    {
        Ok(v) => v,
        Err(sqlx::Error::Database(e))
            if e.message().contains("no such table") || e.code().as_deref() == Some("42P01") =>
        {
            return Err(not_readable(
                "it holds no crosscheck store (no crosscheck tables): is --db pointing at another database?",
            ));
        }
        Err(cause) => {
            return Err(StoreError::Open {
                db: db.to_string(),
                cause,
            });
        }
    };
    match have {
        None => Err(not_readable(
            "it holds no crosscheck store yet (its tables were never set up)",
        )),
        Some(v) if v < want => Err(not_readable(
            "it was written by an older crosscheck; run a command that writes it once \
             (`crosscheck analyze ARTICLES --db …`) to bring it up to date",
        )),
        Some(_) => Ok(()),
    }
}

fn insert_document(doc: &Document) -> sqlx::query::Query<'_, Any, sqlx::any::AnyArguments> {
    bind_document(INSERT_DOCUMENT, doc)
}

/// A document statement (`sql` takes the document's eight columns first, in
/// table order), bound; callers bind any further parameters.
pub(crate) fn bind_document<'q>(
    sql: &'static str,
    doc: &'q Document,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    sqlx::query(sql)
        .bind(doc.id.as_str())
        .bind(doc.path.as_str())
        .bind(doc.url.as_deref())
        .bind(doc.title.as_deref())
        .bind(doc.source.as_deref())
        .bind(doc.published.as_deref())
        .bind(doc.author.as_deref())
        .bind(doc.text.as_str())
}

/// Reads a row selected as in [`SELECT_DOCUMENTS`] (columns in [`Document`] field order).
fn document_from_row(row: &AnyRow) -> Result<Document, sqlx::Error> {
    Ok(Document {
        id: row.try_get(0)?,
        path: row.try_get(1)?,
        url: row.try_get(2)?,
        title: row.try_get(3)?,
        source: row.try_get(4)?,
        published: row.try_get(5)?,
        author: row.try_get(6)?,
        text: row.try_get(7)?,
    })
}

/// How an analysis is named in messages.
fn analysis_name(doc_id: &str, version: &str) -> String {
    format!("analysis of document {doc_id} (analyzer {version})")
}
