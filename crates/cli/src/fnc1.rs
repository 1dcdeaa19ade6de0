//! `eval fnc1` and `train stance`: training the judge on FNC-1's training
//! pairs and scoring it on the competition test set with the official score.

use anyhow::{Context, Result};
use crosscheck_eval::fnc1::{self, Label, Split};
use crosscheck_judge::{self as judge, Model, TextView, Verdict, train};
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
    /// perpetual's complexity budget (1.5: the committed model's, chosen over
    /// 1.0 and 2.0 on the out-of-fold figures of the training folds).
    #[arg(long, default_value_t = 1.5)]
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
    /// Tune the decision rule for disagree shares among related pairs from the
    /// training share divided by this to the training share times this (1: the
    /// training share only).
    #[arg(long, default_value_t = 2.0)]
    pub prior_range: f64,
    /// Tune the decision rule on out-of-fold probabilities written by `--oof`
    /// and print its figures, without training anything.
    #[arg(long, value_name = "FILE")]
    pub rule_from_oof: Option<PathBuf>,
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

/// The FNC-1 relative score and the per-class F1 of a confusion matrix
/// (`confusion[gold][predicted]` in [`Label::ALL`] order) whose pairs may
/// weigh fractions: the official rules of [`fnc1::score`], on weights.
fn weighted_figures(confusion: &[[f64; 4]; 4]) -> (f64, [f64; 4]) {
    let unrelated = Label::Unrelated.index();
    let (mut points, mut max) = (0.0, 0.0);
    for (g, row) in confusion.iter().enumerate() {
        for (p, &n) in row.iter().enumerate() {
            let related_right = (g == unrelated) == (p == unrelated);
            points += n
                * (0.25 * f64::from(u8::from(related_right))
                    + 0.75 * f64::from(u8::from(g == p && g != unrelated)));
        }
        max += row.iter().sum::<f64>() * if g == unrelated { 0.25 } else { 1.0 };
    }
    let f1 = std::array::from_fn(|i| {
        let tp = confusion
            .get(i)
            .and_then(|r| r.get(i))
            .copied()
            .unwrap_or(0.0);
        let predicted: f64 = confusion.iter().filter_map(|r| r.get(i)).sum();
        let gold: f64 = confusion.get(i).map_or(0.0, |r| r.iter().sum());
        if predicted + gold > 0.0 {
            2.0 * tp / (predicted + gold)
        } else {
            0.0
        }
    });
    (if max > 0.0 { points / max } else { 0.0 }, f1)
}

/// The tuning objective: the FNC-1 score plus macro-F1, so that neither the
/// majority-friendly score nor the rare classes are given up.
fn objective(confusion: &[[f64; 4]; 4]) -> f64 {
    let (relative, f1) = weighted_figures(confusion);
    relative + f1.iter().sum::<f64>() / 4.0
}

/// Prints the rule and how it does on held-out pairs at each disagree share
/// it was tuned for.
fn print_rule(rule: &judge::model::Rule, heldout: &[train::HeldOut], prior_range: f64) {
    println!(
        "rule: related ≥ {:.2}, claim names covered ≥ {}, weights agree {} disagree {} discuss 1, pairwise mix {} (tuned for disagree shares ×{:.2}…×{:.2} of training's)",
        rule.related_threshold,
        rule.name_cover_floor,
        rule.weights[0],
        rule.weights[1],
        rule.pair_mix,
        1.0 / prior_range.max(1.0),
        prior_range.max(1.0),
    );
    let mut counts = [[0.0; 4]; 4];
    for h in heldout {
        if let Some(cell) = counts
            .get_mut(label_of(h.gold).index())
            .and_then(|row| row.get_mut(label_of(h.predicted).index()))
        {
            *cell += 1.0;
        }
    }
    for shift in train::prior_shifts(prior_range.max(2.0)) {
        let (relative, f1) = weighted_figures(&train::shifted(&counts, shift));
        println!(
            "  disagree share ×{shift:.2}: FNC {:.2} % macro-F1 {:.3}; F1 agree {:.3} disagree {:.3} discuss {:.3} unrelated {:.3}",
            100.0 * relative,
            f1.iter().sum::<f64>() / 4.0,
            f1[0],
            f1[1],
            f1[2],
            f1[3],
        );
    }
}

