//! The data crosscheck passes between its stages, and the dossier's JSON
//! contract (version 1: extend, never break).
//!
//! Offsets (`start`, `end`) are byte offsets into [`Document::text`].

pub mod weights;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One article after ingest and extraction: clean main text plus metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of `text` (16 hex digits of xxh3-64): the identity.
    pub id: String,
    /// Where it came from: the input path (plus `:LINE` for JSONL, `-` for stdin).
    pub path: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The outlet (publisher / site name).
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub author: Option<String>,
    /// Main text, paragraphs separated by blank lines.
    pub text: String,
}

impl Document {
    /// Builds a document whose id is the content hash of its text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            id: content_id(&text),
            path: path.into(),
            url: None,
            title: None,
            source: None,
            published: None,
            author: None,
            text,
        }
    }

    /// The outlet name used for profiles: `source`, else the URL's host, else the file stem.
    pub fn outlet(&self) -> String {
        if let Some(s) = self.source.as_deref().filter(|s| !s.trim().is_empty()) {
            return s.trim().to_string();
        }
        if let Some(host) = self.url.as_deref().and_then(url_host) {
            return host.trim_start_matches("www.").to_string();
        }
        let base = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        base.rsplit_once('.')
            .map_or(base, |(stem, _)| stem)
            .to_string()
    }
}

fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// The content hash crosscheck uses as a document's identity.
pub fn content_id(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// What the per-article analysis finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub doc: String,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<Quote>,
    pub claims: Vec<Claim>,
}

/// A sentence of the main text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Index of the paragraph (blank-line separated block) it sits in.
    pub paragraph: usize,
    /// Photo credit, author bio, "Leave a Comment", share lines...: kept, not analysed.
    pub boilerplate: bool,
    /// Whom the sentence credits, if anyone ("according to X", "X said").
    pub attribution: Option<Attribution>,
    pub modality: Modality,
    /// The sentence's main statement is negated ("has not sent").
    pub negated: bool,
    /// Opinion and loaded-language cues found ("IMO", "shocking", "regime").
    pub opinion: Vec<String>,
    /// Written in the first person singular ("I've covered", "IMO").
    pub first_person: bool,
    /// The words that decided modality / negation / denial, kept as evidence.
    pub cues: Vec<String>,
}

/// How a statement is put forward.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Hedged,
    Conditional,
    Question,
    Prediction,
}

/// Whom a statement is credited to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// Canonical name of the source ("Mark Rutte", "The Washington Post", "Western governments").
    pub source: String,
    pub kind: SourceKind,
    /// The phrase that carries it ("according to", "told reporters", "said").
    pub cue: String,
    /// An intermediary ("X told The Washington Post" credits X via The Washington Post).
    pub via: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Official,
    Media,
    Organisation,
    Government,
    Anonymous,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    /// Collective actors that are neither an organisation nor a place:
    /// "Western governments", "South Korean lawmakers", nationalities.
    Group,
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The surface text ("DPRK", "Putin", "North Korean").
    pub text: String,
    pub kind: EntityKind,
    /// The canonical name ("North Korea", "Vladimir Putin").
    pub canonical: String,
}

/// A number, range or vague amount of something.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The phrase as written ("up to 10,000 troops").
    pub text: String,
    /// Point value when there is one (3000 for "about 3,000").
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// "about", "up to", "at least", "more than", "nearly", "estimate"...
    pub qualifier: Option<String>,
    /// A vague amount as written ("thousands", "dozens").
    pub vague: Option<String>,
    /// The counted noun as written ("troops", "soldiers", "people").
    pub unit: Option<String>,
    /// The normalised measure ("troops", "deaths", "injured", "money"...),
    /// used to put values of the same measure side by side.
    pub measure: Option<String>,
}

/// A date or time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Resolved date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (absent when it cannot be resolved).
    pub resolved: Option<String>,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The sentence where the quote starts.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The words inside the quote marks.
    pub text: String,
    /// Canonical speaker name, or `None` when no speaker is given.
    pub speaker: Option<String>,
    /// Reporting verb or phrase ("said", "told reporters", "according to").
    pub verb: Option<String>,
    /// A phrase-level quote inside the writer's own sentence.
    pub partial: bool,
}

/// The stance a text takes toward a proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Asserts,
    Hedges,
    Denies,
    ReportsDenial,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Hedges => "hedges",
            Stance::Denies => "denies",
            Stance::ReportsDenial => "reports_denial",
        }
    }
}

