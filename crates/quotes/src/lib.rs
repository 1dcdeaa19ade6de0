//! Quotations and their speakers.
//!
//! The finder works in three steps:
//!
//! 1. **Marks.** Each paragraph is scanned for quotation marks: straight
//!    (`"`) and curly (`“ ”`) double quotes, and curly single quotes (`‘ ’`)
//!    where they are used as quote marks. A `’` between two letters
//!    ("Russia’s", "don’t") is an apostrophe, never a mark; single quotes
//!    inside a double-quoted passage are nested quotes and stay part of it.
//!    A quote that is never closed ends at the end of its paragraph, so an
//!    unbalanced mark can never swallow the rest of the document.
//! 2. **Attribution.** For every quote the reporting clause is looked for
//!    after the closing mark (`"…," X said`, `"…," said X`, `"…" — X`), then
//!    before the opening mark (`X said: "…"`, `X referred to it as "…"`,
//!    `X told reporters that … "alarmed" …`). The speaker is the name
//!    nearest the reporting verb, with titles stripped ("NATO
//!    Secretary-General Mark Rutte" → "Mark Rutte") and appositives skipped
//!    ("Jerome Powell, the Fed chair, said"). Pronouns ("he said") and role
//!    nouns ("the spokesman said", "the company said") go to the most recent
//!    person (resp. organisation) named shortly before. A quote standing
//!    alone after an attributed one (`"First," X said. "Second."`) continues
//!    it. Surnames are expanded to the full name used elsewhere in the
//!    document, and an entity mention covering the name gives its canonical
//!    form.
//! 3. **Filtering.** Scare-quoted terms are not quotations. A quote of at
//!    most four words is dropped when no speaker is found for it; when it
//!    is the object of a preposition ("denied any role in the "pager
//!    issue"", "the author of "The War on Cash""); when it follows "the
//!    word", "the term", "the slogan"...; and when it is in title case ("Fox
//!    and Friends") in running text without a reporting verb right before
//!    it. Such quotes name things rather than report anyone's words. Longer
//!    quotes are kept, with speaker `None` when no speaker can be found.
//!
//! Everything is rule-based: no library covers news-style quote attribution,
//! and the rules must run over millions of documents in linear time.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crosscheck_model::{EntityKind, Mention, Quote, Sentence};

/// Finds the quotations in a document's analysed (non-boilerplate) sentences.
///
/// `text` is the document text the sentence offsets point into; `mentions`
/// are named-entity mentions (may be empty): when one covers a speaker's
/// name, its canonical form is the speaker.
///
/// Each [`Quote`] holds the words inside the marks (`start..end` points at
/// them; a trailing comma that belongs to the reporting clause is dropped, a
/// final period inside the marks kept), the sentence where it opens, the
/// speaker (full name, organisation name, or a description such as "senior
/// military official" for unnamed sources; `None` when nobody is credited),
/// the reporting verb or phrase as written (`None` when the quote only
/// continues an earlier one), and `partial`: true when the writer's own words
/// precede the quote in its sentence, other than a reporting introducer
/// (`X said: "…"`, `X said, "…"`).
pub fn find(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Quote> {
    let ctx = Ctx::new(text, sentences, mentions);
    let spans = ctx.spans.clone();
    let mut out: Vec<(Quote, usize, bool)> = Vec::new(); // quote, paragraph, closed
    let mut last_speaker: Option<(usize, String, Kind, usize)> = None; // para, name, kind, pos
    for span in &spans {
        let Some(q) = ctx.attribute(span, last_speaker.as_ref()) else {
            continue;
        };
        if let Some(name) = &q.speaker {
            let kind = ctx.kind_of_name(name);
            last_speaker = Some((span.paragraph, name.clone(), kind, span.open));
        }
        out.push((q, span.paragraph, span.closed));
    }
    // An unclosed quote at a paragraph end that is continued by a quote
    // opening the next paragraph (the news convention for multi-paragraph
    // quotes) belongs to that quote's speaker.
    for i in (0..out.len().saturating_sub(1)).rev() {
        let (head, tail) = out.split_at_mut(i + 1);
        let (cur, next) = (&mut head[i], &tail[0]);
        if !cur.2 && cur.0.speaker.is_none() && next.1 == cur.1 + 1 {
            cur.0.speaker.clone_from(&next.0.speaker);
            cur.0.verb.clone_from(&next.0.verb);
        }
    }
    let mut quotes: Vec<Quote> = out.into_iter().map(|(q, _, _)| q).collect();
    let transcript = transcript_lines(text, sentences, mentions);
    if !transcript.is_empty() {
        quotes.retain(|q| {
            !transcript
                .iter()
                .any(|t| t.start <= q.start && q.end <= t.end)
        });
        quotes.extend(transcript);
        quotes.sort_by_key(|q| q.start);
    }
    quotes
}

/// `DASKALAKIS: This finding rules out …` — a transcript's line: a
/// paragraph that opens with a speaker's name in capitals and a colon. The
/// label counts only when it names a person the document names elsewhere
/// (its surname, and its first name when the label has two words or more),
/// so section labels ("UPDATE:", "EDITOR'S NOTE:", "PHOTO:") are never
/// speakers.
fn transcript_lines(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Quote> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,3}): +\S").expect("valid regex")
    });
    let people: Vec<(Vec<String>, &str)> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| {
            let words = m
                .canonical
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            (words, m.canonical.as_str())
        })
        .collect();
    let mut out = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let opens_paragraph = i == 0 || sentences[i - 1].paragraph != s.paragraph;
        if !opens_paragraph || s.boilerplate {
            continue;
        }
        let Some(label) = LABEL.captures(&s.text).and_then(|c| c.get(1)) else {
            continue;
        };
        let words: Vec<String> = label
            .as_str()
            .split_whitespace()
            .map(|w| w.trim_matches('.').to_lowercase())
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let Some((_, speaker)) = people.iter().find(|(name, _)| {
            name.last() == Some(last) && (words.len() == 1 || name.first() == Some(first))
        }) else {
            continue;
        };
        let para_end = sentences[i..]
            .iter()
            .take_while(|x| x.paragraph == s.paragraph)
            .last()
            .map_or(s.end, |x| x.end);
        let start = s.start + label.end() + 1;
        let Some(raw) = text.get(start..para_end) else {
            continue;
        };
        let body = raw.trim();
        let start = start + (raw.len() - raw.trim_start().len());
        out.push(Quote {
            sentence: s.index,
            start,
            end: start + body.len(),
            text: body.to_string(),
            speaker: Some((*speaker).to_string()),
            verb: None,
            partial: false,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Step 1: quote marks.
// ---------------------------------------------------------------------------

/// A quoted passage: byte offsets of the marks and of the words inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// Offset of the opening mark.
    open: usize,
    /// Offset just past the opening mark (start of the quoted words).
    inner_start: usize,
    /// End of the quoted words (the closing mark, or the paragraph end).
    inner_end: usize,
    /// Offset just past the closing mark (equals `inner_end` when unclosed).
    close_end: usize,
    closed: bool,
    paragraph: usize,
    /// Index of the sentence holding the opening mark.
    sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Straight or curly double quotes.
    Double,
    /// Curly single quotes.
    Single,
    /// A curly single quote opening its paragraph or after an introducer.
    SingleOpening,
}

/// Finds quoted passages paragraph by paragraph.
fn find_spans(text: &str, sentences: &[Sentence]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let mut j = i;
        while j + 1 < sentences.len() && sentences[j + 1].paragraph == para {
            j += 1;
        }
        let (start, end) = (sentences[i].start, sentences[j].end);
        if start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            for (open, inner_start, inner_end, close_end, closed) in
                scan_paragraph(&text[start..end])
            {
                let open = start + open;
                // The last sentence starting at or before the mark (found by
                // halving: a paragraph may hold thousands of sentences).
                let para_sentences = &sentences[i..=j];
                let at = para_sentences
                    .partition_point(|s| s.start <= open)
                    .saturating_sub(1);
                let sentence = para_sentences
                    .get(at)
                    .filter(|s| s.start <= open && open < s.end.max(s.start + 1))
                    .unwrap_or(&sentences[i]);
                if sentence.boilerplate {
                    continue;
                }
                out.push(Span {
                    open,
                    inner_start: start + inner_start,
                    inner_end: start + inner_end,
                    close_end: start + close_end,
                    closed,
                    paragraph: para,
                    sentence: sentence.index,
                });
            }
        }
        i = j + 1;
    }
    out
}

