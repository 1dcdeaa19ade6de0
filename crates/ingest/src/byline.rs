//! Author values as pages give them, cleaned into names.
//!
//! Measured on the 181 pages of the article-extraction benchmark, the raw
//! values carried "By" and "Analysis by" prefixes, labels ("Текст:"), job
//! titles ("AP Auto Writer", "CNN Editor-at-large"), the outlet's own name
//! ("Victor Tangermann, Futurism", "BBC News" on the BBC), credentials
//! ("MS, RDN"), dates glued to the name ("Jeff FoustMonday, November 18,
//! 2019"), CMS user names ("jdadmin", "rmb8090") and sentences caught by a
//! byline selector. No crate does this; the rules are small and tested.

use std::sync::LazyLock;

use regex::Regex;

/// A leading label: "Text:", "Texto:", "Текст:", "Author:".
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L} ]{1,20}:\s+").expect("constant regex is valid"));
/// "By", "Analysis by", "Written by", "Posted by" at the start.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\p{L}-]+\s+)?by:?\s+").expect("constant regex is valid")
});
/// A date (with an optional weekday and time) at the end, glued or not.
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\s,|–-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}).*$",
    )
    .expect("constant regex is valid")
});
/// Where one author ends and the next begins.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[,;|/]|\s+and\s+|\s+&\s+|\s+und\s+|\s+et\s+|\s+y\s+)\s*")
        .expect("constant regex is valid")
});
/// A sentence break inside a value ("Finian Cunningham. Sputnik
/// International"), not an initial ("Sarah E. Needleman").
static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}{2}\.\s+").expect("constant regex is valid"));
/// Job titles that follow a name.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:writer|editor|editor-at-large|correspondent|reporter|columnist|contributor|producer|bureau chief|anchor|analyst|critic)s?\b",
    )
    .expect("constant regex is valid")
});

/// Lower-case words allowed inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el", "la",
    "le", "van", "von", "y", "e", "ibn", "ter", "ten", "zu",
];

/// What the page is known by: its site name and its host, to tell an
/// outlet's name from an author's.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Outlet<'a> {
    pub site: Option<&'a str>,
    pub host: Option<&'a str>,
}

impl Outlet<'_> {
    /// Whether `name` is the outlet itself: its site name, or its host's
    /// name ("LinkNaija" on linknaija.com).
    fn is(&self, name: &str) -> bool {
        let key = letters(name);
        if key.is_empty() {
            return false;
        }
        self.site.is_some_and(|s| letters(s) == key)
            || self.host.is_some_and(|h| {
                let host = letters(h.strip_prefix("www.").unwrap_or(h));
                key.len() >= 4 && host.contains(&key)
            })
    }
}

