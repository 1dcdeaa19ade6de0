//! Tests against the real NATS JetStream server (`CROSSCHECK_TEST_NATS`,
//! else `nats://127.0.0.1:4222`; each test on a stream of its own, deleted
//! afterwards) and the PostgreSQL server of `crosscheck_store::testing`.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crosscheck_core::{ANALYZER_VERSION, Document};
use crosscheck_store::Store;
use crosscheck_store::testing::PgSchema;
use futures::FutureExt;

use super::*;
use crate::worker::Settings;

fn nats_url() -> String {
    std::env::var("CROSSCHECK_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_string())
}

/// A queue of its own on the test server.
async fn fresh_queue(tag: &str) -> Queue {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!("cc-test-{tag}-{}-{nanos}", std::process::id());
    Queue::connect(&nats_url(), &name)
        .await
        .unwrap_or_else(|e| panic!("{e} (set CROSSCHECK_TEST_NATS)"))
}

fn settings(name: &str) -> Settings {
    Settings {
        name: name.to_string(),
        batch: 8,
        threads: 1,
        ack_wait: Duration::from_secs(5),
        exit_when_drained: true,
        link: true,
    }
}

fn articles(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| Document {
            source: Some(["Harbor Tribune", "Coastal Wire", "Northern Ledger"][i % 3].to_string()),
            ..Document::new(
                format!("wire/{i}.txt"),
                format!(
                    "The port authority of Lede said on Monday that {} ferries were held in harbour. \
                     Officials denied that the closure was linked to the strike.",
                    i + 2
                ),
            )
        })
        .collect()
}

#[tokio::test]
async fn bad_queue_names_and_servers_are_named_in_errors() {
    let err = Queue::connect(&nats_url(), "has.dots").await.unwrap_err();
    assert!(err.to_string().contains("has.dots"), "{err}");
    let err = Queue::connect("nats://127.0.0.1:1", "q").await.unwrap_err();
    assert!(err.to_string().contains("nats://127.0.0.1:1"), "{err}");
}

#[tokio::test]
async fn submitted_articles_are_stored_once_linked_and_failures_recorded() {
    let queue = fresh_queue("e2e").await;
    let schema = PgSchema::create("queue_e2e").await;
    let store = Store::open(schema.url()).await.unwrap();
    let run = async {
        let docs = articles(30);
        let sent = queue.submit(&docs).await.unwrap();
        assert_eq!(sent.published, 30);
        // The same articles again: the stream recognises them.
        let again = queue.submit(&docs[..5]).await.unwrap();
        assert_eq!((again.published, again.duplicates), (0, 5));
        // A message that is not an article, and one whose id is not its text's hash.
        let subject = format!("{}.work", queue.name());
        queue
            .js
            .publish(subject.clone(), "{not json".into())
            .await
            .unwrap()
            .await
            .unwrap();
        let mut forged = Work {
            v: 1,
            doc: Document::new("forged.txt", "Some text."),
        };
        forged.doc.id = "0000000000000000".to_string();
        let payload = serde_json::to_vec(&forged).unwrap();
        queue
            .js
            .publish(subject, payload.into())
            .await
            .unwrap()
            .await
            .unwrap();
        assert_eq!(queue.depth().await.unwrap().pending, 32);

        let summary = worker::run(
            &queue,
            &store,
            &settings("w1"),
            Arc::new(AtomicBool::new(false)),
        )
        .await
        .unwrap();
        assert_eq!(summary.processed, 30);
        assert_eq!(summary.failed, 2);
        assert_eq!(summary.linked, 1);
        assert!(queue.depth().await.unwrap().drained());

        // Stored once each, in submit order, and linked.
        let stored = store.documents().await.unwrap();
        assert_eq!(stored, docs);
        assert_eq!(store.counts(ANALYZER_VERSION).await.unwrap(), (30, 30));
        assert_eq!(store.dossier_generation().await.unwrap(), 30);
        let dossier = store.dossier().await.unwrap().unwrap();
        assert_eq!(dossier.documents.len(), 30);

        let (total, failures) = store.failures(10).await.unwrap();
        assert_eq!(total, 2);
        let reasons: Vec<&str> = failures.iter().map(|f| f.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.contains("bad JSON")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("not the hash of its text")),
            "{reasons:?}"
        );
        assert!(
            failures.iter().any(|f| f.item.contains("forged.txt")),
            "{failures:?}"
        );

        let status = status::gather(Some(&queue), &store, 5).await.unwrap();
        assert_eq!(status.workers.len(), 1);
        assert_eq!(status.workers[0].processed, 30);
        assert_eq!(status.workers[0].failed, 2);
        assert_eq!(status.dossier_covers, 30);
        assert_eq!(status.depth.unwrap().messages, 0);

        // More articles later, old ones among them: the stream drops the
        // copies, the new one goes after everything stored.
        let mut late = articles(3);
        late.push(Document::new(
            "new.txt",
            "The strike ended on Friday, union leaders said.",
        ));
        let sent = queue.submit(&late).await.unwrap();
        assert_eq!((sent.published, sent.duplicates), (1, 3));
        let summary = worker::run(
            &queue,
            &store,
            &settings("w2"),
            Arc::new(AtomicBool::new(false)),
        )
        .await
        .unwrap();
        assert_eq!(summary.processed, 1);
        assert_eq!(store.counts(ANALYZER_VERSION).await.unwrap(), (31, 31));
        let mut expected = docs.clone();
        expected.push(late[3].clone());
        assert_eq!(store.documents().await.unwrap(), expected);
        assert_eq!(store.dossier_generation().await.unwrap(), 31);
        assert_eq!(store.workers().await.unwrap().len(), 2);
    };
    // Clean up whatever happened.
    let outcome = std::panic::AssertUnwindSafe(run).catch_unwind().await;
    store.close().await;
    queue.delete().await.unwrap();
    schema.drop().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
