//! crosscheck-eval: scores a [`Dossier`](crosscheck_model::Dossier) against
//! gold data and reports each metric next to its bar.
//!
//! Two gold formats are supported:
//!
//! - [`seeds`]: the seed gold (`seeds/gold.json`), where each gold claim lists
//!   its evidence snippets with a stance, plus numbers, quotes, entities,
//!   aliases and boilerplate;
//! - [`heldout`]: article-level gold (`dev/gold.json` and the held-out set),
//!   where each gold claim labels every article.
//!
//! [`check`] puts `crosscheck check` beside the dossier on the
//! article-level gold: every claim against every article.
//!
//! The metric definitions are the same as those of the two independent Python
//! scorers the project keeps beside it, so that the two implementations check
//! each other: for one gold file and one dossier they print the same figures.
//! Text is compared through [`text::norm`], names through [`text::name_key`]
//! and speakers through [`text::same_person`].
//!
//! Gold is read from a parsed [`serde_json::Value`]. Where the Python scorer
//! depends on the order of a JSON object's members, this crate uses the order
//! of `serde_json`'s map (sorted by key unless `preserve_order` is on); the
//! gold files keep their keys sorted, so both orders agree.

use std::fmt;

pub mod baselines;
pub mod check;
pub mod coref;
pub mod emergent;
pub mod extraction;
pub mod fnc1;
pub mod heldout;
pub mod polnear;
pub mod seeds;
pub mod text;

mod gold;
mod matching;

/// A gold file that does not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// A required field is absent; the path names it ("claims[2].evidence[0].snippet").
    #[error("gold file: missing {0}")]
    Missing(String),
    /// A field has the wrong JSON type.
    #[error("gold file: {path} should be {expected}")]
    WrongType {
        path: String,
        expected: &'static str,
    },
    /// A field is present and typed right but cannot be scored against.
    #[error("gold file: {0}")]
    Invalid(String),
}

/// The bound a metric must meet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bar {
    /// The value must be at least this.
    AtLeast(f64),
    /// The value must be at most this.
    AtMost(f64),
}

impl Bar {
    /// Whether `value` meets the bar (a NaN never does).
    pub fn met(self, value: f64) -> bool {
        match self {
            Bar::AtLeast(b) => value >= b,
            Bar::AtMost(b) => value <= b,
        }
    }
}

impl fmt::Display for Bar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bar::AtLeast(b) => write!(f, "≥ {b}"),
            Bar::AtMost(b) => write!(f, "≤ {b}"),
        }
    }
}

/// One measured figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// The metric's name, as the Python scorers print it ("claim_recall").
    pub name: &'static str,
    /// The figure: a share in 0..=1, or a count for [`COUNT_METRICS`].
    pub value: f64,
    /// The bound it must meet, if it has one.
    pub bar: Option<Bar>,
    /// What it measures, in a few words.
    pub note: &'static str,
}

impl Metric {
    /// `Some(true)` when the metric meets its bar, `Some(false)` when it
    /// misses it, `None` when it has no bar.
    pub fn passed(&self) -> Option<bool> {
        self.bar.map(|b| b.met(self.value))
    }

    /// The value as printed: counts as whole numbers, shares with 3 decimals
    /// (as the Python scorers print them).
    pub fn value_text(&self) -> String {
        if COUNT_METRICS.contains(&self.name) {
            format!("{:.0}", self.value)
        } else {
            format!("{:.3}", self.value)
        }
    }
}

/// Metrics whose value is a count rather than a share.
pub const COUNT_METRICS: &[&str] = &["boilerplate_leaks"];

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What was scored ("seeds", "article-level gold"); callers may rename it.
    pub title: String,
    /// The metrics, in the order the Python scorers print them.
    pub metrics: Vec<Metric>,
}

impl Report {
    /// Whether every metric that has a bar meets it.
    pub fn passed(&self) -> bool {
        self.metrics.iter().all(|m| m.passed() != Some(false))
    }

