//! FNC-1 (Fake News Challenge, stage 1): reading the data and the official score.
//!
//! The score is the competition's: per headline–body pair, +0.25 when gold and
//! prediction agree on related/unrelated, +0.75 more when a related pair gets its
//! exact class. It is reported relative to the best possible score, beside the
//! macro-F1 over the four classes that Hanselowski et al. (2018) argue for, since
//! the score favours the majority class. `../shared/tools/score_fnc1.py` computes
//! the same figures independently.

use crate::{Bar, EvalError, Metric, Report};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The four FNC-1 classes, in the competition's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

impl Label {
    pub const ALL: [Label; 4] = [
        Label::Agree,
        Label::Disagree,
        Label::Discuss,
        Label::Unrelated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Agree => "agree",
            Label::Disagree => "disagree",
            Label::Discuss => "discuss",
            Label::Unrelated => "unrelated",
        }
    }

    /// Parses a label as written in the CSV files (case and spaces ignored).
    pub fn parse(text: &str) -> Option<Label> {
        let t = text.trim();
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(t))
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_related(self) -> bool {
        self != Label::Unrelated
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One headline–body pair; `label` is `None` in the unlabeled files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub headline: String,
    pub body_id: u32,
    pub label: Option<Label>,
}

/// A stance file joined with its bodies.
#[derive(Debug, Clone, Default)]
pub struct Split {
    pub pairs: Vec<Pair>,
    pub bodies: HashMap<u32, String>,
    /// Rows that could not be read, with the reason (file, line, cause).
    pub skipped: Vec<String>,
}

impl Split {
    /// The body text of a pair ("" if the body is missing, which [`read`] reports).
    pub fn body(&self, pair: &Pair) -> &str {
        self.bodies.get(&pair.body_id).map_or("", String::as_str)
    }
}

/// Reads `{prefix}_stances.csv` and `{prefix}_bodies.csv` from `dir`
/// (`prefix` is `train` or `competition_test`). Malformed rows and pairs whose
/// body is missing are skipped and listed in [`Split::skipped`].
pub fn read(dir: &Path, prefix: &str) -> Result<Split, EvalError> {
    let mut split = Split::default();
    let bodies_path = dir.join(format!("{prefix}_bodies.csv"));
    for (line, row) in records(&bodies_path)?.into_iter().enumerate() {
        match row {
            Ok(r) => match (r.get(0).map(|s| s.trim().parse::<u32>()), r.get(1)) {
                (Some(Ok(id)), Some(text)) => {
                    split.bodies.insert(id, text.to_string());
                }
                _ => split.skipped.push(format!(
                    "{}: row {}: expected `Body ID,articleBody`",
                    bodies_path.display(),
                    line + 2
                )),
            },
            Err(e) => split
                .skipped
                .push(format!("{}: {e}", bodies_path.display())),
        }
    }
    let stances_path = dir.join(format!("{prefix}_stances.csv"));
    split.pairs = read_pairs(&stances_path, &mut split.skipped)?;
    split.pairs.retain(|p| {
        let known = split.bodies.contains_key(&p.body_id);
        if !known {
            split.skipped.push(format!(
                "{}: body {} of {:?} is not in {}",
                stances_path.display(),
                p.body_id,
                p.headline,
                bodies_path.display()
            ));
        }
        known
    });
    Ok(split)
}

/// Reads a stance or prediction file (`Headline,Body ID[,Stance]`).
/// Unreadable rows are described in `skipped`.
pub fn read_pairs(path: &Path, skipped: &mut Vec<String>) -> Result<Vec<Pair>, EvalError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| EvalError::Invalid(format!("cannot read {}: {e}", path.display())))?;
    let headers = reader
        .headers()
        .map_err(|e| EvalError::Invalid(format!("{}: bad header: {e}", path.display())))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let headline = column("Headline")
        .ok_or_else(|| EvalError::Missing(format!("{}: column Headline", path.display())))?;
    let body = column("Body ID")
        .ok_or_else(|| EvalError::Missing(format!("{}: column Body ID", path.display())))?;
    let stance = column("Stance");
    let mut pairs = Vec::new();
    for (line, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                skipped.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let id = row.get(body).and_then(|s| s.trim().parse::<u32>().ok());
        let label = stance.and_then(|c| row.get(c)).map(Label::parse);
        match (row.get(headline), id, label) {
            (Some(h), Some(id), None | Some(Some(_))) => pairs.push(Pair {
                headline: h.to_string(),
                body_id: id,
                label: label.flatten(),
            }),
            _ => skipped.push(format!(
                "{}: row {}: bad Body ID or Stance",
                path.display(),
                line + 2
            )),
        }
    }
    Ok(pairs)
}

