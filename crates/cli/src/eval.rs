//! `eval`: accuracy against gold data, each metric beside its bar.

use anyhow::{Context, Result};
use clap::Subcommand;
use crosscheck_core::{Document, Dossier};
use crosscheck_eval::Report;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Target {
    /// The article-extraction benchmark: text F1 with its own metric, metadata and speed.
    Extraction {
        /// The benchmark folder (ground-truth.json, html/, output/).
        #[arg(long, default_value = "../shared/data/article-extraction-benchmark")]
        data: PathBuf,
        /// Also write the figures as JSON.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// The seed case: five articles and the analyst's gold dossier.
    Seeds {
        /// The gold dossier; the articles are the files it names, beside it.
        #[arg(long, default_value = "../shared/seeds/gold.json")]
        gold: PathBuf,
        /// Also write the dossier that was scored.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// An article-level gold set (dev/README.md schema): corpus/ beside gold.json.
    Dev {
        /// The gold file (gold stories: docs/data.md).
        #[arg(long, default_value = "../shared/dev/gold.json")]
        gold: PathBuf,
        /// The articles (default: the `corpus` folder beside the gold file).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Also write the dossier that was scored.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// The judge (`crosscheck check`) on an article-level gold set: every claim
    /// against every article, beside the dossier's stances on the same pairs.
    Check {
        /// The gold file (gold stories: docs/data.md).
        #[arg(long, default_value = "../shared/dev/gold.json")]
        gold: PathBuf,
        /// The articles (default: the `corpus` folder beside the gold file).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Also write the figures, both confusion matrices and every pair as JSON.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// Leave-one-story-out on article-level gold story folders (gold.json +
    /// corpus/ each): every learned weight and threshold fitted on the other
    /// stories, the held-out one scored, beside trivial baselines.
    Stories {
        /// Gold story folders (gold.json + corpus/ each; docs/data.md).
        #[arg(required = true, value_name = "STORY_DIR")]
        stories: Vec<PathBuf>,
        /// Group by content keys only (no embeddings).
        #[arg(long)]
        keys_only: bool,
        /// Write each held-out dossier here as STORY.json.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check-worthiness: the sentence model leave-one-story-out on gold story
    /// folders (average precision), and on CLEF-2019 CheckThat! Task 1 test
    /// transcripts (MAP) beside the published runs.
    Checkworthy {
        /// Gold story folders (gold.json + corpus/ each; docs/data.md).
        #[arg(required = true, value_name = "STORY_DIR")]
        stories: Vec<PathBuf>,
        /// The CLEF-2019 Task 1 folder (training/ and test_annotated/; see its SOURCE.md).
        #[arg(long, default_value = "../shared/data/clef2019-checkthat-task1")]
        clef: PathBuf,
    },
    /// ECB+ cross-document event coreference (gold event mentions): the claim
    /// matching machinery fitted on the train topics, its threshold on dev,
    /// MUC, B³, CEAF-e and CoNLL F1 on the test topics beside published figures.
    Ecbplus {
        /// The ECB+ folder (ECB+/ and ECBplus_coreference_sentences.csv; see its SOURCE.md).
        #[arg(long, default_value = "../shared/data/ecbplus")]
        data: PathBuf,
    },
    /// Emergent: `check`'s component on the journalists' headline stances
    /// (for / against / observing), accuracy and macro-F1 beside Ferreira &
    /// Vlachos 2016; nothing is fitted on Emergent.
    Emergent {
        /// The Emergent folder (see its SOURCE.md).
        #[arg(long, default_value = "../shared/data/emergent")]
        data: PathBuf,
        /// Which split: the authors' test split, train, or all.
        #[arg(long, default_value = "test")]
        split: String,
    },
    /// PolNeAR: the attributions the analysis finds (source and cue spans)
    /// against the gold relations, precision, recall and F1 by span overlap;
    /// nothing is fitted on PolNeAR.
    Polnear {
        /// The PolNeAR folder (see its SOURCE.md).
        #[arg(long, default_value = "../shared/data/polnear")]
        data: PathBuf,
        /// Which split: test (PolNeAR asks that it be used once, for a final figure), dev or train.
        #[arg(long, default_value = "test")]
        split: String,
    },
    /// FNC-1: train the judge on train_*.csv, score competition_test with the official score.
    Fnc1 {
        #[command(flatten)]
        args: crate::fnc1::Fnc1Args,
        /// Also write the test-set predictions (CSV: Headline,Body ID,Stance).
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
}

pub fn run(target: Target) -> Result<ExitCode> {
    // Each evaluation is one arm; new ones live in their own modules.
    match target {
        Target::Seeds { gold, json } => seeds(&gold, json),
        Target::Extraction { data, json } => crate::extract::eval(&data, json),
        Target::Dev { gold, corpus, json } => dev(&gold, corpus, json),
        Target::Check { gold, corpus, json } => crate::check_eval::run(&gold, corpus, json),
        Target::Stories {
            stories,
            keys_only,
            out,
        } => crate::stories::eval(&stories, keys_only, out),
        Target::Ecbplus { data } => crate::ecbplus::run(&data),
        Target::Checkworthy { stories, clef } => crate::checkworthy::eval(&stories, &clef),
        Target::Emergent { data, split } => crate::emergent::run(&data, &split),
        Target::Polnear { data, split } => crate::polnear::run(&data, &split),
        Target::Fnc1 { args, predictions } => crate::fnc1::eval(&args, predictions.as_deref()),
    }
}

/// The seed case: build a dossier from the gold's articles, score it.
fn seeds(gold: &Path, json: Option<PathBuf>) -> Result<ExitCode> {
    let (report, dossier) = {
        let value = read_json(gold)?;
        let dir = gold.parent().unwrap_or(Path::new("."));
        let files: Vec<String> = value["documents"]
            .as_object()
            .context("gold has no `documents` object")?
            .values()
            .filter_map(|d| d["file"].as_str())
            .map(|f| dir.join(f).to_string_lossy().into_owned())
            .collect();
        let (docs, skipped) =
            crate::analyze::ingest(&files, &crosscheck_ingest::Options::default(), true);
        anyhow::ensure!(
            skipped.is_empty(),
            "seed articles could not be read: {:?}",
            skipped
                .iter()
                .map(|s| format!("{}: {}", s.path, s.reason))
                .collect::<Vec<_>>()
        );
        let dossier = dossier_of(&docs)?;
        (crosscheck_eval::seeds::score(&value, &dossier)?, dossier)
    };
    finish(&report, &dossier, json)
}

/// An article-level gold set: build a dossier from its corpus, score it.
fn dev(gold: &Path, corpus: Option<PathBuf>, json: Option<PathBuf>) -> Result<ExitCode> {
    let (report, dossier) = {
        let (value, docs) = read_dev(gold, corpus)?;
        let dossier = dossier_of(&docs)?;
        (crosscheck_eval::heldout::score(&value, &dossier)?, dossier)
    };
    finish(&report, &dossier, json)
}

/// An article-level gold file and its articles (`corpus`, else the `corpus`
/// folder beside the gold file); unreadable articles are reported and skipped.
pub fn read_dev(
    gold: &Path,
    corpus: Option<PathBuf>,
) -> Result<(serde_json::Value, Vec<Document>)> {
    let value = read_json(gold)?;
    let corpus = corpus.unwrap_or_else(|| gold.parent().unwrap_or(Path::new(".")).join("corpus"));
    let (docs, skipped) = crate::analyze::ingest(
        &[corpus.to_string_lossy().into_owned()],
        &crosscheck_ingest::Options::default(),
        true,
    );
    for s in &skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    Ok((value, docs))
}

fn finish(report: &Report, dossier: &Dossier, json: Option<PathBuf>) -> Result<ExitCode> {
    if let Some(p) = json {
        std::fs::write(&p, serde_json::to_string_pretty(&dossier)?)
            .with_context(|| format!("writing {}", p.display()))?;
    }
    println!("{report}");
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}

pub fn dossier_of(docs: &[Document]) -> Result<Dossier> {
    let analyses = crate::analyze::analyze_all(docs, true);
    crosscheck_link::build_dossier(docs, &analyses).context("linking the analyses")
}
