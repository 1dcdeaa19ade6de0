//! `crosscheck check "CLAIM" ARTICLES... [--db DB]`: what each article does
//! with one claim, decided as the dossier decides it (`link::check`: the
//! claim groups' similarity and the clauses' stances), the sentences that
//! carry it, whom they credit, and a verdict over independent origins.

use anyhow::{Context, Result};
use crosscheck_core::analyze::analyze_within;
use crosscheck_core::{Analysis, Document, Stance};
use crosscheck_link::{check, dedup};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::process::ExitCode;

/// One article's answer, ready to print.
struct Row<'a> {
    /// Its place among the documents read (what `copy_of` points to).
    index: usize,
    doc: &'a Document,
    analysis: &'a Analysis,
    answer: check::Answer,
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
    let analyses: Vec<Option<Analysis>> = docs
        .par_iter()
        .map(|d| match analyze_within(d, &limits) {
            Ok(a) => Some(a),
            Err(refused) => {
                eprintln!("skipped {}: {refused}", d.path);
                None
            }
        })
        .collect();
    let analysed: Vec<&Analysis> = analyses.iter().flatten().collect();
    let mut answers = check::check(claim, &analysed).into_iter();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let copies = dedup::duplicates(&texts);
    let rows: Vec<Row> = docs
        .iter()
        .zip(&analyses)
        .zip(copies)
        .enumerate()
        .filter_map(|(index, ((doc, analysis), copy_of))| {
            let analysis = analysis.as_ref()?;
            let answer = answers.next().unwrap_or_default();
            // Whom the clause that decided the stance credits.
            let origin = answer
                .carriers
                .iter()
                .find(|c| Some(c.stance) == answer.stance)
                .and_then(|c| c.origin.clone())
                .unwrap_or_else(|| doc.source.clone().unwrap_or_else(|| doc.path.clone()));
            Some(Row {
                index,
                doc,
                analysis,
                answer,
                origin,
                copy_of,
            })
        })
        .collect();
    print(claim, &rows, skipped.len());
    Ok(ExitCode::SUCCESS)
}

fn print(claim: &str, rows: &[Row], n_skipped: usize) {
    println!("claim: {claim}\n");
    for row in rows {
        let a = &row.answer;
        let stance = a.stance.map_or("unrelated", Stance::as_str);
        let title = row.doc.title.as_deref().unwrap_or(&row.doc.path);
        match a.carriers.first() {
            Some(best) => println!("{stance:<15} {title}  (similarity {:.2})", best.similarity),
            None => {
                println!("{stance:<15} {title}");
                continue;
            }
        }
        println!("    origin: {}", row.origin);
        if let Some(original) = row.copy_of.and_then(|i| rows.iter().find(|r| r.index == i)) {
            println!("    copy of: {}", original.doc.path);
        }
        let cues: Vec<&str> = a
            .carriers
            .iter()
            .flat_map(|c| c.cues.iter().map(String::as_str))
            .collect();
        if !cues.is_empty() {
            println!("    cues: {}", cues.join(", "));
        }
        for c in a.carriers.iter().take(2) {
            if let Some(s) = row.analysis.sentences.get(c.sentence) {
                println!(
                    "    > [{}] {}",
                    c.stance.as_str(),
                    s.text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        .filter(|r| r.answer.stance.is_some_and(|s| stances.contains(&s)))
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
