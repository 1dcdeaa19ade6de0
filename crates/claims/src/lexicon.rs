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
    // One's understanding, not one's knowledge ("it's his understanding that …").
    "it's my understanding",
    "it's his understanding",
    "it's her understanding",
    "it's our understanding",
    "it's their understanding",
    "it’s my understanding",
    "it’s his understanding",
    "it’s her understanding",
    "it’s our understanding",
    "it’s their understanding",
    "it is my understanding",
    "it is his understanding",
    "it is her understanding",
    "it is our understanding",
    "it is their understanding",
    "my understanding is",
    "our understanding is",
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
    "suggest",
    "it is unclear",
    "it was unclear",
    "unclear whether",
    // Doubt a writer states without a rumour word: a modal ("may be"; a
    // bare "may" would catch the month), a hypothesis, what is not yet
    // clear, what could not be checked.
    "may be",
    "may not",
    "may well",
    "may also",
    "hypothesize",
    "hypothesizes",
    "hypothesized",
    "hypothesise",
    "hypothesises",
    "hypothesised",
    "not yet clear",
    "is not yet clear",
    "was not yet clear",
    "is not clear whether",
    "was not clear whether",
    "not clear whether",
    "remains unclear",
    "remained unclear",
    "amid reports",
    "could not independently confirm",
    "was not able to confirm",
    "no information as yet",
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

/// The cues that decide a statement's modality and stance: [`cues`] with
/// two corrections. "Suspect" and "suspected" that name a person or thing
/// under suspicion ("the suspected arsonist", "the burglary suspect was
/// killed") are the label news writes for legal caution, not a hedge of what
/// the sentence says ("police suspect that …", "is suspected of …" stay
/// hedges). And "falsely" before any verb ("posts falsely claiming …",
/// "falsely said") is the writer's rejection, as the listed phrases with it are.
/// [`cues`] itself is unchanged: the judge's features count its cues.
pub fn stance_cues(text: &str) -> Vec<Found<'_>> {
    let mut found = cues(text);
    found.retain(|f| !(f.cue == Cue::Hedge && (is_label(text, f) || hedges_a_noun(text, f))));
    for m in FALSELY.find_iter(text) {
        if !found.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            found.push(Found {
                cue: Cue::Rejection,
                start: m.start(),
                end: m.end(),
                text: m.as_str(),
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

static FALSELY: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?i)\bfalsely\b").expect("pattern is valid"));

/// Words after which "suspect(ed)" is a label, not a hedge.
const LABEL_BEFORE: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "one",
    "two", "three", "several", "other", "another", "alleged", "second", "first",
];

/// Words after which "suspect" is a noun: "the suspect who", "a suspect
/// was", "the burglary suspect, …".
const NOUN_AFTER: &[&str] = &["who", "was", "is", "has", "had", "in", "and", "whose"];

/// A word as a list holds it: lowercase, the punctuation around it dropped.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_label(text: &str, f: &Found<'_>) -> bool {
    let word = f.text.to_ascii_lowercase();
    if word != "suspect" && word != "suspected" {
        return false;
    }
    let before = text[..f.start]
        .split_whitespace()
        .next_back()
        .map(bare)
        .unwrap_or_default();
    let after = text[f.end..].trim_start();
    let next = after
        .split_whitespace()
        .next()
        .map(bare)
        .unwrap_or_default();
    LABEL_BEFORE.contains(&before.as_str())
        || before.ends_with("’s")
        || before.ends_with("'s")
        || word == "suspect"
            && (NOUN_AFTER.contains(&next.as_str()) || after.starts_with([',', '.', ';']))
}

/// Participles that do not end in "-ed", for [`hedges_a_noun`].
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made", "sold", "built", "sent", "held", "run", "known", "taken", "given", "seen", "shot",
    "hit", "set", "put", "brought", "bought", "led", "paid", "written", "done", "sought", "kept",
];

/// Words before a hedging adverb that make it the clause's own hedge ("the
/// pagers were allegedly rigged by …", "he allegedly paid by …").
const CLAUSE_BEFORE: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "he", "she", "they",
    "it", "we", "who", "which", "that",
];

