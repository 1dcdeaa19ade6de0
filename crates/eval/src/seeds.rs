//! Scoring against the seed gold format (`seeds/gold.json`).
//!
//! The gold lists `documents` (key -> `{file}`), `claims` (each with
//! `evidence` snippets and stances, some with `numbers`), `quotes`,
//! `entities` (names by type plus alias groups) and `boilerplate` snippets.
//! A gold snippet is found when it is contained in a dossier sentence of the
//! same document (both [`norm`]ed).

use std::collections::{BTreeSet, HashMap, HashSet};

use crosscheck_model::Dossier;
use serde_json::Value;

use crate::gold::At;
use crate::matching::{SysIndex, base_name, bcubed, choose_claims, counted_hits};
use crate::text::{name_key, norm, same_person};
use crate::{Bar, EvalError, Metric, Report, share};

/// The gold claim whose numbers must all land in one quantity group.
pub const TROOP_COUNT_CLAIM: &str = "troop_count";

/// Tolerance when comparing a gold figure with a dossier value.
const NUMBER_TOLERANCE: f64 = 1e-6;

/// Entity types whose names count for `entity_recall`.
const ENTITY_TYPES: [&str; 3] = ["PERSON", "ORG", "PLACE"];

/// Scores `dossier` against seed gold. Metrics, in order: claim_recall,
/// evidence_recall, stance_accuracy, doubt_recall, grouping_bcubed_f1,
/// multi_source_claims_whole, number_recall, disagreeing_numbers_grouped
/// (only when the gold has a `troop_count` claim), quote_speaker_accuracy,
/// entity_recall, alias_groups_merged, boilerplate_leaks.
pub fn score(gold: &Value, dossier: &Dossier) -> Result<Report, EvalError> {
    let root = At::root(gold);
    let docs = DocKeys::new(&root, dossier)?;
    let claims = read_claims(&root)?;
    let sys = SysIndex::new(dossier, |d| docs.key(d));
    let mut metrics = Vec::new();

    // Claims: recall, stance, grouping.
    let gold_ev: Vec<&GoldEvidence> = claims.iter().flat_map(|c| &c.evidence).collect();
    let hits: Vec<Vec<_>> = gold_ev
        .iter()
        .map(|g| {
            sys.in_doc(g.doc)
                .filter(|it| it.sentence.contains(&g.snippet))
                .collect()
        })
        .collect();
    let votes: Vec<(&str, Vec<usize>)> = gold_ev
        .iter()
        .zip(&hits)
        .map(|(g, h)| (g.claim, h.iter().map(|it| it.claim).collect()))
        .collect();
    let chosen = choose_claims(&votes);
    let mut found_claims = HashSet::new();
    let (mut n_found, mut n_stance_ok, mut n_doubt_ok) = (0, 0, 0);
    // Gold evidence index -> system claim, for the found ones, in gold order.
    let mut assign: Vec<(usize, usize)> = Vec::new();
    for (gi, (g, h)) in gold_ev.iter().zip(&hits).enumerate() {
        if h.is_empty() {
            continue;
        }
        found_claims.insert(g.claim);
        n_found += 1;
        let counted = counted_hits(h, chosen.get(g.claim).copied());
        assign.push((gi, counted[0].claim));
        if counted.iter().any(|it| it.stance == g.stance) {
            n_stance_ok += 1;
            if g.stance != "asserts" {
                n_doubt_ok += 1;
            }
        }
    }
    let claims_with_ev: HashSet<&str> = claims
        .iter()
        .filter(|c| !c.evidence.is_empty())
        .map(|c| c.id)
        .collect();
    let n_doubt = gold_ev.iter().filter(|g| g.stance != "asserts").count();
    metrics.push(metric(
        "claim_recall",
        share(found_claims.len(), claims_with_ev.len()),
    ));
    metrics.push(metric("evidence_recall", share(n_found, gold_ev.len())));
    metrics.push(metric("stance_accuracy", share(n_stance_ok, n_found)));
    metrics.push(metric("doubt_recall", share(n_doubt_ok, n_doubt)));
    let pairs: Vec<(usize, &str)> = assign
        .iter()
        .map(|&(gi, ci)| (ci, gold_ev[gi].claim))
        .collect();
    metrics.push(metric("grouping_bcubed_f1", bcubed(&pairs)));

    // Multi-source claims grouped whole.
    let mut ev_of: HashMap<&str, usize> = HashMap::new();
    for g in &gold_ev {
        *ev_of.entry(g.claim).or_default() += 1;
    }
    let mut found_of: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for &(gi, ci) in &assign {
        found_of
            .entry(gold_ev[gi].claim)
            .or_default()
            .push((gold_ev[gi].doc, ci));
    }
    let multi: Vec<&GoldClaim> = claims
        .iter()
        .filter(|c| {
            c.evidence
                .iter()
                .map(|e| e.doc)
                .collect::<HashSet<_>>()
                .len()
                >= 2
        })
        .collect();
    let whole = multi
        .iter()
        .filter(|c| {
            let found = found_of.get(c.id).map_or(&[][..], Vec::as_slice);
            let docs: HashSet<&str> = found.iter().map(|f| f.0).collect();
            let sys_claims: HashSet<usize> = found.iter().map(|f| f.1).collect();
            docs.len() >= 2 && sys_claims.len() == 1 && found.len() == ev_of[c.id]
        })
        .count();
    metrics.push(metric(
        "multi_source_claims_whole",
        share(whole, multi.len()),
    ));

    // Numbers.
    let values = QuantityIndex::new(dossier, &docs);
    let numbers: Vec<&GoldNumber> = claims.iter().flat_map(|c| &c.numbers).collect();
    let n_num_ok = numbers
        .iter()
        .filter(|g| {
            values.in_doc(g.doc).any(|v| {
                v.sentence.contains(&g.snippet)
                    && g.want.is_none_or(|want| {
                        v.figures
                            .iter()
                            .flatten()
                            .any(|x| (x - want).abs() < NUMBER_TOLERANCE)
                    })
            })
        })
        .count();
    metrics.push(metric("number_recall", share(n_num_ok, numbers.len())));
    if let Some(tc) = claims.iter().find(|c| c.id == TROOP_COUNT_CLAIM) {
        if tc.numbers.is_empty() {
            return Err(EvalError::Invalid(format!(
                "claim {TROOP_COUNT_CLAIM} has no numbers to group"
            )));
        }
        let best = values
            .groups()
            .map(|group| {
                tc.numbers
                    .iter()
                    .filter(|g| {
                        group
                            .iter()
                            .any(|v| v.doc == g.doc && v.sentence.contains(&g.snippet))
                    })
                    .count()
            })
            .max()
            .unwrap_or(0);
        metrics.push(metric(
            "disagreeing_numbers_grouped",
            best as f64 / tc.numbers.len() as f64,
        ));
    }

    // Quotes with speakers.
    let gold_quotes = root.opt_items("quotes")?;
    let sys_quotes: Vec<(&str, String, Option<&str>)> = dossier
        .quotes
        .iter()
        .map(|q| (docs.key(&q.doc), norm(Some(&q.text)), q.speaker.as_deref()))
        .collect();
    let mut quotes_ok = 0;
    for g in &gold_quotes {
        let snippet = norm(Some(g.str_field("snippet")?));
        let doc = g.str_field("doc")?;
        let speaker = g.opt_str_field("speaker")?;
        let ok = sys_quotes.iter().any(|(qdoc, qtext, qspeaker)| {
            *qdoc == doc
                && (qtext.contains(&snippet) || (!qtext.is_empty() && snippet.contains(qtext)))
                && same_person(*qspeaker, speaker)
        });
        quotes_ok += usize::from(ok);
    }
    metrics.push(metric(
        "quote_speaker_accuracy",
        share(quotes_ok, gold_quotes.len()),
    ));

    // Entities and alias groups.
    let mut by_name: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (ei, e) in dossier.entities.iter().enumerate() {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            by_name.entry(name_key(Some(n))).or_default().insert(ei);
        }
    }
    let entities = root.field("entities")?;
    let mut gold_names = Vec::new();
    for t in ENTITY_TYPES {
        for n in entities.opt_items(t)? {
            gold_names.push(n.opt_str()?);
        }
    }
    let known = gold_names
        .iter()
        .filter(|n| by_name.contains_key(&name_key(**n)))
        .count();
    metrics.push(metric("entity_recall", share(known, gold_names.len())));
    let groups = entities.opt_items("aliases")?;
    let mut merged = 0;
    for grp in &groups {
        let names = grp.items()?;
        let mut common: Option<BTreeSet<usize>> = None;
        for n in &names {
            let ents = by_name
                .get(&name_key(n.opt_str()?))
                .cloned()
                .unwrap_or_default();
            common = Some(match common {
                None => ents,
                Some(c) => c.intersection(&ents).copied().collect(),
            });
        }
        match common {
            None => {
                return Err(EvalError::Invalid(
                    "an alias group in entities.aliases is empty".into(),
                ));
            }
            Some(c) => merged += usize::from(!c.is_empty()),
        }
    }
    metrics.push(metric("alias_groups_merged", share(merged, groups.len())));

    // Boilerplate must be neither evidence nor claim text.
    let claim_texts: Vec<String> = dossier.claims.iter().map(|c| norm(Some(&c.text))).collect();
    let mut leaks = 0usize;
    for b in root.opt_items("boilerplate")? {
        let snippet = norm(Some(b.str_field("snippet")?));
        let leaked = sys
            .items
            .iter()
            .map(|it| &it.sentence)
            .chain(&claim_texts)
            .any(|t| t.contains(&snippet));
        leaks += usize::from(leaked);
    }
    metrics.push(metric("boilerplate_leaks", leaks as f64));

    Ok(Report {
        title: "seeds".to_string(),
        metrics,
    })
}

