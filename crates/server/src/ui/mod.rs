//! The web pages: server-rendered askama templates (`templates/`), one
//! stylesheet embedded in the binary, no script.
//!
//! Handlers turn the in-memory [`View`] into small display structs of
//! strings; templates escape every value they print. Links carry ids and
//! names percent-encoded; article urls become links only when they are
//! `http`/`https`. Lists link to the API with `format=csv` / `all=true` for
//! export.

mod charts;
mod highlight;

use std::collections::{BTreeMap, HashMap, HashSet};

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use crosscheck_core::{ANALYZER_VERSION, ClaimGroup, ClaimStatus, Stance};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use crate::AppState;
use crate::api::{Filter, Filters, run_search, story_rows};
use crate::error::{ApiError, ApiPath, ApiQuery};
use crate::view::View;

/// The stylesheet, embedded in the binary.
const STYLE: &str = include_str!("../../static/style.css");

/// Claims per page on a story page.
const CLAIMS_PER_PAGE: usize = 30;
/// Matrix size: claims (rows) and documents (columns).
const MATRIX_CLAIMS: usize = 40;
const MATRIX_DOCS: usize = 16;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(stories_page))
        .route(
            "/static/style.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    STYLE,
                )
            }),
        )
        .route("/stories/{id}", get(story_page))
        .route("/stories/{id}/matrix", get(matrix_page))
        .route("/stories/{id}/numbers", get(numbers_page))
        .route("/stories/{id}/timeline", get(timeline_page))
        .route("/stories/{id}/entities", get(entities_page))
        .route("/documents/{id}", get(document_page))
        .route("/sources", get(sources_page))
        .route("/sources/{name}", get(source_page))
        .route("/search", get(search_page))
}

/// A page failure: the same status as the API would give, as a page.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status(), self.0.message())
    }
}

type PageResult = Result<Response, PageError>;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: String,
    message: &'a str,
}

/// An error as a page with `status`.
pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let page = ErrorPage {
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        message,
    };
    (status, render(&page)).into_response()
}

fn render<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// A path segment, percent-encoded.
fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

fn story_href(id: &str) -> String {
    format!("/stories/{}", enc(id))
}
fn doc_href(id: &str) -> String {
    format!("/documents/{}", enc(id))
}
fn source_href(name: &str) -> String {
    format!("/sources/{}", enc(name))
}

/// A url fit for a link: `http` or `https`, nothing that could run.
fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let ok = (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !rest.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| url.to_string())
}

fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "asserts",
        Stance::Hedges => "hedges",
        Stance::Denies => "denies",
        Stance::ReportsDenial => "reports a denial",
    }
}

fn stance_symbol(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "✓",
        Stance::Hedges => "~",
        Stance::Denies => "✗",
        Stance::ReportsDenial => "⚑",
    }
}

const STATUSES: [ClaimStatus; 5] = [
    ClaimStatus::Corroborated,
    ClaimStatus::SingleOrigin,
    ClaimStatus::HedgedOnly,
    ClaimStatus::Contested,
    ClaimStatus::Denied,
];

// ---------------------------------------------------------------------------
// Stories
// ---------------------------------------------------------------------------

struct StoryLink {
    href: String,
    title: String,
    documents: usize,
    claims: usize,
    corroborated: usize,
    contested: usize,
    denied: usize,
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    title: String,
    stories: Vec<StoryLink>,
    documents: usize,
}

async fn stories_page(State(state): State<AppState>) -> PageResult {
    let view = state.view();
    let mut rows = story_rows(&view);
    rows.sort_by_key(|r| std::cmp::Reverse(r.documents));
    let stories = rows
        .iter()
        .map(|r| StoryLink {
            href: story_href(r.id),
            title: r.title.to_string(),
            documents: r.documents,
            claims: r.claims,
            corroborated: r.corroborated,
            contested: r.contested,
            denied: r.denied,
        })
        .collect();
    Ok(render(&StoriesPage {
        title: "Stories".to_string(),
        stories,
        documents: view.dossier.documents.len(),
    }))
}

