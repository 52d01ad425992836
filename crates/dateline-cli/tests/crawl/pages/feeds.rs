//! Feeds in the three formats news sites publish: RSS 2.0, Atom 1.0 and
//! JSON Feed 1.1, from one list of items, so a test can offer the same
//! stories in each and expect the same result.

use serde_json::json;

use super::dates::rfc2822;
use super::escape;

/// The three feed formats, as announced by `<link rel="alternate">`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedKind {
    Rss,
    Atom,
    Json,
}

impl FeedKind {
    /// The media type of `<link type>` and of the feed's `Content-Type`.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedKind::Rss => "application/rss+xml",
            FeedKind::Atom => "application/atom+xml",
            FeedKind::Json => "application/feed+json",
        }
    }
}

/// One feed entry.
#[derive(Clone, Debug)]
pub struct Item {
    pub url: String,
    pub title: String,
    /// RFC 3339, e.g. `2024-03-05T08:00:00Z`; RSS gets it as RFC 2822.
    pub published: String,
    /// The entry names its page only as an id (RSS `<guid
    /// isPermaLink="true">`, Atom `<id>`, JSON `id`), with no link.
    pub guid_only: bool,
}

impl Item {
    pub fn new(url: &str, title: &str, published: &str) -> Item {
        Item {
            url: url.to_string(),
            title: title.to_string(),
            published: published.to_string(),
            guid_only: false,
        }
    }

    /// The same item without a link, its URL only in the id.
    pub fn guid_only(self) -> Item {
        Item {
            guid_only: true,
            ..self
        }
    }
}

/// RSS 2.0 without `<ttl>`.
pub fn rss(items: &[Item]) -> String {
    rss_with_ttl(items, None)
}

/// RSS 2.0; `ttl` in minutes, as the channel's `<ttl>` (a refresh hint).
pub fn rss_with_ttl(items: &[Item], ttl: Option<u32>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\">\n<channel>\n\
         <title>Latest news</title>\n<link>/</link>\n\
         <description>The latest stories</description>\n<language>en</language>\n",
    );
    if let Some(ttl) = ttl {
        out.push_str(&format!("<ttl>{ttl}</ttl>\n"));
    }
    for item in items {
        out.push_str("<item>\n");
        out.push_str(&format!("  <title>{}</title>\n", escape(&item.title)));
        if item.guid_only {
            out.push_str(&format!(
                "  <guid isPermaLink=\"true\">{}</guid>\n",
                escape(&item.url)
            ));
        } else {
            out.push_str(&format!("  <link>{}</link>\n", escape(&item.url)));
            out.push_str(&format!(
                "  <guid isPermaLink=\"false\">{}</guid>\n",
                escape(&guid(item))
            ));
        }
        out.push_str(&format!(
            "  <pubDate>{}</pubDate>\n",
            rfc2822(&item.published)
        ));
        out.push_str(&format!(
            "  <description>{}</description>\n",
            escape(&summary(item))
        ));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// Atom 1.0; `updated` is the newest item's date.
pub fn atom(items: &[Item]) -> String {
    let updated = newest(items);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>Latest news</title>\n<id>urn:dateline-fake-web:feed</id>\n\
         <updated>{updated}</updated>\n"
    );
    for item in items {
        out.push_str("<entry>\n");
        out.push_str(&format!("  <title>{}</title>\n", escape(&item.title)));
        if item.guid_only {
            out.push_str(&format!("  <id>{}</id>\n", escape(&item.url)));
        } else {
            out.push_str(&format!(
                "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                escape(&item.url)
            ));
            out.push_str(&format!("  <id>{}</id>\n", escape(&guid(item))));
        }
        out.push_str(&format!(
            "  <published>{}</published>\n",
            escape(&item.published)
        ));
        out.push_str(&format!(
            "  <updated>{}</updated>\n",
            escape(&item.published)
        ));
        out.push_str("  <author><name>Newsroom</name></author>\n");
        out.push_str(&format!(
            "  <summary>{}</summary>\n",
            escape(&summary(item))
        ));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// JSON Feed 1.1 (`application/feed+json`).
pub fn json_feed(items: &[Item]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|item| {
            let id = if item.guid_only {
                item.url.clone()
            } else {
                guid(item)
            };
            let mut entry = json!({
                "id": id,
                "title": item.title,
                "date_published": item.published,
                "summary": summary(item),
            });
            if !item.guid_only {
                entry["url"] = json!(item.url);
            }
            entry
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Latest news",
        "items": items,
    });
    serde_json::to_string_pretty(&feed).expect("a JSON value prints")
}

/// An opaque id, not a URL: only `guid_only` items carry their URL there.
fn guid(item: &Item) -> String {
    let hash = item.url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("urn:story:{hash:016x}")
}

fn summary(item: &Item) -> String {
    format!("{}. Read the full story on our site.", item.title)
}

/// The latest `published` (RFC 3339 in UTC sorts as text), or a fixed date.
fn newest(items: &[Item]) -> String {
    items
        .iter()
        .map(|item| item.published.clone())
        .max()
        .unwrap_or_else(|| "2024-01-01T00:00:00Z".to_string())
}