/// The seed bars (from the issue) and a note for each metric.
fn metric(name: &'static str, value: f64) -> Metric {
    let (bar, note) = match name {
        "claim_recall" => (
            Some(Bar::AtLeast(0.9)),
            "gold claims with any evidence found",
        ),
        "evidence_recall" => (None, "gold evidence snippets found"),
        "stance_accuracy" => (
            Some(Bar::AtLeast(0.85)),
            "found evidence with the gold stance",
        ),
        "doubt_recall" => (Some(Bar::AtLeast(0.7)), "hedges and denials found as such"),
        "grouping_bcubed_f1" => (None, "B-cubed F1 of evidence grouped into claims"),
        "multi_source_claims_whole" => (
            Some(Bar::AtLeast(0.8)),
            "multi-source claims found whole in one claim",
        ),
        "number_recall" => (
            Some(Bar::AtLeast(1.0)),
            "gold figures found with their value",
        ),
        "disagreeing_numbers_grouped" => (
            Some(Bar::AtLeast(1.0)),
            "troop numbers in one quantity group",
        ),
        "quote_speaker_accuracy" => (
            Some(Bar::AtLeast(0.9)),
            "gold quotes found with the speaker",
        ),
        "entity_recall" => (Some(Bar::AtLeast(0.9)), "gold entity names found"),
        "alias_groups_merged" => (Some(Bar::AtLeast(0.75)), "gold alias groups in one entity"),
        "boilerplate_leaks" => (
            Some(Bar::AtMost(0.0)),
            "boilerplate used as evidence or claim",
        ),
        _ => (None, ""),
    };
    Metric {
        name,
        value,
        bar,
        note,
    }
}

