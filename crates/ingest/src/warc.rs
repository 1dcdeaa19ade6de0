//! WARC files (web crawls such as Common Crawl News), plain or gzipped with
//! one or many gzip members: every `response` (or `resource`) record that
//! holds an HTML page becomes a document with its target URL and crawl date.
//!
//! The reader streams: records are read one at a time, a body larger than
//! the size limit is skipped unread, and nothing but the current record is
//! held in memory, so a 10 GB crawl needs a few MiB.
//!
//! The framing is written here, with `httparse` for the header blocks and
//! `flate2` for gzip, rather than with the `warc` crate: its reader stops at
//! the first bad record and knows no offsets, while a crawl with one
//! truncated or corrupt record must be reported (with the record's offset)
//! and read on. For a gzipped file the offset is that of the gzip member
//! (each record is one member in Common Crawl's files, so it is the offset
//! an index gives); a corrupt member is skipped up to the next gzip header.

use std::io::{self, BufRead, Read};

use crosscheck_core::Document;

use crate::html::{self, PageContext};
use crate::{Options, Skipped, human_size};

/// The two bytes every gzip member starts with, plus the deflate method byte.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Largest WARC or HTTP header block read, in bytes.
const MAX_HEAD: u64 = 64 * 1024;

/// Most headers one block may have.
const MAX_HEADERS: usize = 128;

/// What one record gave.
pub(crate) type Item = Result<Document, Skipped>;

/// A `BufRead` that counts the bytes consumed from it: the offset of the
/// next byte in the underlying file.
struct Counting<R> {
    inner: R,
    offset: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.offset += amt as u64;
        self.inner.consume(amt);
    }
}

/// Reads a WARC stream (gzip detected from its first bytes), calling
/// `emit` with each HTML page found and each record skipped. Returns how many
/// records were read. An error of the stream itself (a read failure) ends
/// the reading and is reported as a skip at its offset.
pub(crate) fn read(
    reader: impl BufRead,
    name: &str,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) -> u64 {
    let mut input = Counting {
        inner: reader,
        offset: 0,
    };
    let gzipped = input
        .fill_buf()
        .is_ok_and(|b| b.starts_with(&GZIP_MAGIC[..2]));
    let mut records = 0;
    if !gzipped {
        let mut parser = Records {
            name,
            opts,
            base: None,
            records: &mut records,
        };
        if let Err(e) = parser.read_all(&mut input, emit) {
            emit(Err(skip(name, input.offset, &format!("cannot read: {e}"))));
        }
        return records;
    }
    loop {
        match input.fill_buf() {
            Ok([]) => break,
            Ok(_) => {}
            Err(e) => {
                emit(Err(skip(name, input.offset, &format!("cannot read: {e}"))));
                break;
            }
        }
        let member_start = input.offset;
        let result = {
            let mut decoder = io::BufReader::new(flate2::bufread::GzDecoder::new(&mut input));
            let mut parser = Records {
                name,
                opts,
                base: Some(member_start),
                records: &mut records,
            };
            parser.read_all(&mut decoder, emit)
        };
        if let Err(e) = result {
            emit(Err(skip(
                name,
                member_start,
                &format!("corrupt gzip member: {e}; skipped to the next one"),
            )));
            // Resume at the next member header, at the earliest one byte past
            // the start of the bad member (so it is not found again).
            let made_progress = input.offset > member_start;
            if !seek_magic(&mut input, usize::from(!made_progress)) {
                break;
            }
        }
    }
    records
}

/// Advances `input` to the next gzip member header, looking from `skip`
/// bytes on; `false` at the end.
fn seek_magic(input: &mut impl BufRead, mut skip: usize) -> bool {
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) if !buf.is_empty() => buf,
            _ => return false,
        };
        let from = skip.min(buf.len());
        skip -= from;
        match buf[from..]
            .windows(GZIP_MAGIC.len())
            .position(|w| w == GZIP_MAGIC)
        {
            Some(pos) => {
                input.consume(from + pos);
                return true;
            }
            // Keep the last bytes: the magic may straddle two buffers.
            None => {
                let keep = GZIP_MAGIC.len() - 1;
                let n = buf.len().saturating_sub(keep).max(1);
                input.consume(n);
            }
        }
    }
}

