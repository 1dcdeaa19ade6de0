//! The JSON API under `/api`: every handler, its OpenAPI description (utoipa
//! attributes next to the code, so the description cannot drift from the
//! routes: `utoipa-axum` registers both from the same `routes!` call), the
//! filters, and the write endpoints that ingest articles.

use std::collections::{BTreeMap, HashSet};

use axum::extract::{FromRequestParts, Multipart, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use crosscheck_core::{ClaimGroup, ClaimStatus, DocumentOut, EntityKind, QuoteOut};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody};
use crate::export::{self, ListOptions, ListPageSchema, Table, answer, cell, joined};
use crate::pipeline::{self, Added, Input};
use crate::view::View;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "crosscheck",
        description = "The dossier of a crosscheck store: stories, documents, claims with their \
            evidence, quantities, quotes, entities, sources, timeline and full-text search. \
            Items follow the dossier's JSON contract v1 (see the README). Errors are always \
            `{\"error\": {\"status\", \"code\", \"message\"}}`. Writes need \
            `Authorization: Bearer TOKEN` with the token the server was started with."
    ),
    components(schemas(ErrorBody, ListPageSchema, ArticleIn, ArticlesIn, IngestReport, SkippedOut)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the bearer token used by the write endpoints.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route, with its description.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_stories))
        .routes(routes!(get_story))
        .routes(routes!(get_story_dossier))
        .routes(routes!(list_documents))
        .routes(routes!(get_document))
        .routes(routes!(list_claims))
        .routes(routes!(get_claim))
        .routes(routes!(list_quantities))
        .routes(routes!(list_quotes))
        .routes(routes!(list_entities))
        .routes(routes!(list_sources))
        .routes(routes!(get_source))
        .routes(routes!(list_timeline))
        .routes(routes!(search))
        .routes(routes!(post_articles))
        .routes(routes!(upload_articles))
}

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

/// Filters shared by the lists; each list applies those that make sense for
/// it (all of them restrict by the documents an item comes from).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Filters {
    /// Only items of this story (its id).
    pub story: Option<String>,
    /// Only items from documents of this source (its profile name, e.g. `Reuters`).
    pub source: Option<String>,
    /// Only claims with this status: `corroborated`, `single_origin`,
    /// `hedged_only`, `contested` or `denied`.
    #[param(value_type = Option<String>)]
    pub status: Option<ClaimStatus>,
    /// Only items from documents that mention this entity (its name or an alias).
    pub entity: Option<String>,
    /// Only items dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`):
    /// the publication date of their documents, the event date on the timeline.
    pub from: Option<String>,
    /// Only items dated on or before this date (same forms as `from`).
    pub to: Option<String>,
    /// Only entities of this type: `person`, `org`, `place` or `group`.
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<String>)]
    pub kind: Option<EntityKind>,
    /// Only quantity groups whose values disagree.
    pub disagree: Option<bool>,
}

/// The filters, checked and resolved against one view.
pub(crate) struct Filter<'v> {
    view: &'v View,
    filters: &'v Filters,
    /// Documents that mention the `entity` filter, when given.
    entity_docs: Option<HashSet<&'v str>>,
}

