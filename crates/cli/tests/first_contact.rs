//! A newcomer's first hour, through the binary: the store is whole when a
//! command ends, reading never creates or needs to write a store, exit
//! statuses say what happened, and the shell conventions hold (completions,
//! a man page, one-line search hits that find every spelling of a name).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

const LANDING: &str = "Officials in Velmora said on Tuesday that a cargo ship ran aground near \
the port of Kestel. The harbour master, Ilse Brandt, said 14 crew members were taken off the ship. \
\"Nobody was hurt,\" Brandt told reporters.";

const FOLLOW_UP: &str = "The owner of the cargo ship denied that the crew had ignored a warning \
before it ran aground near Kestel. Harbour officials could not confirm how much fuel had leaked.";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crosscheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\n{}",
        out.status.code(),
        text(&out.stderr)
    );
}

/// Two short articles in `dir`, analysed into `dir/store.db`.
fn analysed_store(dir: &Path) -> PathBuf {
    fs::write(dir.join("landing.txt"), LANDING).expect("written");
    fs::write(dir.join("follow-up.txt"), FOLLOW_UP).expect("written");
    let out = crosscheck(
        dir,
        &[
            "analyze",
            "-q",
            "--db",
            "store.db",
            "landing.txt",
            "follow-up.txt",
        ],
    );
    ok(&out, "analyze");
    dir.join("store.db")
}

/// The bundled sample analysed into `dir/seeds.db`; its dossier.
fn analyse_the_sample(dir: &Path) -> serde_json::Value {
    let out = crosscheck(
        dir,
        &[
            "analyze",
            "-q",
            "--db",
            "seeds.db",
            "--json",
            "d.json",
            root().join("examples/seeds").to_str().expect("utf-8 path"),
        ],
    );
    ok(&out, "analyze the sample");
    serde_json::from_str(&fs::read_to_string(dir.join("d.json")).expect("json")).expect("a dossier")
}

#[test]
fn the_db_file_alone_holds_everything_after_analyze() {
    let tmp = TempDir::new().expect("temp dir");
    let db = analysed_store(tmp.path());
    // No write-ahead log is left holding data beside the file.
    let wal = tmp.path().join("store.db-wal");
    assert!(
        !wal.exists() || fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0,
        "the log is folded into the file"
    );
    // The file alone, copied elsewhere, gives the whole dossier.
    let elsewhere = TempDir::new().expect("temp dir");
    fs::copy(&db, elsewhere.path().join("copy.db")).expect("copied");
    let out = crosscheck(
        elsewhere.path(),
        &["report", "--db", "copy.db", "--json", "d.json", "-q"],
    );
    ok(&out, "report on the copied file");
    let dossier = fs::read_to_string(elsewhere.path().join("d.json")).expect("dossier written");
    assert!(dossier.contains("Kestel"), "the copy holds the dossier");
    assert!(
        !elsewhere.path().join("copy.db-wal").exists(),
        "reading leaves nothing beside the file"
    );
}

#[test]
fn a_store_nobody_may_write_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().expect("temp dir");
    let db = analysed_store(tmp.path());
    fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).expect("chmod 444");
    let out = crosscheck(
        tmp.path(),
        &["report", "--db", "store.db", "-q", "--json", "r.json"],
    );
    ok(&out, "report on a read-only store");
    let out = crosscheck(tmp.path(), &["search", "cargo", "--db", "store.db"]);
    ok(&out, "search on a read-only store");
    assert!(
        text(&out.stdout).contains("landing.txt"),
        "{}",
        text(&out.stdout)
    );
    // Writing to it fails in words, naming the file, with no driver code.
    let out = crosscheck(
        tmp.path(),
        &["analyze", "-q", "--db", "store.db", "landing.txt"],
    );
    let err = text(&out.stderr);
    if !out.status.success() {
        assert!(err.contains("store.db"), "{err}");
        assert!(!err.contains("(code:"), "no raw driver code:\n{err}");
    }
}

