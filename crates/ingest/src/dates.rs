//! Normalising the publication dates found in headers, HTML metadata and JSONL
//! fields to `YYYY-MM-DD`.

use std::sync::LazyLock;

use jiff::civil::Date;
use jiff::fmt::strtime;
use regex::Regex;

/// A leading numeric date: `2024-10-23`, `2024/10/23`, `2024.10.23`, possibly
/// followed by a time and offset (ISO 8601 / RFC 3339), which are ignored: the
/// date is taken as written, in the publisher's own time zone.
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[+-]\d{2}:?\d{2}|Z)")
        .expect("valid regex")
});

/// Written-out dates, tried in order ("October 23, 2024", "23 Oct 2024"...).
/// When parsing, `%B` accepts only full month names and `%b` only abbreviated ones.
const NAMED_FORMATS: &[&str] = &[
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
];

/// A leading weekday ("Wednesday, ", "Wed ") before a written-out date.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+").expect("valid regex")
});

/// Values that mean "no value" in headers ("published: unknown").
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || ["unknown", "none", "n/a", "na", "null", "nil", "-", "?"]
            .iter()
            .any(|p| v.eq_ignore_ascii_case(p))
}

/// Normalises a date as publishers write it to `YYYY-MM-DD`; `None` when it is
/// a placeholder or cannot be read as a plausible calendar date.
pub(crate) fn normalize(value: &str) -> Option<String> {
    let v = value.trim();
    if is_placeholder(v) {
        return None;
    }
    let date = numeric(v).or_else(|| rfc2822(v)).or_else(|| named(v))?;
    (1900..=2100)
        .contains(&date.year())
        .then(|| date.strftime("%Y-%m-%d").to_string())
}

fn numeric(v: &str) -> Option<Date> {
    let caps = NUMERIC_DATE.captures(v)?;
    let year = caps[1].parse().ok()?;
    let month = caps[2].parse().ok()?;
    let day = caps[3].parse().ok()?;
    Date::new(year, month, day).ok()
}

fn rfc2822(v: &str) -> Option<Date> {
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    PARSER.parse_zoned(v).ok().map(|z| z.date())
}

fn named(v: &str) -> Option<Date> {
    // "Oct. 23, 2024" and "23rd October 2024" are common in bylines.
    let cleaned = v.replace('.', "").replace("Sept ", "Sep ");
    let cleaned = WEEKDAY.replace(&cleaned, "");
    let cleaned = ORDINAL.replace_all(&cleaned, "$1");
    NAMED_FORMATS
        .iter()
        .find_map(|fmt| strtime::parse(fmt, cleaned.as_ref()).ok()?.to_date().ok())
}

/// A date in a URL's path: `/2019/11/19/`, `/2019-11-19-`, `/20191119/`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("valid regex")
});

/// The date written in a URL's path, `YYYY-MM-DD`, if it has a full one.
pub(crate) fn from_url(url: &str) -> Option<String> {
    let caps = URL_DATE.captures(url)?;
    let date = Date::new(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
    .ok()?;
    Some(date.strftime("%Y-%m-%d").to_string())
}

static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)\b").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalises_common_forms() {
        assert_eq!(normalize("2024-10-23").as_deref(), Some("2024-10-23"));
        assert_eq!(normalize(" 2024-9-7 ").as_deref(), Some("2024-09-07"));
        assert_eq!(normalize("2024/10/23").as_deref(), Some("2024-10-23"));
        assert_eq!(
            normalize("2024-10-23T22:15:00-04:00").as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(
            normalize("2024-10-23T02:15:00Z").as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(normalize("2024-10-23 08:40").as_deref(), Some("2024-10-23"));
        assert_eq!(
            normalize("Wed, 23 Oct 2024 10:00:00 +0000").as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(normalize("October 23, 2024").as_deref(), Some("2024-10-23"));
        assert_eq!(normalize("Oct. 3, 2024").as_deref(), Some("2024-10-03"));
        assert_eq!(normalize("23 October 2024").as_deref(), Some("2024-10-23"));
        assert_eq!(normalize("3rd Sep 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(normalize("Sept. 18, 2024").as_deref(), Some("2024-09-18"));
        assert_eq!(
            normalize("Wednesday, September 18, 2024").as_deref(),
            Some("2024-09-18")
        );
    }

    #[test]
    fn dates_in_urls() {
        use super::from_url;
        assert_eq!(
            from_url("https://www.nytimes.com/2019/11/19/opinion/x.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            from_url("https://a.example/news/2024-02-29-leap").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            from_url("https://a.example/20191119/x").as_deref(),
            Some("2019-11-19")
        );
        // A month alone, an impossible day or an id that looks like digits is no date.
        assert_eq!(from_url("https://a.example/2019/11/x"), None);
        assert_eq!(from_url("https://a.example/2023/02/30/x"), None);
        assert_eq!(from_url("https://a.example/story/12345678"), None);
    }

    #[test]
    fn rejects_placeholders_and_nonsense() {
        assert_eq!(normalize("unknown"), None);
        assert_eq!(normalize("Unknown"), None);
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("2024-02-30"), None);
        assert_eq!(normalize("20241023"), None);
        assert_eq!(normalize("yesterday"), None);
        assert_eq!(normalize("0001-01-01"), None);
    }
}
