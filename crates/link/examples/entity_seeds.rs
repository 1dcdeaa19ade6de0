//! Entity recall on a gold dossier: `cargo run -p crosscheck-link --example entity_seeds -- GOLD.json FILE...`
//!
//! Analyses each file, resolves entities across them and reports the share of
//! gold names found (as name or alias) and of gold alias groups merged into
//! one entity, keyed the way the dossier scorer keys names.
use crosscheck_core::analyze::analyze_document;
use crosscheck_core::model::Document;
use crosscheck_link::entities::resolve;
use std::collections::{HashMap, HashSet};

fn key(s: &str) -> String {
    let s = s
        .trim()
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'");
    let s = ["the ", "president ", "u.s. ", "us "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map_or(s.clone(), str::to_string);
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (gold_path, files) = args
        .split_first()
        .ok_or("usage: entity_seeds GOLD.json FILE...")?;
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold_path)?)?;
    let analyses: Vec<_> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).map(|t| analyze_document(&Document::new(f.clone(), t))))
        .collect::<Result<_, _>>()?;
    let ents = resolve(&analyses);
    let verbose = std::env::var_os("VERBOSE").is_some();
    if verbose {
        for e in &ents {
            println!(
                "{:>3} {:?} {} | {}",
                e.mentions,
                e.kind,
                e.name,
                e.aliases.join("; ")
            );
        }
    }
    let mut by_name: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, e) in ents.iter().enumerate() {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            by_name.entry(key(n)).or_default().insert(i);
        }
    }
    let g = &gold["entities"];
    let names: Vec<&str> = ["PERSON", "ORG", "PLACE"]
        .iter()
        .flat_map(|t| g[t].as_array().into_iter().flatten())
        .filter_map(|v| v.as_str())
        .collect();
    let found = names
        .iter()
        .filter(|n| by_name.contains_key(&key(n)))
        .count();
    for n in names.iter().filter(|n| !by_name.contains_key(&key(n))) {
        println!("missing: {n}");
    }
    let groups = g["aliases"].as_array().cloned().unwrap_or_default();
    let mut merged = 0;
    for grp in &groups {
        let sets: Vec<HashSet<usize>> = grp
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(|n| by_name.get(&key(n)).cloned().unwrap_or_default())
            .collect();
        let common = sets
            .iter()
            .skip(1)
            .fold(sets.first().cloned().unwrap_or_default(), |acc, s| &acc & s);
        if common.is_empty() {
            println!("not merged: {grp}");
        } else {
            merged += 1;
        }
    }
    println!(
        "entities: {}  entity_recall: {:.3} ({found}/{})  alias_groups_merged: {:.3} ({merged}/{})",
        ents.len(),
        found as f64 / names.len().max(1) as f64,
        names.len(),
        merged as f64 / groups.len().max(1) as f64,
        groups.len()
    );
    Ok(())
}