#[test]
fn when_nothing_can_be_read_the_exit_status_is_3_and_no_store_is_made() {
    let tmp = TempDir::new().expect("temp dir");
    fs::write(tmp.path().join("empty.txt"), b"").expect("written");
    fs::write(tmp.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).expect("written");
    let out = crosscheck(
        tmp.path(),
        &[
            "analyze",
            "--db",
            "new.db",
            "empty.txt",
            "binary.txt",
            "missing.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(!tmp.path().join("new.db").exists(), "no store is created");
    assert!(
        text(&out.stderr).contains("missing.txt"),
        "each input is named"
    );

    let out = crosscheck(tmp.path(), &["extract", "empty.txt"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));

    // A claim with nothing to check it against suggests where articles come from.
    let out = crosscheck(tmp.path(), &["check", "A ship ran aground"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--db"), "{}", text(&out.stderr));
}

#[test]
fn reading_commands_never_create_a_store() {
    let tmp = TempDir::new().expect("temp dir");
    for args in [
        &["report", "--db", "typo.db"][..],
        &["search", "ship", "--db", "typo.db"],
        &["check", "A ship ran aground", "--db", "typo.db"],
    ] {
        let out = crosscheck(tmp.path(), args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("typo.db") && err.contains("analyze"),
            "{args:?}: {err}"
        );
        assert!(
            !tmp.path().join("typo.db").exists(),
            "{args:?} created a store"
        );
    }
    // A file that is not a store is refused in words, and left unchanged.
    fs::write(tmp.path().join("notes.db"), "shopping list\n").expect("written");
    let out = crosscheck(tmp.path(), &["report", "--db", "notes.db"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not a SQLite database"), "{err}");
    assert!(!err.contains("(code:"), "{err}");
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes.db")).expect("still there"),
        "shopping list\n"
    );
}

#[test]
fn a_folder_that_cannot_hold_the_store_is_said_in_words() {
    let tmp = TempDir::new().expect("temp dir");
    fs::write(tmp.path().join("landing.txt"), LANDING).expect("written");
    let out = crosscheck(
        tmp.path(),
        &[
            "analyze",
            "-q",
            "--db",
            "no-such-folder/store.db",
            "landing.txt",
        ],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no-such-folder") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = TempDir::new().expect("temp dir");
    let out = crosscheck(tmp.path(), &["analyze", "--no-such-option", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let out = crosscheck(tmp.path(), &["--help"]);
    ok(&out, "--help");
    assert!(
        text(&out.stdout).contains("Exit status"),
        "the help lists exit statuses"
    );
}

#[test]
fn search_hits_are_one_line_each_and_find_every_spelling() {
    let tmp = TempDir::new().expect("temp dir");
    let dossier = analyse_the_sample(tmp.path());
    // Pick an entity known under two spellings where some article has only one.
    let entities = dossier["entities"].as_array().expect("entities");
    let spelled = entities.iter().find_map(|e| {
        let name = e["name"].as_str().unwrap_or_default();
        e["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str())
            .find(|a| !a.contains(' ') && !name.contains(a))
            .map(|a| (name.to_string(), a.to_string()))
    });
    let Some((name, alias)) = spelled else {
        panic!("the sample's entities have aliases: {entities:?}");
    };
    let hits = |q: &str| {
        let out = crosscheck(tmp.path(), &["search", q, "--db", "seeds.db"]);
        ok(&out, "search");
        text(&out.stdout)
    };
    let by_alias = hits(&alias);
    let by_name = hits(name.split(' ').next_back().unwrap_or(&name));
    assert!(!by_alias.is_empty(), "{alias} finds the articles of {name}");
    assert_eq!(
        by_alias.lines().count(),
        by_name.lines().count(),
        "{alias:?} and {name:?} find the same articles:\n{by_alias}\n---\n{by_name}"
    );
    // Two lines per hit: the article, then its snippet on one line.
    for hit in by_alias.lines().collect::<Vec<_>>().chunks(2) {
        assert!(
            hit.len() == 2 && hit[1].starts_with("    ") && !hit[1].trim().is_empty(),
            "{hit:?}"
        );
    }
}

#[test]
fn the_sample_names_its_outlets_not_file_stems() {
    let tmp = TempDir::new().expect("temp dir");
    let dossier = analyse_the_sample(tmp.path());
    for d in dossier["documents"].as_array().expect("documents") {
        let source = d["source"].as_str().unwrap_or_default();
        assert!(
            !source.is_empty() && !source.starts_with("00"),
            "a named outlet: {d}"
        );
    }
    for s in dossier["sources"].as_array().expect("sources") {
        let name = s["name"].as_str().unwrap_or_default();
        assert!(
            !name.starts_with("00"),
            "a source named by its file stem: {name}"
        );
    }
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_definition() {
    let tmp = TempDir::new().expect("temp dir");
    for shell in ["bash", "zsh", "fish"] {
        let out = crosscheck(tmp.path(), &["completions", shell]);
        ok(&out, shell);
        let script = text(&out.stdout);
        assert!(
            script.contains("analyze") && script.contains("markdown"),
            "{shell}"
        );
    }
    let out = crosscheck(tmp.path(), &["man"]);
    ok(&out, "man");
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH"),
        "roff:\n{page}"
    );
    assert!(page.contains("analyze"), "the page lists the commands");
}
