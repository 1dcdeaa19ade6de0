//! Cross-article linking: many analyses in, one [`Dossier`] out. Pure.
//!
//! Steps: near-duplicates ([`dedup`]) → stories ([`stories`]) → per story,
//! claim groups ([`groups`]) with stances, independent origins and status →
//! quantity groups → quotes, entities ([`entities`]), source profiles and
//! the timeline.

pub mod check;
pub mod dedup;
pub mod entities;
pub mod groups;
pub mod linkage;
pub mod pairs;
mod shelf;
pub mod stance;
pub mod stories;

use crosscheck_core::model::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Cross-article linking one document at a time: [`Linker::add`] places a
/// document (copies, story, claim groups) at the cost of what it touches,
/// and [`Linker::dossier`] rebuilds only the stories that changed since the
/// last call. Adding documents in the same order always gives the same
/// dossier, however the adds and the `dossier` calls interleave:
/// [`build_dossier`] is a linker that starts empty.
///
/// It keeps of each analysis only what the dossier shows: the document's
/// entry, its quotes and dated events, per outlet the counts of its
/// profile, per name the entity counts, and for the story parts the claims,
/// quantities and the sentences they sit in (see [`Kept`]).
#[derive(Debug, Default)]
pub struct Linker {
    copies: dedup::Index,
    clusterer: stories::Clusterer,
    stories: Vec<StoryState>,
    /// Stories changed since the last [`Linker::parts`].
    dirty: BTreeSet<usize>,
    /// Per document, its id.
    ids: Vec<String>,
    /// Per document, the original it is a copy of.
    copy_of: Vec<Option<u32>>,
    /// Per document, its outlet (an index into `outlets`).
    outlet: Vec<u32>,
    outlets: Vec<Outlet>,
    outlet_ids: HashMap<String, u32>,
    /// Per document, what its story's part shows of it, packed (see
    /// [`Kept::pack`]): in memory, or in a spill file ([`Linker::spilling`]).
    kept: shelf::Shelf,
    entities: entities::Resolver,
    /// The learned pairwise model that groups claims (`None`: the hand-set
    /// rule of [`groups`]).
    scorer: Option<Arc<pairs::Scorer>>,
    /// Embeds claims' clauses for the pairwise model.
    embedder: Option<Arc<crosscheck_embed::Embedder>>,
    /// Decides each clause's stance towards its group's claim.
    stance: stance::Decider,
    /// When set, each evidence entry's stance signals are recorded here
    /// (what `crosscheck train` fits the stance model on).
    trace: Option<std::sync::Mutex<Vec<StanceTrace>>>,
}

/// The signals an evidence entry's stance was decided from, with what
/// finds the entry in the dossier: its document, sentence and claim text.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceTrace {
    pub doc: String,
    pub sentence: String,
    pub claim: String,
    pub signals: stance::Signals,
}

#[derive(Debug, Default, Clone)]
struct StoryState {
    members: Vec<usize>,
    grouper: groups::Grouper,
    /// Mentions by canonical name (the story's title is its three most named).
    named: HashMap<String, usize>,
}

/// What a story's part of the dossier shows of a document: its entry,
/// quotes and dated events as listed, and what the claim groups read of its
/// analysis.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct Kept {
    entry: DocumentOut,
    /// The keys of the entity mention groups it is in.
    entity_keys: Vec<String>,
    quotes: Vec<QuoteOut>,
    timeline: Vec<TimelineEvent>,
    claims: Vec<Claim>,
    quantities: Vec<Quantity>,
    /// The sentences that claims and quantities sit in, by their place in
    /// the analysis.
    sentences: Vec<KeptSentence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct KeptSentence {
    index: usize,
    text: std::sync::Arc<str>,
    /// Whom it credits.
    source: Option<String>,
    /// How check-worthy it reads ([`crosscheck_core::analyze::checkworthy`]).
    checkworthy: f32,
}

impl Kept {
    fn new(entry: DocumentOut, entity_keys: Vec<String>, a: &Analysis) -> Kept {
        let wanted: BTreeSet<usize> = a
            .claims
            .iter()
            .map(|c| c.sentence)
            .chain(a.quantities.iter().map(|q| q.sentence))
            .collect();
        let checkworthy = crosscheck_core::analyze::checkworthy::COMMITTED.sentences(a);
        Kept {
            quotes: quotes(&entry.id, a).collect(),
            timeline: timeline(&entry.id, a).collect(),
            entry,
            entity_keys,
            // What story parts do not read of a claim is not kept.
            claims: a
                .claims
                .iter()
                .map(|c| Claim {
                    entities: Vec::new(),
                    quantities: Vec::new(),
                    date: None,
                    ..c.clone()
                })
                .collect(),
            quantities: a.quantities.clone(),
            sentences: wanted
                .into_iter()
                .filter_map(|i| a.sentences.get(i).map(|s| (i, s)))
                .map(|(index, s)| KeptSentence {
                    index,
                    text: s.text.as_str().into(),
                    source: s.attribution.as_ref().map(|a| a.source.clone()),
                    checkworthy: checkworthy.get(index).copied().unwrap_or(0.0) as f32,
                })
                .collect(),
        }
    }

    /// The packed form a linker holds of each document: serialised and
    /// compressed. As Rust values (a `String` per key, clause and sentence)
    /// they were the largest part of a linker's memory.
    fn pack(&self) -> Box<[u8]> {
        // postcard writes no field names; LZ4 then takes out what a claim's
        // clause shares with its sentence and the keys claims repeat.
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        lz4_flex::compress_prepend_size(&bytes).into_boxed_slice()
    }

    /// Reads back what [`Kept::pack`] wrote.
    fn unpack(packed: &[u8]) -> std::io::Result<Kept> {
        let invalid = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let bytes = lz4_flex::decompress_size_prepended(packed)
            .map_err(|e| invalid(format!("a packed document does not decompress: {e}")))?;
        postcard::from_bytes(&bytes)
            .map_err(|e| invalid(format!("a packed document does not decode: {e}")))
    }

