//! ECB+ (Cybulska & Vossen 2014), cross-document event coreference over
//! news, as an outside benchmark of crosscheck's matching judgement: which
//! two mentions across articles are one event (`crosscheck eval ecbplus`).
//!
//! The same machinery as the claim grouping: potion-base-8M embeddings of
//! the mention and its sentence, the pipeline's content keys
//! ([`word_key`]), a pairwise logistic regression ([`crate::logistic`])
//! fitted on the train topics, and average-linkage clustering whose
//! threshold is fitted on the dev topics; the test topics are scored once,
//! with the CoNLL metrics of [`crosscheck_eval::coref`].
//!
//! Setup (the one most published figures use): gold event mentions with
//! singletons, the Cybulska & Vossen split (train 1, 3, 4, 6–11, 13, 14,
//! 16, 19, 20, 22, 24–33; dev 2, 5, 12, 18, 21, 23, 34, 35; test 36–45),
//! only mentions in the validated sentences, and documents clustered by
//! their gold subtopic (the ECB or the ECB+ half of a topic), which is what
//! the document clustering of the published lemma baseline recovers.

use crate::logistic;
use crosscheck_core::analyze::claims::word_key;
use crosscheck_embed::{Embedder, cosine};
use crosscheck_eval::coref::{self, Scores};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Why the corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EcbError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: not the ECB+ XML this reader knows: {1}")]
    Xml(PathBuf, String),
    #[error(
        "{0}: no event mentions found (is this the ECB+ folder with ECB+/ and ECBplus_coreference_sentences.csv?)"
    )]
    Empty(PathBuf),
}