/// Scans one paragraph; returns `(open, inner_start, inner_end, close_end, closed)`
/// relative to the paragraph.
fn scan_paragraph(p: &str) -> Vec<(usize, usize, usize, usize, bool)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut open: Option<(Mark, usize, usize)> = None; // kind, mark offset, inner start
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|k| chars[k].1);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let end_here = pos + c.len_utf8();
        let opens_like = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
            && next.is_some_and(|c| !c.is_whitespace());
        let closes_like = prev.is_some_and(|c| !c.is_whitespace());
        match (open, c) {
            (None, '"') if opens_like || !closes_like => open = Some((Mark::Double, pos, end_here)),
            (None, '“') => open = Some((Mark::Double, pos, end_here)),
            // A closing mark typed where an opening one belongs.
            (None, '”') if opens_like && next.is_some_and(char::is_alphanumeric) => {
                open = Some((Mark::Double, pos, end_here));
            }
            (None, '‘') => {
                // British style: a quote that opens its paragraph or follows
                // an introducer ("She said: ‘…") may run to the paragraph's
                // end, continued by the next one.
                let strong =
                    p[..pos].trim_end().is_empty() || p[..pos].trim_end().ends_with([':', ',']);
                open = Some((
                    if strong {
                        Mark::SingleOpening
                    } else {
                        Mark::Single
                    },
                    pos,
                    end_here,
                ));
            }
            // Outlets mix straight and curly marks: any double mark that
            // looks like a closing one closes.
            (Some((Mark::Double, o, s)), '"' | '“' | '”') => {
                if c == '”' || closes_like || !opens_like {
                    out.push((o, s, pos, end_here, true));
                    open = None;
                } else {
                    // The previous quote was never closed: a new one starts.
                    out.push((o, s, pos, pos, false));
                    open = Some((Mark::Double, pos, end_here));
                }
            }
            // `’` between letters is an apostrophe ("Russia’s", "don’t").
            (Some((Mark::Single | Mark::SingleOpening, o, s)), '’')
                if !next.is_some_and(char::is_alphanumeric) =>
            {
                out.push((o, s, pos, end_here, true));
                open = None;
            }
            // A closing mark glued to the next word after another quote
            // closed (`…champion.”I want to thank …”`): the space and the
            // opening mark were dropped; the quote counts only if closed.
            (None, '”')
                if closes_like
                    && out.last().is_some_and(|&(_, _, _, close_end, closed)| {
                        closed
                            && p[close_end..pos]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)
                    }) =>
            {
                let start = out.last().map_or(pos, |o| o.3);
                out.push((start, start, pos, end_here, true));
            }
            // A double quote starts while a single one is open: the single
            // mark was not a quote mark after all.
            (Some((Mark::Single | Mark::SingleOpening, _, _)), '“' | '"') => {
                open = Some((Mark::Double, pos, end_here));
            }
            _ => {}
        }
    }
    if let Some((kind, o, s)) = open {
        // Unclosed: cap at the paragraph end. A lone single mark is more
        // likely an apostrophe-like glyph than a quote: drop it, unless it
        // opened the paragraph or followed an introducer and a sentence's
        // worth of words follows (a British-style quote running on).
        let words = p[s..].split_whitespace().count();
        if kind == Mark::Double || (kind == Mark::SingleOpening && words >= 4) {
            out.push((o, s, p.len(), p.len(), false));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Names: capitalised word runs with titles stripped.
// ---------------------------------------------------------------------------

/// What a name run most likely names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
    Place,
    /// A single capitalised word not otherwise known (a group, a country...).
    Unknown,
}

/// A run of capitalised words in the text.
#[derive(Debug, Clone)]
struct Run {
    start: usize,
    end: usize,
    /// The name with titles and possessive stripped.
    name: String,
    kind: Kind,
    /// Object of a preposition ("in Lebanon", "of South Korea").
    after_prep: bool,
    /// The agent of a passive ("raised by Rep. Ann Lee"): the one who
    /// acted, so a pronoun that follows may stand for it.
    agent: bool,
    /// Modifies a following noun ("Israeli president", "Gold Apollo head").
    modifier: bool,
    paragraph: usize,
    /// Lies inside quote marks.
    in_quote: bool,
}

impl Run {
    /// May stand as the subject of a reporting verb.
    fn subject_like(&self) -> bool {
        !self.after_prep && !self.modifier && !self.in_quote && self.kind != Kind::Place
    }
}

/// A word of a sentence with the punctuation around it removed.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    word: &'a str,
    /// Punctuation or a possessive right after it ends a name run.
    breaks_after: bool,
    /// Punctuation before it (an opening quote, a parenthesis) starts a new run.
    breaks_before: bool,
    possessive: bool,
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\S+").expect("valid regex"));

/// Splits `s` (found at offset `base` of the text) into words.
fn tokens(s: &str, base: usize) -> Vec<Tok<'_>> {
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

fn is_abbrev(w: &str) -> bool {
    let mut cs = w.chars();
    let single_letter = cs.next().is_some_and(char::is_uppercase) && cs.next().is_none();
    single_letter
        || (w.contains('.') && w.chars().all(|c| c == '.' || c.is_alphabetic()))
        || ABBREVS.contains(&w)
}

const ABBREVS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "Prof",
    "Capt", "Maj", "Sgt", "Adm", "Cmdr", "Rev", "Hon",
];

/// Capitalised words that do not start a name.
/// US states as news agencies abbreviate them after a town ("Dover, Del.").
const US_STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo",
];

const CAP_STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "As",
    "After",
    "Before",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "While",
    "When",
    "Where",
    "If",
    "It",
    "Its",
    "It's",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "According",
    // Participles that open a sentence ("Having reviewed the data, ...").
    "Having",
    "Being",
    "Given",
    "Pressed",
    "Writing",
    "Adding",
    "Noting",
    "Saying",
    "Including",
    "Referring",
    "Addressing",
    // Reporting verbs capitalised in a title-case line ("Pierce Wrote").
    "Wrote",
    "Writes",
    "Says",
    "Told",
    "Added",
    "Stated",
    "Tweeted",
    "Posted",
    "Announced",
    "Despite",
    "Although",
    "Though",
    "Since",
    "So",
    "Then",
    "Also",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Even",
    "Still",
    "Yet",
    "For",
    "From",
    "With",
    "Without",
    "By",
    "Of",
    "To",
    "Into",
    "About",
    "Under",
    "Over",
    "Between",
    "Among",
    "During",
    "Following",
    "Amid",
    "Asked",
    "Speaking",
    "Responding",
    "Quizzed",
    "Citing",
    "Not",
    "No",
    "Yes",
    "What",
    "Who",
    "Why",
    "How",
    "Which",
    "There",
    "Here",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "Such",
    "Last",
    "Next",
    "First",
    "Second",
    "Third",
    "One",
    "Two",
    "Three",
    "Several",
    "Key",
    "Read",
    "More",
    "Watch",
    "Photo",
    "Image",
    "Video",
    "Updated",
    "Published",
    "Breaking",
    "Live",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Let's",
    "Let’s",
    "Just",
    "Only",
    "Well",
    "Again",
    "Instead",
    "Once",
    "Like",
    "Unlike",
    "Until",
    "Because",
    "Whether",
    "Whoever",
    "Whatever",
    "Thus",
    "Hence",
    "Indeed",
];

/// Month names that are also given names.
const GIVEN_MONTHS: &[&str] = &["Jan", "April", "May", "June", "August"];

/// Lower-case words that may sit inside a name between capitalised words.
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "al", "el", "de", "del", "della", "der", "den", "van", "von", "da", "di",
    "du", "la", "le", "dos", "das", "y",
];

/// Person titles: everything up to the last one of these in a run is dropped.
const TITLES: &[&str] = &[
    "president",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "undersecretary",
    "deputy",
    "general",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "admiral",
    "commander",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "director",
    "director-general",
    "ceo",
    "cfo",
    "coo",
    "founder",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "pope",
    "cardinal",
    "rabbi",
    "imam",
    "ayatollah",
    "judge",
    "justice",
    "attorney",
    "attorney-general",
    "attaché",
    "attache",
    "officer",
    "leader",
    "speaker",
    "chancellor",
    "premier",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "commissioner",
    "prosecutor",
    "inspector",
    "superintendent",
    "sergeant",
    "lieutenant",
    "colonel",
    "major",
    "captain",
    "marshal",
    "brigadier",
    "analyst",
    "correspondent",
    "editor",
    "anchor",
    "economist",
    "adviser",
    "advisor",
    "counsel",
    "coach",
    "manager",
    "executive",
    "emir",
    "crown",
    "mullah",
    "cleric",
    "rev",
    "hon",
    "councillor",
    "councilor",
    "lawmaker",
    "mp",
    "mep",
    "spokesmen",
    "treasurer",
    "registrar",
    "dean",
];

/// Department and office words that may precede a name once a title is gone
/// ("Secretary of State Kurt Campbell").
const OFFICE_WORDS: &[&str] = &[
    "state",
    "defense",
    "defence",
    "foreign",
    "affairs",
    "trade",
    "interior",
    "health",
    "information",
    "finance",
    "economy",
    "justice",
    "communications",
    "international",
    "security",
    "national",
    "homeland",
    "former",
    "acting",
    "senior",
    "interim",
    "vice",
    "north",
    "south",
    "east",
    "west",
    "u.s",
    "u.s.",
    "us",
    "u.k",
    "u.k.",
    "uk",
    "un",
    "u.n",
    "u.n.",
    "eu",
    "nato",
    "federal",
    "reserve",
];

/// Demonyms and national adjectives (a run made only of these modifies a noun).
const DEMONYMS: &[&str] = &[
    "american",
    "british",
    "english",
    "scottish",
    "welsh",
    "irish",
    "french",
    "german",
    "italian",
    "spanish",
    "portuguese",
    "dutch",
    "belgian",
    "swiss",
    "austrian",
    "polish",
    "czech",
    "slovak",
    "hungarian",
    "romanian",
    "bulgarian",
    "greek",
    "turkish",
    "russian",
    "ukrainian",
    "belarusian",
    "georgian",
    "armenian",
    "azerbaijani",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "estonian",
    "latvian",
    "lithuanian",
    "serbian",
    "croatian",
    "bosnian",
    "albanian",
    "israeli",
    "palestinian",
    "lebanese",
    "syrian",
    "iraqi",
    "iranian",
    "jordanian",
    "egyptian",
    "saudi",
    "emirati",
    "qatari",
    "kuwaiti",
    "yemeni",
    "omani",
    "libyan",
    "tunisian",
    "algerian",
    "moroccan",
    "sudanese",
    "ethiopian",
    "kenyan",
    "nigerian",
    "ghanaian",
    "african",
    "chinese",
    "japanese",
    "korean",
    "taiwanese",
    "vietnamese",
    "thai",
    "indonesian",
    "malaysian",
    "filipino",
    "indian",
    "pakistani",
    "afghan",
    "bangladeshi",
    "australian",
    "canadian",
    "mexican",
    "brazilian",
    "argentine",
    "argentinian",
    "chilean",
    "colombian",
    "venezuelan",
    "cuban",
    "peruvian",
    "european",
    "asian",
    "arab",
    "western",
    "eastern",
    "northern",
    "southern",
    "shiite",
    "sunni",
    "kurdish",
    "north",
    "south",
    "new",
    "zealander",
    "democratic",
    "republican",
    "libertarian",
    "liberal",
    "socialist",
    "communist",
    "progressive",
];

/// Words that make a run an organisation.
const ORG_WORDS: &[&str] = &[
    "ministry",
    "government",
    "reserve",
    "bank",
    "agency",
    "company",
    "council",
    "committee",
    "party",
    "office",
    "department",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "network",
    "organization",
    "organisation",
    "union",
    "association",
    "institute",
    "university",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "group",
    "army",
    "forces",
    "command",
    "guard",
    "guards",
    "service",
    "services",
    "media",
    "radio",
    "television",
    "tv",
    "tribune",
    "herald",
    "daily",
    "independent",
    "commission",
    "court",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "pentagon",
    "kremlin",
    "consulting",
    "foundation",
    "fund",
    "authority",
    "authorities",
    "board",
    "bureau",
    "federation",
    "league",
    "movement",
    "front",
    "brigades",
    "reuters",
    "xinhua",
    "bloomberg",
    "cnn",
    "bbc",
    "house",
    "administration",
    "cabinet",
    "police",
    "navy",
    "embassy",
    "mission",
    "alliance",
    "coalition",
    "centre",
    "center",
    "club",
    "society",
    "trust",
    "holdings",
    "industries",
    "systems",
    "technologies",
    "electronics",
    "airlines",
    "channel",
    "gazette",
    "magazine",
    "monitor",
    "observatory",
    "program",
    "programme",
];

