//! Measures the quote finder against a gold file.
//!
//! ```text
//! cargo run -p crosscheck-core --example quotes_eval -- seeds /work/shared/seeds
//! cargo run -p crosscheck-core --example quotes_eval -- dev /work/shared/dev [-v]
//! ```
//!
//! `seeds`: `gold.json` `quotes` entries `{doc, speaker, snippet}`; a gold
//! quote counts when its snippet is contained in a found quote's text (or the
//! other way round) and the speakers share a surname.
//! `dev`: `gold.json` `quotes` per article, non-partial ones only; a gold
//! quote counts when the first 60 normalised characters of one text are
//! contained in the other and the speakers share a surname. Both rules follow
//! the project's Python scorers. Runs with an empty mention list and with the
//! entity finder's mentions.

use std::collections::HashMap;
use std::path::Path;

use crosscheck_core::Document;
use crosscheck_core::analyze::{entities, quotes};
use crosscheck_core::model::{Mention, Quote};
use crosscheck_core::text::sentences;
use serde_json::Value;

fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2019}', '\u{2018}'], "'");
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn name_key(s: &str) -> String {
    let mut s = norm(s);
    for p in ["the ", "president ", "u.s. ", "us "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_person(a: Option<&str>, b: &str) -> bool {
    let (Some(a), b) = (a.map(name_key), name_key(b)) else {
        return false;
    };
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || a.split(' ').next_back() == b.split(' ').next_back()
}

fn run(text: &str, with_mentions: bool) -> Vec<Quote> {
    let doc = Document::new("x", text);
    let sents = sentences::split(&doc.text);
    let mentions: Vec<Mention> = if with_mentions {
        entities::find(&doc.text, &sents)
    } else {
        Vec::new()
    };
    quotes::find(&doc.text, &sents, &mentions)
}

fn first60(s: &str) -> String {
    s.chars().take(60).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("seeds", String::as_str);
    let dir = Path::new(args.get(2).map_or("/work/shared/seeds", String::as_str));
    let verbose = args.iter().any(|a| a == "-v");
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json"))?)?;
    for with_mentions in [false, true] {
        let (mut total, mut ok, mut found_n) = (0usize, 0usize, 0usize);
        if mode == "seeds" {
            let mut cache: HashMap<String, Vec<Quote>> = HashMap::new();
            for g in gold["quotes"].as_array().into_iter().flatten() {
                let doc = g["doc"].as_str().unwrap_or_default();
                let file = gold["documents"][doc]["file"].as_str().unwrap_or_default();
                let qs = cache.entry(doc.to_string()).or_insert_with(|| {
                    let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
                    run(&text, with_mentions)
                });
                let sn = norm(g["snippet"].as_str().unwrap_or_default());
                let speaker = g["speaker"].as_str().unwrap_or_default();
                total += 1;
                let hit = qs.iter().any(|q| {
                    let qt = norm(&q.text);
                    (qt.contains(&sn) || (!qt.is_empty() && sn.contains(&qt)))
                        && same_person(q.speaker.as_deref(), speaker)
                });
                ok += usize::from(hit);
                if verbose && !hit {
                    println!("MISS {doc} [{speaker}] {sn}");
                    for q in qs.iter() {
                        println!(
                            "     have: {:?} | {:?} | {}",
                            q.speaker,
                            q.verb,
                            first60(&q.text)
                        );
                    }
                }
            }
            found_n = cache.values().map(Vec::len).sum();
        } else {
            for art in gold["articles"].as_array().into_iter().flatten() {
                let id = art["id"].as_str().unwrap_or_default();
                let file = art["file"].as_str().unwrap_or_default();
                let raw = std::fs::read_to_string(dir.join("corpus").join(file))?;
                let text = raw.split_once("\n---\n").map_or(raw.as_str(), |(_, t)| t);
                let qs = run(text, with_mentions);
                found_n += qs.len();
                for g in gold["quotes"][id].as_array().into_iter().flatten() {
                    if g["partial"].as_bool().unwrap_or(false) {
                        continue;
                    }
                    total += 1;
                    let gt = first60(&norm(g["text"].as_str().unwrap_or_default()));
                    let speaker = g["speaker"].as_str().unwrap_or_default();
                    let hit = qs.iter().any(|q| {
                        let qt = norm(&q.text);
                        !qt.is_empty()
                            && (qt.contains(&gt)
                                || norm(g["text"].as_str().unwrap_or_default())
                                    .contains(&first60(&qt)))
                            && same_person(q.speaker.as_deref(), speaker)
                    });
                    ok += usize::from(hit);
                    if verbose && !hit {
                        println!("MISS {id} [{speaker}] {gt}");
                        for q in &qs {
                            println!(
                                "     have: {:?} | {:?} | {}",
                                q.speaker,
                                q.verb,
                                first60(&q.text)
                            );
                        }
                    }
                }
                if verbose && with_mentions {
                    for q in &qs {
                        println!(
                            "  {id} {:?} {:?} p={} | {}",
                            q.speaker,
                            q.verb,
                            q.partial,
                            first60(&q.text)
                        );
                    }
                }
            }
        }
        println!(
            "{mode} mentions={with_mentions}: {ok}/{total} = {:.3} ({found_n} quotes found)",
            ok as f64 / total.max(1) as f64
        );
    }
    Ok(())
}
