//! The outside benchmarks, through the binary, where their data is beside
//! the repository (as in CI): the claim matching machinery must beat the
//! same-lemma baseline on ECB+, and the check-worthiness model must rank
//! above chance on held-out stories and on CLEF-2019.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The numbers of the line that starts with `label`.
fn numbers(report: &str, label: &str) -> Vec<f64> {
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?} in\n{report}"));
    line[line.find(label).unwrap_or(0) + label.len()..]
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[test]
fn ecbplus_matching_beats_the_same_lemma_baseline() {
    let data = shared().join("data/ecbplus");
    if !data.join("ECB+").exists() {
        eprintln!("{} not found; skipping", data.display());
        return;
    }
    let report = run(&["eval", "ecbplus", "--data", data.to_str().unwrap()]);
    let lemma = numbers(&report, "same head lemma (this setup)");
    let ours = numbers(&report, "crosscheck matching");
    // Nine R/P/F1 figures then the CoNLL F1.
    assert_eq!((lemma.len(), ours.len()), (10, 10), "{report}");
    assert!(ours[9] > lemma[9], "{report}");
    // The published same-lemma baseline.
    assert!(ours[9] > 76.5, "{report}");
}

#[test]
fn checkworthiness_ranks_above_chance_on_unseen_stories_and_debates() {
    let stories: Vec<PathBuf> = ["dev", "dev-butler", "dev-boxing", "dev-h5n1"]
        .iter()
        .map(|s| shared().join(s))
        .collect();
    let clef = shared().join("data/clef2019-checkthat-task1");
    if !clef.exists() || stories.iter().any(|s| !s.join("gold.json").exists()) {
        eprintln!("gold stories or CLEF-2019 data not found; skipping");
        return;
    }
    let mut args = vec!["eval", "checkworthy", "--clef", clef.to_str().unwrap()];
    args.extend(stories.iter().map(|s| s.to_str().unwrap()));
    let report = run(&args);
    let mean = numbers(&report, "mean");
    assert!(mean[0] > mean[1] + 0.1, "{report}");
    let line = report
        .lines()
        .find(|l| l.contains("fitted on the gold stories"))
        .expect("the committed model's MAP");
    let map: f64 = line.split_whitespace().next().unwrap().parse().unwrap();
    let random: f64 = report
        .lines()
        .find(|l| l.contains("random ranking"))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .expect("the random MAP");
    assert!(map > 2.0 * random, "{report}");
}
