//! The limits on what one input may cost, shared by every command that reads
//! or analyses articles: each input past one is skipped (the depth is the
//! exception: deeper elements are flattened) and the skip names the limit.

use std::time::Duration;

use clap::builder::TypedValueParser as _;
use crosscheck_core::analyze::Limits;
use crosscheck_ingest::Options;

/// Limits on reading one input.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct ReadLimits {
    /// Skip files larger than this many bytes (for JSONL and WARC files: each line or record).
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Build a page's HTML at most this many elements deep; deeper elements lose their tags, never their text.
    #[arg(long, default_value_t = crosscheck_ingest::depth::DEFAULT_MAX_DEPTH, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    pub max_depth: usize,
}

impl ReadLimits {
    pub fn options(&self) -> Options {
        Options {
            max_bytes: self.max_bytes,
            max_depth: self.max_depth,
        }
    }
}

impl Default for ReadLimits {
    fn default() -> Self {
        let o = Options::default();
        ReadLimits {
            max_bytes: o.max_bytes,
            max_depth: o.max_depth,
        }
    }
}

/// Limits on analysing one article.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct AnalysisLimits {
    /// Skip articles of more sentences than this.
    #[arg(long, default_value_t = Limits::MAX_SENTENCES, value_name = "N")]
    pub max_sentences: usize,
    /// Give up on an article whose analysis takes longer than this many seconds (0: no limit); it is recorded as skipped with the reason.
    #[arg(long, default_value_t = Limits::BUDGET.as_secs_f64(), value_name = "SECONDS",
          value_parser = seconds)]
    pub budget: f64,
}

impl AnalysisLimits {
    pub fn limits(&self) -> Limits {
        Limits {
            max_sentences: self.max_sentences,
            budget: (self.budget > 0.0).then(|| Duration::from_secs_f64(self.budget)),
        }
    }
}

impl Default for AnalysisLimits {
    fn default() -> Self {
        AnalysisLimits {
            max_sentences: Limits::MAX_SENTENCES,
            budget: Limits::BUDGET.as_secs_f64(),
        }
    }
}

/// A number of seconds: finite, not negative, at most a day.
fn seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if v.is_finite() && (0.0..=86_400.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("`{s}`: give between 0 and 86400 seconds"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_of_zero_means_no_limit_and_bad_ones_are_refused() {
        let none = AnalysisLimits {
            max_sentences: 10,
            budget: 0.0,
        };
        assert_eq!(none.limits().budget, None);
        assert_eq!(
            AnalysisLimits::default().limits().budget,
            Some(Limits::BUDGET)
        );
        assert!(seconds("-1").is_err());
        assert!(seconds("NaN").is_err());
        assert!(seconds("soon").is_err());
        assert_eq!(seconds("2.5"), Ok(2.5));
    }
}
