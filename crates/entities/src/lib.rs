//! Named entities (people, organisations, places, groups) with canonical names.
//!
//! No pretrained tagger runs offline here, so this is a rule-based recogniser
//! for news English, built from three things:
//!
//! * **Gazetteers** (`crates/entities/data/*.tsv`): countries with their short and
//!   official names, demonyms, nationality plurals and capitals; regions,
//!   cities and US states; international bodies, agencies, parties and
//!   companies; a few hundred news outlets; widely reported public figures.
//!   They are matched case-sensitively with one Aho-Corasick pass per sentence.
//! * **Capitalisation patterns**: runs of capitalised tokens (with name
//!   particles such as "de", "van", "bin" and "of" after organisation heads)
//!   are split around gazetteer hits and classified by titles before them
//!   ("Defense Minister Kim Yong-hyun"), organisation or place head words at
//!   their end ("... Ministry", "... Independent", "... Oblast"), known given
//!   names, and whether their words are ordinary vocabulary (words the
//!   document also writes in lower case, or a list of common words).
//! * **Document context**: surname-only mentions ("Rutte") take the full name
//!   used elsewhere in the document ("Mark Rutte"); sentence-initial common
//!   words and Title Case headlines are treated conservatively.
//!
//! Choices worth knowing:
//! * Demonym adjectives ("North Korean troops") are [`EntityKind::Place`]
//!   mentions whose canonical name is the country ("North Korea"), so they
//!   count toward the state. Nationality plurals ("Russians") are
//!   [`EntityKind::Group`] with the plural as canonical name: they denote
//!   people, not the state.
//! * Collective actors ("Western officials", "U.S. officials", "South Korean
//!   lawmakers") are [`EntityKind::Group`] mentions covering the whole phrase,
//!   canonical with the nationality normalised ("US officials"). The demonym
//!   inside is reported as well (mentions may nest).
//! * A capital stands for its state ("Pyongyang and Moscow signed ...",
//!   "Moscow's invasion", "the Kremlin said") when it is possessive, the
//!   subject of a verb, or coordinated with another state; then its canonical
//!   name is the state and the surface text is kept. Otherwise it is the city.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crosscheck_model::{EntityKind, Mention, Sentence};

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const PLACES: &str = include_str!("../data/places.tsv");
const ORGS: &str = include_str!("../data/orgs.tsv");
const MEDIA: &str = include_str!("../data/media.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");
const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");
const TITLES: &str = include_str!("../data/titles.txt");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

/// What a gazetteer surface form is of its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A name or alias of the entity itself.
    Name,
    /// A demonym adjective of a country ("North Korean").
    Demonym,
    /// A nationality plural ("Russians").
    Nationals,
    /// A capital or seat of government that may stand for its state.
    Capital,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    canonical: &'static str,
    kind: EntityKind,
    role: Role,
    /// The entry is a sovereign state (or state-like territory from the country table).
    country: bool,
}

struct Gazetteer {
    matcher: AhoCorasick,
    /// One entry per pattern of `matcher`.
    entries: Vec<Entry>,
    /// Canonical name -> other names and abbreviations (not demonyms or capitals).
    aliases: HashMap<&'static str, Vec<&'static str>>,
    /// Country canonical name -> adjective used in group names ("US", "South Korean").
    group_adjective: HashMap<&'static str, &'static str>,
    /// Lower-cased demonym adjectives.
    demonyms: HashSet<String>,
    given: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    common: HashSet<String>,
}

fn data_lines(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn split_list(field: Option<&&'static str>) -> impl Iterator<Item = &'static str> {
    field
        .copied()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

static GAZ: LazyLock<Gazetteer> = LazyLock::new(build_gazetteer);

fn build_gazetteer() -> Gazetteer {
    let mut patterns: Vec<&'static str> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut aliases: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    let mut group_adjective = HashMap::new();
    let mut demonyms = HashSet::new();
    let mut add = |surface: &'static str, entry: Entry| {
        if seen.insert(surface) {
            patterns.push(surface);
            entries.push(entry);
        }
    };
    // Names first (all tables), so that a string that is both a name and a
    // demonym ("Saudi", "New Zealand") is read as the name.
    let tables: [(&'static str, EntityKind); 4] = [
        (PLACES, EntityKind::Place),
        (ORGS, EntityKind::Org),
        (MEDIA, EntityKind::Org),
        (PEOPLE, EntityKind::Person),
    ];
    for row in data_lines(COUNTRIES) {
        let Some(&canonical) = row.first() else {
            continue;
        };
        let e = Entry {
            canonical,
            kind: EntityKind::Place,
            role: Role::Name,
            country: true,
        };
        add(canonical, e);
        for a in split_list(row.get(1)) {
            add(a, e);
            aliases.entry(canonical).or_default().push(a);
        }
    }
    for (data, kind) in tables {
        for row in data_lines(data) {
            let Some(&name) = row.first() else { continue };
            // places.tsv: name<TAB>canonical; the others: canonical<TAB>aliases.
            if data == PLACES {
                let canonical = row
                    .get(1)
                    .copied()
                    .filter(|c| !c.is_empty())
                    .unwrap_or(name);
                add(
                    name,
                    Entry {
                        canonical,
                        kind,
                        role: Role::Name,
                        country: false,
                    },
                );
                if canonical != name {
                    aliases.entry(canonical).or_default().push(name);
                }
            } else {
                let e = Entry {
                    canonical: name,
                    kind,
                    role: Role::Name,
                    country: false,
                };
                add(name, e);
                for a in split_list(row.get(1)) {
                    add(a, e);
                    aliases.entry(name).or_default().push(a);
                }
            }
        }
    }
    for row in data_lines(COUNTRIES) {
        let Some(&canonical) = row.first() else {
            continue;
        };
        let mk = |role| Entry {
            canonical,
            kind: EntityKind::Place,
            role,
            country: true,
        };
        for (i, d) in split_list(row.get(2)).enumerate() {
            add(d, mk(Role::Demonym));
            demonyms.insert(d.to_lowercase());
            if i == 0 {
                group_adjective.insert(canonical, d);
            }
        }
        for n in split_list(row.get(3)) {
            add(
                n,
                Entry {
                    canonical: n,
                    kind: EntityKind::Group,
                    role: Role::Nationals,
                    country: true,
                },
            );
        }
        for c in split_list(row.get(4)) {
            add(c, mk(Role::Capital));
        }
    }
    group_adjective.insert("United States", "US");
    // Building from static, well-formed patterns cannot fail; fall back to an
    // empty matcher rather than panic if it somehow does.
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .or_else(|_| AhoCorasick::new(std::iter::empty::<&str>()))
        .unwrap_or_else(|_| unreachable!("an empty automaton always builds"));
    let words = |data: &'static str| {
        data.lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect::<HashSet<&'static str>>()
    };
    Gazetteer {
        matcher,
        entries,
        aliases,
        group_adjective,
        demonyms,
        given: words(GIVEN_NAMES),
        titles: words(TITLES),
        common: words(COMMON_WORDS)
            .into_iter()
            .map(str::to_lowercase)
            .collect(),
    }
}

/// The gazetteer entry whose surface form is exactly `s`.
fn gaz_lookup(s: &str) -> Option<Entry> {
    GAZ.matcher
        .find(s)
        .filter(|m| m.start() == 0 && m.end() == s.len())
        .map(|m| GAZ.entries[m.pattern().as_usize()])
}

/// Known other names of a canonical entity ("United States" → "US", "U.S.",
/// "USA", "America", ...). Demonyms and capitals are not included.
pub fn known_aliases(canonical: &str) -> &'static [&'static str] {
    GAZ.aliases.get(canonical).map_or(&[], Vec::as_slice)
}

/// The canonical country for a name, alias, demonym or capital
/// ("DPRK" → "North Korea", "Ukrainian" → "Ukraine", "Kyiv" → "Ukraine").
pub fn canonical_country(name: &str) -> Option<&'static str> {
    gaz_lookup(name.trim())
        .filter(|e| e.country && e.role != Role::Nationals)
        .map(|e| e.canonical)
}

