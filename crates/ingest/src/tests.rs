//! End-to-end tests of `expand` and `read` on files written to a temporary
//! folder.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(&path, bytes).expect("write file");
    path
}

fn read_file(path: &Path) -> (Vec<Document>, Vec<Skipped>) {
    read(&Source::File(path.to_path_buf()), &Options::default())
}

/// Reads a file that must be skipped as a whole; returns the reason.
fn skip_reason(path: &Path, opts: &Options) -> String {
    let (docs, skipped) = read(&Source::File(path.to_path_buf()), opts);
    assert!(docs.is_empty(), "{docs:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].path, path.display().to_string());
    skipped[0].reason.clone()
}

const STORY: &str = "Rescue teams reached the flooded village on Sunday, officials said.\n\nAt least 40 families were moved to a school on higher ground.";

#[test]
fn text_file_with_header() {
    let dir = TempDir::new().expect("tempdir");
    let body = format!(
        "url: https://www.example-news.org/floods\r\noutlet: Example News\r\npublished: 2024-07-14\r\ntitle: Village evacuated\r\n---\r\n{}\r\n",
        STORY.replace('\n', "\r\n")
    );
    let path = write(dir.path(), "01_example.txt", body);
    let (docs, skipped) = read_file(&path);
    assert!(skipped.is_empty(), "{skipped:?}");
    let [doc] = docs.as_slice() else {
        panic!("one document expected: {docs:?}")
    };
    assert_eq!(doc.text, STORY);
    assert_eq!(doc.id, crosscheck_core::content_id(STORY));
    assert_eq!(doc.path, path.display().to_string());
    assert_eq!(
        doc.url.as_deref(),
        Some("https://www.example-news.org/floods")
    );
    assert_eq!(doc.source.as_deref(), Some("Example News"));
    assert_eq!(doc.published.as_deref(), Some("2024-07-14"));
    assert_eq!(doc.title.as_deref(), Some("Village evacuated"));
}

#[test]
fn markdown_and_seed_style_prefix() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(
        dir.path(),
        "notes.md",
        format!(" date 2024-10-23 Floods Force Evacuations\n\n{STORY}\n"),
    );
    let (docs, _) = read_file(&path);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].published.as_deref(), Some("2024-10-23"));
    assert_eq!(docs[0].text, format!("Floods Force Evacuations\n\n{STORY}"));
}

#[test]
fn html_file() {
    let dir = TempDir::new().expect("tempdir");
    let html = format!(
        "<html><head><meta charset=\"iso-8859-1\"><meta property=\"og:title\" content=\"Caf\u{e9} owners protest\"><meta property=\"og:site_name\" content=\"Le Petit Example\"></head><body><article>{}</article></body></html>",
        "<p>Owners of caf\u{e9}s in the old town closed their doors on Thursday to protest against a new tax on terraces, which they say will cost them a month of revenue each year.</p><p>The council said the tax would fund street cleaning.</p>"
    );
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
    let path = write(dir.path(), "page.HTM", latin1);
    let (docs, skipped) = read_file(&path);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].title.as_deref(), Some("Café owners protest"));
    assert_eq!(docs[0].source.as_deref(), Some("Le Petit Example"));
    assert!(
        docs[0].text.contains("Owners of cafés in the old town"),
        "{}",
        docs[0].text
    );
    assert!(
        docs[0].text.contains("\n\nThe council said"),
        "{}",
        docs[0].text
    );
}

#[test]
fn html_without_text_is_skipped() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(
        dir.path(),
        "blank.html",
        "<html><head><title>Nothing</title></head><body><div></div></body></html>",
    );
    let reason = skip_reason(&path, &Options::default());
    assert!(reason.contains("no main text"), "{reason}");
}

#[test]
fn jsonl_with_a_malformed_line_in_the_middle() {
    let dir = TempDir::new().expect("tempdir");
    let lines = [
        r#"{"text": "The port reopened on Monday.", "source": "Harbour Daily"}"#,
        r#"{"text": "The strike ended", "#,
        r#"{"html": "<p>Dock workers returned to work on Tuesday after accepting a pay offer from the port authority, ending a strike that had lasted nine days and stranded dozens of ships.</p>", "published": "2024-03-05"}"#,
    ];
    let path = write(dir.path(), "batch.jsonl", lines.join("\n"));
    let (docs, skipped) = read_file(&path);
    let name = path.display().to_string();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(docs[0].path, format!("{name}:1"));
    assert_eq!(docs[0].source.as_deref(), Some("Harbour Daily"));
    assert_eq!(docs[1].path, format!("{name}:3"));
    assert_eq!(docs[1].published.as_deref(), Some("2024-03-05"));
    assert!(docs[1].text.starts_with("Dock workers returned"));
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].path, format!("{name}:2"));
    assert!(
        skipped[0].reason.starts_with("invalid JSON"),
        "{}",
        skipped[0].reason
    );
}

