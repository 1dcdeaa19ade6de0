//! HTML pages: charset decoding, main-text extraction (readability, via
//! `dom_smoothie`, after [`clean`](crate::clean) took the boilerplate out) and
//! metadata (Open Graph and other `<meta>`, JSON-LD, `<link rel=canonical>`,
//! `<time>`, the URL, the visible byline, in that order of trust).
//!
//! The page is parsed once with `dom_query` (the DOM `dom_smoothie` works on):
//! metadata is read first, then boilerplate is removed and the same document
//! is handed to readability, which mutates it.
//!
//! Measured on the 181 pages of the article-extraction benchmark
//! (`crosscheck eval extraction`), readability alone reached F1 0.951 with the
//! benchmark's metric, mostly losing precision to captions, credits and
//! "related" lists inside the article; with the cleaning it reaches 0.973.

use std::sync::LazyLock;

use dom_query::{Document as Dom, Matcher};
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::Encoding;
use regex::bytes::Regex as BytesRegex;
use serde_json::Value;

use crate::byline::{self, Outlet};
use crate::depth::{self, DEFAULT_MAX_DEPTH};
use crate::{clean, dates, headline, lang, text};

/// Metadata and main text extracted from a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// The canonical URL (else `og:url`, JSON-LD, or the URL it was fetched from).
    pub url: Option<String>,
    pub title: Option<String>,
    /// The publisher or site name.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`, never after the crawl date.
    pub published: Option<String>,
    /// Last modification date, `YYYY-MM-DD`, never after the crawl date.
    pub modified: Option<String>,
    /// Author(s), joined with ", ".
    pub author: Option<String>,
    /// The language, as a lower-case primary subtag such as `en`: the declared
    /// one (`<html lang>`, `content-language`, `og:locale`) unless the text
    /// clearly says otherwise, else the one detected in the text.
    pub language: Option<String>,
    /// Main text, paragraphs (headings and list items included) separated by
    /// blank lines.
    pub text: String,
}

/// What is known about a page besides its bytes, and how deep its DOM may
/// be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageContext {
    /// The URL the page was fetched from (a WARC record's target, a feed
    /// item's link): the fallback for the page's own URL and a date source.
    pub url: Option<String>,
    /// When the page was fetched: no publication date after it is believed.
    pub crawled: Option<jiff::civil::Date>,
    /// Elements nested deeper than this lose their tags, never their text
    /// (see [`depth`](crate::depth)); default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: usize,
}

impl Default for PageContext {
    fn default() -> Self {
        PageContext {
            url: None,
            crawled: None,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl PageContext {
    /// A page read from disk now: no URL, crawled today.
    pub fn read_now() -> Self {
        PageContext {
            crawled: Some(jiff::Zoned::now().date()),
            ..PageContext::default()
        }
    }
}

impl Page {
    /// The page as a document read from `path`.
    pub fn into_document(self, path: impl Into<String>) -> crosscheck_core::Document {
        let mut doc = crosscheck_core::Document::new(path, self.text);
        doc.url = self.url;
        doc.title = self.title;
        doc.source = self.source;
        doc.published = self.published;
        doc.author = self.author;
        doc
    }
}

/// How far into the page a `<meta charset>` declaration is looked for (the
/// HTML standard's prescan window).
const PRESCAN_LEN: usize = 1024;

static META_CHARSET: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#)
        .expect("valid regex")
});

fn matcher(css: &str) -> Matcher {
    Matcher::new(css).expect("constant CSS selector is valid")
}

static META: LazyLock<Matcher> = LazyLock::new(|| matcher("meta[content]"));
static TITLE: LazyLock<Matcher> = LazyLock::new(|| matcher("head title, title"));
static H1: LazyLock<Matcher> = LazyLock::new(|| matcher("h1"));
static CANONICAL: LazyLock<Matcher> = LazyLock::new(|| matcher(r#"link[rel~="canonical"][href]"#));
static TIME: LazyLock<Matcher> = LazyLock::new(|| matcher("time[datetime]"));
static HTML_LANG: LazyLock<Matcher> = LazyLock::new(|| matcher("html[lang]"));
/// The visible byline, when no metadata names the author.
static BYLINE: LazyLock<Matcher> = LazyLock::new(|| {
    matcher(
        r#"[rel="author"], [itemprop="author"] [itemprop="name"], .byline__name, .author-name, .byline a, .byline"#,
    )
});
static JSON_LD: LazyLock<Matcher> =
    LazyLock::new(|| matcher(r#"script[type="application/ld+json"]"#));

/// Decodes page bytes to text: a byte-order mark wins, then a charset declared
/// in a `<meta>` tag near the top, then UTF-8 when the bytes are valid UTF-8,
/// else the encoding `chardetng` guesses. Malformed sequences become U+FFFD.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| declared_charset(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                detector.guess(None, true)
            }
        });
    // `decode` strips a BOM of the detected encoding and sniffs one otherwise.
    encoding.decode(bytes).0.into_owned()
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv content="...;
/// charset=...">` declares in the first bytes of the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    // As the HTML standard says: a page cannot declare itself UTF-16 in ASCII
    // bytes, and x-user-defined is read as windows-1252.
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            enc
        },
    )
}

