//! Plain-text articles: whitespace normalisation, the optional `key: value`
//! header block, and a leading ` date YYYY-MM-DD ` metadata prefix.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::dates;

/// Metadata read from a text article's header (or prefix).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Meta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
}

/// A header block is at most this many lines; anything longer is article text.
const MAX_HEADER_LINES: usize = 40;

/// One `key: value` header line. Keys are short identifiers; the value may hold
/// colons (URLs).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Za-z][A-Za-z0-9_-]{0,31})\s*:\s*(.*)$").expect("valid regex")
});

/// A metadata prefix at the very start of a text, as some crawled collections
/// store it: ` date 2024-10-23 Headline...`. A keyword is required so that a
/// text that merely starts with a date keeps it.
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?i:date|dated|published|posted)(?:\s+on)?\s*:?\s*(\d{4}-\d{1,2}-\d{1,2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)(?:\s+|$)",
    )
    .expect("valid regex")
});

/// Cleans raw text: strips a byte-order mark, turns `\r\n` and `\r` into `\n`,
/// removes trailing whitespace from every line and whitespace around the whole.
/// Blank lines (the paragraph structure) are kept as they are.
pub(crate) fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let unified: Cow<'_, str> = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        raw.into()
    };
    let mut out = String::with_capacity(unified.len());
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end());
    }
    out.trim().to_string()
}

/// Parses a plain-text article: header block, date prefix, normalised text.
pub(crate) fn parse(raw: &str) -> (Meta, String) {
    let text = normalize(raw);
    let (mut meta, body) = match split_header(&text) {
        Some((meta, body)) => (meta, body),
        None => (Meta::default(), text.as_str()),
    };
    let (published, body) = strip_date_prefix(body);
    if meta.published.is_none() {
        meta.published = published;
    }
    (meta, body.trim().to_string())
}

/// Removes a leading ` date YYYY-MM-DD ` prefix, returning the date it gave.
/// The text is left untouched when the prefix's date is not a valid date.
pub(crate) fn strip_date_prefix(text: &str) -> (Option<String>, &str) {
    if let Some(caps) = DATE_PREFIX.captures(text)
        && let Some(date) = dates::normalize(&caps[1])
    {
        let end = caps.get(0).map_or(0, |m| m.end());
        return (Some(date), &text[end..]);
    }
    (None, text)
}

/// Splits off a header block: either `key: value` lines ended by a line `---`,
/// or the same between two `---` lines (YAML-style front matter). Every line
/// of the block must be a `key: value` line (or blank) and at least one key
/// must be a known one; otherwise there is no header and `None` is returned.
fn split_header(text: &str) -> Option<(Meta, &str)> {
    let mut lines = text.split_inclusive('\n');
    let mut consumed = 0usize;
    let mut first = true;
    let mut meta = Meta::default();
    let mut known = 0usize;
    for (n, line) in lines.by_ref().enumerate() {
        if n > MAX_HEADER_LINES {
            return None;
        }
        consumed += line.len();
        let content = line.trim();
        if content == "---" {
            if first {
                // Opening line of front matter.
                first = false;
                continue;
            }
            return (known > 0).then(|| (meta, &text[consumed..]));
        }
        first = false;
        if content.is_empty() {
            continue;
        }
        let caps = HEADER_LINE.captures(content)?;
        let value = unquote(caps[2].trim());
        let key = caps[1].to_ascii_lowercase();
        let slot = match key.as_str() {
            "url" | "link" | "canonical" => &mut meta.url,
            "outlet" | "source" | "site" | "publisher" => &mut meta.source,
            "published" | "date" | "pubdate" => {
                known += 1;
                if meta.published.is_none() {
                    meta.published = dates::normalize(value);
                }
                continue;
            }
            "title" | "headline" => &mut meta.title,
            "author" | "byline" | "by" => &mut meta.author,
            _ => continue,
        };
        known += 1;
        if slot.is_none() && !dates::is_placeholder(value) {
            *slot = Some(value.to_string());
        }
    }
    None
}