fn skip(name: &str, offset: u64, reason: &str) -> Skipped {
    Skipped::new(format!("{name}@{offset}"), reason)
}

/// Reads the records of one uncompressed stream (a whole plain file, or one
/// gzip member).
struct Records<'a> {
    name: &'a str,
    opts: &'a Options,
    /// The gzip member's offset, reported for all its records; `None` for a
    /// plain file, whose records are reported at their own offsets.
    base: Option<u64>,
    records: &'a mut u64,
}

impl Records<'_> {
    /// Reads records until the end of `input`. A damaged record is reported
    /// and the reader moves on to the next `WARC/` line; an `Err` is a read
    /// failure of the stream (for gzip: corrupt compressed data).
    fn read_all(&mut self, input: &mut dyn BufRead, emit: &mut dyn FnMut(Item)) -> io::Result<()> {
        let mut offset = 0u64;
        let mut line = Vec::new();
        loop {
            // Blank lines separate records.
            line.clear();
            let n = Read::take(&mut *input, MAX_HEAD).read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(());
            }
            let start = offset;
            offset += n as u64;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let at = self.base.unwrap_or(start);
            if !line.starts_with(b"WARC/") {
                emit(Err(skip(
                    self.name,
                    at,
                    "not a WARC record (no WARC/ version line); looking for the next one",
                )));
                offset += resync(input, &mut line)?;
                if line.is_empty() {
                    return Ok(());
                }
            }
            *self.records += 1;
            match self.record(input, &mut offset, at) {
                Ok(Some(doc)) => emit(Ok(doc)),
                Ok(None) => {}
                Err(RecordError::Skip(reason)) => emit(Err(skip(self.name, at, &reason))),
                Err(RecordError::Truncated(reason)) => {
                    emit(Err(skip(self.name, at, &reason)));
                    return Ok(());
                }
                Err(RecordError::Io(e)) => return Err(e),
            }
        }
    }

    /// Reads one record after its version line: `Ok(None)` for a record that
    /// is not an HTML page (request, metadata, images...).
    fn record(
        &mut self,
        input: &mut dyn BufRead,
        offset: &mut u64,
        at: u64,
    ) -> Result<Option<Document>, RecordError> {
        let head = read_head(input, offset)?;
        let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let headers = match httparse::parse_headers(&head, &mut storage) {
            Ok(httparse::Status::Complete((_, headers))) => headers,
            Ok(httparse::Status::Partial) => {
                return Err(RecordError::Truncated("truncated WARC header".to_string()));
            }
            Err(e) => return Err(RecordError::Skip(format!("invalid WARC header: {e}"))),
        };
        let get = |name: &str| {
            headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .and_then(|h| std::str::from_utf8(h.value).ok())
                .map(str::trim)
        };
        let length: u64 = get("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| {
                RecordError::Skip("WARC record without a valid Content-Length".to_string())
            })?;
        let kind = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let url = get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let crawled = get("WARC-Date")
            .and_then(|d| d.get(..10))
            .and_then(|d| d.parse::<jiff::civil::Date>().ok());
        let content_type = get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = (kind == "response" && content_type.contains("http"))
            || (kind == "resource" && content_type.contains("html"));
        if !wanted || length > self.opts.max_bytes {
            let skipped = io::copy(&mut Read::take(&mut *input, length), &mut io::sink())?;
            *offset += skipped;
            if skipped < length {
                return Err(RecordError::Truncated(format!(
                    "truncated record: Content-Length {length} but the file ends after {skipped} bytes"
                )));
            }
            if wanted {
                return Err(RecordError::Skip(format!(
                    "record too large: {}, over the {} limit",
                    human_size(length),
                    human_size(self.opts.max_bytes)
                )));
            }
            return Ok(None);
        }
        let mut body = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 20));
        Read::take(&mut *input, length).read_to_end(&mut body)?;
        *offset += body.len() as u64;
        if (body.len() as u64) < length {
            return Err(RecordError::Truncated(format!(
                "truncated record: Content-Length {length} but the file ends after {} bytes",
                body.len()
            )));
        }
        let html = if kind == "response" {
            match http_html(&body) {
                Ok(Some(html)) => html,
                Ok(None) => return Ok(None),
                Err(reason) => return Err(RecordError::Skip(reason)),
            }
        } else {
            body
        };
        let name = match &url {
            Some(u) => format!("{}@{at} {u}", self.name),
            None => format!("{}@{at}", self.name),
        };
        let context = PageContext {
            url,
            crawled,
            max_depth: self.opts.max_depth,
        };
        match html::extract_bytes(&html, &context) {
            Ok(page) => {
                let mut doc = page.into_document(name);
                if doc.published.is_none() {
                    doc.published = crawled.map(|d| d.to_string());
                }
                Ok(Some(doc))
            }
            Err(reason) => Err(RecordError::Skip(reason)),
        }
    }
}