/// Whether `word` is a demonym adjective ("Russian", "South Korean").
pub fn is_demonym(word: &str) -> bool {
    GAZ.demonyms.contains(&word.trim().to_lowercase())
}

/// Whether `word` is part of a job title or honorific ("President", "Minister", "Gen.").
pub fn is_person_title(word: &str) -> bool {
    GAZ.titles.contains(word)
}

/// Whether `word` is a common given name ("Mark", "Volodymyr").
pub fn is_given_name(word: &str) -> bool {
    GAZ.given.contains(word)
}

/// Heads that make a capitalised run an organisation ("... Ministry", "... Times").
const ORG_SUFFIX: &[&str] = &[
    "Ministry",
    "Agency",
    "Party",
    "Group",
    "Company",
    "Co.",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Council",
    "Committee",
    "Commission",
    "Institute",
    "Institution",
    "University",
    "College",
    "School",
    "Academy",
    "Times",
    "Post",
    "News",
    "Independent",
    "Media",
    "Journal",
    "Herald",
    "Tribune",
    "Telegraph",
    "Gazette",
    "Press",
    "Review",
    "Observer",
    "Chronicle",
    "Magazine",
    "Radio",
    "TV",
    "Television",
    "Network",
    "Broadcasting",
    "Bank",
    "Fund",
    "Foundation",
    "Association",
    "Federation",
    "Union",
    "League",
    "Society",
    "Club",
    "FC",
    "Court",
    "Tribunal",
    "Army",
    "Navy",
    "Forces",
    "Force",
    "Guard",
    "Guards",
    "Corps",
    "Police",
    "Service",
    "Services",
    "Office",
    "Department",
    "Bureau",
    "Organization",
    "Organisation",
    "Center",
    "Centre",
    "Authority",
    "Board",
    "Assembly",
    "Parliament",
    "Congress",
    "Senate",
    "Cabinet",
    "Church",
    "Hospital",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "AG",
    "GmbH",
    "Holdings",
    "Industries",
    "Technologies",
    "Systems",
    "Airlines",
    "Airways",
    "Motors",
    "Pharmaceuticals",
    "Labs",
    "Laboratories",
    "Studios",
    "Records",
    "Entertainment",
    "Partners",
    "Alliance",
    "Coalition",
    "Front",
    "Movement",
    "Brigade",
    "Battalion",
    "Regiment",
    "Command",
    "Images",
    "Initiative",
    "Watch",
    "International",
    "Trust",
    "Exchange",
    "Secretariat",
    "Embassy",
    "Consulate",
    "Museum",
    "Library",
    "Daily",
    "Weekly",
    "Online",
    "Post-Dispatch",
];

/// Heads that make a capitalised run a place ("Kursk Oblast", "Gaza Strip").
const PLACE_SUFFIX: &[&str] = &[
    "Street",
    "Avenue",
    "Road",
    "Square",
    "Island",
    "Islands",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Valley",
    "Province",
    "Region",
    "Oblast",
    "Krai",
    "County",
    "District",
    "City",
    "Bay",
    "Strait",
    "Sea",
    "Ocean",
    "Peninsula",
    "Desert",
    "Park",
    "Airport",
    "Bridge",
    "Heights",
    "Hills",
    "Coast",
    "Prefecture",
    "Governorate",
    "Territory",
    "Canal",
    "Beach",
    "Harbor",
    "Harbour",
    "Village",
    "Town",
    "Plateau",
    "Basin",
    "Gulf",
];

/// Heads of names of events, periods, works and laws ("World War", "Bronze Age",
/// "Davis Cup"): not people, organisations or places.
const EVENT_SUFFIX: &[&str] = &[
    "War",
    "Wars",
    "Age",
    "Games",
    "Olympics",
    "Cup",
    "Championship",
    "Championships",
    "Day",
    "Show",
    "Revolution",
    "Dynasty",
    "Empire",
    "Period",
    "Era",
    "Prize",
    "Award",
    "Awards",
    "Festival",
    "Series",
    "Treaty",
    "Agreement",
    "Accord",
    "Accords",
    "Act",
    "Bill",
    "Doctrine",
    "Plan",
    "Protocol",
    "Convention",
    "Declaration",
    "Summit",
    "Conference",
    "Crisis",
    "Massacre",
    "Battle",
    "Offensive",
    "Operation",
    "Campaign",
    "Revolt",
    "Uprising",
    "Rebellion",
    "Testament",
    "Sunday",
    "Christmas",
    "Easter",
    "Week",
    "Trophy",
    "Marathon",
    "Prix",
    "Album",
    "Awakening",
    "Spring",
    "Deal",
    "Strategy",
    "Syndrome",
    "Virus",
    "Disease",
];

/// Day and month names: never the word that continues a name after
/// "of"/"for"/"on" ("the Water Trust on Sunday said …").
const DAYS_AND_MONTHS: &[&str] = &[
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
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Heads after which "of"/"for"/"on" continue a name ("Ministry of Defense").
const OF_HEADS: &[&str] = &[
    "Ministry",
    "Minister",
    "Secretary",
    "Department",
    "University",
    "Bank",
    "Institute",
    "Council",
    "Committee",
    "Commission",
    "Office",
    "Bureau",
    "Court",
    "Church",
    "House",
    "Chamber",
    "Academy",
    "College",
    "School",
    "Museum",
    "Federation",
    "Association",
    "Union",
    "League",
    "Republic",
    "Kingdom",
    "Board",
    "Center",
    "Centre",
    "Agency",
    "Organization",
    "Organisation",
    "Party",
    "Chief",
    "Chiefs",
    "Director",
    "Governor",
    "Mayor",
    "Speaker",
    "President",
    "Embassy",
    "Tribunal",
    "Fund",
    "Foundation",
    "Society",
    "Institution",
    "Authority",
    "Service",
    "Coalition",
    "Alliance",
    "Front",
    "Movement",
    "Gulf",
    "Sea",
    "Strait",
    "Bay",
    "Isle",
    "Cape",
    "Lake",
    "Mount",
    "Port",
    "Statue",
    "Battle",
    "Treaty",
    "Palace",
    "Prime",
    "Sisters",
    "Brothers",
    "Friends",
    "Army",
];

/// Heads of "X of Y" names that are places.
const OF_PLACE_HEADS: &[&str] = &[
    "Gulf", "Sea", "Strait", "Bay", "Isle", "Cape", "Lake", "Mount", "Port", "Republic", "Kingdom",
];

/// Name particles inside personal names ("Ursula von der Leyen", "Mohammed bin Salman").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "bint", "ibn", "al", "el", "da", "dos", "das", "di",
    "du", "del", "della", "la", "le", "ter", "zu",
];

/// Words that, right after a capital, make it stand for its government.
const POLITICAL_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "should",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "claims",
    "claimed",
    "wants",
    "wanted",
    "signed",
    "signs",
    "warned",
    "warns",
    "sent",
    "sends",
    "launched",
    "launches",
    "responded",
    "responds",
    "rejected",
    "rejects",
    "insists",
    "insisted",
    "announced",
    "announces",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "backs",
    "backed",
    "supports",
    "supported",
    "condemned",
    "condemns",
    "called",
    "calls",
    "sees",
    "views",
    "hopes",
    "fears",
    "threatened",
    "threatens",
    "plans",
    "planned",
    "seeks",
    "sought",
    "continues",
    "appears",
    "remains",
    "blamed",
    "blames",
    "vowed",
    "vows",
    "urged",
    "urges",
    "approved",
    "approves",
    "imposed",
    "imposes",
    "demanded",
    "demands",
    "confirmed",
    "confirms",
    "acknowledged",
    "admitted",
    "believes",
    "believed",
    "considers",
    "hailed",
    "praised",
    "criticized",
    "criticised",
    "dismissed",
    "expelled",
    "summoned",
    "retaliated",
    "struck",
    "invaded",
    "supplied",
    "supplies",
    "provided",
    "provides",
    "pledged",
    "pledges",
    "promised",
    "needs",
    "needed",
    "did",
    "does",
    "reacted",
    "welcomed",
    "welcomes",
    "recognized",
    "recognised",
    "ordered",
    "orders",
    "declined",
    "regards",
    "regarded",
    "hit",
];