/// Maps dossier document ids to gold document keys by file name, as the
/// Python scorer does: a file name equal to the gold file, or starting with
/// its stem (the last match in gold order wins).
struct DocKeys<'a> {
    /// Gold (file, key) pairs in gold order, one per distinct file.
    files: Vec<(&'a str, &'a str)>,
    by_id: HashMap<&'a str, &'a str>,
}

impl<'a> DocKeys<'a> {
    fn new(root: &At<'a>, dossier: &'a Dossier) -> Result<Self, EvalError> {
        let mut files: Vec<(&str, &str)> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for (key, d) in root.field("documents")?.entries()? {
            let file = d.str_field("file")?;
            match slot.get(file) {
                Some(&i) => files[i].1 = key,
                None => {
                    slot.insert(file, files.len());
                    files.push((file, key));
                }
            }
        }
        let mut by_id = HashMap::new();
        for d in &dossier.documents {
            let path = if d.path.is_empty() { &d.id } else { &d.path };
            let base = base_name(path);
            for &(file, key) in &files {
                if base == file || base.starts_with(stem(file)) {
                    by_id.insert(d.id.as_str(), key);
                }
            }
        }
        Ok(DocKeys { files, by_id })
    }

    /// The gold key of a dossier document reference: by id, else by its own
    /// file name (or a gold key used as the name); else the reference itself.
    fn key(&self, doc: &'a str) -> &'a str {
        if let Some(key) = self.by_id.get(doc) {
            return key;
        }
        let base = base_name(doc);
        self.files
            .iter()
            .find(|&&(file, key)| base == file || base == key || base.starts_with(stem(file)))
            .map_or(doc, |&(_, key)| key)
    }
}

/// A file name without its last extension (`"a.b.txt"` -> `"a.b"`).
fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

struct GoldClaim<'a> {
    id: &'a str,
    evidence: Vec<GoldEvidence<'a>>,
    numbers: Vec<GoldNumber<'a>>,
}

