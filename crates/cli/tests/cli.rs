//! End-to-end tests of the `crosscheck` binary: bad input, idempotence, the
//! stored dossier, the JSON contract (version 1), stdin, and a denial reported
//! across two articles.
//!
//! Every test builds its own articles in a temporary folder; nothing here reads
//! the shared data. The articles are invented news reports (places, people and
//! outlets are fictional).

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// A report that the army moved soldiers to a border town.
const DEPLOYMENT: &str = "title: Veloria moves soldiers to northern border
source: Harbor Tribune
published: 2031-03-04

MARSK, Veloria — The Velorian army has deployed about 2,000 soldiers to the border town of Marsk, two senior officials told the Harbor Tribune on Tuesday.

The deployment follows weeks of tension with neighbouring Ostrava over fishing rights in the Gray Sound. Satellite images reviewed by the newspaper show armoured vehicles parked near the town’s rail depot.

“We are ready to defend every metre of our coast,” General Ilse Marrow said at a briefing in the capital, Tarnholm.

Residents said the roads into Marsk were closed by police on Monday evening.
";

/// Another outlet's report that the ministry denies the deployment.
const DENIAL: &str = "title: Ministry rejects border deployment stories
source: Northern Ledger
published: 2031-03-05

TARNHOLM — Veloria’s defence ministry on Wednesday denied reports that the army had deployed soldiers to the border town of Marsk.

Defence Minister Tomas Ardell told reporters that no units had left their barracks. “These stories are false and they endanger our relations with Ostrava,” Ardell said.

Opposition lawmaker Rena Vos called for a parliamentary inquiry into the ministry’s statements.
";

/// A third, related article (added later to an existing store).
const FERRY: &str = "title: Ferry service to Marsk suspended
source: Coastal Wire
published: 2031-03-06

The Gray Sound Ferry Company suspended its service between Ostrava and Marsk on Thursday, citing rough weather and what it called an uncertain situation at the port.

About 400 passengers were stranded at the Ostravan port of Lede, a company spokeswoman, Hanne Kiel, said. She said the company expected to resume sailings by Saturday.
";

/// Two good JSONL records around a malformed one.
fn feed_jsonl() -> String {
    let first = serde_json::json!({
        "url": "https://example.org/news/harvest",
        "title": "Drought cuts Veloria grain harvest",
        "source": "Farm Weekly",
        "published": "2031-02-20",
        "text": "The grain harvest in southern Veloria fell by nearly a third this year after the driest summer on record, the agriculture ministry said on Friday.\n\nFarmers in the Dunmere valley said wells had run dry by August.",
    });
    let second = serde_json::json!({
        "url": "https://example.org/news/bridge",
        "title": "New bridge opens in Tarnholm",
        "source": "City Courier",
        "published": "2031-02-21",
        "text": "A new road bridge over the river Aske opened in Tarnholm on Saturday, three years after construction began, the city council said.\n\nMayor Petra Lind said the bridge would cut commuting times by twenty minutes.",
    });
    format!("{first}\n{{\"title\": \"broken record\", \"text\": \"unterminated\n{second}\n")
}

/// The `crosscheck` binary, run with `args` and optional stdin, in `dir`.
fn crosscheck(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("the crosscheck binary starts");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input.as_bytes())
            .expect("stdin accepts the text");
        // Dropping the pipe closes it: the binary sees end of input.
    }
    child
        .wait_with_output()
        .expect("the crosscheck binary finishes")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts success and no panic, showing stderr otherwise.
fn assert_ok(out: &Output, what: &str) {
    let err = stderr(out);
    assert!(
        out.status.success(),
        "{what}: exit {:?}\n{err}",
        out.status.code()
    );
    assert!(!err.contains("panicked"), "{what}: a panic\n{err}");
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("the JSON dossier was written");
    serde_json::from_str(&text).expect("the dossier is valid JSON")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Writes the given articles into `dir` and returns their paths.
fn write_articles(dir: &Path, articles: &[(&str, &str)]) -> Vec<PathBuf> {
    articles
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            fs::write(&p, text).expect("article written");
            p
        })
        .collect()
}