fn records(path: &Path) -> Result<Vec<Result<csv::StringRecord, csv::Error>>, EvalError> {
    let reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| EvalError::Invalid(format!("cannot read {}: {e}", path.display())))?;
    Ok(reader.into_records().collect())
}

/// Writes predictions in the competition's submission format
/// (`Headline,Body ID,Stance`), in the order given.
pub fn write_predictions(
    path: &Path,
    pairs: &[Pair],
    predicted: &[Label],
) -> Result<(), EvalError> {
    let fail =
        |e: &dyn fmt::Display| EvalError::Invalid(format!("writing {}: {e}", path.display()));
    let mut w = csv::Writer::from_path(path).map_err(|e| fail(&e))?;
    w.write_record(["Headline", "Body ID", "Stance"])
        .map_err(|e| fail(&e))?;
    for (p, l) in pairs.iter().zip(predicted) {
        w.write_record([p.headline.as_str(), &p.body_id.to_string(), l.as_str()])
            .map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}

/// The official figures of one set of predictions.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The competition score (sum of points).
    pub points: f64,
    /// The best possible score for this gold set.
    pub max: f64,
    /// `confusion[gold][predicted]`, in [`Label::ALL`] order.
    pub confusion: [[usize; 4]; 4],
}

impl Score {
    /// The score as a share of the best possible (the reported "relative score").
    pub fn relative(&self) -> f64 {
        if self.max > 0.0 {
            self.points / self.max
        } else {
            0.0
        }
    }

