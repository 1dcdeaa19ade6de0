//! Tests of the store against real SQLite files in temporary directories, and
//! against PostgreSQL when a server answers (each test in its own schema,
//! dropped afterwards); without one the PostgreSQL test says so and passes.

// Values are built from the model's `Default`s where it has them, so that
// fields added to the model later do not break these tests.
use crosscheck_core::{
    Analysis, Attribution, Document, DocumentOut, Dossier, EntityKind, Mention, Modality, Quantity,
    Quote, Sentence, SourceKind, SourceProfile, StoryOut,
};
use sqlx::Connection;

use super::*;

const TROOPS: &str = "Seoul's spy agency said on Friday that about 3,000 North Korean troops \
    had been sent to Russia.\n\nThe Kremlin denied the report. “We have nothing to add,” \
    spokesman Dmitry Peskov told reporters.";
const BRIDGE: &str = "Engineers in Zürich reopened the old rail bridge on Monday after \
    a two-week repair, city officials said.";
const FLOOD: &str = "Heavy rain flooded the lower town overnight; no troops were deployed, \
    the mayor’s office said.";

fn article(path: &str, text: &str) -> Document {
    Document {
        url: Some(format!("https://news.example.org/{path}")),
        title: Some(format!("Story from {path}")),
        source: Some("Example Wire".to_string()),
        published: Some("2024-10-18".to_string()),
        author: Some("Søren Ålund".to_string()),
        ..Document::new(path, text)
    }
}

fn analysis_of(doc: &Document) -> Analysis {
    Analysis {
        doc: doc.id.clone(),
        sentences: vec![Sentence {
            index: 0,
            start: 0,
            end: 96,
            text: "Seoul's spy agency said on Friday that about 3,000 North Korean troops had been sent to Russia.".to_string(),
            attribution: Some(Attribution {
                source: "National Intelligence Service".to_string(),
                kind: SourceKind::Government,
                cue: "said".to_string(),
                via: None,
            }),
            modality: Modality::Hedged,
            cues: vec!["said".to_string()],
            ..Sentence::default()
        }],
        mentions: vec![Mention {
            sentence: 0,
            start: 51,
            end: 63,
            text: "North Korean".to_string(),
            kind: EntityKind::Group,
            canonical: "North Korea".to_string(),
        }],
        quantities: vec![Quantity {
            sentence: 0,
            start: 39,
            end: 70,
            text: "about 3,000 North Korean troops".to_string(),
            value: Some(3000.0),
            min: Some(2500.5),
            qualifier: Some("about".to_string()),
            unit: Some("troops".to_string()),
            measure: Some("troops".to_string()),
            ..Quantity::default()
        }],
        dates: vec![],
        quotes: vec![Quote {
            sentence: 2,
            start: 130,
            end: 151,
            text: "We have nothing to add,".to_string(),
            speaker: Some("Dmitry Peskov".to_string()),
            verb: Some("told reporters".to_string()),
            partial: false,
        }],
        claims: vec![],
    }
}

fn dossier_for(docs: &[Document], claim: &str) -> Dossier {
    Dossier {
        version: crosscheck_core::DOSSIER_VERSION,
        stories: vec![StoryOut {
            id: "s1".to_string(),
            title: "North Korea · Russia".to_string(),
            documents: docs.iter().map(|d| d.id.clone()).collect(),
        }],
        documents: docs
            .iter()
            .map(|d| DocumentOut {
                id: d.id.clone(),
                path: d.path.clone(),
                story: "s1".to_string(),
                ..DocumentOut::default()
            })
            .collect(),
        sources: vec![SourceProfile {
            name: "Example Wire".to_string(),
            documents: docs.iter().map(|d| d.id.clone()).collect(),
            sentences: 12,
            attributed_share: 0.5,
            hedged_share: 1.0 / 3.0,
            // Shares whose shortest decimal form a lax float parser reads
            // back one bit off: the stored dossier must come back exactly.
            opinion_share: 5.0 / 11.0,
            boilerplate_share: 1.0 / 11.0,
            cited_sources: vec![claim.to_string()],
            ..SourceProfile::default()
        }],
        ..Dossier::default()
    }
}

