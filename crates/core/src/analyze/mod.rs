//! Per-article analysis: one [`Document`] in, one [`Analysis`] out. Pure.
//!
//! Order matters: sentences → boilerplate → entities → quantities, dates →
//! quotes → attribution, modality → claims. Each stage reads what the
//! earlier ones found.

pub mod checkworthy;

// The stages live in crates of their own; these names keep the paths
// callers use (`crosscheck_core::analyze::quotes`, …).
pub use crosscheck_claims::{claims, lexicon, modality};
pub use crosscheck_entities as entities;
pub use crosscheck_quantities as quantities;
pub use crosscheck_quantities::dates;
pub use crosscheck_quotes as quotes;
pub use crosscheck_text::boilerplate;
pub use crosscheck_text::{by_sentence, sentence_count};

use std::convert::Infallible;
use std::fmt;
use std::time::{Duration, Instant};

use crate::model::{Analysis, Document};
use crate::text::sentences;

/// Analyses one document, whatever it costs: for callers that chose their
/// documents (tests, benchmarks, training). Input from outside goes through
/// [`analyze_within`].
pub fn analyze_document(doc: &Document) -> Analysis {
    match run(doc, |_, _| Ok::<(), Infallible>(())) {
        Ok(analysis) => analysis,
        Err(never) => match never {},
    }
}

/// What one document may cost the analysis. Every stage is linear in the
/// sentences it reads, so these bound the time any one input can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A document of more sentences than this is not analysed (a book, a
    /// dump of a forum, generated junk: not an article).
    pub max_sentences: usize,
    /// Time allowed to one document. It is checked between stages; a
    /// document past it is given up with the stage it had reached.
    pub budget: Option<Duration>,
}

impl Limits {
    /// Default sentences per document: ten times a long feature article.
    pub const MAX_SENTENCES: usize = 20_000;
    /// Default time per document: a 20,000-sentence article takes about a
    /// second of one core in a release build.
    pub const BUDGET: Duration = Duration::from_secs(20);
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_sentences: Self::MAX_SENTENCES,
            budget: Some(Self::BUDGET),
        }
    }
}

/// Why a document was not analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// More sentences than [`Limits::max_sentences`].
    TooManySentences { found: usize, limit: usize },
    /// Past [`Limits::budget`]; `after` is the last stage that finished.
    OverBudget {
        after: &'static str,
        spent: Duration,
        budget: Duration,
    },
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::TooManySentences { found, limit } => write!(
                f,
                "not analysed: {found} sentences, more than the {limit} allowed per article (--max-sentences)"
            ),
            Refused::OverBudget {
                after,
                spent,
                budget,
            } => write!(
                f,
                "analysis given up after {:.1} s, past the {:.1} s allowed per article (--budget); it had reached {after}",
                spent.as_secs_f64(),
                budget.as_secs_f64()
            ),
        }
    }
}

impl std::error::Error for Refused {}

/// Analyses one document within `limits`, or says why not.
pub fn analyze_within(doc: &Document, limits: &Limits) -> Result<Analysis, Refused> {
    let started = Instant::now();
    run(doc, |stage, sentences| {
        if sentences > limits.max_sentences {
            return Err(Refused::TooManySentences {
                found: sentences,
                limit: limits.max_sentences,
            });
        }
        match limits.budget {
            Some(budget) if started.elapsed() > budget => Err(Refused::OverBudget {
                after: stage,
                spent: started.elapsed(),
                budget,
            }),
            _ => Ok(()),
        }
    })
}

/// The stages in order; `check(stage, sentences)` runs after each and may
/// stop the analysis.
fn run<E>(
    doc: &Document,
    mut check: impl FnMut(&'static str, usize) -> Result<(), E>,
) -> Result<Analysis, E> {
    let text = doc.text.as_str();
    let mut sentences = sentences::split(text);
    let n = sentences.len();
    check("sentence splitting", n)?;
    boilerplate::mark(text, &mut sentences, doc.author.as_deref());
    check("boilerplate", n)?;
    let mentions = entities::find(text, &sentences);
    check("entities", n)?;
    let quantities = quantities::find(text, &sentences);
    check("quantities", n)?;
    let published = doc
        .published
        .as_deref()
        .and_then(|p| p.parse::<jiff::civil::Date>().ok());
    let dates = dates::find(text, &sentences, published);
    check("dates", n)?;
    let quotes = quotes::find(text, &sentences, &mentions);
    check("quotes", n)?;
    modality::mark(&mut sentences, &mentions, &quotes);
    check("attribution", n)?;
    let claims = claims::extract(&sentences, &mentions, &quantities, &dates);
    check("claims", n)?;
    Ok(Analysis {
        doc: doc.id.clone(),
        sentences,
        mentions,
        quantities,
        dates,
        quotes,
        claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: usize) -> Document {
        let text: Vec<String> = (0..paragraphs)
            .map(|i| format!("The ferry left the harbour {i} minutes late, the operator said."))
            .collect();
        Document::new("long.txt", text.join("\n\n"))
    }

    #[test]
    fn a_document_past_the_sentence_limit_is_refused_with_its_count() {
        let limits = Limits {
            max_sentences: 50,
            budget: None,
        };
        let refused = analyze_within(&article(51), &limits).expect_err("refused");
        assert_eq!(
            refused,
            Refused::TooManySentences {
                found: 51,
                limit: 50
            }
        );
        assert!(refused.to_string().contains("51 sentences"), "{refused}");
        assert!(analyze_within(&article(50), &limits).is_ok());
    }

    #[test]
    fn a_document_past_the_budget_is_given_up_with_the_stage_it_reached() {
        let limits = Limits {
            max_sentences: usize::MAX,
            budget: Some(Duration::ZERO),
        };
        let refused = analyze_within(&article(3), &limits).expect_err("over budget");
        assert!(
            matches!(
                refused,
                Refused::OverBudget {
                    after: "sentence splitting",
                    ..
                }
            ),
            "{refused:?}"
        );
        let unlimited = Limits {
            max_sentences: usize::MAX,
            budget: None,
        };
        let analysis = analyze_within(&article(3), &unlimited).expect("analysed");
        assert_eq!(analysis, analyze_document(&article(3)));
    }
}
