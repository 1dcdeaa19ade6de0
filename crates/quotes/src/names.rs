//! Names: capitalised word runs with titles stripped, and the reporting verbs.

use super::*;

/// What a name run most likely names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    Org,
    Place,
    /// A single capitalised word not otherwise known (a group, a country...).
    Unknown,
}

/// A run of capitalised words in the text.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The name with titles and possessive stripped.
    pub(crate) name: String,
    pub(crate) kind: Kind,
    /// Object of a preposition ("in Lebanon", "of South Korea").
    pub(crate) after_prep: bool,
    /// The agent of a passive ("raised by Rep. Ann Lee"): the one who
    /// acted, so a pronoun that follows may stand for it.
    pub(crate) agent: bool,
    /// Modifies a following noun ("Israeli president", "Gold Apollo head").
    pub(crate) modifier: bool,
    pub(crate) paragraph: usize,
    /// Lies inside quote marks.
    pub(crate) in_quote: bool,
}

impl Run {
    /// May stand as the subject of a reporting verb.
    pub(crate) fn subject_like(&self) -> bool {
        !self.after_prep && !self.modifier && !self.in_quote && self.kind != Kind::Place
    }
}

/// A word of a sentence with the punctuation around it removed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) word: &'a str,
    /// Punctuation or a possessive right after it ends a name run.
    pub(crate) breaks_after: bool,
    /// Punctuation before it (an opening quote, a parenthesis) starts a new run.
    pub(crate) breaks_before: bool,
    pub(crate) possessive: bool,
}

pub(crate) static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S+").expect("valid regex"));

/// Splits `s` (found at offset `base` of the text) into words.
pub(crate) fn tokens(s: &str, base: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for m in WORD.find_iter(s) {
        let raw = m.as_str();
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| "\"“‘'([{—–".contains(c))
                .len();
        let mut core = &raw[lead..];
        let mut breaks_after = false;
        loop {
            let before = core.len();
            core = core.trim_end_matches(|c: char| ",;:!?\"”’')]}…".contains(c));
            if core.len() != before {
                breaks_after = true;
            }
            if let Some(stripped) = core.strip_suffix('.')
                && !is_abbrev(stripped)
            {
                core = stripped;
                breaks_after = true;
                continue;
            }
            if core.len() == before {
                break;
            }
        }
        let mut possessive = false;
        for suffix in ["’s", "'s"] {
            if let Some(stripped) = core.strip_suffix(suffix) {
                core = stripped;
                possessive = true;
                breaks_after = true;
            }
        }
        if core.is_empty() {
            continue;
        }
        let start = base + m.start() + lead;
        out.push(Tok {
            start,
            end: start + core.len(),
            word: core,
            breaks_after,
            breaks_before: lead > 0,
            possessive,
        });
    }
    out
}

pub(crate) fn is_abbrev(w: &str) -> bool {
    let mut cs = w.chars();
    let single_letter = cs.next().is_some_and(char::is_uppercase) && cs.next().is_none();
    single_letter
        || (w.contains('.') && w.chars().all(|c| c == '.' || c.is_alphabetic()))
        || ABBREVS.contains(&w)
}

pub(crate) fn lower(w: &str) -> String {
    w.to_lowercase()
}

pub(crate) fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    // Product codes and model numbers ("AR-924") and party tags ("D-N.C.")
    // are not names.
    let party_tag = w.len() > 2 && w.as_bytes()[1] == b'-' && first.is_uppercase();
    if CAP_STOP.contains(&w) || party_tag || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "I", "I’d", "I'm": the first person, never a name.
    if w.split(['’', '\'']).next() == Some("I") {
        return false;
    }
    if first.is_uppercase() {
        return true;
    }
    // "al-Sisi", "el-Sheikh"
    let l = w.to_lowercase();
    (l.starts_with("al-") || l.starts_with("el-"))
        && w.get(3..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Folds a name for comparison: no diacritics, lower case.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect::<String>()
        .to_lowercase()
}

