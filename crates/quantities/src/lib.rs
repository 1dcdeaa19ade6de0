//! Numbers, ranges and vague amounts with their units and qualifiers.
//!
//! The scan works on a small token stream per sentence (words, numbers,
//! punctuation, with byte offsets) and looks at a few tokens around each
//! number: the qualifier before it ("at least", "an estimated"), a range
//! partner ("to 5,000", "between ... and ..."), the counted noun after it
//! (skipping adjectives and nationalities), and the verbs around it that say
//! what is counted ("were killed", "wounding"). Everything is table-driven
//! `match` on lower-cased ASCII words: no regexes, one linear pass.
//!
//! Written by hand because no maintained Rust crate extracts news-style
//! quantities with their counted noun, qualifier and range (numeric-parsing
//! crates stop at the number itself).
//!
//! Conventions, as stored in [`Quantity`]:
//! - point values: `value` is the number; `min` is set for lower-bound
//!   qualifiers ("at least", "more than", "over", "above"...), `max` for
//!   upper-bound ones ("up to", "fewer than", "under"...);
//! - ranges ("between 2,750 and 2,800", "3,000 to 5,000", "3,000-5,000"):
//!   `value` is `None`, `min`/`max` are the bounds, the qualifier is
//!   "between" for the between-form and `None` otherwise;
//! - vague amounts ("thousands of", "dozens", "a large number of"):
//!   `value` is `None`, `vague` is the phrase without "of", and `min`/`max`
//!   a rough reading: dozens 24..99, scores 40..199, hundreds 200..999,
//!   thousands 2,000..9,999, tens of thousands 20,000..99,999, hundreds of
//!   thousands 200,000..999,999, millions 2M..999M, several/a few hundred
//!   200..999 (and alike); "a large number" has no bounds.
//! - `measure`: "troops", "deaths", "injured", "money", "percent", else the
//!   singular of the counted noun ("people", "tank").

pub mod dates;

use crosscheck_model::{Quantity, Sentence};

/// Finds the quantities of every sentence that is not boilerplate.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Quantity> {
    let mut out = Vec::new();
    for s in sentences.iter().filter(|s| !s.boilerplate) {
        let Some(src) = text.get(s.start..s.end) else {
            continue;
        };
        scan_sentence(src, s.start, s.index, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------
// Tokens (shared with the date finder).
// ---------------------------------------------------------------------------

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TokKind {
    /// Letters (with inner apostrophes and hyphens).
    Word,
    /// Digits with optional thousands separators and decimals; `scale` is an
    /// attached multiplier ("20bn", "5m"), 1 otherwise.
    Num {
        value: f64,
        sep: bool,
        frac: bool,
        scale: f64,
    },
    /// "23rd", "1st".
    Ordinal(u32),
    /// Three digit groups joined by `-`, `/` or `.` shaped like a date.
    DateLike,
    /// "10:30", "3pm".
    Time,
    /// Codes and other digit-letter mixes ("IC-V82", "F-16", "1990s", phone numbers).
    Other,
    Punct(char),
}

/// A token with byte offsets relative to the scanned string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// Splits `s` into tokens. Linear; offsets are always on char boundaries.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_ascii_digit() {
            let (tok, next) = number(s, i);
            out.push(tok);
            i = next;
        } else if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut digit = false;
            while let Some(d) = s[j..].chars().next() {
                if d.is_alphanumeric() {
                    digit |= d.is_ascii_digit();
                    j += d.len_utf8();
                    continue;
                }
                if matches!(d, '\'' | '’' | '-' | '‑') {
                    let after = j + d.len_utf8();
                    if s[after..].chars().next().is_some_and(char::is_alphanumeric) {
                        j = after;
                        continue;
                    }
                }
                break;
            }
            let kind = if digit { TokKind::Other } else { TokKind::Word };
            out.push(Tok {
                start: i,
                end: j,
                kind,
            });
            i = j;
        } else {
            let end = i + c.len_utf8();
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Punct(c),
            });
            i = end;
        }
    }
    out
}

fn digits_from(b: &[u8], mut j: usize) -> usize {
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Reads a number starting at byte `st` (an ASCII digit).
fn number(s: &str, st: usize) -> (Tok, usize) {
    let b = s.as_bytes();
    let len = b.len();
    let mut j = digits_from(b, st);
    let first_len = j - st;
    let tok = |end: usize, kind| {
        (
            Tok {
                start: st,
                end,
                kind,
            },
            end,
        )
    };
    // Times: 10:30, 9:45pm.
    if first_len <= 2 && j + 1 < len && b[j] == b':' && b[j + 1].is_ascii_digit() {
        let mut k = digits_from(b, j + 1);
        let l = letters_from(b, k);
        if matches!(
            s[k..l].to_ascii_lowercase().as_str(),
            "am" | "pm" | "h" | "hrs"
        ) {
            k = l;
        }
        return tok(k, TokKind::Time);
    }
    // Three or more digit groups: dates (2024-10-23, 23/10/2024) or phone-like numbers.
    if j < len && matches!(b[j], b'-' | b'/' | b'.') {
        let sepc = b[j];
        let mut groups = vec![first_len];
        let mut k = j;
        while k + 1 < len && b[k] == sepc && b[k + 1].is_ascii_digit() {
            let e = digits_from(b, k + 1);
            groups.push(e - k - 1);
            k = e;
        }
        if groups.len() >= 3 {
            let datey = groups.len() == 3
                && ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2)
                    || (groups[0] <= 2 && groups[1] <= 2 && matches!(groups[2], 2 | 4)));
            let kind = if datey {
                TokKind::DateLike
            } else {
                TokKind::Other
            };
            return tok(k, kind);
        }
    }
    let mut sep = false;
    while j + 3 < len
        && b[j] == b','
        && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
        && (j + 4 == len || !b[j + 4].is_ascii_digit())
    {
        j += 4;
        sep = true;
    }
    let mut frac = false;
    if j + 1 < len && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j = digits_from(b, j + 1);
        frac = true;
    }
    let digits: String = s[st..j].chars().filter(|c| *c != ',').collect();
    let Ok(value) = digits.parse::<f64>() else {
        return tok(j, TokKind::Other);
    };
    let l = letters_from(b, j);
    if l > j || s[l..].chars().next().is_some_and(char::is_alphanumeric) {
        if s[l..].chars().next().is_some_and(char::is_alphanumeric) {
            return tok(l, TokKind::Other);
        }
        let kind = match s[j..l].to_ascii_lowercase().as_str() {
            "st" | "nd" | "rd" | "th" if !sep && !frac => {
                TokKind::Ordinal(u32::try_from(value as u64).unwrap_or(0))
            }
            "am" | "pm" => TokKind::Time,
            "bn" | "b" | "billion" => TokKind::Num {
                value,
                sep,
                frac,
                scale: 1e9,
            },
            "m" | "mn" | "mln" | "million" => TokKind::Num {
                value,
                sep,
                frac,
                scale: 1e6,
            },
            "k" => TokKind::Num {
                value,
                sep,
                frac,
                scale: 1e3,
            },
            "tn" | "trillion" => TokKind::Num {
                value,
                sep,
                frac,
                scale: 1e12,
            },
            _ => TokKind::Other,
        };
        return tok(l, kind);
    }
    tok(
        j,
        TokKind::Num {
            value,
            sep,
            frac,
            scale: 1.0,
        },
    )
}

fn letters_from(b: &[u8], mut j: usize) -> usize {
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

// ---------------------------------------------------------------------------
// Word tables.
// ---------------------------------------------------------------------------

/// The value of a number word ("seven", "twenty-five"); `None` otherwise.
pub(crate) fn word_number(w: &str) -> Option<f64> {
    let v = match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        _ => return tens(w).or_else(|| compound(w)),
    };
    Some(v)
}