/// The header and tabs every story page shares.
struct StoryHead {
    id: String,
    href: String,
    title: String,
    documents: usize,
    counts: Vec<StatusCount>,
    /// Which tab is open: `claims`, `matrix`, `numbers`, `timeline`, `entities`.
    tab: &'static str,
    export: String,
}

struct StatusCount {
    class: &'static str,
    label: &'static str,
    /// What the status means: the chip's tooltip and the legend below it.
    definition: &'static str,
    count: usize,
    href: String,
}

fn story_head(view: &View, id: &str, tab: &'static str) -> Result<(usize, StoryHead), PageError> {
    let idx = view
        .story_index(id)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?}")))?;
    let story = view
        .dossier
        .stories
        .get(idx)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?}")))?;
    let href = story_href(id);
    let counts = STATUSES
        .iter()
        .map(|&s| StatusCount {
            class: s.as_str(),
            label: s.label(),
            definition: s.definition(),
            count: view.story_claims(idx).filter(|c| c.status == s).count(),
            href: format!("{href}?status={}", s.as_str()),
        })
        .filter(|c| c.count > 0)
        .collect();
    Ok((
        idx,
        StoryHead {
            id: story.id.clone(),
            export: format!("/api/stories/{}/dossier", enc(id)),
            href,
            title: story.title.clone(),
            documents: view.story_doc_count(idx),
            counts,
            tab,
        },
    ))
}

struct ClaimView {
    anchor: String,
    rank: usize,
    text: String,
    status: &'static str,
    status_label: &'static str,
    /// What the status means (the chip's tooltip).
    status_definition: &'static str,
    /// What happened, in plain words.
    status_line: String,
    origins: usize,
    origin_names: String,
    denied_by: String,
    stances: Vec<StanceView>,
    evidence: Vec<EvidenceView>,
}

struct StanceView {
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
    names: Vec<NameLink>,
}

struct NameLink {
    name: String,
    href: String,
}

struct EvidenceView {
    stance: &'static str,
    stance_label: &'static str,
    sentence: String,
    source: String,
    source_href: String,
    doc_href: String,
    origin: String,
    cues: String,
}

fn claim_view(view: &View, claim: &ClaimGroup, rank: usize) -> ClaimView {
    let mut by_stance: BTreeMap<Stance, Vec<NameLink>> = BTreeMap::new();
    for s in &claim.stances {
        let name = view.doc_name(&s.doc);
        let list = by_stance.entry(s.stance).or_default();
        if !list.iter().any(|n| n.name == name) {
            list.push(NameLink {
                href: doc_href(&s.doc),
                name,
            });
        }
    }
    ClaimView {
        anchor: format!("claim-{}", claim.id),
        rank,
        text: claim.text.clone(),
        status: claim.status.as_str(),
        status_label: claim.status.label(),
        status_definition: claim.status.definition(),
        status_line: claim.status_line(),
        origins: claim.independent_origins.len(),
        origin_names: claim.independent_origins.join(", "),
        denied_by: claim.denied_by.join(", "),
        stances: by_stance
            .into_iter()
            .map(|(s, names)| StanceView {
                class: s.as_str(),
                symbol: stance_symbol(s),
                label: stance_label(s),
                names,
            })
            .collect(),
        evidence: claim
            .evidence
            .iter()
            .map(|e| {
                let source = view.doc_name(&e.doc);
                EvidenceView {
                    stance: e.stance.as_str(),
                    stance_label: stance_label(e.stance),
                    sentence: e.sentence.to_string(),
                    source_href: view
                        .source_of(&e.doc)
                        .map(source_href)
                        .unwrap_or_else(|| doc_href(&e.doc)),
                    source,
                    doc_href: doc_href(&e.doc),
                    origin: e
                        .origin
                        .clone()
                        .unwrap_or_else(|| "the outlet itself".to_string()),
                    cues: e.cues.join(", "),
                }
            })
            .collect(),
    }
}

