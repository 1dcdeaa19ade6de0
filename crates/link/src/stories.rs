//! Story separation: documents about different stories, mixed in one input,
//! are split into stories by what they are about (entities and content keys).
//!
//! Incremental leader clustering: each document joins the story whose
//! centroid it is closest to (cosine over TF-IDF weighted keys, with the
//! document frequencies seen so far) when that is close enough, or starts a
//! new story. Cost is documents × stories, and a new document never
//! reshuffles the stories before it.

use crosscheck_core::model::Analysis;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Cosine similarity a document needs with a story to join it.
pub const THRESHOLD: f64 = 0.07;

/// Stories a key may be in and still propose them as candidates: a key
/// most stories share ("said", a country in every story) tells none apart,
/// and comparing with every story would make a document's cost grow with
/// the number of stories.
pub const CANDIDATE_STORIES: usize = 64;

type Vector = FxHashMap<u32, f64>;

fn doc_terms(a: &Analysis) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    for m in &a.mentions {
        if a.sentences.get(m.sentence).is_some_and(|s| s.boilerplate) {
            continue;
        }
        *tf.entry(format!("e:{}", m.canonical.to_lowercase()))
            .or_default() += 2.0;
    }
    for c in &a.claims {
        for k in c
            .keys
            .iter()
            .filter(|k| k.starts_with("w:") || k.starts_with("c:"))
        {
            *tf.entry(k.clone()).or_default() += 1.0;
        }
    }
    tf
}

/// A story's centroid: the normalised sum of its previous centroid and each
/// new document, which weighs recent documents more (a story drifts as it
/// develops). It is kept as `scale × stored`, with the stored vector's
/// squared norm, so joining costs only the new document's terms instead of
/// renormalising the whole centroid.
#[derive(Debug, Clone)]
struct Centroid {
    stored: Vector,
    norm2: f64,
    scale: f64,
}

/// Stories found one document at a time. Key weights are TF-IDF with the
/// document frequencies of the documents seen so far (the new one
/// included), so a document's story never depends on documents after it.
/// A document is compared with the stories that share a key with it which
/// at most [`CANDIDATE_STORIES`] stories hold.
#[derive(Debug, Default, Clone)]
pub struct Clusterer {
    ids: HashMap<String, u32>,
    /// Per key: in how many documents, and in which stories' centroids.
    df: Vec<f64>,
    stories_with: Vec<Vec<u32>>,
    seen: usize,
    centroids: Vec<Centroid>,
    story_of: Vec<usize>,
}

