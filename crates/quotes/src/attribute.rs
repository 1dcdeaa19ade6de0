//! Attribution: the reporting clause of each quote, after or before it.

use super::*;

/// Document-wide context for attribution.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) sentences: &'a [Sentence],
    /// Name runs in document order.
    pub(crate) runs: Vec<Run>,
    /// Folded single name → full person name ("kovacs" → "Zoltan Kovacs").
    pub(crate) full_names: HashMap<String, String>,
    /// Quote spans, to mask quoted words out of attribution windows.
    pub(crate) spans: Vec<Span>,
    /// The kind of each name found.
    pub(crate) kinds: HashMap<String, Kind>,
    /// Mentions in text order.
    pub(crate) sorted_mentions: Vec<&'a Mention>,
}

/// A speaker found for a quote.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) speaker: Option<String>,
    pub(crate) verb: Option<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str, sentences: &'a [Sentence], mentions: &'a [Mention]) -> Self {
        let spans = find_spans(text, sentences);
        let mut runs = Vec::new();
        for s in sentences {
            sentence_runs(text, s, &spans, &mut runs);
        }
        runs.sort_by_key(|r| r.start);
        let mut sorted_mentions: Vec<&Mention> = mentions.iter().collect();
        sorted_mentions.sort_by_key(|m| m.start);
        // Mentions decide the kind and canonical name where they cover a run.
        for run in &mut runs {
            let upto = sorted_mentions.partition_point(|m| m.start <= run.start);
            // A covering mention starts at or before the run; mentions are
            // short, so a few steps back suffice.
            if let Some(m) = sorted_mentions[..upto]
                .iter()
                .rev()
                .take(8)
                .find(|m| run.end <= m.end)
            {
                run.kind = match m.kind {
                    // A role noun after the name is stronger evidence.
                    EntityKind::Person if run.kind == Kind::Org => Kind::Org,
                    EntityKind::Person => Kind::Person,
                    EntityKind::Org | EntityKind::Group => Kind::Org,
                    EntityKind::Place => Kind::Place,
                };
                run.name.clone_from(&m.canonical);
            }
        }
        // A name seen once as an organisation ("Gold Apollo head") is one
        // everywhere in the document.
        let orgs: std::collections::HashSet<String> = runs
            .iter()
            .filter(|r| r.kind == Kind::Org)
            .map(|r| r.name.clone())
            .collect();
        for run in &mut runs {
            if run.kind == Kind::Person && orgs.contains(&run.name) {
                run.kind = Kind::Org;
            }
        }
        let mut full_names: HashMap<String, String> = HashMap::new();
        for run in runs.iter().filter(|r| r.kind == Kind::Person) {
            let words: Vec<&str> = run.name.split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            let full = run.name.clone();
            if let Some(last) = words.last() {
                full_names.entry(fold(last)).or_insert_with(|| full.clone());
            }
            // East Asian names put the family name first ("Hsu Ching-kuang").
            full_names
                .entry(format!("^{}", fold(words[0])))
                .or_insert(full);
        }
        // Single words that are known surnames are persons.
        for run in &mut runs {
            if run.kind == Kind::Unknown
                && let Some(full) = lookup_full(&full_names, &run.name)
            {
                run.kind = Kind::Person;
                run.name = full;
            }
        }
        let mut kinds = HashMap::new();
        for run in &runs {
            kinds.entry(run.name.clone()).or_insert(run.kind);
        }
        Ctx {
            text,
            sentences,
            runs,
            full_names,
            kinds,
            spans,
            sorted_mentions,
        }
    }

    /// The runs that start in `[a, b)`.
    pub(crate) fn runs_in(&self, a: usize, b: usize) -> &[Run] {
        let lo = self.runs.partition_point(|r| r.start < a);
        let hi = self.runs.partition_point(|r| r.start < b).max(lo);
        &self.runs[lo..hi]
    }

    /// The sentence with this index.
    pub(crate) fn sentence(&self, index: usize) -> Option<&'a Sentence> {
        let sentences: &'a [Sentence] = self.sentences;
        sentences
            .get(index)
            .filter(|s| s.index == index)
            .or_else(|| sentences.iter().find(|s| s.index == index))
    }

    /// The sentence holding byte offset `pos`.
    pub(crate) fn sentence_at(&self, pos: usize) -> Option<&'a Sentence> {
        let sentences: &'a [Sentence] = self.sentences;
        let i = sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)?;
        sentences.get(i).filter(|s| pos <= s.end)
    }

    /// The kind of an already-resolved speaker name.
    pub(crate) fn kind_of_name(&self, name: &str) -> Kind {
        self.kinds.get(name).copied().map_or(
            if name.contains(' ') {
                Kind::Person
            } else {
                Kind::Unknown
            },
            |k| k,
        )
    }

    /// Canonical form of a speaker name found in a run.
    pub(crate) fn canonical(&self, run: &Run) -> String {
        if run.kind == Kind::Person && !run.name.contains(' ') {
            return lookup_full(&self.full_names, &run.name).unwrap_or_else(|| run.name.clone());
        }
        run.name.clone()
    }

    /// Builds the quote for one span, or `None` when it is not a quotation.
    pub(crate) fn attribute(
        &self,
        span: &Span,
        last: Option<&(usize, String, Kind, usize)>,
    ) -> Option<Quote> {
        let text = self.text;
        let raw = text.get(span.inner_start..span.inner_end)?;
        let trimmed_start = span.inner_start + (raw.len() - raw.trim_start().len());
        let mut body = raw.trim();
        if let Some(b) = body.strip_suffix(',') {
            body = b.trim_end();
        }
        if body.is_empty() {
            return None;
        }
        let words = body.split_whitespace().count();
        let sent = self.sentence(span.sentence)?;

        // The writer's words before the quote, in its sentence.
        let before_start = self.clause_start(sent.start, span.open);
        let before = self.masked(before_start, span.open);
        let before_trim = before
            .trim()
            .trim_start_matches(['•', '-', '–', '—', '*'])
            .trim();
        let before_empty = before_trim.is_empty();

        // Scare quotes on names and titles of things.
        if words <= 4
            && ((before_empty_or_prep(before_trim) && !reported_clause(before_trim))
                || names_a_term(before_trim)
                || (is_title_case(body) && !before_empty && !ends_with_reporting(before_trim)))
        {
            return None;
        }

        let after = self.after_attribution(span);
        let mut partial = false;
        let mut found: Option<Found>;
        if before_empty {
            found = after;
            if found.is_none() {
                found = self.intro_in_previous_sentence(sent, span);
            }
            // A quote standing alone continues the last quote of its
            // paragraph, else goes to the person this paragraph is about,
            // else continues the previous paragraph's quote.
            let last_here = last.filter(|(para, ..)| *para == span.paragraph);
            let before = self.previous_paragraph(span.paragraph);
            let last_before = last.filter(|(para, ..)| Some(*para) == before);
            if found.is_none()
                && let Some((_, name, _, _)) = last_here
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
            if found.is_none()
                && let Some(name) = self.recent(span.open, Kind::Person, span.paragraph)
            {
                found = Some(Found {
                    speaker: Some(name),
                    verb: None,
                });
            }
            if found.is_none()
                && let Some((_, name, _, _)) = last_before
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
            // A quote paragraph right after "The agency said the rules …":
            // the source of that reporting clause goes on speaking.
            if found.is_none()
                && let Some(p) = before
                && let Some(prev) = self
                    .sentences
                    .iter()
                    .rev()
                    .find(|x| x.paragraph == p && !x.boilerplate)
                && let Some(f) = self.before_attribution(prev.start, prev.end, p)
                && f.speaker.is_some()
            {
                found = Some(Found {
                    speaker: f.speaker,
                    verb: None,
                });
            }
            if found.is_none() && words >= 5 {
                let speaker =
                    self.recent(span.open, Kind::Person, span.paragraph.saturating_sub(2));
                found = speaker.map(|s| Found {
                    speaker: Some(s),
                    verb: None,
                });
            }
        } else {
            let intro = is_introducer(before_trim);
            partial = !intro;
            found = self.before_attribution(before_start, span.open, span.paragraph);
            if found.as_ref().is_none_or(|f| f.speaker.is_none())
                && let Some(a) = after
            {
                found = Some(a);
            }
            // A fragment with no reporting verb right after a quote of the
            // same paragraph ("But now "…"") continues that speaker.
            if found.is_none()
                && let Some((para, name, _, _)) = last
                && *para == span.paragraph
            {
                found = Some(Found {
                    speaker: Some(name.clone()),
                    verb: None,
                });
            }
        }
        let found = found.unwrap_or(Found {
            speaker: None,
            verb: None,
        });
        if found.speaker.is_none() && words <= 4 {
            return None;
        }
        let start = trimmed_start;
        Some(Quote {
            sentence: span.sentence,
            start,
            end: start + body.len(),
            text: body.to_string(),
            speaker: found.speaker,
            verb: found.verb,
            partial,
        })
    }

    /// Where the first quote opening at or after `pos` opens.
    fn next_quote_open(&self, pos: usize) -> Option<usize> {
        self.spans
            .get(self.spans.partition_point(|q| q.open < pos))
            .map(|q| q.open)
    }

    /// Start of the clause holding `pos`: the sentence start, or a later
    /// sentence end (`. ` not recognised by the splitter).
    pub(crate) fn clause_start(&self, sent_start: usize, pos: usize) -> usize {
        let Some(s) = self.text.get(sent_start..pos) else {
            return pos;
        };
        pub(crate) static END: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"(\S*)[.!?]["”’]?\s+"#).expect("valid regex"));
        END.captures_iter(s)
            .filter(|c| {
                // "U.S. ", "Mr. ", "H. " are abbreviations, not sentence ends.
                let word = c.get(1).map_or("", |w| w.as_str());
                let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
                word.is_empty() || !is_abbrev(word)
            })
            .last()
            .and_then(|c| c.get(0))
            .map_or(sent_start, |m| sent_start + m.end())
    }

    /// `text[a..b]` with quoted words blanked out (same byte offsets).
    pub(crate) fn masked(&self, a: usize, b: usize) -> String {
        let Some(s) = self.text.get(a..b) else {
            return String::new();
        };
        let mut out = s.to_string();
        let first = self.spans.partition_point(|q| q.close_end <= a);
        for q in self.spans[first..].iter().take_while(|q| q.open < b) {
            let (qa, qb) = (q.open.max(a), q.close_end.min(b));
            if qa < qb && self.text.is_char_boundary(qa) && self.text.is_char_boundary(qb) {
                out.replace_range(qa - a..qb - a, &" ".repeat(qb - qa));
            }
        }
        out
    }

    /// `"…," X said` / `"…," said X` / `"…" — X` after the closing mark.
    pub(crate) fn after_attribution(&self, span: &Span) -> Option<Found> {
        if !span.closed {
            return None;
        }
        let sent = self
            .sentence_at(span.close_end)
            .filter(|s| !s.boilerplate)?;
        let mut end = sent.end;
        // The splitter may cut after "Ms." or "Gov.": go on into the next
        // sentence of the paragraph.
        for idx in sent.index..sent.index + 2 {
            let ends_abbrev = self
                .text
                .get(span.close_end.min(end)..end)
                .is_some_and(|t| {
                    t.split_whitespace()
                        .next_back()
                        .and_then(|w| w.strip_suffix('.'))
                        .is_some_and(|w| {
                            is_abbrev(w.trim_start_matches(|c: char| !c.is_alphanumeric()))
                        })
                });
            let Some(next) = self
                .sentences
                .get(idx + 1)
                .filter(|n| n.paragraph == sent.paragraph)
            else {
                break;
            };
            if !ends_abbrev {
                break;
            }
            end = next.end;
        }
        // Stop at the next quote.
        if let Some(open) = self.next_quote_open(span.close_end) {
            end = end.min(open);
        }
        let mut a = span.close_end;
        let mut s = self.text.get(a..end)?;
        if s.trim()
            .trim_matches(|c: char| c.is_ascii_punctuation())
            .is_empty()
        {
            // `."` ended the sentence: a short next sentence may be `X said.`
            let next = self
                .sentence(sent.index + 1)
                .filter(|n| n.paragraph == sent.paragraph)?;
            if next.text.split_whitespace().count() > 12 {
                return None;
            }
            a = next.start;
            end = self
                .next_quote_open(next.start)
                .map_or(next.end, |open| open.min(next.end));
            s = self.text.get(a..end)?;
        }
        let lead = s.len()
            - s.trim_start_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
                .len();
        let rest = &s[lead..];
        // Dash attribution: `"…" — Name`.
        if let Some(r) = rest
            .strip_prefix('—')
            .or_else(|| rest.strip_prefix('―'))
            .or_else(|| rest.strip_prefix('–'))
            .or_else(|| rest.strip_prefix("- "))
        {
            let base = a + lead + (rest.len() - r.len());
            let run = self
                .runs_in(base, base + 40)
                .iter()
                .find(|x| !x.in_quote && !x.modifier && x.kind != Kind::Place)?;
            return Some(Found {
                speaker: Some(self.canonical(run)),
                verb: None,
            });
        }
        let Some(m) = VERB.find(rest) else {
            return self.name_then_unknown_verb(a + lead, a + lead + rest.len());
        };
        // The verb must come early, and not introduce the next quote.
        // A clause that opens with a name may carry long appositives
        // ("Scott Pruitt, the attorney general of Oklahoma, one of …, said").
        let opens_with_name = self
            .runs_in(a + lead, end)
            .iter()
            .find(|r| !r.in_quote)
            .is_some_and(|r| {
                self.text
                    .get(a + lead..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 3)
            });
        let limit = if opens_with_name { 28 } else { 14 };
        if rest[..m.start()].split_whitespace().count() > limit {
            return None;
        }
        let after_verb = rest[m.end()..].trim_start();
        if after_verb.starts_with(['"', '“', '‘'])
            || m.as_str().ends_with(" as") && after_verb.is_empty()
        {
            return None;
        }
        let vstart = a + lead + m.start();
        let vend = a + lead + m.end();
        let verb = verb_text(m.as_str(), &self.text[vend..end.max(vend)]);
        if m.start() == 0
            || m.as_str().starts_with("ccording")
            || m.as_str().starts_with("According")
        {
            // Verb first: `said Hussein Khalil, senior official`.
            let speaker = self.subject_after(vend, end, span.paragraph);
            return Some(Found {
                speaker,
                verb: Some(verb),
            });
        }
        // `"…," Scott Pruitt, the attorney general of …, said`: a name that
        // opens the reporting clause is its subject.
        let head_end = rest[..m.start()]
            .find([',', ';'])
            .map_or(vstart, |i| a + lead + i);
        let opener = self
            .runs_in(a + lead, head_end)
            .iter()
            .rfind(|r| r.end <= head_end && r.subject_like())
            .filter(|r| {
                self.text
                    .get(a + lead..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 6)
            });
        let object_speaker = m.as_str().contains(" as saying") && !m.as_str().contains("quoted");
        let speaker = match opener {
            Some(r) if !object_speaker => Some(self.canonical(r)),
            _ => self.subject_before(a + lead, vstart, m.as_str(), span.paragraph),
        };
        speaker.as_ref()?;
        Some(Found {
            speaker,
            verb: Some(verb),
        })
    }

    /// `X said: "…"`, `X said the move was "a significant escalation"`.
    pub(crate) fn before_attribution(&self, a: usize, b: usize, para: usize) -> Option<Found> {
        let window = self.masked(a, b);
        let Some(m) = VERB.find_iter(&window).last() else {
            return self.name_before_colon(a, b, &window);
        };
        let vstart = a + m.start();
        let vend = a + m.end();
        let verb = verb_text(m.as_str(), &window[m.end()..]);
        let v = m.as_str();
        // Inverted: "Said Ellis: "…"", or a quote interrupted by its
        // attribution: ""…," said Amal Haddad, a farmer, "…"".
        if window[..m.start()].trim().is_empty()
            && !v.starts_with("According")
            && !v.starts_with("according")
        {
            return Some(Found {
                speaker: self.subject_after(vend, b, para),
                verb: Some(verb.to_lowercase()),
            });
        }
        if v.starts_with("ccording") || v.starts_with("According") {
            let stop = window[m.end()..].find([',', ';']).map_or(b, |i| vend + i);
            return Some(Found {
                speaker: self.subject_after(vend, stop, para),
                verb: Some(verb),
            });
        }
        let speaker = if v.ends_with("ing") || v.contains("ing ") {
            // A participle ("…, calling it"): the subject of the finite
            // reporting verb before it, else the sentence's first name.
            let head = &window[..m.start()];
            match VERB
                .find_iter(head)
                .filter(|x| !x.as_str().ends_with("ing"))
                .last()
            {
                Some(f) => self.subject_before(a, a + f.start(), f.as_str(), para),
                None => self
                    .runs_in(a, vstart)
                    .iter()
                    .find(|r| r.end <= vstart && r.subject_like() && !is_intermediary(self.text, r))
                    .map(|r| self.canonical(r))
                    .or_else(|| {
                        // "She was heard saying, "…"": a pronoun subject
                        // opening the clause stands for the last person named.
                        let first = head.split_whitespace().next()?;
                        let kind = pronoun_kind(first.trim_matches(|c: char| !c.is_alphabetic()))?;
                        self.resolve_pronoun(a, kind, para)
                    }),
            }
        } else {
            self.subject_before(a, vstart, v, para)
        };
        Some(Found {
            speaker,
            verb: Some(verb),
        })
    }

    /// The person whose name opens the clause `[a, b)`, after at most three
    /// words (titles, an organisation: "IOC spokesman Ann Lee").
    pub(crate) fn opening_person(&self, a: usize, b: usize) -> Option<&Run> {
        self.runs_in(a, b).iter().find(|r| {
            r.kind == Kind::Person
                && r.subject_like()
                && self
                    .text
                    .get(a..r.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 3)
        })
    }

    /// `"…," IOC spokesman Ann Lee lectured.`: a reporting clause whose verb
    /// the lexicon does not know. A person's name opens it and one
    /// past-tense word closes it, which is the shape of an attribution
    /// whatever the verb.
    pub(crate) fn name_then_unknown_verb(&self, a: usize, b: usize) -> Option<Found> {
        let run = self.opening_person(a, b)?;
        let mut words = self.text.get(run.end..b)?.split_whitespace();
        let verb = words.next()?;
        let bare = verb.trim_end_matches(['.', ',', ';', '!']);
        let closes = bare.len() < verb.len() || words.next().is_none();
        (closes
            && bare.len() > 4
            && bare.ends_with("ed")
            && bare.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| Found {
            speaker: Some(self.canonical(run)),
            verb: Some(bare.to_string()),
        })
    }

    /// `IOC President Ann Lee doubled down: "…"`: a clause that ends with a
    /// colon right before the quote, opened by a person's name and closed by
    /// a short verb phrase the lexicon does not know.
    pub(crate) fn name_before_colon(&self, a: usize, b: usize, window: &str) -> Option<Found> {
        if !window.trim_end().ends_with(':') {
            return None;
        }
        let run = self.opening_person(a, b)?;
        let tail = self
            .text
            .get(run.end..b)?
            .trim()
            .trim_end_matches(':')
            .trim();
        let n = tail.split_whitespace().count();
        let lower_start = tail.chars().next().is_some_and(char::is_lowercase);
        ((1..=4).contains(&n) && lower_start).then(|| Found {
            speaker: Some(self.canonical(run)),
            verb: None,
        })
    }

    /// A sentence that ends with `said:` right before a quote standing alone.
    pub(crate) fn intro_in_previous_sentence(&self, sent: &Sentence, span: &Span) -> Option<Found> {
        let prev = self
            .sentence(sent.index.checked_sub(1)?)
            .filter(|s| !s.boilerplate)?;
        if prev.paragraph + 1 < span.paragraph || !prev.text.trim_end().ends_with(':') {
            return None;
        }
        let start = self.clause_start(prev.start, prev.end);
        self.before_attribution(start, prev.end, prev.paragraph)
    }
}

