//! Scoring against article-level gold (`dev/gold.json` and the held-out set).
//!
//! The gold lists `articles` (id, file, url, story), `claims` that label
//! every article (`asserts`, `hedges`, `denies`, `reports_denial`, `absent`)
//! with verbatim `evidence` spans per article, and `quotes` per article. A
//! (claim, article) pair is found when one of its spans is contained in a
//! dossier evidence sentence of that article (both [`norm`]ed).
//!
//! There are no official bars for this format. Metrics that also exist for
//! the seeds, under the same name and definition (stance_accuracy,
//! doubt_recall, number_recall, quote_speaker_accuracy), carry the seed bar;
//! the others are printed without one.

use std::collections::HashMap;

use crosscheck_model::Dossier;
use serde_json::Value;

use crate::gold::{At, truthy};
use crate::matching::{SysIndex, SysItem, base_name, bcubed, choose_claims, counted_hits};
use crate::text::{norm, prefix_chars, same_person};
use crate::{Bar, EvalError, Metric, Report, share};

/// How many leading characters of a quote are compared.
const QUOTE_PREFIX_CHARS: usize = 60;

/// Scores `dossier` against article-level gold. Metrics, in order:
/// claim_article_recall, stance_accuracy, doubt_recall, grouping_bcubed_f1,
/// claims_grouped_80pct, number_recall, quote_speaker_accuracy,
/// story_bcubed_f1.
pub fn score(gold: &Value, dossier: &Dossier) -> Result<Report, EvalError> {
    let root = At::root(gold);
    let articles = read_articles(&root)?;
    let docs = DocKeys::new(&articles, dossier);
    let claims = read_claims(&root)?;
    let sys = SysIndex::new(dossier, |d| docs.key(d));
    let mut metrics = Vec::new();

    // (claim, article) pairs labelled other than absent, non-numeric claims.
    let pairs: Vec<&Pair> = claims.iter().flat_map(|c| &c.pairs).collect();
    let (counted, _) = find_pairs(&pairs, &sys);
    let (mut found, mut stance_ok, mut doubt_total, mut doubt_ok) = (0, 0, 0, 0);
    // Found pair index -> (system claim, gold claim), in pair order.
    let mut assign: Vec<(usize, usize, &str)> = Vec::new();
    for (pi, (p, counted)) in pairs.iter().zip(&counted).enumerate() {
        if p.label != "asserts" {
            doubt_total += 1;
        }
        let Some(first) = counted.first() else {
            continue;
        };
        found += 1;
        assign.push((pi, first.claim, p.claim));
        if counted.iter().any(|it| it.stance == p.label) {
            stance_ok += 1;
            if p.label != "asserts" {
                doubt_ok += 1;
            }
        }
    }
    metrics.push(metric("claim_article_recall", share(found, pairs.len())));
    metrics.push(metric("stance_macro_f1", stance_macro_f1(&pairs, &counted)));
    metrics.push(metric("stance_accuracy", share(stance_ok, found)));
    metrics.push(metric("doubt_recall", share(doubt_ok, doubt_total)));
    let grouping: Vec<(usize, &str)> = assign.iter().map(|&(_, ci, cid)| (ci, cid)).collect();
    metrics.push(metric("grouping_bcubed_f1", bcubed(&grouping)));

    // Claims found in at least 2 articles whose main system claim holds >= 80% of them.
    let mut found_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for &(_, ci, cid) in &assign {
        found_of.entry(cid).or_default().push(ci);
    }
    let (mut n_multi, mut n_whole) = (0, 0);
    for c in &claims {
        let Some(sys_claims) = found_of.get(c.id).filter(|s| s.len() >= 2) else {
            continue;
        };
        n_multi += 1;
        let mut count: HashMap<usize, usize> = HashMap::new();
        for &ci in sys_claims {
            *count.entry(ci).or_default() += 1;
        }
        let main = count.values().copied().max().unwrap_or(0);
        n_whole += usize::from(main as f64 / sys_claims.len() as f64 >= 0.8);
    }
    metrics.push(metric("claims_grouped_80pct", share(n_whole, n_multi)));

    // Numbers: each gold numeric span whose sentence carries a dossier value.
    let mut value_sentences: HashMap<&str, Vec<String>> = HashMap::new();
    for q in &dossier.quantities {
        for v in &q.values {
            value_sentences
                .entry(docs.key(&v.doc))
                .or_default()
                .push(norm(Some(&v.sentence)));
        }
    }
    let numeric_spans: Vec<(&str, &String)> = claims
        .iter()
        .flat_map(|c| &c.numeric_spans)
        .map(|(art, span)| (*art, span))
        .collect();
    let n_num_ok = numeric_spans
        .iter()
        .filter(|(art, span)| {
            value_sentences
                .get(art)
                .is_some_and(|ss| ss.iter().any(|s| s.contains(*span)))
        })
        .count();
    metrics.push(metric(
        "number_recall",
        share(n_num_ok, numeric_spans.len()),
    ));

    // Whole (non-partial) quotes found with their speaker.
    let mut sys_quotes: HashMap<&str, Vec<(String, Option<&str>)>> = HashMap::new();
    for q in &dossier.quotes {
        sys_quotes
            .entry(docs.key(&q.doc))
            .or_default()
            .push((norm(Some(&q.text)), q.speaker.as_deref()));
    }
    let (mut n_q, mut n_q_ok) = (0, 0);
    if let Some(quotes) = root.opt_field("quotes")? {
        for (art, list) in quotes.entries()? {
            for g in list.items()? {
                if g.raw_field("partial")?.is_some_and(|p| truthy(p.value)) {
                    continue;
                }
                n_q += 1;
                let text = norm(Some(g.str_field("text")?));
                let speaker = g.opt_str_field("speaker")?;
                let head = prefix_chars(&text, QUOTE_PREFIX_CHARS);
                let ok = sys_quotes.get(art).is_some_and(|qs| {
                    qs.iter().any(|(qt, qspeaker)| {
                        !qt.is_empty()
                            && (qt.contains(head)
                                || text.contains(prefix_chars(qt, QUOTE_PREFIX_CHARS)))
                            && same_person(*qspeaker, speaker)
                    })
                });
                n_q_ok += usize::from(ok);
            }
        }
    }
    metrics.push(metric("quote_speaker_accuracy", share(n_q_ok, n_q)));

    // Story clustering over the gold articles the dossier placed in a story.
    let gold_story: HashMap<&str, &str> = articles.iter().map(|a| (a.id, a.story)).collect();
    let stories: Vec<(&str, &str)> = docs
        .stories
        .iter()
        .map(|&(art, story)| (story, gold_story.get(art).copied().unwrap_or_default()))
        .collect();
    metrics.push(metric("story_bcubed_f1", bcubed(&stories)));

    Ok(Report {
        title: "article-level gold".to_string(),
        metrics,
    })
}

