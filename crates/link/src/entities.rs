//! Entity resolution across documents.
//!
//! Mentions of all documents are grouped by the matching key of their
//! canonical name ([`name_key`]: case, diacritics, hyphens and common
//! transliteration endings folded, so "Kim Jong-un" / "Kim Jong Un" and
//! "Zelenskiy" / "Zelenskyy" meet). A surname-only person ("Campbell") that
//! its own document could not resolve joins the one full name with that last
//! word in the story, when there is exactly one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crosscheck_core::analyze::entities::{known_aliases, name_key};
use crosscheck_core::model::{Analysis, EntityKind, EntityOut};

#[derive(Debug, Default, Clone)]
struct Acc {
    /// Canonical names seen, with counts (the most frequent becomes the name).
    names: HashMap<String, usize>,
    kinds: HashMap<EntityKind, usize>,
    surfaces: BTreeSet<String>,
    /// Documents, by their place in the linker.
    docs: BTreeSet<u32>,
    mentions: usize,
}

impl Acc {
    fn merge(&mut self, other: &Acc) {
        for (n, c) in &other.names {
            *self.names.entry(n.clone()).or_default() += c;
        }
        for (k, c) in &other.kinds {
            *self.kinds.entry(*k).or_default() += c;
        }
        self.surfaces.extend(other.surfaces.iter().cloned());
        self.docs.extend(other.docs.iter().copied());
        self.mentions += other.mentions;
    }
}

/// Entity resolution one document at a time: mentions are summed by their
/// matching key as documents arrive, and [`Resolver::entities`] settles
/// one-word person names (which may join a full name seen later) when the
/// dossier is put together. The result does not depend on the order of the
/// documents.
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    /// Full person names seen, by the key of their last word.
    by_surname: HashMap<String, BTreeSet<String>>,
    /// Mentions by matching key, one-word person names apart.
    accs: HashMap<String, Acc>,
    /// One-word person names ("Haddad"), by key.
    surnames: HashMap<String, Acc>,
}

impl Resolver {
    /// Approximate heap bytes held: names, spellings and the document sets
    /// (a B-tree keeps about 8 bytes per entry).
    pub fn heap_bytes(&self) -> usize {
        let acc = |a: &Acc| {
            a.names.keys().map(|n| n.capacity() + 33).sum::<usize>()
                + a.surfaces.iter().map(|n| n.capacity() + 32).sum::<usize>()
                + a.docs.len() * 8
                + 64
        };
        self.accs
            .iter()
            .chain(&self.surnames)
            .map(|(k, a)| k.capacity() + 32 + acc(a))
            .sum::<usize>()
            + self
                .by_surname
                .values()
                .map(|v| v.len() * 40 + 32)
                .sum::<usize>()
    }

    /// Adds the mentions of document number `doc`; returns the keys of the
    /// mention groups they went to (sorted, distinct), by which
    /// [`Resolver::settled`] names the entity each group joins.
    pub fn add(&mut self, doc: u32, analysis: &Analysis) -> Vec<String> {
        let mut keys = BTreeSet::new();
        for m in &analysis.mentions {
            let key = person_key(m.kind, &m.canonical);
            if key.is_empty() {
                continue;
            }
            let person = m.kind == EntityKind::Person;
            if person && let Some((_, last)) = key.rsplit_once(' ') {
                self.by_surname
                    .entry(last.to_string())
                    .or_default()
                    .insert(key.clone());
            }
            let surname = person && !key.contains(' ');
            keys.insert(format!("{}{key}", if surname { "p:" } else { "a:" }));
            let accs = if surname {
                &mut self.surnames
            } else {
                &mut self.accs
            };
            let acc = accs.entry(key).or_default();
            *acc.names.entry(m.canonical.clone()).or_default() += 1;
            *acc.kinds.entry(m.kind).or_default() += 1;
            if !acc.surfaces.contains(&m.text) {
                acc.surfaces.insert(m.text.clone());
            }
            acc.docs.insert(doc);
            acc.mentions += 1;
        }
        keys.into_iter().collect()
    }

    /// The entities with aliases, sorted by mention count (then name);
    /// `id(d)` is the id of document number `d`.
    pub fn entities<'a>(&self, id: impl Fn(u32) -> Option<&'a str>) -> Vec<EntityOut> {
        let mut out: Vec<EntityOut> = self
            .groups()
            .into_iter()
            .filter_map(|(acc, _)| {
                let docs: BTreeSet<&str> = acc.docs.iter().filter_map(|&d| id(d)).collect();
                let mut e = entity(acc)?;
                e.docs = docs.into_iter().map(str::to_string).collect();
                Some(e)
            })
            .collect();
        out.sort_by(order);
        out
    }

    /// The entities as [`Resolver::entities`] gives them but without their
    /// documents, each with the keys of the mention groups it gathers (as
    /// [`Resolver::add`] returned them): a caller that knows each
    /// document's keys lists the documents itself (the linker's story
    /// parts do).
    pub fn settled(&self) -> Vec<(EntityOut, Vec<String>)> {
        let mut out: Vec<(EntityOut, Vec<String>)> = self
            .groups()
            .into_iter()
            .filter_map(|(acc, keys)| Some((entity(acc)?, keys)))
            .collect();
        out.sort_by(|a, b| order(&a.0, &b.0));
        out
    }

    /// The mention groups merged into entities, each with its keys.
    fn groups(&self) -> Vec<(Acc, Vec<String>)> {
        let mut groups: BTreeMap<&str, (Acc, Vec<String>)> = BTreeMap::new();
        for (key, acc) in &self.accs {
            let g = groups.entry(key).or_default();
            g.0.merge(acc);
            g.1.push(format!("a:{key}"));
        }
        // A surname-only person joins the story's one full name with that
        // last word, when there is exactly one.
        for (key, acc) in &self.surnames {
            let full = self
                .by_surname
                .get(key)
                .filter(|s| s.len() == 1)
                .and_then(|s| s.first())
                .map_or(key.as_str(), String::as_str);
            let g = groups.entry(full).or_default();
            g.0.merge(acc);
            g.1.push(format!("p:{key}"));
        }
        groups.into_values().collect()
    }
}

/// Entities by mention count, then name.
fn order(a: &EntityOut, b: &EntityOut) -> std::cmp::Ordering {
    b.mentions
        .cmp(&a.mentions)
        .then_with(|| a.name.cmp(&b.name))
}

/// An entity from its merged mention group, without its documents.
fn entity(acc: Acc) -> Option<EntityOut> {
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
        docs: Vec::new(),
        mentions: acc.mentions,
    })
}

/// Merges the mentions of all analyses into entities with aliases, sorted by
/// mention count (then name).
pub fn resolve(analyses: &[Analysis]) -> Vec<EntityOut> {
    let mut resolver = Resolver::default();
    for (d, a) in analyses.iter().enumerate() {
        resolver.add(u32::try_from(d).unwrap_or(u32::MAX), a);
    }
    resolver.entities(|d| analyses.get(d as usize).map(|a| a.doc.as_str()))
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
    use crosscheck_core::analyze::analyze_document;
    use crosscheck_core::model::Document;

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
