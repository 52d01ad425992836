//! Plain-text dump extraction (being written).

use dateline_model::Article;

/// Lines known to repeat across a site's pages (navigation, footers).
#[derive(Debug, Clone, Default)]
pub struct SiteProfile {}

/// Extracts an article from a plain-text dump.
pub fn extract_dump(_text: &str, _url: Option<&str>, _profile: Option<&SiteProfile>) -> Article {
    Article::default()
}
