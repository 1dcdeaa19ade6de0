//! Word lists shared by the analysers, and a matcher that finds them.
//!
//! The lists describe how news English signals distance, denial, condition,
//! prediction, opinion and attribution. They are written for the genre, not
//! for any one story: keep them that way.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// What a cue phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Distance or uncertainty: "reportedly", "if confirmed", "unable to verify".
    Hedge,
    /// A party rejects or will not confirm a statement: "denied", "stopped short of confirming".
    Denial,
    /// The writer's own rejection of a claim made by others: "false claims", "a strange reversal from claims".
    Rejection,
    /// A condition: "if", "unless".
    Condition,
    /// A prediction: "will", "is expected to".
    Prediction,
    /// Opinion or loaded language.
    Opinion,
    /// First-person voice of the writer.
    FirstPerson,
    /// A reporting verb or phrase: "said", "told reporters", "according to".
    Report,
    /// Negation of the main statement: "not", "never".
    Negation,
    /// Accusation (reported, not neutral): "blamed", "accused".
    Accusation,
}

const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "purportedly",
    "apparently",
    "supposedly",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "rumored",
    "rumoured",
    "reports have surfaced",
    "reports suggest",
    "reports suggesting",
    "reports indicate",
    "reports indicating",
    "according to reports",
    "media reports",
    "unconfirmed reports",
    "is believed",
    "are believed",
    "was believed",
    "were believed",
    "it's believed",
    "believed to",
    "is thought to",
    "are thought to",
    "is said to",
    "are said to",
    "is understood",
    "it is understood",
    "if confirmed",
    "unable to verify",
    "could not verify",
    "could not be verified",
    "cannot verify",
    "can't verify",
    "could not independently verify",
    "has not been verified",
    "have not been verified",
    "not independently verified",
    "unconfirmed",
    "unverified",
    "possibly",
    "perhaps",
    "maybe",
    "may have",
    "might have",
    "might",
    "could",
    "likely",
    "probably",
    "appears to",
    "appeared to",
    "appear to",
    "seems to",
    "seemed to",
    "seemingly",
    "suspected",
    "suspect",
    "widely attributed",
    "attributed to",
    "presumably",
    "claimed",
    "claiming",
    "claims that",
    "is claiming",
    "are claiming",
    "suggests",
    "suggested",
    "it is unclear",
    "it was unclear",
    "unclear whether",
];

const DENIALS: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "denial",
    "rejected",
    "rejects",
    "rejecting",
    "dismissed",
    "dismisses",
    "dismissing",
    "refuted",
    "refutes",
    "disputed",
    "disputes",
    "stopped short of confirming",
    "stop short of confirming",
    "declined to confirm",
    "refused to confirm",
    "would not confirm",
    "did not confirm",
    "could not confirm",
    "has not confirmed",
    "have not confirmed",
    "not confirmed",
    "declined to comment",
    "refused to comment",
    "would not comment",
    "no comment",
    "shrugged off",
    "brushed off",
    "called the reports",
    "as fake news",
    "as baseless",
    "as false",
    "as lies",
    "as groundless",
];

const REJECTIONS: &[&str] = &[
    "false claims",
    "false claim",
    "falsely claimed",
    "falsely claims",
    "falsely accused",
    "debunked",
    "contrary to claims",
    "contrary to reports",
    "reversal from claims",
    "there is no evidence",
    "there was no evidence",
    "no evidence that",
    "it is not true",
    "is not true",
    "was not true",
    "baseless claims",
    "baseless",
    "fabricated",
    "a hoax",
    "is a lie",
    "are lies",
    "not the case",
];

const CONDITIONS: &[&str] = &["if", "unless", "in the event", "provided that", "assuming"];

const PREDICTIONS: &[&str] = &[
    "will",
    "won't",
    "would",
    "is expected to",
    "are expected to",
    "is set to",
    "are set to",
    "is going to",
    "are going to",
    "plans to",
    "planning to",
    "is likely to",
    "are likely to",
    "by 2030",
    "in the coming",
];

