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

/// A one-window snippet of `text` for `query`: about 16 words around the
/// first word that matches a query word (or one of its spellings), matched
/// words in brackets, `…` where text was cut.
///
/// Written here rather than asking FTS5's `snippet()`, whose scoring
/// compares every match with every other: on a long document full of the
/// word searched for it held a search for minutes. This walks the text once,
/// up to the window. Matching is on word prefixes, close to what the
/// stemming tokenizer matched ("troop" in "troops").
pub(crate) fn snippet(text: &str, query: &str, spellings: &[Vec<String>]) -> String {
    const BEFORE: usize = 6;
    const WORDS: usize = 16;
    let wanted: Vec<String> = alternatives(query, spellings)
        .into_iter()
        .flatten()
        .flatten()
        .map(|w| w.to_lowercase())
        .collect();
    let matches = |word: &str| {
        let word = word.to_lowercase();
        wanted
            .iter()
            .any(|w| word == *w || (w.chars().count() >= 4 && word.starts_with(w.as_str())))
    };
    let mut words = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    // The window: the words before the first match, kept in a ring.
    let mut before: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
    let mut skipped = false;
    let mut found = false;
    for word in words.by_ref() {
        if word
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && matches(w))
        {
            before.push_back(word);
            found = true;
            break;
        }
        before.push_back(word);
        if before.len() > BEFORE {
            before.pop_front();
            skipped = true;
        }
    }
    if !found {
        // No word matched as written (a stem of the tokenizer's): the opening.
        let mut opening = text.split_whitespace();
        let shown: Vec<&str> = opening.by_ref().take(WORDS).collect();
        let more = opening.next().is_some();
        return format!("{}{}", shown.join(" "), if more { "…" } else { "" });
    }
    let mut window: Vec<&str> = before.into_iter().collect();
    let room = WORDS.saturating_sub(window.len());
    window.extend(words.by_ref().take(room));
    let more = words.next().is_some();
    let shown: Vec<String> = window
        .iter()
        .map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !bare.is_empty() && bare.split(|c: char| !c.is_alphanumeric()).any(matches) {
                w.replacen(bare, &format!("[{bare}]"), 1)
            } else {
                (*w).to_string()
            }
        })
        .collect();
    format!(
        "{}{}{}",
        if skipped { "…" } else { "" },
        shown.join(" "),
        if more { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_a_window_around_the_first_match() {
        let text = "On Monday the council met. After a long debate the members voted to close                     the old bridge over the river for repairs, and Mayor Lind said troops would help.";
        assert_eq!(
            snippet(text, "bridge", &[]),
            "…members voted to close the old [bridge] over the river for repairs, and Mayor Lind said…"
        );
        assert_eq!(
            snippet(text, "troop", &[]),
            "…for repairs, and Mayor Lind said [troops] would help."
        );
        // Nothing matches as written: the opening.
        assert_eq!(snippet("A short note.", "absent", &[]), "A short note.");
        let spellings = vec![vec!["Lindh".to_string(), "Lind".to_string()]];
        assert!(snippet(text, "lindh", &spellings).contains("Mayor [Lind]"));
    }

    #[test]
    fn a_snippet_of_a_huge_document_reads_only_up_to_its_window() {
        // Counted rather than timed: every word matches, and the snippet is
        // the first sixteen of them whatever the length.
        let text = "gauge ".repeat(2_000_000);
        let s = snippet(&text, "gauge", &[]);
        assert_eq!(s.matches("[gauge]").count(), 16, "{s}");
    }

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
