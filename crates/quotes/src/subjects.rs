//! Who a subject, pronoun or role noun stands for: the speaker behind a reporting verb.

use super::*;

impl<'a> Ctx<'a> {
    /// The speaker named right before a reporting verb at `v`, looking back
    /// no further than `a`: comma-separated segments are tried from the verb
    /// backwards, so appositives ("Powell, the Fed chair, said") are skipped.
    pub(crate) fn subject_before(
        &self,
        a: usize,
        v: usize,
        verb: &str,
        para: usize,
    ) -> Option<String> {
        let window = self.masked(a, v);
        // "reported him as saying": the pronoun object is the speaker.
        if verb.contains(" as saying") && !verb.contains("quoted") || verb.starts_with("quoting") {
            let p = verb.split(' ').nth(1).unwrap_or("");
            return pronoun_kind(p).and_then(|k| self.resolve_pronoun(a, k, para));
        }
        let mut seg_end = window.len();
        let mut fallback = None;
        for (n, seg_start) in window
            .char_indices()
            .filter(|&(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–'))
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .chain(std::iter::once(0))
            .enumerate()
        {
            if n > 4 || seg_start > seg_end {
                break;
            }
            let seg = &window[seg_start..seg_end];
            let (sa, sb) = (a + seg_start, a + seg_end);
            seg_end = seg_start.saturating_sub(1);
            while seg_end > 0 && !window.is_char_boundary(seg_end) {
                seg_end -= 1;
            }
            if seg.trim().is_empty() {
                continue;
            }
            let seg_toks = tokens(seg, sa);
            // A relative clause: the antecedent speaks when the clause holds
            // the verb ("experts, who analysed … and determined"); set off by
            // commas it only describes ("Mulgrew, …, which represents …, said").
            let relative = seg_toks.first().map(|t| lower(t.word));
            if matches!(
                relative.as_deref(),
                Some("who" | "which" | "whose" | "whom")
            ) {
                if sb == a + window.len() && relative.as_deref() == Some("who") {
                    return self.antecedent(a, sa, para);
                }
                continue;
            }
            let det_first = sb != a + window.len()
                && seg_toks.first().is_some_and(|t| {
                    matches!(
                        lower(t.word).as_str(),
                        "a" | "an" | "the" | "his" | "her" | "its" | "their"
                    )
                });
            let words_between =
                |x: usize, y: usize| self.masked(x.min(y), y).split_whitespace().count();
            if let Some(run) = self.runs_in(sa, sb).iter().rev().find(|r| {
                // In a description ("a top Trump surrogate") a name that is
                // not its last word only modifies it.
                r.end <= sb && r.subject_like() && !(det_first && words_between(r.end, sb) > 0)
            }) {
                // Far from the verb, past other words ("Clinton … stressed
                // her support of the raid that killed Osama bin Laden … and
                // said"), the nearest name is an object: the clause opens
                // with its subject.
                if n <= 1
                    && words_between(run.end, v) > 4
                    && let Some(first) = self.runs_in(a, run.start).iter().find(|r| {
                        r.end <= run.start && r.subject_like() && !is_intermediary(self.text, r)
                    })
                {
                    return Some(self.canonical(first));
                }
                return Some(self.canonical(run));
            }
            let toks = seg_toks;
            if let Some((t, k)) = toks
                .iter()
                .rev()
                .find_map(|t| pronoun_kind(t.word).map(|k| (t, k)))
            {
                if k == Kind::Person
                    && let Some(desc) = self.description_before(t.start)
                {
                    return Some(desc);
                }
                return self.resolve_pronoun(t.start, k, para);
            }
            // A description ("the former director of the CIA") may be an
            // appositive of a name further back: keep looking.
            let first = toks.first().map(|t| lower(t.word));
            let descriptive = first.as_deref().is_some_and(|w| {
                matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                        // Adverbials between subject and verb: "at a later
                        // press gaggle", "speaking on Monday".
                        || PREPS.contains(&w)
                        || w.ends_with("ly")
                        || w.ends_with("ing")
            }) || toks.len() <= 1
                || toks.first().is_some_and(|t| t.possessive)
                || toks
                    .iter()
                    .any(|t| TITLES.contains(&lower(t.word.trim_end_matches('.')).as_str()));
            if let Some(name) = self.nominal(&toks, sa, para) {
                if descriptive && seg_start > 0 {
                    fallback.get_or_insert(name);
                    continue;
                }
                return Some(name);
            }
            if !descriptive && n > 0 {
                break;
            }
        }
        fallback
    }

    /// The speaker named after a verb (`said Hussein Khalil, senior official`,
    /// `according to NPR`), up to the next comma or sentence end.
    pub(crate) fn subject_after(&self, a: usize, b: usize, para: usize) -> Option<String> {
        let s = self.text.get(a..b)?;
        // Up to the first comma, parenthesis or sentence end ("Rep." and
        // "G.K." do not end it).
        let toks = tokens(s, a);
        let stop = toks
            .iter()
            .position(|t| t.breaks_after || t.breaks_before)
            .map_or(s.len(), |i| {
                if toks[i].breaks_before && i > 0 {
                    toks[i - 1].end - a
                } else {
                    toks[i].end - a
                }
            });
        let seg_end = a + stop;
        if let Some(run) = self
            .runs_in(a, seg_end)
            .iter()
            .find(|r| r.end <= seg_end && !r.in_quote && !r.modifier && r.kind != Kind::Place)
        {
            return Some(self.canonical(run));
        }
        // "according to an EPA release": the body whose document it is.
        if let Some(run) = self.runs_in(a, seg_end).iter().find(|r| {
            r.end <= seg_end
                && !r.in_quote
                && r.modifier
                && r.kind != Kind::Place
                && r.kind != Kind::Person
                && self
                    .text
                    .get(r.end..seg_end)
                    .and_then(|rest| rest.split_whitespace().next())
                    .is_some_and(|w| {
                        DOCUMENT_NOUNS
                            .contains(&lower(w.trim_end_matches(['.', ',', ';'])).as_str())
                    })
        }) {
            return Some(self.canonical(run));
        }
        let toks = tokens(&s[..stop], a);
        if let Some(k) = toks.first().and_then(|t| pronoun_kind(t.word)) {
            return self.resolve_pronoun(a, k, para);
        }
        self.nominal(&toks, a, para)
    }

    /// A role or organisation noun phrase ("the spokesman", "the company",
    /// "The Hungarian government"): the most recent person or organisation,
    /// or the phrase itself when a capitalised word makes it a name.
    pub(crate) fn nominal(&self, toks: &[Tok<'_>], at: usize, para: usize) -> Option<String> {
        // The head noun is the last word of a short phrase.
        let toks: Vec<&Tok<'_>> = toks
            .iter()
            .filter(|t| {
                !matches!(
                    lower(t.word).as_str(),
                    "also" | "later" | "earlier" | "has" | "had" | "have" | "then"
                )
            })
            .collect();
        // Adverbials after the head ("on Wednesday", "in a statement").
        let cut = toks
            .iter()
            .skip(1)
            .position(|t| PREPS.contains(&lower(t.word).as_str()))
            .map_or(toks.len(), |i| i + 1);
        // "a spokesperson for the Red Cross": a named affiliation after the
        // head makes the phrase a description of its own.
        let affiliation_end = toks
            .get(cut)
            .filter(|t| {
                matches!(
                    lower(t.word).as_str(),
                    "for" | "from" | "of" | "at" | "with"
                )
            })
            .and_then(|_| {
                let rest = &toks[cut + 1..];
                let skip = usize::from(rest.first().is_some_and(|t| lower(t.word) == "the"));
                let caps = rest[skip.min(rest.len())..]
                    .iter()
                    .take(5)
                    .take_while(|t| is_cap_word(t.word))
                    .count();
                (caps > 0).then(|| rest[skip + caps - 1].end)
            });
        let toks = &toks[..cut];
        if toks.is_empty() || toks.len() > 6 {
            return None;
        }
        let head = lower(toks[toks.len() - 1].word);
        if toks[0].possessive
            && toks[0].word.starts_with(char::is_uppercase)
            && (ORG_NOUNS.contains(&head.as_str()) || PERSON_NOUNS.contains(&head.as_str()))
        {
            // "Russia's foreign ministry", "Israel's U.N. ambassador".
            return self
                .text
                .get(toks[0].start..toks[toks.len() - 1].end)
                .map(str::to_string);
        }
        let det = lower(toks[0].word);
        let has_cap = toks
            .iter()
            .skip(1)
            .any(|t| t.word.chars().next().is_some_and(char::is_uppercase));
        if ORG_NOUNS.contains(&head.as_str()) {
            if has_cap && matches!(det.as_str(), "the") && head != "statement" {
                let first = toks[1].start;
                let last = toks[toks.len() - 1].end;
                return self.text.get(first..last).map(str::to_string);
            }
            if matches!(det.as_str(), "the" | "a" | "its" | "his" | "her" | "their")
                || toks.len() <= 2
            {
                return self
                    .recent_with_head(at, &head, para.saturating_sub(2))
                    .or_else(|| self.recent(at, Kind::Org, para.saturating_sub(2)));
            }
        }
        let singular = head.strip_suffix('s').unwrap_or(&head);
        if PERSON_NOUNS.contains(&head.as_str()) || PERSON_NOUNS.contains(&singular) {
            if matches!(det.as_str(), "the" | "his" | "her" | "its" | "their")
                && toks.len() <= 3
                && affiliation_end.is_none()
            {
                return self.recent(at, Kind::Person, para.saturating_sub(2));
            }
            // An unnamed speaker: "a senior official", "two diplomats". A
            // capitalised head is a title in an appositive, not a speaker.
            if toks[toks.len() - 1].word.starts_with(char::is_uppercase) {
                return None;
            }
            let skip = usize::from(matches!(det.as_str(), "a" | "an" | "the"));
            let first = toks.get(skip)?.start;
            let end = affiliation_end.unwrap_or(toks[toks.len() - 1].end);
            return self.text.get(first..end).map(str::to_string);
        }
        None
    }

    /// The name or person noun that ends the text between `a` and `b`
    /// (the antecedent of a relative "who").
    pub(crate) fn antecedent(&self, a: usize, b: usize, para: usize) -> Option<String> {
        let window = self.masked(a, b);
        let body = window.trim_end().trim_end_matches(',');
        let end = a + body.len();
        if let Some(run) = self
            .runs_in(a, end)
            .iter()
            .rev()
            .find(|r| r.end <= end && !r.in_quote)
            && end - run.end <= 1
        {
            return Some(self.canonical(run));
        }
        let toks = tokens(body, a);
        let last = toks.last()?;
        let w = lower(last.word);
        let singular = w.strip_suffix('s').unwrap_or(&w);
        if !(PERSON_NOUNS.contains(&w.as_str()) || PERSON_NOUNS.contains(&singular)) {
            return self.nominal(&toks[toks.len().saturating_sub(3)..], a, para);
        }
        let mut first = toks.len() - 1;
        while first > 0 && toks.len() - first < 3 {
            let t = &toks[first - 1];
            let w = lower(t.word);
            let function_word = PREPS.contains(&w.as_str())
                || matches!(
                    w.as_str(),
                    "a" | "an" | "the" | "and" | "or" | "also" | "has" | "had" | "have"
                );
            if t.breaks_after || function_word || w.ends_with("ed") || w.ends_with("ing") {
                break;
            }
            first -= 1;
        }
        self.text
            .get(toks[first].start..last.end)
            .map(str::to_string)
    }

    /// An unnamed person described in the sentence before a pronoun at
    /// `pos` ("asked Israel's U.N. ambassador …, he said"), when no person is
    /// named there.
    pub(crate) fn description_before(&self, pos: usize) -> Option<String> {
        let sent = self.sentence_at(pos)?;
        if self
            .runs_in(sent.start, pos)
            .iter()
            .any(|r| r.end <= pos && r.kind == Kind::Person && !r.in_quote)
        {
            return None;
        }
        let window = self.masked(sent.start, pos);
        let toks = tokens(&window, sent.start);
        let i = toks.iter().rposition(|t| {
            let w = lower(t.word);
            PERSON_NOUNS.contains(&w.as_str()) && !t.word.starts_with(char::is_uppercase)
        })?;
        if toks
            .get(i + 1)
            .is_some_and(|n| is_cap_word(n.word) && !toks[i].breaks_after)
        {
            return None; // a title before a name
        }
        let mut first = i;
        while first > 0 && i - first < 3 {
            let t = &toks[first - 1];
            let w = lower(t.word);
            let keep = !t.breaks_after || t.possessive;
            if !keep || matches!(w.as_str(), "a" | "an" | "the") {
                break;
            }
            if t.word.starts_with(char::is_uppercase)
                || t.possessive
                || DESC_ADJ.contains(&w.as_str())
            {
                first -= 1;
            } else {
                break;
            }
        }
        self.text
            .get(toks[first].start..toks[i].end)
            .map(str::to_string)
    }

    /// The antecedent of a pronoun at `pos` in paragraph `para`: the most
    /// recent name of its kind in this paragraph or the previous one, or
    /// further back while the paragraphs in between go on about the same
    /// person ("He praised …" / "He further noted …").
    pub(crate) fn resolve_pronoun(&self, pos: usize, kind: Kind, para: usize) -> Option<String> {
        let mut min_para = para.saturating_sub(1);
        loop {
            if let Some(name) = self.recent(pos, kind, min_para) {
                return Some(name);
            }
            if min_para == 0 || para - min_para >= 4 || !self.paragraph_continues(min_para) {
                return None;
            }
            min_para -= 1;
        }
    }

    /// Paragraph `p` opens with a pronoun or a role noun as its subject.
    /// The paragraph before `p` that holds text, passing over boilerplate
    /// (a photo caption between two paragraphs of one speaker's quotes).
    pub(crate) fn previous_paragraph(&self, p: usize) -> Option<usize> {
        let at = self.sentences.partition_point(|s| s.paragraph < p);
        self.sentences[..at]
            .iter()
            .rev()
            .find(|s| !s.boilerplate)
            .map(|s| s.paragraph)
    }

    pub(crate) fn paragraph_continues(&self, p: usize) -> bool {
        let i = self.sentences.partition_point(|s| s.paragraph < p);
        let Some(first) = self.sentences.get(i).filter(|s| s.paragraph == p) else {
            return false;
        };
        let mut words = first.text.split_whitespace().map(lower);
        match words.next().as_deref() {
            Some("he" | "she" | "they" | "it") => true,
            Some("the") => words.next().is_some_and(|w| {
                PERSON_NOUNS.contains(&w.as_str()) || ORG_NOUNS.contains(&w.as_str())
            }),
            _ => false,
        }
    }

    /// The most recent organisation whose name holds `head` as a word:
    /// "the department said" after "according to the U.S. Department of
    /// Agriculture" is that department, wherever it stood (after a
    /// preposition too), as a definite description repeats what it names.
    pub(crate) fn recent_with_head(
        &self,
        pos: usize,
        head: &str,
        min_para: usize,
    ) -> Option<String> {
        let holds = |name: &str| {
            name.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(head))
        };
        // Mentions first: the entity finder reads whole names ("Department
        // of Agriculture") where a capitalised run stops at "of".
        self.recent_mention(pos, min_para, |m| {
            m.kind == EntityKind::Org && holds(&m.text)
        })
        .or_else(|| {
            self.recent_run(pos, min_para, |r| {
                matches!(r.kind, Kind::Org | Kind::Unknown) && !r.in_quote && holds(&r.name)
            })
        })
    }

    /// The most recent subject-like name of `kind` before `pos`, no earlier
    /// than paragraph `min_para`.
    pub(crate) fn recent(&self, pos: usize, kind: Kind, min_para: usize) -> Option<String> {
        self.recent_run(pos, min_para, |r| {
            let kind_ok = match kind {
                Kind::Person => r.kind == Kind::Person,
                _ => matches!(r.kind, Kind::Org | Kind::Unknown),
            };
            // Organisations are often named as modifiers ("Gold Apollo head").
            kind_ok
                && !r.in_quote
                && (!r.after_prep || r.agent && kind == Kind::Person)
                && (!r.modifier || kind == Kind::Org && !r.name.is_empty())
        })
        // A mention with the right kind, when the entity finder saw more.
        .or_else(|| {
            self.recent_mention(pos, min_para, |m| match kind {
                Kind::Person => m.kind == EntityKind::Person,
                _ => m.kind == EntityKind::Org,
            })
        })
    }

    /// The canonical name of the last name run before `pos`, no earlier
    /// than paragraph `min_para`, that `ok` accepts.
    fn recent_run(&self, pos: usize, min_para: usize, ok: impl Fn(&Run) -> bool) -> Option<String> {
        let upto = self.runs.partition_point(|r| r.start < pos);
        self.runs[..upto]
            .iter()
            .rev()
            .take_while(|r| r.paragraph >= min_para)
            .find(|r| ok(r))
            .map(|r| self.canonical(r))
    }

    /// The canonical name of the last entity mention before `pos`, no
    /// earlier than paragraph `min_para`, that `ok` accepts.
    fn recent_mention(
        &self,
        pos: usize,
        min_para: usize,
        ok: impl Fn(&Mention) -> bool,
    ) -> Option<String> {
        let upto = self.sorted_mentions.partition_point(|m| m.start < pos);
        self.sorted_mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| {
                self.sentence(m.sentence)
                    .is_some_and(|s| s.paragraph >= min_para)
            })
            .find(|m| ok(m))
            .map(|m| m.canonical.clone())
    }
}
