//! Claim grouping: the same proposition in different words, across articles,
//! becomes one group.
//!
//! Claims are compared on their content keys (canonical entities, concept
//! classes, word stems), weighted by how rare each key is in the story. Two
//! claims about different themes (troops vs weapons), different events
//! (sending vs attacking) or different subjects (Iran vs North Korea) are
//! kept apart. Candidates come from an inverted index, so only claims that
//! share a key are ever compared; groups are merged by average linkage.

use crate::analyze::claims::{is_event, is_theme};
use crate::model::Claim;
use std::collections::{BTreeSet, HashMap};

/// Average similarity two groups need to merge.
pub const THRESHOLD: f64 = 0.40;

/// Average similarity to a group a claim needs, besides holding the group's
/// core, to join it as a second group.
pub const SECOND_MEMBERSHIP: f64 = 0.15;

/// Share of [`THRESHOLD`] the average similarity of two groups must reach to merge
/// once an edge between them passes the threshold.
/// Share of [`THRESHOLD`] the average similarity of two groups must reach to merge
/// once an edge between them passes the threshold.
pub const MERGE_SHARE: f64 = 0.7;

fn weight(key: &str) -> f64 {
    match &key[..2] {
        "e:" => 1.5,
        "c:" => 1.5,
        "w:" => 1.0,
        _ => 0.0, // "s:" subject keys only decide conflicts
    }
}

/// A claim's keys prepared for comparison: sorted, unique, with their
/// weighted mass, so a comparison is one merge of two sorted lists.
struct Prepared<'a> {
    keys: Vec<&'a str>,
    mass: f64,
    meta: bool,
}

impl<'a> Prepared<'a> {
    fn new(keys: &'a [String], idf: &HashMap<&str, f64>) -> Self {
        let mut keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        keys.sort_unstable();
        keys.dedup();
        let mass = keys.iter().map(|k| key_weight(k, idf)).sum();
        let meta = keys.binary_search(&"m:meta").is_ok();
        Prepared { keys, mass, meta }
    }
}

fn key_weight(k: &str, idf: &HashMap<&str, f64>) -> f64 {
    weight(k) * idf.get(k).copied().unwrap_or(1.0)
}

/// Similarity of two claims' keys under the story's key weights.
pub fn similarity(a: &[String], b: &[String], idf: &HashMap<&str, f64>) -> f64 {
    prepared_similarity(&Prepared::new(a, idf), &Prepared::new(b, idf), idf)
}

fn prepared_similarity(a: &Prepared<'_>, b: &Prepared<'_>, idf: &HashMap<&str, f64>) -> f64 {
    // A claim about what a party said never merges with a claim about the
    // world: "X denied sending troops" is not "X sent troops".
    if a.meta != b.meta || a.mass == 0.0 || b.mass == 0.0 {
        return 0.0;
    }
    // One merge pass: shared weight, and per kind of conflict whether each
    // side has such keys and whether they share one.
    let (mut i, mut j) = (0, 0);
    let mut shared = 0.0;
    // [theme, event, subject] × (a has, b has, both have)
    let mut seen = [[false; 3]; 3];
    let kind = |k: &str| {
        if is_theme(k) {
            Some(0)
        } else if is_event(k) {
            Some(1)
        } else if k.starts_with("s:") {
            Some(2)
        } else {
            None
        }
    };
    while i < a.keys.len() || j < b.keys.len() {
        let ord = match (a.keys.get(i), b.keys.get(j)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match ord {
            std::cmp::Ordering::Less => {
                if let Some(t) = kind(a.keys[i]) {
                    seen[t][0] = true;
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                if let Some(t) = kind(b.keys[j]) {
                    seen[t][1] = true;
                }
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let k = a.keys[i];
                shared += key_weight(k, idf);
                if let Some(t) = kind(k) {
                    seen[t] = [true, true, true];
                }
                i += 1;
                j += 1;
            }
        }
    }
    // Cosine of the weighted key sets: extra detail in one wording costs
    // less than in a Jaccard ratio.
    let mut sim = shared / (a.mass * b.mass).sqrt();
    let conflict = |t: usize| seen[t][0] && seen[t][1] && !seen[t][2];
    if conflict(0) {
        sim *= 0.25;
    }
    if conflict(1) {
        sim *= 0.5;
    }
    if conflict(2) {
        sim *= 0.5;
    }
    sim
}

/// The keys that at least `share` of the claims hold (subject keys aside):
/// what a group of claims has in common.
pub fn core_keys<'a>(claims: impl Iterator<Item = &'a Claim>, share: f64) -> BTreeSet<&'a str> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut n = 0usize;
    for c in claims {
        n += 1;
        let distinct: BTreeSet<&str> = c
            .keys
            .iter()
            .map(String::as_str)
            .filter(|k| !k.starts_with("s:"))
            .collect();
        for k in distinct {
            *count.entry(k).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, c)| *c as f64 >= share * n as f64)
        .map(|(k, _)| k)
        .collect()
}

