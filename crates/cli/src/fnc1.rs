//! `eval fnc1` and `train stance`: training the judge on FNC-1's training
//! pairs and scoring it on the competition test set with the official score.

use anyhow::{Context, Result};
use crosscheck_core::judge::{self, Model, TextView, Verdict, train};
use crosscheck_eval::fnc1::{self, Label, Split};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Settings of `eval fnc1` and `train stance`.
#[derive(clap::Args, Clone)]
pub struct Fnc1Args {
    /// The FNC-1 folder (train_*.csv, competition_test_*.csv).
    #[arg(long, default_value = "../shared/data/fnc-1")]
    pub data: PathBuf,
    /// Score this saved model instead of training one (`builtin`: the committed one).
    #[arg(long, value_name = "FILE")]
    pub model: Option<String>,
    /// Write the trained model here (gzip-compressed JSON).
    #[arg(long, value_name = "FILE")]
    pub save_model: Option<PathBuf>,
    /// perpetual's complexity budget (1.0: the committed model's).
    #[arg(long, default_value_t = 1.0)]
    pub budget: f32,
    /// Seed of the folds and of the ensembles.
    #[arg(long, default_value_t = 13)]
    pub seed: u64,
    /// Hold out fold 0 only (no other folds, no final fit) and print its figures: for
    /// trying settings in a fraction of the time, never for a model to ship.
    #[arg(long)]
    pub tune_only: bool,
    /// Write the out-of-fold probabilities of the training pairs here (CSV:
    /// fold, gold, P(related), P(agree / disagree / discuss | related),
    /// P(disagree | agree or disagree), claim-name cover, verdict).
    #[arg(long, value_name = "FILE")]
    pub oof: Option<PathBuf>,
}

pub fn label_of(v: Verdict) -> Label {
    match v {
        Verdict::Asserts => Label::Agree,
        Verdict::Denies => Label::Disagree,
        Verdict::Discusses => Label::Discuss,
        Verdict::Unrelated => Label::Unrelated,
    }
}

pub fn verdict_of(l: Label) -> Verdict {
    match l {
        Label::Agree => Verdict::Asserts,
        Label::Disagree => Verdict::Denies,
        Label::Discuss => Verdict::Discusses,
        Label::Unrelated => Verdict::Unrelated,
    }
}

/// The texts of a split, each turned into a view once (in parallel).
struct Views {
    headlines: Vec<TextView>,
    bodies: Vec<TextView>,
    /// Per pair: (headline index, body index).
    index: Vec<(usize, usize)>,
}

fn views(split: &Split) -> Views {
    let mut headline_ix: HashMap<&str, usize> = HashMap::new();
    let mut body_ix: HashMap<u32, usize> = HashMap::new();
    let mut headline_texts = Vec::new();
    let mut body_texts = Vec::new();
    let index = split
        .pairs
        .iter()
        .map(|p| {
            let h = *headline_ix.entry(p.headline.as_str()).or_insert_with(|| {
                headline_texts.push(p.headline.as_str());
                headline_texts.len() - 1
            });
            let b = *body_ix.entry(p.body_id).or_insert_with(|| {
                body_texts.push(split.body(p));
                body_texts.len() - 1
            });
            (h, b)
        })
        .collect();
    Views {
        headlines: headline_texts
            .par_iter()
            .map(|t| TextView::new(t))
            .collect(),
        bodies: body_texts.par_iter().map(|t| TextView::new(t)).collect(),
        index,
    }
}

fn read_split(dir: &Path, prefix: &str) -> Result<Split> {
    let split = fnc1::read(dir, prefix)
        .with_context(|| format!("reading FNC-1 {prefix} from {}", dir.display()))?;
    if !split.skipped.is_empty() {
        eprintln!("{prefix}: skipped {} rows", split.skipped.len());
        for s in split.skipped.iter().take(5) {
            eprintln!("  {s}");
        }
    }
    anyhow::ensure!(
        !split.pairs.is_empty(),
        "no {prefix} pairs in {}",
        dir.display()
    );
    Ok(split)
}

/// The tuning objective: the FNC-1 score plus macro-F1, so that neither the
/// majority-friendly score nor the rare classes are given up.
fn objective(gold: &[Verdict], predicted: &[Verdict]) -> f64 {
    let g: Vec<Label> = gold.iter().map(|v| label_of(*v)).collect();
    let p: Vec<Label> = predicted.iter().map(|v| label_of(*v)).collect();
    let s = fnc1::score(&g, &p);
    s.relative() + s.macro_f1()
}