/// A check-worthy proposition found in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub sentence: usize,
    /// The clause that carries the proposition (a part of the sentence).
    pub text: String,
    pub stance: Stance,
    /// Canonical entities in the clause.
    pub entities: Vec<String>,
    /// Indices into [`Analysis::quantities`].
    pub quantities: Vec<usize>,
    /// Resolved date, when the clause carries one.
    pub date: Option<String>,
    /// Whom the clause credits (`None`: the outlet's own voice).
    pub origin: Option<String>,
    /// Words that decided the stance.
    pub cues: Vec<String>,
    /// Content keys used to match propositions across articles
    /// (canonical entities and normalised content words).
    pub keys: Vec<String>,
    /// This clause refers back to an earlier proposition ("denied the claims"):
    /// the index of that claim in [`Analysis::claims`].
    pub refers_to: Option<usize>,
    /// The clause states its proposition negated ("has not sent troops").
    /// Whether that denies a claim depends on what others say: the linker decides.
    #[serde(default)]
    pub negated: bool,
    /// This is a claim about what a party said ("Gold Apollo denied making
    /// the pagers", "Hezbollah blamed Israel"), made beside the claim it is about.
    #[serde(default)]
    pub meta: bool,
}

// ---------------------------------------------------------------------------
// The dossier: JSON contract version 1.
// ---------------------------------------------------------------------------

pub const DOSSIER_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub version: u32,
    pub stories: Vec<StoryOut>,
    pub documents: Vec<DocumentOut>,
    pub claims: Vec<ClaimGroup>,
    pub quantities: Vec<QuantityGroup>,
    pub quotes: Vec<QuoteOut>,
    pub entities: Vec<EntityOut>,
    pub sources: Vec<SourceProfile>,
    pub timeline: Vec<TimelineEvent>,
}

/// One story's share of a [`Dossier`]: what a store saves when a linker
/// has changed that story, so that one more article rewrites the stories it
/// touched and no stored value grows with the whole store. A dossier is its
/// story parts and its [`DossierGlobals`], put together by
/// [`Dossier::assemble`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryPart {
    /// The story's place among the dossier's stories (0-based).
    pub index: usize,
    pub story: StoryOut,
    /// The story's documents, each with its place among the dossier's
    /// documents (the order the linker took them in).
    pub documents: Vec<(usize, DocumentOut)>,
    /// Claim and quantity groups in the story's order; their ids are
    /// numbered across stories when the dossier is assembled.
    pub claims: Vec<ClaimGroup>,
    pub quantities: Vec<QuantityGroup>,
    /// The quotes of the story's documents, each with its document's place.
    pub quotes: Vec<(usize, QuoteOut)>,
    /// The dated events of the story's documents, in document order.
    pub timeline: Vec<TimelineEvent>,
    /// Per outlet: claim groups of this story it carries that another
    /// independent origin asserts too, and those only it carries (summed
    /// into [`SourceProfile`]'s counts when the dossier is assembled).
    pub corroborated: BTreeMap<String, usize>,
    pub unconfirmed: BTreeMap<String, usize>,
    /// The story's documents by entity mention group (the keys of
    /// [`DossierGlobals::entity_keys`]), listed in the entities' `docs`
    /// when the dossier is assembled.
    pub entity_docs: BTreeMap<String, Vec<String>>,
    /// The story's documents by outlet, each with its place, listed in the
    /// source profiles' `documents` when the dossier is assembled.
    pub outlet_docs: BTreeMap<String, Vec<(usize, String)>>,
}

/// What a [`Dossier`] holds across stories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DossierGlobals {
    pub version: u32,
    /// Entities whose documents are listed from the story parts.
    pub entities: Vec<EntityOut>,
    /// Mention group key → the entity (an index into `entities`) it joins.
    pub entity_keys: BTreeMap<String, usize>,
    /// Profiles whose documents and claim counts come from the story parts.
    pub sources: Vec<SourceProfile>,
}