/// Mean F1 over the gold labels present, on the pairs found: one system
/// label per pair (the gold label when a counted item has it, else the
/// first counted item's). "Always asserts" scores about 0.2 here.
fn stance_macro_f1(pairs: &[&Pair<'_>], counted: &[Vec<&SysItem>]) -> f64 {
    let labels: std::collections::BTreeSet<&str> = pairs.iter().map(|p| p.label).collect();
    let mut tp: HashMap<&str, usize> = HashMap::new();
    let mut fp: HashMap<&str, usize> = HashMap::new();
    let mut fn_: HashMap<&str, usize> = HashMap::new();
    for (p, hits) in pairs.iter().zip(counted) {
        let Some(first) = hits.first() else { continue };
        let pred = if hits.iter().any(|h| h.stance == p.label) {
            p.label
        } else {
            first.stance
        };
        if pred == p.label {
            *tp.entry(p.label).or_default() += 1;
        } else {
            *fn_.entry(p.label).or_default() += 1;
            if labels.contains(pred) {
                *fp.entry(pred).or_default() += 1;
            }
        }
    }
    let f1s: Vec<f64> = labels
        .iter()
        .map(|l| {
            let (t, f, n) = (tp.get(l), fp.get(l), fn_.get(l));
            let (t, f, n) = (
                t.copied().unwrap_or(0),
                f.copied().unwrap_or(0),
                n.copied().unwrap_or(0),
            );
            if t + f + n == 0 {
                0.0
            } else {
                2.0 * t as f64 / (2 * t + f + n) as f64
            }
        })
        .collect();
    f1s.iter().sum::<f64>() / f1s.len().max(1) as f64
}

/// Where the dossier has each gold pair: per pair, in order, the evidence
/// items that count for it (those whose sentence contains one of its spans,
/// kept to its gold claim's chosen system claim when that claim has any;
/// empty: not found), and the system claim chosen for each gold claim.
/// A dossier evidence entry the gold labels: `Dossier::claims[claim]
/// .evidence[evidence]` carries a gold claim's span in its article, in the
/// group the score counts for that claim, and the gold says `label` of
/// the pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledEvidence {
    pub claim: usize,
    pub evidence: usize,
    pub label: String,
}

