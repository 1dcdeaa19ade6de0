//! The features of a claim–article pair: how much of the claim the article
//! covers (relatedness) and how the sentences that cover it speak of it (stance).
//!
//! Every feature is a plain number so that a tree ensemble can combine them;
//! [`NAMES`] labels them for importance reports. Features that cannot be
//! computed (no names in the claim, no learned lexicon) are NaN, which the
//! trees treat as missing.

use super::text::{CUE_KINDS, TextView};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Document frequencies of stems: the weight of a shared word.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Idf {
    pub n_docs: u32,
    pub df: HashMap<String, u32>,
}

impl Idf {
    /// Counts each text's distinct stems once.
    pub fn fit<'a>(texts: impl Iterator<Item = &'a TextView>) -> Idf {
        let mut idf = Idf::default();
        for t in texts {
            idf.n_docs += 1;
            for stem in t.counts.keys() {
                *idf.df.entry(stem.clone()).or_default() += 1;
            }
        }
        // Words seen once carry no weight a later text could share reliably,
        // and would only bloat the committed model.
        idf.df.retain(|_, n| *n > 1);
        idf
    }

    pub fn weight(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(1);
        (f64::from(self.n_docs + 1) / f64::from(df + 1)).ln() + 1.0
    }
}

/// A lexicon learned from training pairs: for each stance class (agree,
/// disagree, discuss), the log-odds that an article of that class among related
/// pairs contains a word. It catches the vocabulary of debunking and of
/// reporting that the hand lexicon misses; it is fitted out of fold in training
/// so that the trees never see a pair's own label through it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LearnedLexicon {
    pub log_odds: HashMap<String, [f32; 3]>,
    /// A logistic regression over the words of the pair (see [`Linear`]).
    #[serde(default)]
    pub linear: Linear,
}

impl LearnedLexicon {
    /// Fits from `(text, class)` examples, class in 0..3. Words in fewer than
    /// `min_count` examples are left out.
    pub fn fit<'a>(
        examples: impl Iterator<Item = (&'a TextView, usize)>,
        min_count: u32,
    ) -> LearnedLexicon {
        LearnedLexicon {
            log_odds: log_odds(examples, min_count),
            ..LearnedLexicon::default()
        }
    }

    /// Fits from `(article, claim, class)` examples: the article lexicon and
    /// the logistic regression.
    pub fn fit_pairs<'a>(
        examples: impl Iterator<Item = (&'a TextView, &'a TextView, usize)> + Clone,
        idf: &Idf,
        min_count: u32,
        seed: u64,
    ) -> LearnedLexicon {
        let linear_examples: Vec<(Vec<(String, f32)>, usize)> = examples
            .clone()
            .map(|(b, h, c)| {
                let ranked = ranked_sentences(h, b, idf);
                let top: Vec<usize> = ranked.iter().take(TOP_SENTENCES).map(|r| r.0).collect();
                (Linear::inputs(h, b, &top), c)
            })
            .collect();
        LearnedLexicon {
            log_odds: log_odds(examples.map(|(b, _, c)| (b, c)), min_count),
            linear: Linear::fit(&linear_examples, min_count, seed),
        }
    }
}

/// A three-class logistic regression (agree, disagree, discuss) over the
/// words of a related pair: the article's distinct content stems, those of
/// the sentences closest to the claim, and the claim's, each group scaled to
/// unit length. Where the learned lexicon averages every word's log-odds, the
/// regression weighs the words against each other, so that the few that
/// decide (a "debunked" in the closest sentence, an "allegedly" in the
/// claim) are not drowned by the story's own vocabulary. Fitted out of fold
/// like the lexicon.
///
/// Written here (sparse SGD, a few dozen lines) rather than taken from
/// `linfa-logistic` or `smartcore`: those fit dense matrices, and the inputs
/// here are a few dozen stems out of tens of thousands per pair; a sparse
/// fit in a fixed order also keeps training deterministic.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Linear {
    pub bias: [f32; 3],
    pub weights: HashMap<String, [f32; 3]>,
}

/// Passes of the regression's stochastic gradient descent over the examples.
const LINEAR_EPOCHS: u32 = 8;
/// Its L2 penalty (per update, on the weights the example touches).
const LINEAR_L2: f64 = 1e-4;