/// Why a record was not read.
enum RecordError {
    /// This record is unusable; the next one can be read.
    Skip(String),
    /// The stream ended inside this record.
    Truncated(String),
    /// Reading failed.
    Io(io::Error),
}

impl From<io::Error> for RecordError {
    fn from(e: io::Error) -> Self {
        RecordError::Io(e)
    }
}

/// Reads header lines up to and including the blank line that ends them.
fn read_head(input: &mut dyn BufRead, offset: &mut u64) -> Result<Vec<u8>, RecordError> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = Read::take(&mut *input, MAX_HEAD).read_until(b'\n', &mut head)?;
        *offset += n as u64;
        if n == 0 {
            return Err(RecordError::Truncated(
                "truncated WARC header: the file ends inside it".to_string(),
            ));
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            return Ok(head);
        }
        if head.len() as u64 > MAX_HEAD {
            return Err(RecordError::Skip(format!(
                "WARC header longer than {}",
                human_size(MAX_HEAD)
            )));
        }
    }
}

/// Reads lines until one starts with `WARC/` (left in `line`); returns the
/// bytes read. `line` is empty at the end of the stream.
fn resync(input: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<u64> {
    let mut read = 0;
    loop {
        line.clear();
        let n = Read::take(&mut *input, MAX_HEAD).read_until(b'\n', line)?;
        read += n as u64;
        if n == 0 || line.starts_with(b"WARC/") {
            return Ok(read);
        }
    }
}

/// The HTML body of an HTTP response record: `Ok(None)` when it is not a
/// successful HTML response; chunked transfer and gzip/deflate content
/// encodings are undone.
fn http_html(body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut storage);
    let head_len = match response.parse(body) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP response head".to_string()),
        Err(e) => return Err(format!("invalid HTTP response head: {e}")),
    };
    if !response.code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let get = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| std::str::from_utf8(h.value).ok())
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let payload = body.get(head_len..).unwrap_or_default();
    let is_html = match get("Content-Type") {
        Some(ct) => ct.contains("html"),
        None => payload.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'),
    };
    if !is_html {
        return Ok(None);
    }
    let payload = if get("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        dechunk(payload)?
    } else {
        payload.to_vec()
    };
    let decoded = match get("Content-Encoding").as_deref() {
        Some("gzip" | "x-gzip") => inflate(flate2::read::GzDecoder::new(&payload[..]))?,
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&payload[..]))?,
        _ => payload,
    };
    Ok(Some(decoded))
}

fn inflate(mut decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .read_to_end(&mut out)
        .map_err(|e| format!("HTTP body could not be decompressed: {e}"))?;
    Ok(out)
}

/// Undoes HTTP/1.1 chunked transfer encoding (`httparse` parses the chunk
/// sizes; the loop around it is ours).
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(found)) => found,
            _ => return Err("invalid chunked HTTP body".to_string()),
        };
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "invalid chunk size".to_string())?;
        let chunk = data
            .get(used..used + size)
            .ok_or_else(|| "truncated chunked HTTP body".to_string())?;
        out.extend_from_slice(chunk);
        data = data.get(used + size..).unwrap_or_default();
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}
