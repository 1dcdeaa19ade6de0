//! What the three renderers share: the dossier regrouped per story, the
//! names documents go by, labels and symbols for stances and statuses,
//! number formatting and the cleaning of untrusted text.
//!
//! Everything here is linear in the size of the dossier (hash maps keyed by
//! document and story ids), so it stays cheap on very large dossiers.

use std::collections::{HashMap, HashSet};

use crosscheck_model::{
    ClaimGroup, DocumentOut, Dossier, EntityKind, EntityOut, QuantityGroup, QuantityValue,
    QuoteOut, SourceProfile, Stance, TimelineEvent,
};

/// The stances in the order they are shown.
pub(crate) const STANCES: [Stance; 4] = [
    Stance::Asserts,
    Stance::Hedges,
    Stance::Denies,
    Stance::ReportsDenial,
];

/// The symbol a stance goes by in summaries and matrices.
/// "2 stories · 31 documents · 293 claims · 33 quantity groups".
pub(crate) fn summary_line(d: &crosscheck_model::Dossier) -> String {
    format!(
        "{} {} · {} documents · {} claims · {} quantity groups",
        d.stories.len(),
        if d.stories.len() == 1 {
            "story"
        } else {
            "stories"
        },
        d.documents.len(),
        d.claims.len(),
        d.quantities.len()
    )
}

pub(crate) fn stance_symbol(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "✓",
        Stance::Hedges => "~",
        Stance::Denies => "✗",
        Stance::ReportsDenial => "⚑",
    }
}

/// The stance in words.
pub(crate) fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "asserts",
        Stance::Hedges => "hedges",
        Stance::Denies => "denies",
        Stance::ReportsDenial => "reports a denial",
    }
}

/// The legend of the stance symbols, one `symbol label` pair per stance.
pub(crate) fn legend_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    STANCES.iter().map(|&s| (stance_symbol(s), stance_label(s)))
}

/// The entity type in words.
pub(crate) fn entity_kind(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Org => "organisation",
        EntityKind::Place => "place",
        EntityKind::Group => "group",
    }
}

/// `"1 independent origin"`, `"3 independent origins"`.
pub(crate) fn origins_phrase(n: usize) -> String {
    if n == 1 {
        "1 independent origin".to_string()
    } else {
        format!("{n} independent origins")
    }
}

/// Untrusted text made safe to place on one line: every run of whitespace
/// (newlines included) becomes one space, control characters and the Unicode
/// bidirectional overrides (which can make text display as something it is
/// not) are dropped, and the ends are trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if c.is_control() || is_bidi_control(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `s` cut to at most `max` characters (an ellipsis marks the cut), on a
/// character boundary.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A url fit to be a link target: `http` or `https` only (never
/// `javascript:`, `data:` and the like), with no whitespace or control
/// characters in it.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme_ok = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let clean = !rest.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && clean).then_some(url)
}

/// A number for people: thousands separated by commas, at most two
/// decimals; `?` for values that are not finite.
pub(crate) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_string();
    }
    let neg = x < 0.0;
    let rounded = (x.abs() * 100.0).round() / 100.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let t = format!("{rounded:.2}");
        t.trim_end_matches('0').to_string()
    };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if neg && rounded != 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A share (0..1) as a whole percentage.
pub(crate) fn fmt_pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.0}%", x * 100.0)
    } else {
        "?".to_string()
    }
}

/// The value of a quantity as a number or range ("3,000", "1,000–1,500",
/// "≥ 500"), else its vague wording ("thousands"), else the phrase itself.
pub(crate) fn value_display(v: &QuantityValue) -> String {
    match (v.value, v.min, v.max) {
        (Some(x), _, _) => fmt_num(x),
        (None, Some(lo), Some(hi)) => format!("{}–{}", fmt_num(lo), fmt_num(hi)),
        (None, Some(lo), None) => format!("≥ {}", fmt_num(lo)),
        (None, None, Some(hi)) => format!("≤ {}", fmt_num(hi)),
        (None, None, None) => clean(v.vague.as_deref().unwrap_or(&v.text)),
    }
}

