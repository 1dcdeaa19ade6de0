//! PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in
//! political news, each a source (who speaks), a cue (the reporting verb or
//! phrase) and a content, as brat standoff over the article text
//! (`../shared/data/polnear`, see its SOURCE.md; evaluation only, no
//! licence). There is no official scorer; this one scores spans by overlap:
//! a found cue counts when it overlaps a gold cue, a found source when it
//! overlaps the source of a gold relation whose cue the found cue overlaps.

use crate::EvalError;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// A span of the article text, in bytes.
pub type Span = (usize, usize);

/// One gold attribution relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// Who speaks (`None`: an attribution without a source).
    pub source: Option<Vec<Span>>,
    pub cue: Vec<Span>,
}

/// One article with its gold relations.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub relations: Vec<Relation>,
}

/// A relation a system found: the spans of its source and cue, where it
/// could place them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub source: Option<Span>,
    pub cue: Option<Span>,
}

/// Reads one split folder (`text/` and `attributions/`). An article that
/// several annotators labelled is read from its first annotation file.
pub fn read(dir: &Path) -> Result<Vec<Article>, EvalError> {
    let bad = |what: String| EvalError::Invalid(format!("{}: {what}", dir.display()));
    let mut files: Vec<_> = std::fs::read_dir(dir.join("attributions"))
        .map_err(|e| bad(format!("attributions/: {e}")))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut by_article: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for f in files {
        let stem = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let name = stem
            .rsplit_once('_')
            .map_or(stem.clone(), |(a, _)| a.to_string());
        by_article.entry(name).or_insert(f);
    }
    let mut out = Vec::new();
    for (name, ann) in by_article {
        let text_path = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .map_err(|e| bad(format!("{}: {e}", text_path.display())))?;
        let standoff =
            std::fs::read_to_string(&ann).map_err(|e| bad(format!("{}: {e}", ann.display())))?;
        let relations =
            parse(&text, &standoff).map_err(|e| bad(format!("{}: {e}", ann.display())))?;
        out.push(Article {
            name,
            text,
            relations,
        });
    }
    Ok(out)
}

/// The relations of one brat file; offsets (in characters) become byte
/// spans of `text`.
pub fn parse(text: &str, standoff: &str) -> Result<Vec<Relation>, String> {
    // Byte offset of every character index (and of the end).
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = |c: &str| -> Result<usize, String> {
        let c: usize = c.parse().map_err(|_| format!("bad offset {c:?}"))?;
        bytes
            .get(c)
            .copied()
            .ok_or_else(|| format!("offset {c} past the text"))
    };
    let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut events = Vec::new();
    for line in standoff.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else {
                return Err(format!("span line without offsets: {line:?}"));
            };
            let mut list = Vec::new();
            for part in offsets.split(';') {
                let (s, e) = part
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| format!("bad span {part:?}"))?;
                list.push((at(s)?, at(e)?));
            }
            spans.insert(id, list);
        } else if id.starts_with('E') {
            events.push(body.trim());
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut source = None;
        let mut cue = None;
        for arg in e.split_whitespace() {
            let Some((role, t)) = arg.split_once(':') else {
                continue;
            };
            let span = spans.get(t).cloned();
            match role {
                "Source" => source = span,
                "Cue" => cue = span,
                _ => {}
            }
        }
        if let Some(cue) = cue {
            out.push(Relation { source, cue });
        }
    }
    Ok(out)
}

fn overlaps(a: Span, list: &[Span]) -> bool {
    list.iter().any(|&(s, e)| a.0 < e && s < a.1)
}

/// Precision, recall and F1 of cues and of sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub gold_relations: usize,
    pub gold_sources: usize,
    pub found: usize,
    pub cues_right: usize,
    pub cues_found: usize,
    pub gold_cues_hit: usize,
    pub sources_right: usize,
    pub sources_found: usize,
    pub gold_sources_hit: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

