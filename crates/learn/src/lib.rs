//! crosscheck-learn: the components crosscheck learns from data, with
//! their training.
//!
//! - [`grouping`]: the pairwise claim model (which two claims make one
//!   proposition) and the grouping thresholds, fitted on gold stories;
//!   [`grouping::leave_one_out`] fits on all stories but one and scores
//!   that one, which is the figure crosscheck reports.
//! - [`stance`]: the stance model, fitted on the stories' labelled
//!   evidence (per held-out story in [`grouping::leave_one_out`]).
//! - [`logistic`]: the regression both are fitted with.
//! - [`story`]: a gold story analysed, and which claims its evidence marks.

pub mod checkworthy;
pub mod ecbplus;
pub mod grouping;
pub mod logistic;
pub mod stance;
pub mod story;

/// Why training or a held-out evaluation could not go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}: {1}")]
    Gold(String, crosscheck_eval::EvalError),
    #[error("{0}: linking failed: {1}")]
    Link(String, std::io::Error),
}

/// Every item but the `i`-th: the training side of a leave-one-out fold.
pub fn all_but<T>(items: &[T], i: usize) -> Vec<&T> {
    items
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, x)| x)
        .collect()
}
