//! How check-worthy a sentence is: the probability that it states a
//! proposition an analyst would list and check (issue 17, item 4), from
//! what the analysis already found in it — figures, names, dates, who it
//! credits, hedges, negation, opinion, the first person, questions, its
//! length and shape. A logistic model learned from the gold stories (their
//! evidence sentences are what an analyst listed; `crosscheck train
//! checkworthy`, crate `crosscheck-learn`), measured leave-one-story-out and
//! on CLEF-2019 CheckThat! (`crosscheck eval clef2019`). The dossier ranks
//! claims by it among claims of equal support.
//!
//! The signals are deliberately about form, not topic: no words or
//! embeddings, so that a model fitted on four stories carries to a fifth.

use crate::model::{Analysis, Modality};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The signals of a sentence, in the order of [`CheckModel::weights`].
pub const FEATURES: &[&str] = &[
    "has_figure",
    "entities",
    "has_date",
    "attributed",
    "quoted",
    "has_claim",
    "first_person",
    "question",
    "hedged",
    "conditional",
    "negated",
    "opinion",
    "log_length",
    "short",
    "no_end_punctuation",
    "comparison",
    "past_tense",
];

/// Number of signals.
pub const N_FEATURES: usize = FEATURES.len();

/// A sentence's signals.
pub type Features = [f64; N_FEATURES];

/// A fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckModel {
    /// What it was fitted on (the training command's summary).
    pub fitted_on: String,
    /// Per signal of [`FEATURES`], by name.
    pub weights: Vec<(String, f64)>,
    pub bias: f64,
}

impl CheckModel {
    /// A model from weights in [`FEATURES`] order.
    pub fn from_dense(w: &Features, bias: f64, fitted_on: String) -> Self {
        CheckModel {
            fitted_on,
            weights: crate::weights::by_name(FEATURES, w),
            bias,
        }
    }

    /// The probability that a sentence with signals `f` is check-worthy.
    pub fn probability(&self, f: &Features) -> f64 {
        self.probabilities(std::slice::from_ref(f))[0]
    }

    /// The probabilities of many sentences' signals (the weights read once).
    pub fn probabilities(&self, xs: &[Features]) -> Vec<f64> {
        let w: Features = crate::weights::dense(FEATURES, &self.weights);
        xs.iter()
            .map(|f| crate::weights::logistic(&w, self.bias, f))
            .collect()
    }

    /// The probability of every sentence of an analysis (boilerplate: 0).
    pub fn sentences(&self, a: &Analysis) -> Vec<f64> {
        self.probabilities(&features(a))
            .into_iter()
            .zip(&a.sentences)
            .map(|(p, s)| if s.boilerplate { 0.0 } else { p })
            .collect()
    }
}

/// The committed model (`data/checkworthy.json`, card `data/checkworthy.md`).
pub static COMMITTED: LazyLock<CheckModel> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/checkworthy.json"))
        .expect("data/checkworthy.json is written by `crosscheck train checkworthy`")
});

/// The signals of every sentence of an analysis, in one pass over what it
/// found.
pub fn features(a: &Analysis) -> Vec<Features> {
    let n = a.sentences.len();
    let mut figures = vec![0u32; n];
    let mut entities = vec![0u32; n];
    let mut dates = vec![0u32; n];
    let mut quoted = vec![false; n];
    let mut claims = vec![false; n];
    for q in &a.quantities {
        if let Some(x) = figures.get_mut(q.sentence) {
            *x += 1;
        }
    }
    for m in &a.mentions {
        if let Some(x) = entities.get_mut(m.sentence) {
            *x += 1;
        }
    }
    for d in &a.dates {
        if let Some(x) = dates.get_mut(d.sentence) {
            *x += 1;
        }
    }
    for q in &a.quotes {
        if let Some(x) = quoted.get_mut(q.sentence) {
            *x = true;
        }
    }
    for c in &a.claims {
        if let Some(x) = claims.get_mut(c.sentence) {
            *x = true;
        }
    }
    let flag = |b: bool| f64::from(u8::from(b));
    a.sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = s.text.trim();
            let words = text.split_whitespace().count().max(1) as f64;
            [
                flag(figures[i] > 0),
                f64::from(entities[i].min(4)) / 4.0,
                flag(dates[i] > 0),
                flag(s.attribution.is_some()),
                flag(quoted[i]),
                flag(claims[i]),
                flag(s.first_person),
                flag(s.modality == Modality::Question || text.ends_with('?')),
                flag(s.modality == Modality::Hedged),
                flag(s.modality == Modality::Conditional),
                flag(s.negated),
                flag(!s.opinion.is_empty()),
                (words.ln() / 50f64.ln()).min(1.5),
                flag(words < 6.0),
                flag(!text.ends_with(['.', '!', '?', '"', '”', '’', '\''])),
                flag(text.split_whitespace().any(is_comparison)),
                past_tense_share(text),
            ]
        })
        .collect()
}

/// Words that compare or rank: the stuff of checkable claims ("more than
/// ever", "the highest", "a record", "doubled").
fn is_comparison(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        w.as_str(),
        "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "higher"
            | "lower"
            | "highest"
            | "lowest"
            | "largest"
            | "biggest"
            | "smallest"
            | "record"
            | "doubled"
            | "tripled"
            | "halved"
            | "increase"
            | "increased"
            | "decrease"
            | "decreased"
            | "rose"
            | "fell"
            | "percent"
            | "million"
            | "billion"
            | "trillion"
            | "times"
    )
}

/// The share of words in the past tense (ending in "-ed", or a common
/// irregular past), capped at 0.3 of the sentence: what happened, rather
/// than what should.
fn past_tense_share(text: &str) -> f64 {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let past = words
        .iter()
        .filter(|w| {
            (w.len() > 4 && w.ends_with("ed"))
                || matches!(
                    w.as_str(),
                    "was"
                        | "were"
                        | "had"
                        | "did"
                        | "said"
                        | "went"
                        | "got"
                        | "made"
                        | "took"
                        | "came"
                        | "gave"
                        | "told"
                        | "found"
                        | "left"
                        | "lost"
                        | "won"
                        | "paid"
                )
        })
        .count();
    (past as f64 / words.len().max(1) as f64).min(0.3) / 0.3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::analyze::analyze_document;

    #[test]
    fn the_committed_model_reads_and_ranks_a_figure_above_a_greeting() {
        assert_eq!(COMMITTED.weights.len(), N_FEATURES);
        let doc = Document::new(
            "t.txt",
            "Good evening and welcome, everyone.\n\nThe ministry said 412 people were evacuated from Larnaca on Tuesday.",
        );
        let a = analyze_document(&doc);
        let p = COMMITTED.sentences(&a);
        assert_eq!(p.len(), 2);
        assert!(p[1] > p[0], "{p:?}");
    }
}