/// Runs `analyze` on `inputs` into `db`, writing the JSON dossier to `json`.
fn analyze(dir: &Path, inputs: &[&Path], db: &Path, json: &Path) -> Output {
    let mut args = vec!["analyze"];
    args.extend(inputs.iter().map(|p| path_str(p)));
    args.extend(["--db", path_str(db), "--json", path_str(json)]);
    crosscheck(dir, &args, None)
}

fn array<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is an array in {v}"))
}

fn documents(d: &Value) -> &Vec<Value> {
    array(d, "documents")
}

#[test]
fn bad_inputs_are_skipped_with_reasons_and_the_good_ones_read() {
    let tmp = TempDir::new().expect("temp dir");
    let input = tmp.path().join("inbox");
    fs::create_dir(&input).expect("inbox folder");

    write_articles(
        &input,
        &[("deployment.txt", DEPLOYMENT), ("denial.txt", DENIAL)],
    );
    fs::write(input.join("feed.jsonl"), feed_jsonl()).expect("feed written");
    // A binary file with a text extension: only sniffing can tell.
    let mut binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    binary.extend((0u8..=255).cycle().take(4096));
    fs::write(input.join("attachment.txt"), &binary).expect("binary written");
    // Latin-1 bytes in a file that claims nothing: not UTF-8.
    fs::write(
        input.join("latin1.txt"),
        b"Le ministre a d\xe9clar\xe9 que l'arm\xe9e n'a pas boug\xe9.\n",
    )
    .expect("latin-1 written");
    fs::write(input.join("empty.txt"), b"").expect("empty written");
    // A 50 MB file that takes no disk space.
    fs::File::create(input.join("huge.txt"))
        .and_then(|f| f.set_len(50 * 1024 * 1024))
        .expect("sparse file");

    let db = tmp.path().join("store.db");
    let json = tmp.path().join("dossier.json");
    let out = analyze(tmp.path(), &[&input], &db, &json);
    assert_ok(&out, "analyze over bad input");
    let err = stderr(&out);

    for bad in [
        "attachment.txt",
        "latin1.txt",
        "empty.txt",
        "huge.txt",
        "feed.jsonl:2",
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(bad))
            .unwrap_or_else(|| panic!("stderr names {bad}:\n{err}"));
        // The reason follows the path.
        let (_, reason) = line
            .split_once(bad)
            .unwrap_or_else(|| panic!("{bad} in {line}"));
        let reason = reason.trim_start_matches([':', ' ']);
        assert!(
            reason.chars().filter(|c| c.is_alphabetic()).count() >= 5,
            "a reason for {bad}: {line:?}"
        );
    }
    // The good files are not reported.
    for good in [
        "deployment.txt",
        "denial.txt",
        "feed.jsonl:1",
        "feed.jsonl:3",
    ] {
        assert!(
            !err.lines().any(|l| l.contains(good)),
            "{good} is not skipped:\n{err}"
        );
    }
    // The summary line counts the five skipped inputs.
    let summary = err
        .lines()
        .find(|l| l.contains("skipped") && !l.trim_start().starts_with("skipped "))
        .unwrap_or_else(|| panic!("a summary line:\n{err}"));
    assert!(
        summary
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n == "5"),
        "the summary counts 5 skipped inputs: {summary:?}"
    );

    let dossier = read_json(&json);
    let mut paths: Vec<String> = documents(&dossier)
        .iter()
        .filter_map(|d| d["path"].as_str())
        .map(|p| {
            Path::new(p)
                .file_name()
                .map_or(p.to_string(), |f| f.to_string_lossy().into_owned())
        })
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "denial.txt",
            "deployment.txt",
            "feed.jsonl:1",
            "feed.jsonl:3"
        ],
        "the four good documents"
    );
}

