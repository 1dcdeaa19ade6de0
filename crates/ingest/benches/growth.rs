//! Cost against input size: does any stage grow faster than its input?
//!
//! `cargo bench -p crosscheck-ingest --bench growth` extracts and analyses
//! generated inputs of growing size, one thread, and prints the time of each
//! with its growth per 10× of input, `(t2 / t1) ^ (1 / log10(n2 / n1))`: 10
//! is linear, 100 quadratic. The bar is 15 at every step.
//!
//! - extraction (`extract`) of pages of paragraphs, 1 KB to 10 MB; of one
//!   paragraph inside `<div>`s nested 10 to 100,000 deep; of 100 to 200,000
//!   paragraphs;
//! - analysis (`analyze_document`, then linking the one document and
//!   building its dossier, as `crosscheck analyze` does) of news-like text,
//!   1 KB to 10 MB; of 100 to 200,000 paragraphs; of one paragraph of 100 to
//!   80,000 sentences. The analysis limits are off: this measures the work,
//!   not the refusal.
//!
//! `GROWTH_QUICK=1` stops each series at a tenth of its largest size;
//! `GROWTH_ONLY=TEXT` runs only the series whose title contains TEXT.
//! Timings are the fastest of repeated runs (at least 0.3 s of runs per
//! size), so a busy machine inflates them less.

/// The allocator of the `crosscheck` binary, so that the figures are the
/// binary's (glibc's allocator gave back and re-faulted the pages of large
/// buffers, which made time grow faster than the work).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use crosscheck_core::Document;
use crosscheck_core::analyze::analyze_document;
use crosscheck_ingest::{PageContext, extract};
use crosscheck_link::Linker;

fn main() {
    let quick = std::env::var_os("GROWTH_QUICK").is_some();
    let only = std::env::var("GROWTH_ONLY").unwrap_or_default();
    let cut = |sizes: &[usize]| -> Vec<usize> {
        let max = sizes.iter().copied().max().unwrap_or(0);
        sizes
            .iter()
            .copied()
            .filter(|&n| !quick || n * 10 <= max)
            .collect()
    };
    let mut worst = 0.0f64;
    let mut series = |title: &str, unit: &str, sizes: &[usize], run: &dyn Fn(usize) -> usize| {
        if !title.contains(&only) {
            return;
        }
        println!("{title}");
        let mut last: Option<(f64, f64)> = None;
        for n in cut(sizes) {
            let (seconds, size) = fastest(|| run(n));
            let size = size as f64;
            let growth = last.map(|(s0, t0)| (seconds / t0).powf(1.0 / (size / s0).log10()));
            if let Some(g) = growth {
                worst = worst.max(g);
            }
            println!(
                "  {:>12} {unit:<10} {:>10}  {}",
                thousands(size as usize),
                human(seconds),
                growth.map_or(String::new(), |g| format!("×{g:.1} per 10×"))
            );
            last = Some((size, seconds));
        }
    };

    let context = PageContext::default();
    series(
        "extraction, page size",
        "bytes",
        &[1_000, 10_000, 100_000, 1_000_000, 10_000_000],
        &|bytes| {
            let page = paragraph_page(paragraphs_for(bytes));
            let _ = black_box(extract(&page, &context));
            page.len()
        },
    );
    series(
        "extraction, nesting depth",
        "levels",
        &[10, 100, 1_000, 10_000, 100_000],
        &|depth| {
            let page = nested_page(depth);
            let _ = black_box(extract(&page, &context));
            depth
        },
    );
    series(
        "extraction, paragraphs",
        "paragraphs",
        &[100, 1_000, 10_000, 100_000, 200_000],
        &|n| {
            let _ = black_box(extract(&paragraph_page(n), &context));
            n
        },
    );
    series(
        "analysis and linking, text size",
        "bytes",
        &[1_000, 10_000, 100_000, 1_000_000, 10_000_000],
        &|bytes| {
            let text = article(paragraphs_for(bytes), "\n\n");
            analyse_and_link(&text);
            text.len()
        },
    );
    series(
        "analysis and linking, paragraphs",
        "paragraphs",
        &[100, 1_000, 10_000, 100_000, 200_000],
        &|n| {
            analyse_and_link(&article(n, "\n\n"));
            n
        },
    );
    series(
        "analysis and linking, sentences in one paragraph",
        "sentences",
        &std::env::var("GROWTH_SIZES")
            .ok()
            .map(|v| {
                v.split(',')
                    .filter_map(|n| n.parse().ok())
                    .collect::<Vec<usize>>()
            })
            .unwrap_or_else(|| vec![100, 1_000, 10_000, 80_000]),
        &|n| {
            analyse_and_link(&article(n, " "));
            n
        },
    );
    println!("worst growth per 10× of input: ×{worst:.1} (bar: ×15)");
}