impl Dossier {
    /// Puts a dossier together from its story parts (any order; for a
    /// story given twice, the last one counts) and its globals: stories in
    /// order, documents and quotes in the linker's order, claim and
    /// quantity ids numbered across stories, the timeline by date, source
    /// profiles with the claim counts of every story.
    pub fn assemble(
        parts: impl IntoIterator<Item = StoryPart>,
        globals: DossierGlobals,
    ) -> Dossier {
        let mut by_index: BTreeMap<usize, StoryPart> = BTreeMap::new();
        for p in parts {
            by_index.insert(p.index, p);
        }
        let mut dossier = Dossier {
            version: globals.version,
            entities: globals.entities,
            sources: globals.sources,
            ..Dossier::default()
        };
        let mut documents: Vec<(usize, DocumentOut)> = Vec::new();
        let mut quotes: Vec<(usize, QuoteOut)> = Vec::new();
        let mut corroborated: BTreeMap<String, usize> = BTreeMap::new();
        let mut unconfirmed: BTreeMap<String, usize> = BTreeMap::new();
        let mut entity_docs: Vec<std::collections::BTreeSet<String>> =
            vec![Default::default(); dossier.entities.len()];
        let mut outlet_docs: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for part in by_index.into_values() {
            dossier.stories.push(part.story);
            for mut g in part.claims {
                g.id = format!("c{}", dossier.claims.len() + 1);
                dossier.claims.push(g);
            }
            for mut q in part.quantities {
                q.id = format!("q{}", dossier.quantities.len() + 1);
                dossier.quantities.push(q);
            }
            documents.extend(part.documents);
            quotes.extend(part.quotes);
            dossier.timeline.extend(part.timeline);
            for (outlet, n) in part.corroborated {
                *corroborated.entry(outlet).or_default() += n;
            }
            for (outlet, n) in part.unconfirmed {
                *unconfirmed.entry(outlet).or_default() += n;
            }
            for (key, docs) in part.entity_docs {
                if let Some(set) = globals
                    .entity_keys
                    .get(&key)
                    .and_then(|&e| entity_docs.get_mut(e))
                {
                    set.extend(docs);
                }
            }
            for (outlet, docs) in part.outlet_docs {
                outlet_docs.entry(outlet).or_default().extend(docs);
            }
        }
        // Entities list their documents by id, sources in the linker's order.
        for (e, docs) in dossier.entities.iter_mut().zip(entity_docs) {
            e.docs.extend(docs);
        }
        for docs in outlet_docs.values_mut() {
            docs.sort_by_key(|(place, _)| *place);
        }
        // Stable sorts: a document's quotes (and a date's events of one
        // document) keep their order.
        documents.sort_by_key(|(place, _)| *place);
        dossier.documents = documents.into_iter().map(|(_, d)| d).collect();
        quotes.sort_by_key(|(place, _)| *place);
        dossier.quotes = quotes.into_iter().map(|(_, q)| q).collect();
        dossier
            .timeline
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.doc.cmp(&b.doc)));
        dossier
            .timeline
            .dedup_by(|a, b| a.date == b.date && a.sentence == b.sentence);
        for s in &mut dossier.sources {
            if let Some(docs) = outlet_docs.remove(&s.name) {
                s.documents.extend(docs.into_iter().map(|(_, id)| id));
            }
            s.corroborated_claims += corroborated.get(&s.name).copied().unwrap_or(0);
            s.unconfirmed_claims += unconfirmed.get(&s.name).copied().unwrap_or(0);
        }
        dossier
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryOut {
    pub id: String,
    /// A short label made from the story's most frequent entities and terms.
    pub title: String,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentOut {
    pub id: String,
    pub path: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub story: String,
    /// Id of the document this one is a near-copy of (syndication), if any.
    pub duplicate_of: Option<String>,
    /// Cited sources found in the text.
    pub cited: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Corroborated,
    SingleOrigin,
    HedgedOnly,
    Contested,
    Denied,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Corroborated => "corroborated",
            ClaimStatus::SingleOrigin => "single_origin",
            ClaimStatus::HedgedOnly => "hedged_only",
            ClaimStatus::Contested => "contested",
            ClaimStatus::Denied => "denied",
        }
    }

    /// The status in words, as reports and the desk show it.
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::Corroborated => "corroborated",
            ClaimStatus::SingleOrigin => "single origin",
            ClaimStatus::HedgedOnly => "hedged only",
            ClaimStatus::Contested => "contested",
            ClaimStatus::Denied => "denied",
        }
    }

    /// What the status means, for wherever it is shown. An origin is whom
    /// an article credits for the claim, else the outlet; copies of one
    /// article count once.
    pub fn definition(self) -> &'static str {
        match self {
            ClaimStatus::Corroborated => {
                "asserted by two or more independent origins, and no outlet rejects it in its own \
                 voice (a denial by a party an article reports may stand beside it)"
            }
            ClaimStatus::SingleOrigin => {
                "asserted by one independent origin only, and denied by nobody"
            }
            ClaimStatus::HedgedOnly => {
                "only reported with distance (\"reportedly\", \"may\", \"unconfirmed\"): no origin \
                 asserts it and nobody denies it"
            }
            ClaimStatus::Contested => {
                "asserted, but one origin against a denial, or any number against an outlet that \
                 rejects it in its own voice"
            }
            ClaimStatus::Denied => "denied, and asserted by no origin",
        }
    }
}

