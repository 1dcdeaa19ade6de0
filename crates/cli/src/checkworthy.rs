//! `crosscheck train checkworthy` and `crosscheck eval checkworthy`: the
//! sentence check-worthiness model fitted on gold stories, its
//! leave-one-story-out figures and its MAP on CLEF-2019 CheckThat! Task 1.

use anyhow::{Context, Result};
use crosscheck_learn::checkworthy::{self, Labelled, Transcript, average_precision};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Published MAP on the CLEF-2019 Task 1 test transcripts (primary runs;
/// `../shared/data/clef2019-checkthat-task1/SOURCE.md`).
const PUBLISHED: &[(&str, f64)] = &[
    ("Copenhagen (best primary run)", 0.1660),
    ("TheEarthIsFlat", 0.1597),
    ("IPIPAN", 0.1332),
    ("Terrier", 0.1263),
    ("UAICS", 0.1234),
    ("Fire (last of 12)", 0.0528),
];

fn names(stories: &[crosscheck_learn::story::GoldStory]) -> String {
    stories
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn train(dirs: &[PathBuf], out: &Path) -> Result<ExitCode> {
    let stories = crate::stories::read_stories(dirs)?;
    let sets: Vec<Labelled> = stories.iter().map(checkworthy::labelled).collect();
    let refs: Vec<&Labelled> = sets.iter().collect();
    let (pos, all) = sets.iter().fold((0, 0), |(p, a), s| {
        (p + s.y.iter().filter(|&&v| v).count(), a + s.y.len())
    });
    let model = checkworthy::fit(
        &refs,
        format!("{} ({pos} listed of {all} sentences)", names(&stories)),
    );
    std::fs::write(out, serde_json::to_string_pretty(&model)? + "\n")
        .with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {} (fitted on {})", out.display(), model.fitted_on);
    Ok(ExitCode::SUCCESS)
}

/// MAP of `score` over transcripts, and of a random ranking (the share of
/// positives, per transcript).
fn map(ts: &[Transcript], score: impl Fn(&checkworthy::Labelled) -> Vec<f64>) -> (f64, f64) {
    let n = ts.len().max(1) as f64;
    let ap: f64 = ts
        .iter()
        .map(|t| average_precision(&score(&t.set), &t.set.y))
        .sum();
    let base: f64 = ts
        .iter()
        .map(|t| t.set.y.iter().filter(|&&v| v).count() as f64 / t.set.y.len().max(1) as f64)
        .sum();
    (ap / n, base / n)
}

fn scores(m: &crosscheck_core::analyze::checkworthy::CheckModel, set: &Labelled) -> Vec<f64> {
    m.probabilities(&set.x)
}

pub fn eval(dirs: &[PathBuf], clef: &Path) -> Result<ExitCode> {
    let stories = crate::stories::read_stories(dirs)?;
    println!("leave-one-story-out: sentences ranked by a model fitted on the other stories");
    println!("{:<16} {:>8} {:>8}", "story", "AP", "random");
    let folds = checkworthy::leave_one_out(&stories);
    for (name, ap, base) in &folds {
        println!("{name:<16} {ap:>8.3} {base:>8.3}");
    }
    let n = folds.len().max(1) as f64;
    println!(
        "{:<16} {:>8.3} {:>8.3}",
        "mean",
        folds.iter().map(|f| f.1).sum::<f64>() / n,
        folds.iter().map(|f| f.2).sum::<f64>() / n
    );

    let read = |sub: &str| {
        let dir = clef.join(sub);
        checkworthy::clef_transcripts(&dir).with_context(|| {
            format!(
                "reading {} (CLEF-2019 CheckThat! Task 1; see its SOURCE.md)",
                dir.display()
            )
        })
    };
    let test = read("test_annotated")?;
    let training = read("training")?;
    anyhow::ensure!(!test.is_empty(), "{}: no test transcripts", clef.display());
    let sets: Vec<Labelled> = stories.iter().map(checkworthy::labelled).collect();
    let refs: Vec<&Labelled> = sets.iter().collect();
    let from_stories = checkworthy::fit(&refs, String::new());
    let clef_refs: Vec<&Labelled> = training.iter().map(|t| &t.set).collect();
    let from_clef = checkworthy::fit(&clef_refs, String::new());
    let (map_stories, random) = map(&test, |set| scores(&from_stories, set));
    let (map_clef, _) = map(&test, |set| scores(&from_clef, set));
    println!(
        "\nCLEF-2019 CheckThat! Task 1, {} test transcripts, MAP (official metric):",
        test.len()
    );
    println!(
        "  {map_stories:.4}  crosscheck, fitted on the gold stories (the committed model's signals and data)"
    );
    println!(
        "  {map_clef:.4}  crosscheck's signals fitted on the {} CLEF training transcripts",
        training.len()
    );
    println!("  {random:.4}  random ranking (share of check-worthy lines)");
    println!("published primary runs:");
    for (name, m) in PUBLISHED {
        println!("  {m:.4}  {name}");
    }
    Ok(ExitCode::SUCCESS)
}