impl<'v> Filter<'v> {
    pub(crate) fn new(view: &'v View, filters: &'v Filters) -> Result<Filter<'v>, ApiError> {
        for (name, value) in [("from", &filters.from), ("to", &filters.to)] {
            if let Some(value) = value
                && !is_date_prefix(value)
            {
                return Err(ApiError::bad_request(format!(
                    "`{name}` must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value:?}"
                )));
            }
        }
        let entity_docs = filters.entity.as_deref().map(|wanted| {
            let wanted = wanted.trim().to_lowercase();
            view.dossier
                .entities
                .iter()
                .filter(|e| {
                    e.name.to_lowercase() == wanted
                        || e.aliases.iter().any(|a| a.to_lowercase() == wanted)
                })
                .flat_map(|e| e.docs.iter().map(String::as_str))
                .collect()
        });
        Ok(Filter {
            view,
            filters,
            entity_docs,
        })
    }

    /// Whether a document passes the story, source, entity and date filters.
    pub(crate) fn doc(&self, doc_id: &str) -> bool {
        let f = self.filters;
        let Some(doc) = self.view.document(doc_id) else {
            return false;
        };
        f.story.as_ref().is_none_or(|s| &doc.story == s)
            && f.source
                .as_deref()
                .is_none_or(|s| self.view.source_of(doc_id) == Some(s))
            && self
                .entity_docs
                .as_ref()
                .is_none_or(|docs| docs.contains(doc_id))
            && self.dated(doc.published.as_deref())
    }

    /// Whether a date passes `from` and `to` (an undated item does not, when either is set).
    fn dated(&self, date: Option<&str>) -> bool {
        let f = self.filters;
        if f.from.is_none() && f.to.is_none() {
            return true;
        }
        let Some(date) = date else {
            return false;
        };
        let cut = |bound: &str| {
            date.get(..bound.len().min(date.len()))
                .unwrap_or(date)
                .to_string()
        };
        f.from
            .as_deref()
            .is_none_or(|from| cut(from).as_str() >= from)
            && f.to.as_deref().is_none_or(|to| cut(to).as_str() <= to)
    }

    pub(crate) fn claim(&self, claim: &ClaimGroup) -> bool {
        let f = self.filters;
        f.story.as_ref().is_none_or(|s| &claim.story == s)
            && f.status.is_none_or(|s| claim.status == s)
            && claim.evidence.iter().any(|e| self.doc(&e.doc))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, digits where digits belong.
fn is_date_prefix(s: &str) -> bool {
    let shape = s.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    shape && matches!(s.len(), 4 | 7 | 10)
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

/// A story in the list: its id, label and sizes.
#[derive(Debug, Serialize)]
pub(crate) struct StoryRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub documents: usize,
    pub claims: usize,
    pub corroborated: usize,
    pub contested: usize,
    pub denied: usize,
}

pub(crate) fn story_rows(view: &View) -> Vec<StoryRow<'_>> {
    view.dossier
        .stories
        .iter()
        .enumerate()
        .map(|(idx, story)| {
            let count = |status| {
                view.story_claims(idx)
                    .filter(|c| c.status == status)
                    .count()
            };
            StoryRow {
                id: &story.id,
                title: &story.title,
                documents: view.story_doc_count(idx),
                claims: view.story_claims(idx).count(),
                corroborated: count(ClaimStatus::Corroborated),
                contested: count(ClaimStatus::Contested),
                denied: count(ClaimStatus::Denied),
            }
        })
        .collect()
}

/// Stories, largest first.
#[utoipa::path(get, path = "/api/stories", tag = "stories",
    params(ListOptions, Filters),
    responses((status = 200, description = "Stories with their number of documents and claims by status", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_stories(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let mut rows: Vec<StoryRow<'_>> = story_rows(&view)
        .into_iter()
        .filter(|row| {
            (filters.source.is_none()
                && filters.entity.is_none()
                && filters.from.is_none()
                && filters.to.is_none())
                || view
                    .story_index(row.id)
                    .is_some_and(|i| view.story_docs(i).any(|d| filter.doc(&d.id)))
        })
        .collect();
    rows.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.id.cmp(b.id)));
    answer(
        rows,
        &options,
        &Table {
            name: "stories",
            header: &[
                "id",
                "title",
                "documents",
                "claims",
                "corroborated",
                "contested",
                "denied",
            ],
            row: |r| {
                vec![
                    r.id.to_string(),
                    r.title.to_string(),
                    r.documents.to_string(),
                    r.claims.to_string(),
                    r.corroborated.to_string(),
                    r.contested.to_string(),
                    r.denied.to_string(),
                ]
            },
        },
    )
}