    /// F1 of one class (0 when it is never predicted nor gold).
    pub fn f1(&self, label: Label) -> f64 {
        let i = label.index();
        let tp = self.confusion[i][i] as f64;
        let predicted: usize = self.confusion.iter().map(|row| row[i]).sum();
        let gold: usize = self.confusion[i].iter().sum();
        let p = if predicted > 0 {
            tp / predicted as f64
        } else {
            0.0
        };
        let r = if gold > 0 { tp / gold as f64 } else { 0.0 };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Mean F1 over the four classes.
    pub fn macro_f1(&self) -> f64 {
        Label::ALL.iter().map(|&l| self.f1(l)).sum::<f64>() / 4.0
    }

    /// The figures as a report: FNC score and macro-F1 against the bars the
    /// issue sets (beat SOLAT's 82.02 %, macro-F1 ≥ 0.65), then per-class F1.
    pub fn report(&self, title: &str) -> Report {
        let mut metrics = vec![
            Metric {
                name: "fnc_score",
                value: self.relative(),
                bar: Some(Bar::AtLeast(0.8202)),
                note: "relative FNC-1 score; baseline .7520 UCLMR .8172 Athene .8197 SOLAT .8202 RoBERTa .9001",
            },
            Metric {
                name: "macro_f1",
                value: self.macro_f1(),
                bar: Some(Bar::AtLeast(0.65)),
                note: "mean F1 of the four classes; Athene .604",
            },
        ];
        for (label, name) in
            Label::ALL
                .into_iter()
                .zip(["f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated"])
        {
            metrics.push(Metric {
                name,
                value: self.f1(label),
                bar: None,
                note: label.as_str(),
            });
        }
        Report {
            title: title.to_string(),
            metrics,
        }
    }

    /// The confusion matrix as an aligned table (rows gold, columns predicted).
    pub fn confusion_table(&self) -> String {
        let mut out = format!("{:<12}", "gold\\pred");
        for l in Label::ALL {
            out.push_str(&format!("{:>11}", l.as_str()));
        }
        for g in Label::ALL {
            out.push_str(&format!("\n{:<12}", g.as_str()));
            for p in Label::ALL {
                out.push_str(&format!("{:>11}", self.confusion[g.index()][p.index()]));
            }
        }
        out
    }
}

/// Scores predictions against gold labels, pair by pair (the slices are aligned).
pub fn score(gold: &[Label], predicted: &[Label]) -> Score {
    let mut s = Score {
        points: 0.0,
        max: 0.0,
        confusion: [[0; 4]; 4],
    };
    for (&g, &p) in gold.iter().zip(predicted) {
        s.confusion[g.index()][p.index()] += 1;
        s.max += if g.is_related() { 1.0 } else { 0.25 };
        if g.is_related() == p.is_related() {
            s.points += 0.25;
        }
        if g.is_related() && g == p {
            s.points += 0.75;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    #[test]
    fn points_follow_the_competition_rules() {
        // unrelated right 0.25; exact related 1.0; wrong related class 0.25;
        // related/unrelated mistakes 0.
        let s = score(
            &[Unrelated, Agree, Discuss, Disagree, Unrelated],
            &[Unrelated, Agree, Agree, Unrelated, Discuss],
        );
        assert_eq!(s.points, 0.25 + 1.0 + 0.25);
        assert_eq!(s.max, 0.25 + 1.0 + 1.0 + 1.0 + 0.25);
        assert_eq!(s.confusion[Discuss.index()][Agree.index()], 1);
    }

    #[test]
    fn all_unrelated_on_the_test_distribution_gives_the_null_score() {
        // SOURCE.md: all-"unrelated" scores 4,587.25 of 11,651.25 (39.37 %).
        let mut gold = vec![Unrelated; 18_349];
        gold.extend(std::iter::repeat_n(Discuss, 4_464));
        gold.extend(std::iter::repeat_n(Agree, 1_903));
        gold.extend(std::iter::repeat_n(Disagree, 697));
        let s = score(&gold, &vec![Unrelated; gold.len()]);
        assert_eq!(s.max, 11_651.25);
        assert_eq!(s.points, 4_587.25);
        assert!((s.relative() - 0.3937).abs() < 1e-4);
        assert_eq!(s.f1(Agree), 0.0);
        assert!((s.f1(Unrelated) - 2.0 * 0.722_0 / 1.722_0).abs() < 1e-3);
    }

    #[test]
    fn macro_f1_averages_the_four_classes() {
        let s = score(
            &[Agree, Disagree, Discuss, Unrelated],
            &[Agree, Disagree, Discuss, Unrelated],
        );
        assert_eq!(s.macro_f1(), 1.0);
        let s = score(&[Agree, Agree], &[Agree, Disagree]);
        // agree: p=1 r=.5 f=2/3; disagree: 0; others undefined → 0.
        assert!((s.macro_f1() - (2.0 / 3.0) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn reads_quoted_bodies_and_reports_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("x_bodies.csv"),
            "Body ID,articleBody\n1,\"two\n\nparagraphs, \"\"quoted\"\"\"\nnope,bad\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("x_stances.csv"),
            "Headline,Body ID,Stance\n\"A, headline\",1,agree\nB,2,discuss\nC,1,maybe\n",
        )
        .unwrap();
        let split = read(dir.path(), "x").unwrap();
        assert_eq!(split.bodies[&1], "two\n\nparagraphs, \"quoted\"");
        assert_eq!(
            split.pairs,
            vec![Pair {
                headline: "A, headline".into(),
                body_id: 1,
                label: Some(Agree)
            }]
        );
        assert_eq!(split.skipped.len(), 3, "{:?}", split.skipped);
        assert!(read(dir.path(), "missing").is_err());
    }

    #[test]
    fn predictions_round_trip_in_submission_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        let pairs = vec![Pair {
            headline: "Say \"hi\", all".into(),
            body_id: 7,
            label: None,
        }];
        write_predictions(&path, &pairs, &[Discuss]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "Headline,Body ID,Stance\n\"Say \"\"hi\"\", all\",7,discuss\n"
        );
        let mut skipped = Vec::new();
        let back = read_pairs(&path, &mut skipped).unwrap();
        assert_eq!(back[0].label, Some(Discuss));
        assert_eq!(back[0].headline, pairs[0].headline);
    }
}
