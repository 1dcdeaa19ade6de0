//! `submit`, `worker` and `status`: a run spread over worker processes
//! through NATS JetStream (see `crosscheck_queue`).

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use crosscheck_queue::{Queue, link::Relinked, status, worker};
use crosscheck_store::Store;

/// Where the work queue is: shared by the three commands.
#[derive(clap::Args, Clone)]
pub struct QueueArgs {
    /// The NATS server (with JetStream enabled).
    #[arg(long, default_value = "nats://127.0.0.1:4222", value_name = "URL")]
    nats: String,
    /// The queue's name (its JetStream stream): one per store.
    #[arg(long, default_value = "crosscheck", value_name = "NAME")]
    queue: String,
}

/// How a worker runs.
#[derive(clap::Args, Clone)]
pub struct WorkerArgs {
    /// The store to write to (`postgres://…` to share it between machines).
    #[arg(long, value_name = "DB")]
    db: String,
    /// This worker's name in `status` (default: host-pid).
    #[arg(long)]
    name: Option<String>,
    /// Articles per fetch and per transaction.
    #[arg(long, default_value_t = 64)]
    batch: usize,
    /// Threads analysing a batch (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Seconds the server waits for an acknowledgement before it hands a
    /// message to another worker (used when the queue's consumer is created).
    #[arg(long, default_value_t = 30)]
    ack_wait: u64,
    /// Stop once the queue is drained and the dossier is up to date.
    #[arg(long)]
    exit_when_drained: bool,
    /// Do not rebuild the dossier (leave it to other workers).
    #[arg(long)]
    no_link: bool,
    #[command(flatten)]
    limits: crate::limits::AnalysisLimits,
}

/// How many articles `submit` reads before publishing them.
const SUBMIT_BATCH: usize = 1_000;

pub async fn submit(
    articles: &[String],
    read: &crate::limits::ReadLimits,
    queue: &QueueArgs,
    quiet: bool,
) -> Result<ExitCode> {
    let q = connect(queue).await?;
    // Read and published a batch at a time, in the order `analyze` reads
    // the same inputs (the order they are linked in): a corpus of any size
    // is never whole in memory (the 911 MB million-article corpus took
    // 1.2 GB read whole). Reading runs on its own thread, a batch ahead.
    let (tx, mut rx) = tokio::sync::mpsc::channel(1);
    let args = articles.to_vec();
    let opts = read.options();
    let reader = std::thread::spawn(move || {
        crate::analyze::ingest_in_batches(&args, &opts, SUBMIT_BATCH, &mut |docs, skipped| {
            tx.blocking_send((docs, skipped)).is_ok()
        });
    });
    let (mut read, mut skipped, mut published, mut duplicates, mut refused) = (0, 0, 0, 0, 0);
    while let Some((docs, skips)) = rx.recv().await {
        for s in &skips {
            eprintln!("skipped {}: {}", s.path, s.reason);
        }
        skipped += skips.len();
        read += docs.len();
        let sent = q.submit(&docs).await?;
        for (path, reason) in &sent.refused {
            eprintln!("not queued {path}: {reason}");
        }
        published += sent.published;
        duplicates += sent.duplicates;
        refused += sent.refused.len();
    }
    if reader.join().is_err() {
        anyhow::bail!("reading the articles failed (a bug): not every article was queued");
    }
    if !quiet {
        eprintln!(
            "{read} article(s) read, {published} queued on {} at {}, {duplicates} already queued; {skipped} input(s) skipped, {refused} refused",
            q.name(),
            q.url(),
        );
    }
    if read == 0 {
        eprintln!("error: no article could be read ({skipped} input(s) skipped)");
        return Ok(crate::exit::nothing_read());
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn worker(queue: &QueueArgs, args: &WorkerArgs, quiet: bool) -> Result<ExitCode> {
    let q = connect(queue).await?;
    let store = Store::open(&args.db)
        .await
        .with_context(|| format!("opening the store {}", args.db))?;
    let name = args.name.clone().unwrap_or_else(default_name);
    let settings = worker::Settings {
        name: name.clone(),
        batch: args.batch.max(1),
        threads: args.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
        ack_wait: Duration::from_secs(args.ack_wait.max(1)),
        exit_when_drained: args.exit_when_drained,
        link: !args.no_link,
        limits: args.limits.limits(),
    };
    let stop = worker::stop_on_signals();
    if !quiet {
        eprintln!("worker {name}: {} → {}", q.url(), store.name());
    }
    let summary = worker::run(&q, &store, &settings, stop).await?;
    store.close().await;
    if !quiet {
        eprintln!(
            "worker {name}: {} stored, {} failed, {} batch(es) retried, {} dossier(s) built",
            summary.processed, summary.failed, summary.retried, summary.linked
        );
        if let Some(Relinked::Linked {
            documents,
            read,
            link,
            save,
            stories,
            ..
        }) = summary.last_link
        {
            eprintln!(
                "worker {name}: last dossier from {documents} article(s): read {:.2} s, linked {:.2} s, \
                 {stories} stor{} saved in {:.2} s",
                read.as_secs_f64(),
                link.as_secs_f64(),
                if stories == 1 { "y" } else { "ies" },
                save.as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn status(queue: &QueueArgs, db: &str) -> Result<ExitCode> {
    let store = Store::open_read_only(db).await?;
    // The store's side is worth showing even when the queue is unreachable.
    let q = connect(queue).await;
    let q_err = q.as_ref().err().map(|e| format!("{e:#}"));
    let st = status::gather(q.as_ref().ok(), &store, 10).await?;
    match &st.depth {
        Ok(d) => println!(
            "queue {}: {} waiting ({} not yet delivered, {} in flight), {} redelivered",
            queue.queue, d.messages, d.pending, d.in_flight, d.redelivered
        ),
        Err(e) => println!(
            "queue {}: unavailable ({})",
            queue.queue,
            q_err.as_deref().unwrap_or(e)
        ),
    }
    let freshness = if st.dossier_covers >= st.analysed {
        "up to date".to_string()
    } else if st.dossier_covers == 0 {
        // `analyze` saves its dossier without a generation; workers relink it.
        "not built by a worker yet (relinked when the queue drains)".to_string()
    } else {
        format!(
            "covers {} (relinked when the queue drains)",
            st.dossier_covers
        )
    };
    println!(
        "store {}: {} documents, {} analysed; dossier {freshness}",
        store.name(),
        st.documents,
        st.analysed
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    if !st.workers.is_empty() {
        println!(
            "{:<28} {:>7} {:>10} {:>9} {:>7} {:>8}  last error",
            "worker", "state", "stored", "art/s", "failed", "retried"
        );
    }
    for w in &st.workers {
        let state = if status::Status::alive(w, now) {
            "running"
        } else {
            "gone"
        };
        println!(
            "{:<28} {:>7} {:>10} {:>9.1} {:>7} {:>8}  {}",
            w.name,
            state,
            w.processed,
            status::Status::rate(w),
            w.failed,
            w.retried,
            w.last_error.as_deref().unwrap_or("-")
        );
    }
    if st.failures_total > 0 {
        println!("{} failure(s); latest:", st.failures_total);
        for f in &st.failures {
            println!("  {} [{}]: {}", f.item, f.worker, f.reason);
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn connect(queue: &QueueArgs) -> Result<Queue> {
    Queue::connect(&queue.nats, &queue.queue)
        .await
        .with_context(|| format!("connecting to the queue {} at {}", queue.queue, queue.nats))
}

/// `host-pid`: unique per process on a machine, readable in `status`.
fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "worker".to_string());
    format!("{host}-{}", std::process::id())
}
