//! `crosscheck eval polnear`: the attributions crosscheck's analysis finds
//! (whom each sentence credits, with which reporting cue) against PolNeAR's
//! gold relations, scored by span overlap (`crosscheck_eval::polnear`).
//! Nothing is fitted on PolNeAR.

use anyhow::{Context, Result};
use crosscheck_core::Document;
use crosscheck_core::analyze::analyze_document;
use crosscheck_eval::polnear::{self, Figures, Found, Span};
use rayon::prelude::*;
use std::path::Path;
use std::process::ExitCode;

/// The first place `needle` stands in `hay[from..to]`, ignoring ASCII case,
/// as a span of `hay`.
fn find_in(hay: &str, from: usize, to: usize, needle: &str) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    let window = hay.get(from..to)?;
    let lower = window.to_ascii_lowercase();
    let at = lower.find(&needle.to_ascii_lowercase())?;
    Some((from + at, from + at + needle.len()))
}

/// What the analysis credits, sentence by sentence, placed in the text: the
/// source at the mention that names it (else where its words stand in the
/// sentence), the cue where its words stand. A quote's sentences credit one
/// speaker with one cue: counted once.
fn found(doc: &Document) -> Vec<Found> {
    let a = analyze_document(doc);
    let mut out: Vec<Found> = Vec::new();
    for s in &a.sentences {
        let Some(att) = &s.attribution else { continue };
        let source = a
            .mentions
            .iter()
            .filter(|m| m.start >= s.start && m.end <= s.end)
            .find(|m| m.canonical == att.source)
            .map(|m| (m.start, m.end))
            .or_else(|| find_in(&doc.text, s.start, s.end, &att.source));
        let cue = find_in(&doc.text, s.start, s.end, &att.cue);
        let f = Found { source, cue };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

pub fn run(data: &Path, split: &str) -> Result<ExitCode> {
    anyhow::ensure!(
        matches!(split, "test" | "dev" | "train"),
        "unknown split {split:?}: test, dev or train"
    );
    let dir = data.join(split);
    let articles = polnear::read(&dir).with_context(|| {
        format!(
            "reading PolNeAR from {} (see ../shared/data/polnear/SOURCE.md)",
            dir.display()
        )
    })?;
    let per_article: Vec<Vec<Found>> = articles
        .par_iter()
        .map(|art| found(&Document::new(art.name.as_str(), art.text.as_str())))
        .collect();
    let mut figures = Figures::default();
    for (art, f) in articles.iter().zip(&per_article) {
        figures.add(&art.relations, f);
    }
    println!(
        "PolNeAR {split} split: {} articles; spans scored by overlap; nothing fitted on PolNeAR\n",
        articles.len()
    );
    println!("{figures}\n");
    println!(
        "published, for comparison (other protocols): claimer detection F1 42.3 for a \
         PolNeAR-trained model and 85.8 for people (NewsClaims, its own protocol); PolNeAR has \
         no official scorer"
    );
    Ok(ExitCode::SUCCESS)
}