const OPINION: &[&str] = &[
    "imo",
    "in my opinion",
    "i think",
    "i believe",
    "we believe",
    "i feel",
    "frankly",
    "honestly",
    "shocking",
    "the shocking truth",
    "horrific",
    "outrageous",
    "disgraceful",
    "absurd",
    "ridiculous",
    "pathetic",
    "desperate",
    "desperation",
    "regime",
    "propaganda",
    "puppet",
    "meaningless",
    "uncritically",
    "hackish",
    "damnit",
    "damn",
    "fucking",
    "tinderbox",
    "bombshell",
    "let's break it down",
    "but wait",
    "stay tuned",
    "make no mistake",
    "of course",
    "clearly",
    "obviously",
    "needless to say",
    "vassals",
    "warmonger",
    "insane",
    "madness",
    "disaster",
    "catastrophic",
    "evil",
    "thugs",
    "so-called",
    "must",
    "should",
    "ought to",
    "need to",
    "needs to",
    "no proud writer",
    "we are sitting",
    "a desperate rush",
];

const FIRST_PERSON: &[&str] = &[
    "i", "i've", "i'm", "i'd", "i'll", "me", "my", "mine", "myself", "imo", "i’ve", "i’m", "i’d",
];

const REPORTS: &[&str] = &[
    // "claim responsibility" is an act, not a distancing verb: listed here so
    // the longer phrase wins over the hedge "claimed".
    "claimed responsibility",
    "claim responsibility",
    "claims responsibility",
    "claiming responsibility",
    "claim of responsibility",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "stated",
    "states",
    "announced",
    "announces",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "confirming",
    "added",
    "adds",
    "noted",
    "notes",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "argued",
    "asserted",
    "asserting",
    "asserts",
    "estimated",
    "estimate",
    "estimates",
    "assessed",
    "acknowledged",
    "acknowledges",
    "admitted",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "explained",
    "according to",
    "cited",
    "citing",
    "referred to",
    "described",
    "describes",
    "called it",
    "called the",
    "went on to",
    "made it clear",
    "made clear",
    "told reporters",
    "said in a statement",
    "expressed",
    "indicated",
    "revealed",
    "disclosed",
    "condemned",
    "pledged",
    "vowed",
    "declared",
    "emphasized",
    "emphasised",
    "stressed",
    "suggested",
];

const NEGATIONS: &[&str] = &[
    "not",
    "n't",
    "never",
    "no longer",
    "neither",
    "nor",
    "has not",
    "have not",
    "did not",
    "does not",
    "is not",
    "are not",
    "was not",
    "were not",
    "cannot",
    "can't",
    "won't",
    "didn't",
    "doesn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "didn’t",
    "doesn’t",
    "isn’t",
    "aren’t",
    "wasn’t",
    "weren’t",
    "hasn’t",
    "haven’t",
];

const ACCUSATIONS: &[&str] = &[
    "blamed",
    "blames",
    "blaming",
    "accused",
    "accuses",
    "accusing",
    "held responsible",
    "holds responsible",
    "pointed the finger",
];

