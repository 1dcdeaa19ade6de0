//! The HTML form: one self-contained page (inline CSS, inline SVG, no
//! script, no external assets) that reads well in light and dark mode.
//!
//! Built with an askama template (`templates/dossier.html`) rather than by
//! hand: askama escapes every interpolated value by default (`<`, `>`, `&`,
//! `"`, `'`), so a forgotten escape cannot happen; the code below only turns
//! the dossier into plain view structs of display strings. Links are made
//! only from `http`/`https` urls ([`view::safe_url`]), and the page declares
//! a Content-Security-Policy that forbids scripts and external loads as a
//! second line of defence.

use askama::Template;
use crosscheck_model::{ClaimGroup, ClaimStatus, Dossier, QuantityGroup};

use crate::view::{
    self, Names, StoryView, clean, entity_kind, fmt_num, fmt_pct, legend_pairs, origins_phrase,
    stance_label, stance_symbol, truncate, value_display, value_span,
};

/// A source × claim matrix is drawn only up to this many documents.
const MATRIX_MAX_DOCS: usize = 12;
/// Width of a quantity's range bar, in SVG user units.
const BAR_W: f64 = 140.0;

#[derive(Template)]
#[template(path = "dossier.html")]
struct Page {
    summary: String,
    legend: Vec<Legend>,
    stories: Vec<StoryHtml>,
}

struct Legend {
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
}

struct StoryHtml {
    anchor: String,
    number: usize,
    title: String,
    id: String,
    counts: Vec<StatusCount>,
    docs: Vec<DocRow>,
    claims: Vec<ClaimHtml>,
    matrix: Option<Matrix>,
    quantities: Vec<QtyHtml>,
    quotes: Vec<QuoteHtml>,
    entities: Vec<EntityRow>,
    sources: Vec<SourceRow>,
    timeline: Vec<TimeRow>,
}

struct StatusCount {
    class: &'static str,
    label: &'static str,
    count: usize,
}

struct DocRow {
    name: String,
    title: String,
    published: String,
    author: String,
    href: Option<String>,
    host: String,
    copy_of: String,
}

struct ClaimHtml {
    rank: usize,
    text: String,
    status_class: &'static str,
    status: &'static str,
    /// What the status means (the chip's tooltip).
    status_definition: &'static str,
    /// What happened, in plain words.
    status_line: String,
    origins_phrase: String,
    origins: String,
    denied_by: String,
    stances: Vec<StanceGroup>,
    evidence: Vec<EvidenceRow>,
}

struct StanceGroup {
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
    sources: String,
}

struct EvidenceRow {
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
    source: String,
    origin: String,
    sentence: String,
    cues: String,
}

struct Matrix {
    columns: Vec<String>,
    rows: Vec<MatrixRow>,
}

struct MatrixRow {
    rank: usize,
    text: String,
    full: String,
    status_class: &'static str,
    cells: Vec<Cell>,
}

struct Cell {
    class: &'static str,
    symbols: String,
    title: String,
}

struct QtyHtml {
    what: String,
    unit: String,
    disagree: bool,
    scale: String,
    rows: Vec<QtyRow>,
}

struct QtyRow {
    value: String,
    qualifier: String,
    written: String,
    origin: String,
    source: String,
    sentence: String,
    bar: Option<Bar>,
}

/// A value on its group's common scale: a segment for a range, a dot for a point.
struct Bar {
    label: String,
    point: bool,
    x: String,
    w: String,
}

struct QuoteHtml {
    text: String,
    speaker: String,
    source: String,
    partial: bool,
}

struct EntityRow {
    name: String,
    kind: &'static str,
    aliases: String,
    docs: usize,
    mentions: usize,
}

struct SourceRow {
    name: String,
    docs: usize,
    sentences: String,
    attributed: String,
    hedged: String,
    opinion: String,
    first_person: String,
    boilerplate: String,
    corroborated: usize,
    unconfirmed: usize,
    cited: String,
}

struct TimeRow {
    date: String,
    text: String,
    sentence: String,
    source: String,
}

