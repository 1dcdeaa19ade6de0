//! Tests against the real NATS JetStream server (`CROSSCHECK_TEST_NATS`,
//! else `nats://127.0.0.1:4222`; each test on a stream of its own, deleted
//! afterwards) and the PostgreSQL server of `crosscheck_store::testing`.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crosscheck_core::analyze::Limits;
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
        limits: Default::default(),
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

/// An article past the analysis limits is recorded as failed with the limit
/// it broke, its message is terminated, and the worker goes on with the next
/// ones: nothing is redelivered and the queue drains.
#[tokio::test]
async fn articles_past_the_limits_are_recorded_and_the_worker_goes_on() {
    let queue = fresh_queue("limits").await;
    let schema = PgSchema::create("queue_limits").await;
    let store = Store::open(schema.url()).await.unwrap();
    let run = async {
        let mut docs = articles(4);
        let long: Vec<String> = (0..300)
            .map(|i| format!("The ferry {i} left the harbour late."))
            .collect();
        docs.insert(2, Document::new("long.txt", long.join(" ")));
        queue.submit(&docs).await.unwrap();
        let mut limited = settings("w-limits");
        limited.limits = Limits {
            max_sentences: 100,
            budget: None,
        };
        let stop = Arc::new(AtomicBool::new(false));
        let summary = worker::run(&queue, &store, &limited, stop.clone())
            .await
            .unwrap();
        assert_eq!((summary.processed, summary.failed), (4, 1));
        let (_, failures) = store.failures(10).await.unwrap();
        assert!(failures[0].item.contains("long.txt"), "{failures:?}");
        assert!(failures[0].reason.contains("300 sentences"), "{failures:?}");

        // A budget no article can meet: every one is given up, none comes back.
        queue.submit(&articles(7)[4..]).await.unwrap();
        limited.limits = Limits {
            max_sentences: 100,
            budget: Some(Duration::ZERO),
        };
        let summary = worker::run(&queue, &store, &limited, stop).await.unwrap();
        assert_eq!((summary.processed, summary.failed), (0, 3));
        assert!(queue.depth().await.unwrap().drained());
        let (total, failures) = store.failures(10).await.unwrap();
        assert_eq!(total, 4);
        assert!(
            failures[..3].iter().all(|f| f.reason.contains("--budget")),
            "{failures:?}"
        );
        assert_eq!(store.counts(ANALYZER_VERSION).await.unwrap(), (4, 4));
    };
    let outcome = std::panic::AssertUnwindSafe(run).catch_unwind().await;
    store.close().await;
    queue.delete().await.unwrap();
    schema.drop().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Each link folds only what came after the last one, into the dossier a
/// batch build of everything gives; a document stored earlier in the order
/// than what was folded makes the linker start again from empty.
#[tokio::test]
async fn relinking_folds_new_documents_into_the_batch_dossier() {
    use crate::link::{LinkState, Relinked, relink};
    use crosscheck_core::analyze::analyze_document;
    use crosscheck_link::build_dossier;

    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("store.db");
    let store = Store::open(db.to_str().expect("UTF-8 path")).await.unwrap();
    let texts = [
        "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday.",
        "The Federal Reserve cut its benchmark rate by half a point, Jerome Powell said.",
        "Norway has sent soldiers to Sweden to help with the border, officials said.",
        "Norway has not sent any troops to Sweden, the newspaper found after checking.",
        "Jerome Powell said the Federal Reserve's rate cut reflected cooling inflation.",
        "Up to 10,000 Norwegian troops have been sent to Sweden, Swedish radio reported.",
        "Sweden's prime minister thanked Norway for the troops on Tuesday.",
    ];
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(format!("d{i}.txt"), *t);
            d.source = Some(format!("Outlet {i}"));
            d
        })
        .collect();
    let analyses: Vec<_> = docs.iter().map(analyze_document).collect();
    let put = |range: std::ops::Range<usize>, base: i64| {
        let items: Vec<_> = range
            .map(|i| (base + i as i64, &docs[i], Some(&analyses[i])))
            .collect();
        let store = &store;
        async move { store.put_analyzed(ANALYZER_VERSION, &items).await.unwrap() }
    };
    // Two documents a page: every fold below reads more than one page.
    let mut state = LinkState::paged(2);
    let json = |d: &crosscheck_core::Dossier| serde_json::to_string(d).unwrap();

    put(0..3, 10).await;
    let first = relink(&store, "t", &mut state).await.unwrap();
    assert!(
        matches!(
            first,
            Relinked::Linked {
                documents: 3,
                added: 3,
                ..
            }
        ),
        "{first:?}"
    );
    put(3..6, 10).await;
    let second = relink(&store, "t", &mut state).await.unwrap();
    assert!(
        matches!(
            second,
            Relinked::Linked {
                documents: 6,
                added: 3,
                ..
            }
        ),
        "{second:?}"
    );
    let stored = store.dossier().await.unwrap().expect("a dossier");
    assert_eq!(
        json(&stored),
        json(&build_dossier(&docs[..6], &analyses[..6]).expect("linked"))
    );
    assert_eq!(
        relink(&store, "t", &mut state).await.unwrap(),
        Relinked::UpToDate
    );
    // An up-to-date answer gives the lease back; while another process
    // holds it, the answer is Busy (nothing is counted or read).
    assert!(
        store
            .take_link_lease("other", crate::link::LEASE)
            .await
            .unwrap()
    );
    assert_eq!(
        relink(&store, "t", &mut state).await.unwrap(),
        Relinked::Busy
    );
    store.drop_link_lease("other").await.unwrap();

    // Stored at a position before everything folded: start again.
    put(6..7, 0).await;
    let third = relink(&store, "t", &mut state).await.unwrap();
    assert!(
        matches!(
            third,
            Relinked::Linked {
                documents: 7,
                added: 7,
                ..
            }
        ),
        "{third:?}"
    );
    let order: Vec<usize> = std::iter::once(6).chain(0..6).collect();
    let docs_in_order: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
    let analyses_in_order: Vec<_> = order.iter().map(|&i| analyses[i].clone()).collect();
    let stored = store.dossier().await.unwrap().expect("a dossier");
    assert_eq!(
        json(&stored),
        json(&build_dossier(&docs_in_order, &analyses_in_order).expect("linked"))
    );
}

