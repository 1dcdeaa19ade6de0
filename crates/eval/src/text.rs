//! Text keys used to compare dossier text with gold text.
//!
//! These follow the independent Python scorers exactly (their `norm`,
//! `name_key` and `same_person`), so that both give the same figures. They
//! are written by hand because the rules are tiny and must match character
//! for character: NFKC comes from `unicode-normalization`, and Python's idea
//! of whitespace (`str.isspace`, which `re`'s `\s` uses) is spelled out below.

use unicode_normalization::UnicodeNormalization;

/// Python's `str.isspace`: Unicode `White_Space` plus the four ASCII
/// information separators U+001C..U+001F, which Python also counts.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// Collapses every run of characters that `is_space` accepts into one ASCII
/// space and trims both ends (Python's `re.sub(r"\s+", " ", s).strip()`).
fn collapse_spaces(s: &str, is_space: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// The comparison form of a text: NFKC, curly quotes made straight,
/// whitespace runs collapsed to one space, trimmed, lower-cased.
///
/// `None` (a missing text) gives the empty string.
pub fn norm(s: Option<&str>) -> String {
    let Some(s) = s else { return String::new() };
    let straight: String = s
        .nfkc()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            c => c,
        })
        .collect();
    collapse_spaces(&straight, is_py_space).to_lowercase()
}

/// Leading words dropped from a name before comparing it ("the", "president",
/// "u.s.", "us"), tried in this order; each must be followed by whitespace.
const NAME_PREFIXES: [&str; 4] = ["the", "president", "u.s.", "us"];

/// The comparison form of a name: [`norm`], one leading title word dropped,
/// everything but ASCII letters, digits and spaces turned into spaces,
/// spaces collapsed.
///
/// Non-ASCII letters become spaces too ("Zoltán" keys as "zolt n"), as in
/// the Python scorer.
pub fn name_key(s: Option<&str>) -> String {
    let n = norm(s);
    // After `norm` every whitespace run is a single ASCII space, so the
    // Python pattern `^(the|president|u\.s\.|us)\s+` is a prefix plus one space.
    let rest = NAME_PREFIXES
        .iter()
        .find_map(|p| n.strip_prefix(p).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or(&n);
    let ascii: String = rest
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect();
    collapse_spaces(&ascii, |c| c == ' ')
}

/// Whether two speaker names denote the same person: equal [`name_key`]s,
/// or the same last word ("Rutte" ~ "Mark Rutte"). An empty or missing name
/// never matches.
pub fn same_person(a: Option<&str>, b: Option<&str>) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || a.split(' ').next_back() == b.split(' ').next_back()
}

/// The first `n` characters (code points) of `s`, like Python's `s[:n]`.
pub(crate) fn prefix_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_straightens_quotes_and_collapses_space() {
        assert_eq!(
            norm(Some(
                "  \u{201c}We\u{2019}re  READY,\u{201d}\n\tthe\u{a0}minister said "
            )),
            "\"we're ready,\" the minister said"
        );
        assert_eq!(norm(None), "");
        // NFKC folds the ligature and full-width digits.
        assert_eq!(norm(Some("\u{fb01}ve \u{ff13}")), "five 3");
        // Python counts U+001F as whitespace; Rust's `is_whitespace` does not.
        assert_eq!(norm(Some("a\u{1f}b")), "a b");
    }

    #[test]
    fn name_key_drops_titles_and_punctuation() {
        assert_eq!(name_key(Some("President Joe Biden")), "joe biden");
        assert_eq!(name_key(Some("The Kyiv Independent")), "kyiv independent");
        assert_eq!(
            name_key(Some("U.S. Secretary Lloyd Austin")),
            "secretary lloyd austin"
        );
        assert_eq!(name_key(Some("Kim Jong-un")), "kim jong un");
        assert_eq!(name_key(Some("Zoltán Kovács")), "zolt n kov cs");
        // Only one leading title word goes, and only as a whole word.
        assert_eq!(name_key(Some("Theresa May")), "theresa may");
        assert_eq!(name_key(Some("the president")), "president");
        assert_eq!(name_key(Some("U.S.")), "u s");
    }

    #[test]
    fn same_person_matches_by_surname() {
        assert!(same_person(Some("Rutte"), Some("Mark Rutte")));
        assert!(same_person(
            Some("NATO chief Mark Rutte"),
            Some("Mark Rutte")
        ));
        assert!(!same_person(Some("Mark Rutte"), Some("Mark Carney")));
        assert!(!same_person(None, Some("Mark Rutte")));
        assert!(!same_person(Some("\u{2014}"), Some("\u{2014}")));
    }

    #[test]
    fn prefix_chars_counts_code_points() {
        assert_eq!(prefix_chars("ééé", 2), "éé");
        assert_eq!(prefix_chars("ab", 60), "ab");
    }
}
