//! Coreference metrics as the CoNLL reference scorer (v8.01) defines them:
//! MUC (links), B³ (mentions) and CEAF-e (clusters, φ4 similarity), and the
//! CoNLL F1, their mean. Used by `crosscheck eval ecbplus` to put the claim
//! matching machinery on the standard cross-document event coreference
//! benchmark.
//!
//! A clustering is given as one cluster label per mention; key and response
//! label the same mentions (gold mentions, singletons kept).

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

/// Recall, precision and F1 of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

impl Prf {
    fn new(recall: f64, precision: f64) -> Self {
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        Prf {
            recall,
            precision,
            f1,
        }
    }
}

/// The three metrics and their mean F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceaf_e: Prf,
}

impl Scores {
    /// The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1s.
    pub fn conll(&self) -> f64 {
        (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3.0
    }
}

/// Scores `response` against `key` (one label per mention, same length).
pub fn score<K: Eq + Hash + Ord + Clone, R: Eq + Hash + Ord + Clone>(
    key: &[K],
    response: &[R],
) -> Scores {
    assert_eq!(key.len(), response.len(), "one label per mention in both");
    let k = clusters(key);
    let r = clusters(response);
    Scores {
        muc: Prf::new(muc(&k, response), muc(&r, key)),
        b3: b3(&k, &r, key, response),
        ceaf_e: ceaf_e(&k, &r),
    }
}

/// Mentions per cluster, in label order.
fn clusters<L: Eq + Hash + Ord + Clone>(labels: &[L]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<&L, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by.entry(l).or_default().push(i);
    }
    by.into_values().collect()
}