pub(crate) fn lookup_full(full: &HashMap<String, String>, single: &str) -> Option<String> {
    let f = fold(single);
    full.get(&f).or_else(|| full.get(&format!("^{f}"))).cloned()
}

/// A name followed by "reported that" / "said that" passes on someone
/// else's words.
pub(crate) fn is_intermediary(text: &str, r: &Run) -> bool {
    text.get(r.end..).is_some_and(|s| {
        let s = s.trim_start();
        ["reported", "reports", "cited", "quoted"]
            .iter()
            .any(|v| s.starts_with(v))
    })
}

/// The verb as written, with the object of "told" when it is "reporters".
pub(crate) fn verb_text(m: &str, _after: &str) -> String {
    m.trim().to_string()
}

/// `X said:` / `X said,` / `X told Sky News:` right before the quote.
pub(crate) fn is_introducer(before: &str) -> bool {
    let b = before.trim_end();
    if !(b.ends_with(':') || b.ends_with(',')) {
        return false;
    }
    let b = b.trim_end_matches([':', ',']);
    // The reporting verb is within the last few words.
    let tail: Vec<&str> = b.split_whitespace().rev().take(8).collect();
    let tail: String = tail.into_iter().rev().collect::<Vec<_>>().join(" ");
    VERB.find_iter(&tail)
        .last()
        .is_some_and(|m| tail[m.end()..].split_whitespace().count() <= 6)
}

