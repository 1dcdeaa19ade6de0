//! The Markdown form: the whole dossier, per story, in GitHub-flavoured
//! Markdown (tables for documents, stances, quantities, entities, sources).
//!
//! Article text is escaped with [`md`]: a hand-written escaper because no
//! well-kept crate escapes *inline* Markdown text (the Markdown crates parse
//! or render, they do not quote); it backslash-escapes the characters that
//! start inline syntax or raw HTML and the table separator `|`, and folds
//! newlines so no article text can open a block of its own.

use std::fmt::Write as _;

use crosscheck_model::{ClaimGroup, Dossier, QuantityGroup};

use crate::view::{
    self, Names, StoryView, clean, fmt_num, fmt_pct, legend_pairs, origins_phrase, stance_label,
    stance_symbol, truncate, value_display,
};

/// A source × claim matrix is drawn only up to this many documents (wider
/// tables are unreadable; the per-claim summaries carry the same facts).
const MATRIX_MAX_DOCS: usize = 12;

/// Untrusted text as inline Markdown (see the module doc).
pub(crate) fn md(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        let block_start = i == 0 && matches!(c, '-' | '+' | '=' | '>');
        if block_start
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    // A leading "12." or "3)" would start an ordered list.
    if let Some(pos) = out.find(['.', ')'])
        && pos > 0
        && out[..pos].bytes().all(|b| b.is_ascii_digit())
    {
        out.insert(pos, '\\');
    }
    out
}

/// A url as a Markdown autolink, when it is a web url; characters that
/// would end or split the link are percent-encoded.
fn md_link(url: &str) -> Option<String> {
    let url = view::safe_url(url)?;
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '|' => out.push_str("%7C"),
            '"' => out.push_str("%22"),
            '`' => out.push_str("%60"),
            '\\' => out.push_str("%5C"),
            _ => out.push(c),
        }
    }
    out.push('>');
    Some(out)
}

pub(crate) fn render(d: &Dossier) -> String {
    let names = Names::new(d);
    let stories = view::stories(d);
    let mut out = String::new();
    out.push_str("# Crosscheck dossier\n\n");
    let _ = writeln!(out, "{}\n", view::summary_line(d));
    let legend: Vec<String> = legend_pairs().map(|(s, l)| format!("{s} {l}")).collect();
    let _ = writeln!(out, "**Legend:** {}\n", legend.join(" · "));
    if stories.len() > 1 {
        for (i, s) in stories.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, md(&s.title));
        }
        out.push('\n');
    }
    for (i, s) in stories.iter().enumerate() {
        story(&mut out, i + 1, s, &names);
    }
    out
}

fn story(out: &mut String, n: usize, s: &StoryView, names: &Names) {
    let _ = writeln!(out, "---\n\n## Story {n}: {}\n", md(&s.title));
    if !s.id.is_empty() {
        let _ = writeln!(out, "Story id: `{}`\n", clean(&s.id).replace('`', "'"));
    }
    documents(out, s, names);
    claims(out, s, names);
    matrix(out, s, names);
    quantities(out, s, names);
    quotes(out, s, names);
    entities(out, s);
    sources(out, s);
    timeline(out, s, names);
}

fn documents(out: &mut String, s: &StoryView, names: &Names) {
    if s.documents.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Documents ({})\n", s.documents.len());
    out.push_str("| Source | Title | Published | Author | Link |\n|---|---|---|---|---|\n");
    for doc in &s.documents {
        let mut title = md(doc.title.as_deref().unwrap_or(""));
        if let Some(orig) = &doc.duplicate_of {
            let _ = write!(title, " *(copy of {})*", md(&names.of(orig)));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&names.of(&doc.id)),
            title,
            md(doc.published.as_deref().unwrap_or("")),
            md(doc.author.as_deref().unwrap_or("")),
            doc.url.as_deref().and_then(md_link).unwrap_or_default()
        );
    }
    out.push('\n');
}