/// `train stance --rule-from-oof`: the rule tuned on saved out-of-fold
/// probabilities, with its figures.
fn rule_from_oof(path: &Path, prior_range: f64) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let verdict = |s: &str| {
        [
            Verdict::Asserts,
            Verdict::Denies,
            Verdict::Discusses,
            Verdict::Unrelated,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    };
    let mut rows: Vec<train::HeldOut> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let number = |i: usize| cells.get(i).and_then(|c| c.parse::<f64>().ok());
        let parsed = (|| {
            Some(train::HeldOut {
                fold: cells.first()?.parse().ok()?,
                gold: verdict(cells.get(1)?)?,
                probabilities: judge::model::Probabilities {
                    related: number(2)?,
                    stance: [number(3)?, number(4)?, number(5)?],
                    disagree_share: number(6)?,
                    name_cover: number(7)?,
                },
                predicted: verdict(cells.get(8)?)?,
            })
        })();
        rows.push(parsed.with_context(|| format!("{}: bad line {}", path.display(), n + 1))?);
    }
    let probs: Vec<judge::model::Probabilities> = rows.iter().map(|h| h.probabilities).collect();
    let gold: Vec<Verdict> = rows.iter().map(|h| h.gold).collect();
    let (rule, _) = train::tune(&probs, &gold, &train::prior_shifts(prior_range), &objective);
    for h in &mut rows {
        h.predicted = judge::model::decide(&h.probabilities, &rule);
    }
    print_rule(&rule, &rows, prior_range);
    let folds = rows.iter().map(|h| h.fold + 1).max().unwrap_or(0);
    for k in 0..folds {
        let (g, p): (Vec<Label>, Vec<Label>) = rows
            .iter()
            .filter(|h| h.fold == k)
            .map(|h| (label_of(h.gold), label_of(h.predicted)))
            .unzip();
        let s = fnc1::score(&g, &p);
        let related = g.iter().filter(|l| l.is_related()).count();
        let disagree = g.iter().filter(|l| **l == Label::Disagree).count();
        println!(
            "fold {k}: disagree {disagree} of {related} related ({:.1} %); FNC {:.2} % macro-F1 {:.3}",
            100.0 * disagree as f64 / related.max(1) as f64,
            100.0 * s.relative(),
            s.macro_f1()
        );
    }
    Ok(())
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
        prior_range: args.prior_range,
        note: format!(
            "trained by `crosscheck train stance` on FNC-1 train_stances.csv + train_bodies.csv ({} pairs) only; budget {}, seed {}, 5 folds over topics of Body IDs (the decision rule tuned on the out-of-fold predictions of all 5, for disagree shares ×1/{}…×{} of training's)",
            pairs.len(),
            args.budget,
            args.seed,
            args.prior_range,
            args.prior_range
        ),
    };
    eprintln!(
        "training on {} pairs ({:.1}s to read and split)…",
        pairs.len(),
        started.elapsed().as_secs_f64()
    );
    let (model, tuning) = train::train(&v.headlines, &v.bodies, &pairs, &settings, &objective);
    println!(
        "rule tuned on the out-of-fold predictions of {} fold(s) of train by topic ({} pairs)",
        tuning.folds_run, tuning.n_heldout,
    );
    print_rule(&tuning.rule, &tuning.heldout, args.prior_range);
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
    if let Some(path) = &args.rule_from_oof {
        rule_from_oof(path, args.prior_range)?;
        return Ok(ExitCode::SUCCESS);
    }
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