/// "radios allegedly used by the militia exploded": the
/// adverb hedges a reduced relative clause, who used the radios, not the
/// clause's own statement that they exploded. The shape: a hedging adverb,
/// a participle and "by" its agent, after a noun rather than an auxiliary or
/// a pronoun subject.
fn hedges_a_noun(text: &str, f: &Found<'_>) -> bool {
    let word = f.text.to_ascii_lowercase();
    if !matches!(
        word.as_str(),
        "allegedly" | "reportedly" | "purportedly" | "supposedly"
    ) {
        return false;
    }
    let before = text[..f.start].split_whitespace().next_back();
    let mut after = text[f.end..].split_whitespace();
    let (Some(before), Some(participle), Some(by)) = (before, after.next(), after.next()) else {
        return false;
    };
    let participle = bare(participle);
    let noun_before = before
        .chars()
        .all(|c| c.is_alphanumeric() || "-’'".contains(c))
        && before.chars().next().is_some_and(char::is_lowercase)
        && !CLAUSE_BEFORE.contains(&bare(before).as_str());
    noun_before
        && bare(by) == "by"
        && (participle.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&participle.as_str()))
}

static HOLD_RESPONSIBLE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:hold|holds|held|holding)\s+(?:[\w’'-]+\s+){1,5}?(?:fully\s+|directly\s+|solely\s+)?responsible\b")
        .expect("accusation pattern is valid")
});

/// A party saying nothing about a matter: "has not claimed responsibility",
/// "declined to comment", "did not respond to a request for comment",
/// "neither confirmed nor denied". Such a clause is a statement about what
/// the party said (or did not), not about the matter: it makes a claim of
/// its own, kept apart from both the matter and its denials. A pattern
/// rather than phrases, for the words between the negation and the verb.
/// Not one of [`cues`] (whose counts the judge's model was trained on).
static SILENCE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?ix)\b(?:
            (?:has|have|had|did|does|do|is|are|was|were|would|could)(?:\s+not|n[’']t)\s+
              (?:(?:yet|immediately|publicly|officially)\s+)*
              (?:claim(?:ed)?\s+responsibility|comment(?:ed|ing)?
                |respond(?:ed)?\s+to\s+(?:(?:a|the|our|multiple|repeated)\s+)?
                  (?:requests?|questions?|inquir\w+|quer\w+|messages?|calls?|emails?)
                |confirm(?:ed)?\s+(?:or|nor)\s+den(?:ied|y))
          | (?:declined|declines|declining|refused|refuses|refusing)\s+to\s+
              (?:comment|respond|confirm\s+or\s+deny|claim\s+responsibility)
          | neither\s+confirm(?:ed|s)?\s+nor\s+den(?:ied|ies|y)
          | no\s+(?:(?:official|immediate|public)\s+)?(?:claim\s+of\s+responsibility|comment)
          | (?:no\s+one|nobody|no\s+group)\s+(?:has\s+)?(?:yet\s+)?claimed\s+responsibility
        )\b",
    )
    .expect("silence pattern is valid")
});

/// A vow of retaliation ("vowed to retaliate against", "promised a just
/// response", "vows to punish"): it holds the other party responsible, as
/// an accusation does. Not one of [`cues`], for the same reason as
/// [`silence`].
static VOW: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r#"(?ix)\b(?:vow|vows|vowed|vowing|promise|promises|promised|promising|pledge|pledges
              |pledged|pledging|threaten|threatens|threatened|threatening|swore|swears)\s+
          (?:to\s+)?(?:(?:a|an|its|their|his|her)\s+)?["“‘']?
          (?:(?:retaliat|reveng|aveng|punish|retribution|reprisal)\w*
            |(?:just|harsh|decisive|strong|severe|painful|crushing|forceful|tough)\s+
              (?:response|reply|answer))\b"#,
    )
    .expect("vow pattern is valid")
});

/// Where `text` says a party keeps silent about a matter (see [`SILENCE`]).
pub fn silence(text: &str) -> Option<(usize, usize)> {
    SILENCE.find(text).map(|m| (m.start(), m.end()))
}

