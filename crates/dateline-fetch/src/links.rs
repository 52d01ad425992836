//! What an HTML page points to: the feeds it announces
//! (`<link rel="alternate" type="application/rss+xml">` and kin) and the
//! links a crawl may follow.

use dateline_html::{Document, Tag};
use url::Url;

/// Feeds and links of one page, absolute and in page order, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// Announced feeds.
    pub feeds: Vec<String>,
    /// `<a href>` links (http and https; fragments dropped), unless the
    /// page or the link says `nofollow`.
    pub links: Vec<String>,
}

/// Links beyond this on one page are ignored (a page of 100,000 links is
/// a trap, not a front page).
const MAX_LINKS: usize = 5_000;

const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
];

/// The feeds and links of `html`, resolved against `base` (or the page's
/// own `<base href>`).
pub fn page_links(html: &str, base: &Url) -> PageLinks {
    let doc = Document::parse(html);
    let base = doc
        .first(Tag::Base)
        .and_then(|b| b.attr("href"))
        .and_then(|href| base.join(href.trim()).ok())
        .unwrap_or_else(|| base.clone());
    let nofollow_page = doc.elements().any(|e| {
        e.tag() == Tag::Meta
            && e.attr("name")
                .is_some_and(|n| n.eq_ignore_ascii_case("robots"))
            && e.attr("content")
                .is_some_and(|c| c.to_ascii_lowercase().contains("nofollow"))
    });
    let mut found = PageLinks::default();
    for element in doc.elements() {
        match element.tag() {
            Tag::Link => {
                let rel = element.attr("rel").unwrap_or("").to_ascii_lowercase();
                let kind = element
                    .attr("type")
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "alternate")
                    && FEED_TYPES.contains(&kind.as_str())
                {
                    if let Some(url) = element.attr("href").and_then(|h| resolve(h, &base)) {
                        push(&mut found.feeds, url);
                    }
                }
            }
            Tag::A if !nofollow_page && found.links.len() < MAX_LINKS => {
                let nofollow = element
                    .attr("rel")
                    .is_some_and(|r| r.to_ascii_lowercase().contains("nofollow"));
                if let (false, Some(url)) = (
                    nofollow,
                    element.attr("href").and_then(|h| resolve(h, &base)),
                ) {
                    push(&mut found.links, url);
                }
            }
            _ => {}
        }
    }
    found
}

fn resolve(href: &str, base: &Url) -> Option<String> {
    let mut url = base.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    Some(url.into())
}

fn push(list: &mut Vec<String>, url: String) {
    if !list.contains(&url) {
        list.push(url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_and_links_resolved_once_each() {
        let html = r#"<html><head>
            <link rel="alternate" type="application/rss+xml" href="/feed.xml">
            <link rel="alternate stylesheet" type="text/css" href="/a.css">
            <link rel="Alternate" type="application/atom+xml" href="https://b.test/atom">
            </head><body>
            <a href="/news/1#comments">One</a> <a href="/news/1">Again</a>
            <a href="mailto:x@a.test">Mail</a> <a href="javascript:void(0)">JS</a>
            <a href="../up">Up</a> <a rel="nofollow" href="/login">Login</a>
            </body></html>"#;
        let base = Url::parse("https://a.test/section/").unwrap();
        let found = page_links(html, &base);
        assert_eq!(
            found.feeds,
            ["https://a.test/feed.xml", "https://b.test/atom"]
        );
        assert_eq!(found.links, ["https://a.test/news/1", "https://a.test/up"]);
    }

    #[test]
    fn base_href_and_page_nofollow() {
        let base = Url::parse("https://a.test/x/y").unwrap();
        let found = page_links(r#"<base href="https://c.test/d/"><a href="e">E</a>"#, &base);
        assert_eq!(found.links, ["https://c.test/d/e"]);
        let found = page_links(
            r#"<meta name="robots" content="noindex, nofollow"><a href="/e">E</a>"#,
            &base,
        );
        assert!(found.links.is_empty());
    }
}
