//! Average linkage (UPGMA) over a sparse similarity graph: the claim
//! groups of the learned model.
//!
//! Two clusters merge while the average similarity over all their pairs of
//! members is at least the threshold, the closest two first; a pair with no
//! edge counts 0. Unlike joining groups one claim at a time, the result does
//! not depend on the order the claims arrived in, and a chain of close
//! neighbours cannot pull two unlike claims together: every member weighs in
//! every merge.
//!
//! Written here because the clustering crates (`kodama`, `linfa`) take a
//! dense distance matrix, which grows with the square of a story's claims,
//! while the similarities a story has are a few per claim (candidates come
//! from the key index). The merges run off a heap of cluster pairs whose
//! stale entries are skipped, and a merge folds the smaller cluster's
//! adjacency into the larger's: O(E log E) for E edges.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A candidate merge: two clusters (by id, `a < b`) and their average
/// similarity when it was computed, with the clusters' versions then.
#[derive(Debug, PartialEq)]
struct Candidate {
    average: f64,
    a: u32,
    b: u32,
    versions: (u32, u32),
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // The highest average first; ties to the lowest ids, so the result
        // is one and the same on every run.
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Clusters `n` items joined by `edges` (item, item, similarity; an item
/// pair given twice adds up) by average linkage, merging while the best
/// average reaches `threshold`. Returns each item's cluster: the smallest
/// item index in it.
pub fn average_linkage(n: usize, edges: &[(u32, u32, f64)], threshold: f64) -> Vec<u32> {
    // Per cluster (named by its first id), its size and the summed
    // similarity to each neighbouring cluster.
    let mut size: Vec<u32> = vec![1; n];
    let mut version: Vec<u32> = vec![0; n];
    let mut alive: Vec<bool> = vec![true; n];
    let mut adjacency: Vec<HashMap<u32, f64>> = vec![HashMap::new(); n];
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for &(a, b, s) in edges {
        if a == b || a as usize >= n || b as usize >= n {
            continue;
        }
        *adjacency[a as usize].entry(b).or_default() += s;
        *adjacency[b as usize].entry(a).or_default() += s;
    }
    let mut heap = BinaryHeap::new();
    let candidate = |a: u32, b: u32, sum: f64, size: &[u32], version: &[u32]| {
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        Candidate {
            average: sum / (f64::from(size[a as usize]) * f64::from(size[b as usize])),
            a,
            b,
            versions: (version[a as usize], version[b as usize]),
        }
    };
    for (a, list) in adjacency.iter().enumerate() {
        for (&b, &sum) in list {
            if (a as u32) < b {
                heap.push(candidate(a as u32, b, sum, &size, &version));
            }
        }
    }
    while let Some(c) = heap.pop() {
        if c.average < threshold {
            break;
        }
        let (a, b) = (c.a as usize, c.b as usize);
        if !alive[a] || !alive[b] || (version[a], version[b]) != c.versions {
            continue;
        }
        // Keep the cluster with the larger adjacency and fold the other in.
        let (keep, gone) = if adjacency[a].len() >= adjacency[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        alive[gone] = false;
        parent[gone] = keep as u32;
        size[keep] += size[gone];
        version[keep] += 1;
        let folded = std::mem::take(&mut adjacency[gone]);
        adjacency[keep].remove(&(gone as u32));
        for (other, sum) in folded {
            if other as usize == keep {
                continue;
            }
            *adjacency[keep].entry(other).or_default() += sum;
            let back = &mut adjacency[other as usize];
            back.remove(&(gone as u32));
            *back.entry(keep as u32).or_default() += sum;
        }
        // Every average with the grown cluster changed.
        for (&other, &sum) in &adjacency[keep] {
            heap.push(candidate(keep as u32, other, sum, &size, &version));
        }
    }
    // Each item's cluster root, then the smallest member as its name.
    let root = |mut i: usize| {
        while parent[i] as usize != i {
            i = parent[i] as usize;
        }
        i
    };
    let roots: Vec<usize> = (0..n).map(root).collect();
    let mut first: HashMap<usize, u32> = HashMap::new();
    for (i, &r) in roots.iter().enumerate() {
        first.entry(r).or_insert(i as u32);
    }
    roots.iter().map(|r| first[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_items_merge_and_a_chain_does_not() {
        // 0–1–2 close pairwise; 3 close to 2 only: its average with the
        // three is 0.7 / 3.
        let edges = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.8), (2, 3, 0.7)];
        let c = average_linkage(4, &edges, 0.5);
        assert_eq!(c, vec![0, 0, 0, 3]);
        // Without the third pair, 0 and 2 average 0.45 with 1 between them.
        let c = average_linkage(3, &[(0, 1, 0.9), (1, 2, 0.9)], 0.5);
        assert_eq!(c.iter().filter(|&&x| x == 0).count(), 2, "{c:?}");
    }

    #[test]
    fn the_closest_pair_merges_first() {
        // 1 is closer to 2 than to 0: it joins 2, and 0 stays alone.
        let c = average_linkage(3, &[(0, 1, 0.6), (1, 2, 0.95)], 0.5);
        assert_eq!(c, vec![0, 1, 1]);
    }

    #[test]
    fn nothing_merges_below_the_threshold_and_bad_edges_are_ignored() {
        let c = average_linkage(3, &[(0, 1, 0.4), (2, 2, 1.0), (1, 7, 1.0)], 0.5);
        assert_eq!(c, vec![0, 1, 2]);
        assert!(average_linkage(0, &[], 0.5).is_empty());
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_the_edges() {
        let edges = vec![
            (0, 1, 0.7),
            (1, 2, 0.7),
            (2, 3, 0.95),
            (3, 4, 0.6),
            (0, 4, 0.2),
            (1, 3, 0.55),
        ];
        let mut reversed = edges.clone();
        reversed.reverse();
        for t in [0.3, 0.5, 0.65, 0.9] {
            assert_eq!(
                average_linkage(5, &edges, t),
                average_linkage(5, &reversed, t)
            );
        }
    }
}
