//! The check-worthiness model ([`crosscheck_core::analyze::checkworthy`]):
//! sentence labels from the gold stories (a sentence holding an evidence
//! span of any gold claim is one an analyst listed), the fit, its
//! leave-one-story-out average precision, and CLEF-2019 CheckThat! Task 1
//! (check-worthiness in political debates) as the outside benchmark.

use crate::logistic;
use crate::story::GoldStory;
use crosscheck_core::analyze::checkworthy::{self, CheckModel, Features, N_FEATURES};
use crosscheck_core::{Document, analyze::analyze_document};
use crosscheck_eval::text::norm;
use std::path::{Path, PathBuf};

/// Ridge penalty (fixed, not tuned).
const L2: f64 = 0.01;

/// Signals and labels of a story's analysed sentences (main documents, no
/// boilerplate).
pub struct Labelled {
    pub x: Vec<Features>,
    pub y: Vec<bool>,
}

/// Labels every sentence of the story's main documents: true when it holds
/// an evidence span of a gold claim for its article.
pub fn labelled(story: &GoldStory) -> Labelled {
    let spans = story.spans(true);
    let articles = story.articles();
    let mut out = Labelled {
        x: Vec::new(),
        y: Vec::new(),
    };
    for d in story.main_docs() {
        let a = &story.analyses[d];
        let list = articles[d]
            .as_deref()
            .and_then(|art| spans.get(art))
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (s, f) in a.sentences.iter().zip(checkworthy::features(a)) {
            if s.boilerplate {
                continue;
            }
            let text = norm(Some(&s.text));
            out.x.push(f);
            out.y
                .push(list.iter().any(|(span, _)| text.contains(span.as_str())));
        }
    }
    out
}

/// Fits the model on labelled sets, each set's classes weighing 1 in all
/// (so a long story or transcript does not outweigh a short one).
pub fn fit(sets: &[&Labelled], fitted_on: String) -> CheckModel {
    let (mut x, mut y, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for set in sets {
        let pos = set.y.iter().filter(|&&v| v).count().max(1) as f64;
        let neg = set.y.iter().filter(|&&v| !v).count().max(1) as f64;
        x.extend_from_slice(&set.x);
        y.extend_from_slice(&set.y);
        w.extend(set.y.iter().map(|&v| if v { 1.0 / pos } else { 1.0 / neg }));
    }
    let (weights, bias) = logistic::fit::<N_FEATURES>(&x, &y, &w, L2);
    CheckModel::from_dense(&weights, bias, fitted_on)
}

/// Average precision of a ranking by `score` against `y` (ties broken by
/// position, as a stable sort leaves them).
pub fn average_precision(score: &[f64], y: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..score.len()).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    let (mut hits, mut sum) = (0usize, 0.0);
    for (rank, &i) in order.iter().enumerate() {
        if y[i] {
            hits += 1;
            sum += hits as f64 / (rank + 1) as f64;
        }
    }
    let positives = y.iter().filter(|&&v| v).count();
    if positives == 0 {
        0.0
    } else {
        sum / positives as f64
    }
}

/// Leave-one-story-out: per story, the average precision of its sentences
/// ranked by a model fitted on the other stories, and the share of
/// positives (what a random ranking scores).
pub fn leave_one_out(stories: &[GoldStory]) -> Vec<(String, f64, f64)> {
    let sets: Vec<Labelled> = stories.iter().map(labelled).collect();
    let mut out = Vec::new();
    for (i, story) in stories.iter().enumerate() {
        let train = crate::all_but(&sets, i);
        let model = fit(&train, String::new());
        let held = &sets[i];
        let score = model.probabilities(&held.x);
        let base = held.y.iter().filter(|&&v| v).count() as f64 / held.y.len().max(1) as f64;
        out.push((story.name.clone(), average_precision(&score, &held.y), base));
    }
    out
}

/// One CLEF-2019 transcript: its lines' signals and labels.
pub struct Transcript {
    pub name: String,
    pub set: Labelled,
}

/// Reads the `*.tsv` transcripts of a CLEF-2019 Task 1 folder (`line \t
/// speaker \t text \t label`) and analyses each as one document, a line a
/// paragraph; a line's signals are those of its first sentence, with the
/// line's whole length.
pub fn clef_transcripts(dir: &Path) -> std::io::Result<Vec<Transcript>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f)?;
        let mut text = String::new();
        let mut lines: Vec<(usize, bool)> = Vec::new();
        for line in raw.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(t), Some(l)) = (cols.get(2), cols.get(3)) else {
                continue;
            };
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            lines.push((text.len(), l.trim() == "1"));
            text.push_str(t);
            text.push_str("\n\n");
        }
        let doc = Document::new(f.display().to_string(), text);
        let a = analyze_document(&doc);
        let feats = checkworthy::features(&a);
        let mut set = Labelled {
            x: Vec::new(),
            y: Vec::new(),
        };
        for (k, &(start, label)) in lines.iter().enumerate() {
            let end = lines.get(k + 1).map_or(doc.text.len(), |n| n.0);
            // The sentences of this line: the first carries the line.
            let f = a
                .sentences
                .iter()
                .position(|s| s.start >= start && s.start < end)
                .map_or([0.0; N_FEATURES], |i| feats[i]);
            set.x.push(f);
            set.y.push(label);
        }
        out.push(Transcript {
            name: f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            set,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_precision_of_known_rankings() {
        assert!(
            (average_precision(&[0.9, 0.8, 0.1], &[true, false, true]) - (1.0 + 2.0 / 3.0) / 2.0)
                .abs()
                < 1e-9
        );
        assert_eq!(average_precision(&[0.9, 0.1], &[true, false]), 1.0);
        assert_eq!(average_precision(&[0.9, 0.1], &[false, false]), 0.0);
    }
}
