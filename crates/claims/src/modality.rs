//! Sentence-level attribution, modality, negation, opinion and voice.
//!
//! Each sentence gets: whom it credits ([`Attribution`]), how it is put
//! forward ([`Modality`]), whether its statement is negated, the opinion and
//! loaded-language cues it carries, whether the writer speaks in the first
//! person, and the cue words that decided all this.

use crate::lexicon::{self, Cue};
use crosscheck_model::{Attribution, EntityKind, Mention, Modality, Quote, Sentence, SourceKind};

/// Annotates `sentences` in place from the cues in their text, the entity
/// mentions and the quotes already found.
pub fn mark(sentences: &mut [Sentence], mentions: &[Mention], quotes: &[Quote]) {
    let mut last_person: Option<String> = None;
    let mut last_actor: Option<(String, EntityKind)> = None;
    let n = crosscheck_text::sentence_count(sentences);
    let mentions_in = crosscheck_text::by_sentence(n, mentions.iter().map(|m| m.sentence));
    let quotes_in = crosscheck_text::by_sentence(n, quotes.iter().map(|q| q.sentence));
    // Quotes by start, and those that may still overlap the sentences to
    // come (sentences run forward through the text).
    let mut by_start: Vec<&Quote> = quotes.iter().collect();
    by_start.sort_by_key(|q| q.start);
    let mut next_quote = 0;
    let mut open_quotes: Vec<&Quote> = Vec::new();
    for s in sentences.iter_mut() {
        while let Some(q) = by_start.get(next_quote).filter(|q| q.start < s.end) {
            open_quotes.push(q);
            next_quote += 1;
        }
        open_quotes.retain(|q| q.end > s.start);
        if s.boilerplate {
            continue;
        }
        // `n` is one past the largest sentence index: every sentence has a slot.
        let ms: Vec<&Mention> = mentions_in[s.index].iter().map(|&i| &mentions[i]).collect();
        let qs: Vec<&Quote> = quotes_in[s.index].iter().map(|&i| &quotes[i]).collect();
        let local = |abs: usize| abs.saturating_sub(s.start);
        // Quoted words are the speaker's, not the writer's: mask them for
        // voice and opinion cues.
        let mut outside = s.text.clone();
        for q in open_quotes
            .iter()
            .filter(|q| q.start < s.end && q.end > s.start)
        {
            let (a, b) = (local(q.start.max(s.start)), local(q.end.min(s.end)));
            if let Some(r) = outside.get(a..b) {
                let blank = " ".repeat(r.len());
                outside.replace_range(a..b, &blank);
            }
        }
        let found = lexicon::stance_cues(&outside);
        let text = s.text.as_str();
        let mut cues = Vec::new();
        let mut modality = Modality::Asserted;
        for f in &found {
            match f.cue {
                Cue::Hedge | Cue::Accusation => {
                    modality = Modality::Hedged;
                    cues.push(f.text.to_string());
                }
                Cue::Condition if modality == Modality::Asserted => {
                    modality = Modality::Conditional;
                    cues.push(f.text.to_string());
                }
                Cue::Prediction if modality == Modality::Asserted => {
                    modality = Modality::Prediction;
                    cues.push(f.text.to_string());
                }
                Cue::Denial | Cue::Rejection => cues.push(f.text.to_string()),
                _ => {}
            }
        }
        if text.trim_end().ends_with('?') {
            modality = Modality::Question;
        }
        s.negated = found.iter().any(|f| f.cue == Cue::Negation);
        s.opinion = found
            .iter()
            .filter(|f| f.cue == Cue::Opinion)
            .map(|f| f.text.to_lowercase())
            .collect();
        if text.contains('!') && !outside.trim().is_empty() && outside.contains('!') {
            s.opinion.push("!".into());
        }
        s.first_person = found.iter().any(|f| {
            f.cue == Cue::FirstPerson
                || (f.cue == Cue::Opinion
                    && (f.text.starts_with("I ")
                        || f.text.starts_with("in my")
                        || f.text.eq_ignore_ascii_case("imo")))
        });
        s.modality = modality;
        s.attribution = attribute(text, s.start, &found, &ms, &qs, &last_person, &last_actor);
        if let Some(a) = &s.attribution {
            cues.push(a.cue.clone());
        }
        s.cues = cues;

        if let Some(p) = ms.iter().find(|m| m.kind == EntityKind::Person) {
            last_person = Some(p.canonical.clone());
        }
        if let Some(m) = ms.iter().find(|m| m.kind != EntityKind::Person) {
            last_actor = Some((m.canonical.clone(), m.kind));
        }
    }
}