/// The filters a story page takes.
#[derive(Debug, Default, Deserialize)]
struct StoryQuery {
    status: Option<ClaimStatus>,
    source: Option<String>,
    page: Option<usize>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    title: String,
    head: StoryHead,
    claims: Vec<ClaimView>,
    total: usize,
    status: String,
    source: String,
    sources: Vec<String>,
    prev: Option<String>,
    next: Option<String>,
    csv: String,
    json: String,
}

async fn story_page(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<StoryQuery>,
) -> PageResult {
    let view = state.view();
    let (idx, head) = story_head(&view, &id, "claims")?;
    let filters = Filters {
        story: Some(id.clone()),
        source: q.source.clone().filter(|s| !s.is_empty()),
        status: q.status,
        ..Filters::default()
    };
    let filter = Filter::new(&view, &filters)?;
    let matching: Vec<&ClaimGroup> = view.story_claims(idx).filter(|c| filter.claim(c)).collect();
    let page = q.page.unwrap_or(1).max(1);
    let start = (page - 1).saturating_mul(CLAIMS_PER_PAGE);
    let claims = matching
        .iter()
        .enumerate()
        .skip(start)
        .take(CLAIMS_PER_PAGE)
        .map(|(i, c)| claim_view(&view, c, i + 1))
        .collect();
    let mut sources: Vec<String> = view
        .story_docs(idx)
        .filter_map(|d| view.source_of(&d.id).map(str::to_string))
        .collect();
    sources.sort();
    sources.dedup();
    let status = q.status.map(|s| s.as_str().to_string()).unwrap_or_default();
    let source = filters.source.clone().unwrap_or_default();
    let link = |p: usize| {
        let mut href = format!("{}?page={p}", head.href);
        if !status.is_empty() {
            href.push_str(&format!("&status={status}"));
        }
        if !source.is_empty() {
            href.push_str(&format!("&source={}", enc(&source)));
        }
        href
    };
    let prev = (page > 1).then(|| link(page - 1));
    let next = (start + CLAIMS_PER_PAGE < matching.len()).then(|| link(page + 1));
    let api = format!(
        "/api/claims?story={}{}{}",
        enc(&id),
        if status.is_empty() {
            String::new()
        } else {
            format!("&status={status}")
        },
        if source.is_empty() {
            String::new()
        } else {
            format!("&source={}", enc(&source))
        }
    );
    Ok(render(&StoryPage {
        title: head.title.clone(),
        total: matching.len(),
        claims,
        csv: format!("{api}&format=csv"),
        json: format!("{api}&all=true"),
        head,
        status,
        source,
        sources,
        prev,
        next,
    }))
}

struct MatrixRow {
    claim: String,
    claim_href: String,
    status: &'static str,
    status_label: &'static str,
    cells: Vec<MatrixCell>,
}

struct MatrixCell {
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "matrix.html")]
struct MatrixPage {
    title: String,
    head: StoryHead,
    columns: Vec<NameLink>,
    rows: Vec<MatrixRow>,
    more_docs: usize,
    more_claims: usize,
}