struct GoldEvidence<'a> {
    claim: &'a str,
    doc: &'a str,
    /// The snippet, [`norm`]ed.
    snippet: String,
    stance: &'a str,
}

struct GoldNumber<'a> {
    doc: &'a str,
    /// The snippet, [`norm`]ed.
    snippet: String,
    /// The figure to find: `value` if the key is present (even as null),
    /// else `max`; `None` accepts any value.
    want: Option<f64>,
}

fn read_claims<'a>(root: &At<'a>) -> Result<Vec<GoldClaim<'a>>, EvalError> {
    let mut out = Vec::new();
    for c in root.field("claims")?.items()? {
        let id = c.str_field("id")?;
        let mut evidence = Vec::new();
        for e in c.opt_items("evidence")? {
            evidence.push(GoldEvidence {
                claim: id,
                doc: e.str_field("doc")?,
                snippet: norm(Some(e.str_field("snippet")?)),
                stance: e.str_field("stance")?,
            });
        }
        let mut numbers = Vec::new();
        for g in c.opt_items("numbers")? {
            let want = match g.raw_field("value")? {
                Some(v) => v.opt_number()?,
                None => g
                    .raw_field("max")?
                    .map(|v| v.opt_number())
                    .transpose()?
                    .flatten(),
            };
            numbers.push(GoldNumber {
                doc: g.str_field("doc")?,
                snippet: norm(Some(g.str_field("snippet")?)),
                want,
            });
        }
        out.push(GoldClaim {
            id,
            evidence,
            numbers,
        });
    }
    Ok(out)
}

/// One value of a dossier quantity group.
struct ValueItem<'a> {
    doc: &'a str,
    /// Its sentence, [`norm`]ed.
    sentence: String,
    /// `value`, `max`, `min`.
    figures: [Option<f64>; 3],
}

/// The dossier's quantity values, grouped as in the dossier and indexed by
/// gold document.
struct QuantityIndex<'a> {
    values: Vec<ValueItem<'a>>,
    /// Per quantity group, its range in `values`.
    groups: Vec<std::ops::Range<usize>>,
    by_doc: HashMap<&'a str, Vec<usize>>,
}

impl<'a> QuantityIndex<'a> {
    fn new(dossier: &'a Dossier, docs: &DocKeys<'a>) -> Self {
        let mut values = Vec::new();
        let mut groups = Vec::new();
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for q in &dossier.quantities {
            let start = values.len();
            for v in &q.values {
                let doc = docs.key(&v.doc);
                by_doc.entry(doc).or_default().push(values.len());
                values.push(ValueItem {
                    doc,
                    sentence: norm(Some(&v.sentence)),
                    figures: [v.value, v.max, v.min],
                });
            }
            groups.push(start..values.len());
        }
        QuantityIndex {
            values,
            groups,
            by_doc,
        }
    }

