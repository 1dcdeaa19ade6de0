//! Boilerplate removed from the DOM before readability scores it: figures and
//! their captions, photo credits, share bars, related-link lists, comment
//! threads, newsletter and cookie boxes, galleries, timestamps.
//!
//! Readability (`dom_smoothie`) picks the right container on nearly every page
//! but keeps what sits inside it; measured on the article-extraction benchmark,
//! the extra text came almost wholly from captions, credits, "related" teasers
//! and galleries inside the article element. Those are recognised by their tag
//! or by a word of their `class` / `id`, and taken out first. A container
//! that holds most of the page's paragraphs is never removed, whatever its
//! name, so a site that calls its article body `comments-wrapper` loses
//! nothing.

use std::sync::LazyLock;

use dom_query::{Document as Dom, Matcher, NodeRef};

fn matcher(css: &str) -> Matcher {
    Matcher::new(css).expect("constant CSS selector is valid")
}

/// Elements that are never article text.
static ALWAYS: LazyLock<Matcher> = LazyLock::new(|| {
    matcher(
        "figure, figcaption, aside, nav, form, button, select, dialog, noscript, \
         [role=navigation], [role=complementary], [role=dialog], [aria-hidden=true]",
    )
});

/// Elements whose class or id is looked at.
static NAMED: LazyLock<Matcher> = LazyLock::new(|| matcher("[class], [id]"));

/// Plugin elements readability looks into for video hosts.
static EMBEDS: LazyLock<Matcher> = LazyLock::new(|| matcher("object, embed, iframe"));

/// Paragraph-like elements, counted to protect the article container.
static PARAGRAPHS: LazyLock<Matcher> = LazyLock::new(|| matcher("p"));

/// Words of a class or id (split at `-`, `_`, spaces and camel case, lower
/// case) that mark boilerplate.
const BOILERPLATE_WORDS: &[&str] = &[
    "caption",
    "credit",
    "credits",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recirc",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "comments",
    "comment",
    "disqus",
    "cookie",
    "cookies",
    "consent",
    "gallery",
    "slideshow",
    "carousel",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "byline",
    "dateline",
    "timestamp",
    "sidebar",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "toolbar",
    "masthead",
    "footer",
    "trending",
    "most",
];

/// Splits a class or id attribute into lower-case words.
fn words(attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in attr.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether a class or id names boilerplate.
fn is_boilerplate_name(attr: &str) -> bool {
    words(attr)
        .iter()
        .any(|w| BOILERPLATE_WORDS.contains(&w.as_str()))
}

/// Removes boilerplate elements from `dom` in place.
/// Makes the plugin elements (`object`, `embed`, `iframe`) safe for
/// readability: dom_smoothie 0.19 (the latest) looks for video hosts in their
/// attributes and in an object's inner HTML by byte offsets, and panics on a
/// multi-byte character just before a host name (found by the fuzzer).
/// Attribute values are percent-encoded where they are not ASCII, as a
/// browser encodes a URL; an object whose content is not ASCII is removed
/// (its fallback content is not article text).
pub(crate) fn ascii_embeds(dom: &Dom) {
    for node in dom.select_matcher(&EMBEDS).nodes() {
        if node.has_name("object") && !node.inner_html().is_ascii() {
            node.remove_from_parent();
            continue;
        }
        for attr in node.attrs() {
            if !attr.value.is_ascii() {
                let encoded =
                    percent_encoding::utf8_percent_encode(&attr.value, percent_encoding::CONTROLS)
                        .to_string();
                node.set_attr(&attr.name.local, &encoded);
            }
        }
    }
}

pub(crate) fn remove_boilerplate(dom: &Dom) {
    let total_paragraphs = dom.select_matcher(&PARAGRAPHS).length().max(1);
    let guarded = |node: &NodeRef| {
        // A container with more than a third of the page's paragraphs is
        // the article, whatever it is called.
        let inside = node.find(&["p"]).len();
        inside * 3 > total_paragraphs && inside >= 3
    };
    for node in dom.select_matcher(&ALWAYS).nodes() {
        if !guarded(node) {
            node.remove_from_parent();
        }
    }
    for node in dom.select_matcher(&NAMED).nodes() {
        if matches!(
            node.node_name().as_deref(),
            Some("html" | "body" | "article" | "main")
        ) {
            continue;
        }
        let named = ["class", "id"]
            .iter()
            .filter_map(|a| node.attr(a))
            .any(|v| is_boilerplate_name(&v));
        if named && !guarded(node) {
            node.remove_from_parent();
        }
    }
}

/// A paragraph that is only a dateline, byline or copyright notice:
/// "Published 10:48, Tue, Nov 19, 2019", "By Jane Roe - 11/18/19 11:04 PM",
/// "© 2019 Example Corp.".
static NOTICE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:\|\s*)?(?:(?:published|updated|posted|last updated|first published|modified)\b.*\d|by\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}\s*(?:[-|,·]|$)|©|copyright\b)",
    )
    .expect("constant regex is valid")
});

/// A paragraph that opens the list of other stories below an article.
static TAIL_HEADING: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:you may also like|more (?:news|stories) from|related (?:stories|articles|coverage|content):?$|more from|recommended for you:?$|want more stories|join the conversation|most (?:read|popular)|trending now|sign up for|subscribe to our newsletter)",
    )
    .expect("constant regex is valid")
});

/// Most words a paragraph that is only a notice can have.
const NOTICE_MAX_WORDS: usize = 14;

/// Removes, from extracted paragraphs, the notices readability keeps inside
/// the article container (datelines, bylines, copyright lines) and the list
/// of other stories that follows a "You may also like" heading in the last
/// third of the text (earlier, such a heading introduces links inside the
/// article, and the article goes on after them). `paragraphs` are in reading order.
pub(crate) fn trim_paragraphs(paragraphs: Vec<String>) -> Vec<String> {
    let total: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    let mut seen = 0;
    let mut out = Vec::with_capacity(paragraphs.len());
    for para in paragraphs {
        let n_words = para.split_whitespace().count();
        if seen * 3 >= total * 2 && n_words <= 8 && TAIL_HEADING.is_match(&para) {
            break;
        }
        seen += n_words;
        if n_words <= NOTICE_MAX_WORDS && NOTICE.is_match(&para) {
            continue;
        }
        out.push(para);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_names() {
        for name in [
            "share-bar",
            "relatedLinks",
            "c-image__caption",
            "photoCredit",
            "ad",
            "newsletter-signup",
        ] {
            assert!(is_boilerplate_name(name), "{name}");
        }
        for name in [
            "article-body",
            "content",
            "headline",
            "shadow",
            "loader",
            "read-more",
        ] {
            assert!(!is_boilerplate_name(name), "{name}");
        }
    }
}