/// Inverse document frequency of each key over a set of claims.
pub fn idf<'a>(claims: &[&'a Claim]) -> HashMap<&'a str, f64> {
    let n = claims.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for c in claims {
        for k in c.keys.iter().collect::<BTreeSet<_>>() {
            *df.entry(k.as_str()).or_default() += 1.0;
        }
    }
    df.into_iter()
        .map(|(k, d)| (k, 1.0 + (n / d).ln()))
        .collect()
}

/// Groups claims; returns groups of indices into `claims`. A claim that holds
/// the core of another group as well (all the keys most of its members
/// share) is added to that group too: one sentence can carry two claims.
pub fn group(claims: &[&Claim]) -> Vec<ClaimSet> {
    let n = claims.len();
    let idf = idf(claims);
    let prepared: Vec<Prepared<'_>> = claims
        .iter()
        .map(|c| Prepared::new(&c.keys, &idf))
        .collect();
    // Candidate pairs through the inverted index, skipping keys so common
    // that they say nothing about the proposition.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        for k in c.keys.iter().filter(|k| !k.starts_with("s:")) {
            index.entry(k.as_str()).or_default().push(i);
        }
    }
    // Keys held by more claims than this are the story's own subject and
    // say nothing about which proposition a claim makes; a fixed cap keeps
    // candidate generation linear in the story size.
    let cap = 200;
    let mut sims: HashMap<(usize, usize), f64> = HashMap::new();
    for list in index.values().filter(|l| l.len() <= cap) {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let key = (i.min(j), i.max(j));
                if key.0 != key.1 && !sims.contains_key(&key) {
                    let s = prepared_similarity(&prepared[i], &prepared[j], &idf);
                    sims.insert(key, s);
                }
            }
        }
    }
    let mut edges: Vec<((usize, usize), f64)> = sims
        .iter()
        .filter(|(_, s)| **s >= THRESHOLD)
        .map(|(k, s)| (*k, *s))
        .collect();
    edges.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (&(i, j), &sim) in &sims {
        if sim > 0.0 {
            neighbours[i].push((j, sim));
            neighbours[j].push((i, sim));
        }
    }
    // HashMap order varies between runs; sums must not.
    for list in &mut neighbours {
        list.sort_by_key(|(b, _)| *b);
    }
    // Average-linkage merging over the sparse graph (absent pairs count 0).
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for ((i, j), _) in edges {
        let (gi, gj) = (group_of[i], group_of[j]);
        if gi == gj {
            continue;
        }
        // Sum the computed similarities between the two groups by walking
        // the smaller group's neighbours: absent pairs are 0, so this equals
        // the all-pairs sum at the cost of the neighbours only.
        let (small, other) = if members[gi].len() <= members[gj].len() {
            (gi, gj)
        } else {
            (gj, gi)
        };
        let total: f64 = members[small]
            .iter()
            .flat_map(|&a| neighbours[a].iter())
            .filter(|(b, _)| group_of[*b] == other)
            .map(|(_, s)| s)
            .sum();
        let avg = total / (members[gi].len() * members[gj].len()) as f64;
        if avg >= THRESHOLD * MERGE_SHARE {
            let moved = std::mem::take(&mut members[gj]);
            for &m in &moved {
                group_of[m] = gi;
            }
            members[gi].extend(moved);
        }
    }
    let groups: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    // Second membership: a claim that contains a group's core.
    let cores: Vec<Option<BTreeSet<&str>>> = groups
        .iter()
        .map(|g| {
            if g.len() < 2 {
                return None;
            }
            let core = core_keys(g.iter().map(|&i| claims[i]), 0.8);
            let strong = core.iter().any(|k| k.starts_with("e:"))
                && core.iter().any(|k| !k.starts_with("e:"));
            strong.then_some(core)
        })
        .collect();
    let mut extra: Vec<(usize, usize)> = Vec::new();
    for (gi, core) in cores.iter().enumerate() {
        let Some(core) = core else { continue };
        // Candidates: the claims holding the core's rarest key.
        let Some(rarest) = core
            .iter()
            .filter_map(|k| index.get(k))
            .min_by_key(|l| l.len())
        else {
            continue;
        };
        let group_keys = |pred: fn(&str) -> bool| -> BTreeSet<&str> {
            groups[gi]
                .iter()
                .flat_map(|&m| prepared[m].keys.iter().copied())
                .filter(|k| pred(k))
                .collect()
        };
        let group_themes = group_keys(is_theme);
        for &i in rarest {
            let c = claims[i];
            // Holding a group's core is an entailment ("fighting for Russia"
            // holds "in Russia"); denying the stronger claim says nothing of
            // the weaker one, so denials join only by similarity.
            if groups[gi].contains(&i)
                || c.meta
                || matches!(
                    c.stance,
                    crate::model::Stance::Denies | crate::model::Stance::ReportsDenial
                )
            {
                continue;
            }
            let keys = &prepared[i].keys;
            if !core.iter().all(|k| keys.binary_search(k).is_ok()) {
                continue;
            }
            // Events may differ here ("soldiers fighting for Russia" holds
            // "troops are in Russia"); themes may not.
            let themes: BTreeSet<&str> = keys.iter().copied().filter(|k| is_theme(k)).collect();
            if !themes.is_empty() && !group_themes.is_empty() && themes.is_disjoint(&group_themes) {
                continue;
            }
            // Holding the core is not enough where the core is the story's
            // own subject ("explosions in Lebanon"): the claim must also be
            // close to the group as a whole.
            let total: f64 = groups[gi]
                .iter()
                .map(|&m| prepared_similarity(&prepared[i], &prepared[m], &idf))
                .sum();
            if total / groups[gi].len() as f64 >= SECOND_MEMBERSHIP {
                extra.push((gi, i));
            }
        }
    }
    let mut sets: Vec<ClaimSet> = groups
        .into_iter()
        .map(|primary| ClaimSet {
            primary,
            secondary: Vec::new(),
        })
        .collect();
    for (gi, i) in extra {
        sets[gi].secondary.push(i);
    }
    sets
}

