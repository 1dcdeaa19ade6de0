//! crosscheck-render: presents a [`Dossier`] to people.
//!
//! Three forms, all organised per story (`Dossier::stories`):
//!
//! * [`markdown`]: the full dossier as Markdown (GitHub-flavoured tables),
//! * [`html`]: one self-contained HTML page (inline CSS, no script, no
//!   external assets; readable in light and dark mode),
//! * [`terminal`]: a short readable summary for a terminal, optionally in
//!   colour and wrapped to a width.
//!
//! Every string that comes from an article (sentences, titles, names, urls)
//! is untrusted: Markdown escapes its syntax characters, HTML escapes it (the
//! page also carries a restrictive Content-Security-Policy), and the terminal
//! form strips control characters so that no article can emit escape codes.
//!
//! Documents are named by their outlet (`DocumentOut::source`, else the
//! host of their web url, else the file stem of their path), never by their
//! hash id; when two documents share a name, their title (or a number) tells
//! them apart.

mod html;
mod markdown;
mod terminal;
mod view;

use crosscheck_model::Dossier;

/// The full dossier as Markdown: per story its documents, ranked claims with
/// status, independent origins, a per-source stance summary and the evidence
/// sentences, quantities side by side, key quotes, entities, source profiles
/// and the timeline.
pub fn markdown(d: &Dossier) -> String {
    markdown::render(d)
}

/// A self-contained HTML page (one file: inline CSS, inline SVG, no script,
/// no external assets) with the same content as [`markdown`]. Evidence sits
/// in `<details>` blocks; every piece of article text is HTML-escaped and
/// only `http`/`https` urls become links.
pub fn html(d: &Dossier) -> String {
    html::render(d)
}

/// The readable summary for a terminal: per story the top claims ranked
/// (status, number of independent origins, who asserts / hedges / denies /
/// reports a denial), the numbers that disagree, key quotes and the sources
/// at a glance. `color` adds ANSI styling; `width` (at least 20 columns is
/// used) wraps long lines so that no line is wider than it.
pub fn terminal(d: &Dossier, color: bool, width: usize) -> String {
    terminal::render(d, color, width)
}