impl Clusterer {
    /// Approximate heap bytes held (capacities times element sizes).
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 33
            + self.ids.keys().map(String::capacity).sum::<usize>()
            + self.df.capacity() * 8
            + self.stories_with.capacity() * 24
            + self
                .stories_with
                .iter()
                .map(|v| v.capacity() * 4)
                .sum::<usize>()
            + self
                .centroids
                .iter()
                .map(|c| c.stored.capacity() * 16 + 40)
                .sum::<usize>()
            + self.story_of.capacity() * 8
    }

    fn intern(&mut self, key: String) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.df.len() as u32;
        self.df.push(0.0);
        self.stories_with.push(Vec::new());
        self.ids.insert(key, id);
        id
    }

    /// Adds the next document and returns its story (0-based, in order of
    /// first appearance). `copy_of = Some(j)` marks it as a copy of the
    /// earlier document j, whose story it joins.
    pub fn add(&mut self, analysis: &Analysis, copy_of: Option<usize>) -> usize {
        let mut tf: Vec<(u32, f64)> = doc_terms(analysis)
            .into_iter()
            .map(|(k, x)| (self.intern(k), x))
            .collect();
        tf.sort_unstable_by_key(|(k, _)| *k);
        for &(k, _) in &tf {
            self.df[k as usize] += 1.0;
        }
        self.seen += 1;
        let n = self.seen as f64;
        let mut v: Vec<(u32, f64)> = tf
            .into_iter()
            .map(|(k, x)| (k, (1.0 + x.ln()) * (1.0 + (n / self.df[k as usize]).ln())))
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        let story = match copy_of {
            Some(j) if j < self.story_of.len() => self.story_of[j],
            _ => {
                let mut candidates: Vec<u32> = v
                    .iter()
                    .map(|(k, _)| &self.stories_with[*k as usize])
                    .filter(|l| l.len() <= CANDIDATE_STORIES)
                    .flatten()
                    .copied()
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                let best = candidates
                    .into_iter()
                    .map(|s| {
                        let c = &self.centroids[s as usize];
                        let dot: f64 = v
                            .iter()
                            .filter_map(|(k, x)| c.stored.get(k).map(|y| x * y))
                            .sum();
                        (c.scale * dot, s as usize)
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
                match best {
                    Some((sim, s)) if sim >= THRESHOLD => s,
                    _ => {
                        self.centroids.push(Centroid {
                            stored: Vector::default(),
                            norm2: 0.0,
                            scale: 1.0,
                        });
                        self.centroids.len() - 1
                    }
                }
            }
        };
        let c = &mut self.centroids[story];
        for (k, x) in v {
            let add = x / c.scale;
            let slot = c.stored.entry(k).or_insert_with(|| {
                self.stories_with[k as usize].push(story as u32);
                0.0
            });
            c.norm2 += 2.0 * *slot * add + add * add;
            *slot += add;
        }
        if c.norm2 > 1e100 {
            // Keep the stored numbers in range: fold the scale back in.
            let f = 1.0 / c.norm2.sqrt();
            c.stored.values_mut().for_each(|x| *x *= f);
            c.norm2 = 1.0;
        }
        c.scale = 1.0 / c.norm2.sqrt().max(f64::MIN_POSITIVE);
        self.story_of.push(story);
        story
    }
}

/// Assigns each analysis a story index (0-based, in order of first appearance).
/// `same_as[i] = Some(j)` marks document i as a copy of j: copies always share
/// their original's story.
pub fn cluster(analyses: &[Analysis], same_as: &[Option<usize>]) -> Vec<usize> {
    let mut clusterer = Clusterer::default();
    analyses
        .iter()
        .enumerate()
        .map(|(i, a)| clusterer.add(a, same_as.get(i).copied().flatten()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::analyze::analyze_document;
    use crosscheck_core::model::Document;

    #[test]
    fn a_mixed_feed_splits_into_its_stories() {
        let texts = [
            "Explosions of pagers across Lebanon killed twelve people on Tuesday, Lebanon's health minister said. Hezbollah blamed Israel for the pager blasts.",
            "Hezbollah vowed to punish Israel after hundreds of pagers exploded in Lebanon, wounding thousands of its members.",
            "The Federal Reserve cut its benchmark interest rate by half a percentage point on Wednesday, Fed chair Jerome Powell said.",
            "Lebanon's health ministry said the pager explosions wounded nearly 3,000 people; Israel did not comment on the blasts.",
            "Jerome Powell said the Federal Reserve's rate cut reflected cooling inflation and a softer labour market.",
        ];
        let analyses: Vec<Analysis> = texts
            .iter()
            .map(|t| analyze_document(&Document::new("x.txt", *t)))
            .collect();
        let s = cluster(&analyses, &[None; 5]);
        assert_eq!(s[0], s[1]);
        assert_eq!(s[0], s[3]);
        assert_eq!(s[2], s[4]);
        assert_ne!(s[0], s[2]);
    }

    #[test]
    fn a_copy_joins_its_original() {
        let texts = [
            "The Federal Reserve cut rates on Wednesday.",
            "Pagers exploded across Lebanon on Tuesday.",
        ];
        let analyses: Vec<Analysis> = texts
            .iter()
            .map(|t| analyze_document(&Document::new("x.txt", *t)))
            .collect();
        assert_eq!(cluster(&analyses, &[None, Some(0)]), vec![0, 0]);
    }
}