#[test]
fn unknown_extension_is_sniffed() {
    let dir = TempDir::new().expect("tempdir");
    let jsonl = write(
        dir.path(),
        "export.data",
        "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
    );
    assert_eq!(read_file(&jsonl).0.len(), 2);
    let html = write(
        dir.path(),
        "saved_page",
        "<!doctype html><html><body><p>Parliament approved the budget late on Wednesday after a marathon session in which the opposition tabled more than two hundred amendments, all of them rejected.</p></body></html>",
    );
    let (docs, _) = read_file(&html);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].text.starts_with("Parliament approved"));
    let text = write(
        dir.path(),
        "plain",
        "title: Budget passes\n---\nParliament approved the budget.",
    );
    let (docs, _) = read_file(&text);
    assert_eq!(docs[0].title.as_deref(), Some("Budget passes"));
    assert_eq!(docs[0].text, "Parliament approved the budget.");
}

#[test]
fn utf16_text_is_decoded() {
    let dir = TempDir::new().expect("tempdir");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Zoë said “yes”.".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = write(dir.path(), "wide.txt", bytes);
    let (docs, skipped) = read_file(&path);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(docs[0].text, "Zoë said “yes”.");
}

#[test]
fn binary_file_is_skipped() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let reason = skip_reason(&path, &Options::default());
    assert!(reason.starts_with("binary data"), "{reason}");
    // Control characters without NUL.
    let path = write(
        dir.path(),
        "noise.md",
        b"\x01\x02\x03\x04\x05\x06abc\x07\x08",
    );
    assert!(skip_reason(&path, &Options::default()).contains("control characters"));
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = TempDir::new().expect("tempdir");
    let path = write(dir.path(), "latin1.txt", b"The caf\xe9 was closed.");
    let reason = skip_reason(&path, &Options::default());
    assert!(reason.contains("invalid UTF-8 at byte 7"), "{reason}");
}

#[test]
fn empty_and_whitespace_files_are_skipped() {
    let dir = TempDir::new().expect("tempdir");
    let empty = write(dir.path(), "empty.txt", "");
    assert!(skip_reason(&empty, &Options::default()).contains("empty"));
    let blank = write(dir.path(), "blank.jsonl", " \n\t\r\n  ");
    assert!(skip_reason(&blank, &Options::default()).contains("only whitespace"));
    let header_only = write(dir.path(), "header.txt", "title: Nothing here\n---\n\n");
    assert!(skip_reason(&header_only, &Options::default()).contains("no article text"));
    let nbsp = write(dir.path(), "nbsp.txt", "\u{a0}\u{2003}\n");
    assert!(skip_reason(&nbsp, &Options::default()).contains("only whitespace"));
}

#[test]
fn oversized_file_is_rejected_from_metadata() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).expect("create");
    // Sparse: 50 MiB of size, no data written (reading it would give NULs).
    file.set_len(50 * 1024 * 1024).expect("set_len");
    let reason = skip_reason(&path, &Options::default());
    assert!(reason.contains("50.0 MiB"), "{reason}");
    assert!(reason.contains("16.0 MiB limit"), "{reason}");

    let small = write(dir.path(), "small.txt", STORY);
    let reason = skip_reason(
        &small,
        &Options {
            max_bytes: 10,
            ..Options::default()
        },
    );
    assert!(reason.contains("too large"), "{reason}");
    assert!(reason.contains("10 bytes limit"), "{reason}");
}

#[test]
fn oversized_jsonl_line_is_skipped_alone() {
    let dir = TempDir::new().expect("tempdir");
    let long = format!("{{\"text\": \"{}\"}}", "word ".repeat(100));
    let path = write(
        dir.path(),
        "feed.ndjson",
        format!("{{\"text\": \"Short one.\"}}\n{long}\n"),
    );
    let (docs, skipped) = read(
        &Source::File(path.clone()),
        &Options {
            max_bytes: 100,
            ..Options::default()
        },
    );
    assert_eq!(docs.len(), 1);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].path, format!("{}:2", path.display()));
}

