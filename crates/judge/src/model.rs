//! The learned part of the judge: two gradient-boosted tree ensembles
//! (perpetual) over [`features::pair`](super::features::pair), the word
//! weights they were fitted with, and the decision rule tuned on held-out
//! training articles.

use super::Verdict;
use super::features::{Idf, LearnedLexicon, NAMES};
use perpetual::{Matrix, PerpetualBooster};
use serde::{Deserialize, Serialize};

/// The stance classes of a related pair, in the order of [`Model::stance`].
pub const STANCES: [Verdict; 3] = [Verdict::Asserts, Verdict::Denies, Verdict::Discusses];

/// A trained judge.
#[derive(Serialize, Deserialize)]
pub struct Model {
    /// Where the weights came from (data, command, settings).
    pub note: String,
    /// The feature names the ensembles were trained on: a model built for
    /// another feature set is refused at load time.
    pub features: Vec<String>,
    pub idf: Idf,
    pub learned: LearnedLexicon,
    /// P(related) from all features.
    pub related: PerpetualBooster,
    /// One-vs-rest P(class | related) for [`STANCES`].
    pub stance: Vec<PerpetualBooster>,
    /// A pair is related when P(related) reaches this.
    pub related_threshold: f64,
    /// Multipliers of the stance probabilities before the arg-max: the rare
    /// classes need a push that tuning on held-out folds decides.
    pub class_weights: [f64; 3],
    /// The coverage floor: a pair whose claim names (capitalised words,
    /// numbers) a short article covers less than this share of is unrelated,
    /// whatever the trees say. The trees learnt relatedness from long news
    /// articles and can be fooled by a short text that shares two words; a
    /// claim about North Korea and Russia is not about an article that never
    /// names Russia. Tuned on the held-out split with the rest of the rule.
    #[serde(default)]
    pub name_cover_floor: f64,
    /// P(disagree | agree or disagree): an ensemble trained on the agreeing
    /// and disagreeing pairs only. The one-vs-rest disagree ensemble learns
    /// disagreement against mostly discussing articles; this one learns what
    /// sets a debunking article apart from a confirming one, where the two
    /// share the story's words and most of its cues.
    #[serde(default)]
    pub pair: Option<PerpetualBooster>,
    /// How much of the pairwise split (`pair`) replaces the one-vs-rest
    /// split between agree and disagree (0: none; tuned with the rule).
    #[serde(default)]
    pub pair_mix: f64,
}

/// Probabilities of one pair: P(related) and P(class | related) for [`STANCES`]
/// (normalised to sum to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probabilities {
    pub related: f64,
    pub stance: [f64; 3],
    /// The share of the claim's names a short article contains (the
    /// `cover_names` feature; NaN when the claim has no names or the article
    /// is not short: see [`SHORT_ARTICLE_TOKENS`]).
    pub name_cover: f64,
    /// P(disagree | agree or disagree) from the pairwise ensemble (NaN
    /// without one).
    pub disagree_share: f64,
}

/// Where `cover_names` and `body_len` sit in a feature row.
static NAME_COVER: std::sync::LazyLock<Option<usize>> =
    std::sync::LazyLock::new(|| NAMES.iter().position(|n| *n == "cover_names"));
static BODY_LEN: std::sync::LazyLock<Option<usize>> =
    std::sync::LazyLock::new(|| NAMES.iter().position(|n| *n == "body_len"));

/// Articles shorter than this many tokens are held to the coverage floor.
/// The trees learnt relatedness from news articles of hundreds of words, where
/// sharing the claim's rare words means sharing its story; a text of a few
/// sentences that shares two of them lies outside what they saw. On longer
/// articles the floor is left to the trees. Even so, FNC-1 holds short bodies
/// related to headlines that name no one the body names: a fixed floor of 0.6
/// cost the held-out split 1.3 FNC points (1.6 with a 100-token limit).
pub const SHORT_ARTICLE_TOKENS: f64 = 40.0;

/// The coverage of the claim's names that the floor judges: NaN (never cut)
/// for long articles and for claims without names.
fn floor_cover(row: &[f64]) -> f64 {
    let cover = NAME_COVER.and_then(|c| row.get(c).copied());
    let len = BODY_LEN.and_then(|c| row.get(c).copied());
    match (cover, len) {
        // body_len is ln(tokens + 1).
        (Some(cover), Some(len)) if len < (SHORT_ARTICLE_TOKENS + 1.0).ln() => cover,
        _ => f64::NAN,
    }
}

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("judge model is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "judge model was trained on other features ({0} names, this build has {1}): retrain it"
    )]
    Features(usize, usize),
    #[error("judge model has {0} stance ensembles, expected 3")]
    Stances(usize),
}