impl Linear {
    /// The regression's inputs of a pair: `b:`, `t:` and `h:` stems for the
    /// article, its sentences at `top` and the claim.
    pub fn inputs(claim: &TextView, body: &TextView, top: &[usize]) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        let mut group = |prefix: &str, stems: BTreeSet<&str>| {
            let w = 1.0 / (stems.len().max(1) as f32).sqrt();
            out.extend(stems.into_iter().map(|s| (format!("{prefix}{s}"), w)));
        };
        group("b:", body.counts.keys().map(String::as_str).collect());
        group(
            "t:",
            top.iter()
                .filter_map(|&i| body.sentences.get(i))
                .flat_map(|s| s.tokens.iter().filter(|t| !t.stop))
                .map(|t| t.stem.as_str())
                .collect(),
        );
        group("h:", claim.counts.keys().map(String::as_str).collect());
        out
    }

    /// Fits by stochastic gradient descent in a fixed order (drawn from
    /// `seed`), classes balanced; inputs in fewer than `min_count` examples
    /// are left out.
    pub fn fit(examples: &[(Vec<(String, f32)>, usize)], min_count: u32, seed: u64) -> Linear {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for (x, _) in examples {
            for (k, _) in x {
                *seen.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut totals = [0usize; 3];
        for (_, c) in examples {
            if let Some(t) = totals.get_mut(*c) {
                *t += 1;
            }
        }
        let n = examples.len() as f64;
        let class_weight = totals.map(|t| if t > 0 { n / (3.0 * t as f64) } else { 0.0 });
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut weights: HashMap<String, [f64; 3]> = HashMap::new();
        let mut bias = [0.0f64; 3];
        for epoch in 0..LINEAR_EPOCHS {
            order.sort_by_key(|&i| {
                xxhash_rust::xxh3::xxh3_64_with_seed(
                    &(i as u64).to_le_bytes(),
                    seed ^ u64::from(epoch),
                )
            });
            let rate = 0.5 / (1.0 + f64::from(epoch));
            for &i in &order {
                let Some((x, class)) = examples.get(i) else {
                    continue;
                };
                let kept: Vec<(&str, f64)> = x
                    .iter()
                    .filter(|(k, _)| seen.get(k.as_str()).is_some_and(|&c| c >= min_count))
                    .map(|(k, v)| (k.as_str(), f64::from(*v)))
                    .collect();
                let mut z = bias;
                for (k, v) in &kept {
                    if let Some(w) = weights.get(*k) {
                        for (zc, wc) in z.iter_mut().zip(w) {
                            *zc += wc * v;
                        }
                    }
                }
                let p = softmax(z);
                let cw = class_weight.get(*class).copied().unwrap_or(0.0);
                let grad: [f64; 3] =
                    std::array::from_fn(|c| cw * (p[c] - f64::from(u8::from(c == *class))));
                for (b, g) in bias.iter_mut().zip(grad) {
                    *b -= rate * g;
                }
                for (k, v) in kept {
                    let w = weights.entry(k.to_string()).or_insert([0.0; 3]);
                    for (wc, g) in w.iter_mut().zip(grad) {
                        *wc -= rate * (g * v + LINEAR_L2 * *wc);
                    }
                }
            }
        }
        Linear {
            bias: bias.map(|b| b as f32),
            weights: weights
                .into_iter()
                .filter(|(_, w)| w.iter().any(|x| x.abs() > 1e-3))
                .map(|(k, w)| (k, w.map(|x| x as f32)))
                .collect(),
        }
    }

    /// P(agree, disagree, discuss) for a pair's inputs (NaN when unfitted).
    pub fn predict(&self, x: &[(String, f32)]) -> [f64; 3] {
        if self.weights.is_empty() {
            return [f64::NAN; 3];
        }
        let mut z = self.bias.map(f64::from);
        for (k, v) in x {
            if let Some(w) = self.weights.get(k) {
                for (zc, wc) in z.iter_mut().zip(w) {
                    *zc += f64::from(*wc) * f64::from(*v);
                }
            }
        }
        softmax(z)
    }
}

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let m = z.iter().copied().fold(f64::MIN, f64::max);
    let e = z.map(|x| (x - m).exp());
    let s: f64 = e.iter().sum();
    e.map(|x| x / s)
}

