//! WARC and JSONL readers on arbitrary bytes: never panic, always end, and
//! account for every record (read = yielded + bad + skipped).
#![no_main]

use std::io::Cursor;
use std::path::PathBuf;

use dateline_input::{JsonlReader, WarcReader};
use libfuzzer_sys::fuzz_target;

/// Readers must end; this bounds a reader stuck on the same input.
const MAX_ITEMS: usize = 100_000;

fuzz_target!(|data: &[u8]| {
    let mut warc = WarcReader::from_reader(PathBuf::from("fuzz.warc"), Cursor::new(data.to_vec()))
        .expect("a reader over memory opens");
    let items = warc.by_ref().take(MAX_ITEMS).count();
    assert!(items < MAX_ITEMS, "WARC reader did not end");
    let c = warc.counts();
    assert_eq!(c.read, c.yielded + c.bad + c.skipped_total(), "WARC counts add up");

    let mut jsonl = JsonlReader::from_reader(PathBuf::from("fuzz.jsonl"), Cursor::new(data.to_vec()))
        .expect("a reader over memory opens");
    let items = jsonl.by_ref().take(MAX_ITEMS).count();
    assert!(items < MAX_ITEMS, "JSONL reader did not end");
    let c = jsonl.counts();
    assert_eq!(c.read, c.yielded + c.bad + c.skipped_total(), "JSONL counts add up");
});