/// The words before a quote hold a reporting verb with a "that" clause
/// ("highlighted that BAC was involved in 'trade mediation'"): a quote there
/// reports the speaker's words even after a preposition.
pub(crate) fn reported_clause(before: &str) -> bool {
    VERB.find_iter(before)
        .any(|m| before[m.end()..].contains(" that "))
}

/// Every word capitalised ("Fox and Friends", "The Long Winter"): the title
/// of a work or a programme when quoted in running text.
pub(crate) fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "a" | "an" | "the" | "of" | "and" | "or" | "to" | "in" | "on" | "for" | "at"
            )
        })
        .collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// The words before a quote end with a reporting verb or "as"/"it"
/// ("called it "Fake News"").
pub(crate) fn ends_with_reporting(before: &str) -> bool {
    let b = before.trim_end().trim_end_matches([',', ':']);
    let last = b.split_whitespace().next_back().map(lower);
    last.as_deref()
        .is_some_and(|w| matches!(w, "as" | "it" | "them" | "him" | "her" | "this"))
        || VERB.find_iter(b).last().is_some_and(|m| m.end() == b.len())
}

/// True when a short quote follows "the word", "the term", "the slogan"...:
/// the words are mentioned, not quoted from anyone.
pub(crate) fn names_a_term(before: &str) -> bool {
    let last = before.split_whitespace().next_back().map(lower);
    last.as_deref().is_some_and(|w| {
        matches!(
            w,
            "word"
                | "words"
                | "term"
                | "terms"
                | "phrase"
                | "slogan"
                | "label"
                | "name"
                | "title"
                | "hashtag"
                | "nickname"
                | "headline"
                | "dubbed"
                | "named"
                | "titled"
                | "entitled"
        )
    })
}

/// True when the words before a short quote end with a preposition (and
/// maybe a determiner): the quote names a thing ("in the "pager issue"").
pub(crate) fn before_empty_or_prep(before: &str) -> bool {
    let words: Vec<String> = before.split_whitespace().rev().take(2).map(lower).collect();
    let is_det = |w: &str| {
        matches!(
            w,
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
        )
    };
    let is_prep = |w: &str| PREPS.contains(&w);
    match words.as_slice() {
        [w, ..] if is_prep(w) => true,
        [w, p, ..] if is_det(w) && is_prep(p) => true,
        _ => false,
    }
}
