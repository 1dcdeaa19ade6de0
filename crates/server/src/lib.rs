//! crosscheck-server: the analyst's desk. The dossier of a store as a JSON
//! API (`/api/…`, described at `/openapi.json`) and as server-rendered pages.
//!
//! Design decisions:
//! * **Server-rendered HTML, no JavaScript.** Pages are askama templates;
//!   charts are inline SVG computed on the server; interaction is plain HTML
//!   (`<details>`, links, GET forms). Every page is therefore usable without
//!   script, and the Content-Security-Policy can forbid script outright.
//! * **Article text is untrusted.** Templates escape every value; links are
//!   made only from `http`/`https` urls; the CSP (`default-src 'none'`) is a
//!   second line of defence; CSV cells that a spreadsheet would run as a
//!   formula are defused.
//! * **The dossier lives in memory** ([`view::View`]), decoded once and
//!   swapped after each ingest, so reads never wait on the store's JSON.
//! * **Writes need a token** given at start-up (`Authorization: Bearer …`);
//!   without one the server is read-only. Ingest runs the same pipeline as
//!   `crosscheck analyze`, one write at a time.
//! * **One error shape** ([`ApiError`]) for every API failure.

mod api;
mod error;
mod export;
mod pipeline;
mod ui;
mod view;

use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use crosscheck_queue::link::LinkState;
use crosscheck_store::{Store, StoreError};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::{ApiError, ErrorBody};

use view::View;

/// The Content-Security-Policy of every page: no script at all, styles and
/// images only from this server (and `data:` images), forms only to it.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How the server runs, decided at start-up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The token writes must carry (`Authorization: Bearer TOKEN`); `None`
    /// makes the server read-only.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes (larger ones get a 413).
    pub max_body_bytes: usize,
    /// How articles from a request are read: largest article in bytes and
    /// deepest HTML built (as `analyze --max-bytes --max-depth`).
    pub read: crosscheck_ingest::Options,
    /// What one article may cost the analysis (as `analyze --max-sentences
    /// --budget`): one past it is stored, skipped with the reason.
    pub limits: crosscheck_core::analyze::Limits,
}

/// What every handler shares: the store, the settings and the dossier in
/// memory. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    settings: Settings,
    view: RwLock<Arc<View>>,
    /// Ingests run one at a time, each folding what it stored into the
    /// linker kept here.
    writer: tokio::sync::Mutex<LinkState>,
}

impl AppState {
    /// Loads the stored dossier (an empty one if the store has none yet).
    pub async fn new(store: Store, settings: Settings) -> Result<AppState, StoreError> {
        let dossier = store
            .dossier()
            .await?
            .unwrap_or_else(|| crosscheck_core::Dossier {
                version: crosscheck_core::DOSSIER_VERSION,
                ..Default::default()
            });
        Ok(AppState {
            inner: Arc::new(Inner {
                store,
                settings,
                view: RwLock::new(Arc::new(View::new(dossier))),
                writer: tokio::sync::Mutex::new(LinkState::default()),
            }),
        })
    }

    pub(crate) fn view(&self) -> Arc<View> {
        // A panic while swapping cannot leave a half-written Arc behind, so a
        // poisoned lock still holds a whole view.
        Arc::clone(
            &self
                .inner
                .view
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    pub(crate) fn set_view(&self, view: View) {
        *self
            .inner
            .view
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(view);
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub(crate) fn writer(&self) -> &tokio::sync::Mutex<LinkState> {
        &self.inner.writer
    }
}

/// The whole application: API, OpenAPI description, pages and assets, with
/// the security headers, the body limit and panic catching around it.
pub fn app(state: AppState) -> Router {
    let (api_routes, openapi) = api::router().split_for_parts();
    let openapi_json = Arc::new(openapi.to_json().unwrap_or_else(|_| "{}".to_string()));
    let limit = state.settings().max_body_bytes;
    Router::new()
        .merge(api_routes)
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let json = Arc::clone(&openapi_json);
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        json.as_str().to_owned(),
                    )
                }
            }),
        )
        .merge(ui::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(limit))
        .layer(CatchPanicLayer::custom(
            |_panic: Box<dyn std::any::Any + Send>| {
                ApiError::internal(&"a handler panicked").into_response()
            },
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
}

/// The OpenAPI description served at `/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().split_for_parts().1
}

/// Unknown paths: the API's JSON error under `/api`, a page elsewhere.
async fn not_found(uri: Uri) -> Response {
    let message = format!("nothing at {}", uri.path());
    if is_api(&uri) {
        ApiError::not_found(message).into_response()
    } else {
        ui::error_page(StatusCode::NOT_FOUND, &message)
    }
}

async fn method_not_allowed(uri: Uri) -> Response {
    let message = format!("this method is not allowed on {}", uri.path());
    if is_api(&uri) {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, message).into_response()
    } else {
        ui::error_page(StatusCode::METHOD_NOT_ALLOWED, &message)
    }
}

fn is_api(uri: &Uri) -> bool {
    uri.path().starts_with("/api/") || uri.path() == "/api"
}