/// A story and its claims, best-ranked first (paged).
#[derive(Debug, Serialize)]
struct StoryDetail<'a> {
    story: &'a crosscheck_core::StoryOut,
    documents: usize,
    status_counts: BTreeMap<&'static str, usize>,
    claims: export::ListPage<&'a ClaimGroup>,
}

/// One story: its label, document count, claim counts by status and one page of its ranked claims.
#[utoipa::path(get, path = "/api/stories/{id}", tag = "stories",
    params(("id" = String, Path, description = "Story id"), ListOptions),
    responses((status = 200, description = "The story and a page of its claims"),
        (status = 404, description = "No such story", body = ErrorBody)))]
async fn get_story(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(options): ApiQuery<ListOptions>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let idx = view
        .story_index(&id)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?}")))?;
    let (page, per_page) = options.paging()?;
    let mut status_counts = BTreeMap::new();
    for claim in view.story_claims(idx) {
        *status_counts.entry(claim.status.as_str()).or_insert(0) += 1;
    }
    let total = view.story_claims(idx).count();
    let claims = view
        .story_claims(idx)
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    let story = view
        .dossier
        .stories
        .get(idx)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?}")))?;
    Ok(axum::Json(StoryDetail {
        story,
        documents: view.story_doc_count(idx),
        status_counts,
        claims: export::ListPage {
            total,
            page,
            per_page,
            items: claims,
        },
    })
    .into_response())
}

/// The forms a dossier downloads in.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DossierFormat {
    /// `json` (default, contract v1), `markdown` or `html` (a self-contained page).
    #[param(value_type = Option<String>)]
    format: Option<DossierKind>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum DossierKind {
    Json,
    Markdown,
    Html,
}

/// The whole dossier of one story, as JSON, Markdown or a self-contained HTML file.
#[utoipa::path(get, path = "/api/stories/{id}/dossier", tag = "stories",
    params(("id" = String, Path, description = "Story id"), DossierFormat),
    responses((status = 200, description = "The story's dossier (attachment)"),
        (status = 404, description = "No such story", body = ErrorBody)))]
async fn get_story_dossier(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(format): ApiQuery<DossierFormat>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let idx = view
        .story_index(&id)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?}")))?;
    let dossier = view.story_dossier(idx);
    let attachment = |ext: &str| {
        format!(
            "attachment; filename=\"dossier-{}.{ext}\"",
            safe_file_part(&id)
        )
    };
    Ok(match format.format.unwrap_or(DossierKind::Json) {
        DossierKind::Json => ([(header::CONTENT_DISPOSITION, attachment("json"))], axum::Json(dossier)).into_response(),
        DossierKind::Markdown => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, attachment("md"))],
            crosscheck_render::markdown(&dossier),
        )
            .into_response(),
        // The file carries its own inline stylesheet (it is self-contained),
        // so this one answer allows inline style; script stays forbidden.
        DossierKind::Html => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, attachment("html")),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'".to_string()),
            ],
            crosscheck_render::html(&dossier),
        )
            .into_response(),
    })
}

/// Letters, digits, `-` and `_` of an id, for a file name.
fn safe_file_part(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect()
}

const DOCUMENT_HEADER: &[&str] = &[
    "id",
    "story",
    "source",
    "published",
    "title",
    "url",
    "author",
    "path",
    "duplicate_of",
];

fn document_row(d: &DocumentOut) -> Vec<String> {
    vec![
        d.id.clone(),
        d.story.clone(),
        cell(d.source.as_ref()),
        cell(d.published.as_ref()),
        cell(d.title.as_ref()),
        cell(d.url.as_ref()),
        cell(d.author.as_ref()),
        d.path.clone(),
        cell(d.duplicate_of.as_ref()),
    ]
}