/// Trains the judge on `train_*.csv` (printing the tuning figures).
fn train_model(args: &Fnc1Args) -> Result<Model> {
    let started = Instant::now();
    let split = read_split(&args.data, "train")?;
    let v = views(&split);
    let pairs: Vec<train::TrainingPair> = split
        .pairs
        .iter()
        .zip(&v.index)
        .filter_map(|(p, &(h, b))| {
            Some(train::TrainingPair {
                claim: h,
                body: b,
                group: p.body_id,
                verdict: verdict_of(p.label?),
            })
        })
        .collect();
    let settings = train::Settings {
        budget: args.budget,
        folds: 5,
        seed: args.seed,
        min_count: 5,
        tune_only: args.tune_only,
        note: format!(
            "trained by `crosscheck train stance` on FNC-1 train_stances.csv + train_bodies.csv ({} pairs) only; budget {}, seed {}, 5 folds over topics of Body IDs (the decision rule tuned on the out-of-fold predictions of all 5)",
            pairs.len(),
            args.budget,
            args.seed
        ),
    };
    eprintln!(
        "training on {} pairs ({:.1}s to read and split)…",
        pairs.len(),
        started.elapsed().as_secs_f64()
    );
    let (model, tuning) = train::train(&v.headlines, &v.bodies, &pairs, &settings, &objective);
    let rule = tuning.rule;
    println!(
        "rule tuned on the out-of-fold predictions of {} fold(s) of train by topic ({} pairs): related ≥ {:.2}, claim names covered ≥ {}, weights agree {} disagree {} discuss 1, pairwise mix {}",
        tuning.folds_run,
        tuning.n_heldout,
        rule.related_threshold,
        rule.name_cover_floor,
        rule.weights[0],
        rule.weights[1],
        rule.pair_mix,
    );
    let figures = |title: String, rows: &[&train::HeldOut]| {
        let (g, p): (Vec<Label>, Vec<Label>) = rows
            .iter()
            .map(|h| (label_of(h.gold), label_of(h.predicted)))
            .unzip();
        let s = fnc1::score(&g, &p);
        println!(
            "{title}: FNC {:.2} % macro-F1 {:.3}; F1 agree {:.3} disagree {:.3} discuss {:.3} unrelated {:.3}",
            100.0 * s.relative(),
            s.macro_f1(),
            s.f1(Label::Agree),
            s.f1(Label::Disagree),
            s.f1(Label::Discuss),
            s.f1(Label::Unrelated),
        );
        s
    };
    for k in 0..tuning.folds_run {
        let rows: Vec<&train::HeldOut> = tuning.heldout.iter().filter(|h| h.fold == k).collect();
        figures(format!("fold {k} ({} pairs)", rows.len()), &rows);
    }
    let all: Vec<&train::HeldOut> = tuning.heldout.iter().collect();
    let held = figures("all held-out folds".to_string(), &all);
    println!("{}", held.confusion_table());
    if let Some(path) = &args.oof {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        writeln!(
            out,
            "fold,gold,related,agree,disagree,discuss,share,cover,predicted"
        )?;
        for h in &tuning.heldout {
            let p = &h.probabilities;
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{}",
                h.fold,
                h.gold.as_str(),
                p.related,
                p.stance[0],
                p.stance[1],
                p.stance[2],
                p.disagree_share,
                p.name_cover,
                h.predicted.as_str()
            )?;
        }
        out.flush()?;
    }
    eprintln!("trained in {:.1}s", started.elapsed().as_secs_f64());
    if let Some(path) = &args.save_model {
        use std::io::Write;
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
        gz.write_all(model.to_json()?.as_bytes())
            .and_then(|()| gz.finish().map(drop))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("model written to {}", path.display());
    }
    Ok(model)
}

/// `crosscheck train stance`.
pub fn train_stance(args: &Fnc1Args) -> Result<ExitCode> {
    train_model(args)?;
    Ok(ExitCode::SUCCESS)
}

/// `crosscheck eval fnc1`.
pub fn eval(args: &Fnc1Args, predictions: Option<&Path>) -> Result<ExitCode> {
    let model = match args.model.as_deref() {
        Some("builtin") => judge::builtin().map_err(anyhow::Error::msg)?,
        Some(path) => {
            let mut text = String::new();
            let file = std::fs::File::open(path).with_context(|| format!("reading {path}"))?;
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text)
                .with_context(|| format!("{path} is not a gzip-compressed model"))?;
            Box::leak(Box::new(
                Model::from_json(&text).with_context(|| format!("loading {path}"))?,
            ))
        }
        None => Box::leak(Box::new(train_model(args)?)),
    };
    let started = Instant::now();
    let test = read_split(&args.data, "competition_test")?;
    let v = views(&test);
    let pairs: Vec<(&TextView, &TextView)> = v
        .index
        .iter()
        .filter_map(|&(h, b)| Some((v.headlines.get(h)?, v.bodies.get(b)?)))
        .collect();
    let predicted: Vec<Label> = pairs
        .par_chunks(512)
        .flat_map_iter(|chunk| {
            let rows: Vec<Vec<f64>> = chunk
                .iter()
                .map(|(c, a)| judge::features::pair(c, a, &model.idf, &model.learned))
                .collect();
            model
                .probabilities(&rows)
                .into_iter()
                .map(|p| label_of(model.decide(&p)))
                .collect::<Vec<_>>()
        })
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    let gold: Vec<Label> = test
        .pairs
        .iter()
        .map(|p| p.label.unwrap_or(Label::Unrelated))
        .collect();
    anyhow::ensure!(
        test.pairs.iter().all(|p| p.label.is_some()),
        "competition_test_stances.csv has unlabeled rows"
    );
    if let Some(path) = predictions {
        fnc1::write_predictions(path, &test.pairs, &predicted).context("writing predictions")?;
        eprintln!("predictions written to {}", path.display());
    }
    let score = fnc1::score(&gold, &predicted);
    let report = score.report("FNC-1 competition test (official score)");
    println!("{}", score.confusion_table());
    println!(
        "points {:.2} of {:.2}; {} pairs judged in {:.1}s ({:.0} pairs/s)",
        score.points,
        score.max,
        gold.len(),
        elapsed,
        gold.len() as f64 / elapsed.max(1e-9)
    );
    println!("{report}");
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