fn claims(out: &mut String, s: &StoryView, names: &Names) {
    if s.claims.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Claims ({}, ranked)\n", s.claims.len());
    status_legend(out, s);
    for (i, c) in s.claims.iter().enumerate() {
        claim(out, i + 1, c, names);
    }
}

/// What each status shown in the story means, once before its claims.
fn status_legend(out: &mut String, s: &StoryView) {
    let mut shown: Vec<crosscheck_model::ClaimStatus> = s.claims.iter().map(|c| c.status).collect();
    shown.sort_by_key(|st| st.as_str());
    shown.dedup();
    if shown.is_empty() {
        return;
    }
    for st in shown {
        let _ = writeln!(out, "- `{}`: {}", st.label(), st.definition());
    }
    out.push_str(
        "- an *origin* is whom an article credits for the claim, else the outlet (copies count \
         once); *denied by* lists parties an article reports denying it and outlets rejecting it \
         in their own voice\n\n",
    );
}

fn claim(out: &mut String, n: usize, c: &ClaimGroup, names: &Names) {
    let _ = writeln!(out, "#### {n}. {}\n", md(&c.text));
    let origins: Vec<String> = c.independent_origins.iter().map(|o| md(o)).collect();
    let _ = write!(
        out,
        "`{}` · {}",
        c.status.label(),
        origins_phrase(c.independent_origins.len())
    );
    if !origins.is_empty() {
        let _ = write!(out, ": {}", origins.join(", "));
    }
    if !c.denied_by.is_empty() {
        let denied: Vec<String> = c.denied_by.iter().map(|o| md(o)).collect();
        let _ = write!(out, " · denied by: {}", denied.join(", "));
    }
    let _ = write!(out, "\n\n*{}*", md(&c.status_line()));
    out.push_str("\n\n");

    let summary = view::stance_summary(c, names);
    if !summary.is_empty() {
        out.push_str("| Stance | Sources |\n|---|---|\n");
        for (stance, docs) in &summary {
            let docs: Vec<String> = docs.iter().map(|d| md(d)).collect();
            let _ = writeln!(
                out,
                "| {} {} | {} |",
                stance_symbol(*stance),
                stance_label(*stance),
                docs.join(", ")
            );
        }
        out.push('\n');
    }
    if !c.evidence.is_empty() {
        out.push_str("Evidence:\n\n");
        for e in &c.evidence {
            let origin = e
                .origin
                .as_deref()
                .map_or_else(|| "own voice".to_string(), md);
            let _ = write!(
                out,
                "- {} {} · **{}** · origin: {} — “{}”",
                stance_symbol(e.stance),
                stance_label(e.stance),
                md(&names.of(&e.doc)),
                origin,
                md(&e.sentence)
            );
            if !e.cues.is_empty() {
                let cues: Vec<String> = e.cues.iter().map(|c| md(c)).collect();
                let _ = write!(out, " *(cues: {})*", cues.join(", "));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// The source × claim view: one row per claim, one column per document.
fn matrix(out: &mut String, s: &StoryView, names: &Names) {
    if s.claims.len() < 2 || s.documents.is_empty() || s.documents.len() > MATRIX_MAX_DOCS {
        return;
    }
    out.push_str("### Source × claim\n\n| Claim |");
    for doc in &s.documents {
        let _ = write!(out, " {} |", md(&names.of(&doc.id)));
    }
    out.push_str("\n|---|");
    out.push_str(&":---:|".repeat(s.documents.len()));
    out.push('\n');
    for (i, c) in s.claims.iter().enumerate() {
        let _ = write!(out, "| {}. {} |", i + 1, md(&truncate(&clean(&c.text), 70)));
        for doc in &s.documents {
            let mut cell = String::new();
            for st in view::STANCES {
                let takes = c.stances.iter().any(|x| x.doc == doc.id && x.stance == st)
                    || (c.stances.is_empty()
                        && c.evidence.iter().any(|e| e.doc == doc.id && e.stance == st));
                if takes {
                    cell.push_str(stance_symbol(st));
                }
            }
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn quantities(out: &mut String, s: &StoryView, names: &Names) {
    if s.quantities.is_empty() {
        return;
    }
    out.push_str("### Numbers\n\n");
    for q in &s.quantities {
        quantity(out, q, names);
    }
}

fn quantity(out: &mut String, q: &QuantityGroup, names: &Names) {
    let _ = write!(out, "#### {}", md(&q.text));
    if !q.unit.trim().is_empty() && clean(&q.unit) != clean(&q.text) {
        let _ = write!(out, " ({})", md(&q.unit));
    }
    if q.disagree {
        out.push_str(" — ⚠ values disagree");
    }
    out.push_str(
        "\n\n| Value | Qualifier | As written | Origin | Source |\n|---:|---|---|---|---|\n",
    );
    for v in &q.values {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&value_display(v)),
            md(v.qualifier.as_deref().unwrap_or("")),
            md(&v.text),
            md(v.origin.as_deref().unwrap_or("own voice")),
            md(&names.of(&v.doc))
        );
    }
    out.push('\n');
}

fn quotes(out: &mut String, s: &StoryView, names: &Names) {
    if s.quotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Quotes ({})\n", s.quotes.len());
    for q in &s.quotes {
        let speaker = q.speaker.as_deref().map_or_else(
            || "unnamed speaker".to_string(),
            |sp| format!("**{}**", md(sp)),
        );
        let _ = write!(
            out,
            "- “{}” — {speaker} ({})",
            md(&q.text),
            md(&names.of(&q.doc))
        );
        if q.partial {
            out.push_str(" *(partial)*");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn entities(out: &mut String, s: &StoryView) {
    if s.entities.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Entities ({})\n", s.entities.len());
    out.push_str("| Entity | Type | Aliases | Documents | Mentions |\n|---|---|---|---:|---:|\n");
    for e in &s.entities {
        let aliases: Vec<String> = e.aliases.iter().map(|a| md(a)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&e.name),
            crate::view::entity_kind(e.kind),
            aliases.join(", "),
            e.docs.len(),
            e.mentions
        );
    }
    out.push('\n');
}

fn sources(out: &mut String, s: &StoryView) {
    if s.sources.is_empty() {
        return;
    }
    out.push_str("### Sources\n\n");
    out.push_str(
        "| Outlet | Docs | Sentences | Attributed | Hedged | Opinion | First person | Boilerplate | Corroborated claims | Unconfirmed claims | Cites |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for p in &s.sources {
        let cited: Vec<String> = p.cited_sources.iter().map(|c| md(c)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&p.name),
            p.documents.len(),
            fmt_num(p.sentences as f64),
            fmt_pct(p.attributed_share),
            fmt_pct(p.hedged_share),
            fmt_pct(p.opinion_share),
            fmt_pct(p.first_person_share),
            fmt_pct(p.boilerplate_share),
            p.corroborated_claims,
            p.unconfirmed_claims,
            cited.join(", ")
        );
    }
    out.push_str("\nShares are of each outlet's analysed sentences across all its documents.\n\n");
}

fn timeline(out: &mut String, s: &StoryView, names: &Names) {
    if s.timeline.is_empty() {
        return;
    }
    out.push_str("### Timeline\n\n");
    for t in &s.timeline {
        let _ = write!(
            out,
            "- **{}** — {} ({})",
            md(&t.date),
            md(&t.text),
            md(&names.of(&t.doc))
        );
        let sentence = clean(&t.sentence);
        if !sentence.is_empty() && sentence != clean(&t.text) {
            let _ = write!(out, ": “{}”", md(&sentence));
        }
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_syntax_and_pipes() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(
            md("*bold* [link](javascript:x)"),
            "\\*bold\\* \\[link\\](javascript:x)"
        );
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(md("2024. A year"), "2024\\. A year");
        assert_eq!(md("line one\n\n# heading"), "line one \\# heading");
    }

    #[test]
    fn only_web_urls_become_autolinks() {
        assert_eq!(
            md_link("https://x.org/a|b"),
            Some("<https://x.org/a%7Cb>".to_string())
        );
        assert_eq!(md_link("javascript:alert(1)"), None);
    }
}