/// Decodes and extracts a page from its bytes: see [`extract`].
pub fn extract_bytes(bytes: &[u8], context: &PageContext) -> Result<Page, String> {
    let html = decode(bytes);
    if html.trim().is_empty() {
        return Err("only whitespace, no text".to_string());
    }
    extract(&html, context)
}

/// Extracts the main text and metadata of a page; `Err` with the reason when
/// no text can be extracted.
pub fn extract(html: &str, context: &PageContext) -> Result<Page, String> {
    let (html, _) = depth::cap(html, context.max_depth);
    let dom = Dom::from(&*html);
    let mut page = metadata(&dom, context);
    clean::remove_boilerplate(&dom);
    clean::ascii_embeds(&dom);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(dom, None, Some(config))
        .map_err(|e| format!("HTML could not be processed: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no main text could be extracted from the HTML ({e})"))?;
    // Readability's formatted text puts each block on its own line; blank
    // lines carry no meaning in HTML, so one blank line separates paragraphs.
    let normalized = text::normalize(&article.text_content);
    let paragraphs: Vec<String> = normalized
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    page.text = clean::trim_paragraphs(paragraphs).join("\n\n");
    if page.text.is_empty() {
        return Err("no main text could be extracted from the HTML".to_string());
    }
    if page.author.is_none() {
        let outlet = Outlet {
            site: page.source.as_deref(),
            host: page.url.as_deref().and_then(host),
        };
        page.author = article
            .byline
            .as_deref()
            .and_then(|b| byline::clean(b, outlet));
    }
    if page.title.is_none() {
        page.title = clean(&article.title).map(|t| {
            let outlet = Outlet {
                site: page.source.as_deref(),
                host: page.url.as_deref().and_then(host),
            };
            headline::undecorate(&t, outlet)
        });
    }
    let declared = page
        .language
        .take()
        .or_else(|| article.lang.as_deref().and_then(language_tag));
    page.language = lang::resolve(declared, &page.text);
    Ok(page)
}