/// The numeric extent of a value (`lo <= hi`), when it has one.
pub(crate) fn value_span(v: &QuantityValue) -> Option<(f64, f64)> {
    let lo = v.min.or(v.value).or(v.max)?;
    let hi = v.max.or(v.value).or(v.min)?;
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

/// The names documents go by: the outlet (`source`), else the host of its
/// web url, else the file stem of its path; names shared by several
/// documents get the title added, then a number.
pub(crate) struct Names<'a> {
    names: HashMap<&'a str, String>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(d: &'a Dossier) -> Self {
        let base: Vec<String> = d.documents.iter().map(base_name).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for b in &base {
            *count.entry(b.as_str()).or_default() += 1;
        }
        let mut used: HashSet<String> = HashSet::new();
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        let mut names = HashMap::new();
        for (doc, b) in d.documents.iter().zip(&base) {
            if names.contains_key(doc.id.as_str()) {
                continue;
            }
            let mut name = b.clone();
            if count.get(b.as_str()).copied().unwrap_or(0) > 1
                && let Some(title) = doc.title.as_deref().map(clean).filter(|t| !t.is_empty())
            {
                name = format!("{b}: {}", truncate(&title, 48));
            }
            if used.contains(&name) {
                let n = next_suffix.entry(name.clone()).or_insert(1);
                loop {
                    *n += 1;
                    let candidate = format!("{name} #{n}");
                    if !used.contains(&candidate) {
                        name = candidate;
                        break;
                    }
                }
            }
            used.insert(name.clone());
            names.insert(doc.id.as_str(), name);
        }
        Names { names }
    }

    /// The name of a document id (a short form of the id when the dossier
    /// does not list the document).
    pub(crate) fn of(&self, id: &str) -> String {
        match self.names.get(id) {
            Some(n) => n.clone(),
            None => {
                let short: String = clean(id).chars().take(8).collect();
                format!("doc {short}")
            }
        }
    }
}

/// The outlet a document stands for, as crosscheck-core names it (so that
/// document names match the origins core derives from an outlet's own
/// voice): `source`, else the host of a web url, else the file stem.
fn base_name(doc: &DocumentOut) -> String {
    if let Some(s) = doc.source.as_deref().map(clean).filter(|s| !s.is_empty()) {
        return s;
    }
    if let Some(host) = doc.url.as_deref().and_then(url_host) {
        return host;
    }
    let path = clean(&doc.path);
    let file = path.rsplit(['/', '\\']).next().unwrap_or(&path);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    if stem.is_empty() {
        let short: String = clean(&doc.id).chars().take(8).collect();
        format!("doc {short}")
    } else {
        stem.to_string()
    }
}

/// The host of a web url, without `www.`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let url = safe_url(url)?;
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = clean(host.trim_start_matches("www."));
    (!host.is_empty()).then_some(host)
}

/// The sources on each side of a claim: for every stance (in [`STANCES`]
/// order) the names of the documents that take it; stances nobody takes are
/// left out. Falls back to the evidence when the claim lists no stances.
pub(crate) fn stance_summary(c: &ClaimGroup, names: &Names) -> Vec<(Stance, Vec<String>)> {
    let mut per: Vec<(&str, Stance)> = c
        .stances
        .iter()
        .map(|s| (s.doc.as_str(), s.stance))
        .collect();
    if per.is_empty() {
        per = c
            .evidence
            .iter()
            .map(|e| (e.doc.as_str(), e.stance))
            .collect();
    }
    let mut seen: HashSet<(&str, Stance)> = HashSet::new();
    STANCES
        .iter()
        .filter_map(|&stance| {
            let docs: Vec<String> = per
                .iter()
                .filter(|(doc, s)| *s == stance && seen.insert((doc, stance)))
                .map(|(doc, _)| names.of(doc))
                .collect();
            (!docs.is_empty()).then_some((stance, docs))
        })
        .collect()
}

