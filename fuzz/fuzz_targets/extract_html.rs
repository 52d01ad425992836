//! Arbitrary bytes as an HTML page through the whole extraction pipeline
//! (decode, parse, boilerplate removal, content selection).
#![no_main]

mod common;

use dateline_extract::{extract, InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = extract(data, &Options::default().input(InputKind::Html));
    common::check_article(&article);
});
