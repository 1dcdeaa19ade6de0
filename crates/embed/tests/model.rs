//! Tests against the real potion-base-8M weights. They are not in the
//! repository: without them these tests fail (never skip) and say how to
//! fetch them, so that CI cannot pass without having exercised the model.

use std::sync::OnceLock;

use crosscheck_embed::{Embedder, cosine};

/// One load for the whole file (the tests run in parallel threads).
fn embedder() -> &'static Embedder {
    static EMBEDDER: OnceLock<Embedder> = OnceLock::new();
    EMBEDDER.get_or_init(|| match Embedder::default_model() {
        Ok(e) => e,
        Err(e) => panic!(
            "these tests need the potion-base-8M weights: run `bash scripts/fetch-models.sh` \
             from the repository root first\n({e})"
        ),
    })
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn paraphrase_is_closer_than_an_unrelated_sentence() {
    let e = embedder();
    let v = e.embed(&[
        "Pyongyang has dispatched soldiers to Russia",
        "North Korean troops are now in Russia",
        "The central bank raised interest rates",
    ]);
    let para = cosine(&v[0], &v[1]);
    let (a, b) = (cosine(&v[0], &v[2]), cosine(&v[1], &v[2]));
    eprintln!("paraphrase {para:.3}, unrelated {a:.3} and {b:.3}");
    assert!(
        para > a && para > b,
        "paraphrase cosine {para:.3} should beat the unrelated pairs ({a:.3}, {b:.3})"
    );
}

#[test]
fn vectors_are_unit_length_and_deterministic() {
    let e = embedder();
    assert_eq!(e.dim(), 256);
    let texts = [
        "Officials said the bridge would reopen on Monday.",
        "Le gouvernement a annoncé de nouvelles mesures.",
        "GDP grew 2.4% in Q3, according to the statistics office",
        "a",
    ];
    let first = e.embed(&texts);
    assert_eq!(first.len(), texts.len());
    for (text, v) in texts.iter().zip(&first) {
        assert_eq!(v.len(), 256, "{text:?}");
        assert!((norm(v) - 1.0).abs() < 1e-5, "{text:?}: norm {}", norm(v));
        // The single-text path and a fresh batch give the same bits.
        assert_eq!(
            &e.embed_one(text),
            v,
            "{text:?}: embed_one differs from embed"
        );
    }
    assert_eq!(e.embed(&texts), first, "a second call gave other vectors");
    // Batch membership and order do not matter: each vector is its text's.
    let reversed: Vec<&str> = texts.iter().rev().copied().collect();
    let mut back = e.embed(&reversed);
    back.reverse();
    assert_eq!(back, first);
    // A clone shares the model and agrees with it.
    assert_eq!(e.clone().embed(&texts), first);
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    let e = embedder();
    assert!(e.embed(&[]).is_empty());
    let empty = e.embed_one("");
    assert_eq!(empty.len(), 256);
    // Nothing to average: the zero vector, not NaN.
    assert!(empty.iter().all(|&x| x == 0.0), "empty text: {empty:?}");
    assert_eq!(cosine(&empty, &e.embed_one("anything")), 0.0);
    let long = "word ".repeat(100_000);
    for text in ["   ", "\u{0}\u{7}", "🦀🦀🦀", "東京で地震", long.as_str()] {
        let v = e.embed_one(text);
        assert_eq!(v.len(), 256, "{text:.20?}");
        assert!(v.iter().all(|x| x.is_finite()), "{text:.20?}");
        let n = norm(&v);
        assert!(n == 0.0 || (n - 1.0).abs() < 1e-5, "{text:.20?}: norm {n}");
    }
}

#[test]
fn large_batches_keep_order() {
    let e = embedder();
    // Enough texts for the parallel path, across many of its chunks.
    let owned: Vec<String> = (0..5000)
        .map(|i| format!("report number {i} on the harvest"))
        .collect();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let all = e.embed(&texts);
    assert_eq!(all.len(), texts.len());
    for i in [0, 1, 63, 64, 65, 2500, 4999] {
        assert_eq!(all[i], e.embed_one(texts[i]), "text {i}");
    }
}