/// One story and everything that belongs to it.
pub(crate) struct StoryView<'a> {
    /// The story's id (empty for the bucket of unassigned material).
    pub id: String,
    pub title: String,
    pub documents: Vec<&'a DocumentOut>,
    /// Ranked: highest score first.
    pub claims: Vec<&'a ClaimGroup>,
    /// Disagreeing groups first, then the groups with more values.
    pub quantities: Vec<&'a QuantityGroup>,
    /// Quotes with a named speaker and full (not partial) quotes first.
    pub quotes: Vec<&'a QuoteOut>,
    /// Most mentioned first.
    pub entities: Vec<&'a EntityOut>,
    /// Outlets with at least one document in the story.
    pub sources: Vec<&'a SourceProfile>,
    /// Sorted by date.
    pub timeline: Vec<&'a TimelineEvent>,
}

impl StoryView<'_> {
    fn new(id: String, title: String) -> Self {
        StoryView {
            id,
            title,
            documents: Vec::new(),
            claims: Vec::new(),
            quantities: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            sources: Vec::new(),
            timeline: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.claims.is_empty()
            && self.quantities.is_empty()
            && self.quotes.is_empty()
            && self.entities.is_empty()
            && self.sources.is_empty()
            && self.timeline.is_empty()
    }
}

