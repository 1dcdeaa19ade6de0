//! Turning a user's search words into a query the full-text engines accept.
//!
//! User text is never passed to FTS5's query language as it is: an
//! unbalanced `"`, a bare `AND`, `NEAR(` or `col:` would be a syntax error or
//! change the meaning. Each whitespace-separated term is cut into its
//! letter/digit runs, which are quoted as one FTS5 phrase (so `Kim-Jong`
//! still matches "Kim Jong"); the phrases are AND-ed. The same runs, joined
//! by spaces, feed PostgreSQL's `plainto_tsquery`, which ignores operators.

/// The terms of a query: per whitespace-separated term, its letter/digit runs.
fn terms(query: &str) -> impl Iterator<Item = Vec<&str>> {
    query.split_whitespace().filter_map(|term| {
        let words: Vec<&str> = term
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        (!words.is_empty()).then_some(words)
    })
}

/// An FTS5 MATCH expression for `query`, or `None` when it has no words.
pub(crate) fn fts5_query(query: &str) -> Option<String> {
    let phrases: Vec<String> = terms(query)
        .map(|words| format!("\"{}\"", words.join(" ")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// Plain words for PostgreSQL's `plainto_tsquery`, or `None` when it has no words.
pub(crate) fn plain_query(query: &str) -> Option<String> {
    let words: Vec<&str> = terms(query).flatten().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_quotes_become_plain_phrases() {
        assert_eq!(
            fts5_query("\"unbalanced").as_deref(),
            Some("\"unbalanced\"")
        );
        assert_eq!(fts5_query("AND OR").as_deref(), Some("\"AND\" \"OR\""));
        assert_eq!(
            fts5_query("title:troops NEAR(Kursk)").as_deref(),
            Some("\"title troops\" \"NEAR Kursk\"")
        );
        assert_eq!(
            fts5_query("Kim-Jong Un").as_deref(),
            Some("\"Kim Jong\" \"Un\"")
        );
    }

    #[test]
    fn non_ascii_words_are_kept() {
        assert_eq!(
            fts5_query("Zelensky’s «Kyiv»").as_deref(),
            Some("\"Zelensky s\" \"Kyiv\"")
        );
        assert_eq!(
            plain_query("Séoul — Pyongyang").as_deref(),
            Some("Séoul Pyongyang")
        );
    }

    #[test]
    fn queries_without_words_give_none() {
        assert_eq!(fts5_query(""), None);
        assert_eq!(fts5_query(" \"*( ) — "), None);
        assert_eq!(plain_query("&&"), None);
    }
}