fn tens(w: &str) -> Option<f64> {
    Some(match w {
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// "twenty-five" (any hyphen kind).
fn compound(w: &str) -> Option<f64> {
    let (a, b) = w.split_once(['-', '‑'])?;
    let t = tens(a)?;
    let u = word_number(b).filter(|u| *u < 10.0)?;
    Some(t + u)
}

/// Multipliers written as words after a number.
fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Words that, right before a number, make it a label, not an amount.
fn is_label_word(w: &str) -> bool {
    matches!(
        w,
        "page"
            | "pages"
            | "p"
            | "pp"
            | "section"
            | "article"
            | "chapter"
            | "paragraph"
            | "para"
            | "clause"
            | "resolution"
            | "no"
            | "nos"
            | "number"
            | "item"
            | "rule"
            | "amendment"
            | "room"
            | "flight"
            | "route"
            | "highway"
            | "platform"
            | "gate"
            | "terminal"
            | "episode"
            | "season"
            | "volume"
            | "vol"
            | "issue"
            | "phase"
            | "level"
            | "grade"
            | "category"
            | "model"
            | "version"
            | "stage"
            | "district"
            | "ward"
            | "precinct"
            | "floor"
            | "apartment"
            | "suite"
            | "war"
            | "covid"
            | "formula"
            | "aged"
            | "age"
            | "ages"
            | "code"
            | "tel"
            | "phone"
            | "ext"
            | "pin"
    )
}

/// Currency symbols written before an amount.
fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₪' | '₺' | '₦' | '₴' | '₱' | '₫'
    )
}

/// Currency codes and abbreviations written before an amount.
fn is_currency_code(w: &str) -> bool {
    matches!(
        w,
        "rs" | "inr"
            | "usd"
            | "eur"
            | "gbp"
            | "jpy"
            | "cny"
            | "rmb"
            | "rub"
            | "chf"
            | "aud"
            | "cad"
    )
}

/// Currency words written after an amount.
fn is_currency_word(w: &str) -> bool {
    matches!(
        w,
        "dollar"
            | "dollars"
            | "euro"
            | "euros"
            | "pound"
            | "pounds"
            | "yen"
            | "rupee"
            | "rupees"
            | "rouble"
            | "roubles"
            | "ruble"
            | "rubles"
            | "yuan"
            | "renminbi"
            | "shekel"
            | "shekels"
            | "lira"
            | "liras"
            | "naira"
            | "franc"
            | "francs"
            | "dinar"
            | "dinars"
            | "riyal"
            | "riyals"
            | "dirham"
            | "dirhams"
            | "hryvnia"
            | "hryvnias"
            | "pesos"
            | "peso"
            | "rand"
            | "forint"
            | "forints"
            | "zloty"
            | "zlotys"
            | "krona"
            | "kronor"
            | "kroner"
            | "ringgit"
            | "rupiah"
            | "baht"
    )
}

/// Closed-class words that end a counted-noun run.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "by"
            | "for"
            | "with"
            | "without"
            | "into"
            | "across"
            | "near"
            | "since"
            | "during"
            | "after"
            | "before"
            | "over"
            | "under"
            | "per"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "as"
            | "than"
            | "who"
            | "whom"
            | "which"
            | "whose"
            | "what"
            | "where"
            | "when"
            | "while"
            | "if"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "it"
            | "its"
            | "they"
            | "them"
            | "their"
            | "he"
            | "she"
            | "his"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "me"
            | "my"
            | "not"
            | "no"
            | "so"
            | "also"
            | "each"
            | "all"
            | "both"
            | "most"
            | "less"
            | "least"
            | "said"
            | "says"
            | "say"
            | "according"
            | "including"
            | "among"
            | "about"
            | "around"
            | "up"
            | "down"
            | "out"
            | "off"
            | "there"
            | "here"
            | "then"
            | "now"
            | "ago"
            | "later"
            | "earlier"
            | "again"
            | "yet"
            | "still"
            | "just"
            | "only"
            | "even"
            | "ever"
            | "already"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "last"
            | "next"
            | "times"
            | "time"
            | "percent"
            | "pct"
            | "via"
            | "amid"
            | "against"
            | "toward"
            | "towards"
            | "through"
            | "until"
            | "till"
            | "within"
            | "because"
            | "due"
            | "whether"
            | "like"
            | "unlike"
            | "such"
            | "how"
            | "why"
            | "remain"
            | "remained"
            | "remains"
    )
}

/// Adjectives that may sit between a number and the counted noun.
fn is_adjective(w: &str, capitalised: bool) -> bool {
    if capitalised {
        // Nationalities and regions ("North Korean", "Israeli", "Lebanese").
        return matches!(
            w,
            "north" | "south" | "east" | "west" | "northern" | "southern" | "eastern" | "western"
        ) || [
            "an", "ian", "ese", "ish", "ean", "ic", "ch", "sh", "i", "ani",
        ]
        .iter()
        .any(|s| w.ends_with(s) && w.len() > s.len() + 2)
            && !w.ends_with('s');
    }
    matches!(
        w,
        "more"
            | "other"
            | "additional"
            | "new"
            | "young"
            | "old"
            | "extra"
            | "further"
            | "total"
            | "separate"
            | "different"
            | "foreign"
            | "local"
            | "elderly"
            | "innocent"
            | "armed"
            | "unarmed"
            | "trained"
            | "elite"
            | "active"
            | "small"
            | "large"
            | "big"
            | "key"
            | "top"
            | "senior"
            | "junior"
            | "former"
            | "fellow"
            | "active-duty"
            | "pro-russian"
            | "pro-government"
    ) || [
        "al", "ous", "ive", "ful", "less", "ic", "ible", "able", "ary", "ian", "an", "ese",
    ]
    .iter()
    .any(|s| w.ends_with(s) && w.len() > s.len() + 2)
}

/// Participles that can stand alone as the counted group ("2,750 wounded").
fn is_nominal_participle(w: &str) -> bool {
    matches!(
        w,
        "wounded"
            | "injured"
            | "dead"
            | "killed"
            | "missing"
            | "displaced"
            | "detained"
            | "arrested"
            | "hospitalised"
            | "hospitalized"
            | "evacuated"
            | "infected"
            | "affected"
            | "unemployed"
            | "homeless"
            | "hurt"
    )
}

fn is_troop_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "troop"
            | "soldier"
            | "personnel"
            | "servicemen"
            | "serviceman"
            | "servicemember"
            | "marine"
            | "paratrooper"
            | "reservist"
            | "conscript"
            | "mercenary"
            | "force"
            | "infantryman"
            | "infantrymen"
            | "commando"
    )
}

/// Nouns for people, whose measure the verbs around them decide.
fn is_person_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "people"
            | "other"
            | "civilian"
            | "child"
            | "woman"
            | "man"
            | "adult"
            | "resident"
            | "fighter"
            | "militant"
            | "member"
            | "victim"
            | "patient"
            | "worker"
            | "staff"
            | "officer"
            | "police"
            | "policeman"
            | "policemen"
            | "journalist"
            | "student"
            | "protester"
            | "protestor"
            | "migrant"
            | "refugee"
            | "passenger"
            | "citizen"
            | "inhabitant"
            | "villager"
            | "combatant"
            | "insurgent"
            | "rebel"
            | "guard"
            | "employee"
            | "doctor"
            | "nurse"
            | "paramedic"
            | "medic"
            | "firefighter"
            | "pilgrim"
            | "worshipper"
            | "tourist"
            | "hostage"
            | "prisoner"
            | "detainee"
            | "settler"
            | "operative"
            | "boy"
            | "girl"
            | "baby"
            | "infant"
            | "teenager"
            | "person"
            | "individual"
            | "body"
    ) || is_troop_noun(lemma)
}

/// Measure named by a counted noun itself.
fn noun_measure(lemma: &str) -> Option<&'static str> {
    Some(match lemma {
        "dead" | "death" | "fatality" | "killed" | "deceased" | "life" | "lives" => "deaths",
        "wounded" | "injured" | "injury" | "hurt" => "injured",
        l if is_troop_noun(l) => "troops",
        _ => return None,
    })
}

/// Measure named by a verb or noun near the number.
fn cue_measure(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "killing" | "kill" | "kills" | "died" | "dead" | "death" | "deaths" | "die"
        | "dying" | "fatalities" | "perished" | "slain" | "murdered" | "toll" | "lives" => "deaths",
        "wounded" | "wounding" | "wound" | "wounds" | "injured" | "injuring" | "injure"
        | "injures" | "injuries" | "hurt" | "hospitalised" | "hospitalized" | "intensive"
        | "critical" | "critically" | "condition" => "injured",
        "sent" | "send" | "sending" | "deployed" | "deploy" | "deploying" | "dispatched"
        | "stationed" | "mobilised" | "mobilized" | "amassed" | "massed" | "transferred" => {
            "troops"
        }
        _ => return None,
    })
}

/// Words that may stand between a counted noun and the verb that says what
/// happened to it ("were reportedly killed", "are reported to have been injured").
fn is_forward_filler(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "reportedly"
            | "reported"
            | "allegedly"
            | "believed"
            | "thought"
            | "said"
            | "feared"
            | "confirmed"
            | "also"
            | "all"
            | "both"
            | "later"
            | "since"
            | "now"
            | "already"
            | "to"
            | "seriously"
            | "severely"
            | "badly"
            | "lightly"
            | "slightly"
            | "mortally"
            | "fatally"
            | "gravely"
            | "of"
            | "them"
            | "which"
            | "whom"
            | "in"
            | "suffered"
            | "sustained"
            | "remain"
            | "remained"
            | "remaining"
            | "serious"
            | "stable"
            | "who"
            | "that"
            | "got"
            | "still"
            | "initially"
            | "officially"
            | "apparently"
            | "likely"
            | "may"
            | "might"
            | "could"
            | "would"
            | "will"
            | "so"
            | "far"
            | "others"
    )
}

/// Words that may stand between a verb and the number it governs
/// ("killing at least", "the toll rose to", "the number of injured is above").
fn is_backward_filler(w: &str) -> bool {
    matches!(
        w,
        "to" | "at"
            | "by"
            | "of"
            | "reached"
            | "rose"
            | "risen"
            | "climbed"
            | "jumped"
            | "stood"
            | "stands"
            | "stand"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "now"
            | "further"
            | "another"
            | "the"
            | "number"
            | "reportedly"
            | "also"
            | "left"
            | "leaving"
    )
}

