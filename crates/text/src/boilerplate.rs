//! Marks lines that are not news: photo credits, author bios, comment and
//! share prompts, navigation labels, repeated headlines. They stay in the
//! store (and count in source profiles) but are never analysed.

use std::collections::HashSet;

use crosscheck_model::Sentence;
use regex::Regex;
use std::sync::LazyLock;

/// Lines that are boilerplate on their own.
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:photo|image|picture|video|graphic|illustration|file\ photo|main\ image|top\ image|header\ image|featured\ image)
              (?:\ credits?)?\s*[:©|/-]
          | (?:photo|image|picture)s?\ (?:by|courtesy|credit|source)\b
          | credits?\s*:
          | ©
          | copyright\b
          | all\ rights\ reserved
          | (?:leave|post|add|write)\ a\ (?:comment|reply)
          | no\ comments?(?:\ yet)?\s*[.!]?$
          | \d+\ comments?\s*$
          | comments?\s*(?:\(\d+\))?\s*$
          | recent\ posts?\s*$
          | related(?:\ (?:posts?|articles?|stories|news|content|coverage))?\s*:?\s*$
          | (?:read|see)\ (?:more|also)\b
          | also\ read\b
          | you\ (?:may|might)\ also\ like
          | more\ from\b
          | share\ (?:this|on|via)\b
          | share\s*$
          | (?:follow|like)\ us\ on\b
          | subscribe\b
          | sign\ up\ (?:for|to)\b
          | (?:click|tap)\ here\b
          | advertis(?:e)?ment\s*$
          | sponsored(?:\ content)?\s*$
          | (?:skip|jump)\ to\ (?:content|main)
          | (?:previous|next)\ (?:post|article|story)\b
          | tags?\s*:
          | filed\ under\b
          | posted\ (?:in|by|on)\b
          | published\ (?:by|in)\b
          | updated\s*:
          | (?:this\ (?:article|story)\ (?:was|has\ been)\ (?:updated|corrected))
          | reporting\ by\b
          | (?:writing|editing)\ by\b
          | getty\ images\b
          | (?:ap|afp|reuters)\ photo\b
          | (?:watch|listen|video|audio|podcast|gallery|in\ pictures|live\ updates?)\s*[|:]
        )",
    )
    .expect("boilerplate pattern is valid")
});

/// A photo credit inside a line: "REUTERS/Jane Doe", "(AP Photo/John
/// Roe)", "Photograph: ...", "| Getty Images". The line it sits in is a
/// caption with its credit.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            \b(?:AP|AFP|REUTERS|Reuters|EPA|EPA-EFE|Bloomberg|Xinhua|Anadolu|Shutterstock)(?:\ Photo)?\s*/\s*\p{Lu}
          | \((?:AP|AFP|Reuters|Getty|EPA)(?:\ Photo|\ Images)?(?:\s*/[^)]{0,60})?\)\s*$
          | (?i:\bphotograph\s*:)
          | (?i:\b(?:photo|image)\s*(?:by|courtesy\ of|credit)\s*:?\s*\p{Lu})
          | \|\s*(?:Getty\ Images|AFP|Reuters|AP)\s*$
          | \bGetty\ Images\s*$",
    )
    .expect("credit pattern is valid")
});

/// The first sentence of an author bio: "Jane Doe is a freelance writer ...",
/// "Jane Doe has been a reporter for 20 years", "About the author".
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:About\ the\ author\b
          | (?:[A-Z][\p{L}'’.-]+\ ){1,3}(?:is|has\ been|was)\ an?\ (?:[\p{Ll}-]+\ ){0,4}
            (?:writer|journalist|reporter|editor|author|contributor|correspondent|columnist|blogger|freelancer|analyst|producer)\b)",
    )
    .expect("bio pattern is valid")
});

