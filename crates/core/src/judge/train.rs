//! Training the judge: reproducible (fixed folds and seeds), from training
//! pairs only, with the decision rule tuned on articles held out of training.
//!
//! Articles are split into folds by their id, never pairs: the same article
//! paired with another claim must not sit on both sides of a split, or the
//! tuning figures would flatter the model.

use super::Verdict;
use super::features::{self, Idf, LearnedLexicon, NAMES};
use super::model::{self, Model, Probabilities, Rule, STANCES};
use super::text::TextView;
use perpetual::objective::Objective;
use perpetual::{Matrix, PerpetualBooster};
use std::collections::HashMap;

/// One labelled pair: indices into the claim and article views.
#[derive(Debug, Clone, Copy)]
pub struct TrainingPair {
    pub claim: usize,
    pub body: usize,
    /// The article's id: folds are drawn over it.
    pub group: u32,
    pub verdict: Verdict,
}

/// How to train. There is no default: the CLI states every value.
#[derive(Debug, Clone)]
pub struct Settings {
    /// perpetual's single complexity knob (higher: more, finer trees).
    pub budget: f32,
    /// Folds for the out-of-fold learned lexicon; fold 0 is the tuning split.
    pub folds: u32,
    pub seed: u64,
    /// Words in fewer related training articles than this stay out of the learned lexicon.
    pub min_count: u32,
    /// What to write in [`Model::note`].
    pub note: String,
    /// Stop after the tuning run and return its model (trained without fold
    /// 0): for trying features and settings in half the time; never for a
    /// model to ship.
    pub tune_only: bool,
}

/// What training measured on the held-out fold.
#[derive(Debug, Clone)]
pub struct Tuning {
    pub rule: Rule,
    /// The objective's value on the held-out fold at the chosen rule.
    pub objective: f64,
    /// Pairs trained on and held out in the tuning run.
    pub n_train: usize,
    pub n_heldout: usize,
    /// Gold and predicted verdicts on the held-out fold at the chosen rule.
    pub heldout: Vec<(Verdict, Verdict)>,
}

/// Trains the judge: first on all folds but fold 0 to tune the decision rule
/// on fold 0 (maximising `objective(gold, predicted)`), then on every pair
/// with that rule.
pub fn train(
    claims: &[TextView],
    bodies: &[TextView],
    pairs: &[TrainingPair],
    settings: &Settings,
    objective: &dyn Fn(&[Verdict], &[Verdict]) -> f64,
) -> (Model, Tuning) {
    let idf = Idf::fit(bodies.iter().chain(claims));
    let pairs = &topic_groups(pairs);
    let fold_of = |p: &TrainingPair| fold(p.group, settings);
    let (tune_train, heldout): (Vec<TrainingPair>, Vec<TrainingPair>) =
        pairs.iter().partition(|p| fold_of(p) != 0);
    let tuned = {
        let fitted = fit(claims, bodies, &tune_train, &idf, settings);
        let rows: Vec<Vec<f64>> = heldout
            .iter()
            .map(|p| row(claims, bodies, p, &idf, &fitted.learned))
            .collect();
        let probs = fitted.probabilities(&rows);
        let gold: Vec<Verdict> = heldout.iter().map(|p| p.verdict).collect();
        let (rule, best) = tune(&probs, &gold, objective);
        let predicted: Vec<Verdict> = probs.iter().map(|p| model::decide(p, &rule)).collect();
        (
            fitted,
            Tuning {
                rule,
                objective: best,
                n_train: tune_train.len(),
                n_heldout: heldout.len(),
                heldout: gold.into_iter().zip(predicted).collect(),
            },
        )
    };
    let (fitted, tuned) = tuned;
    let mut model = if settings.tune_only {
        fitted
    } else {
        fit(claims, bodies, pairs, &idf, settings)
    };
    model.related_threshold = tuned.rule.related_threshold;
    model.class_weights = tuned.rule.weights;
    model.name_cover_floor = tuned.rule.name_cover_floor;
    (model, tuned)
}

