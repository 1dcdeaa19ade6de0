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
//! Two kinds of quotation carry no marks: a transcript's `NAME: …` lines,
//! and a first-person paragraph after a clause that ends with a colon
//! (`The boxer explained her decision:`), a block quotation whose marks were
//! page layout (`introduced_paragraphs`).
//!
//! Everything is rule-based: no library covers news-style quote attribution,
//! and the rules must run over millions of documents in linear time.
//!
//! Where each step lives: `marks.rs` (1), `attribute.rs` (2 and 3: the
//! reporting clause after or before a quote, and the filters), `subjects.rs`
//! (who a subject, pronoun or role noun before a reporting verb stands
//! for), `names.rs` (capitalised runs, titles, the reporting verbs) and
//! `words.rs` (the word lists they read).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crosscheck_model::{EntityKind, Mention, Quote, Sentence};

mod attribute;
mod marks;
mod names;
mod subjects;
mod words;

use attribute::*;
use marks::*;
use names::*;
use words::*;

#[cfg(test)]
mod tests;

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
    let unmarked = introduced_paragraphs(&ctx, &quotes);
    if !unmarked.is_empty() {
        quotes.extend(unmarked);
        quotes.sort_by_key(|q| q.start);
    }
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

/// `The boxer explained her decision:` followed by a paragraph in the first
/// person with no quotation marks: a block quotation whose marks the page
/// kept as layout (a `<blockquote>`) and extraction dropped. The paragraph
/// is a quote of the introducing clause's subject, when it has one; the
/// first person ("I", "my", "we") is what says the words are the
/// speaker's own and not the writer's.
fn introduced_paragraphs(ctx: &Ctx<'_>, found: &[Quote]) -> Vec<Quote> {
    static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(I|I[’']m|I[’']ve|I[’']d|I[’']ll|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
            .expect("valid regex")
    });
    let sentences = ctx.sentences;
    let mut out = Vec::new();
    for (i, intro) in sentences.iter().enumerate() {
        let Some(first) = sentences.get(i + 1) else {
            break;
        };
        if intro.boilerplate
            || first.boilerplate
            || first.paragraph != intro.paragraph + 1
            || !intro.text.trim_end().ends_with(':')
        {
            continue;
        }
        let end = sentences[i + 1..]
            .iter()
            .take_while(|x| x.paragraph == first.paragraph && !x.boilerplate)
            .last()
            .map_or(first.end, |x| x.end);
        let Some(body) = ctx.text.get(first.start..end) else {
            continue;
        };
        let marked = body.contains(['"', '“', '”', '«', '»', '„'])
            || found.iter().any(|q| q.start < end && first.start < q.end);
        if marked || !FIRST_PERSON.is_match(&first.text) {
            continue;
        }
        let start = ctx.clause_start(intro.start, intro.end);
        let found = ctx.before_attribution(start, intro.end, intro.paragraph);
        // "The Italian boxer explained …:": a definite description opening
        // the clause stands for the last person named (within the two
        // paragraphs before), as a pronoun would.
        let described = || {
            let opens = ctx.text.get(start..intro.end)?.split_whitespace().next()?;
            (opens == "The")
                .then(|| ctx.recent(start, Kind::Person, intro.paragraph.saturating_sub(2)))
                .flatten()
        };
        let speaker = found
            .as_ref()
            .and_then(|f| f.speaker.clone())
            .or_else(|| {
                ctx.opening_person(start, intro.end)
                    .map(|r| ctx.canonical(r))
            })
            .or_else(described);
        let Some(speaker) = speaker else {
            continue;
        };
        out.push(Quote {
            sentence: first.index,
            start: first.start,
            end,
            text: body.to_string(),
            speaker: Some(speaker),
            verb: found.and_then(|f| f.verb),
            partial: false,
        });
    }
    out
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
