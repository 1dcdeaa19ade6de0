//! The judge: the one component that decides whether a text speaks of a
//! claim, and how — asserts it, denies it, or discusses it (hedges, reports
//! someone's denial) — keeping the sentences and cue words that decided.
//!
//! It is a gradient-boosted tree ensemble over features of the pair (how much
//! of the claim the article covers; the cue lexicon's hedges, denials and
//! attributions in the sentences closest to the claim; a word lexicon learned
//! from training pairs), trained by [`train::train`] on FNC-1's training
//! pairs and shipped as `data/judge.json`. The evaluation
//! (`crosscheck eval fnc1`), the `check` command and the dossier all call
//! [`judge`].

pub mod features;
pub mod matching;
pub mod model;
pub mod text;
pub mod train;

pub use model::Model;
pub use text::TextView;

use crosscheck_core::analyze::lexicon::Cue;
use crosscheck_core::model::Stance;
use std::io::Read;
use std::sync::LazyLock;

/// The committed model (`data/judge.json.gz`, written by `crosscheck train
/// stance --save-model`; its `note` says from which data and settings).
static BUILTIN: LazyLock<Result<Model, String>> = LazyLock::new(|| {
    let mut json = String::new();
    flate2::read::GzDecoder::new(&include_bytes!("../data/judge.json.gz")[..])
        .read_to_string(&mut json)
        .map_err(|e| format!("committed judge model is not valid gzip: {e}"))?;
    Model::from_json(&json).map_err(|e| e.to_string())
});

/// The committed model, loaded once.
pub fn builtin() -> Result<&'static Model, String> {
    BUILTIN.as_ref().map_err(Clone::clone)
}

/// What a text does with a claim (the FNC-1 classes, named for the dossier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Agrees: states the claim as true.
    Asserts,
    /// Disagrees: calls the claim false.
    Denies,
    /// Speaks of the claim without taking a side (reports, hedges, quotes a denial).
    Discusses,
    /// Not about the claim.
    Unrelated,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Asserts => "asserts",
            Verdict::Denies => "denies",
            Verdict::Discusses => "discusses",
            Verdict::Unrelated => "unrelated",
        }
    }
}

/// The judgement of one claim–article pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub verdict: Verdict,
    /// The dossier's stance: asserts / denies, and for a discussing article
    /// `reports_denial` when the sentences that carry the claim report a
    /// denial, else `hedges`. `None` when unrelated.
    pub stance: Option<Stance>,
    /// P(related), and P(asserts / denies / discusses | related).
    pub probabilities: model::Probabilities,
    /// The article's sentences closest to the claim, as byte ranges with their
    /// similarity, best first (at most [`features::TOP_SENTENCES`]).
    pub sentences: Vec<(usize, usize, f64)>,
    /// The cue words in those sentences that bear on the stance (hedges,
    /// denials, rejections, refuting words, conditions, reporting verbs).
    pub cues: Vec<String>,
}

/// Judges what `article` does with `claim`. Both views are built once by the
/// caller ([`TextView::new`]) so that many pairs share them.
pub fn judge(model: &Model, claim: &TextView, article: &TextView) -> Judgement {
    let row = features::pair(claim, article, &model.idf, &model.learned);
    let probabilities = model
        .probabilities(std::slice::from_ref(&row))
        .into_iter()
        .next()
        .unwrap_or(model::Probabilities {
            related: 0.0,
            stance: [0.0; 3],
            name_cover: f64::NAN,
            disagree_share: f64::NAN,
        });
    let verdict = model.decide(&probabilities);
    explain(claim, article, model, verdict, probabilities)
}

/// Judges many pairs at once (one ensemble pass: faster than [`judge`] per pair).
pub fn judge_all(model: &Model, pairs: &[(&TextView, &TextView)]) -> Vec<Judgement> {
    let rows: Vec<Vec<f64>> = pairs
        .iter()
        .map(|(c, a)| features::pair(c, a, &model.idf, &model.learned))
        .collect();
    model
        .probabilities(&rows)
        .into_iter()
        .zip(pairs)
        .map(|(p, (c, a))| explain(c, a, model, model.decide(&p), p))
        .collect()
}

/// The evidence for a verdict: the closest sentences and their cue words.
fn explain(
    claim: &TextView,
    article: &TextView,
    model: &Model,
    verdict: Verdict,
    probabilities: model::Probabilities,
) -> Judgement {
    let ranked = features::ranked_sentences(claim, article, &model.idf);
    let top: Vec<&text::SentenceView> = ranked
        .iter()
        .take(features::TOP_SENTENCES)
        .filter(|r| r.1 > 0.0)
        .filter_map(|r| article.sentences.get(r.0))
        .collect();
    let mut cues: Vec<String> = Vec::new();
    let mut reports_denial = false;
    for s in &top {
        for (cue, words) in &s.cue_words {
            let relevant = match verdict {
                Verdict::Unrelated => false,
                Verdict::Asserts => matches!(cue, Cue::Report),
                Verdict::Denies => matches!(cue, Cue::Denial | Cue::Rejection | Cue::Negation),
                Verdict::Discusses => {
                    matches!(
                        cue,
                        Cue::Hedge | Cue::Denial | Cue::Condition | Cue::Report | Cue::Accusation
                    )
                }
            };
            reports_denial |= *cue == Cue::Denial;
            if relevant && !cues.iter().any(|c| c.eq_ignore_ascii_case(words)) {
                cues.push(words.clone());
            }
        }
    }
    let stance = match verdict {
        Verdict::Asserts => Some(Stance::Asserts),
        Verdict::Denies => Some(Stance::Denies),
        Verdict::Discusses if reports_denial => Some(Stance::ReportsDenial),
        Verdict::Discusses => Some(Stance::Hedges),
        Verdict::Unrelated => None,
    };
    Judgement {
        verdict,
        stance,
        probabilities,
        sentences: ranked
            .iter()
            .take(features::TOP_SENTENCES)
            .filter(|r| r.1 > 0.0)
            .filter_map(|r| article.sentences.get(r.0).map(|s| (s.start, s.end, r.1)))
            .collect(),
        cues,
    }
}

#[cfg(test)]
mod tests;