/// Lower-cased letters and digits only.
pub(crate) fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The author names in `raw`, joined with ", "; `None` when nothing in it is
/// a name.
pub(crate) fn clean(raw: &str, outlet: Outlet<'_>) -> Option<String> {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if raw.is_empty() || raw.starts_with("http://") || raw.starts_with("https://") {
        return None;
    }
    let s = LABEL.replace(&raw, "");
    let s = BY.replace(&s, "");
    let s = TRAILING_DATE.replace(&s, "");
    if !looks_like_names(&s) {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for (i, part) in SEPARATOR
        .split(&s)
        .flat_map(|p| split_sentences(p.trim()))
        .enumerate()
    {
        let part = part.trim().trim_matches(|c: char| c == '.' || c == '-');
        if part.is_empty()
            || ROLE.is_match(part)
            || outlet.is(part)
            || is_user_name(part)
            || (i > 0 && is_credential(part))
        {
            continue;
        }
        let name = if is_shouted(part) {
            title_case(part)
        } else {
            part.to_string()
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// Splits at sentence breaks, keeping initials whole.
fn split_sentences(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in SENTENCE_BREAK.find_iter(part) {
        // The period sits after the two letters the pattern matched.
        let Some(dot) = part[m.start()..m.end()].find('.').map(|d| m.start() + d) else {
            continue;
        };
        out.push(&part[start..dot]);
        start = m.end();
    }
    out.push(&part[start..]);
    out
}

/// A value that reads as a phrase, not a list of names: two or more
/// lower-case words that are neither particles nor connectors ("The Russian
/// and Syrian defense ministries").
fn looks_like_names(s: &str) -> bool {
    let lower = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| !PARTICLES.contains(w) && !matches!(*w, "and" | "und" | "et" | "staff"))
        .count();
    lower < 2 && s.chars().any(char::is_alphabetic)
}

/// A CMS account rather than a person: one token with digits, "admin", or
/// no capital letter at all ("jdadmin", "rmb8090", "gto").
fn is_user_name(part: &str) -> bool {
    !part.contains(' ')
        && (part.chars().any(|c| c.is_ascii_digit())
            || part.to_lowercase().contains("admin")
            || (part.chars().any(char::is_alphabetic) && !part.chars().any(char::is_uppercase)))
}

/// "MS", "RDN", "PhD", "MD" after a name.
fn is_credential(part: &str) -> bool {
    !part.contains(' ')
        && part.chars().count() <= 4
        && part.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// An all-capitals name of more than one word ("TOM KRISHER").
fn is_shouted(part: &str) -> bool {
    part.split_whitespace().count() > 1
        && part.chars().any(char::is_alphabetic)
        && !part.chars().any(char::is_lowercase)
}

/// "TOM KRISHER" -> "Tom Krisher".
fn title_case(part: &str) -> String {
    part.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet<'a>(site: &'a str, host: &'a str) -> Outlet<'a> {
        Outlet {
            site: Some(site),
            host: Some(host),
        }
    }

    #[test]
    fn prefixes_roles_and_capitals() {
        let none = Outlet::default();
        assert_eq!(
            clean("By TOM KRISHER, AP Auto Writer", none).as_deref(),
            Some("Tom Krisher")
        );
        assert_eq!(
            clean("By MEG KINNARD and ERRIN HAINES, Associated Press", none).as_deref(),
            Some("Meg Kinnard, Errin Haines, Associated Press")
        );
        assert_eq!(
            clean("Analysis by Chris Cillizza, CNN Editor-at-large", none).as_deref(),
            Some("Chris Cillizza")
        );
        assert_eq!(
            clean("Текст: Венера Ерофеева", none).as_deref(),
            Some("Венера Ерофеева")
        );
        assert_eq!(
            clean("Ilana Muhlstein, MS, RDN", none).as_deref(),
            Some("Ilana Muhlstein")
        );
        assert_eq!(
            clean("Sarah E. Needleman", none).as_deref(),
            Some("Sarah E. Needleman")
        );
        assert_eq!(
            clean("Lia Eustachewich, Yaron Steinbuch", none).as_deref(),
            Some("Lia Eustachewich, Yaron Steinbuch")
        );
    }

    #[test]
    fn dates_glued_to_a_name_are_cut() {
        let none = Outlet::default();
        assert_eq!(
            clean("Jeff FoustMonday, November 18, 2019", none).as_deref(),
            Some("Jeff Foust")
        );
        assert_eq!(
            clean("By Jane Roe - 11/18/19 11:04 PM", none).as_deref(),
            Some("Jane Roe")
        );
    }

    #[test]
    fn the_outlet_is_not_an_author() {
        assert_eq!(
            clean(
                "Victor Tangermann, Futurism",
                outlet("Futurism", "futurism.com")
            )
            .as_deref(),
            Some("Victor Tangermann")
        );
        assert_eq!(
            clean(
                "Finian Cunningham. Sputnik International",
                outlet("Sputnik International", "sputniknews.com")
            )
            .as_deref(),
            Some("Finian Cunningham")
        );
        assert_eq!(clean("BBC News", outlet("BBC News", "www.bbc.com")), None);
        assert_eq!(
            clean("LinkNaija", outlet("Home", "www.linknaija.com")),
            None
        );
        // An agency credited on another outlet's page is its author.
        assert_eq!(
            clean("Reuters", outlet("CNBC", "www.cnbc.com")).as_deref(),
            Some("Reuters")
        );
    }

    #[test]
    fn junk_is_no_author() {
        let none = Outlet::default();
        for junk in [
            "jdadmin",
            "rmb8090",
            "gto",
            "https://www.facebook.com/someone",
            "The Russian and Syrian defense ministries",
            "  ",
        ] {
            assert_eq!(clean(junk, none), None, "{junk}");
        }
        // Lower-case particles and a staff credit are names.
        assert_eq!(
            clean("Ludwig van Beethoven", none).as_deref(),
            Some("Ludwig van Beethoven")
        );
        assert_eq!(
            clean("Science X staff", none).as_deref(),
            Some("Science X staff")
        );
    }
}
