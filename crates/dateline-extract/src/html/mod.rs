//! HTML extraction (being written).

pub mod meta;
use dateline_model::Article;

/// Extracts an article from decoded HTML.
pub fn extract_html(_html: &str, _url: Option<&str>) -> Article {
    Article::default()
}