#[test]
fn analysing_twice_is_idempotent_and_a_new_article_adds_one_document() {
    let tmp = TempDir::new().expect("temp dir");
    let files = write_articles(
        tmp.path(),
        &[("deployment.txt", DEPLOYMENT), ("denial.txt", DENIAL)],
    );
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let db = tmp.path().join("store.db");
    let first = tmp.path().join("first.json");
    let second = tmp.path().join("second.json");

    assert_ok(&analyze(tmp.path(), &inputs, &db, &first), "first run");
    assert_ok(&analyze(tmp.path(), &inputs, &db, &second), "second run");
    let a = fs::read(&first).expect("first dossier");
    let b = fs::read(&second).expect("second dossier");
    assert!(a == b, "the same input gives byte-identical dossiers");
    assert_eq!(documents(&read_json(&first)).len(), 2);

    // A fresh store gives the same dossier as well: nothing depends on history.
    let other_db = tmp.path().join("other.db");
    let fresh = tmp.path().join("fresh.json");
    assert_ok(
        &analyze(tmp.path(), &inputs, &other_db, &fresh),
        "fresh store",
    );
    assert!(
        fs::read(&fresh).expect("fresh dossier") == a,
        "a fresh store gives the same dossier"
    );

    // A third article joins the two already stored.
    let third = write_articles(tmp.path(), &[("ferry.txt", FERRY)]);
    let third_json = tmp.path().join("third.json");
    assert_ok(
        &analyze(tmp.path(), &[&third[0]], &db, &third_json),
        "third article",
    );
    let dossier = read_json(&third_json);
    assert_eq!(documents(&dossier).len(), 3, "one more document");
    assert!(
        documents(&dossier)
            .iter()
            .any(|d| d["path"].as_str().is_some_and(|p| p.ends_with("ferry.txt"))),
        "the new article is in the dossier"
    );
}

#[test]
fn report_rerenders_the_stored_dossier_and_fails_clearly_without_a_store() {
    let tmp = TempDir::new().expect("temp dir");
    let files = write_articles(
        tmp.path(),
        &[("deployment.txt", DEPLOYMENT), ("denial.txt", DENIAL)],
    );
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let db = tmp.path().join("store.db");
    let analysed = tmp.path().join("analysed.json");
    assert_ok(&analyze(tmp.path(), &inputs, &db, &analysed), "analyze");

    let reported = tmp.path().join("reported.json");
    let markdown = tmp.path().join("reported.md");
    let out = crosscheck(
        tmp.path(),
        &[
            "report",
            "--db",
            path_str(&db),
            "--json",
            path_str(&reported),
            "--markdown",
            path_str(&markdown),
        ],
        None,
    );
    assert_ok(&out, "report");
    assert_eq!(
        fs::read_to_string(&reported).expect("report wrote JSON"),
        fs::read_to_string(&analysed).expect("analyze wrote JSON"),
        "report gives the dossier analyze wrote"
    );
    let md = fs::read_to_string(&markdown).expect("report wrote Markdown");
    assert!(md.contains("Marsk"), "the Markdown shows the story:\n{md}");

    let missing = tmp.path().join("nowhere.db");
    let out = crosscheck(tmp.path(), &["report", "--db", path_str(&missing)], None);
    let err = stderr(&out);
    assert!(!out.status.success(), "report on a missing store fails");
    assert!(!err.contains("panicked"), "no panic:\n{err}");
    assert!(
        err.contains("nowhere.db"),
        "the message names the store:\n{err}"
    );
    assert!(
        !missing.exists(),
        "report does not create a store where there was none"
    );
}

/// Checks that `obj` has every key of `keys`.
fn has_keys(obj: &Value, keys: &[&str], what: &str) {
    for k in keys {
        assert!(obj.get(*k).is_some(), "{what} has `{k}`: {obj}");
    }
}

const STANCES: [&str; 4] = ["asserts", "hedges", "denies", "reports_denial"];

