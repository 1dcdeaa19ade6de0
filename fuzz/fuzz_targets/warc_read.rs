//! Any bytes read as a WARC stream (plain or gzipped): every record ends as
//! a document or a skip with its offset, never a panic or a hang.
#![no_main]

use crosscheck_ingest::{Options, read_warc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options { max_bytes: 1 << 20 };
    let mut items = 0usize;
    read_warc(data, "fuzz", &opts, &mut |_| items += 1);
});
