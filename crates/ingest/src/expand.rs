//! Turning command-line arguments (files, folders, glob patterns, `-`) into
//! the list of sources to read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::{Format, Skipped, Source};

/// See [`crate::expand`].
pub(crate) fn expand(args: &[String]) -> (Vec<Source>, Vec<Skipped>) {
    let mut found = Found::default();
    for arg in args {
        if arg == "-" {
            found.stdin = true;
        } else if arg.trim().is_empty() {
            found.skip(arg, "empty argument");
        } else if Path::new(arg).exists() || !is_pattern(arg) {
            found.path(Path::new(arg), arg);
        } else {
            found.pattern(arg);
        }
    }
    found.finish()
}

/// Whether an argument holds glob metacharacters.
fn is_pattern(arg: &str) -> bool {
    arg.contains(['*', '?', '['])
}

#[derive(Default)]
struct Found {
    stdin: bool,
    files: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    skipped: Vec<Skipped>,
}

impl Found {
    fn skip(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped::new(path, reason));
    }

    /// Adds a file once, however many arguments (or links) lead to it.
    fn add_file(&mut self, path: PathBuf) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(key) {
            self.files.push(path);
        }
    }

    /// A named path: a file is taken whatever its extension (it will be
    /// sniffed), a folder is walked.
    fn path(&mut self, path: &Path, arg: &str) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.walk(path),
            Ok(_) => self.add_file(path.to_path_buf()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.skip(arg, "no such file or directory");
            }
            Err(e) => self.skip(arg, format!("cannot access: {e}")),
        }
    }

    /// A glob pattern: every match is taken as if named; no match is reported.
    fn pattern(&mut self, pattern: &str) {
        let options = glob::MatchOptions {
            require_literal_leading_dot: true,
            ..glob::MatchOptions::new()
        };
        let paths = match glob::glob_with(pattern, options) {
            Ok(paths) => paths,
            Err(e) => {
                self.skip(pattern, format!("invalid glob pattern: {e}"));
                return;
            }
        };
        let mut any = false;
        for entry in paths {
            any = true;
            match entry {
                Ok(path) => {
                    let shown = path.display().to_string();
                    self.path(&path, &shown);
                }
                Err(e) => self.skip(
                    e.path().display().to_string(),
                    format!("cannot access: {}", e.error()),
                ),
            }
        }
        if !any {
            self.skip(pattern, "no file matches this pattern");
        }
    }

    /// Walks a folder recursively (following links; loops are reported).
    /// Hidden entries are passed over; files whose extension is not a known
    /// article format are reported rather than sniffed, since folders often
    /// hold images, style sheets and notes next to the articles.
    fn walk(&mut self, root: &Path) {
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if Format::from_path(entry.path()).is_some() {
                        self.add_file(entry.into_path());
                    } else {
                        self.skip(
                            entry.path().display().to_string(),
                            "not a known article format (.txt, .md, .html, .jsonl...); name the file itself to have its content sniffed",
                        );
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    let reason = if let Some(ancestor) = e.loop_ancestor() {
                        format!(
                            "directory symlink loop (points back to {})",
                            ancestor.display()
                        )
                    } else if let Some(io) = e.io_error() {
                        format!("cannot access: {io}")
                    } else {
                        e.to_string()
                    };
                    self.skip(path, reason);
                }
            }
        }
    }

    fn finish(mut self) -> (Vec<Source>, Vec<Skipped>) {
        self.files.sort();
        let mut sources: Vec<Source> = Vec::with_capacity(self.files.len() + 1);
        if self.stdin {
            sources.push(Source::Stdin);
        }
        sources.extend(self.files.into_iter().map(Source::File));
        (sources, self.skipped)
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}
