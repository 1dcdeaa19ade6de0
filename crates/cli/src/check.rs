//! `crosscheck check "CLAIM" ARTICLES... [--db DB]`: what each article does
//! with one claim (the judge), the sentences that carry it, whom they credit,
//! and a verdict over independent origins.

use anyhow::{Context, Result};
use crosscheck_core::analyze::{Limits, analyze_within};
use crosscheck_core::judge::{self, Judgement, TextView, Verdict};
use crosscheck_core::link::dedup;
use crosscheck_core::{Document, Stance};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::process::ExitCode;

/// One article's answer, ready to print.
struct Row<'a> {
    doc: &'a Document,
    judgement: Judgement,
    /// Whom the carrying sentences credit, else the outlet.
    origin: String,
    /// The earlier article this one copies, if any.
    copy_of: Option<usize>,
}

pub async fn run(
    claim: &str,
    articles: &[String],
    db: Option<&str>,
    read: &crate::limits::ReadLimits,
    analysis: &crate::limits::AnalysisLimits,
) -> Result<ExitCode> {
    anyhow::ensure!(!claim.trim().is_empty(), "the claim is empty");
    let model = judge::builtin().map_err(anyhow::Error::msg)?;
    let limits = analysis.limits();
    let (mut docs, skipped) = crate::analyze::ingest(articles, &read.options(), true);
    for s in &skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    if let Some(db) = db {
        let store = crosscheck_store::Store::open_read_only(db).await?;
        let stored = store
            .documents()
            .await
            .with_context(|| format!("reading documents from {db}"))?;
        let known: BTreeSet<String> = docs.iter().map(|d| d.id.clone()).collect();
        docs.extend(stored.into_iter().filter(|d| !known.contains(&d.id)));
        store.close().await;
    }
    if docs.is_empty() {
        if articles.is_empty() && db.is_none() {
            eprintln!(
                "error: no articles to check the claim against: give article files or folders, \
                 or `--db crosscheck.db` to check it against every article a store holds"
            );
        } else {
            eprintln!(
                "error: no article could be read ({} input(s) skipped)",
                skipped.len()
            );
        }
        return Ok(crate::exit::nothing_read());
    }
    let claim_view = TextView::new(claim);
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let copies = dedup::duplicates(&texts);
    let rows: Vec<Row> = docs
        .par_iter()
        .zip(copies)
        .map(|(doc, copy_of)| {
            let judgement = judge::judge(model, &claim_view, &TextView::new(&doc.text));
            let origin = origin(doc, &judgement, &limits);
            Row {
                doc,
                judgement,
                origin,
                copy_of,
            }
        })
        .collect();
    print(claim, &rows, skipped.len());
    Ok(ExitCode::SUCCESS)
}

/// The source credited in the sentences that carry the claim, else the outlet
/// (the document's source, else its path, also when the article is past the
/// analysis limits).
fn origin(doc: &Document, j: &Judgement, limits: &Limits) -> String {
    let outlet = || doc.source.clone().unwrap_or_else(|| doc.path.clone());
    if j.verdict == Verdict::Unrelated {
        return outlet();
    }
    let Ok(analysis) = analyze_within(doc, limits) else {
        return outlet();
    };
    j.sentences
        .iter()
        .filter_map(|&(start, end, _)| {
            analysis
                .sentences
                .iter()
                .find(|s| s.start < end && start < s.end)
                .and_then(|s| s.attribution.as_ref())
                .map(|a| a.source.clone())
        })
        .next()
        .unwrap_or_else(outlet)
}

fn print(claim: &str, rows: &[Row], n_skipped: usize) {
    println!("claim: {claim}\n");
    for row in rows {
        let j = &row.judgement;
        let stance = j.stance.map_or("unrelated", Stance::as_str);
        let title = row.doc.title.as_deref().unwrap_or(&row.doc.path);
        println!(
            "{stance:<15} {title}  (P related {:.2}; asserts {:.2} denies {:.2} discusses {:.2})",
            j.probabilities.related,
            j.probabilities.stance[0],
            j.probabilities.stance[1],
            j.probabilities.stance[2]
        );
        if j.verdict == Verdict::Unrelated {
            continue;
        }
        println!("    origin: {}", row.origin);
        if let Some(original) = row.copy_of.and_then(|i| rows.get(i)) {
            println!("    copy of: {}", original.doc.path);
        }
        if !j.cues.is_empty() {
            println!("    cues: {}", j.cues.join(", "));
        }
        for &(start, end, _) in j.sentences.iter().take(2) {
            if let Some(text) = row.doc.text.get(start..end) {
                println!(
                    "    > {}",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
        }
    }
    println!("\n{}", verdict_line(rows));
    if n_skipped > 0 {
        println!("({n_skipped} inputs skipped)");
    }
}

/// Independent origins per stance (copies count once, with their original).
fn origins(rows: &[Row], stances: &[Stance]) -> BTreeSet<String> {
    rows.iter()
        .filter(|r| r.copy_of.is_none())
        .filter(|r| r.judgement.stance.is_some_and(|s| stances.contains(&s)))
        .map(|r| r.origin.clone())
        .collect()
}

fn verdict_line(rows: &[Row]) -> String {
    let asserting = origins(rows, &[Stance::Asserts]);
    let denying = origins(rows, &[Stance::Denies]);
    let reported_denials = origins(rows, &[Stance::ReportsDenial]);
    let hedging = origins(rows, &[Stance::Hedges]);
    let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
    let mut line = match (asserting.len(), denying.is_empty()) {
        (n, true) if n >= 2 => format!(
            "corroborated by {n} independent origins ({})",
            list(&asserting)
        ),
        (n, false) if n >= 1 => format!(
            "contested: asserted by {} ({}), denied by {} ({})",
            n,
            list(&asserting),
            denying.len(),
            list(&denying)
        ),
        (0, false) => format!("denied by {} ({})", denying.len(), list(&denying)),
        (1, true) => format!(
            "unconfirmed: asserted by a single origin ({})",
            list(&asserting)
        ),
        _ if !hedging.is_empty() || !reported_denials.is_empty() => {
            format!(
                "unconfirmed: only hedged or reported ({})",
                list(&(&hedging | &reported_denials))
            )
        }
        _ => "unconfirmed: no article speaks of it".to_string(),
    };
    if !reported_denials.is_empty() {
        line.push_str(&format!(
            "; a denial is reported by {}",
            list(&reported_denials)
        ));
    }
    line
}