#[test]
fn the_json_dossier_follows_contract_v1() {
    let tmp = TempDir::new().expect("temp dir");
    let files = write_articles(
        tmp.path(),
        &[
            ("deployment.txt", DEPLOYMENT),
            ("denial.txt", DENIAL),
            ("ferry.txt", FERRY),
        ],
    );
    let feed = tmp.path().join("feed.jsonl");
    fs::write(&feed, feed_jsonl()).expect("feed written");
    let mut inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    inputs.push(&feed);
    let db = tmp.path().join("store.db");
    let json = tmp.path().join("dossier.json");
    assert_ok(&analyze(tmp.path(), &inputs, &db, &json), "analyze");
    let d = read_json(&json);

    assert_eq!(d["version"], 1, "contract version 1");
    for key in [
        "documents",
        "claims",
        "quantities",
        "quotes",
        "entities",
        "sources",
    ] {
        array(&d, key);
    }

    // The article texts, by document id (via the path the document records).
    let mut texts: HashMap<String, String> = HashMap::new();
    let records: Vec<Value> = feed_jsonl()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    for doc in documents(&d) {
        has_keys(
            doc,
            &["id", "path", "url", "title", "source", "published", "story"],
            "a document",
        );
        let id = doc["id"].as_str().expect("document id is a string");
        let path = doc["path"].as_str().expect("document path is a string");
        let text = if let Some((_, line)) = path.rsplit_once(".jsonl:") {
            let line: usize = line.parse().expect("a JSONL line number");
            // Records are lines 1 and 3; the malformed line 2 parses to nothing.
            let record = if line == 1 { &records[0] } else { &records[1] };
            record["text"].as_str().expect("record text").to_string()
        } else {
            fs::read_to_string(path).expect("the article file")
        };
        texts.insert(id.to_string(), text);
    }
    assert_eq!(texts.len(), 5, "five distinct documents");

    let claims = array(&d, "claims");
    assert!(!claims.is_empty(), "the articles make claims");
    for claim in claims {
        has_keys(
            claim,
            &["id", "text", "status", "independent_origins", "evidence"],
            "a claim",
        );
        assert!(
            [
                "corroborated",
                "single_origin",
                "hedged_only",
                "contested",
                "denied"
            ]
            .contains(&claim["status"].as_str().unwrap_or_default()),
            "a known status: {claim}"
        );
        assert!(claim["independent_origins"].is_array());
        let evidence = array(claim, "evidence");
        assert!(!evidence.is_empty(), "a claim has evidence: {claim}");
        for ev in evidence {
            has_keys(ev, &["doc", "sentence", "stance", "origin"], "evidence");
            let doc = ev["doc"].as_str().unwrap_or_default();
            let text = texts
                .get(doc)
                .unwrap_or_else(|| panic!("evidence doc {doc} is a document id"));
            let sentence = ev["sentence"].as_str().expect("sentence is a string");
            assert!(
                !sentence.is_empty() && text.contains(sentence),
                "evidence sentence {sentence:?} stands verbatim in {doc}"
            );
            assert!(
                STANCES.contains(&ev["stance"].as_str().unwrap_or_default()),
                "a known stance: {ev}"
            );
        }
    }

    for q in array(&d, "quantities") {
        for v in array(q, "values") {
            has_keys(
                v,
                &[
                    "doc",
                    "sentence",
                    "value",
                    "min",
                    "max",
                    "qualifier",
                    "origin",
                ],
                "a quantity value",
            );
            let doc = v["doc"].as_str().unwrap_or_default();
            let text = texts
                .get(doc)
                .unwrap_or_else(|| panic!("quantity doc {doc} is a document id"));
            let sentence = v["sentence"].as_str().unwrap_or_default();
            assert!(
                text.contains(sentence),
                "quantity sentence {sentence:?} stands verbatim in {doc}"
            );
        }
    }
    for q in array(&d, "quotes") {
        let doc = q["doc"].as_str().unwrap_or_default();
        assert!(texts.contains_key(doc), "quote doc {doc} is a document id");
    }

    let entities = array(&d, "entities");
    assert!(!entities.is_empty(), "the articles name entities");
    for e in entities {
        has_keys(e, &["name", "type", "aliases", "docs"], "an entity");
        assert!(
            ["person", "org", "place", "group"].contains(&e["type"].as_str().unwrap_or_default()),
            "a known entity type: {e}"
        );
        for doc in array(e, "docs") {
            let doc = doc.as_str().unwrap_or_default();
            assert!(texts.contains_key(doc), "entity doc {doc} is a document id");
        }
    }
    let ids: HashSet<&str> = texts.keys().map(String::as_str).collect();
    for s in array(&d, "sources") {
        for doc in array(s, "documents") {
            assert!(
                ids.contains(doc.as_str().unwrap_or_default()),
                "source document {doc} is a document id"
            );
        }
    }
}

#[test]
fn an_article_can_come_from_stdin() {
    let tmp = TempDir::new().expect("temp dir");
    let db = tmp.path().join("store.db");
    let json = tmp.path().join("dossier.json");
    let body = DEPLOYMENT.split_once("\n\n").map_or(DEPLOYMENT, |(_, b)| b);
    let out = crosscheck(
        tmp.path(),
        &[
            "analyze",
            "-",
            "--db",
            path_str(&db),
            "--json",
            path_str(&json),
        ],
        Some(body),
    );
    assert_ok(&out, "analyze -");
    let d = read_json(&json);
    let docs = documents(&d);
    assert_eq!(docs.len(), 1, "one document from stdin: {d}");
    assert_eq!(docs[0]["path"], "-");
    assert!(
        array(&d, "claims")
            .iter()
            .any(|c| c["text"].as_str().unwrap_or_default().contains("Marsk")),
        "the stdin article is analysed"
    );
}

