//! The dossier held in memory, with the lookups the pages and the API need.
//!
//! The store keeps the dossier as one JSON value; decoding it for every
//! request would cost more than answering (tens of milliseconds on a store of
//! 10,000 articles). The server decodes it once at start-up and again after
//! each ingest, and builds here the indexes that turn every id lookup into a
//! hash lookup and every per-story list into a precomputed slice. A [`View`]
//! is immutable: ingest builds a new one and swaps it in.

use std::collections::HashMap;

use crosscheck_core::{ClaimGroup, DocumentOut, Dossier};

/// A dossier and its indexes.
#[derive(Debug, Default)]
pub(crate) struct View {
    pub dossier: Dossier,
    story_by_id: HashMap<String, usize>,
    doc_by_id: HashMap<String, usize>,
    claim_by_id: HashMap<String, usize>,
    source_by_name: HashMap<String, usize>,
    /// Per document (same order as `dossier.documents`): its source profile's name.
    doc_source: Vec<Option<usize>>,
    /// Per story: its claims, best-ranked first (indexes into `dossier.claims`).
    story_claims: Vec<Vec<usize>>,
    /// Per story: its documents (indexes into `dossier.documents`).
    story_docs: Vec<Vec<usize>>,
    /// Per document: the claims it gives evidence for, best-ranked first.
    doc_claims: Vec<Vec<usize>>,
}

impl View {
    pub(crate) fn new(dossier: Dossier) -> View {
        let story_by_id: HashMap<String, usize> = dossier
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let doc_by_id: HashMap<String, usize> = dossier
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let claim_by_id = dossier
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let source_by_name = dossier
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();

        let mut doc_source = vec![None; dossier.documents.len()];
        for (source_idx, profile) in dossier.sources.iter().enumerate() {
            for doc in &profile.documents {
                if let Some(&doc_idx) = doc_by_id.get(doc)
                    && let Some(slot) = doc_source.get_mut(doc_idx)
                {
                    *slot = Some(source_idx);
                }
            }
        }

        let mut ranked: Vec<usize> = (0..dossier.claims.len()).collect();
        ranked.sort_by(|&a, &b| {
            let (a, b) = (&dossier.claims[a], &dossier.claims[b]);
            b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id))
        });
        let mut story_claims = vec![Vec::new(); dossier.stories.len()];
        let mut doc_claims = vec![Vec::new(); dossier.documents.len()];
        for &claim_idx in &ranked {
            let claim = &dossier.claims[claim_idx];
            if let Some(list) = story_by_id
                .get(&claim.story)
                .and_then(|&s| story_claims.get_mut(s))
            {
                list.push(claim_idx);
            }
            let mut seen: Vec<usize> = Vec::new();
            for evidence in &claim.evidence {
                if let Some(&doc_idx) = doc_by_id.get(&evidence.doc)
                    && !seen.contains(&doc_idx)
                {
                    seen.push(doc_idx);
                    if let Some(list) = doc_claims.get_mut(doc_idx) {
                        list.push(claim_idx);
                    }
                }
            }
        }
        let mut story_docs = vec![Vec::new(); dossier.stories.len()];
        for (doc_idx, doc) in dossier.documents.iter().enumerate() {
            if let Some(list) = story_by_id
                .get(&doc.story)
                .and_then(|&s| story_docs.get_mut(s))
            {
                list.push(doc_idx);
            }
        }

        View {
            dossier,
            story_by_id,
            doc_by_id,
            claim_by_id,
            source_by_name,
            doc_source,
            story_claims,
            story_docs,
            doc_claims,
        }
    }

    pub(crate) fn story_index(&self, id: &str) -> Option<usize> {
        self.story_by_id.get(id).copied()
    }

    pub(crate) fn document(&self, id: &str) -> Option<&DocumentOut> {
        self.doc_by_id
            .get(id)
            .and_then(|&i| self.dossier.documents.get(i))
    }

    pub(crate) fn doc_index(&self, id: &str) -> Option<usize> {
        self.doc_by_id.get(id).copied()
    }

    pub(crate) fn claim(&self, id: &str) -> Option<&ClaimGroup> {
        self.claim_by_id
            .get(id)
            .and_then(|&i| self.dossier.claims.get(i))
    }

    pub(crate) fn source_index(&self, name: &str) -> Option<usize> {
        self.source_by_name.get(name).copied()
    }

    /// The source-profile name of a document (its outlet), if it has one.
    pub(crate) fn source_of(&self, doc_id: &str) -> Option<&str> {
        let doc_idx = self.doc_index(doc_id)?;
        let source_idx = (*self.doc_source.get(doc_idx)?)?;
        self.dossier
            .sources
            .get(source_idx)
            .map(|s| s.name.as_str())
    }

    /// A document's display name: its source profile, else its title, else its id.
    pub(crate) fn doc_name(&self, doc_id: &str) -> String {
        if let Some(source) = self.source_of(doc_id) {
            return source.to_string();
        }
        self.document(doc_id)
            .and_then(|d| d.source.clone().or_else(|| d.title.clone()))
            .unwrap_or_else(|| doc_id.to_string())
    }

    /// The claims of story `story_idx`, best first.
    pub(crate) fn story_claims(&self, story_idx: usize) -> impl Iterator<Item = &ClaimGroup> {
        self.story_claims
            .get(story_idx)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.dossier.claims.get(i))
    }

    /// The documents of story `story_idx`, in dossier order.
    pub(crate) fn story_docs(&self, story_idx: usize) -> impl Iterator<Item = &DocumentOut> {
        self.story_docs
            .get(story_idx)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.dossier.documents.get(i))
    }

    /// How many documents story `story_idx` has.
    pub(crate) fn story_doc_count(&self, story_idx: usize) -> usize {
        self.story_docs.get(story_idx).map_or(0, Vec::len)
    }

    /// The claims document `doc_idx` gives evidence for, best first.
    pub(crate) fn doc_claims(&self, doc_idx: usize) -> impl Iterator<Item = &ClaimGroup> {
        self.doc_claims
            .get(doc_idx)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.dossier.claims.get(i))
    }

    /// The dossier of one story only: what the Markdown and HTML downloads hold.
    pub(crate) fn story_dossier(&self, story_idx: usize) -> Dossier {
        let d = &self.dossier;
        let Some(story) = d.stories.get(story_idx) else {
            return Dossier {
                version: d.version,
                ..Dossier::default()
            };
        };
        let documents: Vec<DocumentOut> = self.story_docs(story_idx).cloned().collect();
        let doc_ids: std::collections::HashSet<&str> =
            documents.iter().map(|x| x.id.as_str()).collect();
        Dossier {
            version: d.version,
            stories: vec![story.clone()],
            claims: self.story_claims(story_idx).cloned().collect(),
            quantities: d
                .quantities
                .iter()
                .filter(|q| q.story == story.id)
                .cloned()
                .collect(),
            quotes: d
                .quotes
                .iter()
                .filter(|q| doc_ids.contains(q.doc.as_str()))
                .cloned()
                .collect(),
            entities: d
                .entities
                .iter()
                .filter(|e| e.docs.iter().any(|x| doc_ids.contains(x.as_str())))
                .cloned()
                .collect(),
            sources: d
                .sources
                .iter()
                .filter(|s| s.documents.iter().any(|x| doc_ids.contains(x.as_str())))
                .cloned()
                .collect(),
            timeline: d
                .timeline
                .iter()
                .filter(|t| doc_ids.contains(t.doc.as_str()))
                .cloned()
                .collect(),
            documents,
        }
    }
}
