//! `crosscheck check` against article-level gold (`dev/gold.json` and the held-out
//! set): what `crosscheck check` says of every gold claim in every article,
//! beside what the dossier says of the same pairs.
//!
//! The gold labels every (claim, article) pair `asserts`, `hedges`, `denies`,
//! `reports_denial` or `absent`; `check` gives a stance or none (the article
//! does not carry the claim, read as `absent`). The pairs are those [`heldout`](crate::heldout) scores:
//! numeric claims (a count, not a proposition) are left out.
//!
//! The dossier's label of a pair labelled other than `absent` is the one
//! `eval dev` scores: not found (`absent`) when none of the pair's evidence
//! spans is in a dossier evidence sentence of that article; the gold label
//! when one of the evidence items that count has it; else the first of their
//! stances in the gold's precedence (denies, asserts, reports_denial,
//! hedges). So the dossier's `stance_accuracy` and found share here are
//! `eval dev`'s `stance_accuracy` and `claim_article_recall`. A pair labelled
//! `absent` has no spans: there the dossier's label is the article's stance
//! in the claim group `eval dev` chose for the gold claim (none: `absent`).

use std::collections::HashMap;
use std::fmt;

use crosscheck_model::{Dossier, Stance};
use serde_json::{Value, json};

use crate::gold::At;
use crate::heldout::{DocKeys, Pair, find_pairs, read_articles, read_claims};
use crate::matching::SysIndex;
use crate::{EvalError, share};

/// The labels in the order of the confusion matrix; `None` is `absent`.
pub const LABELS: [Option<Stance>; 5] = [
    Some(Stance::Asserts),
    Some(Stance::Hedges),
    Some(Stance::Denies),
    Some(Stance::ReportsDenial),
    None,
];

/// The gold's precedence of stances (`label_precedence` in dev/README.md).
const PRECEDENCE: [Stance; 4] = [
    Stance::Denies,
    Stance::Asserts,
    Stance::ReportsDenial,
    Stance::Hedges,
];

/// A label's name as the gold writes it.
pub fn label_name(label: Option<Stance>) -> &'static str {
    label.map_or("absent", Stance::as_str)
}

fn label_index(label: Option<Stance>) -> usize {
    LABELS.iter().position(|l| *l == label).unwrap_or(4)
}

fn parse_label(text: &str) -> Option<Option<Stance>> {
    LABELS.into_iter().find(|l| label_name(*l) == text)
}

/// A gold claim to put to `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldClaim<'a> {
    pub id: &'a str,
    /// The canonical wording, scope notes included.
    pub text: &'a str,
}

/// The gold claims the comparison scores (numeric ones left out), in gold order.
pub fn claims(gold: &Value) -> Result<Vec<GoldClaim<'_>>, EvalError> {
    let mut out = Vec::new();
    for c in At::root(gold).field("claims")?.items()? {
        if c.str_field("kind")? != "numeric" {
            out.push(GoldClaim {
                id: c.str_field("id")?,
                text: c.str_field("text")?,
            });
        }
    }
    Ok(out)
}

/// What `check` said of one gold claim in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged<'a> {
    /// The gold claim's id.
    pub claim: &'a str,
    /// The document's id in the dossier (its path and url map it to a gold
    /// article, as `eval dev` maps them).
    pub doc: &'a str,
    /// `None`: unrelated.
    pub stance: Option<Stance>,
}

/// One (claim, article) pair with the three labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairLabels<'a> {
    pub claim: &'a str,
    pub article: &'a str,
    pub gold: Option<Stance>,
    pub check: Option<Stance>,
    pub dossier: Option<Stance>,
}

/// A confusion matrix, `counts[gold][system]` in [`LABELS`] order, and the
/// figures read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confusion {
    pub counts: [[usize; 5]; 5],
}

impl Confusion {
    fn add(&mut self, gold: Option<Stance>, system: Option<Stance>) {
        self.counts[label_index(gold)][label_index(system)] += 1;
    }

    fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// Pairs with the gold label, over all pairs.
    pub fn accuracy(&self) -> f64 {
        share((0..5).map(|i| self.counts[i][i]).sum(), self.total())
    }

