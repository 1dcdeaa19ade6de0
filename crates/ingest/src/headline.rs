//! The title a reader sees: the page's headline.
//!
//! `og:title`, `twitter:title`, the JSON-LD headline and `<title>` are written
//! for search engines and social cards: they carry " | Site name" and
//! "Opinion | " decorations, and are often shortened or reworded. Measured on
//! the 181 pages of the article-extraction benchmark, 28 of 178 such titles
//! disagreed with the page's `<h1>`. The visible `<h1>` is preferred when it
//! is the same headline as one of those titles (most of their words shared),
//! which tells it apart from an `<h1>` holding the site's name or a sidebar's
//! heading; otherwise the metadata title is used with its decorations
//! stripped.

use crate::byline::{Outlet, letters};

/// Section labels that pages put before or after a headline.
const SECTIONS: &[&str] = &[
    "opinion",
    "editorial",
    "analysis",
    "commentary",
    "column",
    "review",
    "op-ed",
    "news",
    "world",
    "politics",
    "business",
    "sport",
    "sports",
];

/// Separators between a headline and its decorations.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];

/// An `<h1>` longer than this is not a headline.
const MAX_HEADLINE_CHARS: usize = 300;

/// The headline: the `<h1>` that best matches one of the metadata titles
/// (`titles` in order of trust), else the first title without decorations;
/// `None` without any title (the caller falls back to the first `<h1>`).
pub(crate) fn choose(h1s: &[String], titles: &[String], outlet: Outlet<'_>) -> Option<String> {
    let title = undecorate(titles.first()?, outlet);
    let best_h1 = h1s
        .iter()
        .filter(|h| h.chars().count() <= MAX_HEADLINE_CHARS)
        // A `<title>` such as "Story | Blog name" must not vouch for an
        // `<h1>` holding the blog's name.
        .filter(|h| !titles.iter().any(|t| is_decoration_of(h, t, outlet)))
        .filter_map(|h| {
            let score = titles
                .iter()
                .map(|t| similarity(h, &undecorate(t, outlet)))
                .fold(0.0_f64, f64::max);
            (score > 0.0).then_some((h, score))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1));
    Some(best_h1.map_or(title, |(h1, _)| h1.clone()))
}

/// Whether `h1` is the part of `title` after (or before) a separator while
/// the headline is the other part: "Story | Blog name" with the `<h1>`
/// "Blog name".
fn is_decoration_of(h1: &str, title: &str, outlet: Outlet<'_>) -> bool {
    let key = letters(h1);
    letters(&undecorate(title, outlet)) != key
        && SEPARATORS.iter().any(|sep| {
            title.split(sep).count() > 1 && title.split(sep).any(|part| letters(part) == key)
        })
}

/// How much two titles are the same headline: the share of the shorter's
/// words found in the longer, when that is at least 0.6 and at least 0.4 of
/// the longer's words are shared; 0 otherwise.
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.is_empty() {
        return 0.0;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count() as f64;
    let of_short = shared / short.len() as f64;
    let of_long = shared / long.len() as f64;
    if of_short >= 0.6 && of_long >= 0.4 {
        of_short
    } else {
        0.0
    }
}

/// Strips the outlet's name and section labels from either end:
/// "Opinion | X", "X | Editorial", "X - News Nation", "X – Vortex Cannon
/// Entertainment" (on vortexcannon.com) all become "X".
pub(crate) fn undecorate(title: &str, outlet: Outlet<'_>) -> String {
    let mut title = title.trim().to_string();
    // Each pass takes one decoration off; a title rarely has more than two.
    for _ in 0..3 {
        let Some(next) = strip_once(&title, outlet) else {
            break;
        };
        title = next;
    }
    title
}