    fn in_doc<'s>(&'s self, doc: &str) -> impl Iterator<Item = &'s ValueItem<'a>> {
        self.by_doc
            .get(doc)
            .into_iter()
            .flatten()
            .map(|&i| &self.values[i])
    }

    fn groups(&self) -> impl Iterator<Item = &[ValueItem<'a>]> {
        self.groups.iter().map(|r| &self.values[r.clone()])
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_model::Stance::{Asserts, Hedges, ReportsDenial};
    use serde_json::json;

    use super::*;
    use crate::test_support::*;

    const FLOOD: &str = "The river burst its banks near Albany on Tuesday";
    const FLOOD_B: &str = "Officials confirmed the river burst its banks";
    const FLOOD_C: &str = "It is not yet clear whether the levee failed";
    const RESCUE: &str = "Crews may have rescued up to 40 residents";

    /// Two articles; claim "flood" has three snippets (a, b, b), "rescue" one.
    fn gold() -> Value {
        json!({
            "documents": {
                "a": {"file": "a_river.txt"},
                "b": {"file": "b_levee.txt"}
            },
            "claims": [
                {"id": "flood", "evidence": [
                    {"doc": "a", "snippet": FLOOD, "stance": "asserts"},
                    {"doc": "b", "snippet": FLOOD_B, "stance": "asserts"},
                    {"doc": "b", "snippet": FLOOD_C, "stance": "reports_denial"}
                ]},
                {"id": "rescue", "evidence": [
                    {"doc": "a", "snippet": RESCUE, "stance": "hedges"}
                ]},
                {"id": "no_evidence", "evidence": []}
            ],
            "entities": {"PERSON": [], "ORG": [], "PLACE": []}
        })
    }

    fn dossier(claims: Vec<crosscheck_model::ClaimGroup>) -> Dossier {
        Dossier {
            documents: vec![
                doc("id-a", "news/a_river.txt", "s1"),
                doc("id-b", "b_levee.txt", "s1"),
            ],
            claims,
            ..Dossier::default()
        }
    }

    fn value_of(r: &Report, name: &str) -> f64 {
        r.get(name).map(|m| m.value).unwrap_or(f64::NAN)
    }

    #[test]
    fn finds_two_of_three_evidence_snippets() {
        let d = dossier(vec![
            claim(
                "flood",
                vec![
                    ev("id-a", &format!("{FLOOD}, police said."), Asserts),
                    ev("id-b", &format!("“{FLOOD_B}.”"), Asserts),
                ],
            ),
            claim("rescue", vec![ev("id-a", RESCUE, Hedges)]),
        ]);
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "claim_recall"), 1.0);
        assert_eq!(value_of(&r, "evidence_recall"), 3.0 / 4.0);
        assert_eq!(value_of(&r, "stance_accuracy"), 1.0);
        // One of the two doubting gold items (the reports_denial one) is missing.
        assert_eq!(value_of(&r, "doubt_recall"), 0.5);
        assert_eq!(value_of(&r, "grouping_bcubed_f1"), 1.0);
        // "flood" spans two documents but one of its snippets was not found.
        assert_eq!(value_of(&r, "multi_source_claims_whole"), 0.0);
    }

    #[test]
    fn a_stance_mismatch_lowers_accuracy_and_doubt_recall() {
        let d = dossier(vec![
            claim(
                "flood",
                vec![
                    ev("id-a", FLOOD, Asserts),
                    ev("id-b", FLOOD_B, Asserts),
                    ev("id-b", FLOOD_C, ReportsDenial),
                ],
            ),
            // The hedge is read as a plain assertion.
            claim("rescue", vec![ev("id-a", RESCUE, Asserts)]),
        ]);
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "evidence_recall"), 1.0);
        assert_eq!(value_of(&r, "stance_accuracy"), 3.0 / 4.0);
        assert_eq!(value_of(&r, "doubt_recall"), 1.0 / 2.0);
        assert_eq!(value_of(&r, "multi_source_claims_whole"), 1.0);
        assert_eq!(
            r.get("stance_accuracy").and_then(Metric::passed),
            Some(false)
        );
    }

    #[test]
    fn a_split_group_lowers_bcubed() {
        let d = dossier(vec![
            claim(
                "flood",
                vec![ev("id-a", FLOOD, Asserts), ev("id-b", FLOOD_B, Asserts)],
            ),
            claim("levee", vec![ev("id-b", FLOOD_C, ReportsDenial)]),
            claim("rescue", vec![ev("id-a", RESCUE, Hedges)]),
        ]);
        let r = score(&gold(), &d).unwrap();
        // Precision 1; recall (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3; F1 = 0.8.
        let f1 = value_of(&r, "grouping_bcubed_f1");
        assert!((f1 - 0.8).abs() < 1e-12, "{f1}");
        assert_eq!(value_of(&r, "multi_source_claims_whole"), 0.0);
        // The split part still carries the right stance.
        assert_eq!(value_of(&r, "stance_accuracy"), 1.0);
    }

    #[test]
    fn a_sentence_in_two_claims_counts_in_the_chosen_one() {
        // The hedged rescue sentence sits in "flood" as an assertion and in
        // "rescue" as a hedge; "rescue" is the claim chosen for the gold rescue claim.
        let d = dossier(vec![
            claim(
                "flood",
                vec![
                    ev("id-a", FLOOD, Asserts),
                    ev("id-b", FLOOD_B, Asserts),
                    ev("id-a", RESCUE, Asserts),
                ],
            ),
            claim("rescue", vec![ev("id-a", RESCUE, Hedges)]),
        ]);
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "stance_accuracy"), 1.0);
        assert_eq!(value_of(&r, "grouping_bcubed_f1"), 1.0);
    }

    #[test]
    fn documents_match_by_file_name_stem_or_key() {
        let mut d = dossier(vec![claim(
            "flood",
            vec![
                ev("id-a", FLOOD, Asserts),
                // Referenced by the gold key itself.
                ev("b", FLOOD_B, Asserts),
                // An unknown document never matches.
                ev("id-z", FLOOD_C, ReportsDenial),
            ],
        )]);
        // A converted copy of the file keeps the stem: still document "a".
        d.documents[0].path = "/tmp/a_river.html".to_string();
        let r = score(&gold(), &d).unwrap();
        assert_eq!(value_of(&r, "evidence_recall"), 2.0 / 4.0);
    }

    #[test]
    fn quote_speaker_may_be_the_surname_only() {
        let mut g = gold();
        g["quotes"] = json!([
            {"doc": "a", "speaker": "Maria Lopez", "snippet": "We lost everything in an hour"},
            {"doc": "b", "speaker": "Tom Berg", "snippet": "the pumps were never serviced"},
            {"doc": "b", "speaker": "Ana Ruiz", "snippet": "help is on the way"}
        ]);
        let mut d = dossier(Vec::new());
        d.quotes = vec![
            quote("id-a", Some("Lopez"), "We lost everything in an hour,"),
            // The gold snippet contains the (shorter) dossier quote; wrong speaker.
            quote("id-b", Some("Anne Berger"), "pumps were never serviced"),
            // Right text, right speaker, wrong document.
            quote("id-a", Some("Ana Ruiz"), "Help is on the way"),
        ];
        let r = score(&g, &d).unwrap();
        assert_eq!(value_of(&r, "quote_speaker_accuracy"), 1.0 / 3.0);
    }

    #[test]
    fn counts_boilerplate_leaks() {
        let mut g = gold();
        g["boilerplate"] = json!([
            {"doc": "a", "snippet": "Photo: Jane Roe/Wire Service"},
            {"doc": "b", "snippet": "Share this story"},
            {"doc": "b", "snippet": "Sign up for our newsletter"}
        ]);
        let d = dossier(vec![
            claim(
                "flood",
                vec![ev("id-a", "PHOTO:  Jane Roe/Wire Service", Asserts)],
            ),
            claim("Share this story with friends", Vec::new()),
        ]);
        let r = score(&g, &d).unwrap();
        assert_eq!(value_of(&r, "boilerplate_leaks"), 2.0);
        assert_eq!(
            r.get("boilerplate_leaks")
                .map(Metric::value_text)
                .as_deref(),
            Some("2")
        );
        assert!(!r.passed());
    }

    #[test]
    fn entities_and_alias_groups() {
        let mut g = gold();
        g["entities"] = json!({
            "PERSON": ["Maria Lopez", "Tom Berg"],
            "ORG": ["The Weather Service"],
            "PLACE": ["Albany"],
            "aliases": [["Maria Lopez", "Lopez"], ["Albany", "the state capital"]]
        });
        let mut d = dossier(Vec::new());
        d.entities = vec![
            entity("Maria Lopez", &["Lopez", "Mayor Lopez"]),
            entity("Weather Service", &[]),
            entity("Albany", &[]),
            entity("State Capital", &[]),
        ];
        let r = score(&g, &d).unwrap();
        // "The Weather Service" keys without "the"; Tom Berg is missing.
        assert_eq!(value_of(&r, "entity_recall"), 3.0 / 4.0);
        // Albany and "the state capital" sit in different entities.
        assert_eq!(value_of(&r, "alias_groups_merged"), 0.5);
    }

    #[test]
    fn numbers_need_their_value_and_troop_numbers_one_group() {
        let mut g = gold();
        g["claims"] = json!([
            {"id": "troop_count", "numbers": [
                {"doc": "a", "snippet": "about 1,500 soldiers", "value": 1500},
                {"doc": "b", "snippet": "as many as 4,000 troops", "max": 4000},
                {"doc": "b", "snippet": "a few hundred more", "value": null}
            ]}
        ]);
        let mut d = dossier(Vec::new());
        d.quantities = vec![
            quantities(vec![
                value(
                    "id-a",
                    "Officials counted about 1,500 soldiers.",
                    Some(1500.0),
                    None,
                ),
                value(
                    "id-b",
                    "As many as 4,000 troops could follow.",
                    None,
                    Some(4000.0),
                ),
            ]),
            quantities(vec![value(
                "id-b",
                "A few hundred more arrived.",
                None,
                None,
            )]),
        ];
        let r = score(&g, &d).unwrap();
        assert_eq!(value_of(&r, "number_recall"), 1.0);
        assert_eq!(value_of(&r, "disagreeing_numbers_grouped"), 2.0 / 3.0);
        // A wrong figure in the right sentence does not count.
        d.quantities[0].values[0].value = Some(1200.0);
        let r = score(&g, &d).unwrap();
        assert_eq!(value_of(&r, "number_recall"), 2.0 / 3.0);
        assert_eq!(value_of(&r, "disagreeing_numbers_grouped"), 2.0 / 3.0);
    }

    #[test]
    fn without_a_troop_count_claim_that_metric_is_left_out() {
        let r = score(&gold(), &dossier(Vec::new())).unwrap();
        assert!(r.get("disagreeing_numbers_grouped").is_none());
        assert_eq!(r.metrics.len(), 11);
        assert_eq!(value_of(&r, "claim_recall"), 0.0);
        // No quotes, no boilerplate in the gold: nothing to miss there.
        assert_eq!(value_of(&r, "boilerplate_leaks"), 0.0);
    }

    #[test]
    fn a_gold_of_the_wrong_shape_names_the_field() {
        let d = dossier(Vec::new());
        assert_eq!(
            score(&json!({"documents": {}}), &d),
            Err(EvalError::Missing("claims".to_string()))
        );
        let mut g = gold();
        g["claims"][0]["evidence"][1]["snippet"] = json!(7);
        assert_eq!(
            score(&g, &d),
            Err(EvalError::WrongType {
                path: "claims[0].evidence[1].snippet".to_string(),
                expected: "a string"
            })
        );
        let mut g = gold();
        g["documents"]["b"] = json!({"name": "b_levee.txt"});
        assert_eq!(
            score(&g, &d),
            Err(EvalError::Missing("documents.b.file".to_string()))
        );
        assert!(matches!(
            score(&json!([1, 2]), &d),
            Err(EvalError::WrongType { .. })
        ));
        let mut g = gold();
        g["entities"]["aliases"] = json!([[]]);
        assert!(matches!(score(&g, &d), Err(EvalError::Invalid(_))));
    }
}
