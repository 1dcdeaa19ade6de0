//! Claims: the check-worthy propositions of each sentence, with stance,
//! origin and the content keys that match them across articles.
//!
//! A sentence is cut into clauses at the seams where news prose joins two
//! propositions ("; ", ", but ", "and that", "ever since", relative
//! "X, which ..."). Each clause is split into a *frame* (who says it and how:
//! "Lavrov stopped short of confirming") and a *body* (what is said). The
//! frame decides the stance; the body gives the keys.

use crate::lexicon::{self, CLAIM_NOUNS, Cue};
use crosscheck_model::{
    Claim, DateMention, EntityKind, Mention, Modality, Quantity, Sentence, Stance,
};
use crosscheck_text::{by_sentence, sentence_count};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use std::sync::LazyLock;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Concept classes: words that name the same thing in news English map to one
/// key, so "troops"/"soldiers"/"forces" and "sent"/"deployed"/"shipped" match.
/// Themes (what is moved, counted or hit) and events (what happens) are kept
/// apart because a claim about weapons is not a claim about troops.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "TROOPS",
        &[
            "troop",
            "soldier",
            "forces",
            "servicemen",
            "personnel",
            "reinforc",
            "units",
            "unit",
            "fighter",
            "mercenari",
            "battalion",
            "brigad",
            "armi",
            "army",
            "infantri",
            "militari-unit",
        ],
    ),
    (
        "WEAPONS",
        &[
            "weapon",
            "munit",
            "ammunit",
            "artilleri",
            "shells",
            "missil",
            "rocket",
            "arms",
            "equip",
            "drone",
            "armament",
            "materiel",
        ],
    ),
    (
        "TRANSFER",
        &[
            "send", "sent", "ship", "shipment", "deploy", "deploy", "dispatch", "suppli", "provid",
            "deliv", "deliveri", "transfer", "sending",
        ],
    ),
    (
        "COMBAT",
        &[
            "fight",
            "battl",
            "battlefield",
            "combat",
            "frontlin",
            "front-lin",
            "warfight",
        ],
    ),
    (
        "ATTACK",
        &[
            "attack", "target", "strike", "struck", "raid", "assault", "bomb", "shell", "hit",
        ],
    ),
    ("PACT", &["pact", "treati", "agreement", "allianc"]),
    (
        "DEATH",
        &[
            "kill", "dead", "death", "die", "died", "fatal", "fatality", "toll", "slain",
        ],
    ),
    ("INJURY", &["wound", "injur", "hurt", "casualti"]),
    (
        "EXPLOSION",
        &["explod", "explos", "blast", "deton", "booby-trap", "boobi"],
    ),
    ("CONDEMN", &["condemn", "denounc"]),
    ("WARPLANE", &["warplan", "aircraft", "jet", "fighter-jet"]),
    ("DENY", &["deni", "deny", "reject", "refut", "dismiss"]),
    ("BLAME", &["blame", "accus"]),
];

const THEMES: &[&str] = &["TROOPS", "WEAPONS", "DEATH", "INJURY", "WARPLANE"];
const EVENTS: &[&str] = &[
    "DENY",
    "BLAME",
    "TRANSFER",
    "COMBAT",
    "ATTACK",
    "PACT",
    "EXPLOSION",
    "CONDEMN",
];

/// Whether a concept key is a theme (what is moved or counted).
pub fn is_theme(key: &str) -> bool {
    key.strip_prefix("c:").is_some_and(|c| THEMES.contains(&c))
}

/// Whether a concept key is an event (what happens).
pub fn is_event(key: &str) -> bool {
    key.strip_prefix("c:").is_some_and(|c| EVENTS.contains(&c))
}

/// An entity's name as a claim key: lower case, without where it is based
/// ("Budapest-based BAC Consulting") or its legal form ("BAC Consulting
/// KFT"), which outlets add or leave out as they please.
pub fn name_key(name: &str) -> String {
    const LEGAL_FORMS: &[&str] = &[
        "kft", "zrt", "ltd", "inc", "corp", "llc", "plc", "gmbh", "ag", "co", "sa", "bv", "nv",
    ];
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && words[0].ends_with("-based") {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.trim_matches(|c: char| c == '.' || c == ',')))
    {
        words.pop();
    }
    words.join(" ")
}

/// The key of one content word: its concept class, else its stem.
pub fn word_key(word: &str) -> Option<String> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    let w = w.trim_end_matches(['’', '\'']);
    if w.len() < 3 || lexicon::is_stopword(w) || w.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    // The stemmer makes "response" and "responsibility" one stem; who is
    // responsible and how someone responded are different propositions.
    if w.starts_with("responsib") {
        return Some("w:responsib".to_string());
    }
    let stem = STEMMER.stem(w);
    if GENERIC.contains(&stem.as_ref()) || GENERIC.contains(&w) {
        return None;
    }
    for (concept, words) in CONCEPTS {
        if words.iter().any(|x| *x == w || *x == stem.as_ref()) {
            return Some(format!("c:{concept}"));
        }
    }
    Some(format!("w:{stem}"))
}