struct Matcher {
    ac: AhoCorasick,
    kinds: Vec<Cue>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut pats = Vec::new();
    let mut kinds = Vec::new();
    for (list, kind) in [
        (HEDGES, Cue::Hedge),
        (DENIALS, Cue::Denial),
        (REJECTIONS, Cue::Rejection),
        (CONDITIONS, Cue::Condition),
        (PREDICTIONS, Cue::Prediction),
        (OPINION, Cue::Opinion),
        (FIRST_PERSON, Cue::FirstPerson),
        (REPORTS, Cue::Report),
        (NEGATIONS, Cue::Negation),
        (ACCUSATIONS, Cue::Accusation),
    ] {
        for p in list {
            pats.push(*p);
            kinds.push(kind);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("cue patterns are valid");
    Matcher { ac, kinds }
});

/// A cue found in a text: its kind, byte range and the words as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub cue: Cue,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Finds every cue phrase in `text` that stands as whole words
/// (leftmost-longest, so "reports have surfaced" wins over "reports").
pub fn cues(text: &str) -> Vec<Found<'_>> {
    let m = &*MATCHER;
    let mut out = Vec::new();
    for hit in m.ac.find_iter(text) {
        let (s, e) = (hit.start(), hit.end());
        let phrase = &text[s..e];
        // "n't" is a suffix: it needs no word boundary before it.
        let before_ok = phrase.starts_with('n') && phrase.contains('\'')
            || text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        let after_ok = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        // Keep the pronoun "I" strictly upper-case, so "i" in other words or a
        // roman numeral in "World War I" is no first-person cue.
        let kind = m.kinds[hit.pattern().as_usize()];
        if kind == Cue::FirstPerson && phrase.eq_ignore_ascii_case("i") && phrase != "I" {
            continue;
        }
        if kind == Cue::FirstPerson && phrase == "I" && text[..s].trim_end().ends_with("War") {
            continue;
        }
        if before_ok && after_ok {
            out.push(Found {
                cue: kind,
                start: s,
                end: e,
                text: phrase,
            });
        }
    }
    // Accusations with the accused in the middle: "we hold the enemy fully
    // responsible", "held Israel responsible". A phrase list cannot span the
    // gap, so one pattern does.
    for m in HOLD_RESPONSIBLE.find_iter(text) {
        if !out
            .iter()
            .any(|f| f.start < m.end() && m.start() < f.end && f.cue == Cue::Accusation)
        {
            out.push(Found {
                cue: Cue::Accusation,
                start: m.start(),
                end: m.end(),
                text: m.as_str(),
            });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

static HOLD_RESPONSIBLE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:hold|holds|held|holding)\s+(?:[\w’'-]+\s+){1,5}?(?:fully\s+|directly\s+|solely\s+)?responsible\b")
        .expect("accusation pattern is valid")
});

/// Hedge cues that are themselves reporting verbs ("X claimed that ..."):
/// they distance the claim but still credit it to X.
pub const REPORTING_HEDGES: &[&str] = &[
    "claimed",
    "claiming",
    "claims that",
    "is claiming",
    "are claiming",
    "alleged",
    "suggested",
    "suggests",
];

/// Whether a found cue is a reporting verb that also distances.
pub fn is_reporting_hedge(f: &Found<'_>) -> bool {
    f.cue == Cue::Hedge
        && REPORTING_HEDGES
            .iter()
            .any(|r| f.text.eq_ignore_ascii_case(r))
}

/// Nouns that stand for what others said: "denied the claims" refers back.
pub const CLAIM_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "report",
    "reports",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "assertion",
    "assertions",
    "rumor",
    "rumors",
    "rumours",
    "suggestion",
    "suggestions",
    "charge",
    "charges",
    "story",
    "stories",
];

/// Lower-case words that carry no content for matching propositions.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

// Sorted for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "already",
    "also",
    "although",
    "am",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn longest_cue_wins_and_needs_word_boundaries() {
        let found =
            cues("Reports have surfaced that troops were sent; the ministry unreportedly said.");
        assert_eq!(found[0].cue, Cue::Hedge);
        assert_eq!(found[0].text, "Reports have surfaced");
        assert!(found.iter().all(|f| f.text != "reportedly"));
        assert!(
            found
                .iter()
                .any(|f| f.cue == Cue::Report && f.text == "said")
        );
    }

    #[test]
    fn an_accusation_with_the_accused_inside() {
        let found = cues("We hold the Sylvanian enemy fully responsible for this aggression.");
        assert!(found.iter().any(|f| f.cue == Cue::Accusation), "{found:?}");
        let none = cues("They hold a meeting on Monday to decide who is responsible.");
        assert!(none.iter().all(|f| f.cue != Cue::Accusation), "{none:?}");
    }

    #[test]
    fn denials_and_negations() {
        let found = cues("He stopped short of confirming the troops hadn't arrived.");
        assert!(found.iter().any(|f| f.cue == Cue::Denial));
        assert!(
            found
                .iter()
                .any(|f| f.cue == Cue::Negation && f.text == "n't")
        );
    }

    #[test]
    fn roman_numeral_is_not_first_person() {
        let found = cues("since World War I and if i recall");
        assert!(found.iter().all(|f| f.cue != Cue::FirstPerson));
    }
}