    fn sentence(&self, index: usize) -> Option<&KeptSentence> {
        self.sentences
            .binary_search_by_key(&index, |s| s.index)
            .ok()
            .and_then(|k| self.sentences.get(k))
    }
}

/// An outlet's profile counts, summed as its documents arrive.
#[derive(Debug, Default, Clone)]
struct Outlet {
    name: String,
    sentences: usize,
    analysed: usize,
    attributed: usize,
    hedged: usize,
    opinion: usize,
    first_person: usize,
    boilerplate: usize,
    cited: Vec<String>,
    cited_seen: BTreeSet<String>,
}

impl Outlet {
    fn add(&mut self, a: &Analysis) {
        for s in &a.sentences {
            self.sentences += 1;
            if s.boilerplate {
                self.boilerplate += 1;
                continue;
            }
            self.analysed += 1;
            self.attributed += usize::from(s.attribution.is_some());
            self.hedged += usize::from(s.modality == Modality::Hedged);
            self.opinion += usize::from(!s.opinion.is_empty());
            self.first_person += usize::from(s.first_person);
            if let Some(at) = &s.attribution
                && self.cited_seen.insert(at.source.clone())
            {
                self.cited.push(at.source.clone());
            }
        }
    }

    /// The profile without its documents and claim counts (those come
    /// from the story parts when the dossier is assembled).
    fn profile(&self) -> SourceProfile {
        let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
        SourceProfile {
            name: self.name.clone(),
            documents: Vec::new(),
            sentences: self.sentences,
            attributed_share: share(self.attributed, self.analysed),
            hedged_share: share(self.hedged, self.analysed),
            opinion_share: share(self.opinion, self.analysed),
            first_person_share: share(self.first_person, self.analysed),
            boilerplate_share: share(self.boilerplate, self.sentences),
            corroborated_claims: 0,
            unconfirmed_claims: 0,
            cited_sources: self.cited.clone(),
        }
    }
}

fn story_id(s: usize) -> String {
    format!("s{}", s + 1)
}

impl Linker {
    /// An empty linker.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty linker that keeps what its story parts read of each
    /// document (the largest cold part of its memory) in `file`, truncated
    /// first, and reads it back from there when a story is rebuilt. Should
    /// writing fail, it keeps the rest in memory ([`Linker::spill_failure`]
    /// says why).
    pub fn spilling(file: std::fs::File) -> std::io::Result<Self> {
        Ok(Linker {
            kept: shelf::Shelf::spilling(file)?,
            ..Self::default()
        })
    }

    /// Groups claims with `model` instead of the committed one (a model
    /// fitted with embeddings needs [`Linker::with_embedder`] too).
    pub fn with_model(mut self, model: &pairs::PairModel) -> Self {
        self.scorer = Some(Arc::new(pairs::Scorer::new(model)));
        self
    }

    /// Decides stances with `decider` instead of the hand-set rule.
    pub fn with_stance(mut self, decider: stance::Decider) -> Self {
        self.stance = decider;
        self
    }

    /// Records the signals of every evidence entry's stance from now on
    /// ([`Linker::take_traces`]).
    pub fn tracing(mut self) -> Self {
        self.trace = Some(std::sync::Mutex::new(Vec::new()));
        self
    }

    /// The stance signals recorded since the last call.
    pub fn take_traces(&mut self) -> Vec<StanceTrace> {
        self.trace
            .as_mut()
            .map(|t| std::mem::take(t.get_mut().unwrap_or_else(|e| e.into_inner())))
            .unwrap_or_default()
    }

    /// Embeds each claim's clause with `embedder`, so that a pairwise model
    /// fitted with embeddings ([`Linker::with_model`]) reads paraphrase.
    pub fn with_embedder(mut self, embedder: Arc<crosscheck_embed::Embedder>) -> Self {
        self.embedder = Some(embedder);
        self
    }

    /// Why a spilling linker stopped writing to its spill file, if it did.
    pub fn spill_failure(&self) -> Option<&std::io::Error> {
        self.kept.failure()
    }

    /// Bytes written to the spill file (0 for a linker in memory).
    pub fn spilled_bytes(&self) -> u64 {
        self.kept.spilled_bytes()
    }

    /// The number of documents added.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of the documents added, in the order they were added.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The number of stories found.
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// The number of documents in story `s` (0 past the last story).
    pub fn story_len(&self, s: usize) -> usize {
        self.stories.get(s).map_or(0, |st| st.members.len())
    }

