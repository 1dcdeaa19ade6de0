//! Deciding what a byte stream is: its format (by extension or by content) and
//! whether it is binary rather than text.

use std::path::Path;

/// How many leading bytes are inspected for sniffing and binary detection.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// Share of control characters (in per mille of the sample) above which the
/// sample is taken for binary data.
const MAX_CONTROL_PER_MILLE: usize = 100;

/// The input formats crosscheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, optionally with a `key: value` header block ended by `---`.
    Text,
    /// An HTML page: the main text is extracted, metadata read from the head.
    Html,
    /// One JSON object (an article) per line.
    Jsonl,
    /// An RSS, Atom or JSON feed: one article per item.
    Feed,
    /// A WARC file (plain or gzipped): one article per HTML response record.
    Warc,
}

impl Format {
    /// The format a file name's extension announces, if it is one crosscheck knows.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".warc.gz") || name.ends_with(".arc.gz") {
            return Some(Format::Warc);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "rss" | "atom" | "xml" => Some(Format::Feed),
            "warc" => Some(Format::Warc),
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// Guesses the format from the first bytes of the content: gzip data or a
    /// `WARC/` line means WARC; after an optional byte-order mark and leading
    /// whitespace, an `<rss`, `<feed` or `<rdf:RDF` element means a feed, `{`
    /// means JSONL, `<` means HTML, anything else is plain text.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"\x1f\x8b") || head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let prefix = &head[start..head.len().min(start + 512)];
        let lower = prefix.to_ascii_lowercase();
        let is_feed = |tag: &[u8]| lower.windows(tag.len()).any(|w| w == tag);
        if lower.starts_with(b"<?xml")
            && (is_feed(b"<rss") || is_feed(b"<feed") || is_feed(b"<rdf:rdf"))
            || lower.starts_with(b"<rss")
            || lower.starts_with(b"<feed")
        {
            return Format::Feed;
        }
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::Jsonl,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }
}

/// The UTF-8 byte-order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why `sample` (the first bytes of an input) looks like binary data rather than
/// text, or `None` when it looks like text: a NUL byte, or more than 10 % of
/// control characters other than tab, line feed, form feed and carriage return.
pub(crate) fn binary_reason(sample: &[u8]) -> Option<String> {
    if let Some(pos) = sample.iter().position(|&b| b == 0) {
        return Some(format!("binary data, not text (NUL byte at offset {pos})"));
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if !sample.is_empty() && controls * 1000 > sample.len() * MAX_CONTROL_PER_MILLE {
        return Some(format!(
            "binary data, not text ({controls} control characters in the first {} bytes)",
            sample.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_first_significant_byte() {
        assert_eq!(Format::sniff(b"{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(Format::sniff(b"  \n\t{\"text\": \"a\"}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"\xEF\xBB\xBF<!doctype html>"), Format::Html);
        assert_eq!(Format::sniff(b"\n<html><body>"), Format::Html);
        assert_eq!(
            Format::sniff(b"Officials said on Tuesday that the talks had stalled."),
            Format::Text
        );
        assert_eq!(
            Format::sniff(b"url: https://example.com\n---\n"),
            Format::Text
        );
        assert_eq!(Format::sniff(b""), Format::Text);
        assert_eq!(Format::sniff(b"   \n "), Format::Text);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"\x1f\x8b\x08\x00"), Format::Warc);
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            Format::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?><html>"),
            Format::Html
        );
    }

    #[test]
    fn format_from_extension_ignores_case() {
        assert_eq!(Format::from_path(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("x.md")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("x.Htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("x.xhtml")), Some(Format::Html));
        assert_eq!(
            Format::from_path(Path::new("x.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("x.json")), None);
        assert_eq!(
            Format::from_path(Path::new("CC-NEWS-1.warc.gz")),
            Some(Format::Warc)
        );
        assert_eq!(Format::from_path(Path::new("a.WARC")), Some(Format::Warc));
        assert_eq!(Format::from_path(Path::new("news.rss")), Some(Format::Feed));
        assert_eq!(Format::from_path(Path::new("x.gz")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }

    #[test]
    fn detects_binary_samples() {
        assert!(binary_reason(b"PK\x03\x04\x14\x00\x00").is_some());
        let reason = binary_reason(b"ab\x00cd").unwrap_or_default();
        assert!(reason.contains("offset 2"), "{reason}");
        assert!(binary_reason(b"\x01\x02\x03\x04 some words here").is_some());
        assert!(binary_reason("Minister’s “statement”\r\n\tquoted…\x0c".as_bytes()).is_none());
        assert!(binary_reason(b"").is_none());
    }
}
