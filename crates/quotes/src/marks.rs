//! Quotation marks: where each quoted passage opens and closes.

use super::*;

/// A quoted passage: byte offsets of the marks and of the words inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Offset of the opening mark.
    pub(crate) open: usize,
    /// Offset just past the opening mark (start of the quoted words).
    pub(crate) inner_start: usize,
    /// End of the quoted words (the closing mark, or the paragraph end).
    pub(crate) inner_end: usize,
    /// Offset just past the closing mark (equals `inner_end` when unclosed).
    pub(crate) close_end: usize,
    pub(crate) closed: bool,
    pub(crate) paragraph: usize,
    /// Index of the sentence holding the opening mark.
    pub(crate) sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Straight or curly double quotes.
    Double,
    /// Curly single quotes.
    Single,
    /// A curly single quote opening its paragraph or after an introducer.
    SingleOpening,
    /// A straight single quote (`'It's over,' she said`): it
    /// closes only after a sentence's punctuation, since the same glyph is
    /// the apostrophe ("There's", "the officials' plan", "'90s").
    StraightSingle,
}

/// Finds quoted passages paragraph by paragraph.
pub(crate) fn find_spans(text: &str, sentences: &[Sentence]) -> Vec<Span> {
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
pub(crate) fn scan_paragraph(p: &str) -> Vec<(usize, usize, usize, usize, bool)> {
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
            (None, '\'') if opens_like && next.is_some_and(char::is_alphanumeric) => {
                open = Some((Mark::StraightSingle, pos, end_here));
            }
            (Some((Mark::StraightSingle, o, s)), '\'')
                if prev.is_some_and(|c| ",.?!".contains(c))
                    && !next.is_some_and(char::is_alphanumeric) =>
            {
                out.push((o, s, pos, end_here, true));
                open = None;
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
            (
                Some((Mark::Single | Mark::SingleOpening | Mark::StraightSingle, _, _)),
                '“' | '"',
            ) => {
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