/// MUC recall of `clusters` against the partition `other` labels (the
/// precision is the same with the roles swapped): per cluster, its size
/// less the parts the other partition cuts it into, over its size less one.
fn muc<L: Eq + Hash>(clusters: &[Vec<usize>], other: &[L]) -> f64 {
    let (mut num, mut den) = (0usize, 0usize);
    for c in clusters {
        let parts: BTreeSet<usize> = {
            let mut ids: HashMap<&L, usize> = HashMap::new();
            c.iter()
                .map(|&m| {
                    let n = ids.len();
                    *ids.entry(&other[m]).or_insert(n)
                })
                .collect()
        };
        num += c.len() - parts.len();
        den += c.len() - 1;
    }
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn b3<K: Eq + Hash, R: Eq + Hash>(
    k: &[Vec<usize>],
    r: &[Vec<usize>],
    key: &[K],
    response: &[R],
) -> Prf {
    let n = key.len().max(1) as f64;
    // |K ∩ R| per (key label, response label).
    let mut overlap: HashMap<(&K, &R), usize> = HashMap::new();
    for i in 0..key.len() {
        *overlap.entry((&key[i], &response[i])).or_default() += 1;
    }
    let size_k: HashMap<&K, usize> = k.iter().map(|c| (&key[c[0]], c.len())).collect();
    let size_r: HashMap<&R, usize> = r.iter().map(|c| (&response[c[0]], c.len())).collect();
    let (mut rec, mut prec) = (0.0, 0.0);
    for ((kl, rl), &o) in &overlap {
        let o = o as f64;
        rec += o * o / size_k[kl] as f64;
        prec += o * o / size_r[rl] as f64;
    }
    Prf::new(rec / n, prec / n)
}

/// CEAF-e: the best one-to-one alignment of key and response clusters by
/// φ4 = 2|K ∩ R| / (|K| + |R|), over the number of key (recall) and
/// response (precision) clusters. The alignment is solved per connected
/// component of overlapping clusters (exact: clusters that share no mention
/// add nothing to it).
fn ceaf_e(k: &[Vec<usize>], r: &[Vec<usize>]) -> Prf {
    let n = k.iter().map(Vec::len).sum::<usize>();
    let mut r_of = vec![0usize; n];
    for (j, c) in r.iter().enumerate() {
        for &m in c {
            r_of[m] = j;
        }
    }
    // Overlaps per key cluster.
    let overlaps: Vec<BTreeMap<usize, usize>> = k
        .iter()
        .map(|c| {
            let mut o = BTreeMap::new();
            for &m in c {
                *o.entry(r_of[m]).or_default() += 1;
            }
            o
        })
        .collect();
    // Components of the bipartite overlap graph (key i ~ response j).
    let mut parent: Vec<usize> = (0..k.len() + r.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut x = x;
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (i, o) in overlaps.iter().enumerate() {
        for &j in o.keys() {
            let (a, b) = (find(&mut parent, i), find(&mut parent, k.len() + j));
            parent[a] = b;
        }
    }
    let mut comps: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..k.len() {
        comps.entry(find(&mut parent, i)).or_default().0.push(i);
    }
    for j in 0..r.len() {
        comps
            .entry(find(&mut parent, k.len() + j))
            .or_default()
            .1
            .push(j);
    }
    // φ4 in millionths, so that the assignment solver works on integers.
    const SCALE: f64 = 1e6;
    let mut total = 0.0;
    for (ks, rs) in comps.values() {
        if ks.is_empty() || rs.is_empty() {
            continue;
        }
        // kuhn_munkres wants rows ≤ columns.
        let (rows, cols, transposed) = if ks.len() <= rs.len() {
            (ks, rs, false)
        } else {
            (rs, ks, true)
        };
        let phi = |row: usize, col: usize| -> i64 {
            let (i, j) = if transposed { (col, row) } else { (row, col) };
            let o = overlaps[i].get(&j).copied().unwrap_or(0) as f64;
            (2.0 * o / (k[i].len() + r[j].len()) as f64 * SCALE).round() as i64
        };
        let weights = Matrix::from_fn(rows.len(), cols.len(), |(a, b)| phi(rows[a], cols[b]));
        let (best, _) = kuhn_munkres(&weights);
        total += best as f64 / SCALE;
    }
    Prf::new(total / k.len().max(1) as f64, total / r.len().max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn a_perfect_response_scores_one() {
        let key = [1, 1, 2, 3, 3, 3];
        let s = score(&key, &["a", "a", "b", "c", "c", "c"]);
        for p in [s.muc, s.b3, s.ceaf_e] {
            assert!(close(p.f1, 1.0), "{s:?}");
        }
        assert!(close(s.conll(), 1.0));
    }

    #[test]
    fn the_reference_scorers_worked_example() {
        // Key {a b c} {d e f g}; response {a b} {c d} {f g h i} without h, i
        // (gold mentions only): response {a b} {c d} {e} {f g}.
        let key = [0, 0, 0, 1, 1, 1, 1];
        let response = [0, 0, 1, 1, 2, 3, 3];
        let s = score(&key, &response);
        // MUC: recall (3-2 + 4-3)/(2+3) = 0.4 (key {abc} cut in 2, {defg}
        // in 3); precision (1 + 1 + 0 + 1)/(1+1+0+1) = 2/3 ({cd} spans two
        // key clusters: 2-2 = 0).
        assert!(close(s.muc.recall, 0.4), "{s:?}");
        assert!(close(s.muc.precision, 2.0 / 3.0), "{s:?}");
        // B³ recall per mention: a,b: 2/3; c: 1/3; d: 1/4; e: 1/4; f,g: 2/4.
        let b3_r = (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 0.25 + 0.25 + 0.5 * 2.0) / 7.0;
        // Precision: a,b: 1; c: 1/2; d: 1/2; e: 1; f,g: 1.
        let b3_p = (1.0 + 1.0 + 0.5 + 0.5 + 1.0 + 1.0 + 1.0) / 7.0;
        assert!(close(s.b3.recall, b3_r), "{s:?}");
        assert!(close(s.b3.precision, b3_p), "{s:?}");
        // CEAF-e: best alignment {abc}-{ab} φ4 = 4/5, {defg}-{fg} φ4 = 4/6.
        let phi = 0.8 + 4.0 / 6.0;
        assert!(close(s.ceaf_e.recall, phi / 2.0), "{s:?}");
        assert!(close(s.ceaf_e.precision, phi / 4.0), "{s:?}");
    }

    #[test]
    fn all_singletons_have_no_muc_links() {
        let s = score(&[0, 0, 1], &[0, 1, 2]);
        assert_eq!(s.muc.precision, 0.0);
        assert!(close(s.muc.recall, 0.0));
        assert!(close(s.b3.precision, 1.0));
    }
}