/// A link renews its lease as it goes, so that no second linker starts
/// beside a long one; one whose lease another process has taken stops
/// after the page it folded, saves nothing, and goes on from there later.
#[tokio::test]
async fn a_link_keeps_its_lease_and_stops_when_it_is_taken() {
    use crate::link::{LEASE, Lease, LinkState, Relinked, fold_and_save, relink};
    use crosscheck_core::analyze::analyze_document;

    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("store.db");
    let store = Store::open(db.to_str().expect("UTF-8 path")).await.unwrap();
    let docs: Vec<Document> = (0..4)
        .map(|i| {
            Document::new(
                format!("d{i}.txt"),
                format!("Norway has sent {i}00 troops to Sweden, officials in Oslo said."),
            )
        })
        .collect();
    let analyses: Vec<_> = docs.iter().map(analyze_document).collect();
    let items: Vec<_> = (0..4)
        .map(|i| (i as i64, &docs[i], Some(&analyses[i])))
        .collect();
    store.put_analyzed(ANALYZER_VERSION, &items).await.unwrap();

    // Renewed while it runs: the lease is still this linker's afterwards.
    let mut state = LinkState::paged(1);
    assert!(store.take_link_lease("a", LEASE).await.unwrap());
    let mut lease = Lease::due("a");
    let linked = fold_and_save(&store, &mut state, &mut lease).await.unwrap();
    assert!(
        matches!(linked, Relinked::Linked { documents: 4, .. }),
        "{linked:?}"
    );
    assert!(!store.take_link_lease("b", LEASE).await.unwrap(), "renewed");
    store.drop_link_lease("a").await.unwrap();

    // Taken by another process: the link stops after one page.
    let more = Document::new("d4.txt", "Sweden thanked Norway for the troops on Tuesday.");
    let more_analysis = analyze_document(&more);
    store
        .put_analyzed(ANALYZER_VERSION, &[(4, &more, Some(&more_analysis))])
        .await
        .unwrap();
    let mut state = LinkState::paged(1);
    assert!(store.take_link_lease("b", LEASE).await.unwrap());
    let mut lease = Lease::due("a");
    let stopped = fold_and_save(&store, &mut state, &mut lease).await.unwrap();
    assert_eq!(stopped, Relinked::Busy);
    assert_eq!(state.len(), 1, "one page folded");
    store.drop_link_lease("b").await.unwrap();

    // The next link goes on from that page and saves every story.
    let next = relink(&store, "a", &mut state).await.unwrap();
    assert!(
        matches!(
            next,
            Relinked::Linked {
                documents: 5,
                added: 4,
                ..
            }
        ),
        "{next:?}"
    );
    let mut all = docs.clone();
    all.push(more);
    let mut all_analyses = analyses.clone();
    all_analyses.push(more_analysis);
    let json = |d: &crosscheck_core::Dossier| serde_json::to_string(d).unwrap();
    assert_eq!(
        json(&store.dossier().await.unwrap().expect("a dossier")),
        json(&crosscheck_link::build_dossier(&all, &all_analyses).expect("linked"))
    );
}
