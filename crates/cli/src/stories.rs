//! `crosscheck eval stories` and `crosscheck train grouping`: the learned
//! claim grouping fitted on gold stories, and its leave-one-story-out figures.

use anyhow::{Context, Result};
use crosscheck_eval::{Report, baselines, heldout};
use crosscheck_learn::grouping;
use crosscheck_learn::story::GoldStory;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Reads a gold story folder (`gold.json` and `corpus/`) and analyses it.
fn read_story(dir: &Path) -> Result<GoldStory> {
    let gold = dir.join("gold.json");
    let (value, docs) = crate::eval::read_dev(&gold, None)?;
    anyhow::ensure!(
        !docs.is_empty(),
        "{}: no articles in corpus/",
        dir.display()
    );
    let analyses = crate::analyze::analyze_all(&docs, true);
    let name = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .file_name()
        .map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
    Ok(GoldStory {
        name,
        gold: value,
        docs,
        analyses,
    })
}

pub(crate) fn read_stories(dirs: &[PathBuf]) -> Result<Vec<GoldStory>> {
    anyhow::ensure!(
        dirs.len() >= 2,
        "leave-one-story-out needs at least two gold stories"
    );
    dirs.iter().map(|d| read_story(d)).collect()
}

fn embedder(keys_only: bool) -> Result<Option<Arc<crosscheck_embed::Embedder>>> {
    if keys_only {
        return Ok(None);
    }
    Ok(Some(Arc::new(crosscheck_embed::Embedder::default_model()?)))
}

/// The figures a row prints, by metric name.
const COLUMNS: &[(&str, &str)] = &[
    ("grouping_bcubed_f1", "B3"),
    ("claims_grouped_80pct", "whole"),
    ("number_recall", "numbers"),
    ("story_bcubed_f1", "stories"),
    ("stance_accuracy", "stance"),
    ("stance_macro_f1", "st-F1"),
    ("doubt_recall", "doubt"),
    ("quote_speaker_accuracy", "speakers"),
    ("claim_article_recall", "found"),
];

fn value(r: &Report, name: &str) -> f64 {
    r.get(name).map_or(f64::NAN, |m| m.value)
}

fn row(label: &str, values: &[f64]) -> String {
    let mut s = format!("{label:<14}");
    for v in values {
        s.push_str(&format!(" {v:>8.3}"));
    }
    s
}

fn header() -> String {
    let mut s = format!("{:<14}", "story");
    for (_, short) in COLUMNS {
        s.push_str(&format!(" {short:>8}"));
    }
    s
}

