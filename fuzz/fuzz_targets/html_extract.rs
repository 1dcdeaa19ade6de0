//! Any bytes given to the HTML extractor: decoding, cleaning, readability
//! and metadata must return a page or a reason, never panic.
#![no_main]

use crosscheck_ingest::{PageContext, extract_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let context = PageContext {
        url: Some("https://example.com/2020/01/02/a".to_string()),
        ..PageContext::default()
    };
    if let Ok(page) = extract_bytes(data, &context) {
        assert!(!page.text.is_empty());
    }
});