/// Documents (metadata; the text is in `/api/documents/{id}`).
#[utoipa::path(get, path = "/api/documents", tag = "documents",
    params(ListOptions, Filters),
    responses((status = 200, description = "Documents in dossier order", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_documents(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let docs: Vec<&DocumentOut> = view
        .dossier
        .documents
        .iter()
        .filter(|d| filter.doc(&d.id))
        .collect();
    answer(
        docs,
        &options,
        &Table {
            name: "documents",
            header: DOCUMENT_HEADER,
            row: |d| document_row(d),
        },
    )
}

/// A document with its text and what the dossier draws from it.
#[derive(Debug, Serialize)]
struct DocumentDetail<'a> {
    document: &'a DocumentOut,
    text: String,
    claims: Vec<ClaimRef<'a>>,
    quotes: Vec<&'a QuoteOut>,
    entities: Vec<&'a str>,
}

/// A claim named from elsewhere.
#[derive(Debug, Serialize)]
struct ClaimRef<'a> {
    id: &'a str,
    text: &'a str,
    status: ClaimStatus,
}

/// One document: metadata, full text, the claims it gives evidence for, its quotes and entities.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id (content hash)")),
    responses((status = 200, description = "The document"), (status = 404, description = "No such document", body = ErrorBody)))]
async fn get_document(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let missing = || ApiError::not_found(format!("no document with id {id:?}"));
    let (Some(doc_idx), Some(document)) = (view.doc_index(&id), view.document(&id)) else {
        return Err(missing());
    };
    let stored = state.store().document(&id).await?.ok_or_else(missing)?;
    Ok(axum::Json(DocumentDetail {
        document,
        text: stored.text,
        claims: view
            .doc_claims(doc_idx)
            .map(|c| ClaimRef {
                id: &c.id,
                text: &c.text,
                status: c.status,
            })
            .collect(),
        quotes: view.dossier.quotes.iter().filter(|q| q.doc == id).collect(),
        entities: view
            .dossier
            .entities
            .iter()
            .filter(|e| e.docs.contains(&id))
            .map(|e| e.name.as_str())
            .collect(),
    })
    .into_response())
}

/// Claims, best-ranked first, with their evidence.
#[utoipa::path(get, path = "/api/claims", tag = "claims",
    params(ListOptions, Filters),
    responses((status = 200, description = "Claim groups (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_claims(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let claims: Vec<&ClaimGroup> = match filters.story.as_deref() {
        Some(story) => match view.story_index(story) {
            Some(idx) => view.story_claims(idx).filter(|c| filter.claim(c)).collect(),
            None => Vec::new(),
        },
        None => {
            let mut all: Vec<&ClaimGroup> = view
                .dossier
                .claims
                .iter()
                .filter(|c| filter.claim(c))
                .collect();
            all.sort_by(|a, b| b.score.total_cmp(&a.score));
            all
        }
    };
    answer(
        claims,
        &options,
        &Table {
            name: "claims",
            header: &[
                "id",
                "story",
                "status",
                "independent_origins",
                "origins",
                "denied_by",
                "documents",
                "text",
                "score",
            ],
            row: |c| {
                vec![
                    c.id.clone(),
                    c.story.clone(),
                    c.status.as_str().to_string(),
                    c.independent_origins.len().to_string(),
                    joined(&c.independent_origins),
                    joined(&c.denied_by),
                    c.stances.len().to_string(),
                    c.text.clone(),
                    format!("{:.3}", c.score),
                ]
            },
        },
    )
}

/// One claim group with its stances and evidence.
#[utoipa::path(get, path = "/api/claims/{id}", tag = "claims",
    params(("id" = String, Path, description = "Claim id")),
    responses((status = 200, description = "The claim group (contract v1)"), (status = 404, description = "No such claim", body = ErrorBody)))]
async fn get_claim(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let claim = view
        .claim(&id)
        .ok_or_else(|| ApiError::not_found(format!("no claim with id {id:?}")))?;
    Ok(axum::Json(claim).into_response())
}

