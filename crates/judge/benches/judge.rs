//! Speed of the judge: claim–article pairs judged per second, and the cost of
//! claim matching (inverted-index candidates + cosine) as the number of claims
//! grows to 1k, 10k and 100k.
//!
//! Claims are FNC-1 headlines and article sentences, read at run time from
//! `$CROSSCHECK_FNC1` (default: `shared/data/fnc-1` beside the clone), then,
//! to reach 100k, sentences of PolNeAR's articles (`$CROSSCHECK_POLNEAR`) and
//! CLEF 2019 CheckThat! debates (`$CROSSCHECK_CLEF2019`); without FNC-1 the
//! bench says so and exits successfully. One thread, release:
//!
//! ```text
//! cargo bench -p crosscheck-judge --bench judge
//! ```

use crosscheck_judge::{self as judge, TextView, matching};
use serde::Deserialize;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Deserialize)]
struct Stance {
    #[serde(rename = "Headline")]
    headline: String,
    #[serde(rename = "Body ID")]
    body: u32,
}

#[derive(Deserialize)]
struct Body {
    #[serde(rename = "Body ID")]
    id: u32,
    #[serde(rename = "articleBody")]
    text: String,
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("CROSSCHECK_FNC1").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/fnc-1"),
        PathBuf::from,
    )
}

fn rows<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<Vec<T>> {
    let mut reader = csv::Reader::from_path(path).ok()?;
    Some(reader.deserialize().filter_map(Result::ok).collect())
}

fn main() {
    let dir = corpus_dir();
    let (Some(stances), Some(bodies)) = (
        rows::<Stance>(&dir.join("train_stances.csv")),
        rows::<Body>(&dir.join("train_bodies.csv")),
    ) else {
        println!(
            "judge bench: no FNC-1 corpus at {} (set CROSSCHECK_FNC1); skipped",
            dir.display()
        );
        return;
    };
    let model = judge::builtin().expect("committed model loads");
    let body_views: std::collections::HashMap<u32, TextView> = bodies
        .iter()
        .map(|b| (b.id, TextView::new(&b.text)))
        .collect();

    // Pairs per second: 5,000 headline–body pairs, views built once per text
    // (as the CLI does), features + ensembles + evidence per pair.
    let sample: Vec<(TextView, u32)> = stances
        .iter()
        .step_by(10)
        .take(5_000)
        .map(|s| (TextView::new(&s.headline), s.body))
        .collect();
    let started = Instant::now();
    let mut related = 0;
    for (claim, body) in &sample {
        if let Some(article) = body_views.get(body) {
            related += usize::from(
                black_box(judge::judge(model, claim, article)).verdict != judge::Verdict::Unrelated,
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "judge: {} pairs in {secs:.2}s = {:.0} pairs/s one at a time ({related} related)",
        sample.len(),
        sample.len() as f64 / secs
    );
    let pairs: Vec<(&TextView, &TextView)> = sample
        .iter()
        .filter_map(|(c, b)| Some((c, body_views.get(b)?)))
        .collect();
    let started = Instant::now();
    black_box(judge::judge_all(model, &pairs));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "judge_all: {} pairs in {secs:.2}s = {:.0} pairs/s batched",
        pairs.len(),
        pairs.len() as f64 / secs
    );

    // Matching cost as the number of claims grows: headlines first, then
    // article sentences, as claim texts.
    let mut texts: Vec<String> = stances.iter().map(|s| s.headline.clone()).collect();
    texts.sort();
    texts.dedup();
    let test_bodies = rows::<Body>(&dir.join("competition_test_bodies.csv")).unwrap_or_default();
    'fill: for b in bodies.iter().chain(&test_bodies) {
        for s in crosscheck_core::text::sentences::split(&b.text) {
            if texts.len() >= 100_000 {
                break 'fill;
            }
            texts.push(s.text);
        }
    }
    // Past FNC-1's ~48k, sentences of the PolNeAR news articles (read from
    // `../shared/data/polnear` or `CROSSCHECK_POLNEAR`, if present).
    let polnear = std::env::var_os("CROSSCHECK_POLNEAR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear"),
        PathBuf::from,
    );
    let mut files: Vec<PathBuf> = ["train", "dev", "test", "annotator-training"]
        .iter()
        .filter_map(|split| std::fs::read_dir(polnear.join(split).join("text")).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    'more: for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for s in crosscheck_core::text::sentences::split(&text) {
            if texts.len() >= 100_000 {
                break 'more;
            }
            texts.push(s.text);
        }
    }
    // Then the check-worthiness corpus's debate sentences (CLEF 2019
    // CheckThat! task 1: line, speaker, sentence, label).
    let clef = std::env::var_os("CROSSCHECK_CLEF2019").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/clef2019-checkthat-task1")
        },
        PathBuf::from,
    );
    let mut files: Vec<PathBuf> = ["training", "test_annotated"]
        .iter()
        .filter_map(|split| std::fs::read_dir(clef.join(split)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    'debates: for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines() {
            if texts.len() >= 100_000 {
                break 'debates;
            }
            if let Some(sentence) = line.split('\t').nth(2) {
                texts.push(sentence.to_string());
            }
        }
    }
    let vectors: Vec<matching::ClaimVector> = texts
        .iter()
        .map(|t| matching::ClaimVector::new(&TextView::new(t), &model.idf))
        .collect();
    // Where fewer than 100k texts are available, the largest size available
    // is measured instead.
    for n in [1_000, 10_000, 100_000] {
        let n = n.min(vectors.len());
        let Some(slice) = vectors.get(..n) else {
            continue;
        };
        let started = Instant::now();
        let found = black_box(matching::matches(slice, 0.5));
        let secs = started.elapsed().as_secs_f64();
        println!(
            "matching {n:>7} claims: {secs:.3}s ({:.1} µs/claim), {} pairs ≥ 0.5 of {} possible",
            secs * 1e6 / n as f64,
            found.len(),
            n * (n - 1) / 2
        );
    }
}
