//! The terminal form: a short summary per story (top claims, numbers that
//! disagree, key quotes, sources at a glance), wrapped to a width and
//! optionally styled with ANSI colours.
//!
//! Wrapping uses `textwrap` (Unicode-width aware, skips ANSI sequences when
//! measuring); styles come from `anstyle`. Article text goes through
//! [`clean`] first, so no control character (ESC included) from an article
//! reaches the terminal.

use anstyle::{AnsiColor, Style};
use crosscheck_model::{ClaimGroup, ClaimStatus, Dossier, Stance};
use textwrap::{Options, core::display_width};

use crate::view::{self, Names, StoryView, clean, fmt_pct, legend_pairs, stance_symbol, truncate};

/// Narrower widths are raised to this.
const MIN_WIDTH: usize = 20;
/// Below this width the source profiles are listed instead of tabulated.
const TABLE_WIDTH: usize = 60;
const TOP_CLAIMS: usize = 10;
const KEY_QUOTES: usize = 5;
const MAX_LISTED: usize = 12;
/// Disagreeing quantity groups shown per story, and values shown per group.
const MAX_GROUPS: usize = 5;
const MAX_VALUES: usize = 8;

struct Term {
    color: bool,
    width: usize,
    out: String,
}

impl Term {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Wraps `text` (already cleaned and possibly styled) with the given
    /// indents and appends it.
    fn para(&mut self, text: &str, first: &str, rest: &str) {
        let opts = Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest);
        for line in textwrap::wrap(text, opts) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    /// A line that must not wrap (table rows): cut to the width.
    fn row(&mut self, line: &str) {
        self.out.push_str(&fit(line, self.width));
        self.out.push('\n');
    }

    fn heading(&mut self, text: &str) {
        self.blank();
        let t = self.paint(Style::new().bold().underline(), text);
        self.para(&t, "", "");
    }
}

