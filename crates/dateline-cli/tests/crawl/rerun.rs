//! Crawling again: nothing new means no article fetched and only
//! conditional requests; five new stories mean exactly five fetches; and
//! the WARC files give the same articles to a fresh store.

use crate::pages;
use crate::site::{Site, A, D};
use crate::{articles_from_warc, articles_of, crawl, store_dir};

#[test]
fn a_second_run_is_conditional_and_new_stories_are_fetched_once() {
    let site = Site::new();
    let store = store_dir();
    let (first, _) = crawl(&site, store.path(), &site.sources(), &[]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    // Again, with nothing new: the remembered sources, no article, robots.txt
    // trusted for a day, every feed and sitemap asked conditionally.
    site.web.clear_log();
    let (second, report) = crawl(&site, store.path(), &[], &[]);
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let log = site.web.log();
    let articles: Vec<String> = site.articles().into_iter().map(|(_, path)| path).collect();
    let fetched: Vec<String> = log
        .iter()
        .filter(|h| articles.contains(&h.path))
        .map(|h| format!("{}{} {}", h.host, h.path, h.status))
        .collect();
    assert!(fetched.is_empty(), "articles fetched again: {fetched:?}");
    assert!(
        log.iter().all(|h| h.path != "/robots.txt" || h.host == D),
        "robots.txt fetched again"
    );
    for hit in log.iter().filter(|h| is_document(&h.path)) {
        assert!(
            hit.if_none_match.is_some() || hit.if_modified_since.is_some(),
            "unconditional {}{}",
            hit.host,
            hit.path
        );
    }
    assert!(
        report["crawl"]["not_modified"].as_u64().unwrap() >= 5,
        "{report}"
    );
    assert_eq!(report["ingest"]["stored"], 0, "{report}");

    // Five new stories on A: exactly those five are fetched.
    for n in 20..25 {
        site.publish(n);
    }
    site.web.clear_log();
    let (third, report) = crawl(&site, store.path(), &[], &[]);
    assert_eq!(
        third.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    let log = site.web.log();
    let news: Vec<&str> = log
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .map(|h| h.path.as_str())
        .collect();
    let expected: Vec<String> = (20..25).map(|n| pages::article_path(A, n)).collect();
    assert_eq!(news.len(), 5, "{news:?}");
    assert!(
        expected.iter().all(|p| news.contains(&p.as_str())),
        "{news:?}"
    );
    assert_eq!(report["ingest"]["stored"], 5, "{report}");

    // The WARC files give a fresh store the same articles.
    let stored = articles_of(store.path());
    assert!(stored.len() > 20, "{} articles", stored.len());
    assert_eq!(stored, articles_from_warc(store.path()));
}

/// Feeds, sitemaps and home pages: what a crawl asks again.
fn is_document(path: &str) -> bool {
    path == "/" || path.contains("feed") || path.contains("sitemap") || path.ends_with(".xml")
}
