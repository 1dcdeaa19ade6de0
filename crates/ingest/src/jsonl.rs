//! JSONL / NDJSON: one article object per line, streamed so that a large file
//! is never held in memory as a whole.
//!
//! A line is an object with `text` or `html` (one is required) and optional
//! `url`, `title`, `source` (alias `outlet`), `published` (alias `date`) and
//! `author`, all strings (or null). A line that breaks these rules is skipped
//! with its line number and the reason; the rest of the file goes on.

use std::io::BufRead;

use crosscheck_core::Document;
use serde_json::{Map, Value};

use crate::{Options, Skipped, dates, html, human_size, text};

/// Reads all records from `reader`, a JSONL stream named `name`. Lines longer
/// than `max_line` bytes are skipped without being held in memory.
#[cfg(test)]
pub(crate) fn read_records(
    reader: &mut dyn BufRead,
    name: &str,
    max_line: u64,
) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    let opts = Options {
        max_bytes: max_line,
        ..Options::default()
    };
    each_record(reader, name, &opts, &mut |item| match item {
        Ok(doc) => docs.push(doc),
        Err(skip) => skipped.push(skip),
    });
    (docs, skipped)
}

/// Reads the records of `reader`, a JSONL stream named `name`, handing each
/// document or skipped line to `emit` as it is read; returns how many
/// records (documents and skipped lines) there were. Lines longer than
/// `opts.max_bytes` are skipped without being held in memory.
pub(crate) fn each_record(
    reader: &mut dyn BufRead,
    name: &str,
    opts: &Options,
    emit: &mut dyn FnMut(Result<Document, Skipped>),
) -> usize {
    let max_line = opts.max_bytes;
    let mut records = 0;
    let mut emit = |item| {
        records += 1;
        emit(item);
    };
    let mut buf = Vec::new();
    let mut offset = 0u64;
    for line_no in 1.. {
        buf.clear();
        let line_start = offset;
        let (len, complete) = match read_line_capped(reader, &mut buf, max_line) {
            Ok(r) => r,
            Err(e) => {
                emit(Err(Skipped::new(
                    format!("{name}:{line_no}"),
                    format!("read error: {e}"),
                )));
                break;
            }
        };
        if len == 0 {
            break;
        }
        offset += len;
        let at = format!("{name}:{line_no}");
        if !complete {
            emit(Err(Skipped::new(
                at,
                format!(
                    "line is {} long, over the {} limit",
                    human_size(len),
                    human_size(max_line)
                ),
            )));
            continue;
        }
        let mut line = buf.as_slice();
        if line_no == 1 {
            line = line.strip_prefix(crate::detect::UTF8_BOM).unwrap_or(line);
        }
        let line = match std::str::from_utf8(line) {
            Ok(s) => s,
            Err(e) => {
                let bad = line_start + e.valid_up_to() as u64;
                emit(Err(Skipped::new(
                    at,
                    format!("invalid UTF-8 at byte {bad} of the file"),
                )));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        emit(record(line, &at, opts.max_depth).map_err(|reason| Skipped::new(at, reason)));
    }
    records
}

/// Reads one line (up to and excluding `\n`) into `buf`, keeping at most
/// `cap` bytes of it. Returns the bytes consumed (with the newline) and whether
/// the line fit under the cap; an over-long line's rest is read and dropped.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: u64,
) -> std::io::Result<(u64, bool)> {
    let mut consumed = 0u64;
    let mut fits = true;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, fits));
        }
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if fits {
            if (buf.len() + piece.len()) as u64 > cap {
                fits = false;
                buf.clear();
            } else {
                buf.extend_from_slice(piece);
            }
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        consumed += used as u64;
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok((consumed, fits));
        }
    }
}

/// Turns one JSON line into a document, or the reason it cannot be one.
fn record(line: &str, path: &str, max_depth: usize) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text_field = string_field(&obj, &["text"])?;
    let html_field = string_field(&obj, &["html"])?;
    let mut doc = match (text_field, html_field) {
        (Some(t), _) if !t.trim().is_empty() => {
            let normalized = text::normalize(t);
            let (published, body) = text::strip_date_prefix(&normalized);
            let mut doc = Document::new(path, body.trim());
            doc.published = published;
            doc
        }
        (_, Some(h)) if !h.trim().is_empty() => {
            let context = html::PageContext {
                url: string_field(&obj, &["url"])?.map(|u| u.trim().to_string()),
                crawled: None,
                max_depth,
            };
            html::extract(h, &context)?.into_document(path)
        }
        (None, None) => return Err("no `text` or `html` field".to_string()),
        _ => return Err("`text` / `html` is empty".to_string()),
    };
    if doc.text.is_empty() {
        return Err("`text` is empty".to_string());
    }
    let own = |keys: &[&str]| -> Result<Option<String>, String> {
        Ok(string_field(&obj, keys)?
            .map(str::trim)
            .filter(|s| !dates::is_placeholder(s))
            .map(str::to_string))
    };
    // The record's own fields win over what the HTML says about itself.
    if let Some(url) = own(&["url"])? {
        doc.url = Some(url);
    }
    if let Some(title) = own(&["title"])? {
        doc.title = Some(title);
    }
    if let Some(source) = own(&["source", "outlet"])? {
        doc.source = Some(source);
    }
    if let Some(author) = own(&["author"])? {
        doc.author = Some(author);
    }
    if let Some(published) = own(&["published", "date"])?.and_then(|d| dates::normalize(&d)) {
        doc.published = Some(published);
    }
    Ok(doc)
}

