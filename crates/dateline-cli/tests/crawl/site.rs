//! The fake news web the crawler is tested on: five hosts on one loopback
//! port, each with a way of being found and a way of misbehaving.
//!
//! - [`A`]: robots.txt with a `DatelineBot` group (wildcards, Crawl-delay)
//!   below a `*` group that forbids everything; a home page announcing an
//!   RSS and an Atom feed; a sitemap index (named in robots.txt) of a news
//!   sitemap, a gzipped sitemap, an extensionless one and a nested index.
//!   Some listed URLs are disallowed.
//! - [`B`]: feeds given directly: a JSON feed (with an item on a host that
//!   resolves to loopback, not given), an RSS feed with stray `&` and an
//!   item with only a GUID, and a feed whose validators lie. Articles
//!   behind a redirect, a 429 and a 503 with Retry-After.
//! - [`C`]: neither feed nor sitemap: found by its links.
//! - [`D`]: robots.txt answers 503: not crawled.
//! - [`INTRANET`]: reachable, but only through a page's link.

use crate::pages::{self, FeedKind, Item};
use crate::web::{FakeWeb, Response};

/// Robots, feeds and sitemaps host.
pub const A: &str = "news-a.test";
/// Feeds host.
pub const B: &str = "news-b.test";
/// Links-only host.
pub const C: &str = "news-c.test";
/// Robots.txt 503 host.
pub const D: &str = "down.test";
/// A host only a feed item points to.
pub const INTRANET: &str = "intranet.test";

/// A's Crawl-delay, seconds.
pub const A_DELAY: f64 = 0.3;
/// The `--delay` the tests crawl with, seconds.
pub const DELAY: f64 = 0.2;

/// Articles of each host, by number.
pub const A_ARTICLES: std::ops::Range<u64> = 0..13;
pub const B_ARTICLES: std::ops::Range<u64> = 0..7;
pub const C_ARTICLES: std::ops::Range<u64> = 0..4;

/// The fake news web, served.
pub struct Site {
    pub web: FakeWeb,
    /// A's articles in its RSS feed (grows with [`Site::publish`]).
    a_feed: std::sync::Mutex<Vec<u64>>,
}

impl Site {
    pub fn new() -> Site {
        let site = Site {
            web: FakeWeb::start(),
            a_feed: std::sync::Mutex::new((0..6).collect()),
        };
        site.host_a();
        site.host_b();
        site.host_c();
        site.web
            .set(D, "/robots.txt", Response::status(503).retry_after("3600"));
        site.web
            .set(D, "/", Response::html(pages::front_page(D, &[], &[])));
        site.web
            .set(INTRANET, "/x", Response::html(pages::article(INTRANET, 0)));
        site
    }

    pub fn url(&self, host: &str, path: &str) -> String {
        self.web.url(host, path)
    }

    /// `--resolve` for every host.
    pub fn resolve_args(&self) -> Vec<String> {
        [A, B, C, D, INTRANET]
            .iter()
            .flat_map(|host| ["--resolve".to_string(), self.web.resolve(host)])
            .collect()
    }

    /// The sources of a full crawl.
    pub fn sources(&self) -> Vec<String> {
        vec![
            self.url(A, "/"),
            self.url(B, "/feed.json"),
            self.url(B, "/broken.xml"),
            self.url(B, "/lying.xml"),
            self.url(C, "/"),
            self.url(D, "/"),
        ]
    }

    /// Every article path a crawl must fetch, by host.
    pub fn articles(&self) -> Vec<(&'static str, String)> {
        let mut all = Vec::new();
        all.extend(A_ARTICLES.map(|n| (A, pages::article_path(A, n))));
        all.extend(B_ARTICLES.map(|n| (B, pages::article_path(B, n))));
        all.extend(C_ARTICLES.map(|n| (C, pages::article_path(C, n))));
        all
    }

    /// Paths no request may ask for.
    pub fn disallowed(&self) -> Vec<(&'static str, String)> {
        vec![
            (A, "/private/secret".to_string()),
            (A, format!("{}?print=1", pages::article_path(A, 3))),
        ]
    }

