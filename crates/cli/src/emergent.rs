//! `crosscheck eval emergent`: `check`'s component (`crosscheck_link::check`)
//! on Emergent's headlines (the claim against the headline read as a
//! one-sentence article), scored against the journalists' labels beside the
//! published figures. Nothing here is fitted on Emergent.

use anyhow::{Context, Result};
use crosscheck_core::analyze::analyze_document;
use crosscheck_core::{Document, Stance};
use crosscheck_eval::emergent::{self, Confusion, Label, Pair};
use rayon::prelude::*;
use std::path::Path;
use std::process::ExitCode;

/// The split files, by name.
const SPLITS: &[(&str, &str)] = &[
    ("test", "url-versions-2015-06-14-clean-test.csv"),
    ("train", "url-versions-2015-06-14-clean-train.csv"),
    ("all", "url-versions-2015-06-14-clean.csv"),
];

/// What `check` says of `pair`'s claim in its headline, as an Emergent label.
/// The mapping follows the data set's own definitions (SOURCE.md): stated
/// as true in the outlet's voice is `for`; denied, in its voice or by a party
/// it reports, is `against`; repeated with distance or credited to someone
/// ("X says …"), or not carried at all, is `observing`.
fn predict(pair: &Pair) -> Label {
    let analysis = analyze_document(&Document::new("headline", pair.headline.as_str()));
    let answer = crosscheck_link::check::check(&pair.claim, &[&analysis])
        .pop()
        .unwrap_or_default();
    let decided = answer
        .carriers
        .iter()
        .find(|c| Some(c.stance) == answer.stance);
    match answer.stance {
        Some(Stance::Denies | Stance::ReportsDenial) => Label::Against,
        Some(Stance::Asserts) if decided.is_some_and(|c| c.origin.is_none()) => Label::For,
        _ => Label::Observing,
    }
}

pub fn run(data: &Path, split: &str) -> Result<ExitCode> {
    let file = SPLITS
        .iter()
        .find(|(name, _)| *name == split)
        .map(|(_, f)| *f)
        .with_context(|| format!("unknown split {split:?}: test, train or all"))?;
    let path = data.join(file);
    let pairs = emergent::read(&path).with_context(|| {
        format!(
            "reading Emergent from {} (see ../shared/data/emergent/SOURCE.md)",
            data.display()
        )
    })?;
    let predicted: Vec<Label> = pairs.par_iter().map(predict).collect();
    let ours = Confusion::new(&pairs, &predicted);
    let majority = Confusion::new(&pairs, &vec![Label::For; pairs.len()]);
    println!(
        "Emergent {split} split: {} headlines; `check`'s component, nothing fitted on Emergent\n",
        pairs.len()
    );
    println!("{ours}");
    println!("{:<44} {:>9} {:>9}", "system", "accuracy", "macro-F1");
    println!(
        "{:<44} {:>8.2}% {:>9.1}",
        "crosscheck check",
        100.0 * ours.accuracy(),
        100.0 * ours.macro_f1()
    );
    println!(
        "{:<44} {:>8.2}% {:>9.1}",
        "always \"for\" (the majority class)",
        100.0 * majority.accuracy(),
        100.0 * majority.macro_f1()
    );
    if split == "test" {
        println!(
            "{:<44} {:>8.2}% {:>9.1}",
            "Ferreira & Vlachos 2016 (published)", 73.28, 72.3
        );
    }
    Ok(ExitCode::SUCCESS)
}
