//! Loads a folder of pages into memory and extracts them in a loop; prints
//! `{pages, rounds, seconds, pages_per_sec, ...}` as JSON.

use dateline_bench::{options_for, pages};

const USAGE: &str =
    "dateline-throughput DIR_OR_FILES... [--urls URLS.json] [--min-seconds 3] [--min-rounds 1] [--warmup 1]";

fn main() {
    let args = pages::Args::parse(USAGE);
    pages::throughput(&args, options_for, |options, page| {
        dateline_extract::extract(&page.bytes, options).text.len()
    });
}