    /// The metric of that name, if it was measured.
    pub fn get(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

impl fmt::Display for Report {
    /// An aligned table (metric, value, bar, ok/MISS, note) under the title,
    /// then a summary line: `ok | N of N bars met` or
    /// `FAIL name,name | K of N bars met`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<[String; 5]> = self
            .metrics
            .iter()
            .map(|m| {
                let bar = m.bar.map_or_else(|| "—".to_string(), |b| b.to_string());
                let status = match m.passed() {
                    Some(true) => "ok",
                    Some(false) => "MISS",
                    None => "",
                };
                [
                    m.name.to_string(),
                    m.value_text(),
                    bar,
                    status.to_string(),
                    m.note.to_string(),
                ]
            })
            .collect();
        let header = ["metric", "value", "bar", "", ""].map(str::to_string);
        let mut width = [0usize; 4];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        writeln!(f, "{}", self.title)?;
        for row in std::iter::once(&header).chain(&rows) {
            let line = format!(
                "{:<w0$}  {:>w1$}  {:<w2$}  {:<w3$}  {}",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                w0 = width[0],
                w1 = width[1],
                w2 = width[2],
                w3 = width[3],
            );
            writeln!(f, "{}", line.trim_end())?;
        }
        let with_bar = self.metrics.iter().filter(|m| m.bar.is_some()).count();
        let missed: Vec<&str> = self
            .metrics
            .iter()
            .filter(|m| m.passed() == Some(false))
            .map(|m| m.name)
            .collect();
        let met = with_bar - missed.len();
        if missed.is_empty() {
            write!(f, "ok | {met} of {with_bar} bars met")
        } else {
            write!(
                f,
                "FAIL {} | {met} of {with_bar} bars met",
                missed.join(",")
            )
        }
    }
}

/// `part / max(1, whole)` as the Python scorers compute shares.
pub(crate) fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            title: "seeds".to_string(),
            metrics: vec![
                Metric {
                    name: "claim_recall",
                    value: 0.95,
                    bar: Some(Bar::AtLeast(0.9)),
                    note: "gold claims found",
                },
                Metric {
                    name: "evidence_recall",
                    value: 2.0 / 3.0,
                    bar: None,
                    note: "snippets",
                },
                Metric {
                    name: "boilerplate_leaks",
                    value: 2.0,
                    bar: Some(Bar::AtMost(0.0)),
                    note: "boilerplate as evidence",
                },
            ],
        }
    }

    #[test]
    fn display_aligns_and_summarises() {
        let r = report();
        assert!(!r.passed());
        let text = r.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "seeds");
        assert_eq!(
            lines[2],
            "claim_recall       0.950  ≥ 0.9  ok    gold claims found"
        );
        assert_eq!(lines[3], "evidence_recall    0.667  —            snippets");
        assert_eq!(
            lines[4],
            "boilerplate_leaks      2  ≤ 0    MISS  boilerplate as evidence"
        );
        assert_eq!(lines[5], "FAIL boilerplate_leaks | 1 of 2 bars met");
    }

    #[test]
    fn passes_when_every_bar_is_met() {
        let mut r = report();
        r.metrics[2].value = 0.0;
        assert!(r.passed());
        assert!(r.to_string().ends_with("ok | 2 of 2 bars met"));
        assert_eq!(r.get("evidence_recall").and_then(Metric::passed), None);
    }

    #[test]
    fn nan_misses_its_bar() {
        assert!(!Bar::AtLeast(0.5).met(f64::NAN));
        assert!(!Bar::AtMost(0.0).met(f64::NAN));
        assert!(Bar::AtLeast(1.0).met(1.0));
    }
}

/// Hand-built dossier pieces for the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use crosscheck_model::{
        ClaimGroup, ClaimStatus, DocumentOut, EntityKind, EntityOut, Evidence, QuantityGroup,
        QuantityValue, QuoteOut, Stance,
    };

    /// Sentences of the article-level gold written for the tests (a plant
    /// explosion), shared by the `heldout` and `check` tests.
    pub const BLAST: &str = "A gas leak caused the blast at the plant";
    pub const BLAST_B: &str = "investigators believe a gas leak caused the blast";
    pub const BLAST_C: &str = "The company denied that a gas leak caused the blast";
    pub const CLOSED: &str = "The plant will stay closed for a month";

    pub fn doc(id: &str, path: &str, story: &str) -> DocumentOut {
        DocumentOut {
            id: id.to_string(),
            path: path.to_string(),
            story: story.to_string(),
            ..DocumentOut::default()
        }
    }

    pub fn ev(doc: &str, sentence: &str, stance: Stance) -> Evidence {
        Evidence {
            doc: doc.to_string(),
            sentence: sentence.into(),
            stance,
            origin: None,
            cues: Vec::new(),
        }
    }

    pub fn claim(text: &str, evidence: Vec<Evidence>) -> ClaimGroup {
        ClaimGroup {
            id: format!("c-{text}"),
            story: "s1".to_string(),
            text: text.to_string(),
            status: ClaimStatus::SingleOrigin,
            independent_origins: Vec::new(),
            denied_by: Vec::new(),
            stances: Vec::new(),
            evidence,
            score: 1.0,
        }
    }

    pub fn quote(doc: &str, speaker: Option<&str>, text: &str) -> QuoteOut {
        QuoteOut {
            doc: doc.to_string(),
            speaker: speaker.map(str::to_string),
            text: text.to_string(),
            sentence: text.to_string(),
            partial: false,
        }
    }

    pub fn value(doc: &str, sentence: &str, value: Option<f64>, max: Option<f64>) -> QuantityValue {
        QuantityValue {
            doc: doc.to_string(),
            sentence: sentence.into(),
            text: String::new(),
            value,
            min: None,
            max,
            qualifier: None,
            vague: None,
            origin: None,
        }
    }

    pub fn quantities(values: Vec<QuantityValue>) -> QuantityGroup {
        QuantityGroup {
            id: "q".to_string(),
            story: "s1".to_string(),
            text: "troops".to_string(),
            unit: "troops".to_string(),
            values,
            disagree: true,
        }
    }

    pub fn entity(name: &str, aliases: &[&str]) -> EntityOut {
        EntityOut {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            docs: Vec::new(),
            mentions: 1,
        }
    }
}
