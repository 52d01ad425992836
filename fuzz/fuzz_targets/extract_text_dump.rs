//! Arbitrary bytes as a plain-text dump (one visible text run per line).
#![no_main]

mod common;

use dateline_extract::{extract, InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = extract(data, &Options::default().input(InputKind::Text));
    common::check_article(&article);
});
