//! Near-duplicate and syndicated copies: MinHash signatures over word
//! shingles, bucketed by LSH bands so only likely pairs are compared.
//!
//! Written here rather than taken from a crate because the band hashes are
//! also what a shared store needs to find copies across workers (they can
//! live in SQL), and the whole thing is a few dozen lines.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
/// Estimated Jaccard similarity above which two texts are copies of one story.
pub const THRESHOLD: f64 = 0.5;

/// A MinHash signature of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u64; HASHES]);

/// The signature of `text` over lower-cased word 5-shingles.
pub fn signature(text: &str) -> Signature {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut sig = [u64::MAX; HASHES];
    let n = words
        .len()
        .saturating_sub(SHINGLE - 1)
        .max(usize::from(!words.is_empty()));
    for i in 0..n {
        let shingle = words[i..(i + SHINGLE).min(words.len())].join(" ");
        for (k, slot) in sig.iter_mut().enumerate() {
            let h = xxh3_64_with_seed(shingle.as_bytes(), k as u64);
            if h < *slot {
                *slot = h;
            }
        }
    }
    Signature(sig)
}

impl Signature {
    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        self.0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count() as f64
            / HASHES as f64
    }

    /// The LSH band keys of this signature.
    pub fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(b, rows)| {
            let mut bytes = Vec::with_capacity(ROWS * 8);
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            xxh3_64_with_seed(&bytes, b as u64)
        })
    }
}

/// Copies found one text at a time: each new text is compared with the
/// earlier texts that share an LSH band with it.
#[derive(Debug, Default, Clone)]
pub struct Index {
    sigs: Vec<Signature>,
    buckets: HashMap<u64, Vec<u32>>,
    copy_of: Vec<Option<usize>>,
}

impl Index {
    /// Adds the next text; returns the index of the earlier text it copies
    /// (the first text of its cluster), if any.
    pub fn add(&mut self, text: &str) -> Option<usize> {
        let sig = signature(text);
        let i = self.sigs.len();
        let mut best: Option<(f64, usize)> = None;
        for band in sig.bands() {
            let bucket = self.buckets.entry(band).or_default();
            // (Two bands of one text may share a bucket key: skip itself.)
            for &j in bucket.iter().filter(|&&j| j as usize != i) {
                let sim = sig.similarity(&self.sigs[j as usize]);
                if sim >= THRESHOLD && best.is_none_or(|(s, _)| sim > s) {
                    best = Some((sim, j as usize));
                }
            }
            bucket.push(i as u32);
        }
        let copy = best.map(|(_, j)| self.copy_of[j].unwrap_or(j));
        self.sigs.push(sig);
        self.copy_of.push(copy);
        copy
    }
}

/// For each text, the index of the earlier text it copies (or `None`).
/// Copies chain to the first text of their cluster.
pub fn duplicates(texts: &[&str]) -> Vec<Option<usize>> {
    let mut index = Index::default();
    texts.iter().map(|t| index.add(t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lightly_edited_copies_are_found_and_others_are_not() {
        let wire = "The ministry said on Tuesday that at least twelve people were killed and hundreds more were wounded when devices exploded across the country in a coordinated attack that officials blamed on a foreign state.";
        let copy = "BEIRUT (Wire) — The ministry said on Tuesday that at least twelve people were killed and hundreds more were wounded when devices exploded across the country in a coordinated attack that officials blamed on a foreign state, the agency reported.";
        let other = "The central bank cut its benchmark interest rate by half a percentage point on Wednesday, its first reduction in four years, citing cooling inflation and a softer labour market.";
        let d = duplicates(&[wire, other, copy]);
        assert_eq!(d, vec![None, None, Some(0)]);
    }
}
