//! Any text through the per-document analysis and the linker: an analysis
//! whose spans lie on the text's character boundaries, then a dossier of it
//! beside an ordinary article; never a panic. Run with `-timeout=2`, so a
//! slow input counts as a failure too.
#![no_main]

use crosscheck_core::{Document, analyze::analyze_document, link::Linker};
use libfuzzer_sys::fuzz_target;

/// An ordinary report for the fuzzed text to be linked with.
const OTHER: &str = "The port authority of Lede said on Monday that 12 ferries were held in \
harbour. \"We expect to reopen by Friday,\" said Anna Berg, a spokeswoman. Officials denied \
that the closure was linked to the strike.";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = Document::new("fuzz.txt", text.as_ref());
    doc.published = Some("2024-03-05".to_string());
    let analysis = analyze_document(&doc);
    for s in &analysis.sentences {
        assert!(text.get(s.start..s.end).is_some(), "sentence span {}..{}", s.start, s.end);
    }
    for q in &analysis.quotes {
        assert!(text.get(q.start..q.end).is_some(), "quote span {}..{}", q.start, q.end);
    }
    let other = Document::new("other.txt", OTHER);
    let mut linker = Linker::new();
    linker.add(&other, analyze_document(&other));
    linker.add(&doc, analysis);
    linker.dossier().expect("an in-memory linker reads its documents back");
});