/// Words too common in news to tell propositions apart.
const GENERIC: &[&str] = &[
    "not",
    "never",
    "non",
    "nor",
    "neither",
    "deputi",
    "secretari",
    "minist",
    "presid",
    "gener",
    "leader",
    "spokesperson",
    "spokesman",
    "offici",
    "chief",
    "head",
    "foreign",
    "defens",
    "former",
    "vice",
    "prime",
    "senior",
    "state",
    "said",
    "say",
    "told",
    "tell",
    "report",
    "accord",
    "also",
    "would",
    "could",
    "new",
    "year",
    "time",
    "today",
    "week",
    "month",
    "day",
    "first",
    "last",
    "now",
    "still",
    "even",
    "just",
    "like",
    "make",
    "made",
    "take",
    "took",
    "get",
    "got",
    "way",
    "well",
    "back",
    "two",
    "three",
    "mani",
    "much",
    "might",
    "may",
    "one",
    "thing",
    "peopl",
    "go",
    "went",
    "come",
    "came",
    "accord",
    "confirm",
    "claim",
    "believ",
    "continu",
    "includ",
    "saying",
    "note",
    "ad",
    "situat",
    "move",
    "part",
    "amid",
    "already",
    "alreadi",
    "recent",
    "current",
    "follow",
];

/// Seams where one proposition ends and another begins.
const SEAMS: &[&str] = &[
    "; ",
    ", but ",
    ", and that ",
    " and noted that ",
    " and said that ",
    " and added that ",
    " and warned that ",
    " and stressed that ",
    " and insisted that ",
    " and that ",
    ", while ",
    ", whereas ",
    " ever since ",
    ", although ",
    ", though ",
    " but both ",
    ", as ",
    ". ",
];

/// A clause of a sentence: byte ranges relative to the sentence text.
#[derive(Debug, Clone)]
struct Clause {
    start: usize,
    end: usize,
    /// Where the body (what is said) starts.
    body: usize,
    /// The entity a relative clause ("X, which ...") is about.
    antecedent: Option<String>,
}

fn clauses(text: &str, mentions: &[(usize, usize, &Mention)]) -> Vec<Clause> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, next clause start)
    for seam in SEAMS {
        let mut from = 0;
        while let Some(i) = text[from..].find(seam) {
            let at = from + i;
            cuts.push((at, at + seam.len()));
            from = at + seam.len();
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut, next) in cuts {
        if cut > start {
            out.push(Clause {
                start,
                end: cut,
                body: start,
                antecedent: None,
            });
        }
        start = next.max(start);
    }
    if start < text.len() {
        out.push(Clause {
            start,
            end: text.len(),
            body: start,
            antecedent: None,
        });
    }
    // Relative clauses on an entity: "Iran, which has supplied drones, ..."
    let mut rel = Vec::new();
    for c in &mut out {
        let seg = &text[c.start..c.end];
        let mut from = 0;
        while let Some(i) = seg[from..]
            .find(", which ")
            .or_else(|| seg[from..].find(", who "))
        {
            let at = c.start + from + i;
            let body = at
                + if seg[from + i..].starts_with(", which ") {
                    8
                } else {
                    6
                };
            let ante = mentions
                .iter()
                .filter(|(_, e, m)| *e <= at && at - *e <= 2 && m.kind != EntityKind::Person)
                .map(|(_, _, m)| m.canonical.clone())
                .next_back();
            let end = text[body..c.end].find(", ").map_or(c.end, |j| body + j);
            if ante.is_some() {
                rel.push(Clause {
                    start: body,
                    end,
                    body,
                    antecedent: ante,
                });
            }
            from = end - c.start;
            if from >= seg.len() {
                break;
            }
        }
    }
    out.extend(rel);
    // Frames: "X said that ...", "X denied that ...", "stopped short of confirming ...".
    for c in &mut out {
        let seg = &text[c.start..c.end];
        for f in lexicon::cues(seg) {
            if !matches!(
                f.cue,
                Cue::Report | Cue::Denial | Cue::Rejection | Cue::Hedge | Cue::Accusation
            ) {
                continue;
            }
            let after = &seg[f.end..];
            let words: Vec<(usize, &str)> = words_with_offsets(after).take(6).collect();
            if let Some(k) = words.iter().position(|(_, w)| *w == "that")
                && k < 5
            {
                // The body starts at the word after "that", whatever
                // whitespace (a no-break space, say) stands between them.
                let (at, w) = words[k];
                let rest = &after[at + w.len()..];
                let gap = rest.len() - rest.trim_start().len();
                c.body = c.start + f.end + at + w.len() + gap;
                break;
            }
            let verb_like =
                f.text.ends_with("ing") || f.text.ends_with("confirm") || f.cue == Cue::Rejection;
            if matches!(f.cue, Cue::Denial | Cue::Rejection) && verb_like {
                c.body = c.start + f.end;
                break;
            }
        }
        c.body = c.body.min(c.end);
    }
    out
}

/// Subject pronouns and phrases that point back to an earlier actor.
fn is_anaphoric(head: &str) -> bool {
    let h = head.to_lowercase();
    [
        "they ",
        "they'",
        "they’",
        "it ",
        "both ",
        "the two countries",
        "the two nations",
        "the country ",
        "these ",
        "those ",
        "this ",
        "the two ",
        "the regime",
        "the government ",
    ]
    .iter()
    .any(|p| h.starts_with(p))
}