/// A store in a fresh temporary directory (kept alive by the returned guard).
async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("store.db");
    let store = Store::open(path.to_str().expect("UTF-8 temp path"))
        .await
        .expect("open a new SQLite store");
    (dir, store)
}

/// The behaviour both backends must share; run against SQLite and PostgreSQL.
async fn exercise(store: &Store) {
    let troops = article("troops.txt", TROOPS);
    let bridge = article("bridge.txt", BRIDGE);
    let flood = Document::new("flood.txt", FLOOD);

    // Idempotent inserts keyed by content hash.
    assert!(store.put_document(&troops).await.unwrap());
    assert!(!store.put_document(&troops).await.unwrap());
    let renamed = Document {
        path: "elsewhere/copy.txt".to_string(),
        ..troops.clone()
    };
    assert!(!store.put_document(&renamed).await.unwrap());
    let batch = [
        bridge.clone(),
        troops.clone(),
        flood.clone(),
        bridge.clone(),
    ];
    assert_eq!(store.put_documents(&batch).await.unwrap(), 2);
    assert_eq!(store.put_documents(&batch).await.unwrap(), 0);
    assert_eq!(store.put_documents(&[]).await.unwrap(), 0);

    // Round trip, insertion order, first copy kept.
    let docs = store.documents().await.unwrap();
    assert_eq!(docs, vec![troops.clone(), bridge.clone(), flood.clone()]);
    assert_eq!(
        store.document(&bridge.id).await.unwrap(),
        Some(bridge.clone())
    );
    assert_eq!(
        store.document(&flood.id).await.unwrap(),
        Some(flood.clone())
    );
    assert_eq!(store.document("0000000000000000").await.unwrap(), None);

    // Analyses: keyed by (doc, version), replaced under the same key.
    let first = analysis_of(&troops);
    store.put_analysis("v1", &first).await.unwrap();
    assert_eq!(
        store.analysis(&troops.id, "v1").await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(store.analysis(&troops.id, "v2").await.unwrap(), None);
    let mut second = first.clone();
    second.sentences[0].modality = Modality::Asserted;
    second.quantities[0].value = Some(10_000.0);
    store.put_analysis("v1", &second).await.unwrap();
    assert_eq!(
        store.analysis(&troops.id, "v1").await.unwrap(),
        Some(second.clone())
    );
    let bridge_analysis = Analysis {
        doc: bridge.id.clone(),
        ..Analysis::default()
    };
    store
        .put_analyses("v1", std::slice::from_ref(&bridge_analysis))
        .await
        .unwrap();
    assert_eq!(
        store.analyses("v1").await.unwrap(),
        vec![second.clone(), bridge_analysis]
    );

    // Dossier: saved, then replaced.
    assert_eq!(store.dossier().await.unwrap(), None);
    let d1 = dossier_for(&docs, "North Korea sent troops to Russia");
    store.put_dossier(&d1).await.unwrap();
    assert_eq!(store.dossier().await.unwrap(), Some(d1));
    let d2 = dossier_for(&docs[..1], "About 3,000 troops were sent");
    store.put_dossier(&d2).await.unwrap();
    assert_eq!(store.dossier().await.unwrap(), Some(d2));

    // Skipped inputs: the same path again replaces its reason.
    store
        .put_skipped("empty.html", "no main text")
        .await
        .unwrap();
    store
        .put_skipped("scan.pdf", "unsupported format")
        .await
        .unwrap();
    store.put_skipped("empty.html", "too short").await.unwrap();
    assert_eq!(
        store.skipped().await.unwrap(),
        vec![
            ("empty.html".to_string(), "too short".to_string()),
            ("scan.pdf".to_string(), "unsupported format".to_string()),
        ]
    );
    store.clear_skipped().await.unwrap();
    assert!(store.skipped().await.unwrap().is_empty());

    // Search: stemmed words, all words required, snippet marks the match.
    let hits = store.search("bridge", 10).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].0, bridge.id);
    assert!(hits[0].1.contains("[bridge]"), "snippet: {}", hits[0].1);
    let ids = |hits: Vec<(String, String)>| hits.into_iter().map(|h| h.0).collect::<Vec<_>>();
    let troop_hits = ids(store.search("troop", 10).await.unwrap());
    assert_eq!(troop_hits.len(), 2, "{troop_hits:?}");
    assert!(troop_hits.contains(&troops.id) && troop_hits.contains(&flood.id));
    assert_eq!(
        ids(store.search("troops Kremlin", 10).await.unwrap()),
        vec![troops.id.clone()]
    );
    assert_eq!(store.search("troops", 1).await.unwrap().len(), 1);
    assert!(store.search("submarine", 10).await.unwrap().is_empty());
    assert!(store.search("bridge", 0).await.unwrap().is_empty());
    // User query syntax is never interpreted: none of these may error.
    for query in [
        "\"unbalanced",
        "AND OR",
        "NOT",
        "NEAR(troops",
        "text:bridge",
        "bridge*",
        "(",
        "'; DROP TABLE documents; --",
        "",
        "   ",
        "— “ ”",
    ] {
        store
            .search(query, 5)
            .await
            .unwrap_or_else(|e| panic!("query {query:?} failed: {e}"));
    }
    assert_eq!(
        ids(store.search("\"bridge", 5).await.unwrap()),
        vec![bridge.id.clone()]
    );
    if store.backend() == Backend::Sqlite {
        // FTS5's tokenizer folds diacritics; PostgreSQL's `english` configuration does not.
        assert_eq!(
            ids(store.search("Zurich", 5).await.unwrap()),
            vec![bridge.id.clone()],
            "diacritics folded"
        );
    }
    assert_eq!(store.documents().await.unwrap().len(), 3);
}

