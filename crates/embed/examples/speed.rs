//! Throughput of the sentence embedder on generated news-like sentences.
//!
//!     bash scripts/fetch-models.sh
//!     cargo run --release -p crosscheck-embed --example speed [SENTENCES]
//!
//! Prints sentences per second for `embed` over the whole set (rayon's pool,
//! all cores) and for `embed_one` in a loop (one core), best of a few runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crosscheck_embed::Embedder;

const SUBJECTS: [&str; 8] = [
    "The finance ministry",
    "Pyongyang",
    "A spokesman for the regional police",
    "The central bank",
    "Opposition lawmakers",
    "Researchers at the university",
    "The health agency",
    "Local residents",
];
const VERBS: [&str; 6] = [
    "said",
    "denied",
    "confirmed",
    "warned",
    "announced",
    "reported",
];
const OBJECTS: [&str; 7] = [
    "that troops had crossed the border overnight",
    "a rise in interest rates of half a percentage point",
    "the closure of three hospitals in the north of the country",
    "that turnout in the election reached 61 percent",
    "new sanctions on exports of fertiliser and grain",
    "that the bridge would reopen on Monday after repairs",
    "a record harvest despite the drought",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .map_err(|e| format!("SENTENCES: {arg:?}: {e}"))?,
        None => 5000,
    };
    let t = Instant::now();
    let embedder = Embedder::default_model()?;
    println!(
        "model loaded in {:.0} ms (dim {})",
        ms(t.elapsed()),
        embedder.dim()
    );

    // Distinct sentences (a number in each), ~12-20 words like a claim.
    let owned: Vec<String> = (0..n)
        .map(|i| {
            let (s, v, o) = (SUBJECTS[i % 8], VERBS[(i / 8) % 6], OBJECTS[(i / 48) % 7]);
            format!("{s} {v} on day {i} {o}, according to officials.")
        })
        .collect();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    println!(
        "{n} sentences, {:.1} words each on average",
        words as f64 / n.max(1) as f64
    );

    black_box(embedder.embed(&texts)); // warm-up: page in the table, start the pool
    let batch = best_of(10, || {
        black_box(embedder.embed(&texts));
    });
    let single = best_of(10, || {
        for t in &texts {
            black_box(embedder.embed_one(t));
        }
    });
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
    println!(
        "embed (batch, {threads} threads): {:>9.0} sentences/s ({:.1} ms)",
        n as f64 / batch.as_secs_f64(),
        ms(batch)
    );
    println!(
        "embed_one (loop, 1 thread):  {:>9.0} sentences/s ({:.1} ms)",
        n as f64 / single.as_secs_f64(),
        ms(single)
    );
    Ok(())
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