/// Quantities measured in several documents, grouped by measure.
#[utoipa::path(get, path = "/api/quantities", tag = "quantities",
    params(ListOptions, Filters),
    responses((status = 200, description = "Quantity groups (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_quantities(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let groups: Vec<_> = view
        .dossier
        .quantities
        .iter()
        .filter(|q| filters.story.as_ref().is_none_or(|s| &q.story == s))
        .filter(|q| filters.disagree.is_none_or(|d| q.disagree == d))
        .filter(|q| q.values.iter().any(|v| filter.doc(&v.doc)))
        .collect();
    answer(
        groups,
        &options,
        &Table {
            name: "quantities",
            header: &["id", "story", "measure", "unit", "disagree", "values"],
            row: |q| {
                vec![
                    q.id.clone(),
                    q.story.clone(),
                    q.text.clone(),
                    q.unit.clone(),
                    q.disagree.to_string(),
                    q.values
                        .iter()
                        .map(|v| v.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            },
        },
    )
}

/// Quotations with their speakers.
#[utoipa::path(get, path = "/api/quotes", tag = "quotes",
    params(ListOptions, Filters),
    responses((status = 200, description = "Quotes (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_quotes(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let quotes: Vec<&QuoteOut> = view
        .dossier
        .quotes
        .iter()
        .filter(|q| filter.doc(&q.doc))
        .collect();
    answer(
        quotes,
        &options,
        &Table {
            name: "quotes",
            header: &["doc", "speaker", "text", "partial", "sentence"],
            row: |q| {
                vec![
                    q.doc.clone(),
                    cell(q.speaker.as_ref()),
                    q.text.clone(),
                    q.partial.to_string(),
                    q.sentence.clone(),
                ]
            },
        },
    )
}

/// Named entities, most mentioned first.
#[utoipa::path(get, path = "/api/entities", tag = "entities",
    params(ListOptions, Filters),
    responses((status = 200, description = "Entities (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_entities(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let mut entities: Vec<_> = view
        .dossier
        .entities
        .iter()
        .filter(|e| filters.kind.is_none_or(|k| e.kind == k))
        .filter(|e| e.docs.iter().any(|d| filter.doc(d)))
        .collect();
    entities.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    answer(
        entities,
        &options,
        &Table {
            name: "entities",
            header: &["name", "type", "mentions", "documents", "aliases"],
            row: |e| {
                vec![
                    e.name.clone(),
                    format!("{:?}", e.kind).to_lowercase(),
                    e.mentions.to_string(),
                    e.docs.len().to_string(),
                    joined(&e.aliases),
                ]
            },
        },
    )
}

const SOURCE_HEADER: &[&str] = &[
    "name",
    "documents",
    "sentences",
    "attributed_share",
    "hedged_share",
    "opinion_share",
    "first_person_share",
    "boilerplate_share",
    "corroborated_claims",
    "unconfirmed_claims",
    "cited_sources",
];

/// Sources (outlets) and their profiles.
#[utoipa::path(get, path = "/api/sources", tag = "sources",
    params(ListOptions, Filters),
    responses((status = 200, description = "Source profiles (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_sources(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let filter = Filter::new(&view, &filters)?;
    let sources: Vec<_> = view
        .dossier
        .sources
        .iter()
        .filter(|s| s.documents.iter().any(|d| filter.doc(d)))
        .collect();
    answer(
        sources,
        &options,
        &Table {
            name: "sources",
            header: SOURCE_HEADER,
            row: |s| {
                vec![
                    s.name.clone(),
                    s.documents.len().to_string(),
                    s.sentences.to_string(),
                    format!("{:.3}", s.attributed_share),
                    format!("{:.3}", s.hedged_share),
                    format!("{:.3}", s.opinion_share),
                    format!("{:.3}", s.first_person_share),
                    format!("{:.3}", s.boilerplate_share),
                    s.corroborated_claims.to_string(),
                    s.unconfirmed_claims.to_string(),
                    joined(&s.cited_sources),
                ]
            },
        },
    )
}

/// One source's profile.
#[utoipa::path(get, path = "/api/sources/{name}", tag = "sources",
    params(("name" = String, Path, description = "Source name, as in the source list")),
    responses((status = 200, description = "The source profile (contract v1)"), (status = 404, description = "No such source", body = ErrorBody)))]
async fn get_source(
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
) -> Result<Response, ApiError> {
    let view = state.view();
    let profile = view
        .source_index(&name)
        .and_then(|i| view.dossier.sources.get(i))
        .ok_or_else(|| ApiError::not_found(format!("no source named {name:?}")))?;
    Ok(axum::Json(profile).into_response())
}

/// Dated events, in date order.
#[utoipa::path(get, path = "/api/timeline", tag = "timeline",
    params(ListOptions, Filters),
    responses((status = 200, description = "Timeline events (contract v1)", body = ListPageSchema),
        (status = 400, description = "Bad paging or filter", body = ErrorBody)))]
async fn list_timeline(
    State(state): State<AppState>,
    ApiQuery(options): ApiQuery<ListOptions>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let view = state.view();
    // The dates filter the events' own dates here, not their documents'.
    let doc_filters = Filters {
        from: None,
        to: None,
        ..clone_filters(&filters)
    };
    let filter = Filter::new(&view, &doc_filters)?;
    let date_filter = Filter::new(&view, &filters)?;
    let events: Vec<_> = view
        .dossier
        .timeline
        .iter()
        .filter(|t| filter.doc(&t.doc) && date_filter.dated(Some(&t.date)))
        .collect();
    answer(
        events,
        &options,
        &Table {
            name: "timeline",
            header: &["date", "doc", "text", "sentence"],
            row: |t| {
                vec![
                    t.date.clone(),
                    t.doc.clone(),
                    t.text.clone(),
                    t.sentence.clone(),
                ]
            },
        },
    )
}

fn clone_filters(f: &Filters) -> Filters {
    Filters {
        story: f.story.clone(),
        source: f.source.clone(),
        status: f.status,
        entity: f.entity.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        kind: f.kind,
        disagree: f.disagree,
    }
}

/// A search query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// Words to find (all of them, stemmed; operators are taken as words).
    pub q: String,
}

/// A document that matches a search.
#[derive(Debug, Serialize)]
pub(crate) struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub story: Option<String>,
    /// The best passage; matched words between `[` and `]`.
    pub snippet: String,
}