    /// Approximate heap bytes held, by part, for measuring where a
    /// linker's memory goes (`link_growth`): capacities times element
    /// sizes, strings by capacity; allocator overhead is not counted.
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        let text = |s: &str| s.len() + 24;
        let grouper: Vec<[usize; 4]> = self
            .stories
            .iter()
            .map(|s| s.grouper.heap_bytes())
            .collect();
        let part = |k: usize| grouper.iter().map(|g| g[k]).sum::<usize>();
        vec![
            ("copies (MinHash index)", self.copies.heap_bytes()),
            ("stories (clusterer)", self.clusterer.heap_bytes()),
            ("claim groups: key tables", part(0)),
            ("claim groups: claims' keys, postings", part(1)),
            ("claim groups: neighbour lists", part(2)),
            ("claim groups: groups", part(3)),
            (
                "stories: members, named",
                self.stories
                    .iter()
                    .map(|s| {
                        s.members.capacity() * 8
                            + s.named.keys().map(|k| text(k) + 9).sum::<usize>()
                    })
                    .sum(),
            ),
            (
                "documents: ids",
                self.ids.iter().map(|id| id.capacity() + 24).sum(),
            ),
            (
                "documents: entries, quotes, events, claims (packed)",
                self.kept.heap_bytes(),
            ),
            ("dirty stories", self.dirty.len() * 8),
            ("entities", self.entities.heap_bytes()),
            (
                "outlets",
                self.outlets.len() * 200 + (self.outlet.capacity() + self.copy_of.capacity()) * 8,
            ),
        ]
    }

    /// Adds the next document with its analysis. Its text is read here (for
    /// copies) and not kept.
    pub fn add(&mut self, doc: &Document, analysis: Analysis) {
        let i = self.ids.len();
        let copy = self.copies.add(&doc.text);
        let s = self.clusterer.add(&analysis, copy);
        if s == self.stories.len() {
            let grouper = groups::Grouper::with_scorer(self.scorer.clone());
            self.stories.push(StoryState {
                grouper,
                ..StoryState::default()
            });
        }
        let embeddings = self.embedder.as_ref().map(|e| {
            let texts: Vec<&str> = analysis.claims.iter().map(|c| c.text.as_str()).collect();
            e.embed(&texts)
        });
        let state = &mut self.stories[s];
        state.members.push(i);
        let doc_index = u32::try_from(i).unwrap_or(u32::MAX);
        for (k, c) in analysis.claims.iter().enumerate() {
            let embedding = embeddings
                .as_ref()
                .and_then(|e| e.get(k))
                .map(Vec::as_slice);
            state.grouper.add(c, doc_index, embedding);
        }
        for m in &analysis.mentions {
            *state.named.entry(m.canonical.clone()).or_default() += 1;
        }
        self.dirty.insert(s);

        let name = doc.outlet();
        let outlet = match self.outlet_ids.get(&name) {
            Some(&o) => o,
            None => {
                let o = u32::try_from(self.outlets.len()).unwrap_or(u32::MAX);
                self.outlets.push(Outlet {
                    name: name.clone(),
                    ..Outlet::default()
                });
                self.outlet_ids.insert(name, o);
                o
            }
        };
        if let Some(o) = self.outlets.get_mut(outlet as usize) {
            o.add(&analysis);
        }
        self.outlet.push(outlet);
        self.copy_of
            .push(copy.map(|j| u32::try_from(j).unwrap_or(u32::MAX)));
        let entity_keys = self
            .entities
            .add(u32::try_from(i).unwrap_or(u32::MAX), &analysis);
        let entry = DocumentOut {
            id: doc.id.clone(),
            path: doc.path.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            source: doc.source.clone(),
            published: doc.published.clone(),
            author: doc.author.clone(),
            story: story_id(s),
            duplicate_of: copy.and_then(|j| self.ids.get(j)).cloned(),
            cited: unique(
                analysis
                    .sentences
                    .iter()
                    .filter_map(|s| s.attribution.as_ref().map(|a| a.source.clone())),
            ),
        };
        self.ids.push(doc.id.clone());
        self.kept
            .put(Kept::new(entry, entity_keys, &analysis).pack());
    }

    /// The dossier of every document added so far. Fails only when a
    /// spilling linker cannot read its spill file back.
    pub fn dossier(&mut self) -> std::io::Result<Dossier> {
        let (parts, globals) = self.parts(true)?;
        Ok(Dossier::assemble(parts, globals))
    }

    /// The parts of the stories that changed since the last call (of every
    /// story with `all`), and the dossier's globals: what a store that
    /// keeps the dossier by story saves ([`Dossier::assemble`] puts the
    /// parts together). Parts are built here and not kept.
    pub fn parts(&mut self, all: bool) -> std::io::Result<(Vec<StoryPart>, DossierGlobals)> {
        let changed = self.take_changed(all);
        Ok((self.story_parts(&changed)?, self.globals()))
    }

    /// The stories changed since the last call (every story with `all`),
    /// in order; they count as unchanged from now on. With
    /// [`Linker::story_parts`], a caller can build and save a large
    /// dossier a few stories at a time.
    pub fn take_changed(&mut self, all: bool) -> Vec<usize> {
        let changed = if all {
            (0..self.stories.len()).collect()
        } else {
            self.dirty.iter().copied().collect()
        };
        self.dirty.clear();
        changed
    }

    /// The parts of the given stories (indexes past the last story are
    /// passed over). Fails only when a spilling linker cannot read its
    /// spill file back.
    pub fn story_parts(&self, stories: &[usize]) -> std::io::Result<Vec<StoryPart>> {
        stories
            .iter()
            .filter(|&&s| s < self.stories.len())
            .map(|&s| self.story_part(s))
            .collect()
    }

    /// What the dossier holds across stories: entities and source
    /// profiles (their claim counts come from the parts).
    pub fn globals(&self) -> DossierGlobals {
        let mut outlets: Vec<&Outlet> = self.outlets.iter().collect();
        outlets.sort_by(|a, b| a.name.cmp(&b.name));
        let mut entities = Vec::new();
        let mut entity_keys = BTreeMap::new();
        for (e, keys) in self.entities.settled() {
            entity_keys.extend(keys.into_iter().map(|k| (k, entities.len())));
            entities.push(e);
        }
        DossierGlobals {
            version: DOSSIER_VERSION,
            entities,
            entity_keys,
            sources: outlets.into_iter().map(Outlet::profile).collect(),
        }
    }

    /// One story's part of the dossier, from its documents and its claim
    /// groups.
    fn story_part(&self, s: usize) -> std::io::Result<StoryPart> {
        let docs = &self.ids;
        let mut kept: HashMap<usize, Kept> = self.stories[s]
            .members
            .iter()
            .map(|&i| Ok((i, Kept::unpack(&self.kept.get(i)?)?)))
            .collect::<std::io::Result<_>>()?;
        let state = &self.stories[s];
        let members: &[usize] = &state.members;
        // The origin an outlet's own voice stands for: a copy speaks for its original.
        let outlet_of = |i: usize| {
            let original = self.copy_of[i].map_or(i, |j| j as usize);
            self.outlets[self.outlet[original] as usize].name.clone()
        };
        // Per outlet (a document's own), claim groups corroborated by
        // another origin, and those only one document carries.
        let mut corroborated: BTreeMap<String, usize> = BTreeMap::new();
        let mut unconfirmed: BTreeMap<String, usize> = BTreeMap::new();
        let own_outlet = |i: usize| self.outlets[self.outlet[i] as usize].name.clone();
        let mut top: Vec<(&String, usize)> = state.named.iter().map(|(e, &n)| (e, n)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let title = top
            .iter()
            .take(3)
            .map(|(e, _)| e.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        let story = StoryOut {
            id: story_id(s),
            title: if title.is_empty() {
                format!("story {}", s + 1)
            } else {
                title
            },
            documents: members.iter().map(|&i| docs[i].clone()).collect(),
        };

        // Claim groups.
        let items: Vec<(usize, &Claim)> = members
            .iter()
            .flat_map(|&i| kept[&i].claims.iter().map(move |c| (i, c)))
            .collect();
        let refs: Vec<&Claim> = items.iter().map(|(_, c)| *c).collect();
        let mut out_groups = Vec::new();
        let idf = groups::idf(&refs);
        let sets = groups::with_second_members(&refs, state.grouper.groups(), &idf);
        for set in sets {
            let g: Vec<usize> = set.members().collect();
            let mut evidence: Vec<(usize, Evidence)> = Vec::new();
            let mut from_meta: Vec<bool> = Vec::new();
            // Polarity: where others assert the positive proposition, an
            // outlet's negative statement of it is a denial.
            let asserting = |neg: bool| {
                g.iter()
                    .filter(|&&k| {
                        let c = items[k].1;
                        !c.meta && c.stance == Stance::Asserts && c.negated == neg
                    })
                    .count()
            };
            let (positive, negative) = (asserting(false), asserting(true));
            let flip = positive > 0 && positive >= negative;
            // Only a negative statement of what a positive one says denies it
            // ("Norway has not sent troops" against "Norway has sent troops"):
            // same subject, a shared predicate, and half its content in the
            // positive claim.
            let positives: Vec<&Claim> = g
                .iter()
                .map(|&k| items[k].1)
                .filter(|c| !c.meta && !c.negated && c.stance == Stance::Asserts)
                .collect();
            let contradicts = |c: &Claim| {
                let content: Vec<&String> =
                    c.keys.iter().filter(|k| !k.starts_with("s:")).collect();
                positives.iter().any(|p| {
                    let same_subject = c
                        .keys
                        .iter()
                        .any(|k| k.starts_with("s:") && p.keys.contains(k));
                    let held: Vec<&&String> =
                        content.iter().filter(|k| p.keys.contains(k)).collect();
                    // Something beyond the names must be shared: "Israel has not
                    // commented" does not deny "Israel has committed an attack".
                    let predicate = held.iter().any(|k| !k.starts_with("e:"));
                    same_subject && predicate && held.len() * 2 >= content.len()
                })
            };
            let ctx_of = |c: &Claim| stance::Context {
                opposite: flip && c.negated && !c.meta && contradicts(c),
                mostly_negative: negative > positive,
            };
            let mut signals: Vec<stance::Signals> = Vec::new();
            for &k in &g {
                let (di, c) = items[k];
                let Some(sentence) = kept[&di].sentence(c.sentence) else {
                    continue;
                };
                let (stance, x) = self.stance.decide(c, &sentence.text, &ctx_of(c));
                let ev = Evidence {
                    doc: docs[di].clone(),
                    sentence: sentence.text.clone(),
                    stance,
                    origin: c.origin.clone(),
                    cues: c.cues.clone(),
                };
                // One entry per sentence: the claim about the world wins over
                // the claim about what was said, then the stance precedence.
                match evidence
                    .iter()
                    .position(|(d, e)| *d == di && e.sentence == ev.sentence)
                {
                    Some(i) => {
                        let was_meta = from_meta[i];
                        let better = (was_meta && !c.meta)
                            || (was_meta == c.meta
                                && precedence(ev.stance) < precedence(evidence[i].1.stance));
                        if better {
                            evidence[i].1 = ev;
                            from_meta[i] = c.meta;
                            signals[i] = x;
                        }
                    }
                    None => {
                        evidence.push((di, ev));
                        from_meta.push(c.meta);
                        signals.push(x);
                    }
                }
            }
            let mut origins: Vec<String> = Vec::new();
            let mut denied_by: Vec<String> = Vec::new();
            let mut stances: BTreeMap<usize, Stance> = BTreeMap::new();
            for (di, e) in &evidence {
                let who = e.origin.clone().unwrap_or_else(|| outlet_of(*di));
                match e.stance {
                    Stance::Asserts => origins.push(who),
                    Stance::Denies => denied_by.push(outlet_of(*di)),
                    Stance::ReportsDenial => denied_by.push(who),
                    Stance::Hedges => {}
                }
                let st = stances.entry(*di).or_insert(e.stance);
                if precedence(e.stance) < precedence(*st) {
                    *st = e.stance;
                }
            }
            let origins = unique_names(origins.into_iter());
            let denied_by = unique_names(denied_by.into_iter());
            let own_denial = evidence.iter().any(|(_, e)| e.stance == Stance::Denies);
            let hedged = evidence.iter().any(|(_, e)| e.stance == Stance::Hedges);
            let status = match origins.len() {
                0 if hedged && denied_by.is_empty() => ClaimStatus::HedgedOnly,
                0 => ClaimStatus::Denied,
                // One origin against a denial, or any origin against an
                // outlet that rejects it in its own voice: contested.
                1 if !denied_by.is_empty() => ClaimStatus::Contested,
                _ if own_denial => ClaimStatus::Contested,
                1 => ClaimStatus::SingleOrigin,
                _ => ClaimStatus::Corroborated,
            };
            let docs_in: BTreeSet<usize> = evidence.iter().map(|(d, _)| *d).collect();
            for d in &docs_in {
                if origins.len() >= 2 {
                    *corroborated.entry(own_outlet(*d)).or_default() += 1;
                } else if docs_in.len() == 1 {
                    *unconfirmed.entry(own_outlet(*d)).or_default() += 1;
                }
            }
            let text = canonical_text(&set.primary, &items, &refs, &idf, |k| {
                let (di, c) = items[k];
                kept[&di].sentence(c.sentence).map(|s| s.text.clone())
            });
            if let Some(trace) = &self.trace {
                let mut t = trace.lock().unwrap_or_else(|e| e.into_inner());
                for ((di, e), x) in evidence.iter().zip(&signals) {
                    t.push(StanceTrace {
                        doc: docs[*di].clone(),
                        sentence: e.sentence.to_string(),
                        claim: text.clone(),
                        signals: *x,
                    });
                }
            }
            // Support first; among claims of like support, the ones that
            // read as check-worthy propositions (not asides, captions or
            // opinions) lead: up to two points, one corroborating outlet.
            let worth: Vec<f64> = g
                .iter()
                .filter_map(|&k| {
                    let (di, c) = items[k];
                    kept[&di]
                        .sentence(c.sentence)
                        .map(|s| f64::from(s.checkworthy))
                })
                .collect();
            let worth = worth.iter().sum::<f64>() / worth.len().max(1) as f64;
            let score = docs_in.len() as f64 * 2.0
                + origins.len() as f64
                + evidence.len() as f64 * 0.1
                + denied_by.len() as f64
                + worth * 2.0;
            out_groups.push(ClaimGroup {
                id: String::new(),
                story: story_id(s),
                text,
                status,
                independent_origins: origins,
                denied_by,
                stances: stances
                    .into_iter()
                    .map(|(d, st)| DocStance {
                        doc: docs[d].clone(),
                        stance: st,
                    })
                    .collect(),
                evidence: evidence.into_iter().map(|(_, e)| e).collect(),
                score,
            });
        }
        out_groups.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.text.cmp(&b.text)));

        // Quantity groups: values of the same measure side by side.
        let mut by_measure: BTreeMap<String, Vec<QuantityValue>> = BTreeMap::new();
        for &i in members {
            let a = &kept[&i];
            for q in &a.quantities {
                let Some(measure) = q.measure.clone().or_else(|| q.unit.clone()) else {
                    continue;
                };
                // Counts of things that are not what a story measures ("two countries").
                if NON_MEASURES.contains(&measure.to_lowercase().as_str()) {
                    continue;
                }
                let Some(sentence) = a.sentence(q.sentence) else {
                    continue;
                };
                by_measure
                    .entry(measure.to_lowercase())
                    .or_default()
                    .push(QuantityValue {
                        doc: docs[i].clone(),
                        sentence: sentence.text.clone(),
                        text: q.text.clone(),
                        value: q.value,
                        min: q.min,
                        max: q.max,
                        qualifier: q.qualifier.clone(),
                        vague: q.vague.clone(),
                        origin: sentence.source.clone(),
                    });
            }
        }
        let mut qgroups: Vec<QuantityGroup> = by_measure
            .into_iter()
            .map(|(measure, values)| {
                let points: BTreeSet<String> = values
                    .iter()
                    .map(|v| format!("{:?}/{:?}/{:?}/{:?}", v.value, v.min, v.max, v.vague))
                    .collect();
                QuantityGroup {
                    id: String::new(),
                    story: story_id(s),
                    text: measure.clone(),
                    unit: measure,
                    disagree: points.len() > 1,
                    values,
                }
            })
            .collect();
        // Measures reported by several outlets first, then the weightiest figures.
        let rank = |q: &QuantityGroup| {
            let docs = q
                .values
                .iter()
                .map(|v| v.doc.as_str())
                .collect::<BTreeSet<_>>()
                .len();
            let top = q
                .values
                .iter()
                .filter_map(|v| v.value.or(v.max).or(v.min))
                .fold(0.0, f64::max);
            (docs, top)
        };
        qgroups.sort_by(|a, b| {
            let (da, ta) = rank(a);
            let (db, tb) = rank(b);
            db.cmp(&da)
                .then(tb.total_cmp(&ta))
                .then(a.text.cmp(&b.text))
        });
        let mut documents = Vec::with_capacity(members.len());
        let mut quotes = Vec::new();
        let mut timeline = Vec::new();
        let mut entity_docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut outlet_docs: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for &i in members {
            // Taken, not copied: a story of tens of thousands of documents
            // would otherwise hold its documents twice until the end.
            let Some(k) = kept.remove(&i) else { continue };
            for key in k.entity_keys {
                entity_docs.entry(key).or_default().push(docs[i].clone());
            }
            outlet_docs
                .entry(own_outlet(i))
                .or_default()
                .push((i, docs[i].clone()));
            documents.push((i, k.entry));
            quotes.extend(k.quotes.into_iter().map(|q| (i, q)));
            timeline.extend(k.timeline);
        }
        Ok(StoryPart {
            index: s,
            story,
            documents,
            claims: out_groups,
            quantities: qgroups,
            quotes,
            timeline,
            corroborated,
            unconfirmed,
            entity_docs,
            outlet_docs,
        })
    }
}