impl Model {
    /// Reads a model written by [`Model::to_json`].
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let model: Model = serde_json::from_str(text)?;
        if model.features.len() != NAMES.len()
            || model.features.iter().zip(NAMES).any(|(a, b)| a != b)
        {
            return Err(ModelError::Features(model.features.len(), NAMES.len()));
        }
        if model.stance.len() != 3 {
            return Err(ModelError::Stances(model.stance.len()));
        }
        Ok(model)
    }

    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Probabilities for feature rows (each of [`NAMES`] length).
    pub fn probabilities(&self, rows: &[Vec<f64>]) -> Vec<Probabilities> {
        let data = column_major(rows);
        let matrix = Matrix::new(&data, rows.len(), NAMES.len());
        let related = self.related.predict_proba(&matrix, false, false);
        let per_class: Vec<Vec<f64>> = self
            .stance
            .iter()
            .map(|b| b.predict_proba(&matrix, false, false))
            .collect();
        let share = self
            .pair
            .as_ref()
            .map(|b| b.predict_proba(&matrix, false, false));
        (0..rows.len())
            .map(|i| {
                let mut stance = [0.0; 3];
                for (s, class) in stance.iter_mut().zip(&per_class) {
                    *s = class.get(i).copied().unwrap_or(0.0);
                }
                let sum: f64 = stance.iter().sum();
                if sum > 0.0 {
                    stance = stance.map(|p| p / sum);
                }
                Probabilities {
                    related: related.get(i).copied().unwrap_or(0.0),
                    stance,
                    name_cover: rows.get(i).map_or(f64::NAN, |r| floor_cover(r)),
                    disagree_share: share
                        .as_ref()
                        .and_then(|s| s.get(i).copied())
                        .unwrap_or(f64::NAN),
                }
            })
            .collect()
    }

    /// The verdict the decision rule gives for these probabilities.
    pub fn decide(&self, p: &Probabilities) -> Verdict {
        decide(
            p,
            &Rule {
                related_threshold: self.related_threshold,
                weights: self.class_weights,
                name_cover_floor: self.name_cover_floor,
                pair_mix: self.pair_mix,
            },
        )
    }
}

/// The decision rule's settings (see [`Model`]'s fields of the same names).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub related_threshold: f64,
    pub weights: [f64; 3],
    pub name_cover_floor: f64,
    pub pair_mix: f64,
}

/// The stance probabilities the rule weighs: the one-vs-rest ones, with the
/// split of their agree + disagree mass moved `pair_mix` of the way to the
/// pairwise ensemble's split.
pub fn blended(p: &Probabilities, pair_mix: f64) -> [f64; 3] {
    let [a, d, s] = p.stance;
    if pair_mix <= 0.0 || p.disagree_share.is_nan() {
        return p.stance;
    }
    let mass = a + d;
    let q = p.disagree_share;
    [
        (1.0 - pair_mix) * a + pair_mix * mass * (1.0 - q),
        (1.0 - pair_mix) * d + pair_mix * mass * q,
        s,
    ]
}

/// The decision rule: unrelated below the threshold or the coverage floor,
/// else the arg-max of the weighted stance probabilities.
pub fn decide(p: &Probabilities, rule: &Rule) -> Verdict {
    // NaN (a claim without names) is never below the floor.
    if p.related < rule.related_threshold || p.name_cover < rule.name_cover_floor {
        return Verdict::Unrelated;
    }
    let weights = rule.weights;
    let mut best = (Verdict::Discusses, f64::MIN);
    for ((class, prob), w) in STANCES.iter().zip(blended(p, rule.pair_mix)).zip(weights) {
        if prob * w > best.1 {
            best = (*class, prob * w);
        }
    }
    best.0
}

/// Rows to the column-major layout perpetual's `Matrix` reads.
pub fn column_major(rows: &[Vec<f64>]) -> Vec<f64> {
    let mut data = Vec::with_capacity(rows.len() * NAMES.len());
    for col in 0..NAMES.len() {
        data.extend(rows.iter().map(|r| r.get(col).copied().unwrap_or(f64::NAN)));
    }
    data
}