const AUX: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "may",
    "might", "should", "did", "does", "do", "be", "been", "signed", "sent", "said",
];

/// Extracts the claims of a document's sentences.
pub fn extract(
    sentences: &[Sentence],
    mentions: &[Mention],
    quantities: &[Quantity],
    dates: &[DateMention],
) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    // Subject keys of the latest clause, for "they", "these troops", "both".
    let mut prev_subject: Vec<String> = Vec::new();
    let mut prev_entities: Vec<String> = Vec::new();
    // What each sentence holds, found once: scanning every mention, quantity
    // and date per sentence made an article's cost grow with its square.
    let n = sentence_count(sentences);
    let mentions_in = by_sentence(n, mentions.iter().map(|m| m.sentence));
    let quantities_in = by_sentence(n, quantities.iter().map(|q| q.sentence));
    let dates_in = by_sentence(n, dates.iter().map(|d| d.sentence));
    for s in sentences {
        if s.boilerplate || s.modality == Modality::Question {
            continue;
        }
        let ms: Vec<(usize, usize, &Mention)> = mentions_in[s.index]
            .iter()
            .map(|&i| &mentions[i])
            .filter(|m| m.start >= s.start && m.end <= s.end)
            .map(|m| (m.start - s.start, m.end - s.start, m))
            .collect();
        let words = s.text.split_whitespace().count();
        if words < 4 {
            continue;
        }
        let source = s.attribution.as_ref().map(|a| a.source.clone());
        for c in clauses(&s.text, &ms) {
            let seg = &s.text[c.start..c.end];
            let x = ClauseCtx {
                s,
                c: &c,
                seg,
                body: &s.text[c.body..c.end],
                cues: governing_cues(seg, lexicon::stance_cues(seg)),
                ms: &ms,
                source: source.as_ref(),
            };
            let ents = x.entities();
            let (mut keys, mut subject) = x.keys_and_subject(&ents);
            if x.anaphoric(&subject, &prev_subject) {
                for k in x.inherited(&prev_subject, &prev_entities) {
                    keys.insert(k.clone());
                    if !subject.contains(&k) {
                        subject.push(k);
                    }
                }
            }
            // A speaker is not the subject of what is said: "Kurt Campbell has
            // referred to the situation as alarming" is about the situation.
            let speakers = x.speakers();
            let subject: Vec<String> = dedup(subject)
                .into_iter()
                .filter(|k| !speakers.contains(k))
                .collect();
            let content = keys.len();
            let body_negated = negated(x.body);
            let attributed = source.is_some();
            let stance = clause_stance(&x.cues, body_negated, attributed, s.modality);
            let refers_to = if x.refers_back() {
                x.referent(&out)
            } else {
                None
            };
            let origin = if x.has(Cue::Denial) || x.has(Cue::Rejection) {
                x.deniers().or_else(|| source.clone())
            } else {
                source.clone()
            };
            if content < 2 && refers_to.is_none() {
                continue;
            }
            let own_keys: Vec<String> = keys.iter().cloned().collect();
            let keys: Vec<String> = match refers_to {
                Some(i) => out[i].keys.clone(),
                None => {
                    let mut k: Vec<String> = keys.into_iter().collect();
                    k.extend(
                        subject
                            .iter()
                            .filter(|x| x.starts_with("e:"))
                            .map(|x| format!("s:{}", &x[2..])),
                    );
                    k
                }
            };
            let abs = (s.start + c.start, s.start + c.end);
            let qty: Vec<usize> = quantities_in[s.index]
                .iter()
                .copied()
                .filter(|&i| quantities[i].start >= abs.0 && quantities[i].end <= abs.1)
                .collect();
            let date = dates_in[s.index]
                .iter()
                .map(|&i| &dates[i])
                .find(|d| d.start >= abs.0 && d.end <= abs.1 && d.resolved.is_some())
                .and_then(|d| d.resolved.clone());
            let text = match &c.antecedent {
                Some(a) => format!("{a} {}", x.body.trim()),
                None => clean_clause(x.body),
            };
            let mut cues = frame_cues(&x.cues);
            if body_negated {
                cues.push("negation".into());
            }
            // The statement itself, where the proposition is denied or an
            // accusation: "Gold Apollo denied making the pagers" asserts that
            // Gold Apollo denied it, and "Hezbollah blamed Israel" that
            // Hezbollah blamed Israel, while both only report the proposition.
            // A party's silence ("Sylvania has not claimed responsibility",
            // "declined to comment") is a statement about that party, and
            // so is a vow of retaliation ("vowed to punish Freedonia for
            // the blasts"): neither says anything of the matter itself.
            let silence = lexicon::silence(seg);
            let vow = lexicon::vow(seg).filter(|_| silence.is_none());
            let meta_kind = if silence.is_some() {
                Some("c:SILENT")
            } else if x.has(Cue::Denial) || (body_negated && attributed) {
                Some("c:DENY")
            } else if x.has(Cue::Accusation) || vow.is_some() {
                Some("c:BLAME")
            } else {
                None
            };
            let meta = meta_kind.and_then(|kind| x.meta_claim(kind, silence, vow, &own_keys));
            // A silence or a vow stands as the claim about the party only
            // (a vow beside an accusation, "blamed the blasts on Sylvania
            // and vowed revenge", keeps the accused claim, hedged).
            if (silence.is_some() || vow.is_some() && !x.has(Cue::Accusation)) && meta.is_some() {
                out.extend(meta);
                if !subject.is_empty() {
                    prev_subject = subject;
                }
                continue;
            }
            // The claim about the world is the proposition without its
            // frame: "Sylvania was blamed for the blasts" says, hedged, what
            // "Sylvania carried out the blasts" says; the blame is the
            // claim about the party, made above.
            let keys: Vec<String> = if refers_to.is_none() && meta_kind.is_some() {
                // The words of a vow beside the accusation go with it.
                let vowed: Vec<String> = vow
                    .map(|(from, to)| {
                        seg[from..to]
                            .split_whitespace()
                            .filter_map(word_key)
                            .collect()
                    })
                    .unwrap_or_default();
                keys.into_iter()
                    .filter(|k| k != "c:BLAME" && k != "c:DENY" && !vowed.contains(k))
                    .collect()
            } else {
                keys
            };
            out.push(Claim {
                sentence: s.index,
                text,
                stance,
                entities: dedup(ents.into_iter().map(|(_, e)| e).collect()),
                quantities: qty,
                date,
                origin,
                cues,
                keys,
                refers_to,
                negated: body_negated && s.modality != Modality::Prediction,
                meta: false,
            });
            out.extend(meta);
            if !subject.is_empty() {
                prev_subject = subject;
            }
        }
        let sent_ents: Vec<String> = ms
            .iter()
            .filter(|(_, _, m)| m.kind == EntityKind::Place || m.kind == EntityKind::Org)
            .map(|(_, _, m)| format!("e:{}", name_key(&m.canonical)))
            .collect();
        if !sent_ents.is_empty() {
            prev_entities = dedup(sent_ents);
        }
    }
    out
}

