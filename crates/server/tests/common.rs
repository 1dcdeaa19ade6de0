//! Helpers shared by the server's test targets: an app over an in-memory
//! store, requests without a socket, and the seed articles as an upload.

#![allow(dead_code, reason = "each test target uses a part of these helpers")]

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use crosscheck_server::{AppState, Settings, app};
use crosscheck_store::Store;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token-0123456789";

/// A fresh app over an in-memory store.
pub async fn app_with(token: Option<&str>, max_body_bytes: usize) -> Router {
    let store = Store::open(":memory:").await.unwrap();
    let settings = Settings {
        token: token.map(str::to_string),
        max_body_bytes,
        read: crosscheck_ingest::Options {
            max_bytes: 1024 * 1024,
            ..Default::default()
        },
        limits: Default::default(),
    };
    app(AppState::new(store, settings).await.unwrap())
}

/// An answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub csp: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts the API's one error shape with `status`, and returns its message.
    pub fn error(&self, status: StatusCode) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        let json = self.json();
        assert_eq!(json["error"]["status"], status.as_u16(), "{}", self.body);
        assert!(json["error"]["code"].is_string(), "{}", self.body);
        json["error"]["message"].as_str().unwrap().to_string()
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let header_of = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let content_type = header_of(header::CONTENT_TYPE);
    let csp = header_of(header::CONTENT_SECURITY_POLICY);
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Answer {
        status,
        content_type,
        csp,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_json(app: &Router, uri: &str, token: Option<&str>, body: &str) -> Answer {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(app, request.body(Body::from(body.to_string())).unwrap()).await
}

const BOUNDARY: &str = "crosscheck-test-boundary-7MA4YWxk";

/// A multipart/form-data upload of (file name, content).
pub fn upload(files: &[(String, Vec<u8>)], token: Option<&str>) -> Request<Body> {
    let mut body = Vec::new();
    for (name, content) in files {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut request = Request::post("/api/articles/upload").header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::from(body)).unwrap()
}

/// The five seed articles of `examples/seeds/`.
pub fn seed_files() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        5,
        "examples/seeds holds the five seed articles"
    );
    files
}

/// An article written to attack the pages: markup and script in every field.
pub const HOSTILE: &str = r#"{"articles": [{
  "title": "<script>window.__pwned = 1; document.title = 'pwned'</script> Troop report",
  "source": "Evil <b>Outlet</b>",
  "url": "javascript:window.__pwned=1",
  "published": "2024-10-24",
  "text": "North Korea has sent troops to Russia, officials said. <script>window.__pwned = 1; document.title = 'pwned';</script>\n\nSee <img src=x onerror=\"window.__pwned=1;document.title='pwned'\"> and <a href=\"javascript:window.__pwned=1\">this link</a> for the video.\n\n\"We deny everything,\" said <b onmouseover=alert(1)>a spokesman</b>."
}]}"#;

/// An app holding the seed articles, and the id of their story.
pub async fn seeded() -> (Router, String) {
    let app = app_with(Some(TOKEN), 4 * 1024 * 1024).await;
    let answer = send(&app, upload(&seed_files(), Some(TOKEN))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["new"], 5, "{}", answer.body);
    let stories = get(&app, "/api/stories").await.json();
    let id = stories["items"][0]["id"].as_str().unwrap().to_string();
    (app, id)
}