async fn matrix_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> PageResult {
    let view = state.view();
    let (idx, head) = story_head(&view, &id, "matrix")?;
    // The documents that take a stance on the most claims come first.
    let mut involvement: HashMap<&str, usize> = HashMap::new();
    for claim in view.story_claims(idx).take(MATRIX_CLAIMS) {
        for s in &claim.stances {
            *involvement.entry(s.doc.as_str()).or_default() += 1;
        }
    }
    let mut docs: Vec<&str> = view.story_docs(idx).map(|d| d.id.as_str()).collect();
    docs.sort_by_key(|d| std::cmp::Reverse(involvement.get(d).copied().unwrap_or(0)));
    let more_docs = docs.len().saturating_sub(MATRIX_DOCS);
    docs.truncate(MATRIX_DOCS);
    let columns = docs
        .iter()
        .map(|d| NameLink {
            name: view.doc_name(d),
            href: doc_href(d),
        })
        .collect();
    let total_claims = view.story_claims(idx).count();
    let rows = view
        .story_claims(idx)
        .take(MATRIX_CLAIMS)
        .map(|claim| MatrixRow {
            claim: charts::truncate(&claim.text, 110),
            claim_href: format!("{}#claim-{}", head.href, claim.id),
            status: claim.status.as_str(),
            status_label: claim.status.label(),
            cells: docs
                .iter()
                .map(|d| match claim.stances.iter().find(|s| s.doc == *d) {
                    Some(s) => MatrixCell {
                        class: s.stance.as_str(),
                        symbol: stance_symbol(s.stance),
                        label: stance_label(s.stance),
                    },
                    None => MatrixCell {
                        class: "silent",
                        symbol: "·",
                        label: "silent",
                    },
                })
                .collect(),
        })
        .collect();
    Ok(render(&MatrixPage {
        title: format!("Matrix · {}", head.title),
        head,
        columns,
        rows,
        more_docs,
        more_claims: total_claims.saturating_sub(MATRIX_CLAIMS),
    }))
}

struct QuantityView {
    measure: String,
    unit: String,
    disagree: bool,
    chart: Option<charts::RangeChart>,
    values: Vec<ValueRow>,
}

struct ValueRow {
    source: String,
    doc_href: String,
    text: String,
    origin: String,
    sentence: String,
}

#[derive(Template)]
#[template(path = "numbers.html")]
struct NumbersPage {
    title: String,
    head: StoryHead,
    quantities: Vec<QuantityView>,
    width: f64,
    csv: String,
}

async fn numbers_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> PageResult {
    let view = state.view();
    let (_, head) = story_head(&view, &id, "numbers")?;
    let mut groups: Vec<_> = view
        .dossier
        .quantities
        .iter()
        .filter(|q| q.story == id)
        .collect();
    // Numbers that disagree first: they are what the page is for.
    groups.sort_by_key(|q| (!q.disagree, std::cmp::Reverse(q.values.len())));
    let name_of = |doc: &str| view.doc_name(doc);
    let quantities = groups
        .iter()
        .take(60)
        .map(|q| QuantityView {
            measure: q.text.clone(),
            unit: q.unit.clone(),
            disagree: q.disagree,
            chart: charts::range_chart(q, &name_of),
            values: q
                .values
                .iter()
                .map(|v| ValueRow {
                    source: view.doc_name(&v.doc),
                    doc_href: doc_href(&v.doc),
                    text: v.text.clone(),
                    origin: v.origin.clone().unwrap_or_default(),
                    sentence: v.sentence.to_string(),
                })
                .collect(),
        })
        .collect();
    Ok(render(&NumbersPage {
        title: format!("Numbers · {}", head.title),
        csv: format!("/api/quantities?story={}&format=csv", enc(&id)),
        head,
        quantities,
        width: charts::WIDTH,
    }))
}

struct EventRow {
    date: String,
    text: String,
    source: String,
    doc_href: String,
    sentence: String,
}

#[derive(Template)]
#[template(path = "timeline.html")]
struct TimelinePage {
    title: String,
    head: StoryHead,
    chart: Option<charts::TimelineChart>,
    events: Vec<EventRow>,
    width: f64,
    csv: String,
}

