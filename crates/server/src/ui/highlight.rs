//! A document's text cut into segments, each marked with what covers it: a
//! sentence that carries a claim, a quotation, an entity mention.
//!
//! The text stays text: segments are escaped by the template like any other
//! value; only the class names (fixed words from here) and an entity's
//! canonical name (escaped, as a `title`) are added around them.

use crosscheck_core::Analysis;

/// A run of text with the same marks.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub text: String,
    /// Space-separated classes: `claim`, `quote`, `ent ent-person` …; empty when unmarked.
    pub class: String,
    /// The canonical name of the entity mentioned, when it differs from the text.
    pub title: Option<String>,
}

struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: Option<String>,
}

/// Cuts `text` at every boundary of a mark. Marks whose offsets do not fall
/// on character boundaries of `text` are dropped (a stale analysis must not
/// break a page).
pub(crate) fn segments(text: &str, analysis: Option<&Analysis>) -> Vec<Segment> {
    let mut marks = Vec::new();
    if let Some(a) = analysis {
        let claim_sentences: std::collections::HashSet<usize> =
            a.claims.iter().map(|c| c.sentence).collect();
        for s in &a.sentences {
            if claim_sentences.contains(&s.index) {
                marks.push(Mark {
                    start: s.start,
                    end: s.end,
                    class: "claim",
                    title: None,
                });
            }
        }
        for q in &a.quotes {
            marks.push(Mark {
                start: q.start,
                end: q.end,
                class: "quote",
                title: None,
            });
        }
        for m in &a.mentions {
            let class = match m.kind {
                crosscheck_core::EntityKind::Person => "ent ent-person",
                crosscheck_core::EntityKind::Org => "ent ent-org",
                crosscheck_core::EntityKind::Place => "ent ent-place",
                crosscheck_core::EntityKind::Group => "ent ent-group",
            };
            let title = (m.canonical != m.text).then(|| m.canonical.clone());
            marks.push(Mark {
                start: m.start,
                end: m.end,
                class,
                title,
            });
        }
    }
    marks.retain(|m| {
        m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end)
    });

    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let (start, end) = (*w.first()?, *w.get(1)?);
            let piece = text.get(start..end)?;
            let covering = marks.iter().filter(|m| m.start <= start && end <= m.end);
            let mut classes: Vec<&str> = Vec::new();
            let mut title = None;
            for m in covering {
                if !classes.contains(&m.class) {
                    classes.push(m.class);
                }
                if m.title.is_some() {
                    title.clone_from(&m.title);
                }
            }
            Some(Segment {
                text: piece.to_string(),
                class: classes.join(" "),
                title,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::{Document, analyze::analyze_document};

    #[test]
    fn segments_rebuild_the_text_and_mark_entities_and_quotes() {
        let text = "Officials said North Korea sent troops. \"We will respond,\" Zelensky said. <script>x</script>";
        let analysis = analyze_document(&Document::new("a.txt", text));
        let segs = segments(text, Some(&analysis));
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert!(
            segs.iter()
                .any(|s| s.text == "North Korea" && s.class.contains("ent-place")),
            "{segs:?}"
        );
        assert!(segs.iter().any(|s| s.class.contains("quote")), "{segs:?}");
        assert!(segs.iter().any(|s| s.class.contains("claim")), "{segs:?}");
    }

    #[test]
    fn offsets_off_character_boundaries_are_dropped() {
        let text = "Kyiv — Zelensky";
        let mut analysis = Analysis::default();
        analysis.quotes.push(crosscheck_core::Quote {
            sentence: 0,
            start: 6, // inside the dash
            end: 9,
            text: String::new(),
            speaker: None,
            verb: None,
            partial: false,
        });
        let segs = segments(text, Some(&analysis));
        assert_eq!(
            segs,
            vec![Segment {
                text: text.to_string(),
                class: String::new(),
                title: None
            }]
        );
    }
}