#[tokio::test]
async fn sqlite_store_behaves() {
    let (_dir, store) = temp_store().await;
    assert_eq!(store.backend(), Backend::Sqlite);
    exercise(&store).await;
}

#[tokio::test]
async fn in_memory_store_behaves() {
    let store = Store::open(":memory:").await.unwrap();
    exercise(&store).await;
}

#[tokio::test]
async fn search_ranks_the_denser_match_first() {
    let (_dir, store) = temp_store().await;
    let once = Document::new(
        "a.txt",
        "The ministry said the ceasefire talks would resume in Doha next week.",
    );
    let thrice = Document::new(
        "b.txt",
        "Ceasefire talks stalled. Negotiators said a ceasefire was close, but the ceasefire \
         text was not agreed.",
    );
    store
        .put_documents(&[once.clone(), thrice.clone()])
        .await
        .unwrap();
    let hits = store.search("ceasefire", 10).await.unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(ids, vec![thrice.id.as_str(), once.id.as_str()]);
}

#[tokio::test]
async fn reopening_a_file_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.db");
    let path = path.to_str().unwrap();
    let troops = article("troops.txt", TROOPS);
    let dossier = dossier_for(std::slice::from_ref(&troops), "Troops were sent");
    {
        let store = Store::open(path).await.unwrap();
        store.put_document(&troops).await.unwrap();
        store
            .put_analysis("v1", &analysis_of(&troops))
            .await
            .unwrap();
        store.put_dossier(&dossier).await.unwrap();
        store.close().await;
    }
    // Opened again, by path and by URL: migrations do not run twice.
    for db in [path.to_string(), format!("sqlite://{path}")] {
        let store = Store::open(&db).await.unwrap();
        assert_eq!(store.documents().await.unwrap(), vec![troops.clone()]);
        assert_eq!(
            store.analysis(&troops.id, "v1").await.unwrap(),
            Some(analysis_of(&troops))
        );
        assert_eq!(store.dossier().await.unwrap(), Some(dossier.clone()));
        assert!(!store.put_document(&troops).await.unwrap());
        assert_eq!(store.search("Peskov", 3).await.unwrap().len(), 1);
        store.close().await;
    }
}