/// Builds the dossier for a set of analysed documents. `docs[i]` and
/// `analyses[i]` describe the same document. The linker works in memory:
/// an error here means a packed document did not read back (a bug).
pub fn build_dossier(docs: &[Document], analyses: &[Analysis]) -> std::io::Result<Dossier> {
    let mut linker = Linker::new();
    for (d, a) in docs.iter().zip(analyses) {
        linker.add(d, a.clone());
    }
    linker.dossier()
}

/// [`build_dossier`] with claims grouped by the committed learned model
/// (`data/grouping.json`): the one fitted with embeddings when `embedder`
/// is given, else the keys-only one.
pub fn build_dossier_with(
    docs: &[Document],
    analyses: &[Analysis],
    embedder: Option<Arc<crosscheck_embed::Embedder>>,
) -> std::io::Result<Dossier> {
    let mut linker = Linker::new();
    match embedder {
        Some(e) => {
            linker = linker
                .with_model(&pairs::COMMITTED.with_embeddings)
                .with_embedder(e)
        }
        None => linker = linker.with_model(&pairs::COMMITTED.keys_only),
    }
    for (d, a) in docs.iter().zip(analyses) {
        linker.add(d, a.clone());
    }
    linker.dossier()
}

/// Counted nouns that name no measure worth comparing across outlets.
const NON_MEASURES: &[&str] = &[
    "country",
    "countries",
    "nation",
    "nations",
    "side",
    "sides",
    "time",
    "times",
    "thing",
    "things",
    "way",
    "ways",
    "part",
    "parts",
    "year",
    "years",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "hour",
    "hours",
    "minute",
    "minutes",
    "occasion",
    "occasions",
    "regime",
    "regimes",
    "leader",
    "leaders",
];