async fn timeline_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> PageResult {
    let view = state.view();
    let (idx, head) = story_head(&view, &id, "timeline")?;
    let docs: HashSet<&str> = view.story_docs(idx).map(|d| d.id.as_str()).collect();
    let mut events: Vec<_> = view
        .dossier
        .timeline
        .iter()
        .filter(|t| docs.contains(t.doc.as_str()))
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date));
    let dates: Vec<&str> = events.iter().map(|e| e.date.as_str()).collect();
    Ok(render(&TimelinePage {
        title: format!("Timeline · {}", head.title),
        chart: charts::timeline_chart(&dates),
        events: events
            .iter()
            .take(500)
            .map(|e| EventRow {
                date: e.date.clone(),
                text: e.text.clone(),
                source: view.doc_name(&e.doc),
                doc_href: doc_href(&e.doc),
                sentence: e.sentence.clone(),
            })
            .collect(),
        csv: format!("/api/timeline?story={}&format=csv", enc(&id)),
        head,
        width: charts::WIDTH,
    }))
}

struct EntityRow {
    name: String,
    kind: String,
    mentions: usize,
    docs: usize,
    aliases: String,
    with: Vec<(String, usize)>,
    sources: Vec<NameLink>,
}

#[derive(Template)]
#[template(path = "entities.html")]
struct EntitiesPage {
    title: String,
    head: StoryHead,
    entities: Vec<EntityRow>,
    csv: String,
}

