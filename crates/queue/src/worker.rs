//! A worker: fetch a batch from the queue, analyse, store, acknowledge.
//!
//! The order is what makes a crash at any point harmless: a message is
//! acknowledged only after the transaction holding its document and
//! analysis has committed. A worker killed before the commit leaves nothing
//! in the store and its messages are redelivered after the ack wait; one
//! killed between commit and acknowledgement gets them redelivered too, and
//! storing them again changes nothing (documents are keyed by content hash,
//! analyses by document and analyzer version, positions keep the lowest).
//!
//! Errors of the environment (database or NATS unreachable, a connection
//! dropped mid-transaction) hand the batch back to the queue and the worker
//! goes on; errors of the item (a message that is not an article, an
//! analysis that panics) are recorded as failures with their reason and the
//! message is terminated, so it does not come back.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use async_nats::jetstream::{AckKind, Message};
use crosscheck_core::{
    ANALYZER_VERSION, Analysis, Document, analyze::Limits, analyze::analyze_within, content_id,
};
use crosscheck_store::{Store, WorkerRow};
use futures::StreamExt;

use crate::link::{LinkState, Relinked, relink};
use crate::{MAX_DELIVER, Queue, QueueError, Work};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The worker's name in `status` and in the link lease (unique per process).
    pub name: String,
    /// Messages fetched and stored per transaction.
    pub batch: usize,
    /// Threads analysing a batch.
    pub threads: usize,
    /// How long the server waits for an acknowledgement before it redelivers
    /// (only used when this worker creates the consumer).
    pub ack_wait: Duration,
    /// Stop once the queue is drained and the dossier covers every stored
    /// article (for batch runs, tests and benchmarks); otherwise run until
    /// `stop` is set.
    pub exit_when_drained: bool,
    /// Rebuild the dossier when the queue is drained.
    pub link: bool,
    /// What one article may cost the analysis: one past it is recorded as
    /// failed with the reason and its message terminated.
    pub limits: Limits,
}

/// What a worker did, returned when it stops.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Articles stored.
    pub processed: i64,
    /// Articles given up on.
    pub failed: i64,
    /// Batches handed back after an error of the environment.
    pub retried: i64,
    /// Dossiers this worker built.
    pub linked: usize,
    /// The last dossier this worker built ([`Relinked::Linked`]).
    pub last_link: Option<Relinked>,
}

/// A flag set on Ctrl-C or SIGTERM: a worker given it finishes the batch in
/// hand, reports and stops (what it has not acknowledged is redelivered).
pub fn stop_on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = ctrl_c => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = ctrl_c.await;
                }
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        flag.store(true, Ordering::Relaxed);
    });
    stop
}

/// A message that decoded into an article.
struct Item {
    message: Message,
    position: i64,
    doc: Document,
}