/// Runs a search and names its hits.
pub(crate) async fn run_search(
    state: &AppState,
    query: &str,
    page: usize,
    per_page: usize,
) -> Result<(Vec<SearchHit>, u64), ApiError> {
    let offset = (page - 1).saturating_mul(per_page);
    let (hits, total) = state
        .store()
        .search_page(query, per_page as i64, offset as i64)
        .await?;
    let view = state.view();
    let hits = hits
        .into_iter()
        .map(|(id, snippet)| {
            let doc = view.document(&id);
            SearchHit {
                title: doc.and_then(|d| d.title.clone()),
                source: view.source_of(&id).map(str::to_string),
                story: doc.map(|d| d.story.clone()),
                id,
                snippet,
            }
        })
        .collect();
    Ok((hits, total))
}

/// Full-text search over the stored articles (best match first).
#[utoipa::path(get, path = "/api/search", tag = "search",
    params(SearchQuery, ListOptions),
    responses((status = 200, description = "Matching documents with a snippet", body = ListPageSchema),
        (status = 400, description = "Missing query or bad paging", body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchQuery>,
    ApiQuery(options): ApiQuery<ListOptions>,
) -> Result<Response, ApiError> {
    let (page, per_page) = options.paging()?;
    let (hits, total) = run_search(&state, &query.q, page, per_page).await?;
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    if options.format == Some(export::ListFormat::Csv) {
        return answer(
            hits,
            &options,
            &Table {
                name: "search",
                header: &["id", "source", "title", "story", "snippet"],
                row: |h| {
                    vec![
                        h.id.clone(),
                        cell(h.source.as_ref()),
                        cell(h.title.as_ref()),
                        cell(h.story.as_ref()),
                        h.snippet.clone(),
                    ]
                },
            },
        );
    }
    Ok(axum::Json(export::ListPage {
        total,
        page,
        per_page,
        items: hits,
    })
    .into_response())
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

/// Proof that a request carries the write token. Extracted before the body,
/// so a request without it is refused before anything is read or stored.
pub(crate) struct WriteAccess;

impl FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = state.settings().token.as_deref() else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "this server is read-only: start it with --token (or CROSSCHECK_TOKEN) to accept articles",
            ));
        };
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "writes need the header `Authorization: Bearer TOKEN`",
            )),
            // Constant-time: the comparison must not tell how much of a guess was right.
            Some(given) if bool::from(given.as_bytes().ct_eq(token.as_bytes())) => Ok(WriteAccess),
            Some(_) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the token is wrong",
            )),
        }
    }
}

