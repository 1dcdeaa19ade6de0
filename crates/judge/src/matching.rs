//! Claim matching: do two texts make the same claim? A weighted cosine over
//! content stems, with candidates drawn from an inverted index so that a
//! collection of claims is never compared all pairs against all pairs.
//!
//! Numbers are left out of the comparison on purpose: "3,000 troops" and
//! "10,000 troops" are one claim whose numbers disagree (the dossier's
//! quantity groups show the disagreement), not two claims. Negation is left
//! out too ("not" is a stopword): "has not sent troops" is the same claim
//! with the opposite stance, which the stance judgement decides.

use super::features::Idf;
use super::text::TextView;
use std::collections::BTreeMap;

/// Stems shared by more than this many claims do not propose candidates (they
/// still count in the similarity): a story's subject is in every claim.
pub const MAX_POSTINGS: usize = 200;

/// A claim's weighted content stems, numbers left out, unit length.
#[derive(Debug, Clone, Default)]
pub struct ClaimVector {
    weights: Vec<(String, f64)>,
}

impl ClaimVector {
    pub fn new(view: &TextView, idf: &Idf) -> ClaimVector {
        let mut numbers = std::collections::BTreeSet::new();
        for s in &view.sentences {
            for t in s.tokens.iter().filter(|t| t.number) {
                numbers.insert(t.stem.as_str());
            }
        }
        let mut weights: Vec<(String, f64)> = view
            .counts
            .iter()
            .filter(|(k, _)| !numbers.contains(k.as_str()))
            .map(|(k, &n)| (k.clone(), (1.0 + f64::from(n).ln()) * idf.weight(k)))
            .collect();
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut weights {
                *w /= norm;
            }
        }
        ClaimVector { weights }
    }

    /// Cosine similarity (both vectors are sorted by stem).
    pub fn similarity(&self, other: &ClaimVector) -> f64 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while let (Some(a), Some(b)) = (self.weights.get(i), other.weights.get(j)) {
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

/// How alike two claims are, in 0..=1.
pub fn same_claim(a: &TextView, b: &TextView, idf: &Idf) -> f64 {
    ClaimVector::new(a, idf).similarity(&ClaimVector::new(b, idf))
}

/// Every pair of claims at or above `threshold`, `(i, j, similarity)` with
/// `i < j`, found through an inverted index over stems: only claims that share
/// a stem held by at most [`MAX_POSTINGS`] claims are compared.
pub fn matches(claims: &[ClaimVector], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        for (stem, _) in &c.weights {
            postings.entry(stem.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    let mut seen = vec![usize::MAX; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        for (stem, _) in &c.weights {
            let Some(list) = postings.get(stem.as_str()) else {
                continue;
            };
            if list.len() > MAX_POSTINGS {
                continue;
            }
            for &j in list.iter().filter(|&&j| j > i) {
                if let Some(mark) = seen.get_mut(j)
                    && *mark != i
                {
                    *mark = i;
                    let sim = claims.get(j).map_or(0.0, |other| c.similarity(other));
                    if sim >= threshold {
                        out.push((i, j, sim));
                    }
                }
            }
        }
    }
    out
}