/// Qualifier phrases before a number, longest first within each head word.
const QUALIFIERS: &[&[&str]] = &[
    &["no", "fewer", "than"],
    &["no", "less", "than"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["not", "less", "than"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["in", "excess", "of"],
    &["a", "maximum", "of"],
    &["a", "minimum", "of"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["higher", "than"],
    &["greater", "than"],
    &["upwards", "of"],
    &["just", "over"],
    &["just", "under"],
    &["just", "above"],
    &["just", "below"],
    &["well", "over"],
    &["well", "above"],
    &["an", "estimated"],
    &["estimate", "that"],
    &["estimates", "that"],
    &["estimated", "that"],
    &["estimated"],
    &["estimate"],
    &["estimates"],
    &["about"],
    &["around"],
    &["some"],
    &["nearly"],
    &["almost"],
    &["over"],
    &["above"],
    &["below"],
    &["under"],
    &["roughly"],
    &["approximately"],
    &["approx"],
    &["circa"],
    &["between"],
    &["exactly"],
];

fn qualifier_bounds(q: &str) -> (bool, bool) {
    let lower = matches!(
        q,
        "at least"
            | "more than"
            | "over"
            | "above"
            | "no fewer than"
            | "no less than"
            | "not less than"
            | "in excess of"
            | "upwards of"
            | "higher than"
            | "greater than"
            | "just over"
            | "just above"
            | "well over"
            | "well above"
            | "a minimum of"
            | "or more"
    );
    let upper = matches!(
        q,
        "up to"
            | "at most"
            | "less than"
            | "fewer than"
            | "under"
            | "below"
            | "no more than"
            | "not more than"
            | "as many as"
            | "as much as"
            | "just under"
            | "just below"
            | "a maximum of"
    );
    (lower, upper)
}

/// Singular lower-case form of a counted noun.
fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    let w = w
        .trim_end_matches(['\'', '’'])
        .trim_end_matches("'s")
        .trim_end_matches("’s");
    match w {
        "people" | "persons" => return "people".into(),
        "children" => return "child".into(),
        "women" => return "woman".into(),
        "men" => return "man".into(),
        "lives" => return "lives".into(),
        "police" | "personnel" | "staff" | "news" | "series" => return w.into(),
        _ => {}
    }
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    if w.ends_with("sses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes") {
        return w[..w.len() - 2].to_string();
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

// ---------------------------------------------------------------------------
// The scan.
// ---------------------------------------------------------------------------

/// A sentence's tokens and the views of them that both the quantity and
/// the date finders read.
pub(crate) struct Tokens<'a> {
    pub(crate) src: &'a str,
    pub(crate) lower: String,
    pub(crate) toks: Vec<Tok>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(src: &'a str, toks: Vec<Tok>) -> Self {
        Tokens {
            src,
            lower: src.to_ascii_lowercase(),
            toks,
        }
    }

    /// The lower-cased text of word token `i`.
    pub(crate) fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Word).then(|| &self.lower[t.start..t.end])
    }

    pub(crate) fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    pub(crate) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| self.src[t.start..].chars().next())
            .is_some_and(char::is_uppercase)
    }
}

struct Ctx<'a> {
    t: Tokens<'a>,
    title: bool,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Tokens<'a>;
    fn deref(&self) -> &Tokens<'a> {
        &self.t
    }
}

impl Ctx<'_> {
    /// Token `i` directly touches token `i + 1` (no space).
    fn touches(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn is_number_token(&self, i: usize) -> bool {
        matches!(self.toks.get(i).map(|t| t.kind), Some(TokKind::Num { .. }))
            || self.word(i).is_some_and(|w| word_number(w).is_some())
    }
}

/// An amount: a number in digits or words with its scale.
#[derive(Debug, Clone, Copy)]
struct Amount {
    start: usize,
    end: usize,
    value: f64,
    /// The number before any scale word ("1.5" in "1.5 million").
    raw: f64,
    scale: f64,
    words: bool,
    only_one: bool,
    /// Digits without separators, decimals or scale ("2024", "17").
    plain: bool,
}

fn parse_amount(c: &Ctx, i: usize) -> Option<Amount> {
    let t = c.toks.get(i)?;
    if let TokKind::Num {
        value,
        sep,
        frac,
        scale,
    } = t.kind
    {
        let mut end = i + 1;
        let mut sc = scale;
        if scale == 1.0
            && let Some(s) = c.word(end).and_then(scale_word)
            && !(s == 100.0 && sep)
        {
            sc = s;
            end += 1;
        }
        return Some(Amount {
            start: i,
            end,
            value: value * sc,
            raw: value,
            scale: sc,
            words: false,
            only_one: false,
            plain: !sep && !frac && sc == 1.0,
        });
    }
    // Number words: "twelve", "two hundred and fifty", "a thousand", "two dozen".
    let mut j = i;
    let (mut total, mut cur) = (0.0_f64, 0.0_f64);
    let mut any = false;
    let mut only_one = true;
    let mut last_small: Option<f64> = None;
    let mut last_scale = 1.0;
    while let Some(w) = c.word(j) {
        if (w == "a" || w == "an") && j == i {
            let next = c.word(j + 1);
            if next.is_some_and(|n| scale_word(n).is_some() || n == "dozen") {
                cur = 1.0;
                j += 1;
                continue;
            }
            break;
        }
        if let Some(v) = word_number(w) {
            match last_small {
                Some(prev) if !(prev >= 20.0 && prev % 10.0 == 0.0 && v < 10.0) => break,
                _ => {}
            }
            cur += v;
            last_small = Some(v);
            any = true;
            only_one &= v == 1.0;
            j += 1;
            continue;
        }
        if w == "dozen" {
            cur = cur.max(1.0) * 12.0;
        } else if w == "hundred" {
            cur = cur.max(1.0) * 100.0;
        } else if let Some(s) = scale_word(w).filter(|s| *s > 100.0) {
            total += cur.max(1.0) * s;
            cur = 0.0;
            last_scale = s;
        } else if w == "and"
            && any
            && last_small.is_none()
            && c.word(j + 1).and_then(word_number).is_some()
        {
            j += 1;
            continue;
        } else {
            break;
        }
        any = true;
        only_one = false;
        last_small = None;
        j += 1;
    }
    if !any {
        return None;
    }
    let value = total + cur;
    Some(Amount {
        start: i,
        end: j,
        value,
        raw: value,
        scale: if total > 0.0 && cur == 0.0 {
            last_scale
        } else {
            1.0
        },
        words: true,
        only_one,
        plain: false,
    })
}