/// Strips one pair of matching surrounding quotes (front-matter style values).
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_ends_bom_and_trailing_space() {
        let raw = "\u{feff}  The ministry said   \r\nit would respond.\t\r\n\r\nA second paragraph.\rThird line.  \n\n";
        assert_eq!(
            normalize(raw),
            "The ministry said\nit would respond.\n\nA second paragraph.\nThird line."
        );
        assert_eq!(normalize("one\n\n\n  \ntwo"), "one\n\n\n\ntwo");
    }

    #[test]
    fn reads_header_block() {
        let raw = "url: https://news.example.org/world/2024/ceasefire-talks\noutlet: Example Herald (Reuters)\npublished: 2024-09-18\ntitle: Ceasefire talks stall in Doha\n---\nNegotiators left Doha on Wednesday without a deal.\n\nA second round is planned.\n";
        let (meta, text) = parse(raw);
        assert_eq!(
            meta.url.as_deref(),
            Some("https://news.example.org/world/2024/ceasefire-talks")
        );
        assert_eq!(meta.source.as_deref(), Some("Example Herald (Reuters)"));
        assert_eq!(meta.published.as_deref(), Some("2024-09-18"));
        assert_eq!(meta.title.as_deref(), Some("Ceasefire talks stall in Doha"));
        assert_eq!(meta.author, None);
        assert_eq!(
            text,
            "Negotiators left Doha on Wednesday without a deal.\n\nA second round is planned."
        );
    }

    #[test]
    fn unknown_values_are_none() {
        let raw = "source: Daily Example\ndate: unknown\ntitle: unknown\nauthor: Jane Roe\n---\nBody text here.";
        let (meta, text) = parse(raw);
        assert_eq!(meta.source.as_deref(), Some("Daily Example"));
        assert_eq!(meta.published, None);
        assert_eq!(meta.title, None);
        assert_eq!(meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(text, "Body text here.");
    }

    #[test]
    fn front_matter_with_quotes() {
        let raw = "---\ntitle: \"Rates cut: what it means\"\ndate: 2024-09-18T14:00:00Z\n---\n\nThe central bank cut rates by half a point.";
        let (meta, text) = parse(raw);
        assert_eq!(meta.title.as_deref(), Some("Rates cut: what it means"));
        assert_eq!(meta.published.as_deref(), Some("2024-09-18"));
        assert_eq!(text, "The central bank cut rates by half a point.");
    }

    #[test]
    fn prose_before_a_rule_is_not_a_header() {
        let raw = "Officials said: the border stays closed.\n---\nMore text.";
        let (meta, text) = parse(raw);
        assert_eq!(meta, Meta::default());
        assert_eq!(text, raw);
        // Only unknown keys: not a header either.
        let raw = "Note: draft\n---\nBody.";
        assert_eq!(parse(raw).1, raw);
    }

    #[test]
    fn seed_style_date_prefix() {
        let raw = " date 2024-10-23 Troops Cross the Border at Dawn\n\nThe defence ministry said on Wednesday that units had moved.";
        let (meta, text) = parse(raw);
        assert_eq!(meta.published.as_deref(), Some("2024-10-23"));
        assert!(
            text.starts_with("Troops Cross the Border at Dawn\n\nThe defence"),
            "{text}"
        );
    }

    #[test]
    fn date_prefix_needs_keyword_and_valid_date() {
        let raw = "2024-10-23 was a quiet day in the capital.";
        let (meta, text) = parse(raw);
        assert_eq!(meta.published, None);
        assert_eq!(text, raw);
        let raw = "date 2024-13-45 Headline";
        assert_eq!(parse(raw).0.published, None);
        assert_eq!(parse(raw).1, raw);
    }

    #[test]
    fn header_date_wins_over_prefix_but_prefix_is_removed() {
        let raw = "published: 2024-10-24\n---\n date 2024-10-23 Headline here\n\nBody.";
        let (meta, text) = parse(raw);
        assert_eq!(meta.published.as_deref(), Some("2024-10-24"));
        assert_eq!(text, "Headline here\n\nBody.");
    }
}
