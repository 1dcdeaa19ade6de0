//! The pairwise claim model ([`crosscheck_link::pairs`]): its
//! training pairs from gold stories, its weights, and the grouping
//! thresholds fitted with it, always on stories other than the one a
//! figure is reported for ([`leave_one_out`]).

use crate::logistic;
use crate::story::GoldStory;
use crosscheck_core::Dossier;
use crosscheck_embed::Embedder;
use crosscheck_eval::Report;
use crosscheck_link::Linker;
use crosscheck_link::groups::Grouper;
use crosscheck_link::pairs::{Features, N_FEATURES, PairModel, PairModels};
use crosscheck_link::stance::{Decider, StanceModel};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Signals a keys-only model leaves out.
const EMBEDDING_SIGNALS: &[usize] = &[10, 11, 14];

/// Ridge penalty of the regression (fixed, not tuned: it only keeps the
/// fit stable where a signal barely varies).
const L2: f64 = 0.01;

/// Thresholds tried for the average probability two groups need to merge.
const THRESHOLDS: &[f64] = &[
    0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
];

/// Labelled pairs of one story: signals, whether the two claims carry the
/// same gold claim, and the row weights.
#[derive(Debug, Default, Clone)]
pub struct Pairs {
    pub x: Vec<Features>,
    pub y: Vec<bool>,
    pub weight: Vec<f64>,
}

impl Pairs {
    fn extend(&mut self, other: Pairs) {
        self.x.extend(other.x);
        self.y.extend(other.y);
        self.weight.extend(other.weight);
    }

    /// (positives, negatives).
    pub fn counts(&self) -> (usize, usize) {
        let pos = self.y.iter().filter(|&&y| y).count();
        (pos, self.y.len() - pos)
    }
}

/// The training pairs of a story: every two claims of different articles
/// that the gold marks, compared as a grouper of the whole story compares
/// them (same key weights, same embeddings). A claim about what a party
/// said is never compared with a claim about the world, nor two claims of
/// different themes ([`crosscheck_link::pairs::vetoed`]), so such
/// pairs are left out. Each class of a story weighs 1 in all, so a long story does
/// not outweigh a short one.
pub fn pairs(story: &GoldStory, embedder: Option<&Embedder>) -> Pairs {
    let mut grouper = Grouper::default();
    let mut index: HashMap<(usize, usize), usize> = HashMap::new();
    for d in story.main_docs() {
        let a = &story.analyses[d];
        let texts: Vec<&str> = a.claims.iter().map(|c| c.text.as_str()).collect();
        let embedded = embedder.map(|e| e.embed(&texts));
        for (k, c) in a.claims.iter().enumerate() {
            index.insert((d, k), grouper.len());
            let e = embedded.as_ref().and_then(|v| v.get(k)).map(Vec::as_slice);
            grouper.add(c, d as u32, e);
        }
    }
    let marked: Vec<(usize, usize, bool, BTreeSet<String>)> = story
        .marked()
        .into_iter()
        .filter_map(|m| {
            let i = *index.get(&(m.doc, m.claim))?;
            let meta = story.analyses[m.doc].claims[m.claim].meta;
            Some((i, m.doc, meta, m.gold))
        })
        .collect();
    let mut out = Pairs::default();
    for (a, (ia, da, ma, ga)) in marked.iter().enumerate() {
        for (ib, db, mb, gb) in &marked[a + 1..] {
            if da == db || ma != mb {
                continue;
            }
            let f = grouper.features(*ia, *ib);
            if crosscheck_link::pairs::vetoed(&f) {
                continue;
            }
            out.x.push(f);
            out.y.push(ga.intersection(gb).next().is_some());
        }
    }
    let (pos, neg) = out.counts();
    out.weight = out
        .y
        .iter()
        .map(|&y| 1.0 / if y { pos } else { neg }.max(1) as f64)
        .collect();
    out
}

impl Pairs {
    /// The pairs of `story` as TSV: a header of `story`, the signal names
    /// and `same`, then a row per pair (for inspecting what separates the
    /// classes, story by story).
    pub fn to_tsv(&self, story: &str) -> String {
        let mut out = format!("story\t{}", crosscheck_link::pairs::FEATURES.join("\t"));
        out.push_str("\tsame\n");
        for (x, y) in self.x.iter().zip(&self.y) {
            let cells: Vec<String> = x.iter().map(|v| format!("{v:.4}")).collect();
            out.push_str(story);
            out.push('\t');
            out.push_str(&cells.join("\t"));
            out.push_str(if *y { "\t1\n" } else { "\t0\n" });
        }
        out
    }
}

/// Weights of a model fitted on `pairs`, with or without the embedding
/// signals.
fn weights(pairs: &Pairs, embeddings: bool) -> PairModel {
    let x: Vec<Features> = pairs
        .x
        .iter()
        .map(|row| {
            let mut r = *row;
            if !embeddings {
                for &i in EMBEDDING_SIGNALS {
                    r[i] = 0.0;
                }
            }
            r
        })
        .collect();
    let (w, bias) = logistic::fit::<N_FEATURES>(&x, &pairs.y, &pairs.weight, L2);
    PairModel::from_dense(&w, bias, embeddings)
}

/// The dossier of a story grouped with `model` (and `embedder`, when the
/// model reads embeddings).
pub fn dossier(
    story: &GoldStory,
    model: &PairModel,
    embedder: Option<&Arc<Embedder>>,
) -> std::io::Result<Dossier> {
    dossier_with(story, model, Decider::Rule, embedder)
}

