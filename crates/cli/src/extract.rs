//! `crosscheck extract`: the extraction alone (clean text and metadata of
//! pages, feeds and WARC files), and `crosscheck eval extraction`: the
//! extractor scored on the article-extraction benchmark, beside the published
//! scores of other systems.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use crosscheck_core::Document;
use crosscheck_eval::extraction::{self, F1_BAR, PUBLISHED};
use crosscheck_ingest::{Format, Options, Page, PageContext, Skipped, Source};
use serde_json::{Value, json};

/// Arguments of `crosscheck extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Pages: .html files, feeds (.rss, .atom, .xml), WARC files (.warc,
    /// .warc.gz), folders, glob patterns, or `-`.
    #[arg(required = true, value_name = "PAGES")]
    pages: Vec<String>,
    /// One JSON object per article (path, url, title, author, published,
    /// language, text) instead of plain text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    read: crate::limits::ReadLimits,
}

/// One extracted article, as printed.
struct Extracted {
    path: String,
    page: Page,
}

impl Extracted {
    fn from_document(doc: Document) -> Self {
        Extracted {
            path: doc.path,
            page: Page {
                url: doc.url,
                title: doc.title,
                source: doc.source,
                published: doc.published,
                author: doc.author,
                text: doc.text,
                ..Page::default()
            },
        }
    }

    fn write(&self, out: &mut dyn Write, as_json: bool) -> std::io::Result<()> {
        let page = &self.page;
        if as_json {
            let value = json!({
                "path": self.path,
                "url": page.url,
                "title": page.title,
                "author": page.author,
                "published": page.published,
                "modified": page.modified,
                "source": page.source,
                "language": page.language,
                "text": page.text,
            });
            writeln!(out, "{value}")
        } else {
            writeln!(out, "==> {} <==", self.path)?;
            if let Some(title) = &page.title {
                writeln!(out, "{title}\n")?;
            }
            writeln!(out, "{}\n", page.text)
        }
    }
}

/// Runs `crosscheck extract`: prints every article as it is read, reports
/// the skipped inputs on stderr, and fails when nothing could be extracted.
pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let opts = args.read.options();
    let (sources, mut skipped) = crosscheck_ingest::expand(&args.pages);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut written = 0usize;
    let mut failure: Option<std::io::Error> = None;
    for source in &sources {
        let mut emit = |item: Result<Extracted, Skipped>| match item {
            Ok(article) => {
                if failure.is_none() {
                    match article.write(&mut out, args.json) {
                        Ok(()) => written += 1,
                        Err(e) => failure = Some(e),
                    }
                }
            }
            Err(skip) => skipped.push(skip),
        };
        match html_page(source, &opts) {
            // Pages are extracted here to keep what a `Document` has no field for
            // (language, modified date).
            Some(result) => emit(result),
            None => crosscheck_ingest::read_each(source, &opts, &mut |item| {
                emit(item.map(Extracted::from_document));
            }),
        }
        if let Some(e) = &failure {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(anyhow::anyhow!("cannot write the output: {e}"));
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(e).context("cannot write the output");
        }
        _ => {}
    }
    for skip in &skipped {
        eprintln!("skipped {skip}");
    }
    if !skipped.is_empty() {
        eprintln!("{written} extracted, {} skipped", skipped.len());
    }
    Ok(if written == 0 {
        crate::exit::nothing_read()
    } else {
        ExitCode::SUCCESS
    })
}