/// Log-odds per class (0..3) that a text of that class contains each stem,
/// against the texts of the other classes; stems in fewer than `min_count`
/// texts are left out.
fn log_odds<'a>(
    examples: impl Iterator<Item = (&'a TextView, usize)>,
    min_count: u32,
) -> HashMap<String, [f32; 3]> {
    let mut per_class: BTreeMap<&str, [u32; 3]> = BTreeMap::new();
    let mut totals = [0u32; 3];
    for (text, class) in examples {
        let Some(total) = totals.get_mut(class) else {
            continue;
        };
        *total += 1;
        for stem in text.counts.keys() {
            if let Some(n) = per_class.entry(stem.as_str()).or_default().get_mut(class) {
                *n += 1;
            }
        }
    }
    let all: u32 = totals.iter().sum();
    per_class
        .into_iter()
        .filter(|(_, n)| n.iter().sum::<u32>() >= min_count)
        .map(|(stem, n)| {
            let mut odds = [0f32; 3];
            let in_all: u32 = n.iter().sum();
            for c in 0..3 {
                let p_in = (f64::from(n[c]) + 0.5) / (f64::from(totals[c]) + 1.0);
                let p_out = (f64::from(in_all - n[c]) + 0.5) / (f64::from(all - totals[c]) + 1.0);
                odds[c] = (p_in / (1.0 - p_in)).ln() as f32 - (p_out / (1.0 - p_out)).ln() as f32;
            }
            (stem.to_string(), odds)
        })
        .collect()
}

impl LearnedLexicon {
    /// Mean log-odds per class over the distinct stems of the given sentences
    /// (NaN when the lexicon is empty or none of the words is in it).
    fn score(&self, text: &TextView, sentences: &[usize]) -> [f64; 3] {
        let mut seen = HashSet::new();
        let mut sum = [0.0; 3];
        let mut n = 0.0;
        for s in sentences.iter().filter_map(|&i| text.sentences.get(i)) {
            for t in s.tokens.iter().filter(|t| !t.stop) {
                if seen.insert(t.stem.as_str())
                    && let Some(odds) = self.log_odds.get(&t.stem)
                {
                    for (acc, o) in sum.iter_mut().zip(odds) {
                        *acc += f64::from(*o);
                    }
                    n += 1.0;
                }
            }
        }
        if n == 0.0 {
            [f64::NAN; 3]
        } else {
            sum.map(|s| s / n)
        }
    }
}

/// How many of the article's sentences closest to the claim the stance
/// features look at.
pub const TOP_SENTENCES: usize = 3;

/// Names of the features, in vector order.
pub const NAMES: &[&str] = &[
    "cos_body",
    "cos_lead",
    "cos_best",
    "cos_top",
    "cover",
    "cover_idf",
    "cover_bigram",
    "cover_lead",
    "cover_names",
    "claim_names",
    "cover_best",
    "best_position",
    "close_share",
    "claim_len",
    "body_len",
    "bm25",
    "claim_hedge",
    "claim_denial",
    "claim_rejection",
    "claim_condition",
    "claim_prediction",
    "claim_opinion",
    "claim_first_person",
    "claim_report",
    "claim_negation",
    "claim_accusation",
    "claim_refuting",
    "claim_question",
    "top_hedge",
    "top_denial",
    "top_rejection",
    "top_condition",
    "top_prediction",
    "top_opinion",
    "top_first_person",
    "top_report",
    "top_negation",
    "top_accusation",
    "top_refuting",
    "top_question",
    "body_hedge",
    "body_denial",
    "body_rejection",
    "body_condition",
    "body_prediction",
    "body_opinion",
    "body_first_person",
    "body_report",
    "body_negation",
    "body_accusation",
    "body_refuting",
    "body_question",
    "learned_body_agree",
    "learned_body_disagree",
    "learned_body_discuss",
    "learned_top_agree",
    "learned_top_disagree",
    "learned_top_discuss",
    "learned_claim_agree",
    "learned_claim_disagree",
    "learned_claim_discuss",
    "negation_mismatch",
    "lead_refuting",
    "near_hedge",
    "near_denial",
    "near_rejection",
    "near_condition",
    "near_report",
    "near_negation",
    "near_accusation",
    "near_refuting",
    "near_question",
    "learned_lead_agree",
    "learned_lead_disagree",
    "learned_lead_discuss",
    "linear_agree",
    "linear_disagree",
    "linear_discuss",
];