/// One article sent as JSON: the fields of a JSONL line for `crosscheck analyze`.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleIn {
    /// The article's text (paragraphs separated by blank lines); give this or `html`.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// The article as an HTML page (main text and metadata are extracted); give this or `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// The outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    /// Publication date (ISO 8601 or a common written form).
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
}

/// Articles sent as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticlesIn {
    articles: Vec<ArticleIn>,
}

/// What an ingest did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct IngestReport {
    /// Articles read.
    read: usize,
    /// Of those, articles not stored before (the others were already there: same text).
    new: usize,
    /// The ids of the articles read, in input order.
    documents: Vec<String>,
    /// Articles that could not be read, with the reason.
    skipped: Vec<SkippedOut>,
    /// Stories in the store after the ingest.
    stories: usize,
}

/// An input that was not read.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SkippedOut {
    /// `articles[INDEX]` for JSON, the file name (with `:LINE` for JSONL) for uploads.
    input: String,
    reason: String,
}

/// Adds articles (JSON) and runs the same pipeline as `crosscheck analyze`.
#[utoipa::path(post, path = "/api/articles", tag = "ingest",
    request_body = ArticlesIn,
    security(("token" = [])),
    responses((status = 200, description = "What was read, stored and skipped", body = IngestReport),
        (status = 400, description = "Malformed JSON or no articles", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "The server is read-only", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody)))]
async fn post_articles(
    _access: WriteAccess,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ArticlesIn>,
) -> Result<Response, ApiError> {
    if body.articles.is_empty() {
        return Err(ApiError::bad_request(
            "`articles` is empty: send at least one article",
        ));
    }
    let mut lines = String::new();
    for article in &body.articles {
        lines.push_str(&serde_json::to_string(article).map_err(|e| ApiError::internal(&e))?);
        lines.push('\n');
    }
    let files = vec![(
        "articles".to_string(),
        "jsonl".to_string(),
        lines.into_bytes(),
    )];
    let report = ingest(&state, files).await?;
    Ok(axum::Json(report).into_response())
}

/// Adds articles uploaded as files (`multipart/form-data`, any field name):
/// `.txt`, `.html`, `.jsonl`, as `crosscheck analyze` reads them.
#[utoipa::path(post, path = "/api/articles/upload", tag = "ingest",
    request_body(content_type = "multipart/form-data", description = "One or more files"),
    security(("token" = [])),
    responses((status = 200, description = "What was read, stored and skipped", body = IngestReport),
        (status = 400, description = "Not a multipart body, or no file", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "The server is read-only", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody)))]
