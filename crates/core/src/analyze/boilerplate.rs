//! Marks lines that are not news: photo credits, author bios, comment and
//! share prompts, navigation labels, repeated headlines. They stay in the
//! store (and count in source profiles) but are never analysed.

use crate::model::Sentence;
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
        )",
    )
    .expect("boilerplate pattern is valid")
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
    let mut bio_paragraphs = Vec::new();
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
            bio_paragraphs.push(s.paragraph);
        }
    }
    // A bio runs to the end of its paragraph ("She has written ...").
    for s in sentences.iter_mut() {
        if bio_paragraphs.contains(&s.paragraph) {
            s.boilerplate = true;
        }
    }
    // Repeated paragraphs: keep the first occurrence.
    let mut seen = std::collections::HashSet::new();
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
    let mut repeated = Vec::new();
    for (p, t) in para_text {
        if !seen.insert(t) {
            repeated.push(p);
        }
    }
    for s in sentences.iter_mut() {
        if repeated.contains(&s.paragraph) {
            s.boilerplate = true;
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
    use crate::text::sentences::split;

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
