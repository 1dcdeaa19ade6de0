//! Date expressions, resolved against the publication date.
//!
//! One linear pass over the tokens of each sentence (the tokenizer is shared
//! with [`super::quantities`]), matching absolute dates ("October 23, 2024",
//! "23 Oct", "2024-10-23", "in March", "since 2022") and relative ones
//! ("yesterday", "on Monday", "last week", "two days ago"), with calendar
//! arithmetic from `jiff`. Hand-written because no maintained Rust crate
//! parses dates *inside* running English text with byte offsets.
//!
//! Resolution conventions (`resolved` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`):
//! - a month (or month and day) without a year is the most recent such month
//!   not after the publication month ("June" in an article of 2024-10-23 is
//!   2024-06; "November" in one of 2025-01-10 is 2024-11); "next June" is the
//!   first one after the publication month, "last June" the most recent one
//!   strictly before it, "this June" the publication year's;
//! - a weekday ("Monday", "on Monday") is the most recent such day on or
//!   before the publication date (news convention); "last Monday" is strictly
//!   before it; "next Monday" strictly after;
//! - "last week" / "this week" / "next week" resolve to the Monday of that
//!   week as `YYYY-MM-DD`; "last weekend" to its Saturday;
//! - "last/this/next month" → `YYYY-MM`; "last/this/next year" → `YYYY`;
//!   "earlier/later this month/year/week" as "this ...";
//! - "N days/weeks ago" → `YYYY-MM-DD`, "N months ago" → `YYYY-MM`,
//!   "N years ago" → `YYYY`;
//! - seasons ("over the summer", "last winter") resolve to the year of the
//!   most recent such season (northern hemisphere; winter is dated by its
//!   December) — a month would be a false precision;
//! - without a publication date, only expressions that carry their year are
//!   resolved; the others are kept with `resolved: None`.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::{TokKind, tokenize, word_number};
use crosscheck_model::{DateMention, Sentence};

