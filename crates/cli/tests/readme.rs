//! The README cannot drift from the command line: every `crosscheck` command
//! line in its code blocks is run against the built binary. Lines that work
//! on the bundled sample run as they are, in a temporary folder that sees
//! the repository's `examples/`, and must succeed; lines that need the
//! evaluation data beside the repository (`../shared/…`, minutes each) are
//! checked against the binary's own help: the subcommand exists and takes
//! every option the line gives. The command table's syntax lines
//! (`crosscheck analyze ARTICLES... [--db FILE]`) are checked the same way.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The command lines of the README's code blocks (indented or fenced),
/// as `crosscheck …`: `cargo run … -p crosscheck -- ARGS` counts as
/// `crosscheck ARGS`.
fn command_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !(fenced || line.starts_with("    ")) {
            continue;
        }
        let line = line.trim().trim_start_matches("$ ");
        let command = if let Some((_, args)) = line.split_once("-p crosscheck -- ") {
            format!("crosscheck {args}")
        } else if line.starts_with("crosscheck ") {
            line.to_string()
        } else {
            continue;
        };
        lines.push(command);
    }
    lines
}

/// The syntax lines of the README's command table: each backticked
/// `crosscheck …` in a row's first cell (alternatives `a\|b` kept as `a/b`).
fn table_lines(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter(|l| l.starts_with("| `crosscheck "))
        .flat_map(|row| {
            let cell = row
                .replace("\\|", "/")
                .split(" | ")
                .next()
                .unwrap_or_default()
                .to_string();
            cell.split('`')
                .filter(|part| part.starts_with("crosscheck "))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Checks `line` against the binary's help: its subcommand exists and
/// takes every `--option` the line names.
fn check_against_help(line: &str) {
    let words = words(line);
    let path_words: Vec<&str> = words[1..]
        .iter()
        .map(String::as_str)
        .take_while(|w| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .collect();
    let help = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(&path_words)
        .arg("--help")
        .output()
        .expect("the binary runs");
    let help_text = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.status.success(),
        "{line}: `crosscheck {}` is a command",
        path_words.join(" ")
    );
    for option in words
        .iter()
        .map(|w| w.trim_matches(['[', ']']))
        .filter(|w| w.starts_with("--"))
    {
        let option = option.split('=').next().unwrap_or(option);
        assert!(
            help_text.contains(&format!("{option} "))
                || help_text.contains(&format!("{option}\n"))
                || help_text.contains(&format!("{option}=")),
            "{line}: `crosscheck {}` takes {option}",
            path_words.join(" ")
        );
    }
}

/// The words of a command line, up to a shell operator.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, '>' | '|' | '&' | ';') => break,
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() && quote.is_none() {
        words.push(word);
    }
    words
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_crosscheck"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf()
}

#[test]
fn every_command_line_in_the_readme_works() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = command_lines(&readme);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("crosscheck analyze examples/seeds")),
        "the Quick start's analyze is among the README's command lines: {lines:#?}"
    );
    let work = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(root().join("examples"), work.path().join("examples"))
        .expect("examples/ linked");
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (mut ran, mut checked) = (0, 0);
    for line in &lines {
        if line.contains("../shared") || line.contains("postgres://") || line.contains(" serve") {
            // Needs data or servers beside the repository: the subcommand
            // and its options must exist.
            check_against_help(line);
            checked += 1;
            continue;
        }
        let out = Command::new("bash")
            .arg("-c")
            .arg(line)
            .current_dir(work.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "README line `{line}`: exit {:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 5, "{ran} README lines ran");
    assert!(
        checked >= 1,
        "{checked} README lines checked against the help"
    );
}

#[test]
fn every_command_of_the_readme_table_exists_with_its_options() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = table_lines(&readme);
    assert!(lines.len() >= 15, "the table's commands: {lines:#?}");
    for line in &lines {
        check_against_help(line);
    }
}
