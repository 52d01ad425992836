//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read by feed-rs; and a
//! lenient reader for the feeds it refuses whole (a stray `&`, a feed cut
//! short), which keeps every item it can find.

use quick_xml::events::Event;
use quick_xml::Reader;
use url::Url;

/// What a feed lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    /// The items' page URLs, absolute, in feed order.
    pub items: Vec<FeedItem>,
    /// RSS `<ttl>`: the publisher's minimum polling interval, minutes.
    pub ttl_minutes: Option<u32>,
    /// feed-rs refused the feed and the lenient reader read it: why.
    pub repaired: Option<String>,
}

/// One item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's page.
    pub url: String,
    /// Its publication (or update) time, as given or in RFC 3339.
    pub published: Option<String>,
}

/// Items beyond this are dropped.
const MAX_ITEMS: usize = 10_000;

/// Reads a feed's items; `Err` when it is not a feed at all.
pub fn parse(bytes: &[u8], base: &Url) -> Result<Feed, String> {
    match feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(bytes)
    {
        Ok(feed) => {
            let items = feed
                .entries
                .iter()
                .filter_map(|entry| {
                    let link = entry
                        .links
                        .iter()
                        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                        .or(entry.links.first())
                        .map(|l| l.href.as_str())
                        .or_else(|| looks_like_url(&entry.id).then_some(entry.id.as_str()))?;
                    Some(FeedItem {
                        url: absolute(link, base)?,
                        published: entry.published.or(entry.updated).map(|t| t.to_rfc3339()),
                    })
                })
                .take(MAX_ITEMS)
                .collect();
            Ok(Feed {
                items,
                ttl_minutes: feed.ttl,
                repaired: None,
            })
        }
        Err(err) => {
            let lenient = lenient(bytes, base);
            if lenient.items.is_empty() {
                Err(format!("not a feed: {err}"))
            } else {
                Ok(Feed {
                    repaired: Some(err.to_string()),
                    ..lenient
                })
            }
        }
    }
}

fn looks_like_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn absolute(link: &str, base: &Url) -> Option<String> {
    let url = base.join(link.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// What the lenient reader is in.
#[derive(Default)]
struct Item {
    link: Option<String>,
    guid: Option<String>,
    date: Option<String>,
}

/// Items from whatever XML can be tokenised: `<item>` or `<entry>` with
/// `<link>` text or `href`, `<guid>`/`<id>`, a date element. Entities that
/// do not decode (a stray `&`) are kept as written.
fn lenient(bytes: &[u8], base: &Url) -> Feed {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut feed = Feed::default();
    let mut item: Option<Item> = None;
    let mut field: Option<&'static str> = None;
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"item" | b"entry" => item = Some(Item::default()),
                    b"link" => {
                        field = Some("link");
                        let alternate = e
                            .try_get_attribute("rel")
                            .ok()
                            .flatten()
                            .is_none_or(|r| r.value.as_ref() == b"alternate");
                        if let (Some(item), Ok(Some(href))) =
                            (item.as_mut(), e.try_get_attribute("href"))
                        {
                            if alternate || item.link.is_none() {
                                item.link = Some(String::from_utf8_lossy(&href.value).into_owned());
                            }
                        }
                    }
                    b"guid" | b"id" => field = Some("guid"),
                    b"pubDate" | b"published" | b"updated" | b"date" => field = Some("date"),
                    b"ttl" => field = Some("ttl"),
                    _ => field = None,
                }
            }
            Event::Text(t) => {
                let text = t
                    .unescape()
                    .map(|s| s.trim().to_string())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&t).trim().to_string());
                match (field, item.as_mut()) {
                    (Some("link"), Some(item)) if item.link.is_none() => item.link = Some(text),
                    (Some("guid"), Some(item)) => item.guid = Some(text),
                    (Some("date"), Some(item)) if item.date.is_none() => item.date = Some(text),
                    (Some("ttl"), None) => feed.ttl_minutes = text.parse().ok(),
                    _ => {}
                }
            }
            Event::End(e) => {
                field = None;
                if matches!(e.local_name().as_ref(), b"item" | b"entry") {
                    if let Some(done) = item.take() {
                        let link = done
                            .link
                            .or(done.guid.filter(|g| looks_like_url(g)))
                            .and_then(|l| absolute(&l, base));
                        if let Some(url) = link {
                            feed.items.push(FeedItem {
                                url,
                                published: done.date,
                            });
                        }
                        if feed.items.len() >= MAX_ITEMS {
                            break;
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    feed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.test/feeds/world.xml").unwrap()
    }

    #[test]
    fn rss_atom_and_json_feeds() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><ttl>15</ttl>
            <item><title>A</title><link>https://news.test/a</link><pubDate>Mon, 09 Dec 2019 17:34:00 GMT</pubDate></item>
            <item><guid isPermaLink="true">https://news.test/b</guid></item>
            <item><link>/c</link></item></channel></rss>"#;
        let feed = parse(rss, &base()).unwrap();
        let urls: Vec<&str> = feed.items.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.test/a",
                "https://news.test/b",
                "https://news.test/c"
            ]
        );
        assert_eq!(feed.ttl_minutes, Some(15));
        assert_eq!(feed.repaired, None);
        assert!(feed.items[0]
            .published
            .as_deref()
            .unwrap()
            .starts_with("2019-12-09T17:34:00"));

        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>
            <entry><id>tag:news.test,2019:1</id><title>A</title><updated>2019-12-09T17:34:00Z</updated>
            <link rel="alternate" href="https://news.test/atom-a"/></entry></feed>"#;
        assert_eq!(
            parse(atom, &base()).unwrap().items[0].url,
            "https://news.test/atom-a"
        );

        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "W",
            "items": [{"id": "1", "url": "https://news.test/json-a", "date_published": "2019-12-09T17:34:00Z"}]}"#;
        assert_eq!(
            parse(json, &base()).unwrap().items[0].url,
            "https://news.test/json-a"
        );
    }

    #[test]
    fn a_stray_ampersand_or_a_cut_keeps_the_items() {
        let stray = br#"<rss version="2.0"><channel><title>Tom & Jerry</title>
            <item><title>Q&A</title><link>https://news.test/qa?a=1&b=2</link></item>
            <item><link>https://news.test/two</link></item></channel></rss>"#;
        let feed = parse(stray, &base()).unwrap();
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].url, "https://news.test/qa?a=1&b=2");

        let cut = br#"<rss version="2.0"><channel><item><link>https://news.test/one</link></item><item><link>https://news.te"#;
        let feed = parse(cut, &base()).unwrap();
        assert_eq!(feed.items.len(), 1);
    }

    #[test]
    fn html_and_junk_are_not_feeds() {
        assert!(parse(
            b"<!doctype html><html><body><p>Hello</p></body></html>",
            &base()
        )
        .is_err());
        assert!(parse(b"\x00\x01\x02", &base()).is_err());
        assert!(parse(b"", &base()).is_err());
    }
}
