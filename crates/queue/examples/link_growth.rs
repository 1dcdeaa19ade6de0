//! Linking cost per added article as the store grows (issue 6): feeds a
//! corpus to one `Linker`, in order, and prints the mean cost of `add` over
//! each window, the process's peak memory and, at the checkpoints, the cost
//! of a whole `dossier` (every story built and put together) with its JSON
//! size, and of one more article as a worker's link takes it (`add`, then
//! `parts`: only the story that changed, plus the globals, encoded as the
//! store saves them) with the size of what is saved. At the end, where the
//! linker's memory goes (`Linker::heap_bytes`).
//!
//!     cargo run --release -p crosscheck-queue --example link_growth -- \
//!         corpus.jsonl [--every 1000] [--dossier-at 1000,10000,100000] [--no-whole] [--memory]
//!
//! `--no-whole` leaves out the whole dossier at the checkpoints (at a
//! million articles it would not fit beside the linker): only the cost of
//! one more article is measured there. The linker spills what story parts
//! read of each document to a temporary file, as a worker's does;
//! `--memory` keeps it in memory instead.
//!
//! The corpus is `gen_corpus` output (JSONL: text, source, published,
//! url). Analysis runs on every core in chunks before the timed linking and
//! is not counted.

// The binary's allocator (see crates/cli/src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::BufRead;
use std::time::Instant;

use crosscheck_core::{Document, analyze::analyze_document};
use crosscheck_link::Linker;
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    text: String,
    source: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// A memory figure of this process from /proc/self/status, in MB.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut every = 1000usize;
    let mut dossier_at: Vec<usize> = vec![1_000, 10_000, 100_000, 1_000_000];
    let mut whole = true;
    let mut spill = true;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--no-whole" => whole = false,
            "--memory" => spill = false,
            "--every" => {
                every = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--every needs a number")?
            }
            "--dossier-at" => {
                dossier_at = args
                    .next()
                    .ok_or("--dossier-at needs a list")?
                    .split(',')
                    .map(|v| v.parse().map_err(|_| format!("not a number: {v}")))
                    .collect::<Result<_, _>>()?
            }
            _ => path = Some(a),
        }
    }
    let path = path.ok_or(
        "usage: link_growth CORPUS.jsonl [--every N] [--dossier-at A,B] [--no-whole] [--memory]",
    )?;
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut lines = std::io::BufReader::new(file).lines();
    // Like a worker's: what story parts read of each document in a spill
    // file (`--memory`: in memory).
    let mut linker = if spill {
        tempfile::tempfile()
            .and_then(Linker::spilling)
            .map_err(|e| format!("a spill file: {e}"))?
    } else {
        Linker::new()
    };
    let mut window = std::time::Duration::ZERO;
    let mut in_window = 0usize;
    println!(
        "documents  add µs/doc (last window)  dossier s  +1 article s  peak MB  dossier MB  +1 saves MB"
    );
    loop {
        let mut chunk: Vec<Document> = Vec::with_capacity(every);
        for (n, line) in lines.by_ref().take(every).enumerate() {
            let line = line.map_err(|e| format!("{path}: {e}"))?;
            let r: Record = serde_json::from_str(&line)
                .map_err(|e| format!("{path}: line {}: {e}", linker.len() + n + 1))?;
            let mut d = Document::new(format!("{path}#{}", linker.len() + n + 1), r.text);
            d.source = r.source;
            d.published = r.published;
            d.url = r.url;
            chunk.push(d);
        }
        if chunk.is_empty() {
            break;
        }
        let analyses: Vec<_> = chunk.par_iter().map(analyze_document).collect();
        let checkpoint = dossier_at.contains(&(linker.len() + chunk.len()));
        let mut last = None;
        for (k, (d, a)) in chunk.iter().zip(analyses).enumerate() {
            if checkpoint && k + 1 == chunk.len() {
                last = Some((d, a));
                break;
            }
            let t = Instant::now();
            linker.add(d, a);
            window += t.elapsed();
            in_window += 1;
        }
        let n = linker.len() + usize::from(last.is_some());
        let dossier = match last {
            Some((d, a)) => {
                // Every story built and put together once (what a first
                // link or `analyze` does), then one more article as a
                // worker's link takes it: `add`, the parts of the stories
                // it changed, encoded as the store saves them.
                let (full, size) = if whole {
                    let t = Instant::now();
                    let dossier = linker.dossier().map_err(|e| e.to_string())?;
                    let full = t.elapsed().as_secs_f64();
                    if dossier.documents.len() != n - 1 {
                        return Err(format!(
                            "the dossier holds {} of {} documents",
                            dossier.documents.len(),
                            n - 1
                        ));
                    }
                    let json = serde_json::to_vec(&dossier).map_err(|e| e.to_string())?;
                    (
                        format!("{full:9.2}"),
                        format!("{:10.1}", json.len() as f64 / 1e6),
                    )
                } else {
                    // As if a link had saved every story just now.
                    linker.take_changed(true);
                    (format!("{:>9}", "-"), format!("{:>10}", "-"))
                };
                let t = Instant::now();
                linker.add(d, a);
                let (parts, globals) = linker.parts(false).map_err(|e| e.to_string())?;
                let saved = parts
                    .iter()
                    .map(|p| serde_json::to_vec(p).map(|j| j.len()))
                    .chain(std::iter::once(
                        serde_json::to_vec(&globals).map(|j| j.len()),
                    ))
                    .sum::<Result<usize, _>>()
                    .map_err(|e| e.to_string())?;
                let one = t.elapsed().as_secs_f64();
                (
                    format!("{full}  {one:9.3}"),
                    format!("{size}  {:9.2}", saved as f64 / 1e6),
                )
            }
            None => (format!("{:>9}  {:>9}", "", ""), String::new()),
        };
        println!(
            "{n:>9}  {:>24.1}  {}    {:7.0}  {}",
            window.as_secs_f64() * 1e6 / in_window as f64,
            dossier.0,
            peak_mb(),
            dossier.1
        );
        window = std::time::Duration::ZERO;
        in_window = 0;
    }
    // Where the linker's memory goes, per article.
    let n = linker.len().max(1) as f64;
    let parts = linker.heap_bytes();
    let total: usize = parts.iter().map(|(_, b)| b).sum();
    println!(
        "\nheld by the linker after {} articles (approximate heap bytes per article):",
        linker.len()
    );
    for (name, bytes) in parts {
        println!("  {name:<40} {:8.0}", bytes as f64 / n);
    }
    println!("  {:<40} {:8.0}", "total", total as f64 / n);
    println!(
        "  {:<40} {:8.0}",
        "(in the spill file, not in memory)",
        linker.spilled_bytes() as f64 / n
    );
    // What the process holds besides: the allocator's free but unreturned
    // memory, and what heap_bytes does not count.
    println!(
        "  {:<40} {:8.0}  ({:.0} MB)",
        "resident now (VmRSS)",
        status_mb("VmRSS:") * 1024.0 * 1024.0 / n,
        status_mb("VmRSS:")
    );
    if let Some(e) = linker.spill_failure() {
        println!("the spill file was given up: {e}");
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("link_growth: {e}");
        std::process::exit(1);
    }
}