/// [`dossier`] with stances decided by `stance`. The learned model's
/// groups do not depend on the order the articles arrive in.
pub fn dossier_with(
    story: &GoldStory,
    model: &PairModel,
    stance: Decider,
    embedder: Option<&Arc<Embedder>>,
) -> std::io::Result<Dossier> {
    let mut linker = Linker::new().with_model(model).with_stance(stance);
    if model.embeddings
        && let Some(e) = embedder
    {
        linker = linker.with_embedder(e.clone());
    }
    for (doc, analysis) in story.docs.iter().zip(&story.analyses) {
        linker.add(doc, analysis.clone());
    }
    linker.dossier()
}

/// Scores a dossier of `story` against its gold.
pub fn score(story: &GoldStory, dossier: &Dossier) -> Result<Report, crate::Error> {
    crosscheck_eval::heldout::score(&story.gold, dossier)
        .map_err(|e| crate::Error::Gold(story.name.clone(), e))
}

fn bcubed(report: &Report) -> f64 {
    report.get("grouping_bcubed_f1").map_or(0.0, |m| m.value)
}

/// Fits one model on `stories`: weights, then the threshold with the best
/// mean grouping B-cubed over the same stories.
fn fit_one(
    stories: &[&GoldStory],
    pairs: &Pairs,
    embedder: Option<&Arc<Embedder>>,
    embeddings: bool,
) -> Result<PairModel, crate::Error> {
    let mut model = weights(pairs, embeddings);
    let mut best: Option<(f64, f64)> = None;
    for &t in THRESHOLDS {
        model.threshold = t;
        let mut total = 0.0;
        for s in stories {
            let d =
                dossier(s, &model, embedder).map_err(|e| crate::Error::Link(s.name.clone(), e))?;
            total += bcubed(&score(s, &d)?);
        }
        let mean = total / stories.len().max(1) as f64;
        if best.is_none_or(|(b, _)| mean > b + 1e-12) {
            best = Some((mean, t));
        }
    }
    if let Some((_, t)) = best {
        model.threshold = t;
    }
    Ok(model)
}

/// Fits both models (with embeddings when `embedder` is given, and keys
/// only) on `stories`.
pub fn fit(
    stories: &[&GoldStory],
    embedder: Option<&Arc<Embedder>>,
) -> Result<PairModels, crate::Error> {
    let mut all = Pairs::default();
    for s in stories {
        all.extend(pairs(s, embedder.map(|e| e.as_ref())));
    }
    let keys_only = fit_one(stories, &all, embedder, false)?;
    let with_embeddings = if embedder.is_some() {
        fit_one(stories, &all, embedder, true)?
    } else {
        PairModel {
            embeddings: true,
            ..keys_only.clone()
        }
    };
    let (pos, neg) = all.counts();
    Ok(PairModels {
        fitted_on: format!(
            "{} ({} matching and {} other pairs of gold-marked claims)",
            stories
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            pos,
            neg
        ),
        with_embeddings,
        keys_only,
    })
}

/// One held-out story: the models fitted on the others, its dossier and
/// its figures.
pub struct Fold {
    pub story: String,
    pub models: PairModels,
    /// The stance model fitted on the other stories' labelled evidence.
    pub stance: Arc<StanceModel>,
    /// The figures of the held-out dossier with stances decided by
    /// `stance` instead of the hand-set rule.
    pub learned_stance: Report,
    pub dossier: Dossier,
    pub report: Report,
}

/// Leave-one-story-out: for each story, fits on the others and scores it.
/// `embeddings` chooses which of the two fitted models groups the held-out
/// story.
pub fn leave_one_out(
    stories: &[GoldStory],
    embedder: Option<&Arc<Embedder>>,
) -> Result<Vec<Fold>, crate::Error> {
    let mut folds = Vec::new();
    for (i, held) in stories.iter().enumerate() {
        let train = crate::all_but(stories, i);
        let models = fit(&train, embedder)?;
        let model = if embedder.is_some() {
            &models.with_embeddings
        } else {
            &models.keys_only
        };
        let stance = Arc::new(fit_stance(&train, model, embedder)?);
        let d = dossier_with(held, model, Decider::Rule, embedder)
            .map_err(|e| crate::Error::Link(held.name.clone(), e))?;
        let report = score(held, &d)?;
        let learned = dossier_with(held, model, Decider::Learned(stance.clone()), embedder)
            .map_err(|e| crate::Error::Link(held.name.clone(), e))?;
        let learned_stance = score(held, &learned)?;
        folds.push(Fold {
            story: held.name.clone(),
            models,
            stance,
            learned_stance,
            dossier: d,
            report,
        });
    }
    Ok(folds)
}

/// The stance model fitted on `stories`' labelled evidence, their claims
/// grouped by `model`.
pub fn fit_stance(
    stories: &[&GoldStory],
    model: &PairModel,
    embedder: Option<&Arc<Embedder>>,
) -> Result<StanceModel, crate::Error> {
    let examples = stories
        .iter()
        .map(|s| crate::stance::examples(s, model, embedder))
        .collect::<Result<Vec<_>, _>>()?;
    let names: Vec<&str> = stories.iter().map(|s| s.name.as_str()).collect();
    Ok(crate::stance::fit(&names, &examples))
}