/// Stance precedence when one document or sentence says several things:
/// denies > asserts > reports_denial > hedges.
pub(crate) fn precedence(s: Stance) -> u8 {
    match s {
        Stance::Denies => 0,
        Stance::Asserts => 1,
        Stance::ReportsDenial => 2,
        Stance::Hedges => 3,
    }
}

/// Distinct names, folding case, accents and punctuation ("Zoltán Kovács" =
/// "Zoltan Kovacs"); the first spelling seen is kept.
fn unique_names(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    it.filter(|x| seen.insert(crosscheck_core::analyze::entities::name_key(x)))
        .collect()
}

fn unique(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    it.filter(|x| seen.insert(x.clone())).collect()
}

/// The clearest wording of a group, one a reader understands alone
/// (issue 17, item 3): among the primary members, an asserting clause of
/// readable length that starts a sentence or a clause of its own (not a
/// pronoun, a conjunction or a lower-case fragment cut out of a frame such
/// as "... claimed that these troops could ..."), the most representative
/// of them; when every member is such a fragment, the whole sentence of the
/// most representative one (if it is of readable length), so the wording
/// carries its subject and its frame; else the fragment with a capital.
fn canonical_text(
    primary: &[usize],
    items: &[(usize, &Claim)],
    claims: &[&Claim],
    idf: &HashMap<&str, f64>,
    sentence_of: impl Fn(usize) -> Option<Arc<str>>,
) -> String {
    let tidy = |t: &str| {
        t.trim()
            .trim_end_matches(['.', ',', ';', ':', '”', '"'])
            .to_string()
    };
    let readable = |t: &str| (5..=35).contains(&t.split_whitespace().count());
    let standalone = |c: &Claim| {
        let first = c.text.split_whitespace().next().unwrap_or("");
        let opens = first
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || "“\"‘'".contains(ch));
        (c.stance == Stance::Asserts || c.meta)
            && readable(&c.text)
            && opens
            && !is_anaphoric_opener(&first.to_lowercase())
    };
    let good: Vec<usize> = primary
        .iter()
        .copied()
        .filter(|&k| standalone(items[k].1))
        .collect();
    if let Some(k) = groups::medoid(&good, claims, idf) {
        return tidy(&items[k].1.text);
    }
    let Some(k) = groups::medoid(primary, claims, idf) else {
        return String::new();
    };
    if let Some(sentence) =
        sentence_of(k).filter(|s| (5..=45).contains(&s.split_whitespace().count()))
    {
        return tidy(&sentence);
    }
    let text = tidy(&items[k].1.text);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Openers that point back to something the clause does not name.