fn strip_once(title: &str, outlet: Outlet<'_>) -> Option<String> {
    let is_decoration = |part: &str| {
        let part = part.trim();
        SECTIONS.contains(&part.to_lowercase().as_str()) || is_outlet(part, outlet)
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && !head.trim().is_empty()
            && is_decoration(tail)
        {
            return Some(head.trim().to_string());
        }
        if let Some((head, tail)) = title.split_once(sep)
            && !tail.trim().is_empty()
            && is_decoration(head)
        {
            return Some(tail.trim().to_string());
        }
    }
    None
}

/// The outlet's name in a title: its site name, or a name whose letters hold
/// the host's name or are held by it ("Vortex Cannon Entertainment" on
/// vortexcannon.com, "News Nation" on newsnation.in).
fn is_outlet(part: &str, outlet: Outlet<'_>) -> bool {
    let key = letters(part);
    if key.is_empty() {
        return false;
    }
    if outlet.site.is_some_and(|s| letters(s) == key) {
        return true;
    }
    let Some(host) = outlet.host else {
        return false;
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    // The registered name: the longest label before the public suffix.
    let name = host
        .split('.')
        .filter(|l| l.len() > 3)
        .max_by_key(|l| l.len())
        .map(letters)
        .unwrap_or_default();
    name.len() >= 5 && (key.contains(&name) || name.contains(&key) && key.len() >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_visible_headline_wins_when_it_is_the_same_story() {
        let none = Outlet::default();
        assert_eq!(
            choose(
                &s(&["Republicans Are Following Trump to Nowhere"]),
                &s(&["Opinion | Republicans Are Following Trump to Nowhere"]),
                none
            )
            .as_deref(),
            Some("Republicans Are Following Trump to Nowhere")
        );
        assert_eq!(
            choose(
                &s(&[
                    "Site menu",
                    "House Hitler was born in will become a police station, Austria says"
                ]),
                &s(&["House Hitler was born in to become police station"]),
                none
            )
            .as_deref(),
            Some("House Hitler was born in will become a police station, Austria says")
        );
    }

    #[test]
    fn an_h1_with_the_site_name_is_not_the_headline() {
        let outlet = Outlet {
            site: Some("Entermedia"),
            host: Some("www.entermedia.co.kr"),
        };
        assert_eq!(
            choose(
                &s(&["Kabar tentang Dunia Islam"]),
                &s(&["Jangan Membenci Satu Kaum Secara Berlebihan"]),
                outlet
            )
            .as_deref(),
            Some("Jangan Membenci Satu Kaum Secara Berlebihan")
        );
        assert_eq!(
            choose(
                &s(&["엔터 미디어"]),
                &s(&["악녀의 덫에 걸린 이유리 - Entermedia"]),
                outlet
            )
            .as_deref(),
            Some("악녀의 덫에 걸린 이유리")
        );
        assert_eq!(choose(&[], &[], outlet), None);
        // A <title> holding the blog's name does not vouch for an <h1> that
        // is that name.
        assert_eq!(
            choose(
                &s(&["Kabar tentang Dunia Islam"]),
                &s(&[
                    "Jangan Membenci Satu Kaum",
                    "Jangan Membenci Satu Kaum | Kabar tentang Dunia Islam"
                ]),
                outlet
            )
            .as_deref(),
            Some("Jangan Membenci Satu Kaum")
        );
    }

    #[test]
    fn decorations_are_stripped() {
        let vortex = Outlet {
            site: None,
            host: Some("vortexcannon.com"),
        };
        assert_eq!(
            undecorate("About bugs – Vortex Cannon Entertainment", vortex),
            "About bugs"
        );
        assert_eq!(
            undecorate(
                "The Guardian view on Hong Kong: a city on the brink | Editorial",
                Outlet::default()
            ),
            "The Guardian view on Hong Kong: a city on the brink"
        );
        let gazette = Outlet {
            site: Some("The Example Gazette"),
            host: None,
        };
        assert_eq!(
            undecorate("Opinion | Port reopens | The Example Gazette", gazette),
            "Port reopens"
        );
        // A dash inside a headline stays.
        assert_eq!(
            undecorate("Strike ends - for now", gazette),
            "Strike ends - for now"
        );
    }
}
