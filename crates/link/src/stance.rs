//! The stance component: what a clause of an article does with the claim
//! of the group it is in (asserts, hedges, denies, reports a denial).
//!
//! The analysis reads each clause's own stance from its cues
//! ([`crosscheck_core::analyze::modality`], [`crosscheck_core::analyze::claims`]);
//! what that stance means for a claim depends on the claim: a negative
//! statement of what the claim asserts denies it. The dossier's claim
//! groups and `crosscheck check` both decide here, by the hand-set
//! [`rule`] ([`Decider::Rule`], the default).
//!
//! A learned alternative ([`StanceModel`], fitted by `crosscheck_learn::stance`
//! on the gold stories' labelled evidence) weighs the rule's answer with the
//! clause's and the sentence's cues and the group's polarity;
//! `crosscheck eval stories` scores it leave-one-story-out beside the rule.
//! It does not beat the rule yet (docs/stance.md says by how much and why),
//! so nothing ships it.

use crosscheck_core::analyze::lexicon::{self, Cue};
use crosscheck_core::model::{Claim, Stance};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// The stances in the order the model scores them.
pub const STANCES: [Stance; 4] = [
    Stance::Asserts,
    Stance::Hedges,
    Stance::Denies,
    Stance::ReportsDenial,
];

/// Names of the signals, in [`Signals`] order.
pub const SIGNALS: &[&str] = &[
    "rule asserts",
    "rule hedges",
    "rule denies",
    "rule reports a denial",
    "negated",
    "about what was said",
    "attributed",
    "opposite polarity",
    "group mostly negative",
    "clause hedge",
    "clause denial",
    "clause rejection",
    "clause condition",
    "clause prediction",
    "clause opinion",
    "clause accusation",
    "sentence hedge",
    "sentence denial",
    "sentence rejection",
    "sentence report",
    "sentence accusation",
    "evidential negation",
    "question",
];

/// Number of signals.
pub const N_SIGNALS: usize = 23;

/// A clause's signals, in [`SIGNALS`] order.
pub type Signals = [f64; N_SIGNALS];

/// What the claim a clause is read against says, beside the clause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The clause states the opposite polarity of what the claim asserts
    /// (in a group: a negative statement of what positive members say,
    /// same subject and a shared predicate, where positive statements are
    /// at least as many; in `check`: a polarity other than the user's claim).
    pub opposite: bool,
    /// Negative statements outnumber positive ones in the group.
    pub mostly_negative: bool,
}

/// The hand-set rule: the clause's own stance, turned into a denial where
/// it asserts the opposite of the claim (in the outlet's voice it denies;
/// credited to someone, it reports a denial). A clause about what a party
/// said ("X denied Y") keeps its own stance.
pub fn rule(c: &Claim, ctx: &Context) -> Stance {
    match c.stance {
        Stance::Asserts if ctx.opposite && !c.meta => {
            if c.origin.is_some() {
                Stance::ReportsDenial
            } else {
                Stance::Denies
            }
        }
        st => st,
    }
}

/// Negation of the evidence for a proposition rather than of an act: "no
/// evidence of", "there have been no reports that", "has not been found".
/// Such a sentence reads as denying the proposition it is about ("no
/// evidence of transmission" against "the virus spread"), where "has not
/// disclosed" asserts a negative fact: a signal of the learned model (as a
/// rule it moved held-out stories both ways, docs/stance.md). Written by
/// hand: it is a small closed class of English phrasing that no lexicon
/// crate carries.
static EVIDENTIAL_NEGATION: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?ix)
        \b(?:no|not\ any|never\ any|without\ any|without|little|lack\ of|absence\ of)\s+
          (?:[\w’'-]+\s+){0,2}?
          (?:evidence|sign|signs|indication|indications|proof|reports?|confirmation|trace|basis)\b
        | \b(?:not|never|n[’']t)\s+(?:yet\s+|been\s+|yet\s+been\s+)?
          (?:found|shown|proven|proved|established|detected|substantiated|verified)\b
        | \b(?:unfounded|unsubstantiated|unproven|baseless)\b",
    )
    .expect("pattern is valid")
});

/// The signals of clause `c` in `sentence`, in group context `ctx`.
pub fn signals(c: &Claim, sentence: &str, ctx: &Context) -> Signals {
    let mut x = [0.0; N_SIGNALS];
    let r = rule(c, ctx);
    x[STANCES.iter().position(|s| *s == r).unwrap_or(0)] = 1.0;
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    x[4] = flag(c.negated);
    x[5] = flag(c.meta);
    x[6] = flag(c.origin.is_some());
    x[7] = flag(ctx.opposite);
    x[8] = flag(ctx.mostly_negative);
    let clause = lexicon::stance_cues(&c.text);
    let has = |found: &[lexicon::Found<'_>], cue: Cue| flag(found.iter().any(|f| f.cue == cue));
    for (i, cue) in [
        Cue::Hedge,
        Cue::Denial,
        Cue::Rejection,
        Cue::Condition,
        Cue::Prediction,
        Cue::Opinion,
        Cue::Accusation,
    ]
    .into_iter()
    .enumerate()
    {
        x[9 + i] = has(&clause, cue);
    }
    let whole = lexicon::stance_cues(sentence);
    for (i, cue) in [
        Cue::Hedge,
        Cue::Denial,
        Cue::Rejection,
        Cue::Report,
        Cue::Accusation,
    ]
    .into_iter()
    .enumerate()
    {
        x[16 + i] = has(&whole, cue);
    }
    x[21] = flag(EVIDENTIAL_NEGATION.is_match(sentence));
    x[22] = flag(sentence.trim_end().ends_with('?'));
    x
}

/// One stance's weights, by signal name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceWeights {
    pub stance: Stance,
    pub bias: f64,
    pub weights: Vec<(String, f64)>,
}

/// The learned stance model: one logistic model per stance (that stance
/// against the others); a clause takes the stance whose model is surest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceModel {
    /// What it was fitted on (stories and example counts).
    pub fitted_on: String,
    pub stances: Vec<StanceWeights>,
}

