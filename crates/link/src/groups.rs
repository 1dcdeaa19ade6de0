//! Claim grouping: the same proposition in different words, across articles,
//! becomes one group.
//!
//! Claims are compared on their content keys (canonical entities, concept
//! classes, word stems), weighted by how rare each key is in the story. Two
//! claims about different themes (troops vs weapons), different events
//! (sending vs attacking) or different subjects (Iran vs North Korea) are
//! kept apart. Candidates come from an inverted index, so only claims that
//! share a key are ever compared; groups are merged by average linkage
//! (claim by claim under the hand-set rule, the whole story at once under
//! the learned model).

use super::pairs::{self, Features, N_FEATURES, Scorer};
use crosscheck_core::analyze::claims::{is_event, is_theme};
use crosscheck_core::model::Claim;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Average similarity two groups need to merge.
pub const THRESHOLD: f64 = 0.40;

/// Average similarity to a group a claim needs, besides holding the group's
/// core, to join it as a second group.
pub const SECOND_MEMBERSHIP: f64 = 0.15;

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

/// The kind of conflict a key can show between two claims: 0 theme, 1
/// event, 2 subject, `None` for keys that only add similarity.
fn kind(key: &str) -> Option<usize> {
    if is_theme(key) {
        Some(0)
    } else if is_event(key) {
        Some(1)
    } else if key.starts_with("s:") {
        Some(2)
    } else {
        None
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
    penalise(shared / (a.mass * b.mass).sqrt(), &seen)
}

/// Lowers a similarity where the two claims each have keys of a kind but
/// share none: [theme, event, subject] × (a has, b has, both have).
fn penalise(sim: f64, seen: &[[bool; 3]; 3]) -> f64 {
    penalise_conflicts(sim, conflicts(seen))
}

/// Per kind of conflict [theme, event, subject], whether both claims have
/// keys of that kind and share none.
fn conflicts(seen: &[[bool; 3]; 3]) -> [bool; 3] {
    [0, 1, 2].map(|t| seen[t][0] && seen[t][1] && !seen[t][2])
}

/// The hand-set rule: a similarity lowered for each kind of conflict.
fn penalise_conflicts(mut sim: f64, conflict: [bool; 3]) -> f64 {
    if conflict[0] {
        sim *= 0.25;
    }
    if conflict[1] {
        sim *= 0.5;
    }
    if conflict[2] {
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

/// Keys held by more claims than this are the story's own subject and say
/// nothing about which proposition a claim makes; a fixed cap keeps
/// candidate generation flat in the story size.
pub const CANDIDATE_CAP: usize = 200;

/// At most this many earlier claims are compared with a new one: those
/// sharing its rarest keys first. Bounds a claim's cost in stories full of
/// near-identical wire copy, where every key is held by many claims.
pub const MAX_CANDIDATES: usize = 100;

/// Similarities below this are not kept between claims: too weak to move a
/// group average, and they would make memory grow with the square of a
/// story's copies. (0.2 would halve the lists' memory, measured with
/// `link_growth`, but it changes groups: seeds B-cubed 0.968 → 0.924.)
pub const KEEP_SIMILARITY: f64 = 0.1;

/// Two groups that a new claim bridges are tested for merging only while
/// the smaller has at most this many members: the test walks the smaller
/// group's neighbours, and one more claim hardly moves the average of two
/// large groups that did not merge before.
pub const BRIDGE_LIMIT: usize = 64;

/// One claim's neighbours: the claims at least [`KEEP_SIMILARITY`] similar
/// to it, each with the similarity, in the order they were found (claim
/// indices ascending), packed. The lists are the largest part of a
/// linker's memory (at a million articles, half of it with a `(u32, f32)`
/// per entry), so an entry is the distance from the list's own claim as a
/// zigzag LEB128 varint (two or three bytes in practice) and the
/// similarity in 1/65,535ths (two bytes; the averages these sums feed are
/// compared with a threshold, and 0.00002 is far below what moves a claim).
/// Written here: a varint is a few lines, and no crate packs such pairs.
#[derive(Debug, Default, Clone)]
struct Neighbours(Vec<u8>);

impl Neighbours {
    /// The most bytes an entry takes: a five-byte varint and the similarity.
    const MAX_ENTRY: usize = 7;

    fn quantise(sim: f64) -> u16 {
        // In [0, 1] by construction (a cosine, then lowered); clamped all the same.
        (sim.clamp(0.0, 1.0) * f64::from(u16::MAX)).round() as u16
    }

    fn encode(bytes: &mut Vec<u8>, owner: u32, other: u32, sim: u16) {
        let delta = i64::from(other) - i64::from(owner);
        let mut z = ((delta << 1) ^ (delta >> 63)) as u64;
        while z >= 0x80 {
            bytes.push((z as u8) | 0x80);
            z >>= 7;
        }
        bytes.push(z as u8);
        bytes.extend_from_slice(&sim.to_le_bytes());
    }

    /// A list built in one go, with no room kept for growth it will rarely see.
    fn build(owner: u32, entries: &[(u32, f64)]) -> Self {
        let mut bytes = Vec::with_capacity(entries.len() * 4);
        for &(other, sim) in entries {
            Self::encode(&mut bytes, owner, other, Self::quantise(sim));
        }
        bytes.shrink_to_fit();
        Neighbours(bytes)
    }

    /// Appends an entry, growing the list by a quarter rather than doubling
    /// it (with doubling half the room stood empty, measured at 30k
    /// articles).
    fn push(&mut self, owner: u32, other: u32, sim: f64) {
        let bytes = &mut self.0;
        if bytes.capacity() - bytes.len() < Self::MAX_ENTRY {
            bytes.reserve_exact(bytes.len() / 4 + 2 * Self::MAX_ENTRY);
        }
        Self::encode(bytes, owner, other, Self::quantise(sim));
    }

    /// The entries: (claim, similarity), in the order they were added.
    fn iter(&self, owner: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let mut at = 0;
        let bytes = &self.0;
        std::iter::from_fn(move || {
            let (other, sim, next) = Self::decode(bytes, at, owner)?;
            at = next;
            Some((other, sim))
        })
    }

    /// The entry at `at`, and where the next begins.
    fn decode(bytes: &[u8], mut at: usize, owner: u32) -> Option<(u32, f64, usize)> {
        let mut z = 0u64;
        let mut shift = 0;
        loop {
            let b = *bytes.get(at)?;
            at += 1;
            z |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 || shift >= 64 {
                break;
            }
        }
        let delta = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let sim = u16::from_le_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]);
        let other = u32::try_from(i64::from(owner) + delta).ok()?;
        Some((other, f64::from(sim) / f64::from(u16::MAX), at + 2))
    }

    /// Keeps the entries whose claim passes `keep`, in order.
    fn retain(&mut self, owner: u32, keep: impl Fn(u32) -> bool) {
        let bytes = &mut self.0;
        let (mut read, mut write) = (0, 0);
        while let Some((other, _, next)) = Self::decode(bytes, read, owner) {
            if keep(other) {
                bytes.copy_within(read..next, write);
                write += next - read;
            }
            read = next;
        }
        bytes.truncate(write);
    }

    fn clear(&mut self) {
        self.0 = Vec::new();
    }

    fn heap_bytes(&self) -> usize {
        self.0.capacity()
    }
}

/// What the grouper knows of one key of a story.
#[derive(Debug, Clone)]
struct KeyInfo {
    weight: f64,
    /// 0 entity, 1 concept, 2 word, 3 other (subject and marker keys).
    class: usize,
    /// 0 theme, 1 event, 2 subject (see [`prepared_similarity`]).
    kind: Option<usize>,
    /// How many of the story's claims hold it, and its logarithm.
    df: u32,
    ln_df: f64,
}

/// The claims of one story, grouped in one of two ways.
///
/// With a learned pairwise model ([`Grouper::with_scorer`]), adding a claim
/// only records it; [`Grouper::groups`] then groups the whole story by
/// average linkage ([`crate::linkage`]) over the model's probabilities for
/// the candidate pairs (each claim's, from the key index as below, earlier
/// and later), under the key weights of the whole story. The groups do not
/// depend on the order the claims arrived in; the cost is paid when the
/// groups are read, about that of adding every claim anew.
///
/// With the hand-set rule, claims are grouped one at a time, so that adding
/// a claim costs its candidates, not the story. A new claim is compared
/// with the claims that share a key with it (keys held by more than [`CANDIDATE_CAP`] claims propose none; at most
/// [`MAX_CANDIDATES`], rarest keys first), weighted by the
/// key IDF of the claims seen so far. It joins the group it is closest to
/// on average when one of its edges reaches [`THRESHOLD`] and the average
/// reaches `THRESHOLD × MERGE_SHARE` (average linkage with a singleton);
/// then every other group it has such an edge to merges with that group
/// when the two pass the same average-linkage test (while the smaller has
/// at most [`BRIDGE_LIMIT`] members; similarities below
/// [`KEEP_SIMILARITY`] are not kept for these averages). Batch grouping is
/// this run from an empty grouper, so the two always agree.
#[derive(Debug, Default, Clone)]
pub struct Grouper {
    ids: HashMap<String, u32>,
    keys: Vec<KeyInfo>,
    /// Per claim, where its interned keys (sorted, unique) start in
    /// `key_data` (a claim's end is the next one's start): one flat array
    /// rather than a `Vec` per claim.
    key_start: Vec<u32>,
    key_data: Vec<u32>,
    /// Per claim, whether it is a claim about what a party said.
    meta: Vec<bool>,
    /// Per claim, whether it states its proposition negated.
    negated: Vec<bool>,
    /// Per claim, the document it comes from (as the caller numbers them).
    doc: Vec<u32>,
    /// Per claim, a hash of whom it credits (0: the outlet's own voice).
    origin: Vec<u64>,
    /// Per claim, its clause's embedding, quantised (empty without an embedder).
    embedding: Vec<Box<[i8]>>,
    /// The sum of the claims' embeddings, and how many there are: the
    /// story's centre, which every sentence about the story shares.
    embedding_sum: Vec<f64>,
    embedded: u32,
    /// The learned pairwise model (`None`: the hand-set rule).
    scorer: Option<Arc<Scorer>>,
    postings: Vec<Vec<u32>>,
    /// Per claim, its similarities to earlier and later claims (at least
    /// [`KEEP_SIMILARITY`]), for the averages of bridge merges. Only a group
    /// of at most [`BRIDGE_LIMIT`] members is ever the smaller one whose
    /// lists are read, so the lists of a larger group's members are dropped
    /// (`pruned`): most of the memory of a story of wire copies.
    neighbours: Vec<Neighbours>,
    group_of: Vec<u32>,
    members: Members,
    pruned: Vec<bool>,
}

/// No claim: the end of a member chain, or an empty group.
const NONE: u32 = u32::MAX;

/// The groups' members as chains through the claims, in the order they
/// joined: a group is its first and last claim and its size, a claim the
/// next claim of its group. Most groups hold one claim, and a `Vec` per
/// group (24 bytes, plus a heap block) was the larger part of their memory.
#[derive(Debug, Default, Clone)]
struct Members {
    head: Vec<u32>,
    tail: Vec<u32>,
    len: Vec<u32>,
    /// Per claim, the next member of its group.
    next: Vec<u32>,
}

impl Members {
    /// A new group of one claim (already given its `next` slot); returns
    /// the group.
    fn start(&mut self, claim: u32) -> u32 {
        self.head.push(claim);
        self.tail.push(claim);
        self.len.push(1);
        (self.head.len() - 1) as u32
    }

    /// Appends `claim` (already given its `next` slot) to group `g`.
    fn push(&mut self, g: u32, claim: u32) {
        let g = g as usize;
        match self.tail[g] {
            NONE => self.head[g] = claim,
            last => self.next[last as usize] = claim,
        }
        self.tail[g] = claim;
        self.len[g] += 1;
    }

    fn len(&self, g: u32) -> usize {
        self.len[g as usize] as usize
    }

    fn first(&self, g: u32) -> Option<u32> {
        Some(self.head[g as usize]).filter(|&c| c != NONE)
    }

    /// Group `g`'s members in the order they joined.
    fn of(&self, g: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(self.first(g), |&c| {
            Some(self.next[c as usize]).filter(|&n| n != NONE)
        })
    }

    /// Moves `gone`'s members after `keep`'s, leaving `gone` empty.
    fn append(&mut self, keep: u32, gone: u32) {
        let (k, g) = (keep as usize, gone as usize);
        if self.head[g] == NONE {
            return;
        }
        match self.tail[k] {
            NONE => self.head[k] = self.head[g],
            last => self.next[last as usize] = self.head[g],
        }
        self.tail[k] = self.tail[g];
        self.len[k] += self.len[g];
        (self.head[g], self.tail[g], self.len[g]) = (NONE, NONE, 0);
    }

    fn heap_bytes(&self) -> usize {
        (self.head.capacity() + self.tail.capacity() + self.len.capacity() + self.next.capacity())
            * 4
    }

    fn groups(&self) -> usize {
        self.head.len()
    }
}

impl Grouper {
    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(KeyInfo {
            weight: weight(key),
            class: match &key[..2.min(key.len())] {
                "e:" => 0,
                "c:" => 1,
                "w:" => 2,
                _ => 3,
            },
            kind: kind(key),
            df: 0,
            ln_df: 0.0,
        });
        self.postings.push(Vec::new());
        self.ids.insert(key.to_string(), id);
        id
    }

    /// The number of claims added.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// Whether no claim was added.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// Approximate heap bytes held, by part: (key table, claims' keys and
    /// postings, neighbour lists, groups). Capacities times element sizes;
    /// allocator overhead is not counted.
    pub fn heap_bytes(&self) -> [usize; 4] {
        use std::mem::size_of;
        let keys = self.ids.capacity() * (size_of::<(String, u32)>() + 1)
            + self.ids.keys().map(String::capacity).sum::<usize>()
            + self.keys.capacity() * size_of::<KeyInfo>();
        let claims = (self.key_start.capacity() + self.key_data.capacity()) * 4
            + self.meta.capacity()
            + self.postings.capacity() * size_of::<Vec<u32>>()
            + self
                .postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>();
        let neighbours = self.neighbours.capacity() * size_of::<Neighbours>()
            + self
                .neighbours
                .iter()
                .map(Neighbours::heap_bytes)
                .sum::<usize>();
        let groups =
            self.group_of.capacity() * 4 + self.pruned.capacity() + self.members.heap_bytes();
        [keys, claims, neighbours, groups]
    }

    /// A claim's interned keys, sorted and unique.
    fn keys_of(&self, claim: usize) -> &[u32] {
        let start = self.key_start[claim] as usize;
        let end = self
            .key_start
            .get(claim + 1)
            .map_or(self.key_data.len(), |&e| e as usize);
        &self.key_data[start..end]
    }

    /// A key's weight in a story of `e^ln_n` claims: its kind's weight × IDF.
    fn key_weight(&self, k: u32, ln_n: f64) -> f64 {
        let info = &self.keys[k as usize];
        info.weight * (1.0 + ln_n - info.ln_df)
    }

    /// A grouper that scores pairs with `scorer` (`None`: the hand-set rule).
    pub fn with_scorer(scorer: Option<Arc<Scorer>>) -> Self {
        Grouper {
            scorer,
            ..Self::default()
        }
    }

    /// How alike claims `a` and `b` are (0 for a claim about what a party
    /// said against a claim about the world: "X denied sending troops" is
    /// not "X sent troops"): the learned model's probability when the
    /// grouper has one, else the hand-set rule (the weighted key cosine,
    /// lowered for each kind of conflict).
    fn similarity(&self, a: usize, b: usize, ln_n: f64) -> f64 {
        if self.meta[a] != self.meta[b] {
            return 0.0;
        }
        let f = self.pair_features(a, b, ln_n);
        match &self.scorer {
            Some(scorer) => {
                // Two claims of one document are never linked directly: the
                // model is fitted on pairs across documents (what decides
                // corroboration), and inside one article every sentence on
                // its topic shares its names and wording. They still meet
                // in a group through claims of other documents.
                if (f[0] == 0.0 && f[10] == 0.0) || f[9] > 0.0 || pairs::vetoed(&f) {
                    0.0
                } else {
                    scorer.probability(&f)
                }
            }
            None => penalise_conflicts(f[0], [f[4] > 0.0, f[5] > 0.0, f[6] > 0.0]),
        }
    }

    /// How alike claims `a` and `b` (in the order they were added) are
    /// now: what a claim's best edge to a group is compared with when it
    /// joins one.
    pub fn pair_similarity(&self, a: usize, b: usize) -> f64 {
        self.similarity(a, b, (self.len() as f64).ln())
    }

    /// The signals of claims `a` and `b` ([`pairs::FEATURES`]) under the key
    /// weights of a story of `e^ln_n` claims.
    fn pair_features(&self, a: usize, b: usize, ln_n: f64) -> Features {
        let (ka, kb) = (self.keys_of(a), self.keys_of(b));
        // Weighted mass per class (entity, concept, word) and in all.
        let masses = |keys: &[u32]| {
            let mut m = [0.0f64; 4];
            for &k in keys {
                let w = self.key_weight(k, ln_n);
                m[self.keys[k as usize].class] += w;
            }
            m
        };
        let (ma, mb) = (masses(ka), masses(kb));
        let (mut i, mut j) = (0, 0);
        let mut shared = [0.0f64; 4];
        // The IDF of the rarest content key the two share.
        let mut rarest = 0.0f64;
        // [theme, event, subject] × (a has, b has, both have)
        let mut seen = [[false; 3]; 3];
        while i < ka.len() || j < kb.len() {
            let ord = match (ka.get(i), kb.get(j)) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match ord {
                std::cmp::Ordering::Less => {
                    if let Some(t) = self.keys[ka[i] as usize].kind {
                        seen[t][0] = true;
                    }
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    if let Some(t) = self.keys[kb[j] as usize].kind {
                        seen[t][1] = true;
                    }
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let info = &self.keys[ka[i] as usize];
                    shared[info.class] += self.key_weight(ka[i], ln_n);
                    if info.class < 3 {
                        rarest = rarest.max(1.0 + ln_n - info.ln_df);
                    }
                    if let Some(t) = info.kind {
                        seen[t] = [true, true, true];
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let cos = |s: f64, x: f64, y: f64| {
            if x > 0.0 && y > 0.0 {
                s / (x * y).sqrt()
            } else {
                0.0
            }
        };
        let total = |m: &[f64; 4]| m[0] + m[1] + m[2];
        let conflict = conflicts(&seen).map(|c| f64::from(u8::from(c)));
        let (emb, centered) = match (self.embedding[a].as_ref(), self.embedding[b].as_ref()) {
            (x, y) if !x.is_empty() && !y.is_empty() => {
                (pairs::cosine_i8(x, y), self.centered_cosine(x, y))
            }
            _ => (0.0, 0.0),
        };
        let mut f = [0.0; N_FEATURES];
        f[0] = cos(shared[0] + shared[1] + shared[2], total(&ma), total(&mb));
        f[1] = cos(shared[0], ma[0], mb[0]);
        f[2] = cos(shared[1], ma[1], mb[1]);
        f[3] = cos(shared[2], ma[2], mb[2]);
        f[4..7].copy_from_slice(&conflict);
        f[7] = f64::from(u8::from(seen[2][2]));
        f[8] = f64::from(u8::from(self.negated[a] != self.negated[b]));
        f[9] = f64::from(u8::from(self.doc[a] == self.doc[b]));
        f[10] = emb;
        f[11] = centered;
        f[12] = f64::from(u8::from(
            self.origin[a] != 0 && self.origin[a] == self.origin[b],
        ));
        // As a share of the largest IDF a key can have in this story.
        f[13] = rarest / (1.0 + ln_n);
        f[14] = f[0] * centered.max(0.0);
        f
    }

    /// The cosine of two embeddings less the story's centre: what the two
    /// clauses share beyond what every sentence of the story shares.
    fn centered_cosine(&self, a: &[i8], b: &[i8]) -> f64 {
        // The centre of the story's other claims: leaving the two out keeps
        // the centre of a small story from being the pair itself (of two
        // claims, each is the other's opposite about their mean).
        let others = f64::from(self.embedded) - 2.0;
        // m = (S − a − b) / others, with S the sum of the story's
        // embeddings; its products with a and b, and with itself, come from
        // one pass over the dimensions (no vector per pair).
        let (mut sa, mut sb, mut aa, mut bb, mut ab_raw, mut ss) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for ((&s, &x), &y) in self.embedding_sum.iter().zip(a).zip(b) {
            let (x, y) = (f64::from(x) / 127.0, f64::from(y) / 127.0);
            sa += s * x;
            sb += s * y;
            aa += x * x;
            bb += y * y;
            ab_raw += x * y;
            ss += s * s;
        }
        let (am, bm, mm) = if others >= 1.0 {
            (
                (sa - aa - ab_raw) / others,
                (sb - ab_raw - bb) / others,
                (ss - 2.0 * sa - 2.0 * sb + aa + 2.0 * ab_raw + bb) / (others * others),
            )
        } else {
            (0.0, 0.0, 0.0)
        };
        let ab = pairs::cosine_i8(a, b);
        // |a| = |b| = 1: (a−m)·(b−m) = a·b − a·m − b·m + m·m.
        let num = ab - am - bm + mm;
        let na = (1.0 - 2.0 * am + mm).max(0.0).sqrt();
        let nb = (1.0 - 2.0 * bm + mm).max(0.0).sqrt();
        if na < 1e-9 || nb < 1e-9 {
            0.0
        } else {
            num / (na * nb)
        }
    }

    /// The signals of claims `a` and `b` (in the order they were added) as
    /// the grouper sees them now: what a pairwise model is trained on.
    pub fn features(&self, a: usize, b: usize) -> Features {
        self.pair_features(a, b, (self.len() as f64).ln())
    }

    /// The average similarity of two groups, summed over the smaller one's
    /// neighbours (absent pairs count 0).
    fn average(&self, g: u32, h: u32) -> f64 {
        let (mg, mh) = (self.members.len(g), self.members.len(h));
        let (small, other) = if mg <= mh { (g, h) } else { (h, g) };
        let total: f64 = self
            .members
            .of(small)
            .flat_map(|a| self.neighbours[a as usize].iter(a))
            .filter(|(b, _)| self.group_of[*b as usize] == other)
            .map(|(_, s)| s)
            .sum();
        total / (mg * mh) as f64
    }

    /// Moves the smaller group's members into the larger; returns the group
    /// that remains.
    fn merge(&mut self, g: u32, h: u32) -> u32 {
        let (keep, gone) = if self.members.len(g) >= self.members.len(h) {
            (g, h)
        } else {
            (h, g)
        };
        let pruned = self.pruned[keep as usize];
        for m in self.members.of(gone) {
            self.group_of[m as usize] = keep;
            if pruned {
                self.neighbours[m as usize].clear();
            }
        }
        self.members.append(keep, gone);
        self.prune(keep);
        if !self.pruned[keep as usize] {
            // The pairs between the two are inside one group now: never
            // read again (see `add`).
            for m in self.members.of(keep) {
                let group_of = &self.group_of;
                self.neighbours[m as usize].retain(m, |b| group_of[b as usize] != keep);
            }
        }
        keep
    }

    /// Drops the neighbour lists of a group that has grown past
    /// [`BRIDGE_LIMIT`] (they are never read again: groups only grow).
    fn prune(&mut self, g: u32) {
        if self.pruned[g as usize] || self.members.len(g) <= BRIDGE_LIMIT {
            return;
        }
        self.pruned[g as usize] = true;
        for m in self.members.of(g) {
            self.neighbours[m as usize].clear();
        }
    }

    /// Adds the next claim of the story and places it in a group: `doc`
    /// numbers its document (pairs within one document are told apart),
    /// `embedding` is its clause's unit vector when the linker has an
    /// embedder.
    pub fn add(&mut self, claim: &Claim, doc: u32, embedding: Option<&[f32]>) {
        let i = self.len();
        let mut keys: Vec<u32> = claim.keys.iter().map(|k| self.intern(k)).collect();
        keys.sort_unstable();
        keys.dedup();
        let meta = self.ids.get("m:meta").is_some_and(|m| keys.contains(m));
        for &k in &keys {
            let info = &mut self.keys[k as usize];
            info.df += 1;
            info.ln_df = f64::from(info.df).ln();
        }
        // Candidates: the earlier claims sharing a key that is not too
        // common (none for the learned model, which groups the whole story
        // at once).
        let candidates = if self.scorer.is_some() {
            Vec::new()
        } else {
            self.rarest_first(
                keys.iter()
                    .copied()
                    .filter(|&k| {
                        self.keys[k as usize].kind != Some(2)
                            && self.keys[k as usize].df as usize <= CANDIDATE_CAP + 1
                    })
                    .collect(),
            )
        };
        for &k in &keys {
            let info = &self.keys[k as usize];
            if info.kind == Some(2) {
                continue;
            }
            // A key's postings are read only while at most CANDIDATE_CAP
            // earlier claims hold it (its `df` counts this claim too): past
            // that they are dropped. In a story of wire copies most keys
            // get there, and their lists were most of the postings' memory.
            let list = &mut self.postings[k as usize];
            if info.df as usize > CANDIDATE_CAP {
                *list = Vec::new();
            } else {
                list.push(i as u32);
            }
        }
        // Key positions are u32: four billion keys per story.
        self.key_start
            .push(u32::try_from(self.key_data.len()).unwrap_or(u32::MAX));
        self.key_data.extend_from_slice(&keys);
        self.meta.push(meta);
        self.negated.push(claim.negated);
        self.doc.push(doc);
        self.origin.push(claim.origin.as_deref().map_or(0, |o| {
            xxhash_rust::xxh3::xxh3_64(o.to_lowercase().as_bytes()) | 1
        }));
        if let Some(e) = embedding {
            if self.embedding_sum.len() < e.len() {
                self.embedding_sum.resize(e.len(), 0.0);
            }
            for (s, x) in self.embedding_sum.iter_mut().zip(e) {
                *s += f64::from(*x);
            }
            self.embedded += 1;
        }
        self.embedding
            .push(embedding.map(pairs::quantise).unwrap_or_default());
        self.neighbours.push(Neighbours::default());
        self.members.next.push(NONE);
        if self.scorer.is_some() {
            // The learned model groups the whole story at once
            // (`linked_groups`): the claim waits alone until then.
            self.pruned.push(true);
            let g = self.members.start(i as u32);
            self.group_of.push(g);
            return;
        }
        let ln_n = (self.len() as f64).ln();
        let (threshold, merge_share) = (THRESHOLD, MERGE_SHARE);
        // Per neighbouring group: the sum of similarities and the best edge.
        let mut by_group: BTreeMap<u32, (f64, f64)> = BTreeMap::new();
        let mut edges: Vec<(u32, f64)> = Vec::new();
        for &j in &candidates {
            let s = self.similarity(i, j as usize, ln_n);
            if s >= KEEP_SIMILARITY {
                edges.push((j, s));
                let e = by_group.entry(self.group_of[j as usize]).or_default();
                e.0 += s;
                e.1 = e.1.max(s);
            }
        }
        let linked: Vec<(u32, f64, f64)> = by_group
            .into_iter()
            .filter(|(_, (_, best))| *best >= threshold)
            .map(|(g, (total, best))| (g, total / self.members.len(g) as f64, best))
            .collect();
        let join = linked
            .iter()
            .filter(|(_, avg, _)| *avg >= threshold * merge_share)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(g, _, _)| *g);
        let mut group = match join {
            Some(g) => {
                self.members.push(g, i as u32);
                g
            }
            None => {
                self.pruned.push(false);
                self.members.start(i as u32)
            }
        };
        self.group_of.push(group);
        // Only pairs across two groups are ever read (an average is over
        // two groups), and groups never split: a pair inside one group is
        // not kept (in a story of copies, most pairs are).
        let across: Vec<(u32, f64)> = edges
            .into_iter()
            .filter(|&(j, _)| self.group_of[j as usize] != group)
            .collect();
        for &(j, s) in &across {
            if !self.pruned[self.group_of[j as usize] as usize] {
                self.neighbours[j as usize].push(j, i as u32, s);
            }
        }
        if !self.pruned[group as usize] {
            self.neighbours[i] = Neighbours::build(i as u32, &across);
        }
        self.prune(group);
        // The new claim may bridge its group with others it is close to:
        // strongest edges first, as batch average linkage would take them.
        let mut bridges: Vec<(u32, f64)> = linked
            .iter()
            .filter(|(g, _, _)| Some(*g) != join)
            .map(|(g, _, best)| (*g, *best))
            .collect();
        bridges.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (h, _) in bridges {
            // `h` may have been merged into another group already.
            let Some(first) = self.members.first(h) else {
                continue;
            };
            let h = self.group_of[first as usize];
            let smaller = self.members.len(group).min(self.members.len(h));
            if h != group
                && smaller <= BRIDGE_LIMIT
                && self.average(group, h) >= threshold * merge_share
            {
                group = self.merge(group, h);
            }
        }
    }

    /// The groups so far, each a sorted list of claim indices (the order
    /// claims were added), in order of their first claim.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        match &self.scorer {
            Some(scorer) => self.linked_groups(scorer.threshold),
            None => self.joined_groups(),
        }
    }

    /// The groups the hand-set rule built as claims arrived.
    fn joined_groups(&self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = (0..self.members.groups() as u32)
            .filter(|&g| self.members.len(g) > 0)
            .map(|g| {
                let mut m: Vec<usize> = self.members.of(g).map(|x| x as usize).collect();
                m.sort_unstable();
                m
            })
            .collect();
        out.sort_by_key(|m| m[0]);
        out
    }

    /// A claim's candidates for the learned model, earlier and later: the
    /// claims sharing one of its keys that is not too common (a key held by
    /// more than [`CANDIDATE_CAP`] claims has no postings), rarest keys
    /// first, up to [`MAX_CANDIDATES`].
    fn candidates(&self, i: usize) -> Vec<u32> {
        let mut out = self.rarest_first(
            self.keys_of(i)
                .iter()
                .copied()
                .filter(|&k| {
                    self.keys[k as usize].kind != Some(2) && !self.postings[k as usize].is_empty()
                })
                .collect(),
        );
        out.retain(|&j| j as usize != i);
        out
    }

    /// The claims in the postings of `keys`, the keys with the shortest
    /// postings first, until [`MAX_CANDIDATES`] are gathered; sorted, unique.
    fn rarest_first(&self, mut keys: Vec<u32>) -> Vec<u32> {
        keys.sort_by_key(|&k| (self.postings[k as usize].len(), k));
        let mut out: Vec<u32> = Vec::new();
        for &k in &keys {
            if out.len() >= MAX_CANDIDATES {
                break;
            }
            out.extend_from_slice(&self.postings[k as usize]);
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// The story's claims grouped by the learned model: average linkage
    /// ([`crate::linkage`]) over the candidate pairs' probabilities under
    /// the story's key weights now, merging while the average reaches
    /// `threshold`. The same claims give the same groups in any order.
    fn linked_groups(&self, threshold: f64) -> Vec<Vec<usize>> {
        let n = self.len();
        let ln_n = (n as f64).ln();
        let mut pairs: Vec<(u32, u32)> = (0..n)
            .flat_map(|i| {
                self.candidates(i)
                    .into_iter()
                    .map(move |j| (j.min(i as u32), j.max(i as u32)))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let edges: Vec<(u32, u32, f64)> = pairs
            .into_iter()
            .filter_map(|(a, b)| {
                let s = self.similarity(a as usize, b as usize, ln_n);
                (s >= KEEP_SIMILARITY).then_some((a, b, s))
            })
            .collect();
        let cluster = crate::linkage::average_linkage(n, &edges, threshold);
        let mut by_cluster: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, c) in cluster.into_iter().enumerate() {
            by_cluster.entry(c).or_default().push(i);
        }
        // Keyed by the smallest member, each sorted: in order of first claim.
        by_cluster.into_values().collect()
    }
}

/// Groups claims; returns groups of indices into `claims`. A claim that holds
/// the core of another group as well (all the keys most of its members
/// share) is added to that group too: one sentence can carry two claims.
pub fn group(claims: &[&Claim]) -> Vec<ClaimSet> {
    let mut grouper = Grouper::default();
    for (i, c) in claims.iter().enumerate() {
        grouper.add(c, i as u32, None);
    }
    with_second_members(claims, grouper.groups(), &idf(claims))
}

/// Adds to `groups` (over `claims`) the claims that hold a group's core as
/// second members.
pub fn with_second_members(
    claims: &[&Claim],
    groups: Vec<Vec<usize>>,
    idf: &HashMap<&str, f64>,
) -> Vec<ClaimSet> {
    let prepared: Vec<Prepared<'_>> = claims.iter().map(|c| Prepared::new(&c.keys, idf)).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        for k in c.keys.iter().filter(|k| !k.starts_with("s:")) {
            let list = index.entry(k.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
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
                    crosscheck_core::model::Stance::Denies
                        | crosscheck_core::model::Stance::ReportsDenial
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
                .map(|&m| prepared_similarity(&prepared[i], &prepared[m], idf))
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
    use crosscheck_core::model::Stance;

    pub(super) fn claim(keys: &[&str]) -> Claim {
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
    fn neighbour_lists_give_back_what_was_put_in_them() {
        let owner = 70_000;
        let earlier = [(0, 0.1), (69_999, 1.0), (1_000, 0.4)];
        let mut list = Neighbours::build(owner, &earlier);
        for (other, sim) in [(70_001, 0.25), (u32::MAX, 0.731), (4_000_000_000, 0.5)] {
            list.push(owner, other, sim);
        }
        let got: Vec<(u32, f64)> = list.iter(owner).collect();
        let want = [
            (0, 0.1),
            (69_999, 1.0),
            (1_000, 0.4),
            (70_001, 0.25),
            (u32::MAX, 0.731),
            (4_000_000_000, 0.5),
        ];
        assert_eq!(got.len(), want.len());
        for ((c, s), (wc, ws)) in got.iter().zip(want) {
            assert_eq!(*c, wc);
            assert!((s - ws).abs() <= 0.5 / 65_535.0, "{s} vs {ws}");
        }
        // Small distances take one byte, the similarity two.
        assert_eq!(Neighbours::build(10, &[(11, 0.5)]).heap_bytes(), 3);
        list.retain(owner, |c| c % 2 == 1);
        let kept: Vec<u32> = list.iter(owner).map(|(c, _)| c).collect();
        assert_eq!(kept, vec![69_999, 70_001, u32::MAX]);
        list.clear();
        assert_eq!(list.iter(owner).count(), 0);
    }

    #[test]
    fn member_chains_keep_the_order_claims_joined_in() {
        let mut m = Members {
            next: vec![NONE; 6],
            ..Members::default()
        };
        let a = m.start(0);
        let b = m.start(1);
        m.push(a, 2);
        m.push(b, 3);
        m.push(a, 4);
        m.append(a, b);
        assert_eq!(m.of(a).collect::<Vec<_>>(), vec![0, 2, 4, 1, 3]);
        assert_eq!((m.len(a), m.len(b), m.first(b)), (5, 0, None));
        // An emptied group takes members again.
        m.push(b, 5);
        assert_eq!(m.of(b).collect::<Vec<_>>(), vec![5]);
        m.append(b, a);
        assert_eq!(m.of(b).collect::<Vec<_>>(), vec![5, 0, 2, 4, 1, 3]);
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

#[cfg(test)]
mod learned_tests {
    use super::tests::claim;
    use super::*;
    use crate::pairs::{COMMITTED, Scorer};

    /// Groups as sets of claim texts, whatever order the claims came in.
    fn grouped(claims: &[(Claim, u32)]) -> BTreeSet<BTreeSet<String>> {
        let scorer = Arc::new(Scorer::new(&COMMITTED.keys_only));
        let mut g = Grouper::with_scorer(Some(scorer));
        for (c, doc) in claims {
            g.add(c, *doc, None);
        }
        g.groups()
            .into_iter()
            .map(|m| m.iter().map(|&i| claims[i].0.text.clone()).collect())
            .collect()
    }

    fn story() -> Vec<(Claim, u32)> {
        // Three outlets say one thing in the same words; a claim of another
        // outlet shares nothing with them; two claims of a fourth share one
        // key with each other.
        let same = ["e:ruritania", "c:SEND", "c:TROOPS", "w:border", "w:brigad"];
        let mut out: Vec<(Claim, u32)> = (0..3)
            .map(|d| {
                let mut c = claim(&same);
                c.text = format!("{} ({d})", c.text);
                (c, d)
            })
            .collect();
        out.push((claim(&["w:weather", "w:rain"]), 1));
        out.push((claim(&["w:harvest", "w:wheat", "w:price"]), 3));
        out.push((claim(&["w:harvest", "w:museum", "w:paint"]), 3));
        out
    }

    #[test]
    fn the_learned_groups_do_not_depend_on_the_order_of_arrival() {
        let claims = story();
        let mut reversed = claims.clone();
        reversed.reverse();
        let mut interleaved: Vec<(Claim, u32)> = claims.iter().step_by(2).cloned().collect();
        interleaved.extend(claims.iter().skip(1).step_by(2).cloned());
        let a = grouped(&claims);
        assert_eq!(a, grouped(&reversed));
        assert_eq!(a, grouped(&interleaved));
        // The three wordings are one group; the others stand alone (the
        // two of one article are never linked to each other).
        assert!(a.iter().any(|g| g.len() == 3), "{a:?}");
        assert_eq!(a.len(), 4, "{a:?}");
    }

    #[test]
    fn two_claims_of_one_article_are_never_linked_directly() {
        // The same wording twice in one article, then in another.
        let scorer = Arc::new(Scorer::new(&COMMITTED.keys_only));
        let mut g = Grouper::with_scorer(Some(scorer));
        let c = claim(&["e:ruritania", "c:SEND", "c:TROOPS", "w:border"]);
        g.add(&c, 4, None);
        g.add(&c, 4, None);
        assert_eq!(g.groups().len(), 2, "alone in one article");
        g.add(&c, 5, None);
        assert_eq!(g.groups().len(), 1, "joined through another article");
    }
}