/// Cue kinds (indices into [`CUE_KINDS`]) whose closeness-weighted rate is a
/// feature: a hedge in the sentence that states the claim says more than one
/// in a paragraph about something else.
const NEAR_CUES: [usize; 7] = [0, 1, 2, 3, 7, 8, 9];

/// The article sentences ranked by closeness to the claim, with their cosine.
pub fn ranked_sentences(claim: &TextView, body: &TextView, idf: &Idf) -> Vec<(usize, f64)> {
    let cv = weights(&claim.counts, idf);
    let cn = norm(&cv);
    let mut ranked: Vec<(usize, f64)> = body
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
            for t in s.tokens.iter().filter(|t| !t.stop) {
                *counts.entry(t.stem.as_str()).or_default() += 1;
            }
            (
                i,
                cosine(
                    &cv,
                    cn,
                    counts.into_iter().map(|(k, n)| (k, tf(n) * idf.weight(k))),
                ),
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The feature vector of one pair ([`NAMES`] order).
pub fn pair(claim: &TextView, body: &TextView, idf: &Idf, learned: &LearnedLexicon) -> Vec<f64> {
    let cv = weights(&claim.counts, idf);
    let cn = norm(&cv);
    let ranked = ranked_sentences(claim, body, idf);
    let n_sent = body.sentences.len().max(1) as f64;
    let cos_body = cosine(
        &cv,
        cn,
        body.counts
            .iter()
            .map(|(k, &n)| (k.as_str(), tf(n) * idf.weight(k))),
    );
    let lead = lead_counts(body);
    let cos_lead = cosine(
        &cv,
        cn,
        lead.iter().map(|(k, &n)| (*k, tf(n) * idf.weight(k))),
    );
    let cos_best = ranked.first().map_or(0.0, |r| r.1);
    let top: Vec<usize> = ranked.iter().take(TOP_SENTENCES).map(|r| r.0).collect();
    let cos_top =
        ranked.iter().take(TOP_SENTENCES).map(|r| r.1).sum::<f64>() / TOP_SENTENCES as f64;

    let claim_stems: Vec<&str> = claim.counts.keys().map(String::as_str).collect();
    let n_claim = claim_stems.len().max(1) as f64;
    let cover = claim_stems
        .iter()
        .filter(|s| body.counts.contains_key(**s))
        .count() as f64
        / n_claim;
    let idf_all: f64 = claim_stems.iter().map(|s| idf.weight(s)).sum();
    let idf_in: f64 = claim_stems
        .iter()
        .filter(|s| body.counts.contains_key(**s))
        .map(|s| idf.weight(s))
        .sum();
    let cover_idf = if idf_all > 0.0 { idf_in / idf_all } else { 0.0 };
    let cover_bigram = if claim.bigrams.is_empty() {
        f64::NAN
    } else {
        claim
            .bigrams
            .iter()
            .filter(|b| body.bigrams.contains(*b))
            .count() as f64
            / claim.bigrams.len() as f64
    };
    let cover_lead = claim_stems
        .iter()
        .filter(|s| lead.contains_key(**s))
        .count() as f64
        / n_claim;
    let cover_names = if claim.names.is_empty() {
        f64::NAN
    } else {
        claim.names.iter().filter(|n| name_in(n, body)).count() as f64 / claim.names.len() as f64
    };
    let cover_best = ranked
        .first()
        .and_then(|r| body.sentences.get(r.0))
        .map_or(0.0, |s| {
            let stems: HashSet<&str> = s.tokens.iter().map(|t| t.stem.as_str()).collect();
            claim_stems.iter().filter(|c| stems.contains(**c)).count() as f64 / n_claim
        });
    let best_position = ranked.first().map_or(1.0, |r| r.0 as f64 / n_sent);
    let close_share = ranked.iter().filter(|r| r.1 > 0.2).count() as f64 / n_sent;
    let bm25 = bm25(claim, body, idf) / idf_all.max(1.0);

    let mut f = vec![
        cos_body,
        cos_lead,
        cos_best,
        cos_top,
        cover,
        cover_idf,
        cover_bigram,
        cover_lead,
        cover_names,
        claim.names.len() as f64,
        cover_best,
        best_position,
        close_share,
        claim_stems.len() as f64,
        (body.n_tokens as f64 + 1.0).ln(),
        bm25,
    ];
    let (cues, refuting, questions) = claim.cue_sum(0..claim.sentences.len());
    f.extend(cues);
    f.extend([refuting, questions]);
    let (cues, refuting, questions) = body.cue_sum(top.iter().copied());
    let k = top.len().max(1) as f64;
    f.extend(cues.map(|c| c / k));
    f.extend([refuting / k, questions / k]);
    let (cues, refuting, questions) = body.cue_sum(0..body.sentences.len());
    f.extend(cues.map(|c| c / n_sent));
    f.extend([refuting / n_sent, questions / n_sent]);
    let all: Vec<usize> = (0..body.sentences.len()).collect();
    f.extend(learned.score(body, &all));
    f.extend(learned.score(body, &top));
    f.extend(learned.score(claim, &(0..claim.sentences.len()).collect::<Vec<_>>()));
    let negation = CUE_KINDS
        .iter()
        .position(|c| *c == crosscheck_core::analyze::lexicon::Cue::Negation)
        .unwrap_or(0);
    let claim_negated = claim
        .sentences
        .iter()
        .any(|s| s.cues.get(negation).is_some_and(|n| *n > 0));
    let best_negated = top
        .first()
        .and_then(|&i| body.sentences.get(i))
        .is_some_and(|s| s.cues.get(negation).is_some_and(|n| *n > 0));
    f.push(f64::from(u8::from(claim_negated != best_negated)));
    f.push(body.cue_sum(0..2).1);
    let weight_sum: f64 = ranked.iter().map(|r| r.1).sum();
    let near = |value: &dyn Fn(&super::text::SentenceView) -> f64| -> f64 {
        if weight_sum <= 0.0 {
            return f64::NAN;
        }
        ranked
            .iter()
            .filter_map(|r| body.sentences.get(r.0).map(|s| r.1 * value(s)))
            .sum::<f64>()
            / weight_sum
    };
    for k in NEAR_CUES {
        f.push(near(&|s| {
            f64::from(s.cues.get(k).copied().unwrap_or(0).min(1))
        }));
    }
    f.push(near(&|s| f64::from(s.refuting.min(1))));
    f.push(near(&|s| f64::from(u8::from(s.question))));
    f.extend(learned.score(body, &[0, 1]));
    f.extend(learned.linear.predict(&Linear::inputs(claim, body, &top)));
    debug_assert_eq!(f.len(), NAMES.len());
    f
}

/// Whether the article contains the claim's name `name` as a word or, for a
/// name of four letters or more, as the start of one: the stemmer leaves
/// demonyms whole ("korea" / "korean", "russia" / "russian").
fn name_in(name: &str, body: &TextView) -> bool {
    if body.counts.contains_key(name) {
        return true;
    }
    name.chars().count() >= 4
        && body
            .counts
            .range::<str, _>((std::ops::Bound::Excluded(name), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|(k, _)| k.starts_with(name))
}

fn tf(n: u32) -> f64 {
    1.0 + f64::from(n).ln()
}

fn weights<'a>(counts: &'a BTreeMap<String, u32>, idf: &Idf) -> BTreeMap<&'a str, f64> {
    counts
        .iter()
        .map(|(k, &n)| (k.as_str(), tf(n) * idf.weight(k)))
        .collect()
}

fn norm(v: &BTreeMap<&str, f64>) -> f64 {
    v.values().map(|x| x * x).sum::<f64>().sqrt()
}

/// Cosine of the claim vector with another sparse vector given as pairs.
fn cosine<'a>(
    claim: &BTreeMap<&str, f64>,
    claim_norm: f64,
    other: impl Iterator<Item = (&'a str, f64)>,
) -> f64 {
    let mut dot = 0.0;
    let mut sq = 0.0;
    for (k, w) in other {
        sq += w * w;
        if let Some(c) = claim.get(k) {
            dot += c * w;
        }
    }
    if claim_norm > 0.0 && sq > 0.0 {
        dot / (claim_norm * sq.sqrt())
    } else {
        0.0
    }
}

/// Content-stem counts of the first two sentences (the lead states the story).
fn lead_counts(body: &TextView) -> BTreeMap<&str, u32> {
    let mut counts = BTreeMap::new();
    for s in body.sentences.iter().take(2) {
        for t in s.tokens.iter().filter(|t| !t.stop) {
            *counts.entry(t.stem.as_str()).or_default() += 1;
        }
    }
    counts
}

/// Okapi BM25 of the claim's stems against the article (k1 = 1.2, b = 0.75,
/// average article length 350 tokens, about that of news articles).
fn bm25(claim: &TextView, body: &TextView, idf: &Idf) -> f64 {
    let len_ratio = body.n_tokens as f64 / 350.0;
    claim
        .counts
        .keys()
        .filter_map(|k| body.counts.get(k).map(|&n| (k, f64::from(n))))
        .map(|(k, n)| idf.weight(k) * n * 2.2 / (n + 1.2 * (0.25 + 0.75 * len_ratio)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(claim: &str, body: &str) -> HashMap<&'static str, f64> {
        let (c, b) = (TextView::new(claim), TextView::new(body));
        let idf = Idf::fit([&c, &b].into_iter());
        NAMES
            .iter()
            .copied()
            .zip(pair(&c, &b, &idf, &LearnedLexicon::default()))
            .collect()
    }

    #[test]
    fn covered_claims_score_high_and_others_low() {
        let f = features(
            "North Korea sent troops to Russia",
            "Seoul said North Korea sent troops to Russia. The weather was fine.",
        );
        assert_eq!(f["cover"], 1.0);
        assert!(f["cos_best"] > 0.7, "{}", f["cos_best"]);
        assert_eq!(f["best_position"], 0.0);
        let g = features(
            "North Korea sent troops to Russia",
            "A cat was rescued from a tree in Ohio.",
        );
        assert_eq!(g["cover"], 0.0);
        assert_eq!(g["cos_body"], 0.0);
        assert!(
            g["learned_body_agree"].is_nan(),
            "no learned lexicon: missing, not zero"
        );
    }

    #[test]
    fn names_are_covered_by_their_demonyms_but_not_by_other_words() {
        let f = features(
            "Troops from North Korea reached Russia",
            "North Korean soldiers were seen in the Russian far east.",
        );
        assert_eq!(f["cover_names"], 1.0, "korea / korean, russia / russian");
        let g = features(
            "Troops from North Korea reached Russia",
            "A cat named Korea was rescued in North Dakota.",
        );
        assert!(
            (g["cover_names"] - 2.0 / 3.0).abs() < 1e-9,
            "north and korea, not russia: {}",
            g["cover_names"]
        );
    }

    #[test]
    fn stance_cues_come_from_the_closest_sentences() {
        let f = features(
            "Banksy was arrested in London",
            "Police deny that Banksy was arrested in London, calling the story a hoax. Cats are nice.",
        );
        assert!(f["top_denial"] > 0.0);
        assert!(f["top_refuting"] > 0.0);
        assert_eq!(f["negation_mismatch"], 0.0);
    }

    #[test]
    fn the_linear_model_learns_the_deciding_words() {
        let claim = TextView::new("The mayor resigned");
        let texts = [
            ("It is confirmed that the mayor resigned on Monday.", 0),
            ("The story that the mayor resigned is a hoax.", 1),
            ("The mayor reportedly resigned, sources say.", 2),
        ];
        let views: Vec<(TextView, usize)> =
            texts.iter().map(|(t, c)| (TextView::new(t), *c)).collect();
        let examples: Vec<(Vec<(String, f32)>, usize)> = views
            .iter()
            .cycle()
            .take(30)
            .map(|(b, c)| (Linear::inputs(&claim, b, &[0]), *c))
            .collect();
        let linear = Linear::fit(&examples, 1, 13);
        for (b, c) in &views {
            let p = linear.predict(&Linear::inputs(&claim, b, &[0]));
            let best = (0..3).max_by(|&i, &j| p[i].total_cmp(&p[j]));
            assert_eq!(best, Some(*c), "{p:?}");
        }
        assert!(Linear::default().predict(&[]).iter().all(|p| p.is_nan()));
    }

    #[test]
    fn learned_lexicon_separates_classes() {
        let agree = TextView::new("It is confirmed: the mayor resigned.");
        let disagree = TextView::new("The resignation story is a hoax.");
        let lex = LearnedLexicon::fit([(&agree, 0), (&disagree, 1), (&disagree, 1)].into_iter(), 1);
        let hoax = lex.log_odds["hoax"];
        assert!(hoax[1] > 0.0 && hoax[0] < 0.0);
    }
}
