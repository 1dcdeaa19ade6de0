//! Main-text extraction scored with the metric of the ScrapingHub / Zyte
//! article-extraction benchmark (`../shared/data/article-extraction-benchmark`,
//! described in its `SOURCE.md`), so that crosscheck's figures sit beside the
//! published ones.
//!
//! Per page, the gold and predicted texts are cut into `\w+` word tokens and
//! the multisets of their 4-gram shingles compared: true positives are the
//! shared shingles, false positives the extra predicted ones, false negatives
//! the missed gold ones, and the three are normalised by their sum so that
//! every page weighs the same. Corpus precision and recall are the means over
//! the pages where they are defined, and F1 is the harmonic mean of those two
//! means (not a mean of per-page F1s). The implementation was checked against
//! the systems' outputs shipped with the benchmark: it reproduces the published
//! table to three decimals (see the `crosscheck eval extraction --check`
//! runner and the test in `crates/cli`).

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use serde_json::Value;

use crate::EvalError;

/// Shingle length of the benchmark's metric.
const NGRAM: usize = 4;

/// Published scores (benchmark README at commit 4a3bc97) printed beside
/// crosscheck's own: `(system, F1, precision, recall)`.
pub const PUBLISHED: &[(&str, f64, f64, f64)] = &[
    ("rs_trafilatura", 0.970, 0.951, 0.990),
    ("trafilatura 2.0.0", 0.958, 0.938, 0.978),
    ("readability (lxml)", 0.922, 0.913, 0.931),
    ("dom_smoothie 0.14", 0.865, 0.785, 0.963),
];

/// The bar this project holds its extractor to.
pub const F1_BAR: f64 = 0.97;

/// One page's normalised shingle counts (they sum to 1 unless both texts are
/// empty) and whether the token sequences are identical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    pub exact: bool,
}

impl PageScore {
    /// Precision as the benchmark defines it for one page.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.fp, self.fn_)
    }

    /// Recall as the benchmark defines it for one page.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.fn_, self.fp)
    }
}

/// `tp / (tp + miss)`, with the benchmark's conventions: a perfect page is 1
/// and a page with nothing to count is 0.
fn ratio(tp: f64, miss: f64, other: f64) -> f64 {
    if miss == 0.0 && other == 0.0 {
        1.0
    } else if tp == 0.0 && miss == 0.0 {
        0.0
    } else {
        tp / (tp + miss)
    }
}

/// Corpus figures: mean precision and recall, their F1, exact-match accuracy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    /// Pages scored.
    pub pages: usize,
}

/// Word tokens as Python's `re.findall(r"\w+", text)` gives them. Python's
/// `\w` is a letter (`L*`), a number (`N*`) or `_`; the `regex` crate's own
/// `\w` also takes combining marks, which changes the scores, so the classes
/// are spelled out.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("constant regex is valid"));

/// The benchmark's word tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of shingles: every window of [`NGRAM`] tokens, or the whole
/// token list when it is shorter (none for an empty text).
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < NGRAM {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(NGRAM) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// Scores one page's prediction against its gold text.
pub fn score_page(gold: &str, predicted: &str) -> PageScore {
    let gold_tokens = tokens(gold);
    let pred_tokens = tokens(predicted);
    let gold_sh = shingles(&gold_tokens);
    let pred_sh = shingles(&pred_tokens);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (key, &g) in &gold_sh {
        let p = pred_sh.get(key).copied().unwrap_or(0);
        tp += u64::from(g.min(p));
        fn_ += u64::from(g.saturating_sub(p));
    }
    for (key, &p) in &pred_sh {
        let g = gold_sh.get(key).copied().unwrap_or(0);
        fp += u64::from(p.saturating_sub(g));
    }
    let sum = (tp + fp + fn_) as f64;
    let norm = |x: u64| if sum > 0.0 { x as f64 / sum } else { 0.0 };
    PageScore {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fn_),
        exact: gold_tokens == pred_tokens,
    }
}