/// Runs until `stop` is set, or, with [`Settings::exit_when_drained`],
/// until the work is done. Only failing to set up (bad settings, no thread
/// pool) is an error; everything met while running is counted, recorded
/// and retried.
pub async fn run(
    queue: &Queue,
    store: &Store,
    settings: &Settings,
    stop: Arc<AtomicBool>,
) -> Result<Summary, QueueError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.max(1))
        .build()
        .map_err(|e| QueueError::JetStream {
            queue: queue.name().to_string(),
            action: "starting the analysis threads".to_string(),
            cause: e.to_string(),
        })?;
    let pool = Arc::new(pool);
    let mut row = WorkerRow {
        name: settings.name.clone(),
        started: now_ms(),
        seen: 0,
        processed: 0,
        failed: 0,
        retried: 0,
        last_error: None,
    };
    let mut linked = 0;
    let mut last_link = None;
    // The linker folds new documents into what it built before.
    let mut link_state = LinkState::default();
    let mut consumer = None;
    let mut last_report = Instant::now();
    report(store, &row).await;
    while !stop.load(Ordering::Relaxed) {
        // Set up (again) after an error: the server may have restarted.
        let pull = match &consumer {
            Some(c) => c,
            None => match queue.consumer(settings.ack_wait).await {
                Ok(c) => consumer.insert(c),
                Err(e) => {
                    trouble(&mut row, &e.to_string());
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    continue;
                }
            },
        };
        let fetched = pull
            .fetch()
            .max_messages(settings.batch.max(1))
            .expires(Duration::from_millis(500))
            .messages()
            .await;
        let mut messages = Vec::new();
        match fetched {
            Ok(mut batch) => {
                while let Some(message) = batch.next().await {
                    match message {
                        Ok(m) => messages.push(m),
                        Err(e) => {
                            // Messages already received stay in this batch;
                            // the rest come back after the ack wait.
                            trouble(&mut row, &format!("fetching from the queue: {e}"));
                            break;
                        }
                    }
                }
            }
            Err(e) => {
                trouble(&mut row, &format!("fetching from the queue: {e}"));
                consumer = None;
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        }

        if messages.is_empty() {
            if last_report.elapsed() > Duration::from_secs(2) {
                report(store, &row).await;
                last_report = Instant::now();
            }
            let drained = match queue.depth().await {
                Ok(depth) => depth.drained(),
                Err(e) => {
                    trouble(&mut row, &e.to_string());
                    false
                }
            };
            if !drained {
                continue;
            }
            let outcome = if settings.link {
                match relink(store, &settings.name, &mut link_state).await {
                    Ok(outcome) => outcome,
                    Err(e) => {
                        trouble(&mut row, &format!("linking: {e}"));
                        tokio::time::sleep(Duration::from_millis(500)).await;
                        continue;
                    }
                }
            } else {
                Relinked::UpToDate
            };
            match outcome {
                Relinked::Linked { .. } => {
                    linked += 1;
                    last_link = Some(outcome);
                }
                // Another process links: ask again in a while (asking is
                // one row's update, but there is no hurry).
                Relinked::Busy => tokio::time::sleep(Duration::from_secs(1)).await,
                Relinked::UpToDate if settings.exit_when_drained => break,
                Relinked::UpToDate => {}
            }
            continue;
        }

        process(store, &pool, messages, &mut row, &settings.limits).await;
        if last_report.elapsed() > Duration::from_millis(500) {
            report(store, &row).await;
            last_report = Instant::now();
        }
    }
    report(store, &row).await;
    Ok(Summary {
        processed: row.processed,
        failed: row.failed,
        retried: row.retried,
        linked,
        last_link,
    })
}

/// One batch: decode, analyse what is not stored yet, store, acknowledge.
async fn process(
    store: &Store,
    pool: &Arc<rayon::ThreadPool>,
    messages: Vec<Message>,
    row: &mut WorkerRow,
    limits: &Limits,
) {
    let mut items = Vec::with_capacity(messages.len());
    for message in messages {
        match decode(&message) {
            Ok(item) => items.push(item),
            Err(reason) => give_up(store, row, &message, &reason).await,
        }
    }
    if items.is_empty() {
        return;
    }

    // Keeps the messages of a batch alive while it is worked on, however
    // slow the analysis or the store: the server would redeliver them after
    // the ack wait otherwise.
    let in_flight: Vec<Message> = items.iter().map(|i| i.message.clone()).collect();
    let keep_alive = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            for message in &in_flight {
                let _ = message.ack_with(AckKind::Progress).await;
            }
        }
    });
    let outcome = analyse_and_store(store, pool, &items, limits).await;
    keep_alive.abort();

    match outcome {
        Ok(analysed) => {
            for (item, result) in items.iter().zip(analysed) {
                match result {
                    Ok(()) => {
                        // A lost acknowledgement means one redelivery, which is harmless.
                        let _ = item.message.ack().await;
                        row.processed += 1;
                    }
                    Err(reason) => give_up(store, row, &item.message, &reason).await,
                }
            }
        }
        Err(error) => {
            row.retried += 1;
            trouble(row, &error);
            for item in &items {
                if delivered(&item.message) >= MAX_DELIVER {
                    let reason = format!("gave up after {MAX_DELIVER} deliveries: {error}");
                    give_up(store, row, &item.message, &reason).await;
                } else {
                    let _ = item
                        .message
                        .ack_with(AckKind::Nak(Some(Duration::from_millis(500))))
                        .await;
                }
            }
        }
    }
}