/// Builds the name runs of a sentence.
pub(crate) fn sentence_runs(text: &str, s: &Sentence, quotes: &[Span], out: &mut Vec<Run>) {
    if s.boilerplate || s.end > text.len() || s.start > s.end {
        return;
    }
    let Some(stext) = text.get(s.start..s.end) else {
        return;
    };
    let toks = tokens(stext, s.start);
    if is_headline(&toks) {
        return;
    }
    let mut k = 0;
    while k < toks.len() {
        // Month names that are also given names ("Jan Kowal", "April Ross")
        // start a name when another capitalised word follows.
        let given_name = GIVEN_MONTHS.contains(&toks[k].word)
            && !toks[k].breaks_after
            && toks.get(k + 1).is_some_and(|n| is_cap_word(n.word));
        // "Said Ellis: …" opens with an inverted reporting verb.
        let inverted =
            k == 0 && matches!(toks[k].word, "Said" | "Says" | "Added" | "Asked" | "Wrote");
        if (!is_cap_word(toks[k].word) && !given_name) || inverted {
            k += 1;
            continue;
        }
        let first = k;
        let mut last = k;
        while !toks[last].breaks_after && last + 1 < toks.len() && !toks[last + 1].breaks_before {
            let n = toks[last + 1].word;
            if is_cap_word(n) {
                last += 1;
            } else if PARTICLES.contains(&n)
                && last + 2 < toks.len()
                && !toks[last + 1].breaks_after
                && is_cap_word(toks[last + 2].word)
            {
                last += 2;
            } else {
                break;
            }
        }
        k = last + 1;
        let prev = first.checked_sub(1).map(|i| toks[i]);
        let next = toks.get(last + 1).filter(|_| !toks[last].breaks_after);
        let words: Vec<&str> = toks[first..=last].iter().map(|t| t.word).collect();
        let Some(name_words) = strip_titles(&words) else {
            continue;
        };
        // A lone letter ("(R)", "(D)") is a party tag, not a name.
        if name_words.len() == 1 && name_words[0].chars().filter(|c| c.is_alphabetic()).count() <= 1
        {
            continue;
        }
        let name = name_words.join(" ");
        let lw: Vec<String> = name_words.iter().map(|w| lower(w)).collect();
        let prev_word = prev.filter(|p| !p.breaks_after).map(|p| lower(p.word));
        // Through a determiner: "of the CIA".
        let before_det = first
            .checked_sub(2)
            .map(|i| toks[i])
            .filter(|p| !p.breaks_after && matches!(prev_word.as_deref(), Some("the" | "a" | "an")))
            .map(|p| lower(p.word));
        let after_prep = prev_word.as_deref().is_some_and(|p| PREPS.contains(&p))
            || before_det.as_deref().is_some_and(|p| PREPS.contains(&p));
        let agent = prev_word.as_deref() == Some("by");
        let next_lower = next.map(|t| lower(t.word));
        let next_is_role = next_lower
            .as_deref()
            .is_some_and(|n| TITLES.contains(&n) || PERSON_NOUNS.contains(&n));
        let next_is_noun = next_lower
            .as_deref()
            .is_some_and(|n| next_is_role || ORG_NOUNS.contains(&n) || GENERIC_NOUNS.contains(&n));
        let demonym_only = lw.iter().all(|w| DEMONYMS.contains(&w.as_str()));
        let modifier =
            toks[last].possessive || demonym_only || (next_is_noun && is_lowercase_word(next));
        let all_caps = name_words
            .iter()
            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.'));
        let prev_is_org_noun = prev_word.as_deref().is_some_and(|p| {
            matches!(
                p,
                "company"
                    | "firm"
                    | "group"
                    | "outlet"
                    | "broadcaster"
                    | "agency"
                    | "newspaper"
                    | "called"
            )
        });
        let honorific = words[..words.len() - name_words.len()].iter().any(|w| {
            matches!(
                lower(w.trim_end_matches('.')).as_str(),
                "mr" | "mrs"
                    | "ms"
                    | "dr"
                    | "sir"
                    | "dame"
                    | "lord"
                    | "lady"
                    | "rev"
                    | "sen"
                    | "rep"
                    | "gov"
                    | "gen"
            )
        });
        // "Dover, Del.": a US state in the news agencies' abbreviation
        // after a town is a place, not a party that speaks.
        let state_abbreviation = name_words.len() == 1
            && US_STATE_ABBREVIATIONS.contains(&name_words[0])
            && prev.is_some_and(|p| p.breaks_after);
        let kind = if state_abbreviation {
            Kind::Place
        } else if honorific {
            Kind::Person
        } else if lw.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
            || all_caps
            || prev_is_org_noun
            || (next_is_role && !demonym_only && name_words.len() == words.len())
        {
            Kind::Org
        } else if lw.iter().any(|w| PLACE_WORDS.contains(&w.as_str())) {
            Kind::Place
        } else if name_words.len() >= 2 && !demonym_only {
            Kind::Person
        } else {
            Kind::Unknown
        };
        // The name's own span: titles before it are not part of it.
        let stripped = words.len() - name_words.len();
        let start = toks[first + stripped].start;
        let end = toks[last].end;
        // "under President Barack Obama" stays a prepositional object;
        // "Secretary of State Kurt Campbell" does not.
        let after_prep = after_prep
            && (stripped == 0
                || words[..stripped]
                    .iter()
                    .any(|w| TITLES.contains(&lower(w.trim_end_matches('.')).as_str())));
        // Spans are in text order and do not overlap.
        let in_quote = quotes
            .get(quotes.partition_point(|q| q.inner_end < end))
            .is_some_and(|q| q.inner_start <= start && end <= q.inner_end);
        out.push(Run {
            start,
            end,
            name,
            kind,
            after_prep,
            agent,
            modifier,
            paragraph: s.paragraph,
            in_quote,
        });
    }
}

