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
///
/// Laid out for millions of texts: a signature is kept as the low 32 bits
/// of each slot (two texts' slots agree by chance on 32 bits once in four
/// billion, so the estimate is the same), and a bucket is a chain through
/// `next` (one `u32` per text and band) from its newest text, not a `Vec`
/// per bucket, most of which hold one text.
#[derive(Debug, Default, Clone)]
pub struct Index {
    sigs: Vec<[u32; HASHES]>,
    /// Band key → the last text put in that bucket (+1; 0 ends a chain).
    heads: HashMap<u64, u32>,
    /// Per text and band, the text put in the same bucket before it (+1).
    next: Vec<u32>,
    copy_of: Vec<Option<u32>>,
}

fn low_bits(sig: &Signature) -> [u32; HASHES] {
    // Truncation is the point: the low half of each slot.
    sig.0.map(|h| h as u32)
}

fn agreement(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

impl Index {
    /// Approximate heap bytes held (capacities times element sizes).
    pub fn heap_bytes(&self) -> usize {
        self.sigs.capacity() * HASHES * 4
            + self.heads.capacity() * 13
            + self.next.capacity() * 4
            + self.copy_of.capacity() * 8
    }

    /// Adds the next text; returns the index of the earlier text it copies
    /// (the first text of its cluster), if any.
    pub fn add(&mut self, text: &str) -> Option<usize> {
        let sig = signature(text);
        let low = low_bits(&sig);
        let i = self.sigs.len();
        let mut best: Option<(f64, usize)> = None;
        let mut bucket: Vec<u32> = Vec::new();
        for band in sig.bands() {
            let head = self.heads.entry(band).or_insert(0);
            // The bucket's texts, oldest first (ties go to the oldest).
            bucket.clear();
            let mut at = *head;
            while at != 0 {
                let slot = (at - 1) as usize;
                let j = slot / BANDS;
                // (Two bands of one text may share a bucket key: skip itself.)
                if j != i {
                    bucket.push(j as u32);
                }
                at = self.next[slot];
            }
            for &j in bucket.iter().rev() {
                let sim = agreement(&low, &self.sigs[j as usize]);
                if sim >= THRESHOLD && best.is_none_or(|(s, _)| sim > s) {
                    best = Some((sim, j as usize));
                }
            }
            // Slots are numbered in u32: 268 million texts per index.
            let slot = u32::try_from(self.next.len() + 1).unwrap_or(u32::MAX);
            self.next.push(*head);
            *head = slot;
        }
        let copy = best.map(|(_, j)| self.copy_of[j].map_or(j, |k| k as usize));
        self.sigs.push(low);
        self.copy_of.push(copy.map(|k| k as u32));
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