/// **Where a clause's own stance is decided** (before the linker reads it
/// against its claim group, `crosscheck_link::stance`): the writer's
/// rejection denies; a party's denial, or an attributed negative statement
/// not hedged otherwise, reports a denial; hedges, accusations and
/// governing conditions hedge; anything else asserts (the outlet's own
/// negative statement asserts a negative fact).
pub fn clause_stance(
    cues: &[lexicon::Found<'_>],
    body_negated: bool,
    attributed: bool,
    modality: Modality,
) -> Stance {
    let has = |cue: Cue| cues.iter().any(|f| f.cue == cue);
    if has(Cue::Rejection) {
        if attributed {
            Stance::ReportsDenial
        } else {
            Stance::Denies
        }
    } else if has(Cue::Denial) {
        // Someone denies it, or will not confirm it: the outlet reports that.
        Stance::ReportsDenial
    } else if body_negated
        && attributed
        && modality != Modality::Prediction
        && !cues
            .iter()
            .any(|f| f.cue == Cue::Hedge && !lexicon::is_reporting_hedge(f))
    {
        // "X claimed it had not ...": X denies it, whatever the verb.
        Stance::ReportsDenial
    } else if has(Cue::Hedge)
        || has(Cue::Accusation)
        || has(Cue::Condition)
        || modality == Modality::Hedged && cues.is_empty()
    {
        Stance::Hedges
    } else if body_negated && attributed && modality != Modality::Prediction {
        // "X said it did not ...": X denies the positive proposition.
        Stance::ReportsDenial
    } else {
        // The outlet's own negative statement asserts a negative fact;
        // the linker turns it into a denial where others assert the
        // positive proposition.
        Stance::Asserts
    }
}

/// The body states its proposition negated ("not", "never"), not in the
/// idioms that only look negative ("not only", "whether or not").
fn negated(body: &str) -> bool {
    lexicon::cues(body).iter().any(|f| f.cue == Cue::Negation)
        && ![
            "not only",
            "not just",
            "not to mention",
            "whether or not",
            "if not",
            "not least",
        ]
        .iter()
        .any(|p| body.to_lowercase().contains(p))
}

/// The cues of a clause that govern it: a condition counts when it opens
/// the clause or follows a prediction ("it would be serious if ..."); an
/// "if" deep inside a relative clause does not.
fn governing_cues<'a>(seg: &str, cues: Vec<lexicon::Found<'a>>) -> Vec<lexicon::Found<'a>> {
    let opens = |f: &lexicon::Found<'_>| seg[..f.start].split_whitespace().count() <= 2;
    let first_prediction = cues
        .iter()
        .filter(|p| p.cue == Cue::Prediction)
        .map(|p| p.start)
        .min();
    let after_prediction = |f: &lexicon::Found<'_>| first_prediction.is_some_and(|p| p < f.start);
    cues.into_iter()
        .filter(|f| f.cue != Cue::Condition || opens(f) || after_prediction(f))
        .collect()
}

/// The words that decided a clause's stance, as shown to the user.
fn frame_cues(cues: &[lexicon::Found<'_>]) -> Vec<String> {
    cues.iter()
        .filter(|f| {
            matches!(
                f.cue,
                Cue::Hedge | Cue::Denial | Cue::Rejection | Cue::Condition | Cue::Accusation
            )
        })
        .map(|f| f.text.to_string())
        .collect()
}

/// One clause of a sentence, with what the claim extraction reads of it.
struct ClauseCtx<'a> {
    s: &'a Sentence,
    c: &'a Clause,
    /// The whole clause (frame and body).
    seg: &'a str,
    /// What is said.
    body: &'a str,
    /// The clause's governing stance cues ([`governing_cues`]).
    cues: Vec<lexicon::Found<'a>>,
    /// The sentence's mentions, with offsets relative to the sentence.
    ms: &'a [(usize, usize, &'a Mention)],
    /// Whom the sentence credits.
    source: Option<&'a String>,
}