/// Regroups pairs by topic: articles joined through the claims they are related
/// to form one group (union-find over related pairs), so that a fold holds out
/// whole topics. Folds over single article ids would leave the same story,
/// under other headlines, on both sides of the split, and the held-out figures
/// and the out-of-fold lexicon would not show how the judge does on new stories.
fn topic_groups(pairs: &[TrainingPair]) -> Vec<TrainingPair> {
    let n_claims = pairs.iter().map(|p| p.claim + 1).max().unwrap_or(0);
    let n_bodies = pairs.iter().map(|p| p.body + 1).max().unwrap_or(0);
    let mut parent: Vec<usize> = (0..n_claims + n_bodies).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    for p in pairs.iter().filter(|p| p.verdict != Verdict::Unrelated) {
        let (a, b) = (
            root(&mut parent, p.claim),
            root(&mut parent, n_claims + p.body),
        );
        if let Some(slot) = parent.get_mut(a.max(b)) {
            *slot = a.min(b);
        }
    }
    // The group id is the smallest article id in the topic: stable across runs.
    let mut smallest: HashMap<usize, u32> = HashMap::new();
    for p in pairs {
        let r = root(&mut parent, n_claims + p.body);
        let e = smallest.entry(r).or_insert(p.group);
        *e = (*e).min(p.group);
    }
    pairs
        .iter()
        .map(|p| TrainingPair {
            group: smallest
                .get(&root(&mut parent, n_claims + p.body))
                .copied()
                .unwrap_or(p.group),
            ..*p
        })
        .collect()
}

/// The feature row of one pair.
fn row(
    claims: &[TextView],
    bodies: &[TextView],
    p: &TrainingPair,
    idf: &Idf,
    learned: &LearnedLexicon,
) -> Vec<f64> {
    match (claims.get(p.claim), bodies.get(p.body)) {
        (Some(c), Some(b)) => features::pair(c, b, idf, learned),
        _ => vec![f64::NAN; NAMES.len()],
    }
}

fn fold(group: u32, settings: &Settings) -> u32 {
    let h = xxhash_rust::xxh3::xxh3_64_with_seed(&group.to_le_bytes(), settings.seed);
    (h % u64::from(settings.folds.max(2))) as u32
}

fn lexicon(bodies: &[TextView], pairs: &[&TrainingPair], min_count: u32) -> LearnedLexicon {
    let examples = pairs.iter().filter_map(|p| {
        let class = STANCES.iter().position(|s| *s == p.verdict)?;
        Some((bodies.get(p.body)?, class))
    });
    LearnedLexicon::fit(examples, min_count)
}

/// Fits the ensembles on `pairs`. The learned-lexicon features of each
/// training pair come from a lexicon fitted without its fold; the model keeps
/// the lexicon fitted on all of them.
fn fit(
    claims: &[TextView],
    bodies: &[TextView],
    pairs: &[TrainingPair],
    idf: &Idf,
    settings: &Settings,
) -> Model {
    let mut rows: Vec<Vec<f64>> = vec![Vec::new(); pairs.len()];
    for k in 0..settings.folds.max(2) {
        let outside: Vec<&TrainingPair> = pairs
            .iter()
            .filter(|p| fold(p.group, settings) != k)
            .collect();
        let learned = lexicon(bodies, &outside, settings.min_count);
        for (i, p) in pairs.iter().enumerate() {
            if fold(p.group, settings) == k
                && let Some(r) = rows.get_mut(i)
            {
                *r = row(claims, bodies, p, idf, &learned);
            }
        }
    }
    let related_y: Vec<f64> = pairs
        .iter()
        .map(|p| f64::from(u8::from(p.verdict != Verdict::Unrelated)))
        .collect();
    let related = booster(&rows, &related_y, None, settings);
    let related_rows: Vec<Vec<f64>> = pairs
        .iter()
        .zip(&rows)
        .filter(|(p, _)| p.verdict != Verdict::Unrelated)
        .map(|(_, r)| r.clone())
        .collect();
    let related_pairs: Vec<&TrainingPair> = pairs
        .iter()
        .filter(|p| p.verdict != Verdict::Unrelated)
        .collect();
    let stance = STANCES
        .iter()
        .map(|class| {
            let y: Vec<f64> = related_pairs
                .iter()
                .map(|p| f64::from(u8::from(p.verdict == *class)))
                .collect();
            // Balanced: the rare class weighs as much as the rest together,
            // so that its trees are not grown for the majority alone.
            let positives = y.iter().sum::<f64>().max(1.0);
            let negatives = (y.len() as f64 - positives).max(1.0);
            let weights: Vec<f64> = y
                .iter()
                .map(|&v| {
                    if v > 0.5 {
                        0.5 * y.len() as f64 / positives
                    } else {
                        0.5 * y.len() as f64 / negatives
                    }
                })
                .collect();
            booster(&related_rows, &y, Some(&weights), settings)
        })
        .collect();
    let all: Vec<&TrainingPair> = pairs.iter().collect();
    Model {
        note: settings.note.clone(),
        features: NAMES.iter().map(|n| n.to_string()).collect(),
        idf: idf.clone(),
        learned: lexicon(bodies, &all, settings.min_count),
        related,
        stance,
        related_threshold: 0.5,
        class_weights: [1.0; 3],
        name_cover_floor: 0.0,
    }
}