/// Reads the page's metadata, in order of reliability per field.
fn metadata(dom: &Dom, context: &PageContext) -> Page {
    let mut metas: Vec<(String, String)> = Vec::new();
    for node in dom.select_matcher(&META).nodes() {
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
            .or_else(|| node.attr("http-equiv"));
        if let (Some(key), Some(content)) = (key, node.attr("content"))
            && !content.trim().is_empty()
        {
            metas.push((key.trim().to_ascii_lowercase(), content.trim().to_string()));
        }
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, _)| key == k)
                .and_then(|(_, v)| clean(v))
        })
    };
    let ld = json_ld(dom);

    let source = meta(&["og:site_name", "application-name"]).or_else(|| ld.publisher.clone());
    let url = dom
        .select_single_matcher(&CANONICAL)
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| is_url(h))
        .or_else(|| meta(&["og:url"]).filter(|u| is_url(u)))
        .or_else(|| ld.url.clone().filter(|u| is_url(u)))
        .or_else(|| context.url.clone());
    let host = url.as_deref().and_then(host);
    let outlet = Outlet {
        site: source.as_deref(),
        host,
    };
    let titles: Vec<String> = [
        meta(&["og:title"]),
        meta(&["twitter:title"]),
        ld.headline.clone(),
        clean(&dom.select_single_matcher(&TITLE).text()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let h1s: Vec<String> = dom
        .select_matcher(&H1)
        .nodes()
        .iter()
        .filter_map(|n| clean(&n.text()))
        .collect();
    let title = headline::choose(&h1s, &titles, outlet).or_else(|| h1s.first().cloned());
    let author = meta(&[
        "author",
        "article:author",
        "parsely-author",
        "dc.creator",
        "byl",
    ])
    .and_then(|a| byline::clean(&a, outlet))
    .or_else(|| ld.author.as_deref().and_then(|a| byline::clean(a, outlet)))
    .or_else(|| {
        let byline = dom.select_single_matcher(&BYLINE).text();
        byline::clean(&byline, outlet).filter(|b| b.split_whitespace().count() <= 8)
    });

    // Dates: a date after the crawl is a mistake of the page (or a template's
    // "today"), never believed.
    let believable = |d: &str| {
        let date = dates::normalize(d)?;
        match context.crawled {
            Some(crawled) if date.as_str() > crawled.to_string().as_str() => None,
            _ => Some(date),
        }
    };
    let url_date = url
        .as_deref()
        .into_iter()
        .chain(context.url.as_deref())
        .find_map(dates::from_url);
    let published = [
        meta(&["article:published_time"]),
        ld.published.clone(),
        meta(&[
            "datepublished",
            "og:published_time",
            "publishdate",
            "pubdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ]),
        dom.select_single_matcher(&TIME)
            .attr("datetime")
            .map(|d| d.to_string()),
        url_date,
    ]
    .into_iter()
    .flatten()
    .find_map(|d| believable(&d));
    let modified = [
        meta(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
        ]),
        ld.modified.clone(),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| believable(&d));
    let language = dom
        .select_single_matcher(&HTML_LANG)
        .attr("lang")
        .and_then(|l| language_tag(&l))
        .or_else(|| {
            meta(&["content-language", "og:locale", "dc.language", "language"])
                .and_then(|l| language_tag(&l))
        });

    Page {
        url,
        title,
        source,
        published,
        modified,
        author,
        language,
        text: String::new(),
    }
}

/// `en-US`, `en_GB`, `EN` -> `en`; `None` for what is not a language tag.
fn language_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_', ',', ';']).next()?.trim();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The article fields of a page's JSON-LD blocks.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// Finds the first schema.org article object (at top level, in an array or in
/// an `@graph`) among the page's JSON-LD blocks and reads its fields.
fn json_ld(dom: &Dom) -> LinkedData {
    for script in dom.select_matcher(&JSON_LD).nodes() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        if let Some(article) = find_article(&value, 0) {
            return LinkedData {
                headline: article
                    .get("headline")
                    .and_then(Value::as_str)
                    .and_then(clean),
                author: article.get("author").and_then(names),
                published: article
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                modified: article
                    .get("dateModified")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                publisher: article.get("publisher").and_then(names),
                url: article
                    .get("url")
                    .and_then(Value::as_str)
                    .or_else(|| {
                        let page = article.get("mainEntityOfPage")?;
                        page.as_str().or_else(|| page.get("@id")?.as_str())
                    })
                    .map(str::to_string),
            };
        }
    }
    LinkedData::default()
}

/// Depth-limited search for an object whose `@type` is an article type.
fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(obj) => {
            let is_article = match obj.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                obj.get("@graph").and_then(|g| find_article(g, depth + 1))
            }
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
        )
}

/// A person or organisation as JSON-LD gives it: a string, an object with a
/// `name`, or a list of those (joined with ", ").
fn names(value: &Value) -> Option<String> {
    let name = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => clean(s).filter(|s| !is_url(s)),
            Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean),
            _ => None,
        }
    };
    match value {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(name).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        other => name(other),
    }
}