fn is_anaphoric_opener(w: &str) -> bool {
    matches!(
        w,
        "he" | "she"
            | "it"
            | "they"
            | "this"
            | "that"
            | "these"
            | "those"
            | "and"
            | "but"
            | "which"
            | "who"
            | "its"
            | "their"
            | "his"
            | "her"
    )
}

/// A document's quotes as the dossier lists them. An organisation speaks
/// under the name this article gives it, in its fullest form here ("FBI"
/// where the article only says "FBI", the full name where it spells it
/// out); the entity list links the forms. A person keeps the canonical
/// name, which is one across transliterations.
fn quotes<'a>(doc: &'a str, a: &'a Analysis) -> impl Iterator<Item = QuoteOut> + 'a {
    // Each organisation's fullest form, found in one pass over the mentions.
    let mut fullest: HashMap<&str, &str> = HashMap::new();
    for m in a.mentions.iter().filter(|m| m.kind == EntityKind::Org) {
        let longer = |t: &str| (t.split_whitespace().count(), t.len());
        let best = fullest
            .entry(m.canonical.as_str())
            .or_insert(m.text.as_str());
        if longer(&m.text) >= longer(best) {
            *best = m.text.as_str();
        }
    }
    let as_named = move |speaker: &String| {
        fullest
            .get(speaker.as_str())
            .map_or_else(|| speaker.clone(), |t| (*t).to_string())
    };
    a.quotes.iter().map(move |q| QuoteOut {
        doc: doc.to_string(),
        speaker: q.speaker.as_ref().map(&as_named),
        text: q.text.clone(),
        sentence: a
            .sentences
            .get(q.sentence)
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        partial: q.partial,
    })
}