fn booster(
    rows: &[Vec<f64>],
    y: &[f64],
    weights: Option<&[f64]>,
    settings: &Settings,
) -> PerpetualBooster {
    let data = model::column_major(rows);
    let matrix = Matrix::new(&data, rows.len(), NAMES.len());
    let mut b = PerpetualBooster::default()
        .set_objective(Objective::LogLoss)
        .set_budget(settings.budget)
        .set_seed(settings.seed)
        .set_num_threads(Some(2));
    // A failed fit leaves an empty ensemble, which predicts the base rate:
    // the tuning figures then show it, so there is nothing more to report here.
    let _ = b.fit(&matrix, y, weights, None);
    b
}

/// How much of the objective a stricter coverage floor may give up on the
/// held-out split and still be preferred: differences this small are noise
/// on a split of a few hundred related articles.
const FLOOR_TOLERANCE: f64 = 0.002;

/// Grid search of the decision rule on held-out probabilities: the best
/// threshold and weights for each coverage floor, then the strictest floor
/// within [`FLOOR_TOLERANCE`] of the best. (On FNC-1 every floor above 0
/// costs the split more than a point, so training picks 0.)
fn tune(
    probs: &[Probabilities],
    gold: &[Verdict],
    objective: &dyn Fn(&[Verdict], &[Verdict]) -> f64,
) -> (Rule, f64) {
    const WEIGHTS: [f64; 13] = [
        0.5, 0.7, 0.85, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.5, 8.0,
    ];
    const FLOORS: [f64; 5] = [0.0, 0.34, 0.5, 0.6, 1.0];
    let mut per_floor = Vec::new();
    let mut predicted = vec![Verdict::Unrelated; probs.len()];
    for floor in FLOORS {
        let mut best = (
            Rule {
                related_threshold: 0.5,
                weights: [1.0; 3],
                name_cover_floor: floor,
            },
            f64::MIN,
        );
        for t in (6..=14).map(|i| f64::from(i) * 0.05) {
            for wa in WEIGHTS {
                for wd in WEIGHTS {
                    let rule = Rule {
                        related_threshold: t,
                        weights: [wa, wd, 1.0],
                        name_cover_floor: floor,
                    };
                    for (out, p) in predicted.iter_mut().zip(probs) {
                        *out = model::decide(p, &rule);
                    }
                    let value = objective(gold, &predicted);
                    if value > best.1 {
                        best = (rule, value);
                    }
                }
            }
        }
        per_floor.push(best);
    }
    let top = per_floor.iter().map(|b| b.1).fold(f64::MIN, f64::max);
    per_floor
        .into_iter()
        .rev()
        .find(|b| b.1 >= top - FLOOR_TOLERANCE)
        .unwrap_or((
            Rule {
                related_threshold: 0.5,
                weights: [1.0; 3],
                name_cover_floor: 0.0,
            },
            top,
        ))
}
