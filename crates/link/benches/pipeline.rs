//! Throughput of the pure pipeline on real news text: per-article analysis
//! ([`analyze_document`]) and cross-article linking ([`build_dossier`]) over
//! the FNC-1 article bodies (2,587 bodies, about 5.8 MB).
//!
//! The corpus is read at run time from `$CROSSCHECK_FNC1`, by default the
//! `shared/data/fnc-1` folder beside the repository clone; it is never part of
//! the repository. Without it the bench says so and exits successfully.
//!
//! Besides criterion's per-sample figures (bytes/s), the bench prints
//! articles/s and MB/s for one full single-threaded pass over every body:
//! analysis of each article, then linking all of them into one dossier.
//!
//! ```text
//! cargo bench -p crosscheck-link --bench pipeline
//! CROSSCHECK_FNC1=/data/fnc-1 cargo bench -p crosscheck-link --bench pipeline
//! ```

use criterion::{Criterion, SamplingMode, Throughput};
use crosscheck_core::analyze::analyze_document;
use crosscheck_core::{Analysis, Document};
use crosscheck_link::build_dossier;
use serde::Deserialize;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The FNC-1 files holding article bodies.
const BODY_FILES: [&str; 2] = ["train_bodies.csv", "competition_test_bodies.csv"];

/// Articles analysed per criterion iteration: every `STRIDE`-th body, so
/// the sample spans both files and all lengths.
const STRIDE: usize = 13;

/// Articles linked per criterion iteration.
const LINK_SAMPLE: usize = 500;

/// One row of a bodies file.
#[derive(Deserialize)]
struct Body {
    #[serde(rename = "Body ID")]
    id: u64,
    #[serde(rename = "articleBody")]
    text: String,
}

/// Where the corpus is: `$CROSSCHECK_FNC1`, else `../shared/data/fnc-1`
/// relative to the repository root.
fn corpus_dir() -> PathBuf {
    match std::env::var_os("CROSSCHECK_FNC1") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/fnc-1"),
    }
}

/// Reads every body as a document; `None` (with the reason printed) when
/// the corpus is not there.
fn load(dir: &Path) -> Option<Vec<Document>> {
    let mut docs = Vec::new();
    for file in BODY_FILES {
        let path = dir.join(file);
        let mut reader = match csv::Reader::from_path(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("pipeline bench: cannot read {}: {e}", path.display());
                return None;
            }
        };
        for row in reader.deserialize::<Body>() {
            match row {
                Ok(body) if !body.text.trim().is_empty() => {
                    docs.push(Document::new(
                        format!("fnc-1/{file}:{}", body.id),
                        body.text,
                    ));
                }
                Ok(_) => {}
                Err(e) => eprintln!("pipeline bench: {}: bad row skipped: {e}", path.display()),
            }
        }
    }
    Some(docs)
}

fn bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// Prints a rate line: articles/s and MB/s (MB = 10^6 bytes).
fn rate(what: &str, articles: usize, bytes: u64, took: Duration) {
    let secs = took.as_secs_f64().max(1e-9);
    println!(
        "{what}: {articles} articles, {:.2} MB in {secs:.2} s = {:.0} articles/s, {:.2} MB/s",
        bytes as f64 / 1e6,
        articles as f64 / secs,
        bytes as f64 / 1e6 / secs,
    );
}

/// One timed single-threaded pass over the whole corpus; returns the analyses.
fn full_pass(docs: &[Document]) -> Vec<Analysis> {
    let total = bytes(docs);
    let start = Instant::now();
    let analyses: Vec<Analysis> = docs.iter().map(analyze_document).collect();
    rate("full pass, analysis", docs.len(), total, start.elapsed());

    // Linking a quarter and a half first shows how it scales with the corpus.
    for part in [4, 2] {
        let n = docs.len() / part;
        let start = Instant::now();
        black_box(build_dossier(&docs[..n], &analyses[..n]).expect("linked in memory"));
        rate(
            &format!("linking 1/{part} corpus"),
            n,
            bytes(&docs[..n]),
            start.elapsed(),
        );
    }
    let start = Instant::now();
    let dossier = build_dossier(docs, &analyses).expect("linked in memory");
    rate("full pass, linking ", docs.len(), total, start.elapsed());
    println!(
        "dossier: {} stories, {} claim groups, {} quantity groups, {} entities",
        dossier.stories.len(),
        dossier.claims.len(),
        dossier.quantities.len(),
        dossier.entities.len(),
    );
    analyses
}

fn bench_analysis(c: &mut Criterion, docs: &[Document]) {
    let sample: Vec<&Document> = docs.iter().step_by(STRIDE).collect();
    let mut group = c.benchmark_group("analysis");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(
            sample.iter().map(|d| d.text.len() as u64).sum(),
        ));
    group.bench_function(format!("analyze_document x{}", sample.len()), |b| {
        b.iter(|| {
            for doc in &sample {
                black_box(analyze_document(black_box(doc)));
            }
        });
    });
    group.finish();
}

fn bench_linking(c: &mut Criterion, docs: &[Document], analyses: &[Analysis]) {
    let n = LINK_SAMPLE.min(docs.len()).min(analyses.len());
    let (docs, analyses) = (&docs[..n], &analyses[..n]);
    let mut group = c.benchmark_group("linking");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(bytes(docs)));
    group.bench_function(format!("build_dossier x{n}"), |b| {
        b.iter(|| {
            black_box(
                build_dossier(black_box(docs), black_box(analyses)).expect("linked in memory"),
            )
        });
    });
    group.finish();
}

fn main() {
    let dir = corpus_dir();
    let Some(docs) = load(&dir) else {
        println!(
            "pipeline bench: FNC-1 bodies not found in {} (set CROSSCHECK_FNC1); nothing to measure",
            dir.display()
        );
        return;
    };
    if docs.is_empty() {
        println!("pipeline bench: no article bodies in {}", dir.display());
        return;
    }
    let analyses = full_pass(&docs);
    let mut c = Criterion::default().configure_from_args();
    bench_analysis(&mut c, &docs);
    bench_linking(&mut c, &docs, &analyses);
    c.final_summary();
}
