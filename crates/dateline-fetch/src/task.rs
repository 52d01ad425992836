//! One request, start to finish, off the crawl's main thread: the exchange,
//! then (on a blocking thread) the body decoded and read as what it was
//! asked for, and the WARC records encoded.

use std::path::PathBuf;

use dateline_input::Record;
use reqwest::header::HeaderMap;
use url::Url;

use crate::documents::{self, Document};
use crate::links::PageLinks;
use crate::net::{Ask, Client, Exchange, FetchError};
use crate::robots::{Robots, MAX_ROBOTS_BYTES};
use crate::warc::{self, Encoded};

/// What to make of a 2xx body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Want {
    /// Read it as a document: a feed, a sitemap or a page's feeds and
    /// links.
    pub document: bool,
    /// Plain text is a list of URLs (a sitemap was asked for).
    pub text_sitemap: bool,
    /// Make the page record the pipeline ingests.
    pub page: bool,
    /// Read the page's links (a crawl of a site without feeds).
    pub links: bool,
    /// Read it as robots.txt.
    pub robots: bool,
}

/// Size caps.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// Pages, as sent and decoded.
    pub page: u64,
    /// Feeds and sitemaps, decoded.
    pub document: u64,
}

/// What was read from an answer.
#[derive(Debug)]
pub enum Content {
    /// Nothing (not a 2xx, or nothing was wanted).
    Nothing,
    /// robots.txt, and its text.
    Robots(Robots, String),
    /// A document.
    Document(Document),
    /// A page for the pipeline (or why there is none) and its links.
    Page {
        /// The record, as the WARC file will give it back.
        record: Result<Record, String>,
        /// Its links, when wanted.
        links: Option<PageLinks>,
    },
    /// The body could not be read (a gzip bomb, a corrupt encoding).
    Unreadable(String),
}

/// An answer, processed.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// Its WARC records (request, then response or revisit).
    pub encoded: Encoded,
    /// A hash of the body as sent.
    pub body_hash: Vec<u8>,
    /// What was read.
    pub content: Content,
}

impl Reply {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Fetches `url` and processes the answer.
pub async fn fetch(
    client: Client,
    url: Url,
    ask: Ask,
    want: Want,
    caps: Caps,
    refers_to: Option<String>,
) -> Result<Reply, FetchError> {
    let exchange = client.get(&url, &ask).await?;
    tokio::task::spawn_blocking(move || process(&url, exchange, want, caps, refers_to.as_deref()))
        .await
        .map_err(|err| FetchError::Body(format!("processing the answer failed: {err}")))
}

fn process(
    url: &Url,
    exchange: Exchange,
    want: Want,
    caps: Caps,
    refers_to: Option<&str>,
) -> Reply {
    let body_hash = xxhash_rust::xxh3::xxh3_128(&exchange.body)
        .to_be_bytes()
        .to_vec();
    let encoded = if exchange.status == 304 {
        warc::encode_revisit(url.as_str(), &exchange, refers_to)
    } else {
        warc::encode_exchange(url.as_str(), &exchange)
    };
    let content = if (200..300).contains(&exchange.status) {
        read(url, &exchange, &encoded, want, caps)
    } else {
        Content::Nothing
    };
    Reply {
        status: exchange.status,
        headers: exchange.headers,
        encoded,
        body_hash,
        content,
    }
}

fn read(url: &Url, exchange: &Exchange, encoded: &Encoded, want: Want, caps: Caps) -> Content {
    if want.robots {
        let mut body =
            documents::decoded_body(exchange, MAX_ROBOTS_BYTES as u64 * 4).unwrap_or_default();
        body.truncate(MAX_ROBOTS_BYTES);
        let robots = Robots::from_answer(exchange.status, &body);
        return Content::Robots(robots, String::from_utf8_lossy(&body).into_owned());
    }
    if !(want.document || want.page) {
        return Content::Nothing;
    }
    let cap = if want.document {
        caps.document
    } else {
        caps.page
    };
    let body = match documents::decoded_body(exchange, cap) {
        Ok(body) => body,
        Err(reason) => return Content::Unreadable(reason),
    };
    let charset = exchange.header("content-type").and_then(charset_of);
    if want.document {
        return Content::Document(documents::read(
            &body,
            url,
            charset.as_deref(),
            want.text_sitemap,
        ));
    }
    // The page as the WARC file gives it back; its path and offset are
    // set when the records are written.
    let record = warc::page_of(&encoded.members[1], &PathBuf::new(), 0);
    let links = (want.links && record.is_ok()).then(|| {
        let html = dateline_extract::decode(&body, charset.as_deref(), true).text;
        crate::links::page_links(&html, url)
    });
    Content::Page { record, links }
}

/// The `charset` parameter of a `Content-Type`.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_from_content_types() {
        assert_eq!(
            charset_of("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_of("text/html"), None);
    }
}
