//! End to end in headless Chromium (Debian's `chromium` + `chromedriver`),
//! driven over WebDriver with fantoccini: the seed story as an analyst sees
//! it, and a hostile article that must not run anything.
//!
//! Without chromedriver the test prints that it skipped, unless
//! `CROSSCHECK_REQUIRE_BROWSER=1` (set by CI), where it fails. Screenshots of
//! the main pages go to `$CARGO_TARGET_DIR/screenshots` (else
//! `target/screenshots`).

mod common;

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{HOSTILE, TOKEN, post_json, seeded};
use fantoccini::{Client, ClientBuilder, Locator};

/// Kills chromedriver when the test ends, whichever way.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shoot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

/// Runs `script` in the page and returns its JSON result.
async fn js(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, Vec::new()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_reads_the_seed_story_in_chromium() {
    let required = std::env::var("CROSSCHECK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let (Some(chromedriver), Some(chromium)) = (
        find_program(&["chromedriver"]),
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
    ) else {
        assert!(
            !required,
            "CROSSCHECK_REQUIRE_BROWSER=1 but chromedriver or chromium is not installed (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "skipped: chromedriver or chromium not found (apt-get install chromium chromium-driver)"
        );
        return;
    };

    // The server: the seed articles and one hostile article, on a free port.
    let (app, story) = seeded().await;
    let hostile = post_json(&app, "/api/articles", Some(TOKEN), HOSTILE)
        .await
        .json();
    let hostile_id = hostile["documents"][0].as_str().unwrap().to_string();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // The browser.
    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_string(),
        serde_json::json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400"]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();

    let result = walk(&client, &base, &story, &hostile_id).await;
    client.close().await.unwrap();
    result.unwrap();
}

async fn walk(
    client: &Client,
    base: &str,
    story: &str,
    hostile_id: &str,
) -> Result<(), fantoccini::error::CmdError> {
    // The stories list, then the story.
    client.goto(&format!("{base}/")).await?;
    shoot(client, "stories").await;
    client
        .find(Locator::Css("a.story-link"))
        .await?
        .click()
        .await?;
    client.wait().for_element(Locator::Css("li.claim")).await?;
    assert!(
        client
            .current_url()
            .await?
            .path()
            .ends_with(&format!("/stories/{story}"))
    );

    // The claim "North Korea has sent troops to Russia": corroborated, its denial visible.
    let claim = client
        .find(Locator::XPath("//li[contains(@class,'claim')][.//q[contains(., 'I can confirm that North Korean troops')]]"))
        .await?;
    let chip = claim.find(Locator::Css(".claim-head .chip")).await?;
    assert_eq!(chip.text().await?.to_lowercase(), "corroborated");
    let denial = claim.find(Locator::Css(".denied-by")).await?;
    assert!(denial.is_displayed().await?);
    assert!(
        denial.text().await?.starts_with("Denied by:"),
        "{}",
        denial.text().await?
    );

    // Its evidence opens sentence by sentence.
    let evidence = claim
        .find(Locator::XPath(
            ".//q[contains(., 'I can confirm that North Korean troops')]",
        ))
        .await?;
    assert!(!evidence.is_displayed().await?, "evidence starts folded");
    claim
        .find(Locator::Css("details.evidence summary"))
        .await?
        .click()
        .await?;
    assert!(evidence.is_displayed().await?, "evidence shows once opened");
    let sentences = claim
        .find_all(Locator::Css("details.evidence li.ev"))
        .await?;
    assert!(
        sentences.len() >= 3,
        "{} evidence sentences",
        sentences.len()
    );
    js(
        client,
        "document.querySelector('details[open]').scrollIntoView()",
    )
    .await;
    shoot(client, "story-evidence").await;

    // A source page, from the evidence.
    let source_link = claim
        .find(Locator::Css("details.evidence a.source-link"))
        .await?;
    let source_name = source_link.text().await?;
    source_link.click().await?;
    client
        .wait()
        .for_element(Locator::Css("h1.source-name"))
        .await?;
    assert!(client.current_url().await?.path().starts_with("/sources/"));
    assert_eq!(
        client
            .wait()
            .for_element(Locator::Css("h1.source-name"))
            .await?
            .text()
            .await?,
        source_name
    );
    shoot(client, "source").await;

    // A search from the header form.
    client.goto(&format!("{base}/")).await?;
    client
        .find(Locator::Css("header form.search input[name=q]"))
        .await?
        .send_keys("Rutte troops")
        .await?;
    client
        .find(Locator::Css("header form.search button"))
        .await?
        .click()
        .await?;
    let count = client
        .wait()
        .for_element(Locator::Css("#hits-count"))
        .await?
        .text()
        .await?;
    assert!(
        count.contains("match") && !count.starts_with('0'),
        "{count}"
    );
    assert!(
        !client
            .find_all(Locator::Css("ol.hits mark"))
            .await?
            .is_empty()
    );
    shoot(client, "search").await;

    for (page, name) in [
        ("matrix", "matrix"),
        ("numbers", "numbers"),
        ("timeline", "timeline"),
        ("entities", "entities"),
    ] {
        client
            .goto(&format!("{base}/stories/{story}/{page}"))
            .await?;
        shoot(client, name).await;
    }
    let cells = client.find_all(Locator::Css("table.matrix td.cell")).await;
    assert!(cells.is_ok());

    // The hostile article is shown, as text, and nothing in it ran.
    client
        .goto(&format!("{base}/documents/{hostile_id}"))
        .await?;
    let text = client
        .find(Locator::Css("article.doc-text"))
        .await?
        .text()
        .await?;
    assert!(text.contains("<script>window.__pwned = 1;"), "{text}");
    assert!(text.contains("<img src=x onerror="), "{text}");
    assert!(
        client
            .find_all(Locator::Css(
                "article.doc-text script, article.doc-text img, a[href^='javascript:']"
            ))
            .await?
            .is_empty()
    );
    shoot(client, "hostile-document").await;
    for page in [
        format!("/documents/{hostile_id}"),
        format!("/stories/{story}"),
        "/search?q=pwned".to_string(),
        "/".to_string(),
    ] {
        client.goto(&format!("{base}{page}")).await?;
        let state = js(client, "return [document.title, typeof window.__pwned]").await;
        // The hostile title is shown as text (so it holds the word); a script
        // that ran would have replaced it with exactly "pwned".
        assert_ne!(state[0], "pwned", "{page}: a script from the article ran");
        assert_eq!(
            state[1], "undefined",
            "{page}: a script from the article ran"
        );
    }
    Ok(())
}