/// Words that make a run a place.
const PLACE_WORDS: &[&str] = &[
    "korea",
    "states",
    "kingdom",
    "strip",
    "republic",
    "island",
    "islands",
    "city",
    "province",
    "region",
    "peninsula",
    "sea",
    "ocean",
    "river",
    "valley",
    "county",
    "street",
    "square",
    "heights",
    "east",
    "africa",
    "america",
    "asia",
    "europe",
    "coast",
    "gulf",
    "mountains",
    "territory",
    "territories",
    "emirates",
    "zealand",
    "arabia",
];

/// Role nouns: "the spokesman said" refers back to a person.
const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "official",
    "officer",
    "chief",
    "head",
    "founder",
    "ceo",
    "director",
    "ambassador",
    "envoy",
    "leader",
    "premier",
    "chancellor",
    "secretary",
    "governor",
    "mayor",
    "senator",
    "lawmaker",
    "general",
    "commander",
    "chairman",
    "chairwoman",
    "chair",
    "executive",
    "manager",
    "prosecutor",
    "diplomat",
    "man",
    "woman",
    "analyst",
    "expert",
    "adviser",
    "advisor",
    "source",
    "policymaker",
    "host",
    "anchor",
    "columnist",
    "reporter",
    "writer",
    "professor",
    "scholar",
    "strategist",
    "consultant",
    "nominee",
    "candidate",
    "member",
    "aide",
    "veteran",
    "doctor",
    "lawyer",
    "researcher",
    "investigator",
    "activist",
    "resident",
    "witness",
    "observer",
    // People who speak online, described rather than named.
    "person",
    "people",
    "user",
    "poster",
    "commenter",
    "blogger",
    "influencer",
    "account",
];

/// Lower-case words that may describe an unnamed speaker.
const DESC_ADJ: &[&str] = &[
    "senior",
    "top",
    "former",
    "deputy",
    "chief",
    "military",
    "government",
    "foreign",
    "defense",
    "defence",
    "health",
    "security",
    "intelligence",
    "local",
    "regional",
    "state",
    "federal",
    "western",
    "police",
    "army",
    "ministry",
    "company",
    "hospital",
    "rescue",
    "civil",
    "israeli",
    "russian",
    "american",
];

/// Organisation nouns: "the company said" refers back to an organisation.
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "ministry",
    "government",
    "statement",
    "group",
    "agency",
    "organisation",
    "organization",
    "movement",
    "bank",
    "office",
    "department",
    "militia",
    "party",
    "army",
    "military",
    "embassy",
    "administration",
    "authorities",
    "broadcaster",
    "newspaper",
    "outlet",
    "website",
    "council",
    "committee",
    "manufacturer",
    "maker",
    "spokesperson's office",
    "presidency",
    "cabinet",
    "report",
    "release",
];

const PREPS: &[&str] = &[
    "in",
    "of",
    "at",
    "from",
    "to",
    "for",
    "with",
    "by",
    "on",
    "near",
    "into",
    "against",
    "under",
    "over",
    "about",
    "across",
    "toward",
    "towards",
    "between",
    "among",
    "within",
    "outside",
    "inside",
    "through",
    "via",
    "after",
    "before",
    "during",
    "since",
    "like",
    "than",
    "including",
    "onto",
    "upon",
    "behind",
    "beyond",
    "throughout",
];

/// What a body publishes: "according to an EPA release" credits the body.
const DOCUMENT_NOUNS: &[&str] = &[
    "release",
    "statement",
    "report",
    "website",
    "filing",
    "memo",
    "letter",
    "notice",
    "bulletin",
    "advisory",
    "document",
    "post",
    "update",
];

fn lower(w: &str) -> String {
    w.to_lowercase()
}

fn is_cap_word(w: &str) -> bool {
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
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect::<String>()
        .to_lowercase()
}

