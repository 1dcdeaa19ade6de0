//! crosscheck's input side: turns what the user names on the command line
//! (files, folders, glob patterns, `-` for stdin) into
//! [`crosscheck_core::Document`]s.
//!
//! Formats are told apart by extension, else by content (see [`Format`]):
//! plain text with an optional `key: value` header, HTML pages (main text and
//! metadata extracted), JSONL (one article per line), RSS / Atom feeds (one
//! article per item) and WARC crawls (one article per HTML response, read as
//! a stream: use [`read_each`] to handle each article as it comes). Bad input
//! never fails the run: every input or record that cannot be read comes back
//! as a [`Skipped`] with the reason (and, inside a WARC file, its offset).
//!
//! [`extract`] and [`extract_bytes`] are the HTML extractor alone, for
//! callers that have a page in hand.
//!
//! ```no_run
//! use crosscheck_ingest::{Options, expand, read};
//!
//! let (sources, mut skipped) = expand(&["articles/".to_string(), "-".to_string()]);
//! let mut docs = Vec::new();
//! for source in &sources {
//!     let (d, s) = read(source, &Options::default());
//!     docs.extend(d);
//!     skipped.extend(s);
//! }
//! ```

mod byline;
mod clean;
mod dates;
pub mod depth;
mod detect;
mod expand;
mod feed;
mod headline;
mod html;
mod jsonl;
mod lang;
mod text;
mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::PathBuf;

use crosscheck_core::Document;

pub use detect::Format;
use detect::{SNIFF_LEN, binary_reason};
pub use html::{Page, PageContext, extract, extract_bytes};

/// One readable input: a file path or stdin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file, read with its format told by extension (else sniffed).
    File(PathBuf),
    /// Standard input, named `-`; its format is always sniffed.
    Stdin,
}

impl fmt::Display for Source {
    /// The name documents and skips from this source carry: the path, or `-`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("-"),
        }
    }
}

/// An input that was not ingested, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The input's path (`-` for stdin), plus `:LINE` for a JSONL line.
    pub path: String,
    /// What is wrong with it, in words.
    pub reason: String,
}

impl Skipped {
    pub(crate) fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Skipped {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Limits applied while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Largest text or HTML input read, in bytes (default 16 MiB). Larger files
    /// are skipped from their size alone, unread. JSONL files are streamed,
    /// so for them the limit applies to each line (one article) instead.
    pub max_bytes: u64,
    /// Deepest element nesting built from a page's HTML; deeper elements lose
    /// their tags, never their text (default 256).
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: 16 * 1024 * 1024,
            max_depth: depth::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Expands CLI arguments (files, folders recursively, glob patterns, `-` for
/// stdin) into sources, sorted and de-duplicated; arguments that match
/// nothing are returned as [`Skipped`].
///
/// A file named directly (or matched by a pattern) is taken whatever its
/// extension; inside folders only known article extensions are taken and the
/// other files are reported. Hidden files and folders are passed over, links
/// are followed and loops reported. Stdin, if asked for, comes first.
pub fn expand(args: &[String]) -> (Vec<Source>, Vec<Skipped>) {
    expand::expand(args)
}

/// Reads one source: zero or more documents (JSONL gives many) and the
/// records skipped. Never panics and never fails: an unreadable, binary,
/// oversized, empty or undecodable input is returned as a [`Skipped`].
pub fn read(source: &Source, opts: &Options) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    read_each(source, opts, &mut |item| match item {
        Ok(doc) => docs.push(doc),
        Err(skip) => skipped.push(skip),
    });
    (docs, skipped)
}

/// Reads one source like [`read`], handing each document or skipped record to
/// `emit` as soon as it is read: a WARC file of any size is read in the memory
/// of one record.
pub fn read_each(source: &Source, opts: &Options, emit: &mut dyn FnMut(Result<Document, Skipped>)) {
    let name = source.to_string();
    if let Err(reason) = read_source(source, &name, opts, emit) {
        emit(Err(Skipped::new(name, reason)));
    }
}

/// Reads a WARC stream (plain or gzipped) from any reader, handing each HTML
/// page and each skipped record to `emit`; returns the number of records
/// read. [`read_each`] calls it for WARC files; it is public for callers
/// with a stream in hand (and for the fuzz target).
pub fn read_warc(
    reader: impl BufRead,
    name: &str,
    opts: &Options,
    emit: &mut dyn FnMut(Result<Document, Skipped>),
) -> u64 {
    warc::read(reader, name, opts, emit)
}

/// What reading one source gives: documents and skipped records.
type Outcome = (Vec<Document>, Vec<Skipped>);

/// Where the documents and skipped records of one source go.
type Emit<'a> = &'a mut dyn FnMut(Result<Document, Skipped>);

fn read_source(source: &Source, name: &str, opts: &Options, emit: Emit<'_>) -> Result<(), String> {
    let (inner, by_ext): (Box<dyn Read>, Option<Format>) = match source {
        Source::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
            if meta.is_dir() {
                return Err("is a directory (expand() lists the files inside)".to_string());
            }
            let by_ext = Format::from_path(path);
            let streamed = matches!(by_ext, Some(Format::Jsonl | Format::Warc));
            if !streamed && meta.len() > opts.max_bytes {
                return Err(too_large(Some(meta.len()), opts.max_bytes));
            }
            let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
            (Box::new(file), by_ext)
        }
        Source::Stdin => (Box::new(io::stdin().lock()), None),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, inner);
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(|e| format!("cannot read: {e}"))?;
    if head.is_empty() {
        return Err("empty (0 bytes)".to_string());
    }
    if by_ext.unwrap_or_else(|| Format::sniff(&head)) == Format::Warc {
        let records = warc::read(Cursor::new(head).chain(reader), name, opts, emit);
        return if records == 0 {
            Err("no WARC records".to_string())
        } else {
            Ok(())
        };
    }

    // UTF-16 (announced by its byte-order mark) is decoded up front; from here
    // on everything is UTF-8 bytes.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&head)
        && enc != encoding_rs::UTF_8
    {
        read_rest(&mut reader, &mut head, opts.max_bytes)?;
        let decoded = enc.decode(&head).0.into_owned().into_bytes();
        return ingest(decoded, &mut io::empty(), by_ext, name, opts, emit);
    }
    ingest(head, &mut reader, by_ext, name, opts, emit)
}

/// Checks, classifies and parses an input whose first bytes are `head` and
/// whose remainder is `rest`.
fn ingest(
    head: Vec<u8>,
    rest: &mut dyn BufRead,
    by_ext: Option<Format>,
    name: &str,
    opts: &Options,
    emit: Emit<'_>,
) -> Result<(), String> {
    let format = format_of(&head, by_ext)?;
    if format == Format::Jsonl {
        // One record at a time: a JSONL file of any size is read in the
        // memory of one line.
        let mut stream = Cursor::new(head).chain(rest);
        if jsonl::each_record(&mut stream, name, opts, emit) == 0 {
            return Err("no records (only blank lines)".to_string());
        }
        return Ok(());
    }
    let (docs, skipped) = parse(head, rest, format, name, opts)?;
    docs.into_iter().for_each(|d| emit(Ok(d)));
    skipped.into_iter().for_each(|s| emit(Err(s)));
    Ok(())
}

/// The format of an input whose first bytes are `head`, or why it is not
/// text at all.
fn format_of(head: &[u8], by_ext: Option<Format>) -> Result<Format, String> {
    let sample = &head[..head.len().min(SNIFF_LEN)];
    if let Some(reason) = binary_reason(sample) {
        return Err(reason);
    }
    if sample.len() < SNIFF_LEN && sample.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("only whitespace ({} bytes), no text", sample.len()));
    }
    Ok(by_ext.unwrap_or_else(|| Format::sniff(sample)))
}

