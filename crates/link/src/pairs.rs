//! Whether two claims make the same proposition: a pairwise model learned
//! from the gold stories (`crosscheck train grouping`, crate
//! `crosscheck-learn`), applied by the [`Grouper`](super::groups::Grouper).
//!
//! The model is a logistic regression over a few signals the pipeline
//! already has (how much of the two claims' weighted content keys they
//! share, by kind of key; conflicts of theme, event and subject; negation;
//! the same document) and, when the linker has an embedder, the cosine of
//! the two clauses' sentence embeddings. Its output is a probability; the
//! claims of a story are grouped by average linkage over it
//! ([`crate::linkage`]), and the grouping threshold ([`PairModel::threshold`])
//! is fitted with it, on stories other than the one scored.

use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// The signals of a pair, in the order of [`PairModel::weights`].
pub const FEATURES: &[&str] = &[
    "key_cosine",
    "entity_cosine",
    "concept_cosine",
    "word_cosine",
    "theme_conflict",
    "event_conflict",
    "subject_conflict",
    "same_subject",
    "negation_differs",
    "same_document",
    "embedding_cosine",
    "embedding_centered",
    "same_origin",
    "rarest_shared",
    "keys_by_centered",
];

/// Number of signals.
pub const N_FEATURES: usize = FEATURES.len();

/// A pair's signals.
pub type Features = [f64; N_FEATURES];

/// A learned pairwise model and the grouping thresholds fitted with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairModel {
    /// Per signal of [`FEATURES`], by name (a model file stays readable and
    /// a signal added later reads as weight 0 from an older file).
    pub weights: Vec<(String, f64)>,
    pub bias: f64,
    /// Whether it was fitted with embedding signals (a linker without an
    /// embedder uses a model fitted without them).
    pub embeddings: bool,
    /// Average probability over their pairs of claims two groups need to
    /// merge.
    pub threshold: f64,
}

impl PairModel {
    /// The weights in [`FEATURES`] order.
    pub fn dense(&self) -> Features {
        crosscheck_core::weights::dense(FEATURES, &self.weights)
    }

    /// A model from weights in [`FEATURES`] order.
    pub fn from_dense(w: &Features, bias: f64, embeddings: bool) -> Self {
        PairModel {
            weights: crosscheck_core::weights::by_name(FEATURES, w),
            bias,
            embeddings,
            threshold: 0.5,
        }
    }
}

/// The pair of models a linker chooses from: with embeddings when it has an
/// embedder, else keys only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairModels {
    /// What the models were fitted on (the training command's summary).
    pub fitted_on: String,
    pub with_embeddings: PairModel,
    pub keys_only: PairModel,
}

/// The committed models (`data/grouping.json`, see `data/grouping.md`).
pub static COMMITTED: LazyLock<Arc<PairModels>> = LazyLock::new(|| {
    Arc::new(
        serde_json::from_str(include_str!("../data/grouping.json"))
            .expect("data/grouping.json is written by `crosscheck train grouping`"),
    )
});

/// A model ready to score pairs: weights in [`FEATURES`] order.
#[derive(Debug, Clone)]
pub struct Scorer {
    weights: Features,
    bias: f64,
    pub threshold: f64,
    pub embeddings: bool,
}

impl Scorer {
    pub fn new(model: &PairModel) -> Self {
        Scorer {
            weights: model.dense(),
            bias: model.bias,
            threshold: model.threshold,
            embeddings: model.embeddings,
        }
    }

    /// The probability that the pair is one proposition.
    pub fn probability(&self, f: &Features) -> f64 {
        crosscheck_core::weights::logistic(&self.weights, self.bias, f)
    }
}

/// Pairs the model is never asked about: two claims about different themes
/// (what is moved, counted or hit: troops and weapons, deaths and injuries)
/// are two propositions whatever else they share. The gold stories hold
/// too few such pairs for a weight to learn it, and it is true by what a
/// theme is.
pub fn vetoed(f: &Features) -> bool {
    f[4] > 0.0
}

/// Embeddings kept per claim: unit vectors quantised to `i8` (a quarter of
/// the memory of `f32`; the cosine moves by less than 0.01).
pub fn quantise(v: &[f32]) -> Box<[i8]> {
    v.iter()
        .map(|x| (x.clamp(-1.0, 1.0) * 127.0).round() as i8)
        .collect()
}

/// Cosine of two quantised unit vectors.
pub fn cosine_i8(a: &[i8], b: &[i8]) -> f64 {
    let (mut dot, mut na, mut nb) = (0i64, 0i64, 0i64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (i64::from(x), i64::from(y));
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0 || nb == 0 {
        return 0.0;
    }
    dot as f64 / ((na as f64).sqrt() * (nb as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_models_name_every_signal() {
        for m in [&COMMITTED.with_embeddings, &COMMITTED.keys_only] {
            for (name, _) in &m.weights {
                assert!(FEATURES.contains(&name.as_str()), "unknown signal {name}");
            }
            assert!(m.threshold > 0.0 && m.threshold < 1.0);
        }
        assert!(COMMITTED.with_embeddings.embeddings && !COMMITTED.keys_only.embeddings);
    }

    #[test]
    fn quantised_cosine_is_close_to_the_true_one() {
        let a = [0.6f32, 0.8, 0.0];
        let b = [0.0f32, 0.6, 0.8];
        let c = cosine_i8(&quantise(&a), &quantise(&b));
        assert!((c - 0.48).abs() < 0.01, "{c}");
        assert_eq!(cosine_i8(&quantise(&[0.0; 3]), &quantise(&a)), 0.0);
    }

    #[test]
    fn weights_read_by_name_and_a_missing_one_is_zero() {
        let m = PairModel {
            weights: vec![("word_cosine".into(), 2.0), ("gone".into(), 9.0)],
            bias: -1.0,
            embeddings: false,
            threshold: 0.5,
        };
        let d = m.dense();
        assert_eq!(d[3], 2.0);
        assert_eq!(d.iter().sum::<f64>(), 2.0);
        let s = Scorer::new(&m);
        let mut f = [0.0; N_FEATURES];
        assert!((s.probability(&f) - 1.0 / (1.0 + 1f64.exp())).abs() < 1e-12);
        f[3] = 0.5;
        assert!((s.probability(&f) - 0.5).abs() < 1e-12);
    }
}
