//! Prints the claims of plain-text articles with their stance and keys, then
//! the claim groups the linker makes of them: a tool for tuning by eye.
//!
//! `cargo run -p crosscheck-link --example claims -- FILE...`; with `SIMS=1`
//! it also prints every cross-document pair of claims above 0.3 similarity.

use crosscheck_core::{Document, analyze::analyze_document};
use crosscheck_link::build_dossier;

fn main() {
    let docs: Vec<Document> = std::env::args()
        .skip(1)
        .filter_map(|p| {
            std::fs::read_to_string(&p)
                .ok()
                .map(|t| Document::new(p, t))
        })
        .collect();
    let analyses: Vec<_> = docs.iter().map(analyze_document).collect();
    for (d, a) in docs.iter().zip(&analyses) {
        println!("## {}", d.path);
        for c in &a.claims {
            println!(
                "  [{}] {:?} {:?} | {} | {:?}",
                c.sentence, c.stance, c.origin, c.text, c.keys
            );
        }
    }
    if std::env::var_os("SIMS").is_some() {
        let all: Vec<(usize, &crosscheck_core::Claim)> = analyses
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.claims.iter().map(move |c| (i, c)))
            .collect();
        let refs: Vec<&crosscheck_core::Claim> = all.iter().map(|(_, c)| *c).collect();
        let idf = crosscheck_link::groups::idf(&refs);
        for (x, (i, a)) in all.iter().enumerate() {
            for (j, b) in all.iter().skip(x + 1) {
                let s = crosscheck_link::groups::similarity(&a.keys, &b.keys, &idf);
                if s > 0.3 && i != j {
                    println!("{s:.2} | {} || {}", a.text, b.text);
                }
            }
        }
    }
    let dossier = build_dossier(&docs, &analyses).expect("linked in memory");
    for g in dossier.claims.iter().filter(|g| g.evidence.len() > 1) {
        println!(
            "\n{} {:?} origins={:?} :: {}",
            g.id, g.status, g.independent_origins, g.text
        );
        for e in &g.evidence {
            let short: String = e.sentence.chars().take(90).collect();
            println!("    {:?} {} | {}", e.stance, &e.doc[..6], short);
        }
    }
}
