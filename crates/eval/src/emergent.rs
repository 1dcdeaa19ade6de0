//! Emergent (Ferreira & Vlachos, NAACL 2016): the stance of a news headline
//! toward a rumour a journalist tracked, `for`, `against` or `observing`
//! (`../shared/data/emergent`, see its SOURCE.md; evaluation only, no
//! licence). The pairs are read here and scored with accuracy and the mean of
//! the three classes' F1, the figures the paper reports (73.28 % accuracy,
//! macro-F1 72.3 on the authors' test split).

use crate::EvalError;
use std::fmt;
use std::path::Path;

/// A headline's stance toward its claim, as Emergent labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// The headline states the claim as true.
    For,
    /// The headline states it is false.
    Against,
    /// The headline repeats it without assessing it ("X says …").
    Observing,
}

/// The labels in the order the figures print them.
pub const LABELS: [Label; 3] = [Label::For, Label::Against, Label::Observing];

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::For => "for",
            Label::Against => "against",
            Label::Observing => "observing",
        }
    }

    fn parse(s: &str) -> Option<Label> {
        LABELS.into_iter().find(|l| l.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One (claim, headline) pair with its gold label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub claim: String,
    pub headline: String,
    pub gold: Label,
}

/// Reads the pairs of one split's CSV (`url-versions-2015-06-14-clean-test.csv`).
pub fn read(path: &Path) -> Result<Vec<Pair>, EvalError> {
    let bad = |e: csv::Error| EvalError::Invalid(format!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_path(path).map_err(bad)?;
    let headers = reader.headers().map_err(bad)?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| EvalError::Invalid(format!("{}: no column {name}", path.display())))
    };
    let (claim, headline, stance) = (
        column("claimHeadline")?,
        column("articleHeadline")?,
        column("articleHeadlineStance")?,
    );
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(bad)?;
        let field = |k: usize| row.get(k).unwrap_or_default().to_string();
        let label = field(stance);
        let gold = Label::parse(&label).ok_or_else(|| {
            EvalError::Invalid(format!(
                "{}: row {}: unknown stance {label:?}",
                path.display(),
                i + 2
            ))
        })?;
        out.push(Pair {
            claim: field(claim),
            headline: field(headline),
            gold,
        });
    }
    Ok(out)
}

/// Gold × predicted counts, rows gold, columns predicted, in [`LABELS`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confusion {
    pub counts: [[usize; 3]; 3],
}

impl Confusion {
    pub fn new(pairs: &[Pair], predicted: &[Label]) -> Confusion {
        let mut c = Confusion::default();
        for (p, &y) in pairs.iter().zip(predicted) {
            c.counts[p.gold.index()][y.index()] += 1;
        }
        c
    }

    fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..3).map(|i| self.counts[i][i]).sum();
        right as f64 / self.total().max(1) as f64
    }

    pub fn f1(&self, label: Label) -> f64 {
        let i = label.index();
        let tp = self.counts[i][i] as f64;
        let said: usize = (0..3).map(|g| self.counts[g][i]).sum();
        let gold: usize = self.counts[i].iter().sum();
        if said + gold == 0 {
            0.0
        } else {
            2.0 * tp / (said + gold) as f64
        }
    }

    /// The mean of the three classes' F1.
    pub fn macro_f1(&self) -> f64 {
        LABELS.iter().map(|&l| self.f1(l)).sum::<f64>() / 3.0
    }
}

impl fmt::Display for Confusion {
    /// The matrix, then accuracy, per-class F1 and macro-F1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<16}", "gold \\ system")?;
        for l in LABELS {
            write!(f, "{:>11}", l.as_str())?;
        }
        writeln!(f)?;
        for g in LABELS {
            write!(f, "{:<16}", g.as_str())?;
            for p in LABELS {
                write!(f, "{:>11}", self.counts[g.index()][p.index()])?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "accuracy {:.2} %, macro-F1 {:.1} (F1 for {:.3}, against {:.3}, observing {:.3})",
            100.0 * self.accuracy(),
            100.0 * self.macro_f1(),
            self.f1(Label::For),
            self.f1(Label::Against),
            self.f1(Label::Observing)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_split_and_scores_it() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("test.csv");
        std::fs::write(
            &path,
            ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n\
             1,A bridge fell,Bridge falls in storm,for,a1,c1\n\
             2,A bridge fell,\"No, the bridge did not fall\",against,a2,c1\n\
             3,A bridge fell,Bridge fell, mayor says,observing,a3,c1\n",
        )
        .expect("written");
        let err = read(&path).expect_err("row 3 has one field too many");
        assert!(err.to_string().contains("test.csv"), "{err}");
        std::fs::write(
            &path,
            ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n\
             1,A bridge fell,Bridge falls in storm,for,a1,c1\n\
             2,A bridge fell,\"No, the bridge did not fall\",against,a2,c1\n\
             3,A bridge fell,\"Bridge fell, mayor says\",observing,a3,c1\n",
        )
        .expect("written");
        let pairs = read(&path).expect("read");
        assert_eq!(pairs.len(), 3);
        assert_eq!(pairs[1].headline, "No, the bridge did not fall");
        let c = Confusion::new(&pairs, &[Label::For, Label::Observing, Label::Observing]);
        assert!((c.accuracy() - 2.0 / 3.0).abs() < 1e-12);
        // for 1.0, against 0.0, observing 2/3.
        assert!((c.macro_f1() - (1.0 + 0.0 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!(c.to_string().contains("accuracy 66.67 %"), "{c}");
    }
}
