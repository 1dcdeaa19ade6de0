//! Matching shared by both gold formats: the dossier's evidence items
//! indexed by gold document, the choice of one system claim per gold claim,
//! and B-cubed F1.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crosscheck_model::Dossier;

use crate::text::norm;

/// The last segment of a `/`-separated path (the whole string if none).
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// One evidence sentence of the dossier.
pub(crate) struct SysItem {
    /// The evidence sentence, [`norm`]ed.
    pub sentence: String,
    /// Index of its claim group in `Dossier::claims`.
    pub claim: usize,
    /// Index of the item in its group's `evidence`.
    pub evidence: usize,
    /// Its stance as the dossier writes it ("asserts", "hedges"...).
    pub stance: &'static str,
}

/// All evidence items of a dossier, in dossier order, indexed by gold document.
pub(crate) struct SysIndex<'a> {
    pub items: Vec<SysItem>,
    by_doc: HashMap<&'a str, Vec<usize>>,
}

impl<'a> SysIndex<'a> {
    /// Collects every evidence item of every claim group, mapping its
    /// document through `gkey`.
    pub fn new(dossier: &'a Dossier, gkey: impl Fn(&'a str) -> &'a str) -> Self {
        let mut items = Vec::new();
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for (ci, c) in dossier.claims.iter().enumerate() {
            for (ei, e) in c.evidence.iter().enumerate() {
                let doc = gkey(&e.doc);
                by_doc.entry(doc).or_default().push(items.len());
                items.push(SysItem {
                    sentence: norm(Some(&e.sentence)),
                    claim: ci,
                    evidence: ei,
                    stance: e.stance.as_str(),
                });
            }
        }
        SysIndex { items, by_doc }
    }

    /// The items of one gold document, in dossier order.
    pub fn in_doc<'s>(&'s self, doc: &str) -> impl Iterator<Item = &'s SysItem> {
        self.by_doc
            .get(doc)
            .into_iter()
            .flatten()
            .map(|&i| &self.items[i])
    }
}

/// Picks, for each gold claim, the system claim that holds most of its found
/// evidence: one-to-one first (most votes first, then the lower system claim
/// index, then the earlier gold item), then any gold claim left over takes
/// its best-voted system claim even if another gold claim has it.
///
/// `hits` lists, per gold evidence item in gold order, its gold claim id and
/// the system claims whose evidence contains it.
pub(crate) fn choose_claims<'g>(hits: &[(&'g str, Vec<usize>)]) -> HashMap<&'g str, usize> {
    // (gold claim, system claim, votes), in order of first vote.
    let mut votes: Vec<(&str, usize, usize)> = Vec::new();
    let mut slot: HashMap<(&str, usize), usize> = HashMap::new();
    for (cid, claims) in hits {
        let distinct: HashSet<usize> = claims.iter().copied().collect();
        for ci in distinct {
            let i = *slot.entry((cid, ci)).or_insert_with(|| {
                votes.push((cid, ci, 0));
                votes.len() - 1
            });
            votes[i].2 += 1;
        }
    }
    // Stable: equal (votes, system claim) keep the order of first vote.
    votes.sort_by_key(|&(_, ci, n)| (std::cmp::Reverse(n), ci));
    let mut chosen = HashMap::new();
    let mut used = HashSet::new();
    for &(cid, ci, _) in &votes {
        if !chosen.contains_key(cid) && !used.contains(&ci) {
            chosen.insert(cid, ci);
            used.insert(ci);
        }
    }
    for &(cid, ci, _) in &votes {
        chosen.entry(cid).or_insert(ci);
    }
    chosen
}

/// The hits that count for a gold item: those in its gold claim's chosen
/// system claim if any, else all of them.
pub(crate) fn counted_hits<'s>(hits: &[&'s SysItem], chosen: Option<usize>) -> Vec<&'s SysItem> {
    let in_chosen: Vec<&SysItem> = hits
        .iter()
        .copied()
        .filter(|h| Some(h.claim) == chosen)
        .collect();
    if in_chosen.is_empty() {
        hits.to_vec()
    } else {
        in_chosen
    }
}

/// B-cubed F1 of a system clustering against a gold clustering of the same
/// items, given as `(system cluster, gold cluster)` per item; 0 for no items.
///
/// Counts clusters once (linear time); the per-item precision and recall
/// shares are summed in item order, as the Python scorers do, so the float
/// result is the same to the last bit.
pub(crate) fn bcubed<S: Eq + Hash, G: Eq + Hash>(items: &[(S, G)]) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let mut n_sys: HashMap<&S, usize> = HashMap::new();
    let mut n_gold: HashMap<&G, usize> = HashMap::new();
    let mut n_both: HashMap<(&S, &G), usize> = HashMap::new();
    for (s, g) in items {
        *n_sys.entry(s).or_default() += 1;
        *n_gold.entry(g).or_default() += 1;
        *n_both.entry((s, g)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (s, g) in items {
        let both = n_both[&(s, g)] as f64;
        p += both / n_sys[s] as f64;
        r += both / n_gold[g] as f64;
    }
    let n = items.len() as f64;
    let (p, r) = (p / n, r / n);
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_of_a_perfect_and_a_split_clustering() {
        assert_eq!(bcubed(&[(0, "a"), (0, "a"), (1, "b")]), 1.0);
        // Gold cluster "a" of 3 items split 2 + 1: precision 1, recall (2/3*2 + 1/3)/3 = 5/9.
        let f = bcubed(&[(0, "a"), (0, "a"), (1, "a")]);
        let (p, r) = (1.0, 5.0 / 9.0);
        assert!((f - 2.0 * p * r / (p + r)).abs() < 1e-12);
        assert_eq!(bcubed::<u8, u8>(&[]), 0.0);
    }

    #[test]
    fn chosen_claims_are_one_to_one_where_possible() {
        // Gold claim A's items sit in system claims 0, 0 and 1; B's in 0 and 1.
        let hits = vec![
            ("A", vec![0]),
            ("A", vec![0, 0]),
            ("A", vec![1]),
            ("B", vec![0]),
            ("B", vec![1]),
        ];
        let chosen = choose_claims(&hits);
        assert_eq!(chosen["A"], 0);
        assert_eq!(chosen["B"], 1);
        // A gold claim whose only system claim is taken still gets it.
        let chosen = choose_claims(&[("A", vec![3]), ("A", vec![3]), ("B", vec![3])]);
        assert_eq!((chosen["A"], chosen["B"]), (3, 3));
    }

    #[test]
    fn base_name_takes_the_last_segment() {
        assert_eq!(base_name("../shared/seeds/001_x.txt"), "001_x.txt");
        assert_eq!(base_name("001_x.txt"), "001_x.txt");
        assert_eq!(base_name(""), "");
    }
}