/// Averages page scores into the corpus figures.
pub fn corpus(pages: &[PageScore]) -> Scores {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|p| p.tp + p.fp > 0.0)
            .map(PageScore::precision)
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|p| p.tp + p.fn_ > 0.0)
            .map(PageScore::recall)
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = if pages.is_empty() {
        0.0
    } else {
        pages.iter().filter(|p| p.exact).count() as f64 / pages.len() as f64
    };
    Scores {
        precision,
        recall,
        f1,
        accuracy,
        pages: pages.len(),
    }
}

/// One gold page of the benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldPage {
    pub body: String,
    pub url: Option<String>,
}

/// Reads `ground-truth.json`: item id → `{"articleBody", "url"}`, sorted by id.
pub fn read_gold(value: &Value) -> Result<BTreeMap<String, GoldPage>, EvalError> {
    let items = value.as_object().ok_or_else(|| EvalError::WrongType {
        path: "ground truth".to_string(),
        expected: "an object of item id to page",
    })?;
    let mut out = BTreeMap::new();
    for (id, item) in items {
        let body = item
            .get("articleBody")
            .and_then(Value::as_str)
            .ok_or_else(|| EvalError::Missing(format!("{id}.articleBody")))?;
        let url = item.get("url").and_then(Value::as_str).map(str::to_string);
        out.insert(
            id.clone(),
            GoldPage {
                body: body.to_string(),
                url,
            },
        );
    }
    Ok(out)
}

/// Reads a system's prediction file (`{id: {"articleBody"}}`, optionally
/// wrapped as `{"version", "output": {...}}`); ids without a body are left out
/// and count as empty predictions when scored.
pub fn read_predictions(value: &Value) -> Result<HashMap<String, String>, EvalError> {
    let items = value
        .get("output")
        .unwrap_or(value)
        .as_object()
        .ok_or_else(|| EvalError::WrongType {
            path: "predictions".to_string(),
            expected: "an object",
        })?;
    Ok(items
        .iter()
        .filter_map(|(id, item)| {
            let body = item.get("articleBody").and_then(Value::as_str)?;
            Some((id.clone(), body.to_string()))
        })
        .collect())
}

/// Scores predictions for every gold page (a missing prediction is empty).
pub fn score(gold: &BTreeMap<String, GoldPage>, predictions: &HashMap<String, String>) -> Scores {
    let pages: Vec<PageScore> = gold
        .iter()
        .map(|(id, page)| score_page(&page.body, predictions.get(id).map_or("", String::as_str)))
        .collect();
    corpus(&pages)
}

/// A page's `<h1>` headlines, read from the raw HTML with a pattern rather
/// than a DOM, so that the check of extracted titles does not share the
/// extractor's code.
static H1: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<h1\b[^>]*>(.*?)</h1\s*>").expect("constant regex is valid")
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("constant regex is valid"));
/// A full date in a URL's path (`/2019/11/19/`, `/2019-11-19`).
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("constant regex is valid")
});

/// Lower-cased word tokens, for comparing titles.
fn title_words(text: &str) -> Vec<String> {
    tokens(text).iter().map(|t| t.to_lowercase()).collect()
}

/// Whether an extracted title is the page's headline: equal word for word
/// to one of its `<h1>`s, or one containing the other when the shorter has at
/// least four words (a title with the section's name added, an `<h1>` with a
/// kicker).
pub fn title_matches(title: &str, html: &str) -> Option<bool> {
    let ours = title_words(title);
    let mut any = false;
    for caps in H1.captures_iter(html) {
        let inner = TAG.replace_all(caps.get(1).map_or("", |m| m.as_str()), " ");
        let h1 = title_words(
            &inner
                .replace("&amp;", "&")
                .replace("&#x27;", "'")
                .replace("&#39;", "'"),
        );
        if h1.is_empty() {
            continue;
        }
        any = true;
        let (short, long) = if h1.len() <= ours.len() {
            (&h1, &ours)
        } else {
            (&ours, &h1)
        };
        if h1 == ours
            || (short.len() >= 4 && long.windows(short.len()).any(|w| w == short.as_slice()))
        {
            return Some(true);
        }
    }
    any.then_some(false)
}