/// The first of `keys` present in `obj` as a string; `null` counts as absent,
/// any other type is an error naming the field.
fn string_field<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Result<Option<&'a str>, String> {
    for key in keys {
        match obj.get(*key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => return Ok(Some(s)),
            Some(other) => {
                return Err(format!(
                    "field `{key}` must be a string, found {}",
                    kind(other)
                ));
            }
        }
    }
    Ok(None)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8], max: u64) -> (Vec<Document>, Vec<Skipped>) {
        read_records(&mut std::io::Cursor::new(input), "feed.jsonl", max)
    }

    #[test]
    fn malformed_lines_are_skipped_and_the_rest_read() {
        let input = concat!(
            r#"{"text": "The mayor resigned on Friday.", "source": "City Desk", "published": "2024-04-12"}"#,
            "\n",
            r#"{"text": "unterminated"#,
            "\n\n",
            r#"{"title": "No body here"}"#,
            "\n",
            r#"{"text": 42}"#,
            "\n",
            r#"["not", "an", "object"]"#,
            "\n",
            r#"{"text": "Rail strike called off.", "url": "https://rail.example.com/a", "author": null, "published": 17}"#,
            "\n",
            r#"{"outlet": "Wire", "date": "March 3, 2024", "text": "Second story.\r\nWith two lines.  "}"#,
            "\r\n",
        );
        let (docs, skipped) = run(input.as_bytes(), 1 << 20);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The mayor resigned on Friday.",
                "Second story.\nWith two lines."
            ]
        );
        assert_eq!(docs[0].path, "feed.jsonl:1");
        assert_eq!(docs[0].source.as_deref(), Some("City Desk"));
        assert_eq!(docs[0].published.as_deref(), Some("2024-04-12"));
        assert_eq!(docs[0].id, crosscheck_core::content_id(&docs[0].text));
        assert_eq!(docs[1].path, "feed.jsonl:8");
        assert_eq!(docs[1].source.as_deref(), Some("Wire"));
        assert_eq!(docs[1].published.as_deref(), Some("2024-03-03"));

        let at: Vec<(&str, &str)> = skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(at.len(), 5, "{at:?}");
        assert_eq!(at[0].0, "feed.jsonl:2");
        assert!(at[0].1.starts_with("invalid JSON"), "{at:?}");
        assert_eq!(at[1], ("feed.jsonl:4", "no `text` or `html` field"));
        assert_eq!(
            at[2],
            (
                "feed.jsonl:5",
                "field `text` must be a string, found a number"
            )
        );
        assert_eq!(
            at[3],
            ("feed.jsonl:6", "expected a JSON object, found an array")
        );
        assert_eq!(
            at[4],
            (
                "feed.jsonl:7",
                "field `published` must be a string, found a number"
            )
        );
    }

    #[test]
    fn html_records_are_extracted_and_fields_override() {
        let line = serde_json::json!({
            "html": "<html><head><title>Page title</title><meta property=\"og:site_name\" content=\"Page Site\"></head><body><p>Farmers blocked the main highway with tractors on Tuesday, demanding lower fuel taxes and faster payment of subsidies promised last year by the government.</p></body></html>",
            "title": "Record title",
        })
        .to_string();
        let (docs, skipped) = run(line.as_bytes(), 1 << 20);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title.as_deref(), Some("Record title"));
        assert_eq!(docs[0].source.as_deref(), Some("Page Site"));
        assert!(docs[0].text.starts_with("Farmers blocked"));
    }

    #[test]
    fn invalid_utf8_and_long_lines_are_reported_per_line() {
        let mut input = b"{\"text\": \"ok one\"}\n{\"text\": \"bad \xff byte\"}\n".to_vec();
        input.extend_from_slice(format!("{{\"text\": \"{}\"}}\n", "x".repeat(300)).as_bytes());
        input.extend_from_slice(b"{\"text\": \"ok two\"}");
        let (docs, skipped) = run(&input, 200);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].path, "feed.jsonl:4");
        assert_eq!(skipped.len(), 2);
        assert_eq!(skipped[0].path, "feed.jsonl:2");
        // Line 1 is 19 bytes; the bad byte is the 15th of line 2.
        assert_eq!(skipped[0].reason, "invalid UTF-8 at byte 33 of the file");
        assert_eq!(skipped[1].path, "feed.jsonl:3");
        assert!(
            skipped[1].reason.contains("over the"),
            "{}",
            skipped[1].reason
        );
    }
}