async fn entities_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> PageResult {
    let view = state.view();
    let (idx, head) = story_head(&view, &id, "entities")?;
    let docs: HashSet<&str> = view.story_docs(idx).map(|d| d.id.as_str()).collect();
    let mut entities: Vec<(&crosscheck_core::EntityOut, HashSet<&str>)> = view
        .dossier
        .entities
        .iter()
        .filter_map(|e| {
            let in_story: HashSet<&str> = e
                .docs
                .iter()
                .map(String::as_str)
                .filter(|d| docs.contains(d))
                .collect();
            (!in_story.is_empty()).then_some((e, in_story))
        })
        .collect();
    entities.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then(b.0.mentions.cmp(&a.0.mentions))
    });
    entities.truncate(80);
    let rows = entities
        .iter()
        .map(|(e, e_docs)| {
            // Who is mentioned with whom: the entities sharing the most documents.
            let mut with: Vec<(String, usize)> = entities
                .iter()
                .filter(|(other, _)| other.name != e.name)
                .map(|(other, o_docs)| (other.name.clone(), e_docs.intersection(o_docs).count()))
                .filter(|(_, n)| *n > 0)
                .collect();
            with.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            with.truncate(5);
            let mut sources: Vec<String> = e_docs
                .iter()
                .filter_map(|d| view.source_of(d).map(str::to_string))
                .collect();
            sources.sort();
            sources.dedup();
            EntityRow {
                name: e.name.clone(),
                kind: format!("{:?}", e.kind).to_lowercase(),
                mentions: e.mentions,
                docs: e_docs.len(),
                aliases: e
                    .aliases
                    .iter()
                    .filter(|a| **a != e.name)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                with,
                sources: sources
                    .into_iter()
                    .take(8)
                    .map(|s| NameLink {
                        href: source_href(&s),
                        name: s,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(render(&EntitiesPage {
        title: format!("Entities · {}", head.title),
        csv: format!("/api/entities?story={}&format=csv", enc(&id)),
        head,
        entities: rows,
    }))
}

// ---------------------------------------------------------------------------
// Documents, sources, search
// ---------------------------------------------------------------------------

struct QuoteRow {
    speaker: String,
    text: String,
}

struct ClaimLink {
    text: String,
    href: String,
    status: &'static str,
    status_label: &'static str,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    title: String,
    source: Option<NameLink>,
    published: String,
    author: String,
    url: Option<String>,
    url_text: String,
    story: Option<NameLink>,
    copy_of: Option<String>,
    segments: Vec<highlight::Segment>,
    claims: Vec<ClaimLink>,
    quotes: Vec<QuoteRow>,
    entities: Vec<String>,
}

async fn document_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> PageResult {
    let view = state.view();
    let missing = || ApiError::not_found(format!("no document with id {id:?}"));
    let (Some(doc_idx), Some(doc)) = (view.doc_index(&id), view.document(&id)) else {
        return Err(missing().into());
    };
    let stored = state
        .store()
        .document(&id)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(missing)?;
    let analysis = state
        .store()
        .analysis(&id, ANALYZER_VERSION)
        .await
        .map_err(ApiError::from)?;
    let story = view
        .story_index(&doc.story)
        .and_then(|i| view.dossier.stories.get(i))
        .map(|s| NameLink {
            name: s.title.clone(),
            href: story_href(&s.id),
        });
    Ok(render(&DocumentPage {
        title: doc.title.clone().unwrap_or_else(|| view.doc_name(&id)),
        source: view.source_of(&id).map(|s| NameLink {
            name: s.to_string(),
            href: source_href(s),
        }),
        published: doc.published.clone().unwrap_or_default(),
        author: doc.author.clone().unwrap_or_default(),
        url: doc.url.as_deref().and_then(safe_url),
        url_text: doc.url.clone().unwrap_or_default(),
        story,
        copy_of: doc.duplicate_of.as_deref().map(doc_href),
        segments: highlight::segments(&stored.text, analysis.as_ref()),
        claims: view
            .doc_claims(doc_idx)
            .take(100)
            .map(|c| ClaimLink {
                text: c.text.clone(),
                href: format!("{}#claim-{}", story_href(&c.story), c.id),
                status: c.status.as_str(),
                status_label: c.status.label(),
            })
            .collect(),
        quotes: view
            .dossier
            .quotes
            .iter()
            .filter(|q| q.doc == id)
            .map(|q| QuoteRow {
                speaker: q.speaker.clone().unwrap_or_else(|| "unnamed".to_string()),
                text: q.text.clone(),
            })
            .collect(),
        entities: view
            .dossier
            .entities
            .iter()
            .filter(|e| e.docs.contains(&id))
            .map(|e| e.name.clone())
            .collect(),
    }))
}

struct SourceRow {
    name: String,
    href: String,
    documents: usize,
    attributed: String,
    hedged: String,
    opinion: String,
    corroborated: usize,
    unconfirmed: usize,
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

fn source_row(s: &crosscheck_core::SourceProfile) -> SourceRow {
    SourceRow {
        name: s.name.clone(),
        href: source_href(&s.name),
        documents: s.documents.len(),
        attributed: pct(s.attributed_share),
        hedged: pct(s.hedged_share),
        opinion: pct(s.opinion_share),
        corroborated: s.corroborated_claims,
        unconfirmed: s.unconfirmed_claims,
    }
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    title: String,
    sources: Vec<SourceRow>,
}

async fn sources_page(State(state): State<AppState>) -> PageResult {
    let view = state.view();
    let mut sources: Vec<_> = view.dossier.sources.iter().collect();
    sources.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(render(&SourcesPage {
        title: "Sources".to_string(),
        sources: sources.into_iter().take(1000).map(source_row).collect(),
    }))
}

/// One share of a source profile, as a bar.
struct ShareBar {
    label: &'static str,
    value: String,
    width: f64,
}

struct DocRow {
    title: String,
    href: String,
    published: String,
}

#[derive(Template)]
#[template(path = "source.html")]
struct SourcePage {
    title: String,
    row: SourceRow,
    shares: Vec<ShareBar>,
    sentences: usize,
    cited: String,
    documents: Vec<DocRow>,
    claims: Vec<ClaimLink>,
}

async fn source_page(State(state): State<AppState>, ApiPath(name): ApiPath<String>) -> PageResult {
    let view = state.view();
    let profile = view
        .source_index(&name)
        .and_then(|i| view.dossier.sources.get(i))
        .ok_or_else(|| ApiError::not_found(format!("no source named {name:?}")))?;
    let shares = [
        ("attributed", profile.attributed_share),
        ("hedged", profile.hedged_share),
        ("opinion", profile.opinion_share),
        ("first person", profile.first_person_share),
        ("boilerplate", profile.boilerplate_share),
    ]
    .into_iter()
    .map(|(label, x)| ShareBar {
        label,
        value: pct(x),
        width: (x.clamp(0.0, 1.0) * 300.0).max(1.0),
    })
    .collect();
    let mut claims = Vec::new();
    for doc in &profile.documents {
        if let Some(doc_idx) = view.doc_index(doc) {
            for c in view.doc_claims(doc_idx) {
                if claims.len() < 50 && !claims.iter().any(|l: &ClaimLink| l.href.ends_with(&c.id))
                {
                    claims.push(ClaimLink {
                        text: c.text.clone(),
                        href: format!("{}#claim-{}", story_href(&c.story), c.id),
                        status: c.status.as_str(),
                        status_label: c.status.label(),
                    });
                }
            }
        }
    }
    Ok(render(&SourcePage {
        title: profile.name.clone(),
        row: source_row(profile),
        shares,
        sentences: profile.sentences,
        cited: profile.cited_sources.join(", "),
        documents: profile
            .documents
            .iter()
            .take(200)
            .filter_map(|d| view.document(d))
            .map(|d| DocRow {
                title: d.title.clone().unwrap_or_else(|| d.path.clone()),
                href: doc_href(&d.id),
                published: d.published.clone().unwrap_or_default(),
            })
            .collect(),
        claims,
    }))
}

#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    q: Option<String>,
    page: Option<usize>,
}

struct HitView {
    title: String,
    href: String,
    source: String,
    /// The snippet cut into (text, matched) pieces.
    snippet: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    q: String,
    total: u64,
    hits: Vec<HitView>,
    prev: Option<String>,
    next: Option<String>,
    csv: String,
}

const HITS_PER_PAGE: usize = 20;

async fn search_page(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> PageResult {
    let q = params.q.unwrap_or_default();
    let page = params.page.unwrap_or(1).max(1);
    let (hits, total) = if q.trim().is_empty() {
        (Vec::new(), 0)
    } else {
        run_search(&state, &q, page, HITS_PER_PAGE).await?
    };
    let view = state.view();
    let link = |p: usize| format!("/search?q={}&page={p}", enc(&q));
    let shown = (page * HITS_PER_PAGE) as u64;
    Ok(render(&SearchPage {
        title: if q.is_empty() {
            "Search".to_string()
        } else {
            format!("Search: {q}")
        },
        prev: (page > 1).then(|| link(page - 1)),
        next: (shown < total).then(|| link(page + 1)),
        csv: format!("/api/search?q={}&per_page=500&format=csv", enc(&q)),
        hits: hits
            .into_iter()
            .map(|h| HitView {
                title: h.title.clone().unwrap_or_else(|| view.doc_name(&h.id)),
                href: doc_href(&h.id),
                source: h.source.clone().unwrap_or_default(),
                snippet: marked(&h.snippet),
            })
            .collect(),
        q,
        total,
    }))
}

/// Splits a snippet at the store's `[`…`]` match markers.
fn marked(snippet: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = snippet;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| c + open) else {
            break;
        };
        out.push((rest[..open].to_string(), false));
        out.push((rest[open + 1..close].to_string(), true));
        rest = &rest[close + 1..];
    }
    out.push((rest.to_string(), false));
    out.retain(|(s, _)| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_url("https://example.com/a").as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt://x"), None);
        assert_eq!(safe_url("http://exa mple.com"), None);
    }

    #[test]
    fn snippets_split_at_markers() {
        assert_eq!(
            marked("a [troops] b [x"),
            vec![
                ("a ".to_string(), false),
                ("troops".to_string(), true),
                (" b [x".to_string(), false)
            ]
        );
    }
}