/// Per item, `Ok` or the reason the analysis failed; `Err` when the store
/// could not be used (the whole batch goes back to the queue).
async fn analyse_and_store(
    store: &Store,
    pool: &Arc<rayon::ThreadPool>,
    items: &[Item],
    limits: &Limits,
) -> Result<Vec<Result<(), String>>, String> {
    let ids: Vec<&str> = items.iter().map(|i| i.doc.id.as_str()).collect();
    let stored = store
        .analysed_among(ANALYZER_VERSION, &ids)
        .await
        .map_err(|e| e.to_string())?;
    let todo: Vec<Document> = items
        .iter()
        .filter(|i| !stored.contains(&i.doc.id))
        .map(|i| i.doc.clone())
        .collect();
    let pool = Arc::clone(pool);
    let limits = *limits;
    let analysed = tokio::task::spawn_blocking(move || {
        use rayon::prelude::*;
        pool.install(|| {
            todo.par_iter()
                .map(|doc| {
                    std::panic::catch_unwind(AssertUnwindSafe(|| analyze_within(doc, &limits)))
                        .map_err(|_| "the analysis panicked on this article".to_string())
                        .and_then(|r| r.map_err(|refused| refused.to_string()))
                })
                .collect::<Vec<Result<Analysis, String>>>()
        })
    })
    .await
    .map_err(|e| format!("analysis task: {e}"))?;

    let mut analysed = analysed.into_iter();
    let mut results = Vec::with_capacity(items.len());
    let mut analyses: Vec<Option<Analysis>> = Vec::with_capacity(items.len());
    for item in items {
        if stored.contains(&item.doc.id) {
            results.push(Ok(()));
            analyses.push(None);
            continue;
        }
        match analysed.next() {
            Some(Ok(a)) => {
                results.push(Ok(()));
                analyses.push(Some(a));
            }
            Some(Err(reason)) => {
                results.push(Err(reason));
                analyses.push(None);
            }
            None => {
                results.push(Err("no analysis came back".to_string()));
                analyses.push(None);
            }
        }
    }
    let writes: Vec<(i64, &Document, Option<&Analysis>)> = items
        .iter()
        .zip(&analyses)
        .zip(&results)
        .filter(|(_, result)| result.is_ok())
        .map(|((item, analysis), _)| (item.position, &item.doc, analysis.as_ref()))
        .collect();
    store
        .put_analyzed(ANALYZER_VERSION, &writes)
        .await
        .map_err(|e| e.to_string())?;
    Ok(results)
}

/// The article in a message, checked: the id must be the text's hash.
fn decode(message: &Message) -> Result<Item, String> {
    let position = message
        .info()
        .map_err(|e| format!("not a JetStream message: {e}"))?
        .stream_sequence;
    let work: Work = serde_json::from_slice(&message.payload)
        .map_err(|e| format!("not an article (bad JSON: {e})"))?;
    if work.v != 1 {
        return Err(format!(
            "message format version {} is not known to this worker",
            work.v
        ));
    }
    if content_id(&work.doc.text) != work.doc.id {
        return Err(format!(
            "article {} ({}): the id is not the hash of its text",
            work.doc.id, work.doc.path
        ));
    }
    Ok(Item {
        message: message.clone(),
        position: i64::try_from(position).unwrap_or(i64::MAX),
        doc: work.doc,
    })
}

/// How many times the message has been delivered (1 the first time).
fn delivered(message: &Message) -> i64 {
    message.info().map_or(1, |info| info.delivered)
}

/// Records a failure and terminates the message (it will not come back).
async fn give_up(store: &Store, row: &mut WorkerRow, message: &Message, reason: &str) {
    row.failed += 1;
    let position = message.info().map_or(0, |i| i.stream_sequence);
    let item = match serde_json::from_slice::<Work>(&message.payload) {
        Ok(work) => format!("message {position} ({})", work.doc.path),
        Err(_) => format!("message {position}"),
    };
    if let Err(e) = store.put_failure(&row.name, &item, reason).await {
        trouble(row, &format!("recording the failure of {item}: {e}"));
    }
    let _ = message.ack_with(AckKind::Term).await;
}

/// Remembers an error of the environment for `status`.
fn trouble(row: &mut WorkerRow, error: &str) {
    row.last_error = Some(error.to_string());
}

/// Reports progress; a store that cannot be reached now is reached next time.
async fn report(store: &Store, row: &WorkerRow) {
    let _ = store.put_worker(row).await;
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