/// A document's dated events: each resolved date with the claim of its
/// sentence that carries it (else the sentence).
fn timeline<'a>(doc: &'a str, a: &'a Analysis) -> impl Iterator<Item = TimelineEvent> + 'a {
    let n = a
        .sentences
        .len()
        .max(a.dates.iter().map(|d| d.sentence + 1).max().unwrap_or(0));
    let claims_in = crosscheck_core::analyze::by_sentence(n, a.claims.iter().map(|c| c.sentence));
    a.dates.iter().filter_map(move |d| {
        let (Some(date), Some(s)) = (&d.resolved, a.sentences.get(d.sentence)) else {
            return None;
        };
        if s.boilerplate {
            return None;
        }
        let text = claims_in[d.sentence]
            .iter()
            .map(|&k| &a.claims[k])
            .filter(|c| !c.meta)
            .min_by_key(|c| c.date.as_deref() != Some(date.as_str()))
            .map_or_else(|| s.text.clone(), |c| c.text.clone());
        Some(TimelineEvent {
            date: date.clone(),
            doc: doc.to_string(),
            text,
            sentence: s.text.clone(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::analyze::analyze_document;

    fn dossier(texts: &[&str]) -> Dossier {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = Document::new(format!("doc{i}.txt"), *t);
                d.source = Some(format!("Outlet {i}"));
                d
            })
            .collect();
        let analyses: Vec<Analysis> = docs.iter().map(analyze_document).collect();
        build_dossier(&docs, &analyses).expect("linked in memory")
    }

    #[test]
    fn a_claim_reads_alone_not_as_a_fragment() {
        // Every member is the body of a frame ("claimed that ..."): the
        // wording shown is a whole sentence with its subject and frame.
        let d = dossier(&[
            "The harbour authority claimed that rebels had seized the port of Kavala on Monday.",
            "Officials in Athens insisted that rebels had seized the port of Kavala.",
        ]);
        let g = group_with(&d, "Kavala");
        let first = g.text.chars().next().unwrap_or(' ');
        assert!(first.is_uppercase(), "{:?}", g.text);
        assert!(g.text.contains("Kavala"), "{:?}", g.text);
        assert!(!g.text.ends_with('.'), "{:?}", g.text);
    }

    fn group_with<'a>(d: &'a Dossier, words: &str) -> &'a ClaimGroup {
        d.claims
            .iter()
            .find(|c| c.evidence.iter().any(|e| e.sentence.contains(words)))
            .unwrap_or_else(|| panic!("no group holds {words:?}: {d:#?}"))
    }

    fn documents(texts: &[&str]) -> (Vec<Document>, Vec<Analysis>) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = Document::new(format!("doc{i}.txt"), *t);
                d.source = Some(format!("Outlet {}", i % 3));
                d
            })
            .collect();
        let analyses = docs.iter().map(analyze_document).collect();
        (docs, analyses)
    }

    const MIXED: [&str; 7] = [
        "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday.",
        "The Federal Reserve cut its benchmark interest rate by half a point on Wednesday, Jerome Powell said.",
        "Norway has sent soldiers to Sweden to help with the border, officials said. About 3,000 troops crossed.",
        "Norway has not sent any troops to Sweden, the newspaper found after checking.",
        "Jerome Powell said the Federal Reserve's rate cut reflected cooling inflation.",
        "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday, the agency reported.",
        "Up to 10,000 Norwegian troops have been sent to Sweden, according to a report by Swedish radio.",
    ];

    #[test]
    fn a_linker_fed_one_document_at_a_time_gives_the_batch_dossier() {
        let (docs, analyses) = documents(&MIXED);
        let batch = build_dossier(&docs, &analyses).expect("linked in memory");
        assert!(batch.stories.len() >= 2, "{:#?}", batch.stories);
        let json = |d: &Dossier| serde_json::to_string(d).expect("a dossier serialises");
        // In memory, and spilling to a file as workers' linkers do.
        let spill = tempfile::tempfile().expect("a temporary file");
        for mut linker in [
            Linker::new(),
            Linker::spilling(spill).expect("a spill file"),
        ] {
            let mut sizes = Vec::new();
            for (d, a) in docs.iter().zip(&analyses) {
                linker.add(d, a.clone());
                // A dossier between adds changes nothing that follows.
                sizes.push(linker.dossier().expect("read back").documents.len());
            }
            assert_eq!(sizes, (1..=MIXED.len()).collect::<Vec<_>>());
            assert_eq!(json(&linker.dossier().expect("read back")), json(&batch));
        }
    }

    #[test]
    fn the_parts_of_changed_stories_laid_over_the_earlier_ones_give_the_batch_dossier() {
        // What a store that keeps the dossier by story does: after each
        // link it replaces the parts of the stories that changed.
        let (docs, analyses) = documents(&MIXED);
        let batch = build_dossier(&docs, &analyses).expect("linked in memory");
        let mut linker = Linker::new();
        let mut stored: BTreeMap<usize, StoryPart> = BTreeMap::new();
        let mut globals = DossierGlobals::default();
        let mut rewritten = Vec::new();
        for (d, a) in docs.iter().zip(&analyses) {
            linker.add(d, a.clone());
            let (parts, g) = linker.parts(false).expect("linked in memory");
            rewritten.push(parts.len());
            stored.extend(parts.into_iter().map(|p| (p.index, p)));
            globals = g;
        }
        // One article touches one story.
        assert!(rewritten.iter().all(|&n| n == 1), "{rewritten:?}");
        assert_eq!(linker.parts(false).expect("linked in memory").0.len(), 0);
        let json = |d: &Dossier| serde_json::to_string(d).expect("a dossier serialises");
        let assembled = Dossier::assemble(stored.into_values(), globals);
        assert_eq!(json(&assembled), json(&batch));
    }

    #[test]
    fn what_a_story_part_reads_comes_back_from_its_packed_form() {
        let mut texts = MIXED.to_vec();
        texts.push(
            "\"We have sent no troops to Sweden,\" the Norwegian defence minister said on 3 March 2024.",
        );
        let (docs, analyses) = documents(&texts);
        let kept: Vec<Kept> = docs
            .iter()
            .zip(&analyses)
            .map(|(d, a)| {
                let entry = DocumentOut {
                    id: d.id.clone(),
                    path: d.path.clone(),
                    ..DocumentOut::default()
                };
                Kept::new(entry, vec!["a:norway".to_string()], a)
            })
            .collect();
        assert!(kept.iter().any(|k| !k.claims.is_empty()));
        assert!(kept.iter().any(|k| !k.quantities.is_empty()));
        assert!(kept.iter().any(|k| !k.timeline.is_empty()));
        assert!(kept.iter().any(|k| !k.quotes.is_empty()));
        for k in kept {
            assert_eq!(Kept::unpack(&k.pack()).expect("unpacks"), k);
        }
    }

    #[test]
    fn a_claim_joins_the_group_of_its_paraphrases_when_added_later() {
        let (docs, analyses) = documents(&MIXED);
        let mut linker = Linker::new();
        for (d, a) in docs.iter().zip(&analyses).take(3) {
            linker.add(d, a.clone());
        }
        let before = linker.dossier().expect("linked in memory");
        let g = group_with(&before, "has sent troops to Sweden");
        assert_eq!(g.evidence.len(), 2, "{g:#?}");
        for (d, a) in docs.iter().zip(&analyses).skip(3) {
            linker.add(d, a.clone());
        }
        let after = linker.dossier().expect("linked in memory");
        let g = group_with(&after, "has sent troops to Sweden");
        assert!(
            g.evidence.iter().any(|e| e.sentence.contains("10,000")),
            "{g:#?}"
        );
        // The copy counts once: the ministry and the radio are the origins.
        assert!(g.independent_origins.len() < g.evidence.len(), "{g:#?}");
    }

    #[test]
    fn a_negative_statement_against_positive_ones_is_a_denial() {
        let d = dossier(&[
            "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday.",
            "Norway has sent soldiers to Sweden to help with the border, officials said.",
            "Norway has not sent any troops to Sweden, the newspaper found after checking.",
        ]);
        let g = group_with(&d, "has not sent any troops");
        let stances: Vec<Stance> = g.evidence.iter().map(|e| e.stance).collect();
        assert!(stances.contains(&Stance::Asserts), "{g:#?}");
        assert!(
            stances
                .iter()
                .any(|s| matches!(s, Stance::Denies | Stance::ReportsDenial)),
            "{g:#?}"
        );
        assert_eq!(g.evidence.len(), 3, "{g:#?}");
    }

    #[test]
    fn a_traced_evidence_entry_carries_the_signals_its_stance_came_from() {
        let (docs, analyses) = documents(&[
            "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday.",
            "Norway has sent soldiers to Sweden to help with the border, officials said.",
            "Norway has not sent any troops to Sweden, the newspaper found after checking.",
        ]);
        let mut linker = Linker::new().tracing();
        for (d, a) in docs.iter().zip(&analyses) {
            linker.add(d, a.clone());
        }
        let d = linker.dossier().expect("linked in memory");
        let traces = linker.take_traces();
        let entries: usize = d.claims.iter().map(|c| c.evidence.len()).sum();
        assert_eq!(traces.len(), entries);
        let g = group_with(&d, "has not sent any troops");
        let denial = g
            .evidence
            .iter()
            .find(|e| e.stance == Stance::Denies)
            .expect("the newspaper's denial");
        let t = traces
            .iter()
            .find(|t| t.doc == denial.doc && *t.sentence == *denial.sentence && t.claim == g.text)
            .expect("its trace");
        // The rule's answer and the polarity it read.
        assert_eq!(t.signals[2], 1.0, "{t:?}");
        assert_eq!(t.signals[4], 1.0, "{t:?}");
        assert_eq!(t.signals[7], 1.0, "{t:?}");
        assert!(linker.take_traces().is_empty());
    }

    #[test]
    fn numbers_that_differ_are_one_claim_with_disagreeing_values() {
        let d = dossier(&[
            "About 3,000 Norwegian soldiers have been sent to Sweden, lawmakers said.",
            "Up to 10,000 Norwegian troops have been sent to Sweden, according to a report.",
        ]);
        let g = group_with(&d, "3,000");
        assert!(
            g.evidence.iter().any(|e| e.sentence.contains("10,000")),
            "{g:#?}"
        );
        let q = d
            .quantities
            .iter()
            .find(|q| q.unit == "troops")
            .expect("a troops group");
        assert_eq!(q.values.len(), 2);
        assert!(q.disagree);
    }

    #[test]
    fn unrelated_sentences_sharing_words_stay_apart() {
        let d = dossier(&[
            "Norway has sent troops to Sweden, the ministry said.",
            "Norway has sent weapons and ammunition to Sweden, the ministry said.",
        ]);
        let troops = group_with(&d, "sent troops");
        assert!(
            troops
                .evidence
                .iter()
                .all(|e| !e.sentence.contains("ammunition")),
            "{troops:#?}"
        );
    }

    /// A dossier grouped as `analyze` groups it: with the sentence
    /// embeddings (fails without `bash scripts/fetch-models.sh`).
    fn embedded_dossier(texts: &[&str]) -> Dossier {
        let (docs, analyses) = documents(texts);
        let embedder = crosscheck_embed::shared()
            .unwrap_or_else(|e| panic!("these tests need the embedding model: {e}"));
        build_dossier_with(&docs, &analyses, Some(embedder)).expect("linked in memory")
    }

    fn same_group(d: &Dossier, a: &str, b: &str) -> bool {
        d.claims.iter().any(|c| {
            c.evidence.iter().any(|e| e.sentence.contains(a))
                && c.evidence.iter().any(|e| e.sentence.contains(b))
        })
    }

    #[test]
    fn a_paraphrase_with_no_shared_content_word_joins_its_claim() {
        let d = embedded_dossier(&[
            "Pyongyang has dispatched soldiers to Russia, officials in Seoul said on Friday.",
            "North Korean troops are now in Russia, according to the intelligence service.",
            "The central bank kept interest rates unchanged on Thursday.",
        ]);
        assert!(
            same_group(&d, "dispatched soldiers", "troops are now in Russia"),
            "{:#?}",
            d.claims
        );
        assert!(!same_group(&d, "dispatched soldiers", "interest rates"));
    }

    #[test]
    fn killed_and_wounded_are_two_claims_even_in_the_same_words() {
        for d in [
            dossier(&[
                "The blasts killed 12 people in Lebanon, the health ministry said.",
                "The blasts wounded 2,800 people in Lebanon, the health ministry said.",
            ]),
            embedded_dossier(&[
                "The blasts killed 12 people in Lebanon, the health ministry said.",
                "The blasts wounded 2,800 people in Lebanon, the health ministry said.",
            ]),
        ] {
            assert!(
                !same_group(&d, "killed 12", "wounded 2,800"),
                "{:#?}",
                d.claims
            );
        }
    }

    #[test]
    fn sent_troops_and_sent_weapons_stay_apart_with_embeddings() {
        let d = embedded_dossier(&[
            "Norway has sent troops to Sweden, the ministry said.",
            "Norway has sent weapons and ammunition to Sweden, the ministry said.",
        ]);
        assert!(
            !same_group(&d, "sent troops", "ammunition"),
            "{:#?}",
            d.claims
        );
    }
}