/// The fastest of runs of `f` adding up to at least 0.3 s (one run if it
/// takes longer), and what `f` returned (the input's size).
fn fastest(f: impl Fn() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut size = 0;
    let started = Instant::now();
    while best.is_infinite() || started.elapsed() < Duration::from_millis(300) {
        let t = Instant::now();
        size = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, size)
}

fn analyse_and_link(text: &str) {
    let doc = Document::new("generated.txt", text);
    let analysis = analyze_document(&doc);
    let mut linker = Linker::new();
    linker.add(&doc, analysis);
    let _ = black_box(linker.dossier());
}

/// Roughly how many generated paragraphs make `bytes` of text.
fn paragraphs_for(bytes: usize) -> usize {
    (bytes / 110).max(1)
}

fn paragraph_page(paragraphs: usize) -> String {
    let body: String = (0..paragraphs)
        .map(|i| format!("<p>{}</p>\n", paragraph(i)))
        .collect();
    format!(
        "<!doctype html><html><head><title>Council report</title></head>\
         <body><article><h1>Council report</h1>{body}</article></body></html>"
    )
}

fn nested_page(depth: usize) -> String {
    format!(
        "<!doctype html><html><head><title>Deep</title></head><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(depth),
        paragraph(0),
        "</div>".repeat(depth)
    )
}

/// `n` generated sentences joined by `sep` (a paragraph break or a space).
fn article(n: usize, sep: &str) -> String {
    let mut text = String::from("Council report\n\n");
    for i in 0..n {
        if i > 0 {
            text.push_str(sep);
        }
        text.push_str(&paragraph(i));
    }
    text
}

/// One news-like sentence of about 110 bytes. Names, places and figures
/// vary with `i` (thousands of distinct people), and the forms vary too:
/// quotes, attributions, hedges, denials, dates and numbers, so that every
/// analyser has work on every size.
fn paragraph(i: usize) -> String {
    let person = name(i);
    let other = name(i * 7 + 3);
    let place = name(i * 13 + 5);
    let n = (i * 37) % 900 + 2;
    match i % 6 {
        0 => format!(
            "\"We will rebuild the bridge by spring,\" said {person}, the mayor of {place}."
        ),
        1 => format!(
            "The {place} council reported {n} complaints in March, up from {} a year earlier.",
            n / 2 + 1
        ),
        2 => format!(
            "According to {other}, the repairs may have cost {n} million dollars more than planned."
        ),
        3 => format!("{person} denied on Tuesday that {other} had been told of the delay."),
        4 => format!(
            "Officials in {place} said {n} residents had been moved since 4 June, {other} told reporters."
        ),
        _ => format!("It is not yet clear whether {person} will stand again in {place}."),
    }
}

/// A capitalised made-up name, distinct for each of many `i`.
fn name(i: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "ver", "mi", "dra", "sen", "tu", "bel", "ro", "na", "quin", "fa", "dor", "li",
        "mar", "zu",
    ];
    let mut s = String::new();
    let mut x = i;
    for _ in 0..3 {
        s.push_str(SYLLABLES[x % 16]);
        x /= 16;
    }
    let mut c = s.chars();
    let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
    let given = ["Anna", "Marek", "Ines", "Tomas", "Lena", "Omar"][i % 6];
    format!("{given} {first}{}", c.as_str())
}

fn human(seconds: f64) -> String {
    if seconds < 1e-3 {
        format!("{:.0} µs", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