    fn host_a(&self) {
        let web = &self.web;
        web.set(
            A,
            "/robots.txt",
            Response::text(format!(
                "User-agent: *\nDisallow: /\n\n\
                 User-agent: DatelineBot\nDisallow: /private/\nDisallow: /*?print=1\nCrawl-delay: {A_DELAY}\n\n\
                 Sitemap: {}\n",
                self.url(A, "/sitemap_index.xml")
            )),
        );
        let links: Vec<String> = A_ARTICLES.map(|n| pages::article_path(A, n)).collect();
        web.set(
            A,
            "/",
            Response::html(pages::front_page(
                A,
                &links,
                &[
                    (FeedKind::Rss, "/feed.xml".into()),
                    (FeedKind::Atom, "/atom.xml".into()),
                ],
            ))
            .etag("\"home-1\""),
        );
        self.serve_a_feed();
        web.set(
            A,
            "/atom.xml",
            Response::xml(pages::atom(&items(self, A, 4..9)))
                .last_modified("Mon, 01 Jan 2024 00:00:00 GMT"),
        );
        let url = |path: &str| self.url(A, path);
        web.set(
            A,
            "/sitemap_index.xml",
            Response::xml(pages::sitemap_index(&[
                (url("/sitemaps/news.xml"), None),
                (url("/sitemaps/2024.xml.gz"), Some("2024-01-05".into())),
                (url("/sitemaps/extensionless"), None),
                (url("/sitemaps/more-index.xml"), None),
            ]))
            .etag("\"index-1\""),
        );
        let news: Vec<(String, String)> = [8, 9]
            .iter()
            .map(|&n| (url(&pages::article_path(A, n)), pages::article_published(n)))
            .collect();
        web.set(
            A,
            "/sitemaps/news.xml",
            Response::xml(pages::news_sitemap(&news)).etag("\"news-1\""),
        );
        let mut year: Vec<(String, Option<String>)> = (0..12)
            .map(|n| {
                (
                    url(&pages::article_path(A, n)),
                    Some(pages::article_published(n)),
                )
            })
            .collect();
        year.push((url("/private/secret"), None));
        year.push((url(&format!("{}?print=1", pages::article_path(A, 3))), None));
        web.set(
            A,
            "/sitemaps/2024.xml.gz",
            Response::ok(
                "application/x-gzip",
                pages::gzip(pages::sitemap(&year).as_bytes()),
            )
            .etag("\"year-1\""),
        );
        web.set(
            A,
            "/sitemaps/extensionless",
            Response::xml(pages::sitemap(&[
                (url(&pages::article_path(A, 10)), None),
                (url(&pages::article_path(A, 11)), None),
            ]))
            .last_modified("Mon, 01 Jan 2024 00:00:00 GMT"),
        );
        web.set(
            A,
            "/sitemaps/more-index.xml",
            Response::xml(pages::sitemap_index(&[(url("/sitemaps/more.xml"), None)]))
                .etag("\"more-index-1\""),
        );
        web.set(
            A,
            "/sitemaps/more.xml",
            Response::xml(pages::sitemap(&[(url(&pages::article_path(A, 12)), None)]))
                .etag("\"more-1\""),
        );
        for n in A_ARTICLES {
            web.set(
                A,
                &pages::article_path(A, n),
                Response::html(pages::article(A, n)),
            );
        }
        web.set(A, "/private/secret", Response::html(pages::article(A, 99)));
        web.set(
            A,
            &format!("{}?print=1", pages::article_path(A, 3)),
            Response::html(pages::article(A, 3)),
        );
    }

    fn serve_a_feed(&self) {
        let listed = self.a_feed.lock().unwrap().clone();
        let items: Vec<Item> = listed.iter().map(|&n| item(self, A, n)).collect();
        let etag = format!("\"feed-{}\"", listed.len());
        self.web.set(
            A,
            "/feed.xml",
            Response::xml(pages::rss(&items)).etag(&etag),
        );
    }

    /// Publishes article `n` on A: served, and first in A's RSS feed (whose
    /// ETag changes).
    pub fn publish(&self, n: u64) {
        self.web.set(
            A,
            &pages::article_path(A, n),
            Response::html(pages::article(A, n)),
        );
        self.a_feed.lock().unwrap().insert(0, n);
        self.serve_a_feed();
    }

    fn host_b(&self) {
        let web = &self.web;
        web.set(
            B,
            "/robots.txt",
            Response::text("User-agent: *\nAllow: /\n"),
        );
        let mut json_items = items(self, B, 0..3);
        json_items[1].url = self.url(B, "/old/b1");
        json_items.push(Item::new(
            &self.web.url(INTRANET, "/x"),
            "Inside job",
            &pages::article_published(1),
        ));
        web.set(
            B,
            "/feed.json",
            Response::json(pages::json_feed(&json_items)).etag("\"json-1\""),
        );
        // A stray `&` in a title and a GUID-only item: feed-rs refuses it.
        let mut broken = items(self, B, 3..6);
        broken.push(item(self, B, 6).guid_only());
        let xml = pages::rss(&broken).replacen(
            "<title>Latest news</title>",
            "<title>News & views</title>",
            1,
        );
        web.set(
            B,
            "/broken.xml",
            Response::xml(xml).last_modified("Mon, 01 Jan 2024 00:00:00 GMT"),
        );
        web.set(
            B,
            "/lying.xml",
            Response::xml(pages::rss(&items(self, B, 0..2))).lying_validators(),
        );
        for n in B_ARTICLES {
            web.set(
                B,
                &pages::article_path(B, n),
                Response::html(pages::article(B, n)),
            );
        }
        web.set(
            B,
            "/old/b1",
            Response::redirect(301, &pages::article_path(B, 1)),
        );
        let article = |n| Response::html(pages::article(B, n));
        web.set_sequence(
            B,
            &pages::article_path(B, 2),
            vec![Response::status(429).retry_after("1"), article(2)],
        );
        web.set_sequence(
            B,
            &pages::article_path(B, 3),
            vec![Response::status(503).retry_after("1"), article(3)],
        );
    }

    fn host_c(&self) {
        let web = &self.web;
        let home_links = vec![
            "/section/local".to_string(),
            pages::article_path(C, 0),
            pages::article_path(C, 1),
        ];
        web.set(
            C,
            "/",
            Response::html(pages::front_page(C, &home_links, &[])).etag("\"c-home-1\""),
        );
        let section_links: Vec<String> = (2..4).map(|n| pages::article_path(C, n)).collect();
        for path in pages::BOILERPLATE_PATHS {
            let links = if *path == "/section/local" {
                &section_links[..]
            } else {
                &[]
            };
            web.set(C, path, Response::html(pages::front_page(C, links, &[])));
        }
        for n in C_ARTICLES {
            web.set(
                C,
                &pages::article_path(C, n),
                Response::html(pages::article(C, n)),
            );
        }
    }
}

fn item(site: &Site, host: &str, n: u64) -> Item {
    Item::new(
        &site.url(host, &pages::article_path(host, n)),
        &pages::article_title(host, n),
        &pages::article_published(n),
    )
}

fn items(site: &Site, host: &str, range: std::ops::Range<u64>) -> Vec<Item> {
    range.map(|n| item(site, host, n)).collect()
}
