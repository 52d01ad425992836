//! The content builders checked: articles an extractor keeps apart and
//! judges articles, feeds and sitemaps that carry every entry.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;

use flate2::read::GzDecoder;

use crate::pages::{self, FeedKind, Item};

const SITE: &str = "news-a.test";

/// The text of an article's `<p>` paragraphs (the byline has a class, so
/// it is left out).
fn paragraphs(html: &str) -> Vec<String> {
    let start = html.find("<article>").expect("an <article>");
    let end = html.find("</article>").expect("a closed <article>");
    html[start..end]
        .split("<p>")
        .skip(1)
        .map(|rest| rest.split("</p>").next().unwrap_or("").to_string())
        .collect()
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).map(|i| i + open.len()).expect(open);
    let len = html[start..].find(close).expect(close);
    &html[start..start + len]
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Hashes of an article's word 3-shingles, as `dateline-dedup` takes them.
fn shingles(html: &str) -> HashSet<u64> {
    let text = paragraphs(html).join(" ").to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .map(|shingle| {
            let mut hasher = DefaultHasher::new();
            shingle.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    a.intersection(b).count() as f64 / a.union(b).count() as f64
}

#[test]
fn fifty_articles_are_distinct_long_and_well_formed() {
    let mut titles = HashSet::new();
    let mut leads = HashSet::new();
    for n in 0..50 {
        let page = pages::article(SITE, n);
        assert_eq!(page, pages::article(SITE, n), "deterministic");
        let paragraphs = paragraphs(&page);
        assert!(
            (5..=8).contains(&paragraphs.len()),
            "article {n}: {} paragraphs",
            paragraphs.len()
        );
        for p in &paragraphs {
            assert!(
                (40..=80).contains(&words(p)),
                "article {n}: {} words in {p:?}",
                words(p)
            );
        }
        let total: usize = paragraphs.iter().map(|p| words(p)).sum();
        assert!(total > 300, "article {n}: {total} words");

        let title = between(&page, "<title>", "</title>");
        assert_eq!(title, format!("{} | News A", pages::article_title(SITE, n)));
        let published = pages::article_published(n);
        assert!(page.contains(&format!(
            "<meta property=\"article:published_time\" content=\"{published}\">"
        )));
        assert!(page.contains(&format!("<time datetime=\"{published}\">")));
        assert!(page.contains(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            pages::article_path(SITE, n)
        )));
        assert!(page.contains("<meta name=\"description\" content=\""));
        assert!(between(&page, "<p class=\"byline\">", "</p>").starts_with("By "));
        titles.insert(title.to_string());
        leads.insert(paragraphs[0].clone());
    }
    assert_eq!(titles.len(), 50, "distinct titles");
    assert_eq!(leads.len(), 50, "distinct first paragraphs");
    assert_eq!(pages::article_published(0), "2024-01-01T06:00:00Z");
}

#[test]
fn articles_are_far_from_near_duplicates() {
    let sets: Vec<_> = (0..50)
        .map(|n| shingles(&pages::article(SITE, n)))
        .collect();
    let mut worst = 0.0_f64;
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            worst = worst.max(jaccard(a, b));
        }
    }
    // Near duplicates start at 0.6; MinHash estimates wander by about 0.05
    // (128 minima), so stay well clear (the closest pair is now at 0.24).
    assert!(worst < 0.35, "closest pair of articles: Jaccard {worst:.2}");
    // The same number on another site is another article too.
    let other = shingles(&pages::article("news-b.test", 7));
    assert!(jaccard(&sets[7], &other) < 0.3);
}

#[test]
fn feeds_carry_every_item() {
    let items = [
        Item::new(
            "http://news-a.test:1/a?x=1&y=2",
            "Rain & wind",
            "2024-03-05T08:00:00Z",
        ),
        Item::new(
            "http://news-a.test:1/b",
            "Second",
            "2024-03-05T09:30:00+02:00",
        ),
        Item::new("http://news-a.test:1/c", "Third", "2024-03-06T10:00:00Z").guid_only(),
    ];
    let rss = pages::rss(&items);
    assert_eq!(rss.matches("<item>").count(), 3);
    assert!(rss.contains("<link>http://news-a.test:1/a?x=1&amp;y=2</link>"));
    assert!(rss.contains("<title>Rain &amp; wind</title>"));
    assert!(rss.contains("<pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>"));
    assert!(rss.contains("<pubDate>Tue, 05 Mar 2024 09:30:00 +0200</pubDate>"));
    let last = rss.rsplit("<item>").next().unwrap_or("");
    assert!(
        last.contains("<guid isPermaLink=\"true\">http://news-a.test:1/c</guid>")
            && !last.contains("<link>")
    );
    assert!(!rss.contains("<ttl>"));
    assert!(pages::rss_with_ttl(&items, Some(15)).contains("<ttl>15</ttl>"));

    let atom = pages::atom(&items);
    assert_eq!(atom.matches("<entry>").count(), 3);
    assert_eq!(atom.matches("<link rel=\"alternate\"").count(), 2);
    assert!(atom.contains("<id>http://news-a.test:1/c</id>"));
    assert!(atom.contains("<updated>2024-03-06T10:00:00Z</updated>\n<entry>"));

    let json: serde_json::Value =
        serde_json::from_str(&pages::json_feed(&items)).expect("JSON Feed is JSON");
    let entries = json["items"].as_array().expect("items");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["url"], "http://news-a.test:1/a?x=1&y=2");
    assert_eq!(entries[2]["id"], "http://news-a.test:1/c");
    assert!(entries[2].get("url").is_none());
}

