//! Arbitrary bytes as a plain-text dump (one visible text run per line).
#![no_main]

use dateline_extract::{extract, InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = extract(data, &Options::default().input(InputKind::Text));
    for (i, block) in article.body.iter().enumerate() {
        assert!(
            !block.text.trim().is_empty(),
            "body block {i} is empty: {block:?}"
        );
    }
    let joined = article
        .body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(
        article.text, joined,
        "text is not the body blocks joined by blank lines"
    );
});
