//! Entity resolution across documents.
//!
//! Mentions of all documents are grouped by the matching key of their
//! canonical name ([`name_key`]: case, diacritics, hyphens and common
//! transliteration endings folded, so "Kim Jong-un" / "Kim Jong Un" and
//! "Zelenskiy" / "Zelenskyy" meet). A surname-only person ("Campbell") that
//! its own document could not resolve joins the one full name with that last
//! word in the story, when there is exactly one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::analyze::entities::{known_aliases, name_key};
use crate::model::{Analysis, EntityKind, EntityOut};

#[derive(Default)]
struct Acc {
    /// Canonical names seen, with counts (the most frequent becomes the name).
    names: HashMap<String, usize>,
    kinds: HashMap<EntityKind, usize>,
    surfaces: BTreeSet<String>,
    docs: BTreeSet<String>,
    mentions: usize,
}

/// Merges the mentions of all analyses into entities with aliases, sorted by
/// mention count (then name).
pub fn resolve(analyses: &[Analysis]) -> Vec<EntityOut> {
    // Full person names in the story, by the key of their last word.
    let mut by_surname: HashMap<String, BTreeSet<String>> = HashMap::new();
    for m in analyses.iter().flat_map(|a| &a.mentions) {
        if m.kind == EntityKind::Person {
            let key = person_key(m.kind, &m.canonical);
            if let Some((_, last)) = key.rsplit_once(' ') {
                by_surname
                    .entry(last.to_string())
                    .or_default()
                    .insert(key.clone());
            }
        }
    }
    let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
    for a in analyses {
        for m in &a.mentions {
            let mut key = person_key(m.kind, &m.canonical);
            if key.is_empty() {
                continue;
            }
            if m.kind == EntityKind::Person
                && !key.contains(' ')
                && let Some(full) = by_surname
                    .get(&key)
                    .filter(|s| s.len() == 1)
                    .and_then(|s| s.first())
            {
                key = full.clone();
            }
            let acc = groups.entry(key).or_default();
            *acc.names.entry(m.canonical.clone()).or_default() += 1;
            *acc.kinds.entry(m.kind).or_default() += 1;
            acc.surfaces.insert(m.text.clone());
            acc.docs.insert(a.doc.clone());
            acc.mentions += 1;
        }
    }
    let mut out: Vec<EntityOut> = groups
        .into_values()
        .filter_map(|acc| {
            // Prefer the most frequent canonical name; among equals, the longest.
            let name = acc
                .names
                .iter()
                .max_by(|x, y| {
                    x.1.cmp(y.1)
                        .then(x.0.len().cmp(&y.0.len()))
                        .then(y.0.cmp(x.0))
                })
                .map(|(n, _)| n.clone())?;
            let kind = acc
                .kinds
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map_or(EntityKind::Place, |(k, _)| *k);
            let mut aliases: BTreeSet<String> = acc.surfaces;
            aliases.extend(acc.names.into_keys());
            aliases.extend(known_aliases(&name).iter().map(|s| s.to_string()));
            aliases.remove(&name);
            Some(EntityOut {
                name,
                kind,
                aliases: aliases.into_iter().collect(),
                docs: acc.docs.into_iter().collect(),
                mentions: acc.mentions,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// The matching key of a name; for people, middle initials are dropped
/// ("Jerome H. Powell" meets "Jerome Powell").
fn person_key(kind: EntityKind, name: &str) -> String {
    let key = name_key(name);
    if kind != EntityKind::Person {
        return key;
    }
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 3 {
        return key;
    }
    let last = words.len() - 1;
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i == last || w.len() > 1)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze_document;
    use crate::model::Document;

    fn analyse(texts: &[&str]) -> Vec<Analysis> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| analyze_document(&Document::new(format!("d{i}.txt"), *t)))
            .collect()
    }

    fn entity<'a>(es: &'a [EntityOut], name: &str) -> &'a EntityOut {
        es.iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {es:#?}"))
    }

    #[test]
    fn spellings_and_surnames_merge_across_documents() {
        let docs = analyse(&[
            "Ukrainian President Volodymyr Zelenskiy spoke to Australian Prime Minister Anthony Albanese on Monday.",
            "Zelenskyy thanked Albanese for the aid, and Canberra said more would follow.",
            "Ukraine's leader, Volodymyr Zelenskyy, met lawmakers in Kyiv.",
        ]);
        let es = resolve(&docs);
        let z = entity(&es, "Volodymyr Zelenskyy");
        assert_eq!(z.kind, EntityKind::Person);
        assert_eq!(z.docs.len(), 3, "{z:#?}");
        assert!(
            z.aliases.contains(&"Volodymyr Zelenskiy".to_string()),
            "{z:#?}"
        );
        assert!(z.aliases.contains(&"Zelenskyy".to_string()), "{z:#?}");
        let australia = entity(&es, "Australia");
        assert!(
            australia.aliases.contains(&"Canberra".to_string()),
            "{australia:#?}"
        );
        assert!(
            es.iter()
                .any(|e| e.name == "Kyiv" && e.kind == EntityKind::Place),
            "{es:#?}"
        );
        assert!(es.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    }

    #[test]
    fn a_surname_joins_the_only_full_name_in_the_story() {
        let docs = analyse(&[
            "Brazilian Finance Minister Fernando Haddad presented the budget.",
            "Opposition senators said Haddad had misled them.",
        ]);
        let es = resolve(&docs);
        let h = entity(&es, "Fernando Haddad");
        assert_eq!(h.mentions, 2, "{es:#?}");
        assert!(h.aliases.contains(&"Haddad".to_string()));
    }
}
