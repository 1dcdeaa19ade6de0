//! The stance model ([`crosscheck_link::stance`]): its examples are the
//! dossier evidence entries that the gold stories label (the entries the
//! stance metrics read, [`crosscheck_eval::heldout::labelled_evidence`]),
//! with the signals the linker decided them from; one logistic model per
//! stance is fitted on them, always on stories other than the one a
//! figure is reported for.

use crate::logistic;
use crate::story::GoldStory;
use crosscheck_core::Stance;
use crosscheck_embed::Embedder;
use crosscheck_link::Linker;
use crosscheck_link::pairs::PairModel;
use crosscheck_link::stance::{N_SIGNALS, STANCES, Signals, StanceModel};
use std::collections::HashMap;
use std::sync::Arc;

/// Each stance's model weighs its examples and the others the same
/// (without that, "asserts", most of the examples, wins every clause:
/// held-out doubt recall 0.11, docs/stance.md).
///
/// Ridge penalty (fixed, not tuned; rows weigh 1 on average, so against
/// a few hundred examples it keeps a cue seen a handful of times from
/// taking a large weight).
const L2: f64 = 1.0;

/// Labelled evidence of one story: signals and the gold stance.
#[derive(Debug, Default, Clone)]
pub struct Examples {
    pub x: Vec<Signals>,
    pub y: Vec<Stance>,
}

impl Examples {
    /// How many examples carry each stance, in [`STANCES`] order.
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for y in &self.y {
            if let Some(i) = STANCES.iter().position(|s| s == y) {
                n[i] += 1;
            }
        }
        n
    }
}

fn stance_of(label: &str) -> Option<Stance> {
    STANCES.iter().copied().find(|s| s.as_str() == label)
}

/// The labelled evidence of `story`, grouped by `model` (with `embedder`
/// when the model reads embeddings).
pub fn examples(
    story: &GoldStory,
    model: &PairModel,
    embedder: Option<&Arc<Embedder>>,
) -> Result<Examples, crate::Error> {
    let mut linker = Linker::new().with_model(model).tracing();
    if model.embeddings
        && let Some(e) = embedder
    {
        linker = linker.with_embedder(e.clone());
    }
    for (d, a) in story.docs.iter().zip(&story.analyses) {
        linker.add(d, a.clone());
    }
    let dossier = linker
        .dossier()
        .map_err(|e| crate::Error::Link(story.name.clone(), e))?;
    let traces = linker.take_traces();
    let by_key: HashMap<(&str, &str, &str), &Signals> = traces
        .iter()
        .map(|t| {
            (
                (t.doc.as_str(), t.sentence.as_str(), t.claim.as_str()),
                &t.signals,
            )
        })
        .collect();
    let labelled = crosscheck_eval::heldout::labelled_evidence(&story.gold, &dossier)
        .map_err(|e| crate::Error::Gold(story.name.clone(), e))?;
    let mut out = Examples::default();
    for l in labelled {
        let group = &dossier.claims[l.claim];
        let e = &group.evidence[l.evidence];
        let (Some(x), Some(y)) = (
            by_key.get(&(e.doc.as_str(), &*e.sentence, group.text.as_str())),
            stance_of(&l.label),
        ) else {
            continue;
        };
        out.x.push(**x);
        out.y.push(y);
    }
    Ok(out)
}

/// Fits the model on the examples of several stories; each story weighs
/// the same in all, so a long story does not outweigh a short one (rows
/// weigh 1 on average).
pub fn fit(names: &[&str], stories: &[Examples]) -> StanceModel {
    let mut x: Vec<Signals> = Vec::new();
    let mut weight: Vec<f64> = Vec::new();
    let mut y: Vec<Stance> = Vec::new();
    let n: usize = stories.iter().map(|s| s.x.len()).sum();
    for s in stories {
        let w = n as f64 / (stories.len() * s.x.len().max(1)) as f64;
        x.extend(&s.x);
        y.extend(&s.y);
        weight.extend(std::iter::repeat_n(w, s.x.len()));
    }
    let mut dense = [([0.0; N_SIGNALS], 0.0); 4];
    for (i, st) in STANCES.iter().enumerate() {
        let yi: Vec<bool> = y.iter().map(|v| v == st).collect();
        // The stance and the rest weigh the same in its model.
        let pos: f64 = weight
            .iter()
            .zip(&yi)
            .filter(|(_, y)| **y)
            .map(|(w, _)| w)
            .sum();
        let all: f64 = weight.iter().sum();
        let w: Vec<f64> = weight
            .iter()
            .zip(&yi)
            .map(|(w, &y)| w * all / 2.0 / if y { pos } else { all - pos }.max(f64::MIN_POSITIVE))
            .collect();
        dense[i] = logistic::fit::<N_SIGNALS>(&x, &yi, &w, L2);
    }
    let mut total = [0usize; 4];
    for s in stories {
        for (t, n) in total.iter_mut().zip(s.counts()) {
            *t += n;
        }
    }
    StanceModel::from_dense(
        format!(
            "{} ({} labelled evidence entries: {} asserts, {} hedges, {} denies, {} report a denial)",
            names.join(", "),
            x.len(),
            total[0],
            total[1],
            total[2],
            total[3]
        ),
        &dense,
    )
}
