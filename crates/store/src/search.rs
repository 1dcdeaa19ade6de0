//! Turning a user's search words into a query the full-text engines accept.
//!
//! User text is never passed to FTS5's query language as it is: an
//! unbalanced `"`, a bare `AND`, `NEAR(` or `col:` would be a syntax error or
//! change the meaning. Each whitespace-separated term is cut into its
//! letter/digit runs, which are quoted as one FTS5 phrase (so `Kim-Jong`
//! still matches "Kim Jong"); the phrases are AND-ed. The same runs, joined
//! by spaces, feed PostgreSQL's `plainto_tsquery`, which ignores operators.
//!
//! A query term that is one spelling of a known entity ("Petrovsky", where
//! the dossier knows "Petrovskyy" and "Petrovskiy" as the same person)
//! matches any of its spellings: the phrases are OR-ed in a group.

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

/// The word runs of one name ("Park Ji-hoon" → park, ji, hoon), lower-cased.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Per query term, the spellings it may match: the term itself and, where
/// it is one spelling of an entity in `spellings` (groups of names of one
/// entity), every other spelling of that entity, as word runs.
fn alternatives(query: &str, spellings: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    terms(query)
        .map(|words| {
            let term: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let mut alts = vec![words.iter().map(|w| w.to_string()).collect::<Vec<_>>()];
            for group in spellings {
                let names: Vec<Vec<String>> = group.iter().map(|n| name_words(n)).collect();
                if names.contains(&term) {
                    for n in names {
                        if !n.is_empty() && n != term && !alts.contains(&n) {
                            alts.push(n);
                        }
                    }
                }
            }
            alts
        })
        .collect()
}

/// An FTS5 MATCH expression for `query`, or `None` when it has no words.
pub(crate) fn fts5_query(query: &str) -> Option<String> {
    fts5_query_with(query, &[])
}

/// An FTS5 MATCH expression for `query` where entity names match any of
/// their `spellings`, or `None` when it has no words.
pub(crate) fn fts5_query_with(query: &str, spellings: &[Vec<String>]) -> Option<String> {
    expression(
        query,
        spellings,
        |words| format!("\"{}\"", words.join(" ")),
        " OR ",
        " ",
    )
}

/// The terms of `query` joined by `and`, each as its phrase or, where it
/// has other spellings, a bracketed group of phrases joined by `or`.
fn expression(
    query: &str,
    spellings: &[Vec<String>],
    phrase: impl Fn(&[String]) -> String,
    or: &str,
    and: &str,
) -> Option<String> {
    let groups: Vec<String> = alternatives(query, spellings)
        .iter()
        .map(|alts| match alts.as_slice() {
            [one] => phrase(one),
            many => format!(
                "({})",
                many.iter().map(|a| phrase(a)).collect::<Vec<_>>().join(or)
            ),
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(and))
}

/// Plain words for PostgreSQL's `plainto_tsquery`, or `None` when it has no words.
pub(crate) fn plain_query(query: &str) -> Option<String> {
    let words: Vec<&str> = terms(query).flatten().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A PostgreSQL `to_tsquery` expression for `query` (terms AND-ed, the
/// words of one term adjacent, spellings OR-ed), or `None` when it has no
/// words. Only letter/digit runs reach it, so no operator of the user's can.
pub(crate) fn ts_query_with(query: &str, spellings: &[Vec<String>]) -> Option<String> {
    expression(query, spellings, |words| words.join(" <-> "), " | ", " & ")
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
            ts_query_with("Séoul — Pyongyang", &[]).as_deref(),
            Some("Séoul & Pyongyang")
        );
    }

    #[test]
    fn queries_without_words_give_none() {
        assert_eq!(fts5_query(""), None);
        assert_eq!(fts5_query(" \"*( ) — "), None);
        assert_eq!(ts_query_with("&&", &[]), None);
    }

    #[test]
    fn a_spelling_of_an_entity_matches_all_its_spellings() {
        let spellings = vec![
            vec![
                "Mykola Petrovskyy".to_string(),
                "Petrovsky".to_string(),
                "Petrovskyy".to_string(),
            ],
            vec!["Park Ji Hoon".to_string(), "Park Ji-hoon".to_string()],
        ];
        assert_eq!(
            fts5_query_with("petrovsky visit", &spellings).as_deref(),
            Some("(\"petrovsky\" OR \"mykola petrovskyy\" OR \"petrovskyy\") \"visit\"")
        );
        assert_eq!(
            ts_query_with("Petrovsky", &spellings).as_deref(),
            Some("(Petrovsky | mykola <-> petrovskyy | petrovskyy)")
        );
        // A word that is only part of a name is searched as it is.
        assert_eq!(
            fts5_query_with("Park", &spellings).as_deref(),
            Some("\"Park\"")
        );
    }
}
