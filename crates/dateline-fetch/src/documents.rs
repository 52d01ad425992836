//! What a fetched body is (a feed, a sitemap, an HTML page), decoded from
//! its content encoding with a cap, and what it lists.

use std::io::Read;

use url::Url;

use crate::feed::{self, Feed};
use crate::links::{self, PageLinks};
use crate::net::Exchange;
use crate::sitemap::{self, Sitemap};

/// What a body turned out to be, read.
#[derive(Debug)]
pub enum Document {
    /// A feed and its items.
    Feed(Feed),
    /// A sitemap and its entries.
    Sitemap(Sitemap),
    /// An HTML page: its feeds and links.
    Page(PageLinks),
    /// Something else, with what it is.
    Other(String),
}

/// What the first bytes say a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// RSS, Atom, RDF or JSON Feed.
    Feed,
    /// `<urlset>` or `<sitemapindex>`.
    Sitemap,
    /// HTML.
    Html,
    /// None of these.
    Unknown,
}

/// The body decoded from `Content-Encoding` (and gzip by magic bytes, as
/// `.xml.gz` sitemaps come), at most `cap` bytes: a gzip bomb is an error.
pub fn decoded_body(exchange: &Exchange, cap: u64) -> Result<Vec<u8>, String> {
    let encoding = exchange
        .header("content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let mut body = match encoding.as_str() {
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&exchange.body[..]), cap)?,
        "deflate" => deflate(&exchange.body, cap)?,
        "" | "identity" => exchange.body.clone(),
        other => return Err(format!("unsupported content encoding {other:?}")),
    };
    if body.starts_with(&[0x1f, 0x8b]) {
        body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), cap)?;
    }
    if body.len() as u64 > cap {
        return Err(format!("larger than {cap} bytes"));
    }
    Ok(body)
}

fn inflate(decoder: impl Read, cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|err| format!("corrupt compressed body: {err}"))?;
    if out.len() as u64 > cap {
        return Err(format!(
            "decompresses to more than {cap} bytes (a gzip bomb?)"
        ));
    }
    Ok(out)
}

/// `deflate` is zlib-wrapped by the standard and raw by some servers.
fn deflate(body: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    inflate(flate2::read::ZlibDecoder::new(body), cap)
        .or_else(|_| inflate(flate2::read::DeflateDecoder::new(body), cap))
}

/// What the first bytes of a (decoded) body say it is.
pub fn sniff(body: &[u8]) -> Sniffed {
    let head = &body[..body.len().min(4096)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    if text.starts_with('{') {
        return if text.contains("jsonfeed.org") {
            Sniffed::Feed
        } else {
            Sniffed::Unknown
        };
    }
    // The first element, past the XML declaration, comments and doctype.
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        if tag.starts_with("!doctype html") {
            return Sniffed::Html;
        }
        if tag.starts_with('?') || tag.starts_with('!') {
            rest = &tag[tag.find('>').map_or(tag.len(), |end| end + 1)..];
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
            .collect();
        let local = name.rsplit(':').next().unwrap_or("");
        return match local {
            "urlset" | "sitemapindex" => Sniffed::Sitemap,
            "rss" | "feed" | "rdf" => Sniffed::Feed,
            "html" | "head" | "body" => Sniffed::Html,
            _ => Sniffed::Unknown,
        };
    }
    Sniffed::Unknown
}

/// Reads a decoded body as the document it is; `page_charset` decodes an
/// HTML page. Plain text is read as a list of URLs when `text_sitemap`
/// (the body was asked for as a sitemap).
pub fn read(body: &[u8], url: &Url, page_charset: Option<&str>, text_sitemap: bool) -> Document {
    match sniff(body) {
        Sniffed::Feed => match feed::parse(body, url) {
            Ok(feed) => Document::Feed(feed),
            Err(reason) => Document::Other(reason),
        },
        Sniffed::Sitemap => Document::Sitemap(sitemap::parse(body)),
        Sniffed::Html => {
            let html = dateline_extract::decode(body, page_charset, true).text;
            Document::Page(links::page_links(&html, url))
        }
        Sniffed::Unknown if text_sitemap => {
            let sitemap = sitemap::parse(body);
            match &sitemap.error {
                None => Document::Sitemap(sitemap),
                Some(reason) => Document::Other(reason.clone()),
            }
        }
        // Feeds without an XML root feed-rs knows by name still parse.
        Sniffed::Unknown => match feed::parse(body, url) {
            Ok(feed) if !feed.items.is_empty() => Document::Feed(feed),
            _ => Document::Other("neither a feed, a sitemap nor an HTML page".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;

    fn exchange(encoding: Option<&str>, body: Vec<u8>) -> Exchange {
        let mut headers = HeaderMap::new();
        if let Some(encoding) = encoding {
            headers.insert("content-encoding", HeaderValue::from_str(encoding).unwrap());
        }
        Exchange {
            request_head: Vec::new(),
            status: 200,
            headers,
            response_head: Vec::new(),
            body,
            ip: None,
            started: std::time::SystemTime::now(),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn bodies_decode_within_their_cap() {
        let xml = b"<urlset><url><loc>https://a.test/1</loc></url></urlset>".to_vec();
        assert_eq!(
            decoded_body(&exchange(Some("gzip"), gzip(&xml)), 1000).unwrap(),
            xml
        );
        // A sitemap.xml.gz served as is: gzip by magic bytes.
        assert_eq!(
            decoded_body(&exchange(None, gzip(&xml)), 1000).unwrap(),
            xml
        );
        let bomb = gzip(&vec![b' '; 10_000_000]);
        assert!(bomb.len() < 50_000);
        let err = decoded_body(&exchange(Some("gzip"), bomb), 1 << 20).unwrap_err();
        assert!(err.contains("gzip bomb"), "{err}");
        let cut = gzip(&xml);
        assert!(
            decoded_body(&exchange(Some("gzip"), cut[..cut.len() / 2].to_vec()), 1000).is_err()
        );
        assert!(decoded_body(&exchange(Some("br"), xml.clone()), 1000).is_err());
    }

    #[test]
    fn sniffing_past_declarations_and_comments() {
        assert_eq!(
            sniff(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- hi --><rss>"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>"),
            Sniffed::Feed
        );
        assert_eq!(sniff(b"<rdf:RDF>"), Sniffed::Feed);
        assert_eq!(
            sniff(b"<?xml version='1.0'?><sitemapindex>"),
            Sniffed::Sitemap
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(
            sniff(br#"{"version": "https://jsonfeed.org/version/1"}"#),
            Sniffed::Feed
        );
        assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Unknown);
    }

    #[test]
    fn an_html_page_served_as_a_feed_is_a_page() {
        let url = Url::parse("https://a.test/feed").unwrap();
        let html = b"<!doctype html><html><head><link rel=alternate type=application/rss+xml href=/rss></head></html>";
        match read(html, &url, None, false) {
            Document::Page(links) => assert_eq!(links.feeds, ["https://a.test/rss"]),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read(b"just text", &url, None, false),
            Document::Other(_)
        ));
        assert!(matches!(
            read(b"https://a.test/1\n", &url, None, true),
            Document::Sitemap(_)
        ));
    }
}