fn kind_of(k: EntityKind, name: &str) -> SourceKind {
    match k {
        EntityKind::Person => SourceKind::Person,
        EntityKind::Org if is_media(name) => SourceKind::Media,
        EntityKind::Org => SourceKind::Organisation,
        EntityKind::Place => SourceKind::Government,
        EntityKind::Group => SourceKind::Official,
    }
}

/// Whether an organisation name looks like a news outlet.
pub fn is_media(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "Post",
        "Times",
        "News",
        "Press",
        "Journal",
        "Independent",
        "Guardian",
        "Herald",
        "Tribune",
        "Telegraph",
        "Reuters",
        "AP",
        "AFP",
        "MSN",
        "CNN",
        "BBC",
        "Media",
        "TV",
        "Radio",
        "Agency",
        "Gazette",
        "Daily",
        "Weekly",
        "Observer",
        "Express",
        "Mail",
        "Bloomberg",
        "Yonhap",
        "Xinhua",
        "TASS",
        "Interfax",
        "Al Jazeera",
        "Politico",
        "Axios",
        "NPR",
        "Fox",
        "NBC",
        "ABC",
        "CBS",
        "Kyiv",
        "Insider",
        "Wire",
        "United24Media",
    ];
    name.split_whitespace().any(|w| WORDS.contains(&w)) || name.ends_with("Media")
}

/// Words after "according to" that name no one in particular.
const VAGUE_SOURCES: &[&str] = &[
    "reports",
    "media reports",
    "sources",
    "some",
    "many",
    "experts",
    "analysts",
];

