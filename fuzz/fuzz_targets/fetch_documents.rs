//! What a crawl reads from the web, on arbitrary bytes: sitemaps, feeds
//! (feed-rs and the lenient reader), a page's feeds and links, robots.txt.
//! Never a panic; whatever comes out is well formed.
#![no_main]

use dateline_fetch::{feed, links, robots, sitemap};
use libfuzzer_sys::fuzz_target;
use url::Url;

fuzz_target!(|data: &[u8]| {
    let base = Url::parse("https://news.example/feeds/world.xml").expect("a valid base");
    let map = sitemap::parse(data);
    assert!(map.entries.iter().all(|e| !e.loc.is_empty()), "an entry without loc");
    if let Ok(found) = feed::parse(data, &base) {
        for item in &found.items {
            let url = Url::parse(&item.url).expect("items are absolute URLs");
            assert!(matches!(url.scheme(), "http" | "https"), "{}", item.url);
        }
    }
    let page = links::page_links(&String::from_utf8_lossy(data), &base);
    for link in page.links.iter().chain(&page.feeds) {
        assert!(link.starts_with("http://") || link.starts_with("https://"), "{link}");
        assert!(!link.contains('#'), "fragments are dropped: {link}");
    }
    let rules = robots::Robots::from_answer(200, data);
    let _ = rules.allowed("https://news.example/2019/12/09/story?x=1");
    assert!(rules.delay.is_none_or(|d| d.is_finite() && d >= 0.0));
});