/// Builds the name runs of a sentence.
fn sentence_runs(text: &str, s: &Sentence, quotes: &[Span], out: &mut Vec<Run>) {
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
fn is_headline(toks: &[Tok<'_>]) -> bool {
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
    words.len() >= 4 && caps * 10 >= words.len() * 8
}

fn is_lowercase_word(t: Option<&Tok<'_>>) -> bool {
    t.is_some_and(|t| t.word.chars().next().is_some_and(char::is_lowercase))
}

/// Nouns a national or organisation name often modifies.
const GENERIC_NOUNS: &[&str] = &[
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
fn strip_titles<'a>(words: &[&'a str]) -> Option<Vec<&'a str>> {
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
static VERB: LazyLock<Regex> = LazyLock::new(|| {
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
fn pronoun_kind(w: &str) -> Option<Kind> {
    match w.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" => Some(Kind::Person),
        "it" | "they" | "them" => Some(Kind::Org),
        _ => None,
    }
}

/// Document-wide context for attribution.
struct Ctx<'a> {
    text: &'a str,
    sentences: &'a [Sentence],
    /// Name runs in document order.
    runs: Vec<Run>,
    /// Folded single name → full person name ("kovacs" → "Zoltan Kovacs").
    full_names: HashMap<String, String>,
    /// Quote spans, to mask quoted words out of attribution windows.
    spans: Vec<Span>,
    /// The kind of each name found.
    kinds: HashMap<String, Kind>,
    /// Mentions in text order.
    sorted_mentions: Vec<&'a Mention>,
}

/// A speaker found for a quote.
#[derive(Debug, Clone)]
struct Found {
    speaker: Option<String>,
    verb: Option<String>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, sentences: &'a [Sentence], mentions: &'a [Mention]) -> Self {
        let spans = find_spans(text, sentences);
        let mut runs = Vec::new();
        for s in sentences {
            sentence_runs(text, s, &spans, &mut runs);
        }
        runs.sort_by_key(|r| r.start);
        let mut sorted_mentions: Vec<&Mention> = mentions.iter().collect();
        sorted_mentions.sort_by_key(|m| m.start);
        // Mentions decide the kind and canonical name where they cover a run.
        for run in &mut runs {
            let upto = sorted_mentions.partition_point(|m| m.start <= run.start);
            // A covering mention starts at or before the run; mentions are
            // short, so a few steps back suffice.
            if let Some(m) = sorted_mentions[..upto]
                .iter()
                .rev()
                .take(8)
                .find(|m| run.end <= m.end)
            {
                run.kind = match m.kind {
                    // A role noun after the name is stronger evidence.
                    EntityKind::Person if run.kind == Kind::Org => Kind::Org,
                    EntityKind::Person => Kind::Person,
                    EntityKind::Org | EntityKind::Group => Kind::Org,
                    EntityKind::Place => Kind::Place,
                };
                run.name.clone_from(&m.canonical);
            }
        }
        // A name seen once as an organisation ("Gold Apollo head") is one
        // everywhere in the document.
        let orgs: std::collections::HashSet<String> = runs
            .iter()
            .filter(|r| r.kind == Kind::Org)
            .map(|r| r.name.clone())
            .collect();
        for run in &mut runs {
            if run.kind == Kind::Person && orgs.contains(&run.name) {
                run.kind = Kind::Org;
            }
        }
        let mut full_names: HashMap<String, String> = HashMap::new();
        for run in runs.iter().filter(|r| r.kind == Kind::Person) {
            let words: Vec<&str> = run.name.split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            let full = run.name.clone();
            if let Some(last) = words.last() {
                full_names.entry(fold(last)).or_insert_with(|| full.clone());
            }
            // East Asian names put the family name first ("Hsu Ching-kuang").
            full_names
                .entry(format!("^{}", fold(words[0])))
                .or_insert(full);
        }
        // Single words that are known surnames are persons.
        for run in &mut runs {
            if run.kind == Kind::Unknown
                && let Some(full) = lookup_full(&full_names, &run.name)
            {
                run.kind = Kind::Person;
                run.name = full;
            }
        }
        let mut kinds = HashMap::new();
        for run in &runs {
            kinds.entry(run.name.clone()).or_insert(run.kind);
        }
        Ctx {
            text,
            sentences,
            runs,
            full_names,
            kinds,
            spans,
            sorted_mentions,
        }
    }

    /// The runs that start in `[a, b)`.
    fn runs_in(&self, a: usize, b: usize) -> &[Run] {
        let lo = self.runs.partition_point(|r| r.start < a);
        let hi = self.runs.partition_point(|r| r.start < b).max(lo);
        &self.runs[lo..hi]
    }

    /// The sentence with this index.
    fn sentence(&self, index: usize) -> Option<&'a Sentence> {
        let sentences: &'a [Sentence] = self.sentences;
        sentences
            .get(index)
            .filter(|s| s.index == index)
            .or_else(|| sentences.iter().find(|s| s.index == index))
    }

    /// The sentence holding byte offset `pos`.
    fn sentence_at(&self, pos: usize) -> Option<&'a Sentence> {
        let sentences: &'a [Sentence] = self.sentences;
        let i = sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)?;
        sentences.get(i).filter(|s| pos <= s.end)
    }

    /// The kind of an already-resolved speaker name.
    fn kind_of_name(&self, name: &str) -> Kind {
        self.kinds.get(name).copied().map_or(
            if name.contains(' ') {
                Kind::Person
            } else {
                Kind::Unknown
            },
            |k| k,
        )
    }

    /// Canonical form of a speaker name found in a run.
    fn canonical(&self, run: &Run) -> String {
        if run.kind == Kind::Person && !run.name.contains(' ') {
            return lookup_full(&self.full_names, &run.name).unwrap_or_else(|| run.name.clone());
        }
        run.name.clone()
    }

    /// Builds the quote for one span, or `None` when it is not a quotation.
    fn attribute(&self, span: &Span, last: Option<&(usize, String, Kind, usize)>) -> Option<Quote> {
        let text = self.text;
        let raw = text.get(span.inner_start..span.inner_end)?;
        let trimmed_start = span.inner_start + (raw.len() - raw.trim_start().len());
        let mut body = raw.trim();
        if let Some(b) = body.strip_suffix(',') {
            body = b.trim_end();
        }
        if body.is_empty() {
            return None;
        }
        let words = body.split_whitespace().count();
        let sent = self.sentence(span.sentence)?;

        // The writer's words before the quote, in its sentence.
        let before_start = self.clause_start(sent.start, span.open);
        let before = self.masked(before_start, span.open);
        let before_trim = before
            .trim()
            .trim_start_matches(['•', '-', '–', '—', '*'])
            .trim();
        let before_empty = before_trim.is_empty();

        // Scare quotes on names and titles of things.
        if words <= 4
            && ((before_empty_or_prep(before_trim) && !reported_clause(before_trim))
                || names_a_term(before_trim)
                || (is_title_case(body) && !before_empty && !ends_with_reporting(before_trim)))
        {
            return None;
        }

        let after = self.after_attribution(span);
        let mut partial = false;
        let mut found: Option<Found>;
        if before_empty {
            found = after;
            if found.is_none() {
                found = self.intro_in_previous_sentence(sent, span);
            }
            // A quote standing alone continues the last quote of its
            // paragraph, else goes to the person this paragraph is about,
            // else continues the previous paragraph's quote.
            let last_here = last.filter(|(para, ..)| *para == span.paragraph);
            let before = self.previous_paragraph(span.paragraph);
            let last_before = last.filter(|(para, ..)| Some(*para) == before);
            if found.is_none()
                && let Some((_, name, _, _)) = last_here
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
            if found.is_none()
                && let Some(name) = self.recent(span.open, Kind::Person, span.paragraph)
            {
                found = Some(Found {
                    speaker: Some(name),
                    verb: None,
                });
            }
            if found.is_none()
                && let Some((_, name, _, _)) = last_before
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
            // A quote paragraph right after "The agency said the rules …":
            // the source of that reporting clause goes on speaking.
            if found.is_none()
                && let Some(p) = before
                && let Some(prev) = self
                    .sentences
                    .iter()
                    .rev()
                    .find(|x| x.paragraph == p && !x.boilerplate)
                && let Some(f) = self.before_attribution(prev.start, prev.end, p)
                && f.speaker.is_some()
            {
                found = Some(Found {
                    speaker: f.speaker,
                    verb: None,
                });
            }
            if found.is_none() && words >= 5 {
                let speaker =
                    self.recent(span.open, Kind::Person, span.paragraph.saturating_sub(2));
                found = speaker.map(|s| Found {
                    speaker: Some(s),
                    verb: None,
                });
            }
        } else {
            let intro = is_introducer(before_trim);
            partial = !intro;
            found = self.before_attribution(before_start, span.open, span.paragraph);
            if found.as_ref().is_none_or(|f| f.speaker.is_none())
                && let Some(a) = after
            {
                found = Some(a);
            }
            // A fragment with no reporting verb right after a quote of the
            // same paragraph ("But now "…"") continues that speaker.
            if found.is_none()
                && let Some((para, name, _, _)) = last
                && *para == span.paragraph
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
        }
        let found = found.unwrap_or(Found {
            speaker: None,
            verb: None,
        });
        if found.speaker.is_none() && words <= 4 {
            return None;
        }
        let start = trimmed_start;
        Some(Quote {
            sentence: span.sentence,
            start,
            end: start + body.len(),
            text: body.to_string(),
            speaker: found.speaker,
            verb: found.verb,
            partial,
        })
    }

    /// Start of the clause holding `pos`: the sentence start, or a later
    /// sentence end (`. ` not recognised by the splitter).
    fn clause_start(&self, sent_start: usize, pos: usize) -> usize {
        let Some(s) = self.text.get(sent_start..pos) else {
            return pos;
        };
        static END: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"(\S*)[.!?]["”’]?\s+"#).expect("valid regex"));
        END.captures_iter(s)
            .filter(|c| {
                // "U.S. ", "Mr. ", "H. " are abbreviations, not sentence ends.
                let word = c.get(1).map_or("", |w| w.as_str());
                let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
                word.is_empty() || !is_abbrev(word)
            })
            .last()
            .and_then(|c| c.get(0))
            .map_or(sent_start, |m| sent_start + m.end())
    }

    /// `text[a..b]` with quoted words blanked out (same byte offsets).
    fn masked(&self, a: usize, b: usize) -> String {
        let Some(s) = self.text.get(a..b) else {
            return String::new();
        };
        let mut out = s.to_string();
        let first = self.spans.partition_point(|q| q.close_end <= a);
        for q in self.spans[first..].iter().take_while(|q| q.open < b) {
            let (qa, qb) = (q.open.max(a), q.close_end.min(b));
            if qa < qb && self.text.is_char_boundary(qa) && self.text.is_char_boundary(qb) {
                out.replace_range(qa - a..qb - a, &" ".repeat(qb - qa));
            }
        }
        out
    }

    /// `"…," X said` / `"…," said X` / `"…" — X` after the closing mark.
    fn after_attribution(&self, span: &Span) -> Option<Found> {
        if !span.closed {
            return None;
        }
        let sent = self
            .sentence_at(span.close_end)
            .filter(|s| !s.boilerplate)?;
        let mut end = sent.end;
        // The splitter may cut after "Ms." or "Gov.": go on into the next
        // sentence of the paragraph.
        for idx in sent.index..sent.index + 2 {
            let ends_abbrev = self
                .text
                .get(span.close_end.min(end)..end)
                .is_some_and(|t| {
                    t.split_whitespace()
                        .next_back()
                        .and_then(|w| w.strip_suffix('.'))
                        .is_some_and(|w| {
                            is_abbrev(w.trim_start_matches(|c: char| !c.is_alphanumeric()))
                        })
                });
            let Some(next) = self
                .sentences
                .get(idx + 1)
                .filter(|n| n.paragraph == sent.paragraph)
            else {
                break;
            };
            if !ends_abbrev {
                break;
            }
            end = next.end;
        }
        // Stop at the next quote.
        if let Some(next) = self
            .spans
            .get(self.spans.partition_point(|q| q.open < span.close_end))
        {
            end = end.min(next.open);
        }
        let mut a = span.close_end;
        let mut s = self.text.get(a..end)?;
        if s.trim()
            .trim_matches(|c: char| c.is_ascii_punctuation())
            .is_empty()
        {
            // `."` ended the sentence: a short next sentence may be `X said.`
            let next = self
                .sentence(sent.index + 1)
                .filter(|n| n.paragraph == sent.paragraph)?;
            if next.text.split_whitespace().count() > 12 {
                return None;
            }
            a = next.start;
            s = self.text.get(next.start..next.end)?;
        }
        let lead = s.len()
            - s.trim_start_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
                .len();
        let rest = &s[lead..];
        // Dash attribution: `"…" — Name`.
        if let Some(r) = rest
            .strip_prefix('—')
            .or_else(|| rest.strip_prefix('―'))
            .or_else(|| rest.strip_prefix('–'))
            .or_else(|| rest.strip_prefix("- "))
        {
            let base = a + lead + (rest.len() - r.len());
            let run = self
                .runs_in(base, base + 40)
                .iter()
                .find(|x| !x.in_quote && !x.modifier && x.kind != Kind::Place)?;
            return Some(Found {
                speaker: Some(self.canonical(run)),
                verb: None,
            });
        }
        let Some(m) = VERB.find(rest) else {
            return self.name_then_unknown_verb(a + lead, a + lead + rest.len());
        };
        // The verb must come early, and not introduce the next quote.
        // A clause that opens with a name may carry long appositives
        // ("Scott Pruitt, the attorney general of Oklahoma, one of …, said").
        let opens_with_name = self
            .runs_in(a + lead, end)
            .iter()
            .find(|r| !r.in_quote)
            .is_some_and(|r| {
                self.text
                    .get(a + lead..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 3)
            });
        let limit = if opens_with_name { 28 } else { 14 };
        if rest[..m.start()].split_whitespace().count() > limit {
            return None;
        }
        let after_verb = rest[m.end()..].trim_start();
        if after_verb.starts_with(['"', '“', '‘'])
            || m.as_str().ends_with(" as") && after_verb.is_empty()
        {
            return None;
        }
        let vstart = a + lead + m.start();
        let vend = a + lead + m.end();
        let verb = verb_text(m.as_str(), &self.text[vend..end.max(vend)]);
        if m.start() == 0
            || m.as_str().starts_with("ccording")
            || m.as_str().starts_with("According")
        {
            // Verb first: `said Hussein Khalil, senior official`.
            let speaker = self.subject_after(vend, end, span.paragraph);
            return Some(Found {
                speaker,
                verb: Some(verb),
            });
        }
        // `"…," Scott Pruitt, the attorney general of …, said`: a name that
        // opens the reporting clause is its subject.
        let head_end = rest[..m.start()]
            .find([',', ';'])
            .map_or(vstart, |i| a + lead + i);
        let opener = self
            .runs_in(a + lead, head_end)
            .iter()
            .rfind(|r| r.end <= head_end && r.subject_like())
            .filter(|r| {
                self.text
                    .get(a + lead..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 6)
            });
        let object_speaker = m.as_str().contains(" as saying") && !m.as_str().contains("quoted");
        let speaker = match opener {
            Some(r) if !object_speaker => Some(self.canonical(r)),
            _ => self.subject_before(a + lead, vstart, m.as_str(), span.paragraph),
        };
        speaker.as_ref()?;
        Some(Found {
            speaker,
            verb: Some(verb),
        })
    }

    /// `X said: "…"`, `X said the move was "a significant escalation"`.
    fn before_attribution(&self, a: usize, b: usize, para: usize) -> Option<Found> {
        let window = self.masked(a, b);
        let Some(m) = VERB.find_iter(&window).last() else {
            return self.name_before_colon(a, b, &window);
        };
        let vstart = a + m.start();
        let vend = a + m.end();
        let verb = verb_text(m.as_str(), &window[m.end()..]);
        let v = m.as_str();
        // Inverted: "Said Ellis: "…"", or a quote interrupted by its
        // attribution: ""…," said Amal Haddad, a farmer, "…"".
        if window[..m.start()].trim().is_empty()
            && !v.starts_with("According")
            && !v.starts_with("according")
        {
            return Some(Found {
                speaker: self.subject_after(vend, b, para),
                verb: Some(verb.to_lowercase()),
            });
        }
        if v.starts_with("ccording") || v.starts_with("According") {
            let stop = window[m.end()..].find([',', ';']).map_or(b, |i| vend + i);
            return Some(Found {
                speaker: self.subject_after(vend, stop, para),
                verb: Some(verb),
            });
        }
        let speaker = if v.ends_with("ing") || v.contains("ing ") {
            // A participle ("…, calling it"): the subject of the finite
            // reporting verb before it, else the sentence's first name.
            let head = &window[..m.start()];
            match VERB
                .find_iter(head)
                .filter(|x| !x.as_str().ends_with("ing"))
                .last()
            {
                Some(f) => self.subject_before(a, a + f.start(), f.as_str(), para),
                None => self
                    .runs_in(a, vstart)
                    .iter()
                    .find(|r| r.end <= vstart && r.subject_like() && !is_intermediary(self.text, r))
                    .map(|r| self.canonical(r))
                    .or_else(|| {
                        // "She was heard saying, "…"": a pronoun subject
                        // opening the clause stands for the last person named.
                        let first = head.split_whitespace().next()?;
                        let kind = pronoun_kind(first.trim_matches(|c: char| !c.is_alphabetic()))?;
                        self.resolve_pronoun(a, kind, para)
                    }),
            }
        } else {
            self.subject_before(a, vstart, v, para)
        };
        Some(Found {
            speaker,
            verb: Some(verb),
        })
    }

    /// The person whose name opens the clause `[a, b)`, after at most three
    /// words (titles, an organisation: "IOC spokesman Ann Lee").
    fn opening_person(&self, a: usize, b: usize) -> Option<&Run> {
        self.runs_in(a, b).iter().find(|r| {
            r.kind == Kind::Person
                && r.subject_like()
                && self
                    .text
                    .get(a..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 3)
        })
    }

    /// `"…," IOC spokesman Ann Lee lectured.`: a reporting clause whose verb
    /// the lexicon does not know. A person's name opens it and one
    /// past-tense word closes it, which is the shape of an attribution
    /// whatever the verb.
    fn name_then_unknown_verb(&self, a: usize, b: usize) -> Option<Found> {
        let run = self.opening_person(a, b)?;
        let mut words = self.text.get(run.end..b)?.split_whitespace();
        let verb = words.next()?;
        let bare = verb.trim_end_matches(['.', ',', ';', '!']);
        let closes = bare.len() < verb.len() || words.next().is_none();
        (closes
            && bare.len() > 4
            && bare.ends_with("ed")
            && bare.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| Found {
            speaker: Some(self.canonical(run)),
            verb: Some(bare.to_string()),
        })
    }

    /// `IOC President Ann Lee doubled down: "…"`: a clause that ends with a
    /// colon right before the quote, opened by a person's name and closed by
    /// a short verb phrase the lexicon does not know.
    fn name_before_colon(&self, a: usize, b: usize, window: &str) -> Option<Found> {
        if !window.trim_end().ends_with(':') {
            return None;
        }
        let run = self.opening_person(a, b)?;
        let tail = self
            .text
            .get(run.end..b)?
            .trim()
            .trim_end_matches(':')
            .trim();
        let n = tail.split_whitespace().count();
        let lower_start = tail.chars().next().is_some_and(char::is_lowercase);
        ((1..=4).contains(&n) && lower_start).then(|| Found {
            speaker: Some(self.canonical(run)),
            verb: None,
        })
    }

    /// A sentence that ends with `said:` right before a quote standing alone.
    fn intro_in_previous_sentence(&self, sent: &Sentence, span: &Span) -> Option<Found> {
        let prev = self
            .sentence(sent.index.checked_sub(1)?)
            .filter(|s| !s.boilerplate)?;
        if prev.paragraph + 1 < span.paragraph || !prev.text.trim_end().ends_with(':') {
            return None;
        }
        let start = self.clause_start(prev.start, prev.end);
        self.before_attribution(start, prev.end, prev.paragraph)
    }

    /// The speaker named right before a reporting verb at `v`, looking back
    /// no further than `a`: comma-separated segments are tried from the verb
    /// backwards, so appositives ("Powell, the Fed chair, said") are skipped.
    fn subject_before(&self, a: usize, v: usize, verb: &str, para: usize) -> Option<String> {
        let window = self.masked(a, v);
        // "reported him as saying": the pronoun object is the speaker.
        if verb.contains(" as saying") && !verb.contains("quoted") || verb.starts_with("quoting") {
            let p = verb.split(' ').nth(1).unwrap_or("");
            return pronoun_kind(p).and_then(|k| self.resolve_pronoun(a, k, para));
        }
        let mut seg_end = window.len();
        let mut fallback = None;
        for (n, seg_start) in window
            .char_indices()
            .filter(|&(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–'))
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .chain(std::iter::once(0))
            .enumerate()
        {
            if n > 4 || seg_start > seg_end {
                break;
            }
            let seg = &window[seg_start..seg_end];
            let (sa, sb) = (a + seg_start, a + seg_end);
            seg_end = seg_start.saturating_sub(1);
            while seg_end > 0 && !window.is_char_boundary(seg_end) {
                seg_end -= 1;
            }
            if seg.trim().is_empty() {
                continue;
            }
            let seg_toks = tokens(seg, sa);
            // A relative clause: the antecedent speaks when the clause holds
            // the verb ("experts, who analysed … and determined"); set off by
            // commas it only describes ("Mulgrew, …, which represents …, said").
            let relative = seg_toks.first().map(|t| lower(t.word));
            if matches!(
                relative.as_deref(),
                Some("who" | "which" | "whose" | "whom")
            ) {
                if sb == a + window.len() && relative.as_deref() == Some("who") {
                    return self.antecedent(a, sa, para);
                }
                continue;
            }
            let det_first = sb != a + window.len()
                && seg_toks.first().is_some_and(|t| {
                    matches!(
                        lower(t.word).as_str(),
                        "a" | "an" | "the" | "his" | "her" | "its" | "their"
                    )
                });
            let words_between =
                |x: usize, y: usize| self.masked(x.min(y), y).split_whitespace().count();
            if let Some(run) = self.runs_in(sa, sb).iter().rev().find(|r| {
                // In a description ("a top Trump surrogate") a name that is
                // not its last word only modifies it.
                r.end <= sb && r.subject_like() && !(det_first && words_between(r.end, sb) > 0)
            }) {
                // Far from the verb, past other words ("Clinton … stressed
                // her support of the raid that killed Osama bin Laden … and
                // said"), the nearest name is an object: the clause opens
                // with its subject.
                if n <= 1
                    && words_between(run.end, v) > 4
                    && let Some(first) = self.runs_in(a, run.start).iter().find(|r| {
                        r.end <= run.start && r.subject_like() && !is_intermediary(self.text, r)
                    })
                {
                    return Some(self.canonical(first));
                }
                return Some(self.canonical(run));
            }
            let toks = seg_toks;
            if let Some((t, k)) = toks
                .iter()
                .rev()
                .find_map(|t| pronoun_kind(t.word).map(|k| (t, k)))
            {
                if k == Kind::Person
                    && let Some(desc) = self.description_before(t.start)
                {
                    return Some(desc);
                }
                return self.resolve_pronoun(t.start, k, para);
            }
            // A description ("the former director of the CIA") may be an
            // appositive of a name further back: keep looking.
            let first = toks.first().map(|t| lower(t.word));
            let descriptive = first.as_deref().is_some_and(|w| {
                matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                        // Adverbials between subject and verb: "at a later
                        // press gaggle", "speaking on Monday".
                        || PREPS.contains(&w)
                        || w.ends_with("ly")
                        || w.ends_with("ing")
            }) || toks.len() <= 1
                || toks.first().is_some_and(|t| t.possessive)
                || toks
                    .iter()
                    .any(|t| TITLES.contains(&lower(t.word.trim_end_matches('.')).as_str()));
            if let Some(name) = self.nominal(&toks, sa, para) {
                if descriptive && seg_start > 0 {
                    fallback.get_or_insert(name);
                    continue;
                }
                return Some(name);
            }
            if !descriptive && n > 0 {
                break;
            }
        }
        fallback
    }

    /// The speaker named after a verb (`said Hussein Khalil, senior official`,
    /// `according to NPR`), up to the next comma or sentence end.
    fn subject_after(&self, a: usize, b: usize, para: usize) -> Option<String> {
        let s = self.text.get(a..b)?;
        // Up to the first comma, parenthesis or sentence end ("Rep." and
        // "G.K." do not end it).
        let toks = tokens(s, a);
        let stop = toks
            .iter()
            .position(|t| t.breaks_after || t.breaks_before)
            .map_or(s.len(), |i| {
                if toks[i].breaks_before && i > 0 {
                    toks[i - 1].end - a
                } else {
                    toks[i].end - a
                }
            });
        let seg_end = a + stop;
        if let Some(run) = self
            .runs_in(a, seg_end)
            .iter()
            .find(|r| r.end <= seg_end && !r.in_quote && !r.modifier && r.kind != Kind::Place)
        {
            return Some(self.canonical(run));
        }
        // "according to an EPA release": the body whose document it is.
        if let Some(run) = self.runs_in(a, seg_end).iter().find(|r| {
            r.end <= seg_end
                && !r.in_quote
                && r.modifier
                && r.kind != Kind::Place
                && r.kind != Kind::Person
                && self
                    .text
                    .get(r.end..seg_end)
                    .and_then(|rest| rest.split_whitespace().next())
                    .is_some_and(|w| {
                        DOCUMENT_NOUNS
                            .contains(&lower(w.trim_end_matches(['.', ',', ';'])).as_str())
                    })
        }) {
            return Some(self.canonical(run));
        }
        let toks = tokens(&s[..stop], a);
        if let Some(k) = toks.first().and_then(|t| pronoun_kind(t.word)) {
            return self.resolve_pronoun(a, k, para);
        }
        self.nominal(&toks, a, para)
    }

    /// A role or organisation noun phrase ("the spokesman", "the company",
    /// "The Hungarian government"): the most recent person or organisation,
    /// or the phrase itself when a capitalised word makes it a name.
    fn nominal(&self, toks: &[Tok<'_>], at: usize, para: usize) -> Option<String> {
        // The head noun is the last word of a short phrase.
        let toks: Vec<&Tok<'_>> = toks
            .iter()
            .filter(|t| {
                !matches!(
                    lower(t.word).as_str(),
                    "also" | "later" | "earlier" | "has" | "had" | "have" | "then"
                )
            })
            .collect();
        // Adverbials after the head ("on Wednesday", "in a statement").
        let cut = toks
            .iter()
            .skip(1)
            .position(|t| PREPS.contains(&lower(t.word).as_str()))
            .map_or(toks.len(), |i| i + 1);
        // "a spokesperson for the Red Cross": a named affiliation after the
        // head makes the phrase a description of its own.
        let affiliation_end = toks
            .get(cut)
            .filter(|t| {
                matches!(
                    lower(t.word).as_str(),
                    "for" | "from" | "of" | "at" | "with"
                )
            })
            .and_then(|_| {
                let rest = &toks[cut + 1..];
                let skip = usize::from(rest.first().is_some_and(|t| lower(t.word) == "the"));
                let caps = rest[skip.min(rest.len())..]
                    .iter()
                    .take(5)
                    .take_while(|t| is_cap_word(t.word))
                    .count();
                (caps > 0).then(|| rest[skip + caps - 1].end)
            });
        let toks = &toks[..cut];
        if toks.is_empty() || toks.len() > 6 {
            return None;
        }
        let head = lower(toks[toks.len() - 1].word);
        if toks[0].possessive
            && toks[0].word.starts_with(char::is_uppercase)
            && (ORG_NOUNS.contains(&head.as_str()) || PERSON_NOUNS.contains(&head.as_str()))
        {
            // "Russia's foreign ministry", "Israel's U.N. ambassador".
            return self
                .text
                .get(toks[0].start..toks[toks.len() - 1].end)
                .map(str::to_string);
        }
        let det = lower(toks[0].word);
        let has_cap = toks
            .iter()
            .skip(1)
            .any(|t| t.word.chars().next().is_some_and(char::is_uppercase));
        if ORG_NOUNS.contains(&head.as_str()) {
            if has_cap && matches!(det.as_str(), "the") && head != "statement" {
                let first = toks[1].start;
                let last = toks[toks.len() - 1].end;
                return self.text.get(first..last).map(str::to_string);
            }
            if matches!(det.as_str(), "the" | "a" | "its" | "his" | "her" | "their")
                || toks.len() <= 2
            {
                return self.recent(at, Kind::Org, para.saturating_sub(2));
            }
        }
        let singular = head.strip_suffix('s').unwrap_or(&head);
        if PERSON_NOUNS.contains(&head.as_str()) || PERSON_NOUNS.contains(&singular) {
            if matches!(det.as_str(), "the" | "his" | "her" | "its" | "their")
                && toks.len() <= 3
                && affiliation_end.is_none()
            {
                return self.recent(at, Kind::Person, para.saturating_sub(2));
            }
            // An unnamed speaker: "a senior official", "two diplomats". A
            // capitalised head is a title in an appositive, not a speaker.
            if toks[toks.len() - 1].word.starts_with(char::is_uppercase) {
                return None;
            }
            let skip = usize::from(matches!(det.as_str(), "a" | "an" | "the"));
            let first = toks.get(skip)?.start;
            let end = affiliation_end.unwrap_or(toks[toks.len() - 1].end);
            return self.text.get(first..end).map(str::to_string);
        }
        None
    }

    /// The name or person noun that ends the text between `a` and `b`
    /// (the antecedent of a relative "who").
    fn antecedent(&self, a: usize, b: usize, para: usize) -> Option<String> {
        let window = self.masked(a, b);
        let body = window.trim_end().trim_end_matches(',');
        let end = a + body.len();
        if let Some(run) = self
            .runs_in(a, end)
            .iter()
            .rev()
            .find(|r| r.end <= end && !r.in_quote)
            && end - run.end <= 1
        {
            return Some(self.canonical(run));
        }
        let toks = tokens(body, a);
        let last = toks.last()?;
        let w = lower(last.word);
        let singular = w.strip_suffix('s').unwrap_or(&w);
        if !(PERSON_NOUNS.contains(&w.as_str()) || PERSON_NOUNS.contains(&singular)) {
            return self.nominal(&toks[toks.len().saturating_sub(3)..], a, para);
        }
        let mut first = toks.len() - 1;
        while first > 0 && toks.len() - first < 3 {
            let t = &toks[first - 1];
            let w = lower(t.word);
            let function_word = PREPS.contains(&w.as_str())
                || matches!(
                    w.as_str(),
                    "a" | "an" | "the" | "and" | "or" | "also" | "has" | "had" | "have"
                );
            if t.breaks_after || function_word || w.ends_with("ed") || w.ends_with("ing") {
                break;
            }
            first -= 1;
        }
        self.text
            .get(toks[first].start..last.end)
            .map(str::to_string)
    }

    /// An unnamed person described in the sentence before a pronoun at
    /// `pos` ("asked Israel's U.N. ambassador …, he said"), when no person is
    /// named there.
    fn description_before(&self, pos: usize) -> Option<String> {
        let sent = self.sentence_at(pos)?;
        if self
            .runs_in(sent.start, pos)
            .iter()
            .any(|r| r.end <= pos && r.kind == Kind::Person && !r.in_quote)
        {
            return None;
        }
        let window = self.masked(sent.start, pos);
        let toks = tokens(&window, sent.start);
        let i = toks.iter().rposition(|t| {
            let w = lower(t.word);
            PERSON_NOUNS.contains(&w.as_str()) && !t.word.starts_with(char::is_uppercase)
        })?;
        if toks
            .get(i + 1)
            .is_some_and(|n| is_cap_word(n.word) && !toks[i].breaks_after)
        {
            return None; // a title before a name
        }
        let mut first = i;
        while first > 0 && i - first < 3 {
            let t = &toks[first - 1];
            let w = lower(t.word);
            let keep = !t.breaks_after || t.possessive;
            if !keep || matches!(w.as_str(), "a" | "an" | "the") {
                break;
            }
            if t.word.starts_with(char::is_uppercase)
                || t.possessive
                || DESC_ADJ.contains(&w.as_str())
            {
                first -= 1;
            } else {
                break;
            }
        }
        self.text
            .get(toks[first].start..toks[i].end)
            .map(str::to_string)
    }

    /// The antecedent of a pronoun at `pos` in paragraph `para`: the most
    /// recent name of its kind in this paragraph or the previous one, or
    /// further back while the paragraphs in between go on about the same
    /// person ("He praised …" / "He further noted …").
    fn resolve_pronoun(&self, pos: usize, kind: Kind, para: usize) -> Option<String> {
        let mut min_para = para.saturating_sub(1);
        loop {
            if let Some(name) = self.recent(pos, kind, min_para) {
                return Some(name);
            }
            if min_para == 0 || para - min_para >= 4 || !self.paragraph_continues(min_para) {
                return None;
            }
            min_para -= 1;
        }
    }

    /// Paragraph `p` opens with a pronoun or a role noun as its subject.
    /// The paragraph before `p` that holds text, passing over boilerplate
    /// (a photo caption between two paragraphs of one speaker's quotes).
    fn previous_paragraph(&self, p: usize) -> Option<usize> {
        let at = self.sentences.partition_point(|s| s.paragraph < p);
        self.sentences[..at]
            .iter()
            .rev()
            .find(|s| !s.boilerplate)
            .map(|s| s.paragraph)
    }

    fn paragraph_continues(&self, p: usize) -> bool {
        let i = self.sentences.partition_point(|s| s.paragraph < p);
        let Some(first) = self.sentences.get(i).filter(|s| s.paragraph == p) else {
            return false;
        };
        let mut words = first.text.split_whitespace().map(lower);
        match words.next().as_deref() {
            Some("he" | "she" | "they" | "it") => true,
            Some("the") => words.next().is_some_and(|w| {
                PERSON_NOUNS.contains(&w.as_str()) || ORG_NOUNS.contains(&w.as_str())
            }),
            _ => false,
        }
    }

    /// The most recent subject-like name of `kind` before `pos`, no earlier
    /// than paragraph `min_para`.
    fn recent(&self, pos: usize, kind: Kind, min_para: usize) -> Option<String> {
        let upto = self.runs.partition_point(|r| r.start < pos);
        self.runs[..upto]
            .iter()
            .rev()
            .take_while(|r| r.paragraph >= min_para)
            .find(|r| {
                let kind_ok = match kind {
                    Kind::Person => r.kind == Kind::Person,
                    _ => matches!(r.kind, Kind::Org | Kind::Unknown),
                };
                // Organisations are often named as modifiers ("Gold Apollo head").
                kind_ok
                    && !r.in_quote
                    && (!r.after_prep || r.agent && kind == Kind::Person)
                    && (!r.modifier || kind == Kind::Org && !r.name.is_empty())
            })
            .map(|r| self.canonical(r))
            .or_else(|| {
                // A mention with the right kind, when the entity finder saw more.
                let upto = self.sorted_mentions.partition_point(|m| m.start < pos);
                self.sorted_mentions[..upto]
                    .iter()
                    .rev()
                    .take_while(|m| {
                        self.sentence(m.sentence)
                            .is_some_and(|s| s.paragraph >= min_para)
                    })
                    .find(|m| match kind {
                        Kind::Person => m.kind == EntityKind::Person,
                        _ => m.kind == EntityKind::Org,
                    })
                    .map(|m| m.canonical.clone())
            })
    }
}

fn lookup_full(full: &HashMap<String, String>, single: &str) -> Option<String> {
    let f = fold(single);
    full.get(&f).or_else(|| full.get(&format!("^{f}"))).cloned()
}

/// A name followed by "reported that" / "said that" passes on someone
/// else's words.
fn is_intermediary(text: &str, r: &Run) -> bool {
    text.get(r.end..).is_some_and(|s| {
        let s = s.trim_start();
        ["reported", "reports", "cited", "quoted"]
            .iter()
            .any(|v| s.starts_with(v))
    })
}

/// The verb as written, with the object of "told" when it is "reporters".
fn verb_text(m: &str, _after: &str) -> String {
    m.trim().to_string()
}

/// `X said:` / `X said,` / `X told Sky News:` right before the quote.
fn is_introducer(before: &str) -> bool {
    let b = before.trim_end();
    if !(b.ends_with(':') || b.ends_with(',')) {
        return false;
    }
    let b = b.trim_end_matches([':', ',']);
    // The reporting verb is within the last few words.
    let tail: Vec<&str> = b.split_whitespace().rev().take(8).collect();
    let tail: String = tail.into_iter().rev().collect::<Vec<_>>().join(" ");
    VERB.find_iter(&tail)
        .last()
        .is_some_and(|m| tail[m.end()..].split_whitespace().count() <= 6)
}

/// The words before a quote hold a reporting verb with a "that" clause
/// ("highlighted that BAC was involved in 'trade mediation'"): a quote there
/// reports the speaker's words even after a preposition.
fn reported_clause(before: &str) -> bool {
    VERB.find_iter(before)
        .any(|m| before[m.end()..].contains(" that "))
}

/// Every word capitalised ("Fox and Friends", "The Long Winter"): the title
/// of a work or a programme when quoted in running text.
fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "a" | "an" | "the" | "of" | "and" | "or" | "to" | "in" | "on" | "for" | "at"
            )
        })
        .collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// The words before a quote end with a reporting verb or "as"/"it"