impl ClauseCtx<'_> {
    fn has(&self, cue: Cue) -> bool {
        self.cues.iter().any(|f| f.cue == cue)
    }

    /// The canonical names the clause is about, with their offsets: those
    /// of its body, less the credited source where it stands as the
    /// speaker, plus the antecedent of a relative clause and a named
    /// person who makes the statement.
    fn entities(&self) -> Vec<(usize, String)> {
        let (c, ms) = (self.c, self.ms);
        let mut ents: Vec<(usize, String)> = ms
            .iter()
            .filter(|(a, b, _)| *a >= c.body && *b <= c.end)
            // The credited source is the frame, not the content, where it
            // stands as the speaker ("…, Kovacs said"); as the subject of
            // the claim ("Norway has sent troops, Oslo said") it stays.
            .filter(|(a, b, m)| {
                Some(&m.canonical) != self.source
                    || !self.cues.iter().any(|f| {
                        matches!(f.cue, Cue::Report | Cue::Denial | Cue::Accusation)
                            && (c.start + f.start >= *b && c.start + f.start <= b + 30
                                || c.start + f.end <= *a && c.start + f.end + 3 >= *a)
                    })
            })
            .filter(|(a, b, m)| {
                // "North Korean soldiers": the state and the noun say it better.
                m.kind != EntityKind::Group
                    || !ms
                        .iter()
                        .any(|(x, y, o)| o.kind != EntityKind::Group && x >= a && y <= b)
            })
            .map(|(a, _, m)| (*a, m.canonical.clone()))
            .collect();
        if let Some(a) = &c.antecedent {
            ents.insert(0, (c.body, a.clone()));
        }
        // A named person's statement is part of the proposition: what
        // Campbell said in one outlet matches what he said in another.
        if let Some(a) = self
            .s
            .attribution
            .as_ref()
            .filter(|a| a.kind == crosscheck_model::SourceKind::Person)
        {
            ents.push((self.c.end, a.source.clone()));
        }
        ents
    }

    /// The content keys of the clause (its entities, concept classes and
    /// word stems) and those of its subject (the words before the first
    /// auxiliary verb).
    fn keys_and_subject(&self, ents: &[(usize, String)]) -> (BTreeSet<String>, Vec<String>) {
        let (c, ms) = (self.c, self.ms);
        let mut keys: BTreeSet<String> = ents
            .iter()
            .map(|(_, e)| format!("e:{}", name_key(e)))
            .collect();
        let mut subject: Vec<String> = Vec::new();
        let mut in_subject = true;
        for (i, (at, w)) in words_with_offsets(self.body).enumerate() {
            let at = c.body + at;
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if i > 0 && AUX.contains(&bare.to_lowercase().as_str()) {
                in_subject = false;
            }
            // Words of a name are keyed by the entity, not as words.
            if let Some((_, _, m)) = ms
                .iter()
                .find(|(a, b, m)| *a <= at && at < *b && m.kind != EntityKind::Group)
            {
                if in_subject {
                    subject.push(format!("e:{}", name_key(&m.canonical)));
                }
                continue;
            }
            if let Some(k) = word_key(w) {
                if in_subject && k.starts_with("c:") {
                    subject.push(k.clone());
                }
                keys.insert(k);
            }
        }
        if let Some(a) = &c.antecedent {
            subject.insert(0, format!("e:{}", name_key(a)));
        }
        (keys, subject)
    }

    /// The subject points back to the previous clause's subject ("they",
    /// "both", "these troops").
    fn anaphoric(&self, subject: &[String], prev_subject: &[String]) -> bool {
        let head = self.body.trim_start();
        is_anaphoric(head)
            || (subject.iter().all(|k| !k.starts_with("e:"))
                && !prev_subject.is_empty()
                && head.starts_with(['T', 't'])
                && head.to_lowercase().starts_with("these"))
    }

    /// The keys an anaphoric subject stands for: "both" / "the two" the
    /// places and organisations named before it (in this sentence, else
    /// the previous one), anything else the previous clause's subject.
    fn inherited(&self, prev_subject: &[String], prev_entities: &[String]) -> Vec<String> {
        let h = self.body.trim_start().to_lowercase();
        if h.starts_with("both") || h.starts_with("the two") {
            let earlier: Vec<String> = dedup(
                self.ms
                    .iter()
                    .filter(|(a, _, m)| {
                        *a < self.c.start && matches!(m.kind, EntityKind::Place | EntityKind::Org)
                    })
                    .map(|(_, _, m)| format!("e:{}", name_key(&m.canonical)))
                    .collect(),
            );
            if earlier.len() >= 2 {
                earlier
            } else {
                prev_entities.iter().take(2).cloned().collect()
            }
        } else {
            prev_subject
                .iter()
                .filter(|k| k.starts_with("e:") || k.starts_with("c:"))
                .cloned()
                .collect()
        }
    }

    /// Keys of the names right before a reporting verb in the clause: the
    /// speakers, who are not the subject of what they say.
    fn speakers(&self) -> Vec<String> {
        let c = self.c;
        self.ms
            .iter()
            .filter(|(a, b, _)| *a >= c.start && *b <= c.end)
            .filter(|(_, b, _)| {
                self.cues.iter().any(|f| {
                    f.cue == Cue::Report && c.start + f.start >= *b && c.start + f.start <= b + 10
                })
            })
            .map(|(_, _, m)| format!("e:{}", name_key(&m.canonical)))
            .collect()
    }

    /// "Russia and North Korea denied the claims": a denial that refers
    /// back to a claim rather than stating one.
    fn refers_back(&self) -> bool {
        let lower_body = self.body.to_lowercase();
        self.has(Cue::Denial)
            && CLAIM_NOUNS.iter().any(|n| {
                lower_body.contains(&format!("the {n}"))
                    || lower_body.contains(&format!("’s {n}"))
                    || lower_body.contains(&format!("'s {n}"))
                    || lower_body.contains(&format!("these {n}"))
                    || lower_body.contains(&format!("such {n}"))
                    || ["comments", "remarks", "statement", "statements"]
                        .iter()
                        .any(|x| lower_body.contains(x))
            })
    }

    /// The claim a referring denial is about: "shrugged off Rutte's
    /// comments" the claims Rutte made, wherever they stand; otherwise the
    /// nearby claims that share the most entities with the denial.
    fn referent(&self, out: &[Claim]) -> Option<usize> {
        let (c, ms) = (self.c, self.ms);
        let mine: BTreeSet<String> = ms
            .iter()
            .filter(|(a, _, _)| *a >= c.start && *a < c.end)
            .map(|(_, _, m)| format!("e:{}", name_key(&m.canonical)))
            .collect();
        let whose = |p: &Claim| {
            p.origin.as_ref().is_some_and(|o| {
                ms.iter().any(|(a, _, m)| {
                    *a >= c.start && *a < c.end && m.kind == EntityKind::Person && o == &m.canonical
                })
            })
        };
        out.iter()
            .enumerate()
            .rev()
            .filter(|(_, p)| {
                (p.sentence + 3 >= self.s.index || whose(p))
                    && !p.meta
                    && p.stance != Stance::ReportsDenial
                    && p.stance != Stance::Denies
            })
            .max_by_key(|(i, p)| {
                (
                    whose(p),
                    p.keys.iter().filter(|k| mine.contains(*k)).count(),
                    *i,
                )
            })
            .map(|(i, _)| i)
    }

    /// The deniers: names before the denial or rejection cue.
    fn deniers(&self) -> Option<String> {
        let c = self.c;
        let cue_at = self
            .cues
            .iter()
            .find(|f| matches!(f.cue, Cue::Denial | Cue::Rejection))
            .map_or(0, |f| c.start + f.start);
        let deniers: Vec<String> = self
            .ms
            .iter()
            .filter(|(a, _, _)| *a >= c.start && *a < cue_at)
            .map(|(_, _, m)| m.canonical.clone())
            .collect();
        (!deniers.is_empty()).then(|| dedup(deniers).join("; "))
    }

    /// The claim about a party (`meta`): that it denied, blamed, vowed or
    /// kept silent (`kind`), its agents the names before the cue, else the
    /// credited source, else (for a silence or a vow) the antecedent.
    fn meta_claim(
        &self,
        kind: &str,
        silence: Option<(usize, usize)>,
        vow: Option<(usize, usize)>,
        own_keys: &[String],
    ) -> Option<Claim> {
        let c = self.c;
        let cue_at = silence.or(vow).map_or_else(
            || {
                self.cues
                    .iter()
                    .find(|f| matches!(f.cue, Cue::Denial | Cue::Accusation | Cue::Report))
                    .map_or(c.body, |f| c.start + f.start)
            },
            |(at, _)| c.start + at,
        );
        let mut agents: Vec<String> = self
            .ms
            .iter()
            .filter(|(a, _, _)| *a >= c.start && *a < cue_at.max(c.start))
            .map(|(_, _, m)| m.canonical.clone())
            .collect();
        if agents.is_empty() {
            agents.extend(self.source.cloned());
        }
        if agents.is_empty() && (silence.is_some() || vow.is_some()) {
            // "Sylvania, which has not claimed responsibility".
            agents.extend(c.antecedent.clone());
        }
        if agents.is_empty() {
            return None;
        }
        let agents = dedup(agents);
        let mut mk: BTreeSet<String> = own_keys
            .iter()
            .filter(|k| !k.starts_with("s:"))
            .cloned()
            .collect();
        mk.insert(kind.to_string());
        for a in &agents {
            mk.insert(format!("e:{}", name_key(a)));
        }
        let mut mk: Vec<String> = mk.into_iter().collect();
        mk.extend(agents.iter().map(|a| format!("s:{}", name_key(a))));
        mk.push("m:meta".to_string());
        Some(Claim {
            sentence: self.s.index,
            text: clean_clause(self.seg),
            // "Gold Apollo claimed it had not made them" still asserts that
            // Gold Apollo said so; "reportedly denied" does not.
            // (The negation of a silence is no hedge: "has not".)
            stance: if self.cues.iter().any(|f| {
                f.cue == Cue::Hedge
                    && !lexicon::is_reporting_hedge(f)
                    && silence.is_none_or(|(from, to)| f.end <= from || f.start >= to)
            }) {
                Stance::Hedges
            } else {
                Stance::Asserts
            },
            entities: agents.clone(),
            quantities: Vec::new(),
            date: None,
            origin: Some(agents.join("; ")),
            cues: vec![kind.trim_start_matches("c:").to_lowercase()],
            keys: mk,
            refers_to: None,
            negated: false,
            meta: true,
        })
    }
}