/// An HTML file (by its extension) extracted with all its metadata; `None`
/// for other sources, which go through `read_each`.
fn html_page(source: &Source, opts: &Options) -> Option<Result<Extracted, Skipped>> {
    let Source::File(path) = source else {
        return None;
    };
    if Format::from_path(path) != Some(Format::Html) {
        return None;
    }
    let name = path.display().to_string();
    let result = (|| {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("cannot read: {e}"))?
            .len();
        if size > opts.max_bytes {
            return Err(format!(
                "too large: {size} bytes, over the {} byte limit",
                opts.max_bytes
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        let context = PageContext {
            max_depth: opts.max_depth,
            ..PageContext::read_now()
        };
        crosscheck_ingest::extract_bytes(&bytes, &context)
    })();
    Some(match result {
        Ok(page) => Ok(Extracted { path: name, page }),
        Err(reason) => Err(Skipped { path: name, reason }),
    })
}

fn read_json(path: &Path) -> Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is not valid JSON", path.display()))
}

/// Runs `crosscheck eval extraction`: extracts the benchmark's pages, scores
/// text and metadata, times the extraction, re-scores the systems' outputs
/// shipped with the benchmark (a check of the scorer), and prints everything
/// beside the published figures. Fails when F1 is under the bar.
pub fn eval(data: &Path, json_out: Option<PathBuf>) -> Result<ExitCode> {
    let gold = extraction::read_gold(&read_json(&data.join("ground-truth.json"))?)
        .context("reading ground-truth.json")?;
    // Read every page first, so the timing is the extraction alone.
    let mut pages = Vec::with_capacity(gold.len());
    for id in gold.keys() {
        let path = data.join("html").join(format!("{id}.html"));
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        pages.push((id.clone(), bytes));
    }
    let total_bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    // The crawl date is not in the data: pages are extracted as a file read
    // today would be.
    let context = PageContext::read_now();
    let started = Instant::now();
    let extracted: Vec<(String, Result<Page, String>)> = pages
        .iter()
        .map(|(id, bytes)| {
            (
                id.clone(),
                crosscheck_ingest::extract_bytes(bytes, &context),
            )
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();

    let mut failed = 0;
    let mut predictions = std::collections::HashMap::new();
    let mut meta = extraction::MetadataTally::default();
    for ((id, result), (_, bytes)) in extracted.iter().zip(&pages) {
        match result {
            Ok(page) => {
                predictions.insert(id.clone(), page.text.clone());
                let html = String::from_utf8_lossy(bytes);
                meta.add(
                    gold.get(id),
                    &html,
                    page.title.as_deref(),
                    page.url.as_deref(),
                    page.published.as_deref(),
                    page.author.as_deref(),
                    page.language.as_deref(),
                );
            }
            Err(reason) => {
                failed += 1;
                eprintln!("{id}: {reason}");
            }
        }
    }
    let scores = extraction::score(&gold, &predictions);
    let ok = scores.f1 >= F1_BAR;

    println!(
        "Article extraction benchmark: {} pages ({:.1} MB)",
        gold.len(),
        total_bytes as f64 / 1e6
    );
    println!();
    println!("| system | F1 | precision | recall | accuracy |");
    println!("|---|---|---|---|---|");
    println!(
        "| **crosscheck** | **{:.3}** | {:.3} | {:.3} | {:.3} |",
        scores.f1, scores.precision, scores.recall, scores.accuracy
    );
    for (system, f1, p, r) in PUBLISHED {
        println!("| {system} (published) | {f1:.3} | {p:.3} | {r:.3} | |");
    }
    println!();
    println!(
        "F1 {:.3} {} the bar of {F1_BAR:.2}",
        scores.f1,
        if ok { "meets" } else { "is under" }
    );
    if failed > 0 {
        println!("{failed} pages gave no text (scored as empty)");
    }
    println!(
        "speed: {:.0} pages/s, {:.1} MB/s (one core, {:.2} s)",
        gold.len() as f64 / seconds,
        total_bytes as f64 / 1e6 / seconds,
        seconds
    );
    println!();
    println!("Metadata on the same pages:");
    for line in meta.lines() {
        println!("- {line}");
    }

    // The scorer itself, checked: the systems' outputs that ship with the
    // benchmark, re-scored here.
    let mut rescored = Vec::new();
    if let Ok(entries) = std::fs::read_dir(data.join("output")) {
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "json"))
        {
            let preds = extraction::read_predictions(&read_json(file)?)
                .with_context(|| format!("reading {}", file.display()))?;
            let s = extraction::score(&gold, &preds);
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            rescored.push(json!({"system": name, "f1": s.f1, "precision": s.precision, "recall": s.recall, "accuracy": s.accuracy}));
        }
    }
    if !rescored.is_empty() {
        println!();
        println!(
            "Scorer check: outputs in output/ re-scored here (compare with the benchmark's table):"
        );
        for r in &rescored {
            println!(
                "  {:24} F1 {:.3}  P {:.3}  R {:.3}",
                r["system"].as_str().unwrap_or(""),
                r["f1"].as_f64().unwrap_or(0.0),
                r["precision"].as_f64().unwrap_or(0.0),
                r["recall"].as_f64().unwrap_or(0.0)
            );
        }
    }
    if let Some(path) = json_out {
        let report = json!({
            "pages": gold.len(),
            "f1": scores.f1, "precision": scores.precision, "recall": scores.recall, "accuracy": scores.accuracy,
            "bar": F1_BAR,
            "pages_per_second": gold.len() as f64 / seconds,
            "mb_per_second": total_bytes as f64 / 1e6 / seconds,
            "metadata": meta.to_json(),
            "rescored": rescored,
        });
        std::fs::write(&path, serde_json::to_vec_pretty(&report)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