pub(crate) fn render(d: &Dossier) -> String {
    let names = Names::new(d);
    let stories: Vec<StoryHtml> = view::stories(d)
        .iter()
        .enumerate()
        .map(|(i, s)| story(i + 1, s, &names))
        .collect();
    let page = Page {
        summary: view::summary_line(d),
        legend: legend_pairs()
            .zip(view::STANCES)
            .map(|((symbol, label), st)| Legend {
                class: st.as_str(),
                symbol,
                label,
            })
            .collect(),
        stories,
    };
    // Rendering only formats strings and numbers, which cannot fail; should
    // it ever, a minimal page says so instead of panicking.
    page.render().unwrap_or_else(|e| {
        let msg = clean(&e.to_string()).replace(['<', '>', '&', '"', '\''], " ");
        format!("<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Crosscheck dossier</title><p>Rendering failed: {msg}</p></html>\n")
    })
}

const STATUSES: [ClaimStatus; 5] = [
    ClaimStatus::Corroborated,
    ClaimStatus::SingleOrigin,
    ClaimStatus::HedgedOnly,
    ClaimStatus::Contested,
    ClaimStatus::Denied,
];

fn story(number: usize, s: &StoryView, names: &Names) -> StoryHtml {
    let counts = STATUSES
        .iter()
        .map(|&st| StatusCount {
            class: st.as_str(),
            label: st.label(),
            count: s.claims.iter().filter(|c| c.status == st).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    StoryHtml {
        anchor: format!("story-{number}"),
        number,
        title: s.title.clone(),
        id: clean(&s.id),
        counts,
        docs: s
            .documents
            .iter()
            .map(|doc| {
                let href = doc
                    .url
                    .as_deref()
                    .and_then(view::safe_url)
                    .map(str::to_string);
                let host = doc
                    .url
                    .as_deref()
                    .and_then(view::url_host)
                    .unwrap_or_default();
                DocRow {
                    name: names.of(&doc.id),
                    title: clean(doc.title.as_deref().unwrap_or("")),
                    published: clean(doc.published.as_deref().unwrap_or("")),
                    author: clean(doc.author.as_deref().unwrap_or("")),
                    href,
                    host,
                    copy_of: doc
                        .duplicate_of
                        .as_deref()
                        .map(|o| names.of(o))
                        .unwrap_or_default(),
                }
            })
            .collect(),
        claims: s
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| claim(i + 1, c, names))
            .collect(),
        matrix: matrix(s, names),
        quantities: s.quantities.iter().map(|q| quantity(q, names)).collect(),
        quotes: s
            .quotes
            .iter()
            .map(|q| QuoteHtml {
                text: clean(&q.text),
                speaker: q.speaker.as_deref().map(clean).unwrap_or_default(),
                source: names.of(&q.doc),
                partial: q.partial,
            })
            .collect(),
        entities: s
            .entities
            .iter()
            .map(|e| EntityRow {
                name: clean(&e.name),
                kind: entity_kind(e.kind),
                aliases: e
                    .aliases
                    .iter()
                    .map(|a| clean(a))
                    .collect::<Vec<_>>()
                    .join(", "),
                docs: e.docs.len(),
                mentions: e.mentions,
            })
            .collect(),
        sources: s
            .sources
            .iter()
            .map(|p| SourceRow {
                name: clean(&p.name),
                docs: p.documents.len(),
                sentences: fmt_num(p.sentences as f64),
                attributed: fmt_pct(p.attributed_share),
                hedged: fmt_pct(p.hedged_share),
                opinion: fmt_pct(p.opinion_share),
                first_person: fmt_pct(p.first_person_share),
                boilerplate: fmt_pct(p.boilerplate_share),
                corroborated: p.corroborated_claims,
                unconfirmed: p.unconfirmed_claims,
                cited: p
                    .cited_sources
                    .iter()
                    .map(|c| clean(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        timeline: s
            .timeline
            .iter()
            .map(|t| {
                let text = clean(&t.text);
                let sentence = clean(&t.sentence);
                TimeRow {
                    date: clean(&t.date),
                    sentence: if sentence == text {
                        String::new()
                    } else {
                        sentence
                    },
                    text,
                    source: names.of(&t.doc),
                }
            })
            .collect(),
    }
}

fn claim(rank: usize, c: &ClaimGroup, names: &Names) -> ClaimHtml {
    ClaimHtml {
        rank,
        text: clean(&c.text),
        status_class: c.status.as_str(),
        status: c.status.label(),
        status_definition: c.status.definition(),
        status_line: clean(&c.status_line()),
        origins_phrase: origins_phrase(c.independent_origins.len()),
        origins: c
            .independent_origins
            .iter()
            .map(|o| clean(o))
            .collect::<Vec<_>>()
            .join(", "),
        denied_by: c
            .denied_by
            .iter()
            .map(|o| clean(o))
            .collect::<Vec<_>>()
            .join(", "),
        stances: view::stance_summary(c, names)
            .into_iter()
            .map(|(st, docs)| StanceGroup {
                class: st.as_str(),
                symbol: stance_symbol(st),
                label: stance_label(st),
                sources: docs.join(", "),
            })
            .collect(),
        evidence: c
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                class: e.stance.as_str(),
                symbol: stance_symbol(e.stance),
                label: stance_label(e.stance),
                source: names.of(&e.doc),
                origin: e.origin.as_deref().map(clean).unwrap_or_default(),
                sentence: clean(&e.sentence),
                cues: e
                    .cues
                    .iter()
                    .map(|c| clean(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
    }
}

fn matrix(s: &StoryView, names: &Names) -> Option<Matrix> {
    if s.claims.len() < 2 || s.documents.is_empty() || s.documents.len() > MATRIX_MAX_DOCS {
        return None;
    }
    let columns = s.documents.iter().map(|doc| names.of(&doc.id)).collect();
    let rows = s
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| MatrixRow {
            rank: i + 1,
            text: truncate(&clean(&c.text), 80),
            full: clean(&c.text),
            status_class: c.status.as_str(),
            cells: s
                .documents
                .iter()
                .map(|doc| {
                    let taken: Vec<_> = view::STANCES
                        .into_iter()
                        .filter(|&st| {
                            c.stances.iter().any(|x| x.doc == doc.id && x.stance == st)
                                || (c.stances.is_empty()
                                    && c.evidence.iter().any(|e| e.doc == doc.id && e.stance == st))
                        })
                        .collect();
                    Cell {
                        class: taken.first().map_or("none", |st| st.as_str()),
                        symbols: taken.iter().map(|&st| stance_symbol(st)).collect(),
                        title: taken
                            .iter()
                            .map(|&st| stance_label(st))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                })
                .collect(),
        })
        .collect();
    Some(Matrix { columns, rows })
}

fn quantity(q: &QuantityGroup, names: &Names) -> QtyHtml {
    let spans: Vec<Option<(f64, f64)>> = q.values.iter().map(value_span).collect();
    let lo = spans.iter().flatten().map(|s| s.0).fold(0.0_f64, f64::min);
    let hi = spans
        .iter()
        .flatten()
        .map(|s| s.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let range = hi - lo;
    let scaled = range.is_finite() && range > 0.0;
    let pos = |x: f64| (x - lo) / range * BAR_W;
    let rows = q
        .values
        .iter()
        .zip(&spans)
        .map(|(v, span)| {
            let bar = span.filter(|_| scaled).map(|(a, b)| {
                let point = b - a <= range * 0.005;
                let x = pos(a);
                Bar {
                    label: if point {
                        fmt_num(a)
                    } else {
                        format!("{} to {}", fmt_num(a), fmt_num(b))
                    },
                    point,
                    x: format!("{:.1}", if point { pos((a + b) / 2.0) } else { x }),
                    w: format!("{:.1}", (pos(b) - x).max(2.0)),
                }
            });
            QtyRow {
                value: value_display(v),
                qualifier: clean(v.qualifier.as_deref().unwrap_or("")),
                written: clean(&v.text),
                origin: v.origin.as_deref().map(clean).unwrap_or_default(),
                source: names.of(&v.doc),
                sentence: clean(&v.sentence),
                bar,
            }
        })
        .collect();
    let what = clean(&q.text);
    let unit = clean(&q.unit);
    QtyHtml {
        unit: if unit == what { String::new() } else { unit },
        what,
        disagree: q.disagree,
        scale: if scaled {
            format!("{} – {}", fmt_num(lo), fmt_num(hi))
        } else {
            String::new()
        },
        rows,
    }
}
