//! Invariants every extracted article keeps, whatever the input.

use dateline_model::Article;

/// Panics when the article breaks the contract: empty blocks, `text` not
/// the blocks joined by blank lines, a blank title, a rejected page with no
/// reason.
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
    // A page that is not an article keeps its main content (its type
    // says what it is), and says why it is not one.
    if !article.is_article {
        assert!(
            article.reason.as_deref().is_some_and(|r| !r.trim().is_empty()),
            "rejected page without a reason"
        );
    }
}