/// A title-case line ("Black Lawmakers Rip Donald Trump"): its capitalised
/// words are not names, so it gives no runs.
pub(crate) fn is_headline(toks: &[Tok<'_>]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .map(|t| t.word)
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| {
            !matches!(
                *w,
                "a" | "an"
                    | "the"
                    | "of"
                    | "and"
                    | "or"
                    | "to"
                    | "in"
                    | "on"
                    | "for"
                    | "at"
                    | "by"
                    | "with"
            )
        })
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    // "Rep. Ann Lee (R-AL) told Cheatle.": names crowd the sentence, but a
    // lowercase reporting verb says it is running text, not a title-case
    // headline (looked for only in sentences of a headline's shape).
    words.len() >= 4
        && caps * 10 >= words.len() * 8
        && !words
            .iter()
            .any(|w| w.starts_with(char::is_lowercase) && VERB.is_match(w))
}

pub(crate) fn is_lowercase_word(t: Option<&Tok<'_>>) -> bool {
    t.is_some_and(|t| t.word.chars().next().is_some_and(char::is_lowercase))
}

/// Nouns a national or organisation name often modifies.
pub(crate) const GENERIC_NOUNS: &[&str] = &[
    "people",
    "forces",
    "troops",
    "soldiers",
    "officials",
    "lawmakers",
    "side",
    "media",
    "war",
    "military",
    "intelligence",
    "sources",
    "authorities",
    "citizens",
    "counterpart",
    "leaders",
    "members",
    "fighters",
    "operatives",
    "state",
    "foreign",
    "defense",
    "defence",
    "economic",
    "health",
    "information",
    "prime",
    "trade",
    "interior",
    "security",
    "government",
    "regime",
    "army",
    "navy",
    "police",
    "model",
    "devices",
    "pagers",
];