/// Finds the date expressions of every sentence that is not boilerplate.
pub fn find(text: &str, sentences: &[Sentence], published: Option<Date>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for s in sentences.iter().filter(|s| !s.boilerplate) {
        let Some(src) = text.get(s.start..s.end) else {
            continue;
        };
        let c = Ctx {
            t: crate::Tokens::new(src, tokenize(src)),
            published,
        };
        let mut i = 0;
        while i < c.toks.len() {
            match c.date_at(i) {
                Some((first, end, resolved)) => {
                    let (a, b) = (c.toks[first].start, c.toks[end - 1].end);
                    out.push(DateMention {
                        sentence: s.index,
                        start: s.start + a,
                        end: s.start + b,
                        text: src[a..b].to_string(),
                        resolved,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    out
}

fn month_number(w: &str) -> Option<i8> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// Prepositions kept in the span of a month or year ("in March", "since 2022").
fn is_date_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "before"
            | "after"
            | "through"
            | "throughout"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "between"
            | "to"
    )
}

fn ym(y: i32, m: i32) -> String {
    // Normalise month overflow.
    let idx = y * 12 + (m - 1);
    format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1)
}

fn ymd(d: Date) -> String {
    d.to_string()
}

/// Which occurrence of a month or weekday a modifier asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    /// Most recent, the publication month/day included.
    Recent,
    /// Strictly before.
    Last,
    /// Strictly after.
    Next,
    /// In the current year / week.
    This,
}

struct Ctx<'a> {
    t: crate::Tokens<'a>,
    published: Option<Date>,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = crate::Tokens<'a>;
    fn deref(&self) -> &Self::Target {
        &self.t
    }
}

impl Ctx<'_> {
    /// A plain integer token's value.
    fn int(&self, i: usize) -> Option<i32> {
        match self.toks.get(i)?.kind {
            TokKind::Num {
                value,
                sep: false,
                frac: false,
                scale: 1.0,
            } => Some(value as i32),
            _ => None,
        }
    }

    fn day(&self, i: usize) -> Option<i8> {
        let d = match self.toks.get(i)?.kind {
            TokKind::Ordinal(d) => i32::try_from(d).ok()?,
            _ => self.int(i)?,
        };
        (1..=31).contains(&d).then_some(d as i8)
    }

    fn year(&self, i: usize) -> Option<i16> {
        let t = self.toks.get(i)?;
        let y = self.int(i)?;
        (t.end - t.start == 4 && (1000..=2999).contains(&y)).then_some(y as i16)
    }

    /// A month name at `i` (abbreviations need a day or year after them):
    /// (month, index after it and an abbreviation's dot).
    fn month(&self, i: usize) -> Option<(i8, usize)> {
        let w = self.word(i)?;
        if !self.capitalised(i) {
            return None;
        }
        let m = month_number(w)?;
        let full = w.len() > 3 || w == "may";
        let mut end = i + 1;
        if !full || w == "sept" {
            if self.punct(end) == Some('.') {
                end += 1;
            }
            if self.day(end).is_none() && self.year(end).is_none() {
                return None;
            }
        }
        Some((m, end))
    }

    /// The modifier before token `i`: (first token, which occurrence).
    fn modifier(&self, i: usize) -> (usize, Which, bool) {
        let before = |k: usize| i.checked_sub(k).and_then(|j| self.word(j));
        match (before(2), before(1)) {
            (Some("earlier" | "later"), Some("this")) => (i - 2, Which::This, true),
            (Some("back"), Some("in")) => (i - 2, Which::Recent, true),
            (_, Some("last" | "past")) => (i - 1, Which::Last, true),
            (_, Some("next" | "coming")) => (i - 1, Which::Next, true),
            (_, Some("this")) => (i - 1, Which::This, true),
            (_, Some(w)) if is_date_preposition(w) => (i - 1, Which::Recent, true),
            _ => (i, Which::Recent, false),
        }
    }

    /// A date expression at token `i`: (first token, end token, resolved).
    fn date_at(&self, i: usize) -> Option<(usize, usize, Option<String>)> {
        let t = *self.toks.get(i)?;
        match t.kind {
            TokKind::DateLike => return Some((i, i + 1, numeric_date(&self.src[t.start..t.end]))),
            TokKind::Other => {
                // "mid-2024", "mid-March".
                let w = &self.lower[t.start..t.end];
                let rest = w
                    .strip_prefix("mid-")
                    .or_else(|| w.strip_prefix("early-"))?;
                let y: i16 = rest.parse().ok().filter(|y| (1000..=2999).contains(y))?;
                return Some((i, i + 1, Some(format!("{y:04}"))));
            }
            _ => {}
        }
        if let Some(w) = self.word(i) {
            if let Some((m, end)) = self.month(i) {
                return self.month_expr(i, m, end);
            }
            if let Some(rest) = w.strip_prefix("mid-")
                && let Some(m) = month_number(rest).filter(|_| rest.len() > 3 || rest == "may")
            {
                let (y, end) = match self.year(i + 1) {
                    Some(y) => (Some(y), i + 2),
                    None => (None, i + 1),
                };
                return Some((i, end, self.resolve_month(y, m, Which::Recent)));
            }
            if let Some(wd) = weekday(w).filter(|_| self.capitalised(i)) {
                return self.weekday_expr(i, wd);
            }
            return self.relative_expr(i, w);
        }
        // "23 October 2024", "23rd of October".
        if let Some(d) = self.day(i) {
            let mut k = i + 1;
            if self.is_word(k, "of") {
                k += 1;
            }
            if let Some((m, end)) = self.month(k) {
                let (y, end) = match self.year(end) {
                    Some(y) => (Some(y), end + 1),
                    None => (None, end),
                };
                let (first, _, _) = self.modifier(i);
                let first = if self.word(first).is_some_and(is_date_preposition) {
                    first
                } else {
                    i
                };
                return Some((first, end, self.resolve_day(y, m, d)));
            }
        }
        // "in 2022", "since 2022", "by 2030".
        if let Some(y) = self.year(i)
            && i > 0
            && self.word(i - 1).is_some_and(is_date_preposition)
        {
            // "between 2022 and 2024", "from 2004 to 2014": one span, its start.
            let mut end = i + 1;
            if matches!(self.word(i - 1), Some("between" | "from"))
                && (matches!(self.word(end), Some("and" | "to")) || self.punct(end) == Some('-'))
                && self.year(end + 1).is_some()
            {
                end += 2;
            }
            return Some((i - 1, end, Some(format!("{y:04}"))));
        }
        self.ago_expr(i)
    }

    fn month_expr(&self, i: usize, m: i8, end: usize) -> Option<(usize, usize, Option<String>)> {
        let (first, which, has_mod) = self.modifier(i);
        // "October 23, 2024", "Oct. 23", "September 17-18".
        if let Some(d) = self.day(end) {
            let mut e = end + 1;
            if matches!(self.punct(e), Some('-' | '–')) && self.day(e + 1).is_some() {
                e += 2;
            }
            let mut y = None;
            let comma = usize::from(self.punct(e) == Some(','));
            if let Some(yy) = self.year(e + comma) {
                y = Some(yy);
                e += comma + 1;
            }
            let first = self.weekday_before(first).unwrap_or(first);
            return Some((first, e, self.resolve_day(y, m, d)));
        }
        // "October 2024".
        if let Some(y) = self.year(end) {
            return Some((first, end + 1, self.resolve_month(Some(y), m, which)));
        }
        // A bare month needs a modifier ("in March", "last June"): "May" and
        // "March" are also words, and a name may follow a first name.
        if !has_mod {
            return None;
        }
        Some((first, end, self.resolve_month(None, m, which)))
    }

    /// "Tuesday, " before a month-day date: the first token of the weekday.
    fn weekday_before(&self, first: usize) -> Option<usize> {
        let k = first.checked_sub(1)?;
        let k = if self.punct(k) == Some(',') {
            k.checked_sub(1)?
        } else {
            k
        };
        weekday(self.word(k)?).filter(|_| self.capitalised(k))?;
        let on = k.checked_sub(1).filter(|&p| self.is_word(p, "on"));
        Some(on.unwrap_or(k))
    }

    fn weekday_expr(&self, i: usize, wd: Weekday) -> Option<(usize, usize, Option<String>)> {
        // "Tuesday, September 17" is taken by the month-day date.
        let k = if self.punct(i + 1) == Some(',') {
            i + 2
        } else {
            i + 1
        };
        if self.month(k).is_some_and(|(_, e)| self.day(e).is_some()) {
            return None;
        }
        let (first, which, _) = self.modifier(i);
        let mut end = i + 1;
        if matches!(
            self.word(end),
            Some("morning" | "afternoon" | "evening" | "night" | "overnight")
        ) {
            end += 1;
        }
        let resolved = self.published.and_then(|p| {
            let back =
                (p.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
            let days = match which {
                Which::Recent | Which::This => i64::from(back),
                Which::Last => i64::from(if back == 0 { 7 } else { back }),
                Which::Next => {
                    let fwd = (7 - back) % 7;
                    -i64::from(if fwd == 0 { 7 } else { fwd })
                }
            };
            p.checked_sub(days.days()).ok().map(ymd)
        });
        Some((first, end, resolved))
    }

    fn relative_expr(&self, i: usize, w: &str) -> Option<(usize, usize, Option<String>)> {
        let p = self.published;
        match w {
            "today" | "tonight" => return Some((i, i + 1, p.map(ymd))),
            "yesterday" => return Some((i, i + 1, p.and_then(|d| d.yesterday().ok()).map(ymd))),
            "tomorrow" => return Some((i, i + 1, p.and_then(|d| d.tomorrow().ok()).map(ymd))),
            _ => {}
        }
        // "this morning", "last week", "earlier this month", "over the summer".
        let (which, start, unit_at) = match w {
            // "the past year" is a period, not last year: only "last".
            "last" => (Which::Last, i, i + 1),
            "next" | "coming" => (Which::Next, i, i + 1),
            "this" => (Which::This, i, i + 1),
            "earlier" | "later" if self.is_word(i + 1, "this") => (Which::This, i, i + 2),
            "over" | "in" | "during" | "throughout" if self.is_word(i + 1, "the") => {
                (Which::Recent, i, i + 2)
            }
            _ => return self.ago_expr(i),
        };
        let unit = self.word(unit_at)?;
        let unit = unit
            .strip_suffix("'s")
            .or_else(|| unit.strip_suffix("’s"))
            .unwrap_or(unit);
        let end = unit_at + 1;
        let r = |s: Option<String>| Some((start, end, s));
        match unit {
            "morning" | "afternoon" | "evening" if which == Which::This => r(p.map(ymd)),
            "week" | "weekend" if which != Which::Recent => {
                let monday = p.and_then(|d| {
                    let back = i64::from(d.weekday().to_monday_zero_offset());
                    d.checked_sub(back.days()).ok()
                });
                let shift: i64 = match which {
                    Which::Last => -7,
                    Which::Next => 7,
                    _ => 0,
                };
                let mut date = monday.and_then(|m| m.checked_add(shift.days()).ok());
                if unit == "weekend" {
                    date = date.and_then(|m| m.checked_add(5.days()).ok());
                }
                r(date.map(ymd))
            }
            "month" if which != Which::Recent => r(p.map(|d| {
                let shift = match which {
                    Which::Last => -1,
                    Which::Next => 1,
                    _ => 0,
                };
                ym(i32::from(d.year()), i32::from(d.month()) + shift)
            })),
            "year" if which != Which::Recent => r(p.map(|d| {
                let shift = match which {
                    Which::Last => -1,
                    Which::Next => 1,
                    _ => 0,
                };
                format!("{:04}", i32::from(d.year()) + shift)
            })),
            "spring" | "summer" | "autumn" | "fall" | "winter" => {
                if unit == "fall" && which == Which::Recent && !self.is_word(i, "in") {
                    return None;
                }
                r(p.map(|d| season_year(d, unit, which)))
            }
            _ => None,
        }
    }

    /// "two days ago", "a week ago", "3 months ago".
    fn ago_expr(&self, i: usize) -> Option<(usize, usize, Option<String>)> {
        let (n, k) = match self.int(i) {
            Some(n) => (i64::from(n), i + 1),
            None => {
                let w = self.word(i)?;
                let n = match w {
                    "a" | "an" | "one" => 1.0,
                    _ => word_number(w)?,
                };
                (n as i64, i + 1)
            }
        };
        let unit = self.word(k)?;
        if !self.is_word(k + 1, "ago") {
            return None;
        }
        let end = k + 2;
        let resolved = self.published.and_then(|p| match unit {
            "day" | "days" => p.checked_sub(n.days()).ok().map(ymd),
            "week" | "weeks" => p.checked_sub((7 * n).days()).ok().map(ymd),
            "month" | "months" => Some(ym(
                i32::from(p.year()),
                i32::from(p.month()) - i32::try_from(n).ok()?,
            )),
            "year" | "years" => Some(format!(
                "{:04}",
                i32::from(p.year()) - i32::try_from(n).ok()?
            )),
            _ => None,
        });
        matches!(
            unit,
            "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years"
        )
        .then_some((i, end, resolved))
    }

    fn resolve_month(&self, year: Option<i16>, m: i8, which: Which) -> Option<String> {
        if let Some(y) = year {
            return Some(ym(i32::from(y), i32::from(m)));
        }
        let p = self.published?;
        let (py, pm) = (i32::from(p.year()), i32::from(p.month()));
        let m = i32::from(m);
        let y = match which {
            Which::Recent => py - i32::from(m > pm),
            Which::Last => py - i32::from(m >= pm),
            Which::Next => py + i32::from(m <= pm),
            Which::This => py,
        };
        Some(ym(y, m))
    }

    fn resolve_day(&self, year: Option<i16>, m: i8, d: i8) -> Option<String> {
        let y = match year {
            Some(y) => y,
            None => {
                let p = self.published?;
                p.year() - i16::from(m > p.month())
            }
        };
        Date::new(y, m, d).ok().map(ymd)
    }
}

/// The year of the most recent (or last / next / this) season.
fn season_year(p: Date, season: &str, which: Which) -> String {
    let start = match season {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        _ => 12,
    };
    let (py, pm) = (i32::from(p.year()), i32::from(p.month()));
    // Month index of the season's start in the publication year, or the year before
    // for a winter still running in January/February.
    let started_this_year = if start == 12 { pm == 12 } else { pm >= start };
    let current = if start == 12 && pm <= 2 { py - 1 } else { py };
    let in_season = if start == 12 {
        pm == 12 || pm <= 2
    } else {
        (start..start + 3).contains(&pm)
    };
    let y = match which {
        Which::Recent => {
            if started_this_year || in_season {
                current
            } else {
                py - 1
            }
        }
        Which::This => current,
        Which::Last => {
            if started_this_year && !in_season {
                py
            } else {
                current - 1
            }
        }
        Which::Next => {
            if started_this_year || in_season {
                current + 1
            } else {
                py
            }
        }
    };
    format!("{y:04}")
}

/// "2024-10-23" → that date; "23/10/2024" (day first when unambiguous).
fn numeric_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (a, b, c): (i16, i8, i16) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a >= 1000 {
        return Date::new(a, b, i8::try_from(c).ok()?).ok().map(ymd);
    }
    if c < 1000 {
        return None;
    }
    let a = i8::try_from(a).ok()?;
    match (a > 12, b > 12) {
        (true, false) => Date::new(c, b, a).ok().map(ymd),
        (false, true) => Date::new(c, a, b).ok().map(ymd),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_text::sentences::split;

    fn pubd(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    fn dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
        let found = find(text, &split(text), published);
        for d in &found {
            assert_eq!(&text[d.start..d.end], d.text, "{text}");
        }
        found
    }

    fn resolved(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        dates(text, pubd(published))
            .into_iter()
            .map(|d| (d.text, d.resolved))
            .collect()
    }

    fn pair(t: &str, r: &str) -> (String, Option<String>) {
        (t.to_string(), Some(r.to_string()))
    }

    #[test]
    fn absolute_dates() {
        let got = resolved(
            "The troops arrived on October 23, 2024, and left on 2 November 2024. A report dated 2024-10-25 said so.",
            "2024-12-01",
        );
        assert_eq!(
            got,
            vec![
                pair("on October 23, 2024", "2024-10-23"),
                pair("on 2 November 2024", "2024-11-02"),
                pair("2024-10-25", "2024-10-25")
            ]
        );
        let got = resolved(
            "The deal was signed in March 2022 and runs until 2030.",
            "2024-10-23",
        );
        assert_eq!(
            got,
            vec![pair("in March 2022", "2022-03"), pair("until 2030", "2030")]
        );
        let got = resolved(
            "Fighting has continued since 2022 and may end by 2030.",
            "2024-10-23",
        );
        assert_eq!(
            got,
            vec![pair("since 2022", "2022"), pair("by 2030", "2030")]
        );
    }

    #[test]
    fn year_ranges_and_periods() {
        let got = resolved(
            "The firm traded between 2022 and 2024 in the past year.",
            "2024-10-23",
        );
        assert_eq!(got, vec![pair("between 2022 and 2024", "2022")]);
    }

    #[test]
    fn month_and_day_without_year_take_the_publication_year() {
        let got = resolved(
            "The blasts on Sept. 17 were followed by talks in March.",
            "2024-09-19",
        );
        assert_eq!(
            got,
            vec![
                pair("on Sept. 17", "2024-09-17"),
                pair("in March", "2024-03")
            ]
        );
        // A later month than the publication month is last year's.
        let got = resolved("It began in November and peaked on Dec. 3.", "2025-01-10");
        assert_eq!(
            got,
            vec![
                pair("in November", "2024-11"),
                pair("on Dec. 3", "2024-12-03")
            ]
        );
    }

    #[test]
    fn weekday_with_date_is_one_mention() {
        let got = resolved(
            "The attack came on Tuesday, September 17, officials said.",
            "2024-09-20",
        );
        assert_eq!(got, vec![pair("on Tuesday, September 17", "2024-09-17")]);
    }

    #[test]
    fn relative_dates_against_publication() {
        // 2024-10-23 is a Wednesday.
        let p = "2024-10-23";
        let cases = [
            ("The minister spoke today.", "today", "2024-10-23"),
            ("The minister spoke yesterday.", "yesterday", "2024-10-22"),
            (
                "Police said on Monday that two died.",
                "on Monday",
                "2024-10-21",
            ),
            ("The vote is held Wednesday.", "Wednesday", "2024-10-23"),
            (
                "The fighting began last Wednesday.",
                "last Wednesday",
                "2024-10-16",
            ),
            ("Talks resume next Friday.", "next Friday", "2024-10-25"),
            ("Troops moved in last week.", "last week", "2024-10-14"),
            (
                "Troops moved in earlier this week.",
                "earlier this week",
                "2024-10-21",
            ),
            ("They met last June.", "last June", "2024-06"),
            ("They met back in June.", "back in June", "2024-06"),
            ("Prices rose last month.", "last month", "2024-09"),
            (
                "Prices rose earlier this month.",
                "earlier this month",
                "2024-10",
            ),
            ("Prices rose last year.", "last year", "2023"),
            ("Prices rose this year.", "this year", "2024"),
            (
                "The deal was struck a week ago.",
                "a week ago",
                "2024-10-16",
            ),
            (
                "The deal was struck two days ago.",
                "two days ago",
                "2024-10-21",
            ),
            (
                "The deal was struck 3 months ago.",
                "3 months ago",
                "2024-07",
            ),
            ("Units trained over the summer.", "over the summer", "2024"),
            (
                "The talks collapsed last October.",
                "last October",
                "2023-10",
            ),
        ];
        for (text, span, want) in cases {
            assert_eq!(resolved(text, p), vec![pair(span, want)], "{text}");
        }
    }

    #[test]
    fn month_rollover_across_years() {
        let p = "2025-01-10";
        assert_eq!(
            resolved("It started last November.", p),
            vec![pair("last November", "2024-11")]
        );
        assert_eq!(
            resolved("It started last month.", p),
            vec![pair("last month", "2024-12")]
        );
        assert_eq!(
            resolved("It starts next month.", p),
            vec![pair("next month", "2025-02")]
        );
        assert_eq!(
            resolved("It started last week.", p),
            vec![pair("last week", "2024-12-30")]
        );
        assert_eq!(
            resolved("It snowed last winter.", p),
            vec![pair("last winter", "2023")]
        );
        assert_eq!(
            resolved("It snowed this winter.", p),
            vec![pair("this winter", "2024")]
        );
    }

    #[test]
    fn unresolvable_without_publication_date() {
        let got = dates(
            "He said on Monday that last week's talks, held in June, failed.",
            None,
        );
        let texts: Vec<_> = got.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["on Monday", "last week's", "in June"]);
        assert!(got.iter().all(|d| d.resolved.is_none()));
        // Dates that carry their year still resolve.
        let got = dates("It ended on 17 September 2024.", None);
        assert_eq!(got[0].resolved.as_deref(), Some("2024-09-17"));
    }

    #[test]
    fn words_that_only_look_like_dates() {
        for t in [
            "Theresa May spoke to reporters.",
            "They may march on the capital.",
            "He said 2,024 people signed.",
            "Protesters plan a march to the square.",
        ] {
            let got = dates(t, pubd("2024-10-23"));
            assert!(got.is_empty(), "{t}: {got:?}");
        }
    }

    #[test]
    fn non_ascii_around_dates() {
        let t = "“It happened on 17 Sept. 2024”—or “last Tuesday”, said Zoë’s aide.";
        let got = dates(t, pubd("2024-09-19"));
        let texts: Vec<_> = got
            .iter()
            .map(|d| (d.text.as_str(), d.resolved.as_deref()))
            .collect();
        assert_eq!(
            texts,
            [
                ("on 17 Sept. 2024", Some("2024-09-17")),
                ("last Tuesday", Some("2024-09-17"))
            ]
        );
    }
}
