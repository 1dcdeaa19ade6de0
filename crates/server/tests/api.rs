//! Every endpoint through `app().oneshot(…)`, without a socket: reads,
//! exports, writes, and bad input (unknown ids, malformed JSON, oversized
//! bodies, missing or wrong token) answered with one JSON error shape and
//! nothing stored.

mod common;

use axum::http::StatusCode;
use common::{HOSTILE, TOKEN, app_with, get, post_json, seeded, send, upload};

/// The claim the seed case is about, found by one of its evidence sentences.
fn troops_claim(claims: &serde_json::Value) -> serde_json::Value {
    claims["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["evidence"].as_array().unwrap().iter().any(|e| {
                e["sentence"]
                    .as_str()
                    .unwrap()
                    .contains("I can confirm that North Korean troops")
            })
        })
        .cloned()
        .expect("a claim with Rutte's confirmation as evidence")
}

#[tokio::test]
async fn reads_cover_the_seed_dossier() {
    let (app, story) = seeded().await;

    let stories = get(&app, "/api/stories").await.json();
    assert_eq!(stories["total"], 1);
    assert_eq!(stories["items"][0]["documents"], 5);

    let detail = get(&app, &format!("/api/stories/{story}?per_page=5"))
        .await
        .json();
    assert_eq!(detail["documents"], 5);
    assert_eq!(detail["claims"]["items"].as_array().unwrap().len(), 5);
    assert!(
        detail["status_counts"]["corroborated"].as_u64().unwrap() >= 1,
        "{detail}"
    );

    let claims = get(&app, &format!("/api/claims?story={story}&all=true"))
        .await
        .json();
    let troops = troops_claim(&claims);
    assert_eq!(troops["status"], "corroborated", "{troops}");
    assert!(
        !troops["denied_by"].as_array().unwrap().is_empty(),
        "{troops}"
    );
    let claim_id = troops["id"].as_str().unwrap();
    assert_eq!(
        get(&app, &format!("/api/claims/{claim_id}")).await.json()["id"],
        claim_id
    );
    let corroborated = get(&app, "/api/claims?status=corroborated&all=true")
        .await
        .json();
    assert!(
        corroborated["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "corroborated")
    );
    assert!(corroborated["total"].as_u64().unwrap() < claims["total"].as_u64().unwrap());

    let docs = get(&app, "/api/documents").await.json();
    assert_eq!(docs["total"], 5);
    let doc_id = docs["items"][1]["id"].as_str().unwrap();
    let doc = get(&app, &format!("/api/documents/{doc_id}")).await.json();
    assert!(doc["text"].as_str().unwrap().len() > 200);
    assert!(!doc["claims"].as_array().unwrap().is_empty());
    let dated = get(&app, "/api/documents?from=2024-10&to=2024-10")
        .await
        .json();
    assert!(dated["total"].as_u64().unwrap() >= 1);
    assert_eq!(
        get(&app, "/api/documents?from=2030").await.json()["total"],
        0
    );

    let sources = get(&app, "/api/sources?all=true").await.json();
    let source = sources["items"][0]["name"].as_str().unwrap().to_string();
    let encoded: String = source.bytes().map(|b| format!("%{b:02X}")).collect();
    assert_eq!(
        get(&app, &format!("/api/sources/{encoded}")).await.json()["name"],
        source.as_str()
    );
    let by_source = get(&app, &format!("/api/documents?source={encoded}"))
        .await
        .json();
    assert!(by_source["total"].as_u64().unwrap() >= 1 && by_source["total"].as_u64().unwrap() < 5);

    let quantities = get(
        &app,
        &format!("/api/quantities?story={story}&disagree=true"),
    )
    .await
    .json();
    assert!(
        quantities["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["text"] == "troops"),
        "{quantities}"
    );
    assert!(
        get(&app, "/api/quotes").await.json()["total"]
            .as_u64()
            .unwrap()
            >= 3
    );
    let people = get(&app, "/api/entities?type=person&all=true").await.json();
    assert!(
        people["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Mark Rutte"),
        "{people}"
    );
    let with_rutte = get(&app, "/api/documents?entity=mark%20rutte").await.json();
    assert!(with_rutte["total"].as_u64().unwrap() >= 1);
    assert!(
        get(&app, "/api/timeline").await.json()["total"]
            .as_u64()
            .unwrap()
            >= 1
    );

    let hits = get(&app, "/api/search?q=Rutte%20troops").await.json();
    assert!(hits["total"].as_u64().unwrap() >= 1);
    assert!(hits["items"][0]["snippet"].as_str().unwrap().contains('['));
    assert_eq!(
        get(&app, "/api/search?q=zzyzxnotaword").await.json()["total"],
        0
    );
}

#[tokio::test]
async fn lists_export_as_csv_and_dossiers_download() {
    let (app, story) = seeded().await;
    let csv = get(&app, &format!("/api/claims?story={story}&format=csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.body.starts_with("id,story,status,independent_origins"));
    let rows = csv.body.lines().count();
    let total = get(&app, &format!("/api/claims?story={story}"))
        .await
        .json()["total"]
        .as_u64()
        .unwrap();
    assert!(
        rows as u64 > total,
        "a header and at least one line per claim"
    );
    for list in [
        "stories",
        "documents",
        "quantities",
        "quotes",
        "entities",
        "sources",
        "timeline",
    ] {
        let answer = get(&app, &format!("/api/{list}?format=csv")).await;
        assert_eq!(answer.status, StatusCode::OK, "{list}");
        assert!(answer.body.lines().count() >= 2, "{list}: {}", answer.body);
    }
    assert!(
        get(&app, "/api/search?q=troops&format=csv")
            .await
            .body
            .starts_with("id,source,title")
    );

    let md = get(
        &app,
        &format!("/api/stories/{story}/dossier?format=markdown"),
    )
    .await;
    assert!(md.content_type.starts_with("text/markdown") && md.body.contains("North Korea"));
    let html = get(&app, &format!("/api/stories/{story}/dossier?format=html")).await;
    assert!(html.body.starts_with("<!DOCTYPE html>") && !html.csp.contains("script"));
    let json = get(&app, &format!("/api/stories/{story}/dossier"))
        .await
        .json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["documents"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn csv_cells_never_start_a_formula() {
    let app = app_with(Some(TOKEN), 1 << 20).await;
    let body = r#"{"articles": [{"text": "=HYPERLINK(\"http://x\") is what the post said about troops.", "title": "=1+1"}]}"#;
    assert_eq!(
        post_json(&app, "/api/articles", Some(TOKEN), body)
            .await
            .status,
        StatusCode::OK
    );
    let csv = get(&app, "/api/documents?format=csv").await.body;
    assert!(csv.contains("'=1+1"), "{csv}");
    assert!(
        !csv.lines()
            .any(|l| l.split(',').any(|cell| cell.starts_with('='))),
        "{csv}"
    );
}

#[tokio::test]
async fn unknown_ids_are_404_in_the_error_shape() {
    let (app, story) = seeded().await;
    for uri in [
        "/api/stories/nope".to_string(),
        "/api/stories/nope/dossier".to_string(),
        "/api/documents/0000000000000000".to_string(),
        "/api/claims/nope".to_string(),
        "/api/sources/No%20Such%20Outlet".to_string(),
        "/api/no-such-endpoint".to_string(),
    ] {
        let message = get(&app, &uri).await.error(StatusCode::NOT_FOUND);
        assert!(!message.is_empty(), "{uri}");
    }
    // Filters that match nothing are an empty list, not an error.
    assert_eq!(get(&app, "/api/claims?story=nope").await.json()["total"], 0);
    let wrong_method = send(
        &app,
        axum::http::Request::delete(format!("/api/stories/{story}"))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    wrong_method.error(StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn bad_query_values_are_400() {
    let (app, _) = seeded().await;
    for uri in [
        "/api/claims?page=0",
        "/api/claims?per_page=100000",
        "/api/claims?page=minus",
        "/api/claims?status=probably",
        "/api/documents?from=yesterday",
        "/api/entities?type=planet",
        "/api/claims?format=xml",
        "/api/search",
        "/api/stories/x/dossier?format=pdf",
    ] {
        let message = get(&app, uri).await.error(StatusCode::BAD_REQUEST);
        assert!(!message.is_empty(), "{uri}");
    }
}

#[tokio::test]
async fn writes_need_the_token_and_bad_bodies_store_nothing() {
    let app = app_with(Some(TOKEN), 4096).await;
    let article = r#"{"articles": [{"text": "Officials said the bridge reopened on Monday.", "source": "Wire"}]}"#;
    let count = |app| async move {
        get(&app, "/api/documents").await.json()["total"]
            .as_u64()
            .unwrap()
    };

    assert!(
        post_json(&app, "/api/articles", None, article)
            .await
            .error(StatusCode::UNAUTHORIZED)
            .contains("Bearer")
    );
    assert!(
        post_json(
            &app,
            "/api/articles",
            Some("wrong-token-0123456789"),
            article
        )
        .await
        .error(StatusCode::UNAUTHORIZED)
        .contains("wrong")
    );
    send(
        &app,
        upload(
            &[(
                "a.txt".to_string(),
                b"Officials said the bridge reopened.".to_vec(),
            )],
            None,
        ),
    )
    .await
    .error(StatusCode::UNAUTHORIZED);
    // Refused before the body is read: a malformed body without a token is still a 401.
    post_json(&app, "/api/articles", None, "{not json")
        .await
        .error(StatusCode::UNAUTHORIZED);

    assert!(
        post_json(&app, "/api/articles", Some(TOKEN), "{not json")
            .await
            .error(StatusCode::BAD_REQUEST)
            .contains("JSON")
    );
    post_json(
        &app,
        "/api/articles",
        Some(TOKEN),
        r#"{"articles": [{"txet": "typo"}]}"#,
    )
    .await
    .error(StatusCode::BAD_REQUEST);
    post_json(&app, "/api/articles", Some(TOKEN), r#"{"articles": []}"#)
        .await
        .error(StatusCode::BAD_REQUEST);
    let big = format!(
        r#"{{"articles": [{{"text": "{}"}}]}}"#,
        "troops ".repeat(2000)
    );
    post_json(&app, "/api/articles", Some(TOKEN), &big)
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE);
    send(
        &app,
        upload(
            &[("big.txt".to_string(), "troops ".repeat(2000).into_bytes())],
            Some(TOKEN),
        ),
    )
    .await
    .error(StatusCode::PAYLOAD_TOO_LARGE);
    let not_json = send(
        &app,
        axum::http::Request::post("/api/articles")
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("content-type", "text/plain")
            .body(axum::body::Body::from(article))
            .unwrap(),
    )
    .await;
    not_json.error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(count(app.clone()).await, 0, "nothing was stored");

    let ok = post_json(&app, "/api/articles", Some(TOKEN), article).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json()["new"], 1);
    let again = post_json(&app, "/api/articles", Some(TOKEN), article)
        .await
        .json();
    assert_eq!(
        (again["read"].as_u64(), again["new"].as_u64()),
        (Some(1), Some(0)),
        "same text, same document"
    );
    assert_eq!(count(app.clone()).await, 1);
}

#[tokio::test]
async fn unreadable_articles_are_reported_and_the_rest_stored() {
    let app = app_with(Some(TOKEN), 1 << 20).await;
    let body = r#"{"articles": [{"text": "   "}, {"text": "Officials said the bridge reopened on Monday."}]}"#;
    let report = post_json(&app, "/api/articles", Some(TOKEN), body)
        .await
        .json();
    assert_eq!(report["new"], 1, "{report}");
    assert_eq!(report["skipped"][0]["input"], "articles[0]", "{report}");
    let upload_report = send(
        &app,
        upload(
            &[
                ("bin.txt".to_string(), vec![0, 159, 146, 150, 0, 0, 1]),
                (
                    "ok.txt".to_string(),
                    b"Troops crossed the border at dawn, officials said.".to_vec(),
                ),
            ],
            Some(TOKEN),
        ),
    )
    .await
    .json();
    assert_eq!(upload_report["new"], 1, "{upload_report}");
    assert_eq!(
        upload_report["skipped"][0]["input"], "bin.txt",
        "{upload_report}"
    );
}

#[tokio::test]
async fn a_server_without_token_is_read_only() {
    let app = app_with(None, 1 << 20).await;
    let message = post_json(
        &app,
        "/api/articles",
        Some(TOKEN),
        r#"{"articles": [{"text": "x y z"}]}"#,
    )
    .await
    .error(StatusCode::FORBIDDEN);
    assert!(message.contains("read-only"));
    assert_eq!(get(&app, "/api/documents").await.json()["total"], 0);
}

#[tokio::test]
async fn openapi_describes_every_api_route_and_each_answers() {
    let (app, story) = seeded().await;
    let spec = get(&app, "/openapi.json").await.json();
    let paths: Vec<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    let expected = [
        "/api/stories",
        "/api/stories/{id}",
        "/api/stories/{id}/dossier",
        "/api/documents",
        "/api/documents/{id}",
        "/api/claims",
        "/api/claims/{id}",
        "/api/quantities",
        "/api/quotes",
        "/api/entities",
        "/api/sources",
        "/api/sources/{name}",
        "/api/timeline",
        "/api/search",
        "/api/articles",
        "/api/articles/upload",
    ];
    let mut sorted = paths.clone();
    sorted.sort();
    let mut want: Vec<String> = expected.iter().map(|p| p.to_string()).collect();
    want.sort();
    assert_eq!(
        sorted, want,
        "the description lists exactly the API's routes"
    );
    assert!(spec["components"]["schemas"]["ErrorBody"].is_object());
    assert_eq!(
        crosscheck_server::openapi().paths.paths.len(),
        expected.len()
    );

    // Each described GET route is served (ids filled in from the dossier).
    let doc = get(&app, "/api/documents").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let claim = get(&app, "/api/claims").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let source = percent_encoding::utf8_percent_encode(
        get(&app, "/api/sources").await.json()["items"][0]["name"]
            .as_str()
            .unwrap(),
        percent_encoding::NON_ALPHANUMERIC,
    )
    .to_string();
    for path in &paths {
        let methods = spec["paths"][path].as_object().unwrap();
        if !methods.contains_key("get") {
            assert!(methods.contains_key("post"), "{path}");
            continue;
        }
        let uri = path
            .replace("/stories/{id}", &format!("/stories/{story}"))
            .replace("/documents/{id}", &format!("/documents/{doc}"))
            .replace("/claims/{id}", &format!("/claims/{claim}"))
            .replace("{name}", &source);
        let uri = if uri.ends_with("/search") {
            format!("{uri}?q=troops")
        } else {
            uri
        };
        let answer = get(&app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
    }
}

#[tokio::test]
async fn pages_render_with_a_strict_policy_and_escape_article_text() {
    let (app, story) = seeded().await;
    let hostile = post_json(&app, "/api/articles", Some(TOKEN), HOSTILE)
        .await
        .json();
    let hostile_id = hostile["documents"][0].as_str().unwrap().to_string();
    let doc = get(&app, "/api/documents").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let source = percent_encoding::utf8_percent_encode(
        get(&app, "/api/sources").await.json()["items"][0]["name"]
            .as_str()
            .unwrap(),
        percent_encoding::NON_ALPHANUMERIC,
    )
    .to_string();
    for uri in [
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/stories/{story}?status=corroborated&page=1"),
        format!("/stories/{story}/matrix"),
        format!("/stories/{story}/numbers"),
        format!("/stories/{story}/timeline"),
        format!("/stories/{story}/entities"),
        format!("/documents/{doc}"),
        format!("/documents/{hostile_id}"),
        "/sources".to_string(),
        format!("/sources/{source}"),
        "/search?q=troops".to_string(),
        "/search?q=%3Cscript%3E".to_string(),
    ] {
        let page = get(&app, &uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
        assert!(page.content_type.starts_with("text/html"), "{uri}");
        assert_eq!(page.csp, crosscheck_server::CSP, "{uri}");
        assert!(
            !page.body.contains("<script"),
            "{uri}: markup from an article reached the page"
        );
        assert!(
            !page.body.contains("href=\"javascript:"),
            "{uri}: a javascript: url became a link"
        );
        assert!(!page.body.contains("<img src=x"), "{uri}");
    }
    let page = get(&app, &format!("/documents/{hostile_id}")).await.body;
    assert!(
        page.contains("&#60;script&#62;"),
        "the script shows as text"
    );
    assert!(
        page.contains("&#60;img src=x"),
        "the image tag shows as text"
    );
    let story_page = get(&app, &format!("/stories/{story}")).await.body;
    assert!(story_page.contains("corroborated") && story_page.contains("Denied by"));
    // Statuses in plain words, with what each term means where it is shown.
    assert!(
        story_page.contains("<p class=\"status-line\">"),
        "{story_page}"
    );
    assert!(story_page.contains("What the statuses mean"));
    assert!(story_page.contains("asserted by two or more independent origins"));
    let css = get(&app, "/static/style.css").await;
    assert!(css.content_type.starts_with("text/css") && css.body.contains(".chip"));
    let missing = get(&app, "/stories/nope").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.content_type.starts_with("text/html") && missing.body.contains("no story with id")
    );
    assert_eq!(
        get(&app, "/no/such/page").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Ingests fold into what the server linked before: articles posted one by
/// one give the dossier that posting them together gives.
#[tokio::test]
async fn articles_posted_one_by_one_give_the_dossier_of_one_ingest() {
    let articles = [
        r#"{"title": "A", "source": "Oslo Post", "text": "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday."}"#,
        r#"{"title": "B", "source": "Fed Watch", "text": "The Federal Reserve cut its benchmark rate by half a point, Jerome Powell said."}"#,
        r#"{"title": "C", "source": "Swedish Radio", "text": "Up to 10,000 Norwegian troops have been sent to Sweden, according to Swedish radio."}"#,
    ];
    let one_by_one = app_with(Some(TOKEN), 1024 * 1024).await;
    for a in &articles {
        let answer = post_json(
            &one_by_one,
            "/api/articles",
            Some(TOKEN),
            &format!(r#"{{"articles": [{a}]}}"#),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
    let together = app_with(Some(TOKEN), 1024 * 1024).await;
    let answer = post_json(
        &together,
        "/api/articles",
        Some(TOKEN),
        &format!(r#"{{"articles": [{}]}}"#, articles.join(",")),
    )
    .await;
    assert_eq!(answer.json()["new"], 3, "{}", answer.body);
    // Paths name the line of each request's input, so they differ.
    let without_paths = |mut v: serde_json::Value| {
        for item in v["items"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("path");
        }
        v
    };
    for list in ["stories", "claims", "documents", "sources"] {
        let a = get(&one_by_one, &format!("/api/{list}?all=true"))
            .await
            .json();
        let b = get(&together, &format!("/api/{list}?all=true"))
            .await
            .json();
        assert_eq!(without_paths(a), without_paths(b), "{list}");
    }
    let claims = get(&one_by_one, "/api/claims?all=true").await.json();
    let troops = claims["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["evidence"].as_array().unwrap().len() == 2)
        .unwrap_or_else(|| panic!("the two troop reports in one claim: {claims}"));
    assert_eq!(troops["independent_origins"].as_array().unwrap().len(), 2);
}