#[test]
fn missing_file_and_directory_are_skipped() {
    let dir = TempDir::new().expect("tempdir");
    let missing = dir.path().join("gone.txt");
    assert!(skip_reason(&missing, &Options::default()).starts_with("cannot read"));
    assert!(skip_reason(dir.path(), &Options::default()).contains("is a directory"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("tempdir");
    let path = write(dir.path(), "secret.txt", STORY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::File::open(&path).is_ok() {
        // Running as root: permissions are not enforced, nothing to test.
        return;
    }
    let reason = skip_reason(&path, &Options::default());
    assert!(reason.contains("ermission denied"), "{reason}");
}

fn files(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .map(|s| match s {
            Source::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Source::Stdin => "-".to_string(),
        })
        .collect()
}

#[test]
fn expands_folders_globs_and_stdin() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    write(root, "b.txt", "b");
    write(root, "a.html", "<p>a</p>");
    write(root, "sub/deeper/c.jsonl", "{}");
    write(root, "sub/notes.pdf", "%PDF");
    write(root, ".hidden/d.txt", "d");
    write(root, "sub/.e.txt", "e");
    write(root, "other/f.md", "f");
    write(root, "other/g.txt", "g");

    let arg = |p: &str| root.join(p).display().to_string();
    let args = vec![
        arg("sub"),
        arg("b.txt"),
        "-".to_string(),
        arg("other/*.md"),
        arg("a.html"),
        arg("b.txt"),              // duplicate
        arg("sub/deeper/c.jsonl"), // also inside the folder
        arg("missing.txt"),
        arg("nothing/*.txt"),
    ];
    let (sources, skipped) = expand(&args);
    assert_eq!(files(&sources), ["-", "a.html", "b.txt", "f.md", "c.jsonl"]);
    assert_eq!(sources[0], Source::Stdin);
    let reasons: Vec<(String, String)> = skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.clone()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons[0].0.ends_with("notes.pdf") && reasons[0].1.contains("not a known article format")
    );
    assert_eq!(
        reasons[1],
        (arg("missing.txt"), "no such file or directory".to_string())
    );
    assert_eq!(
        reasons[2],
        (
            arg("nothing/*.txt"),
            "no file matches this pattern".to_string()
        )
    );

    // The whole tree, through a pattern and as a folder: same files once each.
    let (sources, _) = expand(&[arg("*"), root.display().to_string()]);
    assert_eq!(
        files(&sources),
        ["a.html", "b.txt", "f.md", "g.txt", "c.jsonl"]
    );
}

#[test]
fn invalid_pattern_is_reported() {
    let (sources, skipped) = expand(&["[z-a".to_string(), String::new()]);
    assert!(sources.is_empty());
    assert_eq!(skipped.len(), 2);
    assert!(
        skipped[0].reason.contains("invalid glob pattern"),
        "{skipped:?}"
    );
    assert_eq!(skipped[1].reason, "empty argument");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "news/a.txt", "a");
    std::os::unix::fs::symlink(dir.path().join("news"), dir.path().join("news/again"))
        .expect("symlink");
    let (sources, skipped) = expand(&[dir.path().join("news").display().to_string()]);
    assert_eq!(files(&sources), ["a.txt"]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].reason.contains("loop"), "{skipped:?}");
}

#[test]
fn sizes_read_well() {
    assert_eq!(human_size(512), "512 bytes");
    assert_eq!(human_size(1536), "1.5 KiB");
    assert_eq!(human_size(16 * 1024 * 1024), "16.0 MiB");
}

/// A page of `<div>`s nested 200,000 deep: the work is counted, not timed.
/// The measuring pass stops at the cap, the writing pass reads each tag
/// once, and the tree handed to the parser and readability is no deeper
/// than the cap, a few hundred nodes in all; the text is extracted.
#[test]
fn a_page_nested_200000_deep_extracts_with_work_bounded_by_its_size() {
    let html = format!(
        "<html><head><title>Deep</title></head><body>{}<p>The dam on the Vell river was closed on Monday after heavy rain, engineers said.</p>{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let (capped, done) = depth::cap(&html, depth::DEFAULT_MAX_DEPTH);
    let tags = 2 * 200_000 + 10;
    assert!(
        done.tokens <= tags + depth::DEFAULT_MAX_DEPTH + 10,
        "{done:?}"
    );
    let dom = dom_query::Document::from(&*capped);
    let (mut nodes, mut deepest) = (0usize, 0usize);
    let mut stack = vec![(dom.root(), 0usize)];
    while let Some((node, d)) = stack.pop() {
        nodes += 1;
        deepest = deepest.max(d);
        stack.extend(node.children().into_iter().map(|c| (c, d + 1)));
    }
    assert!(deepest <= depth::DEFAULT_MAX_DEPTH + 2, "{deepest}");
    assert!(nodes < 2 * depth::DEFAULT_MAX_DEPTH, "{nodes}");
    let page = extract(&html, &PageContext::default()).expect("the text is extracted");
    assert!(
        page.text.contains("The dam on the Vell river was closed"),
        "{}",
        page.text
    );
}
