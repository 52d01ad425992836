//! Invariants every extracted article keeps, whatever the input.

use dateline_model::Article;

/// Panics when the article breaks the contract: empty blocks, `text` not
/// the blocks joined by blank lines, a blank title, a rejected page with a body.
pub fn check_article(article: &Article) {
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
