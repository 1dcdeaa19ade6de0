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
    /// Folds over topics: each is held out in turn to tune the decision rule
    /// on out-of-fold predictions, and they keep the learned lexicon out of fold.
    pub folds: u32,
    pub seed: u64,
    /// Words in fewer related training articles than this stay out of the learned lexicon.
    pub min_count: u32,
    /// What to write in [`Model::note`].
    pub note: String,
    /// Hold out fold 0 only, tune on it and return its model (trained
    /// without fold 0): for trying features and settings in a fraction of the
    /// time; never for a model to ship.
    pub tune_only: bool,
}

/// What training measured on the held-out folds.
#[derive(Debug, Clone)]
pub struct Tuning {
    pub rule: Rule,
    /// The objective's value on the held-out pairs at the chosen rule.
    pub objective: f64,
    /// Folds held out in turn (all of them; fold 0 only with `tune_only`).
    pub folds_run: u32,
    /// Pairs held out in all.
    pub n_heldout: usize,
    /// Per held-out pair: its fold, gold verdict, out-of-fold probabilities,
    /// and the verdict of the chosen rule.
    pub heldout: Vec<HeldOut>,
}

/// One pair's out-of-fold judgement.
#[derive(Debug, Clone, Copy)]
pub struct HeldOut {
    pub fold: u32,
    pub gold: Verdict,
    pub probabilities: Probabilities,
    pub predicted: Verdict,
}

/// Trains the judge: each fold in turn is held out of training and judged by
/// a model fitted on the others (out-of-fold probabilities for every training
/// pair); the decision rule is tuned on all of them together (maximising
/// `objective(gold, predicted)`); then the judge is fitted on every pair and
/// given that rule. With `tune_only`, fold 0 alone is held out and its model
/// returned.
pub fn train(
    claims: &[TextView],
    bodies: &[TextView],
    pairs: &[TrainingPair],
    settings: &Settings,
    objective: &dyn Fn(&[Verdict], &[Verdict]) -> f64,
) -> (Model, Tuning) {
    let idf = Idf::fit(bodies.iter().chain(claims));
    let pairs = &topic_groups(pairs);
    let n_folds = settings.folds.max(2);
    let folds_run = if settings.tune_only { 1 } else { n_folds };
    let mut heldout: Vec<(u32, Verdict, Probabilities)> = Vec::with_capacity(pairs.len());
    let mut last = None;
    for k in 0..folds_run {
        let (inside, outside): (Vec<TrainingPair>, Vec<TrainingPair>) =
            pairs.iter().partition(|p| fold(p.group, settings) != k);
        let fitted = fit(claims, bodies, &inside, &idf, settings);
        let rows: Vec<Vec<f64>> = outside
            .iter()
            .map(|p| row(claims, bodies, p, &idf, &fitted.learned))
            .collect();
        let probs = fitted.probabilities(&rows);
        heldout.extend(
            outside
                .iter()
                .zip(probs)
                .map(|(p, probs)| (k, p.verdict, probs)),
        );
        last = Some(fitted);
    }
    let probs: Vec<Probabilities> = heldout.iter().map(|h| h.2).collect();
    let gold: Vec<Verdict> = heldout.iter().map(|h| h.1).collect();
    let (rule, best) = tune(&probs, &gold, objective);
    let tuning = Tuning {
        rule,
        objective: best,
        folds_run,
        n_heldout: heldout.len(),
        heldout: heldout
            .iter()
            .map(|&(fold, gold, probabilities)| HeldOut {
                fold,
                gold,
                probabilities,
                predicted: model::decide(&probabilities, &rule),
            })
            .collect(),
    };
    let mut model = match last {
        Some(fitted) if settings.tune_only => fitted,
        _ => fit(claims, bodies, pairs, &idf, settings),
    };
    model.related_threshold = rule.related_threshold;
    model.class_weights = rule.weights;
    model.name_cover_floor = rule.name_cover_floor;
    model.pair_mix = rule.pair_mix;
    (model, tuning)
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

fn lexicon(
    claims: &[TextView],
    bodies: &[TextView],
    pairs: &[&TrainingPair],
    idf: &Idf,
    settings: &Settings,
) -> LearnedLexicon {
    let examples = pairs.iter().filter_map(|p| {
        let class = STANCES.iter().position(|s| *s == p.verdict)?;
        Some((bodies.get(p.body)?, claims.get(p.claim)?, class))
    });
    LearnedLexicon::fit_pairs(examples, idf, settings.min_count, settings.seed)
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
        let learned = lexicon(claims, bodies, &outside, idf, settings);
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
            let weights = balanced(&y);
            booster(&related_rows, &y, Some(&weights), settings)
        })
        .collect();
    // Agree against disagree, on those pairs only, balanced like the above.
    let (pair_rows, pair_y): (Vec<Vec<f64>>, Vec<f64>) = related_pairs
        .iter()
        .zip(&related_rows)
        .filter(|(p, _)| matches!(p.verdict, Verdict::Asserts | Verdict::Denies))
        .map(|(p, r)| (r.clone(), f64::from(u8::from(p.verdict == Verdict::Denies))))
        .unzip();
    let pair = (!pair_y.is_empty()).then(|| {
        let weights = balanced(&pair_y);
        booster(&pair_rows, &pair_y, Some(&weights), settings)
    });
    let all: Vec<&TrainingPair> = pairs.iter().collect();
    Model {
        note: settings.note.clone(),
        features: NAMES.iter().map(|n| n.to_string()).collect(),
        idf: idf.clone(),
        learned: lexicon(claims, bodies, &all, idf, settings),
        related,
        stance,
        related_threshold: 0.5,
        class_weights: [1.0; 3],
        name_cover_floor: 0.0,
        pair,
        pair_mix: 0.0,
    }
}