/// Where `text` vows retaliation (see [`VOW`]).
pub fn vow(text: &str) -> Option<(usize, usize)> {
    VOW.find(text).map(|m| (m.start(), m.end()))
}

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

    fn stance_kinds(text: &str) -> Vec<(Cue, &str)> {
        stance_cues(text)
            .into_iter()
            .map(|f| (f.cue, f.text))
            .collect()
    }

    #[test]
    fn an_understanding_is_a_hedge_but_an_agreement_is_not() {
        for hedge in [
            "It's my understanding that the bridge was closed before noon.",
            "He said it is his understanding that the gate was open.",
        ] {
            assert!(
                stance_kinds(hedge).iter().any(|(c, _)| *c == Cue::Hedge),
                "{hedge}"
            );
        }
        let plain = "The two unions reached an understanding that wages rise in May.";
        assert!(
            !stance_kinds(plain).iter().any(|(c, _)| *c == Cue::Hedge),
            "{:?}",
            stance_kinds(plain)
        );
    }

    #[test]
    fn a_hedge_of_a_reduced_relative_is_not_the_clause_s_hedge() {
        for plain in [
            "Two people died when radios allegedly used by the militia exploded.",
            "The boats reportedly sold by the firm sank in the harbour.",
        ] {
            assert!(
                !stance_kinds(plain).iter().any(|(c, _)| *c == Cue::Hedge),
                "{plain}: {:?}",
                stance_kinds(plain)
            );
        }
        for hedge in [
            "The radios were allegedly rigged by the militia.",
            "The militia allegedly rigged the radios.",
            "He allegedly paid by cheque.",
            "Smugglers allegedly used the port.",
        ] {
            assert!(
                stance_kinds(hedge).iter().any(|(c, _)| *c == Cue::Hedge),
                "{hedge}"
            );
        }
    }

    #[test]
    fn a_suspect_named_is_no_hedge_but_a_suspicion_is() {
        for label in [
            "Police arrested the suspected arsonist on Friday.",
            "Police named the suspect who set the fire.",
            "The burglary suspect was a 20-year-old man.",
            "Police said the suspect, a local man, was dead.",
        ] {
            assert!(
                !stance_kinds(label).iter().any(|(c, _)| *c == Cue::Hedge),
                "{label}: {:?}",
                stance_kinds(label)
            );
        }
        for hedge in [
            "Investigators suspect that the fire was set deliberately.",
            "A man suspected of setting the fire was arrested.",
            "The fire is suspected to have started in the kitchen.",
        ] {
            assert!(
                stance_kinds(hedge).iter().any(|(c, _)| *c == Cue::Hedge),
                "{hedge}"
            );
        }
        // The judge's cue counts are unchanged.
        assert!(
            cues("the suspected arsonist")
                .iter()
                .any(|f| f.cue == Cue::Hedge)
        );
    }

    #[test]
    fn falsely_rejects_whatever_the_verb() {
        for text in [
            "Posts falsely claiming the mayor resigned spread on Sunday.",
            "He falsely said the bridge had collapsed.",
        ] {
            assert!(
                stance_kinds(text).contains(&(Cue::Rejection, "falsely")),
                "{text}: {:?}",
                stance_kinds(text)
            );
        }
        // Within a listed phrase it is found once, as the phrase.
        let k = stance_kinds("A leaflet falsely claims the mayor resigned.");
        assert_eq!(
            k.iter().filter(|(c, _)| *c == Cue::Rejection).count(),
            1,
            "{k:?}"
        );
    }

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
    fn doubt_without_a_rumour_word_is_a_hedge() {
        for said in [
            "Tests suggest the leak may be older than the plant's records show.",
            "Engineers hypothesize that the crack began at a weld.",
            "It is not yet clear whether the ferry will run on Monday.",
            "The shares fell amid reports that the chief executive would resign.",
            "The paper could not independently confirm the account.",
        ] {
            assert!(
                cues(said).iter().any(|f| f.cue == Cue::Hedge),
                "{said}: {:?}",
                cues(said)
            );
        }
        // The month is no modal.
        assert!(
            cues("The plant reopened in May after repairs.")
                .iter()
                .all(|f| f.cue != Cue::Hedge)
        );
    }

    #[test]
    fn silence_is_a_negated_act_of_speech_only() {
        for said in [
            "Sylvania has not claimed responsibility for the blasts.",
            "The ministry declined to comment on the report.",
            "A spokesman did not immediately respond to a request for comment.",
            "Sylvania, which has not confirmed or denied responsibility, said nothing.",
            "Officials neither confirmed nor denied the report.",
            "“We are not commenting,” he said.",
            "There has been no official claim of responsibility.",
            "No group has claimed responsibility for the attack.",
        ] {
            assert!(silence(said).is_some(), "{said}");
        }
        for said in [
            "Sylvania claimed responsibility for the blasts.",
            "The ministry commented on the report.",
            "He did not respond well to treatment.",
            "No comments",
            "Officials denied the report.",
        ] {
            assert!(silence(said).is_none(), "{said}");
        }
    }

    #[test]
    fn vows_of_retaliation_and_not_other_promises() {
        for said in [
            "Sylvania vowed to retaliate against Freedonia.",
            "The movement promised a \"just response.\"",
            "Watch: the group vows to punish Freedonia after blasts",
            "The group vowed retaliation against the regime.",
        ] {
            assert!(vow(said).is_some(), "{said}");
        }
        for said in [
            "The minister promised to respond to the flooding.",
            "The council vowed to rebuild the bridge.",
            "He pledged support for the plan.",
        ] {
            assert!(vow(said).is_none(), "{said}");
        }
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
