//! RSS and Atom feeds (and JSON Feed), parsed with `feed-rs`: each item
//! becomes a document with its full content when the feed carries it, else
//! its summary, plus its link, date, author and the feed's title as source.
//!
//! Item bodies are HTML fragments, not pages, so they are not run through
//! readability (which wants a whole page and drops short fragments): their
//! block elements become paragraphs.

use std::sync::LazyLock;

use crosscheck_core::Document;
use dom_query::{Document as Dom, Matcher};
use feed_rs::model::{Entry, Text};

use crate::{Skipped, dates, text};

static BLOCKS: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre")
        .expect("constant CSS selector is valid")
});

/// Reads a feed: one document per item with text, one [`Skipped`] per item
/// without (named `path#N`, N counting items from 1); `Err` when the bytes are
/// not a feed at all.
pub(crate) fn read(bytes: &[u8], path: &str) -> Result<(Vec<Document>, Vec<Skipped>), String> {
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let source = feed.title.as_ref().and_then(|t| one_line(&t.content));
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let name = format!("{path}#{}", i + 1);
        match item(entry, &name) {
            Ok(mut doc) => {
                if doc.source.is_none() {
                    doc.source.clone_from(&source);
                }
                docs.push(doc);
            }
            Err(reason) => skipped.push(Skipped::new(name, reason)),
        }
    }
    if docs.is_empty() && skipped.is_empty() {
        return Err("feed has no items".to_string());
    }
    Ok((docs, skipped))
}

/// One feed item as a document, or why it cannot be one.
fn item(entry: &Entry, name: &str) -> Result<Document, String> {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(body_text);
    let summary = entry.summary.as_ref().map(text_of);
    let body = content
        .filter(|t| !t.is_empty())
        .or(summary.filter(|t| !t.is_empty()))
        .ok_or("feed item has no content or summary")?;
    let mut doc = Document::new(name, body);
    doc.title = entry.title.as_ref().and_then(|t| one_line(&t.content));
    doc.url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_string())
        .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
    doc.published = entry
        .published
        .or(entry.updated)
        .and_then(|d| dates::normalize(&d.to_rfc3339()));
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().and_then(one_line))
        .filter(|n| !n.contains('@'))
        .collect();
    doc.author = (!authors.is_empty()).then(|| authors.join(", "));
    doc.source = entry.source.as_deref().and_then(one_line);
    Ok(doc)
}

/// A feed `Text`: HTML when its type says so, else plain text.
fn text_of(t: &Text) -> String {
    if t.content_type.subty() == "html" || t.content_type.subty() == "xhtml" {
        body_text(&t.content)
    } else {
        text::normalize(t.content.trim())
    }
}

/// An HTML fragment's text, one paragraph per block element (or the whole
/// text when it has none), separated by blank lines.
pub(crate) fn body_text(html: &str) -> String {
    let dom = Dom::from(html);
    let blocks: Vec<String> = dom
        .select_matcher(&BLOCKS)
        .nodes()
        .iter()
        // Nested blocks (a `p` in a `blockquote`) are read through the inner one.
        .filter(|n| n.find(&["p"]).is_empty() || n.node_name().as_deref() == Some("p"))
        .filter_map(|n| one_line(&n.text()))
        .collect();
    let paragraphs = if blocks.is_empty() {
        one_line(&dom.root().text()).into_iter().collect()
    } else {
        blocks
    };
    text::normalize(&paragraphs.join("\n\n"))
}

/// Whitespace collapsed; `None` when empty.
fn one_line(s: &str) -> Option<String> {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}