/// Collapses inner whitespace and trims; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// The host of an `http(s)` URL, without port or credentials.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Port reopens after strike | The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<meta property="og:url" content="https://gazette.example.com/port-reopens">
<meta name="author" content="By Maria Lopez">
<meta property="article:published_time" content="2024-03-05T06:30:00+01:00">
<link rel="canonical" href="https://gazette.example.com/business/port-reopens">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Port reopens after strike</h1>
<p>The country’s largest container port reopened on Monday after a nine-day strike by dock workers ended with a pay deal, the port authority said in a statement.</p>
<p>Ships had queued for days outside the harbour, and exporters warned that perishable goods were spoiling in the heat. “We lost a week of trade,” said one fruit exporter, who asked not to be named.</p>
<ul><li>Exports resume on Tuesday.</li><li>Imports follow.</li></ul>
<p>The union said its members had accepted a raise of 6 percent over two years. Officials expect the backlog to clear by the end of the month, although some shipping lines said delays could last longer.</p>
</article>
<footer>© 2024 The Example Gazette</footer>
</body></html>"#;

    #[test]
    fn extracts_text_and_metadata() {
        let page = extract(ARTICLE, &PageContext::default()).expect("article extracts");
        assert_eq!(page.title.as_deref(), Some("Port reopens after strike"));
        assert_eq!(page.source.as_deref(), Some("The Example Gazette"));
        assert_eq!(page.author.as_deref(), Some("Maria Lopez"));
        assert_eq!(page.published.as_deref(), Some("2024-03-05"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://gazette.example.com/business/port-reopens")
        );
        assert!(page.text.contains("nine-day strike"), "{}", page.text);
        assert!(page.text.contains("“We lost a week of trade,”"));
        assert!(!page.text.contains("Home"), "{}", page.text);
        // Paragraphs stay separated by blank lines.
        let paras: Vec<&str> = page.text.split("\n\n").collect();
        assert!(paras.len() >= 3, "{paras:?}");
        assert!(
            paras.iter().any(|p| p.starts_with("Ships had queued")),
            "{paras:?}"
        );
    }

    #[test]
    fn json_ld_metadata_in_graph() {
        let html = r#"<html><head><title>x</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Site"},
 {"@type":["NewsArticle"],"headline":"Flood warning lifted","datePublished":"2023-11-02T09:00:00Z",
  "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Tom Hart"}],
  "publisher":{"@type":"Organization","name":"River News"},
  "mainEntityOfPage":{"@id":"https://river.example.net/flood"}}]}</script>