/// Whitespace-separated words with their byte offsets.
fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A trailing reporting tail after a quote: `…," Kovacs said on X.`
static REPORT_TAIL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"[,.]?["”]\s+[^"“”]{0,80}?\b(?:said|says|told|added|noted|wrote|stated|explained)\b[^"“”]{0,60}$"#)
        .expect("report tail pattern is valid")
});

fn clean_clause(body: &str) -> String {
    let t = body
        .trim()
        .trim_start_matches(|c: char| c == ',' || c == '“' || c == '"' || c.is_whitespace());
    let t = t.strip_prefix("and ").unwrap_or(t);
    let t = match REPORT_TAIL.find(t) {
        Some(m) if m.start() > 20 => &t[..m.start()],
        _ => t,
    };
    t.trim_end_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string()
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_no_break_space_around_that_is_whitespace_like_any_other() {
        for text in [
            "The mayor has repeatedly insisted\u{a0}that\u{a0}the election is rigged against him.",
            // This one cut a character in two (a panic on a PolNeAR article).
            "The mayor has repeatedly insisted that\u{a0}the election is rigged against him.",
        ] {
            let c = run(text, &[]);
            assert!(!c.is_empty());
            assert!(
                c.iter().all(|c| c.text.starts_with("the election")),
                "{c:#?}"
            );
        }
    }

    use super::*;
    use crate::modality;
    use crate::test_support::mention;
    use crosscheck_text::sentences::split;

    fn run(text: &str, ents: &[(&str, usize, EntityKind, &str)]) -> Vec<Claim> {
        let mut s = split(text);
        let ms: Vec<Mention> = ents
            .iter()
            .map(|(w, n, k, c)| mention(text, &s, w, *n, *k, c))
            .collect();
        modality::mark(&mut s, &ms, &[]);
        extract(&s, &ms, &[], &[])
    }

    #[test]
    fn synonyms_share_concept_keys() {
        assert_eq!(word_key("soldiers"), word_key("troops"));
        assert_eq!(word_key("deployed"), word_key("shipped"));
        assert_ne!(word_key("munitions"), word_key("troops"));
        assert_eq!(word_key("the"), None);
    }

    #[test]
    fn a_reported_denial_refers_back_to_the_claim() {
        let text = "Officials in Oslo said Freedonia had sent troops to Sylvania. Freedonia and Sylvania denied the claims.";
        let c = run(
            text,
            &[
                ("Freedonia", 0, EntityKind::Place, "Freedonia"),
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
                ("Freedonia", 1, EntityKind::Place, "Freedonia"),
                ("Sylvania", 1, EntityKind::Place, "Sylvania"),
            ],
        );
        // The claim, the reported denial of it, and the claim that they denied it.
        assert_eq!(c.len(), 3, "{c:#?}");
        assert_eq!(c[0].stance, Stance::Asserts);
        assert_eq!(c[1].stance, Stance::ReportsDenial);
        assert_eq!(c[1].refers_to, Some(0));
        assert_eq!(c[1].keys, c[0].keys);
        assert_eq!(c[1].origin.as_deref(), Some("Freedonia; Sylvania"));
        assert!(c[2].meta && c[2].stance == Stance::Asserts);
        assert!(c[2].keys.contains(&"c:DENY".to_string()));
    }

    #[test]
    fn not_claiming_responsibility_is_silence_but_claiming_a_denial_is_a_statement() {
        let text = "Sylvania has not claimed responsibility for the blasts.\nThe firm Norta Global claimed it had not manufactured the radios.";
        let c = run(
            text,
            &[
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
                ("Norta Global", 0, EntityKind::Org, "Norta Global"),
            ],
        );
        // A statement about Sylvania (it says nothing), asserted, and
        // neither a hedge nor a denial of the blasts.
        assert!(c[0].meta, "{c:#?}");
        assert_eq!(c[0].stance, Stance::Asserts, "{c:#?}");
        assert!(c[0].keys.contains(&"c:SILENT".to_string()), "{c:#?}");
        assert_eq!(c[0].origin.as_deref(), Some("Sylvania"));
        assert!(c.iter().filter(|c| c.sentence == 0).count() == 1, "{c:#?}");
        let meta = c
            .iter()
            .find(|c| c.meta)
            .expect("a claim about the firm's statement");
        assert_eq!(meta.stance, Stance::Asserts, "{c:#?}");
        assert!(
            c.iter()
                .any(|c| !c.meta && c.stance == Stance::ReportsDenial),
            "{c:#?}"
        );
    }

    #[test]
    fn a_speaker_is_not_the_subject_of_what_is_said() {
        let text = "Minister Anna Berg has described the border talks as alarming, according to the agency.";
        let c = run(text, &[("Anna Berg", 0, EntityKind::Person, "Anna Berg")]);
        assert!(c[0].keys.contains(&"e:anna berg".to_string()), "{c:#?}");
        assert!(!c[0].keys.contains(&"s:anna berg".to_string()), "{c:#?}");
    }

    #[test]
    fn an_accusation_hedges_the_claim_and_asserts_the_accusation() {
        let text = "The Freedonian army blamed the explosions on Sylvania.";
        let c = run(
            text,
            &[
                ("Freedonian", 0, EntityKind::Place, "Freedonia"),
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
            ],
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[0].stance, Stance::Hedges);
        assert!(!c[0].meta);
        assert!(c[1].meta && c[1].stance == Stance::Asserts, "{c:#?}");
        assert!(c[1].keys.contains(&"c:BLAME".to_string()));
    }

    #[test]
    fn a_vow_of_retaliation_is_a_claim_about_the_one_who_vows() {
        let text = "The Freedonian army vowed to retaliate against Sylvania for the explosions.";
        let c = run(
            text,
            &[
                ("Freedonian", 0, EntityKind::Place, "Freedonia"),
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
            ],
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert!(c[0].meta && c[0].stance == Stance::Asserts, "{c:#?}");
        assert!(c[0].keys.contains(&"c:BLAME".to_string()), "{c:#?}");
        assert_eq!(c[0].origin.as_deref(), Some("Freedonia"));
    }

    #[test]
    fn hedges_conditionals_and_own_voice_denials() {
        let text = "Freedonia has reportedly sent troops to the front.\nIf Freedonian troops fight, the war will widen.\nFreedonia has not sent any troops to the front.";
        let c = run(
            text,
            &[
                ("Freedonia", 0, EntityKind::Place, "Freedonia"),
                ("Freedonian", 0, EntityKind::Place, "Freedonia"),
                ("Freedonia", 2, EntityKind::Place, "Freedonia"),
            ],
        );
        let stances: Vec<Stance> = c.iter().map(|c| c.stance).collect();
        assert_eq!(stances[0], Stance::Hedges);
        assert_eq!(stances[1], Stance::Hedges, "{c:#?}");
        // An own-voice negative statement asserts a negative fact; the
        // linker makes it a denial where others assert the positive one.
        let last = c.last().unwrap();
        assert_eq!(last.stance, Stance::Asserts);
        assert!(last.negated && !last.meta);
    }

    #[test]
    fn two_propositions_in_one_sentence_are_two_claims() {
        let text = "Freedonia has been supplying weapons to Sylvania ever since the two countries signed a defense pact in June.";
        let c = run(
            text,
            &[
                ("Freedonia", 0, EntityKind::Place, "Freedonia"),
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
            ],
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert!(c[0].keys.contains(&"c:WEAPONS".to_string()));
        assert!(c[1].keys.contains(&"c:PACT".to_string()));
        // "the two countries" inherits the two states named before.
        assert!(
            c[1].keys.contains(&"e:freedonia".to_string()),
            "{:?}",
            c[1].keys
        );
    }

    #[test]
    fn relative_clauses_on_entities_are_claims_of_their_own() {
        let text = "He sought help from Ruritania, which has supplied drones, and Freedonia, which has shipped ammunition, according to Western governments.";
        let c = run(
            text,
            &[
                ("Ruritania", 0, EntityKind::Place, "Ruritania"),
                ("Freedonia", 0, EntityKind::Place, "Freedonia"),
                (
                    "Western governments",
                    0,
                    EntityKind::Group,
                    "Western governments",
                ),
            ],
        );
        let rel: Vec<&Claim> = c
            .iter()
            .filter(|c| c.text.starts_with("Ruritania") || c.text.starts_with("Freedonia"))
            .collect();
        assert_eq!(rel.len(), 2, "{c:#?}");
        assert!(
            rel.iter()
                .all(|c| c.origin.as_deref() == Some("Western governments"))
        );
    }

    #[test]
    fn stopping_short_of_confirming_reports_a_denial() {
        let text = "The minister stopped short of confirming Freedonian soldiers were in Sylvania.";
        let c = run(
            text,
            &[
                ("Freedonian", 0, EntityKind::Place, "Freedonia"),
                ("Sylvania", 0, EntityKind::Place, "Sylvania"),
            ],
        );
        assert_eq!(c[0].stance, Stance::ReportsDenial);
        assert_eq!(c[0].text, "Freedonian soldiers were in Sylvania.");
    }

    #[test]
    fn a_firm_is_one_key_with_or_without_its_seat_and_legal_form() {
        assert_eq!(name_key("Budapest-based BAC Consulting"), "bac consulting");
        assert_eq!(name_key("BAC Consulting KFT"), "bac consulting");
        assert_eq!(name_key("Gold Apollo Co., Ltd."), "gold apollo");
        // A name that is nothing but such a word stays whole.
        assert_eq!(name_key("AG"), "ag");
        assert_eq!(name_key("Kim Jong Un"), "kim jong un");
    }

    #[test]
    fn responsibility_and_response_are_different_keys() {
        assert_eq!(word_key("responsibility"), word_key("responsible"));
        assert_ne!(word_key("responsibility"), word_key("response"));
    }
}
