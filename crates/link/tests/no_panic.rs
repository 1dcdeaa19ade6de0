//! Whatever text comes in, analysis and linking finish, and every offset
//! they report points at the text it claims to: user data never panics the
//! pipeline.

use crosscheck_core::{Document, analyze::analyze_document};
use crosscheck_link::build_dossier;
use proptest::prelude::*;

/// Text made of the pieces news prose is built from, in any order: words,
/// names, numbers, curly and straight quotes, dashes, apostrophes, newlines,
/// non-Latin scripts and stray punctuation.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("North Korea".to_string()),
        Just("said".to_string()),
        Just("denied the claims".to_string()),
        Just("reportedly".to_string()),
        Just("according to".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just(" — ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just("up to 10,000 troops".to_string()),
        Just("last June".to_string()),
        Just("Mr. Smith".to_string()),
        Just("U.S.".to_string()),
        Just("Zelenskyy".to_string()),
        Just("Ünïcödé façade".to_string()),
        Just("北朝鮮".to_string()),
        Just("€5 million".to_string()),
        Just("?".to_string()),
        Just("!".to_string()),
        "[a-zA-Z]{1,12}",
        "[0-9]{1,7}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn analysis_and_linking_never_panic_and_offsets_hold(a in newsish(), b in newsish()) {
        let docs = vec![Document::new("a.txt", a), Document::new("b.txt", b)];
        let analyses: Vec<_> = docs.iter().map(analyze_document).collect();
        for (d, an) in docs.iter().zip(&analyses) {
            for s in &an.sentences {
                prop_assert_eq!(d.text.get(s.start..s.end), Some(s.text.as_str()));
            }
            for m in &an.mentions {
                prop_assert_eq!(d.text.get(m.start..m.end), Some(m.text.as_str()));
            }
            for q in &an.quantities {
                prop_assert_eq!(d.text.get(q.start..q.end), Some(q.text.as_str()));
            }
            for t in &an.dates {
                prop_assert_eq!(d.text.get(t.start..t.end), Some(t.text.as_str()));
            }
            for q in &an.quotes {
                prop_assert!(d.text.get(q.start..q.end).is_some());
            }
        }
        let dossier = build_dossier(&docs, &analyses);
        prop_assert!(dossier.is_ok(), "{:?}", dossier.err());
        let dossier = dossier.expect("checked above");
        for c in &dossier.claims {
            for e in &c.evidence {
                prop_assert!(docs.iter().any(|d| d.id == e.doc && d.text.contains(&*e.sentence)));
            }
        }
    }
}