/// The dossier regrouped per story, in the order of `d.stories`. Material
/// that names no known story goes to a last bucket ("Other material", or
/// "All documents" when the dossier has no stories), shown only when it is
/// not empty. Entities and source profiles belong to every story one of
/// their documents is in.
pub(crate) fn stories(d: &Dossier) -> Vec<StoryView<'_>> {
    let mut views: Vec<StoryView> = d
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let title = clean(&s.title);
            let title = if title.is_empty() {
                format!("Story {}", i + 1)
            } else {
                title
            };
            StoryView::new(s.id.clone(), title)
        })
        .collect();
    let other = views.len();
    let other_title = if d.stories.is_empty() {
        "All documents"
    } else {
        "Other material"
    };
    views.push(StoryView::new(String::new(), other_title.to_string()));

    let mut story_index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in d.stories.iter().enumerate() {
        story_index.entry(s.id.as_str()).or_insert(i);
    }
    let index_of = |story: &str| story_index.get(story).copied().unwrap_or(other);

    // Which story each document is in: its own `story` field, else the
    // story that lists it.
    let mut doc_story: HashMap<&str, usize> = HashMap::new();
    for (i, s) in d.stories.iter().enumerate() {
        for doc in &s.documents {
            doc_story.entry(doc.as_str()).or_insert(i);
        }
    }
    for doc in &d.documents {
        if let Some(&i) = story_index.get(doc.story.as_str()) {
            doc_story.insert(doc.id.as_str(), i);
        }
    }
    let story_of_doc = |doc: &str| doc_story.get(doc).copied().unwrap_or(other);

    let mut seen_docs = HashSet::new();
    for doc in &d.documents {
        if seen_docs.insert(doc.id.as_str()) {
            views[story_of_doc(&doc.id)].documents.push(doc);
        }
    }
    for c in &d.claims {
        views[index_of(&c.story)].claims.push(c);
    }
    for q in &d.quantities {
        views[index_of(&q.story)].quantities.push(q);
    }
    for q in &d.quotes {
        views[story_of_doc(&q.doc)].quotes.push(q);
    }
    for t in &d.timeline {
        views[story_of_doc(&t.doc)].timeline.push(t);
    }
    let stories_of = |docs: &[String]| -> Vec<usize> {
        let mut hit: Vec<usize> = docs.iter().map(|doc| story_of_doc(doc)).collect();
        if hit.is_empty() {
            hit.push(other);
        }
        hit.sort_unstable();
        hit.dedup();
        hit
    };
    for e in &d.entities {
        for i in stories_of(&e.docs) {
            views[i].entities.push(e);
        }
    }
    for s in &d.sources {
        for i in stories_of(&s.documents) {
            views[i].sources.push(s);
        }
    }

    for v in &mut views {
        v.claims.sort_by(|a, b| b.score.total_cmp(&a.score));
        v.quantities
            .sort_by_key(|q| (!q.disagree, std::cmp::Reverse(q.values.len())));
        v.quotes.sort_by_key(|q| (q.speaker.is_none(), q.partial));
        v.entities.sort_by_key(|e| std::cmp::Reverse(e.mentions));
        v.timeline.sort_by(|a, b| a.date.cmp(&b.date));
    }
    if views.last().is_some_and(StoryView::is_empty) {
        views.pop();
    }
    views
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_rounded() {
        assert_eq!(fmt_num(10000.0), "10,000");
        assert_eq!(fmt_num(1_500_000.0), "1,500,000");
        assert_eq!(fmt_num(999.0), "999");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(-1234.567), "-1,234.57");
        assert_eq!(fmt_num(f64::NAN), "?");
        assert_eq!(fmt_pct(0.256), "26%");
    }

    #[test]
    fn clean_drops_controls_and_bidi() {
        assert_eq!(clean("  a\n\tb\u{1b}[31m c\u{202E}d  "), "a b[31m cd");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate("Zelenskyy’s “claim”", 12), "Zelenskyy’s…");
        assert_eq!(truncate("short", 12), "short");
    }

    fn doc(
        id: &str,
        source: Option<&str>,
        url: Option<&str>,
        path: &str,
        title: &str,
    ) -> DocumentOut {
        DocumentOut {
            id: id.into(),
            path: path.into(),
            url: url.map(Into::into),
            source: source.map(Into::into),
            title: Some(title.into()),
            ..DocumentOut::default()
        }
    }

    #[test]
    fn documents_go_by_outlet_host_or_file_stem_and_stay_distinct() {
        let mut d = Dossier {
            documents: vec![
                doc("1", Some(" Daily Ledger "), None, "a.txt", "Floods"),
                doc(
                    "2",
                    None,
                    Some("https://www.ledger-news.example/x"),
                    "b.html",
                    "Floods",
                ),
                doc(
                    "3",
                    None,
                    Some("javascript:alert(1)"),
                    "/in/c.report.txt",
                    "Floods",
                ),
                doc("4", Some("Daily Ledger"), None, "d.txt", "Dam breach"),
                doc("5", Some("Daily Ledger"), None, "e.txt", "Dam breach"),
            ],
            ..Dossier::default()
        };
        // Many documents with one name and one title: numbered, in linear time.
        for i in 0..2000 {
            d.documents
                .push(doc(&format!("x{i}"), Some("Wire"), None, "w.txt", "Same"));
        }
        let names = Names::new(&d);
        assert_eq!(names.of("1"), "Daily Ledger: Floods");
        assert_eq!(names.of("2"), "ledger-news.example");
        assert_eq!(names.of("3"), "c.report");
        assert_eq!(names.of("4"), "Daily Ledger: Dam breach");
        assert_eq!(names.of("5"), "Daily Ledger: Dam breach #2");
        assert_eq!(names.of("x1999"), "Wire: Same #2000");
        assert_eq!(names.of("missing-id-123"), "doc missing-");
        let all: HashSet<String> = d.documents.iter().map(|x| names.of(&x.id)).collect();
        assert_eq!(all.len(), d.documents.len());
    }

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(
            safe_url(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt://x"), None);
        assert_eq!(safe_url("data:text/html,<b>"), None);
        assert_eq!(safe_url("http://a b"), None);
    }
}