#[tokio::test]
async fn file_is_in_wal_mode() {
    let (_dir, store) = temp_store().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn missing_directory_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not-made-yet").join("store.db");
    let err = Store::open(db.to_str().unwrap()).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::MissingDirectory { .. }), "{msg}");
    assert!(msg.contains("store.db"), "{msg}");
    assert!(
        msg.contains("not-made-yet") && msg.contains("does not exist"),
        "{msg}"
    );
}

#[tokio::test]
async fn unreadable_file_gives_an_open_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "these are plain-text notes, not a database\n".repeat(200),
    )
    .unwrap();
    let err = Store::open(path.to_str().unwrap()).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("notes.db"), "{msg}");
    assert!(msg.to_lowercase().contains("not a database"), "{msg}");
}

#[tokio::test]
async fn bad_stored_json_is_an_error_not_a_panic() {
    let (_dir, store) = temp_store().await;
    let troops = article("troops.txt", TROOPS);
    store.put_document(&troops).await.unwrap();
    store
        .put_analysis("v1", &analysis_of(&troops))
        .await
        .unwrap();
    store.put_dossier(&Dossier::default()).await.unwrap();
    // As an older version might have written them: other shapes, or garbage.
    sqlx::query("UPDATE analyses SET json = $1")
        .bind(r#"{"doc": 7, "sentences": "none"}"#)
        .execute(&store.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE dossier SET json = $1")
        .bind("{not json")
        .execute(&store.pool)
        .await
        .unwrap();

    let err = store.analysis(&troops.id, "v1").await.unwrap_err();
    assert!(matches!(err, StoreError::BadJson { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains(&troops.id) && msg.contains("analyzer v1"),
        "{msg}"
    );
    assert!(store.analyses("v1").await.is_err());
    let err = store.dossier().await.unwrap_err();
    assert!(
        err.to_string().contains("stored dossier cannot be read"),
        "{err}"
    );
    // The rest of the store still works.
    assert_eq!(store.documents().await.unwrap().len(), 1);
}

#[tokio::test]
async fn analysis_of_an_unknown_document_is_refused_and_batches_are_atomic() {
    let (_dir, store) = temp_store().await;
    let troops = article("troops.txt", TROOPS);
    store.put_document(&troops).await.unwrap();
    let orphan = Analysis {
        doc: "ffffffffffffffff".to_string(),
        ..Analysis::default()
    };
    let err = store.put_analysis("v1", &orphan).await.unwrap_err();
    assert!(matches!(err, StoreError::UnknownDocument { .. }), "{err}");
    assert!(err.to_string().contains("ffffffffffffffff"), "{err}");
    // The first analysis of the batch is rolled back with the failing one.
    let err = store
        .put_analyses("v1", &[analysis_of(&troops), orphan])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownDocument { .. }), "{err}");
    assert_eq!(store.analysis(&troops.id, "v1").await.unwrap(), None);
}

#[tokio::test]
async fn cancelled_batch_leaves_nothing_behind() {
    let (_dir, store) = temp_store().await;
    let docs: Vec<Document> = (0..2000)
        .map(|i| Document::new(format!("{i}.txt"), format!("Report number {i}: {BRIDGE}")))
        .collect();
    let writer = store.clone();
    let task = tokio::spawn(async move { writer.put_documents(&docs).await });
    tokio::time::sleep(Duration::from_millis(20)).await;
    task.abort();
    let finished = matches!(task.await, Ok(Ok(2000)));
    let stored = store.documents().await.unwrap().len();
    assert_eq!(stored, if finished { 2000 } else { 0 });
    let hits = store.search("bridge", 5000).await.unwrap().len();
    assert_eq!(hits, stored, "full-text index in step with the table");
}

#[tokio::test]
async fn concurrent_writers_both_succeed() {
    let (_dir, store) = temp_store().await;
    let batch = |tag: &'static str| -> Vec<Document> {
        (0..300)
            .map(|i| {
                Document::new(
                    format!("{tag}{i}.txt"),
                    format!("{tag} desk, item {i}: {FLOOD}"),
                )
            })
            .collect()
    };
    let (a, b) = (store.clone(), store.clone());
    let left = tokio::spawn(async move { a.put_documents(&batch("Metro")).await });
    let right = tokio::spawn(async move { b.put_documents(&batch("Sports")).await });
    assert_eq!(left.await.unwrap().unwrap(), 300);
    assert_eq!(right.await.unwrap().unwrap(), 300);
    assert_eq!(store.documents().await.unwrap().len(), 600);
}

/// Environment variable naming the database the crash test's child writes to.
const CRASH_DB_VAR: &str = "CROSSCHECK_STORE_CRASH_DB";
/// Documents per transaction in the crash test.
const CRASH_BATCH: usize = 40;

/// Child side of [`killed_writer_leaves_a_sound_file`]: writes batches until
/// it is killed (bounded, so it stops by itself if nobody kills it).
#[tokio::test]
#[ignore = "run by killed_writer_leaves_a_sound_file in a child process"]
async fn crash_writer_child() {
    let Ok(db) = std::env::var(CRASH_DB_VAR) else {
        return;
    };
    let store = Store::open(&db).await.unwrap();
    for round in 0..2000 {
        let docs: Vec<Document> = (0..CRASH_BATCH)
            .map(|i| {
                Document::new(
                    format!("{round}-{i}.txt"),
                    format!("Dispatch {round}/{i}: {TROOPS} {FLOOD}"),
                )
            })
            .collect();
        store.put_documents(&docs).await.unwrap();
    }
}

#[tokio::test]
async fn killed_writer_leaves_a_sound_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let db = path.to_str().unwrap().to_string();
    let store = Store::open(&db).await.unwrap();

    let exe = std::env::current_exe().unwrap();
    let mut child = std::process::Command::new(exe)
        .args([
            "--exact",
            "tests::crash_writer_child",
            "--ignored",
            "--quiet",
        ])
        .env(CRASH_DB_VAR, &db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it commit a few batches, then kill it (SIGKILL) mid-stream.
    let mut seen = 0;
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(25)).await;
        seen = store.documents().await.unwrap().len();
        if seen >= 3 * CRASH_BATCH {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    store.close().await;
    assert!(seen > 0, "the child never wrote");

    let store = Store::open(&db).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    sqlx::query("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        .execute(&store.pool)
        .await
        .unwrap();
    let stored = store.documents().await.unwrap().len();
    assert!(
        stored >= seen,
        "committed batches survive: {stored} < {seen}"
    );
    assert_eq!(stored % CRASH_BATCH, 0, "only whole batches: {stored}");
    assert_eq!(
        store.search("Dispatch", 100_000).await.unwrap().len(),
        stored
    );
}

/// The PostgreSQL server tests use: `CROSSCHECK_TEST_POSTGRES`, else the local one.
fn postgres_url() -> String {
    std::env::var("CROSSCHECK_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

#[tokio::test]
async fn postgres_store_behaves() {
    sqlx::any::install_default_drivers();
    let url = postgres_url();
    let connect = sqlx::AnyConnection::connect(&url);
    let mut admin = match tokio::time::timeout(Duration::from_secs(5), connect).await {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => {
            eprintln!("no PostgreSQL at {url} ({e}): PostgreSQL test not run");
            return;
        }
        Err(_) => {
            eprintln!("no PostgreSQL answer at {url}: PostgreSQL test not run");
            return;
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let schema = format!("crosscheck_test_{}_{nanos}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let store_url = format!("{url}{sep}options=-c%20search_path%3D{schema}");

    // Run the checks in a task so the schema is dropped even if one fails.
    let run = tokio::spawn(async move {
        let store = Store::open(&store_url).await.unwrap();
        assert_eq!(store.backend(), Backend::Postgres);
        exercise(&store).await;
        store.close().await;
        // Reopening runs no migration twice and keeps the data.
        let store = Store::open(&store_url).await.unwrap();
        assert_eq!(store.documents().await.unwrap().len(), 3);
        store.close().await;
    })
    .await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}