/// Marks boilerplate sentences in place. A bio's first sentence takes its
/// whole paragraph with it; a paragraph that repeats an earlier one is marked
/// too (headlines printed twice). `author`, when known, recognises bios that
/// start with the author's name.
pub fn mark(text: &str, sentences: &mut [Sentence], author: Option<&str>) {
    let _ = text;
    // Paragraph sets are hashed: an article may have thousands of them.
    let mut bio_paragraphs = HashSet::new();
    for s in sentences.iter_mut() {
        let t = s.text.trim();
        let by_author = author.is_some_and(|a| {
            let a = a.trim();
            !a.is_empty()
                && t.starts_with(a)
                && t[a.len()..].trim_start().starts_with(['i', 'h', 'w'])
                && BIO.is_match(t)
        });
        if LINE.is_match(t) || is_label(t) {
            s.boilerplate = true;
        }
        if by_author || BIO.is_match(t) {
            s.boilerplate = true;
            bio_paragraphs.insert(s.paragraph);
        }
    }
    // A bio runs to the end of its paragraph ("She has written ...").
    for s in sentences.iter_mut() {
        if bio_paragraphs.contains(&s.paragraph) {
            s.boilerplate = true;
        }
    }
    // A caption: the line that carries a photo credit.
    let captions: HashSet<usize> = sentences
        .iter()
        .filter(|s| CREDIT.is_match(s.text.trim()))
        .map(|s| s.paragraph)
        .collect();
    for s in sentences.iter_mut() {
        if captions.contains(&s.paragraph) || is_byline(s.text.trim()) {
            s.boilerplate = true;
        }
    }
    mark_link_lists(sentences);
    // Repeated paragraphs: keep the first occurrence.
    let mut seen = HashSet::new();
    let mut para_text: Vec<(usize, String)> = Vec::new();
    for s in sentences.iter() {
        match para_text.last_mut() {
            Some((p, t)) if *p == s.paragraph => {
                t.push(' ');
                t.push_str(&s.text);
            }
            _ => para_text.push((s.paragraph, s.text.clone())),
        }
    }
    let mut repeated = HashSet::new();
    for (p, t) in para_text {
        if !seen.insert(t) {
            repeated.insert(p);
        }
    }
    for s in sentences.iter_mut() {
        if repeated.contains(&s.paragraph) {
            s.boilerplate = true;
        }
    }
}

/// "By Jane Doe", "By Jane Doe and John Roe, Reuters": a byline line.
fn is_byline(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !t.ends_with(['.', '?', '!'])
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| c == ',' || c == '|');
            w.is_empty()
                || matches!(w, "and" | "&" | "in" | "for")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A line that reads as a headline: one sentence of 3 to 20 words with no
/// closing punctuation.
fn headline_like(t: &str) -> bool {
    let n = t.split_whitespace().count();
    (3..=20).contains(&n) && !t.ends_with(['.', '?', '!', '"', '”', ':', ';', ','])
}

/// Title case: most words of four letters or more start with a capital.
fn title_case(t: &str) -> bool {
    let long: Vec<&str> = t.split_whitespace().filter(|w| w.len() > 3).collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 2 && caps * 10 >= long.len() * 7
}

/// Lists of related links: headline-like lines that follow a
/// boilerplate label ("Related", "Read more", "More from ...") or run three
/// or more in a row in title case. Body text ends its sentences with
/// punctuation; a list of other stories' headlines does not.
fn mark_link_lists(sentences: &mut [Sentence]) {
    // One entry per paragraph (line): (first sentence, sentences, text).
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        match lines.last_mut() {
            Some((first, n)) if sentences[*first].paragraph == s.paragraph => *n += 1,
            _ => lines.push((i, 1)),
        }
    }
    let single_headline = |l: &(usize, usize), s: &[Sentence]| {
        l.1 == 1 && !s[l.0].boilerplate && headline_like(s[l.0].text.trim())
    };
    // How many headline lines (in title case) run from each line on,
    // counted once from the end: a page of thousands of such lines costs
    // one pass, not one scan per line.
    let mut headlines = vec![0usize; lines.len() + 1];
    let mut titles = vec![0usize; lines.len() + 1];
    for k in (0..lines.len()).rev() {
        if single_headline(&lines[k], sentences) {
            headlines[k] = headlines[k + 1] + 1;
            if title_case(sentences[lines[k].0].text.trim()) {
                titles[k] = titles[k + 1] + 1;
            }
        }
    }
    let mut marked = vec![false; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        // After a label line: the run of headline-like lines below it.
        let label = sentences[lines[k].0].boilerplate && lines[k].1 == 1;
        let end = k + 1 + headlines[k + 1];
        if label && end - (k + 1) >= 2 {
            marked[k + 1..end].fill(true);
            k = end;
            continue;
        }
        // Three or more title-case headline lines in a row.
        let run = k + titles[k];
        if run - k >= 3 {
            marked[k..run].fill(true);
            k = run;
        } else {
            k += 1;
        }
    }
    for (l, m) in lines.iter().zip(marked) {
        if m {
            for s in &mut sentences[l.0..l.0 + l.1] {
                s.boilerplate = true;
            }
        }
    }
}