/// `line` (plain text) cut to `width` display columns, an ellipsis marking the cut.
fn fit(line: &str, width: usize) -> String {
    if display_width(line) <= width {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut buf = [0u8; 4];
    for c in line.chars() {
        let w = display_width(c.encode_utf8(&mut buf));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

fn status_style(s: ClaimStatus) -> Style {
    let color = match s {
        ClaimStatus::Corroborated => AnsiColor::Green,
        ClaimStatus::SingleOrigin => AnsiColor::Blue,
        ClaimStatus::HedgedOnly => AnsiColor::Yellow,
        ClaimStatus::Contested => AnsiColor::Magenta,
        ClaimStatus::Denied => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn stance_style(s: Stance) -> Style {
    let color = match s {
        Stance::Asserts => AnsiColor::Green,
        Stance::Hedges => AnsiColor::Yellow,
        Stance::Denies => AnsiColor::Red,
        Stance::ReportsDenial => AnsiColor::Magenta,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn dim() -> Style {
    Style::new().dimmed()
}

/// `names` joined, at most [`MAX_LISTED`] of them, then "+N more".
fn listing(names: &[String]) -> String {
    let mut shown: Vec<&str> = names.iter().take(MAX_LISTED).map(String::as_str).collect();
    let more = names.len().saturating_sub(MAX_LISTED);
    let tail = format!("+{more} more");
    if more > 0 {
        shown.push(&tail);
    }
    shown.join(", ")
}

pub(crate) fn render(d: &Dossier, color: bool, width: usize) -> String {
    let mut t = Term {
        color,
        width: width.max(MIN_WIDTH),
        out: String::new(),
    };
    let names = Names::new(d);
    let stories = view::stories(d);
    if stories.is_empty() {
        t.para("No stories: the dossier is empty.", "", "");
        return t.out;
    }
    for (i, s) in stories.iter().enumerate() {
        story(&mut t, i + 1, stories.len(), s, &names);
    }
    t.blank();
    let legend: Vec<String> = legend_pairs()
        .zip(view::STANCES)
        .map(|((sym, label), st)| format!("{} {label}", t.paint(stance_style(st), sym)))
        .collect();
    let legend = format!("{} {}", t.paint(dim(), "Legend:"), legend.join("  "));
    t.para(&legend, "", "  ");
    t.out
}

fn story(t: &mut Term, n: usize, total: usize, s: &StoryView, names: &Names) {
    t.blank();
    let title = if total > 1 {
        format!("Story {n} of {total}: {}", s.title)
    } else {
        s.title.clone()
    };
    let rule = "═".repeat(t.width.min(72));
    let rule = t.paint(dim(), &rule);
    t.out.push_str(&rule);
    t.out.push('\n');
    let title = t.paint(Style::new().bold(), &title);
    t.para(&title, "", "");

    let docs: Vec<String> = s.documents.iter().map(|doc| names.of(&doc.id)).collect();
    if !docs.is_empty() {
        let label = if docs.len() == 1 {
            "1 document:".to_string()
        } else {
            format!("{} documents:", docs.len())
        };
        let line = format!("{} {}", t.paint(dim(), &label), listing(&docs));
        t.para(&line, "", "  ");
    }

    claims(t, s, names);
    numbers(t, s, names);
    quotes(t, s, names);
    sources(t, s);
}

fn claims(t: &mut Term, s: &StoryView, names: &Names) {
    if s.claims.is_empty() {
        return;
    }
    let shown = s.claims.len().min(TOP_CLAIMS);
    let heading = if shown < s.claims.len() {
        format!("Top claims ({shown} of {})", s.claims.len())
    } else {
        format!("Claims ({})", s.claims.len())
    };
    t.heading(&heading);
    for (i, c) in s.claims.iter().take(TOP_CLAIMS).enumerate() {
        claim(t, i + 1, c, names);
    }
}

fn claim(t: &mut Term, n: usize, c: &ClaimGroup, names: &Names) {
    let num = format!("{n:>2}. ");
    let pad = " ".repeat(num.len());
    let chip = format!("[{}]", c.status.label().to_uppercase());
    let head = format!(
        "{} {}",
        t.paint(status_style(c.status), &chip),
        t.paint(dim(), &clean(&c.status_line()))
    );
    t.para(&head, &num, &pad);
    t.para(&clean(&c.text), &pad, &pad);
    if !c.independent_origins.is_empty() {
        let origins: Vec<String> = c.independent_origins.iter().map(|o| clean(o)).collect();
        let line = format!("{} {}", t.paint(dim(), "origins:"), listing(&origins));
        t.para(&line, &pad, &format!("{pad}  "));
    }
    if !c.denied_by.is_empty() {
        let denied: Vec<String> = c.denied_by.iter().map(|o| clean(o)).collect();
        let label = t.paint(stance_style(Stance::Denies), "denied by:");
        let line = format!("{label} {}", listing(&denied));
        t.para(&line, &pad, &format!("{pad}  "));
    }
    let summary = view::stance_summary(c, names);
    if !summary.is_empty() {
        let parts: Vec<String> = summary
            .iter()
            .map(|(st, docs)| {
                format!(
                    "{} {}",
                    t.paint(stance_style(*st), stance_symbol(*st)),
                    listing(docs)
                )
            })
            .collect();
        t.para(&parts.join("   "), &pad, &format!("{pad}  "));
    }
}

fn numbers(t: &mut Term, s: &StoryView, names: &Names) {
    let disagree: Vec<_> = s.quantities.iter().filter(|q| q.disagree).collect();
    if disagree.is_empty() {
        if !s.quantities.is_empty() {
            t.blank();
            let n = s.quantities.len();
            let line = format!(
                "No disagreeing numbers ({n} quantity group{} checked).",
                if n == 1 { "" } else { "s" }
            );
            let line = t.paint(dim(), &line);
            t.para(&line, "", "");
        }
        return;
    }
    t.heading("Numbers that disagree");
    let more_groups = disagree.len().saturating_sub(MAX_GROUPS);
    for q in disagree.into_iter().take(MAX_GROUPS) {
        let what = clean(&q.text);
        let unit = clean(&q.unit);
        let label = if unit.is_empty() || unit == what {
            what
        } else {
            format!("{what} ({unit})")
        };
        let head = format!(
            "{} {label}",
            t.paint(
                Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold(),
                "⚠"
            )
        );
        t.para(&head, "  ", "    ");
        for v in q.values.iter().take(MAX_VALUES) {
            let mut written = clean(&v.text);
            if written.is_empty() {
                written = view::value_display(v);
            }
            let origin = v
                .origin
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "own voice".to_string());
            let who = t.paint(dim(), &format!("— {origin}, {}", names.of(&v.doc)));
            t.para(&format!("{written} {who}"), "    • ", "      ");
        }
        let more = q.values.len().saturating_sub(MAX_VALUES);
        if more > 0 {
            let line = t.paint(dim(), &format!("+{more} more values"));
            t.para(&line, "      ", "      ");
        }
    }
    if more_groups > 0 {
        let line = t.paint(dim(), &format!("+{more_groups} more disagreeing groups"));
        t.para(&line, "  ", "  ");
    }
}

fn quotes(t: &mut Term, s: &StoryView, names: &Names) {
    if s.quotes.is_empty() {
        return;
    }
    t.heading("Key quotes");
    let mut seen = std::collections::HashSet::new();
    for q in s
        .quotes
        .iter()
        .filter(|q| seen.insert((&q.speaker, &q.text)))
        .take(KEY_QUOTES)
    {
        let speaker = q
            .speaker
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "unnamed speaker".to_string());
        let who = format!(
            "— {}, {}",
            t.paint(Style::new().bold(), &speaker),
            names.of(&q.doc)
        );
        let text = format!("“{}” {who}", truncate(&clean(&q.text), 280));
        t.para(&text, "  ", "   ");
    }
}

fn sources(t: &mut Term, s: &StoryView) {
    if s.sources.is_empty() {
        return;
    }
    t.heading("Sources at a glance");
    let mut profiles = s.sources.clone();
    profiles.sort_by_key(|p| std::cmp::Reverse(p.documents.len()));
    let more = profiles.len().saturating_sub(MAX_LISTED);
    profiles.truncate(MAX_LISTED);
    if t.width >= TABLE_WIDTH {
        const NUMS: [&str; 6] = ["docs", "attrib", "hedged", "opinion", "corr", "unconf"];
        let fixed: usize = NUMS.iter().map(|h| h.len().max(5) + 2).sum();
        let name_w = t.width.saturating_sub(fixed + 2).clamp(8, 40);
        let mut header = format!("  {:<name_w$}", "outlet");
        for h in NUMS {
            header.push_str(&format!("  {h:>w$}", w = h.len().max(5)));
        }
        let header = fit(&header, t.width);
        let header = t.paint(dim(), &header);
        t.out.push_str(&header);
        t.out.push('\n');
        for p in &profiles {
            let name = fit(&clean(&p.name), name_w);
            let pad = name_w.saturating_sub(display_width(&name));
            let cells = [
                p.documents.len().to_string(),
                fmt_pct(p.attributed_share),
                fmt_pct(p.hedged_share),
                fmt_pct(p.opinion_share),
                p.corroborated_claims.to_string(),
                p.unconfirmed_claims.to_string(),
            ];
            let mut line = format!("  {name}{}", " ".repeat(pad));
            for (h, cell) in NUMS.iter().zip(cells) {
                line.push_str(&format!("  {cell:>w$}", w = h.len().max(5)));
            }
            t.row(&line);
        }
        let note = "attrib/hedged/opinion: shares of sentences; corr/unconf: claims also asserted elsewhere / carried only here";
        let note = t.paint(dim(), note);
        t.para(&note, "  ", "  ");
    } else {
        for p in &profiles {
            let line = format!(
                "{}: {} doc(s), {} attributed, {} hedged, {} opinion, {} corroborated / {} unconfirmed claims",
                clean(&p.name),
                p.documents.len(),
                fmt_pct(p.attributed_share),
                fmt_pct(p.hedged_share),
                fmt_pct(p.opinion_share),
                p.corroborated_claims,
                p.unconfirmed_claims
            );
            t.para(&line, "  ", "    ");
        }
    }
    if more > 0 {
        t.para(&format!("+{more} more outlets"), "  ", "  ");
    }
}