/// Topics of each split (Cybulska & Vossen 2015).
pub fn split_of(topic: u32) -> Split {
    match topic {
        2 | 5 | 12 | 18 | 21 | 23 | 34 | 35 => Split::Dev,
        36..=45 => Split::Test,
        _ => Split::Train,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    Test,
}

/// One gold event mention.
#[derive(Debug, Clone)]
pub struct Mention {
    pub topic: u32,
    /// The ECB+ half of the topic (`*ecbplus.xml`) rather than the ECB one.
    pub plus: bool,
    pub doc: String,
    /// The mention's words.
    pub trigger: String,
    /// Its sentence, and the words around the mention (six either side).
    pub sentence: String,
    pub context: String,
    /// `ACTION_OCCURRENCE`, `NEG_ACTION_STATE`, ...
    pub tag: String,
    /// The gold cluster.
    pub cluster: String,
}

impl Mention {
    /// The document cluster the mention is grouped within.
    fn subtopic(&self) -> (u32, bool) {
        (self.topic, self.plus)
    }
}

/// Reads every event mention of the validated sentences.
pub fn load(dir: &Path) -> Result<Vec<Mention>, EcbError> {
    let csv = dir.join("ECBplus_coreference_sentences.csv");
    let text = std::fs::read_to_string(&csv).map_err(|e| EcbError::Io(csv.clone(), e))?;
    // (topic, file stem, sentence); fields are stripped (three rows carry a
    // trailing space).
    let validated: HashSet<(String, String, u32)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            Some((
                f.first()?.to_string(),
                f.get(1)?.to_string(),
                f.get(2)?.parse().ok()?,
            ))
        })
        .collect();
    let root = dir.join("ECB+");
    let mut topics: Vec<PathBuf> = std::fs::read_dir(&root)
        .map_err(|e| EcbError::Io(root.clone(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    topics.sort();
    let mut out = Vec::new();
    for t in topics {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&t)
            .map_err(|e| EcbError::Io(t.clone(), e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        for f in files {
            out.extend(read_document(&f, &validated)?);
        }
    }
    if out.is_empty() {
        return Err(EcbError::Empty(dir.to_path_buf()));
    }
    Ok(out)
}

/// A markable as read: its tag, tokens, and instance id if it is a cluster
/// head (`RELATED_TO` set).
struct Markable {
    tag: String,
    tokens: Vec<u32>,
    instance: Option<String>,
}

fn read_document(
    path: &Path,
    validated: &HashSet<(String, String, u32)>,
) -> Result<Vec<Mention>, EcbError> {
    let xml = std::fs::read_to_string(path).map_err(|e| EcbError::Io(path.to_path_buf(), e))?;
    let bad = |m: String| EcbError::Xml(path.to_path_buf(), m);
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (topic_str, stem) = name
        .split_once('_')
        .ok_or_else(|| bad("file name is not TOPIC_FILE.xml".into()))?;
    let topic: u32 = topic_str
        .parse()
        .map_err(|_| bad("file name does not start with a topic number".into()))?;

    // token id -> (sentence, position in sentence, word)
    let mut tokens: BTreeMap<u32, (u32, String)> = BTreeMap::new();
    let mut markables: HashMap<String, Markable> = HashMap::new();
    // source m_id -> cluster id
    let mut cluster_of: HashMap<String, String> = HashMap::new();

    let mut reader = Reader::from_str(&xml);
    let mut token: Option<(u32, u32, String)> = None;
    let mut markable: Option<(String, Markable)> = None;
    let mut in_markables = false;
    let mut relation: Option<(String, String, Vec<String>, Option<String>)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("at byte {}: {e}", reader.buffer_position())))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let tag = e.name().as_ref().to_string();
                let mut attrs: HashMap<String, String> = HashMap::new();
                for a in e.attributes().flatten() {
                    let k = a.key.as_ref().to_string();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    attrs.insert(k, v);
                }
                let get = |k: &str| attrs.get(k).cloned();
                match tag.as_str() {
                    "token" => {
                        let id = get("t_id").and_then(|v| v.parse().ok());
                        let s = get("sentence").and_then(|v| v.parse().ok());
                        if let (Some(id), Some(s)) = (id, s) {
                            token = Some((id, s, String::new()));
                        }
                    }
                    "Markables" => in_markables = true,
                    "token_anchor" => {
                        if let (Some((_, m)), Some(t)) =
                            (markable.as_mut(), get("t_id").and_then(|v| v.parse().ok()))
                        {
                            m.tokens.push(t);
                        }
                    }
                    "CROSS_DOC_COREF" | "INTRA_DOC_COREF" => {
                        relation = Some((
                            tag.clone(),
                            get("r_id").unwrap_or_default(),
                            Vec::new(),
                            get("note"),
                        ));
                    }
                    "source" => {
                        if let (Some(r), Some(m)) = (relation.as_mut(), get("m_id")) {
                            r.2.push(m);
                        }
                    }
                    "target" => {
                        if let (Some(r), Some(m)) = (relation.as_mut(), get("m_id")) {
                            // The target's instance id names the cluster.
                            if let Some(inst) = markables.get(&m).and_then(|k| k.instance.clone()) {
                                r.3 = Some(inst);
                            }
                        }
                    }
                    _ if in_markables => {
                        if let Some(id) = get("m_id") {
                            let m = Markable {
                                tag: tag.clone(),
                                tokens: Vec::new(),
                                instance: attrs
                                    .contains_key("RELATED_TO")
                                    .then(|| get("instance_id").unwrap_or_default()),
                            };
                            if empty {
                                markables.insert(id, m);
                            } else {
                                markable = Some((id, m));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, _, w)) = token.as_mut() {
                    w.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, _, w)) = token.as_mut() {
                    let c = match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    w.extend(c);
                }
            }
            Event::End(e) => {
                let tag = e.name().as_ref().to_string();
                match tag.as_str() {
                    "token" => {
                        if let Some((id, s, w)) = token.take() {
                            tokens.insert(id, (s, w));
                        }
                    }
                    "Markables" => in_markables = false,
                    "CROSS_DOC_COREF" | "INTRA_DOC_COREF" => {
                        if let Some((kind, r_id, sources, inst)) = relation.take() {
                            let id = if kind == "INTRA_DOC_COREF" {
                                format!("INTRA_{r_id}_{name}")
                            } else {
                                inst.unwrap_or_else(|| format!("CROSS_{r_id}"))
                            };
                            for s in sources {
                                cluster_of.insert(s, id.clone());
                            }
                        }
                    }
                    _ => {
                        if let Some((id, m)) = markable.take_if(|(_, m)| m.tag == tag) {
                            markables.insert(id, m);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }

    let words = |s: u32| -> Vec<(u32, &str)> {
        tokens
            .iter()
            .filter(|(_, (ts, _))| *ts == s)
            .map(|(id, (_, w))| (*id, w.as_str()))
            .collect()
    };
    let mut out = Vec::new();
    let mut ids: Vec<&String> = markables.keys().collect();
    ids.sort_by_key(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    for id in ids {
        let m = &markables[id];
        if m.instance.is_some() || m.tokens.is_empty() {
            continue;
        }
        if !(m.tag.starts_with("ACTION") || m.tag.starts_with("NEG")) {
            continue;
        }
        let Some(&(sentence, _)) = m.tokens.first().and_then(|t| tokens.get(t)) else {
            continue;
        };
        if !validated.contains(&(topic_str.to_string(), stem.to_string(), sentence)) {
            continue;
        }
        let sent = words(sentence);
        let first = m.tokens.iter().min().copied().unwrap_or(0);
        let last = m.tokens.iter().max().copied().unwrap_or(0);
        let trigger: Vec<&str> = m
            .tokens
            .iter()
            .filter_map(|t| tokens.get(t).map(|(_, w)| w.as_str()))
            .collect();
        let context: Vec<&str> = sent
            .iter()
            .filter(|(t, _)| *t + 6 >= first && *t <= last + 6)
            .map(|(_, w)| *w)
            .collect();
        out.push(Mention {
            topic,
            plus: stem.ends_with("ecbplus"),
            doc: name.clone(),
            trigger: trigger.join(" "),
            sentence: sent.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "),
            context: context.join(" "),
            tag: m.tag.clone(),
            cluster: cluster_of.get(id).cloned().unwrap_or_else(|| {
                format!("Singleton_{}_{id}_{name}", &m.tag[..3.min(m.tag.len())])
            }),
        });
    }
    Ok(out)
}

/// Signals of a mention pair.
pub const FEATURES: &[&str] = &[
    "same_head_stem",
    "shared_trigger_key",
    "trigger_cosine",
    "context_cosine",
    "sentence_cosine",
    "sentence_keys",
    "same_document",
    "stem_by_context",
    "same_sentence",
    "context_centered",
];
const N: usize = 10;

/// A mention as the model reads it.
struct Prepared {
    head: String,
    trigger_keys: BTreeSet<String>,
    sentence_keys: BTreeSet<String>,
    trigger: Vec<f32>,
    context: Vec<f32>,
    sentence: Vec<f32>,
    /// The context embedding less the mean of its subtopic's: what the
    /// mention's surroundings say beyond what the whole subtopic shares
    /// (as the claim grouping's centred cosine).
    centered: Vec<f32>,
}

fn stemmer() -> rust_stemmers::Stemmer {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
}

/// The stem of a trigger's head: its longest word (single-word triggers,
/// most of them, are their own head).
fn head_stem(trigger: &str, stem: &rust_stemmers::Stemmer) -> String {
    let w = trigger
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap_or_default()
        .to_lowercase();
    stem.stem(&w).into_owned()
}

fn keys(text: &str) -> BTreeSet<String> {
    text.split_whitespace().filter_map(word_key).collect()
}

fn prepare(mentions: &[Mention], embedder: &Embedder) -> Vec<Prepared> {
    let stem = stemmer();
    let emb = |f: &dyn Fn(&Mention) -> &str| {
        let texts: Vec<&str> = mentions.iter().map(f).collect();
        embedder.embed(&texts)
    };
    let trig = emb(&|m| m.trigger.as_str());
    let ctx = emb(&|m| m.context.as_str());
    let sent = emb(&|m| m.sentence.as_str());
    let mut centre: HashMap<(u32, bool), (Vec<f32>, usize)> = HashMap::new();
    for (m, c) in mentions.iter().zip(&ctx) {
        let e = centre
            .entry(m.subtopic())
            .or_insert_with(|| (vec![0.0; c.len()], 0));
        for (s, x) in e.0.iter_mut().zip(c) {
            *s += x;
        }
        e.1 += 1;
    }
    mentions
        .iter()
        .zip(trig.into_iter().zip(ctx.into_iter().zip(sent)))
        .map(|(m, (trigger, (context, sentence)))| {
            let (sum, n) = &centre[&m.subtopic()];
            let centered = context
                .iter()
                .zip(sum)
                .map(|(x, s)| x - s / *n as f32)
                .collect();
            Prepared {
                head: head_stem(&m.trigger, &stem),
                trigger_keys: keys(&m.trigger),
                sentence_keys: keys(&m.sentence),
                trigger,
                context,
                sentence,
                centered,
            }
        })
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn features(ma: &Mention, mb: &Mention, a: &Prepared, b: &Prepared) -> [f64; N] {
    let same_head = f64::from(u8::from(a.head == b.head));
    let context = f64::from(cosine(&a.context, &b.context));
    [
        same_head,
        f64::from(u8::from(
            a.trigger_keys
                .intersection(&b.trigger_keys)
                .next()
                .is_some(),
        )),
        f64::from(cosine(&a.trigger, &b.trigger)),
        context,
        f64::from(cosine(&a.sentence, &b.sentence)),
        jaccard(&a.sentence_keys, &b.sentence_keys),
        f64::from(u8::from(ma.doc == mb.doc)),
        same_head * context,
        f64::from(u8::from(ma.doc == mb.doc && ma.sentence == mb.sentence)),
        f64::from(cosine(&a.centered, &b.centered)),
    ]
}

/// Mentions per document cluster (gold subtopic), as indices.
fn subtopics(mentions: &[Mention], split: Split) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<(u32, bool), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if split_of(m.topic) == split {
            by.entry(m.subtopic()).or_default().push(i);
        }
    }
    by.into_values().collect()
}

/// The fitted pairwise model.
pub struct Model {
    weights: [f64; N],
    bias: f64,
    pub threshold: f64,
}

impl Model {
    fn probability(&self, f: &[f64; N]) -> f64 {
        crosscheck_core::weights::logistic(&self.weights, self.bias, f)
    }

    /// The weights by signal name.
    pub fn weights(&self) -> Vec<(&'static str, f64)> {
        FEATURES.iter().copied().zip(self.weights).collect()
    }
}

/// Average-linkage clustering of `n` items under a pairwise similarity
/// matrix ([`crosscheck_link::linkage`], the claim grouping's own): the
/// two clusters of highest average similarity merge while it is at least
/// `threshold`. Returns a label per item.
fn average_linkage(sim: &[Vec<f64>], threshold: f64) -> Vec<usize> {
    let mut edges = Vec::new();
    for (i, row) in sim.iter().enumerate() {
        for (j, &s) in row.iter().enumerate().skip(i + 1) {
            if s > 0.0 {
                edges.push((i as u32, j as u32, s));
            }
        }
    }
    crosscheck_link::linkage::average_linkage(sim.len(), &edges, threshold)
        .into_iter()
        .map(|c| c as usize)
        .collect()
}

/// Clusters the mentions of `split` with `model` (same-lemma when `model`
/// is `None`) and scores them against the gold.
fn cluster_and_score(
    mentions: &[Mention],
    prepared: &[Prepared],
    split: Split,
    model: Option<&Model>,
) -> Scores {
    let mut key = Vec::new();
    let mut response = Vec::new();
    for (s, group) in subtopics(mentions, split).into_iter().enumerate() {
        let labels: Vec<String> = match model {
            None => group.iter().map(|&i| prepared[i].head.clone()).collect(),
            Some(m) => {
                let sim: Vec<Vec<f64>> = group
                    .iter()
                    .map(|&a| {
                        group
                            .iter()
                            .map(|&b| {
                                if a == b {
                                    1.0
                                } else {
                                    m.probability(&features(
                                        &mentions[a],
                                        &mentions[b],
                                        &prepared[a],
                                        &prepared[b],
                                    ))
                                }
                            })
                            .collect()
                    })
                    .collect();
                average_linkage(&sim, m.threshold)
                    .into_iter()
                    .map(|c| c.to_string())
                    .collect()
            }
        };
        for (&i, l) in group.iter().zip(labels) {
            key.push(mentions[i].cluster.clone());
            response.push(format!("{s}/{l}"));
        }
    }
    coref::score(&key, &response)
}

/// Thresholds tried on the dev topics.
const THRESHOLDS: &[f64] = &[0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/// What `evaluate` found.
pub struct Outcome {
    pub mentions: [usize; 3],
    pub pairs: (usize, usize),
    pub lemma: Scores,
    pub model: Model,
    pub dev: Scores,
    pub test: Scores,
}

/// Fits the pairwise model on the train topics (every pair of mentions
/// within a subtopic; each class weighs 1 in all), its threshold on the dev
/// topics, and scores the test topics; the same-lemma baseline is scored on
/// the test topics in the same setup.
pub fn evaluate(mentions: &[Mention], embedder: &Embedder) -> Outcome {
    let prepared = prepare(mentions, embedder);
    let mut x: Vec<[f64; N]> = Vec::new();
    let mut y: Vec<bool> = Vec::new();
    for group in subtopics(mentions, Split::Train) {
        for (k, &a) in group.iter().enumerate() {
            for &b in &group[k + 1..] {
                x.push(features(
                    &mentions[a],
                    &mentions[b],
                    &prepared[a],
                    &prepared[b],
                ));
                y.push(mentions[a].cluster == mentions[b].cluster);
            }
        }
    }
    let pos = y.iter().filter(|&&v| v).count();
    let neg = y.len() - pos;
    let weight: Vec<f64> = y
        .iter()
        .map(|&v| 1.0 / if v { pos } else { neg }.max(1) as f64)
        .collect();
    let (weights, bias) = logistic::fit::<N>(&x, &y, &weight, 0.01);
    let mut model = Model {
        weights,
        bias,
        threshold: 0.5,
    };
    let mut best: Option<(f64, f64, Scores)> = None;
    for &t in THRESHOLDS {
        model.threshold = t;
        let s = cluster_and_score(mentions, &prepared, Split::Dev, Some(&model));
        if best.is_none_or(|(b, _, _)| s.conll() > b + 1e-12) {
            best = Some((s.conll(), t, s));
        }
    }
    let (_, t, dev) = best.unwrap_or((0.0, 0.5, Scores::default()));
    model.threshold = t;
    let count = |s: Split| mentions.iter().filter(|m| split_of(m.topic) == s).count();
    Outcome {
        mentions: [count(Split::Train), count(Split::Dev), count(Split::Test)],
        pairs: (pos, neg),
        lemma: cluster_and_score(mentions, &prepared, Split::Test, None),
        test: cluster_and_score(mentions, &prepared, Split::Test, Some(&model)),
        dev,
        model,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_joins_what_is_close_on_average() {
        // 0-1 close, 2 close to 1 only: 2 joins only if the average with
        // {0, 1} reaches the threshold.
        let sim = vec![
            vec![1.0, 0.9, 0.1],
            vec![0.9, 1.0, 0.8],
            vec![0.1, 0.8, 1.0],
        ];
        let l = average_linkage(&sim, 0.5);
        assert_eq!(l[0], l[1]);
        assert_ne!(l[0], l[2]);
        let l = average_linkage(&sim, 0.4);
        assert!(l[0] == l[1] && l[1] == l[2]);
    }

    #[test]
    fn a_document_reads_with_its_clusters() {
        let dir = std::env::temp_dir().join(format!("ecb-{}", std::process::id()));
        let topic = dir.join("ECB+").join("7");
        std::fs::create_dir_all(&topic).unwrap();
        std::fs::write(
            dir.join("ECBplus_coreference_sentences.csv"),
            "Topic,File,Sentence Number\n7,1ecb,1 \n",
        )
        .unwrap();
        let xml = r#"<Document doc_name="7_1ecb.xml">
<token t_id="1" sentence="0" number="0">Title</token>
<token t_id="2" sentence="1" number="0">Rebels</token>
<token t_id="3" sentence="1" number="1">seized</token>
<token t_id="4" sentence="1" number="2">the</token>
<token t_id="5" sentence="1" number="3">town</token>
<token t_id="6" sentence="1" number="4">and</token>
<token t_id="7" sentence="1" number="5">left</token>
<Markables>
<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="11"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="12"><token_anchor t_id="1"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="13"><token_anchor t_id="2"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t7_seize" instance_id="ACT42"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT42"><source m_id="10"/><target m_id="20"/></CROSS_DOC_COREF>
</Relations>
</Document>"#;
        std::fs::write(topic.join("7_1ecb.xml"), xml).unwrap();
        let m = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        // Events of the validated sentence only: "seized" and "left".
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].trigger, "seized");
        assert_eq!(m[0].cluster, "ACT42");
        assert!(m[1].cluster.starts_with("Singleton_ACT_11_"));
        assert_eq!(m[0].sentence, "Rebels seized the town and left");
        assert!(!m[0].plus);
        assert_eq!(split_of(7), Split::Train);
    }
}