/// ("called it "Fake News"").
fn ends_with_reporting(before: &str) -> bool {
    let b = before.trim_end().trim_end_matches([',', ':']);
    let last = b.split_whitespace().next_back().map(lower);
    last.as_deref()
        .is_some_and(|w| matches!(w, "as" | "it" | "them" | "him" | "her" | "this"))
        || VERB.find_iter(b).last().is_some_and(|m| m.end() == b.len())
}

/// True when a short quote follows "the word", "the term", "the slogan"...:
/// the words are mentioned, not quoted from anyone.
fn names_a_term(before: &str) -> bool {
    let last = before.split_whitespace().next_back().map(lower);
    last.as_deref().is_some_and(|w| {
        matches!(
            w,
            "word"
                | "words"
                | "term"
                | "terms"
                | "phrase"
                | "slogan"
                | "label"
                | "name"
                | "title"
                | "hashtag"
                | "nickname"
                | "headline"
                | "dubbed"
                | "named"
                | "titled"
                | "entitled"
        )
    })
}

/// True when the words before a short quote end with a preposition (and
/// maybe a determiner): the quote names a thing ("in the "pager issue"").
fn before_empty_or_prep(before: &str) -> bool {
    let words: Vec<String> = before.split_whitespace().rev().take(2).map(lower).collect();
    let is_det = |w: &str| {
        matches!(
            w,
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
        )
    };
    let is_prep = |w: &str| PREPS.contains(&w);
    match words.as_slice() {
        [w, ..] if is_prep(w) => true,
        [w, p, ..] if is_det(w) && is_prep(p) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_text::sentences::split;

    fn quotes(text: &str) -> Vec<Quote> {
        find(text, &split(text), &[])
    }

    fn one(text: &str) -> Quote {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:#?}");
        q.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn speaker(q: &Quote) -> &str {
        q.speaker.as_deref().unwrap_or("<none>")
    }

    #[test]
    fn quote_then_speaker_and_verb() {
        let q =
            one("\"We will rebuild every school that was destroyed,\" Maria Lopez said on Friday.");
        assert_eq!(q.text, "We will rebuild every school that was destroyed");
        assert_eq!(speaker(&q), "Maria Lopez");
        assert_eq!(q.verb.as_deref(), Some("said"));
        assert!(!q.partial);
    }

    #[test]
    fn offsets_point_at_the_quoted_words() {
        let text = "Rain fell. “The dam will hold,” engineer Tomas Berg said.";
        let q = one(text);
        assert_eq!(&text[q.start..q.end], q.text);
        assert_eq!(q.text, "The dam will hold");
        assert_eq!(q.sentence, 1);
        assert_eq!(speaker(&q), "Tomas Berg");
    }

    #[test]
    fn verb_before_speaker() {
        let q = one("\"The talks are over,\" said Hanna Weiss, a senior negotiator for the union.");
        assert_eq!(speaker(&q), "Hanna Weiss");
        assert_eq!(q.verb.as_deref(), Some("said"));
    }

    #[test]
    fn speaker_then_comma_or_colon_introducer() {
        let q = one("The mayor, Joan Okafor, said, \"Nobody will be left behind.\"");
        assert_eq!(speaker(&q), "Joan Okafor");
        assert_eq!(q.text, "Nobody will be left behind.");
        assert!(!q.partial);
        let q = one("Finance Minister Paulo Reis said: “The budget is balanced.”");
        assert_eq!(speaker(&q), "Paulo Reis");
        assert!(!q.partial);
    }

    #[test]
    fn a_quote_whose_opening_mark_was_dropped_after_another_quote() {
        let q = quotes(
            "Marie Dupont won the final in Lyon. “I trained every day,” Dupont said. “It was hard.”Thanks to everyone who came to support me.”",
        );
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert!(
            texts.contains(&"Thanks to everyone who came to support me."),
            "{q:#?}"
        );
        // A closing mark glued to a word with no closing mark after it
        // opens nothing.
        let q = quotes(
            "Marie Dupont lost in Lyon. “It was a hard fight tonight,”Dupont said, leaving the ring.",
        );
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].text, "It was a hard fight tonight", "{q:#?}");
    }

    #[test]
    fn a_pronoun_before_a_participle_of_saying_is_the_speaker() {
        let q = quotes(
            "Anna Rossi left the ring in tears after the referee stopped the bout. She was also heard saying, \"It's not fair.\"",
        );
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(speaker(&q[0]), "Anna Rossi");
    }

    #[test]
    fn told_an_outlet() {
        let q = one("“We saw the smoke from the harbour,” fisherman Ade Bello told the Guardian.");
        assert_eq!(speaker(&q), "Ade Bello");
        assert_eq!(q.verb.as_deref(), Some("told"));
        let q = one("\"Prices will keep rising,\" Lena Park told reporters in Seoul.");
        assert_eq!(q.verb.as_deref(), Some("told reporters"));
    }

    #[test]
    fn dash_attribution() {
        let q = one("“Every vote will be counted.” — Carla Nunes");
        assert_eq!(speaker(&q), "Carla Nunes");
    }

    #[test]
    fn appositive_after_the_name() {
        let q = one("\"Supply is tight,\" Robert Keane, the head of the port authority, said.");
        assert_eq!(speaker(&q), "Robert Keane");
        let q = one("\"Supply is tight,\" the port's director, Ines Alvarez, told the agency.");
        assert_eq!(speaker(&q), "Ines Alvarez");
    }

    #[test]
    fn titles_are_stripped() {
        let q = one(
            "“We are ready for any scenario,” Polish Defence Minister Jan Kowal told reporters.",
        );
        assert_eq!(speaker(&q), "Jan Kowal");
        let q = one("EU Foreign Policy Chief Anna Berg said the plan was “dead on arrival.”");
        assert_eq!(speaker(&q), "Anna Berg");
        let q =
            one("U.S. Secretary of State Dana Cole said it was “a turning point” for the region.");
        assert_eq!(speaker(&q), "Dana Cole");
    }

    #[test]
    fn according_to_with_a_quote() {
        let q = one(
            "The bridge will reopen in May, \"if the weather allows,\" according to the Transport Ministry.",
        );
        assert_eq!(speaker(&q), "Transport Ministry");
        assert!(
            q.verb
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case("according to"))
        );
    }

    #[test]
    fn referred_to_as_is_partial() {
        let q = one(
            "Governor Eli Strand has referred to the flooding as \"catastrophic,\" according to local media.",
        );
        assert_eq!(speaker(&q), "Eli Strand");
        assert_eq!(q.text, "catastrophic");
        assert!(q.partial);
        assert!(
            q.verb
                .as_deref()
                .is_some_and(|v| v.starts_with("referred to"))
        );
    }

    #[test]
    fn partial_quotes_in_the_writers_sentence() {
        let q = one(
            "Analyst Mira Sato told the Nikkei this is a sign that “markets are nervous,” as bond yields climbed.",
        );
        assert_eq!(speaker(&q), "Mira Sato");
        assert_eq!(q.text, "markets are nervous");
        assert!(q.partial);
        let q = one("Senator Paul Dunn said it would be “deeply unwise” to cut the funding.");
        assert_eq!(speaker(&q), "Paul Dunn");
        let q =
            one("Prime Minister Sara Holm condemned the rebels’ “reckless attacks on civilians.”");
        assert_eq!(speaker(&q), "Sara Holm");
        assert_eq!(q.text, "reckless attacks on civilians.");
        let q = one("The union chief, Omar Haddad, pledged \"full\" cooperation with the inquiry.");
        assert_eq!(speaker(&q), "Omar Haddad");
        assert_eq!(q.text, "full");
    }

    #[test]
    fn two_partial_quotes_in_one_sentence() {
        let q = quotes(
            "Mayor Rita Gomez said the fire was “a tragedy” for the town and “a warning” to landlords.",
        );
        assert_eq!(q.len(), 2, "{q:#?}");
        assert!(q.iter().all(|q| speaker(q) == "Rita Gomez" && q.partial));
    }

    #[test]
    fn openers_verbs_and_state_abbreviations_are_not_speakers() {
        let text = "Having reviewed the data, \"we see no sign of spread between people,\" the agency said.";
        assert_ne!(speaker(&one(text)), "Having");
        let text = "\u{201c}We will test every herd,\u{201d} Pierce Wrote.";
        assert_eq!(speaker(&one(text)), "Pierce");
        let text = "The Federal Bureau of Investigation named the suspect at the fair in Dover, Del.\n\n\"This remains an active investigation,\" the agency said.";
        assert_ne!(speaker(&one(text)), "Del");
    }

    #[test]
    fn british_single_quotes_run_to_the_paragraph_end() {
        let text = "The skater withdrew after the first lap.\n\nMaria Ortiz said: \u{2018}It stung badly. I am gutted and I wanted to finish.\n\n\u{2018}I said enough because I couldn\u{2019}t go on.\u{2019}";
        let qs = quotes(text);
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert!(qs[0].text.starts_with("It stung badly"), "{qs:#?}");
        for q in &qs {
            assert_eq!(q.speaker.as_deref(), Some("Maria Ortiz"), "{qs:#?}");
        }
        // An apostrophe-like glyph inside a sentence is no quote.
        assert!(quotes("The team\u{2018}s coach left early on Monday.").is_empty());
    }

    #[test]
    fn quotes_run_on_past_a_caption() {
        let text = "Maria Ortiz was pictured in tears afterwards.\n\n\u{201c}I was told I was a fighter, but I stopped for my health.\n\nMaria Ortiz after the race (AP Photo/Tom Berg)\n\n\u{201c}I went back to the pits and said I\u{2019}d had enough because my wrist hurt so much.\n\n\u{201c}I have always raced with honour, but this time I could not go on.";
        // The caption that names her is not analysed (boilerplate).
        let mut sentences = split(text);
        crosscheck_text::boilerplate::mark(text, &mut sentences, None);
        let qs = find(text, &sentences, &[]);
        assert_eq!(qs.len(), 3, "{qs:#?}");
        // Her quotes run on past the caption: each is hers, none "I’d".
        for q in &qs {
            assert_eq!(q.speaker.as_deref(), Some("Maria Ortiz"), "{qs:#?}");
        }
    }

    #[test]
    fn transcript_lines_are_quotes_of_the_person_labelled() {
        let text = "Health officer Dr. Ruth Okafor briefed reporters on Monday.\n\nRUTH OKAFOR: We have found no spread between the two patients so far.\n\nUPDATE: The county added two more tests.\n\nOKAFOR: The danger to residents is still small.";
        let sentences = split(text);
        let mentions = crosscheck_entities::find(text, &sentences);
        let qs = find(text, &sentences, &mentions);
        let said: Vec<(&str, &str)> = qs
            .iter()
            .map(|q| (q.speaker.as_deref().unwrap_or(""), q.text.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    "Ruth Okafor",
                    "We have found no spread between the two patients so far."
                ),
                ("Ruth Okafor", "The danger to residents is still small.")
            ],
            "{qs:#?}"
        );
    }

    #[test]
    fn a_quote_paragraph_goes_on_from_the_reporting_clause_before_it() {
        let text = "The Coastal Rowing Federation said its eligibility rules were set years ago.\n\n\u{201c}The present attacks on these two players rest on a decision taken without any hearing.\u{201d}";
        let q = one(text);
        assert_eq!(speaker(&q), "Coastal Rowing Federation");
    }

    #[test]
    fn participles_and_relative_clauses_introduce_quotes() {
        let q = one(
            "The Irish boxer Lena Marsh left the ring after a minute, stating, \u{201c}I had to protect my health.\u{201d}",
        );
        assert_eq!(speaker(&q), "Lena Marsh");
        let q = one(
            "The report quotes reporter Omar Haddad, who asserts, \u{201c}That headline was never mine.\u{201d}",
        );
        assert_eq!(speaker(&q), "Omar Haddad");
    }

    #[test]
    fn according_to_a_bodys_document_credits_the_body() {
        let q = one(
            "\u{201c}Anglers near the dam should keep away from the spillway this week,\u{201d} according to a NWRA release.",
        );
        assert_eq!(speaker(&q), "NWRA");
    }

    #[test]
    fn a_reporting_verb_the_lexicon_does_not_know() {
        let q = one("\u{201c}The rules are clear,\u{201d} league spokesman Tomas Varga scoffed.");
        assert_eq!(speaker(&q), "Tomas Varga");
        let q = one(
            "Board chair Ilse Moreau doubled down: \u{201c}We will not reopen the vote before spring.\u{201d}",
        );
        assert_eq!(speaker(&q), "Ilse Moreau");
        // A name followed by more than one word is not an attribution.
        let qs = quotes(
            "\u{201c}The rules are clear to everyone here,\u{201d} Tomas Varga walked out of the hall and left.",
        );
        assert!(qs.iter().all(|q| q.speaker.is_none()), "{qs:?}");
    }

    #[test]
    fn a_pronoun_may_stand_for_the_agent_of_a_passive() {
        let text = "The matter of the budget was raised by Sen. Ines Roldan. \u{201c}Who approved the payment?\u{201d} she asked.";
        let q = one(text);
        assert_eq!(speaker(&q), "Ines Roldan");
    }

    #[test]
    fn pronouns_go_to_the_last_person_named() {
        let text = "Health Minister Karim Nasser visited the hospital on Monday.\n\nHe told reporters that the new wing had \"saved lives\" during the crisis.";
        let q = one(text);
        assert_eq!(speaker(&q), "Karim Nasser");
        assert_eq!(q.verb.as_deref(), Some("told reporters"));
        let text = "The carmaker Veltro recalled 10,000 vehicles.\n\n\"Safety comes first for every driver,\" it said in a statement.";
        assert_eq!(speaker(&one(text)), "Veltro");
    }

    #[test]
    fn surnames_expand_to_the_full_name() {
        let text = "Coach Luis Ortega faced the press.\n\n\"We lost our focus in the second half,\" Ortega said.";
        assert_eq!(speaker(&one(text)), "Luis Ortega");
    }

    #[test]
    fn a_quote_across_two_sentences_is_one_quote() {
        let q = one(
            "\"The water is rising fast. We need more boats tonight,\" rescue chief Ivo Petrov said.",
        );
        assert_eq!(
            q.text,
            "The water is rising fast. We need more boats tonight"
        );
        assert_eq!(speaker(&q), "Ivo Petrov");
    }

    #[test]
    fn continued_quote_keeps_the_speaker() {
        let text = "\"We have enough fuel for a week,\" Aid worker Noor Khan said. \"After that, nobody knows.\"\n\n\"The roads are closed.\"";
        let q = quotes(text);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert!(q.iter().all(|q| speaker(q) == "Noor Khan"), "{q:#?}");
    }

    #[test]
    fn introducer_in_an_opening_phrase() {
        let q = one(
            "In a video address on Sunday, President Lara Vance said, \"We will not give up a single village.\"",
        );
        assert_eq!(speaker(&q), "Lara Vance");
        assert!(!q.partial);
    }

    #[test]
    fn unbalanced_mark_stops_at_the_paragraph_end() {
        let text = "\"The strike will go on until we are heard, union leader Tom Reyes said.\n\nTalks resume on Friday, \"if both sides agree,\" officials said.";
        let q = quotes(text);
        assert!(q[0].text.ends_with("Tom Reyes said."), "{q:#?}");
        assert!(q.iter().any(|q| q.text == "if both sides agree"), "{q:#?}");
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let q =
            quotes("Russia’s envoy and the country’s press were absent; officials didn’t comment.");
        assert!(q.is_empty(), "{q:#?}");
    }

    #[test]
    fn single_curly_quotes_as_marks() {
        let q = one("‘We have nothing to hide,’ Deputy Mayor Vera Lind said.");
        assert_eq!(q.text, "We have nothing to hide");
        assert_eq!(speaker(&q), "Vera Lind");
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let q = one("“Our answer to the ‘peace plan’ is simple: no,” spokesman Ali Rahimi said.");
        assert_eq!(q.text, "Our answer to the ‘peace plan’ is simple: no");
        assert_eq!(speaker(&q), "Ali Rahimi");
    }

    #[test]
    fn scare_quotes_are_dropped() {
        assert!(quotes("The country denied any role in the \"data leak\" scandal.").is_empty());
        assert!(quotes("She is the author of \"The Long Winter.\"").is_empty());
        assert!(quotes("Screens showed the word “Gold” on the casing.").is_empty());
    }

    #[test]
    fn long_unattributed_quote_is_kept_without_speaker() {
        let q = one(
            "\"Nothing about this storm was normal, and nothing about the response was good enough.\"",
        );
        assert_eq!(q.speaker, None);
        assert!(!q.partial);
    }

    #[test]
    fn unnamed_speakers_are_described() {
        let q = one(
            "\"We are not commenting on operational matters,\" a senior military official said.",
        );
        assert_eq!(speaker(&q), "senior military official");
    }

    #[test]
    fn people_posting_online_are_described_not_named_after_whom_they_name() {
        for (text, who) in [
            (
                "“Mayor Anna Berg staged the whole thing!!” one person posted on X an hour later.",
                "one person",
            ),
            (
                "“Anna Berg faked it, and everyone knows it,” another forum user wrote.",
                "another forum user",
            ),
        ] {
            let s = split(text);
            let start = text.find("Anna Berg").unwrap_or(0);
            let m = Mention {
                sentence: 0,
                start,
                end: start + "Anna Berg".len(),
                text: "Anna Berg".into(),
                kind: EntityKind::Person,
                canonical: "Anna Berg".into(),
            };
            let q = find(text, &s, &[m]);
            assert_eq!(q.len(), 1, "{text}: {q:#?}");
            assert_eq!(speaker(&q[0]), who, "{text}");
        }
    }

    #[test]
    fn boilerplate_sentences_are_skipped() {
        let text = "\"Share this story with your friends and family today,\" the site says.";
        let mut s = split(text);
        for x in &mut s {
            x.boilerplate = true;
        }
        assert!(find(text, &s, &[]).is_empty());
    }

    #[test]
    fn mention_canonical_names_the_speaker() {
        let text = "\"The alliance is united,\" Berg said.";
        let s = split(text);
        let start = text.find("Berg").unwrap_or(0);
        let m = Mention {
            sentence: 0,
            start,
            end: start + 4,
            text: "Berg".into(),
            kind: EntityKind::Person,
            canonical: "Hilde Berg".into(),
        };
        let q = find(text, &s, &[m]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref(), Some("Hilde Berg"));
    }

    #[test]
    fn every_prefix_of_a_tricky_text_is_handled() {
        let text = "“Ça va,” said Zoë Ó Briain — “non?” ‘Quoi’ he’s “unclosed\n\n\"Straight, \"nested\" end,\" Mr. Al-Sayed’s aide said: ‘x’ “";
        for (i, _) in text.char_indices() {
            for q in quotes(&text[..i]) {
                assert!(q.start <= q.end && q.end <= i);
                assert_eq!(&text[q.start..q.end], q.text);
            }
        }
    }

    #[test]
    fn many_quotes_stay_fast() {
        let para = "\"The levee held for now,\" county engineer Rosa Diaz said. She added that crews \"worked all night.\"\n\n";
        let text = para.repeat(3000);
        let q = quotes(&text);
        assert_eq!(q.len(), 6000);
        assert!(q.iter().all(|q| speaker(q) == "Rosa Diaz"));
    }

    #[test]
    fn quote_interrupted_by_its_attribution() {
        let q = quotes(
            "\"We are not leaving,\" said Amal Haddad, a farmer, \"because this land is all we have.\"",
        );
        assert_eq!(q.len(), 2, "{q:#?}");
        assert!(
            q.iter().all(|q| speaker(q) == "Amal Haddad" && !q.partial),
            "{q:#?}"
        );
    }

    #[test]
    fn dash_attribution_skips_the_organisation_before_a_title() {
        let q = one("“The alliance will defend every inch.” — NATO chief Mark Rutte");
        assert_eq!(speaker(&q), "Mark Rutte");
    }

    #[test]
    fn unnamed_speaker_with_affiliation() {
        let q =
            one("\"Most of us are volunteers,\" a spokesperson for the Harbour Aid Network said.");
        assert_eq!(speaker(&q), "spokesperson for the Harbour Aid Network");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "\"",
            "“",
            "‘’",
            "\"\"",
            "” said he.",
            "a \"b",
            "“é”, said Ö.",
            "’’’\"\"\"“““",
        ] {
            let _ = quotes(text);
        }
    }
}
