//! The extraction scorer reproduces the benchmark's published table from the
//! system outputs shipped with it (skipped, with a line, when the benchmark is
//! not beside the repository).

use std::path::PathBuf;

use crosscheck_eval::extraction::{read_gold, read_predictions, score};
use serde_json::Value;

fn read(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn reproduces_published_scores() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/article-extraction-benchmark");
    if !dir.join("ground-truth.json").exists() {
        println!("skipped: no benchmark at {}", dir.display());
        return;
    }
    let gold = read_gold(&read(&dir.join("ground-truth.json"))).unwrap();
    assert_eq!(gold.len(), 181);
    // (file, F1, precision, recall, accuracy) from the benchmark's README.
    for (file, f1, p, r, acc) in [
        ("rs_trafilatura", 0.970, 0.951, 0.990, 0.287),
        ("trafilatura", 0.958, 0.938, 0.978, 0.293),
        ("readability", 0.922, 0.913, 0.931, 0.315),
        ("dom_smoothie", 0.865, 0.785, 0.963, 0.055),
        ("beautifulsoup", 0.665, 0.499, 0.994, 0.000),
        ("AutoExtract", 0.970, 0.984, 0.956, 0.470),
    ] {
        let preds = read_predictions(&read(&dir.join(format!("output/{file}.json")))).unwrap();
        let s = score(&gold, &preds);
        let got = [s.f1, s.precision, s.recall, s.accuracy];
        for (g, want) in got.iter().zip([f1, p, r, acc]) {
            assert!(
                (g - want).abs() < 0.0005 + 1e-9,
                "{file}: got {got:?}, published {f1} {p} {r} {acc}"
            );
        }
    }
}
