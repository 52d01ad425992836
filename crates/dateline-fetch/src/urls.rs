//! URLs in the frontier: their key (for pages, the canonical form
//! duplicate detection uses, tracking parameters dropped, so that a story
//! is fetched once however it is linked), their origin (the host
//! politeness is kept by).

use dateline_store::{NewUrl, UrlKind};
use url::Url;

/// The frontier key of a URL. Pages: their canonical form, with the port
/// kept (two servers on one host are two sites). Feeds and sitemaps: the
/// URL itself, fragment aside, since parameters the canonical form drops
/// (`?output=rss`) are what makes them feeds.
pub fn key(url: &Url, kind: UrlKind) -> String {
    let mut exact = url.clone();
    exact.set_fragment(None);
    if matches!(kind, UrlKind::Feed | UrlKind::Sitemap) {
        return exact.into();
    }
    let Some(canonical) = dateline_dedup::canonical_url(url.as_str()) else {
        return exact.into();
    };
    match url.port() {
        Some(port) => {
            let split = canonical.find(['/', '?']).unwrap_or(canonical.len());
            format!("{}:{port}{}", &canonical[..split], &canonical[split..])
        }
        None => canonical,
    }
}

/// `scheme://host[:port]`: one robots.txt and one queue each.
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// A source's document (the source's own URL, a feed or sitemap found
/// from it): keyed by its exact URL whatever its kind, so that a source
/// first fetched as an unknown page keeps one row once known as a feed.
pub fn document(url: &Url, kind: UrlKind, source_id: i64, hops: u32) -> NewUrl {
    NewUrl {
        key: key(url, UrlKind::Feed),
        ..new_url(url, kind, Some(source_id), 0, hops, None)
    }
}

/// A URL for the frontier.
pub fn new_url(
    url: &Url,
    kind: UrlKind,
    source_id: Option<i64>,
    depth: u32,
    hops: u32,
    lastmod: Option<String>,
) -> NewUrl {
    NewUrl {
        key: key(url, kind),
        url: url.to_string(),
        origin: origin(url),
        kind,
        source_id,
        depth,
        hops,
        lastmod,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_do_not_make_a_new_story() {
        let url = |u| Url::parse(u).unwrap();
        let a = key(
            &url("https://www.news.test/2019/12/raqqa?utm_source=feed#top"),
            UrlKind::Article,
        );
        let b = key(&url("http://news.test/2019/12/raqqa"), UrlKind::Article);
        assert_eq!(a, b);
        let other_port = key(
            &url("http://news.test:8081/2019/12/raqqa"),
            UrlKind::Article,
        );
        assert_eq!(other_port, "news.test:8081/2019/12/raqqa");
        let feed = key(&url("https://news.test/world?output=rss#x"), UrlKind::Feed);
        assert_eq!(feed, "https://news.test/world?output=rss");
        let url = Url::parse("http://news.test:8080/a").unwrap();
        assert_eq!(origin(&url), "http://news.test:8080");
        assert_eq!(
            new_url(&url, UrlKind::Article, None, 0, 0, None).origin,
            "http://news.test:8080"
        );
    }
}
