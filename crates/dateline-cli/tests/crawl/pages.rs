//! Deterministic content for the fake web: news articles and front pages
//! here; feeds, sitemaps and gzip in the submodules, re-exported.
//!
//! `site` is the host name (`news-a.test`); the page shows it as a site
//! name (`News A`). The same `(site, n)` always gives the same article,
//! and different `n` give articles an extractor keeps apart: distinct
//! headlines, lead sentences and sentence mixes, each well over 300 words.
//!
//! Boilerplate links (section navigation, footer) point at
//! [`BOILERPLATE_PATHS`], which a test may serve or leave to 404.

mod dates;
mod feeds;
mod gzip;
mod prose;
mod sitemaps;

pub use dates::{http_date, rfc2822};
pub use feeds::{atom, json_feed, rss, rss_with_ttl, FeedKind, Item};
pub use gzip::{gzip, gzip_bomb};
pub use sitemaps::{news_sitemap, sitemap, sitemap_index, text_sitemap};

use prose::{fill, Rng, PLACES, REPORTERS, SENTENCES, STORIES};

/// Section and footer links on every page, relative to the site.
pub const BOILERPLATE_PATHS: &[&str] = &[
    "/section/local",
    "/section/business",
    "/section/sport",
    "/section/culture",
    "/about",
    "/contact",
    "/privacy",
];

/// A paragraph grows sentence by sentence until it has this many words
/// (sentences are at most 25 words, so it stays under 80).
const PARAGRAPH_WORDS: usize = 55;

/// Everything one article says, before markup.
struct Story {
    headline: String,
    reporter: &'static str,
    published: String,
    paragraphs: Vec<String>,
}

impl Story {
    fn new(site: &str, n: u64) -> Story {
        let mut rng = Rng::new(site, n);
        let (headline, lead) = STORIES[n as usize % STORIES.len()];
        let place = PLACES[rng.below(PLACES.len())];
        let num = n + 2;
        let reporter = REPORTERS[rng.below(REPORTERS.len())];
        let count = 6 + rng.below(3);
        let mut sentences = rng
            .permutation(SENTENCES.len())
            .into_iter()
            .cycle()
            .map(|i| fill(SENTENCES[i], place, num));
        let mut paragraphs = Vec::with_capacity(count);
        let mut first = Some(fill(lead, place, num));
        for _ in 0..count {
            let mut paragraph = first.take().unwrap_or_default();
            while words(&paragraph) < PARAGRAPH_WORDS {
                let next = sentences.next().expect("the sentence cycle never ends");
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&next);
            }
            paragraphs.push(paragraph);
        }
        Story {
            headline: fill(headline, place, num),
            reporter,
            published: article_published(n),
            paragraphs,
        }
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The headline of article `n` of `site` (also its `<title>`, before the
/// site name): feed items can use it.
pub fn article_title(site: &str, n: u64) -> String {
    Story::new(site, n).headline
}

/// When article `n` was published, RFC 3339 in UTC: 2024-01-01 06:00
/// plus `n` times 7h13m, so later numbers are newer.
pub fn article_published(n: u64) -> String {
    let start = dates::days_from_civil(2024, 1, 1) * 24 * 60 + 6 * 60;
    dates::from_minutes(start + n as i64 * 433)
}

/// `/news/2024/01/01/{headline-slug}`: where a test would serve article
/// `n`, and the path its canonical link names.
pub fn article_path(site: &str, n: u64) -> String {
    let published = article_published(n);
    let date = published[..10].replace('-', "/");
    let slug: String = article_title(site, n)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("/news/{date}/{slug}")
}

/// Article `n` of `site`, its canonical link the relative
/// [`article_path`]: right when served there, on any port.
pub fn article(site: &str, n: u64) -> String {
    article_with_canonical(site, n, Some(&article_path(site, n)))
}

/// Article `n` of `site` with the given canonical link, or none.
pub fn article_with_canonical(site: &str, n: u64, canonical: Option<&str>) -> String {
    let story = Story::new(site, n);
    let name = site_name(site);
    let canonical = canonical
        .map(|href| format!("<link rel=\"canonical\" href=\"{}\">\n", escape(href)))
        .unwrap_or_default();
    let paragraphs: String = story
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{headline} | {name}</title>\n\
         <meta name=\"description\" content=\"{description}\">\n\
         <meta property=\"og:type\" content=\"article\">\n\
         <meta property=\"og:title\" content=\"{headline}\">\n\
         <meta property=\"article:published_time\" content=\"{published}\">\n\
         {canonical}</head>\n<body>\n{header}<main>\n<article>\n\
         <h1>{headline}</h1>\n<p class=\"byline\">By {reporter}</p>\n\
         <time datetime=\"{published}\">{human}</time>\n{paragraphs}</article>\n</main>\n{footer}</body>\n</html>\n",
        headline = escape(&story.headline),
        description = escape(&story.paragraphs[0]),
        published = story.published,
        reporter = story.reporter,
        human = dates::human(&story.published),
        header = header(&name),
        footer = footer(&name),
    )
}

/// A home page: header and sections, a list of links to `links` (as
/// given, relative or absolute), and one `<link rel="alternate">` per feed.
pub fn front_page(site: &str, links: &[String], feeds: &[(FeedKind, String)]) -> String {
    let name = site_name(site);
    let alternates: String = feeds
        .iter()
        .map(|(kind, href)| {
            format!(
                "<link rel=\"alternate\" type=\"{}\" title=\"{name}\" href=\"{}\">\n",
                kind.media_type(),
                escape(href)
            )
        })
        .collect();
    let items: String = links
        .iter()
        .map(|href| {
            format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(href),
                escape(&title_from_url(href))
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{name} - Latest news</title>\n\
         <meta name=\"description\" content=\"Local news from {name}\">\n{alternates}</head>\n\
         <body>\n{header}<main>\n<h1>Latest news</h1>\n<ul class=\"headlines\">\n{items}</ul>\n</main>\n{footer}</body>\n</html>\n",
        header = header(&name),
        footer = footer(&name),
    )
}

fn header(name: &str) -> String {
    let sections: String = BOILERPLATE_PATHS[..4]
        .iter()
        .map(|path| format!("<li><a href=\"{path}\">{}</a></li>", title_from_url(path)))
        .collect();
    format!("<header class=\"site-header\">\n<a class=\"logo\" href=\"/\">{name}</a>\n<nav class=\"sections\"><ul>{sections}</ul></nav>\n</header>\n")
}

fn footer(name: &str) -> String {
    let links: String = BOILERPLATE_PATHS[4..]
        .iter()
        .map(|path| format!(" <a href=\"{path}\">{}</a>", title_from_url(path)))
        .collect();
    format!("<footer class=\"site-footer\">\n<p>&copy; 2024 {name}. All rights reserved.</p>\n<nav>{links}</nav>\n</footer>\n")
}

/// `news-a.test` -> `News A`.
fn site_name(site: &str) -> String {
    let label = site.split('.').next().unwrap_or(site);
    label
        .split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `http://h/news/2024/03/05/storm-brings-down-7-trees` -> `Storm brings down 7 trees`.
fn title_from_url(url: &str) -> String {
    let last = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
    let last = last.split(['?', '#', '.']).next().unwrap_or("");
    let words = last.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Story".to_string(),
    }
}

/// Escapes text for HTML and XML, in content and in quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