/// The evidence entries of `dossier` that the stance metrics read, each
/// with the gold label of its (claim, article) pair: what a stance model
/// is fitted on.
pub fn labelled_evidence(
    gold: &Value,
    dossier: &Dossier,
) -> Result<Vec<LabelledEvidence>, EvalError> {
    let root = At::root(gold);
    let articles = read_articles(&root)?;
    let docs = DocKeys::new(&articles, dossier);
    let claims = read_claims(&root)?;
    let sys = SysIndex::new(dossier, |d| docs.key(d));
    let pairs: Vec<&Pair> = claims.iter().flat_map(|c| &c.pairs).collect();
    let (counted, _) = find_pairs(&pairs, &sys);
    Ok(pairs
        .iter()
        .zip(&counted)
        .flat_map(|(p, items)| {
            items.iter().map(|it| LabelledEvidence {
                claim: it.claim,
                evidence: it.evidence,
                label: p.label.to_string(),
            })
        })
        .collect())
}

pub(crate) fn find_pairs<'g, 's>(
    pairs: &[&Pair<'g>],
    sys: &'s SysIndex,
) -> (Vec<Vec<&'s SysItem>>, HashMap<&'g str, usize>) {
    let hits: Vec<Vec<&SysItem>> = pairs
        .iter()
        .map(|p| {
            sys.in_doc(p.article)
                .filter(|it| {
                    p.spans
                        .iter()
                        .any(|s| !s.is_empty() && it.sentence.contains(s))
                })
                .collect()
        })
        .collect();
    let votes: Vec<(&str, Vec<usize>)> = pairs
        .iter()
        .zip(&hits)
        .map(|(p, h)| (p.claim, h.iter().map(|it| it.claim).collect()))
        .collect();
    let chosen = choose_claims(&votes);
    let counted = pairs
        .iter()
        .zip(&hits)
        .map(|(p, h)| {
            if h.is_empty() {
                Vec::new()
            } else {
                counted_hits(h, chosen.get(p.claim).copied())
            }
        })
        .collect();
    (counted, chosen)
}

/// A note for each metric, and the seed bar where the seed format has the
/// same metric (there are no official bars for article-level gold).
fn metric(name: &'static str, value: f64) -> Metric {
    let (bar, note) = match name {
        "claim_article_recall" => (None, "(claim, article) pairs found"),
        "stance_macro_f1" => (None, "mean F1 over the gold stance labels present"),
        "stance_accuracy" => (
            Some(Bar::AtLeast(0.85)),
            "found pairs with the gold label (seed bar)",
        ),
        "doubt_recall" => (
            Some(Bar::AtLeast(0.7)),
            "non-asserting pairs found as such (seed bar)",
        ),
        "grouping_bcubed_f1" => (None, "B-cubed F1 of found pairs grouped into claims"),
        "claims_grouped_80pct" => (None, "claims with >= 80% of found articles in one claim"),
        "number_recall" => (
            Some(Bar::AtLeast(1.0)),
            "gold figure spans with a value (seed bar)",
        ),
        "quote_speaker_accuracy" => (
            Some(Bar::AtLeast(0.9)),
            "whole gold quotes found with the speaker (seed bar)",
        ),
        "story_bcubed_f1" => (None, "B-cubed F1 of documents grouped into stories"),
        _ => (None, ""),
    };
    Metric {
        name,
        value,
        bar,
        note,
    }
}

pub(crate) struct Article<'a> {
    id: &'a str,
    file: &'a str,
    url: Option<&'a str>,
    story: &'a str,
}

pub(crate) fn read_articles<'a>(root: &At<'a>) -> Result<Vec<Article<'a>>, EvalError> {
    root.field("articles")?
        .items()?
        .iter()
        .map(|a| {
            Ok(Article {
                id: a.str_field("id")?,
                file: a.str_field("file")?,
                url: a.opt_str_field("url")?,
                story: a.str_field("story")?,
            })
        })
        .collect()
}