/// The date in a URL's path, `YYYY-MM-DD`.
pub fn url_date(url: &str) -> Option<String> {
    let caps = URL_DATE.captures(url)?;
    Some(format!("{}-{}-{}", &caps[1], &caps[2], &caps[3]))
}

/// A URL compared loosely: scheme, `www.`, fragment, query and a trailing
/// slash do not count; the host is lower-cased.
fn url_key(url: &str) -> String {
    let rest = url.trim().split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['#', '?']).next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    format!("{}/{path}", host.strip_prefix("www.").unwrap_or(&host))
}

/// Counts of metadata checks over the benchmark's pages. The benchmark has
/// no metadata gold; what can be checked is checked against what the page
/// or its gold URL says: the title against the page's `<h1>`, the URL
/// against the gold URL, the publication date against a date in the gold
/// URL's path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MetadataTally {
    pub pages: usize,
    pub title_found: usize,
    /// Pages with an `<h1>` (and a title found): the title check's base.
    pub title_checked: usize,
    pub title_right: usize,
    pub url_found: usize,
    pub url_right: usize,
    pub published_found: usize,
    /// Pages whose gold URL holds a date.
    pub date_checked: usize,
    pub date_right: usize,
    pub author_found: usize,
    pub language_found: usize,
}

impl MetadataTally {
    /// Adds one page's extracted metadata.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        gold: Option<&GoldPage>,
        html: &str,
        title: Option<&str>,
        url: Option<&str>,
        published: Option<&str>,
        author: Option<&str>,
        language: Option<&str>,
    ) {
        self.pages += 1;
        if let Some(title) = title {
            self.title_found += 1;
            if let Some(right) = title_matches(title, html) {
                self.title_checked += 1;
                self.title_right += usize::from(right);
            }
        }
        let gold_url = gold.and_then(|g| g.url.as_deref());
        if let Some(url) = url {
            self.url_found += 1;
            self.url_right += usize::from(gold_url.is_some_and(|g| url_key(g) == url_key(url)));
        }
        self.published_found += usize::from(published.is_some());
        if let Some(expected) = gold_url.and_then(url_date) {
            self.date_checked += 1;
            self.date_right += usize::from(published == Some(expected.as_str()));
        }
        self.author_found += usize::from(author.is_some());
        self.language_found += usize::from(language.is_some());
    }

    /// One line per field, in words.
    pub fn lines(&self) -> Vec<String> {
        let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
        vec![
            format!(
                "title: found on {}/{} pages; equals the page's <h1> on {}/{} pages that have one ({:.3})",
                self.title_found,
                self.pages,
                self.title_right,
                self.title_checked,
                share(self.title_right, self.title_checked)
            ),
            format!(
                "url: found on {}/{}; equals the benchmark's URL on {} ({:.3})",
                self.url_found,
                self.pages,
                self.url_right,
                share(self.url_right, self.pages)
            ),
            format!(
                "published: found on {}/{}; equals the date in the URL on {}/{} pages whose URL has one ({:.3})",
                self.published_found,
                self.pages,
                self.date_right,
                self.date_checked,
                share(self.date_right, self.date_checked)
            ),
            format!("author: found on {}/{}", self.author_found, self.pages),
            format!("language: found on {}/{}", self.language_found, self.pages),
        ]
    }

    /// The counts as JSON.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "pages": self.pages,
            "title_found": self.title_found, "title_checked": self.title_checked, "title_right": self.title_right,
            "url_found": self.url_found, "url_right": self.url_right,
            "published_found": self.published_found, "date_checked": self.date_checked, "date_right": self.date_right,
            "author_found": self.author_found, "language_found": self.language_found,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_python_word_runs() {
        assert_eq!(
            tokens("Zürich's 3.5 % rise—under_score!"),
            ["Zürich", "s", "3", "5", "rise", "under_score"]
        );
        assert!(tokens(" ,. ").is_empty());
    }

    #[test]
    fn perfect_partial_and_empty_pages() {
        let gold = "one two three four five six";
        let perfect = score_page(gold, "One two three four five six".to_lowercase().as_str());
        assert_eq!((perfect.precision(), perfect.recall()), (1.0, 1.0));
        assert!(perfect.exact);

        // Three gold shingles; the prediction has the first two plus one extra.
        let partial = score_page(gold, "one two three four five menu");
        assert!((partial.tp - 0.5).abs() < 1e-12, "{partial:?}");
        assert!((partial.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((partial.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!(!partial.exact);

        // An empty prediction has no precision to count and zero recall.
        let empty = score_page(gold, "");
        assert_eq!(empty.tp + empty.fp, 0.0);
        assert_eq!(empty.recall(), 0.0);
    }

    #[test]
    fn short_texts_make_one_shingle() {
        assert_eq!(score_page("a b", "a b").precision(), 1.0);
        assert_eq!(score_page("a b", "a b c").tp, 0.0);
    }

    #[test]
    fn corpus_f1_is_harmonic_mean_of_means() {
        let pages = [
            score_page("a b c d e", "a b c d e"),
            score_page("a b c d e", "x y z w v a b c d"),
            score_page("a b c d e", ""),
        ];
        let s = corpus(&pages);
        // Precision over the two pages with a prediction; recall over all three.
        assert!(
            (s.precision - (1.0 + 1.0 / 6.0) / 2.0).abs() < 1e-12,
            "{s:?}"
        );
        assert!((s.recall - (1.0 + 0.5 + 0.0) / 3.0).abs() < 1e-12, "{s:?}");
        let f1 = 2.0 * s.precision * s.recall / (s.precision + s.recall);
        assert!((s.f1 - f1).abs() < 1e-12);
        assert!((s.accuracy - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn metadata_checks() {
        let html = "<h1 class=x>Port <b>reopens</b> after strike</h1>";
        assert_eq!(title_matches("Port reopens after strike", html), Some(true));
        assert_eq!(
            title_matches("Port reopens after strike | Gazette", html),
            Some(true)
        );
        assert_eq!(title_matches("Gazette", html), Some(false));
        assert_eq!(title_matches("Anything", "<p>no headline</p>"), None);
        assert_eq!(
            url_date("https://a.example/2019/11/19/x").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            url_key("https://www.A.example/x/?q=1#c"),
            url_key("http://a.example/x")
        );
        let mut tally = MetadataTally::default();
        let gold = GoldPage {
            body: String::new(),
            url: Some("https://a.example/2019/11/19/x".into()),
        };
        tally.add(
            Some(&gold),
            html,
            Some("Port reopens after strike"),
            Some("https://a.example/2019/11/19/x/"),
            Some("2019-11-19"),
            None,
            Some("en"),
        );
        assert_eq!(
            (
                tally.title_right,
                tally.url_right,
                tally.date_right,
                tally.author_found
            ),
            (1, 1, 1, 0)
        );
    }

    #[test]
    fn reads_wrapped_and_plain_predictions() {
        let plain: Value = serde_json::json!({"a": {"articleBody": "x"}, "b": {}});
        let wrapped: Value =
            serde_json::json!({"version": "1", "output": {"a": {"articleBody": "x"}}});
        assert_eq!(read_predictions(&plain).unwrap().len(), 1);
        assert_eq!(read_predictions(&wrapped).unwrap()["a"], "x");
        let bad = read_gold(&serde_json::json!({"a": {"url": "u"}})).unwrap_err();
        assert_eq!(bad.to_string(), "gold file: missing a.articleBody");
    }
}