/// A claim group: the claims that matched each other, and the claims that
/// joined because they hold the group's core (they also sit in a group of
/// their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSet {
    pub primary: Vec<usize>,
    pub secondary: Vec<usize>,
}

impl ClaimSet {
    /// Every member, primary first.
    pub fn members(&self) -> impl Iterator<Item = usize> + '_ {
        self.primary.iter().chain(&self.secondary).copied()
    }
}

/// The member most similar to the others (at most the first 64 are
/// compared): the most representative wording of a group.
pub fn medoid(members: &[usize], claims: &[&Claim], idf: &HashMap<&str, f64>) -> Option<usize> {
    let pool: Vec<usize> = members.iter().copied().take(64).collect();
    let prepared: Vec<Prepared<'_>> = pool
        .iter()
        .map(|&i| Prepared::new(&claims[i].keys, idf))
        .collect();
    (0..pool.len())
        .max_by(|&a, &b| {
            let score = |x: usize| -> f64 {
                (0..pool.len())
                    .filter(|&y| y != x)
                    .map(|y| prepared_similarity(&prepared[x], &prepared[y], idf))
                    .sum()
            };
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        })
        .map(|x| pool[x])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;

    fn claim(keys: &[&str]) -> Claim {
        Claim {
            sentence: 0,
            text: keys.join(" "),
            stance: Stance::Asserts,
            entities: Vec::new(),
            quantities: Vec::new(),
            date: None,
            origin: None,
            cues: Vec::new(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            refers_to: None,
            negated: false,
            meta: false,
        }
    }

    #[test]
    fn the_medoid_is_the_member_closest_to_the_rest() {
        let a = claim(&["e:norway", "c:TROOPS", "c:TRANSFER", "e:sweden"]);
        let b = claim(&["e:norway", "c:TROOPS", "e:sweden", "w:border"]);
        let c = claim(&["e:norway", "c:TROOPS", "c:TRANSFER", "w:help"]);
        let claims = [&a, &b, &c];
        let idf = idf(&claims);
        assert_eq!(medoid(&[0, 1, 2], &claims, &idf), Some(0));
    }

    #[test]
    fn a_meta_claim_never_matches_a_claim_about_the_world() {
        let world = claim(&["e:norway", "c:TROOPS", "c:TRANSFER"]);
        let mut said = claim(&["e:norway", "c:TROOPS", "c:TRANSFER", "c:DENY"]);
        said.keys.push("m:meta".into());
        let idf = idf(&[&world, &said]);
        assert_eq!(similarity(&world.keys, &said.keys, &idf), 0.0);
    }

    #[test]
    fn different_themes_weigh_less_than_the_same_theme() {
        let troops = claim(&["e:norway", "e:sweden", "c:TRANSFER", "c:TROOPS"]);
        let soldiers = claim(&["e:norway", "e:sweden", "c:TRANSFER", "c:TROOPS", "w:border"]);
        let weapons = claim(&["e:norway", "e:sweden", "c:TRANSFER", "c:WEAPONS"]);
        let idf = idf(&[&troops, &soldiers, &weapons]);
        let same = similarity(&troops.keys, &soldiers.keys, &idf);
        let other = similarity(&troops.keys, &weapons.keys, &idf);
        assert!(same > THRESHOLD && other < THRESHOLD, "{same} {other}");
    }
}