/// Drops leading titles ("NATO Secretary-General", "Former U.K. Defense
/// Attaché", "Mr.") from a run. `None` when nothing but titles is left.
pub(crate) fn strip_titles<'a>(words: &[&'a str]) -> Option<Vec<&'a str>> {
    let key = |w: &str| lower(w.trim_end_matches('.'));
    let mut rest: &[&str] = words;
    if let Some(i) = words
        .iter()
        .rposition(|w| TITLES.contains(&key(w).as_str()))
    {
        rest = &words[i + 1..];
        if rest.is_empty() {
            // "Mr. King", "Ms. Judge": after an honorific a title word is a surname.
            let after_honorific = i > 0
                && matches!(
                    key(words[i - 1]).as_str(),
                    "mr" | "mrs" | "ms" | "dr" | "miss"
                );
            if !after_honorific {
                return None;
            }
            rest = &words[i..];
        }
    }
    // Office words and demonyms before a name of two or more words.
    while rest.len() > 2
        && (OFFICE_WORDS.contains(&key(rest[0]).as_str())
            || DEMONYMS.contains(&key(rest[0]).as_str()))
    {
        rest = &rest[1..];
    }
    if rest.len() == 2 && OFFICE_WORDS.contains(&key(rest[0]).as_str()) && rest.len() < words.len()
    {
        rest = &rest[1..];
    }
    Some(rest.to_vec())
}

// ---------------------------------------------------------------------------
// Step 2: attribution.
// ---------------------------------------------------------------------------

/// Reporting verbs and phrases, as written. Case-sensitive: a capitalised
/// "States" is not the verb "states".
pub(crate) static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:",
        r#"(?:was|were|is|are|has been|had been) quoted(?: by [^,.;"“”]{1,40}?)? as saying"#,
        r"|(?:reported|quoted|quoting) (?:him|her|them) as saying",
        r"|[Aa]ccording to",
        r#"|referred to\b[^,.;"“”]{0,60}?\bas"#,
        r#"|referring to\b[^,.;"“”]{0,60}?\bas"#,
        r"|(?:described|describing|described|calling|called|labell?ed|labell?ing|termed|terming|dubbed|dubbing|branded|branding)(?: (?:it|them|him|her|this|that|these|those|the \w+))?(?: as)?",
        r"|told(?: reporters| journalists)?",
        r"|reported|asking",
        r"|Said|Says|Added|Adds|Wrote|Writes|Asked",
        r"|(?:said|says|say|stated|added|adds|announced|announces|wrote|writes|warned|warns|explained|explains",
        r"|insisted|insists|argued|argues|claimed|declared|declares|emphasi[sz]ed|emphasi[sz]es|stressed|stresses",
        r"|confirmed|confirms|denied|denies|acknowledged|admitted|replied|responded|continued|concluded|recalled",
        r"|observed|remarked|commented|posted|tweeted|condemned|condemns|pledged|pledges|promised|promises|vowed",
        r"|vows|urged|urges|highlighted|predicted|cautioned|suggested|asked|complained|conceded|boasted",
        r"|determined|expressed|reiterated|maintained|assured|accused|blamed|tells|noted|pledging|promising",
        r"|vowing|saying|adding|noting|warning|urging|declaring|insisting|confirming|stressing|emphasi[sz]ing",
        r"|accusing|announcing|telling|explaining|arguing|writing|stating|asserted|asserts|asserting",
        r"|recalls|replies|replying|responds|responding|concludes|admits|acknowledges)",
        r")\b"
    ))
    .expect("valid regex")
});

/// Pronouns that can stand for a speaker, with the kind they refer back to.
pub(crate) fn pronoun_kind(w: &str) -> Option<Kind> {
    match w.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" => Some(Kind::Person),
        "it" | "they" | "them" => Some(Kind::Org),
        _ => None,
    }
}
