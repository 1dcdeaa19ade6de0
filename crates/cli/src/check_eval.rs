//! `eval check`: the judge, called as `crosscheck check` calls it, on every
//! claim of an article-level gold set against every article of its corpus,
//! beside the stances of the dossier `eval dev` builds from the same corpus
//! (scoring in `crosscheck_eval::check`).

use anyhow::{Context, Result};
use crosscheck_core::judge::{self, TextView};
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
    let dossier = crate::eval::dossier_of(&docs)?;
    let claims = check::claims(&value)?;
    let model = judge::builtin().map_err(anyhow::Error::msg)?;
    let claim_views: Vec<TextView> = claims.iter().map(|c| TextView::new(c.text)).collect();
    let doc_views: Vec<TextView> = docs.par_iter().map(|d| TextView::new(&d.text)).collect();
    let pairs: Vec<_> = claims
        .iter()
        .zip(&claim_views)
        .flat_map(|c| docs.iter().zip(&doc_views).map(move |d| (c, d)))
        .collect();
    let judged: Vec<Judged> = pairs
        .into_par_iter()
        .map(|((claim, claim_view), (doc, doc_view))| Judged {
            claim: claim.id,
            doc: &doc.id,
            stance: judge::judge(model, claim_view, doc_view).stance,
        })
        .collect();
    let comparison = check::score(&value, &dossier, &judged)?;
    println!(
        "judge against {} ({} claims × {} articles; dossier as `eval dev` builds it)\n",
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