#[test]
fn a_reported_denial_joins_the_claim_it_denies() {
    let tmp = TempDir::new().expect("temp dir");
    let files = write_articles(
        tmp.path(),
        &[("deployment.txt", DEPLOYMENT), ("denial.txt", DENIAL)],
    );
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let db = tmp.path().join("store.db");
    let json = tmp.path().join("dossier.json");
    assert_ok(&analyze(tmp.path(), &inputs, &db, &json), "analyze");
    let d = read_json(&json);

    let doc_of = |name: &str| -> String {
        documents(&d)
            .iter()
            .find(|doc| doc["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .and_then(|doc| doc["id"].as_str())
            .unwrap_or_else(|| panic!("{name} is a document"))
            .to_string()
    };
    let (asserting, denying) = (doc_of("deployment.txt"), doc_of("denial.txt"));

    // The claim about the deployment: any group whose evidence speaks of
    // soldiers deployed to Marsk.
    let groups: Vec<&Value> = array(&d, "claims")
        .iter()
        .filter(|c| {
            array(c, "evidence").iter().any(|e| {
                let s = e["sentence"].as_str().unwrap_or_default();
                s.contains("Marsk") && s.contains("deployed")
            })
        })
        .collect();
    assert!(!groups.is_empty(), "a claim about the deployment: {d:#}");
    let stances_of = |g: &Value| -> Vec<(String, String)> {
        array(g, "evidence")
            .iter()
            .map(|e| {
                (
                    e["doc"].as_str().unwrap_or_default().to_string(),
                    e["stance"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let joined = groups.iter().find(|g| {
        let st = stances_of(g);
        st.iter()
            .any(|(doc, s)| *doc == asserting && s == "asserts")
            && st
                .iter()
                .any(|(doc, s)| *doc == denying && s == "reports_denial")
    });
    assert!(
        joined.is_some(),
        "one group holds the assertion and the reported denial; groups about the deployment:\n{}",
        groups
            .iter()
            .map(|g| format!("  {} {:?}", g["text"], stances_of(g)))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let group = joined.expect("checked above");
    // Who denies it is named with the claim.
    assert!(
        !array(group, "denied_by").is_empty(),
        "the group names who denies it: {group:#}"
    );
}

/// `crosscheck report | head -1`: when the reader goes away, the summary stops
/// quietly with success instead of a broken-pipe panic (exit 101).
#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let dir = TempDir::new().expect("temp dir");
    let files = write_articles(
        dir.path(),
        &[("deployment.txt", DEPLOYMENT), ("denial.txt", DENIAL)],
    );
    let db = dir.path().join("store.db");
    let json = dir.path().join("dossier.json");
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    assert_ok(&analyze(dir.path(), &inputs, &db, &json), "analyze");
    for args in [
        vec!["report", "--db", path_str(&db), "--no-color"],
        vec!["search", "Marsk", "--db", path_str(&db)],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(&args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn crosscheck");
        // Close the read end before the child has opened its store.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait for crosscheck");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !err.contains("panicked"),
            "{args:?} with a closed stdout: {:?}\n{err}",
            out.status
        );
    }
}

#[test]
fn eval_check_answers_every_gold_claim_in_every_article() {
    let tmp = TempDir::new().expect("temporary folder");
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).expect("corpus folder");
    write_articles(
        &corpus,
        &[
            ("01_tribune.txt", DEPLOYMENT),
            ("02_ledger.txt", DENIAL),
            ("03_wire.txt", FERRY),
        ],
    );
    let article = |id: &str, file: &str| serde_json::json!({"id": id, "file": file, "url": null, "story": "V"});
    let gold = serde_json::json!({
        "articles": [
            article("01", "01_tribune.txt"),
            article("02", "02_ledger.txt"),
            article("03", "03_wire.txt")
        ],
        "claims": [
            {"id": "V1", "kind": "event", "text": "The Velorian army deployed soldiers to Marsk.",
             "labels": {"01": "asserts", "02": "reports_denial", "03": "absent"},
             "evidence": {
                 "01": ["The Velorian army has deployed about 2,000 soldiers to the border town of Marsk"],
                 "02": ["denied reports that the army had deployed soldiers to the border town of Marsk"]}},
            {"id": "V2", "kind": "numeric", "text": "Passengers stranded.",
             "labels": {"01": "absent", "02": "absent", "03": "asserts"},
             "evidence": {"03": ["About 400 passengers were stranded"]}}
        ]
    });
    let gold_path = tmp.path().join("gold.json");
    fs::write(&gold_path, gold.to_string()).expect("gold written");
    let json = tmp.path().join("check.json");
    let out = crosscheck(
        tmp.path(),
        &[
            "eval",
            "check",
            "--gold",
            "gold.json",
            "--json",
            path_str(&json),
        ],
        None,
    );
    assert_ok(&out, "eval check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("gold × check"), "{stdout}");
    assert!(stdout.contains("\nstance_accuracy "), "{stdout}");
    let figures = read_json(&json);
    // The numeric claim is left out; every article of the corpus was checked.
    assert_eq!(figures["n_pairs"], 3, "{figures}");
    assert_eq!(figures["unanswered"], 0, "{figures}");
    let pairs = array(&figures, "pairs");
    let labels: Vec<&str> = pairs.iter().filter_map(|p| p["gold"].as_str()).collect();
    assert_eq!(labels, ["asserts", "reports_denial", "absent"]);
    // `check` answers as the dossier does: the deployment asserted, its
    // denial reported, the ferry story unrelated.
    let answers: Vec<&str> = pairs.iter().filter_map(|p| p["check"].as_str()).collect();
    assert_eq!(answers, labels, "{figures}");
    assert!(pairs.iter().all(|p| p["dossier"].is_string()));
}

/// `eval emergent` reads a split, answers each headline with `check`'s
/// component and scores it beside the published figures: a headline that
/// states the claim is `for`, one that denies it `against`, one that credits
/// it to someone `observing`.
#[test]
fn eval_emergent_scores_headlines_against_their_claims() {
    let tmp = TempDir::new().expect("temporary folder");
    fs::write(
        tmp.path().join("url-versions-2015-06-14-clean-test.csv"),
        ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n\
         1,The Velorian army deployed soldiers to Marsk,The Velorian army has deployed soldiers to Marsk,for,a1,c1\n\
         2,The Velorian army deployed soldiers to Marsk,Veloria's defence ministry denied that the army deployed soldiers to Marsk,against,a2,c1\n\
         3,The Velorian army deployed soldiers to Marsk,\"The army deployed soldiers to Marsk, Velorian officials say\",observing,a3,c1\n",
    )
    .expect("split written");
    let out = crosscheck(
        tmp.path(),
        &["eval", "emergent", "--data", path_str(tmp.path())],
        None,
    );
    assert_ok(&out, "eval emergent");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("test split: 3 headlines"), "{stdout}");
    assert!(stdout.contains("accuracy 100.00 %"), "{stdout}");
    assert!(
        stdout.contains("Ferreira & Vlachos 2016 (published)"),
        "{stdout}"
    );
    let missing = crosscheck(
        tmp.path(),
        &[
            "eval",
            "emergent",
            "--data",
            path_str(tmp.path()),
            "--split",
            "train",
        ],
        None,
    );
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("clean-train.csv"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}

/// `eval polnear` reads brat attributions and scores the sources and cues
/// the analysis credits by span overlap.
#[test]
fn eval_polnear_scores_the_credited_sources_and_cues() {
    let tmp = TempDir::new().expect("temporary folder");
    let split = tmp.path().join("test");
    fs::create_dir_all(split.join("text")).expect("text folder");
    fs::create_dir_all(split.join("attributions")).expect("attributions folder");
    let text = "The bridge over the Varn river will close for repairs in May, Mayor Anna Berg said on Monday.\n";
    fs::write(split.join("text").join("wire_a1.txt"), text).expect("text written");
    let at = |w: &str| text.find(w).expect("in the text");
    let (src, cue) = (at("Mayor Anna Berg"), at("said"));
    fs::write(
        split.join("attributions").join("wire_a1_ann7.ann"),
        format!(
            "T1\tSource {src} {}\tMayor Anna Berg\nT2\tCue {cue} {}\tsaid\nT3\tContent 0 60\tx\n\
             E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
            src + 15,
            cue + 4
        ),
    )
    .expect("annotation written");
    let out = crosscheck(
        tmp.path(),
        &["eval", "polnear", "--data", path_str(tmp.path())],
        None,
    );
    assert_ok(&out, "eval polnear");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("test split: 1 articles"), "{stdout}");
    assert!(
        stdout.contains("1 gold relations (1 with a source); 1 found"),
        "{stdout}"
    );
    assert!(
        stdout.contains("cue          1.000     1.000     1.000"),
        "{stdout}"
    );
    assert!(
        stdout.contains("source       1.000     1.000     1.000"),
        "{stdout}"
    );
}

/// `check` answers from the dossier's clauses: an article that reports the
/// claim asserted and credits its source, one that reports a denial, one
/// that does not carry the claim, and a verdict that names who denies.
#[test]
fn check_answers_each_article_as_the_dossier_reads_it() {
    let tmp = TempDir::new().expect("temporary folder");
    write_articles(
        tmp.path(),
        &[
            ("01_tribune.txt", DEPLOYMENT),
            ("02_ledger.txt", DENIAL),
            ("03_wire.txt", FERRY),
        ],
    );
    let out = crosscheck(
        tmp.path(),
        &[
            "check",
            "The Velorian army deployed soldiers to Marsk",
            "01_tribune.txt",
            "02_ledger.txt",
            "03_wire.txt",
        ],
        None,
    );
    assert_ok(&out, "check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first_word = |title: &str| {
        stdout
            .lines()
            .find(|l| l.contains(title))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(first_word("01_tribune.txt"), "asserts", "{stdout}");
    assert_eq!(first_word("02_ledger.txt"), "reports_denial", "{stdout}");
    assert_eq!(first_word("03_wire.txt"), "unrelated", "{stdout}");
    assert!(stdout.contains("a denial is reported by"), "{stdout}");
}

/// Inputs nobody designed: a page nested 200,000 deep is read (its deep
/// elements flattened, its text kept), an article of 200,000 paragraphs is
/// stored but skipped by the analysis with the limit it broke, and the run
/// goes on with the ordinary article beside them.
#[test]
fn pathological_inputs_are_flattened_or_skipped_with_the_limit_they_broke() {
    let dir = TempDir::new().expect("temp dir");
    let deep = format!(
        "<html><head><title>Deep page</title></head><body>{}<p>The dam on the Vell river was closed on Monday after heavy rain, engineers said.</p>{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let long: Vec<String> = (0..200_000)
        .map(|i| format!("Gauge {i} read high."))
        .collect();
    let paths = write_articles(
        dir.path(),
        &[
            ("deep.html", &deep),
            ("long.txt", &long.join("\n\n")),
            ("deployment.txt", DEPLOYMENT),
        ],
    );
    let db = dir.path().join("store.db");
    let json = dir.path().join("dossier.json");
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let out = analyze(dir.path(), &refs, &db, &json);
    assert_ok(&out, "analyze");
    let err = stderr(&out);
    assert!(
        err.contains("long.txt: not analysed: 200000 sentences, more than the 20000 allowed per article (--max-sentences)"),
        "{err}"
    );
    let dossier = read_json(&json);
    let paths_in: Vec<&str> = documents(&dossier)
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(paths_in.len(), 2, "{paths_in:?}");
    assert!(paths_in.iter().any(|p| p.ends_with("deep.html")));
    assert!(!paths_in.iter().any(|p| p.ends_with("long.txt")));

    // The depth cap is the user's to set; the text is there either way.
    let out = crosscheck(
        dir.path(),
        &["extract", path_str(&paths[0]), "--max-depth", "16"],
        None,
    );
    assert_ok(&out, "extract");
    assert!(String::from_utf8_lossy(&out.stdout).contains("The dam on the Vell river was closed"));

    // Stored all along, though not analysed: search finds it.
    let out = crosscheck(
        dir.path(),
        &["search", "gauge", "--db", path_str(&db)],
        None,
    );
    assert_ok(&out, "search");
    assert!(String::from_utf8_lossy(&out.stdout).contains("long.txt"));
}
