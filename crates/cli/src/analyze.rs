//! `analyze`, `report` and `search`.

use crate::Outputs;
use anyhow::{Context, Result};
use crosscheck_core::analyze::{Refused, analyze_document, analyze_within};
use crosscheck_core::{ANALYZER_VERSION, Analysis, Document, Dossier};
use crosscheck_ingest::{Options, Skipped, Source};
use crosscheck_link::build_dossier;
use crosscheck_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Reads every input, reporting what is skipped; the run goes on with the rest.
pub fn ingest(args: &[String], opts: &Options, quiet: bool) -> (Vec<Document>, Vec<Skipped>) {
    let (sources, mut skipped) = crosscheck_ingest::expand(args);
    let bar = progress(sources.len() as u64, quiet, "reading");
    let read: Vec<(Vec<Document>, Vec<Skipped>)> = sources
        .par_iter()
        .map(|s| {
            let r = crosscheck_ingest::read(s, opts);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut docs = Vec::new();
    for (d, s) in read {
        docs.extend(d);
        skipped.extend(s);
    }
    (docs, skipped)
}

/// Reads the inputs like [`ingest`], in the same order, but hands them to
/// `emit` about `batch` documents at a time (with the records skipped on
/// the way), so that a corpus of any size is never whole in memory: small
/// files are read in parallel a window at a time, a large file (or
/// standard input) alone, one document at a time. Stops reading once
/// `emit` returns false.
pub fn ingest_in_batches(
    args: &[String],
    opts: &Options,
    batch: usize,
    emit: &mut dyn FnMut(Vec<Document>, Vec<Skipped>) -> bool,
) {
    // A file larger than this is read alone, streamed (a JSONL or WARC
    // file holds many documents).
    read_in_batches(args, opts, batch, 8 << 20, emit);
}

fn read_in_batches(
    args: &[String],
    opts: &Options,
    batch: usize,
    large_bytes: u64,
    emit: &mut dyn FnMut(Vec<Document>, Vec<Skipped>) -> bool,
) {
    /// Sources read side by side at most.
    const WINDOW: usize = 64;
    let (sources, mut skips) = crosscheck_ingest::expand(args);
    let mut docs: Vec<Document> = Vec::new();
    let mut open = true;
    let large = |s: &Source| match s {
        Source::File(path) => std::fs::metadata(path).is_ok_and(|m| m.len() > large_bytes),
        Source::Stdin => true,
    };
    let mut at = 0;
    while at < sources.len() && open {
        if large(&sources[at]) {
            crosscheck_ingest::read_each(&sources[at], opts, &mut |item| {
                match item {
                    Ok(doc) => docs.push(doc),
                    Err(skip) => skips.push(skip),
                }
                if open && docs.len() >= batch {
                    open = emit(std::mem::take(&mut docs), std::mem::take(&mut skips));
                }
            });
            at += 1;
            continue;
        }
        let end = (at..sources.len())
            .take(WINDOW)
            .find(|&i| large(&sources[i]))
            .unwrap_or_else(|| (at + WINDOW).min(sources.len()));
        let read: Vec<(Vec<Document>, Vec<Skipped>)> = sources[at..end]
            .par_iter()
            .map(|s| crosscheck_ingest::read(s, opts))
            .collect();
        for (d, s) in read {
            docs.extend(d);
            skips.extend(s);
        }
        if docs.len() >= batch {
            open = emit(std::mem::take(&mut docs), std::mem::take(&mut skips));
        }
        at = end;
    }
    if open && (!docs.is_empty() || !skips.is_empty()) {
        emit(docs, skips);
    }
}

fn progress(len: u64, quiet: bool, what: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len} {per_sec} ETA {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what);
    bar
}

/// Analyses documents from outside in parallel, each within `limits`.
pub fn analyze_limited(
    docs: &[Document],
    limits: &crosscheck_core::analyze::Limits,
    quiet: bool,
) -> Vec<Result<Analysis, Refused>> {
    let bar = progress(docs.len() as u64, quiet, "analysing");
    let out = docs
        .par_iter()
        .map(|d| {
            let a = analyze_within(d, limits);
            bar.inc(1);
            a
        })
        .collect();
    bar.finish_and_clear();
    out
}

/// Analyses documents in parallel (pure per-document work), whatever they
/// cost: for the gold data of the evaluations.
pub fn analyze_all(docs: &[Document], quiet: bool) -> Vec<Analysis> {
    let bar = progress(docs.len() as u64, quiet, "analysing");
    let out = docs
        .par_iter()
        .map(|d| {
            let a = analyze_document(d);
            bar.inc(1);
            a
        })
        .collect();
    bar.finish_and_clear();
    out
}

pub async fn run(
    args: &[String],
    db: &str,
    read: &crate::limits::ReadLimits,
    analysis: &crate::limits::AnalysisLimits,
    out: &Outputs,
) -> Result<ExitCode> {
    let (docs, mut skipped) = ingest(args, &read.options(), out.quiet);
    for s in &skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    if docs.is_empty() {
        // Nothing to add: the store is neither created nor touched.
        eprintln!(
            "error: no article could be read from the {} input(s) given ({} skipped); the store {db} was left as it was",
            args.len(),
            skipped.len()
        );
        return Ok(crate::exit::nothing_read());
    }
    let store = Store::open(db)
        .await
        .with_context(|| format!("opening the store {db}"))?;
    store.clear_skipped().await?;
    let read = docs.len();
    let new = store
        .put_documents(&docs)
        .await
        .context("storing the articles")?;
    // The whole store is the picture: earlier articles and new ones.
    let all = store.documents().await?;
    let mut analyses = Vec::with_capacity(all.len());
    let mut todo = Vec::new();
    for (i, d) in all.iter().enumerate() {
        match store.analysis(&d.id, ANALYZER_VERSION).await {
            Ok(Some(a)) => analyses.push(Some(a)),
            _ => {
                analyses.push(None);
                todo.push(i);
            }
        }
    }
    let fresh_docs: Vec<Document> = todo.iter().map(|&i| all[i].clone()).collect();
    let fresh = analyze_limited(&fresh_docs, &analysis.limits(), out.quiet);
    let (mut done, mut done_at) = (Vec::with_capacity(fresh.len()), Vec::new());
    for (i, result) in todo.into_iter().zip(fresh) {
        match result {
            Ok(a) => {
                done.push(a);
                done_at.push(i);
            }
            // Kept in the store, left out of the dossier, tried again by
            // the next run (whose limits may differ).
            Err(refused) => {
                let skip = Skipped {
                    path: all[i].path.clone(),
                    reason: refused.to_string(),
                };
                eprintln!("skipped {}: {}", skip.path, skip.reason);
                skipped.push(skip);
            }
        }
    }
    for s in &skipped {
        store.put_skipped(&s.path, &s.reason).await?;
    }
    store
        .put_analyses(ANALYZER_VERSION, &done)
        .await
        .context("storing the analyses")?;
    for (i, a) in done_at.into_iter().zip(done) {
        analyses[i] = Some(a);
    }
    let (linked, analyses): (Vec<Document>, Vec<Analysis>) = all
        .iter()
        .zip(analyses)
        .filter_map(|(d, a)| Some((d.clone(), a?)))
        .unzip();
    let dossier = build_dossier(&linked, &analyses).context("linking the analyses")?;
    store
        .put_dossier(&dossier)
        .await
        .context("storing the dossier")?;
    if !out.quiet {
        eprintln!(
            "{read} article(s) read, {new} new, {} in the store; {} input(s) skipped",
            all.len(),
            skipped.len()
        );
    }
    // Closing folds the write-ahead log into the file: the .db alone is whole.
    store.close().await;
    write_outputs(&dossier, out)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn report(db: &str, out: &Outputs) -> Result<ExitCode> {
    let store = Store::open_read_only(db).await?;
    let dossier = store.dossier().await?;
    store.close().await;
    let dossier = dossier.with_context(|| {
        format!("{db} holds no dossier yet: run `crosscheck analyze ARTICLES --db {db}` first")
    })?;
    write_outputs(&dossier, out)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn search(db: &str, query: &str, limit: i64) -> Result<ExitCode> {
    let store = Store::open_read_only(db).await?;
    let hits = store.search(query, limit).await?;
    let mut lines = String::new();
    for (id, snippet) in &hits {
        let name = match store.document(id).await? {
            Some(d) => match d.source {
                Some(source) => format!("{} ({source})", d.path),
                None => d.path,
            },
            None => id.clone(),
        };
        lines.push_str(&format!("{name}\n    {}\n", one_line(snippet)));
    }
    store.close().await;
    print_stdout(&lines)?;
    if hits.is_empty() {
        eprintln!("no match for {query:?}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A snippet on one line: line breaks and runs of white space become one
/// space, so every hit is two lines whatever the article's layout.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes to stdout; a reader that went away (`crosscheck search … | head`)
/// ends the output quietly instead of panicking as `print!` would.
pub fn print_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("writing to standard output")
        }
        _ => Ok(()),
    }
}

/// Writes the requested files and prints the terminal summary.
pub fn write_outputs(d: &Dossier, out: &Outputs) -> Result<()> {
    if let Some(p) = &out.json {
        let json = serde_json::to_string_pretty(d)?;
        std::fs::write(p, json).with_context(|| format!("writing {}", p.display()))?;
    }
    if let Some(p) = &out.markdown {
        std::fs::write(p, crosscheck_render::markdown(d))
            .with_context(|| format!("writing {}", p.display()))?;
    }
    if let Some(p) = &out.html {
        std::fs::write(p, crosscheck_render::html(d))
            .with_context(|| format!("writing {}", p.display()))?;
    }
    if !out.quiet {
        let color = crate::is_tty(out);
        let width = terminal_width();
        print_stdout(&crosscheck_render::terminal(d, color, width))?;
    }
    Ok(())
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
        .clamp(40, 200)
}

#[cfg(test)]
mod tests {
    use super::{ingest, read_in_batches};

    #[test]
    fn batches_hold_what_ingest_reads_in_its_order() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        let lines: String = (0..7)
            .map(|i| format!("{{\"text\": \"Line {i} says Norway sent {i} troops.\"}}\n"))
            .collect();
        std::fs::write(path("b.jsonl"), lines).expect("written");
        for (name, text) in [("a.txt", "Sweden denied it."), ("c.txt", "Oslo said so.")] {
            std::fs::write(path(name), text).expect("written");
        }
        std::fs::write(path("d.bin"), [0u8, 159, 146, 150]).expect("written");
        let args = vec![dir.path().to_string_lossy().into_owned()];
        let opts = crosscheck_ingest::Options {
            max_bytes: 1 << 20,
            ..Default::default()
        };
        let (want, want_skipped) = ingest(&args, &opts, true);
        assert_eq!((want.len(), want_skipped.len()), (9, 1));
        // Every file streamed (large at 0 bytes), or read side by side.
        for large in [0, 1 << 20] {
            let (mut docs, mut skipped, mut batches) = (Vec::new(), Vec::new(), 0);
            read_in_batches(&args, &opts, 3, large, &mut |d, s| {
                assert!(
                    d.len() <= 3 || large > 0,
                    "a streamed file is cut at the batch size"
                );
                batches += 1;
                docs.extend(d);
                skipped.extend(s);
                true
            });
            let ids = |d: &[crosscheck_core::Document]| {
                d.iter().map(|d| d.id.clone()).collect::<Vec<_>>()
            };
            assert_eq!(ids(&docs), ids(&want), "large = {large}");
            assert_eq!(skipped.len(), 1);
            // Streamed: cut at three documents; side by side: one window.
            assert!(
                batches >= if large == 0 { 3 } else { 1 },
                "{batches} batch(es)"
            );
        }
        // A receiver that stops takes no more.
        let mut taken = 0;
        read_in_batches(&args, &opts, 3, 0, &mut |d, _| {
            taken += d.len();
            false
        });
        assert_eq!(taken, 3);
    }
}
