//! Arbitrary bytes as an HTML page through the whole extraction pipeline
//! (decode, parse, boilerplate removal, content selection).
#![no_main]

use dateline_extract::{extract, InputKind, Options};
use dateline_model::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = extract(data, &Options::default().input(InputKind::Html));
    check_article(&article);
});

fn check_article(article: &Article) {
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
    if let Some(title) = &article.title {
        assert!(!title.trim().is_empty(), "empty title");
    }
    if !article.is_article {
        assert!(
            article.body.is_empty() && article.text.is_empty(),
            "rejected page keeps a body"
        );
    }
}