#[test]
fn sitemaps_list_their_urls() {
    let a = "http://news-a.test:1/news/a".to_string();
    let b = "http://news-a.test:1/news/b?p=1&q=2".to_string();
    let map = pages::sitemap(&[(a.clone(), Some("2024-03-05".into())), (b.clone(), None)]);
    assert_eq!(map.matches("<url>").count(), 2);
    assert_eq!(map.matches("<lastmod>").count(), 1);
    assert!(map.contains("<loc>http://news-a.test:1/news/b?p=1&amp;q=2</loc>"));

    let news = pages::news_sitemap(&[(a.clone(), "2024-03-05T08:00:00Z".into())]);
    assert!(news.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
    assert!(news.contains("<news:publication_date>2024-03-05T08:00:00Z</news:publication_date>"));
    assert!(news.contains("<news:title>A</news:title>"));

    let index = pages::sitemap_index(&[(a.clone(), None), (b.clone(), Some("2024-03-06".into()))]);
    assert_eq!(index.matches("<sitemap>").count(), 2);
    assert_eq!(
        pages::text_sitemap(&[a.clone(), b.clone()]),
        format!("{a}\n{b}\n")
    );
}

#[test]
fn front_pages_link_articles_and_announce_feeds() {
    let links = vec![
        pages::article_path(SITE, 1),
        "http://news-b.test:1/other".to_string(),
    ];
    let feeds = [
        (FeedKind::Rss, "/rss.xml".to_string()),
        (FeedKind::Atom, "/atom.xml".to_string()),
        (FeedKind::Json, "/feed.json".to_string()),
    ];
    let page = pages::front_page(SITE, &links, &feeds);
    for link in &links {
        assert!(page.contains(&format!("<a href=\"{link}\">")), "{link}");
    }
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"News A\" href=\"/rss.xml\">"
    ));
    assert!(page.contains("type=\"application/atom+xml\""));
    assert!(page.contains("type=\"application/feed+json\""));
    for path in pages::BOILERPLATE_PATHS {
        assert!(page.contains(&format!("href=\"{path}\"")), "{path}");
    }
    assert!(!pages::front_page(SITE, &links, &[]).contains("rel=\"alternate\""));
}

#[test]
fn dates_convert_to_rss_and_http_forms() {
    assert_eq!(
        pages::rfc2822("2019-12-09T17:34:00+02:00"),
        "Mon, 09 Dec 2019 17:34:00 +0200"
    );
    assert_eq!(
        pages::rfc2822("2024-02-29T23:59:59.123Z"),
        "Thu, 29 Feb 2024 23:59:59 +0000"
    );
    assert_eq!(
        pages::http_date("2000-01-01T00:00:00Z"),
        "Sat, 01 Jan 2000 00:00:00 GMT"
    );
    assert_eq!(pages::rfc2822("yesterday"), "yesterday");
}

#[test]
fn a_gzip_bomb_is_small_and_decodes_to_its_length() {
    // Whole segments and a remainder.
    let decoded = 1024 * 1024 + 123;
    let bomb = pages::gzip_bomb(decoded);
    assert!(bomb.len() < 4 * 1024, "{} bytes compressed", bomb.len());
    assert!(
        pages::gzip_bomb(1 << 30).len() < 2 << 20,
        "1 GiB from under 2 MiB"
    );
    let mut spaces = 0u64;
    let mut decoder = GzDecoder::new(bomb.as_slice());
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = decoder.read(&mut chunk).expect("valid gzip");
        if n == 0 {
            break;
        }
        assert!(chunk[..n].iter().all(|b| *b == b' '));
        spaces += n as u64;
    }
    assert_eq!(spaces, decoded);
    let page = pages::article(SITE, 1);
    let mut unzipped = String::new();
    GzDecoder::new(pages::gzip(page.as_bytes()).as_slice())
        .read_to_string(&mut unzipped)
        .expect("valid gzip");
    assert_eq!(unzipped, page);
}