/// `crosscheck eval stories DIR...`.
pub fn eval(dirs: &[PathBuf], keys_only: bool, out: Option<PathBuf>) -> Result<ExitCode> {
    let stories = read_stories(dirs)?;
    let embedder = embedder(keys_only)?;
    let folds = grouping::leave_one_out(&stories, embedder.as_ref())?;
    let model = if keys_only {
        "keys only"
    } else {
        "keys + potion-base-8M embeddings"
    };
    println!("leave-one-story-out: each story grouped by a model fitted on the others ({model})");
    println!("{}", header());
    let mut rows: Vec<Vec<f64>> = Vec::new();
    for f in &folds {
        let v: Vec<f64> = COLUMNS.iter().map(|(n, _)| value(&f.report, n)).collect();
        println!("{}", row(&f.story, &v));
        rows.push(v);
    }
    let n = rows.len() as f64;
    let mean: Vec<f64> = (0..COLUMNS.len())
        .map(|c| rows.iter().map(|r| r[c]).sum::<f64>() / n)
        .collect();
    let worst: Vec<f64> = (0..COLUMNS.len())
        .map(|c| rows.iter().map(|r| r[c]).fold(f64::INFINITY, f64::min))
        .collect();
    println!("{}", row("mean", &mean));
    println!("{}", row("worst", &worst));

    println!();
    println!(
        "baselines on the same held-out dossiers (B3 grouping; stance accuracy and macro-F1):"
    );
    println!(
        "{:<14} {:>13} {:>13} {:>15} {:>15}",
        "story", "per-sentence", "all-in-one", "asserts: acc", "asserts: st-F1"
    );
    for f in &folds {
        let gold = &stories
            .iter()
            .find(|s| s.name == f.story)
            .context("fold story")?
            .gold;
        let per = heldout::score(gold, &baselines::one_claim_per_sentence(&f.dossier))?;
        let one = heldout::score(gold, &baselines::all_in_one_claim(&f.dossier))?;
        let asserts = heldout::score(gold, &baselines::always_asserts(&f.dossier))?;
        println!(
            "{:<14} {:>13.3} {:>13.3} {:>15.3} {:>15.3}",
            f.story,
            value(&per, "grouping_bcubed_f1"),
            value(&one, "grouping_bcubed_f1"),
            value(&asserts, "stance_accuracy"),
            value(&asserts, "stance_macro_f1"),
        );
    }
    println!();
    println!(
        "stance decided by the learned model (fitted per fold on the other stories' labelled evidence) instead of the hand-set rule:"
    );
    println!(
        "{:<14} {:>8} {:>8} {:>8}",
        "story", "stance", "st-F1", "doubt"
    );
    let mut sums = [0.0; 3];
    for f in &folds {
        let v = [
            value(&f.learned_stance, "stance_accuracy"),
            value(&f.learned_stance, "stance_macro_f1"),
            value(&f.learned_stance, "doubt_recall"),
        ];
        for (s, x) in sums.iter_mut().zip(v) {
            *s += x;
        }
        println!("{:<14} {:>8.3} {:>8.3} {:>8.3}", f.story, v[0], v[1], v[2]);
    }
    println!(
        "{:<14} {:>8.3} {:>8.3} {:>8.3}",
        "mean",
        sums[0] / n,
        sums[1] / n,
        sums[2] / n
    );
    println!();
    println!("fitted per fold (average-linkage threshold):");
    for f in &folds {
        let m = if keys_only {
            &f.models.keys_only
        } else {
            &f.models.with_embeddings
        };
        println!("  without {:<12} {:.2}", f.story, m.threshold);
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for f in &folds {
            let p = dir.join(format!("{}.json", f.story));
            std::fs::write(&p, serde_json::to_string_pretty(&f.dossier)?)
                .with_context(|| format!("writing {}", p.display()))?;
        }
        println!();
        println!(
            "held-out dossiers written to {} (score_heldout.py GOLD {}/STORY.json gives the same figures)",
            dir.display(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `crosscheck train grouping DIR...`: fits the committed models on every
/// story given and writes them; prints their training figures (labelled as
/// such: the stories were fitted on).
pub fn train(dirs: &[PathBuf], out: &Path, pairs_tsv: Option<&Path>) -> Result<ExitCode> {
    let stories = read_stories(dirs)?;
    let embedder = embedder(false)?;
    if let Some(p) = pairs_tsv {
        let mut all = String::new();
        for s in &stories {
            let tsv = grouping::pairs(s, embedder.as_deref()).to_tsv(&s.name);
            let body = if all.is_empty() {
                &tsv[..]
            } else {
                tsv.split_once('\n').map_or("", |x| x.1)
            };
            all.push_str(body);
        }
        std::fs::write(p, all).with_context(|| format!("writing {}", p.display()))?;
    }
    let refs: Vec<&GoldStory> = stories.iter().collect();
    let models = grouping::fit(&refs, embedder.as_ref())?;
    std::fs::write(out, serde_json::to_string_pretty(&models)? + "\n")
        .with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {} (fitted on {})", out.display(), models.fitted_on);
    println!("training figures (these stories were fitted on; not a held-out result):");
    println!("{}", header());
    for s in &stories {
        let d = grouping::dossier(s, &models.with_embeddings, embedder.as_ref())?;
        let r = grouping::score(s, &d)?;
        let v: Vec<f64> = COLUMNS.iter().map(|(n, _)| value(&r, n)).collect();
        println!("{}", row(&s.name, &v));
    }
    Ok(ExitCode::SUCCESS)
}