impl StanceModel {
    /// A model from weights in [`STANCES`] × [`SIGNALS`] order.
    pub fn from_dense(fitted_on: String, w: &[(Signals, f64); 4]) -> Self {
        StanceModel {
            fitted_on,
            stances: STANCES
                .iter()
                .zip(w)
                .map(|(s, (w, bias))| StanceWeights {
                    stance: *s,
                    bias: *bias,
                    weights: crosscheck_core::weights::by_name(SIGNALS, w),
                })
                .collect(),
        }
    }

    /// Each stance's probability, in [`STANCES`] order (a stance the model
    /// lacks scores 0).
    pub fn probabilities(&self, x: &Signals) -> [f64; 4] {
        let mut p = [0.0; 4];
        for sw in &self.stances {
            if let Some(i) = STANCES.iter().position(|s| *s == sw.stance) {
                let w: Signals = crosscheck_core::weights::dense(SIGNALS, &sw.weights);
                p[i] = crosscheck_core::weights::logistic(&w, sw.bias, x);
            }
        }
        p
    }

    /// The stance of a clause with signals `x`.
    pub fn decide(&self, x: &Signals) -> Stance {
        let p = self.probabilities(x);
        let best = (0..4)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        STANCES[best]
    }
}

/// How stances are decided: by the hand-set rule, or by a learned model.
#[derive(Debug, Clone, Default)]
pub enum Decider {
    /// [`rule`] alone.
    #[default]
    Rule,
    Learned(Arc<StanceModel>),
}

impl Decider {
    /// The stance of clause `c` (in `sentence`) in context `ctx`, and its
    /// signals.
    pub fn decide(&self, c: &Claim, sentence: &str, ctx: &Context) -> (Stance, Signals) {
        let x = signals(c, sentence, ctx);
        let st = match self {
            Decider::Rule => rule(c, ctx),
            Decider::Learned(m) => m.decide(&x),
        };
        (st, x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, stance: Stance, negated: bool, origin: Option<&str>) -> Claim {
        Claim {
            sentence: 0,
            text: text.to_string(),
            stance,
            entities: vec![],
            quantities: vec![],
            date: None,
            origin: origin.map(str::to_string),
            cues: vec![],
            keys: vec![],
            refers_to: None,
            negated,
            meta: false,
        }
    }

    #[test]
    fn the_rule_turns_a_contradicting_negative_into_a_denial() {
        let ctx = Context {
            opposite: true,
            mostly_negative: false,
        };
        let own = claim("the ship did not sink", Stance::Asserts, true, None);
        assert_eq!(rule(&own, &ctx), Stance::Denies);
        let said = claim(
            "the ship did not sink",
            Stance::Asserts,
            true,
            Some("the navy"),
        );
        assert_eq!(rule(&said, &ctx), Stance::ReportsDenial);
        assert_eq!(rule(&own, &Context::default()), Stance::Asserts);
    }

    #[test]
    fn evidential_negation_is_told_from_a_negative_fact() {
        for s in [
            "There is no evidence that the bridge was sabotaged.",
            "Inspectors have not found any sign of tampering.",
            "So far there have been no reports of looting in the capital.",
            "The ministry called the allegations unfounded.",
        ] {
            assert!(EVIDENTIAL_NEGATION.is_match(s), "{s}");
        }
        for s in [
            "The company has not disclosed its revenue.",
            "The minister did not attend the summit.",
        ] {
            assert!(!EVIDENTIAL_NEGATION.is_match(s), "{s}");
        }
    }

    #[test]
    fn a_model_decides_by_its_surest_stance() {
        let mut w = [([0.0; N_SIGNALS], -3.0); 4];
        // Denies whenever the sentence negates the evidence.
        w[2].0[21] = 6.0;
        let m = StanceModel::from_dense("test".into(), &w);
        let c = claim("the bridge was sabotaged", Stance::Asserts, false, None);
        let d = Decider::Learned(Arc::new(m));
        let (st, x) = d.decide(
            &c,
            "There is no evidence that the bridge was sabotaged.",
            &Context::default(),
        );
        assert_eq!(st, Stance::Denies, "{x:?}");
        let (st, _) = d.decide(&c, "The bridge was sabotaged.", &Context::default());
        assert_eq!(st, Stance::Asserts);
    }

    #[test]
    fn every_signal_has_a_name() {
        assert_eq!(SIGNALS.len(), N_SIGNALS);
        let m = StanceModel::from_dense("test".into(), &[([0.5; N_SIGNALS], 0.0); 4]);
        let json = serde_json::to_string(&m).expect("serialises");
        let back: StanceModel = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, m);
    }
}
