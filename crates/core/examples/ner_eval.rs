//! Exact-match PER/ORG/LOC F1 of the entity recogniser on an IOB2 file in the
//! UNER layout (`# newdoc id`, `# text`, then `index \t token \t tag ...` lines).
//!
//! `cargo run -p crosscheck-core --example ner_eval -- FILE.iob2 [PREFIX]`
//! (PREFIX keeps only documents whose id starts with it, e.g. `n` for news).
//! Sentences of a document become its paragraphs, so document context works
//! as on an article. Group mentions and demonym adjectives are not scored
//! (the gold has no such labels).
use crosscheck_core::analyze::entities::{find, is_demonym};
use crosscheck_core::model::EntityKind;
use crosscheck_core::text::sentences;
use std::collections::{BTreeMap, HashSet};

#[derive(Default)]
struct Doc {
    text: String,
    /// (byte start, byte end) of each token.
    tokens: Vec<(usize, usize)>,
    gold: HashSet<(usize, usize, &'static str)>,
}

fn label(tag: &str) -> Option<&'static str> {
    match tag.get(2..) {
        Some("PER") => Some("PER"),
        Some("ORG") => Some("ORG"),
        Some("LOC") => Some("LOC"),
        _ => None,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: ner_eval FILE.iob2 [PREFIX]")?;
    let prefix = args.get(1).map_or("", String::as_str);
    let data = std::fs::read_to_string(path)?;
    let mut docs: Vec<(String, Doc)> = Vec::new();
    let mut cursor = 0;
    let mut open: Option<(usize, &'static str)> = None;
    let close = |doc: &mut Doc, open: &mut Option<(usize, &'static str)>, end: usize| {
        if let Some((s, l)) = open.take() {
            doc.gold.insert((s, end, l));
        }
    };
    for line in data.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            docs.push((id.to_string(), Doc::default()));
        } else if let Some(t) = line.strip_prefix("# text = ") {
            if let Some((_, d)) = docs.last_mut() {
                if !d.text.is_empty() {
                    d.text.push_str("\n\n");
                }
                cursor = d.text.len();
                d.text.push_str(t);
            }
        } else if line.trim().is_empty() {
            if let Some((_, d)) = docs.last_mut() {
                let end = d.tokens.last().map_or(0, |t| t.1);
                close(d, &mut open, end);
            }
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(tok), Some(tag)) = (cols.get(1), cols.get(2)) else {
                continue;
            };
            let Some((_, d)) = docs.last_mut() else {
                continue;
            };
            let Some(rel) = d.text[cursor..].find(tok) else {
                continue;
            };
            let (s, e) = (cursor + rel, cursor + rel + tok.len());
            cursor = e;
            let prev_end = d.tokens.last().map_or(0, |t| t.1);
            d.tokens.push((s, e));
            let l = label(tag);
            if tag.starts_with("B-") || l.is_none() || open.is_some_and(|(_, ol)| Some(ol) != l) {
                close(d, &mut open, prev_end);
            }
            if let Some(l) = l
                && open.is_none()
            {
                open = Some((s, l));
            }
        }
    }
    if let Some((_, d)) = docs.last_mut() {
        let end = d.tokens.last().map_or(0, |t| t.1);
        close(d, &mut open, end);
    }
    let mut stats: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let verbose = std::env::var_os("VERBOSE").is_some();
    for (id, d) in docs.iter().filter(|(id, _)| id.starts_with(prefix)) {
        let sents = sentences::split(&d.text);
        let pred: HashSet<(usize, usize, &'static str)> = find(&d.text, &sents)
            .into_iter()
            .filter(|m| !(m.kind == EntityKind::Place && is_demonym(&m.text)))
            .filter_map(|m| {
                let l = match m.kind {
                    EntityKind::Person => "PER",
                    EntityKind::Org => "ORG",
                    EntityKind::Place => "LOC",
                    EntityKind::Group => return None,
                };
                Some((m.start, m.end, l))
            })
            .collect();
        for l in ["PER", "ORG", "LOC"] {
            let g: HashSet<_> = d.gold.iter().filter(|x| x.2 == l).collect();
            let p: HashSet<_> = pred.iter().filter(|x| x.2 == l).collect();
            let tp = g.intersection(&p).count();
            let s = stats.entry(l).or_default();
            s.0 += tp;
            s.1 += p.len();
            s.2 += g.len();
            if verbose {
                for x in p.difference(&g) {
                    println!("{id} FP {l} {:?}", &d.text[x.0..x.1]);
                }
                for x in g.difference(&p) {
                    println!("{id} FN {l} {:?}", &d.text[x.0..x.1]);
                }
            }
        }
    }
    let f1 = |tp: usize, p: usize, g: usize| {
        let pr = tp as f64 / p.max(1) as f64;
        let rc = tp as f64 / g.max(1) as f64;
        (
            pr,
            rc,
            if pr + rc > 0.0 {
                2.0 * pr * rc / (pr + rc)
            } else {
                0.0
            },
        )
    };
    let (mut tp, mut p, mut g) = (0, 0, 0);
    for (l, s) in &stats {
        let (pr, rc, f) = f1(s.0, s.1, s.2);
        println!("{l}: P {pr:.3} R {rc:.3} F1 {f:.3} (gold {})", s.2);
        tp += s.0;
        p += s.1;
        g += s.2;
    }
    let (pr, rc, f) = f1(tp, p, g);
    println!("micro: P {pr:.3} R {rc:.3} F1 {f:.3} (gold {g}, predicted {p})");
    Ok(())
}