    /// Pairs labelled other than absent that the system also labels so
    /// (`eval dev`'s claim_article_recall for the dossier).
    pub fn found(&self) -> f64 {
        let gold: usize = self.counts[..4].iter().flatten().sum();
        let found: usize = self.counts[..4]
            .iter()
            .map(|row| row[..4].iter().sum::<usize>())
            .sum();
        share(found, gold)
    }

    /// Over the pairs both label other than absent, those with the gold
    /// label (`eval dev`'s stance_accuracy).
    pub fn stance_accuracy(&self) -> f64 {
        let both: usize = self.counts[..4]
            .iter()
            .map(|row| row[..4].iter().sum::<usize>())
            .sum();
        share((0..4).map(|i| self.counts[i][i]).sum(), both)
    }

    /// Pairs labelled hedges, denies or reports_denial given that label, over
    /// all of them (`eval dev`'s doubt_recall).
    pub fn doubt_recall(&self) -> f64 {
        let gold: usize = self.counts[1..4].iter().flatten().sum();
        share((1..4).map(|i| self.counts[i][i]).sum(), gold)
    }

    /// Of the pairs the system calls absent, the share the gold calls absent.
    pub fn absent_precision(&self) -> f64 {
        share(
            self.counts[4][4],
            self.counts.iter().map(|row| row[4]).sum(),
        )
    }

    /// Of the pairs the gold calls absent, the share the system calls absent.
    pub fn absent_recall(&self) -> f64 {
        share(self.counts[4][4], self.counts[4].iter().sum())
    }

    /// The figures by name, in print order.
    pub fn figures(&self) -> [(&'static str, f64, &'static str); 6] {
        [
            ("accuracy", self.accuracy(), "all pairs with the gold label"),
            (
                "found",
                self.found(),
                "non-absent pairs said non-absent (dev: claim_article_recall)",
            ),
            (
                "stance_accuracy",
                self.stance_accuracy(),
                "pairs both say non-absent, with the gold label (as eval dev)",
            ),
            (
                "doubt_recall",
                self.doubt_recall(),
                "hedges / denies / reports_denial pairs given that label (as eval dev)",
            ),
            (
                "absent_precision",
                self.absent_precision(),
                "pairs said absent that the gold calls absent",
            ),
            (
                "absent_recall",
                self.absent_recall(),
                "absent pairs said absent",
            ),
        ]
    }

    fn table(&self) -> String {
        let mut out = format!("{:<16}", "gold \\ system");
        for l in LABELS {
            out.push_str(&format!("{:>16}", label_name(l)));
        }
        for (g, row) in LABELS.iter().zip(&self.counts) {
            out.push_str(&format!("\n{:<16}", label_name(*g)));
            for n in row {
                out.push_str(&format!("{n:>16}"));
            }
        }
        out
    }

    fn to_json(self) -> Value {
        let mut figures = serde_json::Map::new();
        for (name, value, _) in self.figures() {
            figures.insert(name.to_string(), json!(value));
        }
        let rows: serde_json::Map<String, Value> = LABELS
            .iter()
            .zip(&self.counts)
            .map(|(g, row)| {
                let cols: serde_json::Map<String, Value> = LABELS
                    .iter()
                    .zip(row)
                    .map(|(s, n)| (label_name(*s).to_string(), json!(n)))
                    .collect();
                (label_name(*g).to_string(), Value::Object(cols))
            })
            .collect();
        figures.insert("confusion".to_string(), Value::Object(rows));
        Value::Object(figures)
    }
}

/// `check` and the dossier on the same gold pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison<'a> {
    /// Every scored pair, in gold order (claims, then articles).
    pub pairs: Vec<PairLabels<'a>>,
    pub check: Confusion,
    pub dossier: Confusion,
    /// Pairs whose article no checked document maps to (counted as absent).
    pub unanswered: usize,
}