impl ClaimGroup {
    /// What happened to the claim, in plain words: "asserted by 6
    /// independent origins (A, B, C and 3 more); denied by the Kremlin; 2
    /// articles only hedge it".
    pub fn status_line(&self) -> String {
        let names = |list: &[String]| {
            let shown: Vec<&str> = list.iter().take(3).map(String::as_str).collect();
            match list.len() {
                0..=3 => shown.join(", "),
                n => format!("{} and {} more", shown.join(", "), n - 3),
            }
        };
        let mut parts = Vec::new();
        parts.push(match self.independent_origins.len() {
            0 => "asserted by no origin".to_string(),
            1 => format!(
                "asserted by one origin ({})",
                names(&self.independent_origins)
            ),
            n => format!(
                "asserted by {n} independent origins ({})",
                names(&self.independent_origins)
            ),
        });
        if !self.denied_by.is_empty() {
            parts.push(format!("denied by {}", names(&self.denied_by)));
        }
        let hedging = self
            .stances
            .iter()
            .filter(|s| s.stance == Stance::Hedges)
            .count();
        match hedging {
            0 => {}
            1 => parts.push("1 article only hedges it".to_string()),
            n => parts.push(format!("{n} articles only hedge it")),
        }
        parts.join("; ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    pub id: String,
    pub story: String,
    /// Canonical wording (the clearest asserting clause of the group).
    pub text: String,
    pub status: ClaimStatus,
    pub independent_origins: Vec<String>,
    /// Parties reported to deny it, or outlets that reject it.
    pub denied_by: Vec<String>,
    /// Per document, its overall stance toward the claim.
    pub stances: Vec<DocStance>,
    pub evidence: Vec<Evidence>,
    /// Ranking score (higher first).
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocStance {
    pub doc: String,
    pub stance: Stance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    /// The full sentence as it stands in the article (shared: a sentence
    /// stands in every group its claims join, and in the linker's copy of
    /// its document while a story part is built).
    pub sentence: Arc<str>,
    pub stance: Stance,
    /// Whom the text credits for it (`None`: the outlet's own voice).
    pub origin: Option<String>,
    /// The words that decided the stance.
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityGroup {
    pub id: String,
    pub story: String,
    /// What is measured ("troops", "deaths").
    pub text: String,
    pub unit: String,
    pub values: Vec<QuantityValue>,
    /// The values do not agree.
    pub disagree: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityValue {
    pub doc: String,
    /// Shared, as [`Evidence::sentence`].
    pub sentence: Arc<str>,
    /// The phrase as written.
    pub text: String,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: Option<String>,
    pub vague: Option<String>,
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteOut {
    pub doc: String,
    pub speaker: Option<String>,
    pub text: String,
    pub sentence: String,
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityOut {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub docs: Vec<String>,
    pub mentions: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceProfile {
    pub name: String,
    pub documents: Vec<String>,
    pub sentences: usize,
    /// Shares of the outlet's analysed sentences (0..1).
    pub attributed_share: f64,
    pub hedged_share: f64,
    pub opinion_share: f64,
    pub first_person_share: f64,
    /// Share of all its sentences that are boilerplate.
    pub boilerplate_share: f64,
    /// Claims it carries that another independent origin also asserts.
    pub corroborated_claims: usize,
    /// Claims only it carries.
    pub unconfirmed_claims: usize,
    pub cited_sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    pub doc: String,
    pub text: String,
    pub sentence: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(origins: &[&str], denied_by: &[&str], stances: &[Stance]) -> ClaimGroup {
        ClaimGroup {
            id: "c1".into(),
            story: "s1".into(),
            text: "Norway sent troops".into(),
            status: ClaimStatus::Corroborated,
            independent_origins: origins.iter().map(|s| s.to_string()).collect(),
            denied_by: denied_by.iter().map(|s| s.to_string()).collect(),
            stances: stances
                .iter()
                .enumerate()
                .map(|(i, &stance)| DocStance {
                    doc: format!("d{i}"),
                    stance,
                })
                .collect(),
            evidence: Vec::new(),
            score: 0.0,
        }
    }

    #[test]
    fn a_status_line_says_who_asserts_who_denies_and_how_many_hedge() {
        let g = group(
            &["Reuters", "NATO", "the Pentagon", "Seoul", "Kyiv"],
            &["the Kremlin"],
            &[Stance::Asserts, Stance::Hedges, Stance::Hedges],
        );
        assert_eq!(
            g.status_line(),
            "asserted by 5 independent origins (Reuters, NATO, the Pentagon and 2 more); \
             denied by the Kremlin; 2 articles only hedge it"
        );
        let g = group(&[], &["the Kremlin", "Pyongyang"], &[Stance::ReportsDenial]);
        assert_eq!(
            g.status_line(),
            "asserted by no origin; denied by the Kremlin, Pyongyang"
        );
        assert_eq!(
            group(&["Reuters"], &[], &[Stance::Asserts]).status_line(),
            "asserted by one origin (Reuters)"
        );
    }

    #[test]
    fn every_status_has_a_label_and_a_definition() {
        for s in [
            ClaimStatus::Corroborated,
            ClaimStatus::SingleOrigin,
            ClaimStatus::HedgedOnly,
            ClaimStatus::Contested,
            ClaimStatus::Denied,
        ] {
            assert!(!s.label().is_empty() && s.definition().len() > 20);
        }
    }
}
