//! Throughput of HTML extraction ([`extract_bytes`]: charset decoding,
//! metadata, boilerplate cleaning, readability) on the 181 real pages of the
//! article-extraction benchmark (about 31 MB of HTML).
//!
//! The pages are read at run time from `$CROSSCHECK_EXTRACTION_DATA`, by
//! default `shared/data/article-extraction-benchmark` beside the repository
//! clone; they are never part of the repository. Without them the bench says
//! so and exits successfully.
//!
//! Besides criterion's per-sample figure (bytes/s over all pages), the bench
//! prints pages/s and MB/s for one single-threaded pass over every page.
//!
//! ```text
//! cargo bench -p crosscheck-ingest --bench extract
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use crosscheck_ingest::{PageContext, extract_bytes};

/// Where the benchmark is: `$CROSSCHECK_EXTRACTION_DATA`, else
/// `../shared/data/article-extraction-benchmark` relative to the repository.
fn data_dir() -> PathBuf {
    match std::env::var_os("CROSSCHECK_EXTRACTION_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/article-extraction-benchmark"),
    }
}

/// Every `html/*.html` page's bytes, sorted by name; `None` (with the reason
/// printed) when the folder cannot be read.
fn load(dir: &Path) -> Option<Vec<(String, Vec<u8>)>> {
    let html = dir.join("html");
    let entries = match std::fs::read_dir(&html) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("extract bench: cannot read {}: {e}", html.display());
            return None;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    let mut pages = Vec::with_capacity(paths.len());
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => pages.push((path.display().to_string(), bytes)),
            Err(e) => eprintln!("extract bench: {} skipped: {e}", path.display()),
        }
    }
    Some(pages)
}

/// One timed single-threaded pass over every page, printed as pages/s and
/// MB/s (MB = 10^6 bytes), with the pages that gave no text counted.
fn full_pass(pages: &[(String, Vec<u8>)], context: &PageContext) {
    let total: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let start = Instant::now();
    let failed = pages
        .iter()
        .filter(|(_, bytes)| black_box(extract_bytes(black_box(bytes), context)).is_err())
        .count();
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    println!(
        "full pass: {} pages, {:.2} MB in {secs:.2} s = {:.1} pages/s, {:.2} MB/s ({failed} gave no text)",
        pages.len(),
        total as f64 / 1e6,
        pages.len() as f64 / secs,
        total as f64 / 1e6 / secs,
    );
}

fn main() {
    let dir = data_dir();
    let Some(pages) = load(&dir) else {
        println!(
            "extract bench: benchmark pages not found in {} (set CROSSCHECK_EXTRACTION_DATA); nothing to measure",
            dir.display()
        );
        return;
    };
    if pages.is_empty() {
        println!("extract bench: no .html pages in {}", dir.display());
        return;
    }
    let context = PageContext {
        url: None,
        crawled: Some(jiff::civil::date(2030, 1, 1)),
        ..PageContext::default()
    };
    full_pass(&pages, &context);

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("extraction");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(
            pages.iter().map(|(_, b)| b.len() as u64).sum(),
        ));
    group.bench_function(format!("extract_bytes x{}", pages.len()), |b| {
        b.iter(|| {
            for (_, bytes) in &pages {
                let _ = black_box(extract_bytes(black_box(bytes), &context));
            }
        });
    });
    group.finish();
    c.final_summary();
}
