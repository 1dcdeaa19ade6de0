//! `analyze`, `report` and `search`.

use crate::Outputs;
use anyhow::{Context, Result};
use crosscheck_core::{
    ANALYZER_VERSION, Analysis, Document, Dossier, analyze::analyze_document, link::build_dossier,
};
use crosscheck_ingest::{Options, Skipped};
use crosscheck_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Reads every input, reporting what is skipped; the run goes on with the rest.
pub fn ingest(args: &[String], max_bytes: u64, quiet: bool) -> (Vec<Document>, Vec<Skipped>) {
    let (sources, mut skipped) = crosscheck_ingest::expand(args);
    let bar = progress(sources.len() as u64, quiet, "reading");
    let opts = Options { max_bytes };
    let read: Vec<(Vec<Document>, Vec<Skipped>)> = sources
        .par_iter()
        .map(|s| {
            let r = crosscheck_ingest::read(s, &opts);
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

/// Analyses documents in parallel (pure per-document work).
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

pub async fn run(args: &[String], db: &str, max_bytes: u64, out: &Outputs) -> Result<ExitCode> {
    let (docs, skipped) = ingest(args, max_bytes, out.quiet);
    for s in &skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    let store = Store::open(db)
        .await
        .with_context(|| format!("opening the store {db}"))?;
    store.clear_skipped().await?;
    for s in &skipped {
        store.put_skipped(&s.path, &s.reason).await?;
    }
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
    let fresh = analyze_all(&fresh_docs, out.quiet);
    store
        .put_analyses(ANALYZER_VERSION, &fresh)
        .await
        .context("storing the analyses")?;
    for (i, a) in todo.into_iter().zip(fresh) {
        analyses[i] = Some(a);
    }
    let analyses: Vec<Analysis> = analyses.into_iter().flatten().collect();
    let dossier = build_dossier(&all, &analyses).context("linking the analyses")?;
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
    write_outputs(&dossier, out)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn report(db: &str, out: &Outputs) -> Result<ExitCode> {
    if !std::path::Path::new(db).exists() && !db.contains("://") {
        anyhow::bail!("no store at {db}: run `crosscheck analyze ARTICLES --db {db}` first");
    }
    let store = Store::open(db)
        .await
        .with_context(|| format!("opening the store {db}"))?;
    let dossier = store
        .dossier()
        .await?
        .with_context(|| format!("{db} holds no dossier yet: run `crosscheck analyze` first"))?;
    write_outputs(&dossier, out)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn search(db: &str, query: &str, limit: i64) -> Result<ExitCode> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("opening the store {db}"))?;
    let hits = store.search(query, limit).await?;
    let mut lines = String::new();
    for (id, snippet) in &hits {
        let name = match store.document(id).await? {
            Some(d) => d.path,
            None => id.clone(),
        };
        lines.push_str(&format!("{name}\n    {snippet}\n"));
    }
    print_stdout(&lines)?;
    if hits.is_empty() {
        eprintln!("no match for {query:?}");
    }
    Ok(ExitCode::SUCCESS)
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