/// Parses a whole input of one document (or feed) of `format`.
fn parse(
    mut head: Vec<u8>,
    rest: &mut dyn BufRead,
    format: Format,
    name: &str,
    opts: &Options,
) -> Result<Outcome, String> {
    read_rest(rest, &mut head, opts.max_bytes)?;
    let doc = match format {
        Format::Text => {
            let raw = std::str::from_utf8(&head).map_err(|e| {
                format!(
                    "invalid UTF-8 at byte {} (text files must be UTF-8)",
                    e.valid_up_to()
                )
            })?;
            if raw.trim().is_empty() {
                return Err("only whitespace, no text".to_string());
            }
            let (meta, body) = text::parse(raw);
            if body.is_empty() {
                return Err("no article text after the header".to_string());
            }
            let mut doc = Document::new(name, body);
            doc.url = meta.url;
            doc.title = meta.title;
            doc.source = meta.source;
            doc.published = meta.published;
            doc.author = meta.author;
            doc
        }
        Format::Feed => return feed::read(&head, name),
        Format::Html | Format::Jsonl | Format::Warc => {
            let context = PageContext {
                max_depth: opts.max_depth,
                ..PageContext::read_now()
            };
            html::extract_bytes(&head, &context)?.into_document(name)
        }
    };
    Ok((vec![doc], Vec::new()))
}

/// Appends the rest of `reader` to `buf`, failing once it grows past `max`
/// bytes (at most `max + 1` bytes are ever read).
fn read_rest(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> Result<(), String> {
    let room = (max + 1).saturating_sub(buf.len() as u64);
    reader
        .take(room)
        .read_to_end(buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > max {
        return Err(too_large(None, max));
    }
    Ok(())
}

fn too_large(size: Option<u64>, max: u64) -> String {
    match size {
        Some(size) if size >= 1024 => format!(
            "too large: {} ({size} bytes), over the {} limit",
            human_size(size),
            human_size(max)
        ),
        Some(size) => format!(
            "too large: {size} bytes, over the {} limit",
            human_size(max)
        ),
        None => format!("too large: over the {} limit", human_size(max)),
    }
}

/// A byte count for people: `512 bytes`, `3.4 KiB`, `50.0 MiB`.
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests;