impl Figures {
    /// Adds one article: its gold relations and what was found in it.
    pub fn add(&mut self, gold: &[Relation], found: &[Found]) {
        self.gold_relations += gold.len();
        self.gold_sources += gold.iter().filter(|g| g.source.is_some()).count();
        self.found += found.len();
        let mut cue_hit = vec![false; gold.len()];
        let mut source_hit = vec![false; gold.len()];
        for f in found {
            let Some(cue) = f.cue else { continue };
            self.cues_found += 1;
            let matching: Vec<usize> = (0..gold.len())
                .filter(|&i| overlaps(cue, &gold[i].cue))
                .collect();
            if !matching.is_empty() {
                self.cues_right += 1;
            }
            for &i in &matching {
                cue_hit[i] = true;
            }
            if let Some(src) = f.source {
                self.sources_found += 1;
                let right: Vec<usize> = matching
                    .iter()
                    .copied()
                    .filter(|&i| gold[i].source.as_deref().is_some_and(|s| overlaps(src, s)))
                    .collect();
                if !right.is_empty() {
                    self.sources_right += 1;
                }
                for i in right {
                    source_hit[i] = true;
                }
            }
        }
        self.gold_cues_hit += cue_hit.iter().filter(|&&h| h).count();
        self.gold_sources_hit += source_hit.iter().filter(|&&h| h).count();
    }

    /// (precision, recall, F1) of cues.
    pub fn cue(&self) -> (f64, f64, f64) {
        let p = self.cues_right as f64 / self.cues_found.max(1) as f64;
        let r = self.gold_cues_hit as f64 / self.gold_relations.max(1) as f64;
        (p, r, f1(p, r))
    }

    /// (precision, recall, F1) of sources, each with its cue.
    pub fn source(&self) -> (f64, f64, f64) {
        let p = self.sources_right as f64 / self.sources_found.max(1) as f64;
        let r = self.gold_sources_hit as f64 / self.gold_sources.max(1) as f64;
        (p, r, f1(p, r))
    }
}

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (cp, cr, cf) = self.cue();
        let (sp, sr, sf) = self.source();
        writeln!(
            f,
            "{} gold relations ({} with a source); {} found",
            self.gold_relations, self.gold_sources, self.found
        )?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "F1"
        )?;
        writeln!(f, "{:<8} {cp:>9.3} {cr:>9.3} {cf:>9.3}", "cue")?;
        write!(f, "{:<8} {sp:>9.3} {sr:>9.3} {sf:>9.3}", "source")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“We won,” the mayor said. Critics doubt it, Anna Berg wrote.";

    #[test]
    fn brat_offsets_in_characters_become_byte_spans() {
        // “ is one character and three bytes.
        let ann = "T1\tSource 10 19\tthe mayor\nT2\tCue 20 24\tsaid\nT3\tContent 0 9\t“We won,”\n\
                   T4\tAttribution 20 24\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 \n\
                   T5\tCue 55 60\twrote\nT6\tContent 26 42\tCritics doubt it\n\
                   E2\tAttribution:T5 Content:T6 Cue:T5\n";
        let rel = parse(TEXT, ann).expect("parsed");
        assert_eq!(rel.len(), 2);
        let (s, e) = rel[0].source.as_ref().unwrap()[0];
        assert_eq!(&TEXT[s..e], "the mayor");
        let (s, e) = rel[0].cue[0];
        assert_eq!(&TEXT[s..e], "said");
        assert!(rel[1].source.is_none());
        assert!(parse(TEXT, "T1\tCue 5 999\tx\n").is_err());
    }

    #[test]
    fn cues_and_sources_score_by_overlap() {
        let ann = "T1\tSource 10 19\tthe mayor\nT2\tCue 20 24\tsaid\nT3\tContent 0 9\tx\n\
                   E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let gold = parse(TEXT, ann).expect("parsed");
        let said = TEXT.find("said").unwrap();
        let mayor = TEXT.find("mayor").unwrap();
        let wrote = TEXT.find("wrote").unwrap();
        let mut fig = Figures::default();
        fig.add(
            &gold,
            &[
                Found {
                    source: Some((mayor, mayor + 5)),
                    cue: Some((said, said + 4)),
                },
                Found {
                    source: Some((0, 3)),
                    cue: Some((wrote, wrote + 5)),
                },
            ],
        );
        assert_eq!(fig.cue(), (0.5, 1.0, 2.0 / 3.0));
        assert_eq!(fig.source(), (0.5, 1.0, 2.0 / 3.0));
    }
}
