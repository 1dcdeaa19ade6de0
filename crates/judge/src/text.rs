//! The judge's view of a text: stemmed tokens, sentences and cue counts,
//! computed once per text so that one article can be judged against many
//! claims (and one claim against many articles) at the cost of the pairing only.

use crosscheck_core::analyze::lexicon::{self, Cue};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The cue kinds the judge counts, in feature order.
pub const CUE_KINDS: [Cue; 10] = [
    Cue::Hedge,
    Cue::Denial,
    Cue::Rejection,
    Cue::Condition,
    Cue::Prediction,
    Cue::Opinion,
    Cue::FirstPerson,
    Cue::Report,
    Cue::Negation,
    Cue::Accusation,
];

/// Stems of words with which writers call a story untrue. The lexicon's
/// denial and rejection phrases need their frame ("denied the claims"); these
/// single words are what debunking articles repeat ("hoax", "fake", "satire").
const REFUTING: &[&str] = &[
    "fake",
    "fraud",
    "hoax",
    "fals",
    "untru",
    "debunk",
    "bogus",
    "fabric",
    "prank",
    "satir",
    "retract",
    "misl",
    "doubt",
    "deni",
    "deny",
    "refut",
    "nonsens",
    "myth",
    "lie",
    "lies",
    "liar",
    "baseless",
    "spoof",
    "parodi",
    "scam",
    "phoni",
    "sham",
    "invent",
    "rumor",
    "rumour",
    "conspiraci",
    "photoshop",
];

/// One token: the lower-case stem, and what kind of word it was.
#[derive(Debug, Clone)]
pub struct Token {
    pub stem: String,
    /// A stopword or a word shorter than two letters.
    pub stop: bool,
    /// Written with a capital inside a sentence, or all digits: names and numbers.
    pub name_like: bool,
    pub number: bool,
}

/// A sentence of a text as the judge sees it.
#[derive(Debug, Clone)]
pub struct SentenceView {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
    /// Counts of each of [`CUE_KINDS`].
    pub cues: [u16; 10],
    /// Refuting words ([`REFUTING`]).
    pub refuting: u16,
    pub question: bool,
    /// The cue phrases as written, kept as evidence.
    pub cue_words: Vec<(Cue, String)>,
}

/// A whole text (a claim, a headline or an article body).
#[derive(Debug, Clone)]
pub struct TextView {
    pub sentences: Vec<SentenceView>,
    /// Term counts of content stems over the whole text.
    pub counts: BTreeMap<String, u32>,
    /// Content-stem bigrams over the whole text.
    pub bigrams: BTreeSet<(String, String)>,
    /// Lower-cased name-like words and numbers.
    pub names: BTreeSet<String>,
    pub n_tokens: usize,
}

impl TextView {
    /// Splits `text` into sentences and tokens. A short text (a claim, a
    /// headline) is one sentence when the splitter finds no boundary.
    pub fn new(text: &str) -> TextView {
        let mut sentences: Vec<SentenceView> = crosscheck_core::text::sentences::split(text)
            .into_iter()
            .map(|s| sentence(&text[s.start..s.end], s.start))
            .collect();
        if sentences.is_empty() && !text.trim().is_empty() {
            sentences.push(sentence(text, 0));
        }
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        let mut bigrams = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut n_tokens = 0;
        for s in &sentences {
            n_tokens += s.tokens.len();
            let content: Vec<&Token> = s.tokens.iter().filter(|t| !t.stop).collect();
            for t in &content {
                *counts.entry(t.stem.clone()).or_default() += 1;
                if t.name_like || t.number {
                    names.insert(t.stem.clone());
                }
            }
            for w in content.windows(2) {
                if let [a, b] = w {
                    bigrams.insert((a.stem.clone(), b.stem.clone()));
                }
            }
        }
        TextView {
            sentences,
            counts,
            bigrams,
            names,
            n_tokens,
        }
    }

    /// Sum of each cue kind over the sentences at `indices`.
    pub fn cue_sum(&self, indices: impl Iterator<Item = usize>) -> ([f64; 10], f64, f64) {
        let mut cues = [0.0; 10];
        let mut refuting = 0.0;
        let mut questions = 0.0;
        for s in indices.filter_map(|i| self.sentences.get(i)) {
            for (c, n) in cues.iter_mut().zip(s.cues) {
                *c += f64::from(n);
            }
            refuting += f64::from(s.refuting);
            questions += f64::from(u8::from(s.question));
        }
        (cues, refuting, questions)
    }
}

/// Whether `text` is written in title case ("Man Bites Dog In Ohio"), as many
/// headlines are: its capitals then say nothing about which words are names.
fn is_title_case(text: &str) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for w in text.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            words += 1;
            capitalised += usize::from(c.is_uppercase());
        }
    }
    words >= 3 && capitalised * 10 >= words * 7
}