/// Nouns that make "<nationality> X" a collective actor.
const GROUP_HEADS: &[&str] = &[
    "officials",
    "official",
    "lawmakers",
    "legislators",
    "governments",
    "government",
    "authorities",
    "diplomats",
    "sources",
    "leaders",
    "leadership",
    "forces",
    "troops",
    "soldiers",
    "military",
    "intelligence",
    "analysts",
    "experts",
    "media",
    "police",
    "prosecutors",
    "investigators",
    "negotiators",
    "politicians",
    "commanders",
    "generals",
    "officers",
    "ministers",
    "allies",
    "partners",
    "counterparts",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "agencies",
    "regime",
    "army",
    "navy",
    "administration",
    "journalists",
    "reporters",
    "outlets",
    "observers",
    "security",
    "assessments",
    "estimates",
];

/// Modifiers allowed between the nationality and the group head ("South Korean military officials").
const GROUP_MODIFIERS: &[&str] = &[
    "military",
    "intelligence",
    "defense",
    "defence",
    "government",
    "security",
    "senior",
    "top",
    "state",
    "foreign",
    "border",
    "air",
    "naval",
    "special",
    "health",
    "federal",
    "local",
    "regional",
    "administration",
    "army",
    "national",
    "opposition",
    "ruling",
    "defense-ministry",
];

/// Group adjectives that are not demonyms of one country.
const GROUP_ADJECTIVES: &[&str] = &[
    "Western",
    "European",
    "Arab",
    "Asian",
    "African",
    "Allied",
    "Coalition",
    "NATO",
    "EU",
    "Gulf",
    "Nordic",
    "Baltic",
    "Latin",
    "Kremlin",
    "Pentagon",
    "Israeli",
    "Palestinian",
    "Ukrainian",
    "Russian",
    "Chinese",
    "American",
    "Iranian",
    "Federal",
    "Government",
];

/// Nouns right before a name that make it an organisation ("the company X", "outlet X").
const ORG_CUES: &[&str] = &[
    "company",
    "firm",
    "maker",
    "manufacturer",
    "brand",
    "outlet",
    "newspaper",
    "daily",
    "broadcaster",
    "channel",
    "network",
    "agency",
    "startup",
    "start-up",
    "group",
    "website",
    "portal",
    "magazine",
    "publication",
    "conglomerate",
    "retailer",
    "carrier",
    "airline",
    "bank",
    "subsidiary",
    "distributor",
    "supplier",
    "vendor",
    "developer",
    "label",
    "studio",
    "club",
];

/// Common East Asian family names, written first ("Hsu Ching-kuang", "Kim Jong Un").
const SURNAME_FIRST: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Cho", "Jung", "Kang", "Yoon", "Moon", "Lim", "Han", "Shin",
    "Xi", "Li", "Wang", "Zhang", "Chen", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Hsu",
    "Lin", "Tsai", "Lai", "Ma", "Hu", "Guo", "Sun", "Ho", "Nguyen", "Tran", "Pham", "Hun",
];

/// Reporting verbs that mark the name before them as a speaker.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "noted",
    "explained",
    "argued",
    "warned",
    "stated",
    "asked",
    "replied",
    "insisted",
    "declared",
    "announced",
    "tweeted",
    "posted",
    "explains",
    "adds",
    "writes",
    "notes",
    "believes",
];

/// Prepositions that mark the name after them as a location.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "from", "near", "into", "across", "outside", "inside", "around", "toward",
    "towards",
];

/// One word of a sentence, with absolute byte offsets.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Followed by a possessive "'s" (which is not part of the token).
    poss: bool,
    /// Separated from the previous token by exactly one space (no punctuation).
    joined: bool,
    /// First word of the sentence or of a quotation / clause after a colon.
    initial: bool,
}

fn is_abbrev(word: &str) -> bool {
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Sens", "Rep", "Reps", "Gov",
        "Lt", "Col", "Capt", "Sgt", "Adm", "Prof", "Rev", "Inc", "Corp", "Co", "Ltd", "Maj",
        "Cmdr", "Brig", "Mt", "Ft", "Cpl", "Pvt",
    ];
    let single_letters = word.split('.').all(|seg| seg.chars().count() == 1)
        && word.chars().next().is_some_and(char::is_uppercase);
    single_letters || ABBR.contains(&word)
}

fn tokenize(s: &str, base: usize) -> Vec<Tok<'_>> {
    let mut toks: Vec<Tok<'_>> = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(s.len(), |&(p, _)| p);
    let mut i = 0;
    let mut prev_end = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut poss = false;
        while let Some(c) = at(j) {
            if c.is_alphanumeric() {
                j += 1;
                continue;
            }
            let next_alnum = at(j + 1).is_some_and(char::is_alphanumeric);
            if matches!(c, '\'' | '’') && next_alnum {
                let s_then_end = matches!(at(j + 1), Some('s' | 'S'))
                    && !at(j + 2).is_some_and(char::is_alphanumeric);
                if s_then_end {
                    poss = true;
                    break;
                }
                j += 1;
            } else if matches!(c, '-' | '.' | '&') && next_alnum {
                j += 1;
            } else if c == '.' && is_abbrev(&s[pos(start)..pos(j)]) {
                j += 1;
                break;
            } else {
                break;
            }
        }
        let (a, b) = (pos(start), pos(j));
        let gap = &s[prev_end..a];
        let initial = toks.is_empty()
            || gap.contains(['“', '"', '(', ':', '—', '–', '‘', '[', '|', '•'])
            || gap.contains(". ");
        toks.push(Tok {
            start: base + a,
            end: base + b,
            text: &s[a..b],
            poss,
            joined: !toks.is_empty() && gap == " ",
            initial,
        });
        // Skip the possessive ending.
        i = if poss { j + 2 } else { j };
        prev_end = if poss { pos(j + 2) } else { b };
    }
    toks
}

