//! The hard cases, each a sentence pair or a short article written for the
//! test, judged by the committed model.

use super::*;
use crosscheck_core::model::Stance;

fn judged(claim: &str, article: &str) -> Judgement {
    let model = builtin().expect("the committed model loads");
    judge(model, &TextView::new(claim), &TextView::new(article))
}

fn same(a: &str, b: &str) -> f64 {
    let model = builtin().expect("the committed model loads");
    matching::same_claim(&TextView::new(a), &TextView::new(b), &model.idf)
}

const CLAIM: &str = "North Korea has sent troops to Russia";

#[test]
fn the_committed_model_matches_this_build() {
    let model = builtin().expect("the committed model loads");
    assert!(model.note.contains("train_stances.csv"), "{}", model.note);
    assert_eq!(model.stance.len(), 3);
}

#[test]
fn an_article_stating_the_claim_asserts_it() {
    let j = judged(
        CLAIM,
        "North Korea has sent troops to Russia, South Korea's spy agency said on Friday. \
         About 1,500 special forces soldiers were moved to Vladivostok by Russian navy ships. \
         The troops are expected to be deployed to the front in Ukraine soon.",
    );
    assert_ne!(j.verdict, Verdict::Unrelated);
    assert!(j.stance.is_some());
    assert!(!j.sentences.is_empty());
}

#[test]
fn negation_is_the_same_claim_and_not_an_assertion() {
    assert!(same(CLAIM, "North Korea has not sent troops to Russia") > 0.9);
    let j = judged(
        CLAIM,
        "North Korea has not sent troops to Russia, its foreign ministry insisted. \
         Claims that North Korean soldiers are in Russia are a fake story, it said, and a hoax \
         spread by Seoul. The report of troops in Russia is false, officials said.",
    );
    assert_ne!(j.verdict, Verdict::Unrelated);
    assert_ne!(j.stance, Some(Stance::Asserts), "{j:?}");
}

#[test]
fn a_reported_denial_is_not_a_denial_made() {
    let reported = judged(
        CLAIM,
        "Seoul says North Korea has sent troops to Russia. Moscow denied the report on Friday, \
         and Pyongyang did not comment. The claim could not be independently verified.",
    );
    assert_ne!(reported.verdict, Verdict::Unrelated);
    assert!(
        reported.cues.iter().any(|c| c.starts_with("denied"))
            || reported.stance != Some(Stance::Denies),
        "{reported:?}"
    );
}

#[test]
fn hedges_inside_attributions_make_a_discussing_article() {
    let j = judged(
        CLAIM,
        "Officials said North Korean troops were reportedly sent to Russia, according to \
         unconfirmed reports. The claim could not be verified, and it is unclear whether the \
         troops have arrived.",
    );
    assert_ne!(j.verdict, Verdict::Unrelated);
    assert!(
        j.cues
            .iter()
            .any(|c| c == "reportedly" || c.contains("unconfirmed")),
        "{j:?}"
    );
}

#[test]
fn a_conditional_is_the_same_claim() {
    assert!(
        same(
            CLAIM,
            "If North Korea sends troops to Russia, Seoul will respond"
        ) > 0.5
    );
    let j = judged(
        CLAIM,
        "If North Korean troops fight in Ukraine, Seoul may send arms to Kyiv, the president \
         warned. He did not confirm that North Korea has sent troops to Russia.",
    );
    assert_ne!(j.verdict, Verdict::Unrelated);
    assert_ne!(j.stance, Some(Stance::Asserts), "{j:?}");
}

#[test]
fn differing_numbers_are_one_claim_with_disagreeing_numbers() {
    let s = same(
        "North Korea sent 3,000 troops to Russia",
        "North Korea sent 10,000 troops to Russia",
    );
    assert!(s > 0.99, "{s}");
}

#[test]
fn sentences_that_share_many_words_can_be_different_claims() {
    let paraphrase = same(
        CLAIM,
        "North Korea has been reportedly sending over troops to Russia",
    );
    let weapons = same(CLAIM, "North Korea is sending more weapons to Russia");
    assert!(paraphrase > weapons, "{paraphrase} vs {weapons}");
    assert!(
        same(
            CLAIM,
            "A cat named Korea was rescued from a tree in North Dakota"
        ) < 0.5
    );
}

/// Known gap, kept visible: the relatedness trees (trained on news articles)
/// call this related on two shared words, and no coverage floor is in the
/// committed rule, because every floor tried cost the held-out FNC-1 folds more
/// than a point. Run with `--ignored` to see it.
#[test]
#[ignore = "known gap: the committed decision rule has no coverage floor (see data/judge.md)"]
fn a_short_article_sharing_one_of_the_claims_two_names_is_unrelated() {
    let j = judged(
        CLAIM,
        "A cat named Korea was rescued from a tree in North Dakota on Sunday. \
         Firefighters said the cat had climbed the tree after a dog chased it.",
    );
    assert_eq!(j.verdict, Verdict::Unrelated, "{j:?}");
}

#[test]
fn the_coverage_floor_cuts_only_claims_with_uncovered_names() {
    let rule = model::Rule {
        related_threshold: 0.5,
        weights: [1.0; 3],
        name_cover_floor: 0.6,
        pair_mix: 0.0,
    };
    let p = model::Probabilities {
        related: 1.0,
        stance: [0.1, 0.1, 0.8],
        name_cover: f64::NAN,
        disagree_share: f64::NAN,
    };
    assert_eq!(
        model::decide(&p, &rule),
        Verdict::Discusses,
        "no names: no cut"
    );
    let covered = model::Probabilities {
        name_cover: 1.0,
        ..p
    };
    assert_eq!(model::decide(&covered, &rule), Verdict::Discusses);
    let half = model::Probabilities {
        name_cover: 0.5,
        ..p
    };
    assert_eq!(model::decide(&half, &rule), Verdict::Unrelated);
}

#[test]
fn candidates_come_from_the_index_not_all_pairs() {
    let model = builtin().expect("the committed model loads");
    let texts = [
        CLAIM,
        "North Korean troops are in Russia",
        "The Federal Reserve cut interest rates by half a point",
        "The Fed lowered interest rates",
    ];
    let vectors: Vec<matching::ClaimVector> = texts
        .iter()
        .map(|t| matching::ClaimVector::new(&TextView::new(t), &model.idf))
        .collect();
    let found = matching::matches(&vectors, 0.3);
    assert!(found.iter().any(|&(i, j, _)| (i, j) == (2, 3)), "{found:?}");
    assert!(!found.iter().any(|&(i, j, _)| i < 2 && j >= 2), "{found:?}");
}

#[test]
fn the_pairwise_mix_moves_only_the_agree_disagree_split() {
    let p = model::Probabilities {
        related: 1.0,
        stance: [0.5, 0.1, 0.4],
        name_cover: f64::NAN,
        disagree_share: 0.9,
    };
    assert_eq!(model::blended(&p, 0.0), p.stance);
    let full = model::blended(&p, 1.0);
    assert!((full[0] - 0.06).abs() < 1e-12 && (full[1] - 0.54).abs() < 1e-12);
    assert_eq!(full[2], 0.4);
    let rule = model::Rule {
        related_threshold: 0.5,
        weights: [1.0; 3],
        name_cover_floor: 0.0,
        pair_mix: 1.0,
    };
    assert_eq!(model::decide(&p, &rule), Verdict::Denies);
    let none = model::Probabilities {
        disagree_share: f64::NAN,
        ..p
    };
    assert_eq!(
        model::decide(&none, &rule),
        Verdict::Asserts,
        "no pairwise model: no mix"
    );
}
