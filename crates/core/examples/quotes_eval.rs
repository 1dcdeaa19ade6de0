//! Measures the quote finder against a gold file.
//!
//! ```text
//! cargo run -p crosscheck-core --example quotes_eval -- seeds /work/shared/seeds
//! cargo run -p crosscheck-core --example quotes_eval -- dev /work/shared/dev [-v]
//! cargo run -p crosscheck-core --example quotes_eval -- polnear /work/shared/data/polnear/dev [-v]
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
//! `polnear`: brat attribution annotations (PolNeAR). Gold items are
//! attributions whose content starts with a quote mark and whose source
//! names someone (a capitalised word); one counts when a found quote overlaps
//! the content and its speaker's last word equals the source's last
//! capitalised word. Also reports how many found quotes inside any annotated
//! named-source content have the right speaker (precision of speakers).

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
    if mode == "polnear" {
        return polnear(dir, verbose);
    }
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json"))?)?;
    for with_mentions in [false, true] {
        let (mut total, mut ok, mut found_n) = (0usize, 0usize, 0usize);
        let (mut partial_n, mut partial_ok) = (0usize, 0usize);
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
                        // Side figure: partial quotes, text contained either way.
                        let gt = norm(g["text"].as_str().unwrap_or_default());
                        let speaker = g["speaker"].as_str().unwrap_or_default();
                        partial_n += 1;
                        let hit = qs.iter().any(|q| {
                            let qt = norm(&q.text);
                            !qt.is_empty()
                                && (qt.contains(&gt) || gt.contains(&qt))
                                && same_person(q.speaker.as_deref(), speaker)
                        });
                        partial_ok += usize::from(hit);
                        if verbose && !hit && with_mentions {
                            println!("PARTIAL MISS {id} [{speaker}] {gt}");
                        }
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
        if partial_n > 0 {
            println!(
                "  partial quotes (side figure): {partial_ok}/{partial_n} = {:.3}",
                partial_ok as f64 / partial_n as f64
            );
        }
    }
    Ok(())
}

/// One gold attribution: content byte range and the source's key word.
struct Attr {
    start: usize,
    end: usize,
    direct: bool,
    key: String,
    source: String,
}

fn last_cap_word(s: &str) -> Option<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .rfind(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !matches!(
                    *w,
                    "The" | "A" | "An" | "He" | "She" | "They" | "It" | "We" | "I"
                )
        })
        .map(|w| w.trim_end_matches("s’").to_lowercase())
}

fn last_word(s: &str) -> String {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .rfind(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase()
}

fn polnear(dir: &Path, verbose: bool) -> Result<(), Box<dyn std::error::Error>> {
    let (mut gold_n, mut gold_ok, mut in_n, mut in_ok, mut found_n) = (0, 0, 0, 0, 0);
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))?
        .flatten()
        .map(|e| e.path())
        .collect();
    anns.sort();
    for ann in anns {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
        let Ok(text) = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt"))) else {
            continue;
        };
        // brat offsets count characters: map them to bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        byte_at.push(text.len());
        let at = |c: usize| byte_at.get(c).copied().unwrap_or(text.len());
        let mut spans: HashMap<String, (String, usize, usize, String)> = HashMap::new();
        let mut events = Vec::new();
        for line in std::fs::read_to_string(&ann)?.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('T') && cols.len() >= 3 {
                let mut head = cols[1].split_whitespace();
                let role = head.next().unwrap_or_default().to_string();
                let nums: Vec<usize> = cols[1]
                    .split([' ', ';'])
                    .filter_map(|x| x.parse().ok())
                    .collect();
                let (Some(a), Some(b)) = (nums.first(), nums.last()) else {
                    continue;
                };
                spans.insert(
                    cols[0].to_string(),
                    (role, at(*a), at(*b), cols[2].to_string()),
                );
            } else if line.starts_with('E') && cols.len() >= 2 {
                let mut content = None;
                let mut source = None;
                for part in cols[1].split_whitespace() {
                    if let Some(t) = part.strip_prefix("Content:") {
                        content = Some(t.to_string());
                    } else if let Some(t) = part.strip_prefix("Source:") {
                        source = Some(t.to_string());
                    }
                }
                events.push((content, source));
            }
        }
        let mut attrs = Vec::new();
        for (content, source) in events {
            let (Some(c), Some(s)) = (content, source) else {
                continue;
            };
            let (Some(c), Some(s)) = (spans.get(&c), spans.get(&s)) else {
                continue;
            };
            // The name before any appositive: "Patrick McGinley, a law professor at …".
            let head = s.3.split([',', '(']).next().unwrap_or_default();
            let head = head.split(" who ").next().unwrap_or_default();
            let Some(key) = last_cap_word(head) else {
                continue;
            };
            let direct = c.3.trim_start().starts_with(['"', '“']);
            attrs.push(Attr {
                start: c.1,
                end: c.2,
                direct,
                key,
                source: s.3.clone(),
            });
        }
        let qs = run(&text, false);
        found_n += qs.len();
        for g in attrs.iter().filter(|g| g.direct) {
            gold_n += 1;
            let over: Vec<&Quote> = qs
                .iter()
                .filter(|q| q.start < g.end && g.start < q.end)
                .collect();
            let ok = over.iter().any(|q| {
                q.speaker
                    .as_deref()
                    .is_some_and(|sp| last_word(sp) == g.key)
            });
            gold_ok += usize::from(ok);
            if verbose && !ok {
                let have: Vec<_> = over.iter().map(|q| q.speaker.clone()).collect();
                let snippet: String = text
                    .get(g.start..g.end)
                    .unwrap_or_default()
                    .chars()
                    .take(70)
                    .collect();
                println!("MISS [{}] {snippet} | have {have:?}", g.source);
            }
        }
        for q in &qs {
            if let Some(g) = attrs.iter().find(|g| g.start <= q.start && q.end <= g.end) {
                in_n += 1;
                let ok = q
                    .speaker
                    .as_deref()
                    .is_some_and(|sp| last_word(sp) == g.key);
                in_ok += usize::from(ok);
                if verbose && !ok {
                    println!(
                        "WRONG [{}] {:?} | {}",
                        g.source,
                        q.speaker,
                        first60(&q.text)
                    );
                }
            }
        }
    }
    println!(
        "polnear: direct quotes with named source, speaker right: {gold_ok}/{gold_n} = {:.3}; found quotes inside a named-source content with the right speaker: {in_ok}/{in_n} = {:.3} ({found_n} quotes found)",
        gold_ok as f64 / gold_n.max(1) as f64,
        in_ok as f64 / in_n.max(1) as f64
    );
    Ok(())
}