fn is_cap(word: &str) -> bool {
    // "I", "I’d", "I've": the first person, never part of a name.
    word.chars().next().is_some_and(char::is_uppercase)
        && word.split(['’', '\'']).next() != Some("I")
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Capitalised words that are acronyms of ordinary things, not organisations.
const ACRONYM_STOP: &[&str] = &[
    "I",
    "OK",
    "TV",
    "CEO",
    "CFO",
    "GDP",
    "AI",
    "COVID",
    "PM",
    "AM",
    "IMO",
    "LOL",
    "FAQ",
    "PDF",
    "USD",
    "EUR",
    "GMT",
    "UTC",
    "EST",
    "EDT",
    "PST",
    "BST",
    "CET",
    "ID",
    "IT",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "DNA",
    "HIV",
    "AIDS",
    "ICBM",
    "SUV",
    "VIP",
    "MP",
    "MPs",
    "Q&A",
    "UPDATE",
    "BREAKING",
    "NEWS",
    "EXCLUSIVE",
    "WATCH",
    "LIVE",
    "READ",
    "MORE",
    "RIP",
    "DIY",
    "PR",
    "HR",
    "IQ",
    "UFO",
    "ATM",
    "VPN",
    "URL",
    "WWII",
    "WWI",
    "UAV",
    "UAVs",
    "AD",
    "BC",
    "BCE",
    "CE",
    "VAT",
    "G.D.P.",
    "NB",
    "PS",
];

/// A span of tokens recognised as one entity mention, before offsets are final.
#[derive(Debug, Clone)]
struct Cand {
    /// Token range (inclusive start, exclusive end).
    a: usize,
    b: usize,
    kind: EntityKind,
    canonical: String,
    /// A lone word whose kind and canonical name are settled at document level.
    pending: bool,
}

/// Per-document knowledge used by the sentence classifier.
struct DocContext {
    /// Lower-cased words the document writes in lower case somewhere.
    lower_seen: HashSet<String>,
}

impl DocContext {
    fn ordinary(&self, word: &str) -> bool {
        let low = word.to_lowercase();
        GAZ.common.contains(&low) || self.lower_seen.contains(&low)
    }
}

/// Sentence in Title Case or ALL CAPS (a headline): be conservative there.
fn headline_shape(toks: &[Tok<'_>]) -> (bool, bool) {
    const FUNCTION: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by",
        "with", "from", "is", "are", "vs",
    ];
    let words: Vec<&str> = toks
        .iter()
        .map(|t| t.text)
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !FUNCTION.contains(&w.to_lowercase().as_str()))
        .collect();
    if content.len() < 3 {
        return (false, false);
    }
    let caps = content.iter().filter(|w| is_cap(w)).count();
    let upper = content
        .iter()
        .filter(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
        .count();
    let all_caps = upper * 10 >= content.len() * 8;
    let title = caps * 10 >= content.len() * 8 && !all_caps;
    (title, all_caps)
}

/// Finds entity mentions in the analysed (non-boilerplate) sentences.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Mention> {
    // (sentence index, sentence start, sentence text, tokens)
    let sents: Vec<(usize, usize, &str, Vec<Tok<'_>>)> = sentences
        .iter()
        .filter(|s| !s.boilerplate)
        .filter_map(|s| {
            text.get(s.start..s.end)
                .map(|body| (s.index, s.start, body, tokenize(body, s.start)))
        })
        .collect();
    let lower_seen = sents
        .iter()
        .flat_map(|(_, _, _, toks)| toks.iter())
        .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text.to_lowercase())
        .collect();
    let ctx = DocContext { lower_seen };
    let per_sentence: Vec<(usize, &[Tok<'_>], Vec<Cand>)> = sents
        .iter()
        .filter(|(_, _, _, toks)| !toks.is_empty())
        .map(|(index, base, body, toks)| {
            (
                *index,
                toks.as_slice(),
                find_in_sentence(body, *base, toks, &ctx),
            )
        })
        .collect();
    settle_document(text, per_sentence, &ctx)
}

/// Gazetteer hits aligned to tokens: start token -> (end token exclusive, entry).
fn gazetteer_hits(
    body: &str,
    base: usize,
    toks: &[Tok<'_>],
    all_caps: bool,
) -> Vec<Option<(usize, Entry)>> {
    let mut hits = vec![None; toks.len()];
    let by_start: HashMap<usize, usize> =
        toks.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
    for m in GAZ.matcher.find_iter(body) {
        let before = body[..m.start()].chars().next_back();
        let after = body[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(&a) = by_start.get(&(base + m.start())) else {
            continue;
        };
        let Some(b) = toks[a..]
            .iter()
            .position(|t| t.end == base + m.end())
            .map(|k| a + k + 1)
        else {
            continue;
        };
        let entry = GAZ.entries[m.pattern().as_usize()];
        if all_caps && is_acronym(&body[m.start()..m.end()]) {
            continue;
        }
        hits[a] = Some((b, entry));
    }
    hits
}

fn find_in_sentence(body: &str, base: usize, toks: &[Tok<'_>], ctx: &DocContext) -> Vec<Cand> {
    let (title_case, all_caps) = headline_shape(toks);
    let hits = gazetteer_hits(body, base, toks, all_caps);
    let cap_or_hit = |k: usize| {
        toks.get(k).is_some_and(|t| is_cap(t.text)) || hits.get(k).is_some_and(Option::is_some)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !cap_or_hit(i) {
            i += 1;
            continue;
        }
        // Grow a span of capitalised words / gazetteer hits.
        let mut end = hits[i].map_or(i + 1, |(b, _)| b);
        let mut has_of = false;
        loop {
            if toks[end - 1].poss || end >= toks.len() || !toks[end].joined {
                break;
            }
            if cap_or_hit(end) {
                end = hits[end].map_or(end + 1, |(b, _)| b);
                continue;
            }
            let w = toks[end].text;
            let prev = toks[end - 1].text;
            let next_ok = |k: usize| toks.get(k).is_some_and(|t| t.joined) && cap_or_hit(k);
            let particle = PARTICLES.contains(&w)
                && is_cap(prev)
                && (next_ok(end + 1)
                    || (toks
                        .get(end + 1)
                        .is_some_and(|t| t.joined && PARTICLES.contains(&t.text))
                        && next_ok(end + 2)));
            // "Trust on Sunday": a day or month ends the name.
            let of_link = matches!(w, "of" | "for" | "on")
                && OF_HEADS.contains(&prev)
                && next_ok(end + 1)
                && !toks
                    .get(end + 1)
                    .is_some_and(|t| DAYS_AND_MONTHS.contains(&t.text));
            let the_link =
                w == "the" && has_of && matches!(prev, "of" | "for" | "on") && next_ok(end + 1);
            // "Department of Labor and Workforce Development": after a body's
            // field, "and" and at most three capitalised words that end the
            // name, none a known name or a given name ("the Ministry of
            // Defence and Russia's …" stays two).
            let and_link =
                w == "and" && (i..end).any(|k| matches!(toks[k].text, "of" | "for")) && {
                    let rest = (end + 1..toks.len())
                        .take_while(|&k| {
                            toks[k].joined
                                && is_cap(toks[k].text)
                                && hits[k].is_none()
                                && !GAZ.given.contains(toks[k].text)
                        })
                        .count();
                    (1..=3).contains(&rest)
                        && !toks[end + rest].poss
                        && !(toks.get(end + rest + 1).is_some_and(|t| t.joined)
                            && cap_or_hit(end + rest + 1))
                };
            if particle || of_link || the_link || and_link {
                has_of |= of_link;
                end += 1;
                continue;
            }
            if w == "the" && matches!(prev, "of" | "for" | "on") {
                // "Ministry of the Interior" — keep growing.
                if next_ok(end + 1) {
                    end += 1;
                    continue;
                }
            }
            break;
        }
        // A trailing connector never ends a span.
        while end > i + 1 && !cap_or_hit(end - 1) {
            end -= 1;
        }
        classify_span(toks, &hits, i, end, title_case, ctx, &mut out);
        i = end;
    }
    find_groups(toks, &hits, &mut out);
    out
}

/// A reporting verb capitalised after a name ("… Lindqvist Wrote."): never
/// part of the name. ("Said" is left out: it is also a surname.)
fn is_capitalised_report(word: &str) -> bool {
    matches!(
        word,
        "Wrote"
            | "Writes"
            | "Added"
            | "Adds"
            | "Asked"
            | "Asks"
            | "Told"
            | "Tells"
            | "Stated"
            | "Noted"
    )
}

/// Classifies a run of capitalised words `toks[a..b]` into zero or more candidates.
#[allow(clippy::too_many_arguments)]
fn classify_span(
    toks: &[Tok<'_>],
    hits: &[Option<(usize, Entry)>],
    mut a: usize,
    mut b: usize,
    title_case: bool,
    ctx: &DocContext,
    out: &mut Vec<Cand>,
) {
    while b > a + 1 && hits[b - 1].is_none() && is_capitalised_report(toks[b - 1].text) {
        b -= 1;
    }
    // Leading words that are not part of a name: sentence-initial vocabulary, "The".
    while a < b && hits[a].is_none() {
        let t = &toks[a];
        let common_start =
            (t.initial || title_case) && ctx.ordinary(t.text) && !GAZ.given.contains(t.text);
        let article = matches!(t.text, "The" | "A" | "An");
        if common_start || article || !is_cap(t.text) {
            a += 1;
        } else {
            break;
        }
    }
    if a >= b {
        return;
    }
    let words = |x: usize, y: usize| -> String {
        toks[x..y]
            .iter()
            .enumerate()
            .fold(String::new(), |mut s, (k, t)| {
                if k > 0 {
                    s.push(' ');
                }
                s.push_str(t.text);
                s
            })
    };
    // 1. Exactly one gazetteer entry.
    if let Some((e, entry)) = hits[a]
        && e == b
    {
        out.push(gaz_cand(toks, hits, a, b, entry));
        return;
    }
    let last = toks[b - 1].text;
    let n = b - a;
    // 2. Titles: "NATO Secretary-General Mark Rutte", "Vice Foreign Minister Kim Hong Kyun".
    if let Some(t) = (a..b)
        .rev()
        .find(|&k| hits[k].is_none() && GAZ.titles.contains(toks[k].text))
    {
        let rest = t + 1..b;
        let name_ok = !rest.is_empty()
            && rest.len() <= 4
            && rest.clone().all(|k| {
                let w = toks[k].text;
                (is_cap(w) || PARTICLES.contains(&w))
                    && !GAZ.titles.contains(w)
                    && !matches!(hits[k], Some((_, e)) if e.country && rest.len() == 1)
            })
            && !ORG_SUFFIX.contains(&last)
            && !PLACE_SUFFIX.contains(&last);
        if name_ok {
            emit_hits(toks, hits, a, t + 1, out);
            out.push(person(t + 1, b, &words(t + 1, b)));
            return;
        }
    }
    let of_head = (a..b)
        .find(|&k| matches!(toks[k].text, "of" | "for" | "on"))
        .map(|k| toks[k - 1].text);
    // A body named by its field ("Department of Energy", "Ministry of
    // Health"): the field word is also a title word, the name is no title.
    let body_of_field = of_head.is_some_and(|h| OF_HEADS.contains(&h) && !GAZ.titles.contains(h));
    // 3a. Events, periods, works, laws, and bare job titles: only the places
    //     and bodies inside them ("Russian Revolution" → Russian).
    if n >= 2
        && (EVENT_SUFFIX.contains(&last)
            || GAZ.titles.contains(last) && hits[b - 1].is_none() && !body_of_field)
    {
        emit_hits(toks, hits, a, b, out);
        return;
    }
    // 3. Whole-span organisation or place by its head word.
    if n >= 2 {
        let kind = if ORG_SUFFIX.contains(&last) {
            Some(EntityKind::Org)
        } else if PLACE_SUFFIX.contains(&last)
            || of_head.is_some_and(|h| OF_PLACE_HEADS.contains(&h))
        {
            Some(EntityKind::Place)
        } else if of_head.is_some_and(|h| !GAZ.titles.contains(h)) {
            Some(EntityKind::Org)
        } else {
            None
        };
        if let Some(kind) = kind {
            let text = words(a, b);
            out.push(Cand {
                a,
                b,
                kind,
                canonical: text,
                pending: false,
            });
            return;
        }
    }
    // 4. A given name followed by name words: a person, even over a place word
    //    ("Lloyd Austin", "Victoria Nuland").
    if (2..=4).contains(&n)
        && GAZ.given.contains(toks[a].text)
        && hits[a].is_none_or(|(e, en)| e == a + 1 && en.role == Role::Name)
        && (a + 1..b).all(|k| {
            let w = toks[k].text;
            (PARTICLES.contains(&w) || !ctx.ordinary(w) || GAZ.given.contains(w))
                && hits[k].is_none_or(|(e, en)| {
                    e == k + 1 && en.role == Role::Name && en.kind != EntityKind::Org
                })
        })
    {
        out.push(person(a, b, &words(a, b)));
        return;
    }
    // 5. Split around gazetteer hits; classify the unknown runs between them.
    let mut k = a;
    let mut run_start = a;
    while k < b {
        if let Some((e, entry)) = hits[k] {
            unknown_run(toks, run_start, k, title_case, ctx, out);
            let e = e.min(b);
            out.push(gaz_cand(toks, hits, k, e, entry));
            k = e;
            run_start = k;
        } else {
            k += 1;
        }
    }
    unknown_run(toks, run_start, b, title_case, ctx, out);
}

fn person(a: usize, b: usize, name: &str) -> Cand {
    Cand {
        a,
        b,
        kind: EntityKind::Person,
        canonical: name.to_string(),
        pending: false,
    }
}

fn emit_hits(
    toks: &[Tok<'_>],
    hits: &[Option<(usize, Entry)>],
    a: usize,
    b: usize,
    out: &mut Vec<Cand>,
) {
    let mut k = a;
    while k < b {
        match hits[k] {
            Some((e, entry)) if e <= b => {
                out.push(gaz_cand(toks, hits, k, e, entry));
                k = e;
            }
            _ => {
                let w = toks[k].text;
                if is_acronym(w) && !ACRONYM_STOP.contains(&w) && !GAZ.titles.contains(w) {
                    out.push(Cand {
                        a: k,
                        b: k + 1,
                        kind: EntityKind::Org,
                        canonical: w.to_string(),
                        pending: false,
                    });
                }
                k += 1;
            }
        }
    }
}

fn gaz_cand(
    toks: &[Tok<'_>],
    hits: &[Option<(usize, Entry)>],
    a: usize,
    b: usize,
    entry: Entry,
) -> Cand {
    let mut kind = entry.kind;
    let canonical = match entry.role {
        Role::Name | Role::Demonym | Role::Nationals => entry.canonical.to_string(),
        Role::Capital => {
            let surface = toks[a..b]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            if capital_is_political(toks, hits, a, b) {
                entry.canonical.to_string()
            } else {
                surface
            }
        }
    };
    if entry.role == Role::Nationals {
        kind = EntityKind::Group;
    }
    Cand {
        a,
        b,
        kind,
        canonical,
        pending: false,
    }
}

/// Whether a capital at `toks[a..b]` stands for its government.
fn capital_is_political(
    toks: &[Tok<'_>],
    hits: &[Option<(usize, Entry)>],
    a: usize,
    b: usize,
) -> bool {
    if toks[b - 1].poss {
        return true;
    }
    let is_state = |k: usize| {
        hits.get(k)
            .copied()
            .flatten()
            .is_some_and(|(_, e)| e.country && e.role != Role::Nationals && e.role != Role::Demonym)
    };
    if let Some(next) = toks.get(b).filter(|t| t.joined || t.text == "and") {
        if POLITICAL_VERBS.contains(&next.text) {
            return true;
        }
        if next.text == "and" && is_state(b + 1) {
            return true;
        }
    }
    if a >= 2 && toks[a - 1].text == "and" {
        // "... between Seoul and Pyongyang", "Russia and Moscow"
        let start = (0..a - 1)
            .rev()
            .find(|&k| hits[k].is_some_and(|(e, _)| e == a - 1));
        if start.is_some_and(is_state) {
            return true;
        }
    }
    false
}

/// Classifies capitalised words that no gazetteer knows.
fn unknown_run(
    toks: &[Tok<'_>],
    mut a: usize,
    mut b: usize,
    title_case: bool,
    ctx: &DocContext,
    out: &mut Vec<Cand>,
) {
    while b > a + 1 && is_capitalised_report(toks[b - 1].text) {
        b -= 1;
    }
    // Drop ordinary words at the edges ("Backs", "Attacking").
    while a < b
        && (!is_cap(toks[a].text) || (toks[a].initial || title_case) && ctx.ordinary(toks[a].text))
    {
        a += 1;
    }
    if a >= b {
        return;
    }
    let n = b - a;
    let words: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
    let text = words.join(" ");
    if n >= 3
        && words
            .iter()
            .all(|w| is_acronym(w) || w.len() > 6 && w.chars().all(|c| !c.is_lowercase()))
    {
        // A shouted phrase ("CORRECTS DAY TO TUESDAY"), not a name.
        return;
    }
    let first = words[0];
    let last = words[n - 1];
    if n >= 2 {
        if title_case {
            // Headline: only clear person names.
            if GAZ.given.contains(first) && n <= 3 && words[1..].iter().all(|w| !ctx.ordinary(w)) {
                out.push(Cand {
                    a,
                    b,
                    kind: EntityKind::Person,
                    canonical: text,
                    pending: false,
                });
            }
            return;
        }
        let kind = if GAZ.given.contains(first) && n <= 4 {
            Some(EntityKind::Person)
        } else if ORG_SUFFIX.contains(&last)
            || words
                .iter()
                .any(|w| is_acronym(w) && !ACRONYM_STOP.contains(w))
        {
            Some(EntityKind::Org)
        } else if n <= 4
            && words
                .iter()
                .all(|w| PARTICLES.contains(w) || !ctx.ordinary(w) && !GAZ.titles.contains(w))
        {
            Some(EntityKind::Person)
        } else if words.iter().filter(|w| !ctx.ordinary(w)).count() * 3 >= n * 2 {
            Some(EntityKind::Org)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push(Cand {
                a,
                b,
                kind,
                canonical: text,
                pending: false,
            });
        }
        return;
    }
    // A single word.
    let t = &toks[a];
    if is_acronym(first)
        || first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        // A dateline or shouted word may be a known name in capitals ("MOSCOW").
        let titled: String = first
            .chars()
            .enumerate()
            .map(|(k, c)| {
                if k == 0 {
                    c
                } else {
                    c.to_lowercase().next().unwrap_or(c)
                }
            })
            .collect();
        if first.chars().count() >= 4
            && let Some(entry) = gaz_lookup(&titled)
        {
            out.push(Cand {
                a,
                b,
                kind: entry.kind,
                canonical: if entry.role == Role::Capital {
                    titled
                } else {
                    entry.canonical.to_string()
                },
                pending: false,
            });
            return;
        }
        if is_acronym(first) && !ACRONYM_STOP.contains(&first) && !title_case {
            out.push(Cand {
                a,
                b,
                kind: EntityKind::Org,
                canonical: text,
                pending: false,
            });
        }
        return;
    }
    if first.strip_suffix('s').is_some_and(is_acronym) {
        // "MPs", "GIFs": plural of an ordinary acronym.
        return;
    }
    let inner_caps =
        first.chars().skip(1).any(char::is_uppercase) && first.chars().any(char::is_lowercase);
    let has_digit = first.chars().any(|c| c.is_ascii_digit());
    if has_digit {
        // Model numbers and codes ("AR-924", "COVID-19") are not names;
        // "United24Media" (digits inside a word) is handled above.
        if !inner_caps || first.contains('-') {
            return;
        }
    }
    let has_lower = first.chars().any(char::is_lowercase);
    if inner_caps && !first.contains('-') || (has_digit && has_lower && !first.contains('-')) {
        out.push(Cand {
            a,
            b,
            kind: EntityKind::Org,
            canonical: text,
            pending: false,
        });
        return;
    }
    if GAZ.titles.contains(first) || ctx.ordinary(first) && (t.initial || title_case) {
        return;
    }
    let next = toks.get(b).map(|t| t.text);
    let prev = a.checked_sub(1).map(|k| toks[k].text);
    let kind = if next.is_some_and(|w| SPEECH_VERBS.contains(&w)) || prev == Some("said") {
        EntityKind::Person
    } else if prev.is_some_and(|w| PLACE_PREPS.contains(&w)) && !t.initial {
        EntityKind::Place
    } else {
        EntityKind::Person
    };
    out.push(Cand {
        a,
        b,
        kind,
        canonical: text,
        pending: true,
    });
}

/// Finds collective actors: "<nationality> [modifier] <group noun>".
fn find_groups(toks: &[Tok<'_>], hits: &[Option<(usize, Entry)>], out: &mut Vec<Cand>) {
    for a in 0..toks.len() {
        let (adj_end, adjective) = match hits[a] {
            Some((e, entry))
                if entry.country && matches!(entry.role, Role::Demonym | Role::Name) =>
            {
                let adj = GAZ
                    .group_adjective
                    .get(entry.canonical)
                    .copied()
                    .unwrap_or(entry.canonical);
                (e, adj)
            }
            _ if GROUP_ADJECTIVES.contains(&toks[a].text) => (a + 1, toks[a].text),
            _ => continue,
        };
        if toks[adj_end - 1].poss {
            continue;
        }
        let mut k = adj_end;
        let mut mods = Vec::new();
        while let Some(t) = toks.get(k).filter(|t| t.joined) {
            let low = t.text.to_lowercase();
            let lower_case = t.text.chars().next().is_some_and(char::is_lowercase);
            let head_follows = toks.get(k + 1).is_some_and(|n| {
                n.joined && GROUP_HEADS.contains(&n.text) && GROUP_MODIFIERS.contains(&low.as_str())
            });
            if GROUP_HEADS.contains(&low.as_str()) && lower_case && !head_follows {
                let canonical = std::iter::once(adjective.to_string())
                    .chain(mods.iter().cloned())
                    .chain(std::iter::once(low))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(Cand {
                    a,
                    b: k + 1,
                    kind: EntityKind::Group,
                    canonical,
                    pending: false,
                });
                break;
            }
            if GROUP_MODIFIERS.contains(&low.as_str()) && mods.len() < 2 && !t.poss {
                mods.push(low);
                k += 1;
                continue;
            }
            break;
        }
    }
}

/// Name-matching key: lower case, no diacritics, hyphens and dots as spaces.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<String> = folded
        .split_whitespace()
        .filter(|w| !matches!(*w, "s"))
        .map(|w| {
            let w = w.to_lowercase();
            // Transliteration variants: Zelenskiy / Zelenskyy → zelensky, Sergei → sergey.
            if let Some(stem) = w
                .strip_suffix("iy")
                .or_else(|| w.strip_suffix("yy"))
                .filter(|s| s.len() >= 3)
            {
                format!("{stem}y")
            } else if let Some(stem) = w.strip_suffix("ei").filter(|s| s.len() >= 3) {
                format!("{stem}ey")
            } else {
                w
            }
        })
        .map(|w| {
            // Doubled letters are a common transliteration variance (Firass / Firas).
            let mut folded = String::with_capacity(w.len());
            for c in w.chars() {
                if !folded.ends_with(c) || c.is_ascii_digit() {
                    folded.push(c);
                }
            }
            folded
        })
        .collect();
    if words.first().is_some_and(|w| w == "the") && words.len() > 1 {
        words.remove(0);
    }
    words.join(" ")
}

/// Acronyms the document defines: "the Northern Rowing Federation (NRF)"
/// makes every "NRF" of the document the federation, as a surname
/// stands for the full name given earlier. The acronym's letters must be
/// the initials of the capitalised words right before the parenthesis
/// (function words between them passed over); the name takes the
/// canonical form and kind of the mention that covers it.
///
/// Written by hand: abbreviation-definition finders (Schwartz & Hearst's
/// and its ports) live in biomedical Python toolkits, not in a Rust crate.
fn acronym_definitions(
    text: &str,
    per_sentence: &[(usize, &[Tok<'_>], Vec<Cand>)],
) -> HashMap<String, (String, EntityKind)> {
    // Names found, by their exact words.
    let mut named: HashMap<&str, (&str, EntityKind)> = HashMap::new();
    for (_, toks, cands) in per_sentence {
        for c in cands.iter().filter(|c| !c.pending && c.b > c.a) {
            let (Some(first), Some(last)) = (toks.get(c.a), toks.get(c.b - 1)) else {
                continue;
            };
            if let Some(surface) = text.get(first.start..last.end) {
                named.insert(surface, (c.canonical.as_str(), c.kind));
            }
        }
    }
    let mut out: HashMap<String, Option<(String, EntityKind)>> = HashMap::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let acronym = &rest[..close];
        let letters: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
        if !is_acronym(acronym) || acronym.contains('.') || letters.len() < 2 {
            continue;
        }
        // The words before the parenthesis (within 200 bytes), nearest first.
        let mut lo = open.saturating_sub(200);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let window = &text[lo..open];
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, ch) in window.char_indices() {
            if ch.is_whitespace() {
                if let Some(s) = start.take() {
                    words.push((lo + s, &window[s..i]));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            words.push((lo + s, &window[s..]));
        }
        words.reverse();
        let mut need = letters.iter().rev().peekable();
        let mut from = None;
        for (start, w) in &words {
            let Some(&&want) = need.peek() else {
                break;
            };
            if is_cap(w) && w.starts_with(want) {
                need.next();
                from = Some(*start);
            } else if !matches!(*w, "of" | "and" | "for" | "the" | "on" | "in" | "&") {
                break;
            }
        }
        let (Some(from), None) = (from, need.peek()) else {
            continue;
        };
        let full = text[from..open].trim_end();
        let found = named
            .get(full)
            .map_or((full.to_string(), EntityKind::Org), |(c, k)| {
                ((*c).to_string(), *k)
            });
        out.entry(acronym.to_string())
            .and_modify(|v| {
                if v.as_ref().is_some_and(|(c, _)| *c != found.0) {
                    *v = None;
                }
            })
            .or_insert(Some(found));
    }
    out.into_iter().filter_map(|(a, v)| Some((a, v?))).collect()
}

/// Settles lone words against the document's full names and builds the mentions.
fn settle_document(
    text: &str,
    per_sentence: Vec<(usize, &[Tok<'_>], Vec<Cand>)>,
    ctx: &DocContext,
) -> Vec<Mention> {
    // Full person names in the document: last word (and first word for
    // surname-first East Asian names) -> canonical; ambiguous keys map to None.
    let mut surnames: HashMap<String, Option<String>> = HashMap::new();
    let mut note = |key: String, canonical: &str| {
        surnames
            .entry(key)
            .and_modify(|v| {
                if v.as_deref()
                    .is_some_and(|c| name_key(c) != name_key(canonical))
                {
                    *v = None;
                }
            })
            .or_insert_with(|| Some(canonical.to_string()));
    };
    for (_, _, cands) in &per_sentence {
        for c in cands
            .iter()
            .filter(|c| c.kind == EntityKind::Person && !c.pending)
        {
            let parts: Vec<&str> = c.canonical.split_whitespace().collect();
            if parts.len() >= 2
                && let Some(last) = parts.last()
            {
                note(name_key(last), &c.canonical);
                // Surname-first names ("Hsu Ching-kuang", "Kim Jong Un").
                if let Some(first) = parts.first().filter(|f| SURNAME_FIRST.contains(f)) {
                    note(name_key(first), &c.canonical);
                }
            }
        }
    }
    // How often each unknown lone word comes up: a repeated capitalised word
    // that is not ordinary vocabulary is a name.
    let mut pending_count: HashMap<&str, usize> = HashMap::new();
    for (_, toks, cands) in &per_sentence {
        for c in cands.iter().filter(|c| c.pending) {
            if let Some(t) = toks.get(c.a) {
                *pending_count.entry(t.text).or_default() += 1;
            }
        }
    }
    // Names that the context calls a company or an outlet ("the company Gold
    // Apollo", "Telex reported") are organisations in the whole document.
    let mut org_named: HashSet<String> = HashSet::new();
    for (_, toks, cands) in &per_sentence {
        for c in cands.iter().filter(|c| c.kind == EntityKind::Person) {
            let prev =
                c.a.checked_sub(1)
                    .and_then(|k| toks.get(k))
                    .map(|t| t.text.to_lowercase());
            let next = toks.get(c.b).map(|t| t.text);
            let cue_before = prev
                .as_deref()
                .is_some_and(|w| ORG_CUES.contains(&w) || w.ends_with("-based"));
            let cue_after =
                next.is_some_and(|w| matches!(w, "reported" | "reports" | "Inc" | "Ltd"));
            if cue_before || cue_after {
                org_named.insert(name_key(&c.canonical));
            }
        }
    }
    let acronyms = acronym_definitions(text, &per_sentence);
    let mut out = Vec::new();
    for (sentence, toks, cands) in &per_sentence {
        let (sentence, toks) = (*sentence, *toks);
        for c in cands.iter().cloned() {
            let (Some(first), Some(last)) = (toks.get(c.a), toks.get(c.b.saturating_sub(1))) else {
                continue;
            };
            let (start, end) = (first.start, last.end);
            let Some(surface) = text.get(start..end) else {
                continue;
            };
            let mut kind = c.kind;
            let mut canonical = c.canonical;
            let single = c.b == c.a + 1;
            if let Some((full, full_kind)) = acronyms.get(surface).filter(|_| single) {
                // "the NRF" after "the Northern Rowing Federation (NRF)".
                canonical = full.clone();
                kind = *full_kind;
            } else if single && kind != EntityKind::Group {
                if let Some(Some(full)) = surnames.get(&name_key(surface)) {
                    if full != surface {
                        kind = EntityKind::Person;
                        canonical = full.clone();
                    }
                } else if c.pending {
                    // An unknown lone word: keep it only with some evidence.
                    let word = surface;
                    let next = toks.get(c.b).map(|t| t.text);
                    let prev = c.a.checked_sub(1).and_then(|k| toks.get(k)).map(|t| t.text);
                    let speech = next.is_some_and(|w| SPEECH_VERBS.contains(&w))
                        || prev.is_some_and(|w| matches!(w, "said" | "says" | "told" | "explains"));
                    let place = kind == EntityKind::Place;
                    let evidence = speech
                        || place
                        || first.poss
                        || pending_count.get(word).is_some_and(|&n| n >= 2);
                    if !evidence || ctx.ordinary(word) {
                        continue;
                    }
                }
            }
            if kind == EntityKind::Person && org_named.contains(&name_key(&canonical)) {
                kind = EntityKind::Org;
            }
            out.push(Mention {
                sentence,
                start,
                end,
                text: surface.to_string(),
                kind,
                canonical,
            });
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_text::sentences;

    fn run(text: &str) -> Vec<Mention> {
        find(text, &sentences::split(text))
    }

    fn has(ms: &[Mention], surface: &str, kind: EntityKind, canonical: &str) -> bool {
        ms.iter()
            .any(|m| m.text == surface && m.kind == kind && m.canonical == canonical)
    }

    #[test]
    fn the_first_person_is_no_entity() {
        let text = "\u{201c}I went back and said I\u{2019}d had enough.\n\n\u{201c}I\u{2019}ve always raced with honour, I\u{2019}m proud of it,\u{201d} Maria Ortiz said.";
        let ms = run(text);
        assert!(ms.iter().all(|m| !m.text.starts_with('I')), "{ms:#?}");
        assert!(ms.iter().any(|m| m.canonical == "Maria Ortiz"), "{ms:#?}");
    }

    #[test]
    fn a_government_department_keeps_its_whole_name() {
        let text = "The risk is low, according to the release by the Oregon Department of State and Local Affairs.\n\nThe Department of Labor and Workforce Development said so.\n\nAccording to the U.S. Department of Commerce, exports rose.";
        let ms = run(text);
        assert!(
            ms.iter()
                .any(|m| m.canonical == "Oregon Department of State and Local Affairs"),
            "{ms:#?}"
        );
        assert!(
            ms.iter()
                .any(|m| m.text == "Department of Labor and Workforce Development"),
            "{ms:#?}"
        );
        assert!(
            ms.iter()
                .any(|m| m.text.ends_with("Department of Commerce")),
            "{ms:#?}"
        );
    }

    #[test]
    fn and_after_a_department_name_does_not_swallow_another_body() {
        let text =
            "The Ministry of Defence and Russia's foreign ministry both declined to comment.";
        let ms = run(text);
        assert!(
            ms.iter()
                .all(|m| !m.text.contains("Russia") || m.text == "Russia"),
            "{ms:#?}"
        );
    }

    #[test]
    fn a_day_after_on_ends_an_organisation_name() {
        let text = "The Regional Planning Council on Thursday rejected the harbour plan.";
        let ms = run(text);
        assert!(ms.iter().all(|m| !m.text.contains("Thursday")), "{ms:#?}");
        assert!(ms.iter().any(|m| m.text.ends_with("Council")), "{ms:#?}");
    }

    #[test]
    fn a_capitalised_reporting_verb_is_not_part_of_the_name() {
        let text = "Governor Marta Lindqvist signed the order on Monday.\n\n\u{201c}We act today,\u{201d} Lindqvist Wrote. \u{201c}The herds come first.\u{201d}";
        let ms = run(text);
        assert!(ms.iter().all(|m| !m.text.contains("Wrote")), "{ms:#?}");
        assert!(
            ms.iter().any(|m| m.canonical == "Marta Lindqvist"),
            "{ms:#?}"
        );
    }

    #[test]
    fn titles_introduce_people_and_countries_stay_apart() {
        let text = "Chilean Foreign Minister Alberto van Klaveren met Brazil's Defense Minister José Múcio in Santiago on Friday.";
        let ms = run(text);
        assert!(
            has(
                &ms,
                "Alberto van Klaveren",
                EntityKind::Person,
                "Alberto van Klaveren"
            ),
            "{ms:#?}"
        );
        assert!(
            has(&ms, "José Múcio", EntityKind::Person, "José Múcio"),
            "{ms:#?}"
        );
        assert!(has(&ms, "Chilean", EntityKind::Place, "Chile"), "{ms:#?}");
        assert!(has(&ms, "Brazil", EntityKind::Place, "Brazil"), "{ms:#?}");
        for m in &ms {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }

    #[test]
    fn an_acronym_the_document_defines_is_the_name_it_stands_for() {
        let text = "The Northern Rowing Federation (NRF) met in Bergen on Monday. \
                    Later the NRF said its rules were fair, and the NRF board agreed.";
        let ms = find(text, &sentences::split(text));
        let nrf: Vec<&Mention> = ms.iter().filter(|m| m.text == "NRF").collect();
        assert!(!nrf.is_empty(), "{ms:#?}");
        for m in nrf {
            assert_eq!(m.canonical, "Northern Rowing Federation", "{ms:#?}");
        }
        // Letters that are not the initials define nothing.
        let text = "The Northern Rowing Federation (XYZ) met in Bergen. The XYZ said so.";
        let ms = find(text, &sentences::split(text));
        assert!(
            ms.iter()
                .all(|m| m.canonical != "Northern Rowing Federation" || m.text != "XYZ"),
            "{ms:#?}"
        );
    }

    #[test]
    fn surnames_resolve_to_the_full_name() {
        let text = "Finnish President Alexander Stubb arrived in Oslo. Stubb said the talks went well.\n\nLater, Stubb flew home.";
        let ms = run(text);
        let stubb: Vec<_> = ms.iter().filter(|m| m.text == "Stubb").collect();
        assert_eq!(stubb.len(), 2, "{ms:#?}");
        assert!(
            stubb
                .iter()
                .all(|m| m.canonical == "Alexander Stubb" && m.kind == EntityKind::Person)
        );
        assert!(!ms.iter().any(|m| m.text == "Later"), "{ms:#?}");
    }

    #[test]
    fn capitals_stand_for_states_only_when_they_act() {
        let text = "Tehran and Washington traded accusations. Protesters gathered in Tehran on Sunday. Tehran’s response was swift.";
        let ms = run(text);
        let tehran: Vec<&str> = ms
            .iter()
            .filter(|m| m.text == "Tehran")
            .map(|m| m.canonical.as_str())
            .collect();
        assert_eq!(tehran, vec!["Iran", "Tehran", "Iran"], "{ms:#?}");
        assert!(
            has(&ms, "Washington", EntityKind::Place, "United States"),
            "{ms:#?}"
        );
    }

    #[test]
    fn groups_normalise_the_nationality() {
        let text = "American officials and U.S. intelligence officials disagreed, while Western governments stayed quiet and some South Korean lawmakers spoke out.";
        let ms = run(text);
        let groups: Vec<&str> = ms
            .iter()
            .filter(|m| m.kind == EntityKind::Group)
            .map(|m| m.canonical.as_str())
            .collect();
        assert_eq!(
            groups,
            vec![
                "US officials",
                "US intelligence officials",
                "Western governments",
                "South Korean lawmakers"
            ],
            "{ms:#?}"
        );
    }

    #[test]
    fn organisations_by_gazetteer_pattern_and_acronym() {
        let text = "The report by the Stockholm Peace Institute was cited by Reuters, the Kathmandu Post and the UNHCR. A spokesman for the Ministry of Foreign Affairs declined to comment.";
        let ms = run(text);
        assert!(
            has(
                &ms,
                "Stockholm Peace Institute",
                EntityKind::Org,
                "Stockholm Peace Institute"
            ),
            "{ms:#?}"
        );
        assert!(has(&ms, "Reuters", EntityKind::Org, "Reuters"), "{ms:#?}");
        assert!(
            ms.iter()
                .any(|m| m.text == "Kathmandu Post" && m.kind == EntityKind::Org),
            "{ms:#?}"
        );
        assert!(has(&ms, "UNHCR", EntityKind::Org, "UNHCR"), "{ms:#?}");
        assert!(
            ms.iter()
                .any(|m| m.text == "Ministry of Foreign Affairs" && m.kind == EntityKind::Org),
            "{ms:#?}"
        );
        assert!(
            !ms.iter().any(|m| m.text == "The" || m.text == "A"),
            "{ms:#?}"
        );
    }

    #[test]
    fn sentence_initial_words_and_headlines_are_not_names() {
        let text = "Meanwhile the storm moved north.\n\nFloods Sweep Across Coastal Towns As Rivers Rise\n\nHowever, officials in Manila said rescue teams were ready.";
        let ms = run(text);
        let surfaces: Vec<&str> = ms.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(surfaces, vec!["Manila"], "{ms:#?}");
    }

    #[test]
    fn datelines_codes_and_company_cues() {
        let text = "NAIROBI, March 3 (Reuters) - The company Tamarind Vale said its AR-200 model was safe.\n\nTamarind Vale shares fell.";
        let ms = run(text);
        assert!(has(&ms, "NAIROBI", EntityKind::Place, "Nairobi"), "{ms:#?}");
        assert!(
            ms.iter()
                .filter(|m| m.text == "Tamarind Vale")
                .all(|m| m.kind == EntityKind::Org),
            "{ms:#?}"
        );
        assert_eq!(
            ms.iter().filter(|m| m.text == "Tamarind Vale").count(),
            2,
            "{ms:#?}"
        );
        assert!(!ms.iter().any(|m| m.text.contains("AR-200")), "{ms:#?}");
    }

    #[test]
    fn variant_spellings_share_a_key() {
        assert_eq!(name_key("Zelenskiy"), name_key("Zelenskyy"));
        assert_eq!(name_key("Kim Jong-un"), name_key("Kim Jong Un"));
        assert_eq!(name_key("Sergei Lavrov"), name_key("Sergey Lavrov"));
        assert_eq!(name_key("The Washington Post"), "washington post");
        assert_eq!(name_key("Erdoğan"), "erdogan");
        assert_eq!(name_key("Firass Abiad"), name_key("Firas Abiad"));
    }

    #[test]
    fn helpers_answer_from_the_gazetteer() {
        assert_eq!(canonical_country("DPRK"), Some("North Korea"));
        assert_eq!(canonical_country("Ukrainian"), Some("Ukraine"));
        assert_eq!(canonical_country("Kyiv"), Some("Ukraine"));
        assert_eq!(canonical_country("Reuters"), None);
        assert!(is_demonym("South Korean"));
        assert!(is_person_title("Secretary-General"));
        assert!(known_aliases("United States").contains(&"U.S."));
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "",
            "’s",
            "A.",
            "U.S.’",
            "— “Ł’s ŻÓŁĆ” —",
            "x\u{301}y Ż. Ą-ą",
            "Mr. . . Dr.",
        ] {
            let _ = run(text);
        }
    }
}