async fn upload_articles(
    _access: WriteAccess,
    State(state): State<AppState>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut multipart = multipart.map_err(|r| {
        ApiError::new(
            r.status(),
            format!("expected a multipart/form-data upload: {}", r.body_text()),
        )
    })?;
    let mut files = Vec::new();
    loop {
        let field = multipart.next_field().await.map_err(multipart_error)?;
        let Some(field) = field else { break };
        let name = field
            .file_name()
            .or(field.name())
            .unwrap_or("upload")
            .to_string();
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let bytes = field.bytes().await.map_err(multipart_error)?;
        files.push((clean_name(&name), ext, bytes.to_vec()));
    }
    if files.is_empty() {
        return Err(ApiError::bad_request("the upload holds no file"));
    }
    let report = ingest(&state, files).await?;
    Ok(axum::Json(report).into_response())
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(status, crate::error::body_too_large());
    }
    ApiError::new(status, format!("cannot read the upload: {}", e.body_text()))
}

/// A file name as given by a client, reduced to its last path part and
/// printable characters (it is shown in pages and stored as the path).
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() {
        "upload".to_string()
    } else {
        cleaned
    }
}

/// Writes the inputs to a private temporary folder, reads them with
/// crosscheck-ingest, and runs the pipeline; one ingest at a time.
async fn ingest(
    state: &AppState,
    files: Vec<(String, String, Vec<u8>)>,
) -> Result<IngestReport, ApiError> {
    let read = state.settings().read;
    let limits = state.settings().limits;
    let (docs, skipped) = tokio::task::spawn_blocking(move || -> std::io::Result<_> {
        let dir = tempfile::tempdir()?;
        let mut paths = Vec::new();
        for (idx, (_, ext, bytes)) in files.iter().enumerate() {
            // Only the extension of the client's name reaches the file system.
            let ext: String = ext
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(8)
                .collect();
            let path = dir.path().join(if ext.is_empty() {
                format!("{idx}")
            } else {
                format!("{idx}.{ext}")
            });
            std::fs::write(&path, bytes)?;
            paths.push(path);
        }
        let inputs: Vec<Input<'_>> = files
            .iter()
            .zip(&paths)
            .map(|((name, _, _), path)| Input {
                name: name.clone(),
                path,
            })
            .collect();
        Ok(pipeline::read_inputs(&inputs, &read))
    })
    .await
    .map_err(|e| ApiError::internal(&e))?
    .map_err(|e| ApiError::internal(&e))?;

    let mut added = Added {
        skipped,
        ..Added::default()
    };
    let mut linker = state.writer().lock().await;
    let dossier = if docs.is_empty() {
        None
    } else {
        pipeline::add_documents(state.store(), &mut linker, docs, &limits, &mut added)
            .await
            .map_err(|e| ApiError::internal(&e))?
    };
    if let Some(dossier) = dossier {
        state.set_view(View::new(dossier));
    }
    Ok(IngestReport {
        read: added.read,
        new: added.new,
        documents: added.ids,
        skipped: added
            .skipped
            .into_iter()
            .map(|s| SkippedOut {
                input: json_input_name(&s.path),
                reason: s.reason,
            })
            .collect(),
        stories: state.view().dossier.stories.len(),
    })
}

/// `articles:3` (line 3 of the JSON articles) is `articles[2]` to the client.
fn json_input_name(path: &str) -> String {
    match path
        .strip_prefix("articles:")
        .and_then(|line| line.parse::<usize>().ok())
    {
        Some(line) => format!("articles[{}]", line.saturating_sub(1)),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefixes() {
        for ok in ["2024", "2024-10", "2024-10-23"] {
            assert!(is_date_prefix(ok), "{ok}");
        }
        for bad in ["24", "2024-1", "2024/10/23", "yesterday", "2024-10-23T00"] {
            assert!(!is_date_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn client_file_names_lose_their_folders_and_controls() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\x\\a\u{7}.txt"), "a.txt");
        assert_eq!(clean_name("/"), "upload");
        assert_eq!(json_input_name("articles:3"), "articles[2]");
    }
}