/// Maps dossier documents to gold article ids by file name (of `path`, then
/// of `id`, the later winning), else by url; remembers each mapped
/// article's story.
pub(crate) struct DocKeys<'a> {
    by_file: HashMap<&'a str, &'a str>,
    by_id: HashMap<&'a str, &'a str>,
    /// (article, dossier story), one per article, in order of first mapping;
    /// a later document mapped to the same article replaces the story.
    stories: Vec<(&'a str, &'a str)>,
}

impl<'a> DocKeys<'a> {
    pub(crate) fn new(articles: &[Article<'a>], dossier: &'a Dossier) -> Self {
        let by_file: HashMap<&str, &str> = articles.iter().map(|a| (a.file, a.id)).collect();
        let by_url: HashMap<Option<&str>, &str> = articles.iter().map(|a| (a.url, a.id)).collect();
        let mut by_id = HashMap::new();
        let mut stories: Vec<(&str, &str)> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for d in &dossier.documents {
            let by_name = [d.path.as_str(), d.id.as_str()]
                .into_iter()
                .filter_map(|f| by_file.get(base_name(f)).copied())
                .next_back();
            let Some(key) = by_name.or_else(|| by_url.get(&d.url.as_deref()).copied()) else {
                continue;
            };
            by_id.insert(d.id.as_str(), key);
            match slot.get(key) {
                Some(&i) => stories[i].1 = &d.story,
                None => {
                    slot.insert(key, stories.len());
                    stories.push((key, &d.story));
                }
            }
        }
        DocKeys {
            by_file,
            by_id,
            stories,
        }
    }

    /// The article id of a dossier document reference: by id, else by its
    /// file name; else the reference itself.
    pub(crate) fn key<'d>(&self, doc: &'d str) -> &'d str
    where
        'a: 'd,
    {
        self.by_id
            .get(doc)
            .or_else(|| self.by_file.get(base_name(doc)))
            .copied()
            .unwrap_or(doc)
    }
}

pub(crate) struct GoldClaim<'a> {
    pub(crate) id: &'a str,
    pub(crate) pairs: Vec<Pair<'a>>,
    /// Numeric claims: (article, [`norm`]ed span) per figure span.
    numeric_spans: Vec<(&'a str, String)>,
}

/// A (claim, article) pair with a label other than `absent`.
pub(crate) struct Pair<'a> {
    pub(crate) claim: &'a str,
    pub(crate) article: &'a str,
    pub(crate) label: &'a str,
    /// The article's evidence spans for the claim, [`norm`]ed.
    pub(crate) spans: Vec<String>,
}

