//! Measures the quantity finder against the numeric claims of a gold file.
//!
//! Usage: `cargo run -p crosscheck-core --example quantities_eval -- [GOLD] [CORPUS_DIR]`
//! (defaults: `/work/shared/dev/gold.json`, `/work/shared/dev/corpus`).
//!
//! A gold figure counts as found when a quantity starts inside its evidence
//! span with the right value (or lower bound) and the claim's measure
//! ("deaths" for a killed-claim, "injured" for a wounded-claim); a figure with
//! no value counts when a vague amount with that measure is there. Also prints
//! the misses, and counts of date mentions as a sanity check. With `DUMP=1`
//! in the environment it lists every quantity found, with `DUMP_DATES=1`
//! every date mention.

use std::time::Instant;

use crosscheck_core::analyze::{dates, quantities};
use crosscheck_core::text::sentences;
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let gold_path = args
        .next()
        .unwrap_or_else(|| "/work/shared/dev/gold.json".into());
    let corpus = args
        .next()
        .unwrap_or_else(|| "/work/shared/dev/corpus".into());
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;

    let mut files = std::collections::HashMap::new();
    for a in gold["articles"].as_array().into_iter().flatten() {
        let (Some(id), Some(file)) = (a["id"].as_str(), a["file"].as_str()) else {
            continue;
        };
        let raw = std::fs::read_to_string(format!("{corpus}/{file}"))?;
        let text = raw
            .split_once("\n---\n")
            .map_or(raw.as_str(), |(_, t)| t)
            .to_string();
        let published = a["published"]
            .as_str()
            .and_then(|p| p.parse::<jiff::civil::Date>().ok());
        files.insert(id.to_string(), (text, published));
    }

    let started = Instant::now();
    let mut found = std::collections::HashMap::new();
    let mut n_dates = 0;
    let mut resolved = 0;
    for (id, (text, published)) in &files {
        let sents = sentences::split(text);
        let qs = quantities::find(text, &sents);
        let ds = dates::find(text, &sents, *published);
        if std::env::var_os("DUMP_DATES").is_some() {
            for d in &ds {
                println!(
                    "{id} date {:?} -> {:?} (published {published:?})",
                    d.text, d.resolved
                );
            }
        }
        n_dates += ds.len();
        resolved += ds.iter().filter(|d| d.resolved.is_some()).count();
        found.insert(id.clone(), qs);
    }
    let elapsed = started.elapsed();
    if std::env::var_os("DUMP").is_some() {
        let mut ids: Vec<_> = found.keys().collect();
        ids.sort();
        for id in ids {
            for q in &found[id] {
                println!(
                    "{id} {:?} v={:?} min={:?} max={:?} q={:?} vague={:?} unit={:?} m={:?}",
                    q.text, q.value, q.min, q.max, q.qualifier, q.vague, q.unit, q.measure
                );
            }
        }
    }

    let (mut total, mut hit, mut value_hit) = (0, 0, 0);
    for claim in gold["claims"].as_array().into_iter().flatten() {
        let Some(numbers) = claim["numbers"].as_object() else {
            continue;
        };
        let text = claim["text"].as_str().unwrap_or_default();
        let want = if text.contains("killed") {
            "deaths"
        } else {
            "injured"
        };
        let (mut c_total, mut c_hit) = (0, 0);
        for (id, figures) in numbers {
            let Some((article, _)) = files.get(id) else {
                continue;
            };
            let qs = &found[id];
            for f in figures.as_array().into_iter().flatten() {
                let evidence = f["evidence"].as_str().unwrap_or_default();
                let gold_value = f["value"].as_f64();
                c_total += 1;
                let Some(at) = article.find(evidence) else {
                    println!("  evidence not found in {id}: {evidence}");
                    continue;
                };
                let span = at..at + evidence.len();
                let inside: Vec<_> = qs.iter().filter(|q| span.contains(&q.start)).collect();
                let value_ok = |q: &&&crosscheck_core::Quantity| match gold_value {
                    Some(v) => q.value == Some(v) || q.min == Some(v),
                    None => q.vague.is_some() || q.value.is_none(),
                };
                let ok = inside
                    .iter()
                    .any(|q| value_ok(&q) && q.measure.as_deref() == Some(want));
                value_hit += usize::from(inside.iter().any(|q| value_ok(&q)));
                if ok {
                    c_hit += 1;
                } else {
                    let got: Vec<_> = inside
                        .iter()
                        .map(|q| format!("{:?} v={:?} m={:?}", q.text, q.value, q.measure))
                        .collect();
                    println!(
                        "  miss {} {id}: {evidence:?} (gold {gold_value:?}) got {got:?}",
                        claim["id"]
                    );
                }
            }
        }
        println!(
            "{} ({want}): {c_hit}/{c_total}",
            claim["id"].as_str().unwrap_or("?")
        );
        total += c_total;
        hit += c_hit;
    }
    println!(
        "figures found with value and measure: {hit}/{total} = {:.1}%; with value only: {value_hit}/{total} = {:.1}%",
        100.0 * hit as f64 / total.max(1) as f64,
        100.0 * value_hit as f64 / total.max(1) as f64
    );
    let quantities: usize = found.values().map(Vec::len).sum();
    let chars: usize = files.values().map(|(t, _)| t.len()).sum();
    println!(
        "{} articles, {chars} bytes, {quantities} quantities, {n_dates} dates ({resolved} resolved) in {elapsed:?}",
        files.len()
    );
    Ok(())
}