/// A short navigation label in capitals ("RECENT POST", "TRENDING NOW").
fn is_label(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 30
        && letters.iter().all(|c| c.is_uppercase())
        && t.split_whitespace().count() <= 4
        && !t.ends_with(['.', '?', '!', '"', '”'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::split;

    fn marked(text: &str, author: Option<&str>) -> Vec<(String, bool)> {
        let mut s = split(text);
        mark(text, &mut s, author);
        s.into_iter().map(|s| (s.text, s.boilerplate)).collect()
    }

    #[test]
    fn credits_prompts_and_labels_are_boilerplate() {
        let text = "TRENDING NOW\n\nThe ministry said 12 people died.\nPhoto: Reuters/John Smith\nImage credit: AFP\nLeave a Reply\nNo comments yet\nShare this article\nAdvertisement";
        let m = marked(text, None);
        assert_eq!(m.iter().filter(|(_, b)| !b).count(), 1, "{m:?}");
        assert!(!m[1].1);
    }

    #[test]
    fn a_bio_takes_its_paragraph() {
        let text = "Troops crossed the border on Monday.\n\nJane Roe is a freelance political writer based in Ohio. She has written for many outlets. She enjoys hiking.";
        let m = marked(text, None);
        assert_eq!(
            m.iter().map(|(_, b)| *b).collect::<Vec<_>>(),
            [false, true, true, true]
        );
    }

    #[test]
    fn news_sentences_that_look_like_labels_survive() {
        let text = "NATO SAYS TROOPS ARE IN RUSSIA.\nThe photo shows soldiers at a base.\nCredit agencies downgraded the bonds on Monday.";
        let m = marked(text, None);
        assert!(m.iter().all(|(_, b)| !b), "{m:?}");
    }

    /// The lines left as news.
    fn kept(m: &[(String, bool)]) -> Vec<&str> {
        m.iter()
            .filter(|(_, b)| !b)
            .map(|(t, _)| t.as_str())
            .collect()
    }

    #[test]
    fn captions_bylines_and_video_prompts_are_not_news() {
        let text = "By Ana Lima and Tom Berg, Reuters\n\nThe port reopened on Friday after a week of strikes, the authority said.\n\nDock workers walk past a crane in Santos in May. REUTERS/Ana Lima\n\nWatch | How the strike began\n\nA ferry stands idle at the quay (AP Photo/Tom Berg)\n\nShipping lines expect delays to ease by next month.";
        let m = marked(text, None);
        let kept = kept(&m);
        assert_eq!(
            kept,
            [
                "The port reopened on Friday after a week of strikes, the authority said.",
                "Shipping lines expect delays to ease by next month."
            ],
            "{m:?}"
        );
    }

    #[test]
    fn related_link_lists_are_not_news() {
        let text = "The council approved the budget on Tuesday.\n\nRelated\n\nCity opens new library branch downtown\nMayor names new transport chief\nFloods close two schools in the north\n\nThe budget takes effect in July.";
        let m = marked(text, None);
        let kept = kept(&m);
        assert_eq!(
            kept,
            [
                "The council approved the budget on Tuesday.",
                "The budget takes effect in July."
            ],
            "{m:?}"
        );
        // Without a label: a run of three title-case headlines.
        let text = "Prices rose again in March.\nHow Rising Rates Hit Small Lenders\nWhy Housing Starts Fell Again\nThe Quiet Return Of Fixed Mortgages\nBanks expect a pause.";
        let m = marked(text, None);
        assert_eq!(m.iter().filter(|(_, b)| *b).count(), 3, "{m:?}");
        // A headline and a standfirst are not a list.
        let text = "Port Reopens After Week Of Strikes\nShipping lines expect delays to ease\nThe port reopened on Friday.";
        let m = marked(text, None);
        assert!(m.iter().all(|(_, b)| !b), "{m:?}");
    }

    #[test]
    fn a_repeated_headline_is_kept_once() {
        let text = "Big Headline Here\n\nBig Headline Here\n\nThe body of the story.";
        let m = marked(text, None);
        assert_eq!(
            m.iter().map(|(_, b)| *b).collect::<Vec<_>>(),
            [false, true, false]
        );
    }
}