pub(crate) fn read_claims<'a>(root: &At<'a>) -> Result<Vec<GoldClaim<'a>>, EvalError> {
    let mut out = Vec::new();
    for c in root.field("claims")?.items()? {
        let id = c.str_field("id")?;
        let numeric = c.str_field("kind")? == "numeric";
        let evidence: Vec<(&str, At)> = match c.opt_field("evidence")? {
            Some(e) => e.entries()?,
            None => Vec::new(),
        };
        let mut spans_of: HashMap<&str, Vec<String>> = HashMap::new();
        for (art, list) in &evidence {
            let spans = list
                .items()?
                .iter()
                .map(|s| Ok(norm(Some(s.str()?))))
                .collect::<Result<_, EvalError>>()?;
            spans_of.insert(art, spans);
        }
        let mut claim = GoldClaim {
            id,
            pairs: Vec::new(),
            numeric_spans: Vec::new(),
        };
        if numeric {
            for (art, _) in &evidence {
                for span in spans_of.remove(art).unwrap_or_default() {
                    claim.numeric_spans.push((art, span));
                }
            }
        } else {
            for (art, label) in c.field("labels")?.entries()? {
                let label = label.str()?;
                if label != "absent" {
                    let spans = spans_of.get(art).cloned().unwrap_or_default();
                    claim.pairs.push(Pair {
                        claim: id,
                        article: art,
                        label,
                        spans,
                    });
                }
            }
        }
        out.push(claim);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crosscheck_model::DocumentOut;
    use crosscheck_model::Stance::{Asserts, Hedges, ReportsDenial};
    use serde_json::json;

    use super::*;
    use crate::test_support::*;

    const DEAD: &str = "at least 12 workers were killed";

    /// Three articles about a plant explosion (story X), one unrelated (Y).
    fn gold() -> Value {
        json!({
            "articles": [
                {"id": "01", "file": "01_daily.txt", "url": "https://daily.example/blast", "story": "X"},
                {"id": "02", "file": "02_wire.txt", "url": "https://wire.example/plant", "story": "X"},
                {"id": "03", "file": "03_radio.txt", "url": "https://radio.example/a", "story": "X"},
                {"id": "04", "file": "04_markets.txt", "url": "https://markets.example/rates", "story": "Y"}
            ],
            "claims": [
                {"id": "X1", "kind": "event",
                 "labels": {"01": "asserts", "02": "hedges", "03": "reports_denial", "04": "absent"},
                 "evidence": {"01": [BLAST], "02": [BLAST_B], "03": [BLAST_C]}},
                {"id": "X2", "kind": "event",
                 "labels": {"01": "asserts", "02": "absent", "03": "asserts", "04": "absent"},
                 "evidence": {"01": [CLOSED], "03": ["", CLOSED]}},
                {"id": "X3", "kind": "numeric",
                 "labels": {"01": "asserts", "02": "absent", "03": "asserts", "04": "absent"},
                 "evidence": {"01": [DEAD], "03": ["12 dead"]}}
            ],
            "quotes": {
                "01": [
                    {"text": "We heard a roar and then the windows blew in, and everyone ran for the exits at once",
                     "speaker": "Omar Haddad", "partial": false},
                    {"text": "catastrophic", "speaker": "Omar Haddad", "partial": true}
                ],
                "02": [{"text": "Safety is our first priority", "speaker": "Lena Fischer", "partial": false}],
                "04": []
            }
        })
    }

    fn dossier(claims: Vec<crosscheck_model::ClaimGroup>) -> Dossier {
        Dossier {
            documents: vec![
                doc("h1", "in/01_daily.txt", "s1"),
                doc("h2", "02_wire.txt", "s1"),
                // Matched by url only.
                DocumentOut {
                    url: Some("https://radio.example/a".to_string()),
                    ..doc("h3", "feed.jsonl:7", "s1")
                },
                doc("h4", "04_markets.txt", "s2"),
            ],
            claims,
            ..Dossier::default()
        }
    }

    fn value_of(r: &Report, name: &str) -> f64 {
        r.get(name).map(|m| m.value).unwrap_or(f64::NAN)
    }

    /// The blast claim in three articles (one hedges it in the text but is
    /// read as asserting; one reports a denial) and the closure claim in one.
    fn blast_and_closed() -> Dossier {
        dossier(vec![
            claim(
                "blast",
                vec![
                    ev("h1", &format!("{BLAST}, police said."), Asserts),
                    // Hedged in the text, read as an assertion.
                    ev(
                        "h2",
                        "Investigators believe a gas leak caused the blast.",
                        Asserts,
                    ),
                    ev("h3", BLAST_C, ReportsDenial),
                ],
            ),
            claim("closed", vec![ev("h1", CLOSED, Asserts)]),
        ])
    }

    #[test]
    fn pairs_found_with_their_labels() {
        let d = blast_and_closed();
        let r = score(&gold(), &d).unwrap();
        // 5 pairs labelled other than absent (numeric claims left out); 4 found.
        assert_eq!(value_of(&r, "claim_article_recall"), 4.0 / 5.0);
        assert_eq!(value_of(&r, "stance_accuracy"), 3.0 / 4.0);
        // asserts F1 4/5 (2 right, the hedge read as one), hedges 0,
        // reports_denial 1: mean 0.6 ("always asserts" would score 0.8/3).
        assert!((value_of(&r, "stance_macro_f1") - 0.6).abs() < 1e-12);
        assert_eq!(value_of(&r, "doubt_recall"), 1.0 / 2.0);
        assert_eq!(value_of(&r, "grouping_bcubed_f1"), 1.0);
        // X1 found in 3 articles, all in one claim; X2 found in one only.
        assert_eq!(value_of(&r, "claims_grouped_80pct"), 1.0);
        assert_eq!(value_of(&r, "story_bcubed_f1"), 1.0);
    }

    #[test]
    fn labelled_evidence_is_what_the_stance_metrics_read() {
        let d = blast_and_closed();
        let l = labelled_evidence(&gold(), &d).unwrap();
        let got: Vec<(usize, usize, &str)> = l
            .iter()
            .map(|e| (e.claim, e.evidence, e.label.as_str()))
            .collect();
        // The hedged sentence is labelled "hedges" though the dossier says
        // "asserts": the label is the gold's, not the system's.
        assert!(got.contains(&(0, 1, "hedges")), "{got:?}");
        assert!(got.contains(&(0, 2, "reports_denial")), "{got:?}");
        assert!(got.contains(&(0, 0, "asserts")), "{got:?}");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn a_claim_split_two_to_one_is_not_grouped() {
        let d = dossier(vec![
            claim(
                "blast",
                vec![ev("h1", BLAST, Asserts), ev("h2", BLAST_B, Hedges)],
            ),
            claim("denial", vec![ev("h3", BLAST_C, ReportsDenial)]),
        ]);
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "claims_grouped_80pct"), 0.0);
        // Precision 1, recall 5/9 over the three found items.
        let (p, rec) = (1.0, 5.0 / 9.0);
        let f1 = value_of(&r, "grouping_bcubed_f1");
        assert!((f1 - 2.0 * p * rec / (p + rec)).abs() < 1e-12, "{f1}");
        assert_eq!(value_of(&r, "stance_accuracy"), 1.0);
    }

    #[test]
    fn numbers_need_a_value_in_the_span_sentence() {
        let mut d = dossier(Vec::new());
        d.quantities = vec![quantities(vec![
            value(
                "h1",
                "Officials said at least 12 workers were killed.",
                Some(12.0),
                None,
            ),
            value("h2", "12 dead after plant blast", Some(12.0), None),
        ])];
        let r = score(&gold(), &d).unwrap();
        // The "12 dead" value is in article 02, not in 03 where the gold has it.
        assert_eq!(value_of(&r, "number_recall"), 1.0 / 2.0);
    }

    #[test]
    fn quotes_compare_60_characters_and_skip_partial_ones() {
        let mut d = dossier(Vec::new());
        d.quotes = vec![
            // Cut short by the extractor, but the first 60 characters agree.
            quote(
                "h1",
                Some("Haddad"),
                "We heard a roar and then the windows blew in, and everyone ran",
            ),
            quote("h2", Some("Lena Fischer"), "Safety is our first priority"),
        ];
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "quote_speaker_accuracy"), 1.0);
        d.quotes[1].speaker = None;
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "quote_speaker_accuracy"), 1.0 / 2.0);
    }

    #[test]
    fn stories_are_scored_by_bcubed() {
        let mut d = dossier(Vec::new());
        // The unrelated article lands in the plant story.
        d.documents[3].story = "s1".to_string();
        let r = score(&gold(), &d).unwrap();
        // Precision (3/4 * 3 + 1/4) / 4 = 10/16; recall 1.
        let (p, rec) = (10.0 / 16.0, 1.0);
        let f1 = value_of(&r, "story_bcubed_f1");
        assert!((f1 - 2.0 * p * rec / (p + rec)).abs() < 1e-12, "{f1}");
        assert_eq!(
            score(&gold(), &Dossier::default())
                .unwrap()
                .get("story_bcubed_f1")
                .map(|m| m.value),
            Some(0.0)
        );
    }

    #[test]
    fn seed_bars_apply_where_the_metric_is_the_same() {
        let r = score(&gold(), &dossier(Vec::new())).unwrap();
        assert_eq!(
            r.get("stance_accuracy").and_then(|m| m.bar),
            Some(Bar::AtLeast(0.85))
        );
        assert_eq!(r.get("claim_article_recall").and_then(|m| m.bar), None);
        assert_eq!(r.metrics.len(), 9);
        assert!(!r.passed());
    }

    #[test]
    fn a_gold_of_the_wrong_shape_names_the_field() {
        let d = dossier(Vec::new());
        assert_eq!(
            score(&json!({"claims": []}), &d),
            Err(EvalError::Missing("articles".to_string()))
        );
        let mut g = gold();
        g["articles"][2].as_object_mut().map(|a| a.remove("url"));
        assert_eq!(
            score(&g, &d),
            Err(EvalError::Missing("articles[2].url".to_string()))
        );
        let mut g = gold();
        g["claims"][1]["labels"]["03"] = json!(["asserts"]);
        assert_eq!(
            score(&g, &d),
            Err(EvalError::WrongType {
                path: "claims[1].labels.03".to_string(),
                expected: "a string"
            })
        );
    }
}