fn attribute(
    text: &str,
    offset: usize,
    found: &[lexicon::Found<'_>],
    ms: &[&Mention],
    qs: &[&Quote],
    last_person: &Option<String>,
    last_actor: &Option<(String, EntityKind)>,
) -> Option<Attribution> {
    let rel = |m: &Mention| (m.start.saturating_sub(offset), m.end.saturating_sub(offset));
    // 1. "according to X"
    if let Some(f) = found
        .iter()
        .find(|f| f.text.eq_ignore_ascii_case("according to"))
    {
        if let Some(m) = ms
            .iter()
            .find(|m| rel(m).0 >= f.end && rel(m).0 <= f.end + 6)
        {
            return Some(Attribution {
                source: m.canonical.clone(),
                kind: kind_of(m.kind, &m.canonical),
                cue: "according to".into(),
                via: None,
            });
        }
        let tail = text.get(f.end..).unwrap_or("").trim_start();
        let phrase: String = tail
            .split([',', '.', ';', ':', '(', ')'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        if !phrase.is_empty() {
            let vague = VAGUE_SOURCES.iter().any(|v| phrase.eq_ignore_ascii_case(v));
            return Some(Attribution {
                source: phrase.clone(),
                kind: if vague {
                    SourceKind::Anonymous
                } else {
                    SourceKind::Other
                },
                cue: "according to".into(),
                via: None,
            });
        }
    }
    // 2. A quote with a speaker.
    if let Some(q) = qs.iter().find(|q| q.speaker.is_some()) {
        let speaker = q.speaker.clone().unwrap_or_default();
        let kind = ms
            .iter()
            .find(|m| m.canonical == speaker)
            .map_or(SourceKind::Person, |m| kind_of(m.kind, &m.canonical));
        return Some(Attribution {
            source: speaker,
            kind,
            cue: q.verb.clone().unwrap_or_else(|| "quoted".into()),
            via: via_after(text, offset, ms, "told"),
        });
    }
    // 3. A reporting verb with its subject before it ("X said") or after it ("said X").
    for f in found.iter().filter(|f| {
        matches!(f.cue, Cue::Report | Cue::Denial | Cue::Accusation)
            || lexicon::is_reporting_hedge(f)
    }) {
        let before = &text[..f.start];
        // An unnamed source right before the verb after a comma ("the town
        // of Marsk, two senior officials told …") is the subject: a name
        // before that comma is not (step 4 describes the source).
        let unnamed = ends_with_source_noun(before.trim_end());
        // Subject: the nearest actor before the verb in the same clause.
        let subject = ms
            .iter()
            .filter(|m| {
                rel(m).1 <= f.start && !before[rel(m).1.min(before.len())..].contains(['.', ';'])
            })
            .filter(|m| !(unnamed && before[rel(m).1.min(before.len())..].contains(',')))
            .filter(|m| f.start - rel(m).1 <= 60)
            .filter(|m| m.kind != EntityKind::Place || f.start - rel(m).1 <= 3)
            .min_by_key(|m| {
                // Prefer people, then the closest.
                (
                    m.kind != EntityKind::Person && m.kind != EntityKind::Group,
                    f.start - rel(m).1,
                )
            });
        let after = ms
            .iter()
            .find(|m| rel(m).0 >= f.end && rel(m).0 <= f.end + 2);
        let pick = subject.or(after.filter(|m| m.kind == EntityKind::Person));
        if let Some(m) = pick {
            return Some(Attribution {
                source: m.canonical.clone(),
                kind: kind_of(m.kind, &m.canonical),
                cue: f.text.to_string(),
                via: via_after(text, offset, ms, f.text),
            });
        }
        let word_before = before.split_whitespace().next_back().unwrap_or("");
        if matches!(word_before, "He" | "he" | "She" | "she")
            && let Some(p) = last_person
        {
            return Some(Attribution {
                source: p.clone(),
                kind: SourceKind::Person,
                cue: f.text.to_string(),
                via: via_after(text, offset, ms, f.text),
            });
        }
        if matches!(word_before, "It" | "it" | "They" | "they")
            && let Some((a, k)) = last_actor
        {
            return Some(Attribution {
                source: a.clone(),
                kind: kind_of(*k, a),
                cue: f.text.to_string(),
                via: None,
            });
        }
    }
    // 4. "Officials said", "the ministry said": an unnamed source.
    for f in found.iter().filter(|f| f.cue == Cue::Report) {
        let before = text[..f.start].trim_end();
        if ends_with_source_noun(before) {
            let clause = before.rsplit([',', ';', ':', '(']).next().unwrap_or(before);
            let words: Vec<&str> = clause.split_whitespace().rev().take(3).collect();
            let phrase = words.into_iter().rev().collect::<Vec<_>>().join(" ");
            let phrase = phrase
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            return Some(Attribution {
                source: phrase,
                kind: SourceKind::Anonymous,
                cue: f.text.to_string(),
                via: None,
            });
        }
    }
    // 5. "Campbell dropped another bombshell: North Korea is ..." — a person
    // before a colon introduces what follows.
    if let Some(colon) = text.find(": ")
        && let Some(m) = ms
            .iter()
            .find(|m| m.kind == EntityKind::Person && rel(m).1 <= colon && rel(m).0 < 12)
    {
        return Some(Attribution {
            source: m.canonical.clone(),
            kind: SourceKind::Person,
            cue: ":".into(),
            via: None,
        });
    }
    None
}

/// Whether `before` (the text before a reporting verb, trimmed) ends with a
/// noun that stands for an unnamed source: "officials", "police".
fn ends_with_source_noun(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "officials"
            | "sources"
            | "ministry"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "authorities"
            | "police"
            | "military"
            | "analysts"
            | "experts"
            | "diplomats"
    )
}

/// "X told The Washington Post": the medium the statement came through.
fn via_after(text: &str, offset: usize, ms: &[&Mention], verb: &str) -> Option<String> {
    let pos = text.find(verb)? + verb.len();
    ms.iter()
        .find(|m| {
            let s = m.start.saturating_sub(offset);
            s >= pos && s <= pos + 5 && m.kind == EntityKind::Org && is_media(&m.canonical)
        })
        .map(|m| m.canonical.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::mention;
    use crosscheck_text::sentences::split;

    #[test]
    fn according_to_names_the_source_and_hedges_are_marked() {
        let text = "Troops were reportedly sent, according to The Daily Ledger.";
        let mut s = split(text);
        let m = vec![mention(
            text,
            &s,
            "The Daily Ledger",
            0,
            EntityKind::Org,
            "The Daily Ledger",
        )];
        mark(&mut s, &m, &[]);
        let a = s[0].attribution.as_ref().unwrap();
        assert_eq!(a.source, "The Daily Ledger");
        assert_eq!(a.kind, SourceKind::Media);
        assert_eq!(s[0].modality, Modality::Hedged);
    }

    #[test]
    fn he_said_goes_to_the_person_named_before() {
        let text = "Foreign Minister Anna Berg met envoys on Friday. He said talks would go on. She said talks had failed.";
        let mut s = split(text);
        let m = vec![mention(
            text,
            &s,
            "Anna Berg",
            0,
            EntityKind::Person,
            "Anna Berg",
        )];
        mark(&mut s, &m, &[]);
        assert_eq!(s[1].attribution.as_ref().unwrap().source, "Anna Berg");
        assert_eq!(s[1].modality, Modality::Prediction);
        assert_eq!(s[2].attribution.as_ref().unwrap().source, "Anna Berg");
    }

    #[test]
    fn unnamed_officials_are_an_anonymous_source() {
        let text = "The strike killed four people, Western officials said.";
        let mut s = split(text);
        mark(&mut s, &[], &[]);
        let a = s[0].attribution.as_ref().unwrap();
        assert_eq!(a.source, "Western officials");
        assert_eq!(a.kind, SourceKind::Anonymous);
    }

    #[test]
    fn a_name_before_the_comma_is_not_the_unnamed_source_after_it() {
        let text = "LINDHOLM — The army has moved troops to the town of Varn, two senior officials told the Daily Ledger.";
        let mut s = split(text);
        let m = vec![mention(text, &s, "Varn", 0, EntityKind::Org, "Varn")];
        mark(&mut s, &m, &[]);
        let a = s[0].attribution.as_ref().unwrap();
        assert_eq!(a.source, "two senior officials");
        assert_eq!(a.kind, SourceKind::Anonymous);
        // A name with its apposition still speaks: "Varn, the mayor, said".
        let text = "The road is closed, Anna Berg, the mayor, said.";
        let mut s = split(text);
        let m = vec![mention(
            text,
            &s,
            "Anna Berg",
            0,
            EntityKind::Person,
            "Anna Berg",
        )];
        mark(&mut s, &m, &[]);
        assert_eq!(s[0].attribution.as_ref().unwrap().source, "Anna Berg");
    }

    #[test]
    fn questions_negation_and_first_person() {
        let text = "Did the army withdraw? I think the army has not withdrawn.";
        let mut s = split(text);
        mark(&mut s, &[], &[]);
        assert_eq!(s[0].modality, Modality::Question);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s[1].negated, "{:?}", s[1]);
        assert!(s[1].first_person, "{:?}", s[1]);
        assert!(!s[1].opinion.is_empty(), "{:?}", s[1]);
    }
}
