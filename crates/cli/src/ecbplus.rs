//! `crosscheck eval ecbplus`: the matching judgement on ECB+ cross-document
//! event coreference, beside the published figures.

use anyhow::{Context, Result};
use crosscheck_eval::coref::{Prf, Scores};
use crosscheck_learn::ecbplus;
use std::path::Path;
use std::process::ExitCode;

/// Published CoNLL F1 on the ECB+ test topics, gold mentions (from the
/// table in `../shared/data/ecbplus/SOURCE.md`).
const PUBLISHED: &[(&str, f64)] = &[
    (
        "same-lemma baseline, predicted document clusters (Barhom et al. 2019)",
        76.5,
    ),
    ("Barhom et al. 2019, joint entity and event model", 79.5),
    ("Cattan et al. 2021", 81.0),
    ("Held et al. 2021", 85.7),
    ("Min et al. 2024 (best found)", 86.7),
];

fn cells(p: &Prf) -> String {
    format!(
        "{:>5.1} {:>5.1} {:>5.1}",
        p.recall * 100.0,
        p.precision * 100.0,
        p.f1 * 100.0
    )
}

fn row(name: &str, s: &Scores) {
    println!(
        "{name:<34} {}   {}   {}   {:>5.1}",
        cells(&s.muc),
        cells(&s.b3),
        cells(&s.ceaf_e),
        s.conll() * 100.0
    );
}

pub fn run(data: &Path) -> Result<ExitCode> {
    let mentions = ecbplus::load(data).with_context(|| {
        format!(
            "reading ECB+ from {} (see ../shared/data/ecbplus/SOURCE.md)",
            data.display()
        )
    })?;
    let embedder = crosscheck_embed::Embedder::default_model()?;
    let out = ecbplus::evaluate(&mentions, &embedder);
    let [train, dev, test] = out.mentions;
    println!(
        "ECB+ event coreference, gold mentions with singletons, validated sentences;\n\
         documents grouped by their gold subtopic; {train} train, {dev} dev, {test} test mentions\n\
         pairwise model fitted on {} coreferent and {} other train pairs; threshold {:.2} fitted on dev\n",
        out.pairs.0, out.pairs.1, out.model.threshold
    );
    println!(
        "{:<34} {:>17}   {:>17}   {:>17}   {:>5}",
        "test topics 36-45", "MUC R P F1", "B3 R P F1", "CEAF-e R P F1", "CoNLL"
    );
    row("same head lemma (this setup)", &out.lemma);
    row("crosscheck matching", &out.test);
    println!("\npublished (CoNLL F1, test, gold mentions):");
    for (name, f1) in PUBLISHED {
        println!("  {f1:>5.1}  {name}");
    }
    println!(
        "\ndev topics (threshold fitted here): CoNLL F1 {:.1}",
        out.dev.conll() * 100.0
    );
    println!("weights:");
    for (name, w) in out.model.weights() {
        println!("  {name:<20} {w:>7.3}");
    }
    Ok(ExitCode::SUCCESS)
}