/// Compares `check`'s stances (`judged`) and the dossier's with the gold
/// labels of every non-numeric claim in every article.
pub fn score<'a>(
    gold: &'a Value,
    dossier: &'a Dossier,
    judged: &[Judged<'_>],
) -> Result<Comparison<'a>, EvalError> {
    let root = At::root(gold);
    let articles = read_articles(&root)?;
    let docs = DocKeys::new(&articles, dossier);
    let sys = SysIndex::new(dossier, |d| docs.key(d));
    let gold_claims = read_claims(&root)?;
    let found_pairs: Vec<&Pair> = gold_claims.iter().flat_map(|c| &c.pairs).collect();
    let (counted, chosen) = find_pairs(&found_pairs, &sys);

    let mut dossier_of: HashMap<(&str, &str), Option<Stance>> = HashMap::new();
    for (p, items) in found_pairs.iter().zip(&counted) {
        let stances: Vec<&str> = items.iter().map(|it| it.stance).collect();
        let label = if stances.contains(&p.label) {
            parse_label(p.label).flatten()
        } else {
            PRECEDENCE
                .into_iter()
                .find(|s| stances.contains(&s.as_str()))
        };
        dossier_of.insert((p.claim, p.article), label);
    }
    let mut check_of: HashMap<(&str, &str), Option<Stance>> = HashMap::new();
    for j in judged {
        check_of.insert((j.claim, docs.key(j.doc)), j.stance);
    }

    let mut out = Comparison {
        pairs: Vec::new(),
        check: Confusion::default(),
        dossier: Confusion::default(),
        unanswered: 0,
    };
    for c in root.field("claims")?.items()? {
        if c.str_field("kind")? == "numeric" {
            continue;
        }
        let id = c.str_field("id")?;
        for (article, label) in c.field("labels")?.entries()? {
            let text = label.str()?;
            let gold = parse_label(text).ok_or_else(|| {
                EvalError::Invalid(format!(
                    "claim {id}, article {article}: unknown label {text}"
                ))
            })?;
            let answer = match check_of.get(&(id, article)) {
                Some(&stance) => stance,
                None => {
                    out.unanswered += 1;
                    None
                }
            };
            let dossier_label = if gold.is_some() {
                dossier_of.get(&(id, article)).copied().flatten()
            } else {
                chosen
                    .get(id)
                    .and_then(|&ci| dossier.claims.get(ci))
                    .and_then(|group| {
                        group
                            .stances
                            .iter()
                            .find(|s| docs.key(&s.doc) == article)
                            .map(|s| s.stance)
                    })
            };
            out.check.add(gold, answer);
            out.dossier.add(gold, dossier_label);
            out.pairs.push(PairLabels {
                claim: id,
                article,
                gold,
                check: answer,
                dossier: dossier_label,
            });
        }
    }
    Ok(out)
}

impl Comparison<'_> {
    /// The figures, both confusion matrices and every pair, as JSON.
    pub fn to_json(&self) -> Value {
        let pairs: Vec<Value> = self
            .pairs
            .iter()
            .map(|p| {
                json!({
                    "claim": p.claim,
                    "article": p.article,
                    "gold": label_name(p.gold),
                    "check": label_name(p.check),
                    "dossier": label_name(p.dossier),
                })
            })
            .collect();
        json!({
            "n_pairs": self.pairs.len(),
            "unanswered": self.unanswered,
            "check": self.check.to_json(),
            "dossier": self.dossier.to_json(),
            "pairs": pairs,
        })
    }
}

