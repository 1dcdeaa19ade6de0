//! Story separation: documents about different stories, mixed in one input,
//! are split into stories by what they are about (entities and content keys).
//!
//! Incremental leader clustering: each document joins the story whose
//! centroid it is closest to (cosine over TF-IDF weighted keys) when that is
//! close enough, or starts a new story. Cost is documents × stories, and a
//! new document never reshuffles the stories before it.

use crate::model::Analysis;
use std::collections::HashMap;

/// Cosine similarity a document needs with a story to join it.
pub const THRESHOLD: f64 = 0.07;

type Vector = HashMap<String, f64>;

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

fn normalise(v: &mut Vector) {
    let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|x| *x /= norm);
    }
}

/// Dot product of a (small) document vector with a (large) centroid.
fn dot(doc: &Vector, centroid: &Vector) -> f64 {
    doc.iter()
        .filter_map(|(k, x)| centroid.get(k).map(|y| x * y))
        .sum()
}

/// Assigns each analysis a story index (0-based, in order of first appearance).
/// `same_as[i] = Some(j)` marks document i as a copy of j: copies always share
/// their original's story.
pub fn cluster(analyses: &[Analysis], same_as: &[Option<usize>]) -> Vec<usize> {
    let tfs: Vec<HashMap<String, f64>> = analyses.iter().map(doc_terms).collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for tf in &tfs {
        for k in tf.keys() {
            *df.entry(k.as_str()).or_default() += 1.0;
        }
    }
    let n = analyses.len() as f64;
    let vectors: Vec<Vector> = tfs
        .iter()
        .map(|tf| {
            let mut v: Vector = tf
                .iter()
                .map(|(k, x)| {
                    (
                        k.clone(),
                        (1.0 + x.ln()) * (1.0 + (n / df[k.as_str()]).ln()),
                    )
                })
                .collect();
            normalise(&mut v);
            v
        })
        .collect();
    // A story's centroid is the normalised sum of its previous centroid and
    // each new document, which weighs recent documents more (a story
    // drifts as it develops). It is kept as `scale × stored`, with the
    // stored vector's squared norm, so joining costs only the new
    // document's terms instead of renormalising the whole centroid.
    struct Centroid {
        stored: Vector,
        norm2: f64,
        scale: f64,
    }
    let mut centroids: Vec<Centroid> = Vec::new();
    let mut out = Vec::with_capacity(analyses.len());
    for (i, v) in vectors.iter().enumerate() {
        let story = match same_as.get(i).copied().flatten() {
            Some(j) if j < out.len() => out[j],
            _ => {
                let best = centroids
                    .iter()
                    .enumerate()
                    .map(|(s, c)| (c.scale * dot(v, &c.stored), s))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                match best {
                    Some((sim, s)) if sim >= THRESHOLD => s,
                    _ => {
                        centroids.push(Centroid {
                            stored: Vector::new(),
                            norm2: 0.0,
                            scale: 1.0,
                        });
                        centroids.len() - 1
                    }
                }
            }
        };
        let c = &mut centroids[story];
        for (k, x) in v {
            let add = x / c.scale;
            let slot = c.stored.entry(k.clone()).or_default();
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
        out.push(story);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze_document;
    use crate::model::Document;

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
