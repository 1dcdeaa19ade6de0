//! `eval check`: `crosscheck check`'s component (`link::check`, the
//! dossier's own clause similarity and stances) on every claim of an
//! article-level gold set against every article of its corpus, beside the
//! stances of the dossier `eval dev` builds from the same corpus (scoring in
//! `crosscheck_eval::check`).

use anyhow::{Context, Result};
use crosscheck_core::Analysis;
use crosscheck_eval::check::{self, Judged};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(gold: &Path, corpus: Option<PathBuf>, json: Option<PathBuf>) -> Result<ExitCode> {
    let (value, docs) = crate::eval::read_dev(gold, corpus)?;
    anyhow::ensure!(
        !docs.is_empty(),
        "no readable articles for {}",
        gold.display()
    );
    let analyses = crate::analyze::analyze_all(&docs, true);
    let dossier =
        crosscheck_link::build_dossier(&docs, &analyses).context("linking the analyses")?;
    let claims = check::claims(&value)?;
    let refs: Vec<&Analysis> = analyses.iter().collect();
    let judged: Vec<Judged> = claims
        .par_iter()
        .flat_map_iter(|claim| {
            let answers = crosscheck_link::check::check(claim.text, &refs);
            docs.iter().zip(answers).map(move |(doc, a)| Judged {
                claim: claim.id,
                doc: &doc.id,
                stance: a.stance,
            })
        })
        .collect();
    let comparison = check::score(&value, &dossier, &judged)?;
    println!(
        "check against {} ({} claims × {} articles; dossier as `eval dev` builds it)\n",
        gold.display(),
        claims.len(),
        docs.len()
    );
    println!("{comparison}");
    if let Some(path) = json {
        std::fs::write(&path, serde_json::to_string_pretty(&comparison.to_json())?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