/// Balanced sample weights for 0/1 targets: the rare class weighs as much as
/// the rest together, so that its trees are not grown for the majority alone.
fn balanced(y: &[f64]) -> Vec<f64> {
    let positives = y.iter().sum::<f64>().max(1.0);
    let negatives = (y.len() as f64 - positives).max(1.0);
    y.iter()
        .map(|&v| {
            if v > 0.5 {
                0.5 * y.len() as f64 / positives
            } else {
                0.5 * y.len() as f64 / negatives
            }
        })
        .collect()
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
/// held-out pairs and still be preferred: differences this small are noise.
const FLOOR_TOLERANCE: f64 = 0.002;

/// Grid search of the decision rule on held-out probabilities: the best
/// threshold, class weights and pairwise mix without a coverage floor; then,
/// with those weights and mix, the best threshold for each stricter floor;
/// the strictest floor within [`FLOOR_TOLERANCE`] of the best wins. (On
/// FNC-1 every floor above 0 costs more than a point, so training picks 0.)
fn tune(
    probs: &[Probabilities],
    gold: &[Verdict],
    objective: &dyn Fn(&[Verdict], &[Verdict]) -> f64,
) -> (Rule, f64) {
    const WEIGHTS: [f64; 17] = [
        0.5, 0.7, 0.85, 1.0, 1.2, 1.35, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.5, 8.0, 10.0,
    ];
    const FLOORS: [f64; 4] = [0.34, 0.5, 0.6, 1.0];
    const MIXES: [f64; 4] = [0.0, 0.33, 0.67, 1.0];
    let mut predicted = vec![Verdict::Unrelated; probs.len()];
    let mut score = |rule: &Rule| {
        for (out, p) in predicted.iter_mut().zip(probs) {
            *out = model::decide(p, rule);
        }
        objective(gold, &predicted)
    };
    let mut best = (
        Rule {
            related_threshold: 0.5,
            weights: [1.0; 3],
            name_cover_floor: 0.0,
            pair_mix: 0.0,
        },
        f64::MIN,
    );
    let has_pair = probs.iter().any(|p| !p.disagree_share.is_nan());
    for mix in MIXES.into_iter().filter(|m| has_pair || *m == 0.0) {
        for t in (6..=16).map(|i| f64::from(i) * 0.05) {
            for wa in WEIGHTS {
                for wd in WEIGHTS {
                    let rule = Rule {
                        related_threshold: t,
                        weights: [wa, wd, 1.0],
                        name_cover_floor: 0.0,
                        pair_mix: mix,
                    };
                    let value = score(&rule);
                    if value > best.1 {
                        best = (rule, value);
                    }
                }
            }
        }
    }
    let mut chosen = best;
    for floor in FLOORS {
        for t in (6..=16).map(|i| f64::from(i) * 0.05) {
            let rule = Rule {
                related_threshold: t,
                name_cover_floor: floor,
                ..best.0
            };
            let value = score(&rule);
            if value >= best.1 - FLOOR_TOLERANCE
                && (floor > chosen.0.name_cover_floor
                    || (floor == chosen.0.name_cover_floor && value > chosen.1))
            {
                chosen = (rule, value);
            }
        }
    }
    chosen
}
