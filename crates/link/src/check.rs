//! What each article does with one claim a user gives (`crosscheck check`),
//! decided by the same parts as the dossier: the claim is analysed like a
//! sentence of an article, compared with every clause of the articles by the
//! grouper's similarity ([`Grouper::pair_similarity`], the test a clause
//! passes to join a claim group), and a clause that carries it lends its
//! stance, flipped where it states the opposite polarity (the linker's
//! rule: a negative statement of a positive claim denies it, in the
//! outlet's voice or reported). So `check` and `analyze` cannot disagree
//! about what an article says of a claim.

use super::groups::{Grouper, THRESHOLD};
use super::precedence;
use super::stance;
use crosscheck_core::analyze::analyze_document;
use crosscheck_core::model::{Analysis, Claim, Document, Stance};

/// The similarity a clause needs to carry the user's claim: lower than a
/// clause needs to join a claim group ([`super::groups::THRESHOLD`]), as a
/// claim a user writes is longer or shorter than the clauses it is compared
/// with. Chosen on the dev gold story (pagers) alone, by the mean of the
/// shares of carrying and of non-carrying (claim, article) pairs found
/// (0.81 there; 0.79 at 0.25, 0.72 at 0.30, 0.52 at the join threshold);
/// the other gold stories were scored with it after (`crosscheck eval check`).
pub const CARRIES: f64 = 0.2;

/// A clause of an article that carries the claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Carrier {
    /// Index into the article's `Analysis::claims`.
    pub claim: usize,
    /// Index into the article's `Analysis::sentences`.
    pub sentence: usize,
    /// Its stance towards the user's claim (after polarity).
    pub stance: Stance,
    /// Whom it credits (`None`: the outlet's own voice).
    pub origin: Option<String>,
    /// The words that decided its stance ("not" when its polarity is the
    /// opposite of the claim's).
    pub cues: Vec<String>,
    /// The grouper's similarity to the claim.
    pub similarity: f64,
}

/// One article's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// What the article does with the claim (`None`: it does not carry it):
    /// of its clauses close enough to join the claim's group, the first by
    /// the dossier's precedence (denies > asserts > reports a denial >
    /// hedges); when none is, its closest carrying clause's.
    pub stance: Option<Stance>,
    /// Its carrying clauses, most similar first.
    pub carriers: Vec<Carrier>,
}

/// The clauses a user's claim is analysed into, as the grouper compares
/// them: the claims of the text read as a one-sentence article.
fn probes(claim: &str) -> Vec<Claim> {
    let doc = Document::new("claim", claim.trim());
    let a = analyze_document(&doc);
    a.claims
}

/// The answer of every article (`analyses[i]` of `docs[i]`) to `claim`.
pub fn check(claim: &str, analyses: &[&Analysis]) -> Vec<Answer> {
    let probes = probes(claim);
    if probes.is_empty() {
        return vec![Answer::default(); analyses.len()];
    }
    // One grouper over the claim and every clause, so that key weights are
    // those of this set of articles, as a story's grouper weighs them.
    let mut grouper = Grouper::default();
    for p in &probes {
        grouper.add(p, u32::MAX, None);
    }
    let mut at: Vec<usize> = Vec::with_capacity(analyses.len());
    for (d, a) in analyses.iter().enumerate() {
        at.push(grouper.len());
        for c in &a.claims {
            grouper.add(c, d as u32, None);
        }
    }
    analyses
        .iter()
        .zip(at)
        .map(|(a, first)| {
            let mut carriers: Vec<Carrier> = a
                .claims
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    let (p, similarity) = probes
                        .iter()
                        .enumerate()
                        .map(|(j, p)| (p, grouper.pair_similarity(j, first + k)))
                        .max_by(|x, y| x.1.total_cmp(&y.1))?;
                    (similarity >= CARRIES).then(|| carrier(p, c, k, similarity))
                })
                .collect();
            carriers.sort_by(|x, y| y.similarity.total_cmp(&x.similarity));
            // The clauses close enough to join the claim's group decide by
            // the dossier's precedence; below that, the closest one.
            let stance = carriers
                .iter()
                .filter(|c| c.similarity >= THRESHOLD)
                .map(|c| c.stance)
                .min_by_key(|s| precedence(*s))
                .or_else(|| carriers.first().map(|c| c.stance));
            Answer { stance, carriers }
        })
        .collect()
}

/// Clause `c` (the `k`th of its article) as a carrier of probe `p`: its
/// stance by the dossier's rule ([`stance::rule`]), the opposite polarity
/// being the probe's.
fn carrier(p: &Claim, c: &Claim, k: usize, similarity: f64) -> Carrier {
    let mut cues = c.cues.clone();
    let ctx = stance::Context {
        opposite: !c.meta && c.negated != p.negated,
        mostly_negative: false,
    };
    let stance = stance::rule(c, &ctx);
    if stance != c.stance {
        cues.push("not".to_string());
    }
    Carrier {
        claim: k,
        sentence: c.sentence,
        stance,
        origin: c.origin.clone(),
        cues,
        similarity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(claim: &str, texts: &[&str]) -> Vec<Answer> {
        let analyses: Vec<Analysis> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| analyze_document(&Document::new(format!("doc{i}.txt"), *t)))
            .collect();
        let refs: Vec<&Analysis> = analyses.iter().collect();
        check(claim, &refs)
    }

    #[test]
    fn each_article_answers_as_its_clauses_do() {
        let a = answers(
            "Norway has sent troops to Sweden",
            &[
                "Norway has sent troops to Sweden, the defence ministry in Oslo said on Monday.",
                "Norway has reportedly sent troops to Sweden, according to unconfirmed reports.",
                "Norway has not sent any troops to Sweden, the newspaper found after checking.",
                "The Federal Reserve cut its benchmark interest rate by half a point on Wednesday.",
                "Norway's defence ministry denied that it had sent troops to Sweden.",
            ],
        );
        let stances: Vec<Option<Stance>> = a.iter().map(|x| x.stance).collect();
        assert_eq!(
            stances,
            [
                Some(Stance::Asserts),
                Some(Stance::Hedges),
                Some(Stance::Denies),
                None,
                Some(Stance::ReportsDenial),
            ],
            "{a:#?}"
        );
        assert!(a[0].carriers[0].origin.is_some(), "{a:#?}");
        assert!(a[2].carriers[0].cues.iter().any(|c| c == "not"));
    }

    #[test]
    fn a_negative_claim_is_denied_by_the_positive_statement() {
        let a = answers(
            "Norway has not sent troops to Sweden",
            &["Norway has sent 3,000 troops to Sweden, the defence ministry in Oslo said."],
        );
        assert_eq!(a[0].stance, Some(Stance::ReportsDenial), "{a:#?}");
    }

    #[test]
    fn an_empty_claim_is_carried_by_nothing() {
        let a = answers("", &["Norway has sent troops to Sweden."]);
        assert_eq!(a, vec![Answer::default()]);
    }
}