impl fmt::Display for Comparison<'_> {
    /// Both confusion matrices (rows gold, columns system), then the figures
    /// of `check` and of the dossier side by side.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} (claim, article) pairs, numeric claims left out",
            self.pairs.len()
        )?;
        if self.unanswered > 0 {
            writeln!(
                f,
                "{} pairs have no checked document (counted as absent)",
                self.unanswered
            )?;
        }
        writeln!(f, "\ngold × check\n{}", self.check.table())?;
        writeln!(f, "\ngold × dossier\n{}", self.dossier.table())?;
        writeln!(f, "\n{:<18}{:>7}{:>9}", "metric", "check", "dossier")?;
        let rows = self.check.figures().into_iter().zip(self.dossier.figures());
        for ((name, answer, note), (_, dossier, _)) in rows {
            writeln!(f, "{name:<18}{answer:>7.3}{dossier:>9.3}  {note}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_model::DocumentOut;
    use crosscheck_model::Stance::{Asserts, Hedges, ReportsDenial};

    use super::*;
    use crate::test_support::*;

    /// Three articles about a plant explosion, one about interest rates.
    fn gold() -> Value {
        json!({
            "articles": [
                {"id": "01", "file": "01_daily.txt", "url": null, "story": "X"},
                {"id": "02", "file": "02_wire.txt", "url": null, "story": "X"},
                {"id": "03", "file": "03_radio.txt", "url": null, "story": "X"},
                {"id": "04", "file": "04_markets.txt", "url": null, "story": "Y"}
            ],
            "claims": [
                {"id": "X1", "kind": "event", "text": "A gas leak caused the blast.",
                 "labels": {"01": "asserts", "02": "hedges", "03": "reports_denial", "04": "absent"},
                 "evidence": {"01": [BLAST], "02": [BLAST_B], "03": [BLAST_C]}},
                {"id": "X2", "kind": "event", "text": "The plant stays closed.",
                 "labels": {"01": "asserts", "02": "absent", "03": "asserts", "04": "absent"},
                 "evidence": {"01": [CLOSED], "03": [CLOSED]}},
                {"id": "X3", "kind": "numeric", "text": "Workers killed.",
                 "labels": {"01": "asserts", "02": "absent", "03": "absent", "04": "absent"},
                 "evidence": {"01": ["12 workers were killed"]}}
            ]
        })
    }

    fn dossier(claims: Vec<crosscheck_model::ClaimGroup>) -> Dossier {
        Dossier {
            documents: vec![
                doc("h1", "in/01_daily.txt", "s1"),
                doc("h2", "02_wire.txt", "s1"),
                doc("h3", "03_radio.txt", "s1"),
                doc("h4", "04_markets.txt", "s2"),
            ],
            claims,
            ..Dossier::default()
        }
    }

    fn judged<'a>(stances: &[(&'a str, &'a str, Option<Stance>)]) -> Vec<Judged<'a>> {
        stances
            .iter()
            .map(|&(claim, doc, stance)| Judged { claim, doc, stance })
            .collect()
    }

    /// `check`: X1 misreads the hedge; X2 misses 01 and sees 02.
    fn check_answers() -> Vec<Judged<'static>> {
        judged(&[
            ("X1", "h1", Some(Asserts)),
            ("X1", "h2", Some(Asserts)),
            ("X1", "h3", Some(ReportsDenial)),
            ("X1", "h4", None),
            ("X2", "h1", None),
            ("X2", "h2", Some(Hedges)),
            ("X2", "h3", Some(Asserts)),
            ("X2", "h4", None),
        ])
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn check_is_scored_on_every_non_numeric_pair() {
        let (g, d) = (gold(), dossier(Vec::new()));
        let c = score(&g, &d, &check_answers()).unwrap();
        assert_eq!(c.pairs.len(), 8);
        assert_eq!(c.unanswered, 0);
        let j = c.check;
        // Gold hedges read as asserts; gold absent read as hedges.
        assert_eq!(j.counts[1][0], 1);
        assert_eq!(j.counts[4][1], 1);
        assert!(close(j.accuracy(), 5.0 / 8.0));
        // Both non-absent: X1 01, 02, 03 and X2 03; 3 right.
        assert!(close(j.stance_accuracy(), 3.0 / 4.0));
        assert!(close(j.found(), 4.0 / 5.0));
        assert!(close(j.doubt_recall(), 1.0 / 2.0));
        // Said absent: X1 04, X2 01, X2 04, of which 2 are; gold absent: 3.
        assert!(close(j.absent_precision(), 2.0 / 3.0));
        assert!(close(j.absent_recall(), 2.0 / 3.0));
    }

    #[test]
    fn the_dossier_side_is_eval_devs_stance_accuracy() {
        let d = dossier(vec![
            claim(
                "blast",
                vec![
                    ev("h1", &format!("{BLAST}, police said."), Asserts),
                    ev(
                        "h2",
                        "Investigators believe a gas leak caused the blast.",
                        Asserts,
                    ),
                    ev("h3", BLAST_C, ReportsDenial),
                    ev("h3", BLAST_C, Hedges),
                ],
            ),
            claim("closed", vec![ev("h1", CLOSED, Asserts)]),
        ]);
        let g = gold();
        let c = score(&g, &d, &check_answers()).unwrap();
        let dev = crate::heldout::score(&g, &d).unwrap();
        let of = |name| dev.get(name).map(|m| m.value).unwrap();
        assert!(close(c.dossier.stance_accuracy(), of("stance_accuracy")));
        assert!(close(c.dossier.found(), of("claim_article_recall")));
        assert!(close(c.dossier.doubt_recall(), of("doubt_recall")));
        let labels: Vec<_> = c.pairs.iter().map(|p| label_name(p.dossier)).collect();
        // 03 has a hedge and a reported denial: the gold label counts; X2's 03 is not found.
        assert_eq!(
            labels,
            [
                "asserts",
                "asserts",
                "reports_denial",
                "absent",
                "asserts",
                "absent",
                "absent",
                "absent"
            ]
        );
    }

    #[test]
    fn a_wrong_found_stance_takes_the_golds_precedence() {
        let d = dossier(vec![claim(
            "blast",
            vec![ev("h2", BLAST_B, Hedges), ev("h2", BLAST_B, Asserts)],
        )]);
        let g = json!({
            "articles": gold()["articles"],
            "claims": [{"id": "X1", "kind": "event", "text": "t",
                        "labels": {"02": "reports_denial"}, "evidence": {"02": [BLAST_B]}}]
        });
        let c = score(&g, &d, &[]).unwrap();
        assert_eq!(c.pairs[0].dossier, Some(Asserts));
        assert_eq!(c.unanswered, 1);
        assert_eq!(c.pairs[0].check, None);
    }

    #[test]
    fn absent_pairs_read_the_dossiers_group_for_the_claim() {
        // The group that holds X2's evidence also lists 02, which the gold calls absent.
        let mut group = claim("closed", vec![ev("h1", CLOSED, Asserts)]);
        group.stances = vec![
            crosscheck_model::DocStance {
                doc: "h1".to_string(),
                stance: Asserts,
            },
            crosscheck_model::DocStance {
                doc: "h2".to_string(),
                stance: Hedges,
            },
        ];
        let (g, d) = (gold(), dossier(vec![group]));
        let c = score(&g, &d, &check_answers()).unwrap();
        let x2_02 = c
            .pairs
            .iter()
            .find(|p| (p.claim, p.article) == ("X2", "02"))
            .unwrap();
        assert_eq!(x2_02.dossier, Some(Hedges));
        // X1 has no group (none of its spans found): its absent pair stays absent.
        assert_eq!(c.dossier.counts[4][4], 2);
        assert_eq!(c.dossier.counts[4][1], 1);
    }

    #[test]
    fn documents_map_to_articles_by_file_name() {
        let mut d = dossier(Vec::new());
        d.documents[0] = DocumentOut {
            path: "elsewhere/01_daily.txt".to_string(),
            ..d.documents[0].clone()
        };
        let g = gold();
        let c = score(&g, &d, &judged(&[("X1", "h1", Some(Asserts))])).unwrap();
        assert_eq!(c.pairs[0].check, Some(Asserts));
        assert_eq!(c.unanswered, 7);
    }

    #[test]
    fn an_unknown_label_is_an_error() {
        let mut g = gold();
        g["claims"][0]["labels"]["02"] = json!("doubts");
        let d = dossier(Vec::new());
        assert_eq!(
            score(&g, &d, &[]),
            Err(EvalError::Invalid(
                "claim X1, article 02: unknown label doubts".to_string()
            ))
        );
    }

    #[test]
    fn claims_leave_numeric_ones_out() {
        let g = gold();
        let ids: Vec<&str> = claims(&g).unwrap().iter().map(|c| c.id).collect();
        assert_eq!(ids, ["X1", "X2"]);
    }

    #[test]
    fn display_puts_check_and_dossier_side_by_side() {
        let (g, d) = (gold(), dossier(Vec::new()));
        let text = score(&g, &d, &check_answers()).unwrap().to_string();
        assert!(text.starts_with("8 (claim, article) pairs"), "{text}");
        assert!(
            text.contains("\nstance_accuracy     0.750    0.000  "),
            "{text}"
        );
        let json = score(&g, &d, &check_answers()).unwrap().to_json();
        assert_eq!(json["check"]["confusion"]["hedges"]["asserts"], json!(1));
        assert_eq!(json["pairs"][1]["check"], json!("asserts"));
    }
}
