//! A gold story as the learners read it: its articles analysed, and which
//! of their claims the gold's evidence spans mark as which gold claim.

use crosscheck_core::{Analysis, Document};
use crosscheck_eval::text::norm;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// One article-level gold set (`gold.json` with its `corpus/`), analysed.
pub struct GoldStory {
    /// What it is called in reports (its folder's name).
    pub name: String,
    pub gold: Value,
    pub docs: Vec<Document>,
    pub analyses: Vec<Analysis>,
}

/// A claim of the story that the gold marks: it sits in a sentence holding
/// an evidence span of these gold claims and shares most of its words with
/// the span (a sentence's other clauses are not marked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// Index into [`GoldStory::docs`].
    pub doc: usize,
    /// Index into that document's `Analysis::claims`.
    pub claim: usize,
    /// The gold claims (ids) it carries.
    pub gold: BTreeSet<String>,
}

impl GoldStory {
    /// Per document, the gold article id it is (by file name, else url).
    pub fn articles(&self) -> Vec<Option<String>> {
        let mut by_file: HashMap<&str, &str> = HashMap::new();
        let mut by_url: HashMap<&str, &str> = HashMap::new();
        for a in self.gold["articles"].as_array().into_iter().flatten() {
            let Some(id) = a["id"].as_str() else { continue };
            if let Some(f) = a["file"].as_str() {
                by_file.insert(f, id);
            }
            if let Some(u) = a["url"].as_str() {
                by_url.insert(u, id);
            }
        }
        self.docs
            .iter()
            .map(|d| {
                let path = d.path.rsplit(['/', '\\']).next().unwrap_or(&d.path);
                let path = path.split(':').next().unwrap_or(path);
                by_file
                    .get(path)
                    .or_else(|| d.url.as_deref().and_then(|u| by_url.get(u)))
                    .map(|s| (*s).to_string())
            })
            .collect()
    }

    /// The gold story the claims are about (the one non-numeric claims
    /// apply to), and the documents in it.
    pub fn main_docs(&self) -> Vec<usize> {
        let main: BTreeSet<&str> = self.gold["claims"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["applies_to_story"].as_str())
            .collect();
        let story_of: HashMap<&str, &str> = self.gold["story"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
            .collect();
        self.articles()
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.as_deref()
                    .and_then(|a| story_of.get(a))
                    .is_some_and(|s| main.contains(s))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The gold's evidence spans, normalised, per article, each with the id
    /// of its gold claim; a claim's spans in an article it is labelled
    /// absent from are left out, numeric claims unless `numeric`.
    pub fn spans(&self, numeric: bool) -> HashMap<&str, Vec<(String, &str)>> {
        let mut spans: HashMap<&str, Vec<(String, &str)>> = HashMap::new();
        for c in self.gold["claims"].as_array().into_iter().flatten() {
            if !numeric && c["kind"].as_str() == Some("numeric") {
                continue;
            }
            let Some(id) = c["id"].as_str() else { continue };
            let labels = &c["labels"];
            for (art, list) in c["evidence"].as_object().into_iter().flatten() {
                if labels[art.as_str()].as_str().unwrap_or("absent") == "absent" {
                    continue;
                }
                for s in list.as_array().into_iter().flatten() {
                    let n = norm(s.as_str());
                    if !n.is_empty() {
                        spans.entry(art.as_str()).or_default().push((n, id));
                    }
                }
            }
        }
        spans
    }

    /// The claims the gold marks, over non-numeric gold claims.
    pub fn marked(&self) -> Vec<Marked> {
        let spans = self.spans(false);
        let mut out = Vec::new();
        for (d, art) in self.articles().iter().enumerate() {
            let Some(list) = art.as_deref().and_then(|a| spans.get(a)) else {
                continue;
            };
            let a = &self.analyses[d];
            for (k, c) in a.claims.iter().enumerate() {
                let Some(sentence) = a.sentences.get(c.sentence) else {
                    continue;
                };
                let sentence = norm(Some(&sentence.text));
                let clause_text = norm(Some(&c.text));
                let clause = words(&clause_text);
                let gold: BTreeSet<String> = list
                    .iter()
                    .filter(|(span, _)| sentence.contains(span.as_str()))
                    .filter(|(span, _)| overlap(&clause, &words(span)) >= 0.5)
                    .map(|(_, id)| (*id).to_string())
                    .collect();
                if !gold.is_empty() {
                    out.push(Marked {
                        doc: d,
                        claim: k,
                        gold,
                    });
                }
            }
        }
        out
    }
}

/// The content words of a normalised text (three letters or more).
fn words(s: &str) -> BTreeSet<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// Shared words over the smaller set's size.
fn overlap(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / small as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_over_the_smaller_set() {
        let a = words("north korea sent troops to russia");
        let b = words("troops sent");
        assert_eq!(overlap(&a, &b), 1.0);
        assert_eq!(overlap(&a, &words("")), 0.0);
        assert!(overlap(&a, &words("weapons were shipped")) < 0.5);
    }
}