/// The words of `text`: runs of letters, digits, apostrophes and hyphens, and
/// numbers written with thousands separators or a decimal point ("3,000",
/// "1.5") kept whole. Hand-written because a Unicode word segmenter splits
/// hyphenated words that the judge wants as parts and keeps apostrophes in
/// other places; the rule here is small.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut starts_and_ends = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inside_number = (c == ',' || c == '.')
            && previous.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || inside_number;
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                starts_and_ends.push((s, i));
                start = None;
            }
            _ => {}
        }
        previous = Some(c);
    }
    if let Some(s) = start {
        starts_and_ends.push((s, text.len()));
    }
    starts_and_ends
        .into_iter()
        .filter_map(move |(s, e)| text.get(s..e))
}

fn sentence(text: &str, offset: usize) -> SentenceView {
    let mut tokens = Vec::new();
    let mut first = true;
    let mut refuting = 0;
    let title_case = is_title_case(text);
    for word in words(text) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        // Hyphenated words count as their parts ("North-Korean", "so-called").
        for part in word.split('-').filter(|p| !p.is_empty()) {
            // "3,000" is the number 3000: the separator is dropped so that
            // "3,000" and "3000" are one token.
            let lower = part.to_lowercase().replace(',', "");
            let lower = lower
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string();
            let number = lower.starts_with(|c: char| c.is_ascii_digit())
                && lower.chars().all(|c| c.is_ascii_digit() || c == '.');
            let capital = part.chars().next().is_some_and(char::is_uppercase);
            let stop = lower.chars().count() < 2 || lexicon::is_stopword(&lower);
            let stem = if number {
                lower.clone()
            } else {
                STEMMER.stem(&lower).into_owned()
            };
            if REFUTING
                .iter()
                .any(|r| stem == *r || (r.len() > 4 && stem.starts_with(r)))
            {
                refuting += 1;
            }
            tokens.push(Token {
                stem,
                stop,
                name_like: capital && !first && !stop && !title_case,
                number,
            });
            first = false;
        }
    }
    let found = lexicon::cues(text);
    let mut cues = [0u16; 10];
    let mut cue_words = Vec::new();
    for f in &found {
        if let Some(i) = CUE_KINDS.iter().position(|k| *k == f.cue) {
            cues[i] = cues[i].saturating_add(1);
        }
        cue_words.push((f.cue, f.text.to_string()));
    }
    SentenceView {
        start: offset,
        end: offset + text.len(),
        tokens,
        cues,
        refuting,
        question: text
            .trim_end()
            .trim_end_matches(['"', '”', '\'', '’'])
            .ends_with('?'),
        cue_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stemmed_and_typed() {
        let v = TextView::new("North Korea has sent 3,000 troops to Russia's border.");
        let stems: Vec<&str> = v.sentences[0]
            .tokens
            .iter()
            .filter(|t| !t.stop)
            .map(|t| t.stem.as_str())
            .collect();
        assert_eq!(
            stems,
            [
                "north", "korea", "sent", "3000", "troop", "russia", "border"
            ]
        );
        assert!(
            v.names.contains("korea") && v.names.contains("russia") && v.names.contains("3000")
        );
        let n = TextView::new("It cost 1.5 million, or 3000 more than the 2,500 planned, 12, 13.");
        let numbers: Vec<&str> = n.sentences[0]
            .tokens
            .iter()
            .filter(|t| t.number)
            .map(|t| t.stem.as_str())
            .collect();
        assert_eq!(numbers, ["1.5", "3000", "2500", "12", "13"]);
        assert!(
            v.bigrams
                .contains(&("troop".to_string(), "russia".to_string()))
        );
    }

    #[test]
    fn cues_refuting_words_and_questions_are_counted() {
        let v = TextView::new("Is the video a hoax? Officials denied it, reportedly.");
        assert_eq!(v.sentences.len(), 2);
        assert!(v.sentences[0].question && v.sentences[0].refuting == 1);
        let (cues, refuting, questions) = v.cue_sum(0..2);
        assert_eq!(
            (refuting, questions),
            (2.0, 1.0),
            "deni counts as refuting too"
        );
        assert!(cues[0] >= 1.0, "reportedly is a hedge");
        assert!(cues[1] >= 1.0, "denied is a denial");
    }

    #[test]
    fn title_case_capitals_are_not_names() {
        let headline = TextView::new("Man Claims He Saw Ghost Of Elvis In Memphis Kitchen");
        assert!(headline.names.is_empty(), "{:?}", headline.names);
        let sentence = TextView::new("A man in Memphis said he saw the ghost of Elvis.");
        assert!(sentence.names.contains("memphi") && sentence.names.contains("elvi"));
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(TextView::new("  ").sentences.is_empty());
    }
}