</head><body><p>The river fell below the warning level overnight, and the authorities lifted the flood warning for the three towns along its banks on Thursday morning after a week of alerts.</p></body></html>"#;
        let page = extract(html, &PageContext::default()).expect("extracts");
        assert_eq!(page.author.as_deref(), Some("Ann Lee, Tom Hart"));
        assert_eq!(page.published.as_deref(), Some("2023-11-02"));
        assert_eq!(page.source.as_deref(), Some("River News"));
        assert_eq!(page.url.as_deref(), Some("https://river.example.net/flood"));
        // The JSON-LD headline is trusted over the <title>.
        assert_eq!(page.title.as_deref(), Some("Flood warning lifted"));
    }

    #[test]
    fn title_falls_back_to_h1_and_time_element() {
        let html = r#"<html><body><h1>Election count resumes</h1><time datetime="2022-05-21">May 21</time>
<p>Counting resumed in the disputed district on Saturday after a court ordered officials to finish tallying the remaining ballots, which had been sealed for two days.</p></body></html>"#;
        let page = extract(html, &PageContext::default()).expect("extracts");
        assert_eq!(page.title.as_deref(), Some("Election count resumes"));
        assert_eq!(page.published.as_deref(), Some("2022-05-21"));
    }

    #[test]
    fn boilerplate_inside_the_article_is_removed() {
        let html = r#"<html lang="en-GB"><head><title>T</title>
<meta property="article:modified_time" content="2024-03-06T10:00:00Z"></head><body><article>
<p class="byline">By Jane Roe - 11/18/19 11:04 PM</p>
<p>The country’s largest container port reopened on Monday after a nine-day strike by dock workers ended with a pay deal, the port authority said.</p>
<figure><img src="a.jpg"><figcaption>Ships wait outside the harbour. Photo: Example Agency</figcaption></figure>
<div class="share-bar">Share on Facebook Share on Twitter</div>
<p>Ships had queued for days outside the harbour, and exporters warned that perishable goods were spoiling in the heat of the summer.</p>
<p>The union said its members had accepted a raise of 6 percent over two years, and officials expect the backlog to clear by the end of the month.</p>
<p>You may also like</p><p>Dock strike spreads to a second port</p>
</article></body></html>"#;
        let page = extract(html, &PageContext::default()).expect("extracts");
        assert!(
            page.text.starts_with("The country’s largest"),
            "{}",
            page.text
        );
        for junk in [
            "Photo:",
            "Share on",
            "By Jane Roe",
            "You may also like",
            "second port",
        ] {
            assert!(!page.text.contains(junk), "{junk} in {}", page.text);
        }
        assert_eq!(page.text.split("\n\n").count(), 3, "{}", page.text);
        assert_eq!(page.language.as_deref(), Some("en"));
        assert_eq!(page.modified.as_deref(), Some("2024-03-06"));
    }

    #[test]
    fn players_with_non_ascii_urls_do_not_break_readability() {
        // A multi-byte character right before a video host made the
        // readability crate slice inside it (a panic, found by fuzzing).
        let body = "<p>The ferry to Lede resumed its crossings on Friday after a week of storms, the operator said.</p>\
                    <p>Passengers had waited at both ports since Monday, officials in the harbour town added.</p>";
        for player in [
            "<iframe src=\"https://www\u{e9}\u{e9}.youtube.com/embed/x\"></iframe>",
            "<embed src=\"//\u{263a}youtube.com/v/x\">",
            "<object data=\"x\"><param name=movie value=\"\u{e9}www.youtube.com/v/x\">Film \u{e9}\u{e9}</object>",
        ] {
            let html = format!("<html><body><article>{body}{player}</article></body></html>");
            let page = extract(&html, &PageContext::default()).expect("extracts");
            assert!(
                page.text.contains("The ferry to Lede resumed"),
                "{}",
                page.text
            );
        }
    }

    #[test]
    fn dates_from_the_url_and_never_after_the_crawl() {
        let body = "<p>Counting resumed in the disputed district on Saturday after a court ordered officials to finish tallying the remaining ballots.</p>";
        let crawled = jiff::civil::date(2024, 5, 1);
        // A date in the future of the crawl (a template's clock) is not believed;
        // the URL's date is taken instead.
        let html = format!(
            r#"<html><head><meta property="article:published_time" content="2031-01-01"></head><body>{body}</body></html>"#
        );
        let context = PageContext {
            url: Some("https://n.example/2024/04/30/count".into()),
            crawled: Some(crawled),
            ..PageContext::default()
        };
        let page = extract(&html, &context).expect("extracts");
        assert_eq!(page.published.as_deref(), Some("2024-04-30"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://n.example/2024/04/30/count")
        );
        // Without any believable date there is none.
        let context = PageContext {
            url: None,
            crawled: Some(crawled),
            ..PageContext::default()
        };
        assert_eq!(extract(&html, &context).expect("extracts").published, None);
    }

    #[test]
    fn junk_authors_are_not_taken() {
        let body = "<p>Counting resumed in the disputed district on Saturday after a court ordered officials to finish tallying the remaining ballots.</p>";
        let html = format!(
            r#"<html><head><meta name="author" content="https://www.facebook.com/example"></head><body>{body}</body></html>"#
        );
        assert_eq!(
            extract(&html, &PageContext::default())
                .expect("extracts")
                .author,
            None
        );
        let html = format!(
            r#"<html><head><meta name="author" content="BY  Ann   Lee"></head><body>{body}</body></html>"#
        );
        assert_eq!(
            extract(&html, &PageContext::default())
                .expect("extracts")
                .author
                .as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn no_text_is_an_error() {
        let err = extract(
            "<html><head><title>Empty</title></head><body></body></html>",
            &PageContext::default(),
        );
        assert!(err.is_err());
        let err = extract(
            "<html><body><script>var a = 1;</script></body></html>",
            &PageContext::default(),
        )
        .unwrap_err();
        assert!(err.contains("no main text"), "{err}");
    }

    #[test]
    fn decodes_declared_and_sniffed_charsets() {
        // "Café" in windows-1252, declared.
        let bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9</p></body></html>";
        assert!(decode(bytes).contains("Café"));
        // Declared through http-equiv.
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>na\xefve</p>";
        assert!(decode(bytes).contains("naïve"));
        // Undeclared UTF-8 stays UTF-8.
        assert!(decode("<p>Zürich – “quoted”</p>".as_bytes()).contains("Zürich – “quoted”"));
        // Undeclared legacy bytes are guessed rather than mangled.
        let bytes =
            b"<p>Le pr\xe9sident a d\xe9clar\xe9 que la r\xe9forme \xe9tait n\xe9cessaire.</p>";
        assert!(
            decode(bytes).contains("président a déclaré"),
            "{}",
            decode(bytes)
        );
    }
}
