//! Trivial baselines a figure is printed beside: the same dossier with its
//! claims regrouped or its stances replaced by the simplest rule.

use crosscheck_model::{Dossier, Stance};

/// Every evidence sentence its own claim: grouping precision 1, recall
/// as low as it gets.
pub fn one_claim_per_sentence(dossier: &Dossier) -> Dossier {
    let mut out = dossier.clone();
    out.claims = dossier
        .claims
        .iter()
        .flat_map(|c| {
            c.evidence.iter().map(move |e| {
                let mut single = c.clone();
                single.evidence = vec![e.clone()];
                single
            })
        })
        .collect();
    out
}

/// Every evidence sentence in one claim: grouping recall 1.
pub fn all_in_one_claim(dossier: &Dossier) -> Dossier {
    let mut out = dossier.clone();
    let Some(first) = dossier.claims.first() else {
        return out;
    };
    let mut one = first.clone();
    one.evidence = dossier
        .claims
        .iter()
        .flat_map(|c| c.evidence.iter().cloned())
        .collect();
    out.claims = vec![one];
    out
}

/// Every stance "asserts".
pub fn always_asserts(dossier: &Dossier) -> Dossier {
    let mut out = dossier.clone();
    for c in &mut out.claims {
        for e in &mut c.evidence {
            e.stance = Stance::Asserts;
        }
        for s in &mut c.stances {
            s.stance = Stance::Asserts;
        }
    }
    out
}