/// A vague amount at `i`: (end token, phrase, min, max).
fn parse_vague(c: &Ctx, i: usize) -> Option<(usize, usize, Option<f64>, Option<f64>)> {
    let w = c.word(i)?;
    let plural = |w: &str| -> Option<(f64, f64)> {
        Some(match w {
            "dozens" => (24.0, 99.0),
            "scores" => (40.0, 199.0),
            "hundreds" => (200.0, 999.0),
            "thousands" => (2e3, 9_999.0),
            "millions" => (2e6, 999e6),
            "billions" => (2e9, 999e9),
            _ => return None,
        })
    };
    // (phrase end, min, max)
    let (end, min, max) = match w {
        "tens" | "hundreds"
            if c.is_word(i + 1, "of")
                && c.word(i + 2)
                    .is_some_and(|n| matches!(n, "thousands" | "millions")) =>
        {
            let base = if w == "tens" { 10.0 } else { 100.0 };
            let s = if c.is_word(i + 2, "thousands") {
                1e3
            } else {
                1e6
            };
            (i + 3, Some(2.0 * base * s), Some(10.0 * base * s - 1.0))
        }
        "scores" if !c.is_word(i + 1, "of") => return None,
        _ if plural(w).is_some() => {
            let (lo, hi) = plural(w)?;
            (i + 1, Some(lo), Some(hi))
        }
        "several" | "multiple" | "numerous"
            if c.word(i + 1).and_then(scale_word).is_none()
                && c.word(i + 1).is_some_and(|n| n != "of" && !is_stop(n)) =>
        {
            // "multiple explosions", "several loud alarms": more than one (the
            // counted noun must follow: see `quantity_at`).
            (i + 1, Some(if w == "several" { 3.0 } else { 2.0 }), None)
        }
        "several" | "few" | "many" => {
            let start_ok = w != "few" || (i > 0 && c.is_word(i - 1, "a"));
            let s = c.word(i + 1).and_then(|n| match n {
                "dozen" => Some(12.0),
                "hundred" => Some(100.0),
                "thousand" => Some(1e3),
                "million" => Some(1e6),
                "billion" => Some(1e9),
                _ => None,
            });
            let s = s.filter(|_| start_ok)?;
            let lo = if w == "several" { 3.0 } else { 2.0 };
            (i + 2, Some(lo * s), Some(10.0 * s - 1.0))
        }
        "a" | "large" => {
            // "a large number of", "large numbers of", "a handful of".
            let mut j = i + usize::from(w == "a");
            let size = c.word(j)?;
            if matches!(size, "handful") {
                (j + 1, Some(3.0), Some(9.0))
            } else if size == "number" && w == "a" && c.is_word(j + 1, "of") {
                // "a number of older bridges"
                (j + 1, Some(2.0), None)
            } else if matches!(
                size,
                "large" | "huge" | "great" | "significant" | "considerable" | "vast"
            ) {
                j += 1;
                if !matches!(c.word(j), Some("number" | "numbers")) || !c.is_word(j + 1, "of") {
                    return None;
                }
                (j + 1, None, None)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some((end, end, min, max))
}

fn is_title_case(c: &Ctx) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for (i, t) in c.toks.iter().enumerate() {
        if t.kind == TokKind::Word && t.end - t.start > 3 {
            words += 1;
            caps += usize::from(c.capitalised(i));
        }
    }
    words >= 3 && caps * 10 >= words * 7
}

fn scan_sentence(src: &str, base: usize, sentence: usize, out: &mut Vec<Quantity>) {
    let toks = tokenize(src);
    if !toks
        .iter()
        .any(|t| matches!(t.kind, TokKind::Num { .. } | TokKind::Word))
    {
        return;
    }
    let mut c = Ctx {
        t: Tokens::new(src, toks),
        title: false,
    };
    c.title = is_title_case(&c);
    let forecast = is_forecast(&c);
    let mut i = 0;
    while i < c.toks.len() {
        match quantity_at(&c, i) {
            Some((mut q, next)) => {
                q.measure = q
                    .measure
                    .take()
                    .map(|m| like_with_like(&c, &q, m, next, forecast));
                q.sentence = sentence;
                q.start += base;
                q.end += base;
                out.push(q);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// The measure a quantity is compared under: one measure of one kind of
/// thing, so that a quantity group never sets unlike figures side by side
/// (issue 17, item 5). Money is kept apart by currency, an area from a
/// length, a subset ("200 critically injured") from its total, a forecast
/// from a report, and an age by whose age it is where the text says.
fn like_with_like(c: &Ctx, q: &Quantity, measure: String, next: usize, forecast: bool) -> String {
    let mut m = measure;
    if m == "money"
        && let Some(code) = q.unit.as_deref().map(currency_code)
    {
        m = format!("money ({code})");
    }
    let unit = q.unit.as_deref().unwrap_or_default().to_lowercase();
    if unit.starts_with("square ") || unit.starts_with("sq ") || unit.starts_with("sq. ") {
        m = format!("area ({m})");
    }
    if m == "age" {
        // "David Smith, 57": the name before the comma.
        if let Some(name) = name_before_apposition(c, q) {
            m = format!("age ({name})");
        }
    }
    if let Some(w) = c.word(next).filter(|w| is_subset_adverb(w)) {
        m = format!("{m} ({w})");
    }
    if forecast {
        m = format!("{m} (forecast)");
    }
    m
}

/// ISO-like code of a currency as written ("US$", "$", "dollars" → USD).
/// A bare "$" is read as US dollars, the commonest in English news.
fn currency_code(unit: &str) -> String {
    let u = unit.trim().to_lowercase();
    let u = u.trim_end_matches('.');
    match u {
        "$" | "us$" | "usd" | "dollar" | "dollars" => "USD",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pound" | "pounds" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₹" | "rs" | "inr" | "rupee" | "rupees" => "INR",
        "₽" | "rub" | "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "cny" | "rmb" | "yuan" | "renminbi" => "CNY",
        "forint" | "forints" => "HUF",
        "₪" | "shekel" | "shekels" => "ILS",
        "₴" | "hryvnia" | "hryvnias" => "UAH",
        "a$" | "au$" | "aud" => "AUD",
        "c$" | "ca$" | "cad" => "CAD",
        "hk$" => "HKD",
        "nz$" => "NZD",
        "chf" | "franc" | "francs" => "CHF",
        other => return other.to_string(),
    }
    .to_string()
}

/// "critically", "seriously": the figure counts part of a total.
fn is_subset_adverb(w: &str) -> bool {
    matches!(
        w,
        "critically" | "seriously" | "severely" | "gravely" | "lightly" | "moderately" | "fatally"
    )
}

/// The capitalised words right before ", N" of an age in apposition.
fn name_before_apposition(c: &Ctx, q: &Quantity) -> Option<String> {
    let i = c.toks.iter().position(|t| t.start == q.start)?;
    if i < 2 || c.punct(i - 1) != Some(',') {
        return None;
    }
    let mut first = i - 1;
    while first > 0 && c.word(first - 1).is_some() && c.capitalised(first - 1) && i - first < 5 {
        first -= 1;
    }
    (first < i - 1).then(|| c.src[c.toks[first].start..c.toks[i - 2].end].to_string())
}

/// Whether a sentence gives figures as a forecast rather than a report:
/// "forecast", "projected", "predicts", "by 2030", "will reach".
fn is_forecast(c: &Ctx) -> bool {
    (0..c.toks.len()).any(|i| match c.word(i) {
        Some(
            "forecast" | "forecasts" | "forecasting" | "projected" | "projection" | "projections"
            | "predicts" | "predicted" | "prediction" | "predictions",
        ) => true,
        Some("by") => matches!(
            c.toks.get(i + 1).map(|t| t.kind),
            Some(TokKind::Num { value, .. }) if (2000.0..=2100.0).contains(&value)
        ),
        Some("will" | "could" | "would") => matches!(
            c.word(i + 1),
            Some(
                "reach"
                    | "rise"
                    | "grow"
                    | "climb"
                    | "fall"
                    | "drop"
                    | "hit"
                    | "exceed"
                    | "top"
                    | "double"
                    | "triple"
                    | "surpass"
            )
        ),
        _ => false,
    })
}

/// The qualifier phrase ending right before token `i`: (first token, text).
fn qualifier_before(c: &Ctx, i: usize) -> Option<(usize, String)> {
    for q in QUALIFIERS {
        let n = q.len();
        if i < n {
            continue;
        }
        if q.iter().enumerate().all(|(k, w)| c.is_word(i - n + k, w)) {
            let text = match q {
                [w, "that"] if w.starts_with("estimate") => {
                    if *w == "estimated" {
                        "estimated".to_string()
                    } else {
                        "estimate".to_string()
                    }
                }
                ["estimates"] => "estimate".to_string(),
                _ => q.join(" "),
            };
            return Some((i - n, text));
        }
    }
    None
}

/// Whether a plain number at `a` is a year, date part, time, label or code.
fn not_an_amount(c: &Ctx, a: &Amount, has_currency: bool, has_qualifier: bool) -> bool {
    let i = a.start;
    let next = c.word(a.end);
    let prev = if i > 0 { c.word(i - 1) } else { None };
    // A number hanging off another by "-" or "/" that did not make a range (2022-23).
    if i >= 2
        && matches!(c.punct(i - 1), Some('-' | '/' | '–'))
        && c.touches(i - 1)
        && c.is_number_token(i - 2)
    {
        return true;
    }
    // Scores and votes: "11–1", "3-2" (a real range returned earlier).
    if matches!(c.punct(i + 1), Some('-' | '–' | '—'))
        && c.touches(i)
        && matches!(c.toks.get(i + 2).map(|t| t.kind), Some(TokKind::Num { .. }))
    {
        return true;
    }
    // A day in a list of days: "September 17 and 18".
    if a.plain
        && a.value <= 31.0
        && i >= 3
        && matches!(c.word(i - 1), Some("and" | "or" | "to" | "through"))
        && matches!(c.toks[i - 2].kind, TokKind::Num { value, .. } if value <= 31.0)
        && c.word(i - 3).is_some_and(is_month)
    {
        return true;
    }
    // Phone-like: "+44 20 ..."
    let mut p = i;
    while p > 0 && matches!(c.toks[p - 1].kind, TokKind::Num { .. }) {
        p -= 1;
    }
    if p > 0 && c.punct(p - 1) == Some('+') && c.touches(p - 1) {
        return true;
    }
    // Times: "3 p.m.", "10 am", "1400 GMT".
    if !a.words
        && (matches!(
            next,
            Some("am" | "pm" | "gmt" | "utc" | "hrs" | "hours" | "o'clock")
        ) && !matches!(next, Some("hours") if !a.plain || a.value < 100.0)
            || (matches!(next, Some("a" | "p")) && c.punct(a.end + 1) == Some('.')))
    {
        return true;
    }
    if a.words {
        return false;
    }
    // Labels: "page 3", "Resolution 1701", "World War 2", "No. 5", "#3".
    let prev_tok = if i > 0 && c.punct(i - 1) == Some('.') {
        i.checked_sub(2)
    } else {
        i.checked_sub(1)
    };
    if let Some(p) = prev_tok
        && (c.word(p).is_some_and(is_label_word) || c.punct(p) == Some('#'))
    {
        return !has_qualifier && !has_currency;
    }
    if a.plain {
        // Dates: "October 23", "Oct. 23", "23 October".
        if a.value <= 31.0
            && (prev_tok.and_then(|p| c.word(p)).is_some_and(is_month)
                || next.is_some_and(is_month)
                || (next == Some("of") && c.word(a.end + 1).is_some_and(is_month)))
        {
            return true;
        }
        // Years.
        if (1800.0..=2100.0).contains(&a.value)
            && !has_currency
            && !has_qualifier
            && c.punct(a.end) != Some('%')
            && !matches!(next, Some("percent" | "per"))
        {
            return true;
        }
        // A proper name before a bare number: "Boeing 737", "Apollo 11".
        if let Some(p) = prev.filter(|_| i >= 2 && !c.title && c.capitalised(i - 1))
            && !is_month(p)
            && !is_weekday(p)
            && !is_stop(p)
            && qualifier_before(c, i).is_none()
        {
            return true;
        }
    }
    false
}

fn quantity_at(c: &Ctx, i: usize) -> Option<(Quantity, usize)> {
    // Vague amounts first: "thousands of", "a large number of".
    if let Some((end, _, min, max)) = parse_vague(c, i) {
        let vague_text = c.lower[c.toks[i].start..c.toks[end - 1].end].to_string();
        let after = if c.is_word(end, "of") { end + 1 } else { end };
        let (qstart, qualifier) = match qualifier_before(c, i) {
            Some((s, q)) => (s, Some(q)),
            None => (i, None),
        };
        let unit = unit_run(c, after, false);
        let (unit_text, unit_end) = match &unit {
            Some((s, e, _)) => (
                Some(c.src[c.toks[*s].start..c.toks[*e - 1].end].to_string()),
                *e,
            ),
            None => (None, end),
        };
        // "hundreds" alone must be followed by a noun, "of", or a verb cue.
        let measure = measure_for(c, qstart, unit.as_ref(), unit_end);
        if unit.is_none() && after == end && measure.is_none() {
            return None;
        }
        let q = make(
            c,
            qstart,
            unit_end,
            None,
            min,
            max,
            qualifier,
            Some(vague_text),
            unit_text,
            measure,
        );
        return Some((q, unit_end));
    }

    if let Some(found) = ordinal_count(c, i) {
        return Some(found);
    }

    // Currency before the amount.
    let mut j = i;
    let mut currency: Option<String> = None;
    if let Some(sym) = c.punct(i).filter(|ch| is_currency_symbol(*ch)) {
        currency = Some(sym.to_string());
        j = i + 1;
    } else if let Some(w) = c.word(i) {
        if c.punct(i + 1) == Some('$')
            && c.touches(i)
            && matches!(w, "us" | "a" | "c" | "hk" | "nz" | "s" | "au" | "ca")
        {
            currency = Some(c.src[c.toks[i].start..c.toks[i + 1].end].to_string());
            j = i + 2;
        } else if is_currency_code(w) && c.toks.get(i + 1).is_some() {
            let k = if c.punct(i + 1) == Some('.') {
                i + 2
            } else {
                i + 1
            };
            if matches!(c.toks.get(k).map(|t| t.kind), Some(TokKind::Num { .. })) {
                currency = Some(c.src[c.toks[i].start..c.toks[i].end].to_string());
                j = k;
            }
        }
    }
    let a = parse_amount(c, j)?;
    let (mut qstart, mut qualifier) = match qualifier_before(c, i) {
        Some((s, q)) => (s, Some(q)),
        None => (i, None),
    };
    // "one of the", "no one", "the one who".
    if a.only_one
        && (c.is_word(a.end, "of")
            || c.is_word(a.end, "another")
            || (i > 0
                && c.word(i - 1).is_some_and(|p| {
                    matches!(
                        p,
                        "the"
                            | "this"
                            | "that"
                            | "no"
                            | "any"
                            | "every"
                            | "each"
                            | "which"
                            | "only"
                            | "last"
                    )
                })))
    {
        return None;
    }

    // Ranges: "3,000 to 5,000", "3,000-5,000", "two or three", "between X and Y".
    let between = qualifier.as_deref() == Some("between");
    let joiner_ok = match (c.word(a.end), c.punct(a.end)) {
        (Some("and"), _) => between,
        (Some("to"), _) => {
            // "rose from 12 to 37" is a change, not a range.
            !(i >= 2
                && c.is_word(qstart.wrapping_sub(1), "from")
                && c.word(qstart.wrapping_sub(2)).is_some_and(is_change_verb))
        }
        (Some("or"), _) => a.words,
        (_, Some('-' | '–' | '—')) => !between,
        _ => false,
    };
    if joiner_ok {
        let mut k = a.end + 1;
        if c.punct(k).is_some_and(is_currency_symbol) && currency.is_some() {
            k += 1;
        }
        if let Some(h) = parse_amount(c, k).filter(|h| h.words == a.words || !h.words) {
            let mut lo = a;
            // "1.5 to 2 million": the scale of the upper bound applies to both.
            if lo.scale == 1.0 && h.scale > 1.0 && lo.raw < h.raw + 1.0 && lo.raw < 1000.0 {
                lo.value = lo.raw * h.scale;
            }
            let years = lo.plain
                && h.plain
                && [lo.value, h.value]
                    .iter()
                    .all(|v| (1800.0..=2100.0).contains(v));
            if h.value > lo.value && !(years && currency.is_none()) {
                return finish(c, qstart, qualifier, currency, lo, Some(h), h.end);
            }
        }
    }
    if between {
        // "between" without a second bound is not a qualifier of this number.
        qualifier = None;
        qstart = i;
    }
    if currency.is_none()
        && let Some(end) = age_end(c, &a)
    {
        let q = make(
            c,
            qstart,
            end,
            Some(a.value),
            None,
            None,
            qualifier,
            None,
            None,
            Some("age".into()),
        );
        return Some((q, end));
    }
    if !a.words && not_an_amount(c, &a, currency.is_some(), qualifier.is_some()) {
        return None;
    }
    finish(c, qstart, qualifier, currency, a, None, a.end)
}

/// The end of an age written with the number at `a`: "8-year-old", "8
/// years old", "aged 8", or a name's apposition "David Smith, 57, of ...".
/// Ages are figures a story states and outlets get wrong (a boxer's age
/// given as 25 and 26), so they are quantities of their own measure.
fn age_end(c: &Ctx, a: &Amount) -> Option<usize> {
    if a.scale != 1.0 || a.value > 130.0 || a.value.fract() != 0.0 {
        return None;
    }
    let next = c.word(a.end);
    let aged = |w: &str| {
        w.starts_with("year-old") || w.starts_with("years-old") || w.starts_with("month-old")
    };
    if next.is_some_and(aged) {
        return Some(a.end + 1);
    }
    if c.punct(a.end) == Some('-') && c.touches(a.end - 1) && c.word(a.end + 1).is_some_and(aged) {
        return Some(a.end + 2);
    }
    if matches!(next, Some("years" | "year")) && c.is_word(a.end + 1, "old") {
        return Some(a.end + 2);
    }
    if a.start > 0 && c.is_word(a.start - 1, "aged") {
        return Some(a.end);
    }
    // Apposition after a name: "Name, 57," (digits only; a sentence of
    // names reads as a title line, so that is not asked; not a date: "October 23, 2024" has a month before the comma).
    let i = a.start;
    if !a.words
        && a.plain
        && i >= 2
        && c.punct(i - 1) == Some(',')
        && c.capitalised(i - 2)
        && c.word(i - 2)
            .is_some_and(|w| !is_month(w) && !is_weekday(w) && !is_stop(w))
        && matches!(
            c.toks.get(a.end).map(|t| t.kind),
            None | Some(TokKind::Punct(',' | '.' | ')' | ';'))
        )
        && !c.word(a.end + 1).is_some_and(is_month)
    {
        return Some(a.end);
    }
    None
}

/// A count written as an ordinal: "the second recorded outbreak", "its 14th
/// recall this year", "a second water well" (the second case reported
/// means two so far). A time or sequence noun ("the first time", "the
/// second round") is no count.
fn ordinal_count(c: &Ctx, i: usize) -> Option<(Quantity, usize)> {
    let n = match c.toks.get(i)?.kind {
        TokKind::Ordinal(n) => f64::from(n),
        TokKind::Word if !c.capitalised(i) => ordinal_word(c.word(i)?)?,
        _ => return None,
    };
    let det = i.checked_sub(1).and_then(|p| c.word(p))?;
    if !matches!(
        det,
        "the" | "a" | "its" | "their" | "his" | "her" | "our" | "this"
    ) {
        return None;
    }
    if c.is_word(i + 1, "of") {
        return None;
    }
    // An abbreviation between ("the 14th U.S. diagnosis") is skipped.
    let mut k = i + 1;
    while c.word(k).is_some_and(|w| w.len() == 1 && c.capitalised(k)) && c.punct(k + 1) == Some('.')
    {
        k += 2;
    }
    let (s, e, head) = unit_run(c, k, true)?;
    let head_word = lemma(&c.lower[c.toks[head].start..c.toks[head].end]);
    if is_sequence_noun(&head_word) || head_word.len() < 3 {
        return None;
    }
    let unit = c.src[c.toks[s].start..c.toks[e - 1].end].to_string();
    let measure = measure_for(c, i, Some(&(s, e, head)), e);
    let q = make(
        c,
        i,
        e,
        Some(n),
        None,
        None,
        None,
        None,
        Some(unit),
        measure,
    );
    Some((q, e))
}

/// "first" … "twentieth".
fn ordinal_word(w: &str) -> Option<f64> {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    WORDS.iter().position(|x| *x == w).map(|p| (p + 1) as f64)
}

/// Nouns an ordinal ranks in time or order rather than counts.
fn is_sequence_noun(w: &str) -> bool {
    matches!(
        w,
        "time"
            | "day"
            | "week"
            | "month"
            | "year"
            | "decade"
            | "century"
            | "hour"
            | "minute"
            | "half"
            | "quarter"
            | "round"
            | "place"
            | "floor"
            | "step"
            | "stage"
            | "phase"
            | "term"
            | "season"
            | "edition"
            | "anniversary"
            | "leg"
            | "part"
            | "thing"
            | "instance"
            | "glance"
            | "hand"
            | "line"
            | "wave"
            | "generation"
            | "amendment"
            | "priority"
            | "option"
            | "sight"
            | "lady"
            | "minister"
            | "secretary"
            | "degree"
    )
}

fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "risen"
            | "rising"
            | "rise"
            | "increased"
            | "increasing"
            | "climbed"
            | "jumped"
            | "grew"
            | "grown"
            | "fell"
            | "fallen"
            | "dropped"
            | "declined"
            | "revised"
            | "up"
            | "down"
            | "soared"
            | "surged"
            | "went"
            | "raised"
            | "cut"
            | "reduced"
            | "lowered"
    )
}

#[allow(clippy::too_many_arguments)]
fn finish(
    c: &Ctx,
    qstart: usize,
    mut qualifier: Option<String>,
    currency: Option<String>,
    a: Amount,
    hi: Option<Amount>,
    num_end: usize,
) -> Option<(Quantity, usize)> {
    let mut end = num_end;
    let mut unit_text: Option<String> = None;
    let mut measure: Option<String> = None;
    let mut unit: Option<(usize, usize, usize)> = None;
    // Post-qualifier "or more".
    if qualifier.is_none() && c.is_word(end, "or") && c.is_word(end + 1, "more") {
        qualifier = Some("or more".into());
        end += 2;
    } else if qualifier.is_none() && c.is_word(end, "or") && c.is_word(end + 1, "so") {
        qualifier = Some("about".into());
        end += 2;
    }
    if let Some(cur) = currency {
        unit_text = Some(cur);
        measure = Some("money".into());
    } else if c.punct(end) == Some('%') {
        unit_text = Some("%".into());
        measure = Some("percent".into());
        end += 1;
    } else if matches!(c.word(end), Some("percent" | "pct" | "percentage")) {
        let e = if c.is_word(end, "percentage")
            && matches!(c.word(end + 1), Some("points" | "point"))
        {
            end + 2
        } else {
            end + 1
        };
        unit_text = Some(c.src[c.toks[end].start..c.toks[e - 1].end].to_string());
        measure = Some("percent".into());
        end = e;
    } else if c.is_word(end, "per") && c.is_word(end + 1, "cent") {
        unit_text = Some(c.src[c.toks[end].start..c.toks[end + 1].end].to_string());
        measure = Some("percent".into());
        end += 2;
    } else if c.punct(end) == Some('-')
        && c.touches(end - 1)
        && c.touches(end)
        && c.word(end + 1).is_some()
    {
        // Compound modifier: "a 10-day truce", "a 50-basis-point cut".
        let t = c.toks[end + 1];
        let last = c.lower[t.start..t.end]
            .rsplit(['-', '‑'])
            .next()
            .unwrap_or_default();
        unit_text = Some(c.src[t.start..t.end].to_string());
        measure = Some(lemma(last));
        end += 2;
    } else {
        unit = unit_run(c, end, a.value == 1.0 && hi.is_none());
        if let Some((s, e, head)) = unit {
            let head_lower = &c.lower[c.toks[head].start..c.toks[head].end];
            unit_text = Some(c.src[c.toks[s].start..c.toks[e - 1].end].to_string());
            if is_currency_word(head_lower) {
                measure = Some("money".into());
            }
            end = e;
        }
        if measure.is_none() {
            measure = measure_for(c, qstart, unit.as_ref(), end);
        }
    }
    // Bare number words and "one" need a counted noun or a telling verb.
    if a.words && unit.is_none() && measure.is_none() {
        return None;
    }
    if a.only_one
        && unit.is_none_or(|(s, _, _)| {
            let w = &c.lower[c.toks[s].start..c.toks[s].end];
            w.ends_with("ing") || w.ends_with("ed")
        })
    {
        return None;
    }
    let (value, min, max) = match hi {
        Some(h) => (None, Some(a.value), Some(h.value)),
        None => {
            let (lo, up) = qualifier
                .as_deref()
                .map(qualifier_bounds)
                .unwrap_or((false, false));
            (Some(a.value), lo.then_some(a.value), up.then_some(a.value))
        }
    };
    let q = make(
        c, qstart, end, value, min, max, qualifier, None, unit_text, measure,
    );
    Some((q, end))
}

#[allow(clippy::too_many_arguments)]
fn make(
    c: &Ctx,
    first: usize,
    end: usize,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    qualifier: Option<String>,
    vague: Option<String>,
    unit: Option<String>,
    measure: Option<String>,
) -> Quantity {
    let start = c.toks[first].start;
    let stop = c.toks[end.max(first + 1) - 1].end;
    Quantity {
        sentence: 0,
        start,
        end: stop,
        text: c.src[start..stop].to_string(),
        value,
        min,
        max,
        qualifier,
        vague,
        unit,
        measure,
    }
}

/// The counted noun after token `k`: (first token, end token, head token).
/// Adjectives and nationalities in front are skipped ("North Korean soldiers").
fn unit_run(c: &Ctx, k: usize, singular_ok: bool) -> Option<(usize, usize, usize)> {
    let mut k = k;
    if c.is_word(k, "of") {
        match c.word(k + 1) {
            Some("its" | "their" | "the" | "his" | "her" | "our" | "those" | "these") => k += 2,
            _ => return None,
        }
    }
    let mut run: Vec<usize> = Vec::new();
    let mut j = k;
    while run.len() < 4 {
        let Some(w) = c.word(j) else { break };
        let cap = c.capitalised(j);
        if is_stop(w)
            || is_month(w)
            || is_weekday(w)
            || word_number(w).is_some()
            || w.ends_with("ly")
        {
            break;
        }
        if cap && !c.title && run.iter().any(|r| !c.capitalised(*r)) {
            break;
        }
        let participle = w.ends_with("ed") || w.ends_with("ing");
        if participle && !run.is_empty() {
            break;
        }
        if participle {
            let next_is_noun = c.word(j + 1).is_some_and(|n| {
                !is_stop(n)
                    && !n.ends_with("ed")
                    && !n.ends_with("ly")
                    && !is_month(n)
                    && !is_weekday(n)
            }) && !(c.capitalised(j + 1) && !c.title && !cap);
            if next_is_noun && !is_nominal_participle(w) {
                run.push(j);
                j += 1;
                continue;
            }
            if is_nominal_participle(w) {
                run.push(j);
            }
            break;
        }
        run.push(j);
        j += 1;
    }
    // Skip leading adjectives, keep the head and its noun modifiers.
    let mut first = 0;
    while first + 1 < run.len() {
        let t = run[first];
        let w = &c.lower[c.toks[t].start..c.toks[t].end];
        if is_adjective(w, c.capitalised(t)) || w.ends_with("ed") {
            first += 1;
        } else {
            break;
        }
    }
    // More than one of something is plural: cut the run after its last
    // plural word ("two met" has no counted noun).
    if !singular_ok {
        while let Some(&last) = run.last() {
            let w = &c.lower[c.toks[last].start..c.toks[last].end];
            if looks_plural(w) {
                break;
            }
            run.pop();
        }
        first = first.min(run.len().saturating_sub(1));
    }
    let head = *run.last()?;
    Some((run[first], head + 1, head))
}

/// A plural noun, or one that counts without an "s".
fn looks_plural(w: &str) -> bool {
    (w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("'s")
        && !w.ends_with("’s"))
        || is_nominal_participle(w)
        || is_currency_word(w)
        || matches!(
            w,
            "people"
                | "children"
                | "men"
                | "women"
                | "police"
                | "personnel"
                | "staff"
                | "cattle"
                | "sheep"
                | "fish"
                | "deer"
                | "aircraft"
                | "crew"
                | "feet"
                | "teeth"
                | "geese"
                | "mice"
                | "head"
                | "livestock"
                | "militia"
                | "infantry"
                | "clergy"
                | "youth"
                | "offspring"
                | "kilometres"
        )
}

/// Measure from the counted noun, or from the verbs around a quantity whose
/// noun is a person word (or absent).
fn measure_for(
    c: &Ctx,
    qstart: usize,
    unit: Option<&(usize, usize, usize)>,
    after: usize,
) -> Option<String> {
    let head = unit.map(|&(_, _, h)| {
        let t = c.toks[h];
        lemma(&c.src[t.start..t.end])
    });
    if let Some(m) = head.as_deref().and_then(noun_measure) {
        return Some(m.to_string());
    }
    let person = match (&head, unit) {
        (None, _) => true,
        (Some(h), Some(&(_, _, hi))) => {
            is_person_noun(h)
                // Capitalised plurals of peoples: "Russians", "Palestinians".
                || (c.capitalised(hi) && h.len() + 1 == c.toks[hi].end - c.toks[hi].start && !c.title)
        }
        _ => false,
    };
    if person
        && let Some(m) = cue_near(c, qstart, after)
        && (m != "troops" || head.as_deref().is_none_or(is_person_noun))
    {
        return Some(m.to_string());
    }
    head
}

fn cue_near(c: &Ctx, qstart: usize, after: usize) -> Option<&'static str> {
    // 1. Right after: "were killed", "are reported to have been injured".
    let mut k = after;
    // Skip an appositive: ", including two children,".
    if c.punct(k) == Some(',')
        && c.word(k + 1).is_some_and(|w| {
            matches!(
                w,
                "including" | "among" | "mostly" | "many" | "most" | "mainly" | "both" | "all"
            )
        })
    {
        let mut m = k + 1;
        while m < c.toks.len() && m < k + 14 && c.punct(m) != Some(',') {
            if c.punct(m).is_some_and(|p| matches!(p, ';' | '.' | ':')) {
                break;
            }
            m += 1;
        }
        if c.punct(m) == Some(',') {
            k = m + 1;
        }
    }
    for m in k..(k + 8).min(c.toks.len()) {
        let Some(w) = c.word(m) else { break };
        if let Some(x) = cue_measure(w) {
            return Some(x);
        }
        if !is_forward_filler(w) {
            break;
        }
    }
    // 2. Right before: "killing at least", "the number of injured is above".
    let mut m = qstart;
    let mut steps = 0;
    while m > 0 && steps < 5 {
        m -= 1;
        steps += 1;
        let Some(w) = c.word(m) else { break };
        if let Some(x) = cue_measure(w) {
            return Some(x);
        }
        if !is_backward_filler(w) {
            break;
        }
    }
    // 3. Further back in the clause: "the death toll from ... has risen to 37".
    let mut m = qstart;
    let mut steps = 0;
    let mut crossed_number = false;
    while m > 0 && steps < 16 {
        m -= 1;
        steps += 1;
        if c.punct(m)
            .is_some_and(|p| matches!(p, ';' | ':' | '.' | '?' | '!'))
        {
            break;
        }
        if c.is_number_token(m) {
            crossed_number = true;
            continue;
        }
        let Some(w) = c.word(m) else { continue };
        match cue_measure(w) {
            Some(x) if w == "toll" || (!crossed_number && x != "troops") => return Some(x),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_text::sentences::split;

    fn run(text: &str) -> Vec<Quantity> {
        find(text, &split(text))
    }

    fn one(text: &str) -> Quantity {
        let qs = run(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        qs.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn digits_with_unit_skipping_nationality() {
        let t = "Pyongyang has sent about 3,000 North Korean soldiers to Russia, officials said.";
        let q = one(t);
        assert_eq!(q.value, Some(3000.0));
        assert_eq!(q.qualifier.as_deref(), Some("about"));
        assert_eq!(q.unit.as_deref(), Some("soldiers"));
        assert_eq!(q.measure.as_deref(), Some("troops"));
        assert_eq!(q.text, "about 3,000 North Korean soldiers");
        assert_eq!(&t[q.start..q.end], q.text);
    }

    #[test]
    fn every_qualifier_kind() {
        let cases = [
            ("At least 12 people were killed in the blast.", "at least"),
            ("Around 400 people gathered outside.", "around"),
            ("Some 2,750 people were hurt.", "some"),
            ("Nearly 40 people died overnight.", "nearly"),
            ("Almost 600 homes were destroyed.", "almost"),
            ("Officials counted close to 3,000 injured.", "close to"),
            ("The army could deploy up to 10,000 troops.", "up to"),
            ("Medics treated more than 1,300 people.", "more than"),
            ("Over 450 people were wounded.", "over"),
            ("The total is above 3,000 injured.", "above"),
            ("The cut hit fewer than 200 workers.", "fewer than"),
            ("It costs less than 50 euros.", "less than"),
            ("Roughly 70 tanks were lost.", "roughly"),
            ("Approximately 90 cars burned.", "approximately"),
            ("An estimated 5,000 people fled the town.", "an estimated"),
            (
                "Western assessments estimate that 115,000 Russians have died.",
                "estimate",
            ),
        ];
        for (t, want) in cases {
            let q = one(t);
            assert_eq!(q.qualifier.as_deref(), Some(want), "{t}: {q:?}");
            assert_eq!(&t[q.start..q.end], q.text);
            assert!(q.text.to_lowercase().starts_with(want), "{t}: {q:?}");
        }
    }

    #[test]
    fn qualifier_sets_bounds() {
        let q = one("At least 12 people were killed.");
        assert_eq!((q.value, q.min, q.max), (Some(12.0), Some(12.0), None));
        let q = one("Up to 2,800 people were injured.");
        assert_eq!((q.value, q.min, q.max), (Some(2800.0), None, Some(2800.0)));
    }

    #[test]
    fn ranges() {
        let q = one("The blasts wounded between 2,750 and 2,800 others.");
        assert_eq!((q.value, q.min, q.max), (None, Some(2750.0), Some(2800.0)));
        assert_eq!(q.qualifier.as_deref(), Some("between"));
        assert_eq!(q.text, "between 2,750 and 2,800 others");
        assert_eq!(q.measure.as_deref(), Some("injured"));

        let q = one("Seoul says 3,000 to 5,000 troops could follow.");
        assert_eq!((q.min, q.max, q.value), (Some(3000.0), Some(5000.0), None));
        assert_eq!(q.measure.as_deref(), Some("troops"));

        let q = one("Analysts put the figure at 3,000-5,000 soldiers.");
        assert_eq!((q.min, q.max), (Some(3000.0), Some(5000.0)));

        let q = one("The plan costs $1.5 to $2 billion.");
        assert_eq!((q.min, q.max), (Some(1.5e9), Some(2e9)));
        assert_eq!(q.measure.as_deref(), Some("money (USD)"));

        // A change is not a range.
        let qs = run("The toll rose from 12 to 37 people.");
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert_eq!(qs[1].value, Some(37.0));
    }

    #[test]
    fn word_numbers() {
        let q = one("Twelve people died when the building collapsed.");
        assert_eq!(q.value, Some(12.0));
        assert_eq!(q.measure.as_deref(), Some("deaths"));
        let q = one("Police arrested two dozen protesters.");
        assert_eq!(q.value, Some(24.0));
        assert_eq!(q.unit.as_deref(), Some("protesters"));
        let q = one("A thousand volunteers signed up.");
        assert_eq!(q.value, Some(1000.0));
        let q = one("They recorded twenty-five cases and then stopped.");
        assert_eq!(q.value, Some(25.0));
        let q = one("Some two hundred and fifty families left.");
        assert_eq!(q.value, Some(250.0));
        assert_eq!(q.qualifier.as_deref(), Some("some"));
        let q = one("The raid killed nine, the ministry said.");
        assert_eq!((q.value, q.measure.as_deref()), (Some(9.0), Some("deaths")));
    }

    #[test]
    fn scaled_and_money() {
        let q = one("The fund will hold $20 billion by then.");
        assert_eq!(q.value, Some(2e10));
        assert_eq!(q.unit.as_deref(), Some("$"));
        assert_eq!(q.text, "$20 billion");
        let q = one("The city lost 1.5 million residents.");
        assert_eq!(q.value, Some(1.5e6));
        assert_eq!(q.unit.as_deref(), Some("residents"));
        let q = one("Brussels pledged €5 million in aid.");
        assert_eq!(
            (q.value, q.measure.as_deref()),
            (Some(5e6), Some("money (EUR)"))
        );
        assert_eq!(q.text, "€5 million");
        let q = one("The state spent ₹100 crore on relief.");
        assert_eq!(q.value, Some(1e9));
        let q = one("It raised US$3.2bn last quarter.");
        assert_eq!((q.value, q.unit.as_deref()), (Some(3.2e9), Some("US$")));
        let q = one("Prices rose 4.5% in August.");
        assert_eq!(
            (q.value, q.measure.as_deref()),
            (Some(4.5), Some("percent"))
        );
        let q = one("Turnout fell by 12 per cent.");
        assert_eq!(
            (q.value, q.measure.as_deref()),
            (Some(12.0), Some("percent"))
        );
    }

    #[test]
    fn vague_amounts() {
        let q = one("Thousands of people fled the city.");
        assert_eq!(q.vague.as_deref(), Some("thousands"));
        assert_eq!((q.value, q.min, q.max), (None, Some(2000.0), Some(9999.0)));
        assert_eq!(q.unit.as_deref(), Some("people"));
        let q = one("Dozens of people, including a diplomat, were wounded.");
        assert_eq!(q.vague.as_deref(), Some("dozens"));
        assert_eq!(q.measure.as_deref(), Some("injured"));
        let q = one("The blasts left a large number of others being treated for injuries.");
        assert_eq!(q.vague.as_deref(), Some("a large number"));
        let q = one("Scores of militants were killed.");
        assert_eq!(
            (q.vague.as_deref(), q.measure.as_deref()),
            (Some("scores"), Some("deaths"))
        );
        let q = one("Tens of thousands of troops massed at the border.");
        assert_eq!(q.vague.as_deref(), Some("tens of thousands"));
        assert_eq!(q.measure.as_deref(), Some("troops"));
        // "scores" without "of" is not an amount.
        assert!(run("The team scores often.").is_empty());
    }

    #[test]
    fn measure_from_the_verb() {
        let q = one("Assessments estimate that 115,000 Russians have died.");
        assert_eq!(
            (q.unit.as_deref(), q.measure.as_deref()),
            (Some("Russians"), Some("deaths"))
        );
        let q = one("The strike killed at least 12 people on Sunday.");
        assert_eq!(q.measure.as_deref(), Some("deaths"));
        assert_eq!(q.text, "at least 12 people");
        let q = one("Officials said 608 people were wounded.");
        assert_eq!(q.measure.as_deref(), Some("injured"));
        let qs = run("The blasts killed 12 and wounded 2,800.");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].measure.as_deref(), Some("deaths"));
        assert_eq!(qs[1].measure.as_deref(), Some("injured"));
        let q = one("The death toll from the attacks has risen to 37, officials said.");
        assert_eq!(
            (q.value, q.measure.as_deref()),
            (Some(37.0), Some("deaths"))
        );
        let q = one("Moscow has deployed 500 fighters near the front.");
        assert_eq!(q.measure.as_deref(), Some("troops"));
        let q = one("Hamas said 38 of its fighters were killed.");
        assert_eq!(
            (q.unit.as_deref(), q.measure.as_deref()),
            (Some("fighters"), Some("deaths"))
        );
        let q = one("The quake left 200 dead.");
        assert_eq!(
            (q.unit.as_deref(), q.measure.as_deref()),
            (Some("dead"), Some("deaths"))
        );
        let q = one("A total of 40 tanks were hit.");
        assert_eq!(q.measure.as_deref(), Some("tank"));
        // A noun that is not a person keeps its own measure despite the verb.
        let q = one("Soldiers were killed over 3 weeks of fighting.");
        assert_eq!(q.measure.as_deref(), Some("week"));
    }

    #[test]
    fn not_quantities() {
        for t in [
            "The war began in 2022 and escalated in 2024.",
            "The meeting took place on October 23 in Seoul.",
            "It was signed on 23 October in Geneva.",
            "Talks resume at 10:30 on the 3rd floor.",
            "The talks start at 3 p.m. local time.",
            "See page 12 for details.",
            "Japan's Icom said the IC-V82 radio was discontinued.",
            "Call +44 20 7946 0958 for details.",
            "It was one of the worst attacks.",
            "No one has claimed the attack.",
            "The veterans of World War II gathered.",
            "Veterans of World War 2 gathered.",
            "The plane was a Boeing 737 jet.",
            "It followed the 1990s boom.",
            "The report, dated 2024-10-23, was leaked.",
            "The 2022-23 season was cancelled.",
            "The two met in Moscow.",
            "It was the first time the league met.",
            "He won in the second round on Friday.",
            "On Saturday, 13 July, the rally began.",
        ] {
            let qs = run(t);
            assert!(qs.is_empty(), "{t}: {qs:#?}");
        }
    }

    #[test]
    fn ages_are_a_measure_of_their_own() {
        for (t, v) in [
            ("An 8-year-old girl was hurt.", 8.0),
            ("A boy aged 8 was among them.", 8.0),
            ("The man, 41 years old, was arrested.", 41.0),
        ] {
            let q = one(t);
            assert_eq!(
                (q.value, q.measure.as_deref()),
                (Some(v), Some("age")),
                "{t}"
            );
        }
        for (t, v, m) in [
            (
                "They were named as Ann Lee, 63, of Springfield.",
                63.0,
                "age (Ann Lee)",
            ),
            (
                "The driver was identified as Maria Ortiz, 44, of Tucson",
                44.0,
                "age (Maria Ortiz)",
            ),
        ] {
            let q = one(t);
            assert_eq!((q.value, q.measure.as_deref()), (Some(v), Some(m)), "{t}");
        }
        // A date after a month is no age.
        assert!(run("It was signed on October 23, 2024.").is_empty());
    }

    #[test]
    fn unlike_figures_get_unlike_measures() {
        let m = |t: &str| {
            run(t)
                .into_iter()
                .map(|q| q.measure.unwrap_or_default())
                .collect::<Vec<_>>()
        };
        // Currency: forints are not dollars; "$", "US$" and "dollars" are one.
        assert_eq!(m("The fine was 40 million forints."), ["money (HUF)"]);
        assert_eq!(m("The fine was $2 million."), ["money (USD)"]);
        assert_eq!(m("The deal was worth 2 million dollars."), ["money (USD)"]);
        // An area is not a length.
        let area = m("The fire burned 120 square kilometres of forest.");
        let length = m("The fire front stretched 120 kilometres.");
        assert_ne!(area, length, "{area:?} {length:?}");
        assert!(area[0].starts_with("area"), "{area:?}");
        // A subset is not its total.
        let total = m("About 40 passengers were hurt.");
        let subset = m("Twelve seriously hurt passengers were flown out.");
        assert_ne!(total, subset, "{total:?} {subset:?}");
        // A forecast is not a report.
        let report = m("The company sold 3 million cars last year.");
        let forecast = m("The company will reach 5 million cars by 2030.");
        assert_ne!(report, forecast, "{report:?} {forecast:?}");
        // Two people's ages are two measures.
        let ages = m("The victims were Ann Lee, 63, and Bob Ray, 70.");
        assert_eq!(ages, ["age (Ann Lee)", "age (Bob Ray)"]);
    }

    #[test]
    fn ordinals_that_count() {
        let q = one("This is the second recorded outbreak in the province.");
        assert_eq!(q.value, Some(2.0));
        assert_eq!(q.measure.as_deref(), Some("outbreak"));
        let q = one("Engineers closed a third water well on Monday.");
        assert_eq!((q.value, q.measure.as_deref()), (Some(3.0), Some("well")));
        let q = one("The move marks the 14th U.S. recall this year.");
        assert_eq!(q.value, Some(14.0));
        assert!(run("The First Minister spoke.").is_empty());
    }

    #[test]
    fn counts_that_say_more_than_one() {
        let q = one("The crowd heard multiple explosions near the bridge.");
        assert_eq!(
            (q.vague.as_deref(), q.min, q.max),
            (Some("multiple"), Some(2.0), None)
        );
        assert_eq!(q.unit.as_deref(), Some("explosions"));
        let q = one("Several loud alarms went off.");
        assert_eq!(q.min, Some(3.0));
        let q = one("Inspectors found cracks in a number of older bridges.");
        assert_eq!(q.vague.as_deref(), Some("a number"));
        let q = one("The ferry made 8 or so crossings a day.");
        assert_eq!(
            (q.value, q.qualifier.as_deref()),
            (Some(8.0), Some("about"))
        );
        // "several" needs its noun.
        assert!(run("Several of them left.").is_empty());
    }

    #[test]
    fn lists_scores_and_compounds() {
        assert!(run("The blasts on September 17 and 18 shook Beirut.").is_empty());
        assert!(run("The committee voted 11–1 in favour.").is_empty());
        assert!(run("The firm traded between 2022 and 2024.").is_empty());
        let q = one("Both sides agreed to a 10-day truce.");
        assert_eq!(
            (q.value, q.unit.as_deref(), q.text.as_str()),
            (Some(10.0), Some("day"), "10-day")
        );
        let q = one("The register lists 13 more companies at the address.");
        assert_eq!(
            (q.value, q.unit.as_deref()),
            (Some(13.0), Some("companies"))
        );
        let q = one("The firm reported 256,996,000 Hungarian forints in turnover.");
        assert_eq!(
            (q.unit.as_deref(), q.measure.as_deref()),
            (Some("forints"), Some("money (HUF)"))
        );
    }

    #[test]
    fn non_ascii_around_numbers() {
        let t = "“About 3,000 people”—officials said—“were injured.” Lebanon’s toll: 37.";
        let qs = run(t);
        assert!(!qs.is_empty());
        for q in &qs {
            assert_eq!(&t[q.start..q.end], q.text);
        }
        assert_eq!(qs[0].text, "About 3,000 people");
        assert_eq!(qs[0].qualifier.as_deref(), Some("about"));
        let t = "Le coût — €5 million — fut payé; Ürümqi’s 12 députés.";
        for q in run(t) {
            assert_eq!(&t[q.start..q.end], q.text);
        }
    }

    #[test]
    fn boilerplate_sentences_are_skipped() {
        let text = "Photo: 12 images. Police said 30 people were hurt.";
        let mut s = split(text);
        s[0].boilerplate = true;
        let qs = find(text, &s);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].value, Some(30.0));
        assert_eq!(qs[0].sentence, 1);
        assert_eq!(&text[qs[0].start..qs[0].end], "30 people");
    }

    #[test]
    fn tokenizer_never_splits_chars() {
        let t = "x₹5—€7’s 3½ ①2,0 9,999,9 1.2.3.4 12:3 5-";
        for tok in tokenize(t) {
            assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
        }
        let _ = run(t);
    }
}
