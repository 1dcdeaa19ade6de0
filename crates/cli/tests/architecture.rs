//! The workspace's dependencies run one way: each crate depends only on
//! crates of a lower layer (ARCHITECTURE.md). A new edge upward, or a cycle,
//! fails here rather than in a reviewer's head.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Layers, lowest first: a crate may depend on crates of lower layers only.
const LAYERS: &[&[&str]] = &[
    // sentence embeddings; the model types
    &["embed", "model"],
    // sentences and boilerplate
    &["text"],
    // the analysis stages: names, numbers and dates
    &["entities", "quantities"],
    // quotes (read against the names found), attribution and claims
    &["quotes", "claims"],
    // the per-document analysis, stage by stage
    &["core"],
    // cross-document linking; the FNC-1 judge
    &["link", "judge"],
    // what reads the model: accuracy, extraction, presentation, persistence
    &["eval", "ingest", "render", "store"],
    // learned components with their training; the distributed pipeline
    &["learn", "queue"],
    // the desk and its API
    &["server"],
    // the binary
    &["cli"],
];

fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

/// The crosscheck crates a manifest depends on, in any dependency table.
fn dependencies(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line.ends_with("dependencies]");
            continue;
        }
        if in_deps && let Some(rest) = line.strip_prefix("crosscheck-") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn dependencies_run_one_way() {
    let crates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let dir = entry.unwrap().path();
        let manifest = dir.join("Cargo.toml");
        if !manifest.exists() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        graph.insert(
            name,
            dependencies(&std::fs::read_to_string(&manifest).unwrap()),
        );
    }
    assert!(graph.len() >= 10, "{graph:?}");
    for (name, deps) in &graph {
        let own = layer(name).unwrap_or_else(|| {
            panic!("crates/{name} is in no layer: add it to LAYERS and ARCHITECTURE.md")
        });
        for d in deps {
            let theirs = layer(d).unwrap_or_else(|| panic!("{name} depends on unknown crate {d}"));
            assert!(
                theirs < own,
                "crates/{name} (layer {own}) depends on crates/{d} (layer {theirs}): dependencies run downward only"
            );
        }
    }
}

#[test]
fn the_manifest_reader_sees_every_table() {
    let m = "[package]\nname = \"x\"\n\n[dependencies]\ncrosscheck-core.workspace = true\nserde = \"1\"\n\n[dev-dependencies]\ncrosscheck-store = { path = \"../store\" }\n";
    assert_eq!(dependencies(m), ["core", "store"]);
}
